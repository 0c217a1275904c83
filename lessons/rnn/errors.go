package rnn

import "github.com/stepwise-go/stepwise/lessons"

// Error is what the package panics with when a student's input cannot be
// used: a sequence or a weight of the wrong shape, an unknown
// nonlinearity, a time step that does not exist. Its message, in the
// current language, names what was expected and what came.
type Error struct {
	Msg string // the message for the student
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// fail panics with the catalog message key formatted with args.
func fail(key string, args ...any) {
	panic(&Error{Msg: "rnn: " + lessons.T(key, args...)})
}
