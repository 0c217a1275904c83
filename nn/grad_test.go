package nn

import "testing"

// TestLayerGradients checks every single-input layer's Backward (input and
// parameter gradients) against central finite differences in float64,
// tolerance 1e-6 (the differences' own error is about h² + ε/h ≈ 1e-10).
func TestLayerGradients(t *testing.T) {
	ManualSeed(1)
	cases := []struct {
		name  string
		layer func() Layer
		shape []int
	}{
		{"Conv2d", func() Layer { return NewConv2d(2, 3, 3) }, []int{2, 2, 5, 5}},
		{"Conv2d stride padding", func() Layer { return NewConv2d(2, 3, 3, Stride(2), Padding(1)) }, []int{1, 2, 6, 5}},
		{"Conv2d dilation groups", func() Layer { return NewConv2d(4, 6, 2, Dilation(2), Groups(2), Padding(1, 0)) }, []int{2, 4, 5, 6}},
		{"Conv2d rect nobias unbatched", func() Layer { return NewConv2d(2, 2, 0, KernelSize(2, 3), Stride(1, 2), Bias(false)) }, []int{2, 4, 7}},
		{"MaxPool2d", func() Layer { return NewMaxPool2d(2) }, []int{2, 2, 4, 6}},
		{"MaxPool2d pad dil ceil", func() Layer { return NewMaxPool2d(3, Stride(2), Padding(1), Dilation(2), CeilMode()) }, []int{1, 2, 7, 6}},
		{"AvgPool2d", func() Layer { return NewAvgPool2d(2) }, []int{2, 2, 4, 6}},
		{"AvgPool2d pad ceil excl", func() Layer { return NewAvgPool2d(3, Stride(2), Padding(1), CeilMode(), CountIncludePad(false)) }, []int{1, 2, 6, 7}},
		{"ReLU", func() Layer { return NewReLU() }, []int{3, 4}},
		{"Tanh", func() Layer { return NewTanh() }, []int{3, 4}},
		{"Sigmoid", func() Layer { return NewSigmoid() }, []int{3, 4}},
		{"Softmax last", func() Layer { return NewSoftmax(-1) }, []int{3, 5}},
		{"Softmax dim1", func() Layer { return NewSoftmax(1) }, []int{2, 3, 4}},
		{"LogSoftmax", func() Layer { return NewLogSoftmax(0) }, []int{4, 3}},
		{"Linear", func() Layer { return NewLinear(4, 3) }, []int{5, 4}},
		{"Linear 3-D", func() Layer { return NewLinear(4, 2, Bias(false)) }, []int{2, 3, 4}},
		{"Flatten", func() Layer { return NewFlatten() }, []int{2, 3, 2}},
		{"Flatten(0, 1)", func() Layer { return NewFlatten(0, 1) }, []int{2, 3, 2}},
		{"View", func() Layer { return NewView(3, -1) }, []int{2, 3, 2}},
		{"Dropout eval", func() Layer { d := NewDropout(0.3); d.SetTraining(false); return d }, []int{4, 5}},
		{"RNN tanh", func() Layer { return NewRNN(3, 4, NumLayers(2)) }, []int{5, 2, 3}},
		{"RNN relu batch_first", func() Layer { return NewRNN(3, 4, Nonlinearity("relu"), BatchFirst()) }, []int{2, 5, 3}},
		{"LSTM", func() Layer { return NewLSTM(3, 4, NumLayers(2)) }, []int{4, 2, 3}},
		{"LSTM batch_first unbatched", func() Layer { return NewLSTM(3, 2, BatchFirst()) }, []int{4, 3}},
		{"GRU", func() Layer { return NewGRU(3, 4, NumLayers(2), BatchFirst()) }, []int{2, 4, 3}},
		{"SeedCNN-like", func() Layer {
			return NewSequential(NewConv2d(3, 4, 3, Padding(1)), NewReLU(), NewMaxPool2d(2), NewFlatten(), NewLinear(4*3*3, 5))
		}, []int{2, 3, 6, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gradCheckLayer(t, c.name, c.layer(), Randn(c.shape...), 1e-6)
		})
	}
}

// TestMultiInputGradients checks the attention modules, the seed LSTM
// classifier, the losses and the recurrent layers' state gradients against
// central finite differences (tolerance 1e-6).
func TestMultiInputGradients(t *testing.T) {
	ManualSeed(2)
	q, k, v := Randn(2, 3, 4), Randn(2, 5, 4), Randn(2, 5, 3)
	t.Run("SDPA masks", func(t *testing.T) {
		a := NewSDPA()
		mask := TrilMask(3, 5)
		mask.Set(true, 0, 3)
		opts := []Option{AttnMask(mask), KeyPaddingMask(PaddingMask([]int{5, 4}, 5)), Scale(0.7)}
		checkMulti(t, func() *Tensor { return a.Forward(q, k, v, opts...) },
			func(R *Tensor) []*Tensor { gq, gk, gv := a.Backward(R); return []*Tensor{gq, gk, gv} },
			[]*Tensor{q, k, v}, nil)
	})
	t.Run("SDPA causal 4-D", func(t *testing.T) {
		a := NewSDPA()
		q4, k4, v4 := Randn(2, 2, 4, 3), Randn(2, 2, 4, 3), Randn(2, 2, 4, 2)
		checkMulti(t, func() *Tensor { return a.Forward(q4, k4, v4, IsCausal()) },
			func(R *Tensor) []*Tensor { gq, gk, gv := a.Backward(R); return []*Tensor{gq, gk, gv} },
			[]*Tensor{q4, k4, v4}, nil)
	})
	t.Run("MultiheadAttention", func(t *testing.T) {
		m := NewMultiheadAttention(4, 2, BatchFirst())
		fillRandn(m)
		mk, mv := Randn(2, 5, 4), Randn(2, 5, 4)
		mq := Randn(2, 3, 4)
		opts := []Option{KeyPaddingMask(PaddingMask([]int{5, 3}, 5)), AttnMask(TriuMask(3, 5))}
		checkMulti(t, func() *Tensor { y, _ := m.Forward(mq, mk, mv, opts...); return y },
			func(R *Tensor) []*Tensor { gq, gk, gv := m.Backward(R); return []*Tensor{gq, gk, gv} },
			[]*Tensor{mq, mk, mv}, m)
	})
	t.Run("MultiheadAttention self", func(t *testing.T) {
		m := NewMultiheadAttention(4, 2)
		fillRandn(m)
		x := Randn(3, 2, 4)
		checkMulti(t, func() *Tensor { y, _ := m.Forward(x, x, x); return y },
			func(R *Tensor) []*Tensor { return []*Tensor{m.BackwardSelf(R)} },
			[]*Tensor{x}, m)
	})
	t.Run("AdditiveAttention", func(t *testing.T) {
		a := NewAdditiveAttention(4, 4, 5)
		opts := []Option{KeyPaddingMask(PaddingMask([]int{2, 5}, 5))}
		checkMulti(t, func() *Tensor { return a.Forward(q, k, v, opts...) },
			func(R *Tensor) []*Tensor { gq, gk, gv := a.Backward(R); return []*Tensor{gq, gk, gv} },
			[]*Tensor{q, k, v}, a)
	})
	t.Run("SeedLSTM lengths", func(t *testing.T) {
		m := NewSeedLSTM(3, 4, 2, 3)
		x := Randn(3, 5, 3)
		checkMulti(t, func() *Tensor { return m.ForwardLengths(x, []int{5, 1, 3}) },
			func(R *Tensor) []*Tensor { return []*Tensor{m.Backward(R)} }, []*Tensor{x}, m)
	})
	t.Run("LSTM states", func(t *testing.T) {
		l := NewLSTM(3, 4, NumLayers(2))
		x, h0, c0 := Randn(4, 2, 3), Randn(2, 2, 4), Randn(2, 2, 4)
		checkMulti(t, func() *Tensor {
			out, hn, cn := l.ForwardState(x, h0, c0)
			return concat(out, hn, cn)
		}, func(R *Tensor) []*Tensor {
			n := 4 * 2 * 4
			gx, gh, gc := l.BackwardState(FromData(R.Data[:n], 4, 2, 4), FromData(R.Data[n:n+16], 2, 2, 4), FromData(R.Data[n+16:], 2, 2, 4))
			return []*Tensor{gx, gh, gc}
		}, []*Tensor{x, h0, c0}, l)
	})
	t.Run("CrossEntropyLoss", func(t *testing.T) {
		x := Randn(4, 3)
		for _, red := range []string{"mean", "sum"} {
			ce := NewCrossEntropyLoss(Reduction(red))
			loss := func() float64 { return ce.Forward(x, []int{0, 2, 1, 2}) }
			loss()
			checkClose(t, "CE "+red, ce.Backward(), numGrad(loss, x, 1e-6), 1e-6)
		}
	})
	t.Run("MSELoss", func(t *testing.T) {
		x, y := Randn(4, 3), Randn(4, 3)
		for _, red := range []string{"mean", "sum"} {
			l := NewMSELoss(Reduction(red))
			loss := func() float64 { return l.Forward(x, y) }
			loss()
			checkClose(t, "MSE "+red, l.Backward(), numGrad(loss, x, 1e-6), 1e-6)
		}
	})
}

// concat joins tensors into one 1-D tensor.
func concat(ts ...*Tensor) *Tensor {
	var d []float64
	for _, t := range ts {
		d = append(d, t.Data...)
	}
	return FromData(d)
}

// fillRandn sets every parameter of m to standard normal draws, so that
// zero-initialised biases are tested too.
func fillRandn(m Module) {
	for _, p := range m.Parameters() {
		copy(p.Value.Data, Randn(p.Value.Shape...).Data)
	}
}

// checkMulti compares the gradients returned by back (for the inputs) and
// accumulated in m's parameters with central finite differences of
// L = Σ fwd() ⊙ R.
func checkMulti(t *testing.T, fwd func() *Tensor, back func(R *Tensor) []*Tensor, inputs []*Tensor, m Module) {
	t.Helper()
	R := Randn(fwd().Shape...)
	if m != nil {
		ZeroGrad(m)
	}
	grads := back(R)
	loss := func() float64 { return dot(fwd(), R) }
	for i, x := range inputs {
		checkClose(t, "input "+string(rune('0'+i)), grads[i], numGrad(loss, x, 1e-6), 1e-6)
	}
	if m != nil {
		for _, p := range m.Parameters() {
			checkClose(t, p.Name, p.Grad, numGrad(loss, p.Value, 1e-6), 1e-6)
		}
	}
}
