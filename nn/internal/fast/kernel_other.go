//go:build !amd64 || purego

package fast

func asmKernel() *kernel { return nil }
