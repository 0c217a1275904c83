package nn

import "testing"

// The workloads of issue 3 point 7, in float64 on one goroutine. Compare
// with PyTorch in the same run using the script that owns the comparison
// (see nn/internal/fast). Names are stable: scripts match them.

func benchLayer(b *testing.B, l Layer, shape ...int) {
	ManualSeed(1)
	x := Randn(shape...)
	l.Forward(x)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Forward(x)
	}
}

// BenchmarkConv2d: conv2d 3→32 3×3 pad 1 on 1×3×32×32 and 64×3×32×32, and
// 64→64 3×3 pad 1 at 16×16 with batch 64 (forward).
func BenchmarkConv2d(b *testing.B) {
	b.Run("3to32_B1_32x32", func(b *testing.B) { benchLayer(b, NewConv2d(3, 32, 3, Padding(1)), 1, 3, 32, 32) })
	b.Run("3to32_B64_32x32", func(b *testing.B) { benchLayer(b, NewConv2d(3, 32, 3, Padding(1)), 64, 3, 32, 32) })
	b.Run("64to64_B64_16x16", func(b *testing.B) { benchLayer(b, NewConv2d(64, 64, 3, Padding(1)), 64, 64, 16, 16) })
}

// BenchmarkConv2dBackward: the backward pass of the same convolutions.
func BenchmarkConv2dBackward(b *testing.B) {
	run := func(b *testing.B, l *Conv2d, shape ...int) {
		ManualSeed(1)
		y := l.Forward(Randn(shape...))
		g := Randn(y.Shape...)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			l.Backward(g)
		}
	}
	b.Run("3to32_B64_32x32", func(b *testing.B) { run(b, NewConv2d(3, 32, 3, Padding(1)), 64, 3, 32, 32) })
	b.Run("64to64_B64_16x16", func(b *testing.B) { run(b, NewConv2d(64, 64, 3, Padding(1)), 64, 64, 16, 16) })
}

// BenchmarkSeedCNN: the seed CNN on 64×3×24×24, forward and forward +
// cross-entropy + backward.
func BenchmarkSeedCNN(b *testing.B) {
	b.Run("forward_B64", func(b *testing.B) { benchLayer(b, SeedCNN(), 64, 3, 24, 24) })
	b.Run("forward_backward_B64", func(b *testing.B) {
		ManualSeed(1)
		m, x := SeedCNN(), Randn(64, 3, 24, 24)
		target := make([]int, 64)
		for i := range target {
			target[i] = i % 10
		}
		ce := NewCrossEntropyLoss()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			ce.Forward(m.Forward(x), target)
			m.Backward(ce.Backward())
		}
	})
}

// BenchmarkLSTM: LSTM input 32, hidden 128, 50 steps, batch 1 and 32
// (forward).
func BenchmarkLSTM(b *testing.B) {
	b.Run("I32_H128_T50_B1", func(b *testing.B) { benchLayer(b, NewLSTM(32, 128), 50, 1, 32) })
	b.Run("I32_H128_T50_B32", func(b *testing.B) { benchLayer(b, NewLSTM(32, 128), 50, 32, 32) })
}

// BenchmarkLSTMBackward: the same LSTM's backward pass, batch 32.
func BenchmarkLSTMBackward(b *testing.B) {
	ManualSeed(1)
	l := NewLSTM(32, 128)
	y := l.Forward(Randn(50, 32, 32))
	g := Randn(y.Shape...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Backward(g)
	}
}

// BenchmarkSDPA: scaled dot-product attention with n queries and keys of
// dimension 64, one batch element.
func BenchmarkSDPA(b *testing.B) {
	for _, n := range []int{64, 256, 1024} {
		b.Run("n"+itoa(n)+"_d64", func(b *testing.B) {
			ManualSeed(1)
			q, k, v := Randn(1, n, 64), Randn(1, n, 64), Randn(1, n, 64)
			a := NewSDPA()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a.Forward(q, k, v)
			}
		})
	}
}

// BenchmarkMHA: multi-head self-attention, d_model 256, 8 heads, n = 256,
// batch 1.
func BenchmarkMHA(b *testing.B) {
	ManualSeed(1)
	m := NewMultiheadAttention(256, 8, BatchFirst())
	x := Randn(1, 256, 256)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Forward(x, x, x)
	}
}

// BenchmarkSoftmax: softmax over the last dimension of 1024×1024.
func BenchmarkSoftmax(b *testing.B) { benchLayer(b, NewSoftmax(-1), 1024, 1024) }

// BenchmarkPool: 2×2 stride-2 max and average pooling of 64×32×32×32.
func BenchmarkPool(b *testing.B) {
	b.Run("max_64x32x32x32", func(b *testing.B) { benchLayer(b, NewMaxPool2d(2), 64, 32, 32, 32) })
	b.Run("avg_64x32x32x32", func(b *testing.B) { benchLayer(b, NewAvgPool2d(2), 64, 32, 32, 32) })
}
