package nn

import (
	"fmt"
	"math"
)

// pool2d holds what MaxPool2d and AvgPool2d share: the window geometry and
// PyTorch's checks and output-size rule.
type pool2d struct {
	noParams
	KernelSize [2]int // (KH, KW)
	Stride     [2]int // default: the kernel size
	Padding    [2]int // at most half the kernel, PyTorch's rule
	Dilation   [2]int // MaxPool2d only; 1 for AvgPool2d
	CeilMode   bool   // round the output size up

	inShape []int // input shape of the latest Forward
}

func newPool2d(op string, kernel int, c *config) pool2d {
	k := optOr(c.kernel, []int{kernel, kernel})
	s, p, d := optOr(c.stride, k), optOr(c.padding, []int{0, 0}), optOr(c.dilation, []int{1, 1})
	positive(op, "kernel size", k...)
	positive(op, "stride", s...)
	nonNegative(op, "padding", p...)
	positive(op, "dilation", d...)
	if p[0] > k[0]/2 || p[1] > k[1]/2 {
		fail(op, fmt.Sprintf("padding at most half the kernel (%s for kernel %s; PyTorch's rule)", fmtPair([]int{k[0] / 2, k[1] / 2}), fmtPair(k)), fmtPair(p))
	}
	return pool2d{KernelSize: [2]int{k[0], k[1]}, Stride: [2]int{s[0], s[1]},
		Padding: [2]int{p[0], p[1]}, Dilation: [2]int{d[0], d[1]}, CeilMode: c.ceilMode}
}

// poolOut is PyTorch's pooling_output_shape.
func poolOut(in, k, s, p, d int, ceil bool) int {
	num := in + 2*p - d*(k-1) - 1
	if ceil {
		num += s - 1
	}
	out := floorDiv(num, s) + 1
	if ceil && (out-1)*s >= in+p {
		out--
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func (l *pool2d) geom(c, h, w int) geom {
	g := geom{C: c, H: h, W: w, KH: l.KernelSize[0], KW: l.KernelSize[1],
		SH: l.Stride[0], SW: l.Stride[1], PH: l.Padding[0], PW: l.Padding[1],
		DH: l.Dilation[0], DW: l.Dilation[1]}
	g.OH = poolOut(h, g.KH, g.SH, g.PH, g.DH, l.CeilMode)
	g.OW = poolOut(w, g.KW, g.SW, g.PW, g.DW, l.CeilMode)
	return g
}

func (l *pool2d) outShape(op string, in []int) []int {
	n, c, h, w, batched := spatial(op, in, "input")
	g := l.geom(c, h, w)
	if g.OH < 1 || g.OW < 1 {
		failf(op, fmt.Sprintf("an input large enough for the %d×%d window after padding %s",
			l.Dilation[0]*(l.KernelSize[0]-1)+1, l.Dilation[1]*(l.KernelSize[1]-1)+1, fmtPair(l.Padding[:])),
			"%d×%d (output would be %d×%d)", h, w, g.OH, g.OW)
	}
	if !batched {
		return []int{c, g.OH, g.OW}
	}
	return []int{n, c, g.OH, g.OW}
}

// window returns the input rows (or columns) [lo, hi) visited with step d
// by output position i, clipped to the input; lo is on the dilation grid.
func window(i, s, p, k, d, size int) (lo, hi int) {
	start := i*s - p
	lo = start
	for lo < 0 {
		lo += d
	}
	hi = min(start+(k-1)*d+1, size)
	return lo, hi
}

// MaxPool2d is PyTorch's nn.MaxPool2d: the maximum over each window, with
// stride (default: the kernel size), padding (−∞, at most half the
// kernel), dilation and ceil mode. Input (N, C, H, W) or (C, H, W).
type MaxPool2d struct {
	pool2d
	// Indices holds, for each output element of the latest Forward (in
	// output order), the flat index h·W + w within its input plane of the
	// maximum that was taken, like PyTorch's return_indices=True. On ties
	// the first maximum wins; a NaN always wins.
	Indices []int
}

// NewMaxPool2d returns MaxPool2d(kernel). Options: KernelSize, Stride,
// Padding, Dilation, CeilMode.
func NewMaxPool2d(kernel int, opts ...Option) *MaxPool2d {
	const op = "NewMaxPool2d"
	c := newConfig(op, []string{"KernelSize", "Stride", "Padding", "Dilation", "CeilMode"}, opts)
	return &MaxPool2d{pool2d: newPool2d(op, kernel, c)}
}

// String describes the layer like PyTorch's repr.
func (l *MaxPool2d) String() string {
	return fmt.Sprintf("MaxPool2d(kernel_size=%s, stride=%s, padding=%s, dilation=%s, ceil_mode=%v)",
		fmtPair(l.KernelSize[:]), fmtPair(l.Stride[:]), fmtPair(l.Padding[:]), fmtPair(l.Dilation[:]), l.CeilMode)
}

// OutShape returns (N, C, H_out, W_out).
func (l *MaxPool2d) OutShape(in []int) []int { return l.outShape("MaxPool2d.Forward", in) }

// Forward returns the window maxima of x.
func (l *MaxPool2d) Forward(x *Tensor) *Tensor {
	const op = "MaxPool2d.Forward"
	checkTensor(op, "input", x)
	out := New(l.OutShape(x.Shape)...)
	n, c, h, w, _ := spatial(op, x.Shape, "input")
	g := l.geom(c, h, w)
	if cap(l.Indices) < len(out.Data) {
		l.Indices = make([]int, len(out.Data))
	}
	l.Indices = l.Indices[:len(out.Data)]
	if g.KH == 2 && g.KW == 2 && g.SH == 2 && g.SW == 2 && g.PH == 0 && g.PW == 0 && g.DH == 1 && g.DW == 1 && 2*g.OH <= h && 2*g.OW <= w {
		maxPool2x2(x.Data, out.Data, l.Indices, n*c, h, w, g.OH, g.OW)
		l.inShape = cloneInts(x.Shape)
		checkFiniteOp(op, "output", out)
		return out
	}
	o := 0
	for p := 0; p < n*c; p++ {
		plane := x.Data[p*h*w : (p+1)*h*w]
		for i := 0; i < g.OH; i++ {
			h0, h1 := window(i, g.SH, g.PH, g.KH, g.DH, h)
			for j := 0; j < g.OW; j++ {
				w0, w1 := window(j, g.SW, g.PW, g.KW, g.DW, w)
				// As PyTorch: start from −∞ at the first tap; a larger value
				// or a NaN replaces it.
				best, arg := math.Inf(-1), -1
				if h0 < h1 && w0 < w1 {
					arg = h0*w + w0
				}
				for ih := h0; ih < h1; ih += g.DH {
					row := plane[ih*w : (ih+1)*w]
					for iw := w0; iw < w1; iw += g.DW {
						if v := row[iw]; v > best || v != v {
							best, arg = v, ih*w+iw
						}
					}
				}
				out.Data[o], l.Indices[o] = best, arg
				o++
			}
		}
	}
	l.inShape = cloneInts(x.Shape)
	checkFiniteOp(op, "output", out)
	return out
}

// Backward routes each output gradient to the input position that was the
// window's maximum.
func (l *MaxPool2d) Backward(gradOut *Tensor) *Tensor {
	const op = "MaxPool2d.Backward"
	var x *Tensor
	if l.inShape != nil {
		x = &Tensor{Shape: l.inShape}
	}
	checkBackward(op, x, gradOut, l.OutShape)
	gx := New(l.inShape...)
	hw := l.inShape[len(l.inShape)-1] * l.inShape[len(l.inShape)-2] // input plane size
	per := len(gradOut.Data) / (len(gx.Data) / hw)                  // output plane size
	for o, gv := range gradOut.Data {
		if idx := l.Indices[o]; idx >= 0 {
			gx.Data[(o/per)*hw+idx] += gv
		}
	}
	return gx
}

// AvgPool2d is PyTorch's nn.AvgPool2d: the mean over each window, with
// stride (default: the kernel size), zero padding (at most half the
// kernel) and ceil mode. By default the divisor counts padded cells
// (CountIncludePad(true)) but never cells beyond the padding that ceil
// mode adds; DivisorOverride fixes it.
type AvgPool2d struct {
	pool2d
	CountIncludePad bool // divide by the whole window, padding included
	DivisorOverride int  // if > 0, divide every window by this instead
}

// NewAvgPool2d returns AvgPool2d(kernel). Options: KernelSize, Stride,
// Padding, CeilMode, CountIncludePad, DivisorOverride.
func NewAvgPool2d(kernel int, opts ...Option) *AvgPool2d {
	const op = "NewAvgPool2d"
	c := newConfig(op, []string{"KernelSize", "Stride", "Padding", "CeilMode", "CountIncludePad", "DivisorOverride"}, opts)
	nonNegative(op, "divisor override", c.divisorOverride)
	return &AvgPool2d{pool2d: newPool2d(op, kernel, c), CountIncludePad: c.countIncludePad, DivisorOverride: c.divisorOverride}
}

// String describes the layer like PyTorch's repr.
func (l *AvgPool2d) String() string {
	return fmt.Sprintf("AvgPool2d(kernel_size=%s, stride=%s, padding=%s)", fmtPair(l.KernelSize[:]), fmtPair(l.Stride[:]), fmtPair(l.Padding[:]))
}

// OutShape returns (N, C, H_out, W_out).
func (l *AvgPool2d) OutShape(in []int) []int { return l.outShape("AvgPool2d.Forward", in) }

// avgWindow returns the clipped window [h0,h1)×[w0,w1) of output (i, j)
// and its divisor, as PyTorch's CPU kernel computes them.
func (l *AvgPool2d) avgWindow(g *geom, i, j int) (h0, h1, w0, w1 int, div float64) {
	h0, w0 = i*g.SH-g.PH, j*g.SW-g.PW
	h1, w1 = min(h0+g.KH, g.H+g.PH), min(w0+g.KW, g.W+g.PW)
	size := (h1 - h0) * (w1 - w0)
	h0, w0, h1, w1 = max(h0, 0), max(w0, 0), min(h1, g.H), min(w1, g.W)
	switch {
	case l.DivisorOverride > 0:
		div = float64(l.DivisorOverride)
	case l.CountIncludePad:
		div = float64(size)
	default:
		div = float64((h1 - h0) * (w1 - w0))
	}
	return
}

// Forward returns the window means of x.
func (l *AvgPool2d) Forward(x *Tensor) *Tensor {
	const op = "AvgPool2d.Forward"
	checkTensor(op, "input", x)
	out := New(l.OutShape(x.Shape)...)
	n, c, h, w, _ := spatial(op, x.Shape, "input")
	g := l.geom(c, h, w)
	if g.KH == 2 && g.KW == 2 && g.SH == 2 && g.SW == 2 && g.PH == 0 && g.PW == 0 && 2*g.OH <= h && 2*g.OW <= w {
		div := 4.0
		if l.DivisorOverride > 0 {
			div = float64(l.DivisorOverride)
		}
		avgPool2x2(x.Data, out.Data, n*c, h, w, g.OH, g.OW, div)
		l.inShape = cloneInts(x.Shape)
		checkFiniteOp(op, "output", out)
		return out
	}
	o := 0
	for p := 0; p < n*c; p++ {
		plane := x.Data[p*h*w : (p+1)*h*w]
		for i := 0; i < g.OH; i++ {
			for j := 0; j < g.OW; j++ {
				h0, h1, w0, w1, div := l.avgWindow(&g, i, j)
				s := 0.0
				for ih := h0; ih < h1; ih++ {
					for _, v := range plane[ih*w+w0 : ih*w+max(w1, w0)] {
						s += v
					}
				}
				if h1 > h0 && w1 > w0 {
					out.Data[o] = s / div
				}
				o++
			}
		}
	}
	l.inShape = cloneInts(x.Shape)
	checkFiniteOp(op, "output", out)
	return out
}

// Backward spreads each output gradient evenly (÷ the divisor) over its
// window's input cells.
func (l *AvgPool2d) Backward(gradOut *Tensor) *Tensor {
	const op = "AvgPool2d.Backward"
	var x *Tensor
	if l.inShape != nil {
		x = &Tensor{Shape: l.inShape}
	}
	checkBackward(op, x, gradOut, l.OutShape)
	gx := New(l.inShape...)
	n, c, h, w, _ := spatial(op, l.inShape, "input")
	g := l.geom(c, h, w)
	o := 0
	for p := 0; p < n*c; p++ {
		plane := gx.Data[p*h*w : (p+1)*h*w]
		for i := 0; i < g.OH; i++ {
			for j := 0; j < g.OW; j++ {
				h0, h1, w0, w1, div := l.avgWindow(&g, i, j)
				gv := gradOut.Data[o] / div
				for ih := h0; ih < h1; ih++ {
					for iw := w0; iw < w1; iw++ {
						plane[ih*w+iw] += gv
					}
				}
				o++
			}
		}
	}
	return gx
}

// maxPool2x2 is MaxPool2d.Forward for 2×2 windows, stride 2, no padding
// or dilation, every window inside the image: the same scan order and the
// same rule (a NaN or a strictly larger value replaces the best so far),
// written without branches, which random data would mispredict.
func maxPool2x2(x, out []float64, idx []int, planes, h, w, oh, ow int) {
	o := 0
	for p := 0; p < planes; p++ {
		plane := x[p*h*w : (p+1)*h*w]
		for i := 0; i < oh; i++ {
			r0 := plane[2*i*w : 2*i*w+w]
			r1 := plane[(2*i+1)*w : (2*i+1)*w+w]
			outRow, idxRow := out[o:o+ow], idx[o:o+ow]
			base := 2 * i * w
			for j := range outRow {
				a, b, c, d := r0[2*j], r0[2*j+1], r1[2*j], r1[2*j+1]
				sb := b2i(b > a) | b2i(b != b)
				best, k := pick(sb, a, b), sb
				sc := b2i(c > best) | b2i(c != c)
				best, k = pick(sc, best, c), k+sc*(w-k)
				sd := b2i(d > best) | b2i(d != d)
				best, k = pick(sd, best, d), k+sd*(w+1-k)
				outRow[j], idxRow[j] = best, base+2*j+k
			}
			o += ow
		}
	}
}

// b2i is 1 for true and 0 for false (compiled to SETcc, no branch).
func b2i(c bool) int {
	if c {
		return 1
	}
	return 0
}

// pick returns y if s is 1 and x if s is 0, without a branch.
func pick(s int, x, y float64) float64 {
	m := -uint64(s)
	return math.Float64frombits(math.Float64bits(y)&m | math.Float64bits(x)&^m)
}

// avgPool2x2 is AvgPool2d.Forward for 2×2 windows, stride 2, no padding,
// every window inside the image; the sum runs in the general loop's order.
func avgPool2x2(x, out []float64, planes, h, w, oh, ow int, div float64) {
	o := 0
	for p := 0; p < planes; p++ {
		plane := x[p*h*w : (p+1)*h*w]
		for i := 0; i < oh; i++ {
			r0 := plane[2*i*w : 2*i*w+w]
			r1 := plane[(2*i+1)*w : (2*i+1)*w+w]
			outRow := out[o : o+ow]
			for j := range outRow {
				s := r0[2*j] + r0[2*j+1]
				s += r1[2*j]
				s += r1[2*j+1]
				outRow[j] = s / div
			}
			o += ow
		}
	}
}
