// Package eval runs notebook cells of Go source in the yaegi interpreter
// (v0.16.1), as a kernel needs them run.
//
// # Cells
//
// A cell may mix imports, declarations and statements in any order: it is
// split at its top-level semicolons, and runs of declarations (compiled as
// a file) and of statements (compiled as the interpreter's body) run in
// source order. A later cell may redefine a function, variable, type or
// method. The cell's last statement, when it is an expression with a value,
// is its result (every value of a multi-value call).
//
//	in, _ := eval.New(eval.Options{Exports: []interp.Exports{symbols.Symbols}})
//	res := in.Execute(ctx, eval.Cell{Code: "x := 21\nx * 2"})
//	// res.Value.Data["text/plain"] == "42"
//
// # Checking and rewriting
//
// Each piece is first type-checked by go/types against what earlier cells
// declared, so compile errors are Go's own, at the cell's line and column.
// The types then drive rewrites of what yaegi gets silently wrong: defer
// arguments evaluated at the defer, per-iteration loop variables for
// closures, type switches on interfaces (case error), min, max and clear,
// range over integers and functions, method expressions, errors.Is/As and
// %w with cell types, the generic functions of slices, maps and cmp (run as
// compiled code), redeclared types and methods (new versions), go
// statements and callbacks that compiled code runs in a goroutine of its
// own (time.AfterFunc, context.AfterFunc: a panic there fails its cell
// instead of the process), assertions of a cell type's value to an
// interface it implements, and, among a cell's top-level statements, defer
// (run when the cell ends, recover included), defines of several values and
// of blanks. What cannot be done faithfully is refused with a message.
//
// # Failures
//
// A panic, os.Exit, log.Fatal and runtime.Goexit stop the cell with an
// error and leave the session as it was; cancelling Execute's context
// interrupts the cell (loops, sleeps, channel waits, its goroutines). A
// recursion that never ends is stopped when goroutine stacks pass 256 MB,
// before Go's 1 GB limit would end the process.
// Errors carry Go's wording and a traceback of the cell's own frames.
//
// # Front-end questions
//
// Complete, Inspect and IsComplete answer complete_request, inspect_request
// and is_complete_request; the standard library's documentation is built in
// (go generate extracts it with gendoc), others come in Options.Docs.
//
// # Magics
//
// %help, %time and %reset are built in; RegisterMagic adds more.
package eval
