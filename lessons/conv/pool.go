package conv

import (
	"fmt"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// PoolOpts are a pooling's hyper-parameters, as torch.nn.MaxPool2d's and
// AvgPool2d's (the same value for height and width).
type PoolOpts struct {
	Size    int  // window size; 0 means 2
	Stride  int  // step between windows; 0 means Size
	Padding int  // added on every side (−∞ for max, 0 for average); at most Size/2
	Avg     bool // average pooling instead of max pooling
}

// Pool is max or average pooling taken apart window by window: in a cell
// it shows the shapes, the output size, the output and a player whose
// step (i, j) shows the window, its maximum or mean and the output value,
// each checked: nn.MaxPool2d (or AvgPool2d) against mathref.MaxPool2D (or
// AvgPool2D).
type Pool struct {
	X     mathref.Tensor    // the input, (C, H, W)
	Opts  PoolOpts          // defaults filled in
	Y     *nn.Tensor        // nn's output, (C, H', W')
	Ref   mathref.Tensor    // mathref's output, (C, H', W')
	Agree mathref.Closeness // Y against Ref
}

// NewPool pools x — a matrix, (C, H, W) or (1, C, H, W), as for New —
// with a Size×Size window (2 by default, as the seed's MaxPool2d(2, 2)).
func NewPool(x any, o ...PoolOpts) *Pool {
	if len(o) > 1 {
		fail("conv.in.opts", len(o))
	}
	var opt PoolOpts
	if len(o) == 1 {
		opt = o[0]
	}
	if opt.Size < 0 || opt.Stride < 0 || opt.Padding < 0 {
		fail("conv.pool.negative", opt.Size, opt.Stride, opt.Padding)
	}
	if opt.Size == 0 {
		opt.Size = 2
	}
	if opt.Stride == 0 {
		opt.Stride = opt.Size
	}
	if 2*opt.Padding > opt.Size {
		fail("conv.pool.padding", opt.Padding, opt.Size)
	}
	X := asImage(x)
	C, H, W := X.Shape[0], X.Shape[1], X.Shape[2]
	k, s, p := opt.Size, opt.Stride, opt.Padding
	fits(lessons.T("conv.word.height"), H, k, Opts{Stride: s, Padding: p, Dilation: 1})
	fits(lessons.T("conv.word.width"), W, k, Opts{Stride: s, Padding: p, Dilation: 1})
	xt := nn.FromData(append([]float64(nil), X.Data...), C, H, W)
	po := mathref.Pool2DOpts{Kernel: [2]int{k, k}, Stride: [2]int{s, s}, Padding: [2]int{p, p}}
	var y *nn.Tensor
	var ref mathref.Tensor
	if opt.Avg {
		y = nn.NewAvgPool2d(k, nn.Stride(s), nn.Padding(p)).Forward(xt)
		ref = mathref.AvgPool2D(X, po)
	} else {
		y = nn.NewMaxPool2d(k, nn.Stride(s), nn.Padding(p)).Forward(xt)
		ref = mathref.MaxPool2D(X, po)
	}
	return &Pool{X: X, Opts: opt, Y: y, Ref: ref,
		Agree: mathref.AllClose(mathref.Tensor{Shape: y.Shape, Data: y.Data}, ref, Agreement, Agreement)}
}

// names returns the layer and oracle names for messages.
func (q *Pool) names() (string, string) {
	if q.Opts.Avg {
		return "nn.AvgPool2d", "mathref.AvgPool2D"
	}
	return "nn.MaxPool2d", "mathref.MaxPool2D"
}

// Output returns channel c of the output as a matrix.
func (q *Pool) Output(c int) [][]float64 {
	if c < 0 || c >= q.Y.Shape[0] {
		fail("conv.in.channel", "Output", c, q.Y.Shape[0], q.Y.Shape[0]-1)
	}
	return rows(q.Y.Data[c*q.Y.Shape[1]*q.Y.Shape[2]:], q.Y.Shape[1], q.Y.Shape[2])
}

// PoolStep is one window of a Pool.
type PoolStep struct {
	lessons.Step
	C, I, J int           // channel and output position
	Rows    []int         // input rows of the window (may be padding, < 0 or ≥ H)
	Cols    []int         // input columns of the window
	Window  [][]float64   // the window's values (−∞ or 0 in the padding)
	Value   float64       // its maximum or mean, computed as written
	NN      float64       // nn's output at (C, I, J)
	Ref     float64       // mathref's output at (C, I, J)
	figs    []*viz.Figure // figures, for PNG
}

// OK reports whether the value written out, nn and mathref agree.
func (s PoolStep) OK() bool { return near(s.Value, s.NN) && near(s.Value, s.Ref) }

// PNG renders the step's figures, or the window in a heatmap.
func (s PoolStep) PNG() []byte {
	if len(s.figs) == 0 {
		return viz.Heatmap(s.Window, viz.Options{Annotate: true}).PNG()
	}
	return stackPNG(s.figs)
}

// Step returns window (i, j) of channel c.
func (q *Pool) Step(c, i, j int) PoolStep {
	C, H2, W2 := q.Y.Shape[0], q.Y.Shape[1], q.Y.Shape[2]
	if c < 0 || c >= C {
		fail("conv.in.channel", "Step", c, C, C-1)
	}
	if i < 0 || j < 0 || i >= H2 || j >= W2 {
		fail("conv.in.position", i, j, hw(H2, W2), H2-1, W2-1)
	}
	syncLang()
	k, s, p := q.Opts.Size, q.Opts.Stride, q.Opts.Padding
	H, W := q.X.Shape[1], q.X.Shape[2]
	st := PoolStep{C: c, I: i, J: j, NN: q.Y.At(c, i, j), Ref: q.Ref.At(c, i, j)}
	fill := math.Inf(-1)
	if q.Opts.Avg {
		fill = 0
	}
	var vals []float64
	for u := 0; u < k; u++ {
		st.Rows = append(st.Rows, s*i+u-p)
		st.Cols = append(st.Cols, s*j+u-p)
	}
	for _, r := range st.Rows {
		row := make([]float64, k)
		for v, cc := range st.Cols {
			row[v] = fill
			if r >= 0 && r < H && cc >= 0 && cc < W {
				row[v] = q.X.At(c, r, cc)
			}
			vals = append(vals, row[v])
		}
		st.Window = append(st.Window, row)
	}
	if q.Opts.Avg {
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		st.Value = sum / float64(k*k)
	} else {
		st.Value = math.Inf(-1)
		for _, v := range vals {
			st.Value = math.Max(st.Value, v)
		}
	}
	st.Title = lessons.T("conv.step.title", i, j)
	if C > 1 {
		st.Title = lessons.T("conv.pool.titleC", c, i, j)
	}
	st.Body = q.body(&st, vals)
	if q.Opts.Avg {
		ones := make([][]float64, k)
		for u := range ones {
			ones[u] = make([]float64, k)
			for v := range ones[u] {
				ones[u][v] = 1 / float64(k*k)
			}
		}
		f := viz.ConvStep(rows(q.X.Data[c*H*W:], H, W), ones, i, j, viz.Options{Stride: s, Pad: p,
			Caption: lessons.T("conv.pool.avgAsConv", k*k)})
		st.figs = []*viz.Figure{f}
		st.Figures = []any{f}
	}
	return st
}

// body writes a window's Markdown.
func (q *Pool) body(st *PoolStep, vals []float64) string {
	H, W := q.X.Shape[1], q.X.Shape[2]
	k := q.Opts.Size
	var b strings.Builder
	b.WriteString(lessons.T("conv.pool.window", ints(st.Rows), ints(st.Cols)) + "\n\n")
	if H*W <= 144 {
		inWin := func(r, c int) bool {
			return r >= st.Rows[0] && r <= st.Rows[k-1] && c >= st.Cols[0] && c <= st.Cols[k-1]
		}
		var m strings.Builder
		m.WriteString(`\begin{bmatrix}`)
		for r := 0; r < H; r++ {
			if r > 0 {
				m.WriteString(`\\`)
			}
			for c := 0; c < W; c++ {
				if c > 0 {
					m.WriteString(`&`)
				}
				v := q.X.At(st.C, r, c)
				s := num(v)
				if inWin(r, c) {
					s = `{\color{#d55e00}{` + s + `}}`
					if !q.Opts.Avg && v == st.Value {
						s = `\boxed{` + s + `}`
					}
				}
				m.WriteString(s)
			}
		}
		m.WriteString(`\end{bmatrix}`)
		fmt.Fprintf(&b, "$$x = %s$$\n\n", m.String())
	}
	if q.Opts.Avg {
		b.WriteString(lessons.T("conv.pool.mean") + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.pool.max") + "\n\n")
	}
	y := fmt.Sprintf("y(%d,%d)", st.I, st.J)
	if q.Y.Shape[0] > 1 {
		y = fmt.Sprintf("y_{%d}(%d,%d)", st.C, st.I, st.J)
	}
	if q.Opts.Avg {
		fmt.Fprintf(&b, "$$%s = \\tfrac{1}{%d}\\,(%s) = \\tfrac{%s}{%d} = %s$$\n\n", y, k*k, sumTerms(vals), num(st.Value*float64(k*k)), k*k, num(st.Value))
	} else {
		parts := make([]string, len(vals))
		for n, v := range vals {
			parts[n] = num(v)
		}
		fmt.Fprintf(&b, "$$%s = \\max\\{%s\\} = %s$$\n\n", y, strings.Join(parts, ",\\ "), num(st.Value))
	}
	nnName, refName := q.names()
	b.WriteString(checkLine(st.Value, st.NN, st.Ref, nnName, refName))
	return b.String()
}

// Walkthrough returns the player over every window (at most MaxSteps).
func (q *Pool) Walkthrough() *lessons.Walkthrough {
	syncLang()
	C, H2, W2 := q.Y.Shape[0], q.Y.Shape[1], q.Y.Shape[2]
	title := lessons.T("conv.pool.maxTitle")
	if q.Opts.Avg {
		title = lessons.T("conv.pool.avgTitle")
	}
	w := &lessons.Walkthrough{Title: title, Intro: q.intro()}
	for n := 0; n < C*H2*W2 && n < MaxSteps; n++ {
		w.Steps = append(w.Steps, q.Step(n/(H2*W2), n/W2%H2, n%W2).Step)
	}
	return w
}

func (q *Pool) intro() string {
	C, H, W := q.X.Shape[0], q.X.Shape[1], q.X.Shape[2]
	k, s, p := q.Opts.Size, q.Opts.Stride, q.Opts.Padding
	H2, W2 := q.Y.Shape[1], q.Y.Shape[2]
	var b strings.Builder
	b.WriteString(lessons.T("conv.pool.shapes", shape(q.X.Shape), hw(k, k), s, p) + "\n\n")
	b.WriteString(sizeTeX("H", H, k, s, p, 1, H2) + "\n\n")
	if W != H {
		b.WriteString(sizeTeX("W", W, k, s, p, 1, W2) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.walk.sameW", W2) + "\n\n")
	}
	if H2*W2 <= 144 {
		b.WriteString(outputs(C, H2, W2, q.Y.At) + "\n\n")
	}
	nnName, refName := q.names()
	b.WriteString(agreeLine(q.Agree, nnName, refName) + "\n\n")
	if n := C * H2 * W2; n > MaxSteps {
		b.WriteString(lessons.T("conv.pool.more", MaxSteps, n) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.pool.slider", n) + "\n\n")
	}
	return b.String()
}

// HTML shows the player (self-contained, nothing fetched).
func (q *Pool) HTML() string { return q.Walkthrough().HTML() }

// PNG shows the first window.
func (q *Pool) PNG() []byte { return q.Step(0, 0, 0).PNG() }

// String summarises the pooling in one line.
func (q *Pool) String() string {
	nnName, _ := q.names()
	return fmt.Sprintf("%s: %s → %s", nnName, shape(q.X.Shape), shape(q.Y.Shape))
}

var poolMessages = lessons.Catalog{
	"conv.pool.negative": {
		EN: "pooling size, stride and padding must be ≥ 0 (0 takes the default); got size %d, stride %d, padding %d",
		ZH: "池化窗口大小、步幅和填充必须 ≥ 0（0 表示默认值）；实际为大小 %d、步幅 %d、填充 %d"},
	"conv.pool.padding": {
		EN: "pooling padding must be at most half the window (PyTorch's rule); got padding %d for a window of %d",
		ZH: "池化的填充最多为窗口的一半（PyTorch 的规定）；实际窗口为 %[2]d，填充为 %[1]d"},
	"conv.pool.max":      {EN: "Max pooling keeps the largest value of the window:", ZH: "最大池化保留窗口中的最大值："},
	"conv.pool.mean":     {EN: "Average pooling takes the mean of the window:", ZH: "平均池化取窗口的平均值："},
	"conv.pool.titleC":   {EN: "Channel %d, position (%d, %d)", ZH: "通道 %d，位置 (%d, %d)"},
	"conv.pool.window":   {EN: "The window: rows %s and columns %s of the input.", ZH: "窗口：输入的第 %s 行和第 %s 列。"},
	"conv.pool.maxTitle": {EN: "Max pooling, one window at a time", ZH: "最大池化：一次一个窗口"},
	"conv.pool.avgTitle": {EN: "Average pooling, one window at a time", ZH: "平均池化：一次一个窗口"},
	"conv.pool.avgAsConv": {
		EN: "Average pooling is a convolution with a kernel of 1/%d in every cell, one channel at a time.",
		ZH: "平均池化就是卷积核每格都为 1/%d 的卷积，各通道分别计算。"},
	"conv.pool.shapes": {
		EN: "**Input** $x$: shape (C, H, W) = %s. Window %s, stride $s = %d$, padding $p = %d$. Each channel is pooled on its own, so the output has as many channels as the input, and pooling has no weights.",
		ZH: "**输入** $x$：形状 (C, H, W) = %s。窗口 %s，步幅 $s = %d$，填充 $p = %d$。每个通道单独池化，所以输出的通道数与输入相同；池化没有权重。"},
	"conv.pool.more": {
		EN: "The player shows the first %d of the %d windows; `Step(c, i, j)` shows any of them.",
		ZH: "播放器显示全部 %[2]d 个窗口中的前 %[1]d 个；`Step(c, i, j)` 可以显示其中任何一个。"},
	"conv.pool.slider": {EN: "Move the slider: each of the %d steps is one window.", ZH: "拖动滑块：%d 步中的每一步是一个窗口。"},
}

func init() { lessons.RegisterCatalog("conv", poolMessages) }
