package conv

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons"
)

// Error is what the functions of this package panic with when their input
// is wrong: a kernel larger than the input, a bias of the wrong length, a
// negative stride. Its message, in the current language, says what was
// expected and what came; in a notebook it shows as the cell's error.
type Error struct {
	Msg string // the message for the student
}

// Error returns the message, prefixed "conv: ".
func (e *Error) Error() string { return "conv: " + e.Msg }

// fail panics with an *Error holding the catalog message key.
func fail(key string, args ...any) {
	panic(&Error{Msg: lessons.T(key, args...)})
}

// Try runs f and returns the *Error it panicked with, or nil; any other
// panic passes through. It lets a cell show a bad-input message as a value:
//
//	err := conv.Try(func() { conv.New(x, bigKernel) })
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

// shape formats a shape as (a, b, c).
func shape(s []int) string {
	out := "("
	for i, v := range s {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprint(v)
	}
	return out + ")"
}

// hw formats a size as H×W.
func hw(h, w int) string { return fmt.Sprintf("%d×%d", h, w) }
