package rnn

import (
	"math"
	"testing"

	"github.com/stepwise-go/stepwise/mathref"
)

// fdJacobianNorm computes ‖∂h_T/∂h_t‖_F by central finite differences
// through mathref's literal RNN: perturb h_t one unit at a time and run
// the remaining steps again.
func fdJacobianNorm(p params, nl string, x [][]float64, t int) float64 {
	T, H := len(x), p.H
	w := refWeights(p)
	ht := make([]float64, H)
	if t > 0 {
		ht = mathref.RNN(mathref.Matrix(x[:t]), mathref.Tensor{}, w, nl).HN.Data
	}
	if t == T {
		return math.Sqrt(float64(H))
	}
	rest := mathref.Matrix(x[t:])
	const eps = 1e-6
	sum := 0.0
	for j := 0; j < H; j++ {
		plus, minus := append([]float64(nil), ht...), append([]float64(nil), ht...)
		plus[j] += eps
		minus[j] -= eps
		hp := mathref.RNN(rest, mathref.Vector(plus...), w, nl).HN.Data
		hm := mathref.RNN(rest, mathref.Vector(minus...), w, nl).HN.Data
		for i := range hp {
			d := (hp[i] - hm[i]) / (2 * eps)
			sum += d * d
		}
	}
	return math.Sqrt(sum)
}

// The gradient norms from nn's backward pass match central finite
// differences of mathref's forward pass (relative 1e-6; the step is 1e-6,
// so the truncation error is about 1e-12 and rounding about 1e-10).
func TestGradientsFiniteDifferences(t *testing.T) {
	xs := OneHot("four score and", Alphabet(Gettysburg()))
	for _, nl := range []string{"tanh", "relu"} {
		scales := []float64{0.5, 1, 2}
		g := Gradients(xs, 4, scales, GradOptions{Nonlinearity: nl, Seed: 3})
		if !g.Agree {
			t.Fatalf("%s: %s", nl, g.Report)
		}
		for k, s := range scales {
			p := studyWeights(len(xs[0]), 4, s, GradOptions{Nonlinearity: nl, Seed: 3, InputScale: 0.5})
			for tt := 0; tt <= len(xs); tt++ {
				fd := fdJacobianNorm(p, nl, xs, tt)
				got := g.Norms[k][tt]
				if d := math.Abs(got-fd) / math.Max(fd, 1e-12); d > 1e-6 && math.Abs(got-fd) > 1e-9 {
					t.Errorf("%s s=%g t=%d: norm %v, finite differences %v (rel %g)", nl, s, tt, got, fd, d)
				}
			}
		}
	}
}

// The claims of notebook 03, on its own setting (16 units, the first 60
// characters): ‖∂h_T/∂h_T‖ = √H; with tanh, s = 0.5, 0.9 and 1 vanish,
// s = 1.5 stays within a factor of 10, s = 3 explodes; with ReLU, s = 2
// and 3 explode harder than tanh at 3. With 8 units, tanh at s = 3
// saturates and vanishes instead (the notebook says so too).
func TestGradientsNotebookClaims(t *testing.T) {
	text := Gettysburg()
	xs := OneHot(text[:60], Alphabet(text))
	g := Gradients(xs, 16, []float64{0.5, 0.9, 1, 1.5, 3})
	for k := range g.Scales {
		if n := g.Norms[k][g.Steps]; math.Abs(n-4) > 1e-12 {
			t.Errorf("‖∂h_T/∂h_T‖ = %v, want √16 = 4", n)
		}
	}
	for k, s := range g.Scales {
		n0, nT := g.Norms[k][0], g.Norms[k][g.Steps]
		switch {
		case s <= 1 && !(n0 < nT*1e-3):
			t.Errorf("tanh s=%g: ‖∂h_T/∂h_0‖ = %v does not vanish", s, n0)
		case s == 1.5 && !(n0 > nT/10 && n0 < nT*10):
			t.Errorf("tanh s=1.5: ‖∂h_T/∂h_0‖ = %v is not balanced", n0)
		case s == 3 && !(n0 > nT*1e4):
			t.Errorf("tanh s=3: ‖∂h_T/∂h_0‖ = %v does not explode", n0)
		}
	}
	r := Gradients(xs, 16, []float64{1, 2, 3}, GradOptions{Nonlinearity: "relu"})
	if !(r.Norms[0][0] < g.Norms[2][0]) {
		t.Errorf("relu s=1 (%v) should vanish faster than tanh s=1 (%v)", r.Norms[0][0], g.Norms[2][0])
	}
	if !(r.Norms[1][0] > 1e4 && r.Norms[2][0] > g.Norms[4][0]) {
		t.Errorf("relu s=2, 3: %v, %v; tanh s=3: %v", r.Norms[1][0], r.Norms[2][0], g.Norms[4][0])
	}
	small := Gradients(xs, 8, []float64{3})
	if !(small.Norms[0][0] < small.Norms[0][small.Steps]) {
		t.Errorf("8 units, s=3: ‖∂h_T/∂h_0‖ = %v, expected the saturated units to make it vanish", small.Norms[0][0])
	}
}
