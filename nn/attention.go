package nn

import (
	"fmt"
	"math"
)

// SDPA is scaled dot-product attention, as PyTorch 2's
// F.scaled_dot_product_attention (dropout_p = 0): for queries Q (…, L, E),
// keys K (…, S, E) and values V (…, S, Ev) with the same leading (batch)
// dimensions,
//
//	Scores  = Q·Kᵀ · scale + masks        (…, L, S), scale = 1/√E by default
//	Weights = softmax(Scores) over keys   (…, L, S), each row sums to 1
//	out     = Weights · V                 (…, L, Ev)
//
// Masks set scores to −Inf (or add a float bias) before the softmax:
//
//	AttnMask(m)        (L, S) or (…, L, S) bool; true = MAY attend (PyTorch SDPA's convention)
//	AttnBias(t)        (L, S) or (…, L, S) float, added to the scores
//	KeyPaddingMask(m)  (B, S) bool, B = Q's first dimension; true = padding, ignored
//	IsCausal()         query i sees keys j ≤ i
//
// A query whose keys are all masked gets NaN weights, as in PyTorch.
// Scores and Weights stay readable after Forward.
type SDPA struct {
	Scores  *Tensor // (…, L, S): scaled and masked, before the softmax
	Weights *Tensor // (…, L, S): after the softmax

	q, k, v *Tensor
	scale   float64
}

// NewSDPA returns a scaled dot-product attention.
func NewSDPA() *SDPA { return &SDPA{} }

// attnShapes checks q, k, v and returns the batch count and L, S, E, Ev.
func attnShapes(op string, q, k, v *Tensor) (nb, L, S, E, Ev int) {
	checkTensor(op, "query", q)
	checkTensor(op, "key", k)
	checkTensor(op, "value", v)
	if q.Dims() < 2 || k.Dims() != q.Dims() || v.Dims() != q.Dims() {
		failf(op, "query (…, L, E), key (…, S, E), value (…, S, Ev) with the same number of dimensions (≥ 2)",
			"%s, %s, %s", fmtShape(q.Shape), fmtShape(k.Shape), fmtShape(v.Shape))
	}
	d := q.Dims()
	lead := q.Shape[:d-2]
	if !sameShape(lead, k.Shape[:d-2]) || !sameShape(lead, v.Shape[:d-2]) {
		failHint(op, "the same batch dimensions on query, key and value", fmt.Sprintf("%s, %s, %s", fmtShape(q.Shape), fmtShape(k.Shape), fmtShape(v.Shape)), "nn does not broadcast")
	}
	L, E, S, Ev = q.Shape[d-2], q.Shape[d-1], k.Shape[d-2], v.Shape[d-1]
	if k.Shape[d-1] != E {
		failf(op, fmt.Sprintf("keys with the queries' size E = %d", E), "key %s", fmtShape(k.Shape))
	}
	if v.Shape[d-2] != S {
		failf(op, fmt.Sprintf("as many values as keys (S = %d)", S), "value %s", fmtShape(v.Shape))
	}
	return product(lead), L, S, E, Ev
}

// Forward returns attention over q, k, v. Options: AttnMask, AttnBias,
// KeyPaddingMask, IsCausal, Scale.
func (a *SDPA) Forward(q, k, v *Tensor, opts ...Option) *Tensor {
	const op = "SDPA.Forward"
	c := newConfig(op, []string{"AttnMask", "AttnBias", "KeyPaddingMask", "IsCausal", "Scale"}, opts)
	nb, L, S, E, Ev := attnShapes(op, q, k, v)
	if c.isCausal && (c.attnMask != nil || c.attnBias != nil) {
		fail(op, "IsCausal or an attention mask, not both (PyTorch forbids both)", "both")
	}
	scale := c.scale
	if scale == 0 {
		scale = 1 / math.Sqrt(float64(E))
	}
	return a.run(op, q, k, v, c, scale, true, nb, L, S, E, Ev)
}

// run computes attention; attend says what true means in c.attnMask.
func (a *SDPA) run(op string, q, k, v *Tensor, c *config, scale float64, attend bool, nb, L, S, E, Ev int) *Tensor {
	a.scale = scale
	lead := q.Shape[:q.Dims()-2]
	a.Scores, a.Weights = New(append(cloneInts(lead), L, S)...), New(append(cloneInts(lead), L, S)...)
	out := New(append(cloneInts(lead), L, Ev)...)
	for b := 0; b < nb; b++ {
		gemm(false, true, L, S, E, scale, q.Data[b*L*E:], E, k.Data[b*S*E:], E, 0, a.Scores.Data[b*L*S:], S)
	}
	applyMasks(op, a.Scores, q, c, nb, L, S, attend)
	for r := 0; r < nb*L; r++ {
		softmaxRow(a.Scores.Data[r*S:(r+1)*S], a.Weights.Data[r*S:(r+1)*S], false)
	}
	for b := 0; b < nb; b++ {
		gemm(false, false, L, Ev, S, 1, a.Weights.Data[b*L*S:], S, v.Data[b*S*Ev:], Ev, 0, out.Data[b*L*Ev:], Ev)
	}
	a.q, a.k, a.v = q, k, v
	checkFiniteOp(op, "output", out)
	return out
}

// applyMasks applies the masks of c to scores (nb·L rows of S). attend
// says what true means in c.attnMask: true = may attend (SDPA) or false
// (MultiheadAttention, whose true = may not).
func applyMasks(op string, scores, q *Tensor, c *config, nb, L, S int, attend bool) {
	full := scores.Shape
	inf := math.Inf(-1)
	if m := c.attnMask; m != nil {
		checkMask(op, "AttnMask", m)
		bcast := maskBroadcast(op, "AttnMask", m.Shape, full, L, S)
		for i := range scores.Data {
			if m.Data[i%bcast] != attend {
				scores.Data[i] = inf
			}
		}
	}
	if t := c.attnBias; t != nil {
		checkTensor(op, "AttnBias", t)
		bcast := maskBroadcast(op, "AttnBias", t.Shape, full, L, S)
		for i := range scores.Data {
			scores.Data[i] += t.Data[i%bcast]
		}
	}
	if c.isCausal {
		for r := 0; r < nb*L; r++ {
			i := r % L
			for j := i + 1; j < S; j++ {
				scores.Data[r*S+j] = inf
			}
		}
	}
	if m := c.keyPaddingMask; m != nil {
		checkMask(op, "KeyPaddingMask", m)
		B := 1
		want := []int{S}
		if q.Dims() > 2 {
			B = q.Shape[0]
			want = []int{B, S}
		}
		if !sameShape(m.Shape, want) {
			failf(op, "KeyPaddingMask of shape "+fmtShape(want)+" (batch, keys)", "%s", fmtShape(m.Shape))
		}
		per := nb / B * L // rows per batch element
		for r := 0; r < nb*L; r++ {
			pad := m.Data[(r/per)*S : (r/per+1)*S]
			for j, p := range pad {
				if p {
					scores.Data[r*S+j] = inf
				}
			}
		}
	}
}

// maskBroadcast checks a mask shape against the scores' shape: (L, S)
// applies to every batch, otherwise it must equal the full shape. It
// returns the mask's length (the period of its indices).
func maskBroadcast(op, what string, shape, full []int, L, S int) int {
	if sameShape(shape, []int{L, S}) || sameShape(shape, full) {
		return product(shape)
	}
	failf(op, fmt.Sprintf("%s of shape (%d, %d) or %s", what, L, S, fmtShape(full)), "%s", fmtShape(shape))
	return 0
}

// Backward returns dL/dq, dL/dk, dL/dv for the latest Forward.
func (a *SDPA) Backward(gradOut *Tensor) (gq, gk, gv *Tensor) {
	const op = "SDPA.Backward"
	if a.q == nil {
		fail(op, "a Forward call before Backward", "no cached input")
	}
	checkTensor(op, "gradient of the output", gradOut)
	nb, L, S, E, Ev := attnShapes(op, a.q, a.k, a.v)
	want := append(cloneInts(a.q.Shape[:a.q.Dims()-2]), L, Ev)
	if !sameShape(gradOut.Shape, want) {
		fail(op, "a gradient shaped like the output "+fmtShape(want), fmtShape(gradOut.Shape))
	}
	gq, gk, gv = New(a.q.Shape...), New(a.k.Shape...), New(a.v.Shape...)
	dW := make([]float64, L*S)
	for b := 0; b < nb; b++ {
		w := a.Weights.Data[b*L*S : (b+1)*L*S]
		do := gradOut.Data[b*L*Ev:]
		gemm(false, true, L, S, Ev, 1, do, Ev, a.v.Data[b*S*Ev:], Ev, 0, dW, S)
		gemm(true, false, S, Ev, L, 1, w, S, do, Ev, 0, gv.Data[b*S*Ev:], Ev)
		softmaxBackRows(w, dW, S)
		gemm(false, false, L, E, S, a.scale, dW, S, a.k.Data[b*S*E:], E, 0, gq.Data[b*L*E:], E)
		gemm(true, false, S, E, L, a.scale, dW, S, a.q.Data[b*L*E:], E, 0, gk.Data[b*S*E:], E)
	}
	return gq, gk, gv
}

// softmaxBackRows turns dL/dweights into dL/dscores in place, row by row:
// g ← w ⊙ (g − Σ_j g_j w_j).
func softmaxBackRows(w, g []float64, S int) {
	for r := 0; r < len(w); r += S {
		wr, gr := w[r:r+S], g[r:r+S]
		d := 0.0
		for j, v := range wr {
			d += v * gr[j]
		}
		for j, v := range wr {
			if v == 0 {
				gr[j] = 0 // masked key: no gradient, even if d is ±Inf
				continue
			}
			gr[j] = v * (gr[j] - d)
		}
	}
}

// MultiheadAttention is PyTorch's nn.MultiheadAttention (dropout 0,
// kdim = vdim = embed_dim): with E = embed_dim, h heads and d = E/h,
//
//	[Q K V] = [query·W_qᵀ + b_q, key·W_kᵀ + b_k, value·W_vᵀ + b_v]
//	head_i  = softmax(Q_i K_iᵀ/√d + masks) V_i      for the d columns of head i
//	out     = Concat(head_1, …, head_h)·W_oᵀ + b_o
//
// InProjWeight stacks W_q, W_k, W_v as (3E, E) ("in_proj_weight"), and
// OutProj is "out_proj". Inputs are (L, B, E), (B, L, E) with BatchFirst,
// or unbatched (L, E). Masks, in PyTorch's MultiheadAttention convention:
//
//	AttnMask(m)        (L, S) or (B·h, L, S) bool; true = may NOT attend
//	AttnBias(t)        (L, S) or (B·h, L, S) float, added to the scores
//	KeyPaddingMask(m)  (B, S) bool; true = padding, ignored
//
// After Forward, Q, K, V, Scores, HeadWeights and Concat hold the
// intermediate values (batch first, per head).
type MultiheadAttention struct {
	mode
	EmbedDim, NumHeads int     // E and h; each head has E/h dimensions
	BatchFirst         bool    // inputs (B, L, E) instead of (L, B, E)
	InProjWeight       *Tensor // (3E, E): W_q, W_k, W_v stacked
	InProjBias         *Tensor // (3E); nil with Bias(false)
	OutProj            *Linear // (E, E) and (E)
	InProjWeightGrad   *Tensor // gradients accumulated by Backward
	InProjBiasGrad     *Tensor // nil with Bias(false)

	Q, K, V     *Tensor // (B, h, L or S, d): projections split into heads
	Scores      *Tensor // (B, h, L, S): Q_i K_iᵀ/√d plus masks, before the softmax
	HeadWeights *Tensor // (B, h, L, S): softmax per head
	Concat      *Tensor // (B, L, E): heads side by side, before OutProj

	sdpa              SDPA
	query, key, value *Tensor // batch-first copies of the inputs
	batched           bool
	inShapes          [3][]int
}

// NewMultiheadAttention returns MultiheadAttention(embedDim, numHeads)
// initialised like PyTorch: in_proj_weight xavier-uniform
// (±√(6/(E+3E))), out_proj.weight uniform in ±1/√E, biases zero.
// Options: Bias, BatchFirst.
func NewMultiheadAttention(embedDim, numHeads int, opts ...Option) *MultiheadAttention {
	const op = "NewMultiheadAttention"
	c := newConfig(op, []string{"Bias", "BatchFirst"}, opts)
	positive(op, "embed_dim and num_heads", embedDim, numHeads)
	if embedDim%numHeads != 0 {
		failf(op, "embed_dim divisible by num_heads", "embed_dim %d, num_heads %d", embedDim, numHeads)
	}
	E := embedDim
	m := &MultiheadAttention{EmbedDim: E, NumHeads: numHeads, BatchFirst: c.batchFirst,
		InProjWeight: uniformParam(xavierBound(E, 3*E), 3*E, E), InProjWeightGrad: New(3*E, E),
		OutProj: NewLinear(E, E, Bias(c.bias))}
	if c.bias {
		m.InProjBias, m.InProjBiasGrad = New(3*E), New(3*E)
		clear(m.OutProj.Bias.Data)
	}
	return m
}

// Parameters returns in_proj_weight, in_proj_bias, out_proj.weight,
// out_proj.bias.
func (m *MultiheadAttention) Parameters() []Param {
	ps := []Param{{"in_proj_weight", m.InProjWeight, m.InProjWeightGrad}}
	if m.InProjBias != nil {
		ps = append(ps, Param{"in_proj_bias", m.InProjBias, m.InProjBiasGrad})
	}
	return append(ps, prefixed("out_proj", m.OutProj.Parameters())...)
}

// String describes the layer.
func (m *MultiheadAttention) String() string {
	return fmt.Sprintf("MultiheadAttention(embed_dim=%d, num_heads=%d, batch_first=%v)", m.EmbedDim, m.NumHeads, m.BatchFirst)
}

// toBatchFirst returns x as (B, L, E) and whether it was batched.
func (m *MultiheadAttention) toBatchFirst(op, what string, x *Tensor) (*Tensor, bool) {
	checkTensor(op, what, x)
	E := m.EmbedDim
	switch {
	case x.Dims() == 2 && x.Shape[1] == E:
		return &Tensor{Shape: []int{1, x.Shape[0], E}, Data: x.Data}, false
	case x.Dims() == 3 && x.Shape[2] == E:
		if m.BatchFirst {
			return x, true
		}
		return x.Permute(1, 0, 2), true
	}
	layout := "(L, B, %d)"
	if m.BatchFirst {
		layout = "(B, L, %d)"
	}
	failf(op, fmt.Sprintf(what+" of shape "+layout+" or unbatched (L, %d)", E, E), "%s", fmtShape(x.Shape))
	return nil, false
}

func (m *MultiheadAttention) fromBatchFirst(x *Tensor) *Tensor {
	switch {
	case !m.batched:
		return &Tensor{Shape: x.Shape[1:], Data: x.Data}
	case m.BatchFirst:
		return x
	}
	return x.Permute(1, 0, 2)
}

// project returns x (B, n, E) · W_kᵀ + b_k for block k of the in-projection,
// split into heads as (B, h, n, d).
func (m *MultiheadAttention) project(x *Tensor, k int) *Tensor {
	B, n, E := x.Shape[0], x.Shape[1], m.EmbedDim
	y := New(B, n, E)
	gemm(false, true, B*n, E, E, 1, x.Data, E, m.InProjWeight.Data[k*E*E:], E, 0, y.Data, E)
	if m.InProjBias != nil {
		addRows(y.Data, m.InProjBias.Data[k*E:(k+1)*E])
	}
	return y.Reshape(B, n, m.NumHeads, E/m.NumHeads).Permute(0, 2, 1, 3)
}

// Forward returns the attention output and the attention weights: (B, L,
// S) averaged over heads, or (B, h, L, S) per head with
// AverageAttnWeights(false), or nil with NeedWeights(false) (unbatched:
// without B). Options: AttnMask, AttnBias, KeyPaddingMask, NeedWeights,
// AverageAttnWeights.
func (m *MultiheadAttention) Forward(query, key, value *Tensor, opts ...Option) (out, weights *Tensor) {
	const op = "MultiheadAttention.Forward"
	c := newConfig(op, []string{"AttnMask", "AttnBias", "KeyPaddingMask", "NeedWeights", "AverageAttnWeights"}, opts)
	q, bq := m.toBatchFirst(op, "query", query)
	k, bk := m.toBatchFirst(op, "key", key)
	v, bv := m.toBatchFirst(op, "value", value)
	if bq != bk || bq != bv || q.Shape[0] != k.Shape[0] || q.Shape[0] != v.Shape[0] || k.Shape[1] != v.Shape[1] {
		failf(op, "query, key and value with one batch size and as many keys as values",
			"%s, %s, %s", fmtShape(query.Shape), fmtShape(key.Shape), fmtShape(value.Shape))
	}
	m.batched = bq
	m.inShapes = [3][]int{cloneInts(query.Shape), cloneInts(key.Shape), cloneInts(value.Shape)}
	B, L, S, h, E := q.Shape[0], q.Shape[1], k.Shape[1], m.NumHeads, m.EmbedDim
	m.query, m.key, m.value = q, k, v
	m.Q, m.K, m.V = m.project(q, 0), m.project(k, 1), m.project(v, 2)
	sc := &config{attnBias: reshapeBH(c.attnBias, B, h, L, S)}
	if c.attnMask != nil {
		checkMask(op, "AttnMask", c.attnMask)
		sc.attnMask = c.attnMask
		if sameShape(c.attnMask.Shape, []int{B * h, L, S}) {
			sc.attnMask = &Mask{Shape: []int{B, h, L, S}, Data: c.attnMask.Data}
		}
	}
	if c.keyPaddingMask != nil && !m.batched {
		checkMask(op, "KeyPaddingMask", c.keyPaddingMask)
		if c.keyPaddingMask.Dims() != 1 {
			failf(op, fmt.Sprintf("KeyPaddingMask of shape (%d) for unbatched input", S), "%s", fmtShape(c.keyPaddingMask.Shape))
		}
		sc.keyPaddingMask = &Mask{Shape: []int{1, S}, Data: c.keyPaddingMask.Data}
	} else {
		sc.keyPaddingMask = c.keyPaddingMask
	}
	attn := m.sdpa.forwardMHA(op, m.Q, m.K, m.V, sc)
	m.Scores, m.HeadWeights = m.sdpa.Scores, m.sdpa.Weights
	m.Concat = attn.Permute(0, 2, 1, 3).Reshape(B, L, E)
	out = m.fromBatchFirst(m.OutProj.Forward(m.Concat))
	if c.needWeights {
		weights = m.HeadWeights
		if c.averageWeight {
			weights = meanHeads(m.HeadWeights)
		}
		if !m.batched {
			weights = &Tensor{Shape: weights.Shape[1:], Data: weights.Data}
		}
	}
	checkFiniteOp(op, "output", out)
	return out, weights
}

// Dims returns the number of dimensions of the mask.
func (m *Mask) Dims() int { return len(m.Shape) }

// reshapeBH views a (B·h, L, S) float mask as (B, h, L, S).
func reshapeBH(t *Tensor, B, h, L, S int) *Tensor {
	if t != nil && sameShape(t.Shape, []int{B * h, L, S}) {
		return &Tensor{Shape: []int{B, h, L, S}, Data: t.Data}
	}
	return t
}

// forwardMHA runs attention with MultiheadAttention's mask convention.
func (a *SDPA) forwardMHA(op string, q, k, v *Tensor, c *config) *Tensor {
	nb, L, S, E, Ev := attnShapes(op, q, k, v)
	return a.run(op, q, k, v, c, 1/math.Sqrt(float64(E)), false, nb, L, S, E, Ev)
}

// meanHeads averages (B, h, L, S) weights over h.
func meanHeads(w *Tensor) *Tensor {
	B, h, L, S := w.Shape[0], w.Shape[1], w.Shape[2], w.Shape[3]
	out := New(B, L, S)
	for b := 0; b < B; b++ {
		for i := 0; i < h; i++ {
			src := w.Data[(b*h+i)*L*S : (b*h+i+1)*L*S]
			dst := out.Data[b*L*S : (b+1)*L*S]
			for j, v := range src {
				dst[j] += v
			}
		}
	}
	for i := range out.Data {
		out.Data[i] /= float64(h)
	}
	return out
}

// Backward returns dL/dquery, dL/dkey, dL/dvalue for the latest Forward,
// accumulating the projections' gradients. For self-attention (the same
// tensor passed three times) the input's gradient is their sum; see
// BackwardSelf. The weights output is not differentiated.
func (m *MultiheadAttention) Backward(gradOut *Tensor) (gq, gk, gv *Tensor) {
	const op = "MultiheadAttention.Backward"
	if m.Q == nil {
		fail(op, "a Forward call before Backward", "no cached input")
	}
	checkTensor(op, "gradient of the output", gradOut)
	if !sameShape(gradOut.Shape, m.inShapes[0]) {
		fail(op, "a gradient shaped like the output "+fmtShape(m.inShapes[0]), fmtShape(gradOut.Shape))
	}
	g, _ := m.toBatchFirst(op, "gradient of the output", gradOut)
	B, L, E, h := m.query.Shape[0], m.query.Shape[1], m.EmbedDim, m.NumHeads
	dConcat := m.OutProj.Backward(g)
	dAttn := dConcat.Reshape(B, L, h, E/h).Permute(0, 2, 1, 3)
	dq, dk, dv := m.sdpa.Backward(dAttn)
	gq = m.fromBatchFirst(m.projectBack(m.query, dq, 0))
	gk = m.fromBatchFirst(m.projectBack(m.key, dk, 1))
	gv = m.fromBatchFirst(m.projectBack(m.value, dv, 2))
	return gq, gk, gv
}

// BackwardSelf returns dL/dx for self-attention, Forward(x, x, x): the sum
// of the three input gradients.
func (m *MultiheadAttention) BackwardSelf(gradOut *Tensor) *Tensor {
	gq, gk, gv := m.Backward(gradOut)
	return gq.Add(gk).Add(gv)
}

// projectBack takes dL/d(projection) as (B, h, n, d), accumulates the
// in-projection's gradients for block k and returns dL/dx as (B, n, E).
func (m *MultiheadAttention) projectBack(x, dy *Tensor, k int) *Tensor {
	B, n, E := x.Shape[0], x.Shape[1], m.EmbedDim
	d := dy.Permute(0, 2, 1, 3) // (B, n, h, d) = (B·n, E)
	gemm(true, false, E, E, B*n, 1, d.Data, E, x.Data, E, 1, m.InProjWeightGrad.Data[k*E*E:], E)
	if m.InProjBias != nil {
		addColSums(m.InProjBiasGrad.Data[k*E:(k+1)*E], d.Data)
	}
	gx := New(B, n, E)
	gemm(false, false, B*n, E, E, 1, d.Data, E, m.InProjWeight.Data[k*E*E:], E, 0, gx.Data, E)
	return gx
}

// AdditiveAttention is Bahdanau's additive attention in d2l's form:
// queries (B, L, Dq), keys (B, S, Dk), values (B, S, Dv),
//
//	Features[b,i,j] = tanh(W_q q_i + W_k k_j)   (H)
//	Scores[b,i,j]   = w_v · Features[b,i,j]
//	Weights         = softmax over j (masked keys −Inf)
//	out[b,i]        = Σ_j Weights[b,i,j] v_j     (Dv)
//
// with bias-free linear maps named "W_q" (H, Dq), "W_k" (H, Dk) and "w_v"
// (1, H), as the PyTorch module in testdata/gen_torch.py. Option:
// KeyPaddingMask (B, S), true = padding.
type AdditiveAttention struct {
	mode
	WQ, WK, WV *Linear // W_q (H, Dq), W_k (H, Dk), w_v (1, H), bias-free

	Features *Tensor // (B, L, S, H): tanh(W_q q_i + W_k k_j)
	Scores   *Tensor // (B, L, S): before the softmax, masked keys −Inf
	Weights  *Tensor // (B, L, S)

	qh, kh *Tensor // W_q q (B, L, H) and W_k k (B, S, H)
	v      *Tensor
}

// NewAdditiveAttention returns additive attention with the given query,
// key and hidden sizes, its maps initialised like PyTorch's Linear.
func NewAdditiveAttention(querySize, keySize, hidden int) *AdditiveAttention {
	positive("NewAdditiveAttention", "query, key and hidden sizes", querySize, keySize, hidden)
	return &AdditiveAttention{WQ: NewLinear(querySize, hidden, Bias(false)),
		WK: NewLinear(keySize, hidden, Bias(false)), WV: NewLinear(hidden, 1, Bias(false))}
}

// Parameters returns W_q.weight, W_k.weight, w_v.weight.
func (a *AdditiveAttention) Parameters() []Param {
	ps := prefixed("W_q", a.WQ.Parameters())
	ps = append(ps, prefixed("W_k", a.WK.Parameters())...)
	return append(ps, prefixed("w_v", a.WV.Parameters())...)
}

// Forward returns the attention output (B, L, Dv). Option: KeyPaddingMask.
func (a *AdditiveAttention) Forward(q, k, v *Tensor, opts ...Option) *Tensor {
	const op = "AdditiveAttention.Forward"
	c := newConfig(op, []string{"KeyPaddingMask"}, opts)
	for i, t := range []*Tensor{q, k, v} {
		checkTensor(op, [...]string{"queries", "keys", "values"}[i], t)
		if t.Dims() != 3 {
			failf(op, "queries (B, L, Dq), keys (B, S, Dk), values (B, S, Dv)", "%s", fmtShape(t.Shape))
		}
	}
	if q.Shape[0] != k.Shape[0] || k.Shape[0] != v.Shape[0] || k.Shape[1] != v.Shape[1] {
		failf(op, "one batch size and as many values as keys", "%s, %s, %s", fmtShape(q.Shape), fmtShape(k.Shape), fmtShape(v.Shape))
	}
	if q.Shape[2] != a.WQ.InFeatures || k.Shape[2] != a.WK.InFeatures {
		failf(op, fmt.Sprintf("queries (B, L, %d) and keys (B, S, %d)", a.WQ.InFeatures, a.WK.InFeatures), "%s and %s", fmtShape(q.Shape), fmtShape(k.Shape))
	}
	B, L, S, H, Dv := q.Shape[0], q.Shape[1], k.Shape[1], a.WV.InFeatures, v.Shape[2]
	a.qh, a.kh, a.v = a.WQ.Forward(q), a.WK.Forward(k), v
	a.Features, a.Scores, a.Weights = New(B, L, S, H), New(B, L, S), New(B, L, S)
	w := a.WV.Weight.Data
	for b := 0; b < B; b++ {
		for i := 0; i < L; i++ {
			qi := a.qh.Data[(b*L+i)*H : (b*L+i+1)*H]
			for j := 0; j < S; j++ {
				f := a.Features.Data[((b*L+i)*S+j)*H:][:H]
				kj := a.kh.Data[(b*S+j)*H:]
				for x := range f {
					f[x] = qi[x] + kj[x]
				}
				vtanh(f, f)
				s := 0.0
				for x, fx := range f {
					s += w[x] * fx
				}
				a.Scores.Data[(b*L+i)*S+j] = s
			}
		}
	}
	applyMasks(op, a.Scores, q, &config{keyPaddingMask: c.keyPaddingMask}, B, L, S, true)
	out := New(B, L, Dv)
	for r := 0; r < B*L; r++ {
		softmaxRow(a.Scores.Data[r*S:(r+1)*S], a.Weights.Data[r*S:(r+1)*S], false)
	}
	for b := 0; b < B; b++ {
		gemm(false, false, L, Dv, S, 1, a.Weights.Data[b*L*S:], S, v.Data[b*S*Dv:], Dv, 0, out.Data[b*L*Dv:], Dv)
	}
	checkFiniteOp(op, "output", out)
	return out
}

// Backward returns dL/dq, dL/dk, dL/dv for the latest Forward,
// accumulating the gradients of W_q, W_k and w_v.
func (a *AdditiveAttention) Backward(gradOut *Tensor) (gq, gk, gv *Tensor) {
	const op = "AdditiveAttention.Backward"
	if a.Weights == nil {
		fail(op, "a Forward call before Backward", "no cached input")
	}
	B, L, S, H := a.Features.Shape[0], a.Features.Shape[1], a.Features.Shape[2], a.Features.Shape[3]
	Dv := a.v.Shape[2]
	checkTensor(op, "gradient of the output", gradOut)
	if !sameShape(gradOut.Shape, []int{B, L, Dv}) {
		fail(op, "a gradient shaped like the output "+fmtShape([]int{B, L, Dv}), fmtShape(gradOut.Shape))
	}
	gv = New(B, S, Dv)
	dS := make([]float64, L*S)
	dqh, dkh := New(B, L, H), New(B, S, H)
	w, gw := a.WV.Weight.Data, a.WV.WeightGrad.Data
	for b := 0; b < B; b++ {
		wts := a.Weights.Data[b*L*S : (b+1)*L*S]
		do := gradOut.Data[b*L*Dv:]
		gemm(false, true, L, S, Dv, 1, do, Dv, a.v.Data[b*S*Dv:], Dv, 0, dS, S)
		gemm(true, false, S, Dv, L, 1, wts, S, do, Dv, 0, gv.Data[b*S*Dv:], Dv)
		softmaxBackRows(wts, dS, S)
		for i := 0; i < L; i++ {
			dq := dqh.Data[(b*L+i)*H:][:H]
			for j := 0; j < S; j++ {
				ds := dS[i*S+j]
				if ds == 0 {
					continue
				}
				f := a.Features.Data[((b*L+i)*S+j)*H:][:H]
				dk := dkh.Data[(b*S+j)*H:][:H]
				for x, fx := range f {
					gw[x] += ds * fx
					df := ds * w[x] * (1 - fx*fx)
					dq[x] += df
					dk[x] += df
				}
			}
		}
	}
	return a.WQ.Backward(dqh), a.WK.Backward(dkh), gv
}
