// Package lessons is the framework of the stepwise lessons: walkthroughs
// that display richly in a notebook cell, exercises whose checkers say
// what is wrong, the language setting (English or Simplified Chinese) and
// the one terminology table. The content lives in lessons/conv,
// lessons/rnn and lessons/attention; notebook 00's two exercises live
// here.
//
// Every value meant for a cell displays by its method set — Markdown()
// (with $…$ LaTeX), HTML(), PNG() — so this package never imports the
// kernel.
//
// # Exercises
//
// An exercise is made once, by a content package, from a Spec:
//
//	var ExOutSize = lessons.NewExercise(lessons.Spec{
//		ID:     "conv.out-size",
//		Title:  lessons.Text{EN: "Output size", ZH: "输出尺寸"},
//		Prompt: lessons.Text{EN: "…", ZH: "…"},
//		Hints:  []lessons.Text{{EN: "…", ZH: "…"}},
//		Solution: lessons.Text{EN: "…", ZH: "…"},
//		Check: lessons.Value{Want: 3, Causes: []lessons.Cause{
//			lessons.Mistake(2, lessons.Text{EN: "…forgot the +1", ZH: "…忘了 +1"}),
//		}}.Check,
//		Hidden: []lessons.Checker{…},
//	})
//
// In a notebook, ExOutSize shows the task, ExOutSize.Check(answer) a
// Feedback, ExOutSize.Hint() one more hint per call and
// ExOutSize.Solution() the solution. The answer last passed to Check is
// recorded (Submitted); the teacher's grader (stepwise grade) runs the
// notebook, then Exercise.GradeSubmitted runs the visible check and the
// hidden tests on it.
//
// # Checkers
//
// Value compares a number, vector, matrix or tensor (any nesting of
// numeric slices, a struct with Shape and Data like mathref.Tensor, a
// gonum matrix: see AsArray) within a Tol. Func calls the student's
// function and a reference on each Case, copying the arguments, and
// reports a wrong signature, a panic with the input that caused it, a
// wrong result and a changed input. Choice checks a multiple-choice
// answer. A Checker may also be any func(answer any) Feedback.
//
// # Feedback and likely causes
//
// A Feedback displays as Markdown: ✓ or ✗, the input, what is wrong —
// the first wrong entry with expected and got, how many entries differ,
// the largest difference, a small table — and likely causes. A Cause
// recognises a typical mistake: Mistake(wrong, why) a known wrong answer;
// DefaultCauses the general ones (an off-by-one size, a transpose,
// softmax over the wrong axis, a missing bias or per-channel bias, a
// missing 1/√d_k or other scale, a flipped kernel, a shift by one, NaN
// from an overflowing exp, all zeros, the right numbers in the wrong
// places). Bad input — nil, a string, a ragged slice, a function where a
// value is wanted — gets a message naming what was expected.
//
// # Language
//
// SetLang("zh") or the %lang zh magic switches every student-facing
// string; English is the default (or STEPWISE_LANG). Strings are written
// in both languages side by side: a Text{EN, ZH} where a value is made
// once, or a Catalog registered with RegisterCatalog and looked up with T
// where a message is formatted with numbers. Terms is the terminology
// table (d2l-zh's usage); Untranslated, run by each package's tests,
// reports any message, exercise or lesson text without its Chinese,
// with mismatched fmt verbs, or not using the table's term.
//
// # Walkthroughs
//
// A Walkthrough is a sequence of Steps (a title, Markdown with the actual
// numbers in LaTeX, figures). In a cell it is a player: a slider and ◀ ▶
// buttons over the steps, in plain HTML and a few lines of script, with
// every formula already converted to MathML so that it renders without
// MathJax.
//
// # Formulas and Markdown without a network
//
// MathML converts the TeX the lessons use to MathML Core, which browsers
// draw natively; MarkdownHTML renders the lessons' Markdown to HTML with
// it. Both serve the player and stepwise lesson --html, whose pages must
// open offline.
//
// # Lessons
//
// Register records a Lesson (its notebook name and exercises) so that the
// grader knows which exercises a submitted notebook holds; Find looks one
// up by name or number.
package lessons
