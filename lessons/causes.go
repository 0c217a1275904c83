package lessons

import (
	"math"
	"sort"
	"strings"
)

// Cause recognises a typical mistake in a wrong answer. Given the student's
// array, the expected one and the exercise's tolerance, it returns a
// sentence for the student naming the likely cause, or ok = false. Checkers
// run the exercise's own causes first (see Mistake), then DefaultCauses.
type Cause func(got, want Array, tol Tol) (why string, ok bool)

// DefaultCauses are the mistakes every array checker looks for, in order.
var DefaultCauses = []Cause{
	CauseNaN, CauseZeros, CauseOffByOne, CauseSqueezed, CauseTransposed, CauseSoftmaxAxis,
	CauseNegated, CauseOffset, CauseOffsetPerChannel, CauseScaled,
	CauseFlipped, CauseShifted, CausePermuted,
}

// Mistake returns a Cause that recognises one known wrong answer — the
// output size without the +1, the softmax of the softmax, the convolution
// without its bias — and explains it with why. Content packages compute
// the wrong answer with the same code as the right one:
//
//	lessons.Mistake((n-k)/s, lessons.Text{EN: "…forgot the +1", ZH: "…忘了 +1"})
//
// A wrong value that cannot be read as numbers panics when Mistake is
// called, since that is the lesson author's bug.
func Mistake(wrong any, why Text) Cause {
	w, err := AsArray(wrong)
	if err != nil {
		panic("lessons: Mistake: " + err.Error())
	}
	return func(got, want Array, tol Tol) (string, bool) {
		if d := Compare(got, w, tol); d.OK() {
			return why.String(), true
		}
		return "", false
	}
}

// ScalarCauses are the mistakes a checker looks for in a single number.
var ScalarCauses = []Cause{CauseNaN, CauseScalarOffByOne, CauseNegated, CauseScaled}

// explain returns the sentences of the exercise's own causes that match;
// when none does, up to two of the default causes (ScalarCauses for a
// number, DefaultCauses for an array).
func explain(got, want Array, tol Tol, causes []Cause) []string {
	var out []string
	for _, c := range causes {
		if why, ok := c(got, want, tol); ok {
			out = append(out, why)
		}
	}
	if len(out) > 0 {
		return out
	}
	defaults := DefaultCauses
	if len(want.Shape) == 0 && len(got.Shape) == 0 {
		defaults = ScalarCauses
	}
	for _, c := range defaults {
		if why, ok := c(got, want, tol); ok {
			out = append(out, why)
			if len(out) == 2 {
				break
			}
		}
	}
	return out
}

func hasNonFinite(a Array) (int, bool) {
	for k, v := range a.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return k, true
		}
	}
	return 0, false
}

// CauseNaN: the answer has NaN or ±Inf where the expected one is finite.
func CauseNaN(got, want Array, _ Tol) (string, bool) {
	k, bad := hasNonFinite(got)
	if !bad || !sameShape(got.Shape, want.Shape) {
		return "", false
	}
	if _, wantBad := hasNonFinite(want); wantBad {
		return "", false
	}
	return T("lessons.cause.nan", Num(got.Data[k]), indexString(unravel(k, got.Shape))), true
}

// CauseScalarOffByOne: a whole-number answer one more or one less than the
// expected one — a +1 left out of an output size, counting from 0 versus 1.
// Its sentence does not name the expected number.
func CauseScalarOffByOne(got, want Array, _ Tol) (string, bool) {
	if len(got.Data) != 1 || len(want.Data) != 1 {
		return "", false
	}
	g, w := got.Data[0], want.Data[0]
	if g != math.Trunc(g) || w != math.Trunc(w) || math.Abs(g-w) != 1 {
		return "", false
	}
	return T("lessons.cause.scalarOffByOne", Num(g)), true
}

// CauseZeros: the answer is all zeros and the expected one is not.
func CauseZeros(got, want Array, tol Tol) (string, bool) {
	if !sameShape(got.Shape, want.Shape) || len(got.Data) < 2 {
		return "", false
	}
	for _, v := range got.Data {
		if v != 0 {
			return "", false
		}
	}
	return T("lessons.cause.zeros"), true
}

// CauseOffByOne: the shapes differ by one along some axes, the signature of
// an output-size formula without its +1 or a loop bound off by one.
func CauseOffByOne(got, want Array, _ Tol) (string, bool) {
	if len(got.Shape) != len(want.Shape) || sameShape(got.Shape, want.Shape) {
		return "", false
	}
	var axes []string
	for a := range got.Shape {
		switch got.Shape[a] - want.Shape[a] {
		case 0:
		case 1, -1:
			axes = append(axes, T("lessons.cause.offByOne.axis", a, want.Shape[a], got.Shape[a]))
		default:
			return "", false
		}
	}
	return T("lessons.cause.offByOne", strings.Join(axes, "; ")), true
}

// CauseSqueezed: the answer holds the expected numbers in a shape that
// differs only by axes of size 1 — a missing batch or channel axis, or one
// too many.
func CauseSqueezed(got, want Array, tol Tol) (string, bool) {
	if sameShape(got.Shape, want.Shape) || !sameShape(squeeze(got.Shape), squeeze(want.Shape)) {
		return "", false
	}
	flat := Array{Shape: want.Shape, Data: got.Data}
	if !Compare(flat, want, tol).OK() {
		return "", false
	}
	return T("lessons.cause.squeezed", ShapeString(want.Shape), ShapeString(got.Shape)), true
}

func squeeze(shape []int) []int {
	out := []int{}
	for _, n := range shape {
		if n != 1 {
			out = append(out, n)
		}
	}
	return out
}

// CauseTransposed: the answer is the transpose of the expected matrix.
func CauseTransposed(got, want Array, tol Tol) (string, bool) {
	if len(got.Shape) != 2 || len(want.Shape) != 2 {
		return "", false
	}
	r, c := want.Shape[0], want.Shape[1]
	if got.Shape[0] != c || got.Shape[1] != r || (r == c && Compare(got, want, tol).OK()) {
		return "", false
	}
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			if !tol.Close(got.Data[j*r+i], want.Data[i*c+j]) {
				return "", false
			}
		}
	}
	if r == c && isSymmetric(want, tol) {
		return "", false
	}
	return T("lessons.cause.transposed", ShapeString(want.Shape), ShapeString(got.Shape)), true
}

func isSymmetric(a Array, tol Tol) bool {
	n := a.Shape[0]
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			if !tol.Close(a.Data[i*n+j], a.Data[j*n+i]) {
				return false
			}
		}
	}
	return true
}

// sumsToOne reports whether every slice of a along axis sums to 1.
func sumsToOne(a Array, axis int) bool {
	if len(a.Shape) < 2 || a.Shape[axis] < 2 {
		return false
	}
	sums := map[int]float64{}
	for k, v := range a.Data {
		idx := unravel(k, a.Shape)
		idx[axis] = 0
		sums[offset(a.Shape, idx)] += v
	}
	for _, s := range sums {
		if math.Abs(s-1) > 1e-6 {
			return false
		}
	}
	return true
}

// CauseSoftmaxAxis: the expected rows (last axis) sum to 1 but the answer
// sums to 1 along another axis — softmax taken over the wrong axis.
func CauseSoftmaxAxis(got, want Array, _ Tol) (string, bool) {
	n := len(want.Shape)
	if n < 2 || !sameShape(got.Shape, want.Shape) || !sumsToOne(want, n-1) || sumsToOne(got, n-1) {
		return "", false
	}
	for a := 0; a < n-1; a++ {
		if sumsToOne(got, a) {
			return T("lessons.cause.softmaxAxis", a, n-1), true
		}
	}
	return "", false
}

// ratio returns c with got ≈ c·want if there is one.
func ratio(got, want Array, tol Tol) (float64, bool) {
	if !sameShape(got.Shape, want.Shape) || len(want.Data) == 0 {
		return 0, false
	}
	c, found := 0.0, false
	for k, w := range want.Data {
		if math.Abs(w) > 1e-12 {
			c, found = got.Data[k]/w, true
			break
		}
	}
	if !found || math.IsNaN(c) || math.IsInf(c, 0) {
		return 0, false
	}
	loose := Tol{Abs: tol.Abs + 1e-9, Rel: tol.Rel + 1e-6}
	for k, w := range want.Data {
		if !loose.Close(got.Data[k], c*w) {
			return 0, false
		}
	}
	return c, true
}

// CauseNegated: the answer is the expected one with every sign flipped.
func CauseNegated(got, want Array, tol Tol) (string, bool) {
	if c, ok := ratio(got, want, tol); ok && math.Abs(c+1) < 1e-6 {
		return T("lessons.cause.negated"), true
	}
	return "", false
}

// CauseScaled: the answer is the expected one times a constant. When the
// constant is telling — √n or 1/√n, n or 1/n: a missing 1/√d_k, a sum
// instead of a mean — it names it; another constant is mentioned without
// its value (which would give the expected values away), and for a single
// number, which is always some multiple of another, not at all.
func CauseScaled(got, want Array, tol Tol) (string, bool) {
	c, ok := ratio(got, want, tol)
	if !ok || math.Abs(c-1) < 1e-9 || math.Abs(c+1) < 1e-6 || c == 0 {
		return "", false
	}
	hint := ""
	for _, x := range []float64{c, 1 / c} {
		if r := math.Round(x * x); r >= 2 && math.Abs(x*x-r) < 1e-6*r {
			hint += " " + T("lessons.cause.scaled.sqrt", int(r))
		}
		if n := math.Round(x); n >= 2 && math.Abs(x-n) < 1e-9*n {
			hint += " " + T("lessons.cause.scaled.count", int(n))
		}
		if hint != "" {
			break
		}
	}
	switch {
	case hint != "" && len(want.Data) == 1:
		return T("lessons.cause.scaled.one", Num(c)) + hint, true
	case hint != "":
		return T("lessons.cause.scaled", Num(c)) + hint, true
	case len(want.Data) == 1:
		return "", false
	}
	return T("lessons.cause.scaled.other"), true
}

// CauseOffset: every entry is off by the same amount — a missing or extra
// bias. The amount is not named: with it the expected values would follow.
func CauseOffset(got, want Array, tol Tol) (string, bool) {
	if !sameShape(got.Shape, want.Shape) || len(want.Data) < 2 {
		return "", false
	}
	c := got.Data[0] - want.Data[0]
	if math.IsNaN(c) || tol.Close(got.Data[0], want.Data[0]) {
		return "", false
	}
	for k := range want.Data {
		if !tol.Close(got.Data[k]-c, want.Data[k]) {
			return "", false
		}
	}
	return T("lessons.cause.offset"), true
}

// CauseOffsetPerChannel: within each slice along the first axis every entry
// is off by the same amount, but the amounts differ between slices — a
// missing per-channel bias. The amounts are not named.
func CauseOffsetPerChannel(got, want Array, tol Tol) (string, bool) {
	if !sameShape(got.Shape, want.Shape) || len(want.Shape) < 2 || want.Shape[0] < 2 {
		return "", false
	}
	n := len(want.Data) / want.Shape[0]
	same := true
	for ch := 0; ch < want.Shape[0]; ch++ {
		c := got.Data[ch*n] - want.Data[ch*n]
		for k := ch * n; k < (ch+1)*n; k++ {
			if math.IsNaN(c) || !tol.Close(got.Data[k]-c, want.Data[k]) {
				return "", false
			}
		}
		if ch > 0 && !tol.Close(c, got.Data[0]-want.Data[0]) {
			same = false
		}
	}
	if same {
		return "", false
	}
	return T("lessons.cause.offsetPerChannel"), true
}

// CauseFlipped: the answer is the expected one with its last two axes
// reversed (rotated by 180°) — a flipped kernel, convolution versus
// cross-correlation — or, for a vector, reversed.
func CauseFlipped(got, want Array, tol Tol) (string, bool) {
	n := len(want.Shape)
	if n == 0 || !sameShape(got.Shape, want.Shape) {
		return "", false
	}
	flipped := want
	flipped.Data = make([]float64, len(want.Data))
	for k := range want.Data {
		idx := unravel(k, want.Shape)
		for a := max(0, n-2); a < n; a++ {
			idx[a] = want.Shape[a] - 1 - idx[a]
		}
		flipped.Data[offset(want.Shape, idx)] = want.Data[k]
	}
	if Compare(flipped, want, tol).OK() || !Compare(got, flipped, tol).OK() {
		return "", false
	}
	if n == 1 {
		return T("lessons.cause.reversed"), true
	}
	return T("lessons.cause.flipped"), true
}

// CauseShifted: along the last axis the answer holds the expected values
// one position early or late — an index off by one.
func CauseShifted(got, want Array, tol Tol) (string, bool) {
	n := len(want.Shape)
	if n == 0 || !sameShape(got.Shape, want.Shape) || want.Shape[n-1] < 3 {
		return "", false
	}
	w := want.Shape[n-1]
	for _, s := range []int{1, -1} {
		ok := true
		for k := 0; k < len(want.Data) && ok; k++ {
			j := k % w
			if j+s < 0 || j+s >= w {
				continue
			}
			ok = tol.Close(got.Data[k], want.Data[k+s])
		}
		if ok && !Compare(got, want, tol).OK() {
			return T("lessons.cause.shifted"), true
		}
	}
	return "", false
}

// CausePermuted: the answer holds exactly the expected numbers, in other
// places — an index order mixed up.
func CausePermuted(got, want Array, tol Tol) (string, bool) {
	if len(got.Data) != len(want.Data) || len(want.Data) < 2 {
		return "", false
	}
	g := append([]float64(nil), got.Data...)
	w := append([]float64(nil), want.Data...)
	sort.Float64s(g)
	sort.Float64s(w)
	for k := range g {
		if !tol.Close(g[k], w[k]) {
			return "", false
		}
	}
	if sameShape(got.Shape, want.Shape) && Compare(got, want, tol).OK() {
		return "", false
	}
	return T("lessons.cause.permuted"), true
}
