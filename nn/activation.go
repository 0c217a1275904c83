package nn

import (
	"math"
	"strconv"
)

// elementwise holds what ReLU, Tanh and Sigmoid share.
type elementwise struct {
	noParams
	y *Tensor // output of the latest Forward
}

// OutShape returns the input shape.
func (l *elementwise) OutShape(in []int) []int { return cloneInts(in) }

func (l *elementwise) backward(op string, gradOut *Tensor, dydx func(y float64) float64) *Tensor {
	checkBackward(op, l.y, gradOut, l.OutShape)
	gx := New(gradOut.Shape...)
	for i, g := range gradOut.Data {
		gx.Data[i] = g * dydx(l.y.Data[i])
	}
	checkFiniteOp(op, "input gradient", gx)
	return gx
}

// ReLU is max(0, x) element by element. Its gradient is 1 where the output
// is positive and 0 elsewhere (0 at x = 0, as in PyTorch).
type ReLU struct{ elementwise }

// NewReLU returns a ReLU.
func NewReLU() *ReLU { return &ReLU{} }

// Forward returns max(0, x).
func (l *ReLU) Forward(x *Tensor) *Tensor {
	checkTensor("ReLU.Forward", "input", x)
	y := New(x.Shape...)
	for i, v := range x.Data {
		y.Data[i] = max(v, 0) // NaN stays NaN; −0 gives 0; no branch to mispredict
	}
	l.y = y
	return y
}

// Backward passes the gradient where the output was positive.
func (l *ReLU) Backward(gradOut *Tensor) *Tensor {
	const op = "ReLU.Backward"
	checkBackward(op, l.y, gradOut, l.OutShape)
	gx := New(gradOut.Shape...)
	y := l.y.Data[:len(gradOut.Data)]
	for i, g := range gradOut.Data {
		gx.Data[i] = g * float64(b2i(y[i] > 0)) // g·1 or g·0 as before, without a branch or a call
	}
	checkFiniteOp(op, "input gradient", gx)
	return gx
}

// Tanh is tanh(x) element by element; its gradient is 1 − y².
type Tanh struct{ elementwise }

// NewTanh returns a Tanh.
func NewTanh() *Tanh { return &Tanh{} }

// Forward returns tanh(x).
func (l *Tanh) Forward(x *Tensor) *Tensor {
	checkTensor("Tanh.Forward", "input", x)
	y := New(x.Shape...)
	vtanh(y.Data, x.Data)
	l.y = y
	return y
}

// Backward multiplies the gradient by 1 − y².
func (l *Tanh) Backward(gradOut *Tensor) *Tensor {
	return l.backward("Tanh.Backward", gradOut, func(y float64) float64 { return 1 - y*y })
}

// Sigmoid is σ(x) = 1/(1 + e^(−x)) element by element; its gradient is
// y(1 − y).
type Sigmoid struct{ elementwise }

// NewSigmoid returns a Sigmoid.
func NewSigmoid() *Sigmoid { return &Sigmoid{} }

// Forward returns σ(x).
func (l *Sigmoid) Forward(x *Tensor) *Tensor {
	checkTensor("Sigmoid.Forward", "input", x)
	y := New(x.Shape...)
	vsigmoid(y.Data, x.Data)
	l.y = y
	return y
}

// Backward multiplies the gradient by y(1 − y).
func (l *Sigmoid) Backward(gradOut *Tensor) *Tensor {
	return l.backward("Sigmoid.Backward", gradOut, func(y float64) float64 { return y * (1 - y) })
}

// Softmax is PyTorch's nn.Softmax(dim): along dimension Dim,
//
//	y_i = exp(x_i − m) / Σ_j exp(x_j − m),  m = max_j x_j,
//
// so every slice along Dim sums to 1 (subtracting m changes nothing but
// keeps exp from overflowing). A slice that is all −Inf gives NaN, as in
// PyTorch.
type Softmax struct {
	noParams
	Dim int // may be negative: −1 is the last dimension
	y   *Tensor
}

// NewSoftmax returns Softmax over dimension dim (−1 for the last).
func NewSoftmax(dim int) *Softmax { return &Softmax{Dim: dim} }

// OutShape returns the input shape.
func (l *Softmax) OutShape(in []int) []int {
	(&Tensor{Shape: in}).axis("Softmax.Forward", l.Dim)
	return cloneInts(in)
}

// Forward returns the softmax of x along Dim.
func (l *Softmax) Forward(x *Tensor) *Tensor {
	checkTensor("Softmax.Forward", "input", x)
	y := New(l.OutShape(x.Shape)...)
	forEachSlice(x, l.Dim, func(src, dst []float64, stride int) { softmaxSlice(src, dst, stride, false) }, y)
	l.y = y
	checkFiniteOp("Softmax.Forward", "output", y)
	return y
}

// Backward returns y ⊙ (g − Σ_j g_j y_j) along Dim.
func (l *Softmax) Backward(gradOut *Tensor) *Tensor {
	checkBackward("Softmax.Backward", l.y, gradOut, l.OutShape)
	gx := New(gradOut.Shape...)
	forEachSlice3(l.y, gradOut, gx, l.Dim, func(y, g, dst []float64, n, stride int) {
		dot := 0.0
		for k := 0; k < n; k++ {
			dot += g[k*stride] * y[k*stride]
		}
		for k := 0; k < n; k++ {
			dst[k*stride] = y[k*stride] * (g[k*stride] - dot)
		}
	})
	return gx
}

// LogSoftmax is PyTorch's nn.LogSoftmax(dim): along Dim,
//
//	y_i = x_i − m − log Σ_j exp(x_j − m),  m = max_j x_j.
type LogSoftmax struct {
	noParams
	Dim int // may be negative: −1 is the last dimension
	y   *Tensor
}

// NewLogSoftmax returns LogSoftmax over dimension dim (−1 for the last).
func NewLogSoftmax(dim int) *LogSoftmax { return &LogSoftmax{Dim: dim} }

// OutShape returns the input shape.
func (l *LogSoftmax) OutShape(in []int) []int {
	(&Tensor{Shape: in}).axis("LogSoftmax.Forward", l.Dim)
	return cloneInts(in)
}

// Forward returns the log-softmax of x along Dim.
func (l *LogSoftmax) Forward(x *Tensor) *Tensor {
	checkTensor("LogSoftmax.Forward", "input", x)
	y := New(l.OutShape(x.Shape)...)
	forEachSlice(x, l.Dim, func(src, dst []float64, stride int) { softmaxSlice(src, dst, stride, true) }, y)
	l.y = y
	checkFiniteOp("LogSoftmax.Forward", "output", y)
	return y
}

// Backward returns g − exp(y) Σ_j g_j along Dim.
func (l *LogSoftmax) Backward(gradOut *Tensor) *Tensor {
	checkBackward("LogSoftmax.Backward", l.y, gradOut, l.OutShape)
	gx := New(gradOut.Shape...)
	forEachSlice3(l.y, gradOut, gx, l.Dim, func(y, g, dst []float64, n, stride int) {
		s := 0.0
		for k := 0; k < n; k++ {
			s += g[k*stride]
		}
		for k := 0; k < n; k++ {
			dst[k*stride] = g[k*stride] - math.Exp(y[k*stride])*s
		}
	})
	return gx
}

// split returns (outer, n, inner) for a reduction over dimension d.
func split(shape []int, d int) (outer, n, inner int) {
	outer, inner = 1, 1
	for i, s := range shape {
		switch {
		case i < d:
			outer *= s
		case i > d:
			inner *= s
		}
	}
	return outer, shape[d], inner
}

// forEachSlice calls f on every slice of x along dim (and the matching
// slice of out); elements of a slice are stride apart.
func forEachSlice(x *Tensor, dim int, f func(src, dst []float64, stride int), out *Tensor) {
	d := x.axis("softmax", dim)
	outer, n, inner := split(x.Shape, d)
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			base := o*n*inner + i
			end := base + (n-1)*inner + 1
			f(x.Data[base:end], out.Data[base:end], inner)
		}
	}
}

func forEachSlice3(a, b, out *Tensor, dim int, f func(a, b, dst []float64, n, stride int)) {
	d := a.axis("softmax", dim)
	outer, n, inner := split(a.Shape, d)
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			base := o*n*inner + i
			end := base + (n-1)*inner + 1
			f(a.Data[base:end], b.Data[base:end], out.Data[base:end], n, inner)
		}
	}
}

// softmaxSlice writes the softmax (or log-softmax) of the strided slice src.
func softmaxSlice(src, dst []float64, stride int, logOut bool) {
	if stride == 1 {
		softmaxRow(src, dst, logOut)
		return
	}
	n := (len(src)-1)/stride + 1
	row := make([]float64, n)
	for k := range row {
		row[k] = src[k*stride]
	}
	softmaxRow(row, row, logOut)
	for k, v := range row {
		dst[k*stride] = v
	}
}

// softmaxRow writes the softmax (or log-softmax) of the contiguous row x
// into y (which may be x).
func softmaxRow(x, y []float64, logOut bool) {
	vsoftmax(y, x, logOut)
}

// String describes the layer like PyTorch's repr.
func (l *Softmax) String() string { return "Softmax(dim=" + strconv.Itoa(l.Dim) + ")" }

// String describes the layer like PyTorch's repr.
func (l *LogSoftmax) String() string { return "LogSoftmax(dim=" + strconv.Itoa(l.Dim) + ")" }
