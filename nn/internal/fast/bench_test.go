package fast

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemmShapes are the sizes the benchmarks report GFLOP/s for: squares, and
// the products nn's layers produce (conv im2col, LSTM gates, attention).
var gemmShapes = []struct {
	name    string
	tA, tB  bool
	m, n, k int
}{
	{"sq64", false, false, 64, 64, 64},
	{"sq128", false, false, 128, 128, 128},
	{"sq256", false, false, 256, 256, 256},
	{"sq512", false, false, 512, 512, 512},
	{"sq1024", false, false, 1024, 1024, 1024},
	{"conv3to32_32x27x1024", false, false, 32, 1024, 27},
	{"conv64to64_64x576x256", false, false, 64, 256, 576},
	{"conv3to32_batched_32x27x65536", false, false, 32, 65536, 27},
	{"linear_64x2304x128_T", false, true, 64, 128, 2304},
	{"lstm_32x128x512_T", false, true, 32, 512, 128},
	{"lstm_1x128x512_T", false, true, 1, 512, 128},
	{"attnQK_1024x64x1024_T", false, true, 1024, 1024, 64},
	{"attnPV_1024x1024x64", false, false, 1024, 64, 1024},
	{"cnn_conv1_fwd_32x576x27", false, false, 32, 576, 27},
	{"cnn_conv2_fwd_64x144x288", false, false, 64, 144, 288},
	{"cnn_conv1_dW_32x27x576_T", false, true, 32, 27, 576},
	{"cnn_conv1_dX_T27x576x32", true, false, 27, 576, 32},
	{"cnn_conv2_dW_64x288x144_T", false, true, 64, 288, 144},
	{"cnn_conv2_dX_T288x144x64", true, false, 288, 144, 64},
	{"cnn_fc1_dW_T128x2304x64", true, false, 128, 2304, 64},
	{"cnn_fc1_dX_64x2304x128", false, false, 64, 2304, 128},
	{"sq256_TN", true, false, 256, 256, 256},
	{"sq256_TT", true, true, 256, 256, 256},
}

func benchGemm(b *testing.B, f func(tA, tB bool, m, n, k int, a []float64, lda int, bb []float64, ldb int, c []float64, ldc int), tA, tB bool, m, n, k int) {
	rng := rand.New(rand.NewPCG(1, 1))
	a := randSlice(rng, m*k)
	bb := randSlice(rng, k*n)
	c := randSlice(rng, m*n)
	lda, ldb := k, n
	if tA {
		lda = m
	}
	if tB {
		ldb = k
	}
	f(tA, tB, m, n, k, a, lda, bb, ldb, c, n) // warm the scratch buffers
	b.ResetTimer()
	t := startCPU()
	for b.Loop() {
		f(tA, tB, m, n, k, a, lda, bb, ldb, c, n)
	}
	t.report(b, 2*float64(m)*float64(n)*float64(k))
}

func fastGemm(tA, tB bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	Dgemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, ldc)
}

func gonumGemm(tA, tB bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	ta, tb := blas.NoTrans, blas.NoTrans
	if tA {
		ta = blas.Trans
	}
	if tB {
		tb = blas.Trans
	}
	blas64.Implementation().Dgemm(ta, tb, m, n, k, 1, a, lda, b, ldb, 0, c, ldc)
}

// BenchmarkDgemm reports GFLOP/s (on process CPU time) of each implementation (the assembly
// kernel, the portable Go kernel, and gonum's pure-Go Dgemm for reference).
// Run single-threaded: GOMAXPROCS=1 go test -bench Dgemm ./nn/internal/fast.
func BenchmarkDgemm(b *testing.B) {
	for _, s := range gemmShapes {
		for _, kern := range kernels() {
			b.Run(fmt.Sprintf("%s/%s", s.name, kern.name), func(b *testing.B) {
				withKernel(kern, func() { benchGemm(b, fastGemm, s.tA, s.tB, s.m, s.n, s.k) })
			})
		}
		b.Run(fmt.Sprintf("%s/gonum", s.name), func(b *testing.B) {
			benchGemm(b, gonumGemm, s.tA, s.tB, s.m, s.n, s.k)
		})
		if openblasKernel != nil {
			b.Run(fmt.Sprintf("%s/openblas", s.name), func(b *testing.B) {
				withKernel(openblasKernel, func() { benchGemm(b, fastGemm, s.tA, s.tB, s.m, s.n, s.k) })
			})
		}
	}
}

// softmaxRows is Softmax over each 1024-long row of a 1024×1024 matrix.
func softmaxRows(dst, x []float64) {
	for r := 0; r+1024 <= len(x); r += 1024 {
		Softmax(dst[r:r+1024], x[r:r+1024])
	}
}

// BenchmarkVec reports ns per element of Exp, Sigmoid, Tanh and row-wise
// Softmax on a 1024×1024 matrix, against the portable path (the math
// package's scalar loop).
func BenchmarkVec(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(2, 2))
	x := make([]float64, n)
	for i := range x {
		x[i] = 20*rng.Float64() - 10
	}
	dst := make([]float64, n)
	funcs := []struct {
		name string
		f    func(dst, x []float64)
	}{{"Exp", Exp}, {"Sigmoid", Sigmoid}, {"Tanh", Tanh}, {"Softmax", softmaxRows}}
	for _, f := range funcs {
		for _, kern := range kernels() {
			b.Run(f.name+"/"+kern.name, func(b *testing.B) {
				withKernel(kern, func() {
					t := startCPU()
					for b.Loop() {
						f.f(dst, x)
					}
					t.report(b, 0)
				})
			})
		}
	}
}
