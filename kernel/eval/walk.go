package eval

import (
	"go/ast"
	"reflect"
)

// rewriter rewrites an AST bottom-up: every statement list is rebuilt from
// what stmt returns for each statement (after its children were rewritten),
// and every expression is replaced by what expr returns.
type rewriter struct {
	stmt func(s ast.Stmt) []ast.Stmt // nil result: keep s
	expr func(e ast.Expr) ast.Expr   // nil result: keep e
	// enter is called before a node's children; returning false skips them.
	enter func(n ast.Node) bool
	// leave is called after a node's children.
	leave func(n ast.Node)
}

var (
	stmtListType = reflect.TypeOf([]ast.Stmt(nil))
	exprType     = reflect.TypeOf((*ast.Expr)(nil)).Elem()
	stmtType     = reflect.TypeOf((*ast.Stmt)(nil)).Elem()
	nodeType     = reflect.TypeOf((*ast.Node)(nil)).Elem()
)

// walk rewrites n in place.
func (w *rewriter) walk(n ast.Node) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	if w.enter != nil && !w.enter(n) {
		return
	}
	v := reflect.ValueOf(n).Elem()
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Type() == stmtListType:
			if f.IsNil() {
				continue
			}
			list := f.Interface().([]ast.Stmt)
			f.Set(reflect.ValueOf(w.stmts(list)))
		case f.Type() == exprType:
			if f.IsNil() {
				continue
			}
			e := f.Interface().(ast.Expr)
			f.Set(reflect.ValueOf(w.expression(e)))
		case f.Type() == stmtType:
			if f.IsNil() {
				continue
			}
			s := f.Interface().(ast.Stmt)
			out := w.stmts([]ast.Stmt{s})
			switch len(out) {
			case 0:
				f.Set(reflect.Zero(f.Type()))
			case 1:
				f.Set(reflect.ValueOf(out[0]))
			default:
				f.Set(reflect.ValueOf(ast.Stmt(&ast.BlockStmt{Lbrace: s.Pos(), List: out, Rbrace: s.Pos()})))
			}
		case f.Kind() == reflect.Slice && f.Type().Elem() == exprType:
			for j := 0; j < f.Len(); j++ {
				e := f.Index(j).Interface().(ast.Expr)
				if e != nil {
					f.Index(j).Set(reflect.ValueOf(w.expression(e)))
				}
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Implements(nodeType):
			for j := 0; j < f.Len(); j++ {
				if x, ok := f.Index(j).Interface().(ast.Node); ok {
					w.walk(x)
				}
			}
		case f.Type().Implements(nodeType) && f.Kind() != reflect.Interface:
			if !f.IsNil() {
				w.walk(f.Interface().(ast.Node))
			}
		case f.Kind() == reflect.Interface && f.Type().Implements(nodeType):
			if !f.IsNil() {
				w.walk(f.Interface().(ast.Node))
			}
		}
	}
	if w.leave != nil {
		w.leave(n)
	}
}

func (w *rewriter) stmts(list []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, len(list))
	for _, s := range list {
		if s == nil {
			continue
		}
		w.walk(s)
		if w.stmt != nil {
			if repl := w.stmt(s); repl != nil {
				out = append(out, repl...)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func (w *rewriter) expression(e ast.Expr) ast.Expr {
	w.walk(e)
	if w.expr != nil {
		if repl := w.expr(e); repl != nil {
			return repl
		}
	}
	return e
}
