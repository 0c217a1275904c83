package nn

import (
	"fmt"
	"testing"

	"github.com/stepwise-go/stepwise/mathref"
)

// These tests compare nn's fast layers with mathref's literal oracles (one
// loop per Σ, written as the formula reads) over grids of shapes and
// options. Tolerance 1e-12, absolute or relative: the two differ only in
// the order of floating-point sums.
const oracleTol = 1e-12

func mr(t *Tensor) mathref.Tensor { return mathref.Tensor{Shape: t.Shape, Data: t.Data} }

func fromMR(t mathref.Tensor) *Tensor { return &Tensor{Shape: t.Shape, Data: t.Data} }

func biasOf(t *Tensor) []float64 {
	if t == nil {
		return nil
	}
	return t.Data
}

func TestOracleConv2d(t *testing.T) {
	ManualSeed(11)
	n := 0
	for _, N := range []int{1, 2} {
		for _, g := range []struct{ C, O, G int }{{1, 1, 1}, {3, 4, 1}, {4, 6, 2}, {3, 3, 3}} {
			for _, k := range [][2]int{{1, 1}, {3, 3}, {2, 3}} {
				for _, s := range [][2]int{{1, 1}, {2, 1}, {3, 2}} {
					for _, p := range [][2]int{{0, 0}, {1, 2}} {
						for _, d := range [][2]int{{1, 1}, {2, 1}} {
							for _, bias := range []bool{true, false} {
								l := NewConv2d(g.C, g.O, 0, KernelSize(k[0], k[1]), Stride(s[:]...), Padding(p[:]...), Dilation(d[:]...), Groups(g.G), Bias(bias))
								x := Randn(N, g.C, 7, 8)
								want := mathref.Conv2D(mr(x), mr(l.Weight), biasOf(l.Bias), mathref.Conv2DOpts{Stride: s, Padding: p, Dilation: d, Groups: g.G})
								name := fmt.Sprintf("N%d C%d O%d G%d k%v s%v p%v d%v bias %v", N, g.C, g.O, g.G, k, s, p, d, bias)
								checkClose(t, name, l.Forward(x), fromMR(want), oracleTol)
								n++
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d configurations", n)
}

func TestOraclePool(t *testing.T) {
	ManualSeed(12)
	for _, k := range [][2]int{{1, 1}, {2, 2}, {3, 2}, {3, 3}} {
		for _, s := range [][2]int{{0, 0}, {1, 1}, {2, 3}} {
			for _, p := range [][2]int{{0, 0}, {k[0] / 2, k[1] / 2}} {
				for _, excl := range []bool{false, true} {
					x := Randn(2, 3, 7, 6)
					opt := mathref.Pool2DOpts{Kernel: k, Stride: s, Padding: p, ExcludePad: excl}
					opts := []Option{KernelSize(k[0], k[1]), Padding(p[:]...)}
					if s[0] > 0 {
						opts = append(opts, Stride(s[:]...))
					}
					name := fmt.Sprintf("k%v s%v p%v", k, s, p)
					if !excl {
						checkClose(t, "max "+name, NewMaxPool2d(0, opts...).Forward(x), fromMR(mathref.MaxPool2D(mr(x), opt)), oracleTol)
					}
					avg := NewAvgPool2d(0, append(opts, CountIncludePad(!excl))...)
					checkClose(t, fmt.Sprintf("avg %s exclude pad %v", name, excl), avg.Forward(x), fromMR(mathref.AvgPool2D(mr(x), opt)), oracleTol)
				}
			}
		}
	}
}

func TestOracleActivations(t *testing.T) {
	ManualSeed(13)
	for _, shape := range [][]int{{7}, {3, 5}, {2, 3, 4}} {
		x := Randn(shape...).Scale(3)
		checkClose(t, "ReLU", NewReLU().Forward(x), fromMR(mathref.ReLU(mr(x))), oracleTol)
		checkClose(t, "Tanh", NewTanh().Forward(x), fromMR(mathref.Tanh(mr(x))), oracleTol)
		checkClose(t, "Sigmoid", NewSigmoid().Forward(x), fromMR(mathref.Sigmoid(mr(x))), oracleTol)
		for d := -len(shape); d < len(shape); d++ {
			name := fmt.Sprintf("%s dim %d", fmtShape(shape), d)
			checkClose(t, "Softmax "+name, NewSoftmax(d).Forward(x), fromMR(mathref.Softmax(mr(x), d)), oracleTol)
			checkClose(t, "LogSoftmax "+name, NewLogSoftmax(d).Forward(x), fromMR(mathref.LogSoftmax(mr(x), d)), oracleTol)
		}
	}
}

func TestOracleLinearLoss(t *testing.T) {
	ManualSeed(14)
	for _, c := range []struct{ in, out int }{{1, 1}, {4, 3}, {7, 2}} {
		for _, bias := range []bool{true, false} {
			l := NewLinear(c.in, c.out, Bias(bias))
			x := Randn(2, 3, c.in)
			checkClose(t, fmt.Sprintf("Linear %d→%d bias %v", c.in, c.out, bias), l.Forward(x),
				fromMR(mathref.Linear(mr(x), mr(l.Weight), biasOf(l.Bias))), oracleTol)
		}
	}
	logits := Randn(5, 4).Scale(3)
	target := []int{0, 3, 2, 2, 1}
	got := NewCrossEntropyLoss().Forward(logits, target)
	checkClose(t, "CrossEntropy", FromData([]float64{got}), FromData([]float64{mathref.CrossEntropy(mr(logits), target)}), oracleTol)
}

// weightsOf returns layer 0's weights of a recurrent layer in mathref's form.
func weightsOf(r *recurrent, l int) mathref.RecurrentWeights {
	w := mathref.RecurrentWeights{WeightIH: mr(r.WeightIH[l]), WeightHH: mr(r.WeightHH[l])}
	if r.BiasIH != nil {
		w.BiasIH, w.BiasHH = r.BiasIH[l].Data, r.BiasHH[l].Data
	}
	return w
}

func TestOracleRecurrent(t *testing.T) {
	ManualSeed(15)
	for _, B := range []int{0, 1, 3} { // 0: unbatched
		for _, bias := range []bool{true, false} {
			for _, withH0 := range []bool{false, true} {
				name := fmt.Sprintf("B%d bias %v h0 %v", B, bias, withH0)
				shape, hshape := []int{5, B, 3}, []int{1, B, 4}
				if B == 0 {
					shape, hshape = []int{5, 3}, []int{1, 4}
				}
				x := Randn(shape...)
				var h0, c0 *Tensor
				mh0, mc0 := mathref.Tensor{}, mathref.Tensor{}
				if withH0 {
					h0, c0 = Randn(hshape...), Randn(hshape...)
					mh0 = mathref.Tensor{Shape: hshape[1:], Data: h0.Data}
					mc0 = mathref.Tensor{Shape: hshape[1:], Data: c0.Data}
				}
				for _, act := range []string{"tanh", "relu"} {
					r := NewRNN(3, 4, Bias(bias), Nonlinearity(act))
					out, hn := r.ForwardState(x, h0)
					want := mathref.RNN(mr(x), mh0, weightsOf(&r.recurrent, 0), act)
					checkClose(t, "RNN "+act+" "+name, out, fromMR(want.Output), oracleTol)
					checkClose(t, "RNN hn "+name, hn.Reshape(want.HN.Shape...), fromMR(want.HN), oracleTol)
				}
				l := NewLSTM(3, 4, Bias(bias))
				out, hn, cn := l.ForwardState(x, h0, c0)
				want := mathref.LSTM(mr(x), mh0, mc0, weightsOf(&l.recurrent, 0))
				checkClose(t, "LSTM "+name, out, fromMR(want.Output), oracleTol)
				checkClose(t, "LSTM hn "+name, hn.Reshape(want.HN.Shape...), fromMR(want.HN), oracleTol)
				checkClose(t, "LSTM cn "+name, cn.Reshape(want.CN.Shape...), fromMR(want.CN), oracleTol)
				for ts, st := range want.Steps {
					s := l.Step(0, ts)
					for _, g := range []struct {
						name      string
						got, want mathref.Tensor
					}{{"i", mr(s.I), st.I}, {"f", mr(s.F), st.F}, {"g", mr(s.G), st.G}, {"o", mr(s.O), st.O}, {"c", mr(s.C), st.C}, {"h", mr(s.H), st.H}} {
						checkClose(t, fmt.Sprintf("LSTM %s step %d gate %s", name, ts, g.name), fromMR(g.got).Reshape(g.want.Shape...), fromMR(g.want), oracleTol)
					}
				}
				gr := NewGRU(3, 4, Bias(bias))
				gout, ghn := gr.ForwardState(x, h0)
				gw := mathref.GRU(mr(x), mh0, weightsOf(&gr.recurrent, 0))
				checkClose(t, "GRU "+name, gout, fromMR(gw.Output), oracleTol)
				checkClose(t, "GRU hn "+name, ghn.Reshape(gw.HN.Shape...), fromMR(gw.HN), oracleTol)
				for ts, st := range gw.Steps {
					s := gr.Step(0, ts)
					for _, g := range []struct {
						name      string
						got, want mathref.Tensor
					}{{"r", mr(s.R), st.R}, {"z", mr(s.Z), st.Z}, {"n", mr(s.N), st.N}, {"h", mr(s.H), st.H}} {
						checkClose(t, fmt.Sprintf("GRU %s step %d gate %s", name, ts, g.name), fromMR(g.got).Reshape(g.want.Shape...), fromMR(g.want), oracleTol)
					}
				}
			}
		}
	}
}

// rowsOf turns an (L, S) Mask into [][]bool.
func rowsOf(m *Mask) [][]bool {
	L, S := m.Shape[0], m.Shape[1]
	out := make([][]bool, L)
	for i := range out {
		out[i] = m.Data[i*S : (i+1)*S]
	}
	return out
}

func rowsOfT(x *Tensor) [][]float64 {
	L, S := x.Shape[0], x.Shape[1]
	out := make([][]float64, L)
	for i := range out {
		out[i] = x.Data[i*S : (i+1)*S]
	}
	return out
}

func TestOracleAttention(t *testing.T) {
	ManualSeed(16)
	for _, dims := range []struct{ L, S, E, Ev int }{{1, 1, 1, 1}, {3, 5, 4, 2}, {4, 4, 8, 8}, {5, 3, 2, 3}} {
		L, S := dims.L, dims.S
		q, k, v := Randn(L, dims.E), Randn(S, dims.E), Randn(S, dims.Ev)
		attend := TrilMask(L, S)
		pad := PaddingMask([]int{S - S/2}, S)
		bias := Randn(L, S)
		for _, c := range []struct {
			name string
			opts []Option
			ref  mathref.AttnOpts
		}{
			{"plain", nil, mathref.AttnOpts{}},
			{"attend mask", []Option{AttnMask(attend)}, mathref.AttnOpts{Attend: rowsOf(attend)}},
			{"float mask", []Option{AttnBias(bias)}, mathref.AttnOpts{Add: rowsOfT(bias)}},
			{"causal", []Option{IsCausal()}, mathref.AttnOpts{Causal: true}},
			{"key padding + scale", []Option{KeyPaddingMask(&Mask{Shape: []int{S}, Data: pad.Data}), Scale(0.25)}, mathref.AttnOpts{KeyPadding: pad.Data, Scale: 0.25}},
		} {
			name := fmt.Sprintf("%+v %s", dims, c.name)
			a := NewSDPA()
			out := a.Forward(q, k, v, c.opts...)
			want := mathref.ScaledDotProductAttention(mr(q), mr(k), mr(v), c.ref)
			checkClose(t, "SDPA out "+name, out, fromMR(want.Output), oracleTol)
			checkClose(t, "SDPA scores "+name, a.Scores, fromMR(want.Scores), oracleTol)
			checkClose(t, "SDPA weights "+name, a.Weights, fromMR(want.Weights), oracleTol)
		}
		// Additive attention, one batch element.
		ad := NewAdditiveAttention(dims.E, dims.E, 3)
		aw := mathref.AdditiveWeights{Wq: mr(ad.WQ.Weight), Wk: mr(ad.WK.Weight), Va: ad.WV.Weight.Data}
		out := ad.Forward(q.Reshape(1, L, dims.E), k.Reshape(1, S, dims.E), v.Reshape(1, S, dims.Ev), KeyPaddingMask(pad))
		want := mathref.AdditiveAttention(mr(q), mr(k), mr(v), aw, mathref.AttnOpts{KeyPadding: pad.Data})
		checkClose(t, fmt.Sprintf("Additive %+v", dims), out.Reshape(L, dims.Ev), fromMR(want.Output), oracleTol)
		checkClose(t, fmt.Sprintf("Additive weights %+v", dims), ad.Weights.Reshape(L, S), fromMR(want.Weights), oracleTol)
	}
}

func TestOracleMultiheadAttention(t *testing.T) {
	ManualSeed(17)
	for _, c := range []struct{ E, h, L, S int }{{4, 1, 3, 3}, {8, 2, 3, 5}, {6, 3, 4, 2}} {
		for _, bias := range []bool{true, false} {
			m := NewMultiheadAttention(c.E, c.h, Bias(bias))
			fillRandn(m)
			q, k, v := Randn(c.L, c.E), Randn(c.S, c.E), Randn(c.S, c.E)
			block := TriuMask(c.L, c.S)
			pad := PaddingMask([]int{c.S - 1}, c.S)
			p := mathref.MHAWeights{InProjWeight: mr(m.InProjWeight), OutProjWeight: mr(m.OutProj.Weight)}
			if bias {
				p.InProjBias, p.OutProjBias = m.InProjBias.Data, m.OutProj.Bias.Data
			}
			for _, masked := range []bool{false, true} {
				var opts []Option
				ref := mathref.AttnOpts{}
				if masked {
					opts = []Option{AttnMask(block), KeyPaddingMask(&Mask{Shape: []int{c.S}, Data: pad.Data})}
					ref = mathref.AttnOpts{Block: rowsOf(block), KeyPadding: pad.Data}
				}
				name := fmt.Sprintf("%+v bias %v masked %v", c, bias, masked)
				out, w := m.Forward(q, k, v, opts...)
				want := mathref.MultiheadAttention(mr(q), mr(k), mr(v), p, c.h, ref)
				checkClose(t, "MHA out "+name, out, fromMR(want.Output), oracleTol)
				checkClose(t, "MHA weights "+name, w, fromMR(want.Weights), oracleTol)
				checkClose(t, "MHA head weights "+name, m.HeadWeights.Reshape(want.HeadWeights.Shape...), fromMR(want.HeadWeights), oracleTol)
			}
		}
	}
}
