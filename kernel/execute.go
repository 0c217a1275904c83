package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/kernel/eval"
)

// stillRunningAfter is how long after an interrupt the kernel tells the
// user that the cell has not stopped (it is inside compiled code that does
// not look at interrupts).
const stillRunningAfter = 2 * time.Second

// maxResultBytes bounds one execute_result or display_data: a larger text
// is cut, a larger binary dropped, each with a note saying so.
const maxResultBytes = 16 << 20

func (k *Kernel) execute(r *Request) {
	var req executeRequest
	if err := r.Decode(&req); err != nil {
		return
	}
	if k.aborted(r) {
		r.Reply(executeReply{Status: "aborted", ExecutionCount: k.count})
		return
	}
	store := !req.Silent && (req.StoreHistory == nil || *req.StoreHistory)
	if store {
		k.count++
	}
	n := k.count
	if !req.Silent {
		if note := k.crashNote(); note != "" {
			r.Publish("stream", streamContent{Name: "stderr", Text: note})
		}
		r.Publish("execute_input", executeInput{Code: req.Code, ExecutionCount: n})
	}
	if req.Silent {
		defer k.out.Silence()()
	} else {
		k.out.SetParent(r.Msg)
	}
	if k.crash != nil {
		k.crash.running(n, req.Code)
	}
	res, interrupted := k.run(r, req, n)
	k.out.Sync()
	k.out.reportDropped()
	if k.crash != nil {
		k.crash.idle()
	}
	if res.Err == nil && interrupted {
		res.Err = &eval.Error{Name: "Interrupted", Value: "the cell was interrupted", Traceback: []string{"Interrupted: the cell was interrupted"}}
	}
	var out string
	if res.Err != nil {
		e := res.Err
		tb := e.Traceback
		if tb == nil {
			tb = []string{e.Name + ": " + e.Value}
		}
		if !req.Silent {
			r.Publish("error", errorContent{Ename: e.Name, Evalue: e.Value, Traceback: tb})
		}
		r.Reply(executeError{Status: "error", ExecutionCount: n, Ename: e.Name, Evalue: e.Value, Traceback: tb})
		if req.StopOnError == nil || *req.StopOnError {
			k.abortQueue()
		}
	} else {
		if res.Value != nil && !req.Silent {
			d := k.limitBundle(*res.Value)
			r.Publish("execute_result", executeResult{ExecutionCount: n, Data: d.Data, Metadata: orEmpty(d.Metadata)})
			out, _ = d.Data["text/plain"].(string)
		}
		r.Reply(executeOK{Status: "ok", ExecutionCount: n, Payload: []any{}, UserExpressions: k.userExpressions(r, req.UserExpressions)})
	}
	if store {
		k.hist.add(n, req.Code, out)
	}
}

// run executes the cell in its own goroutine-safe context, so that
// interrupt_request and SIGINT can cancel it, and survives a panic of the
// interpreter itself.
func (k *Kernel) run(r *Request, req executeRequest, n int) (res eval.Result, interrupted bool) {
	ctx, cancel := context.WithCancel(k.ctx)
	defer cancel()
	k.cellMu.Lock()
	k.cellID++
	k.cellCancel = cancel
	k.cellMu.Unlock()
	defer func() {
		k.cellMu.Lock()
		k.cellCancel = nil
		k.cellMu.Unlock()
	}()
	cell := eval.Cell{Code: req.Code, Count: n}
	if req.AllowStdin == nil || *req.AllowStdin {
		cell.Input = k.inputFunc(ctx, r)
	}
	if !req.Silent {
		cell.Display = func(d display.Data, update bool) { k.display(r, d, update) }
	}
	defer func() {
		if p := recover(); p != nil {
			k.log.Printf("the interpreter panicked on cell [%d]: %v\n%s", n, p, debug.Stack())
			res = eval.Result{Err: &eval.Error{Name: "InternalError", Value: fmt.Sprintf("the interpreter failed: %v", p),
				Traceback: []string{fmt.Sprintf("InternalError: the interpreter failed: %v (the kernel goes on; please report this cell)", p)}}}
		}
	}()
	res = k.evaluator().Execute(ctx, cell)
	return res, ctx.Err() != nil && k.ctx.Err() == nil
}

// interrupt cancels the running cell, if any. why is logged.
func (k *Kernel) interrupt(why string) {
	k.cellMu.Lock()
	cancel, id := k.cellCancel, k.cellID
	k.cellMu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	if why == "shutdown" {
		return
	}
	time.AfterFunc(stillRunningAfter, func() {
		k.cellMu.Lock()
		still := k.cellCancel != nil && k.cellID == id
		k.cellMu.Unlock()
		if still {
			fmt.Fprintf(k.out.stderr, "\nstepwise: the cell is still running %v after the interrupt (%s): it is inside compiled code that does not check for interrupts. Wait for it, or restart the kernel (variables will be lost).\n", stillRunningAfter, why)
		}
	})
}

// display publishes display_data or update_display_data for a running cell.
func (k *Kernel) display(r *Request, d display.Data, update bool) {
	k.out.Sync()
	d = k.limitBundle(d)
	t := "display_data"
	if update {
		t = "update_display_data"
		if id, _ := d.Transient["display_id"].(string); id == "" {
			fmt.Fprintln(k.out.stderr, "stepwise: an update of a display needs a display_id; it was shown as a new display instead")
			t = "display_data"
		}
	}
	r.Publish(t, displayData{Data: d.Data, Metadata: orEmpty(d.Metadata), Transient: orEmpty(d.Transient)})
}

// limitBundle keeps a MIME bundle under maxResultBytes: the largest entries
// are cut (text) or replaced by a note (anything else).
func (k *Kernel) limitBundle(d display.Data) display.Data {
	size := 0
	for _, v := range d.Data {
		size += approxSize(v)
	}
	if size <= maxResultBytes {
		if d.Data == nil {
			d.Data = map[string]any{}
		}
		return d
	}
	data := make(map[string]any, len(d.Data))
	for mime, v := range d.Data {
		s := approxSize(v)
		switch {
		case s <= maxResultBytes/4:
			data[mime] = v
		case mime == "text/plain" || strings.HasPrefix(mime, "text/"):
			str, _ := v.(string)
			data[mime] = cutUTF8(str, maxResultBytes/4) + fmt.Sprintf("\n… (cut: the value's %s form is %d bytes; shown: the first %d)", mime, s, maxResultBytes/4)
		default:
			delete(data, mime)
		}
	}
	if _, ok := data["text/plain"]; !ok {
		data["text/plain"] = fmt.Sprintf("(a value of %d bytes, too large to show)", size)
	}
	d.Data = data
	return d
}

func approxSize(v any) int {
	switch v := v.(type) {
	case string:
		return len(v)
	case []byte:
		return len(v) * 4 / 3
	default:
		return 64
	}
}

func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// userExpressions evaluates execute_request's user_expressions after a
// successful cell, each as its own silent cell.
func (k *Kernel) userExpressions(r *Request, exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, code := range exprs {
		ctx, cancel := context.WithTimeout(k.ctx, 5*time.Second)
		res := k.evaluator().Execute(ctx, eval.Cell{Code: code})
		cancel()
		switch {
		case res.Err != nil:
			out[name] = map[string]any{"status": "error", "ename": res.Err.Name, "evalue": res.Err.Value, "traceback": orSlice(res.Err.Traceback)}
		case res.Value != nil:
			out[name] = map[string]any{"status": "ok", "data": res.Value.Data, "metadata": orEmpty(res.Value.Metadata)}
		default:
			out[name] = map[string]any{"status": "ok", "data": map[string]any{}, "metadata": map[string]any{}}
		}
	}
	return out
}

func orSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// errInterrupted is what a cell's input read returns when interrupted.
var errInterrupted = errors.New("interrupted while waiting for input")

// inputFunc returns the Cell.Input of a request that allows stdin: it sends
// input_request on stdin to the front end that sent r and waits for
// input_reply (or an interrupt).
func (k *Kernel) inputFunc(ctx context.Context, r *Request) func(prompt string, password bool) (string, error) {
	return func(prompt string, password bool) (string, error) {
		k.inputMu.Lock()
		defer k.inputMu.Unlock()
		k.out.Sync()
		for len(k.inputCh) > 0 { // forget stale replies
			<-k.inputCh
		}
		m, err := k.session.NewMessage("input_request", r.Msg, inputRequest{Prompt: prompt, Password: password})
		if err != nil {
			return "", err
		}
		k.send(k.stdin, "stdin", m)
		select {
		case rep := <-k.inputCh:
			var c inputReply
			if err := json.Unmarshal(rep.Content, &c); err != nil {
				return "", fmt.Errorf("the front end's input_reply is malformed: %v", err)
			}
			return c.Value, nil
		case <-ctx.Done():
			return "", errInterrupted
		}
	}
}

// deliverInput passes input_reply messages from stdin to the waiting cell.
func (k *Kernel) deliverInput(r *Request) {
	if r.Msg.Header.MsgType != "input_reply" {
		k.drops.printf("ignored %s on stdin (only input_reply belongs there)", r.Msg.Header.MsgType)
		return
	}
	select {
	case k.inputCh <- r.Msg:
	default:
		k.drops.printf("ignored an input_reply nobody waits for")
	}
}
