package eval

import (
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/types"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"unsafe"
)

// posPrefix matches the position yaegi puts before a message, "LINE:COL: ".
var posPrefix = regexp.MustCompile(`^(?:_\.go:)?(\d+):(\d+): `)

// compileError turns a parse or compile error into the cell's error.
func (in *Interp) compileError(err error) *Error {
	var ref *refusal
	if errors.As(err, &ref) {
		pos := in.yi.FileSet().Position(ref.pos)
		return in.positioned("not supported", ref.msg, decodePos(pos.Line, pos.Column))
	}
	var te types.Error
	if errors.As(err, &te) {
		pos := in.yi.FileSet().Position(te.Pos)
		return in.positioned("compile error", te.Msg, decodePos(pos.Line, pos.Column))
	}
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		p := decodePos(e.Pos.Line, e.Pos.Column)
		msg := e.Msg
		in.namesMu.Lock()
		cellSrc := in.srcs[p.seq]
		in.namesMu.Unlock()
		if lines := strings.Split(cellSrc, "\n"); p.line > len(lines) {
			// Past the cell: the statements' wrapper closed it.
			p.line = len(lines)
			p.col = len(lines[len(lines)-1]) + 1
			msg = strings.Replace(msg, "found '}'", "found 'EOF'", 1)
		}
		return in.positioned("syntax error", msg, p)
	}
	msg := unversion(err.Error())
	if m := posPrefix.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		msg = msg[len(m[0]):]
		return in.positioned("compile error", cleanCompileMsg(msg), decodePos(line, col))
	}
	return &Error{Name: "compile error", Value: msg, Traceback: []string{"compile error: " + msg}}
}

// cleanCompileMsg cuts what yaegi appends after its first message.
func cleanCompileMsg(msg string) string {
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	if loc := posPrefix.FindStringIndex(msg); loc != nil && loc[0] > 0 {
		msg = msg[:loc[0]]
	}
	if m := regexp.MustCompile(`\d+:\d+: panic`).FindStringIndex(msg); m != nil {
		msg = msg[:m[0]]
	}
	return msg
}

// positioned builds an error that points at position p of a cell, showing
// the line with a caret under the column.
func (in *Interp) positioned(name, msg string, p cellPos) *Error {
	tb := []string{name + ": " + msg, ""}
	tb = append(tb, in.where(p, "")...)
	return &Error{Name: name, Value: msg + " (" + in.posString(p) + ")", Traceback: tb}
}

// posString names a position: "In [3] line 2, column 5".
func (in *Interp) posString(p cellPos) string {
	return fmt.Sprintf("%s line %d, column %d", in.cellName(p.seq), p.line, p.col)
}

// where returns the traceback lines for one position: its name (and
// function), the source line and a caret.
func (in *Interp) where(p cellPos, fn string) []string {
	head := in.posString(p)
	if fn != "" {
		head += ", in " + fn
	}
	lines := []string{head}
	in.namesMu.Lock()
	src, ok := in.srcs[p.seq]
	in.namesMu.Unlock()
	if !ok {
		return lines
	}
	all := strings.Split(src, "\n")
	if p.line < 1 || p.line > len(all) {
		return lines
	}
	text := strings.TrimRight(all[p.line-1], "\r")
	lines = append(lines, "    "+strings.ReplaceAll(text, "\t", "    "))
	if p.col >= 1 && p.col <= len(text)+1 {
		prefix := strings.ReplaceAll(text[:p.col-1], "\t", "    ")
		lines = append(lines, "    "+strings.Repeat(" ", len([]rune(prefix)))+"^")
	}
	return lines
}

// panicError turns a panic that stopped cell r into its error, with the
// interpreted frames yaegi reported.
func (in *Interp) panicError(r *run, v any) *Error {
	r.mu.Lock()
	frames := append([]frame(nil), r.frames...)
	r.mu.Unlock()
	v = unwrapPanic(v)
	// yaegi's position for the cell's own top level is unreliable: use the
	// statement that was running.
	if n := len(frames); n > 0 && frames[n-1].fn == "main" && r.unit != nil {
		pos := in.yi.FileSet().Position(r.unit.Pos())
		frames[n-1].line, frames[n-1].col = pos.Line, pos.Column
		if b, ok := r.unit.(*ast.BlockStmt); ok && len(b.List) > 0 {
			pos = in.yi.FileSet().Position(b.List[0].Pos())
			frames[n-1].line, frames[n-1].col = pos.Line, pos.Column
		}
	}
	e := in.panicValueError(v, frames)
	if strings.HasPrefix(e.Value, "runtime error: index out of range") {
		if detail := in.indexDetail(r, frames); detail != "" {
			e.Value = strings.Replace(e.Value, "index out of range", "index out of range "+detail, 1)
			e.Traceback[0] = strings.Replace(e.Traceback[0], "index out of range", "index out of range "+detail, 1)
		}
	}
	return e
}

// unwrapPanic returns the value a cell panicked with: yaegi may hand it
// over as a reflect.Value or wrapped in its valueInterface.
func unwrapPanic(v any) any {
	for i := 0; i < 3; i++ {
		if rv, ok := v.(reflect.Value); ok {
			if !rv.IsValid() || !rv.CanInterface() {
				return v
			}
			v = rv.Interface()
			continue
		}
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Struct || rv.Type().Name() != "valueInterface" || rv.Type().PkgPath() != "github.com/traefik/yaegi/interp" {
			return v
		}
		cp := reflect.New(rv.Type()).Elem()
		cp.Set(rv)
		f := cp.FieldByName("value")
		if !f.IsValid() {
			return v
		}
		inner, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(reflect.Value)
		if !ok || !inner.IsValid() || !inner.CanInterface() {
			return v
		}
		v = inner.Interface()
	}
	return v
}

// panicValueError describes a panic value the way Go does, followed by the
// frames (innermost first).
func (in *Interp) panicValueError(v any, frames []frame) *Error {
	switch s := v.(type) {
	case exitSignal:
		msg := fmt.Sprintf("exit status %d", s.code)
		return &Error{Name: s.by, Value: msg + " (the cell stopped; the kernel keeps running)",
			Traceback: []string{fmt.Sprintf("%s: %s: the cell stopped; the kernel and its state live on", s.by, msg)}}
	case goexitSignal:
		return &Error{Name: "runtime.Goexit", Value: "runtime.Goexit called: the cell stopped",
			Traceback: []string{"runtime.Goexit: the cell's goroutine exited; the kernel and its state live on"}}
	}
	msg, pos := panicMessage(v)
	tb := []string{"panic: " + msg}
	if len(frames) > 0 || pos != nil {
		tb = append(tb, "")
	}
	if pos != nil && (len(frames) == 0 || frames[0].line != pos.line+pos.seq*lineStride || frames[0].col != pos.col) {
		tb = append(tb, in.where(*pos, "")...)
	}
	for _, f := range frames {
		tb = append(tb, in.where(decodePos(f.line, f.col), fnName(f.fn))...)
	}
	e := &Error{Name: "panic", Value: msg, Traceback: tb}
	if len(frames) > 0 {
		e.Value += " (" + in.posString(decodePos(frames[0].line, frames[0].col)) + ")"
	} else if pos != nil {
		e.Value += " (" + in.posString(*pos) + ")"
	}
	return e
}

// fnName turns yaegi's frame name into Go's: "main.f" → "f".
func fnName(s string) string {
	s = strings.TrimPrefix(s, "main.")
	switch s {
	case "main", "":
		return ""
	case mainName:
		return "main"
	}
	s = strings.ReplaceAll(s, mainName, "main")
	return s
}

// reflectMessages maps the texts of reflect's panics, which yaegi lets
// through, to the Go runtime's.
var reflectMessages = []struct{ from, to string }{
	{"reflect: slice index out of range", "runtime error: index out of range"},
	{"reflect: array index out of range", "runtime error: index out of range"},
	{"reflect: string index out of range", "runtime error: index out of range"},
	{"reflect: call of reflect.Value.Field on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Elem on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Set on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Interface on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Call on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Method on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Type on zero Value", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: slice bounds out of range", "runtime error: slice bounds out of range"},
	{"reflect.Value.Slice: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect.Value.Slice3: slice index out of bounds", "runtime error: slice bounds out of range"},
	{"reflect: Call using zero Value argument", "runtime error: invalid memory address or nil pointer dereference"},
	{"reflect: call of nil function", "runtime error: invalid memory address or nil pointer dereference"},
	{"close of nil channel", "close of nil channel"},
}

// panicMessage returns Go's text for a panic value, and the position yaegi
// attached to it, if any.
func panicMessage(v any) (string, *cellPos) {
	msg, pos := panicMessage1(v)
	return unversion(msg), pos
}

func panicMessage1(v any) (string, *cellPos) {
	var msg string
	switch x := v.(type) {
	case runtime.Error:
		msg = x.Error()
	case error:
		msg = x.Error()
	case fmt.Stringer:
		msg = x.String()
	case string:
		msg = x
	default:
		msg = fmt.Sprintf("%v", unwrap(v))
		if t := fmt.Sprintf("%T", v); !isBasicKind(v) {
			msg = fmt.Sprintf("%v (type %s)", unwrap(v), t)
		}
	}
	var pos *cellPos
	if m := posPrefix.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		p := decodePos(line, col)
		pos = &p
		msg = msg[len(m[0]):]
	}
	for _, r := range reflectMessages {
		if strings.HasPrefix(msg, r.from) {
			msg = r.to + msg[len(r.from):]
			break
		}
	}
	return msg, pos
}

func isBasicKind(v any) bool {
	switch v.(type) {
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr,
		float32, float64, complex64, complex128:
		return true
	}
	return false
}
