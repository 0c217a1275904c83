// Package fast holds the two numeric kernels that dominate nn's running
// time: a matrix product (Dgemm) and an element-wise exponential (Exp, with
// Sigmoid and Tanh built on it).
//
// Everything is pure Go: the default build needs no C toolchain. On amd64
// CPUs that have AVX2 and FMA (checked with CPUID at start-up) the inner
// loops run in Go assembly; everywhere else, or when the environment variable
// STEPWISE_FAST=purego is set, a portable Go path computes the same results
// within the tolerances stated on each function.
//
// Dgemm follows the row-major BLAS convention used by gonum's blas64:
//
//	C = alpha·op(A)·op(B) + beta·C,  op(X) = X or Xᵀ,
//
// where op(A) is m×k, op(B) is k×n and C is m×n, each stored row-major with
// a leading dimension (row stride). It packs A and B into cache-sized panels
// (blocking MC×KC for A, KC×NC for B) and runs a register-blocked micro-kernel
// over MR×NR tiles of C (6×8 doubles with AVX2/FMA; 4×4 in the Go path).
// Matrix-vector shapes (m = 1 or n = 1) skip packing.
//
// Exp, Sigmoid and Tanh work on slices; Exp evaluates a degree-13 polynomial
// after reducing the argument by multiples of ln 2, four lanes at a time, and
// falls back to math.Exp for arguments whose result would overflow, underflow
// to a subnormal or zero, or is NaN.
//
// The package is internal to nn; its only callers are nn's gemm and exp
// routing functions.
package fast
