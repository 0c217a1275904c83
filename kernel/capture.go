//go:build unix

package kernel

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// capture redirects file descriptors 1 and 2 to pipes read by the kernel,
// so that whatever the process prints — fmt in compiled packages, the
// runtime, child processes — reaches the notebook.
type capture struct {
	origStdout, origStderr *os.File // the descriptors Jupyter gave us
	pipes                  [2]*pipe
	token                  []byte // written through a pipe to mark a point in it
	mu                     sync.Mutex
}

type pipe struct {
	fd      int // 1 or 2
	r       *os.File
	to      *stream
	written uint64        // markers written (under capture.mu)
	seen    atomic.Uint64 // markers read back
	seenCh  chan struct{}
}

func startCapture(o *output) (*capture, error) {
	c := &capture{token: make([]byte, 18)}
	copy(c.token, "\x00\xff")
	rand.Read(c.token[2:])
	var err error
	if c.origStdout, err = dupFile(1, "stdout (original)"); err != nil {
		return nil, err
	}
	if c.origStderr, err = dupFile(2, "stderr (original)"); err != nil {
		return nil, err
	}
	for i, fd := range []int{1, 2} {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		wfd := int(w.Fd()) // Fd puts the write end in blocking mode, as fd 1 and 2 must be
		if err := dupTo(wfd, fd); err != nil {
			return nil, fmt.Errorf("redirecting descriptor %d: %w", fd, err)
		}
		w.Close()
		growPipe(fd)
		to := o.stdout
		if fd == 2 {
			to = o.stderr
		}
		c.pipes[i] = &pipe{fd: fd, r: r, to: to, seenCh: make(chan struct{}, 1)}
	}
	o.capture = c
	o.orphan = func(name, text string) { c.origStderr.WriteString(text) }
	for _, p := range c.pipes {
		go c.read(p)
	}
	return c, nil
}

func dupFile(fd int, name string) (*os.File, error) {
	nfd, err := syscall.Dup(fd)
	if err != nil {
		return nil, fmt.Errorf("duplicating descriptor %d: %w", fd, err)
	}
	syscall.CloseOnExec(nfd)
	return os.NewFile(uintptr(nfd), name), nil
}

// read copies a pipe into its stream, taking out the markers.
func (c *capture) read(p *pipe) {
	buf := make([]byte, 64<<10)
	var carry []byte
	for {
		n, err := p.r.Read(buf)
		data := buf[:n]
		if len(carry) > 0 {
			data = append(carry, data...)
			carry = nil
		}
		for len(data) > 0 {
			i := bytes.Index(data, c.token)
			if i < 0 {
				k := partialSuffix(data, c.token)
				p.to.Write(data[:len(data)-k])
				if k > 0 {
					carry = append([]byte(nil), data[len(data)-k:]...)
				}
				break
			}
			p.to.Write(data[:i])
			p.seen.Add(1)
			select {
			case p.seenCh <- struct{}{}:
			default:
			}
			data = data[i+len(c.token):]
		}
		if err != nil {
			return
		}
	}
}

// partialSuffix returns the length of the longest proper prefix of token
// that data ends with.
func partialSuffix(data, token []byte) int {
	for k := min(len(token)-1, len(data)); k > 0; k-- {
		if bytes.HasSuffix(data, token[:k]) {
			return k
		}
	}
	return 0
}

// barrier writes a marker into both pipes and waits until the readers have
// passed it: everything printed before the call is then in the streams.
func (c *capture) barrier(timeout time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.pipes {
		p.written++
		syscall.Write(p.fd, c.token)
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for _, p := range c.pipes {
		for p.seen.Load() < p.written {
			select {
			case <-p.seenCh:
			case <-deadline.C:
				return
			}
		}
	}
}

// stop gives descriptors 1 and 2 back to what Jupyter gave the process.
func (c *capture) stop() {
	dupTo(int(c.origStdout.Fd()), 1)
	dupTo(int(c.origStderr.Fd()), 2)
}
