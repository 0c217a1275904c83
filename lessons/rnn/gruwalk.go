package rnn

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/viz"
)

// GRUWalk is a GRU (PyTorch's nn.GRU, one layer) run over a sequence by nn
// and checked against mathref's literal formulas, gate by gate:
//
//	r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
//	z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
//	n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
//	h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
//
// The reset gate multiplies W_hn h_{t−1} + b_hn, bias included, as in
// PyTorch. Its fields hold every gate and state, (T, H) each.
type GRUWalk struct {
	Tokens   []string    // a label per time step
	X        [][]float64 // (T, I): x_1 … x_T
	WIH, WHH [][]float64 // (3H, I) and (3H, H): blocks r, z, n
	BIH, BHH []float64   // (3H) each; zeros without bias
	H0       []float64   // (H): h_0
	// R, Z and N are the reset gate, update gate and candidate state; HN
	// is W_hn h_{t−1} + b_hn, the term the reset gate scales; H the
	// hidden states. (T, H) each, as nn.GRU computed them.
	R, Z, N, HN, H [][]float64
	// Agree is true when nn and mathref agree within 1e-9 on every gate
	// and state; MaxDiff is their largest difference, Report the words.
	Agree   bool
	MaxDiff float64
	Report  string

	opt    Options
	p      params
	xw, hw [][]float64 // W_ih x_t and W_hh h_{t−1}, (T, 3H)
	pre    [][]float64 // nn's pre-activations (T, 3H)
	walk   *lessons.Walkthrough
}

// WalkGRU runs a GRU with weights w over xs, a (T, I) sequence (see
// WalkRNN for the forms it may take). w.WIH is (3H, I) and w.WHH (3H, H),
// the gate blocks stacked in PyTorch's order r, z, n; the biases are (3H)
// or nil.
func WalkGRU(xs any, w Weights, opt ...Options) *GRUWalk {
	o := options(opt)
	p := w.check(kindGRU)
	x := sequence(xs, p.I)
	o.check(len(x), p.H)
	g := &GRUWalk{Tokens: o.Tokens, X: x, WIH: p.wih, WHH: p.whh, BIH: p.bih, BHH: p.bhh,
		H0: state("h0", o.H0, p.H), opt: o, p: p}
	rec := runNN(kindGRU, p, "", x, g.H0, nil)
	H := p.H
	g.R, g.Z, g.N = block(rec.Gates, 0, H), block(rec.Gates, 1, H), block(rec.Gates, 2, H)
	g.HN, g.H, g.pre = block(rec.HN, 0, H), block(rec.H, 0, H), block(rec.Pre, 0, 3*H)
	g.xw, g.hw = products(p.wih, x), products(p.whh, previous(g.H0, g.H))
	ref := mathref.GRU(mathref.Matrix(x), mathref.Vector(g.H0...), refWeights(p))
	st := func(f func(mathref.GRUState) mathref.Tensor) [][]float64 {
		return stepRows(len(x), func(s int) mathref.Tensor { return f(ref.Steps[s]) })
	}
	v := compare("nn.GRU · mathref.GRU", []comparison{
		{"r_t", g.R, st(func(s mathref.GRUState) mathref.Tensor { return s.R })},
		{"z_t", g.Z, st(func(s mathref.GRUState) mathref.Tensor { return s.Z })},
		{"n_t", g.N, st(func(s mathref.GRUState) mathref.Tensor { return s.N })},
		{"h_t", g.H, st(func(s mathref.GRUState) mathref.Tensor { return s.H })},
		{`W_{hn} h + b_{hn}`, g.HN, g.hnParts()},
		{`W x + b + \ldots`, g.pre, g.preParts()},
	})
	g.Agree, g.MaxDiff, g.Report = v.agree, v.maxDiff, v.report
	g.walk = g.walkthrough(v)
	return g
}

// hnParts is W_hn h_{t−1} + b_hn from the walkthrough's own products.
func (g *GRUWalk) hnParts() [][]float64 {
	H := g.p.H
	out := make([][]float64, len(g.X))
	for t := range out {
		out[t] = make([]float64, H)
		for k := range out[t] {
			out[t][k] = g.hw[t][2*H+k] + g.p.bhh[2*H+k]
		}
	}
	return out
}

// preParts is the three pre-activations from the walkthrough's products:
// r and z as for the LSTM, n = W_in x + b_in + r ⊙ (W_hn h + b_hn).
func (g *GRUWalk) preParts() [][]float64 {
	H := g.p.H
	out := partSums(g.xw, g.p.bih, g.hw, g.p.bhh)
	for t := range out {
		for k := 0; k < H; k++ {
			out[t][2*H+k] = g.xw[t][2*H+k] + g.p.bih[2*H+k] + g.R[t][k]*(g.hw[t][2*H+k]+g.p.bhh[2*H+k])
		}
	}
	return out
}

// Walkthrough returns the player.
func (g *GRUWalk) Walkthrough() *lessons.Walkthrough { return g.walk }

// HTML shows the player.
func (g *GRUWalk) HTML() string { return g.walk.HTML() }

// Markdown shows every step one after another.
func (g *GRUWalk) Markdown() string { return g.walk.Markdown() }

// String summarises the run for fmt.Println.
func (g *GRUWalk) String() string {
	T := len(g.X)
	return lessons.T("rnn.str.gru", g.p.I, g.p.H, T,
		lessons.FormatValue(g.H[T-1]), plain(g.Report))
}

// Step returns time step t (from 1).
func (g *GRUWalk) Step(t int) lessons.Step {
	if t < 1 || t > len(g.X) {
		fail("rnn.input.step", t, len(g.X), len(g.X))
	}
	return warn(verdict{g.Agree, g.MaxDiff, g.Report}, g.step(t))
}

func (g *GRUWalk) walkthrough(v verdict) *lessons.Walkthrough {
	T := len(g.X)
	w := &lessons.Walkthrough{Title: lessons.T("rnn.walk.titleGRU"),
		Intro: lessons.T("rnn.walk.introGRU", g.p.I, g.p.H, T) + "\n\n" + mark(v)}
	w.Steps = append(w.Steps, warn(v, gateWeightsStep(kindGRU, g.p, g.H0, nil, g.opt.Digits)))
	for _, t := range g.opt.Steps {
		w.Steps = append(w.Steps, warn(v, g.step(t)))
	}
	if len(g.opt.Steps) < T {
		w.Intro += "\n\n" + lessons.T("rnn.walk.someSteps", len(g.opt.Steps), T)
	}
	w.Steps = append(w.Steps, warn(v, g.allStep()))
	return w
}

// gruFormula is the GRU's four equations for step t.
const gruFormula = `$$\begin{aligned}
r_t &= \sigma\left(W_{ir}\,x_t + b_{ir} + W_{hr}\,h_{t-1} + b_{hr}\right) &
z_t &= \sigma\left(W_{iz}\,x_t + b_{iz} + W_{hz}\,h_{t-1} + b_{hz}\right) \\
n_t &= \tanh\left(W_{in}\,x_t + b_{in} + r_t \odot \left(W_{hn}\,h_{t-1} + b_{hn}\right)\right) &
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
\end{aligned}$$`

func (g *GRUWalk) prevH(s int) []float64 {
	if s == 0 {
		return g.H0
	}
	return g.H[s-1]
}

func (g *GRUWalk) step(t int) lessons.Step {
	d, s, H := g.opt.Digits, t-1, g.p.H
	var b strings.Builder
	b.WriteString(gruFormula + "\n\n")
	b.WriteString(lessons.T("rnn.body.inputs", t, t-1) + "\n\n")
	fmt.Fprintf(&b, "$$x_{%d} = %s, \\qquad h_{%d} = %s$$\n\n", t, row(g.X[s], d), t-1, row(g.prevH(s), d))
	b.WriteString(gateLine("r", t, 0, H, g.xw[s], g.p.bih, g.hw[s], g.p.bhh, g.pre[s], g.R[s], false, d) + "\n\n")
	b.WriteString(gateLine("z", t, 1, H, g.xw[s], g.p.bih, g.hw[s], g.p.bhh, g.pre[s], g.Z[s], false, d) + "\n\n")
	blk := func(v []float64) []float64 { return v[2*H : 3*H] }
	fmt.Fprintf(&b, "$$n_{%d} = \\tanh\\Big(\\underbrace{%s}_{W_{in}x_{%d}} + \\underbrace{%s}_{b_{in}} + \\underbrace{%s}_{r_{%d}} \\odot \\big(\\underbrace{%s}_{W_{hn}h_{%d}} + \\underbrace{%s}_{b_{hn}}\\big)\\Big) = \\tanh%s = %s$$\n\n",
		t, col(blk(g.xw[s]), d), t, col(blk(g.p.bih), d), col(g.R[s], d), t, col(blk(g.hw[s]), d), t-1, col(blk(g.p.bhh), d),
		col(blk(g.pre[s]), d), col(g.N[s], d))
	fmt.Fprintf(&b, "$$h_{%d} = (1 - z_{%d}) \\odot n_{%d} + z_{%d} \\odot h_{%d} = %s \\odot %s + %s \\odot %s = %s$$\n\n",
		t, t, t, t, t-1, col(oneMinus(g.Z[s]), d), col(g.N[s], d), col(g.Z[s], d), col(g.prevH(s), d), col(g.H[s], d))
	for _, k := range g.opt.Units {
		fmt.Fprintf(&b, "$$h_{%d,%d} = (1 - %s)\\cdot %s + %s\\cdot %s = %s$$\n\n", t, k,
			num(g.Z[s][k], d), factor(g.N[s][k], d), factor(g.Z[s][k], d), factor(g.prevH(s)[k], d), num(g.H[s][k], d))
	}
	b.WriteString(lessons.T("rnn.body.checkGRU", t) + "\n")
	return lessons.Step{Title: stepTitle(t, g.Tokens[s], g.opt.labelled), Body: b.String()}
}

func oneMinus(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = 1 - x
	}
	return out
}

func (g *GRUWalk) allStep() lessons.Step {
	var b strings.Builder
	b.WriteString(lessons.T("rnn.body.all", len(g.X)) + "\n\n")
	b.WriteString(stateTable(g.Tokens, map[string][][]float64{"h_t": g.H}, []string{"h_t"}, g.opt.Digits))
	return lessons.Step{Title: lessons.T("rnn.step.all"), Body: b.String(), Figures: []any{g.Gates()}}
}

// Gates draws the gates r, z, n over time as three units × time panels.
func (g *GRUWalk) Gates() *viz.Figure {
	return viz.Gates([]string{"r", "z", "n"}, [][][]float64{g.R, g.Z, g.N},
		viz.Options{Title: lessons.T("rnn.fig.gatesGRU"), XTicks: shownTokens(g.Tokens)})
}

// HiddenStates draws h_1 … h_T as a units × time heatmap.
func (g *GRUWalk) HiddenStates() *viz.Figure { return hiddenStates(g.H, g.Tokens, "h_t") }

// UnitLines draws chosen units of h_0 … h_T against t.
func (g *GRUWalk) UnitLines(units ...int) *viz.Figure { return unitLines(g.H0, g.H, units) }

// Distance returns ‖h_a − h_b‖, the distance between the hidden states
// after steps a and b (0 is h_0).
func (g *GRUWalk) Distance(a, b int) float64 { return distance(g.H0, g.H, a, b) }

// Trajectory draws h_0 … h_T on their first two principal components.
func (g *GRUWalk) Trajectory() *viz.Figure { return trajectory(g.H0, g.H, g.Tokens) }
