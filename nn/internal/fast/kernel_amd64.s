//go:build amd64 && !purego

#include "textflag.h"

// One step of the 6×8 micro-kernel: B row (8 doubles) in Y0:Y1, the six A
// values broadcast in turn through Y2/Y3, accumulators Y4…Y15 (row i in
// Y(4+2i) for columns 0–3 and Y(5+2i) for columns 4–7).
#define STEP(aoff, boff) \
	VMOVUPD      boff(DI), Y0        \
	VMOVUPD      boff+32(DI), Y1     \
	VBROADCASTSD aoff(SI), Y2        \
	VBROADCASTSD aoff+8(SI), Y3      \
	VFMADD231PD  Y0, Y2, Y4          \
	VFMADD231PD  Y1, Y2, Y5          \
	VFMADD231PD  Y0, Y3, Y6          \
	VFMADD231PD  Y1, Y3, Y7          \
	VBROADCASTSD aoff+16(SI), Y2     \
	VBROADCASTSD aoff+24(SI), Y3     \
	VFMADD231PD  Y0, Y2, Y8          \
	VFMADD231PD  Y1, Y2, Y9          \
	VFMADD231PD  Y0, Y3, Y10         \
	VFMADD231PD  Y1, Y3, Y11         \
	VBROADCASTSD aoff+32(SI), Y2     \
	VBROADCASTSD aoff+40(SI), Y3     \
	VFMADD231PD  Y0, Y2, Y12         \
	VFMADD231PD  Y1, Y2, Y13         \
	VFMADD231PD  Y0, Y3, Y14         \
	VFMADD231PD  Y1, Y3, Y15

// Row stores: overwrite, add, or beta·C + acc (beta in Y1).
#define ROW0(lo, hi) \
	VMOVUPD lo, (DX)      \
	VMOVUPD hi, 32(DX)    \
	ADDQ    R8, DX

#define ROW1(lo, hi) \
	VADDPD  (DX), lo, lo   \
	VADDPD  32(DX), hi, hi \
	VMOVUPD lo, (DX)       \
	VMOVUPD hi, 32(DX)     \
	ADDQ    R8, DX

#define ROWB(lo, hi) \
	VMOVUPD     (DX), Y0    \
	VFMADD231PD Y1, Y0, lo  \
	VMOVUPD     32(DX), Y0  \
	VFMADD231PD Y1, Y0, hi  \
	VMOVUPD     lo, (DX)    \
	VMOVUPD     hi, 32(DX)  \
	ADDQ        R8, DX

// func micro6x8(kc, rows int, a, b, c *float64, ldc int, alpha, beta float64)
//
// C[i, 0:8] (row stride ldc) = beta·C + alpha·Σ_p a[6p+i]·b[8p+j] for
// i < rows (1 ≤ rows ≤ 6); C is not read when beta is ±0.
TEXT ·micro6x8(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ rows+8(FP), R9
	MOVQ a+16(FP), SI
	MOVQ b+24(FP), DI
	MOVQ c+32(FP), DX
	MOVQ ldc+40(FP), R8
	SHLQ $3, R8

	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
	VXORPD Y14, Y14, Y14
	VXORPD Y15, Y15, Y15

	MOVQ CX, BX
	SHRQ $2, BX
	JZ   tail

loop4:
	PREFETCHT0 384(DI)
	STEP(0, 0)
	STEP(48, 64)
	PREFETCHT0 448(DI)
	STEP(96, 128)
	STEP(144, 192)
	ADDQ $192, SI
	ADDQ $256, DI
	DECQ BX
	JNZ  loop4

tail:
	ANDQ $3, CX
	JZ   done

loop1:
	STEP(0, 0)
	ADDQ $48, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  loop1

done:
	VBROADCASTSD alpha+48(FP), Y0
	VMULPD       Y0, Y4, Y4
	VMULPD       Y0, Y5, Y5
	VMULPD       Y0, Y6, Y6
	VMULPD       Y0, Y7, Y7
	VMULPD       Y0, Y8, Y8
	VMULPD       Y0, Y9, Y9
	VMULPD       Y0, Y10, Y10
	VMULPD       Y0, Y11, Y11
	VMULPD       Y0, Y12, Y12
	VMULPD       Y0, Y13, Y13
	VMULPD       Y0, Y14, Y14
	VMULPD       Y0, Y15, Y15

	MOVQ beta+56(FP), AX
	MOVQ $0x3FF0000000000000, BX
	CMPQ AX, BX
	JEQ  beta1
	SHLQ $1, AX             // drop the sign: +0 and -0 both mean "do not read C"
	JZ   beta0

	VBROADCASTSD beta+56(FP), Y1
	ROWB(Y4, Y5)
	DECQ R9
	JZ   betabend
	ROWB(Y6, Y7)
	DECQ R9
	JZ   betabend
	ROWB(Y8, Y9)
	DECQ R9
	JZ   betabend
	ROWB(Y10, Y11)
	DECQ R9
	JZ   betabend
	ROWB(Y12, Y13)
	DECQ R9
	JZ   betabend
	ROWB(Y14, Y15)

betabend:
	VZEROUPPER
	RET

beta1:
	ROW1(Y4, Y5)
	DECQ R9
	JZ   beta1end
	ROW1(Y6, Y7)
	DECQ R9
	JZ   beta1end
	ROW1(Y8, Y9)
	DECQ R9
	JZ   beta1end
	ROW1(Y10, Y11)
	DECQ R9
	JZ   beta1end
	ROW1(Y12, Y13)
	DECQ R9
	JZ   beta1end
	ROW1(Y14, Y15)

beta1end:
	VZEROUPPER
	RET

beta0:
	ROW0(Y4, Y5)
	DECQ R9
	JZ   beta0end
	ROW0(Y6, Y7)
	DECQ R9
	JZ   beta0end
	ROW0(Y8, Y9)
	DECQ R9
	JZ   beta0end
	ROW0(Y10, Y11)
	DECQ R9
	JZ   beta0end
	ROW0(Y12, Y13)
	DECQ R9
	JZ   beta0end
	ROW0(Y14, Y15)

beta0end:
	VZEROUPPER
	RET

// func dotAVX2(x, y *float64, n int) float64
TEXT ·dotAVX2(SB), NOSPLIT, $0-32
	MOVQ   x+0(FP), SI
	MOVQ   y+8(FP), DI
	MOVQ   n+16(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	MOVQ   CX, BX
	SHRQ   $4, BX
	JZ     dot4

dot16:
	VMOVUPD     (SI), Y4
	VMOVUPD     32(SI), Y5
	VMOVUPD     64(SI), Y6
	VMOVUPD     96(SI), Y7
	VFMADD231PD (DI), Y4, Y0
	VFMADD231PD 32(DI), Y5, Y1
	VFMADD231PD 64(DI), Y6, Y2
	VFMADD231PD 96(DI), Y7, Y3
	ADDQ        $128, SI
	ADDQ        $128, DI
	DECQ        BX
	JNZ         dot16

dot4:
	MOVQ CX, BX
	ANDQ $15, BX
	SHRQ $2, BX
	JZ   dotsum

dot4loop:
	VMOVUPD     (SI), Y4
	VFMADD231PD (DI), Y4, Y0
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        BX
	JNZ         dot4loop

dotsum:
	VADDPD       Y1, Y0, Y0
	VADDPD       Y3, Y2, Y2
	VADDPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD       X1, X0, X0
	VHADDPD      X0, X0, X0
	ANDQ         $3, CX
	JZ           dotdone

dot1:
	VMOVSD      (SI), X4
	VFMADD231SD (DI), X4, X0
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JNZ         dot1

dotdone:
	VZEROUPPER
	MOVSD X0, ret+24(FP)
	RET

// func axpyAVX2(alpha float64, x, y *float64, n int)
TEXT ·axpyAVX2(SB), NOSPLIT, $0-32
	VBROADCASTSD alpha+0(FP), Y15
	MOVQ         x+8(FP), SI
	MOVQ         y+16(FP), DI
	MOVQ         n+24(FP), CX
	MOVQ         CX, BX
	SHRQ         $4, BX
	JZ           axpy4

axpy16:
	VMOVUPD     (DI), Y0
	VMOVUPD     32(DI), Y1
	VMOVUPD     64(DI), Y2
	VMOVUPD     96(DI), Y3
	VFMADD231PD (SI), Y15, Y0
	VFMADD231PD 32(SI), Y15, Y1
	VFMADD231PD 64(SI), Y15, Y2
	VFMADD231PD 96(SI), Y15, Y3
	VMOVUPD     Y0, (DI)
	VMOVUPD     Y1, 32(DI)
	VMOVUPD     Y2, 64(DI)
	VMOVUPD     Y3, 96(DI)
	ADDQ        $128, SI
	ADDQ        $128, DI
	DECQ        BX
	JNZ         axpy16

axpy4:
	MOVQ CX, BX
	ANDQ $15, BX
	SHRQ $2, BX
	JZ   axpy1start

axpy4loop:
	VMOVUPD     (DI), Y0
	VFMADD231PD (SI), Y15, Y0
	VMOVUPD     Y0, (DI)
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        BX
	JNZ         axpy4loop

axpy1start:
	ANDQ $3, CX
	JZ   axpydone

axpy1:
	VMOVSD      (DI), X0
	VFMADD231SD (SI), X15, X0
	VMOVSD      X0, (DI)
	ADDQ        $8, SI
	ADDQ        $8, DI
	DECQ        CX
	JNZ         axpy1

axpydone:
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func maxAVX2(x *float64, n int) (m float64, nan bool)
//
// The largest of x[0:n] (n a positive multiple of 4) and whether any is NaN.
TEXT ·maxAVX2(SB), NOSPLIT, $0-25
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	VMOVUPD (SI), Y0
	VMOVAPD Y0, Y1
	VMOVAPD Y0, Y2
	VMOVAPD Y0, Y3
	VXORPD  Y4, Y4, Y4

max16:
	CMPQ    CX, $16
	JLT     max4
	VMOVUPD (SI), Y8
	VMOVUPD 32(SI), Y9
	VMOVUPD 64(SI), Y10
	VMOVUPD 96(SI), Y11
	VMAXPD  Y8, Y0, Y0
	VMAXPD  Y9, Y1, Y1
	VMAXPD  Y10, Y2, Y2
	VMAXPD  Y11, Y3, Y3
	VCMPPD  $3, Y9, Y8, Y12   // unordered: a NaN in either
	VCMPPD  $3, Y11, Y10, Y13
	VORPD   Y12, Y4, Y4
	VORPD   Y13, Y4, Y4
	ADDQ    $128, SI
	SUBQ    $16, CX
	JMP     max16

max4:
	CMPQ    CX, $4
	JLT     maxdone
	VMOVUPD (SI), Y8
	VMAXPD  Y8, Y0, Y0
	VCMPPD  $3, Y8, Y8, Y12
	VORPD   Y12, Y4, Y4
	ADDQ    $32, SI
	SUBQ    $4, CX
	JMP     max4

maxdone:
	VMAXPD       Y1, Y0, Y0
	VMAXPD       Y3, Y2, Y2
	VMAXPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VMAXPD       X1, X0, X0
	VUNPCKHPD    X0, X0, X1
	VMAXSD       X1, X0, X0
	VMOVMSKPD    Y4, AX
	TESTQ        AX, AX
	SETNE        BX
	VZEROUPPER
	MOVSD        X0, m+16(FP)
	MOVB         BX, nan+24(FP)
	RET

// func scaleAVX2(x *float64, n int, a float64)
//
// x[0:n] *= a for n a multiple of 4.
TEXT ·scaleAVX2(SB), NOSPLIT, $0-24
	MOVQ         x+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD a+16(FP), Y15

scale16:
	CMPQ    CX, $16
	JLT     scale4
	VMULPD  (SI), Y15, Y0
	VMULPD  32(SI), Y15, Y1
	VMULPD  64(SI), Y15, Y2
	VMULPD  96(SI), Y15, Y3
	VMOVUPD Y0, (SI)
	VMOVUPD Y1, 32(SI)
	VMOVUPD Y2, 64(SI)
	VMOVUPD Y3, 96(SI)
	ADDQ    $128, SI
	SUBQ    $16, CX
	JMP     scale16

scale4:
	CMPQ    CX, $4
	JLT     scaledone
	VMULPD  (SI), Y15, Y0
	VMOVUPD Y0, (SI)
	ADDQ    $32, SI
	SUBQ    $4, CX
	JMP     scale4

scaledone:
	VZEROUPPER
	RET
