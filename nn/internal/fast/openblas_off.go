//go:build !openblas || !cgo

package fast

// newOpenBLASKernel returns nil: the OpenBLAS route needs -tags openblas.
func newOpenBLASKernel() *kernel { return nil }
