package mathref

import (
	"fmt"
	"math"
)

const (
	vaswani  = "Vaswani et al. 2017, Attention Is All You Need, §3.2.1 Eq. (1), https://arxiv.org/abs/1706.03762"
	sdpaDocs = "https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.scaled_dot_product_attention.html"
	mhaDocs  = "https://docs.pytorch.org/docs/stable/generated/torch.nn.MultiheadAttention.html"
	d2lScore = "d2l §11.3 (https://d2l.ai/chapter_attention-mechanisms-and-transformers/attention-scoring-functions.html)"
)

// attentionErrata are the seed document's attention formula errors (C3).
func attentionErrata() []Erratum {
	return []Erratum{
		{
			ID: "attention-double-softmax", Seed: "C3", InSeed: true, Lang: "tex",
			Title: "Softmax applied twice",
			Wrong: `\begin{aligned}
e_{i,j} &= \frac{\exp(q_i \cdot k_j)}{\sum_{j'} \exp(q_i \cdot k_{j'})} \\
\alpha_j &= \frac{\exp(e_{i,j})}{\sum_{j'} \exp(e_{i,j'})}
\end{aligned}`,
			Right: `\begin{aligned}
e_{ij} &= \frac{q_i \cdot k_j}{\sqrt{d_k}} \\
\alpha_{ij} &= \frac{\exp(e_{ij})}{\sum_{j'} \exp(e_{ij'})}
\end{aligned}`,
			Why: "The score must be the raw logit; a softmax of probabilities (all in [0, 1]) flattens them towards uniform.",
			Notes: []string{
				"Scaled dot-product attention is usually paired with learned projections, head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V), and Concat(head_1, …, head_h) W^O (multi-head attention).",
			},
			Source: vaswani,
			Demo: func() Demo {
				logits := Vector(4, 1, 0, -2)
				once := Softmax(logits, -1)
				return Demo{
					Input: "scores (4, 1, 0, −2)",
					Wrong: "softmax twice " + txt(Softmax(once, -1)),
					Right: "softmax once " + txt(once),
				}
			},
		},
		{
			ID: "attention-missing-scale", Seed: "C3", InSeed: true, Lang: "tex",
			Title:  "No 1/√d_k scaling",
			Wrong:  `\alpha_{ij} = \mathrm{softmax}_j\left(q_i \cdot k_j\right)`,
			Right:  `\alpha_{ij} = \mathrm{softmax}_j\left(\frac{q_i \cdot k_j}{\sqrt{d_k}}\right)`,
			Why:    "With unit-variance entries q·k has variance d_k; unscaled, the softmax saturates towards one-hot and its gradients vanish.",
			Source: vaswani + " (footnote 4); " + d2lScore,
			Demo: func() Demo {
				dk := 64
				r3 := math.Sqrt(3) // uniform on [−√3, √3) has variance 1
				q := Uniform(1, -r3, r3, 1, dk)
				k := Uniform(2, -r3, r3, 4, dk)
				v := New(4, 1)
				unscaled := ScaledDotProductAttention(q, k, v, AttnOpts{Scale: 1})
				scaled := ScaledDotProductAttention(q, k, v, AttnOpts{})
				return Demo{
					Input: "d_k = 64, one query and 4 keys with unit-variance entries (seeded)",
					Wrong: "unscaled weights " + txt(unscaled.Weights.Sub(0)),
					Right: "scaled by 1/8 " + txt(scaled.Weights.Sub(0)),
				}
			},
		},
		{
			ID: "attention-alpha-index", Seed: "C3", InSeed: true, Lang: "tex",
			Title: "Attention weight α_j without the query index",
			Wrong: `C_i = \sum_{j=1}^{N} \alpha_j V_j`,
			Right: `c_i = \sum_{j} \alpha_{ij}\, v_j, \qquad \text{i.e. } C = \mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d_k}}\right) V \text{ (softmax over the keys, dim = -1)}`,
			Why:   "Each query i has its own distribution over the keys j; a single α_j cannot hold two queries' weights.",
			Notes: []string{
				"The letters are mixed (Q_i and q_i, K_j and k_j, V_j): write lower-case rows q_i, k_j, v_j of Q, K, V.",
			},
			Source: vaswani,
			Demo: func() Demo {
				q := Matrix([][]float64{{2, 0}, {0, 2}})
				k := Matrix([][]float64{{1, 0}, {0, 1}, {0, 0}})
				v := Matrix([][]float64{{1, 0}, {0, 1}, {0, 0}})
				a := ScaledDotProductAttention(q, k, v, AttnOpts{})
				c1 := New(2) // query 1's context computed with query 0's weights α_0j
				for j := 0; j < 3; j++ {
					for d := 0; d < 2; d++ {
						c1.Data[d] += a.Weights.At(0, j) * v.At(j, d)
					}
				}
				return Demo{
					Input: "queries (2, 0), (0, 2); keys = values = (1, 0), (0, 1), (0, 0); d_k = 2",
					Wrong: "one α_j (query 0's row) for both: c_1 = " + txt(c1),
					Right: fmt.Sprintf("α = %s, c_1 = %s", txt(a.Weights), txt(a.Output.Sub(1))),
				}
			},
		},
		{
			ID: "attention-missing-mask", Seed: "C3", InSeed: true, Lang: "tex",
			Title: "No mask for padded keys",
			Wrong: `\alpha_{ij} = \mathrm{softmax}_j\left(\frac{q_i \cdot k_j}{\sqrt{d_k}}\right) \quad \text{over all } j \text{, padding included}`,
			Right: `\alpha_{ij} = \mathrm{softmax}_j\left(\frac{q_i \cdot k_j}{\sqrt{d_k}} + M_{ij}\right), \qquad M_{ij} = \begin{cases} 0 & \text{key } j \text{ is real} \\ -\infty & \text{key } j \text{ is padding} \end{cases}`,
			Why:   "Without the mask, padding keys take part of the weight and their meaningless values leak into the context.",
			Notes: []string{
				"PyTorch's SDPA fills masked scores with −inf; the Annotated Transformer uses −1e9 and d2l −1e6. A row with every key masked is NaN with −inf.",
				"Subtracting the row maximum before exp (stable softmax) is part of the right form; see softmax-overflow.",
			},
			Source: sdpaDocs + "; " + mhaDocs + " (key_padding_mask)",
			Demo: func() Demo {
				q := Matrix([][]float64{{1, 0}})
				k := Matrix([][]float64{{1, 0}, {0, 1}, {0, 0}, {0, 0}}) // keys 2 and 3 are zero padding
				v := Matrix([][]float64{{1}, {2}, {0}, {0}})
				plain := ScaledDotProductAttention(q, k, v, AttnOpts{})
				masked := ScaledDotProductAttention(q, k, v, AttnOpts{KeyPadding: []bool{false, false, true, true}})
				return Demo{
					Input: "one query (1, 0); 2 real keys and 2 padding keys (zeros); values (1, 2, 0, 0)",
					Wrong: fmt.Sprintf("α = %s, context %.4f", txt(plain.Weights), plain.Output.At(0, 0)),
					Right: fmt.Sprintf("α = %s, context %.4f", txt(masked.Weights), masked.Output.At(0, 0)),
				}
			},
		},
	}
}
