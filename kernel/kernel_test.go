package kernel_test

import (
	"bytes"
	"log"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
	"github.com/stepwise-go/stepwise/kernel/wire"
)

// logBuf is a concurrency-safe log sink, to check the kernel's own lines.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func logger(w *logBuf) *log.Logger { return log.New(w, "", 0) }

func start(t *testing.T) (*kerneltest.FrontEnd, *fake, *logBuf) {
	t.Helper()
	f, mk := newFake()
	lb := &logBuf{}
	fe := kerneltest.Start(t, kernel.Config{NewEvaluator: mk, Log: log.New(lb, "", 0), Info: kernel.Info{ImplementationVersion: "test"}})
	t.Cleanup(func() {
		if errs := fe.Errors(); len(errs) > 0 {
			t.Errorf("the kernel sent messages a front end rejects: %v", errs)
		}
	})
	return fe, f, lb
}

func content(m *wire.Message) map[string]any { return kerneltest.Content(m) }

// want checks that m has every key of keys.
func hasKeys(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q: %v", what, k, m)
		}
	}
}

func TestKernelInfo(t *testing.T) {
	fe, _, _ := start(t)
	for _, ch := range []string{"shell", "control"} {
		req := fe.Send(t, ch, "kernel_info_request", map[string]any{})
		rep := fe.Reply(t, req)
		if rep.Header.MsgType != "kernel_info_reply" {
			t.Fatalf("%s: reply type %s", ch, rep.Header.MsgType)
		}
		c := content(rep)
		hasKeys(t, "kernel_info_reply", c, "status", "protocol_version", "implementation", "implementation_version", "language_info", "banner", "help_links")
		if c["protocol_version"] != "5.3" || c["implementation"] != "stepwise" || c["implementation_version"] != "test" {
			t.Errorf("%s: %v", ch, c)
		}
		li := c["language_info"].(map[string]any)
		wantLI := map[string]any{"name": "go", "mimetype": "text/x-go", "file_extension": ".go", "pygments_lexer": "go", "codemirror_mode": "go"}
		for k, v := range wantLI {
			if li[k] != v {
				t.Errorf("language_info.%s = %v, want %v", k, li[k], v)
			}
		}
		if v, _ := li["version"].(string); !strings.HasPrefix(v, "1.") {
			t.Errorf("language_info.version = %q, want a Go version", v)
		}
		if links, _ := c["help_links"].([]any); len(links) == 0 {
			t.Error("no help_links")
		}
		if got := (&kerneltest.Exchange{IOPub: fe.IOPub(t, req)}).Types(); !reflect.DeepEqual(got, []string{"status:busy", "status:idle"}) {
			t.Errorf("%s iopub = %v, want busy, idle", ch, got)
		}
		if rep.Header.Version != "5.3" || rep.Header.Session == "" || rep.Header.Date == "" || rep.Header.Username == "" {
			t.Errorf("reply header %+v lacks fields", rep.Header)
		}
	}
}

func TestExecute(t *testing.T) {
	fe, _, _ := start(t)
	ex := fe.Execute(t, "print hello\nresult 42")
	if ex.Status() != "ok" || ex.Count() != 1 {
		t.Fatalf("reply %s", ex.Reply.Content)
	}
	hasKeys(t, "execute_reply", content(ex.Reply), "status", "execution_count", "payload", "user_expressions")
	want := []string{"status:busy", "execute_input", "stream", "execute_result", "status:idle"}
	if got := ex.Types(); !reflect.DeepEqual(got, want) {
		t.Errorf("iopub = %v, want %v", got, want)
	}
	if ex.Stream("stdout") != "hello\n" || ex.Result() != "42" {
		t.Errorf("stdout %q result %q", ex.Stream("stdout"), ex.Result())
	}
	in := content(ex.Find("execute_input"))
	if in["code"] != "print hello\nresult 42" || in["execution_count"] != 1.0 {
		t.Errorf("execute_input = %v", in)
	}
	r := content(ex.Find("execute_result"))
	hasKeys(t, "execute_result", r, "execution_count", "data", "metadata")

	// store_history=false does not advance the count; silent sends nothing.
	c := kerneltest.ExecuteRequest("result 1")
	c["store_history"] = false
	if ex := fe.ExecuteWith(t, c); ex.Count() != 1 || ex.Result() != "1" {
		t.Errorf("store_history=false: count %d result %q, want 1 and \"1\"", ex.Count(), ex.Result())
	}
	c = kerneltest.ExecuteRequest("print quiet\nresult 2")
	c["silent"] = true
	ex = fe.ExecuteWith(t, c)
	if got := ex.Types(); !reflect.DeepEqual(got, []string{"status:busy", "status:idle"}) || ex.Count() != 1 {
		t.Errorf("silent: iopub %v count %d, want only busy/idle and count 1", got, ex.Count())
	}
	if ex := fe.Execute(t, "result 3"); ex.Count() != 2 {
		t.Errorf("next stored cell has count %d, want 2", ex.Count())
	}
}

func TestExecuteError(t *testing.T) {
	fe, _, _ := start(t)
	ex := fe.Execute(t, "print before\nfail it broke")
	c := content(ex.Reply)
	if ex.Status() != "error" || c["ename"] != "error" || c["evalue"] != "it broke" {
		t.Fatalf("reply %v", c)
	}
	hasKeys(t, "error reply", c, "traceback", "execution_count")
	want := []string{"status:busy", "execute_input", "stream", "error", "status:idle"}
	if got := ex.Types(); !reflect.DeepEqual(got, want) {
		t.Errorf("iopub = %v, want %v", got, want)
	}
	e := content(ex.Find("error"))
	if tb, _ := e["traceback"].([]any); len(tb) != 1 || tb[0] != "cell:1:1: it broke" {
		t.Errorf("error traceback = %v", e["traceback"])
	}
}

func TestStopOnError(t *testing.T) {
	fe, f, _ := start(t)
	// Three cells sent at once, as "run all" does: the first fails, the
	// others, already waiting, are answered "aborted" without running.
	reqs := []*wire.Message{
		fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("block\nfail first")),
		fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print second")),
		fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print third")),
	}
	time.Sleep(100 * time.Millisecond) // let them arrive before the first fails
	f.release <- struct{}{}
	var got []string
	for _, r := range reqs {
		ex := fe.Collect(t, r)
		got = append(got, ex.Status())
		if ex.Stream("stdout") != "" {
			t.Errorf("an aborted cell printed %q", ex.Stream("stdout"))
		}
	}
	if !reflect.DeepEqual(got, []string{"error", "aborted", "aborted"}) {
		t.Errorf("statuses %v, want error, aborted, aborted", got)
	}
	// A cell sent after the error reply runs.
	if ex := fe.Execute(t, "print later"); ex.Status() != "ok" || ex.Stream("stdout") != "later\n" {
		t.Errorf("cell after the abort: %s %q", ex.Status(), ex.Stream("stdout"))
	}
	// stop_on_error false: the next cell runs.
	c := kerneltest.ExecuteRequest("fail again")
	c["stop_on_error"] = false
	r1 := fe.Send(t, "shell", "execute_request", c)
	r2 := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print runs"))
	fe.Collect(t, r1)
	if ex := fe.Collect(t, r2); ex.Status() != "ok" || ex.Stream("stdout") != "runs\n" {
		t.Errorf("after stop_on_error=false: %s %q", ex.Status(), ex.Stream("stdout"))
	}
}
