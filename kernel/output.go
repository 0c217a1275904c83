package kernel

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// flushDelay is how long output may wait before it is published: the
// first byte of a burst starts the clock, so a stream message leaves at
// most this long after anything was printed.
const flushDelay = 50 * time.Millisecond

// output collects what cells print and publishes it as stream messages of
// the current cell, coalesced: many small writes make few messages. A cell
// may print MaxOutput bytes; the rest is counted and dropped, so that a
// flood neither blocks the kernel nor fills its memory.
type output struct {
	publish func(name, text string, parent *wire.Message)
	orphan  func(name, text string) // output printed before any cell

	mu      sync.Mutex
	parent  *wire.Message
	silent  bool
	budget  int64
	used    int64
	dropped int64
	noted   bool

	stdout, stderr *stream

	flushMu sync.Mutex // orders publications
	wake    chan struct{}
	capture *capture // set when file descriptors 1 and 2 are captured
}

// stream is one of stdout and stderr: an io.Writer into the output.
type stream struct {
	o    *output
	name string
	buf  []byte // guarded by o.mu
}

func newOutput(publish func(name, text string, parent *wire.Message), budget int64) *output {
	o := &output{publish: publish, budget: budget, wake: make(chan struct{}, 1)}
	o.stdout = &stream{o: o, name: "stdout"}
	o.stderr = &stream{o: o, name: "stderr"}
	return o
}

// Write adds p to the stream; it never blocks on the network.
func (s *stream) Write(p []byte) (int, error) {
	s.o.write(s, p)
	return len(p), nil
}

func (o *output) write(s *stream, p []byte) {
	o.mu.Lock()
	if o.silent {
		o.mu.Unlock()
		return
	}
	wasEmpty := len(o.stdout.buf) == 0 && len(o.stderr.buf) == 0
	note := false
	if room := max(o.budget-o.used, 0); int64(len(p)) > room {
		o.dropped += int64(len(p)) - room
		p = p[:room]
		note, o.noted = !o.noted, true
	}
	o.used += int64(len(p))
	s.buf = append(s.buf, p...)
	if note {
		o.stderr.buf = append(o.stderr.buf, fmt.Sprintf(
			"\n[stepwise: output truncated: this cell printed more than %s; the rest is dropped (STEPWISE_MAX_OUTPUT sets the limit)]\n",
			byteSize(o.budget))...)
	}
	o.mu.Unlock()
	if wasEmpty {
		select {
		case o.wake <- struct{}{}:
		default:
		}
	}
}

// flushLoop publishes pending output flushDelay after it starts to pile up.
func (o *output) flushLoop(ctx context.Context) {
	t := time.NewTimer(time.Hour)
	t.Stop()
	for {
		select {
		case <-o.wake:
		case <-ctx.Done():
			return
		}
		t.Reset(flushDelay)
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		o.flush(false)
	}
}

// flush publishes what is pending. Unless all is set, an incomplete UTF-8
// sequence at the end waits for its remaining bytes.
func (o *output) flush(all bool) {
	o.flushMu.Lock()
	defer o.flushMu.Unlock()
	o.mu.Lock()
	parent := o.parent
	out, errs := o.stdout.take(all), o.stderr.take(all)
	o.mu.Unlock()
	for _, p := range []struct{ name, text string }{{"stdout", out}, {"stderr", errs}} {
		switch {
		case p.text == "":
		case parent == nil:
			if o.orphan != nil {
				o.orphan(p.name, p.text)
			}
		default:
			o.publish(p.name, p.text, parent)
		}
	}
}

// take removes and returns the stream's pending text (o.mu held).
func (s *stream) take(all bool) string {
	n := len(s.buf)
	if !all {
		n = completeUTF8(s.buf)
	}
	if n == 0 {
		return ""
	}
	text := string(s.buf[:n])
	rest := copy(s.buf, s.buf[n:])
	s.buf = s.buf[:rest]
	if cap(s.buf) > 1<<20 && rest < 1<<10 {
		s.buf = append([]byte(nil), s.buf...) // give back a flood's buffer
	}
	return text
}

// completeUTF8 returns the length of b without a trailing incomplete UTF-8
// sequence.
func completeUTF8(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// SetParent makes later output belong to the cell m. Output still pending
// goes to the previous cell.
func (o *output) SetParent(m *wire.Message) {
	o.flush(true)
	o.mu.Lock()
	o.parent = m
	o.used, o.dropped, o.noted = 0, 0, false
	o.mu.Unlock()
}

// Silence drops output until the returned function is called: a silent
// execute publishes nothing, and afterwards output goes to the cell it went
// to before.
func (o *output) Silence() (restore func()) {
	o.flush(true)
	o.mu.Lock()
	o.silent = true
	o.mu.Unlock()
	return func() {
		o.Sync()
		o.mu.Lock()
		o.silent = false
		o.mu.Unlock()
	}
}

// Sync publishes everything printed so far, including what is still in the
// pipes of captured file descriptors, so that it comes before what the
// kernel publishes next (a result, an error, idle). At the end of a cell
// it also says how much output was dropped.
func (o *output) Sync() {
	if o.capture != nil {
		o.capture.barrier(time.Second)
	}
	o.flush(true)
}

// reportDropped publishes, once per cell, how much output the limit dropped.
func (o *output) reportDropped() {
	o.mu.Lock()
	d, parent := o.dropped, o.parent
	o.dropped = 0
	o.mu.Unlock()
	if d > 0 && parent != nil {
		o.publish("stderr", fmt.Sprintf("[stepwise: %s of output dropped]\n", byteSize(d)), parent)
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
