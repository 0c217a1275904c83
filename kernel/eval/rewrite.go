package eval

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
)

// refusal is a construct the interpreter cannot run faithfully; the cell
// fails with its message instead of computing a wrong answer.
type refusal struct {
	pos token.Pos
	msg string
}

func (r *refusal) Error() string { return r.msg }

// rw holds the state of rewriting one piece.
type rw struct {
	in         *Interp
	c          *checked
	n          int                   // fresh-name counter
	synth      map[ast.Node]bool     // function literals we made
	labels     map[ast.Stmt]string   // loop statement → its label
	funcs      []*types.Signature    // enclosing functions, innermost last
	pieceFuncs []*ast.FuncDecl       // the functions the piece declares
	refuse     *refusal              // first refusal
	helpers    map[string]string     // helper functions the code needs: name → declaration
	inits      map[ast.Stmt]bool     // init statements of if and switch
	orig       map[ast.Expr]ast.Expr // rewritten expression → the one the checker saw
	commaOk    map[ast.Expr]bool     // type assertions in a "v, ok =" form
	topDefers  bool                  // a defer at the cell's top level was rewritten
	top        map[ast.Stmt]bool     // the cell's top-level statements (not nested in blocks)
}

// minMaxHelper returns the name of a min or max function for type t,
// declaring it for the session if needed. yaegi mishandles generic calls in
// some places, so each type gets a plain function.
func (w *rw) minMaxHelper(name string, t types.Type, pos token.Pos) string {
	str, ok := w.in.typeString(t, w.c.pkg)
	if !ok {
		w.fail(pos, "%s of values of type %s is not supported by the interpreter", name, t)
		return ""
	}
	op := "<"
	if name == "max" {
		op = ">"
	}
	helper := "_sw" + name + "_" + mangle(str) + w.in.sess.typeVersions(t)
	if w.helpers == nil {
		w.helpers = map[string]string{}
	}
	w.helpers[helper] = fmt.Sprintf("func %s(x %s, ys ...%s) %s {\n\tfor _, y := range ys {\n\t\tif x != x {\n\t\t\treturn x\n\t\t}\n\t\tif y != y || y %s x {\n\t\t\tx = y\n\t\t}\n\t}\n\treturn x\n}\n",
		helper, str, str, str, op)
	return helper
}

// mangle turns a type's text into identifier characters.
func mangle(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b[i] = '_'
		}
	}
	return string(b)
}

func (w *rw) fresh(prefix string) string {
	w.n++
	return fmt.Sprintf("_sw%s%d", prefix, w.n)
}

func (w *rw) fail(pos token.Pos, format string, args ...any) {
	if w.refuse == nil {
		w.refuse = &refusal{pos: pos, msg: fmt.Sprintf(format, args...)}
	}
}

// rewrite returns the ASTs to compile for piece p, in order, with the
// constructs yaegi gets wrong rewritten; it rewrites p in place. A file
// piece is one unit; the top-level statements of a statement piece are one
// unit each (so that a panic names its statement), unless one defers a call,
// which must then run at the end of the whole piece.
func (in *Interp) rewrite(p *piece, c *checked) ([]ast.Node, error) {
	w := &rw{in: in, c: c, synth: map[ast.Node]bool{}, labels: map[ast.Stmt]string{}, inits: map[ast.Stmt]bool{}, orig: map[ast.Expr]ast.Expr{}}
	var units []ast.Node
	switch p.kind {
	case pieceFile:
		in.dropRepeatedImports(p.file)
		dropBodyless(p.file)
		for _, d := range p.file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				w.pieceFuncs = append(w.pieceFuncs, fd)
			}
		}
		in.versionTypes(p.file, c)
		w.run(p.file)
		w.typedVars(p.file)
		inits := w.splitVarInits(p.file)
		renameMain(p.file)
		units = []ast.Node{p.file}
		for _, a := range inits {
			b := &ast.BlockStmt{Lbrace: a.Pos(), List: []ast.Stmt{a}, Rbrace: a.Pos()}
			renameMain(b)
			units = append(units, b)
		}
	default:
		in.renameBlockLocals(p.body, c)
		deferred := false
		var all []ast.Stmt
		w.top = map[ast.Stmt]bool{}
		for _, s := range p.body.List {
			w.top[s] = true
		}
		for _, s := range p.body.List {
			holder := &ast.BlockStmt{Lbrace: s.Pos(), List: []ast.Stmt{s}, Rbrace: s.Pos()}
			w.run(holder)
			w.typedDefines(holder)
			renameMain(holder)
			for _, r := range holder.List {
				if _, ok := r.(*ast.DeferStmt); ok {
					deferred = true
				}
			}
			all = append(all, holder.List...)
			units = append(units, holder)
		}
		p.body.List = all
		if deferred {
			units = []ast.Node{p.body}
		}
	}
	if w.refuse != nil {
		return nil, w.refuse
	}
	if err := in.declareHelpers(w.helpers); err != nil {
		return nil, err
	}
	if w.topDefers {
		if r := in.cur.Load(); r != nil {
			r.defers = true
		}
	}
	return units, nil
}

// rewriteExpr rewrites the cell's last expression.
func (in *Interp) rewriteExpr(e ast.Expr, c *checked) (ast.Expr, error) {
	w := &rw{in: in, c: c, synth: map[ast.Node]bool{}, labels: map[ast.Stmt]string{}, inits: map[ast.Stmt]bool{}, orig: map[ast.Expr]ast.Expr{}}
	holder := &ast.ExprStmt{X: e}
	w.run(holder)
	renameMain(holder)
	if w.refuse != nil {
		return nil, w.refuse
	}
	if err := in.declareHelpers(w.helpers); err != nil {
		return nil, err
	}
	return holder.X, nil
}

func (w *rw) run(root ast.Node) {
	r := &rewriter{
		enter: func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.LabeledStmt:
				w.labels[n.Stmt] = n.Label.Name
			case *ast.IfStmt:
				w.inits[n.Init] = true
			case *ast.SwitchStmt:
				w.inits[n.Init] = true
			case *ast.CommClause:
				w.inits[n.Comm] = true
			case *ast.AssignStmt:
				if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
					w.markCommaOk(n.Rhs[0])
				}
			case *ast.ValueSpec:
				if len(n.Names) == 2 && len(n.Values) == 1 {
					w.markCommaOk(n.Values[0])
				}
			case *ast.FuncDecl:
				w.funcs = append(w.funcs, w.sigOf(n.Name))
			case *ast.FuncLit:
				var sig *types.Signature
				if tv, ok := w.tv(n); ok {
					sig, _ = tv.Type.(*types.Signature)
				}
				w.funcs = append(w.funcs, sig)
			}
			return true
		},
		leave: func(n ast.Node) {
			switch n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				w.funcs = w.funcs[:len(w.funcs)-1]
			}
		},
		stmt: w.stmt,
		expr: w.expr,
	}
	r.walk(root)
}

// stmt rewrites one statement whose children are already rewritten.
func (w *rw) stmt(s ast.Stmt) []ast.Stmt {
	switch s := s.(type) {
	case *ast.DeferStmt:
		out := w.deferStmt(s)
		if len(w.funcs) == 0 && w.refuse == nil {
			return w.topDefer(s, out)
		}
		return out
	case *ast.GoStmt:
		return w.goStmt(s)
	case *ast.TypeSwitchStmt:
		return w.typeSwitch(s)
	case *ast.AssignStmt:
		return w.topComma(s)
	case *ast.IfStmt, *ast.SwitchStmt:
		return w.topInit(s)
	case *ast.SelectStmt:
		return w.topSelect(s)
	case *ast.RangeStmt:
		if out := w.rangeStmt(s); out != nil {
			return out
		}
		if out := w.loopClosures(s); out != nil {
			return []ast.Stmt{out}
		}
	case *ast.ForStmt:
		if out := w.loopClosures(s); out != nil {
			return []ast.Stmt{out}
		}
	}
	return nil
}

// expr rewrites one expression whose children are already rewritten.
func (w *rw) expr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.CallExpr:
		w.asyncCallback(e)
		if r := w.builtinCall(e); r != nil {
			return r
		}
		if r := w.errorsCall(e); r != nil {
			return r
		}
		if r := w.loggerFatal(e); r != nil {
			return r
		}
		if f := w.instantiate(e.Fun); f != nil {
			e.Fun = f
		}
		w.errorArgs(e)
		w.typeVerbs(e)
		if r := w.assertGenericResult(e); r != nil {
			return r
		}
	case *ast.SelectorExpr:
		return w.methodExpr(e)
	case *ast.TypeAssertExpr:
		if r := w.ifaceAssert(e); r != nil {
			return r
		}
		return w.unwrapAssert(e)
	}
	return nil
}

// sigOf returns the signature of a declared function.
func (w *rw) sigOf(name *ast.Ident) *types.Signature {
	if w.c == nil {
		return nil
	}
	if obj, ok := w.c.info.Defs[name].(*types.Func); ok {
		sig, _ := obj.Type().(*types.Signature)
		return sig
	}
	return nil
}

// --- small AST helpers ---

func id(name string, pos token.Pos) *ast.Ident { return &ast.Ident{Name: name, NamePos: pos} }

func call(fun ast.Expr, pos token.Pos, args ...ast.Expr) *ast.CallExpr {
	return &ast.CallExpr{Fun: fun, Lparen: pos, Args: args, Rparen: pos}
}

func define(pos token.Pos, lhs []ast.Expr, rhs []ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, Tok: token.DEFINE, TokPos: pos, Rhs: rhs}
}

func assign(pos token.Pos, lhs []ast.Expr, rhs []ast.Expr) *ast.AssignStmt {
	return &ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, TokPos: pos, Rhs: rhs}
}

func ret(pos token.Pos, results ...ast.Expr) *ast.ReturnStmt {
	return &ast.ReturnStmt{Return: pos, Results: results}
}

func intLit(n int, pos token.Pos) *ast.BasicLit {
	return &ast.BasicLit{Kind: token.INT, Value: strconv.Itoa(n), ValuePos: pos}
}

func funcType(pos token.Pos, params, results []*ast.Field) *ast.FuncType {
	ft := &ast.FuncType{Func: pos, Params: &ast.FieldList{Opening: pos, List: params, Closing: pos}}
	if results != nil {
		ft.Results = &ast.FieldList{Opening: pos, List: results, Closing: pos}
	}
	return ft
}

func field(t ast.Expr, names ...string) *ast.Field {
	f := &ast.Field{Type: t}
	for _, n := range names {
		f.Names = append(f.Names, ast.NewIdent(n))
	}
	return f
}

// funcLit builds a synthetic function literal (not a user closure).
func (w *rw) funcLit(pos token.Pos, ft *ast.FuncType, body ...ast.Stmt) *ast.FuncLit {
	fl := &ast.FuncLit{Type: ft, Body: &ast.BlockStmt{Lbrace: pos, List: body, Rbrace: pos}}
	w.synth[fl] = true
	return fl
}

// typeExpr writes t as an expression cells can use, or nil.
func (w *rw) typeExpr(t types.Type) ast.Expr {
	if t == nil {
		return nil
	}
	str, ok := w.in.typeString(t, w.c.pkg)
	if !ok {
		return nil
	}
	return w.in.parseTypeExpr(str)
}

// tv returns the recorded type and value of e.
func (w *rw) tv(e ast.Expr) (types.TypeAndValue, bool) {
	if w.c == nil {
		return types.TypeAndValue{}, false
	}
	tv, ok := w.c.info.Types[e]
	if !ok {
		if orig, found := w.orig[e]; found {
			tv, ok = w.c.info.Types[orig]
		}
	}
	return tv, ok
}

// constExpr writes a constant value as a literal of its (default) type.
func (w *rw) constExpr(tv types.TypeAndValue, pos token.Pos) ast.Expr {
	v := tv.Value
	var lit ast.Expr
	switch v.Kind() {
	case constant.Int:
		lit = &ast.BasicLit{Kind: token.INT, Value: v.ExactString(), ValuePos: pos}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		s := strconv.FormatFloat(f, 'g', -1, 64)
		if _, err := strconv.Atoi(s); err == nil {
			s += ".0"
		}
		lit = &ast.BasicLit{Kind: token.FLOAT, Value: s, ValuePos: pos}
	case constant.String:
		lit = &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v)), ValuePos: pos}
	case constant.Bool:
		lit = id(strconv.FormatBool(constant.BoolVal(v)), pos)
	default:
		return nil
	}
	if b, ok := tv.Type.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return lit
	}
	te := w.typeExpr(tv.Type)
	if te == nil {
		return nil
	}
	return call(te, pos, lit)
}

// builtin returns the builtin a call's function names, or "".
func (w *rw) builtin(fun ast.Expr) string {
	ident, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok || w.c == nil {
		return ""
	}
	if b, ok := w.c.info.Uses[ident].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// builtinCall rewrites min, max and clear, which yaegi lacks: a constant
// min or max becomes its value, others call generic helpers with their
// arguments converted to the result type, and clear calls a compiled
// helper.
func (w *rw) builtinCall(e *ast.CallExpr) ast.Expr {
	switch name := w.builtin(e.Fun); name {
	case "min", "max":
		tv, ok := w.tv(e)
		if !ok {
			return nil
		}
		if tv.Value != nil {
			if lit := w.constExpr(tv, e.Pos()); lit != nil {
				return lit
			}
		}
		helper := w.minMaxHelper(name, tv.Type, e.Pos())
		if helper == "" {
			return nil
		}
		return call(id(helper, e.Pos()), e.Pos(), e.Args...)
	case "clear":
		return call(id("_swClear", e.Pos()), e.Pos(), e.Args...)
	case "print", "println":
		nl := "false"
		if name == "println" {
			nl = "true"
		}
		return call(id("_swPrint", e.Pos()), e.Pos(), append([]ast.Expr{id(nl, e.Pos())}, e.Args...)...)
	}
	return nil
}

// methodExpr rewrites a method expression T.M (or (*T).M), which yaegi
// gets wrong, into a function literal calling the method.
func (w *rw) methodExpr(e *ast.SelectorExpr) ast.Expr {
	if w.c == nil {
		return nil
	}
	sel := w.c.info.Selections[e]
	if sel == nil || sel.Kind() != types.MethodExpr {
		return nil
	}
	sig, ok := sel.Type().(*types.Signature)
	if !ok {
		return nil
	}
	pos := e.Pos()
	var params, results []*ast.Field
	var args []ast.Expr
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		name := fmt.Sprintf("_swp%d", i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			elem := w.typeExpr(t.(*types.Slice).Elem())
			if elem == nil {
				w.fail(pos, "method expression %s: its parameter types cannot be written in this cell", e.Sel.Name)
				return nil
			}
			params = append(params, field(&ast.Ellipsis{Ellipsis: pos, Elt: elem}, name))
		} else {
			te := w.typeExpr(t)
			if te == nil {
				w.fail(pos, "method expression %s: its parameter types cannot be written in this cell", e.Sel.Name)
				return nil
			}
			params = append(params, field(te, name))
		}
		if i > 0 {
			args = append(args, id(name, pos))
		}
	}
	for i := 0; i < sig.Results().Len(); i++ {
		te := w.typeExpr(sig.Results().At(i).Type())
		if te == nil {
			w.fail(pos, "method expression %s: its result types cannot be written in this cell", e.Sel.Name)
			return nil
		}
		results = append(results, field(te))
	}
	c := call(&ast.SelectorExpr{X: id("_swp0", pos), Sel: id(e.Sel.Name, e.Sel.Pos())}, pos, args...)
	if sig.Variadic() {
		c.Ellipsis = pos
	}
	var body ast.Stmt = &ast.ExprStmt{X: c}
	if len(results) > 0 {
		body = ret(pos, c)
	}
	var res []*ast.Field
	if len(results) > 0 {
		res = results
	}
	return w.funcLit(pos, funcType(pos, params, res), body)
}
