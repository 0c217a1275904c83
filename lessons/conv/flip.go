package conv

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// Flip compares the two operations called "convolution": the
// cross-correlation that nn.Conv2d (like PyTorch) computes, and the true
// convolution of mathematics, which turns the kernel by 180° first. In a
// cell it shows the kernel and its flip, both outputs, and the checks:
// mathref.TrueConv2D equals nn.Conv2d run with the flipped kernel.
type Flip struct {
	Cross   *Walk             // nn.Conv2d with w: the cross-correlation
	Flipped *Walk             // nn.Conv2d with the flipped kernel
	True    mathref.Tensor    // mathref.TrueConv2D with w: the true convolution
	Agree   mathref.Closeness // Flipped's output against True
	Same    bool              // both operations give the same output
}

// CrossVsTrue computes the cross-correlation and the true convolution of
// x with w; it takes the arguments and options of New.
func CrossVsTrue(x, w any, o ...Opts) *Flip {
	cross := New(x, w, o...)
	opt := cross.Opts
	flipped := New(cross.X, mathref.Flip(cross.W), opt)
	s, p, d := opt.Stride, opt.Padding, opt.Dilation
	tru := mathref.TrueConv2D(cross.X, cross.W, cross.B, mathref.Conv2DOpts{Stride: [2]int{s, s}, Padding: [2]int{p, p}, Dilation: [2]int{d, d}})
	got := mathref.Tensor{Shape: flipped.Y.Shape, Data: flipped.Y.Data}
	return &Flip{Cross: cross, Flipped: flipped, True: tru,
		Agree: mathref.AllClose(got, tru, Agreement, Agreement),
		Same:  mathref.AllClose(mathref.Tensor{Shape: cross.Y.Shape, Data: cross.Y.Data}, tru, Agreement, Agreement).OK}
}

// Markdown shows the kernel and its flip, the two outputs (output channel
// 0) and the checks.
func (f *Flip) Markdown() string {
	w, fw := f.Cross.W, f.Flipped.W
	KH, KW := w.Shape[2], w.Shape[3]
	H2, W2 := f.Cross.Y.Shape[1], f.Cross.Y.Shape[2]
	var b strings.Builder
	fmt.Fprintf(&b, "$$w = %s \\qquad \\text{%s}(w) = %s$$\n\n",
		bmatrix(KH, KW, func(u, v int) float64 { return w.At(0, 0, u, v) }, nil),
		lessons.T("conv.flip.rot"),
		bmatrix(KH, KW, func(u, v int) float64 { return fw.At(0, 0, u, v) }, nil))
	cross := func(i, j int) float64 { return f.Cross.Y.At(0, i, j) }
	tru := func(i, j int) float64 { return f.True.At(0, i, j) }
	fmt.Fprintf(&b, "| %s | %s |\n|---|---|\n", lessons.T("conv.flip.crossHead"), lessons.T("conv.flip.trueHead"))
	fmt.Fprintf(&b, "| $\\displaystyle (x \\star w)(i,j) = \\sum_{u,v} x(i+u,\\,j+v)\\,w(u,v)$ | $\\displaystyle (x * w)(i,j) = \\sum_{u,v} x(i-u,\\,j-v)\\,w(u,v)$ |\n")
	fmt.Fprintf(&b, "| $%s$ | $%s$ |\n\n", bmatrix(H2, W2, cross, nil), bmatrix(H2, W2, tru, nil))
	if f.Agree.OK {
		b.WriteString(lessons.T("conv.flip.ok", plain(f.Agree.MaxAbsDiff)) + "\n\n")
	} else {
		b.WriteString(lessons.T("conv.flip.bad", f.Agree.String()) + "\n\n")
	}
	if f.Same {
		b.WriteString(lessons.T("conv.flip.same"))
	} else {
		b.WriteString(lessons.T("conv.flip.differ"))
	}
	return b.String()
}

var flipMessages = lessons.Catalog{
	"conv.flip.rot":       {EN: "flip", ZH: "翻转"},
	"conv.flip.crossHead": {EN: "cross-correlation: nn.Conv2d, PyTorch", ZH: "互相关：nn.Conv2d、PyTorch"},
	"conv.flip.trueHead":  {EN: "true convolution: mathref.TrueConv2D", ZH: "真正的卷积：mathref.TrueConv2D"},
	"conv.flip.ok": {
		EN: "✓ The true convolution equals nn.Conv2d run with the flipped kernel (largest difference %s): a convolution is a cross-correlation with the kernel turned by 180°.",
		ZH: "✓ 真正的卷积等于用翻转后的卷积核运行 nn.Conv2d（最大差 %s）：卷积就是把卷积核旋转 180° 之后再做互相关。"},
	"conv.flip.bad": {
		EN: "⚠ ❌ **MISMATCH** between mathref.TrueConv2D and nn.Conv2d with the flipped kernel: %s",
		ZH: "⚠ ❌ **不一致**：mathref.TrueConv2D 与用翻转卷积核运行的 nn.Conv2d 结果不同：%s"},
	"conv.flip.same": {
		EN: "Here both give the same numbers: this kernel does not change when flipped.",
		ZH: "这里两者结果相同：这个卷积核翻转后不变。"},
	"conv.flip.differ": {
		EN: "The two differ: the kernel changes when flipped. A network learns its kernels, so it does not matter which one a layer computes; it matters when you copy a kernel from a textbook.",
		ZH: "两者不同：这个卷积核翻转后会变。网络的卷积核是学出来的，所以一层算哪一种并不要紧；但照抄教科书上的卷积核时就要注意了。"},
}

func init() { lessons.RegisterCatalog("conv", flipMessages) }
