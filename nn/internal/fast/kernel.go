package fast

import (
	"fmt"
	"os"
	"runtime"
)

// kernel is one implementation of the inner loops.
type kernel struct {
	name   string
	mr, nr int
	// micro sets rows 0 … rows-1 (rows ≤ mr) of the mr×nr tile C (row
	// stride ldc) to beta·C + alpha·Σ_p a[p·mr+i]·b[p·nr+j], not reading C
	// when beta is 0.
	micro func(kc, rows int, a, b, c []float64, ldc int, alpha, beta float64)
	// packPanelA and packPanelB pack one full panel (mr rows of op(A), nr
	// columns of op(B)) whose first element is at off.
	packPanelA func(trans bool, dst, a []float64, off, lda, kc int)
	packPanelB func(trans bool, dst, b []float64, off, ldb, kc int)
	dot        func(x, y []float64) float64        // len(x) == len(y)
	axpy       func(alpha float64, x, y []float64) // y += alpha·x, len(x) == len(y)
	// gemm, when set, replaces the whole blocked product (routes kept for
	// measurement).
	gemm func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int)
	// Element-wise loops (see vecFunc); nil means the portable path.
	vexp, vsigmoid, vtanh vecFunc
	// vexpshift writes exp(x−m) and returns how many it wrote and their
	// sum (stopping like a vecFunc); vmax returns the maximum of n (a
	// positive multiple of 4) values and whether one is NaN; vscale
	// multiplies n (a multiple of 4) values by a. Nil: portable path.
	vexpshift func(dst, x *float64, n int, m float64) (int, float64)
	vmax      func(x *float64, n int) (float64, bool)
	vscale    func(x *float64, n int, a float64)
}

// goKernel is the portable implementation, used on every architecture
// without assembly. Its tile suits the register file: 4×4 (sixteen
// accumulators) where there are 32 floating-point registers, 2×4 on amd64,
// where sixteen accumulators would spill.
var goKernel = func() *kernel {
	k := &kernel{name: "purego", mr: 2, nr: 4, micro: microGo2x4, dot: dotGo, axpy: axpyGo,
		packPanelA: packPanelAGo, packPanelB: packPanelBGo}
	switch runtime.GOARCH {
	case "arm64", "ppc64", "ppc64le", "riscv64", "loong64", "mips64", "mips64le", "s390x":
		k.mr, k.micro = 4, microGo4x4
	}
	return k
}()

// gonumKernel hands whole products to gonum's pure-Go Dgemm and leaves the
// exponential to the math package: the baseline the other routes are
// measured against.
var gonumKernel = &kernel{name: "gonum", mr: 2, nr: 4, micro: microGo2x4, dot: dotGo, axpy: axpyGo,
	packPanelA: packPanelAGo, packPanelB: packPanelBGo, gemm: gonumDgemm}

// openblasKernel is the OpenBLAS route (cgo; for comparison only), nil
// unless the package is built with the openblas tag.
var openblasKernel = newOpenBLASKernel()

// activeKernel is the implementation in use, chosen once at start-up.
var activeKernel = chooseKernel(os.Getenv("STEPWISE_FAST"))

// chooseKernel picks the implementation named by the STEPWISE_FAST
// environment variable; the empty value means the fastest available: the
// assembly where the CPU has AVX2 and FMA, else gonum on amd64, else the
// portable Go kernel.
// The other values exist to measure what each route buys:
//
//	purego     blocked, packed Go GEMM; math.Exp
//	gonum      gonum's Dgemm; math.Exp
//	asm-gemm   assembly GEMM; math.Exp
//	openblas   OpenBLAS's dgemm through cgo (only with -tags openblas); assembly exp
func chooseKernel(env string) *kernel {
	asm := asmKernel()
	switch env {
	case "", "asm":
		if asm != nil {
			return asm
		}
		if runtime.GOARCH == "amd64" {
			// Without AVX2, gonum's SSE2 loops beat the Go kernel here
			// (4 against 3 GFLOP/s measured); elsewhere the Go kernel's
			// 4×4 tile with fused multiply-adds is the better one.
			return gonumKernel
		}
		return goKernel
	case "purego":
		return goKernel
	case "gonum":
		return gonumKernel
	case "asm-gemm":
		if asm != nil {
			k := *asm
			k.name = "asm-gemm"
			k.vexp, k.vsigmoid, k.vtanh = nil, nil, nil
			k.vexpshift, k.vmax, k.vscale = nil, nil, nil
			return &k
		}
	case "openblas":
		if openblasKernel != nil {
			return openblasKernel
		}
	}
	fmt.Fprintf(os.Stderr, "stepwise: STEPWISE_FAST=%q is not available here (known: purego, gonum, asm-gemm, openblas with -tags openblas); using the default\n", env)
	return chooseKernel("")
}

// Implementation names the inner loops in use: "avx2-fma" (Go assembly on
// amd64 CPUs with AVX2 and FMA), "gonum" (older amd64 CPUs), "purego"
// (other architectures), or a route chosen with STEPWISE_FAST for
// measurement ("purego", "gonum", "asm-gemm", "openblas").
func Implementation() string { return activeKernel.name }

func dot(x, y []float64) float64 { return activeKernel.dot(x, y) }

func axpy(alpha float64, x, y []float64) { activeKernel.axpy(alpha, x, y) }

func dotGo(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func axpyGo(alpha float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}

// microGo2x4 is the portable micro-kernel for machines with sixteen
// floating-point registers: eight accumulators and six operands.
func microGo2x4(kc, rows int, a, b, c []float64, ldc int, alpha, beta float64) {
	var c00, c01, c02, c03 float64
	var c10, c11, c12, c13 float64
	a = a[:2*kc]
	b = b[:4*kc]
	for p := 0; p < kc; p++ {
		aa := a[2*p : 2*p+2 : 2*p+2]
		bb := b[4*p : 4*p+4 : 4*p+4]
		b0, b1, b2, b3 := bb[0], bb[1], bb[2], bb[3]
		a0, a1 := aa[0], aa[1]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
	}
	store4(c[0:4], alpha, beta, c00, c01, c02, c03)
	if rows > 1 {
		store4(c[ldc:ldc+4], alpha, beta, c10, c11, c12, c13)
	}
}

// microGo4x4 is the portable micro-kernel: a 4×4 tile of C kept in sixteen
// local variables, which the compiler holds in registers.
func microGo4x4(kc, rows int, a, b, c []float64, ldc int, alpha, beta float64) {
	var c00, c01, c02, c03 float64
	var c10, c11, c12, c13 float64
	var c20, c21, c22, c23 float64
	var c30, c31, c32, c33 float64
	a = a[:4*kc]
	b = b[:4*kc]
	for p := 0; p < 4*kc; p += 4 {
		aa := a[p : p+4 : p+4]
		bb := b[p : p+4 : p+4]
		b0, b1, b2, b3 := bb[0], bb[1], bb[2], bb[3]
		a0 := aa[0]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		a1 := aa[1]
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		a2 := aa[2]
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		a3 := aa[3]
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
	}
	store4(c[0*ldc:0*ldc+4], alpha, beta, c00, c01, c02, c03)
	if rows > 1 {
		store4(c[1*ldc:1*ldc+4], alpha, beta, c10, c11, c12, c13)
	}
	if rows > 2 {
		store4(c[2*ldc:2*ldc+4], alpha, beta, c20, c21, c22, c23)
	}
	if rows > 3 {
		store4(c[3*ldc:3*ldc+4], alpha, beta, c30, c31, c32, c33)
	}
}

func store4(row []float64, alpha, beta, v0, v1, v2, v3 float64) {
	row = row[:4]
	if beta == 0 {
		row[0], row[1], row[2], row[3] = alpha*v0, alpha*v1, alpha*v2, alpha*v3
		return
	}
	row[0] = beta*row[0] + alpha*v0
	row[1] = beta*row[1] + alpha*v1
	row[2] = beta*row[2] + alpha*v2
	row[3] = beta*row[3] + alpha*v3
}
