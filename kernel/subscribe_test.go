package kernel_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
	"github.com/stepwise-go/stepwise/kernel/wire"
)

// runBare starts a kernel with cfg on random ports without connecting any
// front end, and stops it when the test ends.
func runBare(t *testing.T, cfg kernel.Config) wire.ConnectionInfo {
	t.Helper()
	key := make([]byte, 16)
	rand.Read(key)
	cfg.Conn = wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: hex.EncodeToString(key), SignatureScheme: "hmac-sha256"}
	k, err := kernel.New(cfg)
	if err != nil {
		t.Fatalf("kernel.New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return k.ConnectionInfo()
}

// sendExecute sends an execute_request for code on a DEALER of its own,
// as a front end whose SUB socket is not connected yet, and returns the
// request and a channel that receives the shell reply.
func sendExecute(t *testing.T, ci wire.ConnectionInfo, code string) (*wire.Message, <-chan *wire.Message) {
	t.Helper()
	signer, err := ci.Signer()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	shell := zmq4.NewDealer(ctx)
	t.Cleanup(func() { shell.Close() })
	if err := shell.Dial(ci.Endpoint(ci.ShellPort)); err != nil {
		t.Fatal(err)
	}
	req, err := wire.NewSession("late").NewMessage("execute_request", nil, kerneltest.ExecuteRequest(code))
	if err != nil {
		t.Fatal(err)
	}
	frames, err := wire.Encode(req, signer)
	if err != nil {
		t.Fatal(err)
	}
	if err := shell.Send(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	replies := make(chan *wire.Message, 1)
	go func() {
		for {
			msg, err := shell.Recv()
			if err != nil {
				return
			}
			if m, err := wire.Decode(msg.Frames, signer, wire.Limits{}); err == nil && kerneltest.ParentID(m) == req.Header.MsgID {
				replies <- m
				return
			}
		}
	}()
	return req, replies
}

func waitReply(t *testing.T, replies <-chan *wire.Message) *wire.Message {
	t.Helper()
	select {
	case m := <-replies:
		return m
	case <-time.After(kerneltest.Timeout):
		t.Fatalf("no execute_reply within %v", kerneltest.Timeout)
		return nil
	}
}

// A front end reconnecting to a restarted kernel sends its queued
// execute_request before its iopub subscription has reached the kernel.
// The kernel must hold the request until the subscription arrives, so that
// the cell's busy, output, result and idle all reach the front end.
func TestExecuteWaitsForIOPubSubscriber(t *testing.T) {
	_, mk := newFake()
	ci := runBare(t, kernel.Config{NewEvaluator: mk, Log: log.New(&logBuf{}, "", 0)})
	req, replies := sendExecute(t, ci, "print hello\nresult 42")
	// Give the kernel ample time to serve the request before anyone
	// listens on iopub (without the hold it would have published to nobody).
	time.Sleep(300 * time.Millisecond)
	fe := kerneltest.Connect(t, ci)
	got := fe.IOPub(t, req)
	var types []string
	for _, m := range got {
		typ := m.Header.MsgType
		if typ == "status" {
			typ += ":" + kerneltest.Content(m)["execution_state"].(string)
		}
		types = append(types, typ)
	}
	want := "status:busy execute_input stream execute_result status:idle"
	if strings.Join(types, " ") != want {
		t.Errorf("iopub messages of the first cell: %v, want %s", types, want)
	}
	rep := waitReply(t, replies)
	if s := kerneltest.Content(rep)["status"]; s != "ok" {
		t.Errorf("execute_reply status %v, want ok", s)
	}
}

// A front end that never subscribes on iopub is still served once
// Config.IOPubWait has passed, and the kernel says so in its log.
func TestExecuteWithoutSubscriberIsServed(t *testing.T) {
	_, mk := newFake()
	lb := &logBuf{}
	ci := runBare(t, kernel.Config{NewEvaluator: mk, Log: log.New(lb, "", 0), IOPubWait: 50 * time.Millisecond})
	_, replies := sendExecute(t, ci, "result 1")
	rep := waitReply(t, replies)
	if s := kerneltest.Content(rep)["status"]; s != "ok" {
		t.Errorf("execute_reply status %v, want ok", s)
	}
	if !strings.Contains(lb.String(), "no front end subscribed to iopub") {
		t.Errorf("the kernel's log does not say it stopped waiting for a subscriber: %q", lb.String())
	}
}
