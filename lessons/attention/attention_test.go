package attention

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// close reports whether a and b agree within tol (entry by entry).
func closeRows(a, b [][]float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if math.IsInf(b[i][j], 0) || math.IsNaN(b[i][j]) {
				if a[i][j] != b[i][j] && !(math.IsNaN(a[i][j]) && math.IsNaN(b[i][j])) {
					return false
				}
				continue
			}
			if math.Abs(a[i][j]-b[i][j]) > tol {
				return false
			}
		}
	}
	return true
}

func tensorRows(t mathref.Tensor) [][]float64 {
	out := make([][]float64, t.Shape[0])
	for i := range out {
		out[i] = t.Sub(i).Data
	}
	return out
}

// TestExampleNumbers checks the example's weights against the formula
// worked out independently here: row "cats" has scores (0, 1, 0, 0).
func TestExampleNumbers(t *testing.T) {
	a := Sentence().Walk()
	e := math.Exp(-1)
	cats := []float64{e / (1 + 3*e), 1 / (1 + 3*e), e / (1 + 3*e), e / (1 + 3*e)} // scores (0, 1, 0, 0), shifted by the max 1
	if !closeRows([][]float64{a.Weights[0]}, [][]float64{cats}, 1e-12) {
		t.Errorf("weights of cats = %v, want %v", a.Weights[0], cats)
	}
	// drink: q = (2, 0, 0, 1); q·k = (2, 0, 0, 3); scaled (1, 0, 0, 1.5)
	wantDots := []float64{2, 0, 0, 3}
	if !closeRows([][]float64{a.Dots[1]}, [][]float64{wantDots}, 0) {
		t.Errorf("q·k of drink = %v, want %v", a.Dots[1], wantDots)
	}
	if !closeRows([][]float64{a.Scores[1]}, [][]float64{{1, 0, 0, 1.5}}, 1e-15) {
		t.Errorf("scores of drink = %v, want (1, 0, 0, 1.5)", a.Scores[1])
	}
	// context of drink = Σ α_j v_j with V rows (1,0,0) (0,1,0) (0,0,1) (1,1,0)
	w := a.Weights[1]
	c := []float64{w[0] + w[3], w[1] + w[3], w[2]}
	if !closeRows([][]float64{a.Output[1]}, [][]float64{c}, 1e-12) {
		t.Errorf("context of drink = %v, want %v", a.Output[1], c)
	}
	if !a.Agree {
		t.Errorf("nn and mathref disagree: %s", a.Report)
	}
}

// TestWalkAgainstMathref runs Walk over inputs with and without masks and
// compares every number with mathref, independently of Walk's own check.
func TestWalkAgainstMathref(t *testing.T) {
	nn.ManualSeed(7)
	rnd := func(r, c int) [][]float64 { return rows(nn.Randn(r, c)) }
	ex := Sentence()
	pad := ex.Padded(2)
	cases := []struct {
		name    string
		a       *Attention
		q, k, v [][]float64
		opt     mathref.AttnOpts
	}{
		{"sentence", ex.Walk(), ex.Q, ex.K, ex.V, mathref.AttnOpts{}},
		{"causal", ex.Walk(Options{Causal: true}), ex.Q, ex.K, ex.V, mathref.AttnOpts{Causal: true}},
		{"padding", pad.Walk(), pad.Q, pad.K, pad.V, mathref.AttnOpts{KeyPadding: pad.Padding}},
		{"unscaled", ex.Walk(Options{Scale: 1}), ex.Q, ex.K, ex.V, mathref.AttnOpts{Scale: 1}},
	}
	q, k, v := rnd(5, 8), rnd(7, 8), rnd(7, 3)
	cases = append(cases, struct {
		name    string
		a       *Attention
		q, k, v [][]float64
		opt     mathref.AttnOpts
	}{"cross", WalkCross(nil, nil, q, k, v), q, k, v, mathref.AttnOpts{}})
	for _, c := range cases {
		ref := mathref.ScaledDotProductAttention(mathref.Matrix(c.q), mathref.Matrix(c.k), mathref.Matrix(c.v), c.opt)
		for _, p := range []struct {
			what      string
			got, want [][]float64
		}{{"scores", c.a.Scores, tensorRows(ref.Scores)}, {"weights", c.a.Weights, tensorRows(ref.Weights)}, {"output", c.a.Output, tensorRows(ref.Output)}} {
			if !closeRows(p.got, p.want, 1e-12) {
				t.Errorf("%s: %s differ from mathref:\n%s", c.name, p.what,
					mathref.DiffTable(mathref.Matrix(p.got), mathref.Matrix(p.want), 1e-12, 0, 6))
			}
		}
		for i, row := range c.a.Weights {
			if s := sum(row); math.Abs(s-1) > 1e-12 {
				t.Errorf("%s: weights of query %d sum to %v", c.name, i, s)
			}
		}
		if !c.a.Agree {
			t.Errorf("%s: Agree is false: %s", c.name, c.a.Report)
		}
	}
	// Masked weights are exactly 0.
	for i, row := range cases[1].a.Weights {
		for j := i + 1; j < len(row); j++ {
			if row[j] != 0 {
				t.Errorf("causal: weight [%d][%d] = %v, want 0", i, j, row[j])
			}
		}
	}
	for i := range cases[2].a.Weights {
		if w := cases[2].a.Weights[i][4] + cases[2].a.Weights[i][5]; w != 0 {
			t.Errorf("padding: query %d gives the pads weight %v", i, w)
		}
	}
}

// TestManyQueries checks that a long sequence walks through the first 8
// queries and says so.
func TestManyQueries(t *testing.T) {
	nn.ManualSeed(3)
	x := rows(nn.Randn(10, 2))
	a := Walk(nil, x, x, x)
	if n := len(a.Walkthrough().Steps); n != 1+8*3+1 {
		t.Errorf("%d steps, want %d", n, 1+8*3+1)
	}
	if !strings.Contains(a.Walkthrough().Intro, "first 8 queries") {
		t.Errorf("intro does not say only 8 queries are shown: %s", a.Walkthrough().Intro)
	}
	if n := len(Walk(nil, x, x, x, Options{Queries: []int{9}}).Walkthrough().Steps); n != 1+3+1 {
		t.Errorf("Queries {9}: %d steps, want 5", n)
	}
}

// TestWalkEmbeddings checks the projections Q = X·W_Q.
func TestWalkEmbeddings(t *testing.T) {
	X := [][]float64{{1, 0, 1}, {0, 1, 0}}
	WQ := [][]float64{{1, 2}, {3, 4}, {5, 6}}
	a := WalkEmbeddings([]string{"a", "b"}, X, WQ, WQ, WQ)
	want := [][]float64{{6, 8}, {3, 4}}
	if !closeRows(a.Q, want, 0) || !closeRows(a.K, want, 0) {
		t.Errorf("Q = %v, K = %v, want %v", a.Q, a.K, want)
	}
	if got := a.Walkthrough().Steps[0].Title; got != lessons.TIn(lessons.EN, "attention.step.proj") {
		t.Errorf("first step %q, want the projections", got)
	}
}

// TestDisagreementIsLoud makes nn's numbers wrong after the fact and
// checks that the check and every step say so.
func TestDisagreementIsLoud(t *testing.T) {
	a := Sentence().Walk()
	a.Weights[0][0] += 0.01
	a.checkMathref()
	if a.Agree {
		t.Fatal("a changed weight was not noticed")
	}
	w := a.walkthrough()
	for i, s := range w.Steps {
		if !strings.Contains(s.Body, "⚠") {
			t.Errorf("step %d (%s) does not warn", i, s.Title)
		}
	}
	if !strings.Contains(a.Report, "α") || !strings.Contains(a.Report, "[0 0]") {
		t.Errorf("report %q does not name α at [0 0]", a.Report)
	}
}

func mustPanic(t *testing.T, name string, f func(), wants ...string) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil {
			t.Errorf("%s: no panic", name)
			return
		}
		e, ok := r.(*Error)
		if !ok {
			t.Errorf("%s: panicked with %T %v, want *Error", name, r, r)
			return
		}
		for _, w := range wants {
			if !strings.Contains(e.Msg, w) {
				t.Errorf("%s: message %q lacks %q", name, e.Msg, w)
			}
		}
		if strings.Contains(e.Msg, "%!") {
			t.Errorf("%s: bad format in %q", name, e.Msg)
		}
	}()
	f()
}

// TestBadInput checks that a student's wrong input gets a message naming
// what was expected and what came.
func TestBadInput(t *testing.T) {
	ex := Sentence()
	two := [][]float64{{1, 0}, {0, 1}}
	cases := []struct {
		name  string
		f     func()
		wants []string
	}{
		{"too few tokens", func() { Walk([]string{"a", "b"}, ex.Q, ex.K, ex.V) }, []string{"2 tokens", "Q has 4 rows", "exactly 4 tokens"}},
		{"too many tokens", func() { Walk([]string{"a", "b", "c", "d", "e"}, ex.Q, ex.K, ex.V) }, []string{"5 tokens", "4 rows"}},
		{"d_k mismatch", func() { Walk(nil, ex.Q, two, two) }, []string{"Q (4, 4)", "K (2, 2)", "same number of columns d_k"}},
		{"K and V rows", func() { WalkCross(nil, nil, two, two, ex.V) }, []string{"K (2, 2)", "V (4, 3)"}},
		{"nil Q", func() { Walk(nil, nil, ex.K, ex.V) }, []string{"Q is nil"}},
		{"ragged", func() { Walk(nil, [][]float64{{1, 2}, {3}}, two, two) }, []string{"Q must be a matrix", "rectangular"}},
		{"vector", func() { Walk(nil, []float64{1, 2}, two, two) }, []string{"Q must be a matrix", "got shape (2,)"}},
		{"string", func() { Walk(nil, "Q", two, two) }, []string{"Q must be a matrix"}},
		{"NaN", func() { Walk(nil, [][]float64{{1, 0}, {0, math.NaN()}}, two, two) }, []string{"Q holds NaN at [1, 1]", "finite numbers"}},
		{"Inf mask in K", func() { Walk(nil, two, [][]float64{{1, 0}, {math.Inf(-1), 1}}, two) }, []string{"K holds -Inf at [1, 0]", "Options"}},
		{"empty", func() { Walk(nil, [][]float64{}, two, two) }, []string{"got shape (0,)"}},
		{"empty row", func() { Walk(nil, [][]float64{{}}, two, two) }, []string{"Q is empty"}},
		{"padding length", func() { ex.Walk(Options{Padding: []bool{true}}) }, []string{"1 entries for 4 keys"}},
		{"causal cross", func() { WalkCross(nil, nil, two, [][]float64{{1, 0}, {0, 1}, {1, 1}}, ex.V[:3], Options{Causal: true}) }, []string{"2 queries and 3 keys"}},
		{"query index", func() { ex.Walk(Options{Queries: []int{4}}) }, []string{"no query 4", "0 … 3"}},
		{"negative scale", func() { ex.Walk(Options{Scale: -1}) }, []string{"Scale must be positive"}},
		{"two options", func() { ex.Walk(Options{}, Options{}) }, []string{"at most one Options"}},
		{"projection rows", func() { WalkEmbeddings(nil, two, ex.Q, two, two) }, []string{"W_Q (4, 4)", "2 rows"}},
		{"Query out of range", func() { ex.Walk().Query(9) }, []string{"no query 9"}},
		{"MHA embed", func() { MultiHeadOf(nn.NewMultiheadAttention(4, 2), nil, two) }, []string{"embed_dim = 4", "got 2"}},
		{"MHA heads", func() { NewMultiHead(nil, ex.Q, 3, 1) }, []string{"E = 4", "h = 3"}},
		{"seed tokens", func() { SeedWeights([]string{"x"}, ex.Q, ex.K) }, []string{"1 tokens"}},
		{"errata id", func() { Errata("no-such") }, []string{"no-such"}},
		{"softmax empty", func() { SoftmaxSteps() }, []string{"at least one score"}},
		{"spread size", func() { MeasureSpread([]int{0}, 10, 1) }, []string{"between 1 and 100000"}},
		{"train task", func() { Train(TrainConfig{Task: "sort"}) }, []string{"sort", "reverse", "shift"}},
		{"train heads", func() { Train(TrainConfig{Embed: 10, Heads: 3}) }, []string{"E = 10", "h = 3"}},
		{"pad count", func() { ex.Padded(-1) }, []string{"-1"}},
	}
	for _, c := range cases {
		mustPanic(t, c.name, c.f, c.wants...)
	}
	m := Train(TrainConfig{Steps: 1, TestSize: 10})
	mustPanic(t, "predict length", func() { m.Predict([]int{1, 2}) }, "6 digits", "got 2")
	mustPanic(t, "predict digit", func() { m.Predict([]int{1, 2, 3, 4, 5, 12}) }, "0 and 9", "12", "position 5")
}

// TestBadInputZH checks one message in Chinese.
func TestBadInputZH(t *testing.T) {
	lessons.SetLang(lessons.ZH)
	defer lessons.SetLang(lessons.EN)
	mustPanic(t, "zh tokens", func() { Sentence().Walk(Options{Queries: []int{7}}) }, "没有第 7 个查询")
}

var reMath = regexp.MustCompile(`\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$`)

// formulas returns every $…$ and $$…$$ in s, outside ``` code blocks.
func formulas(s string) []string {
	var out []string
	parts := strings.Split(s, "```")
	for i := 0; i < len(parts); i += 2 {
		for _, m := range reMath.FindAllStringSubmatch(parts[i], -1) {
			out = append(out, m[1]+m[2])
		}
	}
	return out
}

// TestFormulasConvert checks that every formula the package writes, in
// both languages, converts to MathML without an error (the player shows
// MathML).
func TestFormulasConvert(t *testing.T) {
	for _, l := range []string{lessons.EN, lessons.ZH} {
		lessons.SetLang(l)
		ex := Sentence()
		pad := ex.Padded(1)
		X := [][]float64{{1, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 0}, {1, 1, 0, 0}}
		mds := []string{
			ex.Walk().Markdown(),
			ex.Walk(Options{Causal: true}).Markdown(),
			pad.Walk().Markdown(),
			ex.Walk(Options{Scale: 1}).Markdown(),
			WalkEmbeddings(ex.Tokens, X, X, X, X).Markdown(),
			WalkCross([]string{"a"}, nil, [][]float64{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, [][]float64{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, [][]float64{{1}}).Markdown(),
			Walk([]string{"x_1", "{y}", "#", "<pad>"}, ex.Q, ex.K, ex.V, Options{Padding: []bool{false, false, true, true}, Causal: true}).Markdown(),
			NewMultiHead(ex.Tokens, X, 2, 1).Markdown(),
			NewMultiHead(ex.Tokens, X, 2, 1, Options{Causal: true}).Markdown(),
			SoftmaxSteps(1000, 999).Markdown(),
			DoubleSoftmax().Markdown(),
			SeedWeights(ex.Tokens, ex.Q, ex.K).Markdown(),
			string(Errata()), string(Errata("attention-mask-convention", "linear-weight-layout")),
			MeasureSpread([]int{1, 4}, 10, 1).Markdown(),
			string(MHAShapes(2, 3, 4, 8, 2, false)),
		}
		for _, e := range lessons.Exercises() {
			if !strings.HasPrefix(e.ID(), "attention.") && !strings.HasPrefix(e.ID(), "multihead.") {
				continue
			}
			mds = append(mds, e.Markdown(), string(e.Solution()))
			for range e.Spec().Hints {
				mds = append(mds, string(e.Hint()))
			}
		}
		lessons.ResetSubmissions()
		n := 0
		for _, md := range mds {
			for _, f := range formulas(md) {
				n++
				if _, err := lessons.MathML(f, true); err != nil {
					t.Errorf("%s: %v", l, err)
				}
			}
			if strings.Contains(md, "%!") || strings.Contains(md, "⟦") {
				t.Errorf("%s: bad format or unknown message key in:\n%s", l, md)
			}
		}
		if n < 200 {
			t.Errorf("%s: only %d formulas found", l, n)
		}
	}
	lessons.SetLang(lessons.EN)
}

// TestUntranslated checks that zh mode shows no English prose from this
// package (and that the terminology table is followed).
func TestUntranslated(t *testing.T) {
	for _, p := range lessons.Untranslated() {
		t.Error(p)
	}
}

// TestChineseWalkthrough checks that the walkthrough is Chinese in zh
// mode, tokens included.
func TestChineseWalkthrough(t *testing.T) {
	lessons.SetLang(lessons.ZH)
	defer lessons.SetLang(lessons.EN)
	md := Sentence().Walk(Options{Causal: true}).Markdown()
	for _, want := range []string{"缩放点积注意力", "查询 1（喝）", "掩码", "上下文向量", "牛奶", "因果掩码"} {
		if !strings.Contains(md, want) {
			t.Errorf("zh walkthrough lacks %q", want)
		}
	}
	for _, bad := range []string{"Query", "weights", "context vector", "Step"} {
		if strings.Contains(md, bad) {
			t.Errorf("zh walkthrough contains English %q", bad)
		}
	}
}

// TestSoftmaxSteps checks the overflow as written and the stable result.
func TestSoftmaxSteps(t *testing.T) {
	w := SoftmaxSteps(1000, 999, 998)
	if !hasNaN(w.Naive) || !math.IsInf(w.Exp[0], 1) {
		t.Errorf("naive softmax of 1000s = %v, want NaN (exp = %v)", w.Naive, w.Exp)
	}
	// softmax(0, −1, −2): e^0, e^−1, e^−2 over their sum
	z := 1 + math.Exp(-1) + math.Exp(-2)
	want := []float64{1 / z, math.Exp(-1) / z, math.Exp(-2) / z}
	if !closeRows([][]float64{w.Weights}, [][]float64{want}, 1e-15) || !w.Agree {
		t.Errorf("stable softmax = %v, want %v (%s)", w.Weights, want, w.Report)
	}
	small := SoftmaxSteps(1, 2)
	if !closeRows([][]float64{small.Naive}, [][]float64{small.Weights}, 1e-15) {
		t.Errorf("for small scores both forms should agree: %v vs %v", small.Naive, small.Weights)
	}
}

// TestDoubleSoftmax checks the seed's double softmax on (4, 1, 0, −2)
// against the numbers of errata-facts.md: once [0.934 0.047 0.017 0.002],
// twice [0.453 0.187 0.181 0.179].
func TestDoubleSoftmax(t *testing.T) {
	md := DoubleSoftmax().Markdown()
	for _, want := range []string{"$0.934$ | $0.047$ | $0.017$ | $0.002$", "$0.453$ | $0.187$ | $0.181$ | $0.179$", "0.934 to 0.453"} {
		if !strings.Contains(md, want) {
			t.Errorf("DoubleSoftmax lacks %q:\n%s", want, md)
		}
	}
	s := SeedWeights(Sentence().Tokens, Sentence().Q, Sentence().K)
	if len(s.Figures) != 2 || !strings.Contains(s.Body, "0.475") {
		t.Errorf("SeedWeights: %d figures, body %q (want the bound e/(e+3) = 0.475)", len(s.Figures), s.Body)
	}
}

// TestSpread checks the measured spread against the theory: std(q·k) =
// √d within 6 %, std(q·k/√d) = 1, and an unscaled softmax near one-hot at
// large d.
func TestSpread(t *testing.T) {
	s := MeasureSpread(nil, 4000, 3)
	for i, d := range s.D {
		if r := s.Std[i] / math.Sqrt(float64(d)); math.Abs(r-1) > 0.06 {
			t.Errorf("d = %d: std(q·k) = %.3f, √d = %.3f (ratio %.3f)", d, s.Std[i], math.Sqrt(float64(d)), r)
		}
		if math.Abs(s.ScaledStd[i]-1) > 0.06 {
			t.Errorf("d = %d: std(q·k/√d) = %.3f, want 1", d, s.ScaledStd[i])
		}
	}
	last := len(s.D) - 1
	if s.MaxWeight[last] < 0.9 || s.MaxWeightScaled[last] > 0.5 {
		t.Errorf("d = 512: largest weight unscaled %.3f (want > 0.9), scaled %.3f (want < 0.5)", s.MaxWeight[last], s.MaxWeightScaled[last])
	}
	if again := MeasureSpread(nil, 4000, 3); again.Std[5] != s.Std[5] {
		t.Error("the same seed gave different draws")
	}
}

// TestMultiHead checks the multi-head walkthrough's numbers against
// mathref and the averaged weights against the per-head ones.
func TestMultiHead(t *testing.T) {
	X := [][]float64{{1, 0, 0, 1, 2, 0}, {0, 1, 0, 1, 0, 0}, {0, 0, 1, 0, 1, 1}}
	for _, opt := range []Options{{}, {Causal: true}, {Padding: []bool{false, false, true}}} {
		m := NewMultiHead([]string{"a", "b", "c"}, X, 3, 5, opt)
		if !m.Agree {
			t.Errorf("%+v: %s", opt, m.Report)
		}
		for i := range m.Weights {
			for j := range m.Weights[i] {
				mean := 0.0
				for h := range m.HeadWeights {
					mean += m.HeadWeights[h][i][j] / 3
				}
				if math.Abs(mean-m.Weights[i][j]) > 1e-15 {
					t.Errorf("averaged weight [%d][%d] = %v, mean of heads %v", i, j, m.Weights[i][j], mean)
				}
				if opt.masked(i, j) && m.Weights[i][j] != 0 {
					t.Errorf("%+v: masked weight [%d][%d] = %v", opt, i, j, m.Weights[i][j])
				}
			}
		}
		if len(m.HeadQ) != 3 || len(m.HeadQ[0][0]) != 2 {
			t.Errorf("HeadQ shape (%d, ·, %d), want (3, ·, 2)", len(m.HeadQ), len(m.HeadQ[0][0]))
		}
		// Head 1's Q is columns 2 and 3 of Q.
		if m.HeadQ[1][2][0] != m.Q[2][2] || m.HeadQ[1][2][1] != m.Q[2][3] {
			t.Errorf("head 1 is not columns 2…3 of Q")
		}
	}
	shapes := string(MHAShapes(2, 5, 5, 16, 4, true))
	for _, want := range []string{"(2, 4, 5, 5)", "(48, 16)", "(2, 5, 16)", "= 1088"} {
		if !strings.Contains(shapes, want) {
			t.Errorf("MHAShapes lacks %q:\n%s", want, shapes)
		}
	}
	if n := nn.NumParams(nn.NewMultiheadAttention(16, 4)); n != 1088 {
		t.Errorf("nn counts %d parameters for E = 16, the table 1088", n)
	}
}

// TestPatternHeads checks each hand-made head's pattern.
func TestPatternHeads(t *testing.T) {
	heads, _ := PatternHeads()
	n := len(heads[0])
	for i := 0; i < n; i++ {
		if argmax(heads[0][i]) != 0 || argmax(heads[1][i]) != (i+n-1)%n || argmax(heads[3][i]) != i {
			t.Errorf("query %d: first %d, previous %d, self %d", i, argmax(heads[0][i]), argmax(heads[1][i]), argmax(heads[3][i]))
		}
		for j := range heads[2][i] {
			if math.Abs(heads[2][i][j]-1/float64(n)) > 1e-15 {
				t.Errorf("head 2 is not uniform: %v", heads[2][i])
			}
		}
		if heads[1][i][(i+n-1)%n] < 0.9 {
			t.Errorf("previous-token head too soft: %v", heads[1][i])
		}
	}
}
