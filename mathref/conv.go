package mathref

import (
	"fmt"
	"math"
)

// Conv2DOpts are the hyper-parameters of Conv2D and TrueConv2D, named and
// laid out as in torch.nn.Conv2d; pairs are (height, width). A zero field
// takes PyTorch's default: stride 1, padding 0, dilation 1, groups 1.
// Negative values panic.
type Conv2DOpts struct {
	// Stride is (s_H, s_W), the step between output positions.
	Stride [2]int
	// Padding is (p_H, p_W), the zeros added on each side of the input.
	Padding [2]int
	// Dilation is (d_H, d_W), the spacing between kernel taps.
	Dilation [2]int
	// Groups G splits the C input and O output channels into G groups;
	// output channel o sees only the C/G input channels of its group.
	Groups int
}

// resolve returns the options with defaults filled in.
func (opt Conv2DOpts) resolve(op string) (s, p, d [2]int, g int) {
	s, p, d, g = opt.Stride, opt.Padding, opt.Dilation, opt.Groups
	for a := 0; a < 2; a++ {
		if s[a] < 0 || p[a] < 0 || d[a] < 0 {
			panicf("%s: stride, padding and dilation must be ≥ 0 (0 = default), got stride %v padding %v dilation %v", op, s, p, d)
		}
		if s[a] == 0 {
			s[a] = 1
		}
		if d[a] == 0 {
			d[a] = 1
		}
	}
	if g < 0 {
		panicf("%s: groups must be ≥ 1 (0 = default 1), got %d", op, g)
	}
	if g == 0 {
		g = 1
	}
	return s, p, d, g
}

// Conv2DFormula is 2-D convolution as deep-learning frameworks compute it: a
// cross-correlation summed over the input channels of the group, plus one
// bias per output channel.
var Conv2DFormula = Formula{
	ID:    "conv2d",
	Title: "2-D convolution as PyTorch computes it (cross-correlation)",
	TeX: `\begin{aligned}
y_{n,o,i,j} &= b_o + \sum_{c=0}^{C/G-1} \sum_{u=0}^{K_H-1} \sum_{v=0}^{K_W-1} w_{o,c,u,v}\, \tilde{x}_{n,\; g\frac{C}{G}+c,\; s_H i + d_H u,\; s_W j + d_W v} \\
g &= \left\lfloor o \big/ \tfrac{O}{G} \right\rfloor, \qquad
\tilde{x}_{n,c,r,q} = \begin{cases} x_{n,c,r-p_H,q-p_W} & \text{inside } x \\ 0 & \text{in the padding} \end{cases}
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "input (batch of images)", "(N, C, H, W)"},
		{`\tilde{x}`, "input with p_H zero rows and p_W zero columns added on each side", "(N, C, H+2p_H, W+2p_W)"},
		{`w`, "kernels (weight)", "(O, C/G, K_H, K_W)"},
		{`b`, "bias, one per output channel", "(O)"},
		{`y`, "output feature maps", "(N, O, H', W')"},
		{`n, o, i, j`, "image, output channel, output row, output column", "indices"},
		{`c, u, v`, "input channel within the group, kernel row, kernel column (summed)", "indices"},
		{`s, p, d, G`, "stride, padding, dilation, groups", "scalars (per axis)"},
		{`g`, "group of output channel o", "index"},
	},
	Func: Conv2D, FuncName: "Conv2D",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html",
}

// Conv2D is torch.nn.functional.conv2d: a cross-correlation (the kernel is
// not flipped) over the input channels of each group, with stride, zero
// padding, dilation, groups and an optional bias (nil for none).
//
//	y[n,o,i,j] = b[o] + Σ_c Σ_u Σ_v w[o,c,u,v] · x̃[n, g·C/G + c, s_H·i + d_H·u, s_W·j + d_W·v]
//
// x is (C, H, W) or (N, C, H, W); w is (O, C/G, K_H, K_W); b is (O) or nil.
// The result is (O, H', W') or (N, O, H', W') with H' and W' given by
// ConvOutputSize. It panics, naming the expected and the actual shapes, on
// any mismatch.
func Conv2D(x, w Tensor, b []float64, opt Conv2DOpts) Tensor {
	// x: (N, C, H, W)  w: (O, C/G, KH, KW)  b: (O)  y: (N, O, H', W')
	return conv2D("Conv2D", x, w, b, opt, false)
}

// TrueConv2DFormula is convolution as mathematics defines it: the same sum
// with the kernel flipped, which equals Conv2D with Flip(w).
var TrueConv2DFormula = Formula{
	ID:    "conv2d-true",
	Title: "2-D convolution as mathematics defines it (flipped kernel)",
	TeX: `\begin{aligned}
y_{n,o,i,j} &= b_o + \sum_{c=0}^{C/G-1} \sum_{u=0}^{K_H-1} \sum_{v=0}^{K_W-1} w_{o,c,u,v}\, \tilde{x}_{n,\; g\frac{C}{G}+c,\; i' - d_H u,\; j' - d_W v} \\
i' &= s_H i + d_H (K_H - 1), \qquad j' = s_W j + d_W (K_W - 1)
\end{aligned}`,
	Symbols: []Symbol{
		{`x, \tilde{x}`, "input and zero-padded input, as in conv2d", "(N, C, H, W)"},
		{`w`, "kernels, used flipped", "(O, C/G, K_H, K_W)"},
		{`b`, "bias, one per output channel", "(O)"},
		{`y`, "output; same shape as conv2d's", "(N, O, H', W')"},
		{`i', j'`, "bottom-right corner of the window for output (i, j)", "indices"},
	},
	Func: TrueConv2D, FuncName: "TrueConv2D",
	Source: "https://d2l.ai/chapter_convolutional-neural-networks/why-conv.html (§7.1.3 convolutions); = scipy.signal.convolve2d mode 'valid'",
}

// TrueConv2D is convolution as mathematics defines it, (x ∗ w)(i) =
// Σ_u x(i−u)·w(u): the input index runs backwards through the kernel. It
// takes the same arguments and gives the same shape as Conv2D, and equals
// Conv2D(x, Flip(w), b, opt). With one channel, stride 1 and no padding it is
// scipy.signal.convolve2d(x, w, mode="valid").
func TrueConv2D(x, w Tensor, b []float64, opt Conv2DOpts) Tensor {
	// x: (N, C, H, W)  w: (O, C/G, KH, KW)  b: (O)  y: (N, O, H', W')
	return conv2D("TrueConv2D", x, w, b, opt, true)
}

func conv2D(op string, x, w Tensor, b []float64, opt Conv2DOpts, flip bool) Tensor {
	x4, batched := batch4(op, "x", x, "(C, H, W) or (N, C, H, W)")
	s, p, d, G := opt.resolve(op)
	N, C, H, W := x4.Shape[0], x4.Shape[1], x4.Shape[2], x4.Shape[3]
	O, KH, KW := checkConvWeight(op, w, C, G)
	if b != nil && len(b) != O {
		panicf("%s: bias must have one value per output channel, (%d), got (%d)", op, O, len(b))
	}
	Hout := outputSize(op, "height", H, KH, s[0], p[0], d[0])
	Wout := outputSize(op, "width", W, KW, s[1], p[1], d[1])
	xt := pad2D(x4, p, 0)
	y := New(N, O, Hout, Wout)
	Cg := C / G
	for n := 0; n < N; n++ {
		for o := 0; o < O; o++ {
			g := o / (O / G)
			for i := 0; i < Hout; i++ {
				for j := 0; j < Wout; j++ {
					sum := biasAt(b, o)
					for c := 0; c < Cg; c++ {
						for u := 0; u < KH; u++ {
							for v := 0; v < KW; v++ {
								r, q := s[0]*i+d[0]*u, s[1]*j+d[1]*v // cross-correlation
								if flip {
									r, q = s[0]*i+d[0]*(KH-1)-d[0]*u, s[1]*j+d[1]*(KW-1)-d[1]*v // i' − d·u
								}
								sum += w.At(o, c, u, v) * xt.At(n, g*Cg+c, r, q)
							}
						}
					}
					y.Set(sum, n, o, i, j)
				}
			}
		}
	}
	return unbatch(y, batched)
}

// checkConvWeight checks w against C input channels and G groups and returns
// O, KH, KW.
func checkConvWeight(op string, w Tensor, C, G int) (O, KH, KW int) {
	if w.Dims() != 4 {
		panicf("%s: weight must be (O, C/groups, KH, KW), got shape %s", op, shapeString(w.Shape))
	}
	O, KH, KW = w.Shape[0], w.Shape[2], w.Shape[3]
	if C%G != 0 || O%G != 0 {
		panicf("%s: groups=%d must divide both the %d input channels and the %d output channels", op, G, C, O)
	}
	if w.Shape[1] != C/G {
		panicf("%s: weight must be (O, C/groups, KH, KW) = (%d, %d/%d=%d, KH, KW) for an input with %d channels, got %s",
			op, O, C, G, C/G, C, shapeString(w.Shape))
	}
	if O == 0 || KH == 0 || KW == 0 {
		panicf("%s: weight sizes must be ≥ 1, got %s", op, shapeString(w.Shape))
	}
	return O, KH, KW
}

// ConvOutputSizeFormula is the output length along one axis of a
// convolution or pooling.
var ConvOutputSizeFormula = Formula{
	ID:    "conv-output-size",
	Title: "Output size of a convolution or pooling along one axis",
	TeX:   `H' = \left\lfloor \frac{H + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1`,
	Symbols: []Symbol{
		{`H`, "input length (height or width)", "scalar"},
		{`k`, "kernel length", "scalar"},
		{`s`, "stride", "scalar ≥ 1"},
		{`p`, "zero padding on each side", "scalar ≥ 0"},
		{`d`, "dilation (1 = contiguous kernel)", "scalar ≥ 1"},
		{`H'`, "output length", "scalar ≥ 1"},
	},
	Func: ConvOutputSize, FuncName: "ConvOutputSize",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html (Shape section)",
}

// ConvOutputSize returns ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1, the number of
// positions a kernel of length k with dilation d fits along an input of
// length n padded by p on each side, stepping by s. Pooling uses it with
// d = 1. It panics if a size is out of range or the dilated kernel is longer
// than the padded input.
func ConvOutputSize(n, k, s, p, d int) int {
	return outputSize("ConvOutputSize", "length", n, k, s, p, d)
}

func outputSize(op, axis string, n, k, s, p, d int) int {
	if n < 1 || k < 1 || s < 1 || p < 0 || d < 1 {
		panicf("%s: need input %s ≥ 1, kernel ≥ 1, stride ≥ 1, padding ≥ 0, dilation ≥ 1; got %d, %d, %d, %d, %d",
			op, axis, n, k, s, p, d)
	}
	span := d*(k-1) + 1
	if n+2*p < span {
		panicf("%s: the kernel spans %d = d(k−1)+1 = %d·(%d−1)+1 along the %s, more than the padded input %d = %d + 2·%d; output %s would be %d",
			op, span, d, k, axis, n+2*p, n, p, axis, floorDiv(n+2*p-span, s)+1)
	}
	return (n+2*p-d*(k-1)-1)/s + 1
}

func floorDiv(a, b int) int { return int(math.Floor(float64(a) / float64(b))) }

// pad2D returns x (N, C, H, W) with p[0] rows and p[1] columns of fill added
// on each side: x̃ in the formulas.
func pad2D(x Tensor, p [2]int, fill float64) Tensor {
	N, C, H, W := x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]
	xt := New(N, C, H+2*p[0], W+2*p[1])
	for k := range xt.Data {
		xt.Data[k] = fill
	}
	for n := 0; n < N; n++ {
		for c := 0; c < C; c++ {
			for r := 0; r < H; r++ {
				for q := 0; q < W; q++ {
					xt.Set(x.At(n, c, r, q), n, c, r+p[0], q+p[1])
				}
			}
		}
	}
	return xt
}

// batch4 accepts a 3-D (C, H, W) or 4-D (N, C, H, W) tensor and returns it as
// 4-D, with whether it already was.
func batch4(op, name string, x Tensor, want string) (Tensor, bool) {
	switch x.Dims() {
	case 4:
		return x, true
	case 3:
		return x.Reshape(append([]int{1}, x.Shape...)...), false
	}
	panicf("%s: %s must be %s, got shape %s", op, name, want, shapeString(x.Shape))
	return Tensor{}, false
}

// unbatch drops the leading axis of size 1 added by batch4.
func unbatch(y Tensor, batched bool) Tensor {
	if batched {
		return y
	}
	return y.Reshape(y.Shape[1:]...)
}

// biasAt returns b[o], or 0 when there is no bias.
func biasAt(b []float64, o int) float64 {
	if b == nil {
		return 0
	}
	return b[o]
}

// String shows the options with defaults filled in, e.g.
// "stride (1, 1) padding (0, 0) dilation (1, 1) groups 1".
func (opt Conv2DOpts) String() string {
	s, p, d, g := opt.resolve("Conv2DOpts")
	return fmt.Sprintf("stride (%d, %d) padding (%d, %d) dilation (%d, %d) groups %d", s[0], s[1], p[0], p[1], d[0], d[1], g)
}
