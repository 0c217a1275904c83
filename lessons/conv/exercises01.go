package conv

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// The exercises of notebook 01. Every expected answer is computed by the
// same code the lesson runs (nn checked against mathref), and every
// typical wrong answer by that code with the mistake made on purpose.

// exX, exW and exB are the input, kernel and bias of ExByHand.
var (
	exX = [][]float64{{1, 0, 2, 1}, {3, 1, 0, 2}, {0, 2, 1, 1}, {1, 1, 3, 0}}
	exW = [][]float64{{1, 0, -1}, {2, 1, 0}, {0, -1, 1}}
	exB = 1.0
)

// Lesson5x5 is the 5×5 input of notebook 01's worked examples.
var Lesson5x5 = [][]float64{{1, 2, 0, 1, 3}, {0, 1, 3, 2, 1}, {2, 0, 1, 1, 0}, {1, 3, 2, 0, 2}, {0, 1, 1, 2, 1}}

// LessonKernel is notebook 01's 3×3 kernel: it responds to intensity that
// falls from left to right.
var LessonKernel = [][]float64{{1, 0, -1}, {1, 0, -1}, {1, 0, -1}}

// sizeMistakes are the typical wrong output sizes for (n, k, s, p, d).
func sizeMistakes(n, k, s, p, d int) []lessons.Cause {
	span := d*(k-1) + 1
	top := n + 2*p - span
	return []lessons.Cause{
		lessons.Mistake(top/s, lessons.Text{EN: "That is ⌊(H + 2p − d(k−1) − 1)/s⌋ without the **+1**: the first position counts too.", ZH: "这是 ⌊(H + 2p − d(k−1) − 1)/s⌋，少了 **+1**：第一个位置也要算上。"}),
		lessons.Mistake((n+p-span)/s+1, lessons.Text{EN: "Padding adds $p$ zeros on **each** side: $H + 2p$, not $H + p$.", ZH: "填充在**两侧**各加 $p$ 个零：是 $H + 2p$，不是 $H + p$。"}),
		lessons.Mistake(max(0, (n-span))/s+1, lessons.Text{EN: "That leaves out the padding: the padded input is $H + 2p$ long.", ZH: "这里漏掉了填充：填充后的输入长 $H + 2p$。"}),
		lessons.Mistake(int(math.Ceil(float64(top)/float64(s)))+1, lessons.Text{EN: "Round **down**: a position where the kernel would stick out of the padded input does not count.", ZH: "要**向下**取整：卷积核会伸出填充后输入的位置不算。"}),
		lessons.Mistake(top+1, lessons.Text{EN: "That ignores the stride: with stride $s$ the kernel moves $s$ cells at a time, so divide by $s$.", ZH: "这里忽略了步幅：步幅为 $s$ 时卷积核每次移动 $s$ 格，所以要除以 $s$。"}),
		lessons.Mistake(float64(top)/float64(s), lessons.Text{EN: "A size is a whole number: take the floor, then add 1.", ZH: "尺寸是整数：先向下取整，再加 1。"}),
	}
}

// ExOutSize asks for an output size.
var ExOutSize = lessons.NewExercise(lessons.Spec{
	ID:    "conv.out-size",
	Title: lessons.Text{EN: "An output size", ZH: "输出尺寸"},
	Prompt: lessons.Text{
		EN: "A 10×10 input, a 5×5 kernel, padding $p = 2$ and stride $s = 2$ (dilation 1). How many outputs does each row of the output have? Pass the number to `conv.ExOutSize.Check`.",
		ZH: "输入为 10×10，卷积核为 5×5，填充 $p = 2$，步幅 $s = 2$（膨胀为 1）。输出的每一行有多少个元素？把这个数传给 `conv.ExOutSize.Check`。"},
	Hints: []lessons.Text{
		{EN: "$H' = \\left\\lfloor \\frac{H + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1$.", ZH: "$H' = \\left\\lfloor \\frac{H + 2p - d(k-1) - 1}{s} \\right\\rfloor + 1$。"},
		{EN: "The padded row is $10 + 2\\cdot 2 = 14$ long; the kernel covers 5 cells, so its left edge can be at $0, 2, 4, \\dots$ up to $14 - 5 = 9$.", ZH: "填充后一行长 $10 + 2\\cdot 2 = 14$；卷积核占 5 格，所以它的左边缘可以在 $0, 2, 4, \\dots$，最多到 $14 - 5 = 9$。"},
	},
	Solution: lessons.Text{
		EN: "$\\left\\lfloor \\frac{10 + 4 - 4 - 1}{2} \\right\\rfloor + 1 = \\lfloor 4.5 \\rfloor + 1 = 5$: the kernel starts at columns 0, 2, 4, 6 and 8 of the padded row. `conv.OutputSize(10, 5, 2, 2, 1)` works it out.",
		ZH: "$\\left\\lfloor \\frac{10 + 4 - 4 - 1}{2} \\right\\rfloor + 1 = \\lfloor 4.5 \\rfloor + 1 = 5$：卷积核从填充后那一行的第 0、2、4、6、8 列开始。`conv.OutputSize(10, 5, 2, 2, 1)` 会给出推导。"},
	Check: secret(lessons.Value{Want: mathref.ConvOutputSize(10, 5, 2, 2, 1), Causes: sizeMistakes(10, 5, 2, 2, 1)}),
	Hidden: []lessons.Checker{
		lessons.Value{Want: OutputSize(10, 5, 2, 2, 1).NN}.Check,
	},
})

// byHand returns the walk of ExByHand.
func byHand() *Walk { return New(exX, exW, Opts{Bias: []float64{exB}}) }

func byHandMistakes() []lessons.Cause {
	c := byHand()
	want := c.Y.At(0, 1, 0)
	causes := []lessons.Cause{
		lessons.Mistake(want-exB, lessons.Text{EN: "That is the sum of the products without the bias $b = 1$.", ZH: "这是乘积之和，还没加偏置 $b = 1$。"}),
		lessons.Mistake(CrossVsTrue(exX, exW, Opts{Bias: []float64{exB}}).True.At(0, 1, 0), lessons.Text{EN: "That is a true convolution (the kernel flipped). nn.Conv2d does not flip: multiply $x(i+u, j+v)$ by $w(u, v)$.", ZH: "这是翻转了卷积核的真正卷积。nn.Conv2d 不翻转：用 $x(i+u, j+v)$ 乘 $w(u, v)$。"}),
	}
	H2, W2 := c.Y.Shape[1], c.Y.Shape[2]
	for i := 0; i < H2; i++ {
		for j := 0; j < W2; j++ {
			if (i == 1 && j == 0) || c.Y.At(0, i, j) == want {
				continue
			}
			causes = append(causes, lessons.Mistake(c.Y.At(0, i, j), lessons.Text{
				EN: fmt.Sprintf("That is $y(%d, %d)$. $y(1, 0)$ is row 1, column 0: its receptive field is rows 1–3 and columns 0–2 of $x$.", i, j),
				ZH: fmt.Sprintf("这是 $y(%d, %d)$。$y(1, 0)$ 是第 1 行第 0 列：它的感受野是 $x$ 的第 1–3 行、第 0–2 列。", i, j)}))
		}
	}
	return causes
}

// ExByHand asks for one output of a convolution, worked out by hand.
var ExByHand = lessons.NewExercise(lessons.Spec{
	ID:    "conv.by-hand",
	Title: lessons.Text{EN: "One output by hand", ZH: "手算一个输出"},
	Prompt: lessons.Text{
		EN: "With the input, kernel and bias below (no padding, stride 1), compute $y(1, 0)$ by hand — row 1, column 0, counting from 0 — and pass it to `conv.ExByHand.Check`.\n\n$$x = " + tex(exX) + ",\\quad w = " + tex(exW) + ",\\quad b = 1$$",
		ZH: "用下面的输入、卷积核和偏置（无填充，步幅 1），手算 $y(1, 0)$——第 1 行第 0 列，从 0 开始数——并把结果传给 `conv.ExByHand.Check`。\n\n$$x = " + tex(exX) + ",\\quad w = " + tex(exW) + ",\\quad b = 1$$"},
	Hints: []lessons.Text{
		{EN: "$y(1, 0) = b + \\sum_{u=0}^{2}\\sum_{v=0}^{2} x(1+u,\\, 0+v)\\, w(u, v)$: the receptive field is rows 1–3 and columns 0–2 of $x$.", ZH: "$y(1, 0) = b + \\sum_{u=0}^{2}\\sum_{v=0}^{2} x(1+u,\\, 0+v)\\, w(u, v)$：感受野是 $x$ 的第 1–3 行、第 0–2 列。"},
		{EN: "Multiply the 3×3 receptive field by $w$ entry by entry, add the nine products, then add $b$.", ZH: "把 3×3 的感受野与 $w$ 逐元素相乘，九个乘积相加，再加上 $b$。"},
	},
	Solution: lessons.Text{
		EN: "Receptive field $\\begin{bmatrix}3&1&0\\\\0&2&1\\\\1&1&3\\end{bmatrix}$; products $3 + 0 + 0 + 0 + 2 + 0 + 0 + (-1) + 3 = 7$; plus $b = 1$: $y(1, 0) = 8$. Check it with `conv.New(x, w, conv.Opts{Bias: []float64{1}}).Step(1, 0)`.",
		ZH: "感受野为 $\\begin{bmatrix}3&1&0\\\\0&2&1\\\\1&1&3\\end{bmatrix}$；乘积之和 $3 + 0 + 0 + 0 + 2 + 0 + 0 + (-1) + 3 = 7$；加上 $b = 1$：$y(1, 0) = 8$。可以用 `conv.New(x, w, conv.Opts{Bias: []float64{1}}).Step(1, 0)` 验证。"},
	Check:  secret(lessons.Value{Want: byHand().Y.At(0, 1, 0), Tol: lessons.ByHand, Causes: byHandMistakes()}),
	Hidden: []lessons.Checker{lessons.Value{Want: byHand().Ref.At(0, 1, 0), Tol: lessons.ByHand}.Check},
})

// tex writes a matrix as a TeX bmatrix.
func tex(m [][]float64) string {
	return bmatrix(len(m), len(m[0]), func(i, j int) float64 { return m[i][j] }, nil)
}

// exPS is ExPadStride's input. It is not Lesson5x5: the notebook shows
// that input's padded, strided output in section 3.
var exPS = [][]float64{{2, 0, 1, 3, 1}, {1, 2, 0, 0, 2}, {0, 1, 3, 1, 0}, {2, 2, 1, 0, 1}, {1, 0, 2, 1, 3}}

// padStride is ExPadStride's convolution.
func padStride(o Opts) *Walk { return New(exPS, LessonKernel, o) }

// ExPadStride asks for a whole output with padding and stride.
var ExPadStride = lessons.NewExercise(lessons.Spec{
	ID:    "conv.pad-stride",
	Title: lessons.Text{EN: "Padding 1, stride 2", ZH: "填充 1，步幅 2"},
	Prompt: lessons.Text{
		EN: "Convolve the 5×5 input $x$ below with the lesson's kernel `conv.LessonKernel` using padding $p = 1$ and stride $s = 2$ (no bias). Work out the whole output, as a `[][]float64`, and pass it to `conv.ExPadStride.Check`. (Work it out by hand or with your own loops; afterwards `conv.New` shows every step, so you can see where you went wrong.)\n\n$$x = " + tex(exPS) + ",\\quad w = " + tex(LessonKernel) + "$$",
		ZH: "用课程的卷积核 `conv.LessonKernel` 对下面 5×5 的输入 $x$ 做卷积，填充 $p = 1$，步幅 $s = 2$（无偏置）。算出整个输出（`[][]float64`），传给 `conv.ExPadStride.Check`。（手算或自己写循环都可以；之后 `conv.New` 会展示每一步，你可以看出哪里算错了。）\n\n$$x = " + tex(exPS) + ",\\quad w = " + tex(LessonKernel) + "$$"},
	Hints: []lessons.Text{
		{EN: "First the size: $\\lfloor (5 + 2 - 3)/2 \\rfloor + 1 = 3$, so the output is 3×3.", ZH: "先算大小：$\\lfloor (5 + 2 - 3)/2 \\rfloor + 1 = 3$，所以输出是 3×3。"},
		{EN: "Surround $x$ with one ring of zeros (7×7). Output $(i, j)$ reads the 3×3 block whose top-left corner is $(2i, 2j)$ of the padded input: its left column minus its right column.", ZH: "在 $x$ 四周补一圈零（7×7）。输出 $(i, j)$ 读取填充后输入中左上角在 $(2i, 2j)$ 的 3×3 块：左列之和减去右列之和。"},
	},
	Solution: lessons.Text{
		EN: "$" + bmatrix(3, 3, func(i, j int) float64 { return padStride(Opts{Padding: 1, Stride: 2}).Y.At(0, i, j) }, nil) + "$. To see every step:\n\n```go\nx := " + goMatrix(exPS) + "\nconv.New(x, conv.LessonKernel, conv.Opts{Padding: 1, Stride: 2})\n```",
		ZH: "$" + bmatrix(3, 3, func(i, j int) float64 { return padStride(Opts{Padding: 1, Stride: 2}).Y.At(0, i, j) }, nil) + "$。要看每一步：\n\n```go\nx := " + goMatrix(exPS) + "\nconv.New(x, conv.LessonKernel, conv.Opts{Padding: 1, Stride: 2})\n```"},
	Check: secret(lessons.Value{Want: padStride(Opts{Padding: 1, Stride: 2}).Output(0), Causes: []lessons.Cause{
		lessons.Mistake(padStride(Opts{Padding: 1, Stride: 2}).negated(), lessons.Text{EN: "Every sign is wrong. For this kernel that is what flipping it does (a true convolution), or multiplying by $-w$: nn.Conv2d uses $w$ as it is, left column $+1$, right column $-1$.", ZH: "所有符号都反了。对这个卷积核来说，翻转它（真正的卷积）或者乘以 $-w$ 都会这样：nn.Conv2d 直接使用 $w$，左列 $+1$，右列 $-1$。"}),
		lessons.Mistake(New(Lesson5x5, LessonKernel, Opts{Padding: 1, Stride: 2}).Output(0), lessons.Text{EN: "That is the output for the lesson's input `conv.Lesson5x5` from section 3; this exercise has its own input $x$.", ZH: "这是第 3 节中课程输入 `conv.Lesson5x5` 的输出；这道练习用的是它自己的输入 $x$。"}),
	}}),
	Hidden: []lessons.Checker{
		lessons.Value{Want: padStride(Opts{Padding: 1, Stride: 2}).Ref.Sub(0).Grid()}.Check,
	},
})

// goMatrix writes m as a Go [][]float64 literal.
func goMatrix(m [][]float64) string {
	var b strings.Builder
	b.WriteString("[][]float64{")
	for i, r := range m {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("{")
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteString("}")
	}
	return b.String() + "}"
}

// negated returns output channel 0 with every sign flipped.
func (c *Walk) negated() [][]float64 {
	out := c.Output(0)
	for _, r := range out {
		for j := range r {
			r[j] = -r[j]
		}
	}
	return out
}

// exC is ExChannels' two-channel input, exCW its kernel, exCB its bias.
// The kernel is not the one of the notebook's section 4, whose output the
// notebook shows.
var (
	exC  = [][][]float64{{{1, 2, 0}, {0, 1, 3}, {2, 1, 1}}, {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}}}
	exCW = [][][]float64{{{0, 1}, {-1, 2}}, {{1, 0}, {2, -1}}}
	exCB = 0.5
)

func channels() *Walk { return New(exC, exCW, Opts{Bias: []float64{exCB}}) }

// ExChannels asks for a two-channel convolution with a bias.
var ExChannels = lessons.NewExercise(lessons.Spec{
	ID:    "conv.channels",
	Title: lessons.Text{EN: "Two channels and a bias", ZH: "两个通道和一个偏置"},
	Prompt: lessons.Text{
		EN: "An input with 2 channels, one output channel with a 2×2 kernel per input channel, and bias $b = 0.5$ (no padding, stride 1). Compute the 2×2 output as a `[][]float64` and pass it to `conv.ExChannels.Check`.\n\n$$x_0 = " + tex(exC[0]) + ",\\ x_1 = " + tex(exC[1]) + ",\\quad w_{0,0} = " + tex(exCW[0]) + ",\\ w_{0,1} = " + tex(exCW[1]) + "$$",
		ZH: "输入有 2 个通道；一个输出通道，每个输入通道配一个 2×2 的卷积核；偏置 $b = 0.5$（无填充，步幅 1）。算出 2×2 的输出（`[][]float64`），传给 `conv.ExChannels.Check`。\n\n$$x_0 = " + tex(exC[0]) + ",\\ x_1 = " + tex(exC[1]) + ",\\quad w_{0,0} = " + tex(exCW[0]) + ",\\ w_{0,1} = " + tex(exCW[1]) + "$$"},
	Hints: []lessons.Text{
		{EN: "$y(i,j) = b + \\sum_{c=0}^{1}\\sum_{u,v} x_c(i+u, j+v)\\, w_{0,c}(u,v)$: one sum per channel, then add them.", ZH: "$y(i,j) = b + \\sum_{c=0}^{1}\\sum_{u,v} x_c(i+u, j+v)\\, w_{0,c}(u,v)$：每个通道求一个和，再把它们相加。"},
		{EN: "The bias is added **once** per output entry, not once per channel.", ZH: "每个输出元素只加**一次**偏置，不是每个通道加一次。"},
	},
	Solution: lessons.Text{
		EN: "```go\nx := [][][]float64{{{1, 2, 0}, {0, 1, 3}, {2, 1, 1}}, {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}}}\nw := [][][]float64{{{0, 1}, {-1, 2}}, {{1, 0}, {2, -1}}}\nconv.New(x, w, conv.Opts{Bias: []float64{0.5}})\n```\nshows every entry as the sum of the two channels' shares plus the bias.",
		ZH: "```go\nx := [][][]float64{{{1, 2, 0}, {0, 1, 3}, {2, 1, 1}}, {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}}}\nw := [][][]float64{{{0, 1}, {-1, 2}}, {{1, 0}, {2, -1}}}\nconv.New(x, w, conv.Opts{Bias: []float64{0.5}})\n```\n会把每个元素展示为两个通道的贡献之和再加偏置。"},
	Check: secret(lessons.Value{Want: channels().Output(0), Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(addAll(New(exC[0], exCW[0]).Output(0), exCB), lessons.Text{EN: "That is channel 0 only (plus the bias): add channel 1's share too.", ZH: "这只算了通道 0（加上偏置）：还要加上通道 1 的贡献。"}),
		lessons.Mistake(addAll(New(exC[1], exCW[1]).Output(0), exCB), lessons.Text{EN: "That is channel 1 only (plus the bias): add channel 0's share too.", ZH: "这只算了通道 1（加上偏置）：还要加上通道 0 的贡献。"}),
		lessons.Mistake(New(exC, exCW).Output(0), lessons.Text{EN: "The bias $b = 0.5$ is missing.", ZH: "少了偏置 $b = 0.5$。"}),
		lessons.Mistake(addAll(channels().Output(0), exCB), lessons.Text{EN: "The bias was added once per channel; it is added once per output entry.", ZH: "偏置按通道加了两次；每个输出元素只加一次。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: channels().Ref.Sub(0).Grid(), Tol: lessons.ByHand}.Check},
})

// addAll returns m with a added to every entry.
func addAll(m [][]float64, a float64) [][]float64 {
	for _, r := range m {
		for j := range r {
			r[j] += a
		}
	}
	return m
}

// exP is ExPool's input (not the one the notebook pools in section 7).
var exP = [][]float64{{2, 7, 1, 0}, {3, 1, 4, 4}, {5, 0, 2, 8}, {1, 6, 3, 2}}

// ExPool asks for a max pooling.
var ExPool = lessons.NewExercise(lessons.Spec{
	ID:    "conv.pool",
	Title: lessons.Text{EN: "Max pooling", ZH: "最大池化"},
	Prompt: lessons.Text{
		EN: "Apply max pooling with a 2×2 window and stride 2 (PyTorch's `MaxPool2d(2, 2)`, as in the seed's CNN) to the input below. Pass the output, a `[][]float64`, to `conv.ExPool.Check`.\n\n$$x = " + tex(exP) + "$$",
		ZH: "对下面的输入做 2×2 窗口、步幅 2 的最大池化（PyTorch 的 `MaxPool2d(2, 2)`，即种子文档 CNN 里用的那个）。把输出（`[][]float64`）传给 `conv.ExPool.Check`。\n\n$$x = " + tex(exP) + "$$"},
	Hints: []lessons.Text{
		{EN: "The windows do not overlap: the output is 2×2, one entry per 2×2 block.", ZH: "窗口互不重叠：输出是 2×2，每个 2×2 块对应一个元素。"},
		{EN: "Each entry is the largest of its block's four numbers.", ZH: "每个元素是它所在块中四个数的最大值。"},
	},
	Solution: lessons.Text{
		EN: "$\\begin{bmatrix}7&4\\\\6&8\\end{bmatrix}$: `conv.NewPool(x, conv.PoolOpts{Size: 2})` shows each window.",
		ZH: "$\\begin{bmatrix}7&4\\\\6&8\\end{bmatrix}$：`conv.NewPool(x, conv.PoolOpts{Size: 2})` 会展示每个窗口。"},
	Check: secret(lessons.Value{Want: NewPool(exP).Output(0), Causes: []lessons.Cause{
		lessons.Mistake(NewPool(exP, PoolOpts{Avg: true}).Output(0), lessons.Text{EN: "That is average pooling; max pooling keeps the largest value of each window.", ZH: "这是平均池化；最大池化保留每个窗口里的最大值。"}),
		lessons.Mistake(minPool(exP), lessons.Text{EN: "That keeps the smallest value of each window; max pooling keeps the largest.", ZH: "这保留的是每个窗口的最小值；最大池化保留最大值。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: NewPool(exP).Ref.Sub(0).Grid()}.Check},
})

// minPool is the 2×2, stride-2 minimum (a wrong answer).
func minPool(x [][]float64) [][]float64 {
	out := make([][]float64, len(x)/2)
	for i := range out {
		out[i] = make([]float64, len(x[0])/2)
		for j := range out[i] {
			out[i][j] = math.Min(math.Min(x[2*i][2*j], x[2*i][2*j+1]), math.Min(x[2*i+1][2*j], x[2*i+1][2*j+1]))
		}
	}
	return out
}

// refCorr2D is the reference of ExCorr2D: valid cross-correlation of one
// channel, by mathref.
func refCorr2D(x, w [][]float64) [][]float64 {
	X := mathref.FromData(flat(x), 1, len(x), len(x[0]))
	W := mathref.FromData(flat(w), 1, 1, len(w), len(w[0]))
	y := mathref.Conv2D(X, W, nil, mathref.Conv2DOpts{})
	return rows(y.Data, y.Shape[1], y.Shape[2])
}

func flat(m [][]float64) []float64 {
	var out []float64
	for _, r := range m {
		out = append(out, r...)
	}
	return out
}

func corrCases(cs ...[2][][]float64) []lessons.Case {
	out := make([]lessons.Case, len(cs))
	for k, c := range cs {
		out[k] = lessons.Case{Args: []any{c[0], c[1]}}
	}
	return out
}

// ExCorr2D asks for a cross-correlation function.
var ExCorr2D = lessons.NewExercise(lessons.Spec{
	ID:    "conv.corr2d",
	Title: lessons.Text{EN: "Write the convolution", ZH: "自己写卷积"},
	Prompt: lessons.Text{
		EN: "Write `func corr2d(x, w [][]float64) [][]float64`: the cross-correlation that nn.Conv2d computes, for one channel, no padding, stride 1, no bias. The output is $(H - K_H + 1) \\times (W - K_W + 1)$ and $y(i,j) = \\sum_{u,v} x(i+u, j+v)\\, w(u,v)$. Kernels need not be square. Pass the function itself to `conv.ExCorr2D.Check(corr2d)`.",
		ZH: "写一个函数 `func corr2d(x, w [][]float64) [][]float64`：nn.Conv2d 所算的互相关，单通道、无填充、步幅 1、无偏置。输出大小为 $(H - K_H + 1) \\times (W - K_W + 1)$，$y(i,j) = \\sum_{u,v} x(i+u, j+v)\\, w(u,v)$。卷积核不一定是方的。把函数本身传给 `conv.ExCorr2D.Check(corr2d)`。"},
	Hints: []lessons.Text{
		{EN: "Make the output first: `h, wd := len(x)-len(w)+1, len(x[0])-len(w[0])+1`, then `make` each row.", ZH: "先建好输出：`h, wd := len(x)-len(w)+1, len(x[0])-len(w[0])+1`，再为每一行 `make`。"},
		{EN: "Four loops: `i`, `j` over the output, `u`, `v` over the kernel; add `x[i+u][j+v] * w[u][v]` into `y[i][j]`.", ZH: "四重循环：`i`、`j` 遍历输出，`u`、`v` 遍历卷积核；把 `x[i+u][j+v] * w[u][v]` 累加到 `y[i][j]`。"},
	},
	Solution: lessons.Text{
		EN: "```go\nfunc corr2d(x, w [][]float64) [][]float64 {\n\th, wd := len(x)-len(w)+1, len(x[0])-len(w[0])+1\n\ty := make([][]float64, h)\n\tfor i := 0; i < h; i++ {\n\t\ty[i] = make([]float64, wd)\n\t\tfor j := 0; j < wd; j++ {\n\t\t\tfor u := range w {\n\t\t\t\tfor v := range w[u] {\n\t\t\t\t\ty[i][j] += x[i+u][j+v] * w[u][v]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\treturn y\n}\n```",
		ZH: "```go\nfunc corr2d(x, w [][]float64) [][]float64 {\n\th, wd := len(x)-len(w)+1, len(x[0])-len(w[0])+1\n\ty := make([][]float64, h)\n\tfor i := 0; i < h; i++ {\n\t\ty[i] = make([]float64, wd)\n\t\tfor j := 0; j < wd; j++ {\n\t\t\tfor u := range w {\n\t\t\t\tfor v := range w[u] {\n\t\t\t\t\ty[i][j] += x[i+u][j+v] * w[u][v]\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\treturn y\n}\n```"},
	Check: checkCorr2D,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: refCorr2D, Params: []string{"x", "w"}, Cases: []lessons.Case{
			{Args: []any{[][]float64{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, {0, 1, 0, 1, 0}, {2, 2, 2, 2, 2}}, [][]float64{{1, 0, -1}, {0.5, 2, 0}}},
				About: lessons.Text{EN: "a 4×5 input and a 2×3 kernel", ZH: "4×5 的输入和 2×3 的卷积核"}},
			{Args: []any{exX, [][]float64{{-2}}}, About: lessons.Text{EN: "a 1×1 kernel", ZH: "1×1 的卷积核"}},
			{Args: []any{exW, exW}, About: lessons.Text{EN: "a kernel as large as the input", ZH: "和输入一样大的卷积核"}},
		}}.Check,
		lessons.Func{Ref: refCorr2D, Params: []string{"x", "w"}, Pure: true, Cases: []lessons.Case{
			{Args: []any{exX, exW}, About: lessons.Text{EN: "the inputs must stay as they were", ZH: "输入必须保持不变"}},
		}}.Check,
	},
})

var corr2DCases = corrCases(
	[2][][]float64{{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{0, 1}, {2, 3}}},
	[2][][]float64{Lesson5x5, LessonKernel},
)

// corr2DVariants are the typical wrong versions of corr2d.
var corr2DVariants = []struct {
	f   func(x, w [][]float64) [][]float64
	why lessons.Text
}{
	{func(x, w [][]float64) [][]float64 {
		y := CrossVsTrue(x, w).True
		return rows(y.Data, y.Shape[1], y.Shape[2])
	}, lessons.Text{EN: "Your function flips the kernel (a true convolution, $x(i-u, j-v)$); nn.Conv2d computes the cross-correlation $x(i+u, j+v)\\,w(u,v)$.", ZH: "你的函数翻转了卷积核（真正的卷积，$x(i-u, j-v)$）；nn.Conv2d 算的是互相关 $x(i+u, j+v)\\,w(u,v)$。"}},
	{func(x, w [][]float64) [][]float64 {
		y := refCorr2D(x, w)
		for i := range y {
			for j := range y[i] {
				y[i][j] = 0
				for u := range w {
					for v := range w[u] {
						y[i][j] += x[i+u][j+v] * w[v%len(w)][u%len(w[0])]
					}
				}
			}
		}
		return y
	}, lessons.Text{EN: "Your function reads the kernel transposed, $w(v, u)$: use `w[u][v]` with `u` for rows.", ZH: "你的函数把卷积核转置着读了，$w(v, u)$：应该用 `w[u][v]`，其中 `u` 表示行。"}},
}

// checkCorr2D runs the Func check, then names the typical mistake the
// student's function makes, if it is one.
func checkCorr2D(answer any) lessons.Feedback {
	f := lessons.Func{Ref: refCorr2D, Params: []string{"x", "w"}, Cases: corr2DCases}.Check(answer)
	if f.Passed {
		return f
	}
	fn := reflect.ValueOf(answer)
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.Type() != reflect.TypeOf(refCorr2D) {
		return f
	}
	for _, v := range corr2DVariants {
		if sameOnCases(fn, v.f) {
			// The known mistake explains every wrong number; the generic
			// guesses (a constant offset, say) would only distract.
			f.Causes = []string{v.why.String()}
			break
		}
	}
	return f
}

// sameOnCases reports whether fn returns what variant does on every
// visible case (a panic counts as different).
func sameOnCases(fn reflect.Value, variant func(x, w [][]float64) [][]float64) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	for _, c := range corr2DCases {
		x, w := c.Args[0].([][]float64), c.Args[1].([][]float64)
		got := fn.Call([]reflect.Value{reflect.ValueOf(copyM(x)), reflect.ValueOf(copyM(w))})[0].Interface()
		if d := lessons.Compare(mustArray(got), mustArray(variant(x, w)), lessons.Float); !d.OK() {
			return false
		}
	}
	return true
}

func copyM(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i := range m {
		out[i] = append([]float64(nil), m[i]...)
	}
	return out
}

func mustArray(v any) lessons.Array {
	a, err := lessons.AsArray(v)
	if err != nil {
		panic(err)
	}
	return a
}

// outSizeVariants are the typical wrong versions of the output-size
// formula, with what each forgets.
var outSizeVariants = []struct {
	f   func(n, k, s, p, d int) int
	why lessons.Text
}{
	{func(n, k, s, p, d int) int { return (n + 2*p - d*(k-1) - 1) / s }, lessons.Text{EN: "Your function leaves out the **+1** at the end.", ZH: "你的函数漏掉了最后的 **+1**。"}},
	{func(n, k, s, p, d int) int { return (n+p-d*(k-1)-1)/s + 1 }, lessons.Text{EN: "Your function pads one side only: use $n + 2p$.", ZH: "你的函数只填充了一侧：应该用 $n + 2p$。"}},
	{func(n, k, s, p, d int) int { return (n-d*(k-1)-1)/s + 1 }, lessons.Text{EN: "Your function ignores the padding $p$.", ZH: "你的函数忽略了填充 $p$。"}},
	{func(n, k, s, p, d int) int { return (n+2*p-k)/s + 1 }, lessons.Text{EN: "Your function ignores the dilation: a dilated kernel spans $d(k-1)+1$ cells.", ZH: "你的函数忽略了膨胀：膨胀后的卷积核跨越 $d(k-1)+1$ 个格子。"}},
	{func(n, k, s, p, d int) int { return n + 2*p - d*(k-1) }, lessons.Text{EN: "Your function ignores the stride: divide by $s$ before adding 1.", ZH: "你的函数忽略了步幅：加 1 之前要除以 $s$。"}},
	{func(n, k, s, p, d int) int { return (n+2*p-d*(k-1)-1+s-1)/s + 1 }, lessons.Text{EN: "Your function rounds up; the formula rounds **down** (integer division does that for you).", ZH: "你的函数向上取整了；公式是**向下**取整（整数除法自然就是向下取整）。"}},
}

// outSizeProbes are inputs on which the variants all differ from the
// formula.
var outSizeProbes = [][5]int{{10, 5, 2, 2, 1}, {9, 3, 2, 1, 2}, {32, 3, 1, 1, 1}, {7, 3, 3, 0, 1}, {28, 5, 3, 2, 2}}

// checkOutSizeFunc runs the Func check, then names the variant of the
// formula the student's function computes, if it is one.
func checkOutSizeFunc(answer any) lessons.Feedback {
	f := outSizeFunc(outSizeCases).Check(answer)
	if f.Passed {
		return f
	}
	fn := reflect.ValueOf(answer)
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.Type() != reflect.TypeOf(mathref.ConvOutputSize) {
		return f
	}
	for _, v := range outSizeVariants {
		if matches(fn, v.f) {
			f.Causes = []string{v.why.String()}
			break
		}
	}
	return f
}

// matches reports whether fn computes variant on every probe.
func matches(fn reflect.Value, variant func(n, k, s, p, d int) int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	for _, p := range outSizeProbes {
		args := []reflect.Value{reflect.ValueOf(p[0]), reflect.ValueOf(p[1]), reflect.ValueOf(p[2]), reflect.ValueOf(p[3]), reflect.ValueOf(p[4])}
		if int(fn.Call(args)[0].Int()) != variant(p[0], p[1], p[2], p[3], p[4]) {
			return false
		}
	}
	return true
}

func outSizeFunc(cases []lessons.Case) lessons.Func {
	return lessons.Func{Ref: mathref.ConvOutputSize, Params: []string{"n", "k", "s", "p", "d"}, Cases: cases}
}

func sizeCase(n, k, s, p, d int, en, zh string) lessons.Case {
	return lessons.Case{Args: []any{n, k, s, p, d}, About: lessons.Text{EN: en, ZH: zh}}
}

var outSizeCases = []lessons.Case{
	sizeCase(5, 3, 1, 0, 1, "no padding, stride 1", "无填充，步幅 1"),
	sizeCase(5, 3, 1, 1, 1, "padding 1 keeps the size", "填充 1 保持大小"),
	sizeCase(10, 5, 2, 2, 1, "stride 2", "步幅 2"),
	sizeCase(9, 3, 1, 0, 2, "dilation 2", "膨胀 2"),
}

// ExOutSizeFunc asks for the output-size formula as a function.
var ExOutSizeFunc = lessons.NewExercise(lessons.Spec{
	ID:    "conv.out-size-func",
	Title: lessons.Text{EN: "The output-size formula as a function", ZH: "把输出尺寸公式写成函数"},
	Prompt: lessons.Text{
		EN: "Write `func outSize(n, k, s, p, d int) int`: the output length of a convolution with input length $n$, kernel $k$, stride $s$, padding $p$ and dilation $d$ (the formula of this lesson). Pass the function to `conv.ExOutSizeFunc.Check(outSize)`.",
		ZH: "写一个函数 `func outSize(n, k, s, p, d int) int`：输入长度 $n$、卷积核 $k$、步幅 $s$、填充 $p$、膨胀 $d$ 时卷积的输出长度（即本课的公式）。把函数传给 `conv.ExOutSizeFunc.Check(outSize)`。"},
	Hints: []lessons.Text{
		{EN: "Go's integer division `/` of non-negative numbers rounds down: it is the floor.", ZH: "Go 中非负整数的除法 `/` 向下取整：正好就是下取整。"},
		{EN: "`return (n+2*p-d*(k-1)-1)/s + 1`", ZH: "`return (n+2*p-d*(k-1)-1)/s + 1`"},
	},
	Solution: lessons.Text{
		EN: "```go\nfunc outSize(n, k, s, p, d int) int {\n\treturn (n+2*p-d*(k-1)-1)/s + 1\n}\n```\nThe dilated kernel spans $d(k-1)+1$ cells of the $n+2p$ padded ones.",
		ZH: "```go\nfunc outSize(n, k, s, p, d int) int {\n\treturn (n+2*p-d*(k-1)-1)/s + 1\n}\n```\n膨胀后的卷积核在填充后的 $n+2p$ 个格子中占 $d(k-1)+1$ 个。"},
	Check: checkOutSizeFunc,
	Hidden: []lessons.Checker{outSizeFunc([]lessons.Case{
		sizeCase(32, 3, 2, 1, 1, "32 pixels, stride 2, padding 1", "32 像素，步幅 2，填充 1"),
		sizeCase(28, 5, 3, 2, 2, "stride 3 and dilation 2", "步幅 3 且膨胀 2"),
		sizeCase(7, 7, 1, 0, 1, "a kernel as long as the input", "和输入一样长的卷积核"),
		sizeCase(8, 3, 3, 0, 1, "a stride that does not divide", "除不尽的步幅"),
	}).Check},
})

// Convolution is lesson 01.
var Convolution = lessons.Register(&lessons.Lesson{
	Name:  "01-convolution",
	Title: lessons.Text{EN: "Convolution, step by step", ZH: "卷积，一步一步"},
	Summary: lessons.Text{
		EN: "One channel on a 5×5 input; padding, stride, dilation and the output-size formula; several channels and the bias; cross-correlation versus convolution; edge filters on a photograph; max and average pooling; the seed's formula corrected.",
		ZH: "5×5 输入上的单通道卷积；填充、步幅、膨胀与输出尺寸公式；多通道与偏置；互相关与卷积；照片上的边缘检测卷积核；最大池化与平均池化；更正种子文档的公式。"},
	Exercises: []*lessons.Exercise{ExOutSize, ExByHand, ExPadStride, ExChannels, ExPool, ExCorr2D, ExOutSizeFunc},
})
