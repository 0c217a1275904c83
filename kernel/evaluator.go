package kernel

import (
	"context"

	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/kernel/eval"
)

// Evaluator runs cells and answers questions about code. *eval.Interp is
// the real one; tests inject fakes.
type Evaluator interface {
	// Execute runs one cell; cancelling ctx interrupts it.
	Execute(ctx context.Context, c eval.Cell) eval.Result
	// Complete lists completions at cursor (in code points).
	Complete(code string, cursor int) eval.Completion
	// Inspect documents the name at cursor.
	Inspect(code string, cursor, detail int) (display.Data, bool)
	// IsComplete says "complete", "incomplete" (with an indent), "invalid"
	// or "unknown".
	IsComplete(code string) (status, indent string)
}

var _ Evaluator = (*eval.Interp)(nil)

// brokenEvaluator stands in for an interpreter that failed to start: every
// cell gets the reason, and the kernel stays up to say so.
type brokenEvaluator struct{ err error }

func (b brokenEvaluator) Execute(ctx context.Context, c eval.Cell) eval.Result {
	return eval.Result{Err: &eval.Error{Name: "KernelError", Value: b.err.Error(), Traceback: []string{b.err.Error()}}}
}
func (brokenEvaluator) Complete(code string, cursor int) eval.Completion {
	return eval.Completion{Start: cursor, End: cursor}
}
func (brokenEvaluator) Inspect(string, int, int) (display.Data, bool) { return display.Data{}, false }
func (brokenEvaluator) IsComplete(string) (string, string)            { return "unknown", "" }
