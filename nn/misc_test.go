package nn

import (
	"strings"
	"testing"
)

func TestSequentialAccessors(t *testing.T) {
	ManualSeed(31)
	m := NewSequential(NewConv2d(1, 2, 3), NewReLU(), NewDropout(0.5))
	x := Randn(1, 1, 5, 5)
	y := m.Forward(x)
	if m.Output("0") == nil || m.Output("2") != y || m.Output("9") != nil {
		t.Error("Output by name")
	}
	if _, ok := m.Layer("1").(*ReLU); !ok || m.Layer("x") != nil {
		t.Error("Layer by name")
	}
	if got := m.OutShape([]int{4, 1, 6, 7}); !sameShape(got, []int{4, 2, 4, 5}) {
		t.Errorf("OutShape %v", got)
	}
	Eval(m)
	if d := m.Layer("2").(*Dropout); d.Training() {
		t.Error("Eval did not reach the Dropout")
	}
	checkClose(t, "eval forward is deterministic", m.Forward(x), m.Forward(x), 0)
	want := "Sequential(\n  (0): Conv2d(1, 2, kernel_size=3, stride=1)\n  (1): ReLU()\n  (2): Dropout(p=0.5)\n)"
	if got := m.String(); got != want {
		t.Errorf("String:\n%s\nwant\n%s", got, want)
	}
	e := panicsWith(t, func() { m.Add("1", NewReLU()) })
	if e != nil && !strings.Contains(e.Error(), "the name 1 again") {
		t.Error(e)
	}
}

func TestTraceSeedLSTMAndHTML(t *testing.T) {
	st := Trace(NewSeedLSTM(8, 16, 2, 3), 4, 10, 8)
	if st.Err != nil || len(st.Rows) != 3 || st.TotalParams() != NumParams(NewSeedLSTM(8, 16, 2, 3)) {
		t.Fatalf("trace %v", st)
	}
	if st.Rows[1].Type != "select" || !sameShape(st.Rows[2].Out, []int{4, 3}) {
		t.Errorf("rows %+v", st.Rows)
	}
	h := Trace(SeedCNN(), 1, 3, 32, 32).HTML()
	for _, want := range []string{"<th>layer</th>", "<td>conv1</td>", "(1, 64, 8, 8)", "stopped: nn: fc1 (Linear.Forward)"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	nested := NewSequential().Add("features", NewSequential(NewConv2d(1, 2, 3))).Add("head", NewFlatten())
	st = Trace(nested, 1, 1, 4, 4)
	if st.Rows[0].Name != "features.0" || st.Rows[1].Name != "head" {
		t.Errorf("nested names %+v", st.Rows)
	}
	e := Trace(nested, 1, 2, 4, 4).Err.(*Error)
	if e.Layer != "features.0" {
		t.Errorf("nested error layer %q", e.Layer)
	}
}

func TestSmallAPI(t *testing.T) {
	ManualSeed(32)
	r := NewRNN(2, 3, NumLayers(2))
	r.Forward(Randn(4, 1, 2))
	s := r.Step(1, 3)
	checkClose(t, "RNN.Step(1, 3).H", s.H, r.Record[1].H.Index(3), 0)
	for _, l := range []any{r, NewLSTM(2, 3, BatchFirst()), NewConv2d(2, 4, 3, Groups(2), Bias(false), Dilation(2), Padding(1)),
		NewLinear(2, 3), NewMaxPool2d(2), NewAvgPool2d(2), NewMultiheadAttention(4, 2)} {
		if s, ok := l.(interface{ String() string }); !ok || s.String() == "" {
			t.Errorf("%T has no String", l)
		}
	}
	if got := NewConv2d(2, 4, 3, Groups(2), Bias(false), Dilation(2), Padding(1)).String(); got != "Conv2d(2, 4, kernel_size=3, stride=1, padding=1, dilation=2, groups=2, bias=False)" {
		t.Errorf("Conv2d repr %s", got)
	}
	m := TriuMask(2, 3)
	if !m.At(0, 1) || m.At(1, 1) {
		t.Error("TriuMask")
	}
	a, b := FromData([]float64{1, 2}), FromData([]float64{3, 5})
	if a.Mul(b).Data[1] != 10 || a.MaxAbsDiff(b) != 3 {
		t.Error("Mul / MaxAbsDiff")
	}
	x := Rand(3, 3)
	for _, v := range x.Data {
		if v < 0 || v >= 1 {
			t.Fatal("Rand outside [0, 1)")
		}
	}
	lin := NewLinear(2, 2)
	lin.Forward(Ones(1, 2))
	lin.Backward(Ones(1, 2))
	opt := NewSGD(lin.Parameters(), 0.1)
	opt.ZeroGrad()
	lin.ZeroGrad()
	for _, p := range lin.Parameters() {
		if p.Grad.Sum() != 0 {
			t.Error("ZeroGrad")
		}
	}
}

// TestSeedCNNAsWritten reproduces erratum C4: the literal view mixes
// images when the batch is a multiple of 9 and fails otherwise.
func TestSeedCNNAsWritten(t *testing.T) {
	ManualSeed(33)
	fixed := SeedCNN()
	literal := SeedCNNAsWritten()
	if err := LoadStateDict(literal, StateDict(fixed)); err != nil {
		t.Fatal(err)
	}
	x := Randn(2, 3, 24, 24)
	checkClose(t, "same output at 24×24", literal.Forward(x), fixed.Forward(x), 0)
	if y := literal.Forward(New(9, 3, 32, 32)); !sameShape(y.Shape, []int{16, 10}) {
		t.Errorf("batch 9 at 32×32 gave %v, want the silent (16, 10)", y.Shape)
	}
	e := panicsWith(t, func() { literal.Forward(New(2, 3, 32, 32)) })
	if e != nil && (e.Layer != "view" || !strings.Contains(e.Error(), "8192")) {
		t.Errorf("got %v", e)
	}
}

func TestBackendNamed(t *testing.T) {
	switch b := Backend(); b {
	case "avx2-fma", "gonum", "purego", "asm-gemm", "openblas":
	default:
		t.Errorf("Backend() = %q, not one of the documented names", b)
	}
}
