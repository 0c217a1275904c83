// Package kerneltest runs a stepwise kernel in the test's own process and
// talks to it as a Jupyter front end would, over real ZeroMQ sockets on
// 127.0.0.1 with random ports and a random key — no Jupyter needed.
//
// # Use
//
//	fe := kerneltest.Start(t, kernel.Config{NewEvaluator: newFake})
//	ex := fe.Execute(t, "x := 1\nx + 1")
//	if ex.Status() != "ok" || ex.Result() != "2" { ... }
//
// A FrontEnd signs what it sends, checks the signature of everything it
// receives (a kernel message that is unsigned, wrongly signed or replayed is
// a test failure), and keeps every message by channel so that tests can
// wait for a reply and the iopub messages of one request.
package kerneltest
