package mathref

import "math"

// LSTMCellFormula is one LSTM step exactly as PyTorch documents it.
var LSTMCellFormula = Formula{
	ID:    "lstm-cell",
	Title: "LSTM cell (as torch.nn.LSTMCell; gate order i, f, g, o)",
	TeX: `\begin{aligned}
i &= \sigma\left(W_{ii}\, x + b_{ii} + W_{hi}\, h + b_{hi}\right) \\
f &= \sigma\left(W_{if}\, x + b_{if} + W_{hf}\, h + b_{hf}\right) \\
g &= \tanh\left(W_{ig}\, x + b_{ig} + W_{hg}\, h + b_{hg}\right) \\
o &= \sigma\left(W_{io}\, x + b_{io} + W_{ho}\, h + b_{ho}\right) \\
c' &= f \odot c + i \odot g \\
h' &= o \odot \tanh(c')
\end{aligned}`,
	Symbols: []Symbol{
		{`x`, "input at this step", "(N, I)"},
		{`h, c`, "previous hidden and cell state (zeros if not given)", "(N, H) each"},
		{`i, f, g, o`, "input gate, forget gate, candidate cell, output gate", "(N, H) each"},
		{`h', c'`, "new hidden and cell state", "(N, H) each"},
		{`W_{ii}, W_{if}, W_{ig}, W_{io}`, "row blocks 0..3 of weight_ih = [W_ii; W_if; W_ig; W_io]", "(H, I) each; stacked (4H, I)"},
		{`W_{hi}, W_{hf}, W_{hg}, W_{ho}`, "row blocks of weight_hh", "(H, H) each; stacked (4H, H)"},
		{`b_{ii}, b_{if}, b_{ig}, b_{io}`, "blocks of bias_ih, same order", "(H) each; stacked (4H)"},
		{`b_{hi}, b_{hf}, b_{hg}, b_{ho}`, "blocks of bias_hh, same order", "(H) each; stacked (4H)"},
		{`\sigma, \odot`, "logistic sigmoid; elementwise product", "elementwise"},
	},
	Func: LSTMCell, FuncName: "LSTMCell",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.LSTM.html",
}

// LSTMState is one LSTM step with every intermediate the lessons plot: the
// four gates and the new cell and hidden state. Each is (N, H), or (H) for an
// unbatched input.
type LSTMState struct {
	I, F, G, O Tensor // input gate, forget gate, candidate cell, output gate
	C, H       Tensor // new cell state c' and hidden state h'
}

// LSTMCell is torch.nn.LSTMCell:
//
//	i = σ(W_ii·x + b_ii + W_hi·h + b_hi)
//	f = σ(W_if·x + b_if + W_hf·h + b_hf)
//	g = tanh(W_ig·x + b_ig + W_hg·h + b_hg)
//	o = σ(W_io·x + b_io + W_ho·h + b_ho)
//	c' = f ⊙ c + i ⊙ g
//	h' = o ⊙ tanh(c')
//
// p has G = 4 with the blocks in PyTorch's
// order i, f, g, o (WeightIH (4H, I), WeightHH (4H, H)). x is (I) or (N, I);
// h and c match it, (H) or (N, H), or are Tensor{} for zeros.
func LSTMCell(x, h, c Tensor, p RecurrentWeights) LSTMState {
	// x: (N, I)  h, c: (N, H)  W_ih: (4H, I)  W_hh: (4H, H)  b_ih, b_hh: (4H)  gates, h', c': (N, H)
	H, I := p.check("LSTMCell", 4)
	x2, h2, batched := cellInputs("LSTMCell", x, h, I, H)
	c2 := hiddenInput("LSTMCell", "c", c, x2.Shape[0], H, batched)
	return lstmStep(x2, h2, c2, p).unbatch(batched)
}

// lstmStep computes the six equations for every sample s and unit k.
func lstmStep(x, h, c Tensor, p RecurrentWeights) LSTMState {
	N, H := x.Shape[0], h.Shape[1]
	st := LSTMState{I: New(N, H), F: New(N, H), G: New(N, H), O: New(N, H), C: New(N, H), H: New(N, H)}
	const gi, gf, gg, go_ = 0, 1, 2, 3 // row blocks of the stacked weights
	for s := 0; s < N; s++ {
		for k := 0; k < H; k++ {
			xi, hi := p.pre(gi, H, k, x, h, s) // W_ii x + b_ii,  W_hi h + b_hi
			xf, hf := p.pre(gf, H, k, x, h, s)
			xg, hg := p.pre(gg, H, k, x, h, s)
			xo, ho := p.pre(go_, H, k, x, h, s)
			i := sigmoid(xi + hi)
			f := sigmoid(xf + hf)
			g := math.Tanh(xg + hg)
			o := sigmoid(xo + ho)
			cNew := f*c.At(s, k) + i*g
			hNew := o * math.Tanh(cNew)
			st.I.Set(i, s, k)
			st.F.Set(f, s, k)
			st.G.Set(g, s, k)
			st.O.Set(o, s, k)
			st.C.Set(cNew, s, k)
			st.H.Set(hNew, s, k)
		}
	}
	return st
}

func (st LSTMState) unbatch(batched bool) LSTMState {
	return LSTMState{
		I: unbatchRows(st.I, batched), F: unbatchRows(st.F, batched),
		G: unbatchRows(st.G, batched), O: unbatchRows(st.O, batched),
		C: unbatchRows(st.C, batched), H: unbatchRows(st.H, batched),
	}
}

// LSTMFormula is the LSTM unrolled over a sequence.
var LSTMFormula = Formula{
	ID:    "lstm",
	Title: "LSTM over a sequence (one layer of torch.nn.LSTM)",
	TeX: `\begin{aligned}
i_t &= \sigma\left(W_{ii}\, x_t + b_{ii} + W_{hi}\, h_{t-1} + b_{hi}\right) \\
f_t &= \sigma\left(W_{if}\, x_t + b_{if} + W_{hf}\, h_{t-1} + b_{hf}\right) \\
g_t &= \tanh\left(W_{ig}\, x_t + b_{ig} + W_{hg}\, h_{t-1} + b_{hg}\right) \\
o_t &= \sigma\left(W_{io}\, x_t + b_{io} + W_{ho}\, h_{t-1} + b_{ho}\right) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t), \qquad t = 1, \dots, T; \quad h_0 = c_0 = 0 \text{ (default)}
\end{aligned}`,
	Symbols: []Symbol{
		{`x_t`, "input at step t", "(N, I); the sequence is (T, N, I)"},
		{`h_t, c_t`, "hidden and cell state after step t", "(N, H); output = (h_1..h_T) is (T, N, H)"},
		{`i_t, f_t, g_t, o_t`, "gates at step t (stacked in weights in the order i, f, g, o)", "(N, H)"},
		{`W, b`, "the same parameters at every step, as in lstm-cell", "(4H, I), (4H, H), (4H), (4H)"},
	},
	Func: LSTM, FuncName: "LSTM",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.LSTM.html",
}

// LSTMOutput is what LSTM returns: PyTorch's (output, (h_n, c_n)) plus every
// step's gates.
type LSTMOutput struct {
	// Output holds h_1 … h_T: (T, N, H), or (T, H) unbatched.
	Output Tensor
	// HN and CN are h_T and c_T: (N, H) or (H).
	HN, CN Tensor
	// Steps[t-1] holds step t's gates and states.
	Steps []LSTMState
}

// LSTM runs LSTMCell along a sequence with the same weights at every step,
// as one unidirectional layer of torch.nn.LSTM with batch_first=False. xs is
// (T, I) or (T, N, I); h0 and c0 are (H) or (N, H) to match, or Tensor{} for
// zeros.
func LSTM(xs, h0, c0 Tensor, p RecurrentWeights) LSTMOutput {
	// xs: (T, N, I)  h0, c0: (N, H)  output: (T, N, H)  h_n, c_n: (N, H)
	H, I := p.check("LSTM", 4)
	x3, batched := seqInputs("LSTM", xs, I)
	T, N := x3.Shape[0], x3.Shape[1]
	h := hiddenInput("LSTM", "h0", h0, N, H, batched)
	c := hiddenInput("LSTM", "c0", c0, N, H, batched)
	out := LSTMOutput{Steps: make([]LSTMState, T)}
	hs := make([]Tensor, T)
	for t := 0; t < T; t++ {
		st := lstmStep(x3.Sub(t), h, c, p) // the same p at every t
		h, c, hs[t] = st.H, st.C, st.H
		out.Steps[t] = st.unbatch(batched)
	}
	out.Output = stackSteps(hs, batched)
	out.HN, out.CN = unbatchRows(h, batched), unbatchRows(c, batched)
	return out
}
