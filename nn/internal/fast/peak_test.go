package fast

import "testing"

// BenchmarkMicroPeak runs the micro-kernel alone on L1-resident panels: the
// ceiling any blocking can reach.
func BenchmarkMicroPeak(b *testing.B) {
	for _, kern := range kernels() {
		b.Run(kern.name, func(b *testing.B) {
			kc := 128
			a := make([]float64, kern.mr*kc)
			bb := make([]float64, kern.nr*kc)
			c := make([]float64, kern.mr*kern.nr)
			t := startCPU()
			for b.Loop() {
				kern.micro(kc, kern.mr, a, bb, c, kern.nr, 1, 1)
			}
			t.report(b, 2*float64(kern.mr*kern.nr*kc))
		})
	}
}
