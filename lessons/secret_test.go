package lessons

import (
	"math"
	"strings"
	"testing"
)

// TestVisibleCheckHidesExpected: a visible Value check says what is wrong
// without the expected numbers; the Exercise shows them only after
// Solution, and the grader always.
func TestVisibleCheckHidesExpected(t *testing.T) {
	want := [][]float64{{19.25, 25.5}, {37.75, 43.125}}
	wrong := [][]float64{{19.25, 20}, {-30, 43.125}}
	for _, l := range []string{EN, ZH} {
		withLang(t, l, func() {
			f := Value{Want: want}.Check(wrong)
			all := f.Problem + strings.Join(f.Causes, " ")
			for _, secret := range []string{"25.5", "37.75"} {
				if strings.Contains(all, secret) {
					t.Errorf("%s: visible feedback shows the expected %s:\n%s", l, secret, all)
				}
			}
			say := map[string][]string{
				EN: {"2 of 4 entries are wrong.", "Wrong entries: [0, 1] [1, 0].", "| [0, 1] | 20 | ✗ too small by 10–50% |", "| [1, 0] | -30 | ✗ wrong sign |", "after .Solution()"},
				ZH: {"2 / 4 个元素不对。", "| [0, 1] | 20 | ✗ 偏小 10–50% |", "| [1, 0] | -30 | ✗ 符号不对 |", ".Solution()"},
			}[l]
			for _, s := range say {
				if !strings.Contains(f.Problem, s) {
					t.Errorf("%s: feedback lacks %q:\n%s", l, s, f.Problem)
				}
			}
			if !strings.Contains(f.Revealed, "37.75") {
				t.Errorf("%s: Revealed lacks the expected values: %q", l, f.Revealed)
			}
		})
	}
	// A wrong shape is told in full: the shape is part of the task.
	withLang(t, EN, func() {
		if f := (Value{Want: want}).Check([]float64{1, 2}); !strings.Contains(f.Problem, "Wrong shape: expected (2, 2), got (2,)") {
			t.Errorf("shape: %q", f.Problem)
		}
	})
}

func TestExerciseRevealsAfterSolution(t *testing.T) {
	defer ResetSubmissions()
	ResetSubmissions()
	withLang(t, EN, func() {
		f := ExMean.Check(6)
		if strings.Contains(f.Problem, "Expected 5") || f.Revealed != "" || !strings.Contains(f.Problem, "6 is not right: too big by 10–50%") {
			t.Errorf("before the solution: Problem %q, Revealed %q", f.Problem, f.Revealed)
		}
		// The grader sees the expected value without the student asking.
		if g := ExMean.RunTest(0, 6.0); !strings.Contains(g.Problem, "Expected 5, got 6") {
			t.Errorf("grader: %q", g.Problem)
		}
		if g := ExMean.Grade(6.0); len(g.Failures) != 1 || !strings.Contains(g.Failures[0].Problem, "Expected 5, got 6") {
			t.Errorf("Grade: %+v", g.Failures)
		}
		if h, sol := Usage(ExMean.ID()); h != 0 || sol {
			t.Errorf("grading counted as help: hints %d, solution %v", h, sol)
		}
		ExMean.Solution()
		if f := ExMean.Check(6); !strings.Contains(f.Problem, "Expected 5, got 6") {
			t.Errorf("after the solution: %q", f.Problem)
		}
	})
}

// TestNonFiniteFormatting: an infinite or NaN expected value is matched
// exactly, and no message prints "±+Inf" or "±NaN".
func TestNonFiniteFormatting(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		want, got []float64
		tol       Tol
		en, zh    string
	}{
		{[]float64{0, -inf}, []float64{0, -1e9}, Float,
			"1 of 2 entries are wrong; the worst is at [1]: expected -Inf, got -1e+09.", "1 / 2 个元素不对；差得最多的在 [1]：应为 -Inf，实际为 -1e+09。"},
		{[]float64{1, 2}, []float64{1, math.NaN()}, Float,
			"the worst is at [1]: expected 2, got NaN.", "差得最多的在 [1]：应为 2，实际为 NaN。"},
		{[]float64{-inf}, []float64{inf}, ByHand, "Expected -Inf, got +Inf.", "应为 -Inf，实际为 +Inf。"},
	} {
		want, _ := AsArray(tc.want)
		got, _ := AsArray(tc.got)
		if len(tc.want) == 1 {
			want.Shape, got.Shape = []int{}, []int{}
		}
		d := Compare(got, want, tc.tol)
		for _, l := range []string{EN, ZH} {
			withLang(t, l, func() {
				r := d.Report() + d.SecretReport()
				say := map[string]string{EN: tc.en, ZH: tc.zh}[l]
				if !strings.Contains(r, say) {
					t.Errorf("%s: report lacks %q:\n%s", l, say, r)
				}
				for _, bad := range []string{"±+Inf", "±Inf", "±NaN", "is +Inf, at"} {
					if strings.Contains(r, bad) {
						t.Errorf("%s: report says %q:\n%s", l, bad, r)
					}
				}
			})
		}
	}
	withLang(t, ZH, func() {
		if got := Float.At(math.Inf(-1)); got != "精确相等" {
			t.Errorf("Float.At(-Inf) = %q", got)
		}
	})
	withLang(t, EN, func() {
		if got := (Tol{Abs: 0.5}).At(math.NaN()); got != "exactly" {
			t.Errorf("At(NaN) = %q", got)
		}
		// The attention lesson's case: a causal mask with −1e9.
		f := Func{Ref: func(n int) [][]float64 { return [][]float64{{0, math.Inf(-1)}, {0, 0}} }, Cases: []Case{{Args: []any{2}}}}.
			Check(func(n int) [][]float64 { return [][]float64{{0, -1e9}, {0, 0}} })
		if f.Passed || strings.Contains(f.Problem, "Inf)") || !strings.Contains(f.Problem, "expected -Inf, got -1e+09") {
			t.Errorf("causal mask feedback:\n%s", f.Problem)
		}
	})
}

func TestHowFar(t *testing.T) {
	withLang(t, EN, func() {
		for _, tc := range []struct {
			got, want float64
			say       string
		}{
			{5, 5, ""},
			{5.02, 5, "slightly too big, by less than 1%; it must match exactly"},
			{4.9, 5, "too small by 1–10%"},
			{7, 5, "too big by 10–50%"},
			{8, 5, "too big by more than 50%"},
			{10, 5, "too big, more than twice the right value"},
			{1, 5, "too small by more than 50%"},
			{-5, 5, "wrong sign"},
			{0, -2, "the right answer is negative"},
			{1, 0, "too big"},
			{math.Inf(1), 3, "the right answer is finite"},
			{-1e9, math.Inf(-1), "too big"},
			{3, math.NaN(), "the right answer is not a number here"},
		} {
			if got := HowFar(tc.got, tc.want, Exact); got != tc.say {
				t.Errorf("HowFar(%v, %v) = %q, want %q", tc.got, tc.want, got, tc.say)
			}
		}
	})
}

// TestCausesDoNotReveal: the default causes name the mistake, not the
// numbers that would give the answer away.
func TestCausesDoNotReveal(t *testing.T) {
	withLang(t, EN, func() {
		for _, tc := range []struct {
			name      string
			want, got any
			say, not  string
		}{
			{"scalar, ordinary factor", 5.0, 6.0, "", "1.2"},
			{"scalar, telling factor", 5.0, 10.0, "Your answer is 2 times the right one.", ""},
			{"array, ordinary factor", []float64{1, 2, 4}, []float64{1.25, 2.5, 5}, "off by the same factor", "1.25"},
			{"array, bias", []float64{1, 2, 4}, []float64{1.75, 2.75, 4.75}, "off by the same amount: a missing", "0.75"},
		} {
			f := Value{Want: tc.want}.Check(tc.got)
			all := strings.Join(f.Causes, " ")
			if tc.say != "" && !strings.Contains(all, tc.say) {
				t.Errorf("%s: causes lack %q: %q", tc.name, tc.say, all)
			}
			if tc.say == "" && strings.Contains(all, "times") {
				t.Errorf("%s: a scale named for a single number: %q", tc.name, all)
			}
			if tc.not != "" && strings.Contains(all, tc.not) {
				t.Errorf("%s: feedback names %q: %q %q", tc.name, tc.not, f.Problem, all)
			}
		}
	})
}

// TestExerciseBundle: an untrusted Jupyter notebook skips Markdown outputs
// and shows text/plain, so the exercise's text/plain holds the task.
func TestExerciseBundle(t *testing.T) {
	withLang(t, EN, func() {
		b := ExMean.SimpleRender()
		md, _ := b["text/markdown"].(string)
		plain, _ := b["text/plain"].(string)
		if md != ExMean.Markdown() {
			t.Errorf("text/markdown = %q", md)
		}
		for _, want := range []string{"Exercise: The mean of three numbers", "What is the mean of $2$, $4$ and $9$? Pass the number to lessons.ExMean.Check.", ".Hint()"} {
			if !strings.Contains(plain, want) {
				t.Errorf("text/plain lacks %q:\n%s", want, plain)
			}
		}
	})
}
