package mathref

import "fmt"

// MHAWeights are nn.MultiheadAttention's parameters, named and laid out as
// in its state dict (embed_dim E, kdim = vdim = E, no bias_k/bias_v).
type MHAWeights struct {
	// InProjWeight is in_proj_weight, (3E, E): rows 0..E-1 are W_q, rows
	// E..2E-1 are W_k, rows 2E..3E-1 are W_v.
	InProjWeight Tensor
	// InProjBias is in_proj_bias, (3E) split the same way; nil for bias=False.
	InProjBias []float64
	// OutProjWeight is out_proj.weight, (E, E).
	OutProjWeight Tensor
	// OutProjBias is out_proj.bias, (E); nil for bias=False.
	OutProjBias []float64
}

// MHAOutput is what MultiheadAttention returns, with every intermediate.
type MHAOutput struct {
	// Output (L, E) is attn_output.
	Output Tensor
	// Weights (L, S) are the attention weights averaged over the heads:
	// attn_output_weights with average_attn_weights=True (the default).
	Weights Tensor
	// HeadWeights (h, L, S) are the per-head weights: average_attn_weights=False.
	HeadWeights Tensor
	// Heads[i] is head i's scores, weights and output (L, E/h).
	Heads []AttentionOutput
	// Q (L, E), K (S, E), V (S, E) are the projected inputs before the split
	// into heads.
	Q, K, V Tensor
}

// MHAFormula is multi-head attention with PyTorch's packed projections.
var MHAFormula = Formula{
	ID:    "mha",
	Title: "Multi-head attention (as torch.nn.MultiheadAttention)",
	TeX: `\begin{aligned}
Q &= X_q W_q^{\top} + b_q, \quad K = X_k W_k^{\top} + b_k, \quad V = X_v W_v^{\top} + b_v,
\qquad \begin{bmatrix} W_q \\ W_k \\ W_v \end{bmatrix} = \texttt{in\_proj\_weight} \\
\mathrm{head}_i &= \mathrm{softmax}\!\left(\frac{Q_i K_i^{\top}}{\sqrt{d_h}} + M\right) V_i,
\qquad Q_i = Q_{:,\; i d_h : (i+1) d_h}, \quad d_h = E / h \\
\mathrm{MultiHead}(X_q, X_k, X_v) &= \mathrm{Concat}(\mathrm{head}_0, \dots, \mathrm{head}_{h-1})\, W_o^{\top} + b_o \\
\bar{A} &= \frac{1}{h} \sum_{i=0}^{h-1} A_i \qquad (A_i = \text{head } i\text{'s softmax weights})
\end{aligned}`,
	Symbols: []Symbol{
		{`X_q, X_k, X_v`, "query, key and value inputs", "(L, E), (S, E), (S, E)"},
		{`W_q, W_k, W_v`, "row blocks of in_proj_weight", "(E, E) each; packed (3E, E)"},
		{`b_q, b_k, b_v`, "blocks of in_proj_bias", "(E) each; packed (3E)"},
		{`Q_i, K_i, V_i`, "head i's slice of columns", "(L, d_h), (S, d_h), (S, d_h)"},
		{`W_o, b_o`, "out_proj.weight and out_proj.bias", "(E, E), (E)"},
		{`M`, "mask (attn_mask: True = not allowed; key_padding_mask: True = padding)", "(L, S)"},
		{`h, d_h`, "number of heads, head size E/h", "scalars"},
		{`\bar{A}`, "weights averaged over heads (average_attn_weights=True)", "(L, S)"},
	},
	Func: MultiheadAttention, FuncName: "MultiheadAttention",
	Source: "Vaswani et al. 2017 §3.2.2, https://arxiv.org/abs/1706.03762; " +
		"https://docs.pytorch.org/docs/stable/generated/torch.nn.MultiheadAttention.html",
}

// MultiheadAttention is torch.nn.MultiheadAttention's forward for one
// sequence pair (unbatched; loop over a batch yourself) in evaluation mode:
// project with in_proj_weight, split the columns into numHeads heads, run
// ScaledDotProductAttention per head with scale 1/√(E/h) and the masks in opt
// (Block = attn_mask, KeyPadding = key_padding_mask, Add = float attn_mask),
// concatenate and project with out_proj. query is (L, E); key and value are
// (S, E).
//
//	Q = X_q·W_qᵀ + b_q,  K = X_k·W_kᵀ + b_k,  V = X_v·W_vᵀ + b_v   ([W_q; W_k; W_v] = in_proj_weight)
//	head_i = softmax(Q_i·K_iᵀ/√(E/h) + M)·V_i                      (Q_i: columns i·E/h … (i+1)·E/h − 1)
//	out = Concat(head_0, …, head_{h−1})·W_oᵀ + b_o
func MultiheadAttention(query, key, value Tensor, p MHAWeights, numHeads int, opt AttnOpts) MHAOutput {
	// query: (L, E)  key, value: (S, E)  in_proj: (3E, E)  out_proj: (E, E)  out: (L, E)  weights: (L, S)
	const op = "MultiheadAttention"
	E := checkMHA(op, query, key, value, p, numHeads)
	L, S, dh := query.Shape[0], key.Shape[0], E/numHeads
	Wq, Wk, Wv := rowBlock(p.InProjWeight, 0, E), rowBlock(p.InProjWeight, 1, E), rowBlock(p.InProjWeight, 2, E)
	bq, bk, bv := sliceOrNil(p.InProjBias, 0, E), sliceOrNil(p.InProjBias, E, 2*E), sliceOrNil(p.InProjBias, 2*E, 3*E)
	Q, K, V := Linear(query, Wq, bq), Linear(key, Wk, bk), Linear(value, Wv, bv)
	out := MHAOutput{Q: Q, K: K, V: V, Heads: make([]AttentionOutput, numHeads), HeadWeights: New(numHeads, L, S)}
	concat := New(L, E)
	for i := 0; i < numHeads; i++ {
		head := ScaledDotProductAttention(columns(Q, i*dh, dh), columns(K, i*dh, dh), columns(V, i*dh, dh), opt)
		out.Heads[i] = head
		copy(out.HeadWeights.Data[i*L*S:], head.Weights.Data)
		for l := 0; l < L; l++ {
			for c := 0; c < dh; c++ {
				concat.Set(head.Output.At(l, c), l, i*dh+c) // Concat(head_0, …, head_{h-1})
			}
		}
	}
	out.Output = Linear(concat, p.OutProjWeight, p.OutProjBias)
	out.Weights = New(L, S)
	for l := 0; l < L; l++ {
		for j := 0; j < S; j++ {
			sum := 0.0
			for i := 0; i < numHeads; i++ {
				sum += out.HeadWeights.At(i, l, j)
			}
			out.Weights.Set(sum/float64(numHeads), l, j)
		}
	}
	return out
}

func checkMHA(op string, query, key, value Tensor, p MHAWeights, numHeads int) int {
	if query.Dims() != 2 || key.Dims() != 2 || value.Dims() != 2 {
		panicf("%s: need query (L, E), key (S, E), value (S, E) for one sequence (loop over a batch), got %s %s %s",
			op, shapeString(query.Shape), shapeString(key.Shape), shapeString(value.Shape))
	}
	E := query.Shape[1]
	if key.Shape[1] != E || value.Shape[1] != E || key.Shape[0] != value.Shape[0] {
		panicf("%s: need query (L, E), key (S, E), value (S, E) with one E and one S, got %s %s %s",
			op, shapeString(query.Shape), shapeString(key.Shape), shapeString(value.Shape))
	}
	if numHeads < 1 || E%numHeads != 0 {
		panicf("%s: embed_dim %d must be divisible by num_heads, got num_heads %d", op, E, numHeads)
	}
	want := fmt.Sprintf("in_proj_weight (3E, E) = (%d, %d) and out_proj.weight (E, E) = (%d, %d)", 3*E, E, E, E)
	if !sameShape(p.InProjWeight.Shape, []int{3 * E, E}) || !sameShape(p.OutProjWeight.Shape, []int{E, E}) {
		panicf("%s: need %s, got %s and %s", op, want, shapeString(p.InProjWeight.Shape), shapeString(p.OutProjWeight.Shape))
	}
	if (p.InProjBias != nil && len(p.InProjBias) != 3*E) || (p.OutProjBias != nil && len(p.OutProjBias) != E) {
		panicf("%s: need in_proj_bias (%d) and out_proj.bias (%d) or nil, got (%d) and (%d)",
			op, 3*E, E, len(p.InProjBias), len(p.OutProjBias))
	}
	return E
}

// rowBlock returns rows b·n … (b+1)·n−1 of W as a new tensor.
func rowBlock(W Tensor, b, n int) Tensor {
	cols := W.Shape[1]
	return FromData(append([]float64(nil), W.Data[b*n*cols:(b+1)*n*cols]...), n, cols)
}

// columns returns columns c0 … c0+n−1 of X as a new tensor.
func columns(X Tensor, c0, n int) Tensor {
	out := New(X.Shape[0], n)
	for r := 0; r < X.Shape[0]; r++ {
		for c := 0; c < n; c++ {
			out.Set(X.At(r, c0+c), r, c)
		}
	}
	return out
}

func sliceOrNil(b []float64, from, to int) []float64 {
	if b == nil {
		return nil
	}
	return b[from:to]
}
