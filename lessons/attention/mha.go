package attention

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// MultiHead is one self-attention forward pass of an
// nn.MultiheadAttention layer over a short sequence, with every
// intermediate value, checked against mathref.MultiheadAttention when it
// is made. In a cell it shows a walkthrough: the input, the packed
// in-projection, the split into heads, each head's weights, the
// concatenation and the out-projection, and the weights as PyTorch
// returns them (averaged over the heads, or per head).
type MultiHead struct {
	Tokens  []string
	X       [][]float64 // (L, E): the input, one row per token
	E, H    int         // embed_dim and num_heads
	DH      int         // E/h, each head's size
	Options Options     // Causal and Padding apply; Scale does not (always 1/√d_h)

	Layer *nn.MultiheadAttention // the layer (its weights are the state dict's)

	Q, K, V     [][]float64   // (L, E): the projections before the split
	HeadQ       [][][]float64 // (h, L, d_h): Q split into heads (K and V split the same way)
	HeadWeights [][][]float64 // (h, L, L): each head's attention weights (average_attn_weights=False)
	Weights     [][]float64   // (L, L): the weights averaged over the heads (the default return)
	Concat      [][]float64   // (L, E): the heads' outputs side by side
	Output      [][]float64   // (L, E): Concat·W_oᵀ + b_o, the layer's output

	Agree   bool    // nn and mathref agree within 1e-9
	MaxDiff float64 // their largest difference
	Report  string  // the comparison, for the student

	walk *lessons.Walkthrough
}

// NewMultiHead builds nn.MultiheadAttention(E, heads) with weights drawn
// from seed (PyTorch's initialisation; biases start at zero) and runs it
// on X (L, E), one row per token.
func NewMultiHead(tokens []string, X any, heads int, seed uint64, opt ...Options) *MultiHead {
	x := matrix("X", X)
	E := len(x[0])
	if heads < 1 || E%heads != 0 {
		fail("attention.train.heads", E, heads)
	}
	nn.ManualSeed(seed)
	return MultiHeadOf(nn.NewMultiheadAttention(E, heads), tokens, x, opt...)
}

// MultiHeadOf runs an existing layer (for example one loaded from a
// PyTorch state dict) on X (L, E) as self-attention.
func MultiHeadOf(layer *nn.MultiheadAttention, tokens []string, X any, opt ...Options) *MultiHead {
	if layer == nil {
		fail("attention.input.nil", "layer")
	}
	x := matrix("X", X)
	tokens = checkTokens(tokens, len(x), "X", "X")
	if len(x[0]) != layer.EmbedDim {
		fail("attention.mha.embed", dims(x), layer.EmbedDim, len(x[0]))
	}
	o := options(opt)
	o.check(len(x), len(x))
	m := &MultiHead{Tokens: tokens, X: x, E: layer.EmbedDim, H: layer.NumHeads, DH: layer.EmbedDim / layer.NumHeads, Options: o, Layer: layer}
	m.run()
	m.check()
	m.walk = m.walkthrough()
	return m
}

func (m *MultiHead) nnOptions() []nn.Option {
	opts := []nn.Option{nn.AverageAttnWeights(false)}
	L := len(m.X)
	if m.Options.Causal {
		opts = append(opts, nn.AttnMask(nn.TriuMask(L, L))) // MHA's convention: true = may NOT attend
	}
	if m.Options.Padding != nil {
		p := nn.NewMask(L)
		copy(p.Data, m.Options.Padding)
		opts = append(opts, nn.KeyPaddingMask(p))
	}
	return opts
}

func (m *MultiHead) run() {
	x := nn.FromRows(m.X)
	out, w := m.Layer.Forward(x, x, x, m.nnOptions()...)
	L := len(m.X)
	m.Output = rows(out)
	m.HeadWeights = make([][][]float64, m.H)
	m.HeadQ = make([][][]float64, m.H)
	for h := 0; h < m.H; h++ {
		m.HeadWeights[h] = rows(&nn.Tensor{Shape: []int{L, L}, Data: w.Data[h*L*L : (h+1)*L*L]})
		m.HeadQ[h] = rows(&nn.Tensor{Shape: []int{L, m.DH}, Data: m.Layer.Q.Data[h*L*m.DH : (h+1)*L*m.DH]})
	}
	m.Q, m.K, m.V = mergeHeads(m.Layer.Q, L, m.H, m.DH), mergeHeads(m.Layer.K, L, m.H, m.DH), mergeHeads(m.Layer.V, L, m.H, m.DH)
	m.Concat = rows(&nn.Tensor{Shape: []int{L, m.E}, Data: m.Layer.Concat.Data})
	m.Weights = zeros(L, L)
	for _, hw := range m.HeadWeights {
		for i := range hw {
			for j, v := range hw[i] {
				m.Weights[i][j] += v / float64(m.H)
			}
		}
	}
}

// mergeHeads turns nn's (1, h, L, d) projection back into (L, E).
func mergeHeads(t *nn.Tensor, L, h, d int) [][]float64 {
	out := zeros(L, h*d)
	for k := 0; k < h; k++ {
		for i := 0; i < L; i++ {
			copy(out[i][k*d:(k+1)*d], t.Data[(k*L+i)*d:(k*L+i+1)*d])
		}
	}
	return out
}

// check compares every number with mathref.MultiheadAttention.
func (m *MultiHead) check() {
	p := mathref.MHAWeights{
		InProjWeight:  mathref.FromData(append([]float64(nil), m.Layer.InProjWeight.Data...), 3*m.E, m.E),
		OutProjWeight: mathref.FromData(append([]float64(nil), m.Layer.OutProj.Weight.Data...), m.E, m.E),
	}
	if m.Layer.InProjBias != nil {
		p.InProjBias = append([]float64(nil), m.Layer.InProjBias.Data...)
	}
	if m.Layer.OutProj.Bias != nil {
		p.OutProjBias = append([]float64(nil), m.Layer.OutProj.Bias.Data...)
	}
	o := mathref.AttnOpts{KeyPadding: m.Options.Padding}
	if m.Options.Causal {
		o.Block = nn2bool(nn.TriuMask(len(m.X), len(m.X)))
	}
	x := mathref.Matrix(m.X)
	ref := mathref.MultiheadAttention(x, x, x, p, m.H, o)
	cs := []comparison{{"Q", m.Q, ref.Q}, {"K", m.K, ref.K}, {"V", m.V, ref.V},
		{"Ā", m.Weights, ref.Weights}, {"out", m.Output, ref.Output}}
	for h := 0; h < m.H; h++ {
		cs = append(cs, comparison{fmt.Sprintf("A_%d", h), m.HeadWeights[h], ref.HeadWeights.Sub(h)})
	}
	m.Agree, m.MaxDiff, m.Report = agree("nn.MultiheadAttention", cs)
}

func nn2bool(mk *nn.Mask) [][]bool {
	r, c := mk.Shape[0], mk.Shape[1]
	out := make([][]bool, r)
	for i := range out {
		out[i] = append([]bool(nil), mk.Data[i*c:(i+1)*c]...)
	}
	return out
}

// HTML returns the walkthrough's player.
func (m *MultiHead) HTML() string { return m.walk.HTML() }

// Markdown returns the walkthrough as Markdown.
func (m *MultiHead) Markdown() string { return m.walk.Markdown() }

// Walkthrough returns the walkthrough.
func (m *MultiHead) Walkthrough() *lessons.Walkthrough { return m.walk }

// String summarises the layer and the check.
func (m *MultiHead) String() string {
	return lessons.T("attention.mha.string", len(m.X), m.E, m.H, m.DH, m.Report)
}

// Heads draws every head's weights side by side, one colour scale.
func (m *MultiHead) Heads() *viz.Figure {
	syncViz()
	labels := make([]string, m.H)
	for h := range labels {
		labels[h] = lessons.T("attention.mha.head", h)
	}
	return viz.AttentionHeads(m.HeadWeights, m.Tokens, m.Tokens, viz.Options{
		Title: lessons.T("attention.mha.headsTitle"), Labels: labels, Range: []float64{0, 1},
		Annotate: len(m.Tokens) <= 6, Mask: m.Options.maskGrid(len(m.X), len(m.X)),
	})
}

// Averaged draws the weights averaged over the heads, as
// nn.MultiheadAttention returns them by default.
func (m *MultiHead) Averaged() *viz.Figure {
	syncViz()
	return viz.Attention(m.Weights, m.Tokens, m.Tokens, viz.Options{
		Title: lessons.T("attention.mha.avgTitle", m.H), Range: []float64{0, 1},
		Annotate: len(m.Tokens) <= 8, Mask: m.Options.maskGrid(len(m.X), len(m.X)),
	})
}

// Shapes is the table of shapes through the layer for this input.
func (m *MultiHead) Shapes() lessons.Markdown {
	return MHAShapes(1, len(m.X), len(m.X), m.E, m.H, true)
}

func (m *MultiHead) walkthrough() *lessons.Walkthrough {
	L, d := len(m.X), m.Options.Digits
	w := &lessons.Walkthrough{Title: lessons.T("attention.mha.title"),
		Intro: lessons.T("attention.mha.intro", L, m.E, m.H, m.DH) + " " + mark(m.Agree) + " " + m.Report}
	add := func(title, body string, figs ...any) {
		if !m.Agree {
			body = "> **⚠ " + lessons.T("attention.check.warn") + "** " + m.Report + "\n\n" + body
		}
		w.Steps = append(w.Steps, lessons.Step{Title: title, Body: body, Figures: figs})
	}
	add(lessons.T("attention.mha.s.input"), "$$"+mathref.MHAFormula.TeX+"$$\n\n"+
		lessons.T("attention.mha.b.input", L, m.E)+"\n\n"+fmt.Sprintf("$$X = %s$$\n", mat(m.X, d)))
	add(lessons.T("attention.mha.s.inproj"), lessons.T("attention.mha.b.inproj", 3*m.E, m.E, m.E-1, m.E, 2*m.E-1, 2*m.E, 3*m.E-1)+"\n\n"+
		fmt.Sprintf("$$Q = X W_q^{\\top} + b_q = %s$$\n\n$$K = %s \\qquad V = %s$$\n", mat(m.Q, d), mat(m.K, d), mat(m.V, d)))
	var split strings.Builder
	split.WriteString(lessons.T("attention.mha.b.split", m.H, m.DH, m.DH) + "\n\n")
	for h := 0; h < m.H && h < 4; h++ {
		fmt.Fprintf(&split, "$$Q_{%d} = Q_{:,\\,%d:%d} = %s$$\n\n", h, h*m.DH, (h+1)*m.DH, mat(m.HeadQ[h], d))
	}
	add(lessons.T("attention.mha.s.split"), split.String())
	for h := 0; h < m.H; h++ {
		syncViz()
		fig := viz.Attention(m.HeadWeights[h], m.Tokens, m.Tokens, viz.Options{
			Title: lessons.T("attention.mha.head", h), Range: []float64{0, 1}, Annotate: L <= 8,
			Mask: m.Options.maskGrid(L, L)})
		add(lessons.T("attention.mha.s.head", h), lessons.T("attention.mha.b.head", h, m.DH, h, h, h, m.DH)+
			fmt.Sprintf("\n\n$$A_{%d} = %s$$\n", h, mat(m.HeadWeights[h], d)), fig)
	}
	add(lessons.T("attention.mha.s.heads"), lessons.T("attention.mha.b.heads"), m.Heads())
	add(lessons.T("attention.mha.s.concat"), lessons.T("attention.mha.b.concat", m.H, m.DH, m.E, m.E, m.E)+"\n\n"+
		fmt.Sprintf("$$\\mathrm{Concat} = %s$$\n\n$$\\mathrm{out} = \\mathrm{Concat}\\, W_o^{\\top} + b_o = %s$$\n", mat(m.Concat, d), mat(m.Output, d)))
	add(lessons.T("attention.mha.s.avg"), lessons.T("attention.mha.b.avg", L, L, m.H, L, L)+"\n\n"+
		fmt.Sprintf("$$\\bar{A} = \\frac{1}{%d} \\sum_{i=0}^{%d} A_i = %s$$\n", m.H, m.H-1, mat(m.Weights, d)), m.Averaged())
	add(lessons.T("attention.mha.s.shapes"), string(m.Shapes()))
	return w
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "⚠"
}

// MHAShapes is the table of shapes through nn.MultiheadAttention (as in
// PyTorch) for a batch of B query sequences of length L over key
// sequences of length S, embed_dim E and h heads, with or without
// batch_first, and its parameter count.
func MHAShapes(B, L, S, E, h int, batchFirst bool) lessons.Markdown {
	if B < 1 || L < 1 || S < 1 || E < 1 || h < 1 || E%h != 0 {
		fail("attention.mha.shapesArgs", B, L, S, E, h)
	}
	d := E / h
	in := func(n int) string {
		if batchFirst {
			return shape(B, n, E)
		}
		return shape(n, B, E)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---|---|---|\n", lessons.T("attention.shapes.what"), lessons.T("attention.shapes.shape"), lessons.T("attention.shapes.note"))
	row := func(what, sh, note string) { fmt.Fprintf(&b, "| %s | %s | %s |\n", what, sh, note) }
	note := lessons.T("attention.shapes.seqFirst")
	if batchFirst {
		note = lessons.T("attention.shapes.batchFirst")
	}
	row("`query`", in(L), note)
	row("`key`, `value`", in(S), "")
	row("`in_proj_weight`", shape(3*E, E), lessons.T("attention.shapes.inproj"))
	row("`in_proj_bias`", shape(3*E), "")
	row(`$Q = \mathrm{query}\, W_q^\top + b_q$`, shape(B, L, E), "")
	row(lessons.T("attention.shapes.split"), shape(B, h, L, d), fmt.Sprintf("$d_h = E/h = %d/%d = %d$", E, h, d))
	row(lessons.T("attention.shapes.scores"), shape(B, h, L, S), `$Q_i K_i^\top / \sqrt{d_h}$`)
	row(lessons.T("attention.shapes.heads"), shape(B, h, L, d), "")
	row("Concat", shape(B, L, E), "")
	row("`out_proj.weight`, `out_proj.bias`", shape(E, E)+", "+shape(E), "")
	row("attn_output", in(L), "")
	row("attn_output_weights", shape(B, L, S), "average_attn_weights=True")
	row("attn_output_weights", shape(B, h, L, S), "average_attn_weights=False")
	fmt.Fprintf(&b, "\n%s\n", lessons.T("attention.shapes.params", E, E, 4*E*E+4*E))
	return lessons.Markdown(b.String())
}

func shape(n ...int) string {
	parts := make([]string, len(n))
	for i, v := range n {
		parts[i] = fmt.Sprint(v)
	}
	if len(n) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
