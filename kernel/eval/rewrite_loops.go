package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// --- control flow out of a loop body moved into a function ---

// exits says what replaces each way out of a loop body that now runs as a
// function: continue and break of the loop, a return from the enclosing
// function, and a branch to an outer label.
type exits struct {
	label      string // the loop's own label, if any
	onContinue func(pos token.Pos) []ast.Stmt
	onBreak    func(pos token.Pos) []ast.Stmt
	onReturn   func(r *ast.ReturnStmt) []ast.Stmt
	onOuter    func(b *ast.BranchStmt) []ast.Stmt
	bad        token.Pos // a goto, or a defer (which would run per iteration)
	badWhat    string
}

// translate rewrites the statements of a loop body in place. loops and
// breakables count the loops and switch/select statements between the
// statement and the body; inner holds their labels.
func (x *exits) translate(list []ast.Stmt, loops, breakables int, inner map[string]bool) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		out = append(out, x.stmt(s, loops, breakables, inner)...)
	}
	return out
}

func (x *exits) block(b *ast.BlockStmt, loops, breakables int, inner map[string]bool) {
	if b != nil {
		b.List = x.translate(b.List, loops, breakables, inner)
	}
}

func (x *exits) one(s ast.Stmt, loops, breakables int, inner map[string]bool) ast.Stmt {
	out := x.stmt(s, loops, breakables, inner)
	if len(out) == 1 {
		return out[0]
	}
	return &ast.BlockStmt{Lbrace: s.Pos(), List: out, Rbrace: s.Pos()}
}

func (x *exits) stmt(s ast.Stmt, loops, breakables int, inner map[string]bool) []ast.Stmt {
	switch s := s.(type) {
	case *ast.BranchStmt:
		return x.branch(s, loops, breakables, inner)
	case *ast.ReturnStmt:
		return x.onReturn(s)
	case *ast.DeferStmt:
		if x.bad == token.NoPos {
			x.bad, x.badWhat = s.Pos(), "defer"
		}
	case *ast.BlockStmt:
		x.block(s, loops, breakables, inner)
	case *ast.IfStmt:
		x.block(s.Body, loops, breakables, inner)
		if s.Else != nil {
			s.Else = x.one(s.Else, loops, breakables, inner)
		}
	case *ast.LabeledStmt:
		in2 := copySet(inner)
		in2[s.Label.Name] = true
		s.Stmt = x.one(s.Stmt, loops, breakables, in2)
	case *ast.ForStmt:
		x.block(s.Body, loops+1, breakables+1, inner)
	case *ast.RangeStmt:
		x.block(s.Body, loops+1, breakables+1, inner)
	case *ast.SwitchStmt:
		x.clauses(s.Body, loops, breakables+1, inner)
	case *ast.TypeSwitchStmt:
		x.clauses(s.Body, loops, breakables+1, inner)
	case *ast.SelectStmt:
		x.clauses(s.Body, loops, breakables+1, inner)
	}
	return []ast.Stmt{s}
}

func (x *exits) clauses(b *ast.BlockStmt, loops, breakables int, inner map[string]bool) {
	for _, c := range b.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			c.Body = x.translate(c.Body, loops, breakables, inner)
		case *ast.CommClause:
			c.Body = x.translate(c.Body, loops, breakables, inner)
		}
	}
}

func (x *exits) branch(s *ast.BranchStmt, loops, breakables int, inner map[string]bool) []ast.Stmt {
	switch s.Tok {
	case token.GOTO:
		if x.bad == token.NoPos {
			x.bad, x.badWhat = s.Pos(), "goto"
		}
		return []ast.Stmt{s}
	case token.FALLTHROUGH:
		return []ast.Stmt{s}
	}
	if s.Label != nil {
		switch {
		case inner[s.Label.Name]:
			return []ast.Stmt{s}
		case s.Label.Name == x.label:
			if s.Tok == token.CONTINUE {
				return x.onContinue(s.Pos())
			}
			return x.onBreak(s.Pos())
		}
		return x.onOuter(s)
	}
	if s.Tok == token.CONTINUE && loops == 0 {
		return x.onContinue(s.Pos())
	}
	if s.Tok == token.BREAK && breakables == 0 {
		return x.onBreak(s.Pos())
	}
	return []ast.Stmt{s}
}

func copySet(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// resultVars declares variables for the results of the innermost enclosing
// function, for a return moved out of a loop body. named reports that the
// function has named results (a bare return then returns them).
func (w *rw) resultVars(pos token.Pos) (decls []ast.Stmt, names []string, named, ok bool) {
	sig := w.enclosingSig()
	if sig == nil {
		return nil, nil, false, false
	}
	res := sig.Results()
	named = res.Len() > 0 && res.At(0).Name() != ""
	for i := 0; i < res.Len(); i++ {
		te := w.typeExpr(res.At(i).Type())
		if te == nil {
			return nil, nil, false, false
		}
		n := w.fresh("r")
		names = append(names, n)
		decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(n, pos)}, Type: te}}}})
	}
	return decls, names, named, true
}

// enclosingSig returns the signature of the innermost function being
// rewritten, or nil at a cell's top level.
func (w *rw) enclosingSig() *types.Signature {
	if len(w.funcs) == 0 || w.c == nil {
		return nil
	}
	return w.funcs[len(w.funcs)-1]
}

// returnTo returns the statements that store a return's results and the
// statement that returns them later.
func returnTo(r *ast.ReturnStmt, names []string, named bool) (store []ast.Stmt, final *ast.ReturnStmt) {
	pos := r.Pos()
	final = ret(pos)
	if len(r.Results) == 0 {
		return nil, final
	}
	var lhs []ast.Expr
	for _, n := range names {
		lhs = append(lhs, id(n, pos))
	}
	if !named || len(r.Results) > 0 {
		final.Results = copyIdents(lhs)
	}
	return []ast.Stmt{assign(pos, lhs, r.Results)}, final
}

// --- range over an integer or a function ---

// rangeStmt rewrites a range over an integer into a three-clause loop and a
// range over a function into a call of it with the body as yield; yaegi
// supports neither.
func (w *rw) rangeStmt(s *ast.RangeStmt) []ast.Stmt {
	tv, ok := w.tv(s.X)
	if !ok || tv.Type == nil {
		return nil
	}
	switch u := tv.Type.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			out := w.rangeInt(s, tv)
			if out == nil {
				return nil
			}
			if lc := w.loopClosures(out); lc != nil {
				return []ast.Stmt{lc}
			}
			return []ast.Stmt{out}
		}
	case *types.Signature:
		return w.rangeFunc(s, u)
	}
	return nil
}

// rangeInt: for i := range n { body } → for _swi, _swn := T(0), T(n); _swi <
// _swn; _swi++ { i := _swi; body }.
func (w *rw) rangeInt(s *ast.RangeStmt, tv types.TypeAndValue) *ast.ForStmt {
	pos := s.Pos()
	t := tv.Type
	if key, ok := s.Key.(*ast.Ident); ok && s.Tok == token.DEFINE && w.c.info.Defs[key] != nil {
		t = w.c.info.Defs[key].Type()
	} else if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		t = types.Typ[types.Int]
	}
	te := w.typeExpr(t)
	if te == nil {
		w.fail(pos, "range over a value of type %s is not supported by the interpreter", t)
		return nil
	}
	i, n := w.fresh("i"), w.fresh("n")
	f := &ast.ForStmt{
		For:  s.For,
		Init: define(pos, []ast.Expr{id(i, pos), id(n, pos)}, []ast.Expr{call(te, pos, intLit(0, pos)), call(copyAST(te), pos, s.X)}),
		Cond: &ast.BinaryExpr{X: id(i, pos), Op: token.LSS, OpPos: pos, Y: id(n, pos)},
		Post: &ast.IncDecStmt{X: id(i, pos), TokPos: pos, Tok: token.INC},
		Body: s.Body,
	}
	if s.Key != nil && !isBlank(s.Key) {
		var bind ast.Stmt
		if s.Tok == token.DEFINE {
			bind = define(pos, []ast.Expr{s.Key}, []ast.Expr{id(i, pos)})
		} else {
			bind = assign(pos, []ast.Expr{s.Key}, []ast.Expr{id(i, pos)})
		}
		f.Body.List = append([]ast.Stmt{bind}, f.Body.List...)
	}
	if l, ok := w.labels[s]; ok {
		w.labels[f] = l
	}
	return f
}

func isBlank(e ast.Expr) bool {
	x, ok := e.(*ast.Ident)
	return ok && x.Name == "_"
}

// rangeFunc: for k, v := range seq { body } → seq(func(k K, v V) bool {
// body; return true }), with continue, break and return translated.
func (w *rw) rangeFunc(s *ast.RangeStmt, sig *types.Signature) []ast.Stmt {
	pos := s.Pos()
	if sig.Params().Len() != 1 {
		return nil
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	vars := []ast.Expr{s.Key, s.Value}
	var params []*ast.Field
	var binds []ast.Stmt
	for i := 0; i < yield.Params().Len(); i++ {
		te := w.typeExpr(yield.Params().At(i).Type())
		if te == nil {
			w.fail(pos, "range over a function yielding %s is not supported by the interpreter", yield.Params().At(i).Type())
			return nil
		}
		name := w.fresh("y")
		if v := vars[i]; v != nil && !isBlank(v) {
			if s.Tok == token.DEFINE {
				name = v.(*ast.Ident).Name
			} else {
				binds = append(binds, assign(pos, []ast.Expr{v}, []ast.Expr{id(name, pos)}))
			}
		}
		params = append(params, field(te, name))
	}
	decls, rnames, named, haveRes := w.resultVars(pos)
	retFlag := w.fresh("ret")
	ctl := w.fresh("ctl")
	var outer []*ast.BranchStmt
	x := &exits{label: w.labels[s]}
	x.onContinue = func(p token.Pos) []ast.Stmt { return []ast.Stmt{ret(p, id("true", p))} }
	x.onBreak = func(p token.Pos) []ast.Stmt { return []ast.Stmt{ret(p, id("false", p))} }
	var finalRet *ast.ReturnStmt
	usedRet := false
	x.onReturn = func(r *ast.ReturnStmt) []ast.Stmt {
		usedRet = true
		if !haveRes {
			w.fail(r.Pos(), "a return inside a range over a function is not supported here by the interpreter")
			return []ast.Stmt{r}
		}
		store, final := returnTo(r, rnames, named)
		finalRet = final
		return append(store, assign(r.Pos(), []ast.Expr{id(retFlag, r.Pos())}, []ast.Expr{id("true", r.Pos())}), ret(r.Pos(), id("false", r.Pos())))
	}
	x.onOuter = func(b *ast.BranchStmt) []ast.Stmt {
		outer = append(outer, b)
		return []ast.Stmt{
			assign(b.Pos(), []ast.Expr{id(ctl, b.Pos())}, []ast.Expr{intLit(len(outer), b.Pos())}),
			ret(b.Pos(), id("false", b.Pos())),
		}
	}
	body := x.translate(s.Body.List, 0, 0, map[string]bool{})
	if x.bad != token.NoPos {
		w.fail(x.bad, "a %s inside a range over a function is not supported by the interpreter; move the loop body into a function", x.badWhat)
		return nil
	}
	body = append(binds, body...)
	body = append(body, ret(pos, id("true", pos)))
	yieldLit := w.funcLit(pos, funcType(pos, params, []*ast.Field{field(id("bool", pos))}), body...)
	out := []ast.Stmt{}
	if usedRet {
		out = append(out, decls...)
		out = append(out, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(retFlag, pos)}, Type: id("bool", pos)}}}})
	}
	if len(outer) > 0 {
		out = append(out, define(pos, []ast.Expr{id(ctl, pos)}, []ast.Expr{intLit(0, pos)}))
	}
	out = append(out, &ast.ExprStmt{X: call(s.X, pos, yieldLit)})
	if usedRet && finalRet != nil {
		out = append(out, &ast.IfStmt{If: pos, Cond: id(retFlag, pos), Body: &ast.BlockStmt{List: []ast.Stmt{finalRet}}})
	}
	for i, b := range outer {
		out = append(out, &ast.IfStmt{If: pos,
			Cond: &ast.BinaryExpr{X: id(ctl, pos), Op: token.EQL, OpPos: pos, Y: intLit(i+1, pos)},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.BranchStmt{TokPos: pos, Tok: b.Tok, Label: id(b.Label.Name, pos)}}}})
	}
	return []ast.Stmt{&ast.BlockStmt{Lbrace: pos, List: out, Rbrace: pos}}
}

// --- per-iteration loop variables ---

// loopClosures gives each iteration of a loop its own variables, as Go
// 1.22 does, when a function literal in the body captures one of them:
// yaegi keeps one variable per loop. The body runs as a function called
// once per iteration, with the loop variables copied in and out.
func (w *rw) loopClosures(s ast.Stmt) ast.Stmt {
	if w.c == nil {
		return nil
	}
	var body *ast.BlockStmt
	var loopIdents []*ast.Ident
	switch s := s.(type) {
	case *ast.ForStmt:
		body = s.Body
		if as, ok := s.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
			for _, l := range as.Lhs {
				if x, ok := l.(*ast.Ident); ok && x.Name != "_" {
					loopIdents = append(loopIdents, x)
				}
			}
		}
	case *ast.RangeStmt:
		body = s.Body
		if s.Tok == token.DEFINE {
			for _, e := range []ast.Expr{s.Key, s.Value} {
				if x, ok := e.(*ast.Ident); ok && x.Name != "_" {
					loopIdents = append(loopIdents, x)
				}
			}
		}
	default:
		return nil
	}
	if !w.capturesLoopVars(body, loopIdents) {
		return nil
	}
	pos := s.Pos()
	// Loop variables live outside under fresh names; the body redeclares them.
	objs := map[types.Object]string{}
	var outerNames, innerNames []ast.Expr
	for _, x := range loopIdents {
		obj := w.c.info.Defs[x]
		if obj == nil {
			continue
		}
		n := w.fresh("l")
		objs[obj] = n
		outerNames = append(outerNames, id(n, pos))
		innerNames = append(innerNames, id(x.Name, pos))
	}
	var copyBack []ast.Stmt
	switch s := s.(type) {
	case *ast.ForStmt:
		renameObjs(w.c.info, s.Init, objs)
		renameObjs(w.c.info, s.Cond, objs)
		renameObjs(w.c.info, s.Post, objs)
		if len(outerNames) > 0 {
			copyBack = []ast.Stmt{assign(pos, copyIdents(outerNames), copyIdents(innerNames))}
		}
	case *ast.RangeStmt:
		if s.Key != nil {
			renameObjs(w.c.info, s.Key, objs)
		}
		if s.Value != nil {
			renameObjs(w.c.info, s.Value, objs)
		}
	}
	decls, rnames, named, haveRes := w.resultVars(pos)
	var outer []*ast.BranchStmt
	var finalRet *ast.ReturnStmt
	usedRet := false
	x := &exits{label: w.labels[s]}
	exit := func(p token.Pos, code int) []ast.Stmt {
		return append(copyStmts(copyBack), ret(p, intLit(code, p)))
	}
	x.onContinue = func(p token.Pos) []ast.Stmt { return exit(p, 0) }
	x.onBreak = func(p token.Pos) []ast.Stmt { return exit(p, 1) }
	x.onReturn = func(r *ast.ReturnStmt) []ast.Stmt {
		usedRet = true
		if !haveRes {
			w.fail(r.Pos(), "a return inside this loop is not supported by the interpreter (its body captures the loop's variables in a closure); move the loop into a function")
			return []ast.Stmt{r}
		}
		store, final := returnTo(r, rnames, named)
		finalRet = final
		return append(store, exit(r.Pos(), 2)...)
	}
	x.onOuter = func(b *ast.BranchStmt) []ast.Stmt {
		outer = append(outer, b)
		return exit(b.Pos(), 2+len(outer))
	}
	inner := x.translate(body.List, 0, 0, map[string]bool{})
	if x.bad != token.NoPos {
		w.fail(x.bad, "a loop whose body both uses %s and creates closures over the loop's variables is not supported by the interpreter; move the loop body into a function", x.badWhat)
		return nil
	}
	var fnBody []ast.Stmt
	if len(innerNames) > 0 {
		fnBody = append(fnBody, define(pos, copyIdents(innerNames), copyIdents(outerNames)))
	}
	fnBody = append(fnBody, inner...)
	fnBody = append(fnBody, exit(pos, 0)...)
	lit := w.funcLit(pos, funcType(pos, nil, []*ast.Field{field(id("int", pos))}), fnBody...)
	code := w.fresh("c")
	newBody := []ast.Stmt{}
	if usedRet {
		newBody = append(newBody, decls...)
	}
	newBody = append(newBody, define(pos, []ast.Expr{id(code, pos)}, []ast.Expr{call(lit, pos)}))
	dispatch := func(n int, s ast.Stmt) ast.Stmt {
		return &ast.IfStmt{If: pos, Cond: &ast.BinaryExpr{X: id(code, pos), Op: token.EQL, OpPos: pos, Y: intLit(n, pos)},
			Body: &ast.BlockStmt{List: []ast.Stmt{s}}}
	}
	newBody = append(newBody, dispatch(1, &ast.BranchStmt{TokPos: pos, Tok: token.BREAK}))
	if usedRet && finalRet != nil {
		newBody = append(newBody, dispatch(2, finalRet))
	}
	for i, b := range outer {
		newBody = append(newBody, dispatch(3+i, &ast.BranchStmt{TokPos: pos, Tok: b.Tok, Label: id(b.Label.Name, pos)}))
	}
	body.List = newBody
	return s
}

func copyStmts(in []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, len(in))
	for i, s := range in {
		out[i] = copyAST(s)
	}
	return out
}

// renameObjs renames the identifiers in n that denote the given objects.
func renameObjs(info *types.Info, n ast.Node, objs map[types.Object]string) {
	if n == nil || len(objs) == 0 {
		return
	}
	ast.Inspect(n, func(n ast.Node) bool {
		x, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := info.Uses[x]
		if obj == nil {
			obj = info.Defs[x]
		}
		if name, ok := objs[obj]; ok {
			x.Name = name
		}
		return true
	})
}

// capturesLoopVars reports whether a function literal written by the user
// in body refers to a loop variable or to a variable declared in the body.
func (w *rw) capturesLoopVars(body *ast.BlockStmt, loopIdents []*ast.Ident) bool {
	declared := map[types.Object]bool{}
	for _, x := range loopIdents {
		if obj := w.c.info.Defs[x]; obj != nil {
			declared[obj] = true
		}
	}
	var lits []*ast.FuncLit
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			if !w.synth[n] {
				lits = append(lits, n)
				return false
			}
		case *ast.Ident:
			if obj, ok := w.c.info.Defs[n].(*types.Var); ok {
				declared[obj] = true
			}
		}
		return true
	})
	for _, lit := range lits {
		found := false
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if x, ok := n.(*ast.Ident); ok && declared[w.c.info.Uses[x]] {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
