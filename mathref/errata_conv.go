package mathref

import "fmt"

const conv2dDocs = "https://docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html"

// demoInput is the worked example: the 3×3 input 0..8 and the 2×2 kernel
// [[0,1],[2,3]].
func demoInput() (x, w Tensor) {
	return Arange(1, 3, 3), FromData([]float64{0, 1, 2, 3}, 1, 1, 2, 2)
}

// convErrata are the seed document's convolution formula errors (C1).
func convErrata() []Erratum {
	return []Erratum{
		{
			ID: "conv-no-output-position", Seed: "C1", InSeed: true, Lang: "tex",
			Title: "Convolution formula without the output position",
			Wrong: `y(x,y) = \sum_{u=0}^{m-1}\sum_{v=0}^{n-1} x(u,v) * w(u,v) + b`,
			Right: `y(i,j) = b + \sum_{u=0}^{m-1}\sum_{v=0}^{n-1} x(i+u,\; j+v)\, w(u,v),
\qquad 0 \le i \le H-m,\; 0 \le j \le W-n`,
			Why: "The output position never appears on the right-hand side, so as written every output is the same top-left dot product.",
			Notes: []string{
				"x and y name both the signals and the coordinates; use i, j for positions.",
				"The * between x(u,v) and w(u,v) is an ordinary product, not the convolution operator.",
			},
			Source: conv2dDocs + "; d2l §7.2.1 (https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html)",
			Demo: func() Demo {
				x, w := demoInput()
				wrong := New(2, 2)
				for i := 0; i < 2; i++ {
					for j := 0; j < 2; j++ { // the formula as printed: (i, j) unused
						sum := 0.0
						for u := 0; u < 2; u++ {
							for v := 0; v < 2; v++ {
								sum += x.At(0, u, v) * w.At(0, 0, u, v)
							}
						}
						wrong.Set(sum, i, j)
					}
				}
				right := Conv2D(x, w, nil, Conv2DOpts{}).Reshape(2, 2)
				return Demo{Input: "x = 0..8 (3×3), w = [[0 1] [2 3]], b = 0", Wrong: txt(wrong.Reshape(2, 2)), Right: txt(right)}
			},
		},
		{
			ID: "conv-is-cross-correlation", Seed: "C1", InSeed: true, Lang: "tex",
			Title: "Calling cross-correlation \"convolution\" without saying so",
			Wrong: `(x * w)(i,j) = \sum_{u}\sum_{v} x(i+u,\; j+v)\, w(u,v) \quad \text{(named convolution)}`,
			Right: `\begin{aligned}
(x \star w)(i,j) &= \sum_{u}\sum_{v} x(i+u,\; j+v)\, w(u,v) && \text{cross-correlation: what nn.Conv2d computes} \\
(x * w)(i,j) &= \sum_{u}\sum_{v} x(i-u,\; j-v)\, w(u,v) && \text{convolution: the kernel is flipped}
\end{aligned}`,
			Why: "Deep-learning \"convolution\" does not flip the kernel; true convolution does, and the two differ unless the kernel is symmetric under a 180° turn.",
			Notes: []string{
				"For learned kernels the difference does not matter (the network learns the flipped kernel), but hand-made kernels and textbook results do.",
			},
			Source: conv2dDocs + " (\"⋆ is the valid 2D cross-correlation operator\"); d2l §7.2.1",
			Demo: func() Demo {
				x, w := demoInput()
				return Demo{
					Input: "x = 0..8 (3×3), w = [[0 1] [2 3]]",
					Wrong: "true convolution (flipped kernel) " + txt(TrueConv2D(x, w, nil, Conv2DOpts{}).Reshape(2, 2)) + " is not what nn.Conv2d gives",
					Right: "cross-correlation, = F.conv2d " + txt(Conv2D(x, w, nil, Conv2DOpts{}).Reshape(2, 2)),
				}
			},
		},
		{
			ID: "conv-channel-sum", Seed: "C1", InSeed: true, Lang: "tex",
			Title:  "No sum over input channels",
			Wrong:  `y(i,j) = b + \sum_{u}\sum_{v} x(i+u,\; j+v)\, w(u,v)`,
			Right:  `y_o(i,j) = b_o + \sum_{c=0}^{C-1}\sum_{u}\sum_{v} x_c(i+u,\; j+v)\, w_{o,c}(u,v)`,
			Why:    "Each output channel o sums over every input channel c (of its group); filtering channels separately is a different layer (depthwise, groups = C).",
			Source: conv2dDocs + " (out = bias + Σ_k weight ⋆ input); d2l §7.4",
			Demo: func() Demo {
				x := New(2, 3, 3)
				copy(x.Data, Arange(3, 3).Data) // channel 0: 0..8
				for k := 9; k < 18; k++ {
					x.Data[k] = 1 // channel 1: all ones
				}
				w := FromData([]float64{1, 1, 1, 1, 1, 1, 1, 1}, 1, 2, 2, 2) // 2×2 ones on both channels
				wrong := Conv2D(x.Sub(0).Reshape(1, 3, 3), w.Sub(0).Sub(0).Reshape(1, 1, 2, 2), nil, Conv2DOpts{})
				right := Conv2D(x, w, nil, Conv2DOpts{})
				return Demo{
					Input: "channel 0 = 0..8, channel 1 = ones (2×3×3); w = 2×2 ones on both channels",
					Wrong: "channel 0 only " + txt(wrong.Reshape(2, 2)),
					Right: "summed over c " + txt(right.Reshape(2, 2)),
				}
			},
		},
		{
			ID: "conv-bias-per-channel", Seed: "C1", InSeed: true, Lang: "tex",
			Title:  "One scalar bias, or none, instead of one per output channel",
			Wrong:  `y(i,j) = \sum_{c}\sum_{u}\sum_{v} x_c(i+u,\; j+v)\, w_{o,c}(u,v) + b`,
			Right:  `y_o(i,j) = b_o + \sum_{c}\sum_{u}\sum_{v} x_c(i+u,\; j+v)\, w_{o,c}(u,v)`,
			Why:    "nn.Conv2d has one bias per output channel (shape (O)), added once at every position of that channel's map.",
			Source: conv2dDocs + " (bias: (out_channels))",
			Demo: func() Demo {
				x, w1 := demoInput()
				w := Stack(w1.Sub(0), w1.Sub(0)) // two output channels, same kernel
				wrong := Conv2D(x, w, nil, Conv2DOpts{})
				right := Conv2D(x, w, []float64{1, -1}, Conv2DOpts{})
				return Demo{
					Input: "x = 0..8, two output channels with kernel [[0 1] [2 3]], b = (1, −1)",
					Wrong: "bias forgotten " + txt(wrong),
					Right: "b_o per channel " + txt(right),
				}
			},
		},
		{
			ID: "conv-no-padding-stride", Seed: "C1", InSeed: true, Lang: "tex",
			Title:  "No padding, stride or dilation in the formula",
			Wrong:  `y(i,j) = b + \sum_{u}\sum_{v} x(i+u,\; j+v)\, w(u,v)`,
			Right:  `y_o(i,j) = b_o + \sum_{c}\sum_{u}\sum_{v} w_{o,c}(u,v)\, \tilde{x}_c(s\,i + d\,u,\; s\,j + d\,v), \quad \tilde{x} = x \text{ zero-padded by } p`,
			Why:    "Real layers pad, stride and dilate (the seed's own CNN uses padding=1), and without them the formula cannot say which inputs an output reads or why 32×32 stays 32×32.",
			Source: conv2dDocs,
			Demo: func() Demo {
				x := Arange(1, 4, 4)
				w := FromData([]float64{1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 3, 3)
				wrong := Conv2D(x, w, nil, Conv2DOpts{})
				right := Conv2D(x, w, nil, Conv2DOpts{Padding: [2]int{1, 1}})
				return Demo{
					Input: "x = 0..15 (4×4), w = 3×3 ones, as Conv2d(1, 1, 3, padding=1)",
					Wrong: fmt.Sprintf("no padding: %d×%d %s", wrong.Shape[1], wrong.Shape[2], txt(wrong.Reshape(2, 2))),
					Right: fmt.Sprintf("padding 1: %d×%d, first row %s", right.Shape[1], right.Shape[2], txt(right.Sub(0).Sub(0))),
				}
			},
		},
		{
			ID: "conv-output-size", Seed: "C1", InSeed: true, Lang: "tex",
			Title:  "Output size missing, or off by one",
			Wrong:  `H' = \frac{H - k}{s} \qquad \text{(or no output size at all)}`,
			Right:  `H' = \left\lfloor \frac{H + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1`,
			Why:    "Counting window positions needs the +1 (a 3-tap kernel fits 3 times in 5) and the floor; d(k−1)+1 is the dilated kernel's span.",
			Source: conv2dDocs + " (Shape)",
			Demo: func() Demo {
				return Demo{
					Input: "(H, k, s, p) = (5, 3, 1, 0) and (32, 3, 2, 1)",
					Wrong: fmt.Sprintf("(H−k)/s = %g and %g", float64(5-3)/1, float64(32-3)/2),
					Right: fmt.Sprintf("%d and %d", ConvOutputSize(5, 3, 1, 0, 1), ConvOutputSize(32, 3, 2, 1, 1)),
				}
			},
		},
	}
}
