package nn

import "fmt"

// Conv2d is PyTorch's nn.Conv2d: a 2-D cross-correlation over input
// channels, with stride, zero padding, dilation, groups and an optional
// bias. For input x of shape (N, C, H, W) (or unbatched (C, H, W)):
//
//	out[n, o, i, j] = bias[o] + Σ_c Σ_u Σ_v weight[o, c, u, v] · x[n, g·C/G + c, s·i − p + d·u, s·j − p + d·v]
//
// where g = o / (O/G) is the output channel's group and c runs over the
// C/G channels of that group; positions outside the input read 0. The
// output has
//
//	H_out = ⌊(H + 2·padding − dilation·(KH − 1) − 1) / stride⌋ + 1
//
// rows (and likewise columns). Weight has PyTorch's layout
// (O, C/groups, KH, KW), so a state dict's "conv1.weight" loads as is.
// It is computed as im2col followed by one matrix product per image and
// group.
type Conv2d struct {
	mode
	InChannels, OutChannels int     // C and O
	KernelSize              [2]int  // (KH, KW)
	Stride                  [2]int  // (height, width), default 1
	Padding                 [2]int  // zeros on each side, default 0
	Dilation                [2]int  // spacing of kernel taps, default 1
	Groups                  int     // channel groups, default 1
	Weight                  *Tensor // (O, C/groups, KH, KW), "weight"
	Bias                    *Tensor // (O), "bias"; nil with Bias(false)
	WeightGrad, BiasGrad    *Tensor // gradients accumulated by Backward

	x    *Tensor   // input of the latest Forward
	col  []float64 // im2col scratch
	dcol []float64 // its gradient, in Backward
}

// NewConv2d returns Conv2d(in, out, kernel) with PyTorch's defaults
// (stride 1, padding 0, dilation 1, groups 1, bias) and PyTorch's default
// initialisation: weight and bias uniform in ±1/√(C/groups·KH·KW), drawn
// from nn's seeded source. The kernel is kernel×kernel unless the option
// KernelSize(kh, kw) gives a rectangle. Options: KernelSize, Stride,
// Padding, Dilation, Groups, Bias.
func NewConv2d(in, out, kernel int, opts ...Option) *Conv2d {
	const op = "NewConv2d"
	c := newConfig(op, []string{"KernelSize", "Stride", "Padding", "Dilation", "Groups", "Bias"}, opts)
	k := optOr(c.kernel, []int{kernel, kernel})
	s, p, d := optOr(c.stride, []int{1, 1}), optOr(c.padding, []int{0, 0}), optOr(c.dilation, []int{1, 1})
	positive(op, "in_channels and out_channels", in, out)
	positive(op, "kernel size", k...)
	positive(op, "stride", s...)
	nonNegative(op, "padding", p...)
	positive(op, "dilation", d...)
	positive(op, "groups", c.groups)
	if in%c.groups != 0 || out%c.groups != 0 {
		failf(op, "in_channels and out_channels divisible by groups", "in %d, out %d, groups %d", in, out, c.groups)
	}
	l := &Conv2d{InChannels: in, OutChannels: out, Groups: c.groups,
		KernelSize: [2]int{k[0], k[1]}, Stride: [2]int{s[0], s[1]},
		Padding: [2]int{p[0], p[1]}, Dilation: [2]int{d[0], d[1]}}
	bound := kaimingBound(in / c.groups * k[0] * k[1])
	l.Weight = uniformParam(bound, out, in/c.groups, k[0], k[1])
	l.WeightGrad = New(l.Weight.Shape...)
	if c.bias {
		l.Bias = uniformParam(bound, out)
		l.BiasGrad = New(out)
	}
	return l
}

// Parameters returns "weight" and, if present, "bias".
func (l *Conv2d) Parameters() []Param {
	ps := []Param{{"weight", l.Weight, l.WeightGrad}}
	if l.Bias != nil {
		ps = append(ps, Param{"bias", l.Bias, l.BiasGrad})
	}
	return ps
}

// String describes the layer like PyTorch's repr.
func (l *Conv2d) String() string {
	s := fmt.Sprintf("Conv2d(%d, %d, kernel_size=%s, stride=%s", l.InChannels, l.OutChannels, fmtPair(l.KernelSize[:]), fmtPair(l.Stride[:]))
	if l.Padding != [2]int{} {
		s += ", padding=" + fmtPair(l.Padding[:])
	}
	if l.Dilation != [2]int{1, 1} {
		s += ", dilation=" + fmtPair(l.Dilation[:])
	}
	if l.Groups != 1 {
		s += fmt.Sprintf(", groups=%d", l.Groups)
	}
	if l.Bias == nil {
		s += ", bias=False"
	}
	return s + ")"
}

// geom is the geometry of a 2-D sliding window over one C×H×W image.
type geom struct {
	C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OH, OW int
}

// windowOut is the output size ⌊(in + 2p − d(k−1) − 1)/s⌋ + 1, which may be
// ≤ 0 when the window does not fit.
func windowOut(in, k, s, p, d int) int {
	n := in + 2*p - d*(k-1) - 1
	if n < 0 {
		return 0
	}
	return n/s + 1
}

// spatial splits a 4-D (N, C, H, W) or 3-D (C, H, W) shape.
func spatial(op string, in []int, what string) (n, c, h, w int, batched bool) {
	switch len(in) {
	case 4:
		return in[0], in[1], in[2], in[3], true
	case 3:
		return 1, in[0], in[1], in[2], false
	}
	failHint(op, what+" of shape (N, C, H, W) or (C, H, W)", fmtShape(in), dimsHint(in))
	return
}

func dimsHint(in []int) string {
	if len(in) == 2 {
		return "a 2-D input looks like flattened features or one grey image; an image batch is (N, C, H, W): Reshape(1, 1, H, W) for one grey image"
	}
	return ""
}

// OutShape returns (N, O, H_out, W_out) for an input shape (N, C, H, W).
func (l *Conv2d) OutShape(in []int) []int {
	const op = "Conv2d.Forward"
	n, c, h, w, batched := spatial(op, in, "input")
	if c != l.InChannels {
		hint := ""
		if in[len(in)-1] == l.InChannels {
			hint = "the channels look last (N, H, W, C); nn, like PyTorch, wants (N, C, H, W): use Permute(0, 3, 1, 2)"
		}
		failHint(op, fmt.Sprintf("input (N, %d, H, W) with %d channels", l.InChannels, l.InChannels), fmtShape(in), hint)
	}
	g := l.geom(c, h, w)
	if g.OH < 1 || g.OW < 1 {
		failf(op, fmt.Sprintf("an input at least as large as the dilated kernel %d×%d after padding %s",
			l.Dilation[0]*(l.KernelSize[0]-1)+1, l.Dilation[1]*(l.KernelSize[1]-1)+1, fmtPair(l.Padding[:])),
			"%d×%d (output would be %d×%d)", h, w, g.OH, g.OW)
	}
	if !batched {
		return []int{l.OutChannels, g.OH, g.OW}
	}
	return []int{n, l.OutChannels, g.OH, g.OW}
}

func (l *Conv2d) geom(c, h, w int) geom {
	g := geom{C: c / l.Groups, H: h, W: w, KH: l.KernelSize[0], KW: l.KernelSize[1],
		SH: l.Stride[0], SW: l.Stride[1], PH: l.Padding[0], PW: l.Padding[1],
		DH: l.Dilation[0], DW: l.Dilation[1]}
	g.OH = windowOut(h, g.KH, g.SH, g.PH, g.DH)
	g.OW = windowOut(w, g.KW, g.SW, g.PW, g.DW)
	return g
}

// Forward returns the convolution of x (N, C, H, W) or (C, H, W).
func (l *Conv2d) Forward(x *Tensor) *Tensor {
	const op = "Conv2d.Forward"
	checkTensor(op, "input", x)
	out := New(l.OutShape(x.Shape)...)
	n, c, h, w, _ := spatial(op, x.Shape, "input")
	g := l.geom(c, h, w)
	G, Og := l.Groups, l.OutChannels/l.Groups
	rows, ohw := g.C*g.KH*g.KW, g.OH*g.OW
	l.col = grow(l.col, rows*ohw)
	for i := 0; i < n; i++ {
		for gr := 0; gr < G; gr++ {
			xg := x.Data[(i*c+gr*g.C)*h*w : (i*c+(gr+1)*g.C)*h*w]
			g.im2col(xg, l.col)
			og := out.Data[(i*l.OutChannels+gr*Og)*ohw : (i*l.OutChannels+(gr+1)*Og)*ohw]
			gemm(false, false, Og, ohw, rows, 1, l.Weight.Data[gr*Og*rows:], rows, l.col, ohw, 0, og, ohw)
		}
		if l.Bias != nil {
			for o := 0; o < l.OutChannels; o++ {
				plane := out.Data[(i*l.OutChannels+o)*ohw : (i*l.OutChannels+o+1)*ohw]
				for j := range plane {
					plane[j] += l.Bias.Data[o]
				}
			}
		}
	}
	l.x = x
	checkFiniteOp(op, "output", out)
	return out
}

// Backward adds dL/dweight and dL/dbias into WeightGrad and BiasGrad and
// returns dL/dx for the input of the latest Forward.
func (l *Conv2d) Backward(gradOut *Tensor) *Tensor {
	const op = "Conv2d.Backward"
	x := l.x
	checkBackward(op, x, gradOut, l.OutShape)
	n, c, h, w, _ := spatial(op, x.Shape, "input")
	g := l.geom(c, h, w)
	G, Og := l.Groups, l.OutChannels/l.Groups
	rows, ohw := g.C*g.KH*g.KW, g.OH*g.OW
	gx := New(x.Shape...)
	l.col = grow(l.col, rows*ohw)
	l.dcol = grow(l.dcol, rows*ohw)
	dcol := l.dcol
	for i := 0; i < n; i++ {
		for gr := 0; gr < G; gr++ {
			xg := x.Data[(i*c+gr*g.C)*h*w : (i*c+(gr+1)*g.C)*h*w]
			g.im2col(xg, l.col)
			gog := gradOut.Data[(i*l.OutChannels+gr*Og)*ohw : (i*l.OutChannels+(gr+1)*Og)*ohw]
			gemm(false, true, Og, rows, ohw, 1, gog, ohw, l.col, ohw, 1, l.WeightGrad.Data[gr*Og*rows:], rows)
			gemm(true, false, rows, ohw, Og, 1, l.Weight.Data[gr*Og*rows:], rows, gog, ohw, 0, dcol, ohw)
			g.col2im(dcol, gx.Data[(i*c+gr*g.C)*h*w:(i*c+(gr+1)*g.C)*h*w])
		}
		if l.Bias != nil {
			for o := 0; o < l.OutChannels; o++ {
				s := 0.0
				for _, v := range gradOut.Data[(i*l.OutChannels+o)*ohw : (i*l.OutChannels+o+1)*ohw] {
					s += v
				}
				l.BiasGrad.Data[o] += s
			}
		}
	}
	checkFiniteOp(op, "input gradient", gx)
	return gx
}

// checkBackward panics unless a Forward came first and gradOut has the
// shape of that Forward's output.
func checkBackward(op string, x, gradOut *Tensor, outShape func([]int) []int) {
	if x == nil {
		fail(op, "a Forward call before Backward", "no cached input")
	}
	checkTensor(op, "gradient of the output", gradOut)
	want := outShape(x.Shape)
	if !sameShape(want, gradOut.Shape) {
		failf(op, "a gradient shaped like the output "+fmtShape(want), "%s", fmtShape(gradOut.Shape))
	}
}

// grow returns s resized to n, reallocating only when too small.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// im2col writes the (C·KH·KW) × (OH·OW) patch matrix of one C×H×W image:
// row (c, u, v), column (i, j) holds x[c, SH·i − PH + DH·u, SW·j − PW + DW·v],
// or 0 outside the image.
func (g *geom) im2col(x, col []float64) {
	ohw := g.OH * g.OW
	for c := 0; c < g.C; c++ {
		img := x[c*g.H*g.W : (c+1)*g.H*g.W]
		for u := 0; u < g.KH; u++ {
			for v := 0; v < g.KW; v++ {
				row := col[((c*g.KH+u)*g.KW+v)*ohw:][:ohw]
				lo, hi := g.validCols(v)
				for i := 0; i < g.OH; i++ {
					dst := row[i*g.OW : (i+1)*g.OW]
					ih := i*g.SH - g.PH + u*g.DH
					if ih < 0 || ih >= g.H {
						clear(dst)
						continue
					}
					src := img[ih*g.W : (ih+1)*g.W]
					clear(dst[:lo])
					clear(dst[hi:])
					iw := lo*g.SW - g.PW + v*g.DW
					if g.SW == 1 {
						copy(dst[lo:hi], src[iw:])
						continue
					}
					for j := lo; j < hi; j, iw = j+1, iw+g.SW {
						dst[j] = src[iw]
					}
				}
			}
		}
	}
}

// col2im adds a patch matrix back onto the image it came from (the
// adjoint of im2col).
func (g *geom) col2im(col, x []float64) {
	ohw := g.OH * g.OW
	for c := 0; c < g.C; c++ {
		img := x[c*g.H*g.W : (c+1)*g.H*g.W]
		for u := 0; u < g.KH; u++ {
			for v := 0; v < g.KW; v++ {
				row := col[((c*g.KH+u)*g.KW+v)*ohw:][:ohw]
				lo, hi := g.validCols(v)
				for i := 0; i < g.OH; i++ {
					ih := i*g.SH - g.PH + u*g.DH
					if ih < 0 || ih >= g.H {
						continue
					}
					src := row[i*g.OW : (i+1)*g.OW]
					dst := img[ih*g.W : (ih+1)*g.W]
					iw := lo*g.SW - g.PW + v*g.DW
					for j := lo; j < hi; j, iw = j+1, iw+g.SW {
						dst[iw] += src[j]
					}
				}
			}
		}
	}
}

// validCols returns the output columns [lo, hi) whose input column for
// kernel tap v lies inside the image.
func (g *geom) validCols(v int) (lo, hi int) {
	off := v*g.DW - g.PW // input column of output column 0
	lo = 0
	if off < 0 {
		lo = (-off + g.SW - 1) / g.SW
	}
	hi = 0
	if g.W-1-off >= 0 {
		hi = (g.W-1-off)/g.SW + 1
	}
	lo, hi = min(lo, g.OW), min(hi, g.OW)
	if hi < lo {
		hi = lo
	}
	return lo, hi
}
