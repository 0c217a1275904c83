package mathref

import "math"

// GRUCellFormula is one GRU step exactly as PyTorch documents it.
var GRUCellFormula = Formula{
	ID:    "gru-cell",
	Title: "GRU cell (as torch.nn.GRUCell; gate order r, z, n)",
	TeX: `\begin{aligned}
r &= \sigma\left(W_{ir}\, x + b_{ir} + W_{hr}\, h + b_{hr}\right) \\
z &= \sigma\left(W_{iz}\, x + b_{iz} + W_{hz}\, h + b_{hz}\right) \\
n &= \tanh\left(W_{in}\, x + b_{in} + r \odot \left(W_{hn}\, h + b_{hn}\right)\right) \\
h' &= (1 - z) \odot n + z \odot h
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "input at this step", "(N, I)"},
		{`h`, "previous hidden state (zeros if not given)", "(N, H)"},
		{`r, z, n`, "reset gate, update gate, candidate state", "(N, H) each"},
		{`h'`, "new hidden state", "(N, H)"},
		{`W_{ir}, W_{iz}, W_{in}`, "row blocks of weight_ih = [W_ir; W_iz; W_in]", "(H, I) each; stacked (3H, I)"},
		{`W_{hr}, W_{hz}, W_{hn}`, "row blocks of weight_hh", "(H, H) each; stacked (3H, H)"},
		{`b_{hn}`, "hidden bias of n: inside r ⊙ (…), so it cannot be merged with b_in", "(H)"},
	},
	Func: GRUCell, FuncName: "GRUCell",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.GRU.html",
}

// GRUState is one GRU step with its gates: each (N, H), or (H) unbatched.
type GRUState struct {
	R, Z, N Tensor // reset gate, update gate, candidate state
	H       Tensor // new hidden state h'
}

// GRUCell is torch.nn.GRUCell:
//
//	r = σ(W_ir·x + b_ir + W_hr·h + b_hr)
//	z = σ(W_iz·x + b_iz + W_hz·h + b_hz)
//	n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn))
//	h' = (1 − z) ⊙ n + z ⊙ h
//
// p has G = 3 with the blocks in PyTorch's
// order r, z, n (WeightIH (3H, I), WeightHH (3H, H)). The reset gate
// multiplies (W_hn·h + b_hn), bias included, as PyTorch does (the original
// paper applies r to h before the product). x is (I) or (N, I); h matches
// it, or is Tensor{} for zeros.
func GRUCell(x, h Tensor, p RecurrentWeights) GRUState {
	// x: (N, I)  h: (N, H)  W_ih: (3H, I)  W_hh: (3H, H)  b_ih, b_hh: (3H)  r, z, n, h': (N, H)
	H, I := p.check("GRUCell", 3)
	x2, h2, batched := cellInputs("GRUCell", x, h, I, H)
	return gruStep(x2, h2, p).unbatch(batched)
}

// gruStep computes the four equations for every sample s and unit k.
func gruStep(x, h Tensor, p RecurrentWeights) GRUState {
	N, H := x.Shape[0], h.Shape[1]
	st := GRUState{R: New(N, H), Z: New(N, H), N: New(N, H), H: New(N, H)}
	const gr, gz, gn = 0, 1, 2 // row blocks of the stacked weights
	for s := 0; s < N; s++ {
		for k := 0; k < H; k++ {
			xr, hr := p.pre(gr, H, k, x, h, s) // W_ir x + b_ir,  W_hr h + b_hr
			xz, hz := p.pre(gz, H, k, x, h, s)
			xn, hn := p.pre(gn, H, k, x, h, s) // W_in x + b_in,  W_hn h + b_hn
			r := sigmoid(xr + hr)
			z := sigmoid(xz + hz)
			n := math.Tanh(xn + r*hn)
			hNew := (1-z)*n + z*h.At(s, k)
			st.R.Set(r, s, k)
			st.Z.Set(z, s, k)
			st.N.Set(n, s, k)
			st.H.Set(hNew, s, k)
		}
	}
	return st
}

func (st GRUState) unbatch(batched bool) GRUState {
	return GRUState{
		R: unbatchRows(st.R, batched), Z: unbatchRows(st.Z, batched),
		N: unbatchRows(st.N, batched), H: unbatchRows(st.H, batched),
	}
}

// GRUFormula is the GRU unrolled over a sequence.
var GRUFormula = Formula{
	ID:    "gru",
	Title: "GRU over a sequence (one layer of torch.nn.GRU)",
	TeX: `\begin{aligned}
r_t &= \sigma\left(W_{ir}\, x_t + b_{ir} + W_{hr}\, h_{t-1} + b_{hr}\right) \\
z_t &= \sigma\left(W_{iz}\, x_t + b_{iz} + W_{hz}\, h_{t-1} + b_{hz}\right) \\
n_t &= \tanh\left(W_{in}\, x_t + b_{in} + r_t \odot \left(W_{hn}\, h_{t-1} + b_{hn}\right)\right) \\
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}, \qquad t = 1, \dots, T; \quad h_0 = 0 \text{ (default)}
\end{aligned}`,
	Symbols: []Symbol{
		{`x_t`, "input at step t", "(N, I); the sequence is (T, N, I)"},
		{`h_t`, "hidden state after step t", "(N, H); output is (T, N, H)"},
		{`r_t, z_t, n_t`, "gates at step t (stacked in weights in the order r, z, n)", "(N, H)"},
		{`W, b`, "the same parameters at every step, as in gru-cell", "(3H, I), (3H, H), (3H), (3H)"},
	},
	Func: GRU, FuncName: "GRU",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.GRU.html",
}

// GRUOutput is what GRU returns: PyTorch's (output, h_n) plus every step's
// gates.
type GRUOutput struct {
	// Output holds h_1 … h_T: (T, N, H), or (T, H) unbatched.
	Output Tensor
	// HN is h_T: (N, H) or (H).
	HN Tensor
	// Steps[t-1] holds step t's gates and state.
	Steps []GRUState
}

// GRU runs GRUCell along a sequence with the same weights at every step, as
// one unidirectional layer of torch.nn.GRU with batch_first=False. xs is
// (T, I) or (T, N, I); h0 is (H) or (N, H) to match, or Tensor{} for zeros.
func GRU(xs, h0 Tensor, p RecurrentWeights) GRUOutput {
	// xs: (T, N, I)  h0: (N, H)  output: (T, N, H)  h_n: (N, H)
	H, I := p.check("GRU", 3)
	x3, batched := seqInputs("GRU", xs, I)
	T, N := x3.Shape[0], x3.Shape[1]
	h := hiddenInput("GRU", "h0", h0, N, H, batched)
	out := GRUOutput{Steps: make([]GRUState, T)}
	hs := make([]Tensor, T)
	for t := 0; t < T; t++ {
		st := gruStep(x3.Sub(t), h, p) // the same p at every t
		h, hs[t] = st.H, st.H
		out.Steps[t] = st.unbatch(batched)
	}
	out.Output = stackSteps(hs, batched)
	out.HN = unbatchRows(h, batched)
	return out
}
