package rnn

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/viz"
)

// LSTMWalk is an LSTM (PyTorch's nn.LSTM, one layer) run over a sequence
// by nn and checked against mathref's literal formulas, gate by gate:
//
//	i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)
//	f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)
//	g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)
//	o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)
//	c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
//	h_t = o_t ⊙ tanh(c_t)
//
// In a cell it shows a player over the time steps; its fields hold every
// gate and state, (T, H) each, as nn.LSTM computed them.
type LSTMWalk struct {
	Tokens   []string    // a label per time step
	X        [][]float64 // (T, I): x_1 … x_T
	WIH, WHH [][]float64 // (4H, I) and (4H, H): blocks i, f, g, o
	BIH, BHH []float64   // (4H) each; zeros without bias
	H0, C0   []float64   // (H): h_0 and c_0
	// I, F, G, O are the input gate, forget gate, candidate and output
	// gate; C and H the cell and hidden states; (T, H) each.
	I, F, G, O, C, H [][]float64
	// Pre holds the four pre-activations side by side, (T, 4H).
	Pre [][]float64
	// Agree is true when nn and mathref agree within 1e-9 on every gate
	// and state; MaxDiff is their largest difference, Report the words.
	Agree   bool
	MaxDiff float64
	Report  string

	opt    Options
	p      params
	xw, hw [][]float64 // W_ih x_t and W_hh h_{t−1}, (T, 4H)
	walk   *lessons.Walkthrough
}

// WalkLSTM runs an LSTM with weights w over xs, a (T, I) sequence (see
// WalkRNN for the forms it may take). w.WIH is (4H, I) and w.WHH (4H, H),
// the gate blocks stacked in PyTorch's order i, f, g, o; the biases are
// (4H) or nil.
func WalkLSTM(xs any, w Weights, opt ...Options) *LSTMWalk {
	o := options(opt)
	p := w.check(kindLSTM)
	x := sequence(xs, p.I)
	o.check(len(x), p.H)
	l := &LSTMWalk{Tokens: o.Tokens, X: x, WIH: p.wih, WHH: p.whh, BIH: p.bih, BHH: p.bhh,
		H0: state("h0", o.H0, p.H), C0: state("c0", o.C0, p.H), opt: o, p: p}
	rec := runNN(kindLSTM, p, "", x, l.H0, l.C0)
	H := p.H
	l.I, l.F, l.G, l.O = block(rec.Gates, 0, H), block(rec.Gates, 1, H), block(rec.Gates, 2, H), block(rec.Gates, 3, H)
	l.C, l.H = block(rec.C, 0, H), block(rec.H, 0, H)
	l.Pre = block(rec.Pre, 0, 4*H)
	l.xw, l.hw = products(p.wih, x), products(p.whh, previous(l.H0, l.H))
	ref := mathref.LSTM(mathref.Matrix(x), mathref.Vector(l.H0...), mathref.Vector(l.C0...), refWeights(p))
	st := func(f func(mathref.LSTMState) mathref.Tensor) [][]float64 {
		return stepRows(len(x), func(s int) mathref.Tensor { return f(ref.Steps[s]) })
	}
	v := compare("nn.LSTM · mathref.LSTM", []comparison{
		{"i_t", l.I, st(func(s mathref.LSTMState) mathref.Tensor { return s.I })},
		{"f_t", l.F, st(func(s mathref.LSTMState) mathref.Tensor { return s.F })},
		{"g_t", l.G, st(func(s mathref.LSTMState) mathref.Tensor { return s.G })},
		{"o_t", l.O, st(func(s mathref.LSTMState) mathref.Tensor { return s.O })},
		{"c_t", l.C, st(func(s mathref.LSTMState) mathref.Tensor { return s.C })},
		{"h_t", l.H, st(func(s mathref.LSTMState) mathref.Tensor { return s.H })},
		{`W x + b + W h + b`, l.Pre, partSums(l.xw, p.bih, l.hw, p.bhh)},
	})
	l.Agree, l.MaxDiff, l.Report = v.agree, v.maxDiff, v.report
	l.walk = l.walkthrough(v)
	return l
}

// partSums returns xw + bih + hw + bhh row by row.
func partSums(xw [][]float64, bih []float64, hw [][]float64, bhh []float64) [][]float64 {
	out := make([][]float64, len(xw))
	for t := range xw {
		out[t] = make([]float64, len(bih))
		for k := range out[t] {
			out[t][k] = xw[t][k] + bih[k] + hw[t][k] + bhh[k]
		}
	}
	return out
}

// Walkthrough returns the player.
func (l *LSTMWalk) Walkthrough() *lessons.Walkthrough { return l.walk }

// HTML shows the player.
func (l *LSTMWalk) HTML() string { return l.walk.HTML() }

// Markdown shows every step one after another.
func (l *LSTMWalk) Markdown() string { return l.walk.Markdown() }

// String summarises the run for fmt.Println.
func (l *LSTMWalk) String() string {
	T := len(l.X)
	return lessons.T("rnn.str.lstm", l.p.I, l.p.H, T,
		lessons.FormatValue(l.H[T-1]), lessons.FormatValue(l.C[T-1]), plain(l.Report))
}

// Step returns time step t (from 1).
func (l *LSTMWalk) Step(t int) lessons.Step {
	if t < 1 || t > len(l.X) {
		fail("rnn.input.step", t, len(l.X), len(l.X))
	}
	return warn(verdict{l.Agree, l.MaxDiff, l.Report}, l.step(t))
}

func (l *LSTMWalk) walkthrough(v verdict) *lessons.Walkthrough {
	T := len(l.X)
	w := &lessons.Walkthrough{Title: lessons.T("rnn.walk.titleLSTM"),
		Intro: lessons.T("rnn.walk.introLSTM", l.p.I, l.p.H, T) + "\n\n" + mark(v)}
	w.Steps = append(w.Steps, warn(v, gateWeightsStep(kindLSTM, l.p, l.H0, l.C0, l.opt.Digits)))
	for _, t := range l.opt.Steps {
		w.Steps = append(w.Steps, warn(v, l.step(t)))
	}
	if len(l.opt.Steps) < T {
		w.Intro += "\n\n" + lessons.T("rnn.walk.someSteps", len(l.opt.Steps), T)
	}
	w.Steps = append(w.Steps, warn(v, l.allStep()))
	return w
}

// lstmFormula is the LSTM's six equations for step t.
const lstmFormula = `$$\begin{aligned}
i_t &= \sigma\left(W_{ii}\,x_t + b_{ii} + W_{hi}\,h_{t-1} + b_{hi}\right) &
f_t &= \sigma\left(W_{if}\,x_t + b_{if} + W_{hf}\,h_{t-1} + b_{hf}\right) \\
g_t &= \tanh\left(W_{ig}\,x_t + b_{ig} + W_{hg}\,h_{t-1} + b_{hg}\right) &
o_t &= \sigma\left(W_{io}\,x_t + b_{io} + W_{ho}\,h_{t-1} + b_{ho}\right) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t &
h_t &= o_t \odot \tanh(c_t)
\end{aligned}$$`

func (l *LSTMWalk) step(t int) lessons.Step {
	d, s := l.opt.Digits, t-1
	var b strings.Builder
	b.WriteString(lstmFormula + "\n\n")
	b.WriteString(lessons.T("rnn.body.inputsLSTM", t, t-1) + "\n\n")
	fmt.Fprintf(&b, "$$x_{%d} = %s, \\qquad h_{%d} = %s, \\qquad c_{%d} = %s$$\n\n",
		t, row(l.X[s], d), t-1, row(l.prevH(s), d), t-1, row(l.prevC(s), d))
	gates := [][][]float64{l.I, l.F, l.G, l.O}
	for g, name := range []string{"i", "f", "g", "o"} {
		b.WriteString(gateLine(name, t, g, l.p.H, l.xw[s], l.p.bih, l.hw[s], l.p.bhh, l.Pre[s], gates[g][s], name == "g", d) + "\n\n")
	}
	fmt.Fprintf(&b, "$$c_{%d} = f_{%d} \\odot c_{%d} + i_{%d} \\odot g_{%d} = %s \\odot %s + %s \\odot %s = %s$$\n\n",
		t, t, t-1, t, t, col(l.F[s], d), col(l.prevC(s), d), col(l.I[s], d), col(l.G[s], d), col(l.C[s], d))
	fmt.Fprintf(&b, "$$h_{%d} = o_{%d} \\odot \\tanh(c_{%d}) = %s \\odot \\tanh%s = %s$$\n\n",
		t, t, t, col(l.O[s], d), col(l.C[s], d), col(l.H[s], d))
	for _, k := range l.opt.Units {
		fmt.Fprintf(&b, "$$c_{%d,%d} = %s\\cdot %s + %s\\cdot %s = %s, \\qquad h_{%d,%d} = %s\\cdot\\tanh(%s) = %s$$\n\n",
			t, k, factor(l.F[s][k], d), factor(l.prevC(s)[k], d), factor(l.I[s][k], d), factor(l.G[s][k], d), num(l.C[s][k], d),
			t, k, factor(l.O[s][k], d), num(l.C[s][k], d), num(l.H[s][k], d))
	}
	b.WriteString(lessons.T("rnn.body.checkLSTM", t, t) + "\n")
	return lessons.Step{Title: stepTitle(t, l.Tokens[s], l.opt.labelled), Body: b.String()}
}

func stepTitle(t int, token string, labelled bool) string {
	title := lessons.T("rnn.step.t", t)
	if labelled {
		title += " · " + shownToken(token)
	}
	return title
}

func (l *LSTMWalk) prevH(s int) []float64 {
	if s == 0 {
		return l.H0
	}
	return l.H[s-1]
}

func (l *LSTMWalk) prevC(s int) []float64 {
	if s == 0 {
		return l.C0
	}
	return l.C[s-1]
}

// gateLine writes one gate of step t: the four parts of its
// pre-activation, their sum and the activation.
func gateLine(name string, t, g, H int, xw, bih, hw, bhh, pre, act []float64, tanh bool, d int) string {
	blk := func(v []float64) []float64 { return v[g*H : (g+1)*H] }
	fn := `\sigma`
	if tanh {
		fn = `\tanh`
	}
	return fmt.Sprintf("$$%s_{%d} = %s\\Big(\\underbrace{%s}_{W_{i%s}x_{%d}} + \\underbrace{%s}_{b_{i%s}} + \\underbrace{%s}_{W_{h%s}h_{%d}} + \\underbrace{%s}_{b_{h%s}}\\Big) = %s%s = %s$$",
		name, t, fn, col(blk(xw), d), name, t, col(blk(bih), d), name, col(blk(hw), d), name, t-1, col(blk(bhh), d), name,
		fn, col(blk(pre), d), col(act, d))
}

// gateWeightsStep shows the stacked weights split into their gate blocks.
func gateWeightsStep(k kind, p params, h0, c0 []float64, d int) lessons.Step {
	var b strings.Builder
	b.WriteString(lessons.T("rnn.body.weightsGates", k.name, k.G, k.gateList(), k.G*p.H, p.I, k.G*p.H, p.H, p.H) + "\n\n")
	rows := func(m [][]float64, g int) [][]float64 { return m[g*p.H : (g+1)*p.H] }
	vec := func(v []float64, g int) []float64 { return v[g*p.H : (g+1)*p.H] }
	b.WriteString("| " + lessons.T("rnn.word.gate") + " | " + lessons.T("rnn.word.rows") + " | $W_{i\\cdot}$ | $b_{i\\cdot}$ | $W_{h\\cdot}$ | $b_{h\\cdot}$ |\n|---|---|---|---|---|---|\n")
	for g, name := range k.gates {
		fmt.Fprintf(&b, "| $%c$ | %d–%d | $%s$ | $%s$ | $%s$ | $%s$ |\n", name, g*p.H, (g+1)*p.H-1,
			mat(rows(p.wih, g), d), row(vec(p.bih, g), d), mat(rows(p.whh, g), d), row(vec(p.bhh, g), d))
	}
	b.WriteString("\n" + lessons.T("rnn.body.h0", col(h0, d)))
	if c0 != nil {
		b.WriteString(" " + lessons.T("rnn.body.c0", col(c0, d)))
	}
	b.WriteString("\n")
	return lessons.Step{Title: lessons.T("rnn.step.weights"), Body: b.String()}
}

func (l *LSTMWalk) allStep() lessons.Step {
	var b strings.Builder
	b.WriteString(lessons.T("rnn.body.all", len(l.X)) + "\n\n")
	b.WriteString(stateTable(l.Tokens, map[string][][]float64{"c_t": l.C, "h_t": l.H}, []string{"c_t", "h_t"}, l.opt.Digits))
	return lessons.Step{Title: lessons.T("rnn.step.all"), Body: b.String(), Figures: []any{l.Gates()}}
}

// Gates draws the gates i, f, g, o over time as four units × time panels.
func (l *LSTMWalk) Gates() *viz.Figure {
	return viz.Gates([]string{"i", "f", "g", "o"}, [][][]float64{l.I, l.F, l.G, l.O},
		viz.Options{Title: lessons.T("rnn.fig.gatesLSTM"), XTicks: shownTokens(l.Tokens)})
}

// HiddenStates draws h_1 … h_T as a units × time heatmap.
func (l *LSTMWalk) HiddenStates() *viz.Figure { return hiddenStates(l.H, l.Tokens, "h_t") }

// CellStates draws c_1 … c_T as a units × time heatmap.
func (l *LSTMWalk) CellStates() *viz.Figure { return hiddenStates(l.C, l.Tokens, "c_t") }

// UnitLines draws chosen units of h_0 … h_T against t.
func (l *LSTMWalk) UnitLines(units ...int) *viz.Figure { return unitLines(l.H0, l.H, units) }

// Distance returns ‖h_a − h_b‖, the distance between the hidden states
// after steps a and b (0 is h_0).
func (l *LSTMWalk) Distance(a, b int) float64 { return distance(l.H0, l.H, a, b) }

// Trajectory draws h_0 … h_T on their first two principal components.
func (l *LSTMWalk) Trajectory() *viz.Figure { return trajectory(l.H0, l.H, l.Tokens) }
