package eval

import (
	"reflect"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// yaegi v0.16.1 appends the root of every syntax tree it compiles to an
// unexported list that only its debugger reads, so a session would keep
// every cell it ever compiled: about 1.5 KB for "println()", far more for a
// long cell, and garbage collection slows down as the list grows. The
// kernel does not use the debugger; forgetRoots empties the list after
// each compilation.

// rootsOffset is the offset of Interpreter.roots, or 0 if this version of
// yaegi has no such []*node field (then nothing is done).
var rootsOffset = func() uintptr {
	f, ok := reflect.TypeOf(interp.Interpreter{}).FieldByName("roots")
	if !ok || f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Pointer {
		return 0
	}
	return f.Offset
}()

// forgetRoots empties yi's list of compiled roots.
func forgetRoots(yi *interp.Interpreter) {
	if rootsOffset == 0 || yi == nil {
		return
	}
	roots := (*[]unsafe.Pointer)(unsafe.Add(unsafe.Pointer(yi), rootsOffset))
	clear(*roots)
	*roots = (*roots)[:0]
}
