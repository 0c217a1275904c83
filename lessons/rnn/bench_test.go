package rnn

import "testing"

// The walkthroughs run nn, mathref and the formatting on every call; the
// notebooks make a handful of them.
func BenchmarkWalkLSTM(b *testing.B) {
	for i := 0; i < b.N; i++ {
		WalkLSTM(DemoX(), DemoLSTM())
	}
}

// One training step of the parity task (batch 64, T = 12, H = 16);
// notebook 04 takes 500 of them twice.
func BenchmarkParityStep(b *testing.B) {
	for i := 0; i < b.N; i++ {
		TrainParity(ReadLengths, 16, 12, 1, 1)
	}
}

// One epoch of the character RNN (H = 24, 22 chunks of 64 characters);
// notebook 03 takes 300.
func BenchmarkCharEpoch(b *testing.B) {
	for i := 0; i < b.N; i++ {
		TrainCharRNN("", 24, 1, 1)
	}
}

// The gradient study of notebook 03 (16 units, 60 steps, 5 scales).
func BenchmarkGradients(b *testing.B) {
	text := Gettysburg()
	xs := OneHot(text[:60], Alphabet(text))
	for i := 0; i < b.N; i++ {
		Gradients(xs, 16, []float64{0.5, 0.9, 1, 1.5, 3})
	}
}
