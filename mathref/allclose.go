package mathref

import (
	"fmt"
	"math"
	"strings"
)

// Closeness is AllClose's verdict: whether got matches want and, if not,
// where and by how much.
type Closeness struct {
	// OK is true when the shapes are equal and every element is close.
	OK bool
	// ShapeOK is false when the shapes differ; nothing else is compared then.
	ShapeOK bool
	// GotShape and WantShape are the two shapes compared.
	GotShape, WantShape []int
	// MaxAbsDiff is the largest |got−want| over all elements (NaN and
	// infinite pairs that match count as 0; a mismatched pair counts as +Inf).
	MaxAbsDiff float64
	// MaxAt is the index of the element with the largest difference.
	MaxAt []int
	// Mismatches counts elements outside the tolerance.
	Mismatches int
	// First is the index of the first element outside the tolerance (nil if
	// none).
	First []int
	// FirstGot and FirstWant are the two values at First.
	FirstGot, FirstWant float64
	// Atol and Rtol are the tolerances used.
	Atol, Rtol float64
}

// AllClose compares got with want element by element, as numpy.allclose and
// torch.allclose do: an element is close when
//
//	|got − want| ≤ atol + rtol·|want|
//
// NaN matches NaN and an infinity matches the same infinity (torch's
// equal_nan=True), because a reference that is NaN (a fully masked attention
// row) must be reproduced, not avoided. The result records the largest
// difference and the first mismatching index; its String method prints them.
func AllClose(got, want Tensor, atol, rtol float64) Closeness {
	c := Closeness{GotShape: got.Shape, WantShape: want.Shape, Atol: atol, Rtol: rtol}
	if !sameShape(got.Shape, want.Shape) || len(got.Data) != len(want.Data) {
		return c
	}
	c.ShapeOK = true
	maxAt := -1
	for k := range got.Data {
		g, w := got.Data[k], want.Data[k]
		d, close := elementDiff(g, w, atol, rtol)
		if d > c.MaxAbsDiff || maxAt < 0 {
			c.MaxAbsDiff, maxAt = d, k
		}
		if !close {
			if c.Mismatches == 0 {
				c.First, c.FirstGot, c.FirstWant = unravel(k, got.Shape), g, w
			}
			c.Mismatches++
		}
	}
	if maxAt >= 0 {
		c.MaxAt = unravel(maxAt, got.Shape)
	}
	c.OK = c.Mismatches == 0
	return c
}

// elementDiff returns |g−w| (0 for matching non-finite pairs, +Inf for
// mismatched ones) and whether the pair is within tolerance.
func elementDiff(g, w, atol, rtol float64) (float64, bool) {
	switch {
	case math.IsNaN(g) || math.IsNaN(w):
		if math.IsNaN(g) && math.IsNaN(w) {
			return 0, true
		}
		return math.Inf(1), false
	case math.IsInf(g, 0) || math.IsInf(w, 0):
		if g == w {
			return 0, true
		}
		return math.Inf(1), false
	}
	d := math.Abs(g - w)
	return d, d <= atol+rtol*math.Abs(w)
}

// unravel turns a row-major offset into an index.
func unravel(k int, shape []int) []int {
	idx := make([]int, len(shape))
	for a := len(shape) - 1; a >= 0; a-- {
		if shape[a] > 0 {
			idx[a] = k % shape[a]
			k /= shape[a]
		}
	}
	return idx
}

// String reports the verdict in one line, e.g.
//
//	NOT close (atol 1e-12, rtol 1e-12): 3 of 8 elements differ; max |diff| 0.5 at [1 0]; first at [0 1]: got 2, want 2.5
func (c Closeness) String() string {
	tol := fmt.Sprintf("(atol %g, rtol %g)", c.Atol, c.Rtol)
	if !c.ShapeOK {
		return fmt.Sprintf("NOT close %s: shape %s, want %s", tol, shapeString(c.GotShape), shapeString(c.WantShape))
	}
	n := 1
	for _, s := range c.GotShape {
		n *= s
	}
	if c.OK {
		return fmt.Sprintf("close %s: %d elements; max |diff| %.3g", tol, n, c.MaxAbsDiff)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "NOT close %s: %d of %d elements differ; max |diff| %.3g at %v; first at %v: got %v, want %v",
		tol, c.Mismatches, n, c.MaxAbsDiff, c.MaxAt, c.First, c.FirstGot, c.FirstWant)
	return b.String()
}

// DiffTable lists the first n elements of got and want side by side, each
// marked OK or NOT OK under the same tolerance as AllClose, followed by
// AllClose's verdict: the printout a failing test shows.
//
//	[0 0]  got 19  want 19  OK
//	[0 1]  got 24  want 25  NOT OK (diff 1)
func DiffTable(got, want Tensor, atol, rtol float64, n int) string {
	c := AllClose(got, want, atol, rtol)
	if !c.ShapeOK {
		return c.String()
	}
	var b strings.Builder
	for k := 0; k < len(got.Data) && k < n; k++ {
		g, w := got.Data[k], want.Data[k]
		d, close := elementDiff(g, w, atol, rtol)
		mark := "OK"
		if !close {
			mark = fmt.Sprintf("NOT OK (diff %.3g)", d)
		}
		fmt.Fprintf(&b, "%v  got %v  want %v  %s\n", unravel(k, got.Shape), g, w, mark)
	}
	b.WriteString(c.String())
	return b.String()
}
