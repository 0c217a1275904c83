package conv

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// Opts are a convolution's hyper-parameters, with the meaning of
// torch.nn.Conv2d's arguments (the same value for height and width).
type Opts struct {
	Stride   int       // step between output positions; 0 means 1
	Padding  int       // zeros added on every side of the input; default 0
	Dilation int       // spacing between kernel taps; 0 means 1
	Bias     []float64 // one per output channel; nil means no bias
}

// resolve checks o (at most one Opts) and fills in the defaults.
func resolve(o []Opts) Opts {
	if len(o) > 1 {
		fail("conv.in.opts", len(o))
	}
	var opt Opts
	if len(o) == 1 {
		opt = o[0]
	}
	if opt.Stride < 0 || opt.Padding < 0 || opt.Dilation < 0 {
		fail("conv.in.negative", opt.Stride, opt.Padding, opt.Dilation)
	}
	if opt.Stride == 0 {
		opt.Stride = 1
	}
	if opt.Dilation == 0 {
		opt.Dilation = 1
	}
	return opt
}

// MaxSteps is the most output positions a Walk's player holds; Walk.StepAt
// shows any position.
const MaxSteps = 64

// Agreement is the tolerance within which the values shown must agree:
// nn.Conv2d (a matrix product), mathref.Conv2D (the literal formula) and the
// sum written out in each step add the same products in different orders.
const Agreement = 1e-9

// Walk is a 2-D convolution (a cross-correlation, as nn.Conv2d computes it)
// taken apart position by position. In a cell it shows the shapes, the
// output size worked out, the output, and a player whose step (i, j) shows
// the receptive field, the element-wise products, their sum, the bias and
// the output value, with the numbers written into the formula and a
// viz.ConvStep figure. Every value comes from nn.Conv2d and is checked
// against mathref.Conv2D as it is shown; a disagreement is shown in red.
type Walk struct {
	X     mathref.Tensor    // the input, (C, H, W)
	W     mathref.Tensor    // the kernels, (O, C, KH, KW)
	B     []float64         // the bias, one per output channel, or nil
	Opts  Opts              // stride, padding and dilation, defaults filled in
	Layer *nn.Conv2d        // the layer that computed Y
	Y     *nn.Tensor        // nn.Conv2d's output, (O, H', W')
	Ref   mathref.Tensor    // mathref.Conv2D's output, (O, H', W')
	Agree mathref.Closeness // Y against Ref, within Agreement
}

// New convolves x with w and returns the walkthrough. x is one image: a
// matrix (one channel), (C, H, W) or (1, C, H, W). w is a matrix (one input
// and one output channel), (C, KH, KW) for one output channel, or
// (O, C, KH, KW). Both may be nested slices ([][]float64, …), an
// *nn.Tensor or a mathref.Tensor. Opts sets stride, padding, dilation and
// the bias. Input that cannot be convolved — a kernel larger than the
// padded input, a kernel whose channels do not match the input's, a bias
// of the wrong length — panics with an *Error saying what was expected.
func New(x, w any, o ...Opts) *Walk {
	opt := resolve(o)
	X := asImage(x)
	C, H, Wd := X.Shape[0], X.Shape[1], X.Shape[2]
	K := asKernel(w, C)
	O, KH, KW := K.Shape[0], K.Shape[2], K.Shape[3]
	b := asBias(opt.Bias, O)
	opt.Bias = b
	fits(lessons.T("conv.word.height"), H, KH, opt)
	fits(lessons.T("conv.word.width"), Wd, KW, opt)
	s, p, d := opt.Stride, opt.Padding, opt.Dilation
	layer := &nn.Conv2d{InChannels: C, OutChannels: O, Groups: 1,
		KernelSize: [2]int{KH, KW}, Stride: [2]int{s, s}, Padding: [2]int{p, p}, Dilation: [2]int{d, d},
		Weight: nn.FromData(append([]float64(nil), K.Data...), O, C, KH, KW)}
	if b != nil {
		layer.Bias = nn.FromData(append([]float64(nil), b...), O)
	}
	y := layer.Forward(nn.FromData(append([]float64(nil), X.Data...), C, H, Wd))
	ref := mathref.Conv2D(X, K, b, mathref.Conv2DOpts{Stride: [2]int{s, s}, Padding: [2]int{p, p}, Dilation: [2]int{d, d}})
	return &Walk{X: X, W: K, B: b, Opts: opt, Layer: layer, Y: y, Ref: ref,
		Agree: mathref.AllClose(mathref.Tensor{Shape: y.Shape, Data: y.Data}, ref, Agreement, Agreement)}
}

// fits fails when the dilated kernel does not fit in the padded input along
// one axis.
func fits(axis string, n, k int, o Opts) {
	span := o.Dilation*(k-1) + 1
	if span > n+2*o.Padding {
		fail("conv.in.tooBig", axis, span, o.Dilation, k, n+2*o.Padding, n, o.Padding)
	}
}

// OutShape returns (O, H', W').
func (c *Walk) OutShape() []int { return append([]int(nil), c.Y.Shape...) }

// Output returns output channel o as a matrix.
func (c *Walk) Output(o int) [][]float64 {
	c.checkO("Output", o)
	return rows(c.Y.Data[o*c.Y.Shape[1]*c.Y.Shape[2]:], c.Y.Shape[1], c.Y.Shape[2])
}

func (c *Walk) checkO(fn string, o int) {
	if o < 0 || o >= c.Y.Shape[0] {
		fail("conv.in.channel", fn, o, c.Y.Shape[0], c.Y.Shape[0]-1)
	}
}

// rows copies an h×w block of data into a [][]float64.
func rows(data []float64, h, w int) [][]float64 {
	out := make([][]float64, h)
	for i := range out {
		out[i] = append([]float64(nil), data[i*w:(i+1)*w]...)
	}
	return out
}

// Step is one output position of a Walk: a lessons.Step (title, Markdown
// with the numbers in the formula, figures) plus the numbers themselves.
// In a cell it shows as HTML, with a PNG of its figures in the same output.
type Step struct {
	lessons.Step
	O, I, J  int           // output channel and position
	Rows     []int         // rows of the padded input the kernel taps
	Cols     []int         // columns of the padded input the kernel taps
	Field    [][][]float64 // the receptive field, (C, KH, KW)
	Products [][][]float64 // field ⊙ kernel, (C, KH, KW)
	Sums     []float64     // Σ of the products, one per input channel
	Value    float64       // Σ_c Sums[c] + b[o], added up as written
	NN       float64       // nn.Conv2d's output at (O, I, J)
	Ref      float64       // mathref.Conv2D's output at (O, I, J)
	figs     []*viz.Figure
}

// OK reports whether the written-out sum, nn and mathref agree.
func (s Step) OK() bool {
	return near(s.Value, s.NN) && near(s.Value, s.Ref)
}

func near(a, b float64) bool { return math.Abs(a-b) <= Agreement*(1+math.Abs(b)) }

// PNG renders the step's figures, one under the other.
func (s Step) PNG() []byte { return stackPNG(s.figs) }

// Step returns position (i, j) of output channel 0.
func (c *Walk) Step(i, j int) Step { return c.StepAt(0, i, j) }

// StepAt returns position (i, j) of output channel o.
func (c *Walk) StepAt(o, i, j int) Step {
	c.checkO("StepAt", o)
	H2, W2 := c.Y.Shape[1], c.Y.Shape[2]
	if i < 0 || j < 0 || i >= H2 || j >= W2 {
		fail("conv.in.position", i, j, hw(H2, W2), H2-1, W2-1)
	}
	syncLang()
	st := c.numbers(o, i, j)
	st.Title = c.stepTitle(o, i, j)
	st.Body = c.body(&st)
	st.figs = c.figures(&st)
	for _, f := range st.figs {
		st.Figures = append(st.Figures, f)
	}
	return st
}

func (c *Walk) stepTitle(o, i, j int) string {
	if c.Y.Shape[0] > 1 {
		return lessons.T("conv.step.titleO", o, i, j)
	}
	return lessons.T("conv.step.title", i, j)
}

// padded returns x̃_c(r, q): the input with zeros outside.
func (c *Walk) padded(ch, r, q int) float64 {
	r, q = r-c.Opts.Padding, q-c.Opts.Padding
	if r < 0 || q < 0 || r >= c.X.Shape[1] || q >= c.X.Shape[2] {
		return 0
	}
	return c.X.At(ch, r, q)
}

// numbers computes one position literally, in the order the text writes it.
func (c *Walk) numbers(o, i, j int) Step {
	C, KH, KW := c.W.Shape[1], c.W.Shape[2], c.W.Shape[3]
	s, d := c.Opts.Stride, c.Opts.Dilation
	st := Step{O: o, I: i, J: j}
	for u := 0; u < KH; u++ {
		st.Rows = append(st.Rows, s*i+d*u)
	}
	for v := 0; v < KW; v++ {
		st.Cols = append(st.Cols, s*j+d*v)
	}
	for ch := 0; ch < C; ch++ {
		field, prod := make([][]float64, KH), make([][]float64, KH)
		sum := 0.0
		for u := 0; u < KH; u++ {
			field[u], prod[u] = make([]float64, KW), make([]float64, KW)
			for v := 0; v < KW; v++ {
				field[u][v] = c.padded(ch, st.Rows[u], st.Cols[v])
				prod[u][v] = field[u][v] * c.W.At(o, ch, u, v)
				sum += prod[u][v]
			}
		}
		st.Field, st.Products, st.Sums = append(st.Field, field), append(st.Products, prod), append(st.Sums, sum)
		st.Value += sum
	}
	if c.B != nil {
		st.Value += c.B[o]
	}
	st.NN = c.Y.At(o, i, j)
	st.Ref = c.Ref.At(o, i, j)
	return st
}

// yName is y(i,j) or y_o(i,j) in TeX.
func (c *Walk) yName(o, i, j int) string {
	if c.Y.Shape[0] > 1 {
		return fmt.Sprintf("y_{%d}(%d,%d)", o, i, j)
	}
	return fmt.Sprintf("y(%d,%d)", i, j)
}

func (c *Walk) bName(o int) string {
	if c.Y.Shape[0] > 1 {
		return fmt.Sprintf("b_{%d}", o)
	}
	return "b"
}

// maxShown is the largest kernel (KH·KW) whose matrices a step writes out.
const maxShown = 49

// body writes the step's Markdown: the formula with this position's
// numbers, the receptive field, the products per channel, the sum, the
// bias and the check against nn and mathref.
func (c *Walk) body(st *Step) string {
	C, KH, KW := c.W.Shape[1], c.W.Shape[2], c.W.Shape[3]
	s, p, d := c.Opts.Stride, c.Opts.Padding, c.Opts.Dilation
	o, i, j := st.O, st.I, st.J
	var b strings.Builder
	bias := ""
	if c.B != nil {
		bias = c.bName(o) + " + "
	}
	wname, xname, csum := "w", `\tilde{x}`, ""
	if C > 1 || c.Y.Shape[0] > 1 {
		wname = fmt.Sprintf("w_{%d,c}", o)
		xname = `\tilde{x}_c`
		csum = fmt.Sprintf(`\sum_{c=0}^{%d}`, C-1)
	}
	du, dv := "u", "v"
	if d > 1 {
		du, dv = fmt.Sprintf(`%d\cdot u`, d), fmt.Sprintf(`%d\cdot v`, d)
	}
	fmt.Fprintf(&b, "$$%s = %s%s\\sum_{u=0}^{%d}\\sum_{v=0}^{%d} %s(u,v)\\,%s(%d\\cdot %d + %s,\\; %d\\cdot %d + %s)$$\n\n",
		c.yName(o, i, j), bias, csum, KH-1, KW-1, wname, xname, s, i, du, s, j, dv)
	if p > 0 {
		b.WriteString(lessons.T("conv.step.fieldPad", ints(st.Rows), ints(st.Cols), p) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.step.field", ints(st.Rows), ints(st.Cols)) + "\n\n")
	}
	for ch := 0; ch < C; ch++ {
		if C > 1 {
			b.WriteString(lessons.T("conv.step.channel", ch) + "\n\n")
		} else {
			b.WriteString(lessons.T("conv.step.products") + "\n\n")
		}
		if KH*KW > maxShown {
			fmt.Fprintf(&b, "$$\\Sigma = %s$$\n\n", num(st.Sums[ch]))
			continue
		}
		field, prod := st.Field[ch], st.Products[ch]
		fmt.Fprintf(&b, "$$%s \\odot %s = %s, \\qquad \\Sigma = %s$$\n\n",
			bmatrix(KH, KW, func(u, v int) float64 { return field[u][v] }, nil),
			bmatrix(KH, KW, func(u, v int) float64 { return c.W.At(o, ch, u, v) }, nil),
			bmatrix(KH, KW, func(u, v int) float64 { return prod[u][v] }, nil),
			num(st.Sums[ch]))
	}
	if c.B != nil {
		b.WriteString(lessons.T("conv.step.sumBias") + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.step.sum") + "\n\n")
	}
	b.WriteString(c.sumLine(st) + "\n\n")
	b.WriteString(checkLine(st.Value, st.NN, st.Ref, "nn.Conv2d", "mathref.Conv2D"))
	return b.String()
}

// sumLine writes y = (products or channel sums) + b = value.
func (c *Walk) sumLine(st *Step) string {
	C := len(st.Sums)
	o := st.O
	y := c.yName(o, st.I, st.J)
	if C == 1 {
		var terms []float64
		for _, r := range st.Products[0] {
			terms = append(terms, r...)
		}
		lhs := num(st.Sums[0])
		if len(terms) <= 16 && len(terms) > 1 {
			lhs = sumTerms(terms)
			if c.B != nil {
				lhs = "(" + lhs + ")"
			}
		}
		if c.B == nil {
			if len(terms) <= 16 && len(terms) > 1 {
				return fmt.Sprintf("$$%s = %s = %s$$", y, lhs, num(st.Value))
			}
			return fmt.Sprintf("$$%s = %s$$", y, num(st.Value))
		}
		if len(terms) <= 16 && len(terms) > 1 {
			return fmt.Sprintf("$$%s = %s + \\underbrace{%s}_{%s} = %s + %s = %s$$", y, lhs, pnum(c.B[o]), c.bName(o), num(st.Sums[0]), pnum(c.B[o]), num(st.Value))
		}
		return fmt.Sprintf("$$%s = %s + \\underbrace{%s}_{%s} = %s$$", y, lhs, pnum(c.B[o]), c.bName(o), num(st.Value))
	}
	parts := make([]string, 0, C+1)
	for ch, v := range st.Sums {
		s := num(v)
		if ch > 0 {
			s = pnum(v)
		}
		parts = append(parts, fmt.Sprintf(`\underbrace{%s}_{c=%d}`, s, ch))
	}
	if c.B != nil {
		parts = append(parts, fmt.Sprintf(`\underbrace{%s}_{%s}`, pnum(c.B[o]), c.bName(o)))
	}
	return fmt.Sprintf("$$%s = %s = %s$$", y, strings.Join(parts, " + "), num(st.Value))
}

// checkLine says that the value written out agrees with nn and mathref,
// or, loudly, that it does not.
func checkLine(v, got, ref float64, nnName, refName string) string {
	if near(v, got) && near(v, ref) {
		return lessons.T("conv.check.ok", nnName, plain(got), refName, plain(ref))
	}
	return lessons.T("conv.check.bad", plain(v), nnName, plain(got), refName, plain(ref))
}

// figures draws the step: one viz.ConvStep per input channel (a dilated
// kernel is drawn with its gaps as zeros, which computes the same sum).
func (c *Walk) figures(st *Step) []*viz.Figure {
	C := c.W.Shape[1]
	var figs []*viz.Figure
	for ch := 0; ch < C && ch < 4; ch++ {
		opt := viz.Options{Stride: c.Opts.Stride, Pad: c.Opts.Padding}
		if C == 1 && c.B != nil {
			opt.Bias = c.B[st.O]
		}
		if C > 1 && c.Y.Shape[0] > 1 {
			opt.Title = lessons.T("conv.fig.channelO", st.O, ch)
		} else if C > 1 {
			opt.Title = lessons.T("conv.fig.channel", ch)
		}
		var notes []string
		if C > 1 {
			notes = append(notes, lessons.T("conv.fig.share"))
		}
		if c.Opts.Dilation > 1 {
			KH, KW := c.W.Shape[2], c.W.Shape[3]
			d := c.Opts.Dilation
			notes = append(notes, lessons.T("conv.fig.dilated", d, hw(KH, KW), hw(d*(KH-1)+1, d*(KW-1)+1)))
		}
		opt.Caption = sentences(notes...)
		figs = append(figs, viz.ConvStep(c.channel(ch), c.dilated(st.O, ch), st.I, st.J, opt))
	}
	return figs
}

// channel returns input channel ch as a matrix.
func (c *Walk) channel(ch int) [][]float64 {
	H, W := c.X.Shape[1], c.X.Shape[2]
	return rows(c.X.Data[ch*H*W:], H, W)
}

// dilated returns kernel (o, ch) with d−1 zeros between its taps.
func (c *Walk) dilated(o, ch int) [][]float64 {
	KH, KW, d := c.W.Shape[2], c.W.Shape[3], c.Opts.Dilation
	out := make([][]float64, d*(KH-1)+1)
	for r := range out {
		out[r] = make([]float64, d*(KW-1)+1)
	}
	for u := 0; u < KH; u++ {
		for v := 0; v < KW; v++ {
			out[d*u][d*v] = c.W.At(o, ch, u, v)
		}
	}
	return out
}

// Walkthrough returns the player: the intro and one step per output
// position (at most MaxSteps), in the current language.
func (c *Walk) Walkthrough() *lessons.Walkthrough {
	syncLang()
	O, H2, W2 := c.Y.Shape[0], c.Y.Shape[1], c.Y.Shape[2]
	w := &lessons.Walkthrough{Title: lessons.T("conv.walk.title"), Intro: c.intro()}
	for k := 0; k < O*H2*W2 && k < MaxSteps; k++ {
		w.Steps = append(w.Steps, c.StepAt(k/(H2*W2), k/W2%H2, k%W2).Step)
	}
	return w
}

// HTML shows the walkthrough: one self-contained piece of HTML (figures
// inline, formulas as MathML, a few lines of script; nothing fetched).
func (c *Walk) HTML() string { return c.Walkthrough().HTML() }

// PNG is the first step's figure, for viewers that do not run the HTML.
func (c *Walk) PNG() []byte { return c.Step(0, 0).PNG() }

// String summarises the walkthrough in one line.
func (c *Walk) String() string {
	verdict := lessons.T("conv.walk.agreeShort")
	if !c.Agree.OK {
		verdict = lessons.T("conv.walk.disagreeShort")
	}
	return lessons.T("conv.walk.string", shape(c.X.Shape), shape(c.W.Shape), c.Opts.Stride, c.Opts.Padding, c.Opts.Dilation, shape(c.Y.Shape), verdict)
}

// intro writes the shapes, the output size, the output and the check.
func (c *Walk) intro() string {
	H, W := c.X.Shape[1], c.X.Shape[2]
	O, KH, KW := c.W.Shape[0], c.W.Shape[2], c.W.Shape[3]
	s, p, d := c.Opts.Stride, c.Opts.Padding, c.Opts.Dilation
	var b strings.Builder
	bias := lessons.T("conv.walk.noBias")
	if c.B != nil {
		parts := make([]string, len(c.B))
		for k, v := range c.B {
			parts[k] = num(v)
		}
		bias = "$b = (" + strings.Join(parts, ", ") + ")$"
	}
	b.WriteString(lessons.T("conv.walk.shapes", shape(c.X.Shape), shape(c.W.Shape), s, p, d, bias) + "\n\n")
	b.WriteString(sizeTeX("H", H, KH, s, p, d, c.Y.Shape[1]) + "\n\n")
	if W != H || KW != KH {
		b.WriteString(sizeTeX("W", W, KW, s, p, d, c.Y.Shape[2]) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.walk.sameW", c.Y.Shape[2]) + "\n\n")
	}
	H2, W2 := c.Y.Shape[1], c.Y.Shape[2]
	if H2*W2 <= 144 {
		b.WriteString(outputs(O, H2, W2, c.Y.At) + "\n\n")
	}
	b.WriteString(agreeLine(c.Agree, "nn.Conv2d", "mathref.Conv2D") + "\n\n")
	if n := O * H2 * W2; n > MaxSteps {
		b.WriteString(lessons.T("conv.walk.more", MaxSteps, n) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.walk.slider", n) + "\n\n")
	}
	return b.String()
}

// outputs writes up to 4 output channels as matrices in one formula.
func outputs(O, H2, W2 int, at func(idx ...int) float64) string {
	parts := make([]string, 0, 4)
	for o := 0; o < O && o < 4; o++ {
		y := "y"
		if O > 1 {
			y = fmt.Sprintf("y_{%d}", o)
		}
		parts = append(parts, y+" = "+bmatrix(H2, W2, func(i, j int) float64 { return at(o, i, j) }, nil))
	}
	return "$$" + strings.Join(parts, `, \qquad `) + "$$"
}

// agreeLine reports the whole-output comparison.
func agreeLine(a mathref.Closeness, nnName, refName string) string {
	n := 1
	for _, v := range a.WantShape {
		n *= v
	}
	if a.OK {
		return lessons.T("conv.agree.ok", nnName, refName, n, plain(a.MaxAbsDiff), plain(Agreement))
	}
	return lessons.T("conv.agree.bad", nnName, refName, a.String())
}

// sizeTeX works out one output size with the numbers written in; sym is
// the axis, "H" or "W".
func sizeTeX(sym string, n, k, s, p, d, got int) string {
	top := n + 2*p - d*(k-1) - 1
	if top/s+1 != got {
		panic(fmt.Sprintf("conv: internal: output size %d, formula %d", got, top/s+1))
	}
	return fmt.Sprintf(`$$%s' = \left\lfloor \frac{%s + 2p - d(k-1) - 1}{s} \right\rfloor + 1 = \left\lfloor \frac{%d + 2\cdot %d - %d\cdot(%d-1) - 1}{%d} \right\rfloor + 1 = %s$$`,
		sym, sym, n, p, d, k, s, arith(top, s))
}

// syncLang makes viz's own captions follow the lessons' language.
func syncLang() {
	viz.SetLang(lessons.Lang())
	if lessons.Lang() == lessons.ZH {
		cjkOnce.Do(warmCJK)
	}
}

var cjkOnce sync.Once

// warmCJK draws one rare character (熵, of 交叉熵) once, so that viz loads
// its system CJK font before a real figure needs it: viz (at the time of
// writing) takes its font stack before loading that font lazily, and the
// first figure with a character outside its embedded subset then fails
// with a nil font. The failure, if any, is recovered here.
func warmCJK() {
	defer func() { _ = recover() }()
	viz.Heatmap([][]float64{{0}}, viz.Options{Title: "熵"}).SVG()
}
