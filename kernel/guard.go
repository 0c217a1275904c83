package kernel

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// The guarded transports behave as tcp and ipc, but every accepted
// connection reads its peer through a guardConn.
const (
	guardedTCP = "stepwise-tcp"
	guardedIPC = "stepwise-ipc"
)

var (
	registerOnce sync.Once
	// guardLog receives the lines of guards (one per dropped message); it is
	// set by the first kernel of the process.
	guardLog   = log.New(os.Stderr, "stepwise kernel: ", log.LstdFlags)
	guardLogMu sync.Mutex
	// maxMessage is the largest ZeroMQ message a guard lets through: twice
	// what Decode accepts, so that Decode reports ordinary oversized
	// messages and the guard only stops absurd ones before they are held in
	// memory.
	maxMessage = 2 * int64(wire.DefaultLimits.MaxTotal)
	// guardNames maps a listening address to its socket's name, for the log.
	guardNames sync.Map
	// handshakeTimeout bounds how long a new connection may take to greet.
	handshakeTimeout = 3 * time.Second
)

func registerGuardedTransports() {
	registerOnce.Do(func() {
		zmq4.RegisterTransport(guardedTCP, guardedTransport{network: "tcp", base: transport.New("tcp")})
		zmq4.RegisterTransport(guardedIPC, guardedTransport{network: "unix", base: transport.New("unix")})
	})
}

type guardedTransport struct {
	network string
	base    transport.Transport
}

func (t guardedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	return t.base.Dial(ctx, d, addr)
}

func (t guardedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := net.Listen(t.network, addr)
	if err != nil {
		return nil, err
	}
	return guardListener{l}, nil
}

func (t guardedTransport) Addr(ep string) (string, error) { return t.base.Addr(ep) }

type guardListener struct{ net.Listener }

func (l guardListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c.SetReadDeadline(time.Now().Add(handshakeTimeout))
	return newGuardConn(c, maxMessage), nil
}

// guardConn sits between a peer and zmq4's ZMTP reader. It parses ZMTP 3
// framing itself and passes on only whole messages no larger than max:
// a message announcing more is read and discarded, with one log line, and
// never reaches zmq4 (which would allocate whatever size a frame header
// claims). It also clears the handshake deadline once the peer has sent its
// first command (READY), so that a connection that never greets cannot block
// the socket's accept loop for long.
type guardConn struct {
	net.Conn
	r      *bufio.Reader
	max    int64
	out    []byte // bytes ready for zmq4
	buf    []byte // the message being assembled
	greet  bool
	shook  bool
	broken error

	w writeCoalescer
}

func newGuardConn(c net.Conn, max int64) *guardConn {
	g := &guardConn{Conn: c, r: bufio.NewReaderSize(c, 64<<10), max: max}
	g.w = writeCoalescer{bw: bufio.NewWriterSize(c, 64<<10), greetLeft: greetingLen}
	return g
}

// Write passes zmq4's output to the peer, one whole message per write: zmq4
// writes each frame's header and body separately, which without this would
// cost 14 system calls (and TCP segments) per Jupyter message.
func (g *guardConn) Write(p []byte) (int, error) { return g.w.Write(p) }

// writeCoalescer buffers ZMTP output and flushes at the end of the
// greeting, of each command and of each message's last frame.
type writeCoalescer struct {
	mu        sync.Mutex
	bw        *bufio.Writer
	greetLeft int
	hdr       [9]byte
	hdrLen    int    // header bytes seen of the current frame
	bodyLeft  uint64 // body bytes still to come
	inBody    bool
	final     bool // the current frame ends a message or is a command
}

func (w *writeCoalescer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		switch {
		case w.greetLeft > 0:
			k := min(w.greetLeft, len(p))
			if _, err := w.bw.Write(p[:k]); err != nil {
				return 0, err
			}
			w.greetLeft -= k
			p = p[k:]
			if w.greetLeft == 0 {
				if err := w.bw.Flush(); err != nil {
					return 0, err
				}
			}
		case !w.inBody:
			w.hdr[w.hdrLen] = p[0]
			w.hdrLen++
			p = p[1:]
			need := 2
			if w.hdr[0]&flagLong != 0 {
				need = 9
			}
			if w.hdrLen < need {
				continue
			}
			if _, err := w.bw.Write(w.hdr[:need]); err != nil {
				return 0, err
			}
			if need == 2 {
				w.bodyLeft = uint64(w.hdr[1])
			} else {
				w.bodyLeft = binary.BigEndian.Uint64(w.hdr[1:9])
			}
			w.final = w.hdr[0]&flagMore == 0 || w.hdr[0]&flagCommand != 0
			w.hdrLen, w.inBody = 0, true
			if err := w.endOfBody(); err != nil {
				return 0, err
			}
		default:
			k := int(min(w.bodyLeft, uint64(len(p))))
			if _, err := w.bw.Write(p[:k]); err != nil {
				return 0, err
			}
			w.bodyLeft -= uint64(k)
			p = p[k:]
			if err := w.endOfBody(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// endOfBody closes a frame whose body is complete, flushing if it ends a
// message.
func (w *writeCoalescer) endOfBody() error {
	if w.bodyLeft > 0 {
		return nil
	}
	w.inBody = false
	if w.final {
		return w.bw.Flush()
	}
	return nil
}

const (
	flagMore    = 0x01
	flagLong    = 0x02
	flagCommand = 0x04
	greetingLen = 64
	maxCommand  = 64 << 10
)

var errBadFraming = errors.New("stepwise: bad ZMTP framing")

func (g *guardConn) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		if g.broken != nil {
			return 0, g.broken
		}
		if err := g.fill(); err != nil {
			g.broken = err
		}
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// fill reads the greeting, one command, or one whole message into g.out.
func (g *guardConn) fill() error {
	if !g.greet {
		b := make([]byte, greetingLen)
		if _, err := io.ReadFull(g.r, b); err != nil {
			return err
		}
		g.greet, g.out = true, b
		return nil
	}
	if cap(g.buf) > 1<<20 {
		g.buf = nil // do not keep a large buffer for the life of the connection
	}
	msg := g.buf[:0]
	var total int64
	dropping := false
	for {
		flags, size, hdr, err := g.frameHeader()
		if err != nil {
			return err
		}
		if flags&flagCommand != 0 {
			if len(msg) > 0 || dropping || size > maxCommand {
				return fmt.Errorf("%w: command frame of %d bytes", errBadFraming, size)
			}
			msg = append(msg, hdr...)
			if msg, err = g.readBody(msg, size); err != nil {
				return err
			}
			if !g.shook {
				g.shook = true
				g.Conn.SetReadDeadline(time.Time{})
			}
			g.out = msg
			return nil
		}
		total += int64(size)
		if total > g.max {
			dropping = true
			msg = msg[:0]
		}
		if dropping {
			if _, err := io.CopyN(io.Discard, g.r, int64(size)); err != nil {
				return err
			}
		} else {
			msg = append(msg, hdr...)
			if msg, err = g.readBody(msg, size); err != nil {
				return err
			}
		}
		if flags&flagMore == 0 {
			break
		}
	}
	g.buf = msg
	if dropping {
		guardLogMu.Lock()
		name, ok := guardNames.Load(g.LocalAddr().String())
		if !ok {
			name = g.LocalAddr().String()
		}
		guardLog.Printf("dropped a message on %s from %s: %v: %d bytes or more, limit %d", name, g.RemoteAddr(), wire.ErrTooLarge, total, g.max)
		guardLogMu.Unlock()
		return nil // g.out stays empty: Read fills again
	}
	g.out = msg
	return nil
}

// frameHeader reads a frame's flags and size, returning the header bytes.
func (g *guardConn) frameHeader() (flags byte, size uint64, hdr []byte, err error) {
	var h [9]byte
	if h[0], err = g.r.ReadByte(); err != nil {
		return
	}
	flags = h[0]
	if flags&^(flagMore|flagLong|flagCommand) != 0 {
		return 0, 0, nil, fmt.Errorf("%w: flags %#x", errBadFraming, flags)
	}
	n := 1
	if flags&flagLong != 0 {
		n = 8
	}
	if _, err = io.ReadFull(g.r, h[1:1+n]); err != nil {
		return
	}
	if n == 1 {
		size = uint64(h[1])
	} else {
		size = binary.BigEndian.Uint64(h[1:9])
	}
	if size > 1<<62 {
		return 0, 0, nil, fmt.Errorf("%w: frame size %d", errBadFraming, size)
	}
	return flags, size, h[:1+n], nil
}

// readBody appends size bytes from the peer to msg.
func (g *guardConn) readBody(msg []byte, size uint64) ([]byte, error) {
	start := len(msg)
	for uint64(len(msg)-start) < size {
		chunk := int(min(size-uint64(len(msg)-start), 1<<20)) // grow as the bytes come, not as announced
		n := len(msg)
		msg = slices.Grow(msg, chunk)[:n+chunk]
		if _, err := io.ReadFull(g.r, msg[n:]); err != nil {
			return msg, err
		}
	}
	return msg, nil
}

// setGuardLog directs the guards' lines to l.
func setGuardLog(l *log.Logger) {
	guardLogMu.Lock()
	guardLog = l
	guardLogMu.Unlock()
}
