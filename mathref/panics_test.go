package mathref

import (
	"strings"
	"testing"
)

// TestShapeMisusePanics checks that each misuse panics with a "mathref: "
// message naming the operation, what was expected and what came.
func TestShapeMisusePanics(t *testing.T) {
	x := Arange(1, 3, 3)
	w := Arange(1, 1, 2, 2)
	rnn := RecurrentWeights{WeightIH: New(4, 3), WeightHH: New(4, 4)}
	lstm := RecurrentWeights{WeightIH: New(8, 3), WeightHH: New(8, 2)}
	mha := MHAWeights{InProjWeight: New(12, 4), OutProjWeight: New(4, 4)}
	for _, c := range []struct {
		name string
		f    func()
		want []string // fragments the message must contain
	}{
		{"conv 2-D input", func() { Conv2D(Arange(3, 3), w, nil, Conv2DOpts{}) }, []string{"Conv2D", "(C, H, W) or (N, C, H, W)", "got shape (3, 3)"}},
		{"conv channels", func() { Conv2D(Arange(2, 3, 3), w, nil, Conv2DOpts{}) }, []string{"Conv2D", "(1, 2/1=2, KH, KW)", "got (1, 1, 2, 2)"}},
		{"conv groups", func() { Conv2D(Arange(3, 3, 3), Arange(2, 1, 2, 2), nil, Conv2DOpts{Groups: 2}) }, []string{"groups=2 must divide", "3 input channels"}},
		{"conv bias", func() { Conv2D(x, w, []float64{1, 2}, Conv2DOpts{}) }, []string{"bias", "(1), got (2)"}},
		{"conv kernel too big", func() { Conv2D(x, Arange(1, 1, 4, 4), nil, Conv2DOpts{}) }, []string{"Conv2D", "kernel spans 4", "padded input 3"}},
		{"conv dilation too big", func() { Conv2D(x, w, nil, Conv2DOpts{Dilation: [2]int{3, 3}}) }, []string{"kernel spans 4 = d(k−1)+1 = 3·(2−1)+1"}},
		{"conv negative stride", func() { Conv2D(x, w, nil, Conv2DOpts{Stride: [2]int{-1, 1}}) }, []string{"stride", "≥ 0", "[-1 1]"}},
		{"true conv 3-D weight", func() { TrueConv2D(x, Arange(1, 2, 2), nil, Conv2DOpts{}) }, []string{"TrueConv2D", "weight must be (O, C/groups, KH, KW)", "(1, 2, 2)"}},
		{"output size stride 0", func() { ConvOutputSize(5, 3, 0, 0, 1) }, []string{"ConvOutputSize", "stride ≥ 1", "got 5, 3, 0, 0, 1"}},
		{"pool padding", func() { MaxPool2D(x, Pool2DOpts{Kernel: [2]int{2, 2}, Padding: [2]int{2, 2}}) }, []string{"MaxPool2D", "at most half the kernel", "padding [2 2]"}},
		{"pool no kernel", func() { AvgPool2D(x, Pool2DOpts{}) }, []string{"AvgPool2D", "kernel ≥ 1", "kernel [0 0]"}},
		{"softmax axis", func() { Softmax(x, 3) }, []string{"Softmax", "axis must be in [-3, 3)", "got 3"}},
		{"log-softmax axis", func() { LogSoftmax(x, -4) }, []string{"LogSoftmax", "got -4"}},
		{"linear features", func() { Linear(Arange(2, 3), Arange(4, 2), nil) }, []string{"Linear", "same F_in", "x (2, 3) and W (4, 2)"}},
		{"rnn input size", func() { RNNCell(Vector(1, 2), Tensor{}, rnn, "tanh") }, []string{"RNNCell", "x must be (I) or (N, I) with I = 3", "got (2)"}},
		{"rnn hidden", func() { RNNCell(Arange(2, 3), Vector(1, 2, 3, 4), rnn, "") }, []string{"RNNCell", "h must be (2, 4)", "got (4)"}},
		{"rnn nonlinearity", func() { RNNCell(Vector(1, 2, 3), Tensor{}, rnn, "sigmoid") }, []string{`"tanh" or "relu"`, `"sigmoid"`}},
		{"rnn weights", func() { RNN(Arange(2, 3), Tensor{}, RecurrentWeights{WeightIH: New(4, 3), WeightHH: New(3, 4)}, "") }, []string{"RNN", "WeightHH must be (1·H, H)", "got (3, 4)"}},
		{"rnn empty sequence", func() { RNN(New(0, 3), Tensor{}, rnn, "") }, []string{"at least one time step"}},
		{"lstm gates", func() { LSTMCell(Vector(1, 2, 3), Tensor{}, Tensor{}, rnn) }, []string{"LSTMCell", "WeightHH must be (4·H, H)", "got (4, 4)"}},
		{"lstm bias", func() {
			p := lstm
			p.BiasIH = []float64{1}
			LSTMCell(Vector(1, 2, 3), Tensor{}, Tensor{}, p)
		}, []string{"BiasIH must be (4·H) = (8) or nil, got (1)"}},
		{"lstm c0", func() { LSTM(Arange(5, 3), Tensor{}, Vector(1), lstm) }, []string{"LSTM", "c0 must be (2)", "got (1)"}},
		{"gru weight_ih", func() { GRUCell(Vector(1), Tensor{}, RecurrentWeights{WeightIH: New(5, 1), WeightHH: New(6, 2)}) }, []string{"GRUCell", "WeightIH must be (3·H, I) = (6, I)", "got (5, 1)"}},
		{"sdpa d_k", func() { ScaledDotProductAttention(Arange(2, 3), Arange(4, 2), Arange(4, 1), AttnOpts{}) }, []string{"same d_k", "q (2, 3) and k (4, 2)"}},
		{"sdpa batched", func() { ScaledDotProductAttention(Arange(1, 2, 3), Arange(4, 3), Arange(4, 1), AttnOpts{}) }, []string{"loop over a batch", "q (1, 2, 3)"}},
		{"sdpa mask rows", func() {
			ScaledDotProductAttention(Arange(2, 3), Arange(4, 3), Arange(4, 1), AttnOpts{Attend: [][]bool{{true}}})
		}, []string{"Attend must be L×S = 2×4", "got 1 rows"}},
		{"sdpa key padding", func() {
			ScaledDotProductAttention(Arange(2, 3), Arange(4, 3), Arange(4, 1), AttnOpts{KeyPadding: []bool{true}})
		}, []string{"KeyPadding", "(S) = (4), got (1)"}},
		{"mha heads", func() { MultiheadAttention(Arange(2, 4), Arange(3, 4), Arange(3, 4), mha, 3, AttnOpts{}) }, []string{"embed_dim 4 must be divisible by num_heads", "got num_heads 3"}},
		{"mha in_proj", func() {
			p := mha
			p.InProjWeight = New(4, 4)
			MultiheadAttention(Arange(2, 4), Arange(3, 4), Arange(3, 4), p, 2, AttnOpts{})
		}, []string{"in_proj_weight (3E, E) = (12, 4)", "got (4, 4)"}},
		{"additive weights", func() {
			AdditiveAttention(Arange(1, 2), Arange(3, 2), Arange(3, 1), AdditiveWeights{Wq: New(4, 2), Wk: New(4, 3), Va: make([]float64, 4)}, AttnOpts{})
		}, []string{"AdditiveAttention", "Wk (A, D_k) = (4, 2)", "got Wq (4, 2) Wk (4, 3)"}},
		{"additive scale", func() {
			AdditiveAttention(Arange(1, 2), Arange(3, 2), Arange(3, 1), AdditiveWeights{Wq: New(4, 2), Wk: New(4, 2), Va: make([]float64, 4)}, AttnOpts{Scale: 2})
		}, []string{"no scale"}},
		{"cross-entropy targets", func() { CrossEntropy(Arange(2, 3), []int{0}) }, []string{"CrossEntropy", "logits (2, 3) and 1 targets"}},
		{"cross-entropy class", func() { CrossEntropy(Arange(2, 3), []int{0, 3}) }, []string{"target[1] = 3 is not a class index in [0, 3)"}},
		{"FromData length", func() { FromData([]float64{1, 2, 3}, 2, 2) }, []string{"FromData", "(2, 2) holds 4 values, got 3"}},
		{"At index", func() { Arange(2, 2).At(2, 0) }, []string{"index [2 0] out of range for shape (2, 2)"}},
		{"At arity", func() { Arange(2, 2).At(1) }, []string{"needs 2 indices, got 1"}},
		{"Reshape size", func() { Arange(2, 3).Reshape(4, -1) }, []string{"Reshape", "[4 -1] is invalid", "(2, 3) (6 values)"}},
		{"Stack shapes", func() { Stack(Vector(1), Vector(1, 2)) }, []string{"tensor 1 has shape (2), expected (1)"}},
		{"Matrix ragged", func() { Matrix([][]float64{{1, 2}, {3}}) }, []string{"row 0 has 2 values but row 1 has 1"}},
		{"New negative", func() { New(2, -1) }, []string{"New", "≥ 0", "(2, -1)"}},
		{"Grid of 3-D", func() { Arange(1, 2, 2).Grid() }, []string{"Grid", "2-D", "got shape (1, 2, 2)"}},
	} {
		msg := panics(c.f)
		if !strings.HasPrefix(msg, "mathref: ") {
			t.Errorf("%s: want a panic starting with \"mathref: \", got %q", c.name, msg)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: message %q lacks %q", c.name, msg, w)
			}
		}
	}
}
