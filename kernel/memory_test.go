package kernel

import (
	"runtime"
	"testing"
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
