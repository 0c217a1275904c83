package lessons

import (
	"math"
	"testing"
)

func TestNotFinite(t *testing.T) {
	for _, c := range []struct {
		a     Array
		index string
		value float64
		ok    bool
	}{
		{Array{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}}, "", 0, false},
		{Array{Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, math.Inf(-1), math.NaN()}}, "[1, 1]", math.Inf(-1), true},
		{Array{Shape: []int{3}, Data: []float64{0, 0, math.Inf(1)}}, "[2]", math.Inf(1), true},
		{Array{Shape: []int{}, Data: []float64{math.NaN()}}, "[]", math.NaN(), true},
	} {
		index, value, ok := NotFinite(c.a)
		same := value == c.value || (math.IsNaN(value) && math.IsNaN(c.value))
		if index != c.index || !same || ok != c.ok {
			t.Errorf("NotFinite(%v) = %q, %v, %v; want %q, %v, %v", c.a.Data, index, value, ok, c.index, c.value, c.ok)
		}
	}
}
