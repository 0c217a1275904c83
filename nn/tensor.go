package nn

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Tensor is an n-dimensional array of float64: a shape and the numbers in
// row-major order (the last index varies fastest), as in PyTorch's
// contiguous tensors. Shape and Data are exported so a notebook can read
// them directly; a layer checks that len(Data) equals the product of Shape
// and panics with an *Error when it does not.
//
// Reshape, Index and Matrix return views that share Data with the tensor;
// Clone and Permute copy. Layers never overwrite a tensor they returned.
type Tensor struct {
	Shape []int     // size of each dimension, e.g. (N, C, H, W)
	Data  []float64 // the numbers, row-major; len(Data) = product of Shape
}

// New returns a tensor of zeros with the given shape, e.g. New(2, 3, 4, 4).
// It panics with an *Error when a size is zero or negative.
func New(shape ...int) *Tensor {
	n := numel("New", shape)
	return &Tensor{Shape: cloneInts(shape), Data: make([]float64, n)}
}

// FromData returns a tensor with the given shape over data, without
// copying: changes to data show in the tensor. With no shape it is
// one-dimensional. It panics when len(data) does not match the shape.
func FromData(data []float64, shape ...int) *Tensor {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	n := numel("FromData", shape)
	if n != len(data) {
		failf("FromData", fmt.Sprintf("%d numbers for shape %s", n, fmtShape(shape)), "%d numbers", len(data))
	}
	return &Tensor{Shape: cloneInts(shape), Data: data}
}

// FromRows returns a 2-D tensor holding a copy of rows, which must all have
// the same length.
func FromRows(rows [][]float64) *Tensor {
	if len(rows) == 0 || len(rows[0]) == 0 {
		fail("FromRows", "at least one row with at least one number", "an empty table")
	}
	t := New(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != len(rows[0]) {
			failf("FromRows", fmt.Sprintf("every row of length %d", len(rows[0])), "row %d of length %d", i, len(r))
		}
		copy(t.Data[i*len(r):], r)
	}
	return t
}

// Full returns a tensor of the given shape with every number set to v.
func Full(v float64, shape ...int) *Tensor {
	t := New(shape...)
	for i := range t.Data {
		t.Data[i] = v
	}
	return t
}

// Ones returns a tensor of ones.
func Ones(shape ...int) *Tensor { return Full(1, shape...) }

// Arange returns the 1-D tensor 0, 1, …, n−1. Reshape it for worked
// examples: Arange(9).Reshape(1, 1, 3, 3).
func Arange(n int) *Tensor {
	t := New(n)
	for i := range t.Data {
		t.Data[i] = float64(i)
	}
	return t
}

// numel checks a shape and returns the number of elements it holds.
func numel(op string, shape []int) int {
	n := 1
	for _, s := range shape {
		if s <= 0 {
			fail(op, "every size ≥ 1", "shape "+fmtShape(shape))
		}
		n *= s
	}
	return n
}

func cloneInts(s []int) []int { return append([]int(nil), s...) }

// Dims returns the number of dimensions.
func (t *Tensor) Dims() int { return len(t.Shape) }

// Len returns the number of elements (PyTorch's numel).
func (t *Tensor) Len() int { return len(t.Data) }

// Size returns the size of dimension d; negative d counts from the end,
// so Size(-1) is the last dimension.
func (t *Tensor) Size(d int) int {
	return t.Shape[t.axis("Tensor.Size", d)]
}

// axis resolves a possibly negative dimension index.
func (t *Tensor) axis(op string, d int) int {
	n := len(t.Shape)
	if d < -n || d >= n {
		failf(op, fmt.Sprintf("a dimension in [%d, %d] for shape %s", -n, n-1, fmtShape(t.Shape)), "%d", d)
	}
	if d < 0 {
		d += n
	}
	return d
}

// offset returns the flat index of idx, checking every index.
func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.Shape) {
		failf(op, fmt.Sprintf("%d indices for shape %s", len(t.Shape), fmtShape(t.Shape)), "%d indices %v", len(idx), idx)
	}
	off := 0
	for d, i := range idx {
		if i < 0 || i >= t.Shape[d] {
			failf(op, fmt.Sprintf("index %d in [0, %d) for shape %s", d, t.Shape[d], fmtShape(t.Shape)), "%d", i)
		}
		off = off*t.Shape[d] + i
	}
	return off
}

// At returns the number at the given indices, one per dimension.
func (t *Tensor) At(idx ...int) float64 { return t.Data[t.offset("Tensor.At", idx)] }

// Set stores v at the given indices, one per dimension.
func (t *Tensor) Set(v float64, idx ...int) { t.Data[t.offset("Tensor.Set", idx)] = v }

// Reshape returns a view with a new shape over the same numbers (PyTorch's
// view). One size may be −1 and is then inferred. It panics when the
// number of elements would change.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	return &Tensor{Shape: reshaped("Tensor.Reshape", t.Shape, len(t.Data), shape), Data: t.Data}
}

// reshaped returns shape with its −1 resolved for a tensor of n numbers
// whose shape is from, or fails as op.
func reshaped(op string, from []int, n int, shape []int) []int {
	s := cloneInts(shape)
	infer, known := -1, 1
	for i, v := range s {
		switch {
		case v == -1 && infer < 0:
			infer = i
		case v <= 0:
			failf(op, "sizes ≥ 1 and at most one −1", "%s", fmtShape(shape))
		default:
			known *= v
		}
	}
	if infer >= 0 {
		if n%known != 0 {
			failf(op, fmt.Sprintf("a shape whose known sizes (product %d) divide the %d numbers of %s", known, n, fmtShape(from)), "%s", fmtShape(shape))
		}
		s[infer] = n / known
		known *= s[infer]
	}
	if known != n {
		failf(op, fmt.Sprintf("a shape with %d numbers like %s", n, fmtShape(from)), "%s with %d", fmtShape(shape), known)
	}
	return s
}

// Index returns a view of t[i] along the first dimension: for an
// (N, C, H, W) tensor, Index(0) is the first image as (C, H, W).
func (t *Tensor) Index(i int) *Tensor {
	if len(t.Shape) < 2 {
		failf("Tensor.Index", "a tensor of 2 or more dimensions (use At for a number)", "shape %s", fmtShape(t.Shape))
	}
	if i < 0 || i >= t.Shape[0] {
		failf("Tensor.Index", fmt.Sprintf("an index in [0, %d)", t.Shape[0]), "%d", i)
	}
	step := len(t.Data) / t.Shape[0]
	return &Tensor{Shape: cloneInts(t.Shape[1:]), Data: t.Data[i*step : (i+1)*step : (i+1)*step]}
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: cloneInts(t.Shape), Data: append([]float64(nil), t.Data...)}
}

// Permute returns a copy with the dimensions reordered: out.Shape[i] =
// t.Shape[dims[i]], as PyTorch's permute followed by contiguous. For
// example Permute(1, 0, 2) turns (T, B, H) into (B, T, H).
func (t *Tensor) Permute(dims ...int) *Tensor {
	n := len(t.Shape)
	if len(dims) != n {
		failf("Tensor.Permute", fmt.Sprintf("%d dimensions for shape %s", n, fmtShape(t.Shape)), "%v", dims)
	}
	seen := make([]bool, n)
	shape := make([]int, n)
	for i, d := range dims {
		if d < 0 || d >= n || seen[d] {
			failf("Tensor.Permute", fmt.Sprintf("a permutation of 0…%d", n-1), "%v", dims)
		}
		seen[d] = true
		shape[i] = t.Shape[d]
	}
	strides := make([]int, n)
	s := 1
	for d := n - 1; d >= 0; d-- {
		strides[d] = s
		s *= t.Shape[d]
	}
	out := &Tensor{Shape: shape, Data: make([]float64, len(t.Data))}
	if dims[n-1] == n-1 && len(out.Data) > 0 {
		// The last dimension stays last: copy whole runs of it.
		run := shape[n-1]
		idx := make([]int, n-1)
		for o := 0; o < len(out.Data); o += run {
			src := 0
			for i := range idx {
				src += idx[i] * strides[dims[i]]
			}
			copy(out.Data[o:o+run], t.Data[src:src+run])
			for i := n - 2; i >= 0; i-- {
				idx[i]++
				if idx[i] < shape[i] {
					break
				}
				idx[i] = 0
			}
		}
		return out
	}
	idx := make([]int, n)
	for o := range out.Data {
		src := 0
		for i := range idx {
			src += idx[i] * strides[dims[i]]
		}
		out.Data[o] = t.Data[src]
		for i := n - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < shape[i] {
				break
			}
			idx[i] = 0
		}
	}
	return out
}

// Matrix returns a gonum *mat.Dense view (no copy) of the last two
// dimensions, after fixing the leading ones with idx: for a 2-D tensor,
// Matrix(); for an (N, C, H, W) feature map, Matrix(n, c) is channel c of
// image n as an H×W matrix. A 1-D tensor is viewed as one row.
func (t *Tensor) Matrix(idx ...int) *mat.Dense {
	switch {
	case len(t.Shape) == 1 && len(idx) == 0:
		return mat.NewDense(1, t.Shape[0], t.Data)
	case len(t.Shape) < 2 || len(idx) != len(t.Shape)-2:
		failf("Tensor.Matrix", fmt.Sprintf("%d leading indices for shape %s", max(len(t.Shape)-2, 0), fmtShape(t.Shape)), "%d", len(idx))
	}
	v := t
	for _, i := range idx {
		v = v.Index(i)
	}
	return mat.NewDense(v.Shape[0], v.Shape[1], v.Data)
}

// FromMatrix returns a 2-D tensor holding m. A *mat.Dense whose rows are
// contiguous is shared without copying; anything else is copied.
func FromMatrix(m mat.Matrix) *Tensor {
	r, c := m.Dims()
	if d, ok := m.(*mat.Dense); ok {
		raw := d.RawMatrix()
		if raw.Stride == c {
			return &Tensor{Shape: []int{r, c}, Data: raw.Data[:r*c]}
		}
	}
	t := New(r, c)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			t.Data[i*c+j] = m.At(i, j)
		}
	}
	return t
}

// sameShape reports whether two shapes are equal.
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

// mustSameShape panics unless t and u have the same shape (nn never
// broadcasts silently).
func mustSameShape(op string, t, u *Tensor) {
	checkTensor(op, "first operand", t)
	checkTensor(op, "second operand", u)
	if !sameShape(t.Shape, u.Shape) {
		failHint(op, "two tensors of the same shape", fmtShape(t.Shape)+" and "+fmtShape(u.Shape), "nn does not broadcast; reshape or expand explicitly")
	}
}

// Add returns t + u element by element; the shapes must be equal.
func (t *Tensor) Add(u *Tensor) *Tensor {
	mustSameShape("Tensor.Add", t, u)
	out := t.Clone()
	for i, v := range u.Data {
		out.Data[i] += v
	}
	return out
}

// Sub returns t − u element by element; the shapes must be equal.
func (t *Tensor) Sub(u *Tensor) *Tensor {
	mustSameShape("Tensor.Sub", t, u)
	out := t.Clone()
	for i, v := range u.Data {
		out.Data[i] -= v
	}
	return out
}

// Mul returns t ⊙ u element by element; the shapes must be equal.
func (t *Tensor) Mul(u *Tensor) *Tensor {
	mustSameShape("Tensor.Mul", t, u)
	out := t.Clone()
	for i, v := range u.Data {
		out.Data[i] *= v
	}
	return out
}

// Scale returns a·t.
func (t *Tensor) Scale(a float64) *Tensor {
	out := t.Clone()
	for i := range out.Data {
		out.Data[i] *= a
	}
	return out
}

// Sum returns the sum of all elements.
func (t *Tensor) Sum() float64 {
	s := 0.0
	for _, v := range t.Data {
		s += v
	}
	return s
}

// MaxAbsDiff returns max |t − u| over all elements (NaN if either holds a
// NaN); the shapes must be equal.
func (t *Tensor) MaxAbsDiff(u *Tensor) float64 {
	mustSameShape("Tensor.MaxAbsDiff", t, u)
	m := 0.0
	for i, v := range t.Data {
		d := math.Abs(v - u.Data[i])
		if math.IsNaN(d) && !(math.IsInf(v, 0) && v == u.Data[i]) {
			return math.NaN()
		}
		if d > m {
			m = d
		}
	}
	return m
}

// ArgMax returns, for each row of the last dimension, the index of its
// largest element (the first one on ties), e.g. the predicted class of
// each row of (N, classes) logits.
func (t *Tensor) ArgMax() []int {
	c := t.Shape[len(t.Shape)-1]
	out := make([]int, len(t.Data)/c)
	for r := range out {
		row := t.Data[r*c : (r+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		out[r] = best
	}
	return out
}

// String prints the tensor with its shape and nested brackets, numbers
// right-aligned to a common format; tensors of more than 1000 elements
// show the first and last three entries of each long dimension.
//
//	Tensor (2, 2)
//	[[19, 25],
//	 [37, 43]]
func (t *Tensor) String() string {
	if t == nil {
		return "Tensor <nil>"
	}
	if len(t.Data) != product(t.Shape) {
		return fmt.Sprintf("Tensor %s with %d numbers (malformed)", fmtShape(t.Shape), len(t.Data))
	}
	summarize := len(t.Data) > 1000
	shown := collectShown(t, summarize)
	f := chooseFormat(shown)
	width := 0
	for _, v := range shown {
		width = max(width, len(f(v)))
	}
	var b strings.Builder
	b.WriteString("Tensor " + fmtShape(t.Shape) + "\n")
	if len(t.Shape) == 0 {
		b.WriteString(f(t.Data[0]))
		return b.String()
	}
	writeNested(&b, t.Shape, t.Data, 0, summarize, f, width)
	return b.String()
}

func product(s []int) int {
	n := 1
	for _, v := range s {
		n *= v
	}
	return n
}

// keep reports which indices of a dimension of size n are printed.
func keep(i, n int, summarize bool) bool { return !summarize || n <= 6 || i < 3 || i >= n-3 }

func collectShown(t *Tensor, summarize bool) []float64 {
	if !summarize {
		return t.Data
	}
	var out []float64
	for i, v := range t.Data {
		idx := unravel(i, t.Shape)
		ok := true
		for d, j := range idx {
			ok = ok && keep(j, t.Shape[d], true)
		}
		if ok {
			out = append(out, v)
		}
	}
	return out
}

// chooseFormat picks integers, 4 decimals, or scientific notation when the
// numbers are very large, very small, or span more than six decades.
func chooseFormat(vals []float64) func(float64) string {
	integral, big, small := true, 0.0, math.Inf(1)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		a := math.Abs(v)
		integral = integral && v == math.Trunc(v)
		big = math.Max(big, a)
		if a > 0 {
			small = math.Min(small, a)
		}
	}
	switch {
	case integral && big < 1e9:
		return func(v float64) string { return fmtSpecial(v, "%.0f") }
	case big < 1e4 && (big >= 1e-3 || small == math.Inf(1)) && big/small < 1e6:
		return func(v float64) string { return fmtSpecial(v, "%.4f") }
	default:
		return func(v float64) string { return fmtSpecial(v, "%.4e") }
	}
}

func fmtSpecial(v float64, f string) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return fmt.Sprintf(f, v)
}

func writeNested(b *strings.Builder, shape []int, data []float64, depth int, summarize bool, f func(float64) string, width int) {
	n := shape[0]
	b.WriteByte('[')
	step := len(data) / n
	for i := 0; i < n; i++ {
		if !keep(i, n, summarize) {
			if i == 3 {
				if len(shape) == 1 {
					b.WriteString("..., ")
				} else {
					b.WriteString("...,\n" + strings.Repeat("\n", len(shape)-2) + strings.Repeat(" ", depth+1))
				}
			}
			continue
		}
		if len(shape) == 1 {
			fmt.Fprintf(b, "%*s", width, f(data[i]))
		} else {
			writeNested(b, shape[1:], data[i*step:(i+1)*step], depth+1, summarize, f, width)
		}
		if i < n-1 {
			b.WriteByte(',')
			if len(shape) == 1 {
				b.WriteByte(' ')
			} else {
				b.WriteString(strings.Repeat("\n", len(shape)-1) + strings.Repeat(" ", depth+1))
			}
		}
	}
	b.WriteByte(']')
}
