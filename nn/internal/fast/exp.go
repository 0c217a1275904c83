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
	// Below expZero e^a rounds to 0 (math.Exp underflows below −745.13);
	// the assembly writes 0 for such arguments, −Inf included.
	expZero = -745.2
)

// Exp sets dst[i] = eˣ for x = x[i]. dst and x must have the same length;
// they may be the same slice but must not otherwise overlap.
//
// The assembly path is within 1 ulp of the correctly rounded result over
// [-708.3, 709.4] (TestVecULP measures the maximum) and writes 0 below
// −745.2 (−Inf included); the other arguments (overflow to +Inf, subnormal
// results, +Inf, NaN) are computed by math.Exp, so special values follow
// math.Exp exactly.
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

func expHandled(v float64) bool     { return v >= expLo && v <= expHi || v < expZero }
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
		applyBlock(asm, scalar, handled, dst[i:i+cnt], x[i:i+cnt])
		i += cnt
	}
}

// applyBlock computes up to four elements: handled lanes through asm, the
// others through scalar.
func applyBlock(asm vecFunc, scalar func(float64) float64, handled func(float64) bool, dst, x []float64) {
	var in, safe, out [4]float64
	cnt := copy(in[:], x)
	for j := range cnt {
		if handled(in[j]) {
			safe[j] = in[j]
		}
	}
	asm(&out[0], &safe[0], 4)
	for j := range cnt {
		if handled(in[j]) {
			dst[j] = out[j]
		} else {
			dst[j] = scalar(in[j])
		}
	}
}

// Softmax sets dst to the softmax of the whole slice x:
//
//	dst[i] = exp(x[i] − m) / Σ_j exp(x[j] − m),  m = max_j x[j],
//
// with the exponentials from Exp and the division done as a multiplication
// by the reciprocal of the sum. As in PyTorch, a NaN in x makes every
// output NaN, and so does a slice that is all −Inf. dst and x follow the
// rules of Exp.
func Softmax(dst, x []float64) {
	checkLen("Softmax", dst, x)
	if len(x) == 0 {
		return
	}
	s := expShiftSum(dst, x, maxOf(x))
	scale(dst, 1/s)
}

// LogSoftmax sets dst[i] = (x[i] − m) − log Σ_j exp(x[j] − m) with
// m = max_j x[j]. NaN and all-−Inf slices give NaN, as in PyTorch. dst and
// x follow the rules of Exp.
func LogSoftmax(dst, x []float64) {
	checkLen("LogSoftmax", dst, x)
	if len(x) == 0 {
		return
	}
	m := maxOf(x)
	var s float64
	if &dst[0] == &x[0] {
		buf := scratchPool.Get().(*gemmScratch)
		buf.tile = grow(buf.tile, len(x))
		s = expShiftSum(buf.tile, x, m)
		scratchPool.Put(buf)
	} else {
		s = expShiftSum(dst, x, m)
	}
	ls := math.Log(s)
	for i, v := range x {
		dst[i] = v - m - ls
	}
}

// maxOf returns the largest element of x, or NaN if x holds a NaN.
func maxOf(x []float64) float64 {
	m, nan := math.Inf(-1), false
	i := 0
	if f := activeKernel.vmax; f != nil {
		if n4 := len(x) &^ 3; n4 > 0 {
			m, nan = f(&x[0], n4)
			i = n4
		}
	}
	for _, v := range x[i:] {
		if v > m {
			m = v
		}
		nan = nan || v != v
	}
	if nan {
		return math.NaN()
	}
	return m
}

// expShiftSum sets dst[i] = exp(x[i] − m), each as Exp would compute it,
// and returns their sum.
func expShiftSum(dst, x []float64, m float64) float64 {
	k := activeKernel
	if k.vexpshift == nil || k.vexp == nil {
		s := 0.0
		for i, v := range x {
			e := math.Exp(v - m)
			dst[i] = e
			s += e
		}
		return s
	}
	n, i, s := len(x), 0, 0.0
	for i < n {
		if n4 := (n - i) &^ 3; n4 > 0 {
			done, part := k.vexpshift(&dst[i], &x[i], n4, m)
			i += done
			s += part
			if i >= n {
				break
			}
		}
		cnt := min(4, n-i)
		var d [4]float64
		for j := range cnt {
			d[j] = x[i+j] - m
		}
		applyBlock(k.vexp, math.Exp, expHandled, dst[i:i+cnt], d[:cnt])
		for _, e := range dst[i : i+cnt] {
			s += e
		}
		i += cnt
	}
	return s
}

// scale multiplies x by a.
func scale(x []float64, a float64) {
	i := 0
	if f := activeKernel.vscale; f != nil {
		if n4 := len(x) &^ 3; n4 > 0 {
			f(&x[0], n4, a)
			i = n4
		}
	}
	for j := i; j < len(x); j++ {
		x[j] *= a
	}
}
