package fast

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// The reference is computed with math/big at 200 bits, independently of
// both the assembly and the math package: exp(x) = 2ⁿ·exp(r) with
// r = x − n·ln 2 and exp(r) summed as a Taylor series to below 2⁻²¹⁰.

const refPrec = 200

var refLn2 = func() *big.Float {
	// ln 2 = 2·atanh(1/3) = 2·Σ_k (1/3)^(2k+1)/(2k+1).
	third := new(big.Float).SetPrec(refPrec).Quo(big.NewFloat(1).SetPrec(refPrec), big.NewFloat(3).SetPrec(refPrec))
	ninth := new(big.Float).SetPrec(refPrec).Mul(third, third)
	pow := new(big.Float).SetPrec(refPrec).Set(third)
	sum := new(big.Float).SetPrec(refPrec)
	for k := 0; k < 200; k++ {
		term := new(big.Float).SetPrec(refPrec).Quo(pow, big.NewFloat(float64(2*k+1)).SetPrec(refPrec))
		sum.Add(sum, term)
		pow.Mul(pow, ninth)
	}
	return sum.Mul(sum, big.NewFloat(2).SetPrec(refPrec))
}()

// refExp returns e^x to 200 bits for finite x.
func refExp(x float64) *big.Float {
	n := math.Round(x / math.Ln2)
	r := new(big.Float).SetPrec(refPrec).SetFloat64(x)
	r.Sub(r, new(big.Float).SetPrec(refPrec).Mul(refLn2, big.NewFloat(n).SetPrec(refPrec)))
	sum := big.NewFloat(1).SetPrec(refPrec)
	term := big.NewFloat(1).SetPrec(refPrec)
	eps := new(big.Float).SetMantExp(big.NewFloat(1), -210)
	for k := 1; k < 100; k++ {
		term.Mul(term, r)
		term.Quo(term, big.NewFloat(float64(k)).SetPrec(refPrec))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	return sum.SetMantExp(sum, int(n))
}

func refSigmoid(x float64) *big.Float {
	one := big.NewFloat(1).SetPrec(refPrec)
	d := new(big.Float).SetPrec(refPrec).Add(one, refExp(-x))
	return new(big.Float).SetPrec(refPrec).Quo(one, d)
}

func refTanh(x float64) *big.Float {
	if math.Abs(x) < 1e-6 {
		// x − x³/3 + 2x⁵/15 − 17x⁷/315: the next term is below 1e-54·|x|.
		// (The quotient below would cancel away all 200 bits.)
		bx := new(big.Float).SetPrec(refPrec).SetFloat64(x)
		x2 := new(big.Float).SetPrec(refPrec).Mul(bx, bx)
		sum := new(big.Float).SetPrec(refPrec)
		pow := new(big.Float).SetPrec(refPrec).Set(bx)
		coef := [][2]int64{{1, 1}, {-1, 3}, {2, 15}, {-17, 315}}
		for _, q := range coef {
			term := new(big.Float).SetPrec(refPrec).Mul(pow, new(big.Float).SetPrec(refPrec).SetInt64(q[0]))
			term.Quo(term, new(big.Float).SetPrec(refPrec).SetInt64(q[1]))
			sum.Add(sum, term)
			pow.Mul(pow, x2)
		}
		return sum
	}
	e := refExp(2 * x) // 2x is exact
	one := big.NewFloat(1).SetPrec(refPrec)
	num := new(big.Float).SetPrec(refPrec).Sub(e, one)
	den := new(big.Float).SetPrec(refPrec).Add(e, one)
	return num.Quo(num, den)
}

// ulpErr returns |got − ref| in units of the last place of ref rounded to a
// double (subnormal spacing 2⁻¹⁰⁷⁴ at the bottom).
func ulpErr(got float64, ref *big.Float) float64 {
	r, _ := ref.Float64()
	if math.IsInf(r, 0) {
		if got == r {
			return 0
		}
		return math.Inf(1)
	}
	_, e := math.Frexp(r)
	ulp := math.Ldexp(1, max(e-53, -1074))
	if r == 0 {
		ulp = math.Ldexp(1, -1074)
	}
	d := new(big.Float).SetPrec(refPrec).SetFloat64(got)
	d.Sub(d, ref)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

// testPoints returns arguments spread over [lo, hi] plus points near 0, the
// ends, and the reduction boundaries (odd multiples of ln2/2).
func testPoints(rng *rand.Rand, lo, hi float64, n int) []float64 {
	var xs []float64
	for range n {
		xs = append(xs, lo+(hi-lo)*rng.Float64())
	}
	for range n / 4 { // log-uniform magnitudes 1e-300 … 1
		v := math.Pow(10, -300*rng.Float64())
		if rng.IntN(2) == 0 {
			v = -v
		}
		xs = append(xs, v)
	}
	for k := -2047; k <= 2047; k += 2 {
		b := float64(k) * math.Ln2 / 2
		if b > lo && b < hi {
			xs = append(xs, b, math.Nextafter(b, math.Inf(1)), math.Nextafter(b, math.Inf(-1)))
		}
	}
	xs = append(xs, lo, hi, 0, math.Copysign(0, -1), 1, -1, 5e-324, -5e-324)
	return xs
}

type vecCase struct {
	name string
	f    func(dst, x []float64)
	ref  func(float64) *big.Float
	lo   float64
	hi   float64
	// Max ulp error allowed for the assembly, and for the portable path,
	// which is the math package's own accuracy (math.Exp on amd64 measures
	// 1.5 ulp here).
	limit, limitGo float64
}

var vecCases = []vecCase{
	{"Exp", Exp, refExp, expLo, expHi, 1.25, 2},
	{"Sigmoid", Sigmoid, refSigmoid, -60, 60, 3, 3},
	{"Tanh", Tanh, refTanh, -25, 25, 3, 3},
}

// TestVecULP measures the error of Exp, Sigmoid and Tanh in ulps against the
// 200-bit reference and fails above each function's stated bound.
func TestVecULP(t *testing.T) {
	for _, kern := range kernels() {
		for _, c := range vecCases {
			withKernel(kern, func() {
				rng := rand.New(rand.NewPCG(7, 8))
				xs := testPoints(rng, c.lo, c.hi, 3000)
				got := make([]float64, len(xs))
				c.f(got, xs)
				worst, worstX, sum := 0.0, 0.0, 0.0
				for i, x := range xs {
					e := ulpErr(got[i], c.ref(x))
					sum += e
					if e > worst {
						worst, worstX = e, x
					}
				}
				t.Logf("%s %s: %d points in [%g, %g]: max error %.3f ulp (at x = %.17g), mean %.4f ulp",
					kern.name, c.name, len(xs), c.lo, c.hi, worst, worstX, sum/float64(len(xs)))
				limit := c.limit
				if kern == goKernel {
					limit = c.limitGo
				}
				if worst > limit {
					t.Errorf("%s %s: max error %.3f ulp at x = %.17g, want ≤ %g", kern.name, c.name, worst, worstX, limit)
				}
			})
		}
	}
}

// TestExpSpecial covers the arguments the assembly leaves to math.Exp
// (overflow, subnormal results, +Inf, NaN), those it sets to 0 (below
// −745.2, −Inf included; exactly math.Exp's 0) and subnormal inputs.
func TestExpSpecial(t *testing.T) {
	xs := []float64{
		math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, -5e-324, 2.2250738585072014e-308,
		709.4, math.Nextafter(709.4, 800), 709.78, 709.782712893384, 709.7827128933841, 710, 1000, math.MaxFloat64,
		-708.3, math.Nextafter(-708.3, -800), -708.4, -720, -740, -745.1, -745.1332191019411, -745.2, -800, -math.MaxFloat64,
	}
	for _, kern := range kernels() {
		withKernel(kern, func() {
			got := make([]float64, len(xs))
			Exp(got, xs)
			for i, x := range xs {
				want := math.Exp(x)
				if expHandled(x) && x >= expZero {
					if e := ulpErr(got[i], refExp(x)); e > 1 {
						t.Errorf("%s: Exp(%g) = %g, %.2f ulp from exp", kern.name, x, got[i], e)
					}
					continue
				}
				if !(got[i] == want || math.IsNaN(got[i]) && math.IsNaN(want)) || math.Signbit(got[i]) != math.Signbit(want) {
					t.Errorf("%s: Exp(%g) = %g, want %g as math.Exp", kern.name, x, got[i], want)
				}
			}
		})
	}
}

func TestSigmoidTanhSpecial(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		f       func(dst, x []float64)
		name    string
		x, want float64
	}{
		{Sigmoid, "Sigmoid", nan, nan}, {Sigmoid, "Sigmoid", inf, 1}, {Sigmoid, "Sigmoid", -inf, 0},
		{Sigmoid, "Sigmoid", 0, 0.5}, {Sigmoid, "Sigmoid", 800, 1}, {Sigmoid, "Sigmoid", -800, 0},
		{Sigmoid, "Sigmoid", -740, math.Exp(-740)},
		{Tanh, "Tanh", nan, nan}, {Tanh, "Tanh", inf, 1}, {Tanh, "Tanh", -inf, -1},
		{Tanh, "Tanh", 0, 0}, {Tanh, "Tanh", math.Copysign(0, -1), math.Copysign(0, -1)},
		{Tanh, "Tanh", 20, 1}, {Tanh, "Tanh", -1000, -1}, {Tanh, "Tanh", 1e-300, 1e-300}, {Tanh, "Tanh", -5e-324, -5e-324},
	}
	for _, kern := range kernels() {
		withKernel(kern, func() {
			for _, c := range cases {
				x := []float64{c.x, c.x, c.x, c.x, c.x} // a full block and a tail
				c.f(x, x)
				for _, got := range x {
					same := got == c.want && math.Signbit(got) == math.Signbit(c.want) || math.IsNaN(got) && math.IsNaN(c.want)
					if !same {
						t.Errorf("%s: %s(%g) = %g, want %g", kern.name, c.name, c.x, got, c.want)
					}
				}
			}
		})
	}
}

// TestVecPositionIndependent checks that a value's result does not depend on
// where it sits (full block, tail, a block with an unhandled neighbour),
// that dst may be x itself, and that lengths 0…40 all work.
func TestVecPositionIndependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, kern := range kernels() {
		for _, c := range vecCases {
			withKernel(kern, func() {
				for n := 0; n <= 40; n++ {
					x := make([]float64, n)
					for i := range x {
						x[i] = c.lo + (c.hi-c.lo)*rng.Float64()
						if rng.IntN(7) == 0 {
							x[i] = []float64{math.NaN(), math.Inf(1), -1000, 1000}[rng.IntN(4)]
						}
					}
					got := make([]float64, n)
					c.f(got, x)
					one := make([]float64, 1)
					for i, v := range x {
						c.f(one, []float64{v})
						if !(one[0] == got[i] || math.IsNaN(one[0]) && math.IsNaN(got[i])) {
							t.Fatalf("%s %s n=%d: element %d (x=%g) = %g in the slice but %g alone", kern.name, c.name, n, i, v, got[i], one[0])
						}
					}
					inPlace := append([]float64(nil), x...)
					c.f(inPlace, inPlace)
					for i := range x {
						if !(inPlace[i] == got[i] || math.IsNaN(inPlace[i]) && math.IsNaN(got[i])) {
							t.Fatalf("%s %s n=%d: in place element %d = %g, want %g", kern.name, c.name, n, i, inPlace[i], got[i])
						}
					}
				}
			})
		}
	}
}

func TestVecLengthMismatch(t *testing.T) {
	for _, c := range vecCases {
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, "dst has 3 elements but x has 4") {
					t.Errorf("%s: panic %q, want a length message", c.name, msg)
				}
			}()
			c.f(make([]float64, 3), make([]float64, 4))
		}()
	}
}
