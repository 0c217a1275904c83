package eval

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// maxStackBytes is how much goroutine stack a cell may use before it is
// stopped as a runaway recursion. Go kills the whole process when one
// goroutine's stack would pass 1 GB ("fatal error: stack overflow"), and an
// interpreted call takes far more stack than a compiled one, so a recursion
// that never ends reaches it in seconds; stopping the cell at a quarter of
// that keeps the kernel and its state.
const maxStackBytes = 256 << 20

// stackSample is how often the stack guard looks.
const stackSample = 50 * time.Millisecond

const stackMetric = "/memory/classes/heap/stacks:bytes"

// guardStack watches the memory of goroutine stacks while cell r runs and
// stops the cell when it passes maxStackBytes. It returns a function that
// ends the watch.
func (in *Interp) guardStack(r *run) (stop func()) {
	done := make(chan struct{})
	base := stackBytes()
	var overflowed atomic.Bool
	go func() {
		t := time.NewTicker(stackSample)
		defer t.Stop()
		sample := []metrics.Sample{{Name: stackMetric}}
		for {
			select {
			case <-done:
				return
			case <-r.ctx.Done():
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return
			}
			if n := sample[0].Value.Uint64(); n > base+maxStackBytes {
				r.mu.Lock()
				if r.goErr == nil {
					r.goErr = stackOverflow(n - base)
				}
				r.mu.Unlock()
				overflowed.Store(true)
				r.cancel()
				return
			}
		}
	}()
	return func() {
		close(done)
		if overflowed.Load() {
			shrinkStacks(base)
		}
	}
}

// stackBytes is the memory of goroutine stacks now.
func stackBytes() uint64 {
	s := []metrics.Sample{{Name: stackMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// shrinkStacks gives back the stack a runaway recursion grew: each
// collection halves a goroutine stack that is mostly unused.
func shrinkStacks(base uint64) {
	for i := 0; i < 24 && stackBytes() > base+16<<20; i++ {
		runtime.GC()
	}
}

// stackOverflow is the error of a cell stopped by the stack guard.
func stackOverflow(n uint64) *Error {
	msg := fmt.Sprintf("stack overflow: the cell's goroutine stacks grew past %d MB, most likely a recursion that never stops (compiled Go would die with \"goroutine stack exceeds 1000000000-byte limit\"); the cell was stopped, the kernel and its state live on", n>>20)
	return &Error{Name: "runtime error", Value: msg, Traceback: []string{"runtime error: " + msg}}
}
