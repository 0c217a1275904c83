package mathref

import "math"

// AdditiveWeights are the parameters of additive (Bahdanau) attention, laid
// out like bias-free nn.Linear weights (d2l's AdditiveAttention: W_q, W_k,
// w_v).
type AdditiveWeights struct {
	// Wq maps a query into the A-dimensional score space: (A, D_q).
	Wq Tensor
	// Wk maps a key into the same space: (A, D_k).
	Wk Tensor
	// Va (v_a) reduces tanh(…) to one score: (A).
	Va []float64
}

// AdditiveAttentionFormula is Bahdanau's additive attention.
var AdditiveAttentionFormula = Formula{
	ID:    "additive-attention",
	Title: "Additive (Bahdanau) attention",
	TeX: `\begin{aligned}
e_{ij} &= v_a^{\top} \tanh\left(W_q\, q_i + W_k\, k_j\right)
= \sum_{a=0}^{A-1} v_{a} \tanh\Big(\sum_{b=0}^{D_q-1} W_q[a,b]\, q_{ib} + \sum_{c=0}^{D_k-1} W_k[a,c]\, k_{jc}\Big) + M_{ij} \\
\alpha_{ij} &= \frac{\exp(e_{ij} - m_i)}{\sum_{j'} \exp(e_{ij'} - m_i)}, \qquad m_i = \max_{j'} e_{ij'} \\
o_i &= \sum_{j=0}^{S-1} \alpha_{ij}\, v_j
\end{aligned}`,
	Symbols: []Symbol{
		{`q_i`, "query i (e.g. the decoder state)", "(D_q); all (L, D_q)"},
		{`k_j, v_j`, "key and value j (e.g. encoder states; often the same)", "(D_k), (D_v); all (S, ·)"},
		{`W_q, W_k`, "projections into the score space", "(A, D_q), (A, D_k)"},
		{`v_a`, "score vector", "(A)"},
		{`M_{ij}`, "mask: 0 or −∞ for padded keys", "(L, S)"},
		{`e_{ij}, \alpha_{ij}`, "score and weight of key j for query i", "(L, S)"},
		{`o_i`, "context vector for query i", "(D_v); all (L, D_v)"},
	},
	Func: AdditiveAttention, FuncName: "AdditiveAttention",
	Source: "Bahdanau, Cho, Bengio 2015, Eq. (6) and App. A.1.2, https://arxiv.org/abs/1409.0473; " +
		"https://d2l.ai/chapter_attention-mechanisms-and-transformers/attention-scoring-functions.html (additive attention)",
}

// AdditiveAttention scores each key by v_aᵀ·tanh(W_q·q_i + W_k·k_j), takes
// the softmax over the keys and averages the values:
//
//	e[i,j] = Σ_a v_a[a]·tanh(Σ_b W_q[a,b]·q[i,b] + Σ_c W_k[a,c]·k[j,c]) + M[i,j]
//	α[i,j] = softmax over j of e[i,j];  o[i] = Σ_j α[i,j]·v[j]
//
// q is (L, D_q), k is (S, D_k), v is (S, D_v); the masks in opt apply as in
// ScaledDotProductAttention (opt.Scale must be 0: there is no scale).
func AdditiveAttention(q, k, v Tensor, p AdditiveWeights, opt AttnOpts) AttentionOutput {
	// q: (L, D_q)  k: (S, D_k)  v: (S, D_v)  W_q: (A, D_q)  W_k: (A, D_k)  v_a: (A)  e, α: (L, S)  o: (L, D_v)
	const op = "AdditiveAttention"
	L, S, Dq, dv := checkQKV(op, q, k, v)
	Dk := k.Shape[1]
	A := len(p.Va)
	if !sameShape(p.Wq.Shape, []int{A, Dq}) || !sameShape(p.Wk.Shape, []int{A, Dk}) || A == 0 {
		panicf("%s: need Wq (A, D_q) = (%d, %d), Wk (A, D_k) = (%d, %d) with A = len(Va) = %d ≥ 1, got Wq %s Wk %s",
			op, A, Dq, A, Dk, A, shapeString(p.Wq.Shape), shapeString(p.Wk.Shape))
	}
	if opt.Scale != 0 {
		panicf("%s: additive attention has no scale; AttnOpts.Scale must be 0, got %g", op, opt.Scale)
	}
	M := opt.mask(op, L, S)
	e := New(L, S)
	for i := 0; i < L; i++ {
		for j := 0; j < S; j++ {
			score := 0.0
			for a := 0; a < A; a++ {
				hidden := 0.0
				for b := 0; b < Dq; b++ {
					hidden += p.Wq.At(a, b) * q.At(i, b)
				}
				for c := 0; c < Dk; c++ {
					hidden += p.Wk.At(a, c) * k.At(j, c)
				}
				score += p.Va[a] * math.Tanh(hidden)
			}
			e.Set(score+M[i][j], i, j)
		}
	}
	return attend(e, v, dv)
}
