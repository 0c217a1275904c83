package kernel

import (
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// trimAfter is how many bytes the cells may allocate, or how much freed
// heap the runtime may keep, before the kernel hands memory back to the
// operating system once it is idle. Below it a cell costs one
// metrics.Read of two counters.
const trimAfter = 16 << 20

// memTrim returns the heap a cell freed to the operating system when the
// kernel goes idle. Go's background scavenger returns it too, but slowly,
// and only what lies above the next heap goal: a kernel whose lesson built
// and dropped a 100 MB tensor would otherwise keep that memory while the
// student reads. Forcing a collection costs milliseconds, so it is done
// only after cells that allocated a lot, off the shell goroutine.
type memTrim struct {
	samples   []metrics.Sample
	lastAlloc uint64
	running   atomic.Bool
	trims     atomic.Int64 // how many times it returned memory, for tests
}

func newMemTrim() *memTrim {
	m := &memTrim{samples: []metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}}
	metrics.Read(m.samples)
	m.lastAlloc = m.value(0)
	return m
}

func (m *memTrim) value(i int) uint64 {
	if m.samples[i].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m.samples[i].Value.Uint64()
}

// idle is called by the shell goroutine after a cell has finished (its
// idle status published). It starts returning memory when the cells since
// the last time allocated trimAfter bytes or the heap holds as much free.
func (m *memTrim) idle() {
	if m.running.Load() {
		return
	}
	metrics.Read(m.samples)
	alloc, free := m.value(0), m.value(1)
	if alloc-m.lastAlloc < trimAfter && free < trimAfter {
		return
	}
	m.lastAlloc = alloc
	m.running.Store(true)
	go func() {
		defer m.running.Store(false)
		debug.FreeOSMemory()
		m.trims.Add(1)
	}()
}
