package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"
)

// versionSep joins a type's name and version in the name yaegi knows a
// redeclared type by: yaegi ignores a second declaration of a type, so
// "type T ..." in a later cell declares T·2 and makes T an alias of it.
const versionSep = "·"

var versioned = regexp.MustCompile(`([\pL_][\pL\pN_]*)` + versionSep + `\d+`)

// unversion removes version suffixes from a message.
func unversion(s string) string { return versioned.ReplaceAllString(s, "$1") }

func versionName(name string, v int) string {
	if v <= 1 {
		return name
	}
	return fmt.Sprintf("%s%s%d", name, versionSep, v)
}

// versionTypes rewrites the types a file piece declares or changes:
//   - a type declared in an earlier cell gets a new version and the name
//     becomes an alias of it (its methods from earlier cells are dropped,
//     as a new type has none);
//   - a method declared again (or one whose earlier declaration failed)
//     makes a new version of its type carrying the other methods, since
//     yaegi keeps the first method of a name;
//   - receivers name the type's current version.
func (in *Interp) versionTypes(f *ast.File, c *checked) {
	s := in.sess
	redeclared := map[string]int{} // type → new version
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			ts := sp.(*ast.TypeSpec)
			if e := s.types[ts.Name.Name]; e != nil && ts.TypeParams == nil && !ts.Assign.IsValid() {
				redeclared[ts.Name.Name] = e.version + 1
			}
		}
	}
	// Methods declared again on types not redeclared here.
	again := map[string]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		r := recvTypeName(fd)
		e := s.types[r]
		if e == nil || redeclared[r] > 0 || e.spec == nil || e.spec.TypeParams != nil {
			continue
		}
		if _, dup := e.methods[fd.Name.Name]; dup || e.broken {
			again[r] = true
		}
	}
	for r := range again {
		e := s.types[r]
		redeclared[r] = e.version + 1
		spec := copyAST(e.spec)
		g := &ast.GenDecl{Tok: token.TYPE, TokPos: spec.Pos(), Specs: []ast.Spec{spec}}
		f.Decls = append(f.Decls, g)
		mine := map[string]bool{}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && recvTypeName(fd) == r {
				mine[fd.Name.Name] = true
			}
		}
		for _, name := range sortedMethodNames(e.methods) {
			if !mine[name] {
				f.Decls = append(f.Decls, copyAST(e.methods[name]))
			}
		}
	}
	if len(redeclared) == 0 {
		in.retargetReceivers(f, nil)
		return
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		var specs []ast.Spec
		for _, sp := range g.Specs {
			ts := sp.(*ast.TypeSpec)
			v, ok := redeclared[ts.Name.Name]
			if !ok || ts.Assign.IsValid() {
				specs = append(specs, ts)
				continue
			}
			name := ts.Name.Name
			internal := versionName(name, v)
			renameIdents(ts.Type, name, internal)
			ts.Name = id(internal, ts.Name.Pos())
			alias := &ast.TypeSpec{Name: id(name, ts.Name.Pos()), Assign: ts.Name.Pos(), Type: id(internal, ts.Name.Pos())}
			specs = append(specs, ts, alias)
		}
		g.Specs = specs
		if len(specs) > 1 && !g.Lparen.IsValid() {
			g.Lparen, g.Rparen = g.TokPos, g.TokPos
		}
	}
	in.retargetReceivers(f, redeclared)
	_ = c
}

func sortedMethodNames(m map[string]*ast.FuncDecl) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// retargetReceivers makes method receivers name the current version of
// their type (the new one for types in redeclared).
func (in *Interp) retargetReceivers(f *ast.File, redeclared map[string]int) {
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		r := recvTypeName(fd)
		target := r
		if v, ok := redeclared[r]; ok {
			target = versionName(r, v)
		} else if e := in.sess.types[r]; e != nil {
			target = e.current
		}
		if target != r {
			renameIdents(fd.Recv.List[0].Type, r, target)
		}
	}
}

// renameIdents renames identifiers called from in n.
func renameIdents(n ast.Node, from, to string) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			renameIdents(x.X, from, to)
			return false
		case *ast.Ident:
			if x.Name == from {
				x.Name = to
			}
		}
		return true
	})
}

// commitTypes records the types and methods of a file piece that compiled
// (orig is the piece as written).
func (s *session) commitTypes(orig *ast.File, seq int) (dropped map[string][]string) {
	dropped = map[string][]string{}
	declaredHere := map[string]bool{}
	for _, d := range orig.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			ts := sp.(*ast.TypeSpec)
			if ts.Assign.IsValid() {
				continue
			}
			name := ts.Name.Name
			declaredHere[name] = true
			e := s.types[name]
			if e == nil {
				s.types[name] = &typeEntry{name: name, current: name, version: 1, spec: ts, methods: map[string]*ast.FuncDecl{}}
				continue
			}
			if ts.TypeParams == nil {
				e.version++
				e.current = versionName(name, e.version)
			}
			for m := range e.methods {
				dropped[name] = append(dropped[name], m)
				if de := s.decls[name+"."+m]; de != nil {
					de.dead = true
					delete(s.decls, name+"."+m)
				}
			}
			e.spec, e.methods, e.broken = ts, map[string]*ast.FuncDecl{}, false
		}
	}
	again := map[string]bool{}
	for _, d := range orig.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		r := recvTypeName(fd)
		e := s.types[r]
		if e == nil {
			continue
		}
		if _, dup := e.methods[fd.Name.Name]; (dup || e.broken) && !declaredHere[r] && e.spec.TypeParams == nil && !again[r] {
			again[r] = true
			e.version++
			e.current = versionName(r, e.version)
			e.broken = false
		}
		e.methods[fd.Name.Name] = fd
		// A method declared for a type of this piece replaces a dropped one.
		if ms := dropped[r]; ms != nil {
			for i, m := range ms {
				if m == fd.Name.Name {
					dropped[r] = append(ms[:i], ms[i+1:]...)
					break
				}
			}
		}
	}
	for k, v := range dropped {
		if len(v) == 0 {
			delete(dropped, k)
		}
	}
	return dropped
}

// markBroken records that a piece declaring methods failed to compile:
// yaegi may have kept a half-made method, so the next declaration of a
// method of those types makes new versions of them.
func (s *session) markBroken(f *ast.File) {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			if e := s.types[recvTypeName(fd)]; e != nil {
				e.broken = true
			}
		}
	}
}

// dropBodyless removes function declarations without a body, which Go
// allows only for functions written in assembly (gophernotes' reference
// cells list signatures that way).
func dropBodyless(f *ast.File) {
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
			continue
		}
		decls = append(decls, d)
	}
	f.Decls = decls
}

// dropRepeatedImports removes import specs already in scope with the same
// name and path: yaegi reports a second import of a package as a
// redeclaration, and re-running a cell is common.
func (in *Interp) dropRepeatedImports(f *ast.File) {
	decls := f.Decls[:0]
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			decls = append(decls, d)
			continue
		}
		specs := g.Specs[:0]
		for _, sp := range g.Specs {
			name, path := importName(sp.(*ast.ImportSpec))
			if in.sess.imports[name] == path {
				continue
			}
			specs = append(specs, sp)
		}
		g.Specs = specs
		if len(specs) > 0 {
			decls = append(decls, d)
		}
	}
	f.Decls = decls
	f.Imports = nil
}

// mainName replaces a cell's main function: yaegi would run a function
// named main after every later cell.
const mainName = "_swMain"

// renameMain renames every identifier main (the function and calls of it),
// except selectors' names.
func renameMain(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.File:
			for _, d := range x.Decls {
				renameMain(d)
			}
			return false
		case *ast.SelectorExpr:
			renameMain(x.X)
			return false
		case *ast.Ident:
			if x.Name == "main" {
				x.Name = mainName
			}
		}
		return true
	})
}

// declaresMain reports whether a file piece declares func main().
func declaresMain(f *ast.File) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" && fd.Body != nil {
			return true
		}
	}
	return false
}

var _ = types.Typ
var _ = strings.TrimSpace

// typeVersions returns a suffix naming the versions of the cell types in t,
// so that helpers made for a type are made again after it is redeclared.
func (s *session) typeVersions(t types.Type) string {
	suffix := ""
	var walk func(t types.Type)
	seen := map[types.Type]bool{}
	walk = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == "main" {
				if e := s.types[t.Obj().Name()]; e != nil && e.version > 1 {
					suffix += fmt.Sprintf("_v%d", e.version)
				}
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		}
	}
	walk(t)
	return suffix
}
