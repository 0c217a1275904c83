package lessons

import (
	"math"
	"strings"
	"testing"
)

type tensor struct {
	Shape []int
	Data  []float64
}

type gonumLike struct{ r, c int }

func (g gonumLike) Dims() (int, int)    { return g.r, g.c }
func (g gonumLike) At(i, j int) float64 { return float64(10*i + j) }

func TestAsArray(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    any
		shape []int
		data  []float64
		err   string // substring of the error, "" for none
	}{
		{"float", 2.5, []int{}, []float64{2.5}, ""},
		{"int", 3, []int{}, []float64{3}, ""},
		{"uint8", uint8(7), []int{}, []float64{7}, ""},
		{"vector", []float64{1, 2}, []int{2}, []float64{1, 2}, ""},
		{"int matrix", [][]int{{1, 2}, {3, 4}}, []int{2, 2}, []float64{1, 2, 3, 4}, ""},
		{"array", [2][3]float32{{1, 2, 3}, {4, 5, 6}}, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}, ""},
		{"3-D", [][][]float64{{{1}, {2}}, {{3}, {4}}}, []int{2, 2, 1}, []float64{1, 2, 3, 4}, ""},
		{"empty", []float64{}, []int{0}, nil, ""},
		{"tensor struct", tensor{Shape: []int{1, 2}, Data: []float64{5, 6}}, []int{1, 2}, []float64{5, 6}, ""},
		{"tensor pointer", &tensor{Shape: []int{2}, Data: []float64{5, 6}}, []int{2}, []float64{5, 6}, ""},
		{"matrix-like", gonumLike{2, 2}, []int{2, 2}, []float64{0, 1, 10, 11}, ""},
		{"any slice", []any{1, 2.5}, []int{2}, []float64{1, 2.5}, ""},
		{"nil", nil, nil, nil, "nil"},
		{"nil pointer", (*tensor)(nil), nil, nil, "nil"},
		{"string", "five", nil, nil, `a string ("five")`},
		{"ragged", [][]float64{{1, 2}, {3}}, nil, nil, "index [1] should hold 2 entries like the first one, but holds 1"},
		{"ragged deeper", [][]float64{{1}, {2, 3}}, nil, nil, "index [1] should hold 1 entries"},
		{"nil inside", []any{1.0, nil}, nil, nil, "nil at index [1]"},
		{"string inside", []any{1.0, "x"}, nil, nil, "found a string at index [1]"},
	} {
		got, err := AsArray(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !sameShape(got.Shape, tc.shape) || len(got.Data) != len(tc.data) {
			t.Errorf("%s: got %v %v, want %v %v", tc.name, got.Shape, got.Data, tc.shape, tc.data)
			continue
		}
		for i := range tc.data {
			if got.Data[i] != tc.data[i] {
				t.Errorf("%s: got %v, want %v", tc.name, got.Data, tc.data)
				break
			}
		}
	}
}

// softmaxRows is the reference for the cause tests: softmax over the last
// axis of a matrix.
func softmaxRows(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, v)
		}
		s := 0.0
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = math.Exp(v - m)
			s += out[i][j]
		}
		for j := range row {
			out[i][j] /= s
		}
	}
	return out
}

func softmaxCols(x [][]float64) [][]float64 {
	r, c := len(x), len(x[0])
	t := make([][]float64, c)
	for j := range t {
		t[j] = make([]float64, r)
		for i := range x {
			t[j][i] = x[i][j]
		}
	}
	s := softmaxRows(t)
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range out[i] {
			out[i][j] = s[j][i]
		}
	}
	return out
}

// TestValueFeedback checks what a student reads for typical wrong answers:
// which entry, expected against got, the shape, and the likely cause.
func TestValueFeedback(t *testing.T) {
	scores := [][]float64{{1, 2, 3}, {0.5, -1, 2}}
	conv := [][]float64{{19, 25}, {37, 43}} // 3×3 input 0..8 with kernel [[0,1],[2,3]]
	for _, tc := range []struct {
		name   string
		want   any
		tol    Tol
		causes []Cause
		answer any
		pass   bool
		say    []string // substrings of the Markdown, in English
	}{
		{"right", conv, Exact, nil, [][]float64{{19, 25}, {37, 43}}, true, []string{"✓"}},
		{"right as ints", conv, Exact, nil, [][]int{{19, 25}, {37, 43}}, true, nil},
		{"within tolerance", 0.6652, ByHand, nil, 0.67, true, nil},
		{"one entry", conv, Exact, nil, [][]float64{{19, 25}, {36, 43}},
			false, []string{"✗", "First wrong entry [1, 0]: expected 37, got 36", "1 of 4 entries are wrong", "| [1, 0] | 37 | 36 | ✗ |"}},
		{"shape", conv, Exact, nil, [][]float64{{19, 25, 31}, {37, 43, 49}},
			false, []string{"Wrong shape: expected (2, 2), got (2, 3)", "off by one (axis 1: expected 2, got 3)", "+1"}},
		{"squeezed", [][][][]float64{{{{19, 25}, {37, 43}}}}, Exact, nil, conv,
			false, []string{"Wrong shape: expected (1, 1, 2, 2), got (2, 2)", "numbers are right", "axes of size 1"}},
		{"number for array", conv, Exact, nil, 19, false, []string{"You gave a single number, but the answer is an array of shape (2, 2)"}},
		{"array for number", 3, Exact, nil, []int{3}, false, []string{"The answer is a single number, but you gave an array of shape (1,)"}},
		{"bias", conv, Exact, nil, [][]float64{{18.5, 24.5}, {36.5, 42.5}},
			false, []string{"off by the same amount: a missing or extra bias"}},
		{"bias per channel", [][][]float64{{{1, 2}}, {{3, 4}}}, Exact, nil, [][][]float64{{{0, 1}}, {{1, 2}}},
			false, []string{"Each channel", "own constant", "per output channel"}},
		{"softmax axis", softmaxRows(scores), Float, nil, softmaxCols(scores),
			false, []string{"sum to 1 along axis 0", "axis 1 (the last)", "softmax over the wrong axis"}},
		{"transposed", [][]float64{{1, 2, 3}, {4, 5, 6}}, Exact, nil, [][]float64{{1, 4}, {2, 5}, {3, 6}},
			false, []string{"transpose", "expected shape (2, 3), got (3, 2)"}},
		{"missing 1/sqrt(d)", [][]float64{{0.5, 1}, {1.5, 2}}, Float, nil, [][]float64{{1, 2}, {3, 4}},
			false, []string{"2 times the expected one", "√4", "1/√d_k"}},
		{"sum not mean", []float64{1, 2}, Float, nil, []float64{3, 6},
			false, []string{"3 times", "a sum where a mean"}},
		{"flipped kernel", [][]float64{{0, 1}, {2, 3}}, Exact, nil, [][]float64{{3, 2}, {1, 0}},
			false, []string{"rotated by 180°", "Cross-correlation"}},
		{"negated", []float64{1, -2, 3}, Exact, nil, []float64{-1, 2, -3}, false, []string{"every sign flipped"}},
		{"zeros", []float64{1, -2, 3}, Exact, nil, []float64{0, 0, 0}, false, []string{"Every entry of your answer is 0"}},
		{"NaN", []float64{0.5, 0.5}, Float, nil, []float64{math.NaN(), math.NaN()},
			false, []string{"contains NaN (first at [0])", "subtract the maximum"}},
		{"shifted", []float64{1, 2, 3, 4, 5}, Exact, nil, []float64{2, 3, 4, 5, 9}, false, []string{"shifted by one position"}},
		{"permuted", []float64{1, 2, 3, 4}, Exact, nil, []float64{1, 3, 2, 4}, false, []string{"exactly the right numbers, in the wrong places"}},
		{"scalar off by one", 3, Exact, nil, 2, false, []string{"Expected 3, got 2", "Your answer 2 is off by one: the +1"}},
		{"known mistake", 3, Exact, []Cause{Mistake(2, Text{EN: "You forgot the +1.", ZH: "你忘了 +1。"})}, 2,
			false, []string{"You forgot the +1."}},
		{"function instead of value", 3, Exact, nil, func() int { return 3 }, false, []string{"You passed a function (func() int); pass its result"}},
		{"string", 3, Exact, nil, "3", false, []string{`Expected a number, but got a string ("3")`}},
		{"nil", conv, Exact, nil, nil, false, []string{"You passed nil", "This exercise wants a [][]float64 of shape (2, 2)"}},
		{"ragged", conv, Exact, nil, [][]float64{{19, 25}, {37}}, false, []string{"not rectangular", "This exercise wants a [][]float64 of shape (2, 2)"}},
	} {
		withLang(t, EN, func() {
			f := Value{Want: tc.want, Tol: tc.tol, Causes: tc.causes, Reveal: true}.Check(tc.answer)
			md := f.Markdown()
			if f.Passed != tc.pass {
				t.Errorf("%s: Passed = %v, want %v\n%s", tc.name, f.Passed, tc.pass, md)
			}
			for _, s := range tc.say {
				if !strings.Contains(md, s) {
					t.Errorf("%s: feedback lacks %q:\n%s", tc.name, s, md)
				}
			}
		})
	}
}

func TestFeedbackInChinese(t *testing.T) {
	withLang(t, ZH, func() {
		f := Value{Want: [][]float64{{19, 25}, {37, 43}}, Reveal: true}.Check([][]float64{{19, 25}, {36, 43}})
		md := f.Markdown()
		for _, s := range []string{"还不对", "第一个错误的元素 [1, 0]：应为 37，实际为 36", "| 元素 | 应为 | 实际 |"} {
			if !strings.Contains(md, s) {
				t.Errorf("zh feedback lacks %q:\n%s", s, md)
			}
		}
		if !strings.Contains(Value{Want: 1}.Check(1).Markdown(), "正确") {
			t.Error("zh pass lacks 正确")
		}
	})
}

func addOne(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v + 1
	}
	return out
}

// Num is passed as an answer below: an exported function of this module,
// which the Func checker must refuse as "the library's own function".
var _ = Num

func TestFuncFeedback(t *testing.T) {
	check := Func{Ref: addOne, Params: []string{"x"}, Cases: []Case{
		{Args: []any{[]float64{1, 2, 3}}},
		{Args: []any{[]float64{}}, About: Text{EN: "an empty slice", ZH: "空切片"}},
	}}
	for _, tc := range []struct {
		name   string
		answer any
		pass   bool
		say    []string
	}{
		{"right", func(x []float64) []float64 {
			out := make([]float64, len(x))
			for i := range x {
				out[i] = x[i] + 1
			}
			return out
		}, true, nil},
		{"wrong", func(x []float64) []float64 { return x }, false,
			[]string{"On input `x = [1 2 3]`", "First wrong entry [0]: expected 2, got 1"}},
		{"fails only on the empty case", func(x []float64) []float64 {
			out := make([]float64, len(x))
			for i := range x {
				out[i] = x[i] + 1
			}
			_ = x[0]
			return out
		}, false, []string{"On input `x = []` (an empty slice)", "panicked: runtime error: index out of range [0] with length 0", "loop bounds"}},
		{"signature", func(x []float64) float64 { return 0 }, false,
			[]string{"Expected a function `func(x []float64) []float64`, but yours is func([]float64) float64"}},
		{"called instead of passed", []float64{2, 3, 4}, false,
			[]string{"Expected the function itself", "got a []float64", "softmax, not softmax(x)"}},
		{"nil", nil, false, []string{"You passed nil", "Expected a function `func(x []float64) []float64`"}},
		{"nil func", (func([]float64) []float64)(nil), false, []string{"The function is nil"}},
		{"mutates", func(x []float64) []float64 {
			for i := range x {
				x[i]++
			}
			return x
		}, true, []string{"changed its input `x`"}},
	} {
		withLang(t, EN, func() {
			f := check.Check(tc.answer)
			md := f.Markdown()
			if f.Passed != tc.pass {
				t.Errorf("%s: Passed = %v, want %v\n%s", tc.name, f.Passed, tc.pass, md)
			}
			for _, s := range tc.say {
				if !strings.Contains(md, s) {
					t.Errorf("%s: feedback lacks %q:\n%s", tc.name, s, md)
				}
			}
		})
	}
	pure := check
	pure.Pure = true
	mut := func(x []float64) []float64 {
		for i := range x {
			x[i]++
		}
		return x
	}
	if f := pure.Check(mut); f.Passed {
		t.Error("Pure: a function changing its input passed")
	}
	lib := Func{Ref: func(float64) string { return "" }, Cases: []Case{{Args: []any{1.0}}}}
	if f := lib.Check(Num); f.Passed || !strings.Contains(f.Problem, "lessons.Num") {
		t.Errorf("passing the library's Num: %+v", f)
	}
	if f := lib.Check(func(v float64) string { return "" }); !f.Passed {
		t.Errorf("a closure was taken for a library function: %+v", f)
	}
}

func TestFuncMultipleResultsAndErrors(t *testing.T) {
	ref := func(n, k int) (int, error) {
		if k > n {
			return 0, errTest
		}
		return n - k + 1, nil
	}
	check := Func{Ref: ref, Params: []string{"n", "k"}, Cases: []Case{
		{Args: []any{5, 3}},
		{Args: []any{2, 3}, About: Text{EN: "a kernel larger than the input", ZH: "卷积核比输入大"}},
	}}
	if f := check.Check(ref); !f.Passed {
		t.Errorf("reference failed: %s", f.Markdown())
	}
	noErr := func(n, k int) (int, error) { return n - k + 1, nil }
	f := check.Check(noErr)
	if f.Passed || !strings.Contains(f.Problem, "should get one") || !strings.Contains(f.Input, "a kernel larger") {
		t.Errorf("missing error not reported: %s", f.Markdown())
	}
	off := func(n, k int) (int, error) { return n - k, nil }
	if f := check.Check(off); f.Passed || !strings.Contains(f.Problem, "Result 1:") || !strings.Contains(f.Markdown(), "off by one") {
		t.Errorf("off by one not reported: %s", f.Markdown())
	}
}

type testErr struct{}

func (testErr) Error() string { return "kernel larger than input" }

var errTest error = testErr{}

func TestChoice(t *testing.T) {
	c := Choice{Want: "b", Options: []string{"a", "b", "c"}, Why: map[string]Text{
		"a": {EN: "That is true convolution, which flips the kernel.", ZH: "那是会翻转卷积核的真正卷积。"},
	}}
	for _, tc := range []struct {
		answer any
		pass   bool
		say    string
	}{
		{"b", true, ""}, {" B ", true, ""},
		{"a", false, "flips the kernel"},
		{"d", false, "is not one of the choices (a, b, c)"},
		{2, false, "Expected a string, but got an int (2)"},
		{nil, false, "nil"},
	} {
		f := c.Check(tc.answer)
		if f.Passed != tc.pass || !strings.Contains(f.Markdown(), tc.say) {
			t.Errorf("Choice(%v): %s", tc.answer, f.Markdown())
		}
	}
}

func TestExerciseFlow(t *testing.T) {
	ResetSubmissions()
	defer ResetSubmissions()
	ex := NewExercise(Spec{
		ID: "test.flow", Title: Text{EN: "Flow", ZH: "流程"},
		Prompt: Text{EN: "Give 3.", ZH: "给出 3。"},
		Hints:  []Text{{EN: "first", ZH: "一"}, {EN: "second", ZH: "二"}},
		Check:  Value{Want: 3}.Check,
		Hidden: []Checker{Value{Want: 3}.Check, func(any) Feedback { panic("checker bug") }},
	})
	if _, ok := Submitted("test.flow"); ok {
		t.Fatal("submission before Check")
	}
	if g := ex.GradeSubmitted(); g.Attempted || g.Points != 0 || g.Tests != 3 {
		t.Errorf("unattempted grade: %+v", g)
	}
	f := ex.Check(4)
	if f.Passed || f.ID != "test.flow" || f.Title != "Flow" || !strings.Contains(f.Markdown(), ".Hint()") {
		t.Errorf("Check(4): %+v", f)
	}
	ex.Check(3)
	if a, _ := Submitted("test.flow"); a != 3 {
		t.Errorf("submitted %v, want the last answer 3", a)
	}
	h1, h2, h3 := ex.Hint(), ex.Hint(), ex.Hint()
	if !strings.Contains(string(h1), "first") || strings.Contains(string(h1), "second") || !strings.Contains(string(h1), "again") {
		t.Errorf("first hint: %q", h1)
	}
	if !strings.Contains(string(h2), "second") || h3 != h2 {
		t.Errorf("later hints: %q / %q", h2, h3)
	}
	g := ex.GradeSubmitted()
	if !g.Attempted || g.Passed != 2 || g.Tests != 3 || math.Abs(g.Points-2.0/3) > 1e-12 || g.Hints != 2 || g.SolutionViewed {
		t.Errorf("grade: %+v", g)
	}
	if len(g.Failures) != 1 || !g.Failures[0].Hidden || !strings.Contains(g.Failures[0].Problem, "checker itself failed") {
		t.Errorf("a panicking hidden checker: %+v", g.Failures)
	}
	ex.Solution()
	if g := ex.GradeSubmitted(); !g.SolutionViewed {
		t.Error("solution view not recorded")
	}
	if md := ex.Markdown(); !strings.Contains(md, "Exercise: Flow") || !strings.Contains(md, "Give 3.") {
		t.Errorf("exercise markdown: %q", md)
	}
	if e, ok := FindExercise("test.flow"); !ok || e != ex {
		t.Error("FindExercise")
	}
	ResetSubmissions()
	if ids := SubmittedIDs(); len(ids) != 0 {
		t.Errorf("after reset: %v", ids)
	}
	for _, bad := range []Spec{{ID: "", Check: Value{Want: 1}.Check}, {ID: "x.nocheck"}, {ID: "test.flow", Check: Value{Want: 1}.Check}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewExercise(%+v) did not panic", bad)
				}
			}()
			NewExercise(bad)
		}()
	}
}

func TestWelcomeExercises(t *testing.T) {
	ResetSubmissions()
	defer ResetSubmissions()
	withLang(t, EN, func() {
		if f := ExMean.Check(15); f.Passed || !strings.Contains(f.Markdown(), "15 is the sum") {
			t.Errorf("mean 15: %s", f.Markdown())
		}
		if f := ExMean.Check(5); !f.Passed {
			t.Errorf("mean 5: %s", f.Markdown())
		}
		inPlace := func(xs []float64) []float64 {
			for i := range xs {
				xs[i] *= 2
			}
			return xs
		}
		if f := ExDouble.Check(inPlace); !f.Passed {
			t.Errorf("in-place double fails the visible check: %s", f.Markdown())
		}
		g := ExDouble.Grade(inPlace)
		if g.Passed != 2 || g.Tests != 3 || len(g.Failures) != 1 || !strings.Contains(g.Failures[0].Problem, "changed its input") {
			t.Errorf("hidden tests on in-place double: %+v", g)
		}
		if g := ExDouble.Grade(double); g.Passed != g.Tests {
			t.Errorf("reference double: %+v", g)
		}
	})
	if l, ok := Find("0"); !ok || l != Welcome || len(l.Exercises) != 2 {
		t.Errorf("Find(0) = %v %v", l, ok)
	}
}

func TestMatchName(t *testing.T) {
	for _, tc := range []struct {
		full, q string
		want    bool
	}{
		{"01-convolution", "01-convolution", true}, {"01-convolution", "1", true}, {"01-convolution", "01", true},
		{"01-convolution", "convolution", true}, {"01-convolution", "01-convolution.ipynb", true},
		{"01-convolution", "2", false}, {"01-convolution", "conv", false},
	} {
		if got := MatchName(tc.full, tc.q); got != tc.want {
			t.Errorf("MatchName(%q, %q) = %v", tc.full, tc.q, got)
		}
	}
}
