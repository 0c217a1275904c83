package attention

import (
	"fmt"
	"math"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// Attention is one scaled dot-product attention, computed by nn's fast
// layer (nn.SDPA) and checked against mathref's literal formula
// (mathref.ScaledDotProductAttention) when it is made. In a cell it shows
// a walkthrough with a player: the inputs, then for each query its dot
// products and scaling, the mask, the stable softmax and the context
// vector, with the actual numbers, then every query's weights as a
// heatmap. Its fields hold the numbers.
type Attention struct {
	Queries, Keys []string    // token labels of the L queries and the S keys
	Q, K, V       [][]float64 // (L, d_k), (S, d_k), (S, d_v)
	Options       Options     // masks, scale and what to show
	DK            int         // d_k, the size of a query and a key
	Scale         float64     // the factor applied to q·k (1/√d_k unless Options.Scale)

	Dots    [][]float64 // (L, S): q_i·k_j, before scaling and masking
	Scores  [][]float64 // (L, S): s_ij, scaled, −Inf where masked (nn.SDPA.Scores)
	Weights [][]float64 // (L, S): α_ij, each row a softmax over the keys (nn.SDPA.Weights)
	Output  [][]float64 // (L, d_v): the context vectors c_i = Σ_j α_ij v_j

	// Agree is true when nn and mathref agree on Dots, Scores, Weights and
	// Output within 1e-9; MaxDiff is their largest difference. When they
	// disagree every step of the walkthrough says so.
	Agree   bool
	MaxDiff float64
	// Report describes the comparison (the first mismatch, if any).
	Report string

	proj *projection // set by WalkEmbeddings
	walk *lessons.Walkthrough
}

// projection records how Q, K and V were made from embeddings.
type projection struct {
	X, WQ, WK, WV [][]float64
}

// Walk computes self-attention of tokens, one row of Q, K and V per token:
// Q is (L, d_k), K is (L, d_k) and V is (L, d_v). Q, K and V may be
// [][]float64, [][]int, an *nn.Tensor, a mathref.Tensor or a gonum
// matrix. Tokens that do not match the rows, or matrices that do not fit
// together, stop with a message saying what was expected.
func Walk(tokens []string, Q, K, V any, opt ...Options) *Attention {
	q, k, v := matrix("Q", Q), matrix("K", K), matrix("V", V)
	checkQKV(q, k, v)
	queries := checkTokens(tokens, len(q), "Q", "Q, K, V")
	checkTokens(tokens, len(k), "K", "Q, K, V")
	checkTokens(tokens, len(v), "V", "Q, K, V")
	return compute(queries, queries, q, k, v, options(opt), nil)
}

// WalkCross computes attention of L query tokens over S key tokens (as
// in an encoder–decoder): Q is (L, d_k), K is (S, d_k), V is (S, d_v).
func WalkCross(queries, keys []string, Q, K, V any, opt ...Options) *Attention {
	q, k, v := matrix("Q", Q), matrix("K", K), matrix("V", V)
	checkQKV(q, k, v)
	queries = checkTokens(queries, len(q), "Q", "Q")
	keys = checkTokens(keys, len(k), "K", "K, V")
	checkTokens(keys, len(v), "V", "K, V")
	return compute(queries, keys, q, k, v, options(opt), nil)
}

// WalkEmbeddings computes self-attention from token embeddings X (L,
// d_model) and projection matrices W_Q, W_K (d_model, d_k) and W_V
// (d_model, d_v): Q = X·W_Q, K = X·W_K, V = X·W_V, as in the paper
// (PyTorch stores the transposes: see notebook 06). The walkthrough
// starts with the projections.
func WalkEmbeddings(tokens []string, X, WQ, WK, WV any, opt ...Options) *Attention {
	x := matrix("X", X)
	tokens = checkTokens(tokens, len(x), "X", "X")
	p := &projection{X: x, WQ: matrix("W_Q", WQ), WK: matrix("W_K", WK), WV: matrix("W_V", WV)}
	for _, w := range []struct {
		name string
		m    [][]float64
	}{{"W_Q", p.WQ}, {"W_K", p.WK}, {"W_V", p.WV}} {
		if len(w.m) != len(x[0]) {
			fail("attention.input.proj", w.name, dims(w.m), len(x[0]), dims(x))
		}
	}
	q, k, v := matmul(x, p.WQ), matmul(x, p.WK), matmul(x, p.WV)
	return compute(tokens, tokens, q, k, v, options(opt), p)
}

func matmul(a, b [][]float64) [][]float64 {
	out := zeros(len(a), len(b[0]))
	for i := range a {
		for j := range b[0] {
			for k := range b {
				out[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return out
}

// compute runs nn and mathref and builds the walkthrough.
func compute(queries, keys []string, q, k, v [][]float64, opt Options, p *projection) *Attention {
	checkQKV(q, k, v)
	L, S := len(q), len(k)
	opt.check(L, S)
	a := &Attention{Queries: queries, Keys: keys, Q: q, K: k, V: v, Options: opt, DK: len(q[0]), proj: p}
	a.Scale = opt.Scale
	if a.Scale == 0 {
		a.Scale = 1 / math.Sqrt(float64(a.DK))
	}
	a.runNN()
	a.checkMathref()
	a.walk = a.walkthrough()
	return a
}

// runNN fills Dots, Scores, Weights and Output with nn.SDPA.
func (a *Attention) runNN() {
	q, k, v := nn.FromRows(a.Q), nn.FromRows(a.K), nn.FromRows(a.V)
	raw := nn.NewSDPA()
	raw.Forward(q, k, v, nn.Scale(1))
	a.Dots = rows(raw.Scores)
	sdpa := nn.NewSDPA()
	opts := []nn.Option{nn.Scale(a.Scale)}
	if a.Options.Causal {
		opts = append(opts, nn.IsCausal())
	}
	if a.Options.Padding != nil {
		m := nn.NewMask(len(a.K))
		copy(m.Data, a.Options.Padding)
		opts = append(opts, nn.KeyPaddingMask(m))
	}
	out := sdpa.Forward(q, k, v, opts...)
	a.Scores, a.Weights, a.Output = rows(sdpa.Scores), rows(sdpa.Weights), rows(out)
}

// checkMathref compares nn's numbers with the literal formula.
func (a *Attention) checkMathref() {
	q, k, v := mathref.Matrix(a.Q), mathref.Matrix(a.K), mathref.Matrix(a.V)
	ref := mathref.ScaledDotProductAttention(q, k, v, mathref.AttnOpts{
		Causal: a.Options.Causal, KeyPadding: a.Options.Padding, Scale: a.Scale})
	dots := mathref.ScaledDotProductAttention(q, k, v, mathref.AttnOpts{Scale: 1}).Scores
	a.Agree, a.MaxDiff, a.Report = agree("nn.SDPA", []comparison{
		{"q·k", a.Dots, dots}, {"s", a.Scores, ref.Scores},
		{"α", a.Weights, ref.Weights}, {"c", a.Output, ref.Output}})
}

type comparison struct {
	name string
	got  [][]float64
	want mathref.Tensor
}

// agree compares each pair within 1e-9 and describes the verdict.
func agree(source string, cs []comparison) (ok bool, maxDiff float64, report string) {
	ok = true
	for _, c := range cs {
		cl := mathref.AllClose(mathref.Matrix(c.got), c.want, 1e-9, 1e-9)
		maxDiff = math.Max(maxDiff, cl.MaxAbsDiff)
		if !cl.OK && ok {
			ok = false
			report = lessons.T("attention.check.bad", c.name, fmt.Sprint(cl.First), cl.FirstGot, cl.FirstWant)
		}
	}
	if ok {
		report = lessons.T("attention.check.ok", source, lessons.Num(maxDiff))
	}
	return ok, maxDiff, report
}

// rows returns a 2-D tensor's rows (copies).
func rows(t *nn.Tensor) [][]float64 {
	r, c := t.Shape[0], t.Shape[1]
	out := make([][]float64, r)
	for i := range out {
		out[i] = append([]float64(nil), t.Data[i*c:(i+1)*c]...)
	}
	return out
}

// Walkthrough returns the step-by-step walkthrough (the player the value
// shows in a cell).
func (a *Attention) Walkthrough() *lessons.Walkthrough { return a.walk }

// HTML returns the walkthrough's player.
func (a *Attention) HTML() string { return a.walk.HTML() }

// Markdown returns every step of the walkthrough as Markdown.
func (a *Attention) Markdown() string { return a.walk.Markdown() }

// String summarises the computation for fmt.Println.
func (a *Attention) String() string {
	return lessons.T("attention.string", len(a.Queries), len(a.Keys), a.DK, lessons.FormatValue(round(a.Weights, 3)), a.Report)
}

// Query returns the steps of query i alone, as a walkthrough.
func (a *Attention) Query(i int) *lessons.Walkthrough {
	if i < 0 || i >= len(a.Queries) {
		fail("attention.input.query", i, len(a.Queries), len(a.Queries)-1)
	}
	return &lessons.Walkthrough{
		Title: lessons.T("attention.walk.queryTitle", i, a.Queries[i]),
		Steps: a.querySteps(i)}
}

// Heatmap draws the attention weights with the tokens on both axes,
// masked positions hatched.
func (a *Attention) Heatmap() *viz.Figure {
	syncViz()
	return viz.Attention(a.Weights, a.Queries, a.Keys, viz.Options{
		Title:    lessons.T("attention.fig.weights"),
		Annotate: len(a.Keys) <= 10,
		Range:    []float64{0, 1},
		Mask:     a.Options.maskGrid(len(a.Queries), len(a.Keys)),
	})
}

// syncViz makes viz's own captions follow the lessons' language.
func syncViz() { viz.SetLang(lessons.Lang()) }

// round returns m with every entry rounded to d decimals (for printing).
func round(m [][]float64, d int) [][]float64 {
	p := math.Pow(10, float64(d))
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = make([]float64, len(r))
		for j, v := range r {
			out[i][j] = math.Round(v*p) / p
		}
	}
	return out
}
