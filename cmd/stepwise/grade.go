package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/internal/nbgen"
	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/lessons"
)

func init() {
	register(&command{
		name:    "grade",
		summary: "grade a folder of submitted notebooks: run them and their exercises' hidden tests",
		usage: `usage: stepwise grade [flags] DIR

Runs every notebook (*.ipynb) under DIR, each in its own process with a
time limit, as the kernel would run it; then grades each exercise of its
lesson on the answer the student last passed to Check: the visible check
and the hidden tests, each passed test earning an equal share of the
exercise's points. Prints a table of students (files) by exercises with
the total, then what failed. Nothing in DIR is changed.

flags:
  --json            print the results as JSON
  --csv             print the results as CSV (one row per student)
  --timeout D       time limit per notebook (default 60s)
  --cell-timeout D  time limit per cell and per exercise's tests (default 10s)
  -j N              notebooks graded at once (default: the number of CPUs)
  --lang en|zh      language of the failure messages (default en)`,
		run: runGrade,
	})
}

// gradeFlags are the grader's settings.
type gradeFlags struct {
	json, csv   bool
	timeout     time.Duration
	cellTimeout time.Duration
	jobs        int
	lang        string
	worker      string
	skip        string // worker: cell indices not to run, comma-separated
}

func runGrade(args []string) int {
	var f gradeFlags
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	fs.BoolVar(&f.json, "json", false, "print JSON")
	fs.BoolVar(&f.csv, "csv", false, "print CSV")
	fs.DurationVar(&f.timeout, "timeout", 60*time.Second, "time limit per notebook")
	fs.DurationVar(&f.cellTimeout, "cell-timeout", 10*time.Second, "time limit per cell and per exercise")
	fs.IntVar(&f.jobs, "j", runtime.NumCPU(), "notebooks graded at once")
	fs.StringVar(&f.lang, "lang", "en", "language of the messages")
	fs.StringVar(&f.worker, "worker", "", "internal: grade one notebook, reporting on file descriptor 3")
	fs.StringVar(&f.skip, "skip", "", "internal: cells the worker skips (they crashed an earlier run)")
	fs.Usage = func() { fmt.Fprintln(os.Stderr, commands["grade"].usage) }
	if err := fs.Parse(reorderFlags(args)); err != nil {
		return 2
	}
	if err := lessons.SetLang(f.lang); err != nil {
		fmt.Fprintln(os.Stderr, "stepwise grade:", err)
		return 2
	}
	if f.worker != "" {
		return gradeWorker(f)
	}
	if fs.NArg() != 1 || f.json && f.csv {
		fs.Usage()
		return 2
	}
	files, err := findNotebooks(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise grade:", err)
		return 1
	}
	if len(files) == 0 {
		fmt.Fprintf(os.Stderr, "stepwise grade: no .ipynb files under %s\n", fs.Arg(0))
		return 1
	}
	results := gradeAll(files, f)
	rep := newReport(fs.Arg(0), results)
	switch {
	case f.json:
		err = rep.writeJSON(os.Stdout)
	case f.csv:
		err = rep.writeCSV(os.Stdout)
	default:
		err = rep.writeText(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise grade:", err)
		return 1
	}
	return 0
}

// reorderFlags moves flags before the positional arguments, so that
// "grade DIR --json" works like "grade --json DIR".
func reorderFlags(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && name != "json" && name != "csv" && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, pos...)
}

// findNotebooks lists the .ipynb files under dir, skipping Jupyter's
// checkpoints, sorted.
func findNotebooks(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".ipynb_checkpoints" || strings.HasPrefix(d.Name(), ".") && p != dir) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".ipynb") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// workerMsg is one line a grading worker reports.
type workerMsg struct {
	Type      string         `json:"type"` // lesson, cell, grade, note, done
	Cell      int            `json:"cell,omitempty"`
	Lesson    string         `json:"lesson,omitempty"`
	Exercises []string       `json:"exercises,omitempty"`
	Grade     *lessons.Grade `json:"grade,omitempty"`
	Note      string         `json:"note,omitempty"`
}

// studentResult is the grade of one submitted notebook.
type studentResult struct {
	File      string                   `json:"file"`
	Lesson    string                   `json:"lesson"`
	Exercises []string                 `json:"exercises"`
	Grades    map[string]lessons.Grade `json:"grades"`
	Notes     []string                 `json:"notes"`
	Seconds   float64                  `json:"seconds"`
	Finished  bool                     `json:"finished"`
}

func gradeAll(files []string, f gradeFlags) []*studentResult {
	results := make([]*studentResult, len(files))
	jobs := max(1, f.jobs)
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, file := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = gradeOne(file, f)
		}()
	}
	wg.Wait()
	return results
}

// gradeOne grades one notebook in worker processes, killing a worker at
// the time limit and keeping whatever it reported. A cell that crashes the
// worker process (which a panic in a goroutine can do) is skipped in a new
// run, up to three times, and noted.
func gradeOne(file string, f gradeFlags) *studentResult {
	res := &studentResult{File: file, Grades: map[string]lessons.Grade{}}
	start := time.Now()
	defer func() { res.Seconds = time.Since(start).Seconds() }()
	deadline := start.Add(f.timeout)
	var skip []string
	for attempt := 0; ; attempt++ {
		crashed, cell := runWorker(file, f, time.Until(deadline), skip, res)
		if !crashed || cell < 0 || attempt == 3 || time.Until(deadline) < time.Second {
			return res
		}
		res.Notes = append(res.Notes, fmt.Sprintf("cell %d crashed the program running the notebook; graded again without it", cell))
		skip = append(skip, strconv.Itoa(cell))
		res.Grades = map[string]lessons.Grade{}
		res.Finished = false
	}
}

// runWorker runs one worker for at most limit and records its reports in
// res. It reports whether the worker crashed, and the cell it was running.
func runWorker(file string, f gradeFlags, limit time.Duration, skip []string, res *studentResult) (crashed bool, cell int) {
	note := func(s string) { res.Notes = append(res.Notes, s) }
	exe, err := os.Executable()
	if err != nil {
		note("cannot start the grader: " + err.Error())
		return false, -1
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	// The worker keeps a margin of its limit for the hidden tests; the
	// process is killed a little after the limit whatever it is doing.
	ctx, cancel := context.WithTimeout(context.Background(), limit+2*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "grade", "--worker", abs, "--skip", strings.Join(skip, ","),
		"--timeout", limit.Round(time.Millisecond).String(), "--cell-timeout", f.cellTimeout.String(), "--lang", f.lang)
	pr, pw, err := os.Pipe()
	if err != nil {
		note("cannot start the grader: " + err.Error())
		return false, -1
	}
	cmd.ExtraFiles = []*os.File{pw}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	cmd.Dir = filepath.Dir(abs)
	if err := cmd.Start(); err != nil {
		pr.Close()
		pw.Close()
		note("cannot start the grader: " + err.Error())
		return false, -1
	}
	pw.Close()
	cell = -1
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m workerMsg
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		switch m.Type {
		case "lesson":
			res.Lesson, res.Exercises = m.Lesson, m.Exercises
		case "cell":
			cell = m.Cell
		case "grade":
			if m.Grade != nil {
				res.Grades[m.Grade.ID] = *m.Grade
				if !contains(res.Exercises, m.Grade.ID) {
					res.Exercises = append(res.Exercises, m.Grade.ID)
				}
			}
		case "note":
			note(m.Note)
		case "done":
			res.Finished = true
		}
	}
	pr.Close()
	err = cmd.Wait()
	switch {
	case ctx.Err() != nil:
		note(fmt.Sprintf("stopped at the time limit (%s); graded what had run", f.timeout.Round(time.Second)))
	case err != nil && !res.Finished:
		if cell < 0 {
			note("the notebook crashed the grader (" + err.Error() + ")")
		}
		return true, cell
	}
	return false, -1
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// gradeWorker grades one notebook in this process and reports on file
// descriptor 3: the lesson, the cell being run, a note per failed cell, a
// grade per exercise.
func gradeWorker(f gradeFlags) int {
	report := os.NewFile(3, "report")
	if report == nil {
		fmt.Fprintln(os.Stderr, "stepwise grade --worker: no report descriptor (this mode is for stepwise grade itself)")
		return 2
	}
	w := &worker{enc: json.NewEncoder(report), verdicts: map[testKey]lessons.Feedback{}}
	defer report.Close()
	deadline := time.Now().Add(f.timeout)
	b, err := os.ReadFile(f.worker)
	if err == nil && len(b) == 0 {
		err = fmt.Errorf("empty file")
	}
	var nb *nbgen.Notebook
	if err == nil {
		nb, err = nbgen.Decode(b)
	}
	if err != nil {
		w.emit(workerMsg{Type: "note", Note: "not a notebook: " + strings.TrimPrefix(err.Error(), "nbgen: not a notebook: ")})
		w.emit(workerMsg{Type: "done"})
		return 0
	}
	lessonName, ids := notebookLesson(nb, f.worker)
	w.emit(workerMsg{Type: "lesson", Lesson: lessonName, Exercises: ids})
	lessons.ResetSubmissions()
	for _, s := range strings.Split(f.skip, ",") {
		if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < len(nb.Cells) {
			nb.Cells[i].Metadata = map[string]any{"tags": []any{"skip-execution"}}
		}
	}
	// Run the cells, keeping a quarter of the time for the tests.
	cellsUntil := deadline.Add(-f.timeout / 4)
	lessons.SetLang(f.lang)
	res, err := runNotebook(context.Background(), nb, runOptions{
		cellTimeout: f.cellTimeout,
		exports:     []interp.Exports{w.table()},
		before: func(i int) error {
			if time.Now().After(cellsUntil) {
				return fmt.Errorf("stopped running cells at cell %d to keep time for the tests (time limit %s)", i, f.timeout.Round(time.Second))
			}
			w.emit(workerMsg{Type: "cell", Cell: i})
			return nil
		},
	})
	if err != nil {
		w.emit(workerMsg{Type: "note", Note: err.Error()})
		if res.interp == nil {
			return 1
		}
	}
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o["output_type"] == "error" && !hasTag(c, "raises-exception") {
				w.emit(workerMsg{Type: "note", Note: fmt.Sprintf("cell In [%v]: %v: %v", deref(c.ExecutionCount), o["ename"], o["evalue"])})
			}
		}
	}
	// The exercises the lesson lists, then any other the notebook checked.
	for _, id := range lessons.SubmittedIDs() {
		if !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	lessons.SetLang(f.lang)
	for _, id := range ids {
		w.emit(workerMsg{Type: "grade", Grade: w.grade(res.interp, id, f.cellTimeout, deadline)})
	}
	w.emit(workerMsg{Type: "done"})
	return 0
}

// testKey names test i of an exercise.
type testKey struct {
	id string
	i  int
}

// worker is a grading worker's state: its report and the verdicts of the
// tests run so far.
type worker struct {
	mu       sync.Mutex
	enc      *json.Encoder
	verdicts map[testKey]lessons.Feedback
}

func (w *worker) emit(m workerMsg) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.enc.Encode(m)
}

// table is the package the grading cells import: swgrader.Test(id, i) runs
// test i of exercise id on the student's answer inside the interpreter, so
// that a test that loops forever is interrupted like any cell.
func (w *worker) table() interp.Exports {
	return interp.Exports{"stepwise/grader/grader": {
		"Test": reflect.ValueOf(func(id string, i int) {
			ex, ok := lessons.FindExercise(id)
			answer, submitted := lessons.Submitted(id)
			if !ok || !submitted || i < 0 || i >= ex.Tests() {
				return
			}
			f := ex.RunTest(i, answer)
			w.mu.Lock()
			if _, given := w.verdicts[testKey{id, i}]; !given {
				w.verdicts[testKey{id, i}] = f
			}
			w.mu.Unlock()
		}),
	}}
}

// grade runs each test of exercise id on the submitted answer in its own
// grading cell with its own time limit: a test that does not finish fails,
// and the others still count.
func (w *worker) grade(in *eval.Interp, id string, limit time.Duration, deadline time.Time) *lessons.Grade {
	ex, ok := lessons.FindExercise(id)
	if !ok {
		return &lessons.Grade{ID: id, Failures: []lessons.Feedback{{ID: id, Problem: "no such exercise"}}}
	}
	g := lessons.Grade{ID: id, Max: ex.Points(), Tests: ex.Tests()}
	g.Hints, g.SolutionViewed = lessons.Usage(id)
	if _, ok := lessons.Submitted(id); !ok {
		return &g
	}
	g.Attempted = true
	for i := 0; i < ex.Tests(); i++ {
		lim := min(limit, time.Until(deadline))
		if lim > 0 {
			ctx, cancel := context.WithTimeout(context.Background(), lim)
			in.Execute(ctx, eval.Cell{Code: fmt.Sprintf("import swgrader \"stepwise/grader\"\nswgrader.Test(%q, %d)", id, i)})
			cancel()
		}
		w.mu.Lock()
		f, done := w.verdicts[testKey{id, i}]
		if !done {
			// Given up: a verdict arriving late must not count.
			f = lessons.Feedback{ID: id, Title: ex.Title(), Hidden: i > 0,
				Problem: fmt.Sprintf("the test did not finish within %s: an endless loop on this input?", max(lim, 0).Round(time.Millisecond))}
			w.verdicts[testKey{id, i}] = f
		}
		w.mu.Unlock()
		g.Add(f)
	}
	return &g
}

func deref(p *int) any {
	if p == nil {
		return " "
	}
	return *p
}

// notebookLesson finds the lesson of a submitted notebook — its metadata,
// else its file name — and the lesson's exercise IDs.
func notebookLesson(nb *nbgen.Notebook, file string) (string, []string) {
	name := ""
	if sw, ok := nb.Metadata["stepwise"].(map[string]any); ok {
		name, _ = sw["lesson"].(string)
	}
	l, ok := lessons.Find(name)
	if !ok {
		base := strings.TrimSuffix(filepath.Base(file), ".ipynb")
		for _, cand := range lessons.Lessons() {
			if strings.Contains(base, cand.Name) {
				l, ok = cand, true
				break
			}
		}
	}
	if !ok {
		return name, nil
	}
	var ids []string
	for _, e := range l.Exercises {
		ids = append(ids, e.ID())
	}
	return l.Name, ids
}

// report is the grade table.
type report struct {
	Dir       string             `json:"dir"`
	Exercises []string           `json:"exercises"`
	Max       map[string]float64 `json:"max"`
	Students  []*studentResult   `json:"students"`
}

func newReport(dir string, results []*studentResult) *report {
	r := &report{Dir: dir, Max: map[string]float64{}, Students: results}
	for _, s := range results {
		for _, id := range s.Exercises {
			if !contains(r.Exercises, id) {
				r.Exercises = append(r.Exercises, id)
			}
			if ex, ok := lessons.FindExercise(id); ok {
				r.Max[id] = ex.Points()
			}
		}
	}
	return r
}

// total returns a student's points and the maximum over the report's
// exercises.
func (r *report) total(s *studentResult) (got, max float64) {
	for _, id := range r.Exercises {
		max += r.Max[id]
		got += s.Grades[id].Points
	}
	return got, max
}

func (r *report) name(s *studentResult) string {
	if rel, err := filepath.Rel(r.Dir, s.File); err == nil && rel != "." {
		return rel
	}
	return filepath.Base(s.File)
}

// cell is one entry of the table: points, "—" when not attempted, with *
// when the solution was viewed.
func (r *report) cell(s *studentResult, id string) string {
	g, ok := s.Grades[id]
	if !ok || !g.Attempted {
		return "—"
	}
	c := strconv.FormatFloat(g.Points, 'f', 2, 64)
	if g.SolutionViewed {
		c += "*"
	}
	return c
}

func (r *report) writeText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "student")
	for _, id := range r.Exercises {
		fmt.Fprint(tw, "\t"+id)
	}
	fmt.Fprintln(tw, "\ttotal\ttime")
	for _, s := range r.Students {
		fmt.Fprint(tw, r.name(s))
		for _, id := range r.Exercises {
			fmt.Fprint(tw, "\t"+r.cell(s, id))
		}
		got, max := r.total(s)
		fmt.Fprintf(tw, "\t%.2f / %g\t%.1fs\n", got, max, s.Seconds)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n— not attempted (Check never called)   * solution viewed")
	for _, s := range r.Students {
		var lines []string
		for _, id := range r.Exercises {
			g := s.Grades[id]
			for _, f := range g.Failures {
				kind := "check"
				if f.Hidden {
					kind = "hidden test"
				}
				lines = append(lines, fmt.Sprintf("%s (%s): %s", id, kind, oneLine(f)))
			}
		}
		lines = append(lines, s.Notes...)
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", r.name(s))
		for _, l := range lines {
			fmt.Fprintln(w, "  "+l)
		}
	}
	return nil
}

// oneLine condenses a failure to one line: the input, the problem's first
// line and the first likely cause.
func oneLine(f lessons.Feedback) string {
	s := strings.TrimSpace(f.Problem)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if f.Input != "" {
		s = f.Input + " " + s
	}
	if len(f.Causes) > 0 {
		s += " — " + f.Causes[0]
	}
	return strings.NewReplacer("**", "", "`", "").Replace(s)
}

func (r *report) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(append(append([]string{"student", "lesson"}, r.Exercises...), "total", "max", "seconds", "notes"))
	for _, s := range r.Students {
		row := []string{r.name(s), s.Lesson}
		for _, id := range r.Exercises {
			g, ok := s.Grades[id]
			if !ok || !g.Attempted {
				row = append(row, "")
				continue
			}
			row = append(row, strconv.FormatFloat(g.Points, 'f', 4, 64))
		}
		got, max := r.total(s)
		var notes []string
		for _, id := range r.Exercises {
			if s.Grades[id].SolutionViewed {
				notes = append(notes, id+": solution viewed")
			}
		}
		notes = append(notes, s.Notes...)
		row = append(row, strconv.FormatFloat(got, 'f', 4, 64), strconv.FormatFloat(max, 'f', 4, 64),
			strconv.FormatFloat(s.Seconds, 'f', 1, 64), strings.Join(notes, "; "))
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func (r *report) writeJSON(w io.Writer) error {
	type student struct {
		*studentResult
		Total float64 `json:"total"`
		Max   float64 `json:"max"`
	}
	out := struct {
		Dir       string             `json:"dir"`
		Exercises []string           `json:"exercises"`
		Max       map[string]float64 `json:"max"`
		Students  []student          `json:"students"`
	}{Dir: r.Dir, Exercises: r.Exercises, Max: r.Max}
	for _, s := range r.Students {
		got, max := r.total(s)
		out.Students = append(out.Students, student{s, got, max})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
