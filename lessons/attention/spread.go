package attention

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/viz"
)

// Spread is the measured spread of the dot product q·k of random vectors
// whose entries are independent with mean 0 and variance 1, for several
// sizes d: the reason attention divides by √d_k. Var(q·k) = d in theory,
// so its standard deviation grows like √d, and softmax over such scores
// approaches a one-hot vector; q·k/√d keeps standard deviation 1.
type Spread struct {
	D       []int // the sizes measured
	Samples int   // dot products per size
	Keys    int   // keys per query in the softmax measurement

	Var, Std  []float64 // variance and standard deviation of q·k, per size
	ScaledStd []float64 // standard deviation of q·k/√d, per size
	// MaxWeight and MaxWeightScaled are the mean of the largest softmax
	// weight of one query over Keys keys, unscaled and scaled: near 1 means
	// the softmax has become one-hot (and its gradients vanish).
	MaxWeight, MaxWeightScaled []float64
}

// DefaultSizes are the sizes MeasureSpread uses when given none.
var DefaultSizes = []int{1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 320, 384, 448, 512}

// MeasureSpread draws samples pairs q, k of standard normal entries for
// each size d (nil means DefaultSizes; samples 0 means 2000) and measures
// the spread of q·k and how peaked a softmax over 8 keys becomes. The
// seed makes the draws reproducible.
func MeasureSpread(sizes []int, samples int, seed uint64) *Spread {
	if sizes == nil {
		sizes = DefaultSizes
	}
	if samples == 0 {
		samples = 2000
	}
	if samples < 2 || samples > 1000000 {
		fail("attention.spread.samples", samples)
	}
	s := &Spread{D: append([]int(nil), sizes...), Samples: samples, Keys: 8}
	rng := rand.New(rand.NewPCG(seed, 0xd07))
	for _, d := range sizes {
		if d < 1 || d > 100000 {
			fail("attention.spread.size", d)
		}
		dots := make([]float64, samples)
		for n := range dots {
			dots[n] = dot(randn(rng, d), randn(rng, d))
		}
		mean, v := meanVar(dots)
		_ = mean
		s.Var = append(s.Var, v)
		s.Std = append(s.Std, math.Sqrt(v))
		s.ScaledStd = append(s.ScaledStd, math.Sqrt(v/float64(d)))
		un, sc := s.peak(rng, d)
		s.MaxWeight = append(s.MaxWeight, un)
		s.MaxWeightScaled = append(s.MaxWeightScaled, sc)
	}
	return s
}

// peak returns the mean largest softmax weight of one query over s.Keys
// keys, without and with the 1/√d scaling.
func (s *Spread) peak(rng *rand.Rand, d int) (unscaled, scaled float64) {
	n := max(200, s.Samples/4)
	scores := make([]float64, s.Keys)
	for t := 0; t < n; t++ {
		q := randn(rng, d)
		for j := range scores {
			scores[j] = dot(q, randn(rng, d))
		}
		unscaled += maxSoftmax(scores, 1)
		scaled += maxSoftmax(scores, 1/math.Sqrt(float64(d)))
	}
	return unscaled / float64(n), scaled / float64(n)
}

func maxSoftmax(x []float64, c float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, c*v)
	}
	z := 0.0
	for _, v := range x {
		z += math.Exp(c*v - m)
	}
	return 1 / z // the largest weight is e^0/z
}

func randn(rng *rand.Rand, d int) []float64 {
	v := make([]float64, d)
	for i := range v {
		v[i] = rng.NormFloat64()
	}
	return v
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x)-1)
}

// Figure plots the standard deviations against d, with √d for reference,
// and the largest softmax weight with and without scaling.
func (s *Spread) Figure() *viz.Figure {
	syncViz()
	x := make([]float64, len(s.D))
	root := make([]float64, len(s.D))
	for i, d := range s.D {
		x[i] = float64(d)
		root[i] = math.Sqrt(float64(d))
	}
	stdPanel, wPanel := lessons.T("attention.spread.stdPanel"), lessons.T("attention.spread.wPanel", s.Keys)
	return viz.Curves([]viz.Series{
		{Name: lessons.T("attention.spread.unscaled"), Panel: stdPanel, X: x, Y: s.Std},
		{Name: lessons.T("attention.spread.scaled"), Panel: stdPanel, X: x, Y: s.ScaledStd},
		{Name: "√d", Panel: stdPanel, X: x, Y: root},
		{Name: lessons.T("attention.spread.unscaled"), Panel: wPanel, X: x, Y: s.MaxWeight},
		{Name: lessons.T("attention.spread.scaled"), Panel: wPanel, X: x, Y: s.MaxWeightScaled},
	}, viz.Options{Title: lessons.T("attention.spread.title"), XLabel: "d"})
}

// Step returns the table and the figure as one step.
func (s *Spread) Step() lessons.Step {
	var b strings.Builder
	b.WriteString(lessons.T("attention.spread.intro", s.Samples, s.Keys) + "\n\n")
	fmt.Fprintf(&b, "| $d$ | %s | $\\sqrt{d}$ | %s | %s | %s |\n|---:|---:|---:|---:|---:|---:|\n",
		lessons.T("attention.spread.colStd"), lessons.T("attention.spread.colScaled"),
		lessons.T("attention.spread.colMax"), lessons.T("attention.spread.colMaxScaled"))
	for i, d := range s.D {
		fmt.Fprintf(&b, "| %d | %.2f | %.2f | %.3f | %.3f | %.3f |\n", d, s.Std[i], math.Sqrt(float64(d)), s.ScaledStd[i], s.MaxWeight[i], s.MaxWeightScaled[i])
	}
	return lessons.Step{Title: lessons.T("attention.spread.title"), Body: b.String(), Figures: []any{s.Figure()}}
}

// Markdown returns the table (without the figure).
func (s *Spread) Markdown() string { return s.Step().Markdown() }

// HTML returns the table and the figure.
func (s *Spread) HTML() string { return s.Step().HTML() }
