package attention

import (
	"fmt"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/viz"
)

// maxWalked is how many queries the walkthrough steps through when
// Options.Queries does not say.
const maxWalked = 8

// walkthrough builds the player: inputs (and projections), the steps of
// each query shown, then all the weights.
func (a *Attention) walkthrough() *lessons.Walkthrough {
	w := &lessons.Walkthrough{Title: lessons.T("attention.walk.title"), Intro: a.intro()}
	if a.proj != nil {
		w.Steps = append(w.Steps, a.warn(a.projectionStep()))
	}
	w.Steps = append(w.Steps, a.warn(a.inputStep()))
	for _, i := range a.shownQueries() {
		w.Steps = append(w.Steps, a.querySteps(i)...)
	}
	w.Steps = append(w.Steps, a.warn(a.allStep()))
	return w
}

func (a *Attention) shownQueries() []int {
	if a.Options.Queries != nil {
		return a.Options.Queries
	}
	n := min(len(a.Queries), maxWalked)
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// warn puts the nn/mathref disagreement on top of a step, loudly.
func (a *Attention) warn(s lessons.Step) lessons.Step {
	if !a.Agree {
		s.Body = "> **⚠ " + lessons.T("attention.check.warn") + "** " + a.Report + "\n\n" + s.Body
	}
	return s
}

func (a *Attention) intro() string {
	L, S, dv := len(a.Queries), len(a.Keys), len(a.V[0])
	s := lessons.T("attention.walk.intro", L, S, a.DK, dv) + " "
	if a.Options.Queries == nil && L > maxWalked {
		s += lessons.T("attention.walk.first", maxWalked) + " "
	}
	mark := "✓"
	if !a.Agree {
		mark = "⚠"
	}
	return s + mark + " " + a.Report
}

// sqrtDK writes √d_k, and its value when it is a whole number.
func (a *Attention) scaleTeX() string {
	if a.Options.Scale != 0 {
		return num(a.Scale, 4)
	}
	return fmt.Sprintf(`\frac{1}{\sqrt{%d}} = %s`, a.DK, num(a.Scale, 4))
}

func (a *Attention) projectionStep() lessons.Step {
	p := a.proj
	d := a.Options.Digits
	body := lessons.T("attention.body.proj", dims(p.X), dims(p.WQ), dims(p.WK), dims(p.WV)) + "\n\n" +
		fmt.Sprintf("$$X = %s$$\n\n", mat(p.X, d)) +
		fmt.Sprintf("$$Q = X W_Q = %s %s = %s$$\n\n", mat(p.X, d), mat(p.WQ, d), mat(a.Q, d)) +
		fmt.Sprintf("$$K = X W_K = %s$$\n\n$$V = X W_V = %s$$\n", mat(a.K, d), mat(a.V, d))
	return lessons.Step{Title: lessons.T("attention.step.proj"), Body: body}
}

func (a *Attention) inputStep() lessons.Step {
	d := a.Options.Digits
	var b strings.Builder
	b.WriteString(`$$\alpha_{ij} = \mathrm{softmax}_j\!\left(\frac{q_i \cdot k_j}{\sqrt{d_k}} + M_{ij}\right), \qquad c_i = \sum_j \alpha_{ij}\, v_j$$` + "\n\n")
	b.WriteString(lessons.T("attention.body.inputs", a.DK, a.scaleTeX()) + "\n\n")
	self := a.proj != nil || sameTokens(a.Queries, a.Keys) && len(a.Q) == len(a.K)
	if self {
		fmt.Fprintf(&b, "| %s | $q_i$ | $k_i$ | $v_i$ |\n|---|---|---|---|\n", lessons.T("attention.word.token"))
		for i, t := range a.Queries {
			fmt.Fprintf(&b, "| %d: %s | $%s$ | $%s$ | $%s$ |\n", i, mdEscape(t), vec(a.Q[i], d), vec(a.K[i], d), vec(a.V[i], d))
		}
	} else {
		fmt.Fprintf(&b, "| %s | $q_i$ |\n|---|---|\n", lessons.T("attention.word.query"))
		for i, t := range a.Queries {
			fmt.Fprintf(&b, "| %d: %s | $%s$ |\n", i, mdEscape(t), vec(a.Q[i], d))
		}
		fmt.Fprintf(&b, "\n| %s | $k_j$ | $v_j$ |\n|---|---|---|\n", lessons.T("attention.word.key"))
		for j, t := range a.Keys {
			fmt.Fprintf(&b, "| %d: %s | $%s$ | $%s$ |\n", j, mdEscape(t), vec(a.K[j], d), vec(a.V[j], d))
		}
	}
	b.WriteString("\n" + a.maskSentence() + "\n")
	return lessons.Step{Title: lessons.T("attention.step.inputs"), Body: b.String()}
}

func sameTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (a *Attention) maskSentence() string {
	var parts []string
	if a.Options.Causal {
		parts = append(parts, lessons.T("attention.mask.causal"))
	}
	if a.Options.Padding != nil {
		var pads []string
		for j, p := range a.Options.Padding {
			if p {
				pads = append(pads, fmt.Sprintf("%d (%s)", j, mdEscape(a.Keys[j])))
			}
		}
		if len(pads) == 0 {
			pads = []string{"–"}
		}
		parts = append(parts, lessons.T("attention.mask.padding", strings.Join(pads, ", ")))
	}
	if len(parts) == 0 {
		return lessons.T("attention.mask.none")
	}
	return strings.Join(parts, " ")
}

// querySteps returns the steps of query i: scores, mask (if any key is
// masked), softmax and context vector.
func (a *Attention) querySteps(i int) []lessons.Step {
	steps := []lessons.Step{a.scoreStep(i)}
	for j := range a.Keys {
		if a.Options.masked(i, j) {
			steps = append(steps, a.maskStep(i))
			break
		}
	}
	steps = append(steps, a.softmaxStep(i), a.contextStep(i))
	for k := range steps {
		steps[k] = a.warn(steps[k])
	}
	return steps
}

func (a *Attention) title(i int, key string) string {
	return lessons.T("attention.step.query", i, a.Queries[i]) + lessons.T(key)
}

func (a *Attention) scoreStep(i int) lessons.Step {
	d := a.Options.Digits
	var lines []string
	for j := range a.Keys {
		dot, scaled := a.Dots[i][j], a.Dots[i][j]*a.Scale
		var expanded string
		if a.DK <= 6 {
			prods := make([]string, a.DK)
			sum := 0.0
			for e := 0; e < a.DK; e++ {
				prods[e] = factor(a.Q[i][e], d) + ` \cdot ` + factor(a.K[j][e], d)
				sum += a.Q[i][e] * a.K[j][e]
			}
			if math.Abs(sum-dot) > 1e-9*(1+math.Abs(dot)) {
				prods = []string{`\text{` + lessons.T("attention.check.sum") + `}`}
			}
			expanded = strings.Join(prods, " + ")
		}
		var line string
		if a.Options.Scale == 0 {
			den := fmt.Sprintf(`\sqrt{%d}`, a.DK)
			root := math.Sqrt(float64(a.DK))
			if expanded != "" {
				line = fmt.Sprintf(`s_{%d,%d} &= \frac{%s}{%s} = \frac{%s}{%s} = %s`, i, j, expanded, den, num(dot, d), num(root, 3), num(scaled, d))
			} else {
				line = fmt.Sprintf(`s_{%d,%d} &= \frac{q_{%d} \cdot k_{%d}}{%s} = \frac{%s}{%s} = %s`, i, j, i, j, den, num(dot, d), num(root, 3), num(scaled, d))
			}
		} else {
			if expanded == "" {
				expanded = num(dot, d)
			}
			line = fmt.Sprintf(`s_{%d,%d} &= %s \cdot (%s) = %s`, i, j, num(a.Scale, 4), expanded, num(scaled, d))
		}
		lines = append(lines, line+`\qquad `+tok(a.Keys[j]))
	}
	body := lessons.T("attention.body.scores", i, mdEscape(a.Queries[i]), vec(a.Q[i], d)) + "\n\n" +
		`$$\begin{aligned}` + strings.Join(lines, ` \\ `) + `\end{aligned}$$` + "\n"
	if a.Options.Scale != 0 {
		body += "\n" + lessons.T("attention.body.customScale", num(a.Scale, 4)) + "\n"
	}
	return lessons.Step{Title: a.title(i, "attention.step.scores"), Body: body}
}

func (a *Attention) maskStep(i int) lessons.Step {
	d := a.Options.Digits
	var lines []string
	for j := range a.Keys {
		if !a.Options.masked(i, j) {
			continue
		}
		why := lessons.T("attention.mask.why.padding")
		if a.Options.Causal && j > i {
			why = lessons.T("attention.mask.why.future", j, i)
		}
		lines = append(lines, fmt.Sprintf(`s_{%d,%d} &= %s + (-\infty) = %s \qquad \text{%s}`, i, j,
			num(a.Dots[i][j]*a.Scale, d), num(a.Scores[i][j], d), texEscape(why)))
	}
	body := lessons.T("attention.body.mask") + "\n\n" + `$$\begin{aligned}` + strings.Join(lines, ` \\ `) + `\end{aligned}$$` + "\n"
	return lessons.Step{Title: a.title(i, "attention.step.mask"), Body: body}
}

func (a *Attention) softmaxStep(i int) lessons.Step {
	d := a.Options.Digits
	s, alpha := a.Scores[i], a.Weights[i]
	m := math.Inf(-1)
	for _, v := range s {
		m = math.Max(m, v)
	}
	step := lessons.Step{Title: a.title(i, "attention.step.softmax")}
	if math.IsInf(m, -1) {
		step.Body = lessons.T("attention.body.allMasked", i)
		return step
	}
	var lines, es []string
	Z := 0.0
	for j := range a.Keys {
		e := math.Exp(s[j] - m)
		Z += e
		es = append(es, num(e, d))
		lines = append(lines, fmt.Sprintf(`e^{s_{%d,%d} - m_{%d}} &= e^{%s - %s} = %s`, i, j, i, num(s[j], d), factor(m, d), num(e, d)))
	}
	lines = append(lines, fmt.Sprintf(`Z_{%d} &= %s = %s`, i, strings.Join(es, " + "), num(Z, d)))
	var alphas []string
	sum := 0.0
	for j := range a.Keys {
		alphas = append(alphas, num(alpha[j], d))
		sum += alpha[j]
		lines = append(lines, fmt.Sprintf(`\alpha_{%d,%d} &= \frac{%s}{%s} = %s`, i, j, num(math.Exp(s[j]-m), d), num(Z, d), num(alpha[j], d)))
	}
	body := lessons.T("attention.body.max", i, num(m, d)) + "\n\n" +
		`$$\begin{aligned}` + strings.Join(lines, ` \\ `) + `\end{aligned}$$` + "\n\n" +
		lessons.T("attention.body.sum", i, strings.Join(alphas, " + "), num(sum, 6)) + "\n"
	step.Body = body
	syncViz()
	step.Figures = []any{viz.Attention([][]float64{alpha}, []string{a.Queries[i]}, a.Keys, viz.Options{
		Title:    lessons.T("attention.fig.row", i, a.Queries[i]),
		Annotate: len(a.Keys) <= 10, Range: []float64{0, 1},
		Mask: maskRow(a.Options, i, len(a.Keys)),
	})}
	return step
}

func maskRow(o Options, i, S int) [][]bool {
	if !o.Causal && o.Padding == nil {
		return nil
	}
	r := make([]bool, S)
	for j := range r {
		r[j] = o.masked(i, j)
	}
	return [][]bool{r}
}

func (a *Attention) contextStep(i int) lessons.Step {
	d := a.Options.Digits
	alpha := a.Weights[i]
	step := lessons.Step{Title: a.title(i, "attention.step.context")}
	var terms []string
	best := -1
	for j := range a.Keys {
		if a.Options.masked(i, j) || math.IsNaN(alpha[j]) {
			continue
		}
		terms = append(terms, fmt.Sprintf(`%s\,%s`, num(alpha[j], d), vec(a.V[j], d)))
		if best < 0 || alpha[j] > alpha[best] {
			best = j
		}
	}
	if best < 0 {
		step.Body = lessons.T("attention.body.allMasked", i)
		return step
	}
	var b strings.Builder
	b.WriteString(lessons.T("attention.body.context", i) + "\n\n")
	b.WriteString(`$$\begin{aligned} c_{` + fmt.Sprint(i) + `} &= \sum_j \alpha_{` + fmt.Sprint(i) + `j}\, v_j \\ `)
	for k, t := range terms {
		op := "+"
		if k == 0 {
			op = "="
		}
		fmt.Fprintf(&b, `&%s %s \\ `, op, t)
	}
	fmt.Fprintf(&b, `&= %s \end{aligned}$$`+"\n\n", vec(a.Output[i], d))
	b.WriteString(lessons.T("attention.body.pull", num(alpha[best], d), mdEscape(a.Keys[best]), best, i) + "\n")
	step.Body = b.String()
	return step
}

func (a *Attention) allStep() lessons.Step {
	d := a.Options.Digits
	L := len(a.Queries)
	var b strings.Builder
	fmt.Fprintf(&b, "$$S = %s$$\n\n", mat(a.Scores, d))
	fmt.Fprintf(&b, `$$A = \mathrm{softmax}(S) = %s$$`+"\n\n", mat(a.Weights, d))
	fmt.Fprintf(&b, "$$C = A V = %s$$\n\n", mat(a.Output, d))
	b.WriteString(lessons.T("attention.body.all", L) + "\n\n")
	mark := "✓"
	if !a.Agree {
		mark = "⚠"
	}
	b.WriteString(mark + " " + a.Report + "\n")
	return lessons.Step{Title: lessons.T("attention.step.all"), Body: b.String(), Figures: []any{a.Heatmap()}}
}
