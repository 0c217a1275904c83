package attention

import (
	"fmt"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// SoftmaxWork is the softmax of one row of scores worked out twice: as
// the formula is written, exp(x_j)/Σ exp(x_j), and stably, with the
// row's maximum subtracted first. In a cell it shows both side by side.
type SoftmaxWork struct {
	X []float64 // the scores

	// The formula as written: Exp[j] = e^{x_j}, Sum = Σ Exp, Naive = Exp/Sum.
	// Exp overflows to +Inf beyond x ≈ 709.78, and Inf/Inf is NaN.
	Exp   []float64
	Sum   float64
	Naive []float64

	// The stable way: Max = m, ShiftedExp[j] = e^{x_j − m}, Z = Σ
	// ShiftedExp, Weights from nn.Softmax (checked against mathref.Softmax).
	Max        float64
	ShiftedExp []float64
	Z          float64
	Weights    []float64

	Agree  bool   // nn and mathref agree (within 1e-12)
	Report string // the comparison, for the student
}

// SoftmaxSteps works out the softmax of the scores x both ways.
func SoftmaxSteps(x ...float64) *SoftmaxWork {
	if len(x) == 0 {
		fail("attention.softmax.empty")
	}
	w := &SoftmaxWork{X: append([]float64(nil), x...), Max: math.Inf(-1)}
	for _, v := range x {
		e := math.Exp(v)
		w.Exp = append(w.Exp, e)
		w.Sum += e
		w.Max = math.Max(w.Max, v)
	}
	for _, e := range w.Exp {
		w.Naive = append(w.Naive, e/w.Sum)
	}
	for _, v := range x {
		e := math.Exp(v - w.Max)
		w.ShiftedExp = append(w.ShiftedExp, e)
		w.Z += e
	}
	w.Weights = nn.NewSoftmax(-1).Forward(nn.FromData(append([]float64(nil), x...), len(x))).Data
	ref := mathref.Softmax(mathref.Vector(x...), -1)
	cl := mathref.AllClose(mathref.Vector(w.Weights...), ref, 1e-12, 1e-12)
	w.Agree = cl.OK
	if cl.OK {
		w.Report = lessons.T("attention.softmax.ok", lessons.Num(cl.MaxAbsDiff))
	} else {
		w.Report = lessons.T("attention.check.bad", "softmax", fmt.Sprint(cl.First), cl.FirstGot, cl.FirstWant)
	}
	return w
}

// Step returns the side-by-side table as a step (Markdown with formulas).
func (w *SoftmaxWork) Step() lessons.Step {
	const d = 4
	var b strings.Builder
	fmt.Fprintf(&b, "| $j$ | $x_j$ | $e^{x_j}$ | %s | $x_j - m$ | $e^{x_j - m}$ | %s |\n|---:|---:|---:|---:|---:|---:|---:|\n",
		lessons.T("attention.softmax.naiveCol"), lessons.T("attention.softmax.stableCol"))
	for j, x := range w.X {
		fmt.Fprintf(&b, "| %d | $%s$ | $%s$ | $%s$ | $%s$ | $%s$ | $%s$ |\n", j, num(x, d), sci(w.Exp[j]), num(w.Naive[j], d),
			num(x-w.Max, d), num(w.ShiftedExp[j], d), num(w.Weights[j], d))
	}
	fmt.Fprintf(&b, "| Σ | | $%s$ | $%s$ | | $%s$ | $%s$ |\n\n", sci(w.Sum), num(sum(w.Naive), d), num(w.Z, d), num(sum(w.Weights), d))
	b.WriteString(lessons.T("attention.softmax.max", num(w.Max, d)) + " ")
	if hasNaN(w.Naive) {
		b.WriteString(lessons.T("attention.softmax.overflow") + " ")
	} else {
		b.WriteString(lessons.T("attention.softmax.same") + " ")
	}
	mark := "✓"
	if !w.Agree {
		mark = "⚠"
	}
	b.WriteString(mark + " " + w.Report + "\n")
	return lessons.Step{Title: lessons.T("attention.softmax.title"), Body: b.String()}
}

// Markdown returns the table.
func (w *SoftmaxWork) Markdown() string { return w.Step().Markdown() }

// HTML returns the table with formulas as MathML.
func (w *SoftmaxWork) HTML() string { return w.Step().HTML() }

// sci writes a possibly huge number for a formula: 2.718, 1.97 \times
// 10^{434} is not representable, so +∞ shows as such.
func sci(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) < 1e6 {
		return num(v, 4)
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	return fmt.Sprintf(`%s \times 10^{%d}`, num(v/math.Pow(10, e), 3), int(e))
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func hasNaN(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) {
			return true
		}
	}
	return false
}
