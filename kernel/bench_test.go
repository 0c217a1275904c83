package kernel_test

import (
	"io"
	"testing"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
)

// BenchmarkExecuteFake is the protocol's own cost: one execute_request
// round trip (reply and idle) through real ZeroMQ sockets, with an
// evaluator that does nothing. The front end runs in the same process.
func BenchmarkExecuteFake(b *testing.B) {
	_, mk := newFake()
	benchExecute(b, mk, "result 2")
}

// BenchmarkExecuteInterp is the same with the real interpreter and 1+1.
func BenchmarkExecuteInterp(b *testing.B) {
	benchExecute(b, func(stdout, stderr io.Writer) (kernel.Evaluator, error) {
		return eval.New(eval.Options{Stdout: stdout, Stderr: stderr})
	}, "1+1")
}

func benchExecute(b *testing.B, mk func(io.Writer, io.Writer) (kernel.Evaluator, error), code string) {
	fe := kerneltest.Start(b, kernel.Config{NewEvaluator: mk, Log: logger(&logBuf{})})
	fe.Execute(b, code)
	b.ResetTimer()
	for range b.N {
		fe.Execute(b, code)
	}
}

// BenchmarkExecuteProcess is BenchmarkExecuteFake with the kernel in its own
// process capturing file descriptors 1 and 2, as the real kernel runs: it
// adds the output barrier and the crash record to each execute.
func BenchmarkExecuteProcess(b *testing.B) {
	c := startChild(b, writeConnFile(b, b.TempDir()), "STEPWISE_TEST_CRASHDIR="+b.TempDir())
	c.fe.Execute(b, "result 2")
	b.ResetTimer()
	for range b.N {
		c.fe.Execute(b, "result 2")
	}
}
