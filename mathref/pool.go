package mathref

import "math"

// Pool2DOpts are the hyper-parameters of MaxPool2D and AvgPool2D, as in
// torch.nn.MaxPool2d and torch.nn.AvgPool2d (ceil_mode=False, dilation 1);
// pairs are (height, width).
type Pool2DOpts struct {
	// Kernel is (K_H, K_W); both must be ≥ 1.
	Kernel [2]int
	// Stride is (s_H, s_W); zero takes PyTorch's default, the kernel size.
	Stride [2]int
	// Padding is (p_H, p_W) on each side, at most half the kernel (PyTorch's
	// rule). MaxPool2D pads with −∞, AvgPool2D with zeros.
	Padding [2]int
	// ExcludePad makes AvgPool2D divide by the number of input (non-padding)
	// cells in the window: count_include_pad=False. The zero value is
	// PyTorch's default, count_include_pad=True: divide by K_H·K_W.
	ExcludePad bool
}

func (opt Pool2DOpts) resolve(op string) (k, s, p [2]int) {
	k, s, p = opt.Kernel, opt.Stride, opt.Padding
	for a := 0; a < 2; a++ {
		if k[a] < 1 || s[a] < 0 || p[a] < 0 {
			panicf("%s: need kernel ≥ 1, stride ≥ 0 (0 = kernel), padding ≥ 0; got kernel %v stride %v padding %v", op, k, s, p)
		}
		if s[a] == 0 {
			s[a] = k[a]
		}
		if 2*p[a] > k[a] {
			panicf("%s: padding must be at most half the kernel size (PyTorch's rule), got padding %v for kernel %v", op, p, k)
		}
	}
	return k, s, p
}

// MaxPool2DFormula is max pooling.
var MaxPool2DFormula = Formula{
	ID:    "maxpool2d",
	Title: "2-D max pooling",
	TeX: `y_{n,c,i,j} = \max_{u=0}^{K_H-1} \, \max_{v=0}^{K_W-1} \; \tilde{x}_{n,c,\; s_H i + u,\; s_W j + v}
\qquad (\tilde{x} = x \text{ padded with } -\infty)`,
	Symbols: []Symbol{
		{`x`, "input", "(N, C, H, W)"},
		{`\tilde{x}`, "input with p_H rows and p_W columns of −∞ on each side", "(N, C, H+2p_H, W+2p_W)"},
		{`y`, "output; H', W' from conv-output-size with d = 1", "(N, C, H', W')"},
		{`K, s, p`, "kernel, stride (default K), padding (≤ K/2)", "pairs"},
	},
	Func: MaxPool2D, FuncName: "MaxPool2D",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html",
}

// MaxPool2D is torch.nn.functional.max_pool2d: the largest value in each
// K_H×K_W window, channel by channel.
//
//	y[n,c,i,j] = max_u max_v x̃[n, c, s_H·i + u, s_W·j + v]
//
// x is (C, H, W) or (N, C, H, W); the result keeps that rank.
func MaxPool2D(x Tensor, opt Pool2DOpts) Tensor {
	// x: (N, C, H, W)  y: (N, C, H', W')
	x4, batched := batch4("MaxPool2D", "x", x, "(C, H, W) or (N, C, H, W)")
	k, s, p := opt.resolve("MaxPool2D")
	N, C, H, W := x4.Shape[0], x4.Shape[1], x4.Shape[2], x4.Shape[3]
	Hout := outputSize("MaxPool2D", "height", H, k[0], s[0], p[0], 1)
	Wout := outputSize("MaxPool2D", "width", W, k[1], s[1], p[1], 1)
	xt := pad2D(x4, p, math.Inf(-1))
	y := New(N, C, Hout, Wout)
	for n := 0; n < N; n++ {
		for c := 0; c < C; c++ {
			for i := 0; i < Hout; i++ {
				for j := 0; j < Wout; j++ {
					m := math.Inf(-1)
					for u := 0; u < k[0]; u++ {
						for v := 0; v < k[1]; v++ {
							m = math.Max(m, xt.At(n, c, s[0]*i+u, s[1]*j+v))
						}
					}
					y.Set(m, n, c, i, j)
				}
			}
		}
	}
	return unbatch(y, batched)
}

// AvgPool2DFormula is average pooling with PyTorch's default
// count_include_pad=True, and the alternative divisor.
var AvgPool2DFormula = Formula{
	ID:    "avgpool2d",
	Title: "2-D average pooling",
	TeX: `\begin{aligned}
y_{n,c,i,j} &= \frac{1}{K_H K_W} \sum_{u=0}^{K_H-1} \sum_{v=0}^{K_W-1} \tilde{x}_{n,c,\; s_H i + u,\; s_W j + v}
&& (\texttt{count\_include\_pad=True}\text{, the default}) \\
y_{n,c,i,j} &= \frac{1}{|W_{ij}|} \sum_{(u,v) \in W_{ij}} \tilde{x}_{n,c,\; s_H i + u,\; s_W j + v}
&& (\texttt{count\_include\_pad=False})
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "input", "(N, C, H, W)"},
		{`\tilde{x}`, "input with p_H rows and p_W columns of zeros on each side", "(N, C, H+2p_H, W+2p_W)"},
		{`W_{ij}`, "the window's taps (u, v) that fall inside x, not in the padding", "set"},
		{`y`, "output; H', W' from conv-output-size with d = 1", "(N, C, H', W')"},
	},
	Func: AvgPool2D, FuncName: "AvgPool2D",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.AvgPool2d.html",
}

// AvgPool2D is torch.nn.functional.avg_pool2d: the mean of each K_H×K_W
// window, channel by channel. Padding cells count as zeros in the sum and, by
// default (count_include_pad=True), in the divisor K_H·K_W; with
// opt.ExcludePad the divisor is the number of real input cells.
//
//	y[n,c,i,j] = 1/(K_H·K_W) · Σ_u Σ_v x̃[n, c, s_H·i + u, s_W·j + v]
//
// x is (C, H, W) or (N, C, H, W); the result keeps that rank.
func AvgPool2D(x Tensor, opt Pool2DOpts) Tensor {
	// x: (N, C, H, W)  y: (N, C, H', W')
	x4, batched := batch4("AvgPool2D", "x", x, "(C, H, W) or (N, C, H, W)")
	k, s, p := opt.resolve("AvgPool2D")
	N, C, H, W := x4.Shape[0], x4.Shape[1], x4.Shape[2], x4.Shape[3]
	Hout := outputSize("AvgPool2D", "height", H, k[0], s[0], p[0], 1)
	Wout := outputSize("AvgPool2D", "width", W, k[1], s[1], p[1], 1)
	xt := pad2D(x4, p, 0)
	y := New(N, C, Hout, Wout)
	for n := 0; n < N; n++ {
		for c := 0; c < C; c++ {
			for i := 0; i < Hout; i++ {
				for j := 0; j < Wout; j++ {
					sum, count := 0.0, 0
					for u := 0; u < k[0]; u++ {
						for v := 0; v < k[1]; v++ {
							r, q := s[0]*i+u, s[1]*j+v
							sum += xt.At(n, c, r, q)
							if r >= p[0] && r < p[0]+H && q >= p[1] && q < p[1]+W {
								count++ // a tap inside x, in W_ij
							}
						}
					}
					if !opt.ExcludePad {
						count = k[0] * k[1]
					}
					y.Set(sum/float64(count), n, c, i, j)
				}
			}
		}
	}
	return unbatch(y, batched)
}
