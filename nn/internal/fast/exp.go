package fast

import (
	"fmt"
	"math"
)

// Arguments the assembly handles; the rest go to the math package. exp(a)
// stays a normal, finite double for a in [expLo, expHi] (the limits in
// exp_amd64.s are the same doubles).
const (
	expLo = -708.3
	expHi = 709.4
)

// Exp sets dst[i] = eˣ for x = x[i]. dst and x must have the same length;
// they may be the same slice but must not otherwise overlap.
//
// The assembly path is within 1 ulp of the correctly rounded result over
// [-708.3, 709.4] (see TestExpULP for the measured maximum); other arguments
// (overflow to +Inf, subnormal and zero results, ±Inf, NaN) are computed by
// math.Exp, so special values follow math.Exp exactly.
func Exp(dst, x []float64) {
	checkLen("Exp", dst, x)
	vecApply(activeKernel.vexp, math.Exp, expHandled, dst, x)
}

// Sigmoid sets dst[i] = 1/(1+e⁻ˣ) for x = x[i], computed as 1/(1+e^−|x|)
// for x ≥ 0 and e^x/(1+e^x) for x < 0 so that neither side overflows or
// loses relative accuracy. dst and x follow the rules of Exp. The error is
// within 3 ulp; NaN gives NaN.
func Sigmoid(dst, x []float64) {
	checkLen("Sigmoid", dst, x)
	vecApply(activeKernel.vsigmoid, sigmoidScalar, sigmoidHandled, dst, x)
}

// Tanh sets dst[i] = tanh(x[i]), computed as m/(m+2) with m = e^{2|x|} − 1
// evaluated without cancellation, and the sign of x. dst and x follow the
// rules of Exp. The error is within 3 ulp; ±0 and NaN are preserved and
// |x| ≥ 20 gives ±1.
func Tanh(dst, x []float64) {
	checkLen("Tanh", dst, x)
	vecApply(activeKernel.vtanh, math.Tanh, tanhHandled, dst, x)
}

func checkLen(op string, dst, x []float64) {
	if len(dst) != len(x) {
		panic(fmt.Sprintf("fast: %s: dst has %d elements but x has %d; they must match", op, len(dst), len(x)))
	}
}

func expHandled(v float64) bool     { return v >= expLo && v <= expHi }
func sigmoidHandled(v float64) bool { return math.Abs(v) <= -expLo }
func tanhHandled(v float64) bool    { return !math.IsNaN(v) }

// sigmoidScalar is the portable sigmoid, with the same two-sided formula as
// the assembly.
func sigmoidScalar(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

// vecFunc is an assembly loop: it processes n (a multiple of 4) elements and
// returns how many it wrote, stopping before the first block of four that
// holds an argument it does not handle.
type vecFunc func(dst, x *float64, n int) int

// vecApply runs asm over x, finishing the blocks it stops at, and the tail,
// lane by lane: handled lanes still go through asm (so a value's result does
// not depend on its position), the others through scalar.
func vecApply(asm vecFunc, scalar func(float64) float64, handled func(float64) bool, dst, x []float64) {
	if asm == nil {
		for i, v := range x {
			dst[i] = scalar(v)
		}
		return
	}
	n := len(x)
	i := 0
	for i < n {
		if n4 := (n - i) &^ 3; n4 > 0 {
			i += asm(&dst[i], &x[i], n4)
			if i >= n {
				return
			}
		}
		cnt := min(4, n-i)
		var in, safe, out [4]float64
		copy(in[:], x[i:i+cnt])
		for j := range cnt {
			if handled(in[j]) {
				safe[j] = in[j]
			}
		}
		asm(&out[0], &safe[0], 4)
		for j := range cnt {
			if handled(in[j]) {
				dst[i+j] = out[j]
			} else {
				dst[i+j] = scalar(in[j])
			}
		}
		i += cnt
	}
}
