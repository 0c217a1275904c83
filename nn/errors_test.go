package nn

import (
	"math"
	"strings"
	"testing"
)

// TestBadInput checks that each kind of bad input panics with an *Error
// whose message names the operation, what was expected and what came.
func TestBadInput(t *testing.T) {
	nan := New(1, 3, 5, 5)
	nan.Data[7] = math.NaN()
	inf := New(2, 3)
	inf.Data[4] = math.Inf(-1)
	cases := []struct {
		name string
		f    func()
		want []string // substrings of the message
	}{
		{"nil input", func() { NewConv2d(3, 4, 3).Forward(nil) }, []string{"Conv2d.Forward", "a tensor as input", "nil"}},
		{"malformed tensor", func() { NewReLU().Forward(&Tensor{Shape: []int{2, 3}, Data: make([]float64, 5)}) }, []string{"ReLU.Forward", "6 numbers", "5 numbers"}},
		{"zero size", func() { New(2, 0, 3) }, []string{"New", "every size ≥ 1", "(2, 0, 3)"}},
		{"negative size", func() { NewLinear(-1, 3) }, []string{"NewLinear", "≥ 1", "(-1, 3)"}},
		{"stride 0", func() { NewConv2d(3, 4, 3, Stride(0)) }, []string{"NewConv2d", "stride ≥ 1", "(0, 0)"}},
		{"pool padding", func() { NewMaxPool2d(3, Padding(2)) }, []string{"NewMaxPool2d", "half the kernel", "1 for kernel 3", "got 2"}},
		{"groups", func() { NewConv2d(3, 4, 3, Groups(2)) }, []string{"divisible by groups", "in 3, out 4, groups 2"}},
		{"channels", func() { NewConv2d(3, 4, 3).Forward(New(1, 4, 5, 5)) }, []string{"(N, 3, H, W)", "(1, 4, 5, 5)"}},
		{"channels last", func() { NewConv2d(3, 4, 3).Forward(New(1, 5, 5, 3)) }, []string{"channels look last", "Permute(0, 3, 1, 2)"}},
		{"conv 2-D input", func() { NewConv2d(1, 4, 3).Forward(New(5, 5)) }, []string{"(N, C, H, W) or (C, H, W)", "Reshape(1, 1, H, W)"}},
		{"kernel too big", func() { NewConv2d(1, 1, 5).Forward(New(1, 1, 3, 3)) }, []string{"dilated kernel 5×5", "3×3"}},
		{"pool too big", func() { NewMaxPool2d(4).Forward(New(1, 1, 3, 3)) }, []string{"MaxPool2d.Forward", "4×4 window", "output would be 0×0"}},
		{"linear features", func() { NewLinear(4, 2).Forward(New(3, 5)) }, []string{"Linear.Forward", "4 features", "(3, 5)"}},
		{"rnn features", func() { NewLSTM(3, 4).Forward(New(5, 2, 4)) }, []string{"LSTM.Forward", "(T, B, 3)", "(5, 2, 4)"}},
		{"h0 batch first", func() { NewGRU(3, 4, BatchFirst()).ForwardState(New(2, 5, 3), New(2, 1, 4)) }, []string{"h0 of shape (1, 2, 4)", "even with BatchFirst"}},
		{"no broadcasting", func() { New(2, 3).Add(New(3)) }, []string{"Tensor.Add", "same shape", "(2, 3) and (3)", "does not broadcast"}},
		{"mse shapes", func() { NewMSELoss().Forward(New(4, 1), New(4)) }, []string{"MSELoss.Forward", "(4, 1) and (4)"}},
		{"ce target", func() { NewCrossEntropyLoss().Forward(New(2, 3), []int{0, 3}) }, []string{"class indices in [0, 3)", "3 for sample 1"}},
		{"ce targets count", func() { NewCrossEntropyLoss().Forward(New(2, 3), []int{0}) }, []string{"2 targets", "got 1"}},
		{"attention E", func() { NewSDPA().Forward(New(2, 3, 4), New(2, 3, 5), New(2, 3, 5)) }, []string{"E = 4", "key (2, 3, 5)"}},
		{"attention batch", func() { NewSDPA().Forward(New(2, 3, 4), New(1, 3, 4), New(1, 3, 4)) }, []string{"same batch dimensions", "does not broadcast"}},
		{"attention mask shape", func() { NewSDPA().Forward(New(2, 3, 4), New(2, 5, 4), New(2, 5, 4), AttnMask(NewMask(5, 3))) }, []string{"AttnMask of shape (3, 5)", "(5, 3)"}},
		{"causal and mask", func() {
			NewSDPA().Forward(New(1, 2, 2), New(1, 2, 2), New(1, 2, 2), IsCausal(), AttnMask(NewMask(2, 2)))
		}, []string{"not both"}},
		{"mha embed", func() { NewMultiheadAttention(8, 3) }, []string{"divisible by num_heads", "embed_dim 8, num_heads 3"}},
		{"mha input", func() { NewMultiheadAttention(8, 2).Forward(New(3, 2, 6), New(3, 2, 6), New(3, 2, 6)) }, []string{"query of shape (L, B, 8)", "(3, 2, 6)"}},
		{"additive sizes", func() { NewAdditiveAttention(2, 3, 4).Forward(New(1, 2, 2), New(1, 3, 4), New(1, 3, 1)) }, []string{"AdditiveAttention.Forward", "keys (B, S, 3)", "(1, 3, 4)"}},
		{"wrong option", func() { NewLinear(2, 3, Stride(2)) }, []string{"NewLinear", "one of the options Bias", "Stride"}},
		{"backward first", func() { NewLinear(2, 3).Backward(New(1, 3)) }, []string{"Linear.Backward", "Forward call before Backward"}},
		{"backward shape", func() { l := NewLinear(2, 3); l.Forward(New(4, 2)); l.Backward(New(4, 2)) }, []string{"shaped like the output (4, 3)", "(4, 2)"}},
		{"reshape", func() { Arange(6).Reshape(4, -1) }, []string{"Tensor.Reshape", "divide the 6 numbers", "(4, -1)"}},
		{"index", func() { New(2, 3).At(2, 0) }, []string{"Tensor.At", "[0, 2)", "got 2"}},
		{"padding lengths", func() { PaddingMask([]int{3, 7}, 5) }, []string{"lengths in [0, 5]", "7 for sequence 1"}},
		{"seed lengths", func() { NewSeedLSTM(2, 3, 1, 2).ForwardLengths(New(2, 4, 2), []int{4, 0}) }, []string{"lengths in [1, 4]", "0 for sequence 1"}},
		{"dropout p", func() { NewDropout(1.5) }, []string{"probability p in [0, 1]", "1.5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := panicsWith(t, c.f)
			if e == nil {
				return
			}
			for _, w := range c.want {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("message lacks %q:\n%s", w, e.Error())
				}
			}
		})
	}
}

// TestCheckFinite checks the on-request NaN/Inf detection.
func TestCheckFinite(t *testing.T) {
	x := New(1, 3, 5, 5)
	x.Data[7] = math.NaN()
	conv := NewConv2d(3, 2, 3)
	if err := Try(func() { conv.Forward(x) }); err != nil {
		t.Fatalf("finite checks are off by default, got %v", err)
	}
	was := SetCheckFinite(true)
	defer SetCheckFinite(was)
	e := panicsWith(t, func() { conv.Forward(x) })
	if e != nil && !strings.Contains(e.Error(), "NaN at [0, 0, 1, 2] (1 non-finite of 75)") {
		t.Errorf("got %v", e)
	}
	// A fully masked attention row gives NaN (as in PyTorch); the check names it.
	e = panicsWith(t, func() {
		NewSDPA().Forward(Ones(1, 2, 2), Ones(1, 2, 2), Ones(1, 2, 2), AttnMask(MaskFromRows([][]bool{{true, true}, {false, false}})))
	})
	if e != nil && !strings.Contains(e.Error(), "SDPA.Forward") {
		t.Errorf("got %v", e)
	}
	if err := CheckFinite("logits", FromData([]float64{1, math.Inf(1)})); err == nil || !strings.Contains(err.Error(), "+Inf at [1]") {
		t.Errorf("CheckFinite: %v", err)
	}
}

// TestTryPassesOtherPanics checks that Try only recovers *Error.
func TestTryPassesOtherPanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v, want boom", r)
		}
	}()
	Try(func() { panic("boom") })
}
