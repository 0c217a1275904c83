package main

import (
	"bytes"
	"encoding/json"
	"github.com/stepwise-go/stepwise/lessons"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildStepwise builds this command into a temporary directory: the
// grader runs each notebook in a child process of the real binary.
func buildStepwise(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stepwise")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type gradeJSON struct {
	Exercises []string
	Students  []struct {
		File   string
		Grades map[string]struct {
			Points, Max    float64
			Passed, Tests  int
			Attempted      bool
			SolutionViewed bool
			Failures       []struct {
				Problem string
				Hidden  bool
			}
		}
		Notes    []string
		Total    float64
		Max      float64
		Finished bool
	}
}

// TestGradeFakeSubmissions grades testdata/grade (written by
// make_fakes.py): a perfect notebook, one with mistakes, one that panics,
// loops and exits, one that sleeps past the time limit, and a file that is
// not a notebook.
func TestGradeFakeSubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs notebooks for ~15 s")
	}
	bin := buildStepwise(t)
	cmd := exec.Command(bin, "grade", "--json", "--timeout", "10s", "--cell-timeout", "2s", "testdata/grade")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("stepwise grade: %v\n%s", err, stderr.String())
	}
	var rep gradeJSON
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	if strings.Join(rep.Exercises, ",") != "welcome.mean,welcome.double" {
		t.Errorf("exercises %v", rep.Exercises)
	}
	got := map[string]int{}
	for i, s := range rep.Students {
		got[filepath.Base(s.File)] = i
	}
	student := func(name string) int {
		i, ok := got[name]
		if !ok {
			t.Fatalf("no row for %s in %s", name, out)
		}
		return i
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	notes := func(i int) string { return strings.Join(rep.Students[i].Notes, "\n") }

	p := rep.Students[student("perfect.ipynb")]
	if !near(p.Total, 2) || !near(p.Max, 2) {
		t.Errorf("perfect: total %v / %v, grades %+v, notes %v", p.Total, p.Max, p.Grades, p.Notes)
	}

	m := rep.Students[student("mistakes.ipynb")]
	mean, double := m.Grades["welcome.mean"], m.Grades["welcome.double"]
	if !mean.Attempted || mean.Points != 0 || !mean.SolutionViewed {
		t.Errorf("mistakes: mean %+v", mean)
	}
	if double.Passed != 2 || double.Tests != 3 || !near(double.Points, 2.0/3) ||
		len(double.Failures) != 1 || !double.Failures[0].Hidden || !strings.Contains(double.Failures[0].Problem, "changed its input") {
		t.Errorf("mistakes: double %+v", double)
	}
	if !strings.Contains(notes(student("mistakes.ipynb")), "undefinedName") {
		t.Errorf("mistakes: the failing cell is not noted: %v", m.Notes)
	}

	pi := student("panics.ipynb")
	pn := rep.Students[pi]
	if pn.Grades["welcome.mean"].Attempted {
		t.Errorf("panics: mean attempted: %+v", pn.Grades["welcome.mean"])
	}
	d := pn.Grades["welcome.double"]
	if !d.Attempted || d.Passed != 2 || d.Tests != 3 || !near(d.Points, 2.0/3) || len(d.Failures) != 1 ||
		!d.Failures[0].Hidden || !strings.Contains(d.Failures[0].Problem, "did not finish") {
		t.Errorf("panics: double whose hidden test hangs: %+v", d)
	}
	for _, want := range []string{"interrupted", "index out of range"} {
		if !strings.Contains(notes(pi), want) {
			t.Errorf("panics: notes lack %q: %v", want, pn.Notes)
		}
	}

	sl := rep.Students[student("slow.ipynb")]
	if !near(sl.Grades["welcome.mean"].Points, 1) || sl.Grades["welcome.double"].Attempted || !near(sl.Total, 1) {
		t.Errorf("slow: %+v", sl.Grades)
	}
	if !strings.Contains(notes(student("slow.ipynb")), "to keep time for the tests") {
		t.Errorf("slow: notes %v", sl.Notes)
	}

	g := rep.Students[student("garbage.ipynb")]
	if g.Total != 0 || !strings.Contains(notes(student("garbage.ipynb")), "not a notebook") {
		t.Errorf("garbage: %+v", g)
	}

	// One file is graded as a folder of one, in text form.
	txt, err := exec.Command(bin, "grade", "--timeout", "10s", "--cell-timeout", "2s", "-j", "1", "testdata/grade/perfect.ipynb").CombinedOutput()
	if err != nil || !strings.Contains(string(txt), "perfect.ipynb") || !strings.Contains(string(txt), "2.00 / 2") {
		t.Errorf("grade of one file: %v\n%s", err, txt)
	}
}

func TestGradeCSVAndText(t *testing.T) {
	r := &report{Dir: "subs", Exercises: []string{"welcome.mean", "welcome.double"},
		Max: map[string]float64{"welcome.mean": 1, "welcome.double": 1}}
	r.Students = []*studentResult{{
		File: "subs/ada.ipynb", Lesson: "00-welcome", Finished: true, Seconds: 1.25,
		Grades: map[string]lessons.Grade{
			"welcome.mean":   {ID: "welcome.mean", Points: 1, Max: 1, Passed: 1, Tests: 1, Attempted: true, SolutionViewed: true},
			"welcome.double": {ID: "welcome.double", Points: 2.0 / 3, Max: 1, Passed: 2, Tests: 3, Attempted: true},
		},
		Notes: []string{"cell In [3]: panic: x"},
	}, {File: "subs/bob.ipynb", Grades: map[string]lessons.Grade{}}}
	var csvOut, txtOut bytes.Buffer
	if err := r.writeCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	wantCSV := "student,lesson,welcome.mean,welcome.double,total,max,seconds,notes\n" +
		"ada.ipynb,00-welcome,1.0000,0.6667,1.6667,2.0000,1.2,welcome.mean: solution viewed; cell In [3]: panic: x\n" +
		"bob.ipynb,,,,0.0000,2.0000,0.0,\n"
	if csvOut.String() != wantCSV {
		t.Errorf("CSV:\n%s\nwant:\n%s", csvOut.String(), wantCSV)
	}
	if err := r.writeText(&txtOut); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"ada.ipynb", "1.00*", "0.67", "1.67 / 2", "bob.ipynb", "—", "cell In [3]: panic: x"} {
		if !strings.Contains(txtOut.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, txtOut.String())
		}
	}
}

func TestReorderFlags(t *testing.T) {
	got := strings.Join(reorderFlags([]string{"dir", "--json", "--timeout", "5s", "-j=2"}), " ")
	if got != "--json --timeout 5s -j=2 dir" {
		t.Errorf("reorderFlags: %q", got)
	}
}
