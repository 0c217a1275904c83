//go:build amd64 && !purego

package fast

// Implemented in kernel_amd64.s.

//go:noescape
func micro6x8(kc, rows int, a, b, c *float64, ldc int, alpha, beta float64)

//go:noescape
func dotAVX2(x, y *float64, n int) float64

//go:noescape
func axpyAVX2(alpha float64, x, y *float64, n int)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasAVX2FMA reports whether the CPU has AVX2 and FMA and the operating
// system saves the YMM registers across context switches.
func hasAVX2FMA() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&6 != 6 { // XMM and YMM state enabled
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	const avx2 = 1 << 5
	return ebx7&avx2 != 0
}

//go:noescape
func expAVX2(dst, x *float64, n int) int

//go:noescape
func expshiftAVX2(dst, x *float64, n int, m float64) (done int, sum float64)

//go:noescape
func maxAVX2(x *float64, n int) (m float64, nan bool)

//go:noescape
func scaleAVX2(x *float64, n int, a float64)

//go:noescape
func sigmoidAVX2(dst, x *float64, n int) int

//go:noescape
func tanhAVX2(dst, x *float64, n int) int

//go:noescape
func packA6N(dst, a *float64, lda, kc int)

//go:noescape
func packA6T(dst, a *float64, lda, kc int)

//go:noescape
func packB8N(dst, b *float64, ldb, kc int)

//go:noescape
func packB8T(dst, b *float64, ldb, kc int)

// packPanelA6 packs one full six-row panel of op(A) whose first element is
// a[off] (see packA).
func packPanelA6(trans bool, dst, a []float64, off, lda, kc int) {
	_ = dst[6*kc-1]
	if trans {
		_ = a[off+(kc-1)*lda+5]
		packA6T(&dst[0], &a[off], lda, kc)
		return
	}
	_ = a[off+5*lda+kc-1]
	packA6N(&dst[0], &a[off], lda, kc)
}

// packPanelB8 packs one full eight-column panel of op(B) whose first
// element is b[off] (see packB).
func packPanelB8(trans bool, dst, b []float64, off, ldb, kc int) {
	_ = dst[8*kc-1]
	if trans {
		_ = b[off+7*ldb+kc-1]
		packB8T(&dst[0], &b[off], ldb, kc)
		return
	}
	_ = b[off+(kc-1)*ldb+7]
	packB8N(&dst[0], &b[off], ldb, kc)
}

var avx2Kernel = &kernel{
	name: "avx2-fma", mr: 6, nr: 8,
	micro: microAVX2, dot: dotAVX2Slice, axpy: axpyAVX2Slice,
	packPanelA: packPanelA6, packPanelB: packPanelB8,
	vexp: expAVX2, vsigmoid: sigmoidAVX2, vtanh: tanhAVX2,
	vexpshift: expshiftAVX2, vmax: maxAVX2, vscale: scaleAVX2,
}

func asmKernel() *kernel {
	if !hasAVX2FMA() {
		return nil
	}
	return avx2Kernel
}

func microAVX2(kc, rows int, a, b, c []float64, ldc int, alpha, beta float64) {
	if rows < 1 || rows > 6 {
		panic("fast: micro-kernel row count out of range")
	}
	_ = a[6*kc-1]
	_ = b[8*kc-1]
	_ = c[(rows-1)*ldc+7]
	micro6x8(kc, rows, &a[0], &b[0], &c[0], ldc, alpha, beta)
}

func dotAVX2Slice(x, y []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	_ = y[len(x)-1]
	return dotAVX2(&x[0], &y[0], len(x))
}

func axpyAVX2Slice(alpha float64, x, y []float64) {
	if len(x) == 0 {
		return
	}
	_ = y[len(x)-1]
	axpyAVX2(alpha, &x[0], &y[0], len(x))
}
