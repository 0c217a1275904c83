package nn

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// allClose reports whether got and want agree within tol, absolute or
// relative (|g−w| ≤ tol·max(1, |w|)); NaN matches NaN, ±Inf matches itself.
func allClose(got, want []float64, tol float64) (ok bool, worst int, diff float64) {
	worst = -1
	for i := range want {
		g, w := got[i], want[i]
		if math.IsNaN(w) && math.IsNaN(g) || math.IsInf(w, 0) && g == w {
			continue
		}
		d := math.Abs(g-w) / math.Max(1, math.Abs(w))
		if math.IsNaN(d) {
			d = math.Inf(1)
		}
		if d > diff || worst < 0 && d > tol {
			diff, worst = d, i
		}
	}
	return diff <= tol, worst, diff
}

// checkClose fails t with got/want printed side by side, the maximal
// difference, and the first entries marked OK / NOT OK.
func checkClose(t *testing.T, what string, got, want *Tensor, tol float64) {
	t.Helper()
	if got == nil || want == nil {
		t.Errorf("%s: got %v, want %v", what, got, want)
		return
	}
	if !sameShape(got.Shape, want.Shape) {
		t.Errorf("%s: shape %s, want %s", what, fmtShape(got.Shape), fmtShape(want.Shape))
		return
	}
	ok, worst, diff := allClose(got.Data, want.Data, tol)
	if ok {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: max rel diff %.3g > tol %.1g at %s\n", what, diff, tol, fmtIndex(unravel(worst, want.Shape)))
	for i := 0; i < len(want.Data) && i < 8; i++ {
		mark := "OK"
		if ok1, _, _ := allClose(got.Data[i:i+1], want.Data[i:i+1], tol); !ok1 {
			mark = "NOT OK"
		}
		fmt.Fprintf(&b, "  [%d] got %.17g want %.17g %s\n", i, got.Data[i], want.Data[i], mark)
	}
	fmt.Fprintf(&b, "  [%d] got %.17g want %.17g (worst)", worst, got.Data[worst], want.Data[worst])
	t.Error(b.String())
}

// panicsWith reports the *Error that f panicked with, failing t if it did
// not panic with one.
func panicsWith(t *testing.T, f func()) *Error {
	t.Helper()
	err := Try(f)
	if err == nil {
		t.Errorf("no panic")
		return nil
	}
	return err.(*Error)
}

// numGrad returns the central finite difference of loss with respect to
// every element of x (step h).
func numGrad(loss func() float64, x *Tensor, h float64) *Tensor {
	g := New(x.Shape...)
	for i := range x.Data {
		v := x.Data[i]
		x.Data[i] = v + h
		lp := loss()
		x.Data[i] = v - h
		lm := loss()
		x.Data[i] = v
		g.Data[i] = (lp - lm) / (2 * h)
	}
	return g
}

// dot returns Σ a_i b_i.
func dot(a, b *Tensor) float64 {
	s := 0.0
	for i, v := range a.Data {
		s += v * b.Data[i]
	}
	return s
}

// gradCheckLayer checks a layer's input and parameter gradients against
// central finite differences of L = Σ y ⊙ R for a fixed random R.
func gradCheckLayer(t *testing.T, name string, l Layer, x *Tensor, tol float64) {
	t.Helper()
	y := l.Forward(x)
	R := Randn(y.Shape...)
	ZeroGrad(l)
	gx := l.Backward(R)
	loss := func() float64 { return dot(l.Forward(x), R) }
	checkClose(t, name+" dL/dx", gx, numGrad(loss, x, 1e-6), tol)
	for _, p := range l.Parameters() {
		checkClose(t, name+" dL/d"+p.Name, p.Grad, numGrad(loss, p.Value, 1e-6), tol)
	}
}
