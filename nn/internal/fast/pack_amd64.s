//go:build amd64 && !purego

#include "textflag.h"

// Packing for the 6×8 kernel. Each routine fills one full panel; the Go
// code handles partial panels and zero padding.

// 4×4 transpose: rows r0…r3 (4 doubles each) into columns c0…c3, with
// t0…t3 as scratch. c_k[i] = r_i[k].
#define TRANSPOSE4(r0, r1, r2, r3, t0, t1, t2, t3, c0, c1, c2, c3) \
	VUNPCKLPD  r1, r0, t0    \
	VUNPCKHPD  r1, r0, t1    \
	VUNPCKLPD  r3, r2, t2    \
	VUNPCKHPD  r3, r2, t3    \
	VPERM2F128 $0x20, t2, t0, c0 \
	VPERM2F128 $0x20, t3, t1, c1 \
	VPERM2F128 $0x31, t2, t0, c2 \
	VPERM2F128 $0x31, t3, t1, c3

// func packA6N(dst, a *float64, lda, kc int)
//
// dst[6p+i] = a[i·lda+p] for i < 6, p < kc: six rows of A interleaved.
TEXT ·packA6N(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R8
	MOVQ kc+24(FP), CX
	SHLQ $3, R8
	LEAQ (SI)(R8*2), R9        // row 2
	LEAQ (R9)(R8*2), R10       // row 4

a6n4:
	CMPQ    CX, $4
	JLT     a6n1
	VMOVUPD (SI), Y0
	VMOVUPD (SI)(R8*1), Y1
	VMOVUPD (R9), Y2
	VMOVUPD (R9)(R8*1), Y3
	VMOVUPD (R10), Y4
	VMOVUPD (R10)(R8*1), Y5
	TRANSPOSE4(Y0, Y1, Y2, Y3, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13)
	VUNPCKLPD Y5, Y4, Y14      // [r4p0 r5p0 | r4p2 r5p2]
	VUNPCKHPD Y5, Y4, Y15      // [r4p1 r5p1 | r4p3 r5p3]
	VMOVUPD   Y10, 0(DI)
	VMOVUPD   X14, 32(DI)
	VMOVUPD   Y11, 48(DI)
	VMOVUPD   X15, 80(DI)
	VMOVUPD   Y12, 96(DI)
	VEXTRACTF128 $1, Y14, 128(DI)
	VMOVUPD   Y13, 144(DI)
	VEXTRACTF128 $1, Y15, 176(DI)
	ADDQ      $32, SI
	ADDQ      $32, R9
	ADDQ      $32, R10
	ADDQ      $192, DI
	SUBQ      $4, CX
	JMP       a6n4

a6n1:
	TESTQ CX, CX
	JEQ   a6ndone
	MOVSD (SI), X0
	MOVSD (SI)(R8*1), X1
	MOVSD (R9), X2
	MOVSD (R9)(R8*1), X3
	MOVSD (R10), X4
	MOVSD (R10)(R8*1), X5
	MOVSD X0, 0(DI)
	MOVSD X1, 8(DI)
	MOVSD X2, 16(DI)
	MOVSD X3, 24(DI)
	MOVSD X4, 32(DI)
	MOVSD X5, 40(DI)
	ADDQ  $8, SI
	ADDQ  $8, R9
	ADDQ  $8, R10
	ADDQ  $48, DI
	DECQ  CX
	JMP   a6n1

a6ndone:
	VZEROUPPER
	RET

// func packA6T(dst, a *float64, lda, kc int)
//
// dst[6p+i] = a[p·lda+i] for i < 6, p < kc: six contiguous values per p.
TEXT ·packA6T(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R8
	MOVQ kc+24(FP), CX
	SHLQ $3, R8

a6t:
	TESTQ   CX, CX
	JEQ     a6tdone
	VMOVUPD (SI), Y0
	VMOVUPD 32(SI), X1
	VMOVUPD Y0, (DI)
	VMOVUPD X1, 32(DI)
	ADDQ    R8, SI
	ADDQ    $48, DI
	DECQ    CX
	JMP     a6t

a6tdone:
	VZEROUPPER
	RET

// func packB8N(dst, b *float64, ldb, kc int)
//
// dst[8p+j] = b[p·ldb+j] for j < 8, p < kc: eight contiguous values per p.
TEXT ·packB8N(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ b+8(FP), SI
	MOVQ ldb+16(FP), R8
	MOVQ kc+24(FP), CX
	SHLQ $3, R8

b8n:
	TESTQ   CX, CX
	JEQ     b8ndone
	VMOVUPD (SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	ADDQ    R8, SI
	ADDQ    $64, DI
	DECQ    CX
	JMP     b8n

b8ndone:
	VZEROUPPER
	RET

// func packB8T(dst, b *float64, ldb, kc int)
//
// dst[8p+j] = b[j·ldb+p] for j < 8, p < kc: eight rows of B interleaved.
TEXT ·packB8T(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ b+8(FP), SI
	MOVQ ldb+16(FP), R8
	MOVQ kc+24(FP), CX
	SHLQ $3, R8
	LEAQ (SI)(R8*4), R11       // row 4
	LEAQ (R8)(R8*2), R12       // 3·ldb

b8t4:
	CMPQ    CX, $4
	JLT     b8t1
	VMOVUPD (SI), Y0
	VMOVUPD (SI)(R8*1), Y1
	VMOVUPD (SI)(R8*2), Y2
	VMOVUPD (SI)(R12*1), Y3
	TRANSPOSE4(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11)
	VMOVUPD (R11), Y0
	VMOVUPD (R11)(R8*1), Y1
	VMOVUPD (R11)(R8*2), Y2
	VMOVUPD (R11)(R12*1), Y3
	TRANSPOSE4(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y12, Y13, Y14, Y15)
	VMOVUPD Y8, 0(DI)
	VMOVUPD Y12, 32(DI)
	VMOVUPD Y9, 64(DI)
	VMOVUPD Y13, 96(DI)
	VMOVUPD Y10, 128(DI)
	VMOVUPD Y14, 160(DI)
	VMOVUPD Y11, 192(DI)
	VMOVUPD Y15, 224(DI)
	ADDQ    $32, SI
	ADDQ    $32, R11
	ADDQ    $256, DI
	SUBQ    $4, CX
	JMP     b8t4

b8t1:
	TESTQ CX, CX
	JEQ   b8tdone
	MOVSD (SI), X0
	MOVSD (SI)(R8*1), X1
	MOVSD (SI)(R8*2), X2
	MOVSD (SI)(R12*1), X3
	MOVSD (R11), X4
	MOVSD (R11)(R8*1), X5
	MOVSD (R11)(R8*2), X6
	MOVSD (R11)(R12*1), X7
	MOVSD X0, 0(DI)
	MOVSD X1, 8(DI)
	MOVSD X2, 16(DI)
	MOVSD X3, 24(DI)
	MOVSD X4, 32(DI)
	MOVSD X5, 40(DI)
	MOVSD X6, 48(DI)
	MOVSD X7, 56(DI)
	ADDQ  $8, SI
	ADDQ  $8, R11
	ADDQ  $64, DI
	DECQ  CX
	JMP   b8t1

b8tdone:
	VZEROUPPER
	RET
