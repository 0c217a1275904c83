package kerneltest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/wire"
)

// Timeout bounds every wait of a FrontEnd.
var Timeout = 10 * time.Second

// FrontEnd is an in-process Jupyter front end connected to a kernel.
type FrontEnd struct {
	Kernel  *kernel.Kernel
	Conn    wire.ConnectionInfo
	Signer  *wire.Signer
	Session wire.Session

	// Sockets are the front end's sockets: DEALERs for shell, control and
	// stdin (shell and stdin share an identity, as in jupyter_client), SUB
	// for iopub, REQ for the heartbeat.
	Sockets struct{ Shell, Control, Stdin, IOPub, HB zmq4.Socket }

	ctx    context.Context
	cancel context.CancelFunc
	done   chan error // Kernel.Run's result

	mu     sync.Mutex
	cond   *sync.Cond
	msgs   map[string]map[string][]*wire.Message // by channel, then parent msg_id
	errs   []string                              // bad messages from the kernel
	replay *wire.ReplayGuard
}

// Start makes a kernel with cfg on 127.0.0.1 (random ports, random key),
// runs it, connects a front end and waits until iopub delivers. The kernel
// and sockets are closed when the test ends.
func Start(t testing.TB, cfg kernel.Config) *FrontEnd {
	t.Helper()
	key := make([]byte, 16)
	rand.Read(key)
	cfg.Conn = wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: hex.EncodeToString(key), SignatureScheme: "hmac-sha256"}
	k, err := kernel.New(cfg)
	if err != nil {
		t.Fatalf("kernel.New: %v", err)
	}
	fe := Connect(t, k.ConnectionInfo())
	fe.Kernel = k
	go func() { fe.done <- k.Run(fe.ctx) }()
	fe.WaitReady(t)
	return fe
}

// Connect connects a front end to a kernel already running at ci.
func Connect(t testing.TB, ci wire.ConnectionInfo) *FrontEnd {
	t.Helper()
	signer, err := ci.Signer()
	if err != nil {
		t.Fatal(err)
	}
	fe := &FrontEnd{
		Conn: ci, Signer: signer, Session: wire.NewSession("kerneltest"),
		msgs: map[string]map[string][]*wire.Message{}, replay: wire.NewReplayGuard(0), done: make(chan error, 1),
	}
	fe.cond = sync.NewCond(&fe.mu)
	fe.ctx, fe.cancel = context.WithCancel(context.Background())
	id := zmq4.SocketIdentity(fe.Session.ID)
	fe.Sockets.Shell = zmq4.NewDealer(fe.ctx, zmq4.WithID(id))
	fe.Sockets.Stdin = zmq4.NewDealer(fe.ctx, zmq4.WithID(id))
	fe.Sockets.Control = zmq4.NewDealer(fe.ctx, zmq4.WithID(zmq4.SocketIdentity("control-"+fe.Session.ID)))
	fe.Sockets.IOPub = zmq4.NewSub(fe.ctx)
	fe.Sockets.HB = zmq4.NewReq(fe.ctx)
	for _, s := range []struct {
		sock zmq4.Socket
		port int
	}{{fe.Sockets.Shell, ci.ShellPort}, {fe.Sockets.Control, ci.ControlPort}, {fe.Sockets.Stdin, ci.StdinPort}, {fe.Sockets.IOPub, ci.IOPubPort}, {fe.Sockets.HB, ci.HBPort}} {
		if err := s.sock.Dial(ci.Endpoint(s.port)); err != nil {
			t.Fatalf("dial %s: %v", ci.Endpoint(s.port), err)
		}
	}
	fe.Sockets.IOPub.SetOption(zmq4.OptionSubscribe, "")
	for name, s := range map[string]zmq4.Socket{"shell": fe.Sockets.Shell, "control": fe.Sockets.Control, "stdin": fe.Sockets.Stdin, "iopub": fe.Sockets.IOPub} {
		go fe.collect(name, s)
	}
	t.Cleanup(fe.Close)
	return fe
}

// WaitReady sends kernel_info_request until its busy status arrives on
// iopub (a SUB socket misses what is published before it subscribed).
func (fe *FrontEnd) WaitReady(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		req := fe.Send(t, "shell", "kernel_info_request", map[string]any{})
		if _, err := fe.waitFor(200*time.Millisecond, func() *wire.Message { return fe.find("iopub", req, "status") }); err == nil {
			fe.Reply(t, req)
			return
		}
	}
	t.Fatalf("the kernel did not answer kernel_info_request with iopub status within %v", Timeout)
}

func (fe *FrontEnd) collect(name string, s zmq4.Socket) {
	for {
		msg, err := s.Recv()
		if fe.ctx.Err() != nil {
			return
		}
		if err != nil {
			continue
		}
		m, err := wire.Decode(msg.Frames, fe.Signer, wire.Limits{})
		if err == nil {
			err = fe.replay.Check(m.Signature)
		}
		fe.mu.Lock()
		if err != nil {
			fe.errs = append(fe.errs, fmt.Sprintf("%s: %v", name, err))
		} else {
			if fe.msgs[name] == nil {
				fe.msgs[name] = map[string][]*wire.Message{}
			}
			p := ParentID(m)
			fe.msgs[name][p] = append(fe.msgs[name][p], m)
		}
		fe.cond.Broadcast()
		fe.mu.Unlock()
	}
}

// Errors lists the kernel's messages this front end could not accept
// (bad signature, replay, bad JSON). A correct kernel produces none.
func (fe *FrontEnd) Errors() []string {
	fe.mu.Lock()
	defer fe.mu.Unlock()
	return append([]string(nil), fe.errs...)
}

// Close stops the kernel (if Start made it) and closes the sockets.
func (fe *FrontEnd) Close() {
	if fe.Kernel != nil {
		fe.Kernel.Stop(false)
	}
	fe.cancel()
	for _, s := range []zmq4.Socket{fe.Sockets.Shell, fe.Sockets.Control, fe.Sockets.Stdin, fe.Sockets.IOPub, fe.Sockets.HB} {
		s.Close()
	}
}

// Done returns Kernel.Run's result once Run has returned,
// or an error after Timeout.
func (fe *FrontEnd) Done() error {
	select {
	case err := <-fe.done:
		return err
	case <-time.After(Timeout):
		return fmt.Errorf("kernel still running after %v", Timeout)
	}
}

func (fe *FrontEnd) socket(channel string) zmq4.Socket {
	switch channel {
	case "shell":
		return fe.Sockets.Shell
	case "control":
		return fe.Sockets.Control
	case "stdin":
		return fe.Sockets.Stdin
	}
	panic("kerneltest: no channel " + channel)
}

// NewMessage builds a request from this front end's session.
func (fe *FrontEnd) NewMessage(t testing.TB, msgType string, content any) *wire.Message {
	m, err := fe.Session.NewMessage(msgType, nil, content)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Send signs and sends a message on channel ("shell", "control", "stdin").
func (fe *FrontEnd) Send(t testing.TB, channel, msgType string, content any) *wire.Message {
	t.Helper()
	m := fe.NewMessage(t, msgType, content)
	fe.SendMessage(t, channel, m)
	return m
}

// SendMessage signs and sends m on channel.
func (fe *FrontEnd) SendMessage(t testing.TB, channel string, m *wire.Message) {
	t.Helper()
	frames, err := wire.Encode(m, fe.Signer)
	if err != nil {
		t.Fatal(err)
	}
	fe.SendFrames(t, channel, frames)
}

// SendFrames sends raw frames on channel, for tests of bad messages.
func (fe *FrontEnd) SendFrames(t testing.TB, channel string, frames [][]byte) {
	t.Helper()
	if err := fe.socket(channel).Send(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatalf("send on %s: %v", channel, err)
	}
}

// Reply waits for the reply to req on shell or control.
func (fe *FrontEnd) Reply(t testing.TB, req *wire.Message) *wire.Message {
	t.Helper()
	m, err := fe.waitFor(Timeout, func() *wire.Message {
		if r := fe.find("shell", req, ""); r != nil {
			return r
		}
		return fe.find("control", req, "")
	})
	if err != nil {
		t.Fatalf("no reply to %s: %v", req.Header.MsgType, err)
	}
	return m
}

// NoReply checks that nothing answers req within d.
func (fe *FrontEnd) NoReply(t testing.TB, req *wire.Message, d time.Duration) {
	t.Helper()
	m, err := fe.waitFor(d, func() *wire.Message {
		for _, ch := range []string{"shell", "control", "iopub"} {
			if r := fe.find(ch, req, ""); r != nil {
				return r
			}
		}
		return nil
	})
	if err == nil {
		t.Errorf("%s was answered with %s; want it dropped", req.Header.MsgType, m.Header.MsgType)
	}
}

// IOPub waits for the idle status of req and returns the iopub messages
// whose parent is req, in order.
func (fe *FrontEnd) IOPub(t testing.TB, req *wire.Message) []*wire.Message {
	t.Helper()
	_, err := fe.waitFor(Timeout, func() *wire.Message {
		for _, m := range fe.children("iopub", req) {
			if m.Header.MsgType == "status" && strings.Contains(string(m.Content), `"idle"`) {
				return m
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("no idle status for %s: %v", req.Header.MsgType, err)
	}
	fe.mu.Lock()
	defer fe.mu.Unlock()
	return fe.children("iopub", req)
}

// WaitIOPub waits for an iopub message of msgType whose parent is req.
func (fe *FrontEnd) WaitIOPub(t testing.TB, req *wire.Message, msgType string) *wire.Message {
	t.Helper()
	m, err := fe.waitFor(Timeout, func() *wire.Message { return fe.find("iopub", req, msgType) })
	if err != nil {
		t.Fatalf("no %s for %s: %v", msgType, req.Header.MsgType, err)
	}
	return m
}

// WaitStdin waits for an input_request on stdin whose parent is req.
func (fe *FrontEnd) WaitStdin(t testing.TB, req *wire.Message) *wire.Message {
	t.Helper()
	m, err := fe.waitFor(Timeout, func() *wire.Message { return fe.find("stdin", req, "input_request") })
	if err != nil {
		t.Fatalf("no input_request: %v", err)
	}
	return m
}

// Answer sends input_reply with value to an input_request.
func (fe *FrontEnd) Answer(t testing.TB, inputRequest *wire.Message, value string) {
	t.Helper()
	m, err := fe.Session.NewMessage("input_reply", inputRequest, map[string]any{"value": value})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = nil
	fe.SendMessage(t, "stdin", m)
}

// Ping sends a heartbeat and waits for the echo.
func (fe *FrontEnd) Ping(t testing.TB) time.Duration {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		if err := fe.Sockets.HB.Send(zmq4.NewMsgString("ping")); err != nil {
			done <- err
			return
		}
		m, err := fe.Sockets.HB.Recv()
		if err == nil && string(m.Bytes()) != "ping" {
			err = fmt.Errorf("heartbeat echoed %q", m.Bytes())
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("heartbeat: %v", err)
		}
	case <-time.After(Timeout):
		t.Fatalf("heartbeat: no echo within %v", Timeout)
	}
	return time.Since(start)
}

// children returns the messages on channel whose parent is req (fe.mu held).
func (fe *FrontEnd) children(channel string, req *wire.Message) []*wire.Message {
	return append([]*wire.Message(nil), fe.msgs[channel][req.Header.MsgID]...)
}

// find returns the first message on channel with parent req and, unless
// msgType is "", that type (fe.mu held).
func (fe *FrontEnd) find(channel string, req *wire.Message, msgType string) *wire.Message {
	for _, m := range fe.children(channel, req) {
		if msgType == "" || m.Header.MsgType == msgType {
			return m
		}
	}
	return nil
}

// waitFor waits until cond (called with fe.mu held) returns a message.
func (fe *FrontEnd) waitFor(d time.Duration, cond func() *wire.Message) (*wire.Message, error) {
	deadline := time.Now().Add(d)
	t := time.AfterFunc(d, func() {
		fe.mu.Lock()
		fe.cond.Broadcast()
		fe.mu.Unlock()
	})
	defer t.Stop()
	fe.mu.Lock()
	defer fe.mu.Unlock()
	for {
		if m := cond(); m != nil {
			return m, nil
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("timed out after %v", d)
		}
		fe.cond.Wait()
	}
}

// ParentID returns the msg_id of m's parent header ("" for none).
func ParentID(m *wire.Message) string {
	var h struct {
		MsgID string `json:"msg_id"`
	}
	json.Unmarshal(m.ParentHeader, &h)
	return h.MsgID
}

// Content decodes m's content into a map.
func Content(m *wire.Message) map[string]any {
	var c map[string]any
	json.Unmarshal(m.Content, &c)
	return c
}
