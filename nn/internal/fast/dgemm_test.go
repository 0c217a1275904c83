package fast

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// kernels returns every implementation this machine can run, so that each
// test covers both the portable Go path and the assembly.
func kernels() []*kernel {
	ks := []*kernel{goKernel}
	if k := asmKernel(); k != nil {
		ks = append(ks, k)
	}
	return ks
}

// withKernel runs f with k as the active implementation.
func withKernel(k *kernel, f func()) {
	old := activeKernel
	activeKernel = k
	defer func() { activeKernel = old }()
	f()
}

// gemmCase is one Dgemm call with its stored operands.
type gemmCase struct {
	tA, tB        bool
	m, n, k       int
	alpha, beta   float64
	lda, ldb, ldc int
	a, b, c       []float64
}

// newGemmCase fills A, B and C with values in [-1, 1) and every padding
// element of C (between n and ldc) with a sentinel that must survive.
func newGemmCase(rng *rand.Rand, tA, tB bool, m, n, k int, alpha, beta float64, pad int) *gemmCase {
	g := &gemmCase{tA: tA, tB: tB, m: m, n: n, k: k, alpha: alpha, beta: beta}
	ar, ac := m, k
	if tA {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB {
		br, bc = n, k
	}
	g.lda, g.ldb, g.ldc = max(1, ac+pad), max(1, bc+pad), max(1, n+pad)
	g.a = randSlice(rng, ar*g.lda)
	g.b = randSlice(rng, br*g.ldb)
	g.c = randSlice(rng, m*g.ldc)
	for i := range m {
		for j := n; j < g.ldc; j++ {
			g.c[i*g.ldc+j] = sentinel
		}
	}
	return g
}

const sentinel = 12345.678

func randSlice(rng *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 2*rng.Float64() - 1
	}
	return s
}

func (g *gemmCase) opA(i, p int) float64 {
	if g.tA {
		return g.a[p*g.lda+i]
	}
	return g.a[i*g.lda+p]
}

func (g *gemmCase) opB(p, j int) float64 {
	if g.tB {
		return g.b[j*g.ldb+p]
	}
	return g.b[p*g.ldb+j]
}

// naive returns the reference result, written as the definition reads, and
// for each entry the error bound (k+2)·u·(|alpha|·Σ_p|a_ip·b_pj| + |beta·c_ij|)
// with u = 2⁻⁵³, the classical bound for a sum of k products in any order.
func (g *gemmCase) naive() (want, bound []float64) {
	want = append([]float64(nil), g.c...)
	bound = make([]float64, len(g.c))
	u := math.Ldexp(1, -53)
	for i := range g.m {
		for j := range g.n {
			var s, abs float64
			for p := range g.k {
				s += g.opA(i, p) * g.opB(p, j)
				abs += math.Abs(g.opA(i, p) * g.opB(p, j))
			}
			old := g.c[i*g.ldc+j]
			v := g.alpha * s
			if g.beta != 0 {
				v += g.beta * old
			}
			want[i*g.ldc+j] = v
			bound[i*g.ldc+j] = float64(g.k+2) * u * (math.Abs(g.alpha)*abs + math.Abs(g.beta*old))
		}
	}
	return want, bound
}

func (g *gemmCase) run() []float64 {
	c := append([]float64(nil), g.c...)
	Dgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, c, g.ldc)
	return c
}

func (g *gemmCase) String() string {
	return fmt.Sprintf("tA=%v tB=%v m=%d n=%d k=%d alpha=%g beta=%g lda=%d ldb=%d ldc=%d",
		g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.beta, g.lda, g.ldb, g.ldc)
}

// compare checks got against want within bound and the padding untouched.
func (g *gemmCase) compare(t *testing.T, name string, got, want, bound []float64) {
	t.Helper()
	bad := 0
	var msgs []string
	for i := range g.m {
		for j := 0; j < g.ldc; j++ {
			idx := i*g.ldc + j
			if j >= g.n {
				if got[idx] != sentinel {
					bad++
					msgs = append(msgs, fmt.Sprintf("padding C[%d][%d] changed to %g", i, j, got[idx]))
				}
				continue
			}
			if d := math.Abs(got[idx] - want[idx]); !(d <= bound[idx]) {
				bad++
				if len(msgs) < 5 {
					msgs = append(msgs, fmt.Sprintf("C[%d][%d] = %.17g, want %.17g (diff %.3g > bound %.3g)", i, j, got[idx], want[idx], d, bound[idx]))
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s %v: %d wrong entries:\n  %s", name, g, bad, strings.Join(msgs, "\n  "))
	}
}

// TestDgemmSmallExhaustive covers every transpose combination over all
// small and odd shapes (including 0 and shapes below, at and just above the
// micro-tile sizes) against the naive triple loop.
func TestDgemmSmallExhaustive(t *testing.T) {
	dims := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 17}
	scalars := [][2]float64{{1, 0}, {1, 1}, {-0.5, 0.75}, {0, 0.5}, {2, -1}}
	for _, kern := range kernels() {
		withKernel(kern, func() {
			rng := rand.New(rand.NewPCG(1, 2))
			for _, tA := range []bool{false, true} {
				for _, tB := range []bool{false, true} {
					for _, m := range dims {
						for _, n := range dims {
							for _, k := range dims {
								ab := scalars[(m+2*n+3*k)%len(scalars)]
								pad := (m + n + k) % 3
								g := newGemmCase(rng, tA, tB, m, n, k, ab[0], ab[1], pad)
								want, bound := g.naive()
								g.compare(t, kern.name, g.run(), want, bound)
							}
						}
					}
				}
			}
		})
	}
}

// TestDgemmBlocks covers shapes that cross the MC, KC and NC block edges and
// the conv/attention shapes nn produces.
func TestDgemmBlocks(t *testing.T) {
	shapes := [][3]int{
		{blockMC + 1, 9, 3}, {blockMC*2 + 5, 17, blockKC + 1}, {7, blockNC + 9, 2},
		{13, 19, 2*blockKC + 3}, {32, 1024, 27}, {64, 256, 576}, {64, 64, 64},
		{130, 70, 300}, {6, 8, 1000},
	}
	for _, kern := range kernels() {
		withKernel(kern, func() {
			rng := rand.New(rand.NewPCG(3, 4))
			for i, s := range shapes {
				for _, tA := range []bool{false, true} {
					for _, tB := range []bool{false, true} {
						alpha, beta := 1.0, 0.0
						if i%2 == 1 {
							alpha, beta = -1.25, 0.5
						}
						g := newGemmCase(rng, tA, tB, s[0], s[1], s[2], alpha, beta, i%2)
						want, bound := g.naive()
						g.compare(t, kern.name, g.run(), want, bound)
					}
				}
			}
		})
	}
}

// TestDgemmGonum compares with gonum's Dgemm (an independent implementation
// with the same row-major convention) over random shapes.
func TestDgemmGonum(t *testing.T) {
	for _, kern := range kernels() {
		withKernel(kern, func() {
			rng := rand.New(rand.NewPCG(5, 6))
			for range 120 {
				m, n, k := rng.IntN(60), rng.IntN(60), rng.IntN(300)
				tA, tB := rng.IntN(2) == 1, rng.IntN(2) == 1
				alpha, beta := 2*rng.Float64()-1, float64(rng.IntN(3))-1
				g := newGemmCase(rng, tA, tB, m, n, k, alpha, beta, rng.IntN(3))
				want := append([]float64(nil), g.c...)
				ta, tb := blas.NoTrans, blas.NoTrans
				if tA {
					ta = blas.Trans
				}
				if tB {
					tb = blas.Trans
				}
				blas64.Implementation().Dgemm(ta, tb, m, n, k, alpha, g.a, g.lda, g.b, g.ldb, beta, want, g.ldc)
				_, bound := g.naive()
				// Both results carry rounding error: allow the bound twice.
				for i := range bound {
					bound[i] *= 2
				}
				g.compare(t, kern.name+" vs gonum", g.run(), want, bound)
			}
		})
	}
}

// TestDgemmBetaZeroIgnoresNaN checks the BLAS rule that beta = 0 overwrites
// C without reading it, and that alpha = 0 does not read A or B.
func TestDgemmBetaZeroIgnoresNaN(t *testing.T) {
	for _, kern := range kernels() {
		withKernel(kern, func() {
			for _, s := range [][3]int{{1, 5, 3}, {5, 1, 3}, {7, 9, 4}, {12, 16, 8}} {
				m, n, k := s[0], s[1], s[2]
				a := make([]float64, m*k)
				b := make([]float64, k*n)
				c := make([]float64, m*n)
				for i := range a {
					a[i] = 1
				}
				for i := range b {
					b[i] = 2
				}
				for i := range c {
					c[i] = math.NaN()
				}
				Dgemm(false, false, m, n, k, 1, a, k, b, n, math.Copysign(0, -1), c, n)
				for i, v := range c {
					if v != float64(2*k) {
						t.Fatalf("%s %v beta=-0: C[%d] = %g, want %d", kern.name, s, i, v, 2*k)
					}
				}
				for i := range a {
					a[i] = math.NaN()
				}
				Dgemm(false, false, m, n, k, 0, a, k, b, n, 0.5, c, n)
				for i, v := range c {
					if v != float64(k) {
						t.Fatalf("%s %v alpha=0: C[%d] = %g, want %d", kern.name, s, i, v, k)
					}
				}
			}
		})
	}
}

func TestDgemmBadArguments(t *testing.T) {
	ok := make([]float64, 100)
	cases := []struct {
		name string
		call func()
		want string
	}{
		{"negative m", func() { Dgemm(false, false, -1, 2, 2, 1, ok, 2, ok, 2, 0, ok, 2) }, "non-negative"},
		{"lda small", func() { Dgemm(false, false, 2, 2, 3, 1, ok, 2, ok, 2, 0, ok, 2) }, "leading dimension of A"},
		{"ldb small trans", func() { Dgemm(false, true, 2, 2, 3, 1, ok, 3, ok, 2, 0, ok, 2) }, "leading dimension of B"},
		{"ldc small", func() { Dgemm(false, false, 2, 3, 2, 1, ok, 2, ok, 3, 0, ok, 2) }, "leading dimension of C"},
		{"A short", func() { Dgemm(false, false, 4, 2, 4, 1, ok[:10], 4, ok, 2, 0, ok, 2) }, "A is 4×4 with stride 4 and needs 16 elements, got a slice of 10"},
		{"C short", func() { Dgemm(false, false, 4, 4, 2, 1, ok, 2, ok, 4, 0, ok[:15], 4) }, "C is 4×4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatalf("no panic, want one mentioning %q", c.want)
				}
				if msg := fmt.Sprint(r); !strings.Contains(msg, c.want) {
					t.Fatalf("panic %q does not mention %q", msg, c.want)
				}
			}()
			c.call()
		})
	}
}

func TestImplementation(t *testing.T) {
	name := Implementation()
	switch name {
	case "purego", "avx2-fma", "gonum", "asm-gemm", "openblas":
	default:
		t.Fatalf("Implementation() = %q", name)
	}
	t.Logf("active implementation: %s", name)
}
