package kernel

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// trimAfter is how many bytes the cells may allocate, or how much freed
// heap the runtime may keep, before the kernel hands memory back to the
// operating system as soon as it is idle. Below it a cell costs one
// metrics.Read of two counters.
const trimAfter = 16 << 20

// trimQuiet is how long the kernel must stay idle before it returns the
// memory of cells that allocated less than trimAfter but more than
// trimQuietMin since the last time: a student reading between cells.
const (
	trimQuiet    = 300 * time.Millisecond
	trimQuietMin = 1 << 20
)

// memTrim returns the heap cells freed to the operating system when the
// kernel goes idle. Go's background scavenger returns it too, but slowly,
// and only what lies above the next heap goal: a kernel whose lesson built
// and dropped a 100 MB tensor would otherwise keep that memory while the
// student reads. Forcing a collection costs milliseconds, so it is done
// off the shell goroutine, at once after cells that allocated a lot and
// after a quiet moment otherwise — never between the cells of a quick
// run.
type memTrim struct {
	mu        sync.Mutex // guards samples
	samples   []metrics.Sample
	lastAlloc atomic.Uint64
	gen       atomic.Uint64 // counts requests, so a quiet timer knows one came
	quiet     time.Duration
	timer     *time.Timer
	running   atomic.Bool
	trims     atomic.Int64 // how many times it returned memory, for tests
}

func newMemTrim() *memTrim {
	m := &memTrim{quiet: trimQuiet, samples: []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}}
	alloc, _ := m.read()
	m.lastAlloc.Store(alloc)
	return m
}

// read returns the bytes allocated since the process started and the free
// heap the runtime holds.
func (m *memTrim) read() (alloc, free uint64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	metrics.Read(m.samples)
	v := func(i int) uint64 {
		if m.samples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return m.samples[i].Value.Uint64()
	}
	return v(0), v(1)
}

// busy is called by the shell goroutine when a request starts: a quiet
// trim armed before it does not run.
func (m *memTrim) busy() { m.gen.Add(1) }

// idle is called by the shell goroutine after a cell has finished (its
// idle status published). It returns memory at once when the cells since
// the last time allocated trimAfter bytes or the heap holds as much free,
// and after trimQuiet of idleness when they allocated trimQuietMin.
func (m *memTrim) idle() {
	if m.running.Load() {
		return
	}
	alloc, free := m.read()
	since := alloc - m.lastAlloc.Load()
	switch {
	case since >= trimAfter || free >= trimAfter:
		m.start()
	case since >= trimQuietMin:
		g := m.gen.Load()
		if m.timer != nil {
			m.timer.Stop()
		}
		m.timer = time.AfterFunc(m.quiet, func() {
			if m.gen.Load() == g && !m.running.Load() {
				m.start()
			}
		})
	}
}

// start returns memory to the operating system in a goroutine of its own,
// unless that is already happening.
func (m *memTrim) start() {
	if !m.running.CompareAndSwap(false, true) {
		return
	}
	alloc, _ := m.read()
	m.lastAlloc.Store(alloc)
	go func() {
		defer m.running.Store(false)
		debug.FreeOSMemory()
		m.trims.Add(1)
	}()
}
