//go:build openblas && cgo

package fast

import "github.com/stepwise-go/stepwise/nn/internal/fast/cblas"

// newOpenBLASKernel returns the OpenBLAS route: OpenBLAS's dgemm with the
// default kernel's element-wise loops.
func newOpenBLASKernel() *kernel {
	base := asmKernel()
	if base == nil {
		base = goKernel
	}
	k := *base
	k.name = "openblas"
	k.gemm = cblas.Dgemm
	return &k
}
