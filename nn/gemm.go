package nn

import "github.com/stepwise-go/stepwise/nn/internal/fast"

// Backend names the inner loops nn's matrix products and exponentials run
// on: "avx2-fma" (Go assembly, amd64 CPUs with AVX2 and FMA), "gonum"
// (older amd64 CPUs) or "purego" (other architectures). Results agree to
// rounding across backends, not bit for bit.
func Backend() string { return fast.Implementation() }

// gemm computes C = alpha·op(A)·op(B) + beta·C over row-major slices, where
// op(A) is m×k, op(B) is k×n and C is m×n; lda, ldb and ldc are row
// strides. Every heavy matrix product in nn goes through this one function
// so that the implementation can be swapped in one place: it is
// nn/internal/fast's packed, cache-blocked Dgemm (AVX2/FMA assembly where
// the CPU has it, portable Go elsewhere), which follows BLAS: beta = 0
// overwrites C without reading it.
func gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	fast.Dgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// vexp sets dst[i] = exp(src[i]); dst and src may be the same slice. Every
// exponential in nn (softmax, sigmoid, log-sum-exp) goes through here.
// fast.Exp is vectorised and within 1 ulp of the exact result; arguments
// whose result overflows or is subnormal go to math.Exp.
func vexp(dst, src []float64) {
	fast.Exp(dst[:len(src)], src)
}

// vtanh sets dst[i] = tanh(src[i]); dst and src may be the same slice.
func vtanh(dst, src []float64) {
	fast.Tanh(dst[:len(src)], src)
}

// vsigmoid sets dst[i] = 1/(1+exp(−src[i])); dst and src may be the same.
func vsigmoid(dst, src []float64) {
	fast.Sigmoid(dst[:len(src)], src)
}

// vsoftmax writes the softmax (or, with logOut, the log-softmax) of the
// contiguous row src into dst (which may be src): exp(x − max) / Σ, or
// x − max − log Σ exp(x − max). A NaN anywhere, or a row that is all −Inf,
// gives NaN, as in PyTorch. It is fast.Softmax/LogSoftmax: vectorised max,
// exp and sum, and the division done as a multiplication by 1/Σ.
func vsoftmax(dst, src []float64, logOut bool) {
	if logOut {
		fast.LogSoftmax(dst[:len(src)], src)
		return
	}
	fast.Softmax(dst[:len(src)], src)
}
