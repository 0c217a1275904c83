package fast

import (
	"fmt"
	"sync"
)

// Cache blocking. A packed MC×KC block of A stays in L2 while the micro-kernel
// sweeps it against one KC×NR micro-panel of B that stays in L1; a packed
// KC×NC block of B stays in L3. The values suit the 32 KiB L1d / 512 KiB L2
// of the machines this was tuned on and are not critical elsewhere.
const (
	blockKC = 256
	blockMC = 96   // multiple of every MR used (6, 4 and 2)
	blockNC = 2048 // multiple of every NR used (8 and 4)
)

// gemmScratch holds the packing buffers between calls, so that a training
// loop does not allocate on every product.
type gemmScratch struct {
	a, b []float64
	tile []float64
}

var scratchPool = sync.Pool{New: func() any { return new(gemmScratch) }}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// Dgemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices,
// where op(A) is m×k (A itself if transA is false, else A is k×m and op(A)
// is its transpose), op(B) is k×n in the same way, and C is m×n. lda, ldb
// and ldc are the row strides of the stored A, B and C.
//
// As in BLAS, when beta is 0 the old contents of C are not read (NaN in C
// is overwritten), and when alpha is 0 or k is 0, A and B are not read.
//
// Results agree with a naive triple loop to within a relative error of
// about k·2⁻⁵³ per entry (the order of summation differs; FMA rounds once
// per multiply-add). Dgemm panics with a message naming the argument when a
// dimension is negative, a stride is too small or a slice too short.
func Dgemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	checkGemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		scaleMatrix(m, n, beta, c, ldc)
		return
	}
	if g := activeKernel.gemm; g != nil {
		g(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	switch {
	case n == 1:
		// y = op(A)·x with x the single column of op(B).
		x, xs := b, ldb
		if transB {
			xs = 1
		}
		gemv(transA, m, k, alpha, a, lda, x, xs, beta, c, ldc)
		return
	case m == 1:
		// yᵀ = xᵀ·op(B)  ⇔  y = op(B)ᵀ·x with x the single row of op(A).
		x, xs := a, 1
		if transA {
			xs = lda
		}
		gemv(!transB, n, k, alpha, b, ldb, x, xs, beta, c, 1)
		return
	}
	gemmBlocked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

func checkGemm(transA, transB bool, m, n, k int, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("fast: Dgemm: dimensions must be non-negative, got m=%d n=%d k=%d", m, n, k))
	}
	// Stored shapes.
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	checkMatrix("A", ar, ac, a, lda)
	checkMatrix("B", br, bc, b, ldb)
	checkMatrix("C", m, n, c, ldc)
}

func checkMatrix(name string, r, cols int, s []float64, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("fast: Dgemm: leading dimension of %s must be at least max(1, %d columns), got %d", name, cols, ld))
	}
	if r == 0 || cols == 0 {
		return
	}
	if need := (r-1)*ld + cols; len(s) < need {
		panic(fmt.Sprintf("fast: Dgemm: %s is %d×%d with stride %d and needs %d elements, got a slice of %d", name, r, cols, ld, need, len(s)))
	}
}

// scaleMatrix sets C = beta·C, writing zeros without reading C when beta is 0.
func scaleMatrix(m, n int, beta float64, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// gemv computes y = alpha·op(A)·x + beta·y, op(A) being r×k: A is r×k when
// trans is false, k×r when it is true. x has stride incx, y stride incy.
func gemv(trans bool, r, k int, alpha float64, a []float64, lda int, x []float64, incx int, beta float64, y []float64, incy int) {
	s := scratchPool.Get().(*gemmScratch)
	defer scratchPool.Put(s)
	if incx != 1 {
		s.b = grow(s.b, k)
		for p := range k {
			s.b[p] = x[p*incx]
		}
		x = s.b
	}
	x = x[:k]
	if !trans {
		// One dot product per output.
		for i := range r {
			d := alpha * dot(a[i*lda:i*lda+k], x)
			yi := &y[i*incy]
			switch beta {
			case 0:
				*yi = d
			case 1:
				*yi += d
			default:
				*yi = beta**yi + d
			}
		}
		return
	}
	// y += alpha·x[p]·(row p of A), accumulated in a contiguous buffer.
	yy := y
	if incy != 1 {
		s.a = grow(s.a, r)
		yy = s.a
		clear(yy)
	} else {
		yy = y[:r]
		scaleVector(beta, yy)
	}
	for p := range k {
		if xp := alpha * x[p]; xp != 0 {
			axpy(xp, a[p*lda:p*lda+r], yy)
		}
	}
	if incy != 1 {
		for i := range r {
			yi := &y[i*incy]
			switch beta {
			case 0:
				*yi = yy[i]
			case 1:
				*yi += yy[i]
			default:
				*yi = beta**yi + yy[i]
			}
		}
	}
}

func scaleVector(beta float64, y []float64) {
	switch beta {
	case 1:
	case 0:
		clear(y)
	default:
		for i := range y {
			y[i] *= beta
		}
	}
}

// gemmBlocked is the packed, cache-blocked product (m, n ≥ 2, k ≥ 1).
func gemmBlocked(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	kern := activeKernel
	mr, nr := kern.mr, kern.nr
	s := scratchPool.Get().(*gemmScratch)
	defer scratchPool.Put(s)

	kcMax := min(blockKC, k)
	ncMax := min(blockNC, roundUp(n, nr))
	mcMax := min(blockMC, roundUp(m, mr))
	s.a = grow(s.a, mcMax*kcMax)
	s.b = grow(s.b, ncMax*kcMax)
	s.tile = grow(s.tile, mr*nr)

	for jc := 0; jc < n; jc += blockNC {
		nc := min(blockNC, n-jc)
		for pc := 0; pc < k; pc += blockKC {
			kc := min(blockKC, k-pc)
			packB(kern, transB, b, ldb, pc, kc, jc, nc, s.b)
			bet := beta
			if pc > 0 {
				bet = 1
			}
			for ic := 0; ic < m; ic += blockMC {
				mc := min(blockMC, m-ic)
				packA(kern, transA, a, lda, ic, mc, pc, kc, s.a)
				macroKernel(kern, mc, nc, kc, alpha, s.a, s.b, bet, c[ic*ldc+jc:], ldc, s.tile)
			}
		}
	}
}

func roundUp(x, m int) int { return (x + m - 1) / m * m }

// macroKernel multiplies a packed mc×kc block of A by a packed kc×nc block of
// B into C (which starts at the block's top-left corner).
func macroKernel(kern *kernel, mc, nc, kc int, alpha float64, ap, bp []float64, beta float64, c []float64, ldc int, tile []float64) {
	mr, nr := kern.mr, kern.nr
	for jr := 0; jr < nc; jr += nr {
		nrr := min(nr, nc-jr)
		bPanel := bp[jr*kc : jr*kc+nr*kc]
		for ir := 0; ir < mc; ir += mr {
			mrr := min(mr, mc-ir)
			aPanel := ap[ir*kc : ir*kc+mr*kc]
			if nrr == nr {
				kern.micro(kc, mrr, aPanel, bPanel, c[ir*ldc+jr:], ldc, alpha, beta)
				continue
			}
			// Right edge: compute the padded tile aside, then merge.
			kern.micro(kc, mr, aPanel, bPanel, tile, nr, alpha, 0)
			for i := range mrr {
				row := c[(ir+i)*ldc+jr : (ir+i)*ldc+jr+nrr]
				t := tile[i*nr : i*nr+nrr]
				switch beta {
				case 0:
					copy(row, t)
				case 1:
					for j := range row {
						row[j] += t[j]
					}
				default:
					for j := range row {
						row[j] = beta*row[j] + t[j]
					}
				}
			}
		}
	}
}

// packA copies the mc×kc block of op(A) at (i0, p0) into panels of mr rows:
// panel q holds rows q·mr … q·mr+mr-1, stored p-major (mr values per p),
// zero-padded past the last row.
func packA(kern *kernel, trans bool, a []float64, lda, i0, mc, p0, kc int, dst []float64) {
	mr := kern.mr
	d := 0
	for ir := 0; ir < mc; ir += mr {
		rows := min(mr, mc-ir)
		out := dst[d : d+mr*kc]
		switch {
		case rows == mr:
			off := (i0+ir)*lda + p0
			if trans {
				off = p0*lda + i0 + ir
			}
			kern.packPanelA(trans, out, a, off, lda, kc)
		case trans:
			// op(A)(i,p) = a[p*lda+i]: rows of the panel are contiguous.
			for p := range kc {
				off := (p0+p)*lda + i0 + ir
				o := out[p*mr : p*mr+mr]
				copy(o, a[off:off+rows])
				clear(o[rows:])
			}
		default:
			// op(A)(i,p) = a[i*lda+p]: gather across rows.
			for ii := range mr {
				if ii >= rows {
					for p := range kc {
						out[p*mr+ii] = 0
					}
					continue
				}
				src := a[(i0+ir+ii)*lda+p0 : (i0+ir+ii)*lda+p0+kc]
				for p, v := range src {
					out[p*mr+ii] = v
				}
			}
		}
		d += mr * kc
	}
}

// packB copies the kc×nc block of op(B) at (p0, j0) into panels of nr
// columns: panel q holds columns q·nr … q·nr+nr-1, stored p-major (nr values
// per p), zero-padded past the last column.
func packB(kern *kernel, trans bool, b []float64, ldb, p0, kc, j0, nc int, dst []float64) {
	nr := kern.nr
	d := 0
	for jr := 0; jr < nc; jr += nr {
		cols := min(nr, nc-jr)
		out := dst[d : d+nr*kc]
		switch {
		case cols == nr:
			off := p0*ldb + j0 + jr
			if trans {
				off = (j0+jr)*ldb + p0
			}
			kern.packPanelB(trans, out, b, off, ldb, kc)
		case !trans:
			// op(B)(p,j) = b[p*ldb+j]: each p contributes a contiguous run.
			for p := range kc {
				off := (p0+p)*ldb + j0 + jr
				o := out[p*nr : p*nr+nr]
				copy(o, b[off:off+cols])
				clear(o[cols:])
			}
		default:
			// op(B)(p,j) = b[j*ldb+p]: gather across columns.
			for jj := range nr {
				if jj >= cols {
					for p := range kc {
						out[p*nr+jj] = 0
					}
					continue
				}
				src := b[(j0+jr+jj)*ldb+p0 : (j0+jr+jj)*ldb+p0+kc]
				for p, v := range src {
					out[p*nr+jj] = v
				}
			}
		}
		d += nr * kc
	}
}

// Portable full-panel packing, for the Go kernel's widths (2 and 4).

// packPanelAGo packs a full panel of op(A) for the Go kernel.
func packPanelAGo(trans bool, dst, a []float64, off, lda, kc int) {
	mr := len(dst) / kc
	if trans {
		packContig(mr, dst, a, off, lda, kc)
	} else {
		packInterleave(mr, dst, a, off, lda, kc)
	}
}

// packPanelBGo packs a full panel of op(B) for the Go kernel.
func packPanelBGo(trans bool, dst, b []float64, off, ldb, kc int) {
	nr := len(dst) / kc
	if trans {
		packInterleave(nr, dst, b, off, ldb, kc)
	} else {
		packContig(nr, dst, b, off, ldb, kc)
	}
}

// packContig sets dst[p·w + i] = src[off + p·ld + i] (i < w, p < kc).
func packContig(w int, dst, src []float64, off, ld, kc int) {
	switch w {
	case 4:
		for p := range kc {
			*(*[4]float64)(dst[4*p:]) = *(*[4]float64)(src[off+p*ld:])
		}
	case 2:
		for p := range kc {
			*(*[2]float64)(dst[2*p:]) = *(*[2]float64)(src[off+p*ld:])
		}
	default:
		for p := range kc {
			copy(dst[w*p:w*p+w], src[off+p*ld:])
		}
	}
}

// packInterleave sets dst[p·w + i] = src[off + i·ld + p] (i < w, p < kc).
func packInterleave(w int, dst, src []float64, off, ld, kc int) {
	switch w {
	case 4:
		r0 := src[off : off+kc]
		r1 := src[off+ld : off+ld+kc]
		r2 := src[off+2*ld : off+2*ld+kc]
		r3 := src[off+3*ld : off+3*ld+kc]
		for p := range r0 {
			o := (*[4]float64)(dst[4*p:])
			o[0], o[1], o[2], o[3] = r0[p], r1[p], r2[p], r3[p]
		}
	case 2:
		r0 := src[off : off+kc]
		r1 := src[off+ld : off+ld+kc]
		for p := range r0 {
			o := (*[2]float64)(dst[2*p:])
			o[0], o[1] = r0[p], r1[p]
		}
	default:
		for i := range w {
			for p, v := range src[off+i*ld : off+i*ld+kc] {
				dst[p*w+i] = v
			}
		}
	}
}
