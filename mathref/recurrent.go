package mathref

// RecurrentWeights are one layer's parameters of torch.nn.RNN, LSTM or GRU
// (or RNNCell, LSTMCell, GRUCell), named and laid out as in PyTorch's state
// dict (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0). The gate blocks
// are stacked along the rows, G·H rows in all:
//
//	RNN   G = 1
//	LSTM  G = 4, in the order i, f, g, o (rows 0..H-1 are W_ii, then W_if, W_ig, W_io)
//	GRU   G = 3, in the order r, z, n
type RecurrentWeights struct {
	// WeightIH multiplies the input x: (G·H, I).
	WeightIH Tensor
	// WeightHH multiplies the previous hidden state h: (G·H, H).
	WeightHH Tensor
	// BiasIH and BiasHH are the two bias vectors, (G·H) each; nil for
	// bias=False. PyTorch keeps both even though only their sum matters,
	// except in the GRU's n gate, where b_hn sits inside r ⊙ (…).
	BiasIH, BiasHH []float64
}

// check validates p for G gates and returns the hidden size H and input size
// I.
func (p RecurrentWeights) check(op string, G int) (H, I int) {
	if p.WeightHH.Dims() != 2 || p.WeightHH.Shape[0] != G*p.WeightHH.Shape[1] || p.WeightHH.Shape[1] == 0 {
		panicf("%s: WeightHH must be (%d·H, H), got %s", op, G, shapeString(p.WeightHH.Shape))
	}
	H = p.WeightHH.Shape[1]
	if p.WeightIH.Dims() != 2 || p.WeightIH.Shape[0] != G*H {
		panicf("%s: WeightIH must be (%d·H, I) = (%d, I) to match WeightHH %s, got %s",
			op, G, G*H, shapeString(p.WeightHH.Shape), shapeString(p.WeightIH.Shape))
	}
	for _, b := range []struct {
		name string
		v    []float64
	}{{"BiasIH", p.BiasIH}, {"BiasHH", p.BiasHH}} {
		if b.v != nil && len(b.v) != G*H {
			panicf("%s: %s must be (%d·H) = (%d) or nil, got (%d)", op, b.name, G, G*H, len(b.v))
		}
	}
	return H, p.WeightIH.Shape[1]
}

// pre returns the gate's pre-activation for sample s and unit k without the
// hidden-side terms' grouping: Σ_j W^{ih}_{r,j} x_{s,j} + b^{ih}_r and
// Σ_l W^{hh}_{r,l} h_{s,l} + b^{hh}_r, with r = gate·H + k.
func (p RecurrentWeights) pre(gate, H, k int, x, h Tensor, s int) (fromX, fromH float64) {
	r := gate*H + k
	fromX = biasAt(p.BiasIH, r)
	for j := 0; j < x.Shape[1]; j++ {
		fromX += p.WeightIH.At(r, j) * x.At(s, j)
	}
	fromH = biasAt(p.BiasHH, r)
	for l := 0; l < H; l++ {
		fromH += p.WeightHH.At(r, l) * h.At(s, l)
	}
	return fromX, fromH
}

// cellInputs returns x as (N, I) and h as (N, H) (zeros when h is the zero
// Tensor), and whether x came batched.
func cellInputs(op string, x, h Tensor, I, H int) (x2, h2 Tensor, batched bool) {
	switch {
	case x.Dims() == 1 && x.Shape[0] == I:
		x2 = x.Reshape(1, I)
	case x.Dims() == 2 && x.Shape[1] == I:
		x2, batched = x, true
	default:
		panicf("%s: x must be (I) or (N, I) with I = %d (from WeightIH), got %s", op, I, shapeString(x.Shape))
	}
	N := x2.Shape[0]
	h2 = hiddenInput(op, "h", h, N, H, batched)
	return x2, h2, batched
}

// hiddenInput returns a hidden or cell state as (N, H).
func hiddenInput(op, name string, h Tensor, N, H int, batched bool) Tensor {
	switch {
	case h.IsZero():
		return New(N, H)
	case !batched && h.Dims() == 1 && h.Shape[0] == H:
		return h.Reshape(1, H)
	case batched && h.Dims() == 2 && h.Shape[0] == N && h.Shape[1] == H:
		return h
	}
	want := shapeString([]int{H})
	if batched {
		want = shapeString([]int{N, H})
	}
	panicf("%s: %s must be %s to match x (or Tensor{} for zeros), got %s", op, name, want, shapeString(h.Shape))
	return Tensor{}
}

// seqInputs returns xs as (T, N, I) and whether it came batched.
func seqInputs(op string, xs Tensor, I int) (Tensor, bool) {
	switch {
	case xs.Dims() >= 1 && xs.Shape[0] == 0:
		panicf("%s: xs must hold at least one time step, got shape %s", op, shapeString(xs.Shape))
	case xs.Dims() == 2 && xs.Shape[1] == I:
		return xs.Reshape(xs.Shape[0], 1, I), false
	case xs.Dims() == 3 && xs.Shape[2] == I:
		return xs, true
	}
	panicf("%s: xs must be (T, I) or (T, N, I) (batch_first=False) with I = %d, got %s", op, I, shapeString(xs.Shape))
	return Tensor{}, false
}

// unbatchRows drops the batch axis of an (N, H) result when the input was
// unbatched.
func unbatchRows(h Tensor, batched bool) Tensor {
	if batched {
		return h
	}
	return h.Reshape(h.Shape[1])
}

// stackSteps stacks per-step states (N, H) into (T, N, H), or (T, H) when
// unbatched.
func stackSteps(hs []Tensor, batched bool) Tensor {
	out := Stack(hs...)
	if batched {
		return out
	}
	return out.Reshape(out.Shape[0], out.Shape[2])
}
