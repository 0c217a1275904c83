package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/internal/nbgen"
	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/notebooks"
	"github.com/stepwise-go/stepwise/symbols"
)

func init() {
	register(&command{
		name:    "lesson",
		summary: "list the lessons, or render one to a self-contained HTML file",
		usage: `usage: stepwise lesson
       stepwise lesson NAME --html FILE [--lang en|zh] [--stored] [--timeout 120s]
       stepwise lesson NAME --ipynb FILE [--lang en|zh]

With no arguments, list the lessons.

--html FILE renders lesson NAME (its name, e.g. 01-convolution, its number,
e.g. 1, or the name without the number) to one HTML file that opens in any
browser with no network: figures are embedded and formulas are MathML.
The lesson's cells are run first by the kernel's interpreter inside this
program (no Jupyter needed), so the page shows this machine's results;
--stored uses the outputs stored with the lesson instead (faster).
--ipynb FILE writes the lesson's notebook, with its stored outputs, to
open in Jupyter. --lang zh gives the Chinese version.`,
		run: runLesson,
	})
}

func runLesson(args []string) int {
	var pos []string
	var flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && a != "--stored" && a != "-stored" && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	fs := flag.NewFlagSet("lesson", flag.ContinueOnError)
	htmlOut := fs.String("html", "", "write the lesson as one self-contained HTML file")
	ipynbOut := fs.String("ipynb", "", "write the lesson's notebook")
	lang := fs.String("lang", "en", "language: en or zh")
	stored := fs.Bool("stored", false, "use the stored outputs instead of running the cells")
	timeout := fs.Duration("timeout", 120*time.Second, "time limit per cell when running")
	if err := fs.Parse(flags); err != nil {
		return 2
	}
	if len(pos) == 0 {
		return listLessons(os.Stdout)
	}
	if len(pos) > 1 || (*htmlOut == "" && *ipynbOut == "") {
		fmt.Fprintln(os.Stderr, commands["lesson"].usage)
		return 2
	}
	if *lang != nbgen.EN && *lang != nbgen.ZH {
		fmt.Fprintf(os.Stderr, "stepwise lesson: --lang %q: use en or zh\n", *lang)
		return 2
	}
	name, ok := findNotebook(pos[0])
	if !ok {
		fmt.Fprintf(os.Stderr, "stepwise lesson: no lesson %q; 'stepwise lesson' lists them\n", pos[0])
		return 1
	}
	b, err := notebooks.Notebook(name, *lang)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise lesson:", err)
		return 1
	}
	if *ipynbOut != "" {
		if err := os.WriteFile(*ipynbOut, b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "stepwise lesson:", err)
			return 1
		}
		fmt.Printf("wrote %s (%s, %s)\n", *ipynbOut, name, *lang)
		if *htmlOut == "" {
			return 0
		}
	}
	nb, err := nbgen.Decode(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise lesson:", err)
		return 1
	}
	if !*stored {
		start := time.Now()
		res, err := runNotebook(context.Background(), nb, runOptions{cellTimeout: *timeout, log: os.Stderr})
		if err != nil {
			fmt.Fprintln(os.Stderr, "stepwise lesson:", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "ran %d cells in %.1f s (%d with errors)\n", res.cells, time.Since(start).Seconds(), res.errors)
	}
	if err := os.WriteFile(*htmlOut, nbgen.HTML(nb), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "stepwise lesson:", err)
		return 1
	}
	fmt.Printf("wrote %s (%s, %s)\n", *htmlOut, name, *lang)
	return 0
}

// findNotebook resolves a lesson name, number or short name.
func findNotebook(q string) (string, bool) {
	for _, n := range notebooks.Names() {
		if lessons.MatchName(n, q) {
			return n, true
		}
	}
	return "", false
}

func listLessons(w io.Writer) int {
	rows := [][]string{{"NAME", "TITLE", "标题", "EXERCISES"}}
	for _, n := range notebooks.Names() {
		src, err := notebooks.Source(n)
		if err != nil {
			continue
		}
		s, err := nbgen.Parse(n+".md", string(src))
		if err != nil {
			rows = append(rows, []string{n, err.Error(), "", ""})
			continue
		}
		ex := "-"
		if l, ok := lessons.Find(s.Lesson); ok {
			ex = fmt.Sprint(len(l.Exercises))
		}
		rows = append(rows, []string{n, s.Title[nbgen.EN], s.Title[nbgen.ZH], ex})
	}
	widths := make([]int, 4)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			if i < len(r)-1 {
				c += strings.Repeat(" ", widths[i]-displayWidth(c)+2)
			}
			fmt.Fprint(w, c)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nstepwise lesson NAME --html FILE renders one for reading offline.")
	return 0
}

// displayWidth counts the terminal columns of s: two for each wide
// (CJK) character.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// cellExports are the symbol tables (gonum, plot, mathref, nn, viz,
// lessons) that notebook cells import, beyond the standard library. The
// kernel command, stepwise lesson and stepwise grade all use them.
var cellExports = func() []interp.Exports { return []interp.Exports{symbols.Symbols} }

// runOptions configure runNotebook.
type runOptions struct {
	cellTimeout time.Duration // per cell; 0 means none
	log         io.Writer     // progress and cell errors; nil for none
	// exports are extra symbol tables for this run (the grader's).
	exports []interp.Exports
	// before runs just before each code cell (the grader uses it to stop
	// at its deadline); a non-nil error stops the run.
	before func(index int) error
}

// runResult counts what runNotebook did.
type runResult struct {
	cells, errors int
	interp        *eval.Interp
}

// runNotebook executes nb's code cells in order in a fresh interpreter
// inside this process, as the kernel would, replacing their outputs and
// execution counts. Cells tagged skip-execution are left as they are; a
// cell with metadata stepwise.interrupt = N is interrupted after N
// seconds, like the interrupt demo. A cell's error becomes its error
// output; the run goes on. The lessons' state (language, submissions,
// hints shown) starts afresh, as in a new kernel.
func runNotebook(ctx context.Context, nb *nbgen.Notebook, opts runOptions) (runResult, error) {
	// A fresh kernel: English, no submissions, no hints shown.
	lessons.ResetSubmissions()
	lessons.SetLang(lessons.EN)
	out := &cellOutput{}
	in, err := eval.New(eval.Options{Stdout: out.writer("stdout"), Stderr: out.writer("stderr"), Exports: append(cellExports(), opts.exports...)})
	if err != nil {
		return runResult{}, err
	}
	res := runResult{interp: in}
	count := 0
	for i, c := range nb.Cells {
		if c.Type != "code" || strings.TrimSpace(c.Source) == "" || hasTag(c, "skip-execution") {
			continue
		}
		if opts.before != nil {
			if err := opts.before(i); err != nil {
				return res, err
			}
		}
		count++
		res.cells++
		limit := opts.cellTimeout
		if sw, ok := c.Metadata["stepwise"].(map[string]any); ok {
			if s, ok := sw["interrupt"].(float64); ok && s > 0 {
				limit = time.Duration(s * float64(time.Second))
			}
		}
		cctx, cancel := ctx, context.CancelFunc(func() {})
		if limit > 0 {
			cctx, cancel = context.WithTimeout(ctx, limit)
		}
		out.start()
		n := count
		r := in.Execute(cctx, eval.Cell{Code: c.Source, Count: n, Display: out.display})
		cancel()
		if r.Value != nil {
			out.add(bundleOutput("execute_result", *r.Value, n))
		}
		if r.Err != nil {
			res.errors++
			out.add(map[string]any{"output_type": "error", "ename": r.Err.Name, "evalue": r.Err.Value, "traceback": stringsAny(r.Err.Traceback)})
			if opts.log != nil && !hasTag(c, "raises-exception") {
				fmt.Fprintf(opts.log, "cell %d (%s): %s: %s\n", i, c.ID, r.Err.Name, r.Err.Value)
			}
		}
		c.Outputs = out.finish()
		c.ExecutionCount = &n
	}
	return res, nil
}

func hasTag(c *nbgen.Cell, tag string) bool {
	tags, _ := c.Metadata["tags"].([]any)
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// bundleOutput converts a display bundle to an nbformat output, with
// binary data (images) base64-encoded as nbformat stores it.
func bundleOutput(kind string, d display.Data, count int) map[string]any {
	data := map[string]any{}
	for k, v := range d.Data {
		if b, ok := v.([]byte); ok {
			if strings.HasPrefix(k, "text/") || k == "image/svg+xml" {
				v = string(b)
			} else {
				v = base64.StdEncoding.EncodeToString(b)
			}
		}
		data[k] = v
	}
	meta := map[string]any{}
	for k, v := range d.Metadata {
		meta[k] = v
	}
	o := map[string]any{"output_type": kind, "data": data, "metadata": meta}
	if kind == "execute_result" {
		o["execution_count"] = count
	}
	return o
}

// cellOutput collects one cell's outputs: streams (merged as Jupyter
// merges consecutive writes) and displays (an update replaces the display
// with the same display_id).
type cellOutput struct {
	mu   sync.Mutex
	outs []map[string]any
	ids  map[string]int
}

func (o *cellOutput) start() {
	o.mu.Lock()
	o.outs, o.ids = nil, map[string]int{}
	o.mu.Unlock()
}

func (o *cellOutput) finish() []map[string]any {
	o.mu.Lock()
	defer o.mu.Unlock()
	outs := o.outs
	o.outs = nil
	if outs == nil {
		outs = []map[string]any{}
	}
	return outs
}

func (o *cellOutput) add(m map[string]any) {
	o.mu.Lock()
	o.outs = append(o.outs, m)
	o.mu.Unlock()
}

func (o *cellOutput) display(d display.Data, update bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	id, _ := d.Transient["display_id"].(string)
	out := bundleOutput("display_data", d, 0)
	if update {
		if i, ok := o.ids[id]; ok && id != "" {
			o.outs[i] = out
		}
		return
	}
	if id != "" {
		o.ids[id] = len(o.outs)
	}
	o.outs = append(o.outs, out)
}

type streamWriter struct {
	o    *cellOutput
	name string
}

func (o *cellOutput) writer(name string) io.Writer { return &streamWriter{o: o, name: name} }

func (w *streamWriter) Write(p []byte) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	if n := len(w.o.outs); n > 0 && w.o.outs[n-1]["output_type"] == "stream" && w.o.outs[n-1]["name"] == w.name {
		w.o.outs[n-1]["text"] = w.o.outs[n-1]["text"].(string) + string(p)
		return len(p), nil
	}
	w.o.outs = append(w.o.outs, map[string]any{"output_type": "stream", "name": w.name, "text": string(bytes.Clone(p))})
	return len(p), nil
}
