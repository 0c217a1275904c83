package eval

import (
	"io"
	"io/fs"

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
	// Docs are file systems holding the documentation of the packages in
	// Exports, one gendoc file per package (see DocFileName) at the root;
	// the standard library's is built in.
	Docs []fs.FS
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
	// Count is the execution count the front end shows as In [Count];
	// tracebacks name the cell by it. Zero means unknown: the cell is then
	// named by the interpreter's own sequence number.
	Count int
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
