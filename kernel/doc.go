// Package kernel is a Jupyter kernel for Go: it speaks the Jupyter messaging
// protocol 5.3 over ZeroMQ (github.com/go-zeromq/zmq4) and runs cells in an
// Evaluator, normally package eval's yaegi interpreter.
//
// # Running
//
//	k, err := kernel.New(kernel.Config{
//		Conn:         ci, // from wire.ReadConnectionFile
//		NewEvaluator: func(out, errw io.Writer) (kernel.Evaluator, error) { ... },
//		CaptureFD:    true, WatchParent: true, HandleSignals: true,
//	})
//	...
//	k.Run(ctx) // returns after shutdown_request, SIGTERM, or the front end's death
//
// New binds shell, control and stdin (ROUTER), iopub (PUB) and heartbeat
// (REP) on exactly the transport, ip and ports of the connection file,
// retrying a port still "in use" for a few seconds, as happens when
// jupyter_client restarts a kernel on the same ports.
//
// # Messages
//
// Requests are dispatched through a table keyed by msg_type (Handle,
// Handler, HandlerFunc); busy and idle status messages surround each.
// Shell requests are served one at a time, in order; control has its own
// goroutine, so interrupt_request, shutdown_request and kernel_info_request
// are answered while a cell runs. Served: kernel_info, execute (with
// execute_input, stream, display_data, update_display_data, execute_result,
// error, silent, store_history, user_expressions, allow_stdin, and
// stop_on_error, which answers "aborted" to the execute requests already
// waiting), complete, inspect, is_complete, history (tail, range, search,
// kept in memory), comm_info (empty), comm_open (answered with comm_close:
// there are no comm targets), shutdown and interrupt. An unknown *_request
// gets an error reply rather than silence.
//
// # Bad input
//
// Every message is decoded by package wire: unsigned, wrongly signed,
// replayed, truncated, oversized and non-JSON messages are dropped with one
// line in the log (at most 20 lines a second). Beneath that, each accepted
// connection reads through a guard that parses ZeroMQ's framing itself:
// a message larger than twice wire.DefaultLimits.MaxTotal is discarded as it
// streams in, never held in memory; a connection that does not complete its
// handshake in 3 s is dropped. The same guard writes each outgoing message
// with one system call.
//
// # Output
//
// With CaptureFD, file descriptors 1 and 2 become pipes read by the
// kernel, so whatever the process prints — compiled packages, the Go
// runtime, child processes — reaches the notebook as stream messages of the
// running cell, coalesced and flushed within 50 ms. Before a result, a
// display, an input prompt or idle, a marker written through each pipe
// makes sure everything printed earlier has been published first. A cell
// may print 4 MiB (Config.MaxOutput); the rest is counted and dropped with
// a note, so a flood neither blocks the kernel nor fills its memory. The
// kernel's own log goes to a copy of the original standard error.
//
// # Interrupts, limits and crashes
//
// interrupt_request and SIGINT cancel the context of the running cell; the
// interpreter stops and keeps its state. If the cell is still running 2 s
// later (inside compiled code that ignores the context), the cell is told so.
// With WatchParent the kernel exits when JPY_PARENT_PID or its parent process
// dies. With CrashDir, a small state file records which cell is running and
// runtime/debug.SetCrashOutput keeps the runtime's last words, so that the
// next start of the same kernel tells the user, in the first cell, how the
// previous process died (out of memory, a fatal error, or killed from
// outside). The kernel writes nothing but that directory, inside the temp
// directory.
package kernel
