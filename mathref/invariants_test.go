package mathref

import (
	"fmt"
	"math"
	"testing"
)

// Invariants over grids of shapes and options: each checks the oracle
// against an identity that holds whatever the numbers (tolerance 1e-12
// absolute and relative unless stated).
const tol = 1e-12

func assertClose(t *testing.T, what string, got, want Tensor) {
	t.Helper()
	if r := AllClose(got, want, tol, tol); !r.OK {
		t.Errorf("%s: %v\n%s", what, r, DiffTable(got, want, tol, tol, 4))
	}
}

type convCase struct {
	N, C, H, W, O, KH, KW, G int
	opt                      Conv2DOpts
}

func convGrid() []convCase {
	var grid []convCase
	for _, s := range []int{1, 2, 3} {
		for _, p := range []int{0, 1, 2} {
			for _, d := range []int{1, 2} {
				for _, g := range []int{1, 2} {
					grid = append(grid, convCase{N: 2, C: 2 * g, H: 7, W: 8, O: 2 * g, KH: 3, KW: 2, G: g,
						opt: Conv2DOpts{Stride: [2]int{s, 1}, Padding: [2]int{p, 1}, Dilation: [2]int{d, 1}, Groups: g}})
				}
			}
		}
	}
	return grid
}

// TestConvShapesMatchOutputSize: Conv2D's output shape is ConvOutputSize on
// both axes, over the grid.
func TestConvShapesMatchOutputSize(t *testing.T) {
	for i, c := range convGrid() {
		x := Uniform(uint64(i), -1, 1, c.N, c.C, c.H, c.W)
		w := Uniform(uint64(100+i), -1, 1, c.O, c.C/c.G, c.KH, c.KW)
		y := Conv2D(x, w, nil, c.opt)
		s, p, d, _ := c.opt.resolve("test")
		want := []int{c.N, c.O, ConvOutputSize(c.H, c.KH, s[0], p[0], d[0]), ConvOutputSize(c.W, c.KW, s[1], p[1], d[1])}
		if !sameShape(y.Shape, want) {
			t.Errorf("%+v: shape %v, want %v", c, y.Shape, want)
		}
	}
}

// TestTrueConvIsFlippedCrossCorrelation: TrueConv2D(x, w) = Conv2D(x, Flip(w)).
func TestTrueConvIsFlippedCrossCorrelation(t *testing.T) {
	for i, c := range convGrid() {
		x := Uniform(uint64(i), -1, 1, c.N, c.C, c.H, c.W)
		w := Uniform(uint64(200+i), -1, 1, c.O, c.C/c.G, c.KH, c.KW)
		b := Uniform(uint64(300+i), -1, 1, c.O).Data
		assertClose(t, fmt.Sprintf("%+v", c), TrueConv2D(x, w, b, c.opt), Conv2D(x, Flip(w), b, c.opt))
	}
}

// TestConvGroupsAreSeparateConvs: a grouped convolution equals G ordinary
// convolutions on the channel slices, stacked.
func TestConvGroupsAreSeparateConvs(t *testing.T) {
	for i, c := range convGrid() {
		if c.G == 1 {
			continue
		}
		x := Uniform(uint64(i), -1, 1, 1, c.C, c.H, c.W)
		w := Uniform(uint64(400+i), -1, 1, c.O, c.C/c.G, c.KH, c.KW)
		whole := Conv2D(x.Sub(0), w, nil, c.opt)
		one := c.opt
		one.Groups = 1
		cg, og := c.C/c.G, c.O/c.G
		for g := 0; g < c.G; g++ {
			xs := FromData(x.Data[g*cg*c.H*c.W:(g+1)*cg*c.H*c.W], cg, c.H, c.W)
			ws := FromData(w.Data[g*og*cg*c.KH*c.KW:(g+1)*og*cg*c.KH*c.KW], og, cg, c.KH, c.KW)
			part := Conv2D(xs, ws, nil, one)
			n := part.Len()
			assertClose(t, fmt.Sprintf("%+v group %d", c, g), FromData(whole.Data[g*n:(g+1)*n], part.Shape...), part)
		}
	}
}

// TestConvIdentityKernel: a centred one-hot 3×3 kernel with padding 1
// returns the input; so does a 1×1 identity over channels.
func TestConvIdentityKernel(t *testing.T) {
	x := Uniform(5, -1, 1, 2, 3, 5, 6)
	w := New(3, 3, 3, 3)
	for c := 0; c < 3; c++ {
		w.Set(1, c, c, 1, 1)
	}
	assertClose(t, "3×3 identity", Conv2D(x, w, nil, Conv2DOpts{Padding: [2]int{1, 1}}), x)
	w1 := New(3, 3, 1, 1)
	for c := 0; c < 3; c++ {
		w1.Set(1, c, c, 0, 0)
	}
	assertClose(t, "1×1 identity", Conv2D(x, w1, nil, Conv2DOpts{}), x)
}

// TestConvIsLinear: Conv2D(a·x1 + x2) = a·Conv2D(x1) + Conv2D(x2) without bias.
func TestConvIsLinear(t *testing.T) {
	x1, x2 := Uniform(1, -1, 1, 2, 4, 6, 6), Uniform(2, -1, 1, 2, 4, 6, 6)
	w := Uniform(3, -1, 1, 4, 2, 3, 3)
	opt := Conv2DOpts{Stride: [2]int{2, 1}, Padding: [2]int{1, 1}, Groups: 2}
	mix := x1.Clone()
	for i := range mix.Data {
		mix.Data[i] = 2.5*x1.Data[i] + x2.Data[i]
	}
	y1, y2 := Conv2D(x1, w, nil, opt), Conv2D(x2, w, nil, opt)
	want := y1.Clone()
	for i := range want.Data {
		want.Data[i] = 2.5*y1.Data[i] + y2.Data[i]
	}
	assertClose(t, "linearity", Conv2D(mix, w, nil, opt), want)
}

// TestLinearIsOneByOneConv: Linear(x, W, b) equals Conv2D of x as (N, F_in,
// 1, 1) with W as (F_out, F_in, 1, 1) kernels.
func TestLinearIsOneByOneConv(t *testing.T) {
	x, W, b := Uniform(1, -1, 1, 4, 5), Uniform(2, -1, 1, 3, 5), Uniform(3, -1, 1, 3).Data
	conv := Conv2D(x.Reshape(4, 5, 1, 1), W.Reshape(3, 5, 1, 1), b, Conv2DOpts{})
	assertClose(t, "Linear vs 1×1 conv", Linear(x, W, b), conv.Reshape(4, 3))
}

// TestPoolInvariants: without padding the two average divisors agree; max
// pooling is never below average pooling; 1×1 pools return the input.
func TestPoolInvariants(t *testing.T) {
	x := Uniform(9, -3, 3, 2, 3, 7, 6)
	for _, k := range [][2]int{{2, 2}, {3, 2}, {3, 3}} {
		for _, s := range [][2]int{{0, 0}, {1, 1}, {2, 1}} {
			in := Pool2DOpts{Kernel: k, Stride: s}
			ex := in
			ex.ExcludePad = true
			assertClose(t, fmt.Sprintf("k%v s%v include = exclude", k, s), AvgPool2D(x, in), AvgPool2D(x, ex))
			mx, av := MaxPool2D(x, in), AvgPool2D(x, in)
			for i := range mx.Data {
				if mx.Data[i] < av.Data[i]-tol {
					t.Fatalf("k%v s%v: max %v < mean %v", k, s, mx.Data[i], av.Data[i])
				}
			}
		}
	}
	one := Pool2DOpts{Kernel: [2]int{1, 1}}
	assertClose(t, "1×1 max", MaxPool2D(x, one), x)
	assertClose(t, "1×1 avg", AvgPool2D(x, one), x)
}

// TestSoftmaxInvariants: slices sum to 1, adding a constant changes nothing,
// log-softmax is the log of softmax, and cross-entropy is the mean negative
// log-softmax at the targets.
func TestSoftmaxInvariants(t *testing.T) {
	x := Uniform(4, -5, 5, 2, 3, 4)
	for axis := -3; axis < 3; axis++ {
		s := Softmax(x, axis)
		ones := Softmax(x, axis) // reuse the shape
		outer, K, inner := around("test", x, axis)
		for a := 0; a < outer; a++ {
			for b := 0; b < inner; b++ {
				sum := 0.0
				for i := 0; i < K; i++ {
					sum += s.Data[(a*K+i)*inner+b]
				}
				for i := 0; i < K; i++ {
					ones.Data[(a*K+i)*inner+b] = sum
				}
			}
		}
		assertClose(t, fmt.Sprintf("axis %d sums", axis), ones, elementwise(x, func(float64) float64 { return 1 }))
		shifted := elementwise(x, func(v float64) float64 { return v + 100 })
		assertClose(t, fmt.Sprintf("axis %d shift", axis), Softmax(shifted, axis), s)
		assertClose(t, fmt.Sprintf("axis %d log", axis), LogSoftmax(x, axis), elementwise(s, math.Log))
	}
	logits, target := Uniform(6, -3, 3, 5, 4), []int{0, 3, 1, 1, 2}
	ls := LogSoftmax(logits, -1)
	want := 0.0
	for n, y := range target {
		want -= ls.At(n, y) / 5
	}
	if got := CrossEntropy(logits, target); math.Abs(got-want) > tol {
		t.Errorf("CrossEntropy = %v, −mean log-softmax = %v", got, want)
	}
}

// TestRecurrenceUnrolls: RNN, LSTM and GRU over a sequence equal their cells
// applied step by step, batched equals unbatched row by row, and each
// Output row is that step's hidden state.
func TestRecurrenceUnrolls(t *testing.T) {
	I, H, N, T := 3, 4, 2, 5
	weights := func(G int, seed uint64) RecurrentWeights {
		return RecurrentWeights{WeightIH: Uniform(seed, -1, 1, G*H, I), WeightHH: Uniform(seed+1, -1, 1, G*H, H),
			BiasIH: Uniform(seed+2, -1, 1, G*H).Data, BiasHH: Uniform(seed+3, -1, 1, G*H).Data}
	}
	xs, h0, c0 := Uniform(1, -1, 1, T, N, I), Uniform(2, -1, 1, N, H), Uniform(3, -1, 1, N, H)
	for _, nl := range []string{"tanh", "relu"} {
		p := weights(1, 10)
		r := RNN(xs, h0, p, nl)
		h := h0
		for t0 := 0; t0 < T; t0++ {
			h = RNNCell(xs.Sub(t0), h, p, nl)
			assertClose(t, fmt.Sprintf("RNN %s output[%d]", nl, t0), r.Output.Sub(t0), h)
		}
		assertClose(t, "RNN h_n", r.HN, h)
		row := RNN(FromData(column(xs, 1), T, I), h0.Sub(1), p, nl)
		assertClose(t, "RNN unbatched row 1", row.HN, r.HN.Sub(1))
	}
	pl := weights(4, 20)
	rl := LSTM(xs, h0, c0, pl)
	h, c := h0, c0
	for t0 := 0; t0 < T; t0++ {
		st := LSTMCell(xs.Sub(t0), h, c, pl)
		h, c = st.H, st.C
		assertClose(t, fmt.Sprintf("LSTM output[%d]", t0), rl.Output.Sub(t0), h)
		assertClose(t, fmt.Sprintf("LSTM step %d gates", t0), rl.Steps[t0].F, st.F)
	}
	assertClose(t, "LSTM c_n", rl.CN, c)
	pg := weights(3, 30)
	rg := GRU(xs, h0, pg)
	h = h0
	for t0 := 0; t0 < T; t0++ {
		h = GRUCell(xs.Sub(t0), h, pg).H
		assertClose(t, fmt.Sprintf("GRU output[%d]", t0), rg.Output.Sub(t0), h)
	}
	row := GRU(FromData(column(xs, 0), T, I), h0.Sub(0), pg)
	assertClose(t, "GRU unbatched row 0", row.Output, FromData(column(rg.Output, 0), T, H))
}

// column returns xs[:, n, :] of a (T, N, F) tensor as flat data.
func column(xs Tensor, n int) []float64 {
	T, F := xs.Shape[0], xs.Shape[2]
	out := make([]float64, 0, T*F)
	for t := 0; t < T; t++ {
		out = append(out, xs.Sub(t).Sub(n).Data...)
	}
	return out
}

// TestAttentionInvariants: weight rows sum to 1, masked weights are exactly
// 0, the mask conventions agree, and a one-head MultiheadAttention is SDPA
// between its projections.
func TestAttentionInvariants(t *testing.T) {
	L, S := 4, 5
	q, k, v := Uniform(1, -2, 2, L, 3), Uniform(2, -2, 2, S, 3), Uniform(3, -1, 1, S, 2)
	attend, block := make([][]bool, L), make([][]bool, L)
	for i := range attend {
		attend[i], block[i] = make([]bool, S), make([]bool, S)
		for j := range attend[i] {
			attend[i][j] = j <= i // causal
			block[i][j] = !attend[i][j]
		}
	}
	a := ScaledDotProductAttention(q, k, v, AttnOpts{Attend: attend})
	assertClose(t, "Attend vs Block", ScaledDotProductAttention(q, k, v, AttnOpts{Block: block}).Weights, a.Weights)
	assertClose(t, "Attend vs Causal", ScaledDotProductAttention(q, k, v, AttnOpts{Causal: true}).Weights, a.Weights)
	assertClose(t, "rows sum to 1", rowSums(a.Weights), elementwise(New(L), func(float64) float64 { return 1 }))
	for i := 0; i < L; i++ {
		for j := i + 1; j < S; j++ {
			if a.Weights.At(i, j) != 0 {
				t.Errorf("masked weight (%d, %d) = %v, want exactly 0", i, j, a.Weights.At(i, j))
			}
		}
	}
	add := make([][]float64, L)
	for i := range add {
		add[i] = make([]float64, S)
		for j := range add[i] {
			if block[i][j] {
				add[i][j] = math.Inf(-1)
			}
		}
	}
	assertClose(t, "float −inf mask", ScaledDotProductAttention(q, k, v, AttnOpts{Add: add}).Output, a.Output)
	pad := ScaledDotProductAttention(q, k, v, AttnOpts{KeyPadding: []bool{false, true, false, false, true}})
	keep := ScaledDotProductAttention(q, FromData(append(append(k.Sub(0).Clone().Data, k.Sub(2).Data...), k.Sub(3).Data...), 3, 3),
		FromData(append(append(v.Sub(0).Clone().Data, v.Sub(2).Data...), v.Sub(3).Data...), 3, 2), AttnOpts{})
	assertClose(t, "key padding = dropping the keys", pad.Output, keep.Output)

	E := 4
	in, out := Uniform(7, -1, 1, 3*E, E), Uniform(8, -1, 1, E, E)
	bin, bout := Uniform(9, -1, 1, 3*E).Data, Uniform(10, -1, 1, E).Data
	xq, xk := Uniform(11, -1, 1, L, E), Uniform(12, -1, 1, S, E)
	m := MultiheadAttention(xq, xk, xk, MHAWeights{in, bin, out, bout}, 1, AttnOpts{})
	sd := ScaledDotProductAttention(m.Q, m.K, m.V, AttnOpts{})
	assertClose(t, "1-head MHA weights", m.Weights, sd.Weights)
	assertClose(t, "1-head MHA output", m.Output, Linear(sd.Output, out, bout))
	m2 := MultiheadAttention(xq, xk, xk, MHAWeights{in, bin, out, bout}, 2, AttnOpts{})
	avg := New(L, S)
	for i := range avg.Data {
		avg.Data[i] = (m2.HeadWeights.Data[i] + m2.HeadWeights.Data[L*S+i]) / 2
	}
	assertClose(t, "2-head average", m2.Weights, avg)
}

// TestFullyMaskedRowIsNaN: as in PyTorch, a query with every key masked gets
// NaN weights and output, and the other rows are unaffected.
func TestFullyMaskedRowIsNaN(t *testing.T) {
	q, k, v := Uniform(1, -1, 1, 2, 2), Uniform(2, -1, 1, 3, 2), Uniform(3, -1, 1, 3, 2)
	a := ScaledDotProductAttention(q, k, v, AttnOpts{Block: [][]bool{{true, true, true}, {false, false, false}}})
	for j := 0; j < 3; j++ {
		if !math.IsNaN(a.Weights.At(0, j)) {
			t.Errorf("weight (0, %d) = %v, want NaN", j, a.Weights.At(0, j))
		}
	}
	assertClose(t, "unmasked row", a.Weights.Sub(1), ScaledDotProductAttention(q, k, v, AttnOpts{}).Weights.Sub(1))
}
