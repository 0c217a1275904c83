package eval

import (
	"fmt"
	"go/parser"
)

// prelude is compiled into every session before the first cell: the
// compiled helpers are dot-imported (so Display needs no import, as in
// gophernotes) and the display package is imported under its name.
const prelude = `package main

import . "` + rtPath + `"
import "display"

// _swDefers holds the deferred calls of the running cell's top-level
// statements, run when the cell ends.
var _swDefers []func()

// _swAsError turns a cell value implementing error into an error value
// that compiled code sees with its Error method (a conversion does not).
func _swAsError(e error) error { return e }
`

// runPrelude compiles and runs the prelude as sequence 0.
func (in *Interp) runPrelude() error {
	f, err := parser.ParseFile(in.yi.FileSet(), "_.go", directive(0)+prelude, parser.ParseComments)
	if err != nil {
		return fmt.Errorf("eval: prelude: %w", err)
	}
	prog, err := in.compile(f)
	if err != nil {
		return fmt.Errorf("eval: prelude: %w", err)
	}
	if _, err := in.yi.Execute(prog); err != nil {
		return fmt.Errorf("eval: prelude: %w", err)
	}
	return nil
}

// declareHelpers compiles the helper functions rewritten code needs that
// the session does not have yet.
func (in *Interp) declareHelpers(helpers map[string]string) error {
	for _, name := range sortedKeysOf(helpers) {
		if in.helpers[name] {
			continue
		}
		f, err := parser.ParseFile(in.yi.FileSet(), "_.go", directive(0)+"package main\n"+helpers[name], 0)
		if err != nil {
			return fmt.Errorf("eval: helper %s: %w", name, err)
		}
		prog, err := in.compile(f)
		if err != nil {
			return fmt.Errorf("eval: helper %s: %w", name, err)
		}
		if _, err := in.yi.Execute(prog); err != nil {
			return fmt.Errorf("eval: helper %s: %w", name, err)
		}
		in.helpers[name] = true
	}
	return nil
}
