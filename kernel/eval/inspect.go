package eval

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strings"
	"unicode/utf8"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// Inspect returns the signature and documentation of the name at cursor
// (in code points): a package member (fmt.Println, mat.NewDense), a
// function, type, variable or method declared in a cell (with its doc
// comment), a field or method of a value (x.Norm), a package, a builtin or a
// keyword. detail > 0 adds the full source of cell declarations.
func (in *Interp) Inspect(code string, cursor, detail int) (display.Data, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	off := runeOffset(code, cursor)
	end := off
	for end < len(code) {
		r, n := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += n
	}
	start := identBefore(code, end)
	if start == end {
		// After "f(" or "f(x, ": inspect the function being called.
		p := strings.LastIndexByte(code[:off], '(')
		if p < 0 {
			return display.Data{}, false
		}
		end = p
		for end > 0 && code[end-1] == ' ' {
			end--
		}
		start = identBefore(code, end)
		if start == end {
			return display.Data{}, false
		}
	}
	chain := chainBefore(code, end)
	lineStart := strings.LastIndexByte(code[:start], '\n') + 1
	text := in.describe(code[:lineStart], chain, detail)
	if text == "" {
		return display.Data{}, false
	}
	return display.Data{Data: display.MIMEMap{display.MIMETypeText: text}, Metadata: display.MIMEMap{}}, true
}

// describe returns the documentation text for a selector chain.
func (in *Interp) describe(before, chain string, detail int) string {
	parts := strings.Split(chain, ".")
	if len(parts) == 2 {
		if path, ok := in.sess.imports[parts[0]]; ok && !in.shadowed(parts[0]) {
			return in.describeMember(path, parts[1])
		}
	}
	if len(parts) == 1 {
		name := parts[0]
		if e := in.sess.decls[name]; e != nil {
			return in.describeDecl(e.decl, name, detail)
		}
		if t := in.sess.types[name]; t != nil {
			return in.describeDecl(&ast.GenDecl{Tok: token.TYPE, Specs: []ast.Spec{t.spec}}, name, detail)
		}
		if path, ok := in.sess.imports[name]; ok {
			if e, ok := in.docs.lookup(path, ""); ok {
				return fmt.Sprintf("package %s // import %q\n\n%s", name, path, e.Doc)
			}
			return fmt.Sprintf("package %s // import %q", name, path)
		}
		if d := builtinDoc(name); d != "" {
			return d
		}
		if name == "Display" {
			return "func Display(v ...any) error\n\nDisplay shows each value at once: a display.Data as it is, anything else by its method set (HTML, Markdown, Latex, SVG, PNG, JPEG, image.Image), with text/plain beside."
		}
	}
	// A value (or type) and a member: type-check the chain.
	c, _ := in.checkLoose(cellStatements(before+"\n") + "\n_ = " + chain)
	if c == nil {
		return ""
	}
	var obj types.Object
	var sel *types.Selection
	for e, s := range c.info.Selections {
		if exprString(e) == chain {
			sel = s
			obj = s.Obj()
		}
	}
	if obj == nil {
		for x, o := range c.info.Uses {
			if x.Name == parts[len(parts)-1] && len(parts) == 1 {
				obj = o
			}
		}
	}
	if obj == nil {
		return ""
	}
	text := types.ObjectString(obj, types.RelativeTo(c.pkg))
	if sel != nil {
		decl, doc := in.memberDoc(sel)
		if decl != "" {
			text = decl
		}
		if doc != "" {
			text += "\n\n" + doc
		}
	}
	return text
}

// describeMember documents a package's exported name.
func (in *Interp) describeMember(path, name string) string {
	if e, ok := in.docs.lookup(path, name); ok {
		out := e.Decl
		if e.Doc != "" {
			out += "\n\n" + strings.TrimSpace(e.Doc)
		}
		return out
	}
	pkg, err := in.imp.Import(path)
	if err != nil {
		return ""
	}
	if obj := pkg.Scope().Lookup(name); obj != nil {
		return types.ObjectString(obj, types.RelativeTo(pkg))
	}
	return ""
}

// memberDoc finds the documentation of a method or field of a package's
// type.
func (in *Interp) memberDoc(sel *types.Selection) (decl, doc string) {
	t := sel.Recv()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", ""
	}
	path := n.Obj().Pkg().Path()
	if path == "main" {
		if te := in.sess.types[n.Obj().Name()]; te != nil {
			if fd := te.methods[sel.Obj().Name()]; fd != nil && fd.Doc != nil {
				return "", strings.TrimSpace(fd.Doc.Text())
			}
		}
		return "", ""
	}
	// The method may be promoted from an embedded type: look it up by the
	// type that declares it.
	if fn, ok := sel.Obj().(*types.Func); ok {
		if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil {
			rt := sig.Recv().Type()
			if p, ok := rt.(*types.Pointer); ok {
				rt = p.Elem()
			}
			if rn, ok := rt.(*types.Named); ok && rn.Obj().Pkg() != nil {
				n, path = rn, rn.Obj().Pkg().Path()
			}
		}
	}
	if e, ok := in.docs.lookup(path, n.Obj().Name()+"."+sel.Obj().Name()); ok {
		return e.Decl, strings.TrimSpace(e.Doc)
	}
	return "", ""
}

// describeDecl prints a cell declaration: without its body unless detail
// is set, with its doc comment.
func (in *Interp) describeDecl(d ast.Decl, name string, detail int) string {
	var doc *ast.CommentGroup
	var node ast.Node = d
	switch d := d.(type) {
	case *ast.FuncDecl:
		doc = d.Doc
		c := *d
		c.Doc = nil
		if detail == 0 {
			c.Body = nil
		}
		node = &c
	case *ast.GenDecl:
		doc = d.Doc
		c := *d
		c.Doc = nil
		node = &c
		if doc == nil && len(d.Specs) == 1 {
			switch s := d.Specs[0].(type) {
			case *ast.TypeSpec:
				doc = s.Doc
			case *ast.ValueSpec:
				doc = s.Doc
			}
		}
	}
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), stripPos(node))
	out := b.String()
	if doc != nil {
		out += "\n\n" + strings.TrimSpace(doc.Text())
	}
	if t := in.sess.types[name]; t != nil && len(t.methods) > 0 {
		out += "\n\nMethods:"
		for _, m := range sortedMethodNames(t.methods) {
			fd := *t.methods[m]
			fd.Body, fd.Doc = nil, nil
			var mb bytes.Buffer
			printer.Fprint(&mb, token.NewFileSet(), stripPos(&fd))
			out += "\n\t" + mb.String()
		}
	}
	return out
}

// stripPos copies a node with every position cleared, so that it prints
// without the layout of the cell it came from.
func stripPos(n ast.Node) ast.Node {
	c := copyAST(n)
	ast.Inspect(c, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		clearPositions(n)
		return true
	})
	return c
}

// builtinDoc describes a builtin function or a keyword briefly.
func builtinDoc(name string) string {
	if d, ok := builtinDocs[name]; ok {
		return d
	}
	return ""
}

var builtinDocs = map[string]string{
	"append":  "func append(slice []Type, elems ...Type) []Type\n\nappend adds elements to the end of a slice and returns the updated slice.",
	"len":     "func len(v Type) int\n\nlen returns the length of a string, slice, array, map or channel.",
	"cap":     "func cap(v Type) int\n\ncap returns the capacity of a slice, array or channel.",
	"make":    "func make(t Type, size ...IntegerType) Type\n\nmake allocates and initializes a slice, map or channel.",
	"new":     "func new(Type) *Type\n\nnew allocates a zero value of the type and returns a pointer to it.",
	"copy":    "func copy(dst, src []Type) int\n\ncopy copies elements from src to dst and returns how many it copied.",
	"delete":  "func delete(m map[Type]Type1, key Type)\n\ndelete removes the element with the key from the map.",
	"panic":   "func panic(v any)\n\npanic stops the normal execution of the goroutine; deferred calls run; recover can regain control.",
	"recover": "func recover() any\n\nrecover, called in a deferred function, stops a panic and returns its value.",
	"min":     "func min[T cmp.Ordered](x T, y ...T) T\n\nmin returns the smallest of its arguments.",
	"max":     "func max[T cmp.Ordered](x T, y ...T) T\n\nmax returns the largest of its arguments.",
	"clear":   "func clear[T ~[]Type | ~map[Type]Type1](t T)\n\nclear deletes every map entry, or sets every slice element to its zero value.",
	"close":   "func close(c chan<- Type)\n\nclose closes a channel: no more values will be sent on it.",
	"print":   "func print(args ...Type)\n\nprint writes its arguments to standard error.",
	"println": "func println(args ...Type)\n\nprintln writes its arguments, separated by spaces and followed by a newline, to standard error.",
}
