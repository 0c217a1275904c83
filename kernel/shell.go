package kernel

import "time"

// shellLoop serves shell requests one at a time, in the order they came.
func (k *Kernel) shellLoop() {
	for {
		select {
		case r := <-k.shellQ:
			k.serve(r, k.shellHandlers)
		case <-k.ctx.Done():
			return
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
