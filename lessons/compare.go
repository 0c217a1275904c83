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
// "±0.0055". An infinite or NaN expected value is matched exactly, so its
// tolerance is "exactly" too.
func (t Tol) At(want float64) string {
	if t.Abs == 0 && t.Rel == 0 || !finite(want) {
		return T("lessons.tol.exact")
	}
	return "±" + strconv.FormatFloat(t.Abs+t.Rel*math.Abs(want), 'g', 2, 64)
}

// suffix is " (tolerance ±x)" for a message, or "" for an exact comparison
// (an infinite or NaN expected value is one).
func (t Tol) suffix(want float64) string {
	if t.Abs == 0 && t.Rel == 0 || !finite(want) {
		return ""
	}
	return T("lessons.diff.tol", t.At(want))
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

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

// Report describes the difference for a student in the current language,
// expected values included: the wrong shape, or the first wrong entry with
// expected and got, how many entries differ, the largest difference and a
// small table of the first entries with ✓ or ✗. It returns "" when d is
// OK. It is what the teacher's grader and a student who has seen the
// solution read; SecretReport is the version without the expected values.
func (d Diff) Report() string {
	if d.OK() {
		return ""
	}
	if !d.ShapeOK {
		return d.shapeReport()
	}
	var b strings.Builder
	if len(d.Want.Shape) == 0 {
		fmt.Fprintln(&b, T("lessons.diff.number", Num(d.Want.Data[0]), Num(d.Got.Data[0]), d.Tol.suffix(d.Want.Data[0])))
		return b.String()
	}
	m := d.Mismatches[0]
	fmt.Fprintln(&b, T("lessons.diff.entry", indexString(m.Index), Num(m.Want), Num(m.Got)))
	fmt.Fprintln(&b)
	at := offset(d.Want.Shape, d.MaxAt)
	if w, g := d.Want.Data[at], d.Got.Data[at]; finite(d.MaxAbs) {
		fmt.Fprintln(&b, T("lessons.diff.count", len(d.Mismatches), len(d.Want.Data), Num(d.MaxAbs), indexString(d.MaxAt), d.Tol.suffix(w)))
	} else {
		fmt.Fprintln(&b, T("lessons.diff.countInf", len(d.Mismatches), len(d.Want.Data), indexString(d.MaxAt), Num(w), Num(g)))
	}
	fmt.Fprintln(&b)
	b.WriteString(d.Table(6))
	return b.String()
}

// SecretReport describes the difference without giving the answer away:
// the wrong shape (the shape is part of the task), or which entries are
// wrong and, for each, whether it is too big or too small and roughly by
// how much (less than 1%, 1–10%, 10–50%, more), with a table of the
// student's own values marked ✓ or ✗. It never shows an expected value.
// It returns "" when d is OK. Value's visible check uses it.
func (d Diff) SecretReport() string {
	if d.OK() {
		return ""
	}
	if !d.ShapeOK {
		return d.shapeReport()
	}
	var b strings.Builder
	if len(d.Want.Shape) == 0 {
		fmt.Fprintln(&b, T("lessons.diff.numberSecret", Num(d.Got.Data[0]), HowFar(d.Got.Data[0], d.Want.Data[0], d.Tol)))
		fmt.Fprintln(&b)
		fmt.Fprintln(&b, "*"+T("lessons.diff.notShown")+"*")
		return b.String()
	}
	fmt.Fprintln(&b, T("lessons.diff.countSecret", len(d.Mismatches), len(d.Want.Data)))
	fmt.Fprintln(&b)
	if len(d.Mismatches) > 1 {
		var idx []string
		for k, m := range d.Mismatches {
			if k == 8 {
				idx = append(idx, "…")
				break
			}
			idx = append(idx, indexString(m.Index))
		}
		fmt.Fprintln(&b, T("lessons.diff.wrongAt", strings.Join(idx, " ")))
		fmt.Fprintln(&b)
	}
	b.WriteString(d.SecretTable(6))
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, "*"+T("lessons.diff.notShown")+"*")
	return b.String()
}

func (d Diff) shapeReport() string {
	switch {
	case len(d.Want.Shape) == 0:
		return T("lessons.diff.wantNumber", ShapeString(d.Got.Shape)) + "\n"
	case len(d.Got.Shape) == 0:
		return T("lessons.diff.gotNumber", ShapeString(d.Want.Shape)) + "\n"
	}
	return T("lessons.diff.shape", ShapeString(d.Want.Shape), ShapeString(d.Got.Shape)) + "\n"
}

// HowFar says in words how a wrong value got stands to the right one,
// want, without revealing want: "too big by 1–10%", "has the wrong sign",
// "is NaN". It returns "" when got is within tol of want.
func HowFar(got, want float64, tol Tol) string {
	switch {
	case tol.Close(got, want):
		return ""
	case math.IsNaN(got):
		return T("lessons.far.nan")
	case math.IsNaN(want):
		return T("lessons.far.notNaN")
	case math.IsInf(got, 0) && finite(want):
		return T("lessons.far.inf")
	case got == 0:
		if want > 0 {
			return T("lessons.far.zeroPos")
		}
		return T("lessons.far.zeroNeg")
	case want == 0 || math.IsInf(want, 0):
		if got > want {
			return T("lessons.far.big")
		}
		return T("lessons.far.small")
	case (got > 0) != (want > 0):
		return T("lessons.far.sign")
	}
	rel := math.Abs(got-want) / math.Abs(want)
	big := got > want
	by, slightly := "lessons.far.smallBy", "lessons.far.slightly.small"
	if big {
		by, slightly = "lessons.far.bigBy", "lessons.far.slightly.big"
	}
	switch {
	case rel < 0.01:
		if tol == Exact {
			return T(slightly, T("lessons.far.exact"))
		}
		return T(slightly, T("lessons.far.tol", tol.String()))
	case rel < 0.1:
		return T(by, "1–10%")
	case rel < 0.5:
		return T(by, "10–50%")
	case big && got/want >= 2:
		return T("lessons.far.twice")
	}
	return T(by, T("lessons.far.over50"))
}

// window returns the range of up to n entries a table shows: from just
// before the first mismatch, moved back so that it holds n entries where
// it can. ok is false when there is nothing to tabulate.
func (d Diff) window(n int) (start, end int, ok bool) {
	if !d.ShapeOK || len(d.Want.Data) == 0 {
		return 0, 0, false
	}
	first := 0
	if len(d.Mismatches) > 0 {
		first = offset(d.Want.Shape, d.Mismatches[0].Index)
	}
	start = max(0, first-1)
	end = min(len(d.Want.Data), start+n)
	return max(0, end-n), end, true
}

// Table is a Markdown table of up to n entries around the first mismatch:
// index, expected, got, and ✓ or ✗.
func (d Diff) Table(n int) string {
	start, end, ok := d.window(n)
	if !ok {
		return ""
	}
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

// SecretTable is Table without the expected column: index, the student's
// value, and ✓ or ✗ with how far off (HowFar).
func (d Diff) SecretTable(n int) string {
	start, end, ok := d.window(n)
	if !ok {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s | |\n|---|---:|:--|\n", T("lessons.word.entry"), T("lessons.word.yours"))
	for k := start; k < end; k++ {
		g, w := d.Got.Data[k], d.Want.Data[k]
		mark := "✓"
		if far := HowFar(g, w, d.Tol); far != "" {
			mark = "✗ " + far
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", indexString(unravel(k, d.Want.Shape)), Num(g), mark)
	}
	if end < len(d.Want.Data) || start > 0 {
		fmt.Fprintf(&b, "\n%s\n", T("lessons.diff.shown", end-start, len(d.Want.Data)))
	}
	return b.String()
}
