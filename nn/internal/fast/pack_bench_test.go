package fast

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkPack measures the packing routines alone (a 96×144 block of A,
// a 144×288 block of B), with the assembly panel routines and with the Go
// loops.
func BenchmarkPack(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	const rows, cols = 288, 144
	src := randSlice(rng, rows*cols)
	dst := make([]float64, (rows+8)*(cols+8))
	asm := activeKernel
	if asm.mr != 6 || asm.nr != 8 {
		b.Skip("needs the 6×8 kernel")
	}
	goPack := *asm
	goPack.packPanelA, goPack.packPanelB = nil, nil
	for _, v := range []struct {
		name string
		kern *kernel
	}{{"asm", asm}, {"go", &goPack}} {
		kern := v.kern
		b.Run(v.name, func(b *testing.B) { benchPack(b, kern, src, dst, rows, cols) })
	}
}

func benchPack(b *testing.B, kern *kernel, src, dst []float64, rows, cols int) {
	for _, trans := range []bool{false, true} {
		b.Run(fmt.Sprintf("A_trans=%v", trans), func(b *testing.B) {
			// op(A) is mc×kc = 96×144 out of a 288×144 (or transposed) matrix.
			lda := cols
			if trans {
				lda = rows
			}
			t := startCPU()
			for b.Loop() {
				packA(kern, trans, src, lda, 0, 96, 0, 144, dst)
			}
			t.report(b, 0)
		})
		b.Run(fmt.Sprintf("B_trans=%v", trans), func(b *testing.B) {
			// op(B) is kc×nc = 144×288.
			ldb := rows
			if trans {
				ldb = cols
			}
			t := startCPU()
			for b.Loop() {
				packB(kern, trans, src, ldb, 0, 144, 0, 288, dst)
			}
			t.report(b, 0)
		})
	}
}
