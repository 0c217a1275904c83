package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// callsRecover reports whether a function body calls recover directly
// (outside nested function literals).
func callsRecover(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "recover" && len(n.Args) == 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// recoverFunc reports whether obj is a function declared in a cell whose
// body calls recover: deferring it must keep it the deferred function.
func (w *rw) recoverFunc(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "main" {
		return false
	}
	e := w.in.sess.decls[fn.Name()]
	if e == nil {
		for _, fd := range w.pieceFuncs {
			if fd.Name.Name == fn.Name() && fd.Recv == nil {
				return fd.Body != nil && callsRecover(fd.Body)
			}
		}
		return false
	}
	fd, ok := e.decl.(*ast.FuncDecl)
	return ok && fd.Body != nil && callsRecover(fd.Body)
}

// captured evaluates a call's function and arguments into fresh variables
// now, and returns the statements that do it (one per value: yaegi drops
// values of a multiple := inside a closure) and the call to make later with
// those variables.
func (w *rw) captured(c *ast.CallExpr) (ast.Stmt, *ast.CallExpr) {
	pos := c.Pos()
	var pre []ast.Stmt
	capture := func(prefix string, e ast.Expr) *ast.Ident {
		n := w.fresh(prefix)
		pre = append(pre, define(pos, []ast.Expr{id(n, pos)}, []ast.Expr{e}))
		return id(n, pos)
	}
	fun := ast.Unparen(c.Fun)
	callee := c.Fun
	if recv, method, ok := w.methodCall(fun); ok {
		// Evaluate the receiver now; a method value of a compiled type
		// comes out nil in yaegi.
		callee = &ast.SelectorExpr{X: capture("rcv", recv), Sel: id(method, pos)}
	} else if w.builtin(fun) == "" && !w.isType(fun) {
		callee = capture("f", c.Fun)
	}
	var args []ast.Expr
	for _, a := range c.Args {
		tv, ok := w.tv(a)
		if ok && (tv.Value != nil || tv.IsNil() || tv.IsType()) {
			args = append(args, a)
			continue
		}
		if ok {
			if tup, isTup := tv.Type.(*types.Tuple); isTup && tup.Len() > 1 {
				var names []ast.Expr
				for i := 0; i < tup.Len(); i++ {
					names = append(names, id(w.fresh("a"), pos))
				}
				pre = append(pre, define(pos, names, []ast.Expr{a}))
				args = append(args, copyIdents(names)...)
				continue
			}
		}
		args = append(args, capture("a", a))
	}
	inner := &ast.CallExpr{Fun: callee, Lparen: pos, Args: args, Ellipsis: c.Ellipsis, Rparen: pos}
	switch len(pre) {
	case 0:
		return nil, inner
	case 1:
		return pre[0], inner
	}
	return &ast.BlockStmt{List: pre}, inner
}

func copyIdents(in []ast.Expr) []ast.Expr {
	out := make([]ast.Expr, len(in))
	for i, e := range in {
		x := e.(*ast.Ident)
		out[i] = id(x.Name, x.NamePos)
	}
	return out
}

// isType reports whether e denotes a type (a conversion's function).
func (w *rw) isType(e ast.Expr) bool {
	tv, ok := w.tv(e)
	return ok && tv.IsType()
}

// iife returns "name := func() func() { pre; return func() { body } }()":
// pre runs now in a fresh frame, and the closure it returns keeps what pre
// computed (yaegi shares one variable per loop otherwise).
func (w *rw) iife(pos token.Pos, name string, pre ast.Stmt, body ...ast.Stmt) ast.Stmt {
	innerT := funcType(pos, nil, nil)
	inner := w.funcLit(pos, innerT, body...)
	var outerBody []ast.Stmt
	if pre != nil {
		if b, ok := pre.(*ast.BlockStmt); ok {
			outerBody = append(outerBody, b.List...)
		} else {
			outerBody = append(outerBody, pre)
		}
	}
	outerBody = append(outerBody, ret(pos, inner))
	outer := w.funcLit(pos, funcType(pos, nil, []*ast.Field{field(funcType(pos, nil, nil))}), outerBody...)
	return define(pos, []ast.Expr{id(name, pos)}, []ast.Expr{call(outer, pos)})
}

// deferStmt makes a deferred call's function and arguments be evaluated at
// the defer statement, as Go does (yaegi evaluates them when the function
// returns). Calls that must stay the deferred function itself, because they
// call recover, are left alone: a function literal or cell function calling
// recover, and recover itself.
func (w *rw) deferStmt(s *ast.DeferStmt) []ast.Stmt {
	c := s.Call
	fun := ast.Unparen(c.Fun)
	if x := w.localClosureCall(c); x != nil {
		w.fail(x.Pos(), "a deferred call that runs %s, a function value made in the same function, is not supported by the interpreter (yaegi would hang when the function returns); call %s before returning, or declare it as a named function", x.Name, x.Name)
		return nil
	}
	switch f := fun.(type) {
	case *ast.FuncLit:
		if len(c.Args) == 0 || callsRecover(f.Body) {
			return nil
		}
	case *ast.Ident:
		if w.builtin(f) == "recover" {
			return nil
		}
		if len(c.Args) == 0 && w.c != nil {
			if _, isFunc := w.c.info.Uses[f].(*types.Func); isFunc {
				return nil
			}
		}
		if w.c != nil && w.recoverFunc(w.c.info.Uses[f]) {
			return nil
		}
	case *ast.SelectorExpr:
		if w.c != nil {
			if pkgFunc(w.c.info, f) && len(c.Args) == 0 {
				return nil
			}
			if w.recoverFunc(w.c.info.Uses[f.Sel]) {
				return nil
			}
		}
	}
	pre, inner := w.captured(c)
	name := w.fresh("d")
	return []ast.Stmt{
		w.iife(s.Pos(), name, pre, &ast.ExprStmt{X: inner}),
		&ast.DeferStmt{Defer: s.Defer, Call: call(id(name, s.Pos()), s.Pos())},
	}
}

// pkgFunc reports whether sel is a package-qualified function (fmt.Println).
func pkgFunc(info *types.Info, sel *ast.SelectorExpr) bool {
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	_, isPkg := info.Uses[x].(*types.PkgName)
	return isPkg
}

// goStmt runs the goroutine's function behind a deferred recover that
// reports a panic into the cell that started it, instead of letting it kill
// the kernel; the function and arguments are evaluated at the go statement.
func (w *rw) goStmt(s *ast.GoStmt) []ast.Stmt {
	pos := s.Pos()
	c := s.Call
	gid := w.fresh("gid")
	guard := w.recoverGuard(pos, gid)
	if fl, ok := ast.Unparen(c.Fun).(*ast.FuncLit); ok {
		params := append([]*ast.Field{field(id("int", pos), gid)}, fl.Type.Params.List...)
		fl.Type.Params.List = params
		fl.Body.List = append([]ast.Stmt{guard}, fl.Body.List...)
		c.Args = append([]ast.Expr{call(id("_swGoStart", pos), pos)}, c.Args...)
		return []ast.Stmt{s}
	}
	pre, inner := w.captured(c)
	start := define(pos, []ast.Expr{id(gid, pos)}, []ast.Expr{call(id("_swGoStart", pos), pos)})
	if pre == nil {
		pre = start
	} else if b, ok := pre.(*ast.BlockStmt); ok {
		b.List = append(b.List, start)
	} else {
		pre = &ast.BlockStmt{List: []ast.Stmt{pre, start}}
	}
	name := w.fresh("g")
	return []ast.Stmt{
		w.iife(pos, name, pre, guard, &ast.ExprStmt{X: inner}),
		&ast.GoStmt{Go: s.Go, Call: call(id(name, pos), pos)},
	}
}

// recoverGuard is "defer func() { r := recover(); _swGoDone(gid, r) }()":
// it reports a panic into the cell that started the goroutine and tells
// the cell, panic or not, that the goroutine ended.
func (w *rw) recoverGuard(pos token.Pos, gid string) ast.Stmt {
	r := w.fresh("r")
	fl := w.funcLit(pos, funcType(pos, nil, nil),
		define(pos, []ast.Expr{id(r, pos)}, []ast.Expr{call(id("recover", pos), pos)}),
		&ast.ExprStmt{X: call(id("_swGoDone", pos), pos, id(gid, pos), id(r, pos))})
	return &ast.DeferStmt{Defer: pos, Call: call(fl, pos)}
}

// localClosureCall returns the identifier of a function variable declared
// in the enclosing function (not a parameter) that a deferred call runs,
// directly or from a deferred function literal.
func (w *rw) localClosureCall(c *ast.CallExpr) *ast.Ident {
	if w.c == nil {
		return nil
	}
	params := map[types.Object]bool{}
	if sig := w.enclosingSig(); sig != nil {
		for i := 0; i < sig.Params().Len(); i++ {
			params[sig.Params().At(i)] = true
		}
		for i := 0; i < sig.Results().Len(); i++ {
			params[sig.Results().At(i)] = true
		}
	}
	local := func(x *ast.Ident) bool {
		v, ok := w.c.info.Uses[x].(*types.Var)
		if !ok || params[v] || v.IsField() {
			return false
		}
		if _, ok := v.Type().Underlying().(*types.Signature); !ok {
			return false
		}
		return v.Parent() != nil && v.Parent() != w.c.pkg.Scope() && v.Parent() != types.Universe
	}
	if x, ok := ast.Unparen(c.Fun).(*ast.Ident); ok && local(x) {
		return x
	}
	fl, ok := ast.Unparen(c.Fun).(*ast.FuncLit)
	if !ok {
		return nil
	}
	var found *ast.Ident
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if x, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && local(x) {
				// Declared inside the literal itself is fine.
				if v := w.c.info.Uses[x]; v.Pos() < fl.Pos() || v.Pos() > fl.End() {
					found = x
				}
			}
		}
		return true
	})
	return found
}

// methodCall splits x.M (a method value) into the receiver to evaluate —
// &x when M has a pointer receiver and x is not a pointer — and M.
func (w *rw) methodCall(fun ast.Expr) (ast.Expr, string, bool) {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok || w.c == nil {
		return nil, "", false
	}
	s := w.c.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return nil, "", false
	}
	recv := sel.X
	fn, _ := s.Obj().(*types.Func)
	if fn != nil {
		sig, _ := fn.Type().(*types.Signature)
		if sig != nil && sig.Recv() != nil {
			_, ptrRecv := sig.Recv().Type().(*types.Pointer)
			_, xIsPtr := s.Recv().Underlying().(*types.Pointer)
			_, isIface := s.Recv().Underlying().(*types.Interface)
			if ptrRecv && !xIsPtr && !isIface {
				recv = &ast.UnaryExpr{OpPos: sel.Pos(), Op: token.AND, X: sel.X}
			}
		}
	}
	return recv, sel.Sel.Name, true
}

// topDefer rewrites a defer among a cell's top-level statements (outside
// functions): yaegi would attach it to the session's global frame, run it
// at the end of the statement, and again at the end of every later cell.
// Like a defer in main, the call runs when the cell ends — also when it
// panics — in the reverse order of the defers:
//
//	_swDefers = append(_swDefers, func() { f(x) })
//
// with f and x evaluated at the defer, as deferStmt arranged (out is its
// rewrite of s, or nil). recover() in a deferred function literal becomes
// _swRecover(), which stops the cell's panic as recover stops main's.
func (w *rw) topDefer(s *ast.DeferStmt, out []ast.Stmt) []ast.Stmt {
	pos := s.Pos()
	var fn ast.Expr
	if len(out) == 2 {
		// out is "name := factory(); defer name()": keep the factory call,
		// which evaluates the function and arguments now and returns the
		// call to make later.
		if as, ok := out[0].(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
			fn = as.Rhs[0]
		}
	}
	if fn == nil {
		if len(out) != 0 {
			return out
		}
		c := s.Call
		if fl, ok := ast.Unparen(c.Fun).(*ast.FuncLit); ok && len(c.Args) == 0 {
			fn = fl
		} else {
			fn = w.funcLit(pos, funcType(pos, nil, nil), &ast.ExprStmt{X: c})
		}
		if fl, ok := fn.(*ast.FuncLit); ok {
			recoverToCell(fl.Body)
		}
	}
	w.topDefers = true
	return []ast.Stmt{assign(pos, []ast.Expr{id("_swDefers", pos)},
		[]ast.Expr{call(id("append", pos), pos, id("_swDefers", pos), fn)})}
}

// recoverToCell replaces the calls of recover in body (not in nested
// function literals) by _swRecover().
func recoverToCell(body *ast.BlockStmt) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if x, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && x.Name == "recover" && len(n.Args) == 0 {
				x.Name = "_swRecover"
			}
		}
		return true
	})
}

// asyncCallbacks are the compiled functions that call a function argument
// later in a goroutine of their own (package path.name → the argument's
// index). A panic there would end the process; the argument is wrapped so
// that the panic is reported instead, like one in a go statement.
var asyncCallbacks = map[string]int{
	"time.AfterFunc":       1,
	"context.AfterFunc":    1,
	"runtime.SetFinalizer": 1,
}

// asyncCallback rewrites the callback argument of a call of one of
// asyncCallbacks, f, into
//
//	func(f F) F {
//		gid := _swGoStart()
//		return func(p0 P0, ...) { defer <report a panic to cell gid>; f(p0, ...) }
//	}(f)
//
// so that f is evaluated at the call, as before.
func (w *rw) asyncCallback(e *ast.CallExpr) {
	_, fn := w.calledFunc(e)
	if fn == nil {
		return
	}
	i, ok := asyncCallbacks[fn.Pkg().Path()+"."+fn.Name()]
	if !ok || i >= len(e.Args) {
		return
	}
	arg := e.Args[i]
	tv, ok := w.tv(arg)
	if !ok || tv.IsNil() {
		return
	}
	sig, ok := tv.Type.Underlying().(*types.Signature)
	if !ok || sig.Variadic() || sig.Results().Len() > 0 {
		return
	}
	ft := w.typeExpr(tv.Type)
	if ft == nil {
		return
	}
	pos := arg.Pos()
	f, gid := w.fresh("f"), w.fresh("gid")
	var params []*ast.Field
	var args []ast.Expr
	for j := 0; j < sig.Params().Len(); j++ {
		pt := w.typeExpr(sig.Params().At(j).Type())
		if pt == nil {
			return
		}
		name := w.fresh("p")
		params = append(params, field(pt, name))
		args = append(args, id(name, pos))
	}
	inner := w.funcLit(pos, funcType(pos, params, nil), w.recoverGuard(pos, gid), &ast.ExprStmt{X: call(id(f, pos), pos, args...)})
	outer := w.funcLit(pos, funcType(pos, []*ast.Field{field(ft, f)}, []*ast.Field{field(copyAST(ft))}),
		define(pos, []ast.Expr{id(gid, pos)}, []ast.Expr{call(id("_swGoStart", pos), pos)}),
		ret(pos, inner))
	e.Args[i] = call(outer, pos, arg)
}

// calledFunc returns the selector and the package-level function or method
// a call like pkg.F(…) or x.M(…) calls, as the type checker resolved it, or
// nil when the cell was not type-checked, the callee is not a selector, or
// it is not a function of a package (a builtin, a func value).
func (w *rw) calledFunc(e *ast.CallExpr) (*ast.SelectorExpr, *types.Func) {
	if w.c == nil {
		return nil, nil
	}
	sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	fn, ok := w.c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil, nil
	}
	return sel, fn
}
