package eval

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"time"
)

// indexDetail completes "index out of range" with Go's "[i] with length
// n". yaegi's message has neither number, so the failing index expression
// is found (at the innermost frame's position, or among the running
// top-level statement's) and its operands evaluated again when they are
// variables of the session, which cannot have changed since. When they are
// local to a function, and gone, the detail names them instead.
func (in *Interp) indexDetail(r *run, frames []frame) string {
	var cands []*ast.IndexExpr
	if len(frames) > 0 && frames[0].fn != "main" {
		if ix := in.indexAt(r, frames[0]); ix != nil {
			cands = append(cands, ix)
		}
	} else if r.unit != nil {
		ast.Inspect(r.unit, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IndexExpr:
				cands = append(cands, n)
			}
			return true
		})
	}
	var fallback string
	for _, ix := range cands {
		if !in.indexable(r, ix) {
			continue
		}
		if i, n, ok := in.probeIndex(r, ix); ok {
			if i < 0 || i >= n {
				return fmt.Sprintf("[%d] with length %d", i, n)
			}
			continue
		}
		if fallback == "" {
			fallback = fmt.Sprintf("[%s] with length len(%s)", exprString(ix.Index), exprString(ix.X))
		}
	}
	return fallback
}

// indexAt finds the index expression at a frame's position, in the running
// cell or the declarations of earlier cells.
func (in *Interp) indexAt(r *run, f frame) *ast.IndexExpr {
	var found *ast.IndexExpr
	look := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if ix, ok := n.(*ast.IndexExpr); ok {
				p := in.yi.FileSet().Position(ix.Pos())
				if p.Line == f.line && p.Column == f.col {
					found = ix
				}
			}
			return true
		})
	}
	if r.unit != nil {
		look(r.unit)
	}
	for _, e := range in.sess.order {
		if found == nil && !e.dead {
			look(e.decl)
		}
	}
	return found
}

// indexable reports whether ix indexes a slice, array or string (a map
// index cannot be out of range).
func (in *Interp) indexable(r *run, ix *ast.IndexExpr) bool {
	if r.check == nil {
		return true
	}
	t := r.check.typeOf(ix.X)
	if t == nil {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Map, *types.Signature:
		return false
	case *types.Pointer:
		_, ok := u.Elem().Underlying().(*types.Array)
		return ok
	}
	return true
}

// probeIndex evaluates the index and the length of what ix indexes, when
// both are made of session variables and constants only.
func (in *Interp) probeIndex(r *run, ix *ast.IndexExpr) (i, n int, ok bool) {
	if r.check == nil || !in.pure(r.check, ix.X) || !in.pure(r.check, ix.Index) {
		return 0, 0, false
	}
	src := fmt.Sprintf("_swProbe(int(%s), len(%s))", exprString(ix.Index), exprString(ix.X))
	e, err := parser.ParseExprFrom(in.yi.FileSet(), "_.go", directive(0)+src, 0)
	if err != nil {
		return 0, 0, false
	}
	prog, err := in.compile(block(&ast.ExprStmt{X: e}))
	if err != nil {
		return 0, 0, false
	}
	in.probe = nil
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := in.yi.ExecuteWithContext(ctx, prog); err != nil || len(in.probe) != 2 {
		return 0, 0, false
	}
	return in.probe[0], in.probe[1], true
}

// pure reports whether e only reads variables declared at a cell's top
// level (session variables), constants and len or cap of those.
func (in *Interp) pure(c *checked, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if f, isID := n.Fun.(*ast.Ident); !isID || (f.Name != "len" && f.Name != "cap") {
				if tv, found := c.info.Types[n.Fun]; !found || !tv.IsType() {
					ok = false
				}
			}
		case *ast.UnaryExpr:
			if n.Op.String() == "<-" {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		case *ast.Ident:
			obj := c.info.Uses[n]
			switch obj := obj.(type) {
			case *types.Var:
				if obj.IsField() {
					return true
				}
				p := obj.Parent()
				if p == nil || (p != c.pkg.Scope() && !isCellScope(p)) {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

// isCellScope reports whether s is the top-level scope of the function the
// checker wraps a cell's statements in.
func isCellScope(s *types.Scope) bool {
	file := s.Parent()
	if file == nil || file.Parent() == nil {
		return false
	}
	pkg := file.Parent()
	return pkg.Parent() == types.Universe && pkg.Lookup(checkName) != nil
}

func exprString(e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}
