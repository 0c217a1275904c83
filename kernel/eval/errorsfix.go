package eval

import (
	"errors"
	"go/ast"
	"go/types"
	"reflect"
	"unsafe"
)

// errorsCall rewrites errors.Is and errors.As into helpers that see
// through yaegi's wrappers: an error value of a cell type reaches compiled
// code (fmt.Errorf's %w, errors.Join) wrapped, and errors.As panics on a
// target of a cell type, whose reflect type has no Error method.
func (w *rw) errorsCall(e *ast.CallExpr) ast.Expr {
	sel, ok := e.Fun.(*ast.SelectorExpr)
	if !ok || w.c == nil {
		return nil
	}
	fn, ok := w.c.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "errors" {
		return nil
	}
	switch fn.Name() {
	case "Is":
		e.Fun = id("_swErrorsIs", sel.Pos())
		return e
	case "As":
		e.Fun = id("_swErrorsAs", sel.Pos())
		return e
	}
	return nil
}

// unwrapYaegi returns the value inside yaegi's representations of an
// interpreted value: its interface wrappers (a struct whose first field is
// IValue) and its valueInterface.
func unwrapYaegi(v any) any {
	for i := 0; i < 4; i++ {
		u := unwrapPanic(v)
		u = unwrap(u)
		if reflect.ValueOf(u) == reflect.ValueOf(v) || u == nil {
			return u
		}
		v = u
	}
	return v
}

// unwrapOnce is errors.Unwrap for one error (Unwrap() []error gives its
// first).
func unwrapOnce(err error) []error {
	switch x := err.(type) {
	case interface{ Unwrap() error }:
		if e := x.Unwrap(); e != nil {
			return []error{e}
		}
	case interface{ Unwrap() []error }:
		return x.Unwrap()
	}
	return nil
}

// errorsIs is errors.Is comparing through yaegi's wrappers.
func errorsIs(err, target error) bool {
	if errors.Is(err, target) {
		return true
	}
	if err == nil || target == nil {
		return false
	}
	t := unwrapYaegi(target)
	tv := reflect.ValueOf(t)
	comparable := tv.IsValid() && tv.Type().Comparable()
	var walk func(e error, depth int) bool
	walk = func(e error, depth int) bool {
		if e == nil || depth > 100 {
			return false
		}
		if comparable {
			u := reflect.ValueOf(unwrapYaegi(e))
			if u.IsValid() && u.Type() == tv.Type() && u.Interface() == t {
				return true
			}
		}
		for _, next := range unwrapOnce(e) {
			if walk(next, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(err, 0)
}

// errorsAs is errors.As for targets of cell types too: the first error in
// err's chain, unwrapped from yaegi's wrappers, assignable to *target.
func errorsAs(err error, target any) bool {
	tv := reflect.ValueOf(unwrapYaegi(target))
	if !tv.IsValid() || tv.Kind() != reflect.Ptr || tv.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	et := tv.Type().Elem()
	if et.Kind() == reflect.Interface || et.Implements(errorType) {
		if errors.As(err, tv.Interface()) {
			return true
		}
	}
	var walk func(e error, depth int) bool
	walk = func(e error, depth int) bool {
		if e == nil || depth > 100 {
			return false
		}
		u := reflect.ValueOf(unwrapYaegi(e))
		if u.IsValid() && u.Type().AssignableTo(et) {
			tv.Elem().Set(u)
			return true
		}
		for _, next := range unwrapOnce(e) {
			if walk(next, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(err, 0)
}

// unwrapI returns an interpreted value in its plain form, so that a type
// assertion to its cell type matches.
func unwrapI(v any) any { return unwrapYaegi(v) }

var _ = unsafe.Pointer(nil)
