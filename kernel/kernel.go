package kernel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/user"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// Kernel is one running Jupyter kernel: five sockets, a handler table, the
// interpreter and the captured output.
type Kernel struct {
	cfg       Config
	conn      wire.ConnectionInfo // with the ports actually bound
	signer    *wire.Signer
	session   wire.Session
	replay    *wire.ReplayGuard
	log       *log.Logger
	drops     *dropLog
	eval      Evaluator // set once evalReady is closed
	evalReady chan struct{}

	ctx    context.Context // cancelled when the kernel stops
	cancel context.CancelFunc

	shell, control, stdin, iopub, hb zmq4.Socket
	pubMu                            sync.Mutex

	shellHandlers, controlHandlers map[string]Handler

	shellQ chan *Request
	// execution state, owned by the shell goroutine
	count       int
	abortBefore time.Time
	subscribed  bool // a front end subscribed on iopub, or we stopped waiting (awaitSubscriber)

	cellMu     sync.Mutex
	cellCancel context.CancelFunc
	cellID     uint64

	inputMu sync.Mutex
	inputCh chan *wire.Message

	out     *output
	mem     *memTrim
	capture *capture
	hist    *history
	crash   *crashRecord

	stopOnce sync.Once
	stopped  chan struct{}
	restart  bool
}

// New binds the sockets named by cfg.Conn (retrying ports still in use),
// starts capturing output when cfg.CaptureFD is set, and makes the
// interpreter. Call Run to serve.
func New(cfg Config) (*Kernel, error) {
	cfg.defaults()
	if cfg.NewEvaluator == nil {
		return nil, errors.New("kernel: Config.NewEvaluator is nil")
	}
	if cfg.Conn.Key != "" && cfg.Conn.SignatureScheme == "" {
		cfg.Conn.SignatureScheme = "hmac-sha256"
	}
	signer, err := cfg.Conn.Signer()
	if err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	k := &Kernel{
		cfg:       cfg,
		conn:      cfg.Conn,
		signer:    signer,
		session:   wire.NewSession(username()),
		replay:    wire.NewReplayGuard(0),
		shellQ:    make(chan *Request, 256),
		inputCh:   make(chan *wire.Message, 4),
		hist:      newHistory(),
		stopped:   make(chan struct{}),
		evalReady: make(chan struct{}),
		mem:       newMemTrim(),
	}
	k.ctx, k.cancel = context.WithCancel(context.Background())
	k.out = newOutput(k.publishStream, int64(cfg.MaxOutput))
	stdout, stderr := io.Writer(k.out.stdout), io.Writer(k.out.stderr)
	logw := io.Writer(os.Stderr)
	if cfg.CaptureFD {
		c, err := startCapture(k.out)
		if err != nil {
			return nil, fmt.Errorf("kernel: capturing output: %w", err)
		}
		k.capture = c
		stdout, stderr, logw = os.Stdout, os.Stderr, c.origStderr
	}
	k.log = cfg.Log
	if k.log == nil {
		k.log = log.New(logw, "stepwise kernel: ", log.LstdFlags)
	}
	k.drops = newDropLog(k.log)
	setGuardLog(k.log)
	if cfg.CrashDir != "" {
		k.crash = openCrashRecord(cfg.CrashDir, cfg.ConnectionFile, k.log)
	}
	k.registerHandlers()
	if err := k.bind(); err != nil {
		k.close()
		return nil, err
	}
	// The interpreter (with its symbol tables) starts while the kernel
	// already answers kernel_info: requests that need it wait for it.
	go func() {
		defer close(k.evalReady)
		e, err := cfg.NewEvaluator(stdout, stderr)
		if err != nil {
			k.log.Printf("the interpreter did not start: %v", err)
			e = brokenEvaluator{fmt.Errorf("the Go interpreter did not start: %w", err)}
		}
		k.eval = e
	}()
	return k, nil
}

// evaluator returns the interpreter, waiting for it to have started.
func (k *Kernel) evaluator() Evaluator {
	<-k.evalReady
	return k.eval
}

func username() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "stepwise"
}

// ConnectionInfo returns the connection info with the ports actually bound
// (they differ from Config.Conn where that asked for port 0).
func (k *Kernel) ConnectionInfo() wire.ConnectionInfo { return k.conn }

// Logger returns the logger for the kernel's own diagnostics.
func (k *Kernel) Logger() *log.Logger { return k.log }

// Run serves until a shutdown_request, SIGTERM (with HandleSignals), the
// death of the parent (with WatchParent) or the cancellation of ctx, then
// closes the sockets. It returns nil after a shutdown.
func (k *Kernel) Run(ctx context.Context) error {
	go k.readLoop("shell", k.shell, func(r *Request) { k.shellQ <- r })
	go k.readLoop("control", k.control, func(r *Request) { k.serve(r, k.controlHandlers) })
	go k.readLoop("stdin", k.stdin, k.deliverInput)
	go k.heartbeat()
	go k.shellLoop()
	go k.out.flushLoop(k.ctx)
	if k.cfg.WatchParent {
		go watchParent(k.ctx, time.Second, k.log, func(why string) {
			k.log.Printf("exiting: %s", why)
			k.Stop(false)
		})
	}
	if k.cfg.HandleSignals {
		k.handleSignals()
	}
	k.publish("status", nil, status{ExecutionState: "starting"})
	select {
	case <-ctx.Done():
		k.Stop(false)
	case <-k.stopped:
	}
	k.close()
	return nil
}

// Stop makes Run return: it interrupts the running cell, flushes output and
// closes the sockets. restart is only recorded (see Restart); the front end
// starts a new process.
func (k *Kernel) Stop(restart bool) {
	k.stopOnce.Do(func() {
		k.restart = restart
		k.interrupt("shutdown")
		close(k.stopped)
	})
}

// Restart reports whether the last shutdown_request asked for a restart.
func (k *Kernel) Restart() bool { return k.restart }

func (k *Kernel) close() {
	k.out.Sync()
	time.Sleep(20 * time.Millisecond) // let the iopub queue drain (zmq4 has no flush)
	k.cancel()
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb} {
		if s != nil {
			s.Close()
		}
	}
	if k.crash != nil {
		k.crash.closeClean()
	}
	if k.capture != nil {
		k.capture.stop()
	}
}

// send encodes m and sends it on a ROUTER socket.
func (k *Kernel) send(sock zmq4.Socket, name string, m *wire.Message) {
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.log.Printf("cannot encode %s: %v", m.Header.MsgType, err)
		return
	}
	// SendMulti writes the frames with one writev; Send writes each frame
	// header and body separately (two syscalls a frame).
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && k.ctx.Err() == nil {
		k.log.Printf("cannot send %s on %s: %v", m.Header.MsgType, name, err)
	}
}

// publish sends a message on iopub with parent as its parent (nil for none).
func (k *Kernel) publish(msgType string, parent *wire.Message, content any) {
	m, err := k.session.NewMessage(msgType, parent, content)
	if err != nil {
		k.log.Printf("cannot encode %s: %v", msgType, err)
		return
	}
	m.Identities = [][]byte{[]byte("kernel." + k.session.ID + "." + msgType)}
	frames, err := wire.Encode(m, k.signer)
	if err != nil {
		k.log.Printf("cannot encode %s: %v", msgType, err)
		return
	}
	k.pubMu.Lock()
	defer k.pubMu.Unlock()
	if err := k.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil && k.ctx.Err() == nil {
		k.log.Printf("cannot publish %s: %v", msgType, err)
	}
}

func (k *Kernel) publishStream(name, text string, parent *wire.Message) {
	k.publish("stream", parent, streamContent{Name: name, Text: text})
}
