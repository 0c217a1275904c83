package kernel

import (
	"time"

	"github.com/go-zeromq/zmq4"
)

// shellLoop serves shell requests one at a time, in the order they came.
func (k *Kernel) shellLoop() {
	for {
		select {
		case r := <-k.shellQ:
			k.awaitSubscriber(r)
			k.mem.busy()
			k.serve(r, k.shellHandlers)
			if r.Msg.Header.MsgType == "execute_request" {
				k.mem.idle()
			}
		case <-k.ctx.Done():
			return
		}
	}
}

// awaitSubscriber holds the first shell request other than kernel_info
// until a front end has subscribed on iopub, for at most Config.IOPubWait.
//
// A SUB socket misses what is published before its subscription reaches
// the kernel, and a front end that reconnects to a restarted kernel sends
// its subscription and its queued execute_request at the same moment: the
// request can win, and the cell's busy, output and idle would be lost
// while the front end waits for them forever. kernel_info_request is not
// held: front ends send it to learn whether the kernel is up.
//
// zmq4 keeps subscriptions per connection and does not hand them to
// Recv, even on an XPUB socket; the PUB socket's Topics lists them, so
// this polls it (only until the first subscription, at start).
func (k *Kernel) awaitSubscriber(r *Request) {
	if k.subscribed || r.Msg.Header.MsgType == "kernel_info_request" {
		return
	}
	k.subscribed = true // hold at most once, whatever happens below
	topics, ok := k.iopub.(zmq4.Topics)
	if !ok || k.cfg.IOPubWait <= 0 || len(topics.Topics()) > 0 {
		return
	}
	deadline := time.Now().Add(k.cfg.IOPubWait)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for len(topics.Topics()) == 0 {
		if time.Now().After(deadline) {
			k.log.Printf("no front end subscribed to iopub within %v; serving %s anyway (its output may be lost)",
				k.cfg.IOPubWait, r.Msg.Header.MsgType)
			return
		}
		select {
		case <-k.ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// abortQueue is called when a cell fails with stop_on_error: the execute
// requests that had already arrived (a notebook's "run all" sends them all
// at once) are answered "aborted" without running. Requests arriving later
// run: the front end sent them knowing of the error.
func (k *Kernel) abortQueue() {
	k.abortBefore = time.Now()
}

// aborted reports whether r is an execute request to abort.
func (k *Kernel) aborted(r *Request) bool {
	return r.arrived.Before(k.abortBefore)
}
