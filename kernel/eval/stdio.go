package eval

import (
	"errors"
	"io"
	"regexp"
	"strconv"
	"sync"
)

// panicLine matches the line yaegi writes to its stderr for each
// interpreted frame a panic unwinds: "LINE:COL: panic: main.f(...)".
var panicLine = regexp.MustCompile(`^(?:_\.go:)?(\d+):(\d+): panic(?:: (.*)\(\.\.\.\))?\n$`)

// stderrFilter passes writes to w, except yaegi's per-frame panic lines,
// which it records as traceback frames of the running cell instead.
type stderrFilter struct {
	w  io.Writer
	in *Interp
}

func (f *stderrFilter) Write(p []byte) (int, error) {
	if m := panicLine.FindSubmatch(p); m != nil {
		line, _ := strconv.Atoi(string(m[1]))
		col, _ := strconv.Atoi(string(m[2]))
		f.in.recordFrame(frame{line: line, col: col, fn: string(m[3])})
		return len(p), nil
	}
	return f.w.Write(p)
}

// frame is one interpreted call frame of a panic, as yaegi reports it.
type frame struct {
	line, col int    // encoded position (see posCodec)
	fn        string // "main.f", "main", "main.f.func"
}

// errNoStdin is what reading standard input returns when the front end does
// not accept input.
var errNoStdin = errors.New("stdin: this front end does not accept input (the execute request had allow_stdin false)")

// stdinReader is the cells' os.Stdin and the source of fmt.Scan: each read
// with nothing buffered asks the running cell's Input hook for one line.
type stdinReader struct {
	mu  sync.Mutex
	in  *Interp
	buf []byte
}

// Read implements io.Reader.
func (r *stdinReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		line, err := r.in.readLine()
		if err != nil {
			return 0, err
		}
		r.buf = append([]byte(line), '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// reset forgets what a previous cell left unread.
func (r *stdinReader) reset() {
	r.mu.Lock()
	r.buf = nil
	r.mu.Unlock()
}
