package attention

import (
	"math"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
)

// Wrong implementations a student might write, to check that the
// checkers name the mistake.

func softmaxNaive(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		out[i] = make([]float64, len(row))
		z := 0.0
		for j, v := range row {
			out[i][j] = math.Exp(v)
			z += out[i][j]
		}
		for j := range out[i] {
			out[i][j] /= z
		}
	}
	return out
}

func softmaxColumns(x [][]float64) [][]float64 { return transpose(softmaxRows(transpose(x))) }

func softmaxWhole(x [][]float64) [][]float64 {
	m, z := math.Inf(-1), 0.0
	for _, r := range x {
		for _, v := range r {
			m = math.Max(m, v)
		}
	}
	out := make([][]float64, len(x))
	for i, r := range x {
		out[i] = make([]float64, len(r))
		for j, v := range r {
			out[i][j] = math.Exp(v - m)
			z += out[i][j]
		}
	}
	for i := range out {
		for j := range out[i] {
			out[i][j] /= z
		}
	}
	return out
}

func softmaxUnnormalised(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, v)
		}
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = math.Exp(v - m)
		}
	}
	return out
}

func softmaxInPlace(x [][]float64) [][]float64 {
	r := softmaxRows(x)
	for i := range x {
		copy(x[i], r[i])
	}
	return x
}

func attendUnscaled(Q, K, V [][]float64) [][]float64 {
	return matmul(softmaxRows(scores(Q, K, 1)), V)
}

func attendDouble(Q, K, V [][]float64) [][]float64 {
	return matmul(softmaxRows(softmaxRows(scores(Q, K, 1))), V)
}

func attendWeights(Q, K, V [][]float64) [][]float64 {
	return softmaxRows(scores(Q, K, 1/math.Sqrt(float64(len(Q[0])))))
}

func attendColumns(Q, K, V [][]float64) [][]float64 {
	return matmul(softmaxColumns(scores(Q, K, 1/math.Sqrt(float64(len(Q[0]))))), V)
}

func causalFuture(n int) [][]float64 { return transpose(causalMask(n)) }

func causalStrict(n int) [][]float64 {
	m := causalMask(n)
	for i := range m {
		m[i][i] = math.Inf(-1)
	}
	return m
}

func causalTril(n int) [][]float64 {
	m := zeros(n, n)
	for i := range m {
		for j := 0; j <= i; j++ {
			m[i][j] = 1
		}
	}
	return m
}

func causalBig(n int) [][]float64 {
	m := causalMask(n)
	for i := range m {
		for j := i + 1; j < n; j++ {
			m[i][j] = -1e9
		}
	}
	return m
}

func paddingInverted(lengths []int, T int) [][]bool {
	m := paddingMask(lengths, T)
	for _, r := range m {
		for t := range r {
			r[t] = !r[t]
		}
	}
	return m
}

func paddingLate(lengths []int, T int) [][]bool {
	m := make([][]bool, len(lengths))
	for b, n := range lengths {
		m[b] = make([]bool, T)
		for t := range m[b] {
			m[b][t] = t > n
		}
	}
	return m
}

func paddingEarly(lengths []int, T int) [][]bool {
	m := make([][]bool, len(lengths))
	for b, n := range lengths {
		m[b] = make([]bool, T)
		for t := range m[b] {
			m[b][t] = t >= n-1
		}
	}
	return m
}

func attendDV(Q, K, V [][]float64) [][]float64 {
	return matmul(softmaxRows(scores(Q, K, 1/math.Sqrt(float64(len(V[0]))))), V)
}

func paddingSeed(lengths []int, T int) [][]bool {
	m := make([][]bool, len(lengths))
	for b, n := range lengths {
		m[b] = []bool{n == 0}
	}
	return m
}

func paddingTransposed(lengths []int, T int) [][]bool {
	p := paddingMask(lengths, T)
	m := make([][]bool, T)
	for t := range m {
		m[t] = make([]bool, len(lengths))
		for b := range lengths {
			m[t][b] = p[b][t]
		}
	}
	return m
}

func paddingPanics(lengths []int, T int) [][]bool {
	var m [][]bool
	m[0] = nil
	return m
}

func paddingWrongSig(lengths []int) [][]bool { return nil }

// TestCheckers checks each exercise's verdict on right and typical wrong
// answers: the right one passes the visible check and every hidden test;
// each wrong one fails, naming the cause.
func TestCheckers(t *testing.T) {
	cases := []struct {
		ex     *lessons.Exercise
		answer any
		ok     bool
		want   string // in the problem or a cause
	}{
		{ExWeights, []float64{0.140, 0.284, 0.576}, true, ""},
		{ExWeights, []float64{0.090, 0.245, 0.665}, false, "without the $1/\\sqrt{d_k}$"},
		{ExWeights, softmaxRows(softmaxRows(scores(exQ, exK, 1)))[0], false, "double softmax"},
		{ExWeights, []float64{0.707, 1.414, 2.121}, false, "scaled scores"},
		{ExWeights, []float64{0.14, 0.28}, false, "shape"},
		{ExWeights, "0.14", false, "a string"},

		{ExSoftmax, softmaxRows, true, ""},
		{ExSoftmax, softmaxNaive, false, "overflowed"},
		{ExSoftmax, softmaxColumns, false, "axis"},
		{ExSoftmax, softmaxWhole, false, "whole matrix"},
		{ExSoftmax, softmaxUnnormalised, false, "before dividing"},
		{ExSoftmax, func(x []float64) []float64 { return x }, false, "func(x [][]float64) [][]float64"},
		{ExSoftmax, 3.0, false, "function"},

		{ExAttend, attend, true, ""},
		{ExAttend, attendUnscaled, false, "scaling is missing"},
		{ExAttend, attendDouble, false, "seed document's formula"},
		{ExAttend, attendWeights, false, "returned the attention weights"},
		{ExAttend, attendColumns, false, "over the queries"},
		{ExAttend, attendDV, false, "the width of V"},

		{ExCausal, causalMask, true, ""},
		{ExCausal, causalFuture, false, "hides the past"},
		{ExCausal, causalStrict, false, "diagonal"},
		{ExCausal, causalTril, false, "tril"},
		{ExCausal, causalBig, false, "−1e9"},

		{ExPadding, paddingMask, true, ""},
		{ExPadding, paddingInverted, false, "flipped"},
		{ExPadding, paddingLate, false, "Off by one"},
		{ExPadding, paddingEarly, false, "last real token"},
		{ExPadding, paddingSeed, false, "enc_lengths.unsqueeze(1) == 0"},
		{ExPadding, paddingTransposed, false, "transposed"},
		{ExPadding, paddingPanics, false, "panic"},
		{ExPadding, paddingWrongSig, false, "func paddingMask(lengths []int, T int) [][]bool"},
		{ExPadding, nil, false, "nil"},
		{ExPadding, [][]bool{{true}}, false, "function itself"},

		{ExContext, []float64{1.3, 2.4}, true, ""},
		{ExContext, []float64{5.0 / 3, 2}, false, "plain average"},
		{ExContext, []float64{5, 6}, false, "without their weights"},

		{ExMasked, []float64{0.881, 0.119, 0}, true, ""},
		{ExMasked, []float64{0.665, 0.090, 0.245}, false, "ignore the mask"},
		{ExMasked, []float64{0.665, 0.090, 0}, false, "after the softmax"},
		{ExMasked, []float64{0.731, 0, 0.269}, false, "second key"},
		{ExMasked, []float64{0, 0.269, 0.731}, false, "masked key 0"},
		{ExMasked, []float64{math.NaN(), math.NaN(), math.NaN()}, false, "NaN"},

		{ExScale, 8, true, ""},
		{ExScale, 64, false, "variance"},
		{ExScale, 1, false, "after dividing"},

		{ExHeadDim, 64, true, ""},
		{ExHeadDim, 512, false, "whole embedding"},
		{ExHeadDim, 4096, false, "divide"},

		{ExParams, 16640, true, ""},
		{ExParams, 16384, false, "biases"},
		{ExParams, 12480, false, "out_proj"},
		{ExParams, 66560, false, "multiply by $h$"},

		{ExSplitHeads, splitHeads, true, ""},
		{ExSplitHeads, splitView, false, "view(h, L, d_h)"},
		{ExSplitHeads, splitStrided, false, "contiguous"},
		{ExSplitHeads, splitTokensFirst, false, "tokens first"},

		{ExMaskConvention, "b", true, ""},
		{ExMaskConvention, "B ", true, ""},
		{ExMaskConvention, "a", false, "not allowed"},
		{ExMaskConvention, "d", false, "blocks nothing"},
		{ExMaskConvention, "e", false, "a, b, c, d"},

		{ExWeightsShape, []int{2, 4, 5, 5}, true, ""},
		{ExWeightsShape, []int{2, 5, 5}, false, "averaged"},
		{ExWeightsShape, []int{8, 5, 5}, false, "internally"},
		{ExWeightsShape, []int{4, 2, 5, 5}, false, "batch axis"},

		{ExReadHead, 1, true, ""},
		{ExReadHead, 3, false, "itself"},
		{ExReadHead, "1", false, "int"},

		{ExReverseKey, 4, true, ""},
		{ExReverseKey, 5, false, "start at 0"},
		{ExReverseKey, 1, false, "main diagonal"},
	}
	defer lessons.ResetSubmissions()
	for _, c := range cases {
		f := c.ex.Check(c.answer)
		text := f.Problem + " " + strings.Join(f.Causes, " ")
		if f.Passed != c.ok {
			t.Errorf("%s on %v: passed = %v, want %v\n%s", c.ex.ID(), c.answer, f.Passed, c.ok, f)
			continue
		}
		if c.ok {
			if g := c.ex.Grade(c.answer); g.Passed != g.Tests {
				t.Errorf("%s: the right answer fails a hidden test: %v", c.ex.ID(), g.Failures)
			}
			continue
		}
		if !strings.Contains(text, c.want) {
			t.Errorf("%s on %v: feedback lacks %q:\n%s", c.ex.ID(), c.answer, c.want, f)
		}
	}
}

// TestHiddenTests checks mistakes only the hidden tests catch.
func TestHiddenTests(t *testing.T) {
	g := ExSoftmax.Grade(softmaxInPlace)
	if g.Passed == g.Tests {
		t.Error("a softmax that overwrites its input passes every hidden test")
	}
	for _, f := range g.Failures {
		if !f.Hidden {
			t.Errorf("the visible check failed: %s", f)
		}
	}
	if g := ExCausal.Grade(func(n int) [][]float64 { return causalMask(4) }); g.Passed == g.Tests {
		t.Error("a causal mask of fixed size passes every hidden test")
	}
	fixed := func(lengths []int, T int) [][]bool { return paddingMask([]int{3, 5, 1}, 5) }
	if g := ExPadding.Grade(fixed); g.Passed == g.Tests {
		t.Error("a padding mask ignoring its input passes every hidden test")
	}
}

// TestCheckersZH checks that feedback is Chinese in zh mode.
func TestCheckersZH(t *testing.T) {
	lessons.SetLang(lessons.ZH)
	defer lessons.SetLang(lessons.EN)
	defer lessons.ResetSubmissions()
	for _, c := range []struct {
		ex     *lessons.Exercise
		answer any
		want   string
	}{
		{ExSoftmax, softmaxNaive, "溢出"},
		{ExAttend, attendUnscaled, "缩放"},
		{ExPadding, paddingLate, "差了一位"},
		{ExMaskConvention, "a", "不允许"},
	} {
		f := c.ex.Check(c.answer)
		if s := f.String(); !strings.Contains(s, c.want) {
			t.Errorf("%s: zh feedback lacks %q:\n%s", c.ex.ID(), c.want, s)
		}
	}
}

// TestLessons checks the registration of notebooks 05 and 06.
func TestLessons(t *testing.T) {
	for name, n := range map[string]int{"05-attention": 8, "06-multihead": 7} {
		l, ok := lessons.Find(name)
		if !ok || len(l.Exercises) != n {
			t.Errorf("lesson %s: found %v with %d exercises, want %d", name, ok, len(l.Exercises), n)
		}
	}
}
