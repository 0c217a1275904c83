package rnn

import (
	"math"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
)

// Every exercise: the solution's answer passes; each typical mistake
// fails with its own explanation; a wrong kind of answer is told what is
// expected.
func TestExercises(t *testing.T) {
	cases := []struct {
		ex    *lessons.Exercise
		right any
		wrong []struct {
			answer any
			cause  string
		}
	}{
		{ExStep, []float64{0.422, 0.874}, []struct {
			answer any
			cause  string
		}{
			{[]float64{0.45, 1.35}, "pre-activations"},
			{tanhAll(preact(exX, exH, exWIH, exWHH, exBIH, nil)), "left out $b_{hh}$"},
			{tanhAll(preact(exX, exH, exWHH, exWIH, exBIH, exBHH)), "swapped the weights"},
			{tanhAll(preact(exX, exH, transpose(exWIH), transpose(exWHH), exBIH, exBHH)), "transposed"},
			{tanhAll(preact(exX, []float64{0, 0}, exWIH, exWHH, exBIH, exBHH)), "left out $W_{hh}h_{t-1}$"},
			{[]float64{0, 0}, "is 0"},
		}},
		{ExShapes, [][]int{{20, 10}, {20, 20}}, []struct {
			answer any
			cause  string
		}{{[][]int{{10, 20}, {20, 20}}, "d2l"}, {[][]int{{20, 20}, {20, 10}}, "swapped"}}},
		{ExParams, 640, []struct {
			answer any
			cause  string
		}{{620, "one bias"}, {600, "left out the biases"}, {32000, "shared across time"}, {400, "only $W_{hh}$"}}},
		{ExReLU, []float64{0, 1.65}, []struct {
			answer any
			cause  string
		}{{[]float64{-0.15, 1.65}, "pre-activations"}, {[]float64{math.Tanh(-0.15), math.Tanh(1.65)}, "tanh RNN"}}},
		{ExGradient, 0.373, []struct {
			answer any
			cause  string
		}{{0.2236, "$\\partial h_3/\\partial h_0$"}, {0.64, "left out $\\tanh'"}, {1.24, "added"}, {0.8 * 0.75 * 0.8 * 0.64, "used $h_1$ and $h_2$"}}},
		{ExLSTMStep, [][]float64{{0.94, -0.535}, {0.515, -0.196}}, []struct {
			answer any
			cause  string
		}{{lstmState("noTanh"), "left out the tanh"}, {lstmState("tanhOutside"), "before the output gate"},
			{lstmState("noForget"), "forget gate scales it"}, {lstmState("noCPrev"), "dropped the memory"}, {lstmState("swapFI"), "swapped the gates"}}},
		{ExGateOrder, []int{5, 10}, []struct {
			answer any
			cause  string
		}{{[]int{0, 5}, "input gate"}, {[]int{5, 9}, "stops before"}, {[]int{10, 15}, "candidate"}, {[]int{15, 20}, "output gate"}, {[]int{3, 6}, "not $I = 3$"}}},
		{ExGRUCandidate, 0.818, []struct {
			answer any
			cause  string
		}{{math.Tanh(1.45), "original paper"}, {math.Tanh(0.8 + 0.1 + 0.25*0.6 + 0.4), "outside the reset gate"},
			{math.Tanh(1.9), "left out the reset gate"}, {math.Tanh(1.05), "left out $b_{hn}$"}, {1.15, "pre-activation"}}},
		{ExLSTMParams, 2560, []struct {
			answer any
			cause  string
		}{{640, "plain RNN"}, {2480, "one bias"}, {2400, "left out the biases"}, {1920, "GRU"}}},
		{ExPaddedIndex, []int{5, 2, 0, 3}, []struct {
			answer any
			cause  string
		}{{[]int{5, 5, 5, 5}, "output[:, -1]"}, {[]int{6, 3, 1, 4}, "Off by one"}}},
		{ExH0Shape, []int{3, 32, 64}, []struct {
			answer any
			cause  string
		}{{[]int{32, 3, 64}, "does not apply"}, {[]int{1, 32, 64}, "three layers"}, {[]int{3, 20, 64}, "sequence length"}, {[]int{3, 32, 10}, "input size"}, {[]int{32, 20, 64}, "shape of `output`"}}},
	}
	for _, c := range cases {
		t.Run(c.ex.ID(), func(t *testing.T) {
			if f := c.ex.Check(c.right); !f.Passed {
				t.Fatalf("the solution fails:\n%s", f.Markdown())
			}
			for _, w := range c.wrong {
				f := c.ex.Check(w.answer)
				if f.Passed {
					t.Errorf("%v passes", w.answer)
					continue
				}
				if !strings.Contains(strings.Join(f.Causes, " "), w.cause) {
					t.Errorf("%v: causes %q lack %q", w.answer, f.Causes, w.cause)
				}
			}
			if f := c.ex.Check("forty"); f.Passed || !strings.Contains(f.Problem, "xpected a") {
				t.Errorf("a string gets %q", f.Problem)
			}
			if s := c.ex.Solution(); !strings.Contains(string(s), "Check(") {
				t.Errorf("the solution does not show the call:\n%s", s)
			}
		})
	}
	lessons.ResetSubmissions()
}

// The solutions' own numbers pass, to their rounding.
func TestSolutionsMatchReferences(t *testing.T) {
	if d := gradProduct(1, 3, true); math.Abs(d-0.372736) > 1e-12 {
		t.Errorf("∂h_3/∂h_1 = %v", d)
	}
	h := cell(exX, exH, exWIH, exWHH, exBIH, exBHH, "tanh")
	if math.Abs(h[0]-math.Tanh(0.45)) > 1e-15 || math.Abs(h[1]-math.Tanh(1.35)) > 1e-15 {
		t.Errorf("ExStep reference %v", h)
	}
	if r := cell(reluX, reluH, reluWIH, reluWHH, reluBIH, reluBHH, "relu"); r[0] != 0 || math.Abs(r[1]-1.65) > 1e-12 {
		t.Errorf("ExReLU reference %v", r)
	}
}

func goodStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	out := make([]float64, len(whh))
	for k := range out {
		a := bih[k] + bhh[k]
		for j, v := range x {
			a += wih[k][j] * v
		}
		for l, v := range h {
			a += whh[k][l] * v
		}
		out[k] = math.Tanh(a)
	}
	return out
}

func oneBiasStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	return goodStep(x, h, wih, whh, bih, make([]float64, len(bhh)))
}

// transposedStep indexes wih as (I, H): right for square weights only.
func transposedStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	out := make([]float64, len(whh))
	for k := range out {
		a := bih[k] + bhh[k]
		for j, v := range x {
			if j < len(wih) && k < len(wih[j]) {
				a += wih[j][k] * v
			}
		}
		for l, v := range h {
			a += whh[l][k] * v
		}
		out[k] = math.Tanh(a)
	}
	return out
}

func mutatingStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	out := goodStep(x, h, wih, whh, bih, bhh)
	copy(h, out)
	return h
}

func TestStepFuncGrading(t *testing.T) {
	g := ExStepFunc.Grade(goodStep)
	if g.Passed != g.Tests {
		t.Fatalf("a correct step passes %d of %d tests: %v", g.Passed, g.Tests, g.Failures)
	}
	f := ExStepFunc.Check(oneBiasStep)
	if f.Passed || !strings.Contains(strings.Join(f.Causes, " "), "left out $b_{hh}$") {
		t.Errorf("one bias: %s", f.Markdown())
	}
	if g := ExStepFunc.Grade(transposedStep); g.Passed == g.Tests {
		t.Error("the transposed step passes the hidden tests")
	}
	if g := ExStepFunc.Grade(mutatingStep); g.Passed == g.Tests {
		t.Error("a step that overwrites h passes every test")
	}
	if f := ExStepFunc.Check(func(x []float64) []float64 { return x }); f.Passed || !strings.Contains(f.Problem, "func(") {
		t.Errorf("wrong signature: %s", f.Problem)
	}
	lessons.ResetSubmissions()
}

// No two of an exercise's mistakes are the same answer, and none is the
// right one.
func TestMistakesDistinct(t *testing.T) {
	check := func(name string, want []float64, mistakes ...[]float64) {
		for i, m := range mistakes {
			if lessons.Compare(arr(m), arr(want), lessons.ByHand).OK() {
				t.Errorf("%s: mistake %d equals the answer", name, i)
			}
			for j := i + 1; j < len(mistakes); j++ {
				if lessons.Compare(arr(m), arr(mistakes[j]), lessons.ByHand).OK() {
					t.Errorf("%s: mistakes %d and %d are the same answer", name, i, j)
				}
			}
		}
	}
	pre := func(wih, whh [][]float64, bih, bhh []float64, h []float64) []float64 {
		return tanhAll(preact(exX, h, wih, whh, bih, bhh))
	}
	check("rnn.step", cell(exX, exH, exWIH, exWHH, exBIH, exBHH, "tanh"),
		preact(exX, exH, exWIH, exWHH, exBIH, exBHH), pre(exWIH, exWHH, exBIH, nil, exH), pre(exWIH, exWHH, nil, exBHH, exH),
		pre(exWIH, exWHH, nil, nil, exH), pre(exWHH, exWIH, exBIH, exBHH, exH), pre(transpose(exWIH), transpose(exWHH), exBIH, exBHH, exH),
		pre(exWIH, exWHH, exBIH, exBHH, []float64{0, 0}))
	check("lstm.step", flat(lstmState("")), flat(lstmState("noTanh")), flat(lstmState("tanhOutside")),
		flat(lstmState("noForget")), flat(lstmState("noCPrev")), flat(lstmState("swapFI")))
}

func arr(v []float64) lessons.Array { a, _ := lessons.AsArray(v); return a }

func goodLast(output [][][]float64, lengths []int) [][]float64 { return refLastStates(output, lengths) }

// aliasLast returns the rows themselves, not copies, and then scribbles
// on them: the Pure hidden test catches it.
func aliasLast(output [][][]float64, lengths []int) [][]float64 {
	out := make([][]float64, len(output))
	for b := range output {
		out[b] = output[b][lengths[b]-1]
		out[b][0] += 0
		output[b][0][0] = 99
	}
	return out
}

func TestLastStatesGrading(t *testing.T) {
	if g := ExLastStates.Grade(goodLast); g.Passed != g.Tests {
		t.Fatalf("the solution passes %d of %d: %v", g.Passed, g.Tests, g.Failures)
	}
	f := ExLastStates.Check(lastStatesSeed)
	if f.Passed || !strings.Contains(strings.Join(f.Causes, " "), "output[:, -1]") {
		t.Errorf("the seed's reading: %s", f.Markdown())
	}
	off := func(output [][][]float64, lengths []int) [][]float64 {
		out := make([][]float64, len(output))
		for b := range output {
			out[b] = output[b][lengths[b]]
		}
		return out
	}
	if f := ExLastStates.Check(off); f.Passed || !strings.Contains(f.Problem, "index out of range") {
		t.Errorf("reading at lengths[b]: %s", f.Markdown())
	}
	if g := ExLastStates.Grade(aliasLast); g.Passed == g.Tests {
		t.Error("a function that changes output passes every test")
	}
	lessons.ResetSubmissions()
}
