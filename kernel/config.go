package kernel

import (
	"io"
	"log"
	"runtime"
	"strings"
	"time"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// Config configures a Kernel.
type Config struct {
	// Conn says where to bind and how to sign. Ports may be 0 (any free
	// port; see Kernel.ConnectionInfo), which tests use.
	Conn wire.ConnectionInfo

	// NewEvaluator makes the interpreter. It receives the writers cells'
	// output must go to: os.Stdout and os.Stderr when CaptureFD is set (file
	// descriptors 1 and 2 then lead to the kernel), in-memory writers
	// otherwise.
	NewEvaluator func(stdout, stderr io.Writer) (Evaluator, error)

	// CaptureFD redirects file descriptors 1 and 2 to pipes, so that
	// everything the process prints — compiled packages and child
	// processes included — reaches the notebook as stream messages. The
	// kernel's own log then goes to a copy of the original stderr. Only
	// for the kernel process itself; tests leave it off.
	CaptureFD bool

	// Log receives the kernel's own diagnostics (one line per dropped
	// message, bind retries, crashes of handlers). Nil means the original
	// standard error.
	Log *log.Logger

	// Info fills kernel_info_reply.
	Info Info

	// Limits bound incoming messages; zero means wire.DefaultLimits.
	Limits wire.Limits

	// MaxOutput is the number of bytes of stdout and stderr one cell may
	// send; beyond it output is dropped with a note. Zero means 4 MiB.
	MaxOutput int

	// BindTimeout is how long to retry a port that is "already in use"
	// (jupyter_client restarts a kernel on the same ports). Zero means 5 s.
	BindTimeout time.Duration

	// IOPubWait bounds how long the first shell request after the start
	// (other than kernel_info_request) waits for a front end to subscribe
	// on iopub, so that the messages of the first cell are not published
	// to nobody. Zero means 2 s; negative means not to wait.
	IOPubWait time.Duration

	// CrashDir, when set, is the directory for the crash record that lets
	// the next start of the same kernel (same connection file) tell the
	// user how the previous one died. ConnectionFile names the kernel.
	CrashDir       string
	ConnectionFile string

	// WatchParent makes the kernel exit when the process that started it
	// (JPY_PARENT_PID, or the parent process) dies.
	WatchParent bool

	// HandleSignals makes SIGINT interrupt the running cell and SIGTERM shut
	// the kernel down cleanly.
	HandleSignals bool
}

// Info is what kernel_info_reply says about the kernel.
type Info struct {
	Implementation        string // default "stepwise"
	ImplementationVersion string // default "dev"
	LanguageVersion       string // default: the Go version the binary was built with
	Banner                string
	HelpLinks             []HelpLink
}

func (c *Config) defaults() {
	if c.Limits == (wire.Limits{}) {
		c.Limits = wire.DefaultLimits
	}
	if c.MaxOutput <= 0 {
		c.MaxOutput = 4 << 20
	}
	if c.BindTimeout <= 0 {
		c.BindTimeout = 5 * time.Second
	}
	if c.IOPubWait == 0 {
		c.IOPubWait = 2 * time.Second
	}
	in := &c.Info
	if in.Implementation == "" {
		in.Implementation = "stepwise"
	}
	if in.ImplementationVersion == "" {
		in.ImplementationVersion = "dev"
	}
	if in.LanguageVersion == "" {
		in.LanguageVersion = strings.TrimPrefix(runtime.Version(), "go")
	}
	if in.Banner == "" {
		in.Banner = "stepwise " + in.ImplementationVersion + ": Go " + in.LanguageVersion +
			" in Jupyter, interpreted by yaegi. Variables live from cell to cell; %help lists the magics."
	}
	if in.HelpLinks == nil {
		in.HelpLinks = []HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "A Tour of Go", URL: "https://go.dev/tour/"},
			{Text: "gonum", URL: "https://pkg.go.dev/gonum.org/v1/gonum"},
		}
	}
}
