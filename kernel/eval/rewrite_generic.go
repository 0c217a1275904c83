package eval

import (
	"go/ast"
	"go/token"
	"go/types"
)

// usesGeneric reports whether e calls or names an instance of a generic
// function or type.
func (w *rw) usesGeneric(e ast.Node) bool {
	if w.c == nil || len(w.c.info.Instances) == 0 {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(*ast.Ident); ok {
			if _, ok := w.c.info.Instances[x]; ok {
				found = true
			}
		}
		return !found
	})
	return found
}

// typedDefines rewrites the top-level "x := e" of a statement piece whose
// e uses a generic function into "var x T = e": yaegi fails to infer the
// type of a global from a generic call.
func (w *rw) typedDefines(body *ast.BlockStmt) {
	out := body.List[:0:0]
	for _, s := range body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || !w.usesGeneric(as) {
			out = append(out, s)
			continue
		}
		repl := w.typedDefine(as)
		if repl == nil {
			out = append(out, s)
			continue
		}
		out = append(out, repl...)
	}
	body.List = out
}

func (w *rw) typedDefine(as *ast.AssignStmt) []ast.Stmt {
	pos := as.Pos()
	var decls []ast.Stmt
	var lhs []ast.Expr
	for _, l := range as.Lhs {
		x, ok := l.(*ast.Ident)
		if !ok {
			return nil
		}
		lhs = append(lhs, id(x.Name, x.Pos()))
		obj := w.c.info.Defs[x]
		if obj == nil || x.Name == "_" {
			continue // assigned, not declared
		}
		te := w.typeExpr(obj.Type())
		if te == nil {
			return nil
		}
		decls = append(decls, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos,
			Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id(x.Name, x.Pos())}, Type: te}}}})
	}
	return append(decls, assign(pos, lhs, as.Rhs))
}

// typedVars gives an explicit type to package-level "var x = e" whose e
// uses a generic function, for the same reason.
func (w *rw) typedVars(f *ast.File) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) == 0 || !w.usesGeneric(vs) {
				continue
			}
			var t types.Type
			same := true
			for _, n := range vs.Names {
				obj := w.c.info.Defs[n]
				if obj == nil {
					same = false
					break
				}
				if t == nil {
					t = obj.Type()
				} else if !types.Identical(t, obj.Type()) {
					same = false
				}
			}
			if !same || t == nil {
				continue
			}
			if te := w.typeExpr(t); te != nil {
				vs.Type = te
			}
		}
	}
}
