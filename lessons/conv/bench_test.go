package conv

import (
	"testing"

	"github.com/stepwise-go/stepwise/nn"
)

// BenchmarkTrain measures one training step of the seed's CNN on 64
// adapted MNIST digits (what notebook 02 runs 79 times). Report images/s
// with -benchtime and compare against the notebook's budget.
func BenchmarkTrain(b *testing.B) {
	train, test := MNIST()
	nn.ManualSeed(1)
	m := nn.SeedCNN()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Train(m, train, test.Head(100), TrainOpts{N: 64, Batch: 64, Points: -1})
	}
	b.ReportMetric(float64(64*b.N)/b.Elapsed().Seconds(), "images/s")
}

// BenchmarkWalkHTML measures rendering the lesson's padded, strided
// walkthrough (9 steps, inline SVG figures).
func BenchmarkWalkHTML(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = New(Lesson5x5, LessonKernel, Opts{Padding: 1, Stride: 2}).HTML()
	}
}
