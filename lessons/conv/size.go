package conv

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// Size is one output size of a convolution or pooling, worked out with the
// numbers written into the formula
//
//	H' = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1
//
// and checked against mathref.ConvOutputSize and nn.Conv2d's OutShape.
type Size struct {
	N, K, S, P, D int // input length, kernel, stride, padding, dilation
	Out           int // the output length
	NN            int // the output length nn.Conv2d computes
}

// OutputSize returns the number of positions a kernel of length k with
// stride s, padding p and dilation d takes along an input of length n.
// Stride and dilation 0 mean 1. A kernel longer than the padded input
// panics with an *Error.
func OutputSize(n, k, s, p, d int) Size {
	if s == 0 {
		s = 1
	}
	if d == 0 {
		d = 1
	}
	if n < 1 || k < 1 || s < 1 || p < 0 || d < 1 {
		fail("conv.size.range", n, k, s, p, d)
	}
	fits(lessons.T("conv.word.length"), n, k, Opts{Stride: s, Padding: p, Dilation: d})
	l := &nn.Conv2d{InChannels: 1, OutChannels: 1, Groups: 1, KernelSize: [2]int{1, k},
		Stride: [2]int{1, s}, Padding: [2]int{0, p}, Dilation: [2]int{1, d}, Weight: nn.New(1, 1, 1, k)}
	return Size{N: n, K: k, S: s, P: p, D: d, Out: mathref.ConvOutputSize(n, k, s, p, d), NN: l.OutShape([]int{1, 1, 1, n})[3]}
}

// Int returns the output length.
func (z Size) Int() int { return z.Out }

// String returns the output length as a number.
func (z Size) String() string { return strconv.Itoa(z.Out) }

// Markdown shows the formula, the numbers put in, each step of the
// arithmetic and the check.
func (z Size) Markdown() string {
	var b strings.Builder
	top := z.N + 2*z.P - z.D*(z.K-1) - 1
	fmt.Fprintf(&b, `$$H' = \left\lfloor \frac{H + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1 = \left\lfloor \frac{%d + 2\cdot %d - %d\cdot(%d-1) - 1}{%d} \right\rfloor + 1 = %s$$`,
		z.N, z.P, z.D, z.K, z.S, arith(top, z.S))
	b.WriteString("\n\n")
	b.WriteString(lessons.T("conv.size.meaning", z.D*(z.K-1)+1, z.N+2*z.P, z.S, z.Out) + "\n\n")
	if z.NN == z.Out {
		b.WriteString(lessons.T("conv.size.ok", z.NN))
	} else {
		b.WriteString(lessons.T("conv.size.bad", z.Out, z.NN))
	}
	return b.String()
}

// arith finishes ⌊a/b⌋ + 1 step by step.
func arith(a, b int) string {
	q := a / b
	switch {
	case b == 1:
		return fmt.Sprintf(`%d + 1 = %d`, a, q+1)
	case a%b == 0:
		return fmt.Sprintf(`\tfrac{%d}{%d} + 1 = %d + 1 = %d`, a, b, q, q+1)
	}
	return fmt.Sprintf(`\left\lfloor \tfrac{%d}{%d} \right\rfloor + 1 = \lfloor %s \rfloor + 1 = %d + 1 = %d`,
		a, b, strconv.FormatFloat(float64(a)/float64(b), 'g', 4, 64), q, q+1)
}

var sizeMessages = lessons.Catalog{
	"conv.word.length": {EN: "length", ZH: "长度"},
	"conv.size.range": {
		EN: "OutputSize needs input length ≥ 1, kernel ≥ 1, stride ≥ 1, padding ≥ 0, dilation ≥ 1; got n = %d, k = %d, s = %d, p = %d, d = %d",
		ZH: "OutputSize 要求输入长度 ≥ 1、卷积核 ≥ 1、步幅 ≥ 1、填充 ≥ 0、膨胀 ≥ 1；实际 n = %d，k = %d，s = %d，p = %d，d = %d"},
	"conv.size.meaning": {
		EN: "The kernel spans $d(k-1)+1 = %d$ cells; the padded input has $H + 2p = %d$; stepping by $s = %d$ it fits at **%d** positions.",
		ZH: "卷积核跨越 $d(k-1)+1 = %d$ 个格子；填充后的输入长 $H + 2p = %d$；以步幅 $s = %d$ 移动，共有 **%d** 个位置。"},
	"conv.size.ok":  {EN: "✓ nn.Conv2d gives the same output size, %d.", ZH: "✓ nn.Conv2d 给出的输出尺寸相同，也是 %d。"},
	"conv.size.bad": {EN: "⚠ ❌ **MISMATCH**: the formula gives %d but nn.Conv2d gives %d.", ZH: "⚠ ❌ **不一致**：公式给出 %d，nn.Conv2d 却给出 %d。"},
}

func init() { lessons.RegisterCatalog("conv", sizeMessages) }
