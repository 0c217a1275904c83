package rnn

import (
	"fmt"
	"math"
	"strconv"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// Options change what a walkthrough computes and shows. The zero value
// is PyTorch's default: tanh, h_0 = c_0 = 0, every step shown (the first
// maxSteps of a long sequence), three decimals.
type Options struct {
	// Nonlinearity is the RNN's φ: "tanh" (the default) or "relu". LSTM
	// and GRU ignore it.
	Nonlinearity string
	// Tokens label the time steps, one per step (the characters of a
	// text, say); nil numbers them 1, 2, ….
	Tokens []string
	// H0 and C0 are the initial hidden and cell states, H numbers each;
	// nil means zeros (PyTorch's default). C0 is for the LSTM only.
	H0, C0 any
	// Steps lists the time steps (from 1) the player shows one by one;
	// nil means all of them, or the first maxSteps of a longer sequence.
	Steps []int
	// Units lists the hidden units whose sums are written out number by
	// number at every step; nil means unit 0 (every unit when H ≤ 2).
	Units []int
	// Digits is how many decimals the formulas show; 0 means 3.
	Digits int

	labelled bool // Tokens were given
}

// maxSteps is how many time steps the player shows when Options.Steps is
// nil.
const maxSteps = 10

// tolerance is how far nn's numbers may be from mathref's.
const tolerance = 1e-9

func options(o []Options) Options {
	switch len(o) {
	case 0:
		return Options{Digits: 3}
	case 1:
		opt := o[0]
		if opt.Digits <= 0 {
			opt.Digits = 3
		}
		return opt
	}
	fail("rnn.input.options", len(o))
	return Options{}
}

// check validates the options against a sequence of T steps and H units,
// filling in tokens, steps and units.
func (o *Options) check(T, H int) {
	switch o.Nonlinearity {
	case "":
		o.Nonlinearity = "tanh"
	case "tanh", "relu":
	default:
		fail("rnn.input.nonlinearity", o.Nonlinearity)
	}
	o.labelled = o.Tokens != nil
	if o.Tokens == nil {
		o.Tokens = make([]string, T)
		for t := range o.Tokens {
			o.Tokens[t] = strconv.Itoa(t + 1)
		}
	} else if len(o.Tokens) != T {
		fail("rnn.input.tokens", len(o.Tokens), T, T)
	} else {
		o.Tokens = append([]string(nil), o.Tokens...)
	}
	if o.Steps == nil {
		for t := 1; t <= min(T, maxSteps); t++ {
			o.Steps = append(o.Steps, t)
		}
	}
	for _, t := range o.Steps {
		if t < 1 || t > T {
			fail("rnn.input.step", t, T, T)
		}
	}
	if o.Units == nil {
		o.Units = []int{0}
		if H == 2 {
			o.Units = []int{0, 1}
		}
	}
	for _, u := range o.Units {
		if u < 0 || u >= H {
			fail("rnn.input.unit", u, H, H-1)
		}
	}
}

// layerOf builds the nn layer of kind k holding p's numbers.
func layerOf(k kind, p params, nonlinearity string) (fwd func(x, h0, c0 *nn.Tensor) *nn.Record) {
	opts := []nn.Option{}
	if p.noBias {
		opts = append(opts, nn.Bias(false))
	}
	var ih, hh, bih, bhh []*nn.Tensor
	var run func(x, h0, c0 *nn.Tensor)
	var rec func() *nn.Record
	switch k.name {
	case "RNN":
		l := nn.NewRNN(p.I, p.H, append(opts, nn.Nonlinearity(nonlinearity))...)
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
		run = func(x, h0, _ *nn.Tensor) { l.ForwardState(x, h0) }
		rec = func() *nn.Record { return &l.Record[0] }
	case "LSTM":
		l := nn.NewLSTM(p.I, p.H, opts...)
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
		run = func(x, h0, c0 *nn.Tensor) { l.ForwardState(x, h0, c0) }
		rec = func() *nn.Record { return &l.Record[0] }
	default:
		l := nn.NewGRU(p.I, p.H, opts...)
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
		run = func(x, h0, _ *nn.Tensor) { l.ForwardState(x, h0) }
		rec = func() *nn.Record { return &l.Record[0] }
	}
	copy(ih[0].Data, flat(p.wih))
	copy(hh[0].Data, flat(p.whh))
	if !p.noBias {
		copy(bih[0].Data, p.bih)
		copy(bhh[0].Data, p.bhh)
	}
	return func(x, h0, c0 *nn.Tensor) *nn.Record {
		run(x, h0, c0)
		return rec()
	}
}

// runNN runs the layer on xs (T, I) from h0 (and c0) and returns its
// record (time-major, batch 1).
func runNN(k kind, p params, nonlinearity string, xs [][]float64, h0, c0 []float64) *nn.Record {
	fwd := layerOf(k, p, nonlinearity)
	var c *nn.Tensor
	if k.name == "LSTM" {
		c = nn.FromData(append([]float64(nil), c0...), 1, p.H)
	}
	return fwd(nn.FromRows(xs), nn.FromData(append([]float64(nil), h0...), 1, p.H), c)
}

// block returns gate block g of a record tensor (T, 1, G·H) as (T, H) rows.
func block(t *nn.Tensor, g, H int) [][]float64 {
	T, GH := t.Shape[0], t.Shape[2]
	out := make([][]float64, T)
	for s := range out {
		out[s] = append([]float64(nil), t.Data[s*GH+g*H:s*GH+(g+1)*H]...)
	}
	return out
}

// refWeights returns p as mathref's RecurrentWeights.
func refWeights(p params) mathref.RecurrentWeights {
	w := mathref.RecurrentWeights{WeightIH: mathref.Matrix(p.wih), WeightHH: mathref.Matrix(p.whh)}
	if !p.noBias {
		w.BiasIH, w.BiasHH = p.bih, p.bhh
	}
	return w
}

// tensorRows returns a mathref (T, H) tensor as rows.
func tensorRows(t mathref.Tensor) [][]float64 {
	return rowsOf(t.Data, t.Shape[0], t.Shape[1])
}

// stepRows collects one field of every step's (H) tensors as (T, H).
func stepRows(n int, f func(s int) mathref.Tensor) [][]float64 {
	out := make([][]float64, n)
	for s := range out {
		out[s] = append([]float64(nil), f(s).Data...)
	}
	return out
}

// products returns W·v for each row v of vs: (T, rows of W).
func products(W [][]float64, vs [][]float64) [][]float64 {
	out := make([][]float64, len(vs))
	for t, v := range vs {
		out[t] = matVec(W, v)
	}
	return out
}

func matVec(W [][]float64, v []float64) []float64 {
	out := make([]float64, len(W))
	for i, r := range W {
		for j, w := range r {
			out[i] += w * v[j]
		}
	}
	return out
}

// previous returns h_0, h_1, …, h_{T−1}: the state each step starts from.
func previous(h0 []float64, hs [][]float64) [][]float64 {
	return append([][]float64{h0}, hs[:len(hs)-1]...)
}

func flat(m [][]float64) []float64 {
	var out []float64
	for _, r := range m {
		out = append(out, r...)
	}
	return out
}

// comparison is one quantity computed two ways (nn and mathref, or nn and
// the sum of the parts the walkthrough shows), (T, H) each.
type comparison struct {
	name      string // the symbol, e.g. "f_t"
	got, want [][]float64
}

// verdict is the outcome of comparing nn with mathref.
type verdict struct {
	agree   bool
	maxDiff float64
	report  string
}

// compare checks every comparison within tolerance and describes the
// outcome in the current language.
func compare(what string, cs []comparison) verdict {
	v := verdict{agree: true}
	var first string
	names := ""
	for i, c := range cs {
		if i > 0 {
			names += ", "
		}
		names += "$" + c.name + "$"
		for t := range c.want {
			for k := range c.want[t] {
				g, w := c.got[t][k], c.want[t][k]
				d := math.Abs(g - w)
				if math.IsNaN(d) {
					d = math.Inf(1)
				}
				v.maxDiff = math.Max(v.maxDiff, d)
				if !(d <= tolerance) && v.agree {
					v.agree = false
					first = lessons.T("rnn.check.first", c.name, t+1, k, fmtNum(g), fmtNum(w), fmtNum(d))
				}
			}
		}
	}
	if v.agree {
		v.report = lessons.T("rnn.check.agree", what, names, fmtNum(v.maxDiff), fmtNum(tolerance))
	} else {
		v.report = lessons.T("rnn.check.disagree", what, first)
	}
	return v
}

func fmtNum(v float64) string { return lessons.Num(v) }

// warn puts a disagreement between nn and mathref on top of a step,
// loudly.
func warn(v verdict, s lessons.Step) lessons.Step {
	if !v.agree {
		s.Body = "> **⚠ " + lessons.T("rnn.check.warn") + "** " + v.report + "\n\n" + s.Body
	}
	return s
}

// mark is the ✓ or ⚠ line under each step.
func mark(v verdict) string {
	if v.agree {
		return "✓ " + v.report
	}
	return "⚠ " + v.report
}

func clone2(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = append([]float64(nil), r...)
	}
	return out
}

// subscript writes x_{t} for a formula.
func sub(sym string, t int) string { return fmt.Sprintf("%s_{%d}", sym, t) }
