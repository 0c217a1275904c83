package mathref

import "math"

// CrossEntropyFormula is the cross-entropy loss from logits with class-index
// targets and mean reduction.
var CrossEntropyFormula = Formula{
	ID:    "cross-entropy",
	Title: "Cross-entropy from logits (torch.nn.CrossEntropyLoss, mean reduction)",
	TeX: `\begin{aligned}
\ell &= \frac{1}{N} \sum_{n=0}^{N-1} \Big( -x_{n,y_n} + \log \sum_{c=0}^{C-1} \exp(x_{n,c}) \Big)
= -\frac{1}{N} \sum_{n=0}^{N-1} \log \mathrm{softmax}(x_n)_{y_n} \\
\log \sum_{c} \exp(x_{n,c}) &= m_n + \log \sum_{c} \exp(x_{n,c} - m_n), \qquad m_n = \max_c x_{n,c}
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "logits: raw scores, NOT probabilities (the loss applies log-softmax itself)", "(N, C)"},
		{`y_n`, "class index of sample n", "(N) integers in [0, C)"},
		{`\ell`, "mean loss over the batch", "scalar"},
	},
	Func: CrossEntropy, FuncName: "CrossEntropy",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html",
}

// CrossEntropy is torch.nn.functional.cross_entropy(logits, target) with the
// defaults (mean reduction, no weights, no label smoothing): the mean over
// samples of −x[n, y_n] + log Σ_c exp(x[n, c]):
//
//	ℓ = (1/N) · Σ_n ( −x[n, y_n] + log Σ_c exp(x[n, c]) )
//
// logits is (N, C) or (C) with
// one target; target holds class indices in [0, C).
func CrossEntropy(logits Tensor, target []int) float64 {
	// x: (N, C)  y: (N)  ℓ: scalar
	x := logits
	if x.Dims() == 1 {
		x = x.Reshape(1, x.Shape[0])
	}
	if x.Dims() != 2 || x.Shape[0] != len(target) || x.Shape[0] == 0 || x.Shape[1] == 0 {
		panicf("CrossEntropy: need logits (N, C) (or (C)) and N ≥ 1 class indices, got logits %s and %d targets",
			shapeString(logits.Shape), len(target))
	}
	N, C := x.Shape[0], x.Shape[1]
	sum := 0.0
	for n := 0; n < N; n++ {
		y := target[n]
		if y < 0 || y >= C {
			panicf("CrossEntropy: target[%d] = %d is not a class index in [0, %d)", n, y, C)
		}
		m := math.Inf(-1)
		for c := 0; c < C; c++ {
			m = math.Max(m, x.At(n, c))
		}
		Z := 0.0
		for c := 0; c < C; c++ {
			Z += math.Exp(x.At(n, c) - m)
		}
		sum += -x.At(n, y) + m + math.Log(Z)
	}
	return sum / float64(N)
}
