package mathref

import "math"

// AttnOpts are the optional masks and scale shared by the attention
// functions. Every field's zero value means "none". Masks are for one
// sequence pair: L queries by S keys. The boolean masks become −∞ in M, the
// float mask is added to M, and every mask given applies (they combine).
//
// PyTorch's two APIs read a boolean mask in OPPOSITE ways; pick the field
// that matches the API you mirror:
//
//   - F.scaled_dot_product_attention (torch ≥ 2.0; torch 1.13's
//     F._scaled_dot_product_attention): attn_mask True = "takes part"
//     → Attend.
//   - nn.MultiheadAttention: attn_mask True = "not allowed to attend"
//     → Block; key_padding_mask True = "padding, ignore this key"
//     → KeyPadding.
type AttnOpts struct {
	// Attend (L×S) is a boolean mask in SDPA's convention: Attend[i][j] true
	// means query i may attend to key j; false entries get −∞.
	Attend [][]bool
	// Block (L×S) is a boolean mask in nn.MultiheadAttention's convention:
	// Block[i][j] true means query i may NOT attend to key j (−∞).
	Block [][]bool
	// Add (L×S) is a float mask added to the scaled scores, as PyTorch's
	// float attn_mask in both APIs; it may hold −Inf or a large negative.
	Add [][]float64
	// KeyPadding (S) marks padded keys: true means key j is ignored by every
	// query (nn.MultiheadAttention's key_padding_mask).
	KeyPadding []bool
	// Causal masks every key j > i (is_causal=True): the top-left aligned
	// lower triangle, tril(ones(L, S)), takes part.
	Causal bool
	// Scale multiplies the dot products; 0 means 1/√d_k (PyTorch's
	// default). Additive attention has no scale and panics if it is set.
	Scale float64
}

// mask returns M (L×S): 0 where query i may attend to key j, −∞ where any
// boolean mask forbids it, plus Add.
func (opt AttnOpts) mask(op string, L, S int) [][]float64 {
	checkGrid(op, "Attend", len(opt.Attend), L, S, func(i int) int { return len(opt.Attend[i]) })
	checkGrid(op, "Block", len(opt.Block), L, S, func(i int) int { return len(opt.Block[i]) })
	checkGrid(op, "Add", len(opt.Add), L, S, func(i int) int { return len(opt.Add[i]) })
	if opt.KeyPadding != nil && len(opt.KeyPadding) != S {
		panicf("%s: KeyPadding must have one entry per key, (S) = (%d), got (%d)", op, S, len(opt.KeyPadding))
	}
	M := make([][]float64, L)
	for i := range M {
		M[i] = make([]float64, S)
		for j := range M[i] {
			masked := (opt.Attend != nil && !opt.Attend[i][j]) ||
				(opt.Block != nil && opt.Block[i][j]) ||
				(opt.KeyPadding != nil && opt.KeyPadding[j]) ||
				(opt.Causal && j > i)
			if masked {
				M[i][j] = math.Inf(-1)
			}
			if opt.Add != nil {
				M[i][j] += opt.Add[i][j]
			}
		}
	}
	return M
}

func checkGrid(op, name string, rows, L, S int, cols func(int) int) {
	if rows == 0 {
		return
	}
	if rows != L {
		panicf("%s: %s must be L×S = %d×%d (one row per query), got %d rows", op, name, L, S, rows)
	}
	for i := 0; i < rows; i++ {
		if cols(i) != S {
			panicf("%s: %s must be L×S = %d×%d (one column per key), got %d columns in row %d", op, name, L, S, cols(i), i)
		}
	}
}

// AttentionOutput holds every stage of one attention computation, for the
// lessons to display.
type AttentionOutput struct {
	// Scores (L, S) are s_ij: the scaled scores plus the mask M, before the
	// softmax (−Inf where masked).
	Scores Tensor
	// Weights (L, S) are α_ij: each row is a distribution over the keys
	// (a row whose keys are all masked is NaN, as in PyTorch).
	Weights Tensor
	// Output (L, D_v) holds o_i = Σ_j α_ij v_j.
	Output Tensor
}

// SDPAFormula is scaled dot-product attention, Vaswani et al. 2017 Eq. (1),
// with a mask.
var SDPAFormula = Formula{
	ID:    "sdpa",
	Title: "Scaled dot-product attention",
	TeX: `\begin{aligned}
s_{ij} &= \frac{1}{\sqrt{d_k}} \sum_{e=0}^{d_k-1} q_{ie}\, k_{je} + M_{ij} \\
\alpha_{ij} &= \frac{\exp(s_{ij} - m_i)}{\sum_{j'=0}^{S-1} \exp(s_{ij'} - m_i)}, \qquad m_i = \max_{j'} s_{ij'} \\
o_{ic} &= \sum_{j=0}^{S-1} \alpha_{ij}\, v_{jc}
\qquad\Longleftrightarrow\qquad
\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d_k}} + M\right) V
\end{aligned}`,
	Symbols: []Symbol{
		{`Q`, "queries: row i is q_i, with entries q_{ie}", "(L, d_k)"},
		{`K`, "keys: row j is k_j, with entries k_{je}", "(S, d_k)"},
		{`V`, "values: row j is v_j, with entries v_{jc}", "(S, d_v)"},
		{`M_{ij}`, "mask: 0 = may attend, −∞ = masked (padding, causal), or any added float", "(L, S)"},
		{`s_{ij}`, "score of key j for query i: the raw logit, not a probability", "(L, S)"},
		{`m_i`, "the row maximum, subtracted for stability (changes nothing mathematically)", "(L)"},
		{`\alpha_{ij}`, "attention weight: softmax over the keys j, one distribution per query i", "(L, S)"},
		{`o_{ic}`, "output: entry c of query i's α-weighted mean of the values", "(L, d_v)"},
	},
	Func: ScaledDotProductAttention, FuncName: "ScaledDotProductAttention",
	Source: "Vaswani et al. 2017, Attention Is All You Need, §3.2.1 Eq. (1), https://arxiv.org/abs/1706.03762; " +
		"https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html",
}

// ScaledDotProductAttention is softmax(Q·Kᵀ/√d_k + M)·V for one sequence
// pair (loop over a batch yourself), with the masks in opt (see AttnOpts for
// PyTorch's two mask conventions):
//
//	s[i,j] = (1/√d_k) · Σ_e q[i,e]·k[j,e] + M[i,j]
//	α[i,j] = exp(s[i,j] − m_i) / Σ_j' exp(s[i,j'] − m_i),  m_i = max_j' s[i,j']
//	o[i,c] = Σ_j α[i,j]·v[j,c]
//
// q is (L, d_k), k is (S, d_k), v is
// (S, d_v). No dropout (evaluation mode).
func ScaledDotProductAttention(q, k, v Tensor, opt AttnOpts) AttentionOutput {
	// q: (L, d_k)  k: (S, d_k)  v: (S, d_v)  M: (L, S)  s, α: (L, S)  o: (L, d_v)
	const op = "ScaledDotProductAttention"
	L, S, dk, dv := checkQKV(op, q, k, v)
	if k.Shape[1] != dk {
		panicf("%s: q and k need the same d_k, got q %s and k %s", op, shapeString(q.Shape), shapeString(k.Shape))
	}
	scale := opt.Scale
	if scale == 0 {
		scale = 1 / math.Sqrt(float64(dk))
	}
	M := opt.mask(op, L, S)
	s := New(L, S)
	for i := 0; i < L; i++ {
		for j := 0; j < S; j++ {
			dot := 0.0
			for e := 0; e < dk; e++ {
				dot += q.At(i, e) * k.At(j, e)
			}
			s.Set(scale*dot+M[i][j], i, j)
		}
	}
	return attend(s, v, dv)
}

// attend finishes attention from the scores s (L, S): α = softmax over j,
// then o_i = Σ_j α_ij v_j.
func attend(s, v Tensor, dv int) AttentionOutput {
	L, S := s.Shape[0], s.Shape[1]
	alpha := New(L, S)
	for i := 0; i < L; i++ {
		m := math.Inf(-1)
		for j := 0; j < S; j++ {
			m = math.Max(m, s.At(i, j))
		}
		Z := 0.0
		for j := 0; j < S; j++ {
			Z += math.Exp(s.At(i, j) - m)
		}
		for j := 0; j < S; j++ {
			alpha.Set(math.Exp(s.At(i, j)-m)/Z, i, j)
		}
	}
	o := New(L, dv)
	for i := 0; i < L; i++ {
		for c := 0; c < dv; c++ {
			sum := 0.0
			for j := 0; j < S; j++ {
				sum += alpha.At(i, j) * v.At(j, c)
			}
			o.Set(sum, i, c)
		}
	}
	return AttentionOutput{Scores: s, Weights: alpha, Output: o}
}

// checkQKV checks q (L, d_k), k (S, d_k), v (S, d_v).
func checkQKV(op string, q, k, v Tensor) (L, S, dk, dv int) {
	if q.Dims() != 2 || k.Dims() != 2 || v.Dims() != 2 {
		panicf("%s: need q (L, d_k), k (S, d_k), v (S, d_v) for one sequence (loop over a batch), got q %s k %s v %s",
			op, shapeString(q.Shape), shapeString(k.Shape), shapeString(v.Shape))
	}
	if k.Shape[0] != v.Shape[0] {
		panicf("%s: k and v need one row per key, got k %s and v %s", op, shapeString(k.Shape), shapeString(v.Shape))
	}
	return q.Shape[0], k.Shape[0], q.Shape[1], v.Shape[1]
}
