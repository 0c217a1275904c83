package rnn

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// randWeights draws weights for G gate blocks, H units and I inputs.
func randWeights(src *rand.Rand, G, H, I int, bias bool) Weights {
	m := func(r, c int) [][]float64 {
		out := make([][]float64, r)
		for i := range out {
			out[i] = make([]float64, c)
			for j := range out[i] {
				out[i][j] = 2*src.Float64() - 1
			}
		}
		return out
	}
	w := Weights{WIH: m(G*H, I), WHH: m(G*H, H)}
	if bias {
		w.BIH, w.BHH = m(1, G*H)[0], m(1, G*H)[0]
	}
	return w
}

func randSeq(src *rand.Rand, T, I int) [][]float64 {
	return randWeights(src, 1, T, I, false).WIH.([][]float64)
}

// closeRows fails unless got and want agree within tol.
func closeRows(t *testing.T, what string, got, want [][]float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	for i := range want {
		for j := range want[i] {
			if d := math.Abs(got[i][j] - want[i][j]); !(d <= tol) {
				t.Fatalf("%s[%d][%d] = %v, want %v (|Δ| %g > %g)", what, i, j, got[i][j], want[i][j], d, tol)
			}
		}
	}
}

// The walkthroughs' numbers come from nn; here they are compared with
// mathref's literal formulas (tolerance 1e-12) over a grid of sizes,
// nonlinearities, biases and initial states.
func TestWalksMatchMathref(t *testing.T) {
	src := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ T, I, H int }{{1, 1, 1}, {3, 2, 2}, {5, 3, 4}, {7, 1, 3}, {4, 6, 2}} {
		for _, bias := range []bool{true, false} {
			xs := randSeq(src, c.T, c.I)
			h0 := randSeq(src, 1, c.H)[0]
			c0 := randSeq(src, 1, c.H)[0]
			for _, nl := range []string{"tanh", "relu"} {
				w := randWeights(src, 1, c.H, c.I, bias)
				r := WalkRNN(xs, w, Options{Nonlinearity: nl, H0: h0})
				p := w.check(kindRNN)
				want := mathref.RNN(mathref.Matrix(xs), mathref.Vector(h0...), refWeights(p), nl)
				closeRows(t, "RNN h", r.H, tensorRows(want.Output), 1e-12)
				if !r.Agree {
					t.Fatalf("RNN %v %s: walk reports disagreement: %s", c, nl, r.Report)
				}
			}
			w := randWeights(src, 4, c.H, c.I, bias)
			l := WalkLSTM(xs, w, Options{H0: h0, C0: c0})
			ref := mathref.LSTM(mathref.Matrix(xs), mathref.Vector(h0...), mathref.Vector(c0...), refWeights(w.check(kindLSTM)))
			for s := range xs {
				for name, pair := range map[string][2][]float64{"i": {l.I[s], ref.Steps[s].I.Data}, "f": {l.F[s], ref.Steps[s].F.Data},
					"g": {l.G[s], ref.Steps[s].G.Data}, "o": {l.O[s], ref.Steps[s].O.Data}, "c": {l.C[s], ref.Steps[s].C.Data}, "h": {l.H[s], ref.Steps[s].H.Data}} {
					closeRows(t, "LSTM "+name, [][]float64{pair[0]}, [][]float64{pair[1]}, 1e-12)
				}
			}
			if !l.Agree {
				t.Fatalf("LSTM %v: %s", c, l.Report)
			}
			w = randWeights(src, 3, c.H, c.I, bias)
			g := WalkGRU(xs, w, Options{H0: h0})
			gref := mathref.GRU(mathref.Matrix(xs), mathref.Vector(h0...), refWeights(w.check(kindGRU)))
			for s := range xs {
				closeRows(t, "GRU r", [][]float64{g.R[s]}, [][]float64{gref.Steps[s].R.Data}, 1e-12)
				closeRows(t, "GRU z", [][]float64{g.Z[s]}, [][]float64{gref.Steps[s].Z.Data}, 1e-12)
				closeRows(t, "GRU n", [][]float64{g.N[s]}, [][]float64{gref.Steps[s].N.Data}, 1e-12)
				closeRows(t, "GRU h", [][]float64{g.H[s]}, [][]float64{gref.Steps[s].H.Data}, 1e-12)
			}
			if !g.Agree {
				t.Fatalf("GRU %v: %s", c, g.Report)
			}
		}
	}
}

// The numbers written in a step are the rounded values of the fields.
func TestStepShowsTheNumbers(t *testing.T) {
	r := WalkRNN(DemoX(), DemoRNN())
	for tt := 1; tt <= 3; tt++ {
		body := r.Step(tt).Body
		for k := range r.H[tt-1] {
			for _, v := range []float64{r.H[tt-1][k], r.Pre[tt-1][k]} {
				if !strings.Contains(body, num(v, 3)) {
					t.Errorf("step %d does not show %s:\n%s", tt, num(v, 3), body)
				}
			}
		}
	}
	// The worked sum of h_{2,0}, checked by hand: a = 0·0.5 + 1·(−0.5) + 0.1 + (−0.1)·1 + 0.967·0 + 0.3.
	want := `h_{2,0} = \tanh\big(0.5\cdot 0 + (-0.5)\cdot 1 + 0.1 + 1\cdot (-0.1) + 0\cdot 0.967 + 0.3\big) = \tanh(-0.2) = -0.197`
	if body := r.Step(2).Body; !strings.Contains(body, want) {
		t.Errorf("step 2 lacks the worked sum\n%s\nin\n%s", want, body)
	}
	l := WalkLSTM(DemoX(), DemoLSTM())
	body := l.Step(2).Body
	for _, v := range [][]float64{l.I[1], l.F[1], l.G[1], l.O[1], l.C[1], l.H[1]} {
		if !strings.Contains(body, col(v, 3)) {
			t.Errorf("LSTM step 2 does not show %s", col(v, 3))
		}
	}
	g := WalkGRU(DemoX(), DemoGRU())
	body = g.Step(2).Body
	for _, v := range [][]float64{g.R[1], g.Z[1], g.N[1], g.H[1]} {
		if !strings.Contains(body, col(v, 3)) {
			t.Errorf("GRU step 2 does not show %s", col(v, 3))
		}
	}
}

// A disagreement between nn and mathref is shown on every step, loudly.
func TestDisagreementIsLoud(t *testing.T) {
	a := [][]float64{{1, 2}, {3, 4}}
	b := [][]float64{{1, 2}, {3, 4.5}}
	v := compare("nn · mathref", []comparison{{"h_t", a, b}})
	if v.agree || !strings.Contains(v.report, "DISAGREE") || !strings.Contains(v.report, "step 2, unit 1") {
		t.Fatalf("compare missed the mismatch: %+v", v)
	}
	if v := compare("x", []comparison{{"h_t", [][]float64{{math.NaN()}}, [][]float64{{0}}}}); v.agree {
		t.Fatal("NaN against 0 counted as agreement")
	}
	r := WalkRNN(DemoX(), DemoRNN())
	w := r.walkthrough(v)
	for i, s := range w.Steps {
		if !strings.HasPrefix(s.Body, "> **⚠") {
			t.Errorf("step %d hides the disagreement:\n%s", i, s.Body)
		}
	}
	if !strings.Contains(w.Intro, "⚠") {
		t.Error("intro hides the disagreement")
	}
}

// panicMessage runs f and returns the message of the *Error it panics
// with, or fails.
func panicMessage(t *testing.T, f func()) (msg string) {
	t.Helper()
	defer func() {
		r := recover()
		e, ok := r.(*Error)
		if !ok {
			t.Fatalf("panic %v (%T), want *rnn.Error", r, r)
		}
		msg = e.Msg
	}()
	f()
	return ""
}

func TestBadInput(t *testing.T) {
	w := DemoRNN()
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"xs with 3 inputs", func() { WalkRNN([][]float64{{1, 2, 3}}, w) }, "xs must be (T, 2): T time steps of 2 inputs each"},
		{"xs transposed", func() { WalkRNN([][]float64{{1, 2, 3}, {4, 5, 6}}, w) }, "looks transposed"},
		{"xs empty", func() { WalkRNN([][]float64{}, w) }, "xs must be (T, 2)"},
		{"xs nil", func() { WalkRNN(nil, w) }, "xs is nil"},
		{"xs a string", func() { WalkRNN("abc", w) }, "xs cannot be read as numbers"},
		{"xs NaN", func() { WalkRNN([][]float64{{1, math.NaN()}}, w) }, "xs holds NaN at [0, 1]: a walkthrough needs finite numbers"},
		{"h0 Inf", func() { WalkRNN(DemoX(), w, Options{H0: []float64{0, math.Inf(-1)}}) }, "h0 holds -Inf at [1]"},
		{"W_hh not square", func() { WalkRNN(DemoX(), Weights{WIH: w.WIH, WHH: [][]float64{{1, 2, 3}, {4, 5, 6}}}) }, "square matrix (H, H)"},
		{"W_ih rows", func() { WalkRNN(DemoX(), Weights{WIH: [][]float64{{1, 2}}, WHH: w.WHH}) }, "W_ih (weight_ih) must have 1·H = 2 rows"},
		{"bias length", func() { WalkRNN(DemoX(), Weights{WIH: w.WIH, WHH: w.WHH, BIH: []float64{1, 2, 3}}) }, "vector of 2 numbers"},
		{"W_hh missing", func() { WalkRNN(DemoX(), Weights{WIH: w.WIH}) }, "W_hh (weight_hh) is nil"},
		{"LSTM given RNN weights", func() { WalkLSTM(DemoX(), w) }, "LSTM: W_hh (weight_hh) must be (4·H, H), its gate blocks i, f, g, o"},
		{"GRU given LSTM weights", func() { WalkGRU(DemoX(), DemoLSTM()) }, "GRU: W_hh (weight_hh) must be (3·H, H)"},
		{"h0 length", func() { WalkRNN(DemoX(), w, Options{H0: []float64{1, 2, 3}}) }, "h0 must be a vector of H = 2 numbers"},
		{"tokens", func() { WalkRNN(DemoX(), w, Options{Tokens: []string{"a"}}) }, "1 tokens for 3 time steps"},
		{"nonlinearity", func() { WalkRNN(DemoX(), w, Options{Nonlinearity: "sigmoid"}) }, `"tanh" or "relu"`},
		{"step", func() { WalkRNN(DemoX(), w).Step(4) }, "no time step 4: the sequence has 3 steps, numbered 1 to 3"},
		{"player step", func() { WalkRNN(DemoX(), w, Options{Steps: []int{0}}) }, "no time step 0"},
		{"unit", func() { WalkRNN(DemoX(), w).UnitLines(5) }, "no unit 5: the layer has 2 hidden units, numbered 0 to 1"},
		{"layer", func() { WeightsOf(nn.NewLinear(2, 2)) }, "WeightsOf takes an *nn.RNN"},
		{"char", func() { OneHot("ab!", []string{"a", "b"}) }, `the character "!" (position 2) is not in the alphabet`},
		{"trajectory", func() { WalkRNN([]float64{1, 2}, Weights{WIH: [][]float64{{1}}, WHH: [][]float64{{0.5}}}).Trajectory() }, "at least 2 hidden units"},
		{"erratum", func() { Erratum("conv-output-size") }, "no erratum"},
		{"scale", func() { Gradients(DemoX(), 2, []float64{0}) }, "positive number"},
		{"parity", func() { Parity(0, 5, 1) }, "at least 1 sequence"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if msg := panicMessage(t, c.f); !strings.Contains(msg, c.want) {
				t.Errorf("message %q\nlacks %q", msg, c.want)
			}
		})
	}
	lessons.SetLang("zh")
	defer lessons.SetLang("en")
	if msg := panicMessage(t, func() { WalkRNN([][]float64{{1, 2, 3}}, w) }); !strings.Contains(msg, "时间步") {
		t.Errorf("zh message not in Chinese: %q", msg)
	}
}

// A flat list is a sequence of scalars for a layer with one input.
func TestScalarSequence(t *testing.T) {
	w := Weights{WIH: [][]float64{{1}, {-1}}, WHH: [][]float64{{0.5, 0}, {0, 0.5}}}
	a := WalkRNN([]float64{1, 2, 3}, w)
	b := WalkRNN([][]float64{{1}, {2}, {3}}, w)
	closeRows(t, "h", a.H, b.H, 0)
}

// WeightsOf shows what the real layer computes: the walk's states are
// the layer's output.
func TestWeightsOf(t *testing.T) {
	nn.ManualSeed(5)
	xs := DemoX()
	r := nn.NewRNN(2, 3)
	closeRows(t, "RNN", WalkRNN(xs, WeightsOf(r)).H, rowsOf(r.Forward(nn.FromRows(xs)).Data, 3, 3), 0)
	l := nn.NewLSTM(2, 3)
	closeRows(t, "LSTM", WalkLSTM(xs, WeightsOf(l)).H, rowsOf(l.Forward(nn.FromRows(xs)).Data, 3, 3), 0)
	g := nn.NewGRU(2, 3)
	closeRows(t, "GRU", WalkGRU(xs, WeightsOf(g)).H, rowsOf(g.Forward(nn.FromRows(xs)).Data, 3, 3), 0)
	nb := nn.NewRNN(2, 3, nn.Bias(false))
	closeRows(t, "RNN without bias", WalkRNN(xs, WeightsOf(nb)).H, rowsOf(nb.Forward(nn.FromRows(xs)).Data, 3, 3), 0)
}

var reMath = regexp.MustCompile(`\$\$([\s\S]*?)\$\$|\$([^$]+)\$`)

// Every formula of every step converts to MathML without error, so that
// the player (which does not use MathJax) shows it.
func TestFormulasConvert(t *testing.T) {
	walks := []*lessons.Walkthrough{
		WalkRNN(DemoX(), DemoRNN()).Walkthrough(),
		WalkRNN(DemoX(), DemoRNN(), Options{Nonlinearity: "relu", Tokens: []string{"a", "$", "_"}}).Walkthrough(),
		WalkLSTM(DemoX(), DemoLSTM()).Walkthrough(),
		WalkGRU(DemoX(), DemoGRU()).Walkthrough(),
		TrainCharRNN("", 12, 1, 1).Walk("of the people").Walkthrough(),
	}
	for _, w := range walks {
		texts := []string{w.Intro}
		for _, s := range w.Steps {
			texts = append(texts, s.Body)
		}
		for _, s := range texts {
			for _, m := range reMath.FindAllStringSubmatch(s, -1) {
				tex := m[1] + m[2]
				if _, err := lessons.MathML(tex, m[1] != ""); err != nil {
					t.Errorf("%v", err)
				}
			}
		}
	}
}
