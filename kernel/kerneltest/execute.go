package kerneltest

import (
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// Exchange is one execute_request with its reply and iopub messages.
type Exchange struct {
	Request *wire.Message
	Reply   *wire.Message
	IOPub   []*wire.Message
}

// ExecuteRequest returns the content of an execute_request for code with
// the protocol's defaults, to adjust before SendExecute.
func ExecuteRequest(code string) map[string]any {
	return map[string]any{
		"code": code, "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": true, "stop_on_error": true,
	}
}

// Execute runs code and waits for its reply and idle status.
func (fe *FrontEnd) Execute(t testing.TB, code string) *Exchange {
	t.Helper()
	return fe.ExecuteWith(t, ExecuteRequest(code))
}

// ExecuteWith sends an execute_request with content c and waits for the
// reply and the idle status.
func (fe *FrontEnd) ExecuteWith(t testing.TB, c map[string]any) *Exchange {
	t.Helper()
	req := fe.Send(t, "shell", "execute_request", c)
	return fe.Collect(t, req)
}

// Collect waits for the reply and idle status of an execute_request sent
// earlier.
func (fe *FrontEnd) Collect(t testing.TB, req *wire.Message) *Exchange {
	t.Helper()
	rep := fe.Reply(t, req)
	return &Exchange{Request: req, Reply: rep, IOPub: fe.IOPub(t, req)}
}

// Status is the reply's status ("ok", "error", "aborted").
func (ex *Exchange) Status() string {
	s, _ := Content(ex.Reply)["status"].(string)
	return s
}

// Count is the reply's execution_count.
func (ex *Exchange) Count() int {
	n, _ := Content(ex.Reply)["execution_count"].(float64)
	return int(n)
}

// Types lists the msg_types of the iopub messages, statuses as
// "status:busy" and "status:idle".
func (ex *Exchange) Types() []string {
	var out []string
	for _, m := range ex.IOPub {
		t := m.Header.MsgType
		if t == "status" {
			t += ":" + Content(m)["execution_state"].(string)
		}
		out = append(out, t)
	}
	return out
}

// Stream concatenates the text of the stream messages named name.
func (ex *Exchange) Stream(name string) string {
	var b strings.Builder
	for _, m := range ex.IOPub {
		if m.Header.MsgType == "stream" {
			c := Content(m)
			if c["name"] == name {
				b.WriteString(c["text"].(string))
			}
		}
	}
	return b.String()
}

// Result is the text/plain of the execute_result, or "".
func (ex *Exchange) Result() string {
	if m := ex.Find("execute_result"); m != nil {
		d, _ := Content(m)["data"].(map[string]any)
		s, _ := d["text/plain"].(string)
		return s
	}
	return ""
}

// Find returns the first iopub message of msgType, or nil.
func (ex *Exchange) Find(msgType string) *wire.Message {
	for _, m := range ex.IOPub {
		if m.Header.MsgType == msgType {
			return m
		}
	}
	return nil
}
