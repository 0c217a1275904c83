package mathref

import (
	"math"
	"strings"
	"testing"
)

// panics runs f and returns its panic message ("" if it did not panic).
func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}

func TestTensorIndexing(t *testing.T) {
	x := Arange(2, 3, 4)
	for _, c := range []struct {
		idx  []int
		want float64
	}{
		{[]int{0, 0, 0}, 0},
		{[]int{0, 0, 3}, 3},
		{[]int{0, 1, 0}, 4},
		{[]int{1, 0, 0}, 12},
		{[]int{1, 2, 3}, 23},
	} {
		if got := x.At(c.idx...); got != c.want {
			t.Errorf("Arange(2,3,4).At(%v) = %v, want %v (row-major)", c.idx, got, c.want)
		}
	}
	x.Set(-1, 1, 2, 3)
	if x.Data[23] != -1 {
		t.Errorf("Set(-1, 1, 2, 3) wrote elsewhere: %v", x.Data)
	}
	if s := x.Sub(1); s.Dims() != 2 || s.At(0, 0) != 12 || s.Len() != 12 {
		t.Errorf("Sub(1) = %v", s)
	}
	if r := x.Reshape(-1, 4); r.Shape[0] != 6 || r.At(5, 3) != -1 {
		t.Errorf("Reshape(-1, 4) = %v", r.Shape)
	}
	st := Stack(Vector(1, 2), Vector(3, 4), Vector(5, 6))
	if st.Shape[0] != 3 || st.Shape[1] != 2 || st.At(2, 1) != 6 {
		t.Errorf("Stack = %v", st)
	}
	f := Flip(FromData([]float64{0, 1, 2, 3, 4, 5}, 1, 2, 3))
	if want := []float64{5, 4, 3, 2, 1, 0}; !equalSlices(f.Data, want) {
		t.Errorf("Flip = %v, want %v", f.Data, want)
	}
	c := x.Clone()
	c.Data[0] = 99
	if x.Data[0] == 99 {
		t.Error("Clone shares data")
	}
	if !(Tensor{}).IsZero() || New(0).IsZero() {
		t.Error("IsZero")
	}
	u1, u2 := Uniform(3, -1, 1, 100), Uniform(3, -1, 1, 100)
	if !equalSlices(u1.Data, u2.Data) || maxData(u1) >= 1 || -maxData(elementwise(u1, func(v float64) float64 { return -v })) < -1 {
		t.Error("Uniform must be deterministic and in [lo, hi)")
	}
}

func equalSlices(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTensorText(t *testing.T) {
	for _, c := range []struct {
		t    Tensor
		dec  int
		want string
	}{
		{Vector(1, -2.5, 10), -1, "[   1 -2.5   10]"},
		{Matrix([][]float64{{19, 25}, {37, 43}}), -1, "[[19 25]\n [37 43]]"},
		{Arange(2, 1, 2), -1, "[[[0 1]]\n\n [[2 3]]]"},
		{Vector(math.NaN(), math.Inf(1), math.Inf(-1)), 2, "[ NaN +Inf -Inf]"},
		{Vector(-0.0001, 0.12345), 3, "[0.000 0.123]"},
		{Tensor{}, -1, "Tensor{}"},
	} {
		if got := c.t.Text(c.dec); got != c.want {
			t.Errorf("Text(%d) of %v:\n got %q\nwant %q", c.dec, c.t.Data, got, c.want)
		}
	}
}

func TestAllClose(t *testing.T) {
	want := Vector(1, 2, 3, math.NaN(), math.Inf(1))
	for _, c := range []struct {
		name       string
		got        Tensor
		atol, rtol float64
		ok         bool
		first      []int
		maxDiff    float64
	}{
		{"equal", Vector(1, 2, 3, math.NaN(), math.Inf(1)), 0, 0, true, nil, 0},
		{"within atol", Vector(1.05, 2, 3, math.NaN(), math.Inf(1)), 0.1, 0, true, nil, 0.05},
		{"within rtol", Vector(1, 2, 3.2, math.NaN(), math.Inf(1)), 0, 0.1, true, nil, 0.2},
		{"outside", Vector(1, 2.5, 3.2, math.NaN(), math.Inf(1)), 0.1, 0, false, []int{1}, 0.5},
		{"NaN vs number", Vector(1, 2, 3, 4, math.Inf(1)), 1, 1, false, []int{3}, math.Inf(1)},
		{"wrong infinity", Vector(1, 2, 3, math.NaN(), math.Inf(-1)), 1, 1, false, []int{4}, math.Inf(1)},
	} {
		r := AllClose(c.got, want, c.atol, c.rtol)
		if r.OK != c.ok || !equalInts(r.First, c.first) || math.Abs(r.MaxAbsDiff-c.maxDiff) > 1e-12 && !math.IsInf(c.maxDiff, 1) {
			t.Errorf("%s: %v", c.name, r)
		}
		if !r.OK && !strings.Contains(r.String(), "NOT close") {
			t.Errorf("%s: String = %q", c.name, r)
		}
	}
	r := AllClose(Vector(1, 2), Matrix([][]float64{{1, 2}}), 1, 1)
	if r.OK || r.ShapeOK || !strings.Contains(r.String(), "shape (2), want (1, 2)") {
		t.Errorf("shape mismatch: %v", r)
	}
	table := DiffTable(Vector(19, 24), Vector(19, 25), 0, 0, 5)
	if !strings.Contains(table, "[0]  got 19  want 19  OK") || !strings.Contains(table, "[1]  got 24  want 25  NOT OK (diff 1)") {
		t.Errorf("DiffTable:\n%s", table)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
