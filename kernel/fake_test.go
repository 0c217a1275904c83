package kernel_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/kernel/eval"
)

// fake is an Evaluator for protocol tests. Each line of a cell is a command:
//
//	print TEXT      TEXT and a newline to stdout      eprint TEXT   to stderr
//	set K V         remember V under K                get K         result V
//	result TEXT     the cell's value is TEXT          big N         a value of N bytes
//	fail MSG        the cell fails with MSG           panic         the evaluator panics
//	sleep           wait for the interrupt            hang D        ignore interrupts for D
//	block           wait until release() is called    input P       read a line with prompt P
//	display ID T    display_data T with display_id ID  update ID T   update_display_data
//	flood N         print N lines                     fdprint TEXT  write TEXT to file descriptor 1
//	child TEXT      run "echo TEXT" as a child process crash         a goroutine panic nobody recovers
type fake struct {
	stdout, stderr io.Writer
	mu             sync.Mutex
	vars           map[string]string
	release        chan struct{}
}

func newFake() (*fake, func(stdout, stderr io.Writer) (kernel.Evaluator, error)) {
	f := &fake{vars: map[string]string{}, release: make(chan struct{}, 16)}
	return f, func(stdout, stderr io.Writer) (kernel.Evaluator, error) {
		f.stdout, f.stderr = stdout, stderr
		return f, nil
	}
}

func text(s string) *display.Data {
	return &display.Data{Data: display.MIMEMap{"text/plain": s}}
}

func (f *fake) Execute(ctx context.Context, c eval.Cell) eval.Result {
	var res eval.Result
	for _, line := range strings.Split(c.Code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimLeft(line, " \t"), " ")
		switch cmd {
		case "":
		case "print":
			fmt.Fprintln(f.stdout, arg)
		case "eprint":
			fmt.Fprintln(f.stderr, arg)
		case "set":
			k, v, _ := strings.Cut(arg, " ")
			f.mu.Lock()
			f.vars[k] = v
			f.mu.Unlock()
		case "get":
			f.mu.Lock()
			res.Value = text(f.vars[arg])
			f.mu.Unlock()
		case "result":
			res.Value = text(arg)
		case "big":
			n, _ := strconv.Atoi(arg)
			res.Value = text(strings.Repeat("x", n))
		case "fail":
			return eval.Result{Err: &eval.Error{Name: "error", Value: arg, Traceback: []string{"cell:1:1: " + arg}}}
		case "panic":
			panic("fake evaluator panics")
		case "sleep":
			<-ctx.Done()
			return eval.Result{Err: &eval.Error{Name: "interrupted", Value: "interrupted"}}
		case "hang":
			d, _ := time.ParseDuration(arg)
			time.Sleep(d)
		case "block":
			select {
			case <-f.release:
			case <-ctx.Done():
				return eval.Result{Err: &eval.Error{Name: "interrupted", Value: "interrupted"}}
			}
		case "input":
			if c.Input == nil {
				return eval.Result{Err: &eval.Error{Name: "stdin", Value: "this front end does not accept input"}}
			}
			v, err := c.Input(arg, false)
			if err != nil {
				return eval.Result{Err: &eval.Error{Name: "stdin", Value: err.Error()}}
			}
			res.Value = text("got " + v)
		case "display", "update":
			id, t, _ := strings.Cut(arg, " ")
			if c.Display != nil {
				c.Display(display.Data{Data: display.MIMEMap{"text/plain": t}, Transient: display.MIMEMap{"display_id": id}}, cmd == "update")
			}
		case "flood":
			n, _ := strconv.Atoi(arg)
			for i := range n {
				fmt.Fprintf(f.stdout, "line %d\n", i)
			}
		case "fdprint":
			os.Stdout.WriteString(arg + "\n")
		case "child":
			cmd := exec.Command("echo", arg)
			cmd.Stdout = os.Stdout
			cmd.Run()
		case "crash":
			go func() { panic("boom in a goroutine") }()
			time.Sleep(time.Second)
		default:
			return eval.Result{Err: &eval.Error{Name: "fake", Value: "unknown command " + cmd}}
		}
	}
	return res
}

func (f *fake) Complete(code string, cursor int) eval.Completion {
	f.mu.Lock()
	defer f.mu.Unlock()
	start := strings.LastIndexAny(code[:cursor], " \n") + 1
	var m []string
	for k := range f.vars {
		if strings.HasPrefix(k, code[start:cursor]) {
			m = append(m, k)
		}
	}
	return eval.Completion{Matches: m, Start: start, End: cursor}
}

func (f *fake) Inspect(code string, cursor, detail int) (display.Data, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if v, ok := f.vars[code]; ok {
		return display.Data{Data: display.MIMEMap{"text/plain": code + " = " + v}}, true
	}
	return display.Data{}, false
}

func (f *fake) IsComplete(code string) (string, string) {
	switch {
	case strings.HasSuffix(code, "{"):
		return "incomplete", "\t"
	case strings.HasPrefix(code, "}"):
		return "invalid", ""
	}
	return "complete", ""
}
