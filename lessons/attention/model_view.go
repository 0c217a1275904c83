package attention

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/viz"
)

// positions labels the n output (query) and input (key) positions.
func positions(n int) (outs, ins []string) {
	for i := 0; i < n; i++ {
		outs = append(outs, lessons.T("attention.model.out", i))
		ins = append(ins, lessons.T("attention.model.in", i))
	}
	return outs, ins
}

// Expected returns the ideal attention map of the task: row i has 1 at
// the input position output i must copy.
func (m *TaskModel) Expected() [][]float64 {
	n := m.Config.Length
	e := zeros(n, n)
	for i := range e {
		e[i][m.Config.source(i, n)] = 1
	}
	return e
}

// PatternScore is the mean weight the learned map puts on the expected
// key: 1 means exactly the task's pattern, 1/n means uniform.
func (m *TaskModel) PatternScore() float64 {
	n := m.Config.Length
	s := 0.0
	for i := 0; i < n; i++ {
		s += m.MeanMap[i][m.Config.source(i, n)]
	}
	return s / float64(n)
}

// Map draws the attention weights averaged over the held-out sequences
// (and the heads).
func (m *TaskModel) Map() *viz.Figure {
	syncViz()
	outs, ins := positions(m.Config.Length)
	return viz.Attention(m.MeanMap, outs, ins, viz.Options{
		Title: lessons.T("attention.model.mapTitle", m.taskName()), Annotate: true, Range: []float64{0, 1}})
}

// Heads draws each head's weights averaged over the held-out sequences.
func (m *TaskModel) Heads() *viz.Figure {
	syncViz()
	outs, ins := positions(m.Config.Length)
	return viz.AttentionHeads(m.HeadMaps, outs, ins, viz.Options{
		Title: lessons.T("attention.mha.headsTitle"), Range: []float64{0, 1}, Annotate: m.Config.Length <= 6})
}

// Curves draws the training loss and the held-out accuracy.
func (m *TaskModel) Curves() *viz.Figure {
	syncViz()
	steps := make([]float64, len(m.Loss))
	for i := range steps {
		steps[i] = float64(i + 1)
	}
	ts := make([]float64, len(m.TestSteps))
	for i, s := range m.TestSteps {
		ts[i] = float64(s)
	}
	chance := []float64{m.Chance, m.Chance}
	accPanel := lessons.T("attention.model.accPanel")
	return viz.Curves([]viz.Series{
		{Name: lessons.T("attention.model.train"), Panel: lessons.T("attention.model.lossPanel"), X: steps, Y: m.Loss},
		{Name: lessons.T("attention.model.heldOut"), Panel: accPanel, X: ts, Y: m.TestAccuracy},
		{Name: lessons.T("attention.model.chance"), Panel: accPanel, X: []float64{ts[0], ts[len(ts)-1]}, Y: chance},
	}, viz.Options{Title: lessons.T("attention.model.curvesTitle", m.taskName())})
}

func (m *TaskModel) taskName() string { return lessons.T("attention.task." + m.Config.Task) }

// Step summarises the training: the model, the accuracy on held-out
// sequences, and the figures.
func (m *TaskModel) Step() lessons.Step {
	c := m.Config
	var b strings.Builder
	b.WriteString(lessons.T("attention.model.summary", m.taskName(), c.Length, c.Vocab-1, c.Embed, c.Heads, c.Steps, c.Batch, c.LR,
		m.Elapsed.Seconds()) + "\n\n")
	if c.NoPosition {
		b.WriteString(lessons.T("attention.model.noPos") + "\n\n")
	}
	if m.Interrupted {
		b.WriteString(lessons.T("attention.model.interrupted", len(m.Loss)) + "\n\n")
	}
	fmt.Fprintf(&b, "| %s | %s |\n|---|---:|\n", lessons.T("attention.model.measure"), lessons.T("attention.model.value"))
	fmt.Fprintf(&b, "| %s | %.1f%% |\n", lessons.T("attention.model.digitAcc", len(m.test)), 100*m.DigitAccuracy)
	fmt.Fprintf(&b, "| %s | %.1f%% |\n", lessons.T("attention.model.seqAcc", len(m.test)), 100*m.SequenceAccuracy)
	fmt.Fprintf(&b, "| %s | %.1f%% |\n", lessons.T("attention.model.chanceRow"), 100*m.Chance)
	fmt.Fprintf(&b, "| %s | %.3f |\n\n", lessons.T("attention.model.pattern"), m.PatternScore())
	return lessons.Step{Title: lessons.T("attention.model.title", m.taskName()), Body: b.String(), Figures: []any{m.Curves(), m.Map()}}
}

// HTML shows the summary and the figures.
func (m *TaskModel) HTML() string { return m.Step().HTML() }

// Markdown shows the summary.
func (m *TaskModel) Markdown() string { return m.Step().Markdown() }

// String is a one-line summary.
func (m *TaskModel) String() string {
	return lessons.T("attention.model.string", m.taskName(), 100*m.DigitAccuracy, 100*m.SequenceAccuracy, len(m.test), m.PatternScore())
}

// Show runs the model on one sequence: the input, the target, the
// prediction and this sequence's attention weights (mean over heads).
func (m *TaskModel) Show(seq ...int) lessons.Step {
	pred := m.Predict(seq)[0]
	want := m.Config.Target(seq)
	hw := m.Weights(seq)
	n := len(seq)
	w := zeros(n, n)
	for _, h := range hw {
		for i := range h {
			for j, v := range h[i] {
				w[i][j] += v / float64(len(hw))
			}
		}
	}
	outs, ins := make([]string, n), make([]string, n)
	right := 0
	for i := range seq {
		outs[i] = fmt.Sprintf("%s → %d", lessons.T("attention.model.out", i), pred[i])
		ins[i] = fmt.Sprintf("%d", seq[i])
		if pred[i] == want[i] {
			right++
		}
	}
	body := lessons.T("attention.model.show", ints(seq), ints(want), ints(pred), right, n)
	syncViz()
	fig := viz.Attention(w, outs, ins, viz.Options{Title: lessons.T("attention.model.showTitle"), Annotate: n <= 8,
		Range: []float64{0, 1}, XLabel: lessons.T("attention.model.inputDigit")})
	return lessons.Step{Title: lessons.T("attention.model.showStep"), Body: body, Figures: []any{fig}}
}

func ints(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprint(x)
	}
	return "`" + strings.Join(parts, " ") + "`"
}

// PatternHeads returns four attention heads over the sentence "the cat
// sat on the mat" (猫 坐 在 垫子 上 了), each computed by nn.SDPA from
// hand-made queries and keys so that it has one clear pattern, and a
// figure of them. Reading which head does what is an exercise of
// notebook 06.
func PatternHeads() ([][][]float64, *viz.Figure) {
	tokens := []string{}
	for _, t := range patternSentence {
		tokens = append(tokens, t.String())
	}
	n := len(tokens)
	const c = 6.0 // sharpness
	build := func(q, k func(i, e int) float64) [][]float64 {
		Q, K := zeros(n, n), zeros(n, n)
		for i := 0; i < n; i++ {
			for e := 0; e < n; e++ {
				Q[i][e], K[i][e] = q(i, e), k(i, e)
			}
		}
		return Walk(tokens, Q, K, K, Options{Scale: 1}).Weights
	}
	eq := func(a, b int) float64 {
		if a == b {
			return 1
		}
		return 0
	}
	heads := [][][]float64{
		build(func(i, e int) float64 { return c * eq(e, 0) }, func(j, e int) float64 { return eq(e, j) }),       // the first token
		build(func(i, e int) float64 { return c * eq(e, i) }, func(j, e int) float64 { return eq(e, (j+1)%n) }), // the previous token (token 0: the last)
		build(func(i, e int) float64 { return 0 }, func(j, e int) float64 { return eq(e, j) }),                  // uniform
		build(func(i, e int) float64 { return c * eq(e, i) }, func(j, e int) float64 { return eq(e, j) }),       // itself
	}
	syncViz()
	labels := make([]string, len(heads))
	for h := range labels {
		labels[h] = lessons.T("attention.mha.head", h)
	}
	fig := viz.AttentionHeads(heads, tokens, tokens, viz.Options{Title: lessons.T("attention.patterns.title"),
		Labels: labels, Range: []float64{0, 1}, Annotate: true, Format: "%.1f"})
	return heads, fig
}

var patternSentence = []lessons.Text{
	{EN: "the", ZH: "猫"}, {EN: "cat", ZH: "坐"}, {EN: "sat", ZH: "在"}, {EN: "on", ZH: "垫子"}, {EN: "the", ZH: "上"}, {EN: "mat", ZH: "了"},
}

// MeanHeads averages per-head weights (h, L, S) over the heads, as
// nn.MultiheadAttention does by default (average_attn_weights=True).
func MeanHeads(heads [][][]float64) [][]float64 {
	if len(heads) == 0 || len(heads[0]) == 0 {
		fail("attention.mean.empty")
	}
	out := zeros(len(heads[0]), len(heads[0][0]))
	for h, hw := range heads {
		if len(hw) != len(out) {
			fail("attention.mean.shape", h, len(hw), len(out))
		}
		for i := range hw {
			if len(hw[i]) != len(out[i]) {
				fail("attention.mean.shape", h, len(hw[i]), len(out[i]))
			}
			for j, v := range hw[i] {
				out[i][j] += v / float64(len(heads))
			}
		}
	}
	return out
}

// PatternAverage draws the average of the four PatternHeads: what
// nn.MultiheadAttention returns by default, a blur that hides every
// head's pattern.
func PatternAverage() *viz.Figure {
	heads, _ := PatternHeads()
	tokens := []string{}
	for _, t := range patternSentence {
		tokens = append(tokens, t.String())
	}
	syncViz()
	return viz.Attention(MeanHeads(heads), tokens, tokens, viz.Options{
		Title: lessons.T("attention.mha.avgTitle", len(heads)), Annotate: true, Format: "%.2f", Range: []float64{0, 1}})
}
