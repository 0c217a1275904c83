package viz

import (
	"fmt"
	"math"
	"strings"
)

// Grid is a matrix of numbers: r rows by c columns. gonum's mat.Matrix
// (e.g. *mat.Dense) satisfies it; so does Rows.
type Grid interface {
	Dims() (r, c int)
	At(i, j int) float64
}

// matrix is a dense, validated copy of the data a figure draws.
type matrix struct {
	r, c int
	v    []float64 // row-major
}

// Dims and At make a matrix a Grid.
func (m *matrix) Dims() (int, int)           { return m.r, m.c }
func (m *matrix) At(i, j int) float64        { return m.v[i*m.c+j] }
func (m *matrix) set(i, j int, x float64)    { m.v[i*m.c+j] = x }
func newMatrix(r, c int) *matrix             { return &matrix{r: r, c: c, v: make([]float64, r*c)} }
func (m *matrix) row(i int) []float64        { return m.v[i*m.c : (i+1)*m.c] }
func (m *matrix) shape() string              { return fmt.Sprintf("%d×%d", m.r, m.c) }
func (m *matrix) transpose() *matrix         { return transposed(m) }
func (m *matrix) sub(i, j, h, w int) *matrix { return subMatrix(m, i, j, h, w) }

func transposed(m *matrix) *matrix {
	t := newMatrix(m.c, m.r)
	for i := 0; i < m.r; i++ {
		for j := 0; j < m.c; j++ {
			t.set(j, i, m.At(i, j))
		}
	}
	return t
}

func subMatrix(m *matrix, i0, j0, h, w int) *matrix {
	s := newMatrix(h, w)
	for i := 0; i < h; i++ {
		for j := 0; j < w; j++ {
			s.set(i, j, m.At(i0+i, j0+j))
		}
	}
	return s
}

// Rows wraps a slice of rows as a Grid, checking that it is not empty and
// not ragged. It panics with a "viz: …" message otherwise.
func Rows(data [][]float64) Grid { return rowsOf("Rows", data) }

func rowsOf(fn string, data [][]float64) *matrix {
	if len(data) == 0 || len(data[0]) == 0 {
		panic(fmt.Sprintf("viz: %s: empty data: expected at least 1 row and 1 column, got %d rows%s",
			fn, len(data), firstLen(data)))
	}
	m := newMatrix(len(data), len(data[0]))
	for i, row := range data {
		if len(row) != m.c {
			panic(fmt.Sprintf("viz: %s: ragged data: row %d has %d values, expected %d like row 0",
				fn, i, len(row), m.c))
		}
		copy(m.row(i), row)
	}
	return m
}

func firstLen(data [][]float64) string {
	if len(data) == 0 {
		return ""
	}
	return fmt.Sprintf(" (row 0 has %d values)", len(data[0]))
}

// toMatrix copies data, which must be [][]float64 or a Grid, checking its
// shape. fn names the calling function in messages.
func toMatrix(fn string, data any) *matrix {
	switch d := data.(type) {
	case [][]float64:
		return rowsOf(fn, d)
	case *matrix:
		return d
	case Grid:
		r, c := d.Dims()
		if r <= 0 || c <= 0 {
			panic(fmt.Sprintf("viz: %s: empty data: expected at least 1 row and 1 column, got %d×%d", fn, r, c))
		}
		m := newMatrix(r, c)
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				m.set(i, j, d.At(i, j))
			}
		}
		return m
	case nil:
		panic(fmt.Sprintf("viz: %s: data is nil: expected [][]float64 or a Grid (Dims and At, e.g. *mat.Dense)", fn))
	}
	panic(fmt.Sprintf("viz: %s: data is %T: expected [][]float64 or a Grid (Dims and At, e.g. *mat.Dense)", fn, data))
}

// toStack copies a stack of matrices, given as [][][]float64 or []Grid,
// all of one shape.
func toStack(fn string, data any) []*matrix {
	var ms []*matrix
	switch d := data.(type) {
	case [][][]float64:
		for k, x := range d {
			ms = append(ms, toMatrix(fmt.Sprintf("%s: map %d", fn, k), x))
		}
	case []Grid:
		for k, x := range d {
			ms = append(ms, toMatrix(fmt.Sprintf("%s: map %d", fn, k), x))
		}
	default:
		panic(fmt.Sprintf("viz: %s: data is %T: expected [][][]float64 or []Grid", fn, data))
	}
	if len(ms) == 0 {
		panic(fmt.Sprintf("viz: %s: empty data: expected at least 1 map, got 0", fn))
	}
	for k, m := range ms {
		if m.r != ms[0].r || m.c != ms[0].c {
			panic(fmt.Sprintf("viz: %s: map %d is %s, expected %s like map 0", fn, k, m.shape(), ms[0].shape()))
		}
	}
	return ms
}

// checkLabels panics unless labels is empty or has n entries.
func checkLabels(fn, what string, labels []string, n int, dim string) {
	if len(labels) != 0 && len(labels) != n {
		panic(fmt.Sprintf("viz: %s: %d %s for %d %s: expected %d labels (one per %s) or none",
			fn, len(labels), what, n, dim, n, strings.TrimSuffix(dim, "s")))
	}
}

// stats summarises the values of some matrices: finite extremes and the
// count of NaN, +Inf and -Inf.
type stats struct {
	lo, hi             float64
	nan, pinf, ninf, n int
}

func statsOf(ms ...*matrix) stats {
	s := stats{lo: math.Inf(1), hi: math.Inf(-1)}
	for _, m := range ms {
		for _, v := range m.v {
			switch {
			case math.IsNaN(v):
				s.nan++
			case math.IsInf(v, 1):
				s.pinf++
			case math.IsInf(v, -1):
				s.ninf++
			default:
				s.lo = math.Min(s.lo, v)
				s.hi = math.Max(s.hi, v)
				s.n++
			}
		}
	}
	if s.n == 0 {
		s.lo, s.hi = 0, 1
	}
	return s
}

// bad reports whether there are values that are not finite numbers.
func (s stats) bad() bool { return s.nan+s.pinf+s.ninf > 0 }
