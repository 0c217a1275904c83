package attention

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// matrix converts a student's matrix — [][]float64, [][]int, an
// *nn.Tensor or mathref.Tensor of two dimensions, a gonum matrix — to
// rows, or panics with a message naming the matrix and what was expected.
func matrix(name string, v any) [][]float64 {
	if v == nil {
		fail("attention.input.nil", name)
	}
	a, err := lessons.AsArray(v)
	if err != nil {
		fail("attention.input.notMatrix", name, err.Error())
	}
	if len(a.Shape) != 2 {
		fail("attention.input.dims", name, lessons.ShapeString(a.Shape))
	}
	if a.Shape[0] == 0 || a.Shape[1] == 0 {
		fail("attention.input.empty", name, lessons.ShapeString(a.Shape))
	}
	if idx, val, bad := lessons.NotFinite(a); bad {
		fail("attention.input.notFinite", name, lessons.Num(val), idx)
	}
	r, c := a.Shape[0], a.Shape[1]
	out := make([][]float64, r)
	for i := range out {
		out[i] = a.Data[i*c : (i+1)*c : (i+1)*c]
	}
	return out
}

// checkTokens checks that tokens label the rows of a matrix (one token per
// query or key) and returns them, or "#0", "#1", … when tokens is nil.
func checkTokens(tokens []string, rows int, what, matrices string) []string {
	if tokens == nil {
		out := make([]string, rows)
		for i := range out {
			out[i] = fmt.Sprintf("#%d", i)
		}
		return out
	}
	if len(tokens) != rows {
		fail("attention.input.tokens", len(tokens), what, rows, quoteTokens(tokens), matrices, rows)
	}
	return append([]string(nil), tokens...)
}

func quoteTokens(tokens []string) string {
	q := make([]string, len(tokens))
	for i, t := range tokens {
		q[i] = fmt.Sprintf("%q", t)
	}
	return "[" + strings.Join(q, " ") + "]"
}

func dims(m [][]float64) string { return fmt.Sprintf("(%d, %d)", len(m), len(m[0])) }

// checkQKV checks that Q (L, d_k), K (S, d_k) and V (S, d_v) fit together.
func checkQKV(Q, K, V [][]float64) {
	if len(Q[0]) != len(K[0]) {
		fail("attention.input.dk", dims(Q), dims(K), len(Q[0]), len(K[0]))
	}
	if len(K) != len(V) {
		fail("attention.input.kv", dims(K), dims(V), len(K), len(V))
	}
}

// Options change how Walk computes and shows attention. The zero value is
// plain scaled dot-product attention over every key, walked through for
// every query.
type Options struct {
	// Causal masks the future: query i may attend only to keys j ≤ i
	// (PyTorch's is_causal=True). It needs as many queries as keys.
	Causal bool
	// Padding marks padded keys, one entry per key: true = padding, never
	// attended to (PyTorch's key_padding_mask).
	Padding []bool
	// Scale multiplies q·k; 0 means 1/√d_k. Scale 1 shows what the seed
	// document's formula, without the scaling, computes.
	Scale float64
	// Queries lists the queries to walk through step by step; nil means
	// all of them (the first 8 when there are more).
	Queries []int
	// Digits is how many decimals the walkthrough shows (default 3).
	Digits int
}

func options(o []Options) Options {
	switch len(o) {
	case 0:
		return Options{Digits: 3}
	case 1:
		opt := o[0]
		if opt.Digits <= 0 {
			opt.Digits = 3
		}
		return opt
	}
	fail("attention.input.options", len(o))
	return Options{}
}

// check checks the options against L queries and S keys.
func (o Options) check(L, S int) {
	if o.Causal && L != S {
		fail("attention.input.causal", L, S)
	}
	if o.Padding != nil && len(o.Padding) != S {
		fail("attention.input.padding", len(o.Padding), S)
	}
	for _, i := range o.Queries {
		if i < 0 || i >= L {
			fail("attention.input.query", i, L, L-1)
		}
	}
	if o.Scale < 0 {
		fail("attention.input.scale", o.Scale)
	}
}

// masked reports whether query i may not attend to key j.
func (o Options) masked(i, j int) bool {
	return (o.Causal && j > i) || (o.Padding != nil && o.Padding[j])
}

// maskGrid returns the (L, S) mask, true = masked, or nil without masks.
func (o Options) maskGrid(L, S int) [][]bool {
	if !o.Causal && o.Padding == nil {
		return nil
	}
	m := make([][]bool, L)
	for i := range m {
		m[i] = make([]bool, S)
		for j := range m[i] {
			m[i][j] = o.masked(i, j)
		}
	}
	return m
}
