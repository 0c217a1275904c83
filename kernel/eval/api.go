package eval

import (
	"context"
	"errors"
	"io"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// Options configure an Interp.
type Options struct {
	// Stdout and Stderr receive what cells print. Nil means os.Stdout and
	// os.Stderr (the kernel redirects file descriptors 1 and 2 itself).
	Stdout, Stderr io.Writer
	// Exports are extra symbol tables made by yaegi extract (gonum, plot,
	// this project's packages), registered in addition to the standard library.
	Exports []interp.Exports
}

// Cell is one execute request.
type Cell struct {
	// Code is the cell's source.
	Code string
	// Input is called when the cell reads standard input; nil means the
	// front end does not accept input, and reading fails with a clear error.
	Input func(prompt string, password bool) (string, error)
	// Display publishes a bundle while the cell runs (display_data), or
	// replaces an earlier one when update is true (update_display_data).
	Display func(d display.Data, update bool)
}

// Result is the outcome of a cell.
type Result struct {
	// Value is the execute_result bundle, or nil when the cell has no value.
	Value *display.Data
	// Err is non-nil when the cell failed.
	Err *Error
}

// Error is a cell's failure in the form Jupyter shows it.
type Error struct {
	Name      string   // ename, e.g. "panic" or "compile error"
	Value     string   // evalue, one line
	Traceback []string // lines, pointing at the cell's line and column
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Completion is the answer to a complete_request. Start and End are cursor
// positions in Unicode code points, as in the Jupyter protocol.
type Completion struct {
	Matches    []string
	Start, End int
	Metadata   map[string]any
}

// Interp is one interpreter session.
type Interp struct {
	opts Options
}

// ErrNotImplemented is returned by parts that are still being built.
var ErrNotImplemented = errors.New("eval: not implemented")

// New returns a fresh interpreter session.
func New(opts Options) (*Interp, error) { return &Interp{opts: opts}, nil }

// Execute runs one cell. Cancelling ctx interrupts it; the session keeps its
// state.
func (in *Interp) Execute(ctx context.Context, c Cell) Result {
	return Result{Err: &Error{Name: "error", Value: ErrNotImplemented.Error()}}
}

// Complete lists completions for code at cursor (in code points).
func (in *Interp) Complete(code string, cursor int) Completion {
	return Completion{Start: cursor, End: cursor}
}

// Inspect returns documentation for the name at cursor (in code points).
func (in *Interp) Inspect(code string, cursor, detail int) (display.Data, bool) {
	return display.Data{}, false
}

// IsComplete reports "complete", "incomplete" (with the indent for the next
// line) or "invalid" for code.
func (in *Interp) IsComplete(code string) (status, indent string) {
	return "unknown", ""
}

// Reset forgets every definition.
func (in *Interp) Reset() error { return ErrNotImplemented }
