package eval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// typeSwitch rewrites a type switch that has a case naming an interface
// type (error, fmt.Stringer, a cell's interface): yaegi's type switch
// compares type names and never matches such a case. The switch becomes a
// chain of comma-ok type assertions, which yaegi implements by method set,
// inside a switch so that break keeps its meaning.
func (w *rw) typeSwitch(s *ast.TypeSwitchStmt) []ast.Stmt {
	if w.c == nil || !w.hasInterfaceCase(s) {
		return nil
	}
	if xt := w.switchedType(s); xt != nil {
		for _, cl := range s.Body.List {
			for _, t := range cl.(*ast.CaseClause).List {
				if tv, ok := w.tv(t); ok && tv.IsType() && w.refuseStructError(t.Pos(), xt, tv.Type) {
					return nil
				}
			}
		}
	}
	if _, labeled := w.labels[s]; labeled {
		return nil
	}
	pos := s.Pos()
	var bind *ast.Ident // v in "switch v := x.(type)"
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		bind = a.Lhs[0].(*ast.Ident)
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	default:
		return nil
	}
	xv := w.fresh("x")
	var chain ast.Stmt
	var tail *ast.IfStmt
	add := func(ifs *ast.IfStmt) {
		if chain == nil {
			chain = ifs
		} else {
			tail.Else = ifs
		}
		tail = ifs
	}
	var deflt *ast.CaseClause
	for _, cl := range s.Body.List {
		cc := cl.(*ast.CaseClause)
		if cc.List == nil {
			deflt = cc
			continue
		}
		body := cc.Body
		if len(cc.List) == 1 && !w.isNilCase(cc.List[0]) {
			v, ok := w.fresh("v"), w.fresh("ok")
			if bind == nil {
				v = "_"
			}
			pre, init := w.commaOkAssert(pos, v, ok, id(xv, pos), cc.List[0])
			if bind != nil {
				body = append([]ast.Stmt{define(pos, []ast.Expr{id(bind.Name, bind.Pos())}, []ast.Expr{id(v, pos)})}, body...)
			}
			ifs := &ast.IfStmt{If: pos, Init: init, Cond: id(ok, pos), Body: &ast.BlockStmt{List: body}}
			if len(pre) > 0 {
				add(&ast.IfStmt{If: pos, Cond: id("true", pos), Body: &ast.BlockStmt{List: append(pre, ifs)}})
				tail = ifs
				continue
			}
			add(ifs)
			continue
		}
		// Several types (or nil): v keeps the switched value's type.
		var cond ast.Expr
		var inits []ast.Stmt
		for _, t := range cc.List {
			var c ast.Expr
			if w.isNilCase(t) {
				c = &ast.BinaryExpr{X: id(xv, pos), Op: token.EQL, OpPos: pos, Y: id("nil", pos)}
			} else {
				ok := w.fresh("ok")
				pre, init := w.commaOkAssert(pos, "_", ok, id(xv, pos), t)
				if init != nil {
					pre = append(pre, init)
				}
				inits = append(inits, pre...)
				c = id(ok, pos)
			}
			if cond == nil {
				cond = c
			} else {
				cond = &ast.BinaryExpr{X: cond, Op: token.LOR, OpPos: pos, Y: c}
			}
		}
		if bind != nil {
			body = append([]ast.Stmt{define(pos, []ast.Expr{id(bind.Name, bind.Pos())}, []ast.Expr{id(xv, pos)})}, body...)
		}
		// The assertions run before the test, in a block of their own.
		ifs := &ast.IfStmt{If: pos, Cond: cond, Body: &ast.BlockStmt{List: body}}
		if len(inits) > 0 {
			b := &ast.BlockStmt{List: append(inits, ifs)}
			wrapper := &ast.IfStmt{If: pos, Cond: id("true", pos), Body: b}
			add(wrapper)
			// Later cases go in the else of the inner test, reached only when
			// this one fails.
			tail = ifs
			continue
		}
		add(ifs)
	}
	if deflt != nil {
		body := deflt.Body
		if bind != nil {
			body = append([]ast.Stmt{define(pos, []ast.Expr{id(bind.Name, bind.Pos())}, []ast.Expr{id(xv, pos)})}, body...)
		}
		if chain == nil {
			chain = &ast.BlockStmt{List: body}
		} else {
			tail.Else = &ast.BlockStmt{List: body}
		}
	}
	var list []ast.Stmt
	if s.Init != nil {
		list = append(list, s.Init)
	}
	list = append(list, define(pos, []ast.Expr{id(xv, pos)}, []ast.Expr{x}))
	if chain != nil {
		list = append(list, &ast.SwitchStmt{Switch: pos, Body: &ast.BlockStmt{List: []ast.Stmt{
			&ast.CaseClause{Case: pos, Body: []ast.Stmt{chain}},
		}}})
	}
	return []ast.Stmt{&ast.BlockStmt{Lbrace: pos, List: list, Rbrace: pos}}
}

// hasInterfaceCase reports whether a type switch has a case naming a
// non-empty interface type or a type declared in a cell.
func (w *rw) hasInterfaceCase(s *ast.TypeSwitchStmt) bool {
	for _, cl := range s.Body.List {
		for _, t := range cl.(*ast.CaseClause).List {
			tv, ok := w.tv(t)
			if !ok || !tv.IsType() {
				continue
			}
			if it, ok := tv.Type.Underlying().(*types.Interface); ok && !it.Empty() {
				return true
			}
			if cellType(tv.Type) {
				return true
			}
		}
	}
	return false
}

// switchedType returns the static type of a type switch's operand.
func (w *rw) switchedType(s *ast.TypeSwitchStmt) types.Type {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.AssignStmt:
		x = a.Rhs[0].(*ast.TypeAssertExpr).X
	case *ast.ExprStmt:
		x = a.X.(*ast.TypeAssertExpr).X
	}
	if tv, ok := w.tv(x); ok {
		return tv.Type
	}
	return nil
}

// assertion builds x.(t), seeing through yaegi's wrappers when t is a type
// declared in a cell.
func (w *rw) assertion(x, t ast.Expr) ast.Expr {
	if e := w.ifaceAssertion(x, t, true); e != nil {
		return e
	}
	a := &ast.TypeAssertExpr{X: x, Lparen: x.Pos(), Type: t, Rparen: x.Pos()}
	if tv, ok := w.tv(t); ok && tv.IsType() && cellType(tv.Type) {
		a.X = call(id("_swUnwrapI", x.Pos()), x.Pos(), x)
	}
	return a
}

func (w *rw) isNilCase(t ast.Expr) bool {
	tv, ok := w.tv(t)
	return ok && tv.IsNil()
}

// commaOkAssert is "v, ok := x.(t)" as an if statement's init; outside
// functions, where yaegi fails on a comma-ok define, it is declarations and
// an assignment to run before the if (pre) instead. v may be "_".
func (w *rw) commaOkAssert(pos token.Pos, v, ok string, x, t ast.Expr) (pre []ast.Stmt, init ast.Stmt) {
	a := w.assertion(x, t)
	if len(w.funcs) > 0 {
		return nil, define(pos, []ast.Expr{id(v, pos), id(ok, pos)}, []ast.Expr{a})
	}
	decl := func(name string, typ ast.Expr) ast.Stmt {
		return &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(name, pos)}, Type: typ}}}}
	}
	if v != "_" {
		pre = append(pre, decl(v, t))
	}
	pre = append(pre, decl(ok, id("bool", pos)), assign(pos, []ast.Expr{id(v, pos), id(ok, pos)}, []ast.Expr{a}))
	return pre, nil
}

// markCommaOk records that e, if a type assertion, is used in the comma-ok
// form.
func (w *rw) markCommaOk(e ast.Expr) {
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok && ta.Type != nil {
		if w.commaOk == nil {
			w.commaOk = map[ast.Expr]bool{}
		}
		w.commaOk[ta] = true
	}
}

// ifaceAssert rewrites x.(I), I an interface with methods that types
// declared in cells implement (see ifaceAssertion).
func (w *rw) ifaceAssert(e *ast.TypeAssertExpr) ast.Expr {
	if e.Type == nil {
		return nil
	}
	return w.ifaceAssertion(e.X, e.Type, w.commaOk[e])
}

// ifaceAssertion returns x.(I) for an interface I with methods, written so
// that a value of a type declared in a cell matches: yaegi keeps a struct
// value held in an interface without its methods, so x.(I) is false for it
// (and x.(I) panics). The assertion first tries each cell type that
// implements I, by a type switch, then x.(I) itself (a type switch on
// cell types fails in yaegi too):
//
//	func(a any) (I, bool) {
//		if c, ok := _swUnwrapI(a).(T); ok { return c, true }
//		if c, ok := _swUnwrapI(a).(*T); ok { return c, true }
//		i, ok := a.(I)
//		return i, ok
//	}(x)
//
// With commaOk false the literal returns I alone (and panics as x.(I)
// would). It returns nil when no cell type implements I.
func (w *rw) ifaceAssertion(x, t ast.Expr, commaOk bool) ast.Expr {
	if w.c == nil {
		return nil
	}
	tv, ok := w.tv(t)
	if !ok || !tv.IsType() {
		return nil
	}
	it, ok := tv.Type.Underlying().(*types.Interface)
	if !ok || it.Empty() {
		return nil
	}
	if xt, ok := w.tv(x); ok && xt.Type != nil {
		if _, isIface := xt.Type.Underlying().(*types.Interface); !isIface {
			return nil
		}
	}
	impls := w.cellImplementers(it)
	if len(impls) == 0 {
		return nil
	}
	pos := x.Pos()
	a := w.fresh("a")
	isError := types.Identical(tv.Type, types.Universe.Lookup("error").Type())
	var tries []ast.Stmt
	for _, te := range impls {
		c, k := w.fresh("c"), w.fresh("ok")
		var v ast.Expr = id(c, pos)
		if isError {
			v = call(id("_swAsError", pos), pos, v)
		}
		res := []ast.Expr{v}
		if commaOk {
			res = append(res, id("true", pos))
		}
		unwrapped := call(id("_swUnwrapI", pos), pos, id(a, pos))
		tries = append(tries, &ast.IfStmt{If: pos,
			Init: define(pos, []ast.Expr{id(c, pos), id(k, pos)}, []ast.Expr{&ast.TypeAssertExpr{X: unwrapped, Lparen: pos, Type: te, Rparen: pos}}),
			Cond: id(k, pos),
			Body: &ast.BlockStmt{Lbrace: pos, List: []ast.Stmt{ret(pos, res...)}, Rbrace: pos}})
	}
	native := &ast.TypeAssertExpr{X: id(a, pos), Lparen: pos, Type: copyAST(t), Rparen: pos}
	results := []*ast.Field{field(copyAST(t))}
	var tail []ast.Stmt
	if commaOk {
		i, k := w.fresh("i"), w.fresh("ok")
		results = append(results, field(id("bool", pos)))
		tail = []ast.Stmt{
			define(pos, []ast.Expr{id(i, pos), id(k, pos)}, []ast.Expr{native}),
			ret(pos, id(i, pos), id(k, pos)),
		}
	} else {
		tail = []ast.Stmt{ret(pos, native)}
	}
	fl := w.funcLit(pos, funcType(pos, []*ast.Field{field(id("any", pos), a)}, results), append(tries, tail...)...)
	return call(fl, pos, x)
}

// cellImplementers returns type expressions for the types declared in cells
// (T and *T) that implement it, in name order; interfaces, aliases and
// generic types are left out.
func (w *rw) cellImplementers(it *types.Interface) []ast.Expr {
	scope := w.c.pkg.Scope()
	var out []ast.Expr
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || strings.HasPrefix(name, "_sw") {
			continue
		}
		n, ok := tn.Type().(*types.Named)
		if !ok || n.TypeParams().Len() > 0 {
			continue
		}
		if _, isIface := n.Underlying().(*types.Interface); isIface {
			continue
		}
		if types.Implements(n, it) {
			out = append(out, id(name, token.NoPos))
		}
		if types.Implements(types.NewPointer(n), it) {
			out = append(out, &ast.StarExpr{X: id(name, token.NoPos)})
		}
	}
	return out
}
