package kernel

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// crashRecord lets the next start of a kernel tell the user how the
// previous process of the same kernel (same connection file) died. Two
// files in the crash directory, named after the connection file:
//
//	KEY.state  what the process is doing: idle, or which cell it runs
//	KEY.crash  where the Go runtime writes a fatal error (debug.SetCrashOutput)
//
// A clean exit removes both. If they are there at start, the previous
// process died: from a fatal error (out of memory, stack overflow, an
// unrecovered panic), whose first lines are in KEY.crash, or killed from
// outside (kill -9, the system's OOM killer), which leaves KEY.crash empty.
type crashRecord struct {
	base  string
	log   *log.Logger
	mu    sync.Mutex
	state *os.File
	mem   []byte // the state file mapped in memory, when possible
	st    crashState
	note  string
}

type crashState struct {
	PID         int       `json:"pid"`
	Started     time.Time `json:"started"`
	Cell        int       `json:"cell,omitempty"` // 0: idle
	CellStarted time.Time `json:"cell_started,omitzero"`
	Code        string    `json:"code,omitempty"` // the cell's first line
}

// openCrashRecord reads what a previous process left in dir for
// connFile, keeps a note for the user, and starts recording this process.
// It returns nil (recording nothing) if dir cannot be used.
func openCrashRecord(dir, connFile string, l *log.Logger) *crashRecord {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		l.Printf("no crash record: %v", err)
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || !ownedByMe(fi) {
		l.Printf("no crash record: %s is not a directory of this user", dir)
		return nil
	}
	sweep(dir, 7*24*time.Hour)
	abs, _ := filepath.Abs(connFile)
	sum := sha256.Sum256([]byte(abs))
	c := &crashRecord{base: filepath.Join(dir, "kernel-"+hex.EncodeToString(sum[:6])), log: l}
	c.note = c.previous()
	if c.note != "" {
		l.Print(c.note)
	}
	var err error
	c.state, err = os.OpenFile(c.base+".state", os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		l.Printf("no crash record: %v", err)
		return nil
	}
	c.st = crashState{PID: os.Getpid(), Started: time.Now()}
	c.mem = mapState(c.state, stateSize)
	c.write()
	if f, err := os.OpenFile(c.base+".crash", os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err == nil {
		if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
			l.Printf("no crash output: %v", err)
		}
		f.Close() // SetCrashOutput keeps its own copy of the descriptor
	}
	return c
}

// sweep removes records older than age: reports already shown, and states
// of kernels that died and were never started again. The crash directory
// thus stays small however many kernels come and go.
func sweep(dir string, age time.Duration) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > age && strings.HasPrefix(e.Name(), "kernel-") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// previous describes how the previous process died, or returns "".
func (c *crashRecord) previous() string {
	data, err := os.ReadFile(c.base + ".state")
	if err != nil {
		return ""
	}
	os.Remove(c.base + ".state")
	var st crashState
	if json.Unmarshal(data, &st) != nil || st.PID == 0 || st.PID == os.Getpid() || processAlive(st.PID) {
		return ""
	}
	report := c.base + ".crash.prev"
	crash, _ := os.ReadFile(c.base + ".crash")
	os.Rename(c.base+".crash", report)
	return crashNote(st, crash, report)
}

// crashNote is the paragraph shown to the user.
func crashNote(st crashState, crash []byte, report string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "stepwise: the previous kernel process (pid %d, started %s) died ", st.PID, st.Started.Local().Format("15:04:05"))
	if st.Cell > 0 {
		fmt.Fprintf(&b, "while running cell [%d] (%q, for %s)", st.Cell, st.Code, time.Since(st.CellStarted).Round(time.Second))
	} else {
		b.WriteString("while it was idle")
	}
	if line := fatalLine(crash); line != "" {
		fmt.Fprintf(&b, ": %s", line)
		switch {
		case strings.Contains(line, "out of memory") || strings.Contains(line, "cannot allocate memory"):
			b.WriteString(" — the cell asked for more memory than this machine (or GOMEMLIMIT, or the container's limit) allows; make the data smaller")
		case strings.Contains(line, "stack overflow") || strings.Contains(line, "stack exceeds"):
			b.WriteString(" — most likely a recursion that never stops")
		}
		fmt.Fprintf(&b, ". The runtime's full report is in %s", report)
	} else {
		b.WriteString(" without a word: most likely it was killed from outside — by kill -9, or by the system's out-of-memory killer when memory ran out (or compiled code called os.Exit)")
	}
	b.WriteString(". Everything the notebook had defined is gone: run the cells above again.\n")
	return b.String()
}

// fatalLine picks the line of a Go crash report that says what happened.
// A panic's report starts with "panic: ..."; a fatal error's own line
// ("fatal error: runtime: out of memory") goes to standard error only, which
// dies with the process, so it is inferred from the stack trace instead.
func fatalLine(crash []byte) string {
	var first string
	sc := bufio.NewScanner(bytes.NewReader(crash))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "fatal error:") || strings.HasPrefix(line, "panic:") {
			return line
		}
		if first == "" {
			first = line
		}
	}
	if first == "" {
		return ""
	}
	for _, c := range []struct{ frame, says string }{
		{"runtime.sysMap", "fatal error: runtime: out of memory"},
		{"runtime.(*mheap).grow", "fatal error: runtime: out of memory"},
		{"runtime.sysAlloc", "fatal error: runtime: out of memory"},
		{"runtime.newstack", "fatal error: stack overflow"},
		{"runtime.mapassign", "fatal error: concurrent map writes"},
		{"runtime.mapaccess", "fatal error: concurrent map read and map write"},
	} {
		if bytes.Contains(crash, []byte(c.frame)) {
			return c.says + " (read from the stack trace)"
		}
	}
	return "a fatal error of the Go runtime"
}

// takeNote returns the note about the previous process once.
func (c *crashRecord) takeNote() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.note
	c.note = ""
	return n
}

func (c *crashRecord) running(cell int, code string) {
	line, _, _ := strings.Cut(strings.TrimSpace(code), "\n")
	c.mu.Lock()
	c.st.Cell, c.st.CellStarted, c.st.Code = cell, time.Now(), cutUTF8(line, 80)
	c.write()
	c.mu.Unlock()
}

func (c *crashRecord) idle() {
	c.mu.Lock()
	c.st.Cell, c.st.CellStarted, c.st.Code = 0, time.Time{}, ""
	c.write()
	c.mu.Unlock()
}

// stateSize is the state file's fixed size: JSON padded with spaces. The
// file is mapped into memory, so an update costs no system call and still
// survives the process (the page cache keeps it, even after kill -9).
const stateSize = 512

func (c *crashRecord) write() {
	data, _ := json.Marshal(c.st)
	if len(data) > stateSize {
		c.st.Code = ""
		data, _ = json.Marshal(c.st)
	}
	buf := c.mem
	if buf == nil {
		buf = make([]byte, stateSize)
	}
	copy(buf, data)
	for i := len(data); i < stateSize; i++ {
		buf[i] = ' '
	}
	if c.mem == nil {
		c.state.WriteAt(buf, 0)
	}
}

// closeClean records a clean exit: both files go.
func (c *crashRecord) closeClean() {
	debug.SetCrashOutput(nil, debug.CrashOptions{})
	unmapState(c.mem)
	c.state.Close()
	os.Remove(c.base + ".state")
	os.Remove(c.base + ".crash")
}

// crashNote returns, once, the note about how the previous process died.
func (k *Kernel) crashNote() string {
	if k.crash == nil {
		return ""
	}
	return k.crash.takeNote()
}
