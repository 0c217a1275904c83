package rnn

// DemoX is the short sequence the worked examples run on: T = 3 inputs of
// size I = 2.
func DemoX() [][]float64 { return [][]float64{{1, 2}, {0, 1}, {-1, 0.5}} }

// DemoRNN returns the small RNN of the worked examples (I = 2, H = 2):
// the same numbers as mathref's erratum demonstrations, both biases
// non-zero.
func DemoRNN() Weights {
	return Weights{
		WIH: [][]float64{{0.5, -0.5}, {0.25, 1}},
		WHH: [][]float64{{1, 0}, {0.5, -1}},
		BIH: []float64{0.1, 0},
		BHH: []float64{0.3, -0.2},
	}
}

// DemoLSTM returns the small LSTM of the worked examples (I = 2, H = 2):
// weight_ih (8, 2) and weight_hh (8, 2) with the blocks i, f, g, o, and a
// forget-gate bias of 1 so that the cell keeps most of its memory.
func DemoLSTM() Weights {
	return Weights{
		WIH: [][]float64{
			{0.5, 0.25}, {-0.5, 0.5}, // i
			{0.25, 0}, {0, -0.25}, // f
			{1, -0.5}, {0.5, 1}, // g
			{0.5, 0.5}, {-0.25, 0.25}, // o
		},
		WHH: [][]float64{
			{0.5, 0}, {0, 0.5}, // i
			{0.25, 0.25}, {0, 0.5}, // f
			{-0.5, 0.25}, {0.25, 0.5}, // g
			{0, 0.5}, {0.5, 0}, // o
		},
		BIH: []float64{0, 0, 1, 1, 0, 0, 0, 0},
		BHH: []float64{0, 0.25, 0, 0, 0, 0, 0.25, 0},
	}
}

// DemoGRU returns the small GRU of the worked examples (I = 2, H = 2):
// weight_ih (6, 2) and weight_hh (6, 2) with the blocks r, z, n, and
// b_hn ≠ 0, so that the reset gate's product shows its bias.
func DemoGRU() Weights {
	return Weights{
		WIH: [][]float64{
			{0.5, -0.25}, {0.25, 0.5}, // r
			{-0.5, 0.25}, {0.5, 0}, // z
			{1, 0.5}, {-0.5, 1}, // n
		},
		WHH: [][]float64{
			{0.5, 0}, {0, 0.5}, // r
			{0.25, 0}, {0, 0.25}, // z
			{1, -0.5}, {0.5, 0.5}, // n
		},
		BIH: []float64{0, 0, 0, 0, 0.1, 0},
		BHH: []float64{0, 0, 0.5, 0, 0.2, -0.1},
	}
}
