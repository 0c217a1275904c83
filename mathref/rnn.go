package mathref

import "math"

// RNNCellFormula is the Elman cell in PyTorch's form.
var RNNCellFormula = Formula{
	ID:    "rnn-cell",
	Title: "RNN cell (Elman, as torch.nn.RNNCell)",
	TeX: `\begin{aligned}
h' &= \phi\left(W_{ih}\, x + b_{ih} + W_{hh}\, h + b_{hh}\right) \\
h'_{k} &= \phi\Big(\sum_{j=0}^{I-1} W_{ih}[k,j]\, x_j + b_{ih}[k] + \sum_{l=0}^{H-1} W_{hh}[k,l]\, h_l + b_{hh}[k]\Big),
\qquad \phi \in \{\tanh, \mathrm{ReLU}\}
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "input at this step (one row per sample)", "(N, I)"},
		{`h`, "previous hidden state (zeros if not given)", "(N, H)"},
		{`h'`, "new hidden state", "(N, H)"},
		{`W_{ih}, b_{ih}`, "input-to-hidden weight and bias (weight_ih, bias_ih)", "(H, I), (H)"},
		{`W_{hh}, b_{hh}`, "hidden-to-hidden weight and bias (weight_hh, bias_hh)", "(H, H), (H)"},
		{`\phi`, "nonlinearity: tanh (default) or ReLU", "elementwise"},
	},
	Func: RNNCell, FuncName: "RNNCell",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.RNNCell.html",
}

// RNNCell is torch.nn.RNNCell: h' = φ(W_ih·x + b_ih + W_hh·h + b_hh), with
// both bias vectors as PyTorch keeps them. p has G = 1 (WeightIH (H, I),
// WeightHH (H, H)). x is (I) or (N, I); h matches it, (H) or (N, H), or is
// Tensor{} for zeros. nonlinearity is "tanh" (also "") or "relu".
func RNNCell(x, h Tensor, p RecurrentWeights, nonlinearity string) Tensor {
	// x: (N, I)  h: (N, H)  W_ih: (H, I)  W_hh: (H, H)  b_ih, b_hh: (H)  h': (N, H)
	H, I := p.check("RNNCell", 1)
	phi := rnnActivation("RNNCell", nonlinearity)
	x2, h2, batched := cellInputs("RNNCell", x, h, I, H)
	return unbatchRows(rnnStep(x2, h2, p, phi), batched)
}

// rnnStep computes h' for every sample s and unit k, one loop per Σ.
func rnnStep(x, h Tensor, p RecurrentWeights, phi func(float64) float64) Tensor {
	N, I, H := x.Shape[0], x.Shape[1], h.Shape[1]
	hNew := New(N, H)
	for s := 0; s < N; s++ { // s: sample in the batch
		for k := 0; k < H; k++ {
			a := 0.0
			for j := 0; j < I; j++ {
				a += p.WeightIH.At(k, j) * x.At(s, j)
			}
			a += biasAt(p.BiasIH, k)
			for l := 0; l < H; l++ {
				a += p.WeightHH.At(k, l) * h.At(s, l)
			}
			a += biasAt(p.BiasHH, k)
			hNew.Set(phi(a), s, k)
		}
	}
	return hNew
}

func rnnActivation(op, name string) func(float64) float64 {
	switch name {
	case "", "tanh":
		return math.Tanh
	case "relu":
		return func(v float64) float64 { return math.Max(0, v) }
	}
	panicf(`%s: nonlinearity must be "tanh" or "relu", got %q`, op, name)
	return nil
}

// RNNFormula is the RNN unrolled over a sequence.
var RNNFormula = Formula{
	ID:    "rnn",
	Title: "RNN over a sequence (one layer of torch.nn.RNN)",
	TeX: `\begin{aligned}
h_t &= \phi\left(W_{ih}\, x_t + b_{ih} + W_{hh}\, h_{t-1} + b_{hh}\right), \qquad t = 1, \dots, T \\
h_0 &= 0 \text{ (default)}, \qquad \text{output} = (h_1, \dots, h_T), \qquad h_n = h_T
\end{aligned}`,
	Symbols: []Symbol{
		{`x_t`, "input at step t", "(N, I); the sequence is (T, N, I)"},
		{`h_t`, "hidden state after step t", "(N, H); output is (T, N, H)"},
		{`W_{ih}, W_{hh}, b_{ih}, b_{hh}`, "the same parameters at every step", "(H, I), (H, H), (H), (H)"},
		{`\phi`, "tanh (default) or ReLU", "elementwise"},
	},
	Func: RNN, FuncName: "RNN",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.RNN.html",
}

// RNNOutput is what RNN returns, named as PyTorch's (output, h_n).
type RNNOutput struct {
	// Output holds h_1 … h_T: (T, N, H), or (T, H) for an unbatched input.
	// nn.RNN has no output layer: a readout is a separate Linear.
	Output Tensor
	// HN is h_T: (N, H) or (H). (PyTorch's h_n has a leading
	// num_layers·directions axis of size 1 here.)
	HN Tensor
}

// RNN runs RNNCell along a sequence with the same weights at every step, as
// one layer of torch.nn.RNN with batch_first=False. xs is (T, I) or
// (T, N, I); h0 is (H) or (N, H) to match, or Tensor{} for zeros (PyTorch's
// default).
func RNN(xs, h0 Tensor, p RecurrentWeights, nonlinearity string) RNNOutput {
	// xs: (T, N, I)  h0: (N, H)  output: (T, N, H)  h_n: (N, H)
	H, I := p.check("RNN", 1)
	phi := rnnActivation("RNN", nonlinearity)
	x3, batched := seqInputs("RNN", xs, I)
	T, N := x3.Shape[0], x3.Shape[1]
	h := hiddenInput("RNN", "h0", h0, N, H, batched)
	hs := make([]Tensor, T)
	for t := 0; t < T; t++ {
		h = rnnStep(x3.Sub(t), h, p, phi) // the same p at every t
		hs[t] = h
	}
	return RNNOutput{Output: stackSteps(hs, batched), HN: unbatchRows(h, batched)}
}
