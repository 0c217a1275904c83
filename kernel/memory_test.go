package kernel

import (
	"runtime"
	"testing"
	"time"
)

var sink []byte

// waitTrim waits until no trim is running and returns how many ran.
func waitTrim(m *memTrim) int64 {
	for m.running.Load() {
		runtime.Gosched()
	}
	return m.trims.Load()
}

// A cell that allocated more than trimAfter makes the idle kernel return
// memory; a cell after it that allocated little does not.
func TestMemTrimAfterBigCell(t *testing.T) {
	m := newMemTrim()
	sink = make([]byte, 2*trimAfter) // the "cell"
	sink = nil
	m.idle()
	if n := waitTrim(m); n != 1 {
		t.Fatalf("after a cell that allocated %d MB: %d trims, want 1", 2*trimAfter>>20, n)
	}
	m.idle()
	if n := waitTrim(m); n != 1 {
		t.Errorf("after a cell that allocated nothing: %d trims in all, want still 1", n)
	}
}

// A cell that allocated a few megabytes makes the kernel return memory
// after a quiet period, and not when another request came in between.
func TestMemTrimAfterQuiet(t *testing.T) {
	m := newMemTrim()
	m.quiet = 20 * time.Millisecond
	sink = make([]byte, 2*trimQuietMin)
	sink = nil
	m.idle()
	m.busy() // the next cell starts before the quiet period ends
	time.Sleep(10 * m.quiet)
	if n := waitTrim(m); n != 0 {
		t.Fatalf("a request came within the quiet period, yet %d trims ran", n)
	}
	sink = make([]byte, 2*trimQuietMin)
	sink = nil
	m.idle()
	deadline := time.Now().Add(5 * time.Second)
	for m.trims.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(m.quiet)
	}
	if n := waitTrim(m); n != 1 {
		t.Errorf("after a quiet period: %d trims, want 1", n)
	}
}
