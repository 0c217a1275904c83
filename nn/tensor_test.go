package nn

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestTensorViews(t *testing.T) {
	x := Arange(24).Reshape(2, 3, 4)
	if got := x.At(1, 2, 3); got != 23 {
		t.Errorf("At(1,2,3) = %v, want 23", got)
	}
	v := x.Reshape(-1, 4)
	v.Set(-1, 5, 3)
	if x.At(1, 2, 3) != -1 {
		t.Error("Reshape does not share data")
	}
	if !sameShape(v.Shape, []int{6, 4}) {
		t.Errorf("Reshape(-1, 4) shape %v", v.Shape)
	}
	m := x.Matrix(1) // (3, 4) view of x[1]
	m.Set(0, 0, 100)
	if x.At(1, 0, 0) != 100 {
		t.Error("Matrix does not share data")
	}
	back := FromMatrix(m)
	back.Set(7, 0, 1)
	if x.At(1, 0, 1) != 7 {
		t.Error("FromMatrix of a contiguous Dense does not share data")
	}
	sub := mat.NewDense(4, 4, nil).Slice(1, 3, 1, 3) // strided: must copy
	if FromMatrix(sub).Len() != 4 {
		t.Error("FromMatrix of a slice")
	}
	if y := x.Index(1); y.At(0, 0) != 100 || len(y.Data) != 12 {
		t.Errorf("Index(1) = %v", y)
	}
	p := Arange(6).Reshape(2, 3).Permute(1, 0)
	want := []float64{0, 3, 1, 4, 2, 5}
	for i, w := range want {
		if p.Data[i] != w {
			t.Fatalf("Permute(1,0) = %v, want %v", p.Data, want)
		}
	}
	if got := FromRows([][]float64{{1, 5, 5}, {7, 2, 0}}).ArgMax(); got[0] != 1 || got[1] != 0 {
		t.Errorf("ArgMax = %v, want [1 0] (first of ties)", got)
	}
}

func TestTensorString(t *testing.T) {
	cases := []struct {
		t    *Tensor
		want string
	}{
		{FromRows([][]float64{{19, 25}, {37, 43}}), "Tensor (2, 2)\n[[19, 25],\n [37, 43]]"},
		{FromData([]float64{0.5, -1.25, math.NaN()}), "Tensor (3)\n[ 0.5000, -1.2500,     NaN]"},
		{FromData([]float64{1e-9, 2}), "Tensor (2)\n[1.0000e-09, 2.0000e+00]"},
		{Arange(8).Reshape(2, 2, 2), "Tensor (2, 2, 2)\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]"},
	}
	for _, c := range cases {
		if got := c.t.String(); got != c.want {
			t.Errorf("got\n%s\nwant\n%s", got, c.want)
		}
	}
	long := Arange(2000).String()
	if !strings.Contains(long, "[   0,    1,    2, ..., 1997, 1998, 1999]") {
		t.Errorf("summary of a long tensor:\n%s", long)
	}
}

func TestDropout(t *testing.T) {
	ManualSeed(5)
	d := NewDropout(0.25)
	x := Ones(100, 100)
	y := d.Forward(x)
	kept := 0
	for _, v := range y.Data {
		switch v {
		case 0:
		case 1 / 0.75:
			kept++
		default:
			t.Fatalf("value %v is neither 0 nor 1/(1-p)", v)
		}
	}
	if f := float64(kept) / 1e4; math.Abs(f-0.75) > 0.02 {
		t.Errorf("kept fraction %v, want about 0.75", f)
	}
	g := d.Backward(Ones(100, 100))
	checkClose(t, "dropout backward uses the same mask", g, y, 0)
	Eval(d)
	checkClose(t, "eval mode is the identity", d.Forward(x), x, 0)
	ManualSeed(5)
	Train(d)
	checkClose(t, "seeded masks repeat", d.Forward(x), y, 0)
}

func TestManualSeedRepeatsWeights(t *testing.T) {
	ManualSeed(9)
	a := NewConv2d(3, 4, 3)
	ManualSeed(9)
	b := NewConv2d(3, 4, 3)
	checkClose(t, "weights", a.Weight, b.Weight, 0)
	bound := 1 / math.Sqrt(27)
	for _, v := range a.Weight.Data {
		if math.Abs(v) > bound {
			t.Fatalf("weight %v outside ±1/√fan_in = %v", v, bound)
		}
	}
	m := NewMultiheadAttention(8, 2)
	for _, v := range m.InProjBias.Data {
		if v != 0 {
			t.Fatal("in_proj_bias must start at zero")
		}
	}
	xb := math.Sqrt(6.0 / 32)
	for _, v := range m.InProjWeight.Data {
		if math.Abs(v) > xb {
			t.Fatalf("in_proj_weight %v outside the xavier bound %v", v, xb)
		}
	}
}

func TestParameterNames(t *testing.T) {
	cases := []struct {
		m    Module
		want string
	}{
		{SeedCNN(), "conv1.weight conv1.bias conv2.weight conv2.bias fc1.weight fc1.bias fc2.weight fc2.bias"},
		{NewSeedLSTM(3, 4, 2, 5), "lstm.weight_ih_l0 lstm.weight_hh_l0 lstm.bias_ih_l0 lstm.bias_hh_l0 lstm.weight_ih_l1 lstm.weight_hh_l1 lstm.bias_ih_l1 lstm.bias_hh_l1 fc.weight fc.bias"},
		{NewMultiheadAttention(4, 2), "in_proj_weight in_proj_bias out_proj.weight out_proj.bias"},
		{NewGRU(2, 3, Bias(false)), "weight_ih_l0 weight_hh_l0"},
		{NewAdditiveAttention(2, 3, 4), "W_q.weight W_k.weight w_v.weight"},
	}
	for _, c := range cases {
		var names []string
		for _, p := range c.m.Parameters() {
			names = append(names, p.Name)
		}
		if got := strings.Join(names, " "); got != c.want {
			t.Errorf("%T: got %s, want %s", c.m, got, c.want)
		}
	}
	if n := NumParams(SeedCNN()); n != 315722 {
		t.Errorf("SeedCNN has %d parameters, want 315722 (PyTorch's count)", n)
	}
}
