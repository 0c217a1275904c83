package eval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

// session is what the cells of one interpreter have built, as the type
// checker needs it: the imports in scope (yaegi keeps imports across cells,
// and refuses a second import of a package, so repeated imports are
// dropped), the latest declaration of each name, and the variables that
// top-level statements defined.
type session struct {
	imports map[string]string     // name in scope → import path
	decls   map[string]*declEntry // "f", "T", "T.M", "x" → its declaration
	order   []*declEntry          // in order of definition
	types   map[string]*typeEntry // cell-declared types, by name
}

// declEntry is one declaration an earlier cell made. A const or var group
// is kept whole (its iota and implicit values need it), under every name
// it declares.
type declEntry struct {
	keys []string
	decl ast.Decl
	seq  int
	dead bool
	head ast.Decl // decl without function bodies, for the type checker
}

// header returns the declaration as the type checker needs it for later
// cells: functions without their bodies (checked when declared; checking
// them again for every cell would cost time growing with the session).
func (e *declEntry) header() ast.Decl {
	if e.head != nil {
		return e.head
	}
	e.head = e.decl
	if fd, ok := e.decl.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.TypeParams == nil {
		c := *fd
		c.Body = nil
		e.head = &c
	}
	return e.head
}

// typeEntry records a type a cell declared: its current internal name
// (types redeclared in a later cell are versioned, see rewrite_types.go)
// and its methods.
type typeEntry struct {
	name    string                   // the name cells use
	current string                   // the name yaegi knows it by
	version int                      // 1 for the first declaration
	spec    *ast.TypeSpec            // the latest declaration, as written
	methods map[string]*ast.FuncDecl // the latest declaration of each method, as written
	broken  bool                     // a method failed to compile after being registered
}

func newSession() *session {
	return &session{
		imports: map[string]string{"display": "display"},
		decls:   map[string]*declEntry{},
		types:   map[string]*typeEntry{},
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// importName is the name an import spec brings into scope.
func importName(s *ast.ImportSpec) (name, path string) {
	path, _ = strconv.Unquote(s.Path.Value)
	if s.Name != nil {
		return s.Name.Name, path
	}
	name = path
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			name = path[i+1:]
			break
		}
	}
	return name, path
}

// recvTypeName returns the name of a method's receiver type.
func recvTypeName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// declKeys returns the names a declaration defines ("T.M" for a method).
func declKeys(d ast.Decl) []string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Name.Name == "init" || d.Name.Name == "_" {
			return nil
		}
		if r := recvTypeName(d); r != "" {
			return []string{r + "." + d.Name.Name}
		}
		return []string{d.Name.Name}
	case *ast.GenDecl:
		var keys []string
		for _, sp := range d.Specs {
			switch sp := sp.(type) {
			case *ast.TypeSpec:
				keys = append(keys, sp.Name.Name)
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					if n.Name != "_" {
						keys = append(keys, n.Name)
					}
				}
			}
		}
		return keys
	}
	return nil
}

// declaredKeys returns the names piece p defines at package level.
func declaredKeys(p *piece) map[string]bool {
	keys := map[string]bool{}
	switch p.kind {
	case pieceFile:
		for _, d := range p.file.Decls {
			for _, k := range declKeys(d) {
				keys[k] = true
			}
		}
	case pieceStmts:
		for _, st := range p.body.List {
			if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						keys[id.Name] = true
					}
				}
			}
		}
	}
	return keys
}

// stateDecls returns the declarations of earlier cells, minus those whose
// names are in skip.
func (s *session) stateDecls(skip map[string]bool) []ast.Decl {
	var out []ast.Decl
	for _, e := range s.order {
		if e.dead {
			continue
		}
		keep := true
		for _, k := range e.keys {
			if skip[k] {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, e.header())
		}
	}
	return out
}

// define records decl under its keys, replacing what those names meant.
func (s *session) define(decl ast.Decl, keys []string, seq int) {
	if len(keys) == 0 {
		return
	}
	e := &declEntry{keys: keys, decl: decl, seq: seq}
	for _, k := range keys {
		if old := s.decls[k]; old != nil {
			old.dead = true
			for _, ok := range old.keys {
				if s.decls[ok] == old {
					delete(s.decls, ok)
				}
			}
		}
	}
	for _, k := range keys {
		s.decls[k] = e
	}
	s.order = append(s.order, e)
	if len(s.order) > 64 && len(s.order) > 2*len(s.decls) {
		live := s.order[:0]
		for _, e := range s.order {
			if !e.dead {
				live = append(live, e)
			}
		}
		s.order = live
	}
}

// commitFile records the imports and declarations of a file piece that
// compiled. orig holds the declarations as written (before rewriting).
func (s *session) commitFile(orig *ast.File, seq int) {
	for _, d := range orig.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			for _, sp := range g.Specs {
				name, path := importName(sp.(*ast.ImportSpec))
				if name != "_" && name != "." {
					s.imports[name] = path
				}
			}
			continue
		}
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, sp := range g.Specs {
				ts := sp.(*ast.TypeSpec)
				one := &ast.GenDecl{Tok: token.TYPE, TokPos: g.TokPos, Specs: []ast.Spec{ts}}
				if g.Doc != nil && len(g.Specs) == 1 {
					one.Doc = g.Doc
				}
				s.define(one, []string{ts.Name.Name}, seq)
			}
			continue
		}
		s.define(d, declKeys(d), seq)
	}
}

// prepareCommit computes, before piece p is rewritten in place, what it
// will add to the session once it compiles.
func (in *Interp) prepareCommit(p *piece, c *checked) func() {
	switch p.kind {
	case pieceFile:
		orig := copyAST(p.file)
		return func() {
			dropped := in.sess.commitTypes(orig, p.seq)
			in.sess.commitFile(orig, p.seq)
			for _, t := range sortedKeysOf(dropped) {
				fmt.Fprintf(in.rawStderr, "note: %s was redeclared, so its methods %s from earlier cells are gone; run the cells declaring them again\n",
					t, strings.Join(dropped[t], ", "))
			}
		}
	case pieceStmts:
		defs := in.stmtDefs(p.body, c)
		return func() {
			for _, d := range defs {
				in.sess.define(d.decl, d.names, p.seq)
			}
		}
	}
	return func() {}
}

// stmtDef is a variable declaration standing for a top-level := of a cell.
type stmtDef struct {
	decl  ast.Decl
	names []string
}

// stmtDefs returns the variables the top-level := statements of a
// statement piece define, as "var x T" when T can be written in the
// session's terms and as "var x = expr" otherwise.
func (in *Interp) stmtDefs(body *ast.BlockStmt, c *checked) []stmtDef {
	var defs []stmtDef
	for _, st := range body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		var names []string
		var typeExprs []ast.Expr
		for _, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			var te ast.Expr
			if c != nil {
				if obj := c.info.Defs[id]; obj != nil {
					if str, ok := in.typeString(obj.Type(), c.pkg); ok {
						te = in.parseTypeExpr(str)
					}
				} else if obj := c.info.Uses[id]; obj != nil {
					continue // assigned, not declared, by this :=
				}
			}
			names = append(names, id.Name)
			typeExprs = append(typeExprs, te)
		}
		if len(names) == 0 {
			continue
		}
		typed := true
		for _, te := range typeExprs {
			if te == nil {
				typed = false
			}
		}
		if typed {
			for i, n := range names {
				spec := &ast.ValueSpec{Names: []*ast.Ident{ast.NewIdent(n)}, Type: typeExprs[i]}
				defs = append(defs, stmtDef{&ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}}, []string{n}})
			}
			continue
		}
		spec := &ast.ValueSpec{Values: copyAST(&ast.CallExpr{Args: as.Rhs}).Args}
		for _, l := range as.Lhs {
			id, _ := l.(*ast.Ident)
			if id == nil {
				id = ast.NewIdent("_")
			}
			spec.Names = append(spec.Names, ast.NewIdent(id.Name))
		}
		defs = append(defs, stmtDef{&ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{spec}}, names})
	}
	return defs
}

// typeString writes t as cells would: types of the cell package unqualified,
// other packages by the name they are imported under. It reports false
// when t cannot be written so (a package not imported, an unexported or
// local type).
func (in *Interp) typeString(t types.Type, main *types.Package) (string, bool) {
	ok := true
	byPath := map[string]string{}
	for name, p := range in.sess.imports {
		byPath[p] = name
	}
	str := types.TypeString(t, func(p *types.Package) string {
		if p == main || p.Path() == "main" {
			return ""
		}
		if name, found := byPath[p.Path()]; found {
			return name
		}
		ok = false
		return p.Name()
	})
	if !ok || !writable(t, main, map[types.Type]bool{}) {
		return "", false
	}
	return str, true
}

// writable reports whether every named type in t is exported or belongs
// to the cell package at package level.
func writable(t types.Type, main *types.Package, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil {
			return true
		}
		if obj.Pkg() == main || obj.Pkg().Path() == "main" {
			if obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() {
				return false
			}
		} else if !obj.Exported() {
			return false
		}
		if args := t.TypeArgs(); args != nil {
			for i := 0; i < args.Len(); i++ {
				if !writable(args.At(i), main, seen) {
					return false
				}
			}
		}
		return true
	case *types.Basic:
		return t.Kind() != types.Invalid && t.Info()&types.IsUntyped == 0
	case *types.Pointer:
		return writable(t.Elem(), main, seen)
	case *types.Slice:
		return writable(t.Elem(), main, seen)
	case *types.Array:
		return writable(t.Elem(), main, seen)
	case *types.Map:
		return writable(t.Key(), main, seen) && writable(t.Elem(), main, seen)
	case *types.Chan:
		return writable(t.Elem(), main, seen)
	case *types.Signature:
		for i := 0; i < t.Params().Len(); i++ {
			if !writable(t.Params().At(i).Type(), main, seen) {
				return false
			}
		}
		for i := 0; i < t.Results().Len(); i++ {
			if !writable(t.Results().At(i).Type(), main, seen) {
				return false
			}
		}
		return true
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			if !t.Field(i).Exported() || !writable(t.Field(i).Type(), main, seen) {
				return false
			}
		}
		return true
	case *types.Interface:
		return true
	case *types.Alias:
		return writable(types.Unalias(t), main, seen)
	}
	return false
}

func sortedKeysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
