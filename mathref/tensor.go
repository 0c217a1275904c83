package mathref

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Tensor is the oracle's array: a shape and the values in row-major order
// (the last index varies fastest), exactly like a contiguous PyTorch tensor.
// Element (i0, i1, …, ik) lives at Data[((i0·S1 + i1)·S2 + …)·Sk + ik].
//
// The fields are exported so that another package's tensor converts in one
// line: mathref.Tensor{Shape: t.Shape, Data: t.Data}. A Tensor is a small
// header; copies share Data. The zero Tensor (nil Shape) means "absent" where
// a function documents it (for example an initial hidden state of zeros).
type Tensor struct {
	Shape []int     // sizes of the axes, outermost first
	Data  []float64 // the values in row-major order; len(Data) = product of Shape
}

// New returns a tensor of zeros with the given shape. It panics if a size is
// negative.
func New(shape ...int) Tensor {
	n := numel("New", shape)
	return Tensor{Shape: append([]int(nil), shape...), Data: make([]float64, n)}
}

// FromData returns a tensor with the given values (row-major) and shape. The
// data is used, not copied. It panics if len(data) is not the product of the
// shape.
func FromData(data []float64, shape ...int) Tensor {
	n := numel("FromData", shape)
	if len(data) != n {
		panicf("FromData: shape %s holds %d values, got %d", shapeString(shape), n, len(data))
	}
	return Tensor{Shape: append([]int(nil), shape...), Data: data}
}

// Vector returns the 1-D tensor (len(v)) holding v.
func Vector(v ...float64) Tensor {
	return Tensor{Shape: []int{len(v)}, Data: append([]float64(nil), v...)}
}

// Matrix returns the 2-D tensor holding rows; every row must have the same
// length.
func Matrix(rows [][]float64) Tensor {
	if len(rows) == 0 {
		return New(0, 0)
	}
	t := New(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != len(rows[0]) {
			panicf("Matrix: row 0 has %d values but row %d has %d", len(rows[0]), i, len(r))
		}
		copy(t.Data[i*len(r):], r)
	}
	return t
}

// Arange returns a tensor of the given shape filled with 0, 1, 2, … in
// row-major order: the worked examples' inputs (Arange(3, 3) is the 3×3
// input 0..8).
func Arange(shape ...int) Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = float64(i)
	}
	return t
}

// Uniform returns a tensor of the given shape with values drawn uniformly
// from [lo, hi) by a PCG generator seeded with seed, so the same call gives
// the same numbers on every machine.
func Uniform(seed uint64, lo, hi float64, shape ...int) Tensor {
	t := New(shape...)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*r.Float64()
	}
	return t
}

// Dims returns the number of axes.
func (t Tensor) Dims() int { return len(t.Shape) }

// Len returns the number of values, the product of the shape.
func (t Tensor) Len() int { return len(t.Data) }

// IsZero reports whether t is the zero Tensor (no shape and no data), which
// some functions read as "absent".
func (t Tensor) IsZero() bool { return t.Shape == nil && t.Data == nil }

// offset returns the position of idx in Data, panicking on a wrong number of
// indices or an index out of range.
func (t Tensor) offset(idx []int) int {
	if len(idx) != len(t.Shape) {
		panicf("At/Set: tensor of shape %s needs %d indices, got %d %v", shapeString(t.Shape), len(t.Shape), len(idx), idx)
	}
	off := 0
	for a, i := range idx {
		if i < 0 || i >= t.Shape[a] {
			panicf("At/Set: index %v out of range for shape %s (axis %d)", idx, shapeString(t.Shape), a)
		}
		off = off*t.Shape[a] + i
	}
	return off
}

// At returns the element at the given indices, one per axis.
func (t Tensor) At(idx ...int) float64 { return t.Data[t.offset(idx)] }

// Set stores v at the given indices, one per axis.
func (t Tensor) Set(v float64, idx ...int) { t.Data[t.offset(idx)] = v }

// Clone returns a copy that shares nothing with t.
func (t Tensor) Clone() Tensor {
	return Tensor{Shape: append([]int(nil), t.Shape...), Data: append([]float64(nil), t.Data...)}
}

// Reshape returns a tensor sharing t's data with a new shape of the same
// size. One size may be -1 and is then inferred, as in PyTorch's view.
func (t Tensor) Reshape(shape ...int) Tensor {
	s := append([]int(nil), shape...)
	infer, known := -1, 1
	for a, n := range s {
		switch {
		case n == -1 && infer < 0:
			infer = a
		case n < 0:
			panicf("Reshape: sizes must be ≥ 0 with at most one -1, got %v", shape)
		default:
			known *= n
		}
	}
	if infer >= 0 && known > 0 && len(t.Data)%known == 0 {
		s[infer] = len(t.Data) / known
		known *= s[infer]
	}
	if known != len(t.Data) || (infer >= 0 && s[infer] < 0) {
		panicf("Reshape: shape %v is invalid for a tensor of shape %s (%d values)", shape, shapeString(t.Shape), len(t.Data))
	}
	return Tensor{Shape: s, Data: t.Data}
}

// Sub returns the i-th sub-tensor along the first axis, sharing t's data:
// for t of shape (N, C, H, W), Sub(n) is image n of shape (C, H, W).
func (t Tensor) Sub(i int) Tensor {
	if len(t.Shape) == 0 || i < 0 || i >= t.Shape[0] {
		panicf("Sub: index %d out of range for shape %s", i, shapeString(t.Shape))
	}
	n := len(t.Data) / t.Shape[0]
	return Tensor{Shape: append([]int(nil), t.Shape[1:]...), Data: t.Data[i*n : (i+1)*n : (i+1)*n]}
}

// Stack joins tensors of one shape along a new first axis: k tensors of
// shape S give one of shape (k, S...).
func Stack(ts ...Tensor) Tensor {
	if len(ts) == 0 {
		panicf("Stack: needs at least one tensor")
	}
	out := New(append([]int{len(ts)}, ts[0].Shape...)...)
	n := ts[0].Len()
	for i, t := range ts {
		if !sameShape(t.Shape, ts[0].Shape) {
			panicf("Stack: tensor %d has shape %s, expected %s like tensor 0", i, shapeString(t.Shape), shapeString(ts[0].Shape))
		}
		copy(out.Data[i*n:], t.Data)
	}
	return out
}

// Flip returns a copy of t with its last two axes reversed: w[..., u, v]
// becomes w[..., KH-1-u, KW-1-v]. Cross-correlating with Flip(w) is a true
// convolution with w.
func Flip(t Tensor) Tensor {
	if t.Dims() < 2 {
		panicf("Flip: needs at least 2 axes (…, KH, KW), got shape %s", shapeString(t.Shape))
	}
	kh, kw := t.Shape[t.Dims()-2], t.Shape[t.Dims()-1]
	out := t.Clone()
	for b := 0; b < t.Len()/(kh*kw); b++ {
		for u := 0; u < kh; u++ {
			for v := 0; v < kw; v++ {
				out.Data[b*kh*kw+u*kw+v] = t.Data[b*kh*kw+(kh-1-u)*kw+(kw-1-v)]
			}
		}
	}
	return out
}

// String formats t like NumPy, with the shortest exact representation of
// each value: [[19 25]
// [37 43]].
func (t Tensor) String() string { return t.Text(-1) }

// Text formats t like String but with the given number of decimals
// (-1: shortest exact representation). Columns are right-aligned.
func (t Tensor) Text(decimals int) string {
	if t.Shape == nil {
		return "Tensor{}"
	}
	cells := make([]string, len(t.Data))
	width := 0
	for i, v := range t.Data {
		cells[i] = formatFloat(v, decimals)
		width = max(width, len(cells[i]))
	}
	var b strings.Builder
	writeNested(&b, t.Shape, cells, width, 0)
	return b.String()
}

func formatFloat(v float64, decimals int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if s == "-0" || strings.Trim(s, "-0.") == "" && s[0] == '-' {
		s = s[1:] // print a rounded-to-zero negative as 0, not -0
	}
	return s
}

func writeNested(b *strings.Builder, shape []int, cells []string, width, depth int) {
	b.WriteByte('[')
	if len(shape) == 0 {
		b.WriteString(cells[0])
		b.WriteByte(']')
		return
	}
	n := 1
	for _, s := range shape[1:] {
		n *= s
	}
	for i := 0; i < shape[0]; i++ {
		if len(shape) == 1 {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(b, "%*s", width, cells[i])
			continue
		}
		if i > 0 {
			b.WriteString(strings.Repeat("\n", len(shape)-1))
			b.WriteString(strings.Repeat(" ", depth+1))
		}
		writeNested(b, shape[1:], cells[i*n:(i+1)*n], width, depth+1)
	}
	b.WriteByte(']')
}

// numel returns the product of shape, panicking (as op) on a negative size.
func numel(op string, shape []int) int {
	n := 1
	for _, s := range shape {
		if s < 0 {
			panicf("%s: sizes must be ≥ 0, got shape %s", op, shapeString(shape))
		}
		n *= s
	}
	return n
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shapeString writes a shape the way PyTorch prints one: (2, 3, 4).
func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, s := range shape {
		parts[i] = strconv.Itoa(s)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// panicf panics with a message prefixed "mathref: ".
func panicf(format string, args ...any) {
	panic("mathref: " + fmt.Sprintf(format, args...))
}

// Grid is a 2-D tensor seen through the method set that gonum's mat.Matrix
// and the viz package's Grid use, Dims() (r, c int) and At(i, j int), so a
// mathref result can be plotted without copying.
type Grid struct{ t Tensor }

// Grid returns t, which must be 2-D, as a Grid; for (1, S) attention weights
// of one query, or Sub(n) of a batch, reshape or index first.
func (t Tensor) Grid() Grid {
	if t.Dims() != 2 {
		panicf("Grid: needs a 2-D tensor (rows, columns), got shape %s", shapeString(t.Shape))
	}
	return Grid{t}
}

// Dims returns the number of rows and columns.
func (g Grid) Dims() (r, c int) { return g.t.Shape[0], g.t.Shape[1] }

// At returns the element in row i, column j.
func (g Grid) At(i, j int) float64 { return g.t.At(i, j) }
