package kernel

import (
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// bind creates the five sockets on the connection file's transport, ip and
// ports. A port "already in use" is retried until BindTimeout: jupyter_client
// 7 restarts a kernel on the same ports while the old process may still be
// releasing them.
func (k *Kernel) bind() error {
	registerGuardedTransports()
	opt := zmq4.WithLogger(log.New(k.log.Writer(), "stepwise kernel: zmq4: ", log.LstdFlags))
	ctx := k.ctx
	k.shell = zmq4.NewRouter(ctx, opt)
	k.control = zmq4.NewRouter(ctx, opt)
	k.stdin = zmq4.NewRouter(ctx, opt)
	k.iopub = zmq4.NewPub(ctx, opt)
	k.hb = zmq4.NewRep(ctx, opt)
	// Bound the iopub queue: a front end that stops reading must not make
	// the kernel hoard messages without end.
	k.iopub.SetOption(zmq4.OptionHWM, 10000)
	socks := []struct {
		name string
		sock zmq4.Socket
		port *int
	}{
		{"shell", k.shell, &k.conn.ShellPort},
		{"control", k.control, &k.conn.ControlPort},
		{"stdin", k.stdin, &k.conn.StdinPort},
		{"iopub", k.iopub, &k.conn.IOPubPort},
		{"heartbeat", k.hb, &k.conn.HBPort},
	}
	for _, s := range socks {
		ep := guardedEndpoint(k.conn, *s.port)
		if err := k.listen(s.sock, ep); err != nil {
			return fmt.Errorf("kernel: %s socket on %s: %w", s.name, k.conn.Endpoint(*s.port), err)
		}
		if a, ok := s.sock.Addr().(*net.TCPAddr); ok {
			*s.port = a.Port
		}
		if a := s.sock.Addr(); a != nil {
			guardNames.Store(a.String(), s.name)
		}
	}
	return nil
}

func (k *Kernel) listen(sock zmq4.Socket, ep string) error {
	deadline := time.Now().Add(k.cfg.BindTimeout)
	for tries := 0; ; tries++ {
		err := sock.Listen(ep)
		if err == nil || !errors.Is(err, syscall.EADDRINUSE) || time.Now().After(deadline) {
			return err
		}
		if tries == 0 {
			k.log.Printf("%s is still in use (a previous kernel on the same ports?); retrying for %v", ep, k.cfg.BindTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// readLoop receives messages from a ROUTER socket, drops the bad ones with
// one log line, and hands the good ones to deliver.
func (k *Kernel) readLoop(name string, sock zmq4.Socket, deliver func(*Request)) {
	for {
		msg, err := sock.Recv()
		if k.ctx.Err() != nil {
			return
		}
		if err != nil {
			k.drops.printf("receiving on %s: %v", name, err)
			continue
		}
		m, err := wire.Decode(msg.Frames, k.signer, k.cfg.Limits)
		if err == nil {
			err = k.replay.Check(m.Signature)
		}
		if err != nil {
			k.drops.printf("dropped a message on %s: %v", name, err)
			continue
		}
		deliver(&Request{Msg: m, Channel: name, k: k, sock: sock, arrived: time.Now()})
	}
}

// heartbeat echoes every ping on the REP socket.
func (k *Kernel) heartbeat() {
	for {
		msg, err := k.hb.Recv()
		if k.ctx.Err() != nil {
			return
		}
		if err != nil {
			continue
		}
		k.hb.Send(msg)
	}
}

// dropLog prints one line per dropped message, at most 20 a second, so that
// a flood of bad messages cannot flood the server's log.
type dropLog struct {
	log        *log.Logger
	mu         sync.Mutex
	window     time.Time
	n, skipped int
}

func newDropLog(l *log.Logger) *dropLog { return &dropLog{log: l} }

func (d *dropLog) printf(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if now.Sub(d.window) >= time.Second {
		if d.skipped > 0 {
			d.log.Printf("(%d more such lines not shown)", d.skipped)
		}
		d.window, d.n, d.skipped = now, 0, 0
	}
	if d.n >= 20 {
		d.skipped++
		return
	}
	d.n++
	d.log.Printf(format, args...)
}

// guardedEndpoint names the endpoint on the guarded transports registered
// below, which behave as tcp and ipc but bound frame sizes.
func guardedEndpoint(ci wire.ConnectionInfo, port int) string {
	if ci.Transport == "ipc" {
		path := ci.IP + "-" + strconv.Itoa(port)
		removeStaleSocket(path)
		return guardedIPC + "://" + path
	}
	host := ci.IP
	if host == "*" {
		host = "0.0.0.0"
	}
	return guardedTCP + "://" + net.JoinHostPort(host, strconv.Itoa(port))
}

// removeStaleSocket deletes a unix socket left by a previous kernel (as
// libzmq does before binding an ipc endpoint); other files are left alone.
func removeStaleSocket(path string) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
		if c, err := net.Dial("unix", path); err == nil {
			c.Close() // someone is listening: not stale
			return
		}
		os.Remove(path)
	}
}
