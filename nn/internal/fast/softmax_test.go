package fast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// naiveSoftmax is the definition with math.Exp and a true division.
func naiveSoftmax(x []float64, logOut bool) []float64 {
	m := math.Inf(-1)
	for _, v := range x {
		if v > m || math.IsNaN(v) {
			m = v
		}
	}
	y := make([]float64, len(x))
	s := 0.0
	for i, v := range x {
		y[i] = math.Exp(v - m)
		s += y[i]
	}
	for i, v := range x {
		if logOut {
			y[i] = v - m - math.Log(s)
		} else {
			y[i] /= s
		}
	}
	return y
}

// close reports whether got and want agree to a relative 1e-14 (or both NaN,
// or both exactly 0). Softmax values are sums of ≤ 1100 terms each within
// 1 ulp, so 1e-14 is about 50 ulp.
func closeRel(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if want == 0 || math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= 1e-14*math.Abs(want)
}

func TestSoftmax(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	special := [][]float64{
		{1, 2, 3},
		{nan, 1, 2, 3, 4, 5},
		{-inf, -inf, -inf, -inf, -inf},
		{-inf, 0, -inf, 1, -inf, 2, -inf, 3, -inf},
		{inf, 1, 2},
		{1000, -1000, 0, 1000, 1000},
		{-1e300, 1e300, 0, 5},
		{0.5},
	}
	rng := rand.New(rand.NewPCG(11, 12))
	var rows [][]float64
	rows = append(rows, special...)
	for _, n := range []int{1, 2, 3, 4, 5, 7, 15, 16, 17, 31, 33, 64, 100, 1024, 1100} {
		x := make([]float64, n)
		for i := range x {
			x[i] = 20*rng.Float64() - 10
			if rng.IntN(9) == 0 {
				x[i] = -inf // masked scores
			}
		}
		rows = append(rows, x)
	}
	for _, kern := range kernels() {
		withKernel(kern, func() {
			for _, x := range rows {
				for _, logOut := range []bool{false, true} {
					want := naiveSoftmax(x, logOut)
					f, name := Softmax, "Softmax"
					if logOut {
						f, name = LogSoftmax, "LogSoftmax"
					}
					got := make([]float64, len(x))
					f(got, x)
					inPlace := append([]float64(nil), x...)
					f(inPlace, inPlace)
					for i := range x {
						if !closeRel(got[i], want[i]) {
							t.Fatalf("%s %s(len %d)[%d] = %.17g, want %.17g (x = %g)", kern.name, name, len(x), i, got[i], want[i], x[i])
						}
						if !(inPlace[i] == got[i] || math.IsNaN(got[i]) && math.IsNaN(inPlace[i])) {
							t.Fatalf("%s %s in place (len %d)[%d] = %g, want %g", kern.name, name, len(x), i, inPlace[i], got[i])
						}
					}
				}
			}
		})
	}
}

// TestSoftmaxSumsToOne checks the invariant on long random rows.
func TestSoftmaxSumsToOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x := make([]float64, 4099)
	for i := range x {
		x[i] = 30*rng.Float64() - 15
	}
	y := make([]float64, len(x))
	for _, kern := range kernels() {
		withKernel(kern, func() {
			Softmax(y, x)
			s := 0.0
			for _, v := range y {
				s += v
			}
			if math.Abs(s-1) > 1e-12 {
				t.Errorf("%s: softmax sums to %.17g", kern.name, s)
			}
		})
	}
}
