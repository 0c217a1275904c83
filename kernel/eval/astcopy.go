package eval

import (
	"go/ast"
	"reflect"
)

var (
	objectType       = reflect.TypeOf((*ast.Object)(nil))
	scopeType        = reflect.TypeOf((*ast.Scope)(nil))
	commentGroupType = reflect.TypeOf((*ast.CommentGroup)(nil))
)

// copyAST returns a deep copy of an AST node, so that rewriting it leaves
// the original (kept for the type checker's state) as written. Objects and
// scopes of the old resolver are dropped; comments are shared.
func copyAST[T ast.Node](n T) T {
	v := copyValue(reflect.ValueOf(n))
	if !v.IsValid() {
		var zero T
		return zero
	}
	return v.Interface().(T)
}

func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Ptr:
		if v.IsNil() {
			return v
		}
		switch v.Type() {
		case objectType, scopeType:
			return reflect.Zero(v.Type())
		case commentGroupType:
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(copyValue(v.Elem()))
		return c
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type()).Elem()
		c.Set(copyValue(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(copyValue(v.Index(i)))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			if c.Field(i).CanSet() {
				c.Field(i).Set(copyValue(v.Field(i)))
			}
		}
		return c
	}
	return v
}
