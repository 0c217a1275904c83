package rnn

import (
	"fmt"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/viz"
)

// RNNWalk is an Elman RNN (PyTorch's nn.RNN, one layer) run over a
// sequence by nn and checked against mathref's literal formula:
//
//	h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh),  t = 1 … T,  h_0 = 0
//
// In a cell it shows a player over the time steps, each with the formula,
// the actual numbers and the check; its fields hold the numbers and its
// methods draw the figures.
type RNNWalk struct {
	Tokens       []string    // a label per time step
	X            [][]float64 // (T, I): x_1 … x_T
	WIH, WHH     [][]float64 // (H, I) and (H, H)
	BIH, BHH     []float64   // (H) each; zeros without bias
	Nonlinearity string      // "tanh" or "relu"
	H0           []float64   // (H): h_0
	// Pre holds a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh and H the
	// hidden states h_t = φ(a_t), (T, H) each, as nn.RNN computed them.
	Pre, H [][]float64
	// Agree is true when nn and mathref agree within 1e-9 at every step;
	// MaxDiff is their largest difference and Report says so in words.
	Agree   bool
	MaxDiff float64
	Report  string

	opt    Options
	p      params
	xw, hw [][]float64 // W_ih x_t and W_hh h_{t−1}, (T, H)
	walk   *lessons.Walkthrough
}

// WalkRNN runs an RNN with weights w over xs, a sequence of T inputs of
// size I given as (T, I) — a [][]float64, an *nn.Tensor, a mathref.Tensor
// or a gonum matrix (a []float64 is T inputs of size 1). w.WIH is (H, I),
// w.WHH (H, H), the biases (H) or nil. A shape that does not fit stops
// with a message saying what was expected.
func WalkRNN(xs any, w Weights, opt ...Options) *RNNWalk {
	o := options(opt)
	p := w.check(kindRNN)
	x := sequence(xs, p.I)
	o.check(len(x), p.H)
	r := &RNNWalk{Tokens: o.Tokens, X: x, WIH: p.wih, WHH: p.whh, BIH: p.bih, BHH: p.bhh,
		Nonlinearity: o.Nonlinearity, H0: state("h0", o.H0, p.H), opt: o, p: p}
	rec := runNN(kindRNN, p, o.Nonlinearity, x, r.H0, nil)
	r.Pre, r.H = block(rec.Pre, 0, p.H), block(rec.H, 0, p.H)
	r.xw, r.hw = products(p.wih, x), products(p.whh, previous(r.H0, r.H))
	ref := mathref.RNN(mathref.Matrix(x), mathref.Vector(r.H0...), refWeights(p), o.Nonlinearity)
	sums := make([][]float64, len(x))
	for t := range x {
		sums[t] = make([]float64, p.H)
		for k := range sums[t] {
			sums[t][k] = r.xw[t][k] + p.bih[k] + r.hw[t][k] + p.bhh[k]
		}
	}
	v := compare("nn.RNN · mathref.RNN", []comparison{
		{"h_t", r.H, tensorRows(ref.Output)},
		{"a_t", r.Pre, sums},
	})
	r.Agree, r.MaxDiff, r.Report = v.agree, v.maxDiff, v.report
	r.walk = r.walkthrough(v)
	return r
}

func (r *RNNWalk) phi() string {
	if r.Nonlinearity == "relu" {
		return `\mathrm{ReLU}`
	}
	return `\tanh`
}

// Walkthrough returns the player: the weights, one step per time step
// shown, then every hidden state.
func (r *RNNWalk) Walkthrough() *lessons.Walkthrough { return r.walk }

// HTML shows the player.
func (r *RNNWalk) HTML() string { return r.walk.HTML() }

// Markdown shows every step one after another.
func (r *RNNWalk) Markdown() string { return r.walk.Markdown() }

// String summarises the run for fmt.Println.
func (r *RNNWalk) String() string {
	return lessons.T("rnn.str.rnn", r.p.I, r.p.H, r.Nonlinearity, len(r.X),
		lessons.FormatValue(r.H[len(r.H)-1]), plain(r.Report))
}

// Step returns time step t (from 1) as one step of the walkthrough.
func (r *RNNWalk) Step(t int) lessons.Step {
	if t < 1 || t > len(r.X) {
		fail("rnn.input.step", t, len(r.X), len(r.X))
	}
	return warn(verdict{r.Agree, r.MaxDiff, r.Report}, r.step(t))
}

func (r *RNNWalk) walkthrough(v verdict) *lessons.Walkthrough {
	T := len(r.X)
	w := &lessons.Walkthrough{Title: lessons.T("rnn.walk.titleRNN"),
		Intro: lessons.T("rnn.walk.introRNN", r.p.I, r.p.H, T, r.phi()) + "\n\n" + mark(v)}
	w.Steps = append(w.Steps, warn(v, r.weightsStep()))
	for _, t := range r.opt.Steps {
		w.Steps = append(w.Steps, warn(v, r.step(t)))
	}
	if len(r.opt.Steps) < T {
		w.Intro += "\n\n" + lessons.T("rnn.walk.someSteps", len(r.opt.Steps), T)
	}
	w.Steps = append(w.Steps, warn(v, r.allStep()))
	return w
}

func (r *RNNWalk) formula() string {
	return fmt.Sprintf(`$$h_t = %s\left(W_{ih}\,x_t + b_{ih} + W_{hh}\,h_{t-1} + b_{hh}\right)$$`, r.phi())
}

func (r *RNNWalk) weightsStep() lessons.Step {
	d := r.opt.Digits
	var b strings.Builder
	b.WriteString(r.formula() + "\n\n")
	b.WriteString(lessons.T("rnn.body.weightsRNN", r.p.H, r.p.I, r.p.H, r.p.H) + "\n\n")
	fmt.Fprintf(&b, "$$W_{ih} = %s,\\quad b_{ih} = %s,\\qquad W_{hh} = %s,\\quad b_{hh} = %s$$\n\n",
		mat(r.WIH, d), col(r.BIH, d), mat(r.WHH, d), col(r.BHH, d))
	b.WriteString(lessons.T("rnn.body.h0", col(r.H0, d)) + "\n")
	return lessons.Step{Title: lessons.T("rnn.step.weights"), Body: b.String()}
}

// step writes time step t (from 1).
func (r *RNNWalk) step(t int) lessons.Step {
	d, s := r.opt.Digits, t-1
	x, hPrev := r.X[s], r.prev(s)
	var b strings.Builder
	b.WriteString(r.formula() + "\n\n")
	b.WriteString(lessons.T("rnn.body.inputs", t, t-1) + "\n\n")
	fmt.Fprintf(&b, "$$x_{%d} = %s, \\qquad h_{%d} = %s$$\n\n", t, row(x, d), t-1, row(hPrev, d))
	if small(r.p.H, r.p.I) && small(r.p.H, r.p.H) {
		fmt.Fprintf(&b, "$$h_{%d} = %s\\left(%s %s + %s + %s %s + %s\\right)$$\n\n", t, r.phi(),
			mat(r.WIH, d), col(x, d), col(r.BIH, d), mat(r.WHH, d), col(hPrev, d), col(r.BHH, d))
	}
	fmt.Fprintf(&b, "$$h_{%d} = %s\\Big(\\underbrace{%s}_{W_{ih}x_{%d}} + %s + \\underbrace{%s}_{W_{hh}h_{%d}} + %s\\Big) = %s\\left(%s\\right) = %s$$\n\n",
		t, r.phi(), col(r.xw[s], d), t, col(r.BIH, d), col(r.hw[s], d), t-1, col(r.BHH, d), r.phi(), col(r.Pre[s], d), col(r.H[s], d))
	for _, k := range r.opt.Units {
		b.WriteString(r.unit(t, k) + "\n\n")
	}
	if oneHot(x) && r.p.I > 2 {
		b.WriteString(lessons.T("rnn.body.oneHot", t, argmax(x), argmax(x)) + "\n\n")
	}
	b.WriteString(lessons.T("rnn.body.checkRNN", r.Nonlinearity, t) + "\n")
	return lessons.Step{Title: stepTitle(t, r.Tokens[s], r.opt.labelled), Body: b.String()}
}

func (r *RNNWalk) prev(s int) []float64 {
	if s == 0 {
		return r.H0
	}
	return r.H[s-1]
}

// unit writes h_{t,k} as the sum of its terms, number by number.
func (r *RNNWalk) unit(t, k int) string {
	d, s := r.opt.Digits, t-1
	terms := dotTerms(r.WIH[k], r.X[s], d)
	terms = append(terms, num(r.BIH[k], d))
	terms = append(terms, dotTerms(r.WHH[k], r.prev(s), d)...)
	terms = append(terms, num(r.BHH[k], d))
	return fmt.Sprintf("$$h_{%d,%d} = %s\\big(%s\\big) = %s(%s) = %s$$", t, k, r.phi(),
		joinTerms(terms), r.phi(), num(r.Pre[s][k], d), num(r.H[s][k], d))
}

// allStep shows every hidden state in a table and a heatmap.
func (r *RNNWalk) allStep() lessons.Step {
	var b strings.Builder
	b.WriteString(lessons.T("rnn.body.all", len(r.X)) + "\n\n")
	b.WriteString(stateTable(r.Tokens, map[string][][]float64{"h_t": r.H}, []string{"h_t"}, r.opt.Digits))
	return lessons.Step{Title: lessons.T("rnn.step.all"), Body: b.String(),
		Figures: []any{r.HiddenStates()}}
}

// HiddenStates draws h_1 … h_T as a units × time heatmap, one column per
// token.
func (r *RNNWalk) HiddenStates() *viz.Figure { return hiddenStates(r.H, r.Tokens, "h_t") }

// UnitLines draws the chosen hidden units (all when none is given, up to
// 8) against t, from h_0 at t = 0.
func (r *RNNWalk) UnitLines(units ...int) *viz.Figure { return unitLines(r.H0, r.H, units) }

// Trajectory draws the path h_0, h_1, …, h_T on its first two principal
// components, each point labelled with the token just read.
func (r *RNNWalk) Trajectory() *viz.Figure { return trajectory(r.H0, r.H, r.Tokens) }

// Distance returns ‖h_a − h_b‖, the Euclidean distance between the hidden
// states after steps a and b (0 is h_0): how far apart the network's
// memory is at two moments.
func (r *RNNWalk) Distance(a, b int) float64 { return distance(r.H0, r.H, a, b) }

// distance is ‖h_a − h_b‖ over h_0, h_1, …, h_T.
func distance(h0 []float64, h [][]float64, a, b int) float64 {
	T := len(h)
	for _, t := range []int{a, b} {
		if t < 0 || t > T {
			fail("rnn.input.stepZero", t, T)
		}
	}
	all := withStart(h0, h)
	d := 0.0
	for k := range all[a] {
		d += (all[a][k] - all[b][k]) * (all[a][k] - all[b][k])
	}
	return math.Sqrt(d)
}

// dotTerms writes w_j·v_j for each j, leaving out v_j = 0 when v is long
// (a one-hot input).
func dotTerms(w, v []float64, d int) []string {
	var out []string
	for j := range w {
		if v[j] == 0 && len(v) > 2 {
			continue
		}
		out = append(out, factor(w[j], d)+`\cdot `+factor(v[j], d))
	}
	return out
}

// joinTerms writes terms as a sum, with "+ (−x)" shown as "− x".
func joinTerms(terms []string) string {
	if len(terms) == 0 {
		return "0"
	}
	s := terms[0]
	for _, t := range terms[1:] {
		if strings.HasPrefix(t, "-") {
			s += " - " + t[1:]
		} else {
			s += " + " + t
		}
	}
	return s
}

func oneHot(x []float64) bool {
	ones := 0
	for _, v := range x {
		switch v {
		case 0:
		case 1:
			ones++
		default:
			return false
		}
	}
	return ones == 1
}

func argmax(x []float64) int {
	k := 0
	for j, v := range x {
		if v > x[k] {
			k = j
		}
	}
	return k
}

// stateTable writes a Markdown table with a row per time step and a
// column per named state.
func stateTable(tokens []string, states map[string][][]float64, order []string, d int) string {
	var b strings.Builder
	b.WriteString("| $t$ | " + lessons.T("rnn.word.token") + " |")
	for _, n := range order {
		b.WriteString(" $" + n + "$ |")
	}
	b.WriteString("\n|---|---|")
	for range order {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	T := len(tokens)
	for _, s := range elide(T) {
		if s < 0 {
			b.WriteString("| ⋮ | ⋮ |" + strings.Repeat(" ⋮ |", len(order)) + "\n")
			continue
		}
		fmt.Fprintf(&b, "| %d | %s |", s+1, mdEscape(shownToken(tokens[s])))
		for _, n := range order {
			fmt.Fprintf(&b, " $%s$ |", row(states[n][s], d))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// plain strips the $ signs of a report for plain text.
func plain(s string) string { return strings.ReplaceAll(s, "$", "") }
