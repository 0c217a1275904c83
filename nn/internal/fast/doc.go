// Package fast holds the numeric kernels that dominate nn's running time: a
// matrix product (Dgemm) and an element-wise exponential (Exp, with Sigmoid,
// Tanh, Softmax and LogSoftmax built on it).
//
// Everything is pure Go: the default build needs no C toolchain. On amd64
// CPUs that have AVX2 and FMA (checked with CPUID at start-up) the inner
// loops run in Go assembly. Elsewhere a portable path computes the same
// results within the tolerances stated on each function: gonum's Dgemm on
// older amd64 CPUs, a blocked Go kernel on other architectures, and the
// math package's Exp and Tanh. The environment variable STEPWISE_FAST
// selects a route by name for measurement (see Implementation).
//
// Dgemm follows the row-major BLAS convention used by gonum's blas64:
//
//	C = alpha·op(A)·op(B) + beta·C,  op(X) = X or Xᵀ,
//
// where op(A) is m×k, op(B) is k×n and C is m×n, each stored row-major with
// a leading dimension (row stride). It packs A and B into cache-sized panels
// (blocking MC×KC for A, KC×NC for B) and runs a register-blocked micro-kernel
// over MR×NR tiles of C (6×8 doubles with AVX2/FMA; 4×4 in the Go path,
// 2×4 on 16-register machines).
// Matrix-vector shapes (m = 1 or n = 1) skip packing.
//
// Exp, Sigmoid, Tanh, Softmax and LogSoftmax work on slices. Exp evaluates a
// degree-13 polynomial after reducing the argument by multiples of ln 2,
// four lanes at a time, writes 0 where the result underflows to zero, and
// falls back to math.Exp where it would overflow or be subnormal, and for
// NaN and +Inf.
//
// The package is internal to nn; its only callers are nn's gemm and exp
// routing functions.
package fast
