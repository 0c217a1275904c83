package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/kernel/wire"
	"github.com/stepwise-go/stepwise/symbols"
)

func init() {
	register(&command{
		name:    "kernel",
		summary: "run the Jupyter kernel (Jupyter starts this)",
		usage: `usage: stepwise kernel CONNECTION_FILE

Run the Go kernel on the sockets named in CONNECTION_FILE, the JSON file
Jupyter writes for each kernel it starts. You rarely run this yourself:
"stepwise install" tells Jupyter how to start it.

The kernel exits when Jupyter asks it to, on SIGTERM, or when the process
that started it dies. SIGINT interrupts the running cell.

Environment:
  STEPWISE_MAX_OUTPUT  bytes of stdout+stderr one cell may print (default 4194304)
  GOMEMLIMIT           soft memory limit of the Go runtime, e.g. 500MiB
  STEPWISE_CPUPROFILE  write a CPU profile of the kernel to this file (for developers)
  STEPWISE_MEMPROFILE  write a heap profile to this file when the kernel exits (for developers)`,
		run: runKernel,
	})
}

func runKernel(args []string) int {
	if len(args) != 1 || args[0] == "" || args[0][0] == '-' {
		fmt.Fprintln(os.Stderr, "usage: stepwise kernel CONNECTION_FILE (Jupyter passes the file; see 'stepwise help kernel')")
		return 2
	}
	ci, err := wire.ReadConnectionFile(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "stepwise kernel: %v\n", err)
		return 1
	}
	maxOut := 0
	if s := os.Getenv("STEPWISE_MAX_OUTPUT"); s != "" {
		if maxOut, err = strconv.Atoi(s); err != nil || maxOut <= 0 {
			fmt.Fprintf(os.Stderr, "stepwise kernel: STEPWISE_MAX_OUTPUT=%q: want a positive number of bytes\n", s)
			return 1
		}
	}
	k, err := kernel.New(kernel.Config{
		Conn:           ci,
		ConnectionFile: args[0],
		NewEvaluator: func(stdout, stderr io.Writer) (kernel.Evaluator, error) {
			return eval.New(eval.Options{Stdout: stdout, Stderr: stderr, Exports: cellExports(), Docs: []fs.FS{symbols.Docs}})
		},
		CaptureFD:     true,
		WatchParent:   true,
		HandleSignals: true,
		CrashDir:      filepath.Join(os.TempDir(), "stepwise-"+strconv.Itoa(os.Getuid())),
		MaxOutput:     maxOut,
		Info:          kernel.Info{ImplementationVersion: version},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "stepwise kernel: %v\n", err)
		return 1
	}
	if p := os.Getenv("STEPWISE_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if p := os.Getenv("STEPWISE_MEMPROFILE"); p != "" {
		defer writeHeapProfile(p)
	}
	if err := k.Run(context.Background()); err != nil {
		k.Logger().Print(err)
		return 1
	}
	return 0
}

// writeHeapProfile writes the live heap (after a collection) to path.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.Lookup("heap").WriteTo(f, 1)
}
