package eval

import (
	"go/ast"
	"go/token"
	"go/types"
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
			init := define(pos, []ast.Expr{id(v, pos), id(ok, pos)},
				[]ast.Expr{w.assertion(id(xv, pos), cc.List[0])})
			if bind != nil {
				body = append([]ast.Stmt{define(pos, []ast.Expr{id(bind.Name, bind.Pos())}, []ast.Expr{id(v, pos)})}, body...)
			}
			add(&ast.IfStmt{If: pos, Init: init, Cond: id(ok, pos), Body: &ast.BlockStmt{List: body}})
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
				inits = append(inits, define(pos, []ast.Expr{id("_", pos), id(ok, pos)},
					[]ast.Expr{w.assertion(id(xv, pos), t)}))
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
