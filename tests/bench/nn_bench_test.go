package bench

import (
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/nn"
)

// A workload builds its inputs once and returns the step to time. The
// names and shapes match nn_torch.py, which times the same steps in
// PyTorch.
type workload struct {
	name  string
	setup func(rng *rand.Rand) func()
}

func randT(rng *rand.Rand, shape ...int) *nn.Tensor {
	t := nn.New(shape...)
	for i := range t.Data {
		t.Data[i] = 2*rng.Float64() - 1
	}
	return t
}

func forward(l interface{ Forward(*nn.Tensor) *nn.Tensor }, x *nn.Tensor) func() {
	return func() { l.Forward(x) }
}

var workloads = []workload{
	{"conv_3to32_b1", func(r *rand.Rand) func() {
		return forward(nn.NewConv2d(3, 32, 3, nn.Padding(1)), randT(r, 1, 3, 32, 32))
	}},
	{"conv_3to32_b64", func(r *rand.Rand) func() {
		return forward(nn.NewConv2d(3, 32, 3, nn.Padding(1)), randT(r, 64, 3, 32, 32))
	}},
	{"conv_64to64_b64", func(r *rand.Rand) func() {
		return forward(nn.NewConv2d(64, 64, 3, nn.Padding(1)), randT(r, 64, 64, 16, 16))
	}},
	{"cnn_fwd", func(r *rand.Rand) func() {
		return forward(nn.SeedCNN(), randT(r, 64, 3, 24, 24))
	}},
	{"cnn_fwd_bwd", func(r *rand.Rand) func() {
		m, x := nn.SeedCNN(), randT(r, 64, 3, 24, 24)
		loss := nn.NewCrossEntropyLoss()
		targets := make([]int, 64)
		for i := range targets {
			targets[i] = r.IntN(10)
		}
		return func() {
			nn.ZeroGrad(m)
			loss.Forward(m.Forward(x), targets)
			m.Backward(loss.Backward())
		}
	}},
	{"lstm_b1", func(r *rand.Rand) func() {
		return forward(nn.NewLSTM(32, 128), randT(r, 50, 1, 32))
	}},
	{"lstm_b32", func(r *rand.Rand) func() {
		return forward(nn.NewLSTM(32, 128), randT(r, 50, 32, 32))
	}},
	{"sdpa_n64", sdpa(64)},
	{"sdpa_n256", sdpa(256)},
	{"sdpa_n1024", sdpa(1024)},
	{"mha_256x8_n256", func(r *rand.Rand) func() {
		m, x := nn.NewMultiheadAttention(256, 8), randT(r, 256, 1, 256)
		return func() { m.Forward(x, x, x) }
	}},
	{"softmax_1024x1024", func(r *rand.Rand) func() {
		return forward(nn.NewSoftmax(-1), randT(r, 1024, 1024))
	}},
	{"maxpool_b64", func(r *rand.Rand) func() {
		return forward(nn.NewMaxPool2d(2, nn.Stride(2)), randT(r, 64, 32, 24, 24))
	}},
	{"avgpool_b64", func(r *rand.Rand) func() {
		return forward(nn.NewAvgPool2d(2, nn.Stride(2)), randT(r, 64, 32, 24, 24))
	}},
}

func sdpa(n int) func(*rand.Rand) func() {
	return func(r *rand.Rand) func() {
		a, q, k, v := nn.NewSDPA(), randT(r, 1, n, 64), randT(r, 1, n, 64), randT(r, 1, n, 64)
		return func() { a.Forward(q, k, v) }
	}
}

// processCPU is the CPU time (user + system) of this process: on a shared
// machine steadier than wall time, since waiting for a core is not counted.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNN times each workload; besides ns/op (wall) it reports
// cpu-ns/op. Run one thread: GOMAXPROCS=1 (nn.sh does).
func BenchmarkNN(b *testing.B) {
	for _, w := range workloads {
		b.Run(w.name, func(b *testing.B) {
			step := w.setup(rand.New(rand.NewPCG(1, 2)))
			step() // warm up buffers
			b.ResetTimer()
			start := processCPU()
			for b.Loop() {
				step()
			}
			b.ReportMetric(float64((processCPU()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
