package lessons

import (
	"strings"
)

// Feedback is a checker's verdict on one answer. It displays in a cell as
// Markdown: a ✓ or ✗ line, what is wrong (which entry, expected against
// got, the expected shape), the input it happened on and the likely cause.
// Its text is in the language that was current when the check ran.
type Feedback struct {
	// ID and Title name the exercise; both are empty for a bare checker.
	ID, Title string
	// Passed is true when the answer is right.
	Passed bool
	// Input describes the input the problem showed up on (function
	// exercises), as Markdown; empty otherwise.
	Input string
	// Problem says what is wrong, as Markdown; empty when Passed.
	Problem string
	// Revealed is Problem with the expected values shown, when the checker
	// left them out of Problem (Value does, unless Value.Reveal); empty
	// otherwise. Exercise shows it in place of Problem on hidden tests, in
	// the grader's report and after Solution, and clears it otherwise.
	Revealed string
	// Causes are likely causes, one sentence each.
	Causes []string
	// Notes are remarks that do not change the verdict (for example, the
	// function changed its input slice).
	Notes []string
	// Hidden is true when the verdict came from a hidden test, which a
	// student does not see while working (the grader reports it).
	Hidden bool
}

// Pass returns a passing Feedback.
func Pass() Feedback { return Feedback{Passed: true} }

// Fail returns a failing Feedback with the given problem and causes.
func Fail(problem string, causes ...string) Feedback {
	return Feedback{Problem: problem, Causes: causes}
}

// Markdown renders the verdict for a notebook cell.
func (f Feedback) Markdown() string {
	var b strings.Builder
	head := f.Title
	if head != "" {
		head += T("lessons.punct.colon")
	}
	if f.Passed {
		b.WriteString("**✓ " + head + T("lessons.fb.correct") + "**\n")
	} else {
		b.WriteString("**✗ " + head + T("lessons.fb.notYet") + "**\n")
	}
	if f.Hidden {
		b.WriteString("\n" + T("lessons.fb.hidden") + "\n")
	}
	if f.Input != "" {
		b.WriteString("\n" + f.Input + "\n")
	}
	if f.Problem != "" {
		b.WriteString("\n" + strings.TrimRight(f.Problem, "\n") + "\n")
	}
	for _, c := range f.Causes {
		b.WriteString("\n**" + T("lessons.fb.cause") + "** " + c + "\n")
	}
	for _, n := range f.Notes {
		b.WriteString("\n*" + T("lessons.fb.note") + "* " + n + "\n")
	}
	if !f.Passed && f.ID != "" {
		b.WriteString("\n*" + T("lessons.fb.stuck") + "*\n")
	}
	return b.String()
}

// String renders the verdict as plain text, for fmt.Println and for the
// grader's report.
func (f Feedback) String() string {
	return plainText(f.Markdown())
}

// Summary is the verdict in one line: ✓ or ✗, the title and the first line
// of the problem.
func (f Feedback) Summary() string {
	mark := "✓"
	if !f.Passed {
		mark = "✗"
	}
	s := mark
	if f.Title != "" {
		s += " " + f.Title
	}
	if p := strings.TrimSpace(f.Problem); p != "" {
		if i := strings.IndexByte(p, '\n'); i >= 0 {
			p = p[:i]
		}
		if f.Title != "" {
			s += T("lessons.punct.colon")
		} else {
			s += " "
		}
		s += strings.NewReplacer("**", "", "`", "").Replace(p)
	}
	return s
}
