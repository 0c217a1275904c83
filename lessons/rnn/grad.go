package rnn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
	gmat "gonum.org/v1/gonum/mat"
)

// GradientStudy measures how the gradient flows back through time in an
// RNN: for each weight scale s it builds an RNN whose W_hh is s times a
// random orthogonal matrix (so every singular value of W_hh is s), runs it
// over a sequence, and records the Frobenius norm of the Jacobian
//
//	∂h_T/∂h_t = ∏_{k=t+1}^{T} diag(φ'(a_k)) W_hh
//
// for t = 0 … T: how much a change of the hidden state at step t still
// moves the last one. The norms come from nn's backward pass and are
// checked against the Jacobian product written out.
type GradientStudy struct {
	Nonlinearity string    // "tanh" or "relu"
	Scales       []float64 // the scales s of W_hh
	Hidden       int       // H
	Steps        int       // T
	// Norms[k][t] is ‖∂h_T/∂h_t‖_F for Scales[k], t = 0 … T
	// (‖∂h_T/∂h_T‖_F = ‖I‖_F = √H).
	Norms [][]float64
	// Saturation[k] is the fraction of units with |a| > 2 over the run,
	// where tanh' < 0.071 (for relu: the fraction with a ≤ 0, where
	// relu' = 0, the inactive units).
	Saturation []float64
	// Agree is true when nn's backward pass and the Jacobian product agree
	// on every norm within a relative 1e-6; Report says so in words.
	Agree  bool
	Report string
}

// gradTolerance is the relative difference allowed between nn's backward
// pass and the Jacobian product: both multiply the same step Jacobians, in
// a different order, and an exploding product amplifies the rounding.
const gradTolerance = 1e-6

// GradOptions change a GradientStudy. The zero value is tanh, seed 1, and
// input weights like PyTorch's default initialisation (uniform in ±1/√H).
type GradOptions struct {
	Nonlinearity string  // "tanh" (default) or "relu"
	Seed         uint64  // seeds the random weights; 0 means 1
	InputScale   float64 // W_ih and the biases uniform in ±InputScale; 0 means 1/√H
}

// Gradients runs the study on xs, a (T, I) sequence (a one-hot text, say),
// with H hidden units, for each of the scales. Scales must be positive.
func Gradients(xs any, hidden int, scales []float64, opt ...GradOptions) *GradientStudy {
	o := GradOptions{}
	switch len(opt) {
	case 0:
	case 1:
		o = opt[0]
	default:
		fail("rnn.input.options", len(opt))
	}
	if o.Nonlinearity == "" {
		o.Nonlinearity = "tanh"
	}
	if o.Nonlinearity != "tanh" && o.Nonlinearity != "relu" {
		fail("rnn.input.nonlinearity", o.Nonlinearity)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if hidden < 1 || len(scales) == 0 {
		fail("rnn.input.study", hidden, len(scales))
	}
	if o.InputScale == 0 {
		o.InputScale = 1 / math.Sqrt(float64(hidden))
	}
	a, err := lessons.AsArray(xs)
	if err != nil || len(a.Shape) != 2 || a.Shape[0] < 1 || a.Shape[1] < 1 {
		fail("rnn.input.studySeq", lessons.FormatValue(xs))
	}
	x := rowsOf(a.Data, a.Shape[0], a.Shape[1])
	g := &GradientStudy{Nonlinearity: o.Nonlinearity, Scales: append([]float64(nil), scales...),
		Hidden: hidden, Steps: len(x), Agree: true}
	worst := 0.0
	for _, s := range scales {
		if !(s > 0) {
			fail("rnn.input.scale", s)
		}
		p := studyWeights(len(x[0]), hidden, s, o)
		norms, prod, sat := jacobianNorms(p, o.Nonlinearity, x)
		g.Norms = append(g.Norms, norms)
		g.Saturation = append(g.Saturation, sat)
		for t := range norms {
			d := math.Abs(norms[t]-prod[t]) / math.Max(prod[t], 1e-300)
			if prod[t] == 0 && norms[t] == 0 {
				d = 0
			}
			worst = math.Max(worst, d)
		}
	}
	g.Agree = worst <= gradTolerance
	if g.Agree {
		g.Report = lessons.T("rnn.grad.agree", fmtNum(worst))
	} else {
		g.Report = lessons.T("rnn.grad.disagree", fmtNum(worst))
	}
	return g
}

// studyWeights draws the RNN of one scale: W_hh = s·Q with Q orthogonal
// (the Q of a Gaussian matrix's QR decomposition), W_ih and the biases
// uniform in ±InputScale.
func studyWeights(I, H int, s float64, o GradOptions) params {
	src := rand.New(rand.NewPCG(o.Seed, 0x9a4d))
	uni := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = (2*src.Float64() - 1) * o.InputScale
		}
		return v
	}
	g := gmat.NewDense(H, H, nil)
	for i := 0; i < H; i++ {
		for j := 0; j < H; j++ {
			g.Set(i, j, src.NormFloat64())
		}
	}
	var qr gmat.QR
	qr.Factorize(g)
	var q gmat.Dense
	qr.QTo(&q)
	whh := make([][]float64, H)
	for i := range whh {
		whh[i] = make([]float64, H)
		for j := range whh[i] {
			whh[i][j] = s * q.At(i, j)
		}
	}
	return params{wih: rowsOf(uni(H*I), H, I), whh: whh, bih: uni(H), bhh: uni(H), G: 1, H: H, I: I}
}

// jacobianNorms returns ‖∂h_T/∂h_t‖_F for t = 0 … T twice — from nn's
// backward pass and from the product of the step Jacobians — and the
// fraction of saturated units.
func jacobianNorms(p params, nonlinearity string, x [][]float64) (fromNN, fromProduct []float64, saturation float64) {
	T, H := len(x), p.H
	rec := runNN(kindRNN, p, nonlinearity, x, make([]float64, H), nil)
	pre, hs := block(rec.Pre, 0, H), block(rec.H, 0, H)
	sat := 0
	for _, a := range pre {
		for _, v := range a {
			if (nonlinearity == "tanh" && math.Abs(v) > 2) || (nonlinearity == "relu" && v <= 0) {
				sat++
			}
		}
	}
	saturation = float64(sat) / float64(T*H)
	fromProduct = make([]float64, T+1)
	J := gmat.NewDense(H, H, nil)
	for k := 0; k < H; k++ {
		J.Set(k, k, 1)
	}
	fromProduct[T] = gmat.Norm(J, 2)
	W := gmat.NewDense(H, H, flat(p.whh))
	step := gmat.NewDense(H, H, nil)
	for k := T; k >= 1; k-- { // J ← J · diag(φ'(a_k)) W_hh
		for i := 0; i < H; i++ {
			d := derivative(nonlinearity, pre[k-1][i], hs[k-1][i])
			for j := 0; j < H; j++ {
				step.Set(i, j, d*W.At(i, j))
			}
		}
		var next gmat.Dense
		next.Mul(J, step)
		J = &next
		fromProduct[k-1] = gmat.Norm(J, 2)
	}
	fromNN = backwardNorms(p, nonlinearity, x, hs)
	return fromNN, fromProduct, saturation
}

// derivative is φ'(a) given a and h = φ(a).
func derivative(nonlinearity string, a, h float64) float64 {
	if nonlinearity == "relu" {
		if a > 0 {
			return 1
		}
		return 0
	}
	return 1 - h*h
}

// backwardNorms gets ∂h_T/∂h_t from nn's backward pass: for each t it
// runs nn.RNN over x_{t+1} … x_T from h_t, in a batch of H copies, and
// back-propagates the gradient e_b from h_T of copy b, so that dL/dh_0 of
// copy b is row b of the Jacobian.
func backwardNorms(p params, nonlinearity string, x [][]float64, hs [][]float64) []float64 {
	T, H, I := len(x), p.H, p.I
	out := make([]float64, T+1)
	out[T] = math.Sqrt(float64(H))
	l := nn.NewRNN(I, H, nn.Nonlinearity(nonlinearity))
	copy(l.WeightIH[0].Data, flat(p.wih))
	copy(l.WeightHH[0].Data, flat(p.whh))
	copy(l.BiasIH[0].Data, p.bih)
	copy(l.BiasHH[0].Data, p.bhh)
	eye := nn.New(1, H, H)
	for b := 0; b < H; b++ {
		eye.Data[b*H+b] = 1
	}
	for t := 0; t < T; t++ {
		n := T - t
		xb := nn.New(n, H, I) // x_{t+1} … x_T for each of the H copies
		for s := 0; s < n; s++ {
			for b := 0; b < H; b++ {
				copy(xb.Data[(s*H+b)*I:], x[t+s])
			}
		}
		h0 := nn.New(1, H, H)
		if t > 0 {
			for b := 0; b < H; b++ {
				copy(h0.Data[b*H:], hs[t-1])
			}
		}
		l.ForwardState(xb, h0)
		_, gh0 := l.BackwardState(nil, eye)
		sum := 0.0
		for _, v := range gh0.Data {
			sum += v * v
		}
		out[t] = math.Sqrt(sum)
	}
	return out
}

// Figure draws log₁₀ ‖∂h_T/∂h_t‖_F against t, one line per scale.
func (g *GradientStudy) Figure() *viz.Figure {
	var series []viz.Series
	xs := make([]float64, g.Steps+1)
	for t := range xs {
		xs[t] = float64(t)
	}
	for k, s := range g.Scales {
		ys := make([]float64, len(g.Norms[k]))
		for t, n := range g.Norms[k] {
			ys[t] = math.Log10(n)
		}
		series = append(series, viz.Series{Name: fmt.Sprintf("s = %g", s), Panel: lessons.T("rnn.grad.axis"), X: xs, Y: ys})
	}
	return viz.Curves(series, viz.Options{Title: lessons.T("rnn.grad.title", g.Nonlinearity, g.Hidden, g.Steps),
		XLabel: "t"}).SetSize(6.4, 3.6)
}

// Norm returns ‖∂h_T/∂h_t‖_F for the scale at index k.
func (g *GradientStudy) Norm(k, t int) float64 {
	if k < 0 || k >= len(g.Scales) {
		fail("rnn.input.scaleIndex", k, len(g.Scales))
	}
	if t < 0 || t > g.Steps {
		fail("rnn.input.stepZero", t, g.Steps)
	}
	return g.Norms[k][t]
}

// PerStep returns the average factor by which the norm changes per step
// back in time for the scale at index k: (‖∂h_T/∂h_0‖ / ‖∂h_T/∂h_T‖)^(1/T).
func (g *GradientStudy) PerStep(k int) float64 {
	n := g.Norms[k]
	return math.Pow(n[0]/n[g.Steps], 1/float64(g.Steps))
}

// Markdown shows a table of the norms at a few distances from T, the
// factor per step and the saturation, and the check.
func (g *GradientStudy) Markdown() string {
	var b strings.Builder
	T := g.Steps
	ds := []int{1, 5, 10, 20, 40}
	b.WriteString("| $s$ |")
	var shown []int
	for _, d := range ds {
		if d <= T {
			shown = append(shown, d)
			fmt.Fprintf(&b, " $\\lVert\\partial h_T/\\partial h_{T-%d}\\rVert$ |", d)
		}
	}
	satName := lessons.T("rnn.grad.saturated")
	if g.Nonlinearity == "relu" {
		satName = lessons.T("rnn.grad.inactive")
	}
	fmt.Fprintf(&b, " %s | %s |\n|---|", lessons.T("rnn.grad.perStep"), satName)
	for range shown {
		b.WriteString("---|")
	}
	b.WriteString("---|---|\n")
	for k, s := range g.Scales {
		fmt.Fprintf(&b, "| %g |", s)
		for _, d := range shown {
			fmt.Fprintf(&b, " %s |", sci(g.Norms[k][T-d]))
		}
		fmt.Fprintf(&b, " %.3f | %.0f%% |\n", g.PerStep(k), 100*g.Saturation[k])
	}
	b.WriteString("\n" + mark(verdict{agree: g.Agree, report: g.Report}) + "\n")
	return b.String()
}

// sci writes a positive number compactly: 0.123, 4.56e-07.
func sci(v float64) string {
	if v == 0 || (math.Abs(v) >= 1e-3 && math.Abs(v) < 1e4) {
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.2e", v)
}

func init() {
	lessons.RegisterCatalog("rnn-grad", lessons.Catalog{
		"rnn.input.study": {
			EN: "a gradient study needs at least 1 hidden unit and at least one scale; got hidden = %d and %d scales.",
			ZH: "梯度实验至少需要 1 个隐藏单元和至少一个缩放系数；收到 hidden = %d，%d 个缩放系数。"},
		"rnn.input.studySeq": {
			EN: "xs must be a (T, I) sequence of numbers, one row per time step; got %s.",
			ZH: "xs 必须是形状为 (T, I) 的数值序列，每个时间步一行；收到的是 %s。"},
		"rnn.input.scale": {
			EN: "a scale must be a positive number; got %v.",
			ZH: "缩放系数必须是正数；收到的是 %v。"},
		"rnn.input.scaleIndex": {
			EN: "there is no scale %d: the study has %d scales, numbered from 0.",
			ZH: "没有第 %d 个缩放系数：这个实验有 %d 个缩放系数，编号从 0 开始。"},
		"rnn.input.stepZero": {
			EN: "there is no time step %d here: t runs from 0 (the initial state) to T = %d.",
			ZH: "这里没有时间步 %d：t 从 0（初始状态）到 T = %d。"},
		"rnn.grad.agree": {
			EN: "nn's backward pass and the Jacobian product agree on every norm: largest relative difference %s (tolerance 1e-6).",
			ZH: "nn 的反向传播与雅可比矩阵连乘在每个范数上都一致：最大相对差 %s（容差 1e-9）。"},
		"rnn.grad.disagree": {
			EN: "nn's backward pass and the Jacobian product DISAGREE: largest relative difference %s. Do not trust these numbers; please report it.",
			ZH: "nn 的反向传播与雅可比矩阵连乘不一致：最大相对差 %s。请不要相信这些数，并报告这个问题。"},
		"rnn.grad.axis": {
			EN: "log10 ‖∂h_T/∂h_t‖",
			ZH: "log10 ‖∂h_T/∂h_t‖"},
		"rnn.grad.title": {
			EN: "Gradient back through time (%s, H = %d, T = %d)",
			ZH: "沿时间反向传播的梯度（%s，H = %d，T = %d）"},
		"rnn.grad.perStep":   {EN: "factor per step", ZH: "每步的倍数"},
		"rnn.grad.saturated": {EN: "saturated units ($\\lvert a \\rvert > 2$)", ZH: "饱和单元（$\\lvert a \\rvert > 2$）"},
		"rnn.grad.inactive":  {EN: "inactive units ($a \\le 0$)", ZH: "未激活单元（$a \\le 0$）"},
	})
}
