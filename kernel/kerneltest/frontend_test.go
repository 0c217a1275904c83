package kerneltest_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
)

// shout is a toy evaluator: it prints the cell and returns it upper-cased.
type shout struct{ out io.Writer }

func (s shout) Execute(ctx context.Context, c eval.Cell) eval.Result {
	fmt.Fprintln(s.out, "running", c.Code)
	return eval.Result{Value: &display.Data{Data: display.MIMEMap{"text/plain": strings.ToUpper(c.Code)}}}
}
func (shout) Complete(code string, cursor int) eval.Completion { return eval.Completion{} }
func (shout) Inspect(string, int, int) (display.Data, bool)    { return display.Data{}, false }
func (shout) IsComplete(string) (status, indent string)        { return "complete", "" }

func TestShout(t *testing.T) {
	fe := kerneltest.Start(t, kernel.Config{NewEvaluator: func(stdout, stderr io.Writer) (kernel.Evaluator, error) {
		return shout{stdout}, nil
	}})
	ex := fe.Execute(t, "hello")
	want := []string{"status:busy", "execute_input", "stream", "execute_result", "status:idle"}
	if ex.Status() != "ok" || ex.Count() != 1 || fmt.Sprint(ex.Types()) != fmt.Sprint(want) ||
		ex.Stream("stdout") != "running hello\n" || ex.Result() != "HELLO" {
		t.Errorf("status %s count %d iopub %v stdout %q result %q", ex.Status(), ex.Count(), ex.Types(), ex.Stream("stdout"), ex.Result())
	}
}
