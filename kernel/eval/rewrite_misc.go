package eval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

func constantString(tv types.TypeAndValue) string {
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return ""
	}
	return constant.StringVal(tv.Value)
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// instantiate makes a generic function's inferred type arguments explicit
// (Map(xs, f) → Map[int, string](xs, f)): yaegi's inference misses some,
// such as a type parameter fixed only by a function literal's result.
func (w *rw) instantiate(e ast.Expr) ast.Expr {
	if w.c == nil {
		return nil
	}
	var name *ast.Ident
	switch f := e.(type) {
	case *ast.Ident:
		name = f
	case *ast.SelectorExpr:
		name = f.Sel
	default:
		return nil
	}
	inst, ok := w.c.info.Instances[name]
	if !ok || inst.TypeArgs == nil || inst.TypeArgs.Len() == 0 {
		return nil
	}
	fn, isFunc := w.c.info.Uses[name].(*types.Func)
	if !isFunc || fn.Pkg() == nil || fn.Pkg().Path() != "main" {
		return nil
	}
	var args []ast.Expr
	for i := 0; i < inst.TypeArgs.Len(); i++ {
		te := w.typeExpr(inst.TypeArgs.At(i))
		if te == nil {
			return nil
		}
		args = append(args, te)
	}
	if len(args) == 1 {
		return &ast.IndexExpr{X: e, Lbrack: e.End(), Index: args[0], Rbrack: e.End()}
	}
	return &ast.IndexListExpr{X: e, Lbrack: e.End(), Indices: args, Rbrack: e.End()}
}

// cellType reports whether t is (a pointer to) a non-interface type
// declared in a cell.
func cellType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "main" {
		return false
	}
	_, isIface := n.Underlying().(*types.Interface)
	return !isIface
}

// unwrapAssert rewrites x.(T), T a cell type, into _swUnwrapI(x).(T): a
// cell value held in an interface may be wrapped by yaegi (for error, for
// a compiled interface) and then never matches T.
func (w *rw) unwrapAssert(e *ast.TypeAssertExpr) ast.Expr {
	if e.Type == nil || w.c == nil {
		return nil
	}
	tv, ok := w.tv(e.Type)
	if !ok || !tv.IsType() || !cellType(tv.Type) {
		return nil
	}
	if xt, ok := w.tv(e.X); ok && w.refuseStructError(e.Pos(), xt.Type, tv.Type) {
		return nil
	}
	e.X = call(id("_swUnwrapI", e.X.Pos()), e.X.Pos(), e.X)
	return e
}

// refuseStructError refuses asserting a value held in a compiled interface
// (error, fmt.Stringer, ...) to a struct type declared in a cell: yaegi
// keeps such a value in a wrapper that loses its type, so the assertion
// would never match.
func (w *rw) refuseStructError(pos token.Pos, from, to types.Type) bool {
	if from == nil {
		return false
	}
	it, ok := from.Underlying().(*types.Interface)
	if !ok || it.Empty() {
		return false
	}
	if n, ok := from.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main" {
		return false // a cell's own interface keeps the value as it is
	}
	n, ok := to.(*types.Named)
	if !ok {
		return false
	}
	if _, isStruct := n.Underlying().(*types.Struct); !isStruct {
		return false
	}
	w.fail(pos, "the interpreter cannot recover a %s from a %s: yaegi keeps a struct value held in a %s without its type. Give %s's methods a pointer receiver (func (e *%s) ...) and use *%s values, or assert to an interface",
		n.Obj().Name(), from, from, n.Obj().Name(), n.Obj().Name(), n.Obj().Name())
	return true
}

// commaOkForm reports whether e is an expression with a comma-ok form.
func commaOkForm(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.ARROW
	}
	return false
}

// topComma rewrites "v, ok := x" (a comma-ok form or a call with several
// results) outside functions into declarations and an assignment: yaegi
// fails on that define among a cell's top-level statements ("undefined: v"
// in a nested block). A define with a blank on the left ("x, _ := 1, 2")
// is rewritten too, since yaegi would make "_" a global variable that
// later "_ = v" assignments of another type fail on.
func (w *rw) topComma(as *ast.AssignStmt) []ast.Stmt {
	if len(w.funcs) > 0 || w.inits[as] || as.Tok != token.DEFINE || w.c == nil {
		return nil
	}
	tuple := len(as.Lhs) >= 2 && len(as.Rhs) == 1
	blank := false
	for _, l := range as.Lhs {
		if x, ok := l.(*ast.Ident); ok && x.Name == "_" {
			blank = true
		}
	}
	if !tuple && !blank {
		return nil
	}
	if tuple && !blank && w.top[as] && !commaOkForm(as.Rhs[0]) {
		return nil // a call with several results works directly at the top level
	}
	var out []ast.Stmt
	pos := as.Pos()
	for _, l := range as.Lhs {
		x, ok := l.(*ast.Ident)
		if !ok {
			return nil
		}
		obj := w.c.info.Defs[x]
		if obj == nil || x.Name == "_" {
			continue
		}
		te := w.typeExpr(obj.Type())
		if te == nil {
			return nil
		}
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(x.Name, x.Pos())}, Type: te}}}})
	}
	as.Tok = token.ASSIGN
	return append(out, as)
}

// topInit moves a comma-ok define out of an if or switch statement's init
// (outside functions) into a block around it, for the same reason.
func (w *rw) topInit(s ast.Stmt) []ast.Stmt {
	if len(w.funcs) > 0 {
		return nil
	}
	var init *ast.Stmt
	switch s := s.(type) {
	case *ast.IfStmt:
		init = &s.Init
	case *ast.SwitchStmt:
		init = &s.Init
	default:
		return nil
	}
	as, ok := (*init).(*ast.AssignStmt)
	if !ok {
		return nil
	}
	delete(w.inits, as)
	decls := w.topComma(as)
	if decls == nil {
		return nil
	}
	*init = nil
	return []ast.Stmt{&ast.BlockStmt{Lbrace: s.Pos(), List: append(decls, s), Rbrace: s.Pos()}}
}

// renameBlockLocals gives every variable declared in a nested block of a
// cell's top-level statements (outside functions) a name of its own:
// yaegi confuses a block's variable with a global of the same name.
func (in *Interp) renameBlockLocals(body *ast.BlockStmt, c *checked) {
	if c == nil {
		return
	}
	renamed := map[types.Object]string{}
	n := 0
	var visit func(node ast.Node, depth int)
	visit = func(node ast.Node, depth int) {
		ast.Inspect(node, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.TypeSwitchStmt:
				// "switch v := x.(type)": v is an implicit variable of each
				// clause; all get one new name.
				if as, ok := x.Assign.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
					if bind, ok := as.Lhs[0].(*ast.Ident); ok && bind.Name != "_" {
						n++
						name := bind.Name + versionSep + itoa(n)
						for _, cl := range x.Body.List {
							if obj := c.info.Implicits[cl]; obj != nil {
								renamed[obj] = name
							}
						}
						bind.Name = name
					}
				}
			case *ast.BlockStmt:
				if x != node {
					visit(x, depth+1)
					return false
				}
			case *ast.Ident:
				obj, ok := c.info.Defs[x].(*types.Var)
				if ok && !obj.IsField() && obj.Parent() != nil && !isCellScope(obj.Parent()) && obj.Parent() != c.pkg.Scope() {
					if _, done := renamed[obj]; !done {
						n++
						renamed[obj] = x.Name + versionSep + itoa(n)
					}
				}
			}
			return true
		})
	}
	for _, s := range body.List {
		visit(s, 0)
	}
	if len(renamed) == 0 {
		return
	}
	ast.Inspect(body, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			obj := c.info.Defs[id]
			if obj == nil {
				obj = c.info.Uses[id]
			}
			if name, ok := renamed[obj]; ok {
				id.Name = name
			}
		}
		return true
	})
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// errorArgs converts to error the arguments of a compiled function's
// interface parameters that are cell values implementing error: yaegi
// passes such a value bare (without its Error method), so fmt prints its
// fields and %w rejects it.
func (w *rw) errorArgs(e *ast.CallExpr) {
	if w.c == nil {
		return
	}
	var fnObj types.Object
	switch f := ast.Unparen(e.Fun).(type) {
	case *ast.SelectorExpr:
		fnObj = w.c.info.Uses[f.Sel]
	case *ast.Ident:
		fnObj = w.c.info.Uses[f]
	}
	fn, ok := fnObj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() == "main" || w.in.imp.sources[fn.Pkg().Path()] != "" {
		return
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return
	}
	errIface := types.Universe.Lookup("error").Type().Underlying().(*types.Interface)
	for i, a := range e.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= sig.Params().Len()-1:
			if e.Ellipsis.IsValid() {
				continue
			}
			pt = sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice).Elem()
		case i < sig.Params().Len():
			pt = sig.Params().At(i).Type()
		default:
			continue
		}
		if _, isIface := pt.Underlying().(*types.Interface); !isIface {
			continue
		}
		tv, ok := w.tv(a)
		if !ok || tv.Type == nil || !cellType(tv.Type) || !types.Implements(tv.Type, errIface) {
			continue
		}
		e.Args[i] = call(id("_swAsError", a.Pos()), a.Pos(), a)
	}
}

// splitVarInits moves the initial values of a file piece's package-level
// variables into an assignment run right after the declarations: yaegi
// reports "variable definition loop" when they read a variable that a
// cell's statements defined. It returns the assignments.
func (w *rw) splitVarInits(f *ast.File) []ast.Stmt {
	if w.c == nil {
		return nil
	}
	var assigns []ast.Stmt
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		var specs []ast.Spec
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			if len(vs.Values) == 0 {
				specs = append(specs, vs)
				continue
			}
			var split []ast.Spec
			ok := true
			for _, n := range vs.Names {
				obj := w.c.info.Defs[n]
				if obj == nil {
					ok = false
					break
				}
				te := vs.Type
				if te == nil {
					te = w.typeExpr(obj.Type())
				}
				if te == nil {
					ok = false
					break
				}
				split = append(split, &ast.ValueSpec{Names: []*ast.Ident{id(n.Name, n.Pos())}, Type: copyAST(te)})
			}
			if !ok {
				specs = append(specs, vs)
				continue
			}
			specs = append(specs, split...)
			var lhs []ast.Expr
			for _, n := range vs.Names {
				lhs = append(lhs, id(n.Name, n.Pos()))
			}
			assigns = append(assigns, assign(vs.Pos(), lhs, vs.Values))
		}
		g.Specs = specs
		if len(specs) > 1 && !g.Lparen.IsValid() {
			g.Lparen, g.Rparen = g.TokPos, g.TokPos
		}
	}
	return assigns
}

// compiledGenerics are the packages whose generic functions run as
// compiled code taking and returning any (genericstd.go).
var compiledGenerics = map[string]bool{"slices": true, "maps": true, "cmp": true}

// assertGenericResult asserts the result of a call of a compiled generic
// function (slices.Max, maps.Clone) back to its type: the compiled function
// returns any.
func (w *rw) assertGenericResult(e *ast.CallExpr) ast.Expr {
	_, fn := w.calledFunc(e)
	if fn == nil || !compiledGenerics[fn.Pkg().Path()] {
		return nil
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.TypeParams().Len() == 0 || sig.Results().Len() != 1 || !mentionsTypeParam(sig.Results().At(0).Type()) {
		return nil
	}
	tv, ok := w.tv(e)
	if !ok || tv.Type == nil {
		return nil
	}
	te := w.typeExpr(tv.Type)
	if te == nil {
		w.fail(e.Pos(), "%s.%s returning %s is not supported by the interpreter here", fn.Pkg().Name(), fn.Name(), tv.Type)
		return nil
	}
	a := &ast.TypeAssertExpr{X: e, Lparen: e.End(), Type: te, Rparen: e.End()}
	w.orig[a] = e
	return a
}

func mentionsTypeParam(t types.Type) bool {
	found := false
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if found || t == nil {
			return
		}
		switch t := t.(type) {
		case *types.TypeParam:
			found = true
		case *types.Slice:
			walk(t.Elem())
		case *types.Pointer:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Signature:
			for i := 0; i < t.Params().Len(); i++ {
				walk(t.Params().At(i).Type())
			}
			for i := 0; i < t.Results().Len(); i++ {
				walk(t.Results().At(i).Type())
			}
		case *types.Named:
			if args := t.TypeArgs(); args != nil {
				for i := 0; i < args.Len(); i++ {
					walk(args.At(i))
				}
			}
		}
	}
	walk(t)
	return found
}

// topSelect moves the comma-ok receives ("case v, ok := <-c:") of a select
// outside functions into assignments to variables declared around it, as
// topComma does for plain statements.
func (w *rw) topSelect(s *ast.SelectStmt) []ast.Stmt {
	if len(w.funcs) > 0 || w.c == nil {
		return nil
	}
	if _, labeled := w.labels[s]; labeled {
		return nil
	}
	var decls []ast.Stmt
	for _, cl := range s.Body.List {
		cc := cl.(*ast.CommClause)
		as, ok := cc.Comm.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE {
			continue
		}
		for _, l := range as.Lhs {
			x, ok := l.(*ast.Ident)
			if !ok {
				return nil
			}
			obj := w.c.info.Defs[x]
			if obj == nil || x.Name == "_" {
				continue
			}
			te := w.typeExpr(obj.Type())
			if te == nil {
				return nil
			}
			decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: as.Pos(),
				Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(x.Name, x.Pos())}, Type: te}}}})
		}
		as.Tok = token.ASSIGN
	}
	if len(decls) == 0 {
		return nil
	}
	return []ast.Stmt{&ast.BlockStmt{Lbrace: s.Pos(), List: append(decls, s), Rbrace: s.Pos()}}
}

// typeVerbs rewrites the %T verbs of a constant format whose argument has a
// static type declared in a cell: yaegi's reflect types for cell types are
// unnamed (struct { X int }), so the type's name is passed as a string.
func (w *rw) typeVerbs(e *ast.CallExpr) {
	_, fn := w.calledFunc(e)
	if fn == nil {
		return
	}
	fi := -1
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "fmt.Printf", "fmt.Sprintf", "fmt.Errorf", "log.Printf", "log.Fatalf", "log.Panicf":
		fi = 0
	case "fmt.Fprintf":
		fi = 1
	}
	if fi < 0 || len(e.Args) <= fi || e.Ellipsis.IsValid() {
		return
	}
	tv, ok := w.tv(e.Args[fi])
	if !ok || tv.Value == nil {
		return
	}
	format := constantString(tv)
	verbs := scanVerbs(format)
	if verbs == nil {
		return
	}
	changed := false
	b := []byte(format)
	for k := len(verbs) - 1; k >= 0; k-- {
		v := verbs[k]
		ai := fi + 1 + k
		if v.verb != 'T' || ai >= len(e.Args) {
			continue
		}
		at, ok := w.tv(e.Args[ai])
		if !ok || at.Type == nil || !mentionsCellType(at.Type) {
			continue
		}
		if _, isIface := at.Type.Underlying().(*types.Interface); isIface {
			continue
		}
		name := types.TypeString(at.Type, func(p *types.Package) string { return p.Name() })
		e.Args[ai] = &ast.BasicLit{Kind: token.STRING, Value: strconvQuote(unversion(name)), ValuePos: e.Args[ai].Pos()}
		b[v.at] = 's'
		changed = true
	}
	if changed {
		e.Args[fi] = &ast.BasicLit{Kind: token.STRING, Value: strconvQuote(string(b)), ValuePos: e.Args[fi].Pos()}
	}
}

// verb is one formatting verb: its letter and the index of that letter in
// the format.
type verb struct {
	verb rune
	at   int
}

// scanVerbs lists the verbs of a format, or nil when it uses explicit
// argument indexes or a * width (the arguments then do not line up).
func scanVerbs(f string) []verb {
	var out []verb
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && strings.IndexByte("+-# 0123456789.", f[i]) >= 0 {
			i++
		}
		if i >= len(f) {
			break
		}
		switch f[i] {
		case '%':
			continue
		case '[', '*':
			return nil
		}
		out = append(out, verb{rune(f[i]), i})
	}
	if out == nil {
		out = []verb{}
	}
	return out
}

func mentionsCellType(t types.Type) bool {
	found := false
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if found || depth > 5 {
			return
		}
		switch t := t.(type) {
		case *types.Named:
			if t.Obj().Pkg() != nil && t.Obj().Pkg().Path() == "main" {
				found = true
			}
		case *types.Pointer:
			walk(t.Elem(), depth+1)
		case *types.Slice:
			walk(t.Elem(), depth+1)
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Map:
			walk(t.Key(), depth+1)
			walk(t.Elem(), depth+1)
		}
	}
	walk(t, 0)
	return found
}

// loggerFatal rewrites l.Fatal, l.Fatalf and l.Fatalln on a *log.Logger,
// which would exit the kernel's process, into a helper that logs and stops
// the cell as log.Fatal does.
func (w *rw) loggerFatal(e *ast.CallExpr) ast.Expr {
	sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
	if !ok || w.c == nil {
		return nil
	}
	s := w.c.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return nil
	}
	fn, ok := s.Obj().(*types.Func)
	// yaegi's log.New returns its own logger type, which panics instead.
	if !ok || fn.Pkg() == nil || (fn.Pkg().Path() != "log" && fn.Pkg().Path() != "github.com/traefik/yaegi/stdlib") {
		return nil
	}
	var mode string
	switch fn.Name() {
	case "Fatal":
		mode = "print"
	case "Fatalf":
		mode = "printf"
	case "Fatalln":
		mode = "println"
	default:
		return nil
	}
	args := append([]ast.Expr{sel.X, &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(mode), ValuePos: e.Pos()}}, e.Args...)
	c := call(id("_swLoggerFatal", e.Pos()), e.Pos(), args...)
	c.Ellipsis = e.Ellipsis
	return c
}
