package kernel_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/kernel/kerneltest"
	"github.com/stepwise-go/stepwise/kernel/wire"
)

// TestBadMessages sends every kind of bad message on shell, control and
// stdin: each is dropped with one log line, nothing answers it, and the
// kernel keeps its state.
func TestBadMessages(t *testing.T) {
	fe, _, lb := start(t)
	fe.Execute(t, "set kept yes")
	type bad struct {
		name, logs string
		frames     func(ch string) ([][]byte, *wire.Message)
	}
	sign := func(ch string, mutate func(f [][]byte)) ([][]byte, *wire.Message) {
		m := fe.NewMessage(t, "kernel_info_request", map[string]any{})
		if ch == "stdin" {
			m = fe.NewMessage(t, "input_reply", map[string]any{"value": "x"})
		}
		f, _ := wire.Encode(m, fe.Signer)
		mutate(f)
		return f, m
	}
	cases := []bad{
		{"unsigned", "not signed", func(ch string) ([][]byte, *wire.Message) {
			return sign(ch, func(f [][]byte) { f[1] = nil })
		}},
		{"wrongly signed", "wrong signature", func(ch string) ([][]byte, *wire.Message) {
			return sign(ch, func(f [][]byte) { f[1] = []byte(strings.Repeat("0", 64)) })
		}},
		{"tampered", "wrong signature", func(ch string) ([][]byte, *wire.Message) {
			return sign(ch, func(f [][]byte) { f[5] = []byte(`{"extra":1}`) })
		}},
		{"truncated", "truncated", func(ch string) ([][]byte, *wire.Message) {
			f, m := sign(ch, func([][]byte) {})
			return f[:4], m
		}},
		{"no delimiter", "delimiter", func(ch string) ([][]byte, *wire.Message) {
			f, m := sign(ch, func([][]byte) {})
			return f[1:], m
		}},
		{"non-JSON", "not a JSON object", func(ch string) ([][]byte, *wire.Message) {
			return sign(ch, func(f [][]byte) {
				f[5] = []byte("print('hi')")
				f[1] = []byte(fe.Signer.Sign(f[2], f[3], f[4], f[5]))
			})
		}},
		{"oversized content", "too large", func(ch string) ([][]byte, *wire.Message) {
			return sign(ch, func(f [][]byte) {
				f[5] = []byte(`{"code":"` + strings.Repeat("x", wire.DefaultLimits.MaxContent) + `"}`)
				f[1] = []byte(fe.Signer.Sign(f[2], f[3], f[4], f[5]))
			})
		}},
		{"garbage", "delimiter", func(ch string) ([][]byte, *wire.Message) {
			_, m := sign(ch, func([][]byte) {})
			return [][]byte{{0xff, 0x00}}, m
		}},
	}
	for _, ch := range []string{"shell", "control", "stdin"} {
		for _, c := range cases {
			before := strings.Count(lb.String(), "\n")
			frames, m := c.frames(ch)
			fe.SendFrames(t, ch, frames)
			fe.NoReply(t, m, 100*time.Millisecond)
			waitLog(t, lb, before+1)
			log := lb.String()
			if n := strings.Count(log, "\n") - before; n != 1 {
				t.Errorf("%s on %s: %d log lines, want 1:\n%s", c.name, ch, n, log)
			}
			if last := lastLine(log); !strings.Contains(last, c.logs) || !strings.Contains(last, ch) {
				t.Errorf("%s on %s: log line %q should name the channel and say %q", c.name, ch, last, c.logs)
			}
		}
	}
	// A replay of a good message is dropped too.
	req := fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("print once"))
	fe.Collect(t, req)
	before := strings.Count(lb.String(), "\n")
	fe.SendMessage(t, "shell", req)
	waitLog(t, lb, before+1)
	if last := lastLine(lb.String()); !strings.Contains(last, "replayed") {
		t.Errorf("replay: log %q", last)
	}
	if ex := fe.Execute(t, "get kept"); ex.Result() != "yes" || ex.Count() != 3 {
		t.Errorf("after the bad messages: result %q count %d, want yes and 3 (the replay must not run)", ex.Result(), ex.Count())
	}
}

func waitLog(t *testing.T, lb *logBuf, lines int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Count(lb.String(), "\n") >= lines {
			return
		}
	}
	t.Fatalf("log has not reached %d lines:\n%s", lines, lb.String())
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
