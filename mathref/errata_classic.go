package mathref

import (
	"fmt"
	"math"
)

// classicErrata are common errors that the seed document does not make (or
// does not show), listed for the lessons.
func classicErrata() []Erratum {
	return []Erratum{
		{
			ID: "softmax-result-discarded", Seed: "C6", InSeed: false, Lang: "python",
			Title: "F.softmax(e) called without using its result",
			Wrong: `F.softmax(e, dim=1)
a = (alpha.unsqueeze(2) * enc).sum(1)   # alpha never assigned, or e used as weights`,
			Right: `alpha = F.softmax(e, dim=1)`,
			Why:   "F.softmax returns a new tensor and leaves e unchanged, so code that goes on with e weights by raw scores.",
			Notes: []string{
				"The seed document does assign the result (e = F.softmax(e, dim=1)); this is listed because the slip is common.",
			},
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.softmax.html",
			Demo: func() Demo {
				e := Vector(2, 1, 3)
				_ = Softmax(e, -1) // the result is dropped; e is unchanged
				alpha := Softmax(e, -1)
				return Demo{
					Input: "scores e = (2, 1, 3)",
					Wrong: fmt.Sprintf("weights used = e = %s (sum %g)", txt(e), sum(e)),
					Right: fmt.Sprintf("alpha = %s (sum %g)", txt(alpha), math.Round(sum(alpha)*1e12)/1e12),
				}
			},
		},
		{
			ID: "softmax-wrong-axis", Lang: "tex",
			Title: "Softmax over the wrong axis",
			Wrong: `\alpha = \mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d_k}}, \text{dim} = 0\right) \quad \text{(over the queries)}`,
			Right: `\alpha = \mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d_k}}, \text{dim} = -1\right) \quad \text{(over the keys: each row sums to 1)}`,
			Why:   "Each query's weights must form a distribution over the keys, so the softmax runs along the key axis (the last); along the other axis the columns sum to 1 instead.",
			Notes: []string{
				"For a batch of logits (N, C), softmax runs over the classes, dim = 1 (or -1), never over the batch.",
			},
			Source: vaswani + "; " + sdpaDocs,
			Demo: func() Demo {
				s := Matrix([][]float64{{1, 2, 3}, {1, 4, 9}})
				wrong, right := Softmax(s, 0), Softmax(s, -1)
				return Demo{
					Input: "scores for 2 queries × 3 keys: (1, 2, 3), (1, 4, 9)",
					Wrong: fmt.Sprintf("dim 0: %s, row sums %s", txt(wrong), txt(rowSums(wrong))),
					Right: fmt.Sprintf("dim -1: %s, row sums %s", txt(right), txt(rowSums(right))),
				}
			},
		},
		{
			ID: "softmax-overflow", Lang: "tex",
			Title:  "Softmax without subtracting the maximum",
			Wrong:  `\mathrm{softmax}(x)_i = \frac{\exp(x_i)}{\sum_j \exp(x_j)} \quad \text{computed as written}`,
			Right:  `\mathrm{softmax}(x)_i = \frac{\exp(x_i - m)}{\sum_j \exp(x_j - m)}, \qquad m = \max_j x_j`,
			Why:    "exp overflows float64 above about 709.8, giving ∞/∞ = NaN; subtracting the maximum changes nothing mathematically and keeps every exponent ≤ 0.",
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Softmax.html; d2l §4.5.2 Softmax Revisited (https://d2l.ai/chapter_linear-classification/softmax-regression-concise.html)",
			Demo: func() Demo {
				x := Vector(1000, 999)
				naive := x.Clone()
				Z := 0.0
				for _, v := range x.Data {
					Z += math.Exp(v)
				}
				for i, v := range x.Data {
					naive.Data[i] = math.Exp(v) / Z
				}
				return Demo{
					Input: "logits (1000, 999)",
					Wrong: fmt.Sprintf("exp(1000) = %v, softmax %s", math.Exp(1000), txt(naive)),
					Right: "softmax " + txt(Softmax(x, -1)),
				}
			},
		},
		{
			ID: "linear-weight-layout", Lang: "tex",
			Title:  "Linear with the weight untransposed",
			Wrong:  `y = x W + b \quad \text{with PyTorch's } W \in \mathbb{R}^{F_{out} \times F_{in}}`,
			Right:  `y = x W^{\top} + b, \qquad y_{n,o} = b_o + \sum_k x_{n,k} W_{o,k}`,
			Why:    "nn.Linear stores weight as (out_features, in_features); using it untransposed fails for non-square layers and silently computes another map for square ones.",
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html",
			Demo: func() Demo {
				x := Matrix([][]float64{{1, 0}})
				W := Matrix([][]float64{{1, 2}, {3, 4}})
				wrong := New(1, 2)
				for o := 0; o < 2; o++ {
					for k := 0; k < 2; k++ {
						wrong.Data[o] += x.At(0, k) * W.At(k, o) // x W: W read as (in, out)
					}
				}
				return Demo{
					Input: "x = (1, 0), W = [[1 2] [3 4]] (a state-dict weight), no bias",
					Wrong: "x W = " + txt(wrong),
					Right: "x Wᵀ = " + txt(Linear(x, W, nil)),
				}
			},
		},
		{
			ID: "attention-mask-convention", Seed: "C3", InSeed: false, Lang: "python",
			Title: "The same boolean mask given to SDPA and to MultiheadAttention",
			Wrong: `causal = torch.ones(L, L, dtype=torch.bool).tril()   # True = may attend
mha(x, x, x, attn_mask=causal)                         # MHA reads True as NOT allowed`,
			Right: `F.scaled_dot_product_attention(q, k, v, attn_mask=causal)   # True = takes part
mha(x, x, x, attn_mask=~causal)                             # True = not allowed
# (or is_causal=True / nn.Transformer.generate_square_subsequent_mask(L))`,
			Why:    "F.scaled_dot_product_attention reads True as \"takes part\" while nn.MultiheadAttention reads True as \"not allowed\"; the same mask means opposite things.",
			Source: sdpaDocs + " (attn_mask); " + mhaDocs + " (attn_mask, key_padding_mask)",
			Demo: func() Demo {
				x := New(3, 2) // equal scores, so the weights show the mask alone
				v := Matrix([][]float64{{1}, {2}, {3}})
				tril := [][]bool{{true, false, false}, {true, true, false}, {true, true, true}}
				wrong := ScaledDotProductAttention(x, x, v, AttnOpts{Block: tril})
				right := ScaledDotProductAttention(x, x, v, AttnOpts{Attend: tril})
				return Demo{
					Input: "3 positions with equal scores; the lower-triangular (causal) mask tril",
					Wrong: "as MHA attn_mask: weights " + txt(wrong.Weights),
					Right: "as SDPA attn_mask: weights " + txt(right.Weights),
				}
			},
		},
	}
}

func sum(t Tensor) float64 {
	s := 0.0
	for _, v := range t.Data {
		s += v
	}
	return s
}

// rowSums sums each row of a matrix.
func rowSums(m Tensor) Tensor {
	out := New(m.Shape[0])
	for i := 0; i < m.Shape[0]; i++ {
		out.Data[i] = sum(m.Sub(i))
	}
	return out
}
