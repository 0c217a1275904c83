package nn

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"
)

// Error is the value every layer panics with when its input is wrong: a
// shape that does not fit, a nil tensor, a zero or negative size, a stride
// of 0, a non-finite number found while finite checks are on. It names the
// operation, what was expected and what came, and, when one can be
// inferred, the likely cause.
//
// Forward and Backward panic with *Error rather than return it, so that a
// notebook cell reads like PyTorch (y := conv.Forward(x)); Try turns the
// panic back into an ordinary error value.
type Error struct {
	Op       string // the operation, e.g. "Conv2d.Forward" or "NewLinear"
	Layer    string // the layer's name inside its model (e.g. "fc1"); empty for a bare layer
	Expected string // what the operation expected
	Got      string // what it got
	Hint     string // the likely cause, if one can be inferred; may be empty
}

// Error formats the error as one line:
//
//	nn: fc1 (Linear.Forward): expects 2304 = 64·6·6 features but got 4096 = 64·8·8: <hint>
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("nn: ")
	if e.Layer != "" {
		fmt.Fprintf(&b, "%s (%s)", e.Layer, e.Op)
	} else {
		b.WriteString(e.Op)
	}
	fmt.Fprintf(&b, ": expects %s but got %s", e.Expected, e.Got)
	if e.Hint != "" {
		b.WriteString(": ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// fail panics with an *Error.
func fail(op, expected, got string) {
	panic(&Error{Op: op, Expected: expected, Got: got})
}

// failf panics with an *Error whose Got is formatted.
func failf(op, expected, gotFormat string, args ...any) {
	panic(&Error{Op: op, Expected: expected, Got: fmt.Sprintf(gotFormat, args...)})
}

// failHint panics with an *Error that carries a hint.
func failHint(op, expected, got, hint string) {
	panic(&Error{Op: op, Expected: expected, Got: got, Hint: hint})
}

// Try runs f and returns the *Error that f panicked with, or nil. Any other
// panic (a bug, not bad input) is passed on unchanged. In a notebook:
//
//	err := nn.Try(func() { y = model.Forward(x) })
//	fmt.Println(err)
func Try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok {
				err = e
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

var finiteChecks atomic.Bool

// SetCheckFinite turns finite checks on or off for every layer and returns
// the previous setting. While on, each Forward and Backward checks its
// inputs and outputs for NaN and ±Inf and panics with an *Error naming the
// operation and the first offending position. Off by default (PyTorch lets
// NaN flow through, and so does nn).
func SetCheckFinite(on bool) (was bool) { return finiteChecks.Swap(on) }

// CheckFinite returns an *Error naming the first NaN or ±Inf in t (and how
// many there are), or nil when every number is finite. what names the
// tensor in the message, e.g. "logits".
func CheckFinite(what string, t *Tensor) error {
	if t == nil {
		return &Error{Op: "CheckFinite", Expected: "a tensor " + what, Got: "nil"}
	}
	first, count := -1, 0
	for i, v := range t.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if first < 0 {
		return nil
	}
	return &Error{Op: "CheckFinite", Expected: "finite numbers in " + what,
		Got: fmt.Sprintf("%v at %s (%d non-finite of %d)", t.Data[first], fmtIndex(unravel(first, t.Shape)), count, len(t.Data))}
}

// checkFiniteOp panics when finite checks are on and t is not finite.
func checkFiniteOp(op, what string, t *Tensor) {
	if t == nil || !finiteChecks.Load() {
		return
	}
	if err := CheckFinite(what, t); err != nil {
		e := err.(*Error)
		e.Op = op
		panic(e)
	}
}

// checkTensor panics unless t is non-nil, well-formed (len(Data) equals the
// product of Shape) and has no zero or negative size; it then runs the
// finite check. what names the argument ("input", "h0").
func checkTensor(op, what string, t *Tensor) {
	if t == nil {
		fail(op, "a tensor as "+what, "nil")
	}
	n := 1
	for _, s := range t.Shape {
		if s <= 0 {
			fail(op, what+" with every size ≥ 1", "shape "+fmtShape(t.Shape))
		}
		n *= s
	}
	if n != len(t.Data) {
		failf(op, what+" whose Data has "+fmt.Sprint(n)+" numbers for shape "+fmtShape(t.Shape), "%d numbers", len(t.Data))
	}
	checkFiniteOp(op, what, t)
}

// unravel turns a flat row-major index into per-dimension indices.
func unravel(i int, shape []int) []int {
	idx := make([]int, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		if shape[d] > 0 {
			idx[d] = i % shape[d]
			i /= shape[d]
		}
	}
	return idx
}

// fmtShape formats a shape as (2, 3, 4).
func fmtShape(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// fmtIndex formats an index as [1, 2].
func fmtIndex(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// TryForward runs l.Forward(x) and returns the *Error it panicked with
// instead of panicking: y, err := nn.TryForward(model, x). Unlike Try with
// a closure written in a notebook cell, the panic never crosses
// interpreted code.
func TryForward(l Layer, x *Tensor) (y *Tensor, err error) {
	err = Try(func() { y = l.Forward(x) })
	return y, err
}
