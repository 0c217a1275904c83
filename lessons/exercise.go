package lessons

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Spec describes an exercise; NewExercise turns it into an Exercise.
type Spec struct {
	// ID is the stable, unique key, "<lesson>.<name>", e.g. "conv.out-size".
	// The grader's table and the submissions are keyed by it.
	ID string
	// Title is a few words; Prompt is the task as Markdown (with LaTeX),
	// ending with what to pass to Check.
	Title, Prompt Text
	// Hints are shown one more per call of Hint.
	Hints []Text
	// Solution is shown by Solution: the answer and how to get it (Markdown,
	// often with a ```go block).
	Solution Text
	// Points is the exercise's weight in the grade; 0 means 1.
	Points float64
	// Check is the visible check, run when the student calls Check.
	Check Checker
	// Hidden are the hidden tests (other inputs, edge cases), run only by
	// Grade, i.e. by the teacher's grader.
	Hidden []Checker
}

// Exercise is a task with a checker. In a cell its value displays the
// title and the prompt; ex.Check(answer) returns a Feedback; ex.Hint() and
// ex.Solution() show help only when asked. The answer last passed to Check
// is recorded for the grader (see Submitted).
type Exercise struct {
	spec Spec
}

var exercises struct {
	sync.Mutex
	byID map[string]*Exercise
	// submissions and usage are what the grader reads.
	submitted map[string]any
	hints     map[string]int
	solution  map[string]bool
}

// NewExercise checks and registers an exercise. An empty ID, a missing
// Check or a duplicate ID is a programming error and panics.
func NewExercise(s Spec) *Exercise {
	if s.ID == "" || s.Check == nil {
		panic(fmt.Sprintf("lessons: exercise %q needs an ID and a Check", s.ID))
	}
	exercises.Lock()
	defer exercises.Unlock()
	if exercises.byID == nil {
		exercises.byID = map[string]*Exercise{}
	}
	if _, dup := exercises.byID[s.ID]; dup {
		panic("lessons: exercise ID registered twice: " + s.ID)
	}
	if s.Points == 0 {
		s.Points = 1
	}
	e := &Exercise{spec: s}
	exercises.byID[s.ID] = e
	return e
}

// FindExercise returns the registered exercise with the given ID.
func FindExercise(id string) (*Exercise, bool) {
	exercises.Lock()
	defer exercises.Unlock()
	e, ok := exercises.byID[id]
	return e, ok
}

// Exercises returns every registered exercise, sorted by ID.
func Exercises() []*Exercise {
	exercises.Lock()
	defer exercises.Unlock()
	out := make([]*Exercise, 0, len(exercises.byID))
	for _, e := range exercises.byID {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].spec.ID < out[j].spec.ID })
	return out
}

// ID returns the exercise's key.
func (e *Exercise) ID() string { return e.spec.ID }

// Title returns the title in the current language.
func (e *Exercise) Title() string { return e.spec.Title.String() }

// Points returns the exercise's weight in the grade.
func (e *Exercise) Points() float64 { return e.spec.Points }

// Spec returns the exercise's description (for tests and tools).
func (e *Exercise) Spec() Spec { return e.spec }

// Markdown shows the exercise: its title, the prompt and how to check,
// in the current language.
func (e *Exercise) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s%s%s\n\n", T("lessons.ex.exercise"), T("lessons.punct.colon"), e.spec.Title)
	b.WriteString(strings.TrimSpace(e.spec.Prompt.String()) + "\n\n")
	if len(e.spec.Hints) == 0 {
		fmt.Fprintf(&b, "*%s*\n", T("lessons.ex.howNoHint"))
	} else {
		fmt.Fprintf(&b, "*%s*\n", T("lessons.ex.how", len(e.spec.Hints)))
	}
	return b.String()
}

// SimpleRender is the exercise's display bundle: its Markdown, and as
// text/plain the same task in plain text (not just the title), which is
// what Jupyter shows in a notebook that is not trusted yet, where it skips
// Markdown outputs.
func (e *Exercise) SimpleRender() map[string]any {
	md := e.Markdown()
	return map[string]any{"text/markdown": md, "text/plain": plainText(md)}
}

// plainText strips the Markdown emphasis and code marks from md.
func plainText(md string) string {
	r := strings.NewReplacer("**", "", "*", "", "`", "", "### ", "", "|---|---:|---:|:-:|\n", "", "|---|---:|:--|\n", "")
	return strings.TrimSpace(r.Replace(md))
}

// String is the title and ID, for fmt.Println.
func (e *Exercise) String() string {
	return fmt.Sprintf("%s%s%s (%s)", T("lessons.ex.exercise"), T("lessons.punct.colon"), e.spec.Title, e.spec.ID)
}

// Check runs the visible check on answer, records answer as the student's
// submission and returns the verdict. A wrong answer is told what is
// wrong but, for a Value checker, not the expected values until the
// student has asked for the Solution (see Value.Reveal). A panic inside
// the checker is reported as a Feedback, never passed on to the cell.
func (e *Exercise) Check(answer any) Feedback {
	exercises.Lock()
	if exercises.submitted == nil {
		exercises.submitted = map[string]any{}
	}
	exercises.submitted[e.spec.ID] = answer
	seen := exercises.solution[e.spec.ID]
	exercises.Unlock()
	return e.run(e.spec.Check, answer, false, seen)
}

// run runs one checker. reveal shows the expected values a checker kept
// in Feedback.Revealed; otherwise they are dropped, so that a student's
// Feedback does not carry them.
func (e *Exercise) run(c Checker, answer any, hidden, reveal bool) (f Feedback) {
	defer func() {
		if r := recover(); r != nil {
			f = Fail(T("lessons.ex.checkerPanic", panicText(r)))
			f.ID, f.Title, f.Hidden = e.spec.ID, e.spec.Title.String(), hidden
		}
	}()
	f = c(answer)
	f.ID, f.Title, f.Hidden = e.spec.ID, e.spec.Title.String(), hidden
	if reveal && f.Revealed != "" {
		f.Problem = f.Revealed
	}
	f.Revealed = ""
	return f
}

// Hint returns the next hint: the first call shows the first hint, the
// next call the first two, and so on.
func (e *Exercise) Hint() Markdown {
	if len(e.spec.Hints) == 0 {
		return Markdown(T("lessons.ex.noHint"))
	}
	exercises.Lock()
	if exercises.hints == nil {
		exercises.hints = map[string]int{}
	}
	n := min(exercises.hints[e.spec.ID]+1, len(e.spec.Hints))
	exercises.hints[e.spec.ID] = n
	exercises.Unlock()
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "**%s %d/%d.** %s\n\n", T("lessons.ex.hint"), i+1, len(e.spec.Hints), strings.TrimSpace(e.spec.Hints[i].String()))
	}
	if n < len(e.spec.Hints) {
		b.WriteString("*" + T("lessons.ex.moreHints") + "*\n")
	}
	return Markdown(b.String())
}

// Solution returns the solution. The grader's report notes that it was
// viewed.
func (e *Exercise) Solution() Markdown {
	exercises.Lock()
	if exercises.solution == nil {
		exercises.solution = map[string]bool{}
	}
	exercises.solution[e.spec.ID] = true
	exercises.Unlock()
	if e.spec.Solution.IsZero() {
		return Markdown(T("lessons.ex.noSolution"))
	}
	return Markdown(fmt.Sprintf("**%s%s%s**\n\n%s\n", T("lessons.ex.solution"), T("lessons.punct.colon"), e.spec.Title, strings.TrimSpace(e.spec.Solution.String())))
}

// Grade is the grader's verdict on one exercise.
type Grade struct {
	ID     string  // the exercise
	Points float64 // points earned: Max · passed / tests
	Max    float64 // the exercise's weight
	Passed int     // tests passed, the visible check included
	Tests  int     // visible check plus hidden tests
	// Attempted is false when no answer was submitted (Check never called).
	Attempted bool
	// Hints is how many hints were shown; SolutionViewed whether the
	// solution was.
	Hints          int  // hints shown
	SolutionViewed bool // whether Solution was called
	// Failures are the failed tests' feedback.
	Failures []Feedback
}

// Tests returns how many tests Grade runs: the visible check and the
// hidden tests.
func (e *Exercise) Tests() int { return 1 + len(e.spec.Hidden) }

// RunTest runs test i on answer for the teacher's grader: 0 is the
// visible check, 1 and up the hidden tests. The grader runs them one by
// one, so that a test that never ends costs only its own share. Its
// feedback shows the expected values (Feedback.Revealed).
func (e *Exercise) RunTest(i int, answer any) Feedback {
	if i == 0 {
		return e.run(e.spec.Check, answer, false, true)
	}
	return e.run(e.spec.Hidden[i-1], answer, true, true)
}

// Grade runs the visible check and every hidden test on answer. Each test
// that passes earns an equal share of the exercise's points.
func (e *Exercise) Grade(answer any) Grade {
	g := Grade{ID: e.spec.ID, Max: e.spec.Points, Attempted: true, Tests: e.Tests()}
	for i := 0; i < g.Tests; i++ {
		g.Add(e.RunTest(i, answer))
	}
	return g
}

// Add counts one test's verdict into g and recomputes its points.
func (g *Grade) Add(f Feedback) {
	if f.Passed {
		g.Passed++
	} else {
		g.Failures = append(g.Failures, f)
	}
	if g.Tests > 0 {
		g.Points = g.Max * float64(g.Passed) / float64(g.Tests)
	}
}

// GradeSubmitted grades the answer last passed to Check, or returns a
// zero Grade with Attempted false when there is none. It also reports the
// hints and solution the student asked for. The teacher's grader calls it
// after running a student's notebook.
func (e *Exercise) GradeSubmitted() Grade {
	answer, ok := Submitted(e.spec.ID)
	var g Grade
	if ok {
		g = e.Grade(answer)
	} else {
		g = Grade{ID: e.spec.ID, Max: e.spec.Points, Tests: e.Tests()}
	}
	g.Hints, g.SolutionViewed = Usage(e.spec.ID)
	return g
}

// Usage reports how many hints of exercise id were shown and whether its
// solution was.
func Usage(id string) (hints int, solution bool) {
	exercises.Lock()
	defer exercises.Unlock()
	return exercises.hints[id], exercises.solution[id]
}

// Submitted returns the answer last passed to Check for the exercise id.
func Submitted(id string) (any, bool) {
	exercises.Lock()
	defer exercises.Unlock()
	a, ok := exercises.submitted[id]
	return a, ok
}

// SubmittedIDs returns the IDs of every exercise with a submission, sorted.
func SubmittedIDs() []string {
	exercises.Lock()
	defer exercises.Unlock()
	ids := make([]string, 0, len(exercises.submitted))
	for id := range exercises.submitted {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ResetSubmissions forgets every submission and every hint and solution
// shown (between two students' notebooks in the grader).
func ResetSubmissions() {
	exercises.Lock()
	defer exercises.Unlock()
	exercises.submitted = nil
	exercises.hints = nil
	exercises.solution = nil
}
