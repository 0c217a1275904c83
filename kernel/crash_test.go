package kernel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFatalLine(t *testing.T) {
	cases := []struct{ report, want string }{
		{"panic: boom\n\ngoroutine 7 [running]:\n", "panic: boom"},
		{"fatal error: concurrent map writes\n", "fatal error: concurrent map writes"},
		{"\nruntime stack:\nruntime.throw({0x1?})\nruntime.sysMapOS(0x13a8f9800000)\n", "fatal error: runtime: out of memory (read from the stack trace)"},
		{"\nruntime stack:\nruntime.throw()\nruntime.newstack()\n", "fatal error: stack overflow (read from the stack trace)"},
		{"\nruntime stack:\nsomething.else()\n", "a fatal error of the Go runtime"},
		{"", ""},
	}
	for _, c := range cases {
		if got := fatalLine([]byte(c.report)); got != c.want {
			t.Errorf("fatalLine(%q) = %q, want %q", c.report, got, c.want)
		}
	}
}

func TestCrashNote(t *testing.T) {
	st := crashState{PID: 42, Started: time.Date(2025, 1, 1, 9, 0, 0, 0, time.Local), Cell: 3, CellStarted: time.Now().Add(-2 * time.Second), Code: "x := make([]byte, 1<<45)"}
	note := crashNote(st, []byte("runtime stack:\nruntime.sysMapOS()\n"), "/tmp/r.prev")
	for _, want := range []string{"pid 42", "started 09:00:00", "cell [3]", `"x := make([]byte, 1<<45)"`, "for 2s", "out of memory", "make the data smaller", "/tmp/r.prev", "run the cells above again"} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q:\n%s", want, note)
		}
	}
	if strings.Count(note, "\n") != 1 || !strings.HasSuffix(note, "\n") {
		t.Errorf("note is not one paragraph:\n%q", note)
	}
	idle := crashNote(crashState{PID: 7, Started: time.Now()}, nil, "")
	if !strings.Contains(idle, "while it was idle") || !strings.Contains(idle, "killed from outside") {
		t.Errorf("idle kill note: %s", idle)
	}
}

func TestCrashRecordFiles(t *testing.T) {
	dir := t.TempDir()
	lg := testLogger(t)
	cf := filepath.Join(dir, "kernel-1.json")
	c := openCrashRecord(filepath.Join(dir, "crash"), cf, lg)
	if c == nil || c.takeNote() != "" {
		t.Fatal("first start: no record, or a note")
	}
	c.running(5, "for {\n}")
	b, _ := os.ReadFile(c.base + ".state")
	if !strings.Contains(string(b), `"cell":5`) || !strings.Contains(string(b), `"code":"for {"`) {
		t.Errorf("state while running: %s", b)
	}
	// Pretend this process died: a new record for the same file with a
	// state naming a dead pid.
	os.WriteFile(c.base+".state", []byte(`{"pid":999999999,"started":"2025-01-01T00:00:00Z","cell":5}`), 0o600)
	c2 := openCrashRecord(filepath.Join(dir, "crash"), cf, lg)
	if n := c2.takeNote(); !strings.Contains(n, "cell [5]") {
		t.Errorf("note = %q", n)
	}
	c2.closeClean()
	if left, _ := filepath.Glob(filepath.Join(dir, "crash", "*.state")); len(left) != 0 {
		t.Errorf("clean exit left %v", left)
	}
	// Another connection file is another kernel.
	if c3 := openCrashRecord(filepath.Join(dir, "crash"), cf+"x", lg); c3.base == c2.base {
		t.Error("two connection files share a record")
	}
}

func TestSweep(t *testing.T) {
	dir := t.TempDir()
	old, fresh, other := filepath.Join(dir, "kernel-a.crash.prev"), filepath.Join(dir, "kernel-b.state"), filepath.Join(dir, "notes.txt")
	for _, p := range []string{old, fresh, other} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	long := time.Now().Add(-8 * 24 * time.Hour)
	os.Chtimes(old, long, long)
	os.Chtimes(other, long, long)
	sweep(dir, 7*24*time.Hour)
	for p, want := range map[string]bool{old: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
