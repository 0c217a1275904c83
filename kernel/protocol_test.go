package kernel_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
)

func TestInterruptKeepsState(t *testing.T) {
	fe, _, _ := start(t)
	fe.Execute(t, "set x 7")
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("sleep"))
	fe.WaitIOPub(t, req, "execute_input")
	// Control is served while the cell runs.
	info := fe.Send(t, "control", "kernel_info_request", map[string]any{})
	fe.Reply(t, info)
	start := time.Now()
	irq := fe.Send(t, "control", "interrupt_request", map[string]any{})
	if s := kerneltest.Content(fe.Reply(t, irq))["status"]; s != "ok" {
		t.Errorf("interrupt_reply status %v", s)
	}
	ex := fe.Collect(t, req)
	t.Logf("interrupt to execute_reply: %v", time.Since(start))
	if ex.Status() != "error" {
		t.Errorf("interrupted cell: status %s, want error", ex.Status())
	}
	if ex := fe.Execute(t, "get x"); ex.Result() != "7" {
		t.Errorf("after the interrupt x = %q, want 7", ex.Result())
	}
}

func TestInterruptIdleAndStillRunning(t *testing.T) {
	fe, _, _ := start(t)
	// An interrupt with no cell running is harmless.
	fe.Reply(t, fe.Send(t, "control", "interrupt_request", map[string]any{}))
	// A cell that ignores the interrupt gets a note after 2 s.
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("hang 2500ms"))
	fe.WaitIOPub(t, req, "execute_input")
	fe.Reply(t, fe.Send(t, "control", "interrupt_request", map[string]any{}))
	ex := fe.Collect(t, req)
	if !strings.Contains(ex.Stream("stderr"), "still running") {
		t.Errorf("stderr %q lacks the still-running note", ex.Stream("stderr"))
	}
}

func TestLiveOutput(t *testing.T) {
	fe, f, _ := start(t)
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print first\nblock\nprint second"))
	// "first" arrives while the cell is still blocked.
	m := fe.WaitIOPub(t, req, "stream")
	if c := kerneltest.Content(m); c["text"] != "first\n" || c["name"] != "stdout" {
		t.Errorf("live stream = %v", c)
	}
	f.release <- struct{}{}
	ex := fe.Collect(t, req)
	if ex.Stream("stdout") != "first\nsecond\n" {
		t.Errorf("stdout = %q", ex.Stream("stdout"))
	}
}

func TestDisplay(t *testing.T) {
	fe, _, _ := start(t)
	ex := fe.Execute(t, "print a\ndisplay d1 one\nprint b\nupdate d1 two")
	want := []string{"status:busy", "execute_input", "stream", "display_data", "stream", "update_display_data", "status:idle"}
	if got := ex.Types(); !reflect.DeepEqual(got, want) {
		t.Fatalf("iopub = %v, want %v", got, want)
	}
	for _, m := range ex.IOPub {
		if m.Header.MsgType == "display_data" || m.Header.MsgType == "update_display_data" {
			c := kerneltest.Content(m)
			tr, _ := c["transient"].(map[string]any)
			if tr["display_id"] != "d1" {
				t.Errorf("%s transient = %v", m.Header.MsgType, c["transient"])
			}
			if _, ok := c["metadata"]; !ok {
				t.Errorf("%s lacks metadata", m.Header.MsgType)
			}
		}
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	fe, _, _ := start(t)
	fe.Execute(t, "set alpha 1\nset alps 2\nset beta 3")
	rep := fe.Reply(t, fe.Send(t, "shell", "complete_request", map[string]any{"code": "get al", "cursor_pos": 6}))
	c := kerneltest.Content(rep)
	m := fmt.Sprint(c["matches"])
	if c["status"] != "ok" || c["cursor_start"] != 4.0 || c["cursor_end"] != 6.0 || !strings.Contains(m, "alpha") || !strings.Contains(m, "alps") || strings.Contains(m, "beta") {
		t.Errorf("complete_reply = %v", c)
	}
	hasKeys(t, "complete_reply", c, "metadata")
	rep = fe.Reply(t, fe.Send(t, "shell", "complete_request", map[string]any{"code": "zzz", "cursor_pos": 3}))
	if c := kerneltest.Content(rep); c["status"] != "ok" || fmt.Sprint(c["matches"]) != "[]" {
		t.Errorf("no match: %v, want ok with []", c)
	}
	rep = fe.Reply(t, fe.Send(t, "shell", "inspect_request", map[string]any{"code": "beta", "cursor_pos": 2, "detail_level": 0}))
	if c := kerneltest.Content(rep); c["found"] != true || c["data"].(map[string]any)["text/plain"] != "beta = 3" {
		t.Errorf("inspect_reply = %v", c)
	}
	rep = fe.Reply(t, fe.Send(t, "shell", "inspect_request", map[string]any{"code": "nope", "cursor_pos": 2, "detail_level": 0}))
	if c := kerneltest.Content(rep); c["status"] != "ok" || c["found"] != false {
		t.Errorf("inspect of unknown = %v", c)
	}
	for code, want := range map[string]string{"func f() {": "incomplete", "x": "complete", "}": "invalid"} {
		c := kerneltest.Content(fe.Reply(t, fe.Send(t, "shell", "is_complete_request", map[string]any{"code": code})))
		if c["status"] != want {
			t.Errorf("is_complete %q = %v, want %s", code, c, want)
		}
		if _, has := c["indent"]; has != (want == "incomplete") {
			t.Errorf("is_complete %q: indent present = %v", code, has)
		}
	}
}

func TestHistory(t *testing.T) {
	fe, _, _ := start(t)
	fe.Execute(t, "set a 1")
	fe.Execute(t, "result two")
	c := kerneltest.ExecuteRequest("result hidden")
	c["store_history"] = false
	fe.ExecuteWith(t, c)
	fe.Execute(t, "set a 1")
	hist := func(q map[string]any) string {
		rep := fe.Reply(t, fe.Send(t, "shell", "history_request", q))
		c := kerneltest.Content(rep)
		if c["status"] != "ok" {
			t.Fatalf("history %v: %v", q, c)
		}
		return fmt.Sprint(c["history"])
	}
	cases := []struct {
		q    map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2, "output": false, "raw": true}, "[[1 2 result two] [1 3 set a 1]]"},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 1, "stop": 3, "output": true, "raw": true}, "[[1 1 [set a 1 <nil>]] [1 2 [result two two]]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "set*", "output": false, "raw": true}, "[[1 1 set a 1] [1 3 set a 1]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "set*", "unique": true, "output": false, "raw": true}, "[[1 3 set a 1]]"},
		{map[string]any{"hist_access_type": "search", "pattern": "re?ult*", "n": 1, "output": false, "raw": true}, "[[1 2 result two]]"},
	}
	for _, c := range cases {
		if got := hist(c.q); got != c.want {
			t.Errorf("history %v = %s, want %s", c.q, got, c.want)
		}
	}
	rep := fe.Reply(t, fe.Send(t, "shell", "history_request", map[string]any{"hist_access_type": "sideways"}))
	if c := kerneltest.Content(rep); c["status"] != "error" || !strings.Contains(c["evalue"].(string), "tail") {
		t.Errorf("bad hist_access_type: %v", c)
	}
}

func TestComms(t *testing.T) {
	fe, _, _ := start(t)
	c := kerneltest.Content(fe.Reply(t, fe.Send(t, "shell", "comm_info_request", map[string]any{})))
	if c["status"] != "ok" || fmt.Sprint(c["comms"]) != "map[]" {
		t.Errorf("comm_info_reply = %v", c)
	}
	req := fe.Send(t, "shell", "comm_open", map[string]any{"comm_id": "c-1", "target_name": "jupyter.widget", "data": map[string]any{}})
	cl := fe.WaitIOPub(t, req, "comm_close")
	if c := kerneltest.Content(cl); c["comm_id"] != "c-1" {
		t.Errorf("comm_close = %v", c)
	}
	fe.IOPub(t, req) // busy, comm_close, idle
}

func TestInput(t *testing.T) {
	fe, _, _ := start(t)
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print asking\ninput Your name: "))
	ir := fe.WaitStdin(t, req)
	if c := kerneltest.Content(ir); c["prompt"] != "Your name: " || c["password"] != false {
		t.Errorf("input_request = %v", c)
	}
	fe.Answer(t, ir, "Ada")
	ex := fe.Collect(t, req)
	if ex.Result() != "got Ada" || ex.Stream("stdout") != "asking\n" {
		t.Errorf("result %q stdout %q", ex.Result(), ex.Stream("stdout"))
	}
	// allow_stdin false: the evaluator gets no Input function.
	c := kerneltest.ExecuteRequest("input x")
	c["allow_stdin"] = false
	if ex := fe.ExecuteWith(t, c); ex.Status() != "error" || !strings.Contains(kerneltest.Content(ex.Reply)["evalue"].(string), "does not accept input") {
		t.Errorf("allow_stdin false: %s", ex.Reply.Content)
	}
	// An interrupt ends the wait for input.
	req = fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("input never answered"))
	fe.WaitStdin(t, req)
	fe.Reply(t, fe.Send(t, "control", "interrupt_request", map[string]any{}))
	if ex := fe.Collect(t, req); ex.Status() != "error" {
		t.Errorf("interrupted input: %s", ex.Reply.Content)
	}
}

func TestUserExpressions(t *testing.T) {
	fe, _, _ := start(t)
	c := kerneltest.ExecuteRequest("set k v")
	c["user_expressions"] = map[string]any{"good": "get k", "bad": "fail nope"}
	ex := fe.ExecuteWith(t, c)
	ue := kerneltest.Content(ex.Reply)["user_expressions"].(map[string]any)
	good := ue["good"].(map[string]any)
	bad := ue["bad"].(map[string]any)
	if good["status"] != "ok" || good["data"].(map[string]any)["text/plain"] != "v" || bad["status"] != "error" || bad["evalue"] != "nope" {
		t.Errorf("user_expressions = %v", ue)
	}
}

func TestSurvivesPanicAndUnknown(t *testing.T) {
	fe, _, lb := start(t)
	ex := fe.Execute(t, "panic")
	if c := kerneltest.Content(ex.Reply); ex.Status() != "error" || c["ename"] != "InternalError" {
		t.Errorf("panicking evaluator: %v", c)
	}
	rep := fe.Reply(t, fe.Send(t, "shell", "frobnicate_request", map[string]any{}))
	if rep.Header.MsgType != "frobnicate_reply" || kerneltest.Content(rep)["status"] != "error" {
		t.Errorf("unknown request: %s %s", rep.Header.MsgType, rep.Content)
	}
	rep = fe.Reply(t, fe.Send(t, "control", "execute_request", kerneltest.ExecuteRequest("print x")))
	if kerneltest.Content(rep)["status"] != "error" {
		t.Errorf("execute on control: %s", rep.Content)
	}
	if ex := fe.Execute(t, "result alive"); ex.Result() != "alive" {
		t.Errorf("after the panic: %q", ex.Result())
	}
	if !strings.Contains(lb.String(), "panicked") {
		t.Errorf("log %q lacks the panic", lb.String())
	}
}

func TestHeartbeat(t *testing.T) {
	fe, _, _ := start(t)
	for range 3 {
		fe.Ping(t)
	}
}

func TestShutdown(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(fmt.Sprint("restart=", restart), func(t *testing.T) {
			fe, _, _ := start(t)
			req := fe.Send(t, "control", "shutdown_request", map[string]any{"restart": restart})
			rep := fe.Reply(t, req)
			if c := kerneltest.Content(rep); c["status"] != "ok" || c["restart"] != restart {
				t.Errorf("shutdown_reply = %v", c)
			}
			if err := fe.Done(); err != nil {
				t.Fatal(err)
			}
			if fe.Kernel.Restart() != restart {
				t.Errorf("Restart() = %v", fe.Kernel.Restart())
			}
		})
	}
}

func TestShutdownDuringCell(t *testing.T) {
	fe, _, _ := start(t)
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("sleep"))
	fe.WaitIOPub(t, req, "execute_input")
	fe.Reply(t, fe.Send(t, "control", "shutdown_request", map[string]any{"restart": false}))
	if err := fe.Done(); err != nil {
		t.Fatal(err)
	}
}

func TestFlood(t *testing.T) {
	fe, _, _ := start(t)
	start := time.Now()
	ex := fe.Execute(t, "flood 1000000")
	t.Logf("a million lines in %v", time.Since(start))
	out, errs := ex.Stream("stdout"), ex.Stream("stderr")
	if len(out) != 4<<20 {
		t.Errorf("stdout carried %d bytes, want the 4 MiB limit", len(out))
	}
	if !strings.Contains(errs, "output truncated") || !strings.Contains(errs, "of output dropped") {
		t.Errorf("stderr %q lacks the truncation notes", errs)
	}
	n := 0
	for _, m := range ex.IOPub {
		if m.Header.MsgType == "stream" {
			n++
		}
	}
	t.Logf("%d stream messages", n)
	if n > 200 {
		t.Errorf("%d stream messages for one flood; want them coalesced", n)
	}
	if ex := fe.Execute(t, "print ok"); ex.Stream("stdout") != "ok\n" {
		t.Errorf("after the flood: %q (the budget must reset per cell)", ex.Stream("stdout"))
	}
}

func TestBigResult(t *testing.T) {
	fe, _, _ := start(t)
	ex := fe.Execute(t, "big 100000000")
	r := ex.Result()
	if len(r) > 5<<20 || !strings.Contains(r, "cut:") {
		t.Errorf("a 100 MB result came as %d bytes (tail %q)", len(r), r[max(0, len(r)-80):])
	}
	if ex := fe.Execute(t, "result small"); ex.Result() != "small" {
		t.Errorf("after the big result: %q", ex.Result())
	}
}

func TestInterpreterFailsToStart(t *testing.T) {
	lb := &logBuf{}
	fe := kerneltest.Start(t, kernel.Config{Log: logger(lb), NewEvaluator: func(io.Writer, io.Writer) (kernel.Evaluator, error) {
		return nil, errors.New("symbol tables are broken")
	}})
	ex := fe.Execute(t, "1+1")
	if c := kerneltest.Content(ex.Reply); ex.Status() != "error" || !strings.Contains(c["evalue"].(string), "symbol tables are broken") {
		t.Errorf("reply %v", c)
	}
	if !strings.Contains(lb.String(), "did not start") {
		t.Errorf("log %q", lb.String())
	}
}

func TestBadContent(t *testing.T) {
	fe, _, lb := start(t)
	rep := fe.Reply(t, fe.Send(t, "shell", "execute_request", map[string]any{"code": 42}))
	if c := kerneltest.Content(rep); c["status"] != "error" || !strings.Contains(c["evalue"].(string), "does not match the protocol") {
		t.Errorf("execute_request with a number for code: %v", c)
	}
	req := fe.Send(t, "shell", "comm_open", map[string]any{"comm_id": 7})
	if got := (&kerneltest.Exchange{IOPub: fe.IOPub(t, req)}).Types(); fmt.Sprint(got) != "[status:busy status:idle]" {
		t.Errorf("bad comm_open: iopub %v, want busy and idle only", got)
	}
	if !strings.Contains(lb.String(), "comm_open does not match") {
		t.Errorf("log %q", lb.String())
	}
}
