package nn

import (
	"math"
	"testing"
)

// TestRecords checks the documented relations between the recorded
// intermediate values of the recurrent layers (exact up to rounding).
func TestRecords(t *testing.T) {
	ManualSeed(21)
	x := Randn(4, 2, 3)
	l := NewLSTM(3, 5, NumLayers(2))
	l.Forward(x)
	for k, rec := range l.Record {
		H := 5
		for i, p := range rec.Pre.Data {
			j := i % (4 * H) / H // gate block: i, f, g, o
			want := 1 / (1 + math.Exp(-p))
			if j == 2 {
				want = math.Tanh(p)
			}
			if math.Abs(rec.Gates.Data[i]-want) > 1e-15 {
				t.Fatalf("LSTM layer %d: gate %d from Pre: %v, want %v", k, j, rec.Gates.Data[i], want)
			}
		}
		if k > 0 && rec.X != l.Record[k-1].H {
			t.Errorf("layer %d's input is not layer %d's H", k, k-1)
		}
	}
	g := NewGRU(3, 4)
	g.Forward(x)
	rec := g.Record[0]
	// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
	for tt := 0; tt < 4; tt++ {
		s := g.Step(0, tt)
		prev := rec.H0
		if tt > 0 {
			prev = rec.H.Index(tt - 1)
		}
		for i := range s.H.Data {
			z := s.Z.Data[i]
			if want := (1-z)*s.N.Data[i] + z*prev.Data[i]; math.Abs(s.H.Data[i]-want) > 1e-15 {
				t.Fatalf("GRU step %d: h %v, want %v", tt, s.H.Data[i], want)
			}
		}
	}
	r := NewRNN(3, 4, Nonlinearity("relu"))
	r.Forward(x)
	for i, p := range r.Record[0].Pre.Data {
		if r.Record[0].H.Data[i] != math.Max(p, 0) {
			t.Fatal("RNN relu: H ≠ max(Pre, 0)")
		}
	}
}

// TestAttentionVariants checks options that the PyTorch cases do not
// cover: a full-shape mask equals the broadcast one, MHA's 3-D float mask,
// and NeedWeights(false).
func TestAttentionVariants(t *testing.T) {
	ManualSeed(22)
	q, k, v := Randn(2, 3, 4), Randn(2, 5, 4), Randn(2, 5, 4)
	m := TrilMask(3, 5)
	full := NewMask(2, 3, 5)
	copy(full.Data, m.Data)
	copy(full.Data[15:], m.Data)
	a, b := NewSDPA(), NewSDPA()
	checkClose(t, "full-shape mask", a.Forward(q, k, v, AttnMask(full)), b.Forward(q, k, v, AttnMask(m)), 0)
	checkClose(t, "causal = tril mask", NewSDPA().Forward(q, k, v, IsCausal()), b.Forward(q, k, v, AttnMask(m)), 0)

	mha := NewMultiheadAttention(4, 2, BatchFirst())
	bias2 := Randn(3, 5)
	bias3 := New(2*2, 3, 5)
	for i := 0; i < 4; i++ {
		copy(bias3.Data[i*15:], bias2.Data)
	}
	o2, _ := mha.Forward(q, k, v, AttnBias(bias2))
	o3, w := mha.Forward(q, k, v, AttnBias(bias3), NeedWeights(false))
	checkClose(t, "3-D float mask", o3, o2, 0)
	if w != nil {
		t.Errorf("NeedWeights(false) returned weights %v", w.Shape)
	}
	// The averaged weights are the mean of the per-head weights.
	_, avg := mha.Forward(q, k, v)
	hw := mha.HeadWeights
	for i := range avg.Data {
		b, r := i/15, i%15
		want := (hw.Data[(b*2)*15+r] + hw.Data[(b*2+1)*15+r]) / 2
		if math.Abs(avg.Data[i]-want) > 1e-15 {
			t.Fatalf("averaged weight %d: %v, want %v", i, avg.Data[i], want)
		}
	}
	// Weights rows sum to 1.
	for r := 0; r < len(hw.Data)/5; r++ {
		s := 0.0
		for _, x := range hw.Data[r*5 : r*5+5] {
			s += x
		}
		if math.Abs(s-1) > 1e-14 {
			t.Fatalf("row %d sums to %v", r, s)
		}
	}
}
