package nn

import (
	"fmt"
	"strings"
)

// Mask is a boolean tensor used by attention. What true means depends on
// where it is passed, exactly as in PyTorch:
//
//	AttnMask for SDPA                     true = may attend  (F.scaled_dot_product_attention)
//	AttnMask for MultiheadAttention       true = may NOT attend (nn.MultiheadAttention)
//	KeyPaddingMask (MHA, SDPA, Additive)  true = padding, ignored
//
// TrilMask gives the causal mask in SDPA's sense, TriuMask in
// MultiheadAttention's; Not flips one into the other.
type Mask struct {
	Shape []int  // size of each dimension
	Data  []bool // row-major, len(Data) = product of Shape
}

// NewMask returns an all-false mask of the given shape.
func NewMask(shape ...int) *Mask {
	return &Mask{Shape: cloneInts(shape), Data: make([]bool, numel("NewMask", shape))}
}

// MaskFromRows returns a 2-D mask holding a copy of rows.
func MaskFromRows(rows [][]bool) *Mask {
	if len(rows) == 0 || len(rows[0]) == 0 {
		fail("MaskFromRows", "at least one row with at least one entry", "an empty table")
	}
	m := NewMask(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != len(rows[0]) {
			failf("MaskFromRows", fmt.Sprintf("every row of length %d", len(rows[0])), "row %d of length %d", i, len(r))
		}
		copy(m.Data[i*len(r):], r)
	}
	return m
}

// TrilMask returns the (l, s) mask that is true where key j ≤ query i: the
// causal mask in SDPA's convention (true = may attend).
func TrilMask(l, s int) *Mask {
	m := NewMask(l, s)
	for i := 0; i < l; i++ {
		for j := 0; j <= i && j < s; j++ {
			m.Data[i*s+j] = true
		}
	}
	return m
}

// TriuMask returns the (l, s) mask that is true where key j > query i (the
// future): the causal mask in MultiheadAttention's convention (true = may
// not attend).
func TriuMask(l, s int) *Mask { return TrilMask(l, s).Not() }

// PaddingMask returns the (batch, s) key-padding mask for sequences of the
// given lengths padded to s: true at positions j ≥ lengths[b].
func PaddingMask(lengths []int, s int) *Mask {
	m := NewMask(len(lengths), s)
	for b, n := range lengths {
		if n < 0 || n > s {
			failf("PaddingMask", fmt.Sprintf("lengths in [0, %d]", s), "length %d for sequence %d", n, b)
		}
		for j := n; j < s; j++ {
			m.Data[b*s+j] = true
		}
	}
	return m
}

// Not returns a new mask with every entry flipped.
func (m *Mask) Not() *Mask {
	out := &Mask{Shape: cloneInts(m.Shape), Data: make([]bool, len(m.Data))}
	for i, v := range m.Data {
		out.Data[i] = !v
	}
	return out
}

// At returns the entry at the given indices.
func (m *Mask) At(idx ...int) bool {
	t := Tensor{Shape: m.Shape}
	return m.Data[t.offset("Mask.At", idx)]
}

// Set stores v at the given indices.
func (m *Mask) Set(v bool, idx ...int) {
	t := Tensor{Shape: m.Shape}
	m.Data[t.offset("Mask.Set", idx)] = v
}

// String prints the mask with 1 for true and 0 for false.
func (m *Mask) String() string {
	if m == nil {
		return "Mask <nil>"
	}
	t := New(m.Shape...)
	for i, v := range m.Data {
		if v {
			t.Data[i] = 1
		}
	}
	return "Mask" + strings.TrimPrefix(t.String(), "Tensor")
}

// checkMask panics unless m is well-formed.
func checkMask(op, what string, m *Mask) {
	if m == nil {
		fail(op, what, "nil")
	}
	if len(m.Data) != product(m.Shape) {
		failf(op, what+" whose Data matches its shape "+fmtShape(m.Shape), "%d entries", len(m.Data))
	}
}
