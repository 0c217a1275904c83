package kernel

import (
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// Handler serves one kind of request, chosen by msg_type from the kernel's
// table. The kernel publishes busy before and idle after every request.
type Handler interface {
	ServeMessage(r *Request)
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(r *Request)

// ServeMessage calls f(r).
func (f HandlerFunc) ServeMessage(r *Request) { f(r) }

// Request is a decoded message from shell or control, with the means to
// answer it.
type Request struct {
	// Msg is the message; decode its Content with Decode.
	Msg *wire.Message
	// Channel is "shell" or "control".
	Channel string

	k       *Kernel
	sock    zmq4.Socket
	sent    bool
	arrived time.Time
}

// Decode unmarshals the request's content into v. On failure it has
// already answered (a *_request gets an error reply saying what was
// expected; other messages are logged), and the handler should return.
func (r *Request) Decode(v any) error {
	if err := json.Unmarshal(r.Msg.Content, v); err != nil {
		why := fmt.Sprintf("the content of %s does not match the protocol: %v", r.Msg.Header.MsgType, err)
		if strings.HasSuffix(r.Msg.Header.MsgType, "_request") {
			r.ReplyError("BadRequest", why)
		} else {
			r.k.drops.printf("%s on %s", why, r.Channel)
		}
		return err
	}
	return nil
}

// Reply sends the reply (msg_type with _request replaced by _reply) on the
// request's socket.
func (r *Request) Reply(content any) {
	r.sent = true
	m, err := r.k.session.NewMessage(replyType(r.Msg.Header.MsgType), r.Msg, content)
	if err != nil {
		r.k.log.Printf("cannot encode reply to %s: %v", r.Msg.Header.MsgType, err)
		return
	}
	r.k.send(r.sock, r.Channel, m)
}

// ReplyError replies with status "error".
func (r *Request) ReplyError(ename, evalue string) {
	r.Reply(errorReply{Status: "error", Ename: ename, Evalue: evalue, Traceback: []string{ename + ": " + evalue}})
}

// Publish sends a message on iopub whose parent is the request.
func (r *Request) Publish(msgType string, content any) {
	r.k.publish(msgType, r.Msg, content)
}

func replyType(reqType string) string {
	if t, ok := strings.CutSuffix(reqType, "_request"); ok {
		return t + "_reply"
	}
	return reqType + "_reply"
}

// Handle registers h for msgType on shell. It panics if msgType already has
// a handler, as a programming error.
func (k *Kernel) Handle(msgType string, h Handler) {
	register(k.shellHandlers, msgType, h)
}

func register(table map[string]Handler, msgType string, h Handler) {
	if _, dup := table[msgType]; dup {
		panic("kernel: handler registered twice for " + msgType)
	}
	table[msgType] = h
}

// serve dispatches r through table between busy and idle, and survives a
// panicking handler.
func (k *Kernel) serve(r *Request, table map[string]Handler) {
	k.publish("status", r.Msg, status{ExecutionState: "busy"})
	defer k.publish("status", r.Msg, status{ExecutionState: "idle"})
	defer func() {
		if p := recover(); p != nil {
			k.log.Printf("handler for %s panicked: %v\n%s", r.Msg.Header.MsgType, p, debug.Stack())
			if !r.sent {
				r.ReplyError("InternalError", fmt.Sprintf("the kernel failed while handling %s: %v", r.Msg.Header.MsgType, p))
			}
		}
	}()
	h, ok := table[r.Msg.Header.MsgType]
	if !ok {
		k.unknown(r)
		return
	}
	h.ServeMessage(r)
}

// unknown answers a message type no handler serves: requests get an error
// reply (so no front end waits forever); other messages are logged.
func (k *Kernel) unknown(r *Request) {
	t := r.Msg.Header.MsgType
	k.drops.printf("no handler for %s on %s", t, r.Channel)
	if strings.HasSuffix(t, "_request") {
		r.ReplyError("UnknownMessageType", fmt.Sprintf("stepwise does not handle %s on the %s channel", t, r.Channel))
	}
}
