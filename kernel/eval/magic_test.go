package eval

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestMagics(t *testing.T) {
	s := newTestSession(t)
	_, out := s.ok("%help")
	for _, w := range []string{"%help", "%time", "%reset", "Display(v...)", "display.HTML", "Completion"} {
		if !strings.Contains(out, w) {
			t.Errorf("%%help output lacks %q:\n%s", w, out)
		}
	}
	v, out := s.ok("%time\nx := 0\nfor i := 0; i < 1000; i++ { x += i }\nx")
	if v != "499500" || !strings.HasPrefix(out, "time: ") {
		t.Errorf("%%time cell form: value %q stdout %q", v, out)
	}
	v, out = s.ok("%time 6 * 7")
	if v != "42" || !strings.HasPrefix(out, "time: ") {
		t.Errorf("%%time line form: value %q stdout %q", v, out)
	}
	// Positions after a magic line still name the cell's own lines.
	e := s.fails("%time\ny := undefinedAfterMagic")
	if !strings.Contains(e.Value, "line 2, column 6") {
		t.Errorf("error after %%time: %q", e.Value)
	}
	s.ok("kept := 1")
	s.ok("%reset")
	if e := s.fails("kept"); !strings.Contains(e.Value, "undefined: kept") {
		t.Errorf("after %%reset: %q", e.Value)
	}
	if v, _ := s.ok("display.Markdown(\"ok\")"); v != "ok" {
		t.Errorf("display missing after %%reset: %q", v)
	}
	if e := s.fails("%nosuchmagic"); !strings.Contains(e.Value, "unknown magic %nosuchmagic") {
		t.Errorf("unknown magic: %q", e.Value)
	}
}

func TestRegisterMagic(t *testing.T) {
	RegisterMagic("testgreet", "say hello (test)", func(args string, w io.Writer) error {
		if args == "fail" {
			return errors.New("asked to fail")
		}
		fmt.Fprintf(w, "hello %s\n", args)
		return nil
	})
	defer func() {
		magicsMu.Lock()
		delete(magics, "testgreet")
		magicsMu.Unlock()
	}()
	s := newTestSession(t)
	v, out := s.ok("%testgreet world\n1 + 2")
	if out != "hello world\n" || v != "3" {
		t.Errorf("registered magic: stdout %q value %q", out, v)
	}
	if e := s.fails("%testgreet fail"); !strings.Contains(e.Value, "asked to fail") {
		t.Errorf("failing magic: %q", e.Value)
	}
	if _, out := s.ok("%help"); !strings.Contains(out, "%testgreet — say hello (test)") {
		t.Errorf("%%help does not list the registered magic:\n%s", out)
	}
	for _, name := range []string{"testgreet", "time"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RegisterMagic(%q) twice did not panic", name)
				}
			}()
			RegisterMagic(name, "dup", func(string, io.Writer) error { return nil })
		}()
	}
}
