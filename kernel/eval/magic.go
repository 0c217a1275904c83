package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// MagicFunc runs a line magic registered with RegisterMagic. args is the
// text after the magic's name on its line; w is the cell's standard output.
// After it returns nil the rest of the cell runs as Go.
type MagicFunc func(args string, w io.Writer) error

type magicEntry struct {
	help string
	fn   MagicFunc
}

var (
	magicsMu sync.RWMutex
	magics   = map[string]magicEntry{}
)

// builtinMagics are handled by the interpreter itself.
var builtinMagics = map[string]string{
	"help":  "%help — this list, and how to use display, completion and inspection",
	"time":  "%time [code] — run the rest of the cell (or the code on the line) and print how long it took",
	"reset": "%reset — forget every definition: the next cell starts in a fresh interpreter",
}

// RegisterMagic adds the line magic %name. It panics when the name is
// already taken, like the other registries of this project.
func RegisterMagic(name, help string, fn MagicFunc) {
	magicsMu.Lock()
	defer magicsMu.Unlock()
	if _, dup := builtinMagics[name]; dup {
		panic("eval: magic registered twice: %" + name)
	}
	if _, dup := magics[name]; dup {
		panic("eval: magic registered twice: %" + name)
	}
	if fn == nil {
		panic("eval: RegisterMagic %" + name + " with a nil function")
	}
	magics[name] = magicEntry{help: help, fn: fn}
}

// Magics returns the help line of every magic, sorted by name.
func Magics() []string {
	magicsMu.RLock()
	defer magicsMu.RUnlock()
	var out []string
	for _, h := range builtinMagics {
		out = append(out, h)
	}
	for name, m := range magics {
		out = append(out, "%"+name+" — "+m.help)
	}
	sort.Strings(out)
	return out
}

// magic runs the magics at the start of code. It returns done when the cell
// was handled entirely; otherwise the caller runs the code that remains,
// which magic may have changed (a registered line magic consumes its line).
func (in *Interp) magic(r *run, code string) (Result, bool) {
	for {
		trimmed := strings.TrimLeft(code, " \t\r\n")
		if !strings.HasPrefix(trimmed, "%") {
			return in.runCode(r, code), true
		}
		line, rest, _ := strings.Cut(trimmed, "\n")
		name, args, _ := strings.Cut(strings.TrimSpace(strings.TrimLeft(line, "%")), " ")
		args = strings.TrimSpace(args)
		switch name {
		case "help":
			fmt.Fprint(in.stdout, helpText())
			code = blankPrefix(code, trimmed, line) + rest
			continue
		case "reset":
			if err := in.start(); err != nil {
				return Result{Err: &Error{Name: "reset", Value: err.Error(), Traceback: []string{err.Error()}}}, true
			}
			code = blankPrefix(code, trimmed, line) + rest
			continue
		case "time":
			body := blankPrefix(code, trimmed, line) + rest
			if args != "" {
				body = keepNewlines(code[:len(code)-len(trimmed)]) + strings.Repeat(" ", len(line)-len(args)) + args + "\n" + rest
			}
			t0 := time.Now()
			res := in.runCode(r, body)
			fmt.Fprintf(in.stdout, "time: %s\n", fmtDuration(time.Since(t0)))
			return res, true
		}
		magicsMu.RLock()
		m, ok := magics[name]
		magicsMu.RUnlock()
		if !ok {
			msg := fmt.Sprintf("unknown magic %%%s; %%help lists them", name)
			return Result{Err: &Error{Name: "magic", Value: msg, Traceback: []string{"magic: " + msg}}}, true
		}
		if err := m.fn(args, in.stdout); err != nil {
			msg := fmt.Sprintf("%%%s: %v", name, err)
			return Result{Err: &Error{Name: "magic", Value: msg, Traceback: []string{"magic: " + msg}}}, true
		}
		code = blankPrefix(code, trimmed, line) + rest
	}
}

// blankPrefix returns code up to and including the magic line with that
// line blanked, so that the rest keeps its line numbers.
func blankPrefix(code, trimmed, line string) string {
	return keepNewlines(code[:len(code)-len(trimmed)]) + strings.Repeat(" ", len(line)) + "\n"
}

func keepNewlines(s string) string {
	return strings.Repeat("\n", strings.Count(s, "\n"))
}

func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

func helpText() string {
	var b strings.Builder
	b.WriteString("Magics (at the start of a cell):\n")
	for _, h := range Magics() {
		b.WriteString("  " + h + "\n")
	}
	b.WriteString(`
Cells are Go: imports, declarations and statements in any order. A cell's
last expression is shown as its result (all values of a multi-value call).

Display:
  display.HTML(s), display.Markdown(s), display.Latex(s), display.Math(s),
  display.SVG(s), display.PNG(b), display.JPEG(b), display.Image(img),
  display.JSON(m), display.MIME(data, meta), display.Any(mime, v), display.Auto(v)
  return a bundle; a cell ending with one shows it.
  Display(v...) shows values at once, from anywhere in a cell.
  id := display.NewID(); Display(display.WithID(d, id)); display.Update(id, d2)
  replaces a display in place.
  A value whose type has HTML() string, Markdown() string, Latex() string,
  SVG() string, PNG() []byte or JPEG() []byte, or is an image.Image, is shown
  that way, with text/plain beside.

Completion (Tab): package members (fmt.Pr<Tab>), names from earlier cells,
keywords, and fields and methods after a variable and a dot (x.<Tab>).
Inspection (Shift-Tab): the signature and documentation of the name under
the cursor, for the standard library, registered packages and cell code.
`)
	return b.String()
}
