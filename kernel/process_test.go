package kernel_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/kernel"
	"github.com/stepwise-go/stepwise/kernel/kerneltest"
	"github.com/stepwise-go/stepwise/kernel/wire"
)

// TestMain doubles as a kernel process: with STEPWISE_TEST_KERNEL set to a
// connection file, the test binary runs a kernel with the fake evaluator,
// capturing file descriptors 1 and 2 as the real kernel does.
func TestMain(m *testing.M) {
	if cf := os.Getenv("STEPWISE_TEST_KERNEL"); cf != "" {
		os.Exit(childKernel(cf))
	}
	if raceEnabled {
		kerneltest.Timeout = 2 * time.Minute // the race detector slows the floods tenfold
	}
	os.Exit(m.Run())
}

// raceEnabled is set by race_test.go under -race.
var raceEnabled bool

func childKernel(cf string) int {
	ci, err := wire.ReadConnectionFile(cf)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	_, mk := newFake()
	k, err := kernel.New(kernel.Config{
		Conn: ci, NewEvaluator: mk, CaptureFD: true,
		CrashDir: os.Getenv("STEPWISE_TEST_CRASHDIR"), ConnectionFile: cf,
		WatchParent: os.Getenv("STEPWISE_TEST_WATCH") != "", HandleSignals: true,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	b, _ := json.Marshal(k.ConnectionInfo())
	os.WriteFile(cf+".bound", b, 0o600)
	k.Run(context.Background())
	return 0
}

// syncBuf collects a child's original stderr.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type child struct {
	cmd    *exec.Cmd
	fe     *kerneltest.FrontEnd
	stderr *syncBuf
	exited chan error
}

// writeConnFile writes a connection file asking for any free ports.
func writeConnFile(t testing.TB, dir string) string {
	key := make([]byte, 16)
	rand.Read(key)
	cf := filepath.Join(dir, "kernel-test.json")
	b, _ := json.Marshal(wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", Key: hex.EncodeToString(key), SignatureScheme: "hmac-sha256"})
	if err := os.WriteFile(cf, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return cf
}

// startChild runs the test binary as a kernel process on cf and connects.
func startChild(t testing.TB, cf string, env ...string) *child {
	t.Helper()
	if testing.Short() {
		t.Skip("starts kernel processes")
	}
	os.Remove(cf + ".bound")
	c := &child{stderr: &syncBuf{}, exited: make(chan error, 1)}
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(append(os.Environ(), "STEPWISE_TEST_KERNEL="+cf), env...)
	c.cmd.Stderr = c.stderr
	c.cmd.Stdout = c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.exited <- c.cmd.Wait() }()
	t.Cleanup(func() { c.cmd.Process.Kill() })
	var ci wire.ConnectionInfo
	for deadline := time.Now().Add(kerneltest.Timeout); ; time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(cf + ".bound"); err == nil && json.Unmarshal(b, &ci) == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("child kernel did not start; its stderr:\n%s", c.stderr)
		}
	}
	c.fe = kerneltest.Connect(t, ci)
	c.fe.WaitReady(t)
	return c
}

// wait waits for the child to exit.
func (c *child) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case err := <-c.exited:
		return err
	case <-time.After(d):
		t.Fatalf("kernel process still running after %v; stderr:\n%s", d, c.stderr)
		return nil
	}
}

func TestCaptureFileDescriptors(t *testing.T) {
	c := startChild(t, writeConnFile(t, t.TempDir()))
	ex := c.fe.Execute(t, "print via-writer\nfdprint via-fd-1\nchild via-child-process\neprint to-stderr")
	if got, want := ex.Stream("stdout"), "via-writer\nvia-fd-1\nvia-child-process\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got := ex.Stream("stderr"); got != "to-stderr\n" {
		t.Errorf("stderr = %q", got)
	}
	// The kernel's own lines go to the original stderr, not into cells.
	c.fe.SendFrames(t, "shell", [][]byte{[]byte("garbage")})
	ex = c.fe.Execute(t, "print after")
	if ex.Stream("stderr") != "" {
		t.Errorf("the kernel's log leaked into a cell: %q", ex.Stream("stderr"))
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(c.stderr.String(), "dropped a message on shell"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("original stderr lacks the drop line:\n%s", c.stderr)
		}
	}
	// A flood through file descriptor 1 neither blocks nor bloats.
	start := time.Now()
	ex = c.fe.Execute(t, "flood 1000000")
	t.Logf("a million lines through fd 1 in %v", time.Since(start))
	if !strings.Contains(ex.Stream("stderr"), "output truncated") {
		t.Errorf("flood: stderr %q", ex.Stream("stderr"))
	}
	if ex := c.fe.Execute(t, "print ok"); ex.Stream("stdout") != "ok\n" {
		t.Errorf("after the flood: %q", ex.Stream("stdout"))
	}
	c.fe.Reply(t, c.fe.Send(t, "control", "shutdown_request", map[string]any{"restart": false}))
	if err := c.wait(t, 5*time.Second); err != nil {
		t.Errorf("exit after shutdown: %v", err)
	}
}

func TestSignals(t *testing.T) {
	c := startChild(t, writeConnFile(t, t.TempDir()))
	c.fe.Execute(t, "set x 1")
	req := c.fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("sleep"))
	c.fe.WaitIOPub(t, req, "execute_input")
	c.cmd.Process.Signal(syscall.SIGINT)
	if ex := c.fe.Collect(t, req); ex.Status() != "error" {
		t.Errorf("SIGINT: cell status %s, want error", ex.Status())
	}
	if ex := c.fe.Execute(t, "get x"); ex.Result() != "1" {
		t.Errorf("state after SIGINT: %q", ex.Result())
	}
	c.cmd.Process.Signal(syscall.SIGTERM)
	if err := c.wait(t, 5*time.Second); err != nil {
		t.Errorf("exit on SIGTERM: %v", err)
	}
}

func TestCrashRecord(t *testing.T) {
	dir, crashDir := t.TempDir(), t.TempDir()
	cf := writeConnFile(t, dir)
	env := "STEPWISE_TEST_CRASHDIR=" + crashDir

	// 1. A goroutine panic nobody recovers kills the process; the runtime's
	// report goes to the crash file.
	c := startChild(t, cf, env)
	c.fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("crash"))
	c.wait(t, 10*time.Second)

	// 2. The next start tells the first cell.
	c = startChild(t, cf, env)
	ex := c.fe.Execute(t, "print hi")
	note := ex.Stream("stderr")
	for _, want := range []string{"died while running cell [1]", `"crash"`, "panic: boom in a goroutine", "run the cells above again", ".crash.prev"} {
		if !strings.Contains(note, want) {
			t.Errorf("note after a crash lacks %q:\n%s", want, note)
		}
	}
	if strings.Count(note, "\n") != 1 {
		t.Errorf("note should be one paragraph (one line):\n%s", note)
	}
	if ex := c.fe.Execute(t, "print again"); ex.Stream("stderr") != "" {
		t.Errorf("the note came twice: %q", ex.Stream("stderr"))
	}

	// 3. kill -9 in the middle of a cell.
	req := c.fe.Send(t, "shell", "execute_request", kerneltest.ExecuteRequest("sleep"))
	c.fe.WaitIOPub(t, req, "execute_input")
	c.cmd.Process.Kill()
	c.wait(t, 5*time.Second)
	c = startChild(t, cf, env)
	note = c.fe.Execute(t, "print hi").Stream("stderr")
	for _, want := range []string{"died while running cell [3]", "killed from outside", "kill -9"} {
		if !strings.Contains(note, want) {
			t.Errorf("note after kill -9 lacks %q:\n%s", want, note)
		}
	}

	// 4. A clean shutdown leaves nothing behind and no note.
	c.fe.Reply(t, c.fe.Send(t, "control", "shutdown_request", map[string]any{"restart": true}))
	c.wait(t, 5*time.Second)
	if left, _ := filepath.Glob(filepath.Join(crashDir, "*.state")); len(left) != 0 {
		t.Errorf("a clean exit left %v", left)
	}
	c = startChild(t, cf, env)
	if s := c.fe.Execute(t, "print hi").Stream("stderr"); s != "" {
		t.Errorf("note after a clean restart: %q", s)
	}
}

func TestExitWhenParentDies(t *testing.T) {
	parent := exec.Command("sleep", "60")
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	c := startChild(t, writeConnFile(t, t.TempDir()), "STEPWISE_TEST_WATCH=1", fmt.Sprintf("JPY_PARENT_PID=%d", parent.Process.Pid))
	c.fe.Execute(t, "print alive")
	parent.Process.Kill()
	parent.Wait()
	start := time.Now()
	if err := c.wait(t, 5*time.Second); err != nil {
		t.Errorf("exit: %v", err)
	}
	t.Logf("exited %v after the parent died", time.Since(start))
	if !strings.Contains(c.stderr.String(), "is gone") {
		t.Errorf("stderr does not say why:\n%s", c.stderr)
	}
}

func TestBindRetriesPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_, mk := newFake()
	lb := &logBuf{}
	cfg := kernel.Config{Conn: wire.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: port, Key: "k"},
		NewEvaluator: mk, Log: logger(lb), BindTimeout: 300 * time.Millisecond}
	if _, err := kernel.New(cfg); err == nil || !strings.Contains(err.Error(), "address already in use") || !strings.Contains(err.Error(), "shell") {
		t.Errorf("port never freed: err = %v", err)
	}
	time.AfterFunc(500*time.Millisecond, func() { l.Close() })
	cfg.BindTimeout = 5 * time.Second
	k, err := kernel.New(cfg)
	if err != nil {
		t.Fatalf("port freed after 0.5 s: %v", err)
	}
	k.Stop(false)
	k.Run(context.Background())
	if k.ConnectionInfo().ShellPort != port {
		t.Errorf("bound shell on %d, want %d", k.ConnectionInfo().ShellPort, port)
	}
	if !strings.Contains(lb.String(), "retrying") {
		t.Errorf("log %q does not mention the retry", lb.String())
	}
}
