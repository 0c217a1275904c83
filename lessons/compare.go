package lessons

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Tol is a comparison tolerance: got is close to want when
//
//	|got − want| ≤ Abs + Rel·|want|
//
// as in numpy.allclose. NaN matches NaN and an infinity the same infinity.
type Tol struct {
	Abs float64 // absolute tolerance
	Rel float64 // relative tolerance
}

// Tolerances for the usual kinds of answer.
var (
	// Exact compares integers and values that must match exactly.
	Exact = Tol{}
	// Float is for a student's float64 code against a reference: it allows
	// a different but sound order of summation.
	Float = Tol{Abs: 1e-9, Rel: 1e-6}
	// ByHand is for numbers worked out by hand and typed in: two decimals.
	ByHand = Tol{Abs: 0.005, Rel: 0.001}
)

// Close reports whether got is within tol of want.
func (t Tol) Close(got, want float64) bool {
	switch {
	case math.IsNaN(got) || math.IsNaN(want):
		return math.IsNaN(got) && math.IsNaN(want)
	case math.IsInf(got, 0) || math.IsInf(want, 0):
		return got == want
	}
	return math.Abs(got-want) <= t.Abs+t.Rel*math.Abs(want)
}

// String describes the tolerance for a message: "exactly", "±0.005", or
// "±(1e-09 + 1e-06·|expected|)".
func (t Tol) String() string {
	switch {
	case t.Abs == 0 && t.Rel == 0:
		return T("lessons.tol.exact")
	case t.Rel == 0:
		return "±" + Num(t.Abs)
	}
	return fmt.Sprintf("±(%s + %s·|%s|)", Num(t.Abs), Num(t.Rel), T("lessons.word.expected"))
}

// At describes the tolerance around one expected value: "exactly" or
// "±0.0055".
func (t Tol) At(want float64) string {
	if t.Abs == 0 && t.Rel == 0 {
		return T("lessons.tol.exact")
	}
	return "±" + strconv.FormatFloat(t.Abs+t.Rel*math.Abs(want), 'g', 2, 64)
}

// suffix is " (tolerance ±x)" for a message, or "" for an exact comparison.
func (t Tol) suffix(want float64) string {
	if t.Abs == 0 && t.Rel == 0 {
		return ""
	}
	return T("lessons.diff.tol", t.At(want))
}

// Mismatch is one entry outside the tolerance.
type Mismatch struct {
	Index     []int   // the entry's index, one per axis
	Got, Want float64 // the student's value and the expected one
}

// Diff is the result of comparing an answer with the expected value.
type Diff struct {
	Got, Want Array // the compared arrays
	Tol       Tol   // the tolerance used
	// ShapeOK is false when the shapes differ; no entry is compared then.
	ShapeOK bool
	// Mismatches lists every entry outside the tolerance, in row-major order.
	Mismatches []Mismatch
	// MaxAbs is the largest |got − want| and MaxAt its index.
	MaxAbs float64 // the largest |got − want|
	MaxAt  []int   // its index
}

// OK reports whether the shapes match and every entry is close.
func (d Diff) OK() bool { return d.ShapeOK && len(d.Mismatches) == 0 }

// Compare compares two arrays entry by entry within tol.
func Compare(got, want Array, tol Tol) Diff {
	d := Diff{Got: got, Want: want, Tol: tol}
	if !sameShape(got.Shape, want.Shape) {
		return d
	}
	d.ShapeOK = true
	for k := range want.Data {
		g, w := got.Data[k], want.Data[k]
		if !tol.Close(g, w) {
			d.Mismatches = append(d.Mismatches, Mismatch{Index: unravel(k, want.Shape), Got: g, Want: w})
		}
		diff := math.Abs(g - w)
		if math.IsNaN(diff) {
			if tol.Close(g, w) {
				diff = 0
			} else {
				diff = math.Inf(1)
			}
		}
		if diff > d.MaxAbs || d.MaxAt == nil {
			d.MaxAbs, d.MaxAt = diff, unravel(k, want.Shape)
		}
	}
	return d
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

// Report describes the difference for a student in the current language:
// the wrong shape, or how many entries differ, the largest difference and a
// small table of the first entries with ✓ or ✗. It returns "" when d is OK.
func (d Diff) Report() string {
	if d.OK() {
		return ""
	}
	var b strings.Builder
	if !d.ShapeOK {
		if len(d.Want.Shape) == 0 {
			fmt.Fprintln(&b, T("lessons.diff.wantNumber", ShapeString(d.Got.Shape)))
		} else if len(d.Got.Shape) == 0 {
			fmt.Fprintln(&b, T("lessons.diff.gotNumber", ShapeString(d.Want.Shape)))
		} else {
			fmt.Fprintln(&b, T("lessons.diff.shape", ShapeString(d.Want.Shape), ShapeString(d.Got.Shape)))
		}
		return b.String()
	}
	if len(d.Want.Shape) == 0 {
		fmt.Fprintln(&b, T("lessons.diff.number", Num(d.Want.Data[0]), Num(d.Got.Data[0]), d.Tol.suffix(d.Want.Data[0])))
		return b.String()
	}
	m := d.Mismatches[0]
	fmt.Fprintln(&b, T("lessons.diff.entry", indexString(m.Index), Num(m.Want), Num(m.Got)))
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, T("lessons.diff.count", len(d.Mismatches), len(d.Want.Data), Num(d.MaxAbs), indexString(d.MaxAt), d.Tol.suffix(d.Want.Data[offset(d.Want.Shape, d.MaxAt)])))
	fmt.Fprintln(&b)
	b.WriteString(d.Table(6))
	return b.String()
}

// Table is a Markdown table of up to n entries around the first mismatch:
// index, expected, got, and ✓ or ✗.
func (d Diff) Table(n int) string {
	if !d.ShapeOK || len(d.Want.Data) == 0 {
		return ""
	}
	first := 0
	if len(d.Mismatches) > 0 {
		first = offset(d.Want.Shape, d.Mismatches[0].Index)
	}
	start := max(0, first-1)
	end := min(len(d.Want.Data), start+n)
	start = max(0, end-n)
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s | %s | |\n|---|---:|---:|:-:|\n",
		T("lessons.word.entry"), T("lessons.word.expected"), T("lessons.word.got"))
	for k := start; k < end; k++ {
		g, w := d.Got.Data[k], d.Want.Data[k]
		mark := "✓"
		if !d.Tol.Close(g, w) {
			mark = "✗"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", indexString(unravel(k, d.Want.Shape)), Num(w), Num(g), mark)
	}
	if end < len(d.Want.Data) || start > 0 {
		fmt.Fprintf(&b, "\n%s\n", T("lessons.diff.shown", end-start, len(d.Want.Data)))
	}
	return b.String()
}
