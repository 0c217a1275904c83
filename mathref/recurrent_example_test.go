package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// rnnWeights: input size 2, hidden size 2, both biases as PyTorch keeps them.
func rnnWeights() mathref.RecurrentWeights {
	return mathref.RecurrentWeights{
		WeightIH: mathref.Matrix([][]float64{{0.5, -0.5}, {0.25, 1}}),
		WeightHH: mathref.Matrix([][]float64{{1, 0}, {0.5, -1}}),
		BiasIH:   []float64{0.1, 0},
		BiasHH:   []float64{0, -0.1},
	}
}

// One step from h = 0: h' = tanh(W_ih·x + b_ih + W_hh·0 + b_hh); for unit 0,
// tanh(0.5·1 − 0.5·2 + 0.1 + 0) = tanh(−0.4).
func ExampleRNNCell() {
	x := mathref.Vector(1, 2)
	h1 := mathref.RNNCell(x, mathref.Tensor{}, rnnWeights(), "tanh")
	fmt.Println(h1.Text(4))
	fmt.Println(mathref.RNNCell(x, h1, rnnWeights(), "relu").Text(4))
	// Output:
	// [-0.3799  0.9732]
	// [0.0000 0.9868]
}

// The same weights at every step; Output holds every h_t and HN the last.
func ExampleRNN() {
	xs := mathref.Matrix([][]float64{{1, 2}, {0, 1}, {-1, 0}}) // (T=3, I=2)
	r := mathref.RNN(xs, mathref.Tensor{}, rnnWeights(), "tanh")
	fmt.Println(r.Output.Text(4))
	fmt.Println(r.HN.Text(4))
	// Output:
	// [[-0.3799  0.9732]
	//  [-0.6527 -0.2573]
	//  [-0.7828 -0.3961]]
	// [-0.7828 -0.3961]
}

// lstmWeights: input size 1, hidden size 1, so the four stacked rows are
// the gates i, f, g, o in PyTorch's order.
func lstmWeights() mathref.RecurrentWeights {
	return mathref.RecurrentWeights{
		WeightIH: mathref.FromData([]float64{1, 2, 0.5, -1}, 4, 1), // W_ii, W_if, W_ig, W_io
		WeightHH: mathref.FromData([]float64{0.5, 0.5, 1, 1}, 4, 1),
		BiasIH:   []float64{0, 1, 0, 0},
		BiasHH:   []float64{0, 0, 0, 0.5},
	}
}

// One LSTM step with every gate shown: from h = c = 0 and x = 1,
// i = σ(1), f = σ(2 + 1), g = tanh(0.5), o = σ(−1 + 0.5), c' = i·g,
// h' = o·tanh(c').
func ExampleLSTMCell() {
	st := mathref.LSTMCell(mathref.Vector(1), mathref.Tensor{}, mathref.Tensor{}, lstmWeights())
	fmt.Printf("i %.4f  f %.4f  g %.4f  o %.4f\n", st.I.Data[0], st.F.Data[0], st.G.Data[0], st.O.Data[0])
	fmt.Printf("c' %.4f  h' %.4f\n", st.C.Data[0], st.H.Data[0])
	// Output:
	// i 0.7311  f 0.9526  g 0.4621  o 0.3775
	// c' 0.3378  h' 0.1229
}

func ExampleLSTM() {
	xs := mathref.FromData([]float64{1, 0, -1}, 3, 1) // (T=3, I=1)
	r := mathref.LSTM(xs, mathref.Tensor{}, mathref.Tensor{}, lstmWeights())
	for t, st := range r.Steps {
		fmt.Printf("t=%d  f %.4f  c %.4f  h %.4f\n", t+1, st.F.Data[0], st.C.Data[0], st.H.Data[0])
	}
	fmt.Println(r.Output.Text(4), r.HN.Text(4), r.CN.Text(4))
	// Output:
	// t=1  f 0.9526  c 0.3378  h 0.1229
	// t=2  f 0.7430  c 0.3140  h 0.1979
	// t=3  f 0.2888  c 0.0060  h 0.0051
	// [[0.1229]
	//  [0.1979]
	//  [0.0051]] [0.0051] [0.0060]
}

// gruWeights: input size 1, hidden size 1, rows r, z, n in PyTorch's order.
func gruWeights() mathref.RecurrentWeights {
	return mathref.RecurrentWeights{
		WeightIH: mathref.FromData([]float64{1, -1, 2}, 3, 1), // W_ir, W_iz, W_in
		WeightHH: mathref.FromData([]float64{0.5, 0.5, 1}, 3, 1),
		BiasIH:   []float64{0, 0, 0},
		BiasHH:   []float64{0, 0, 0.5}, // b_hn sits inside r ⊙ (W_hn h + b_hn)
	}
}

// One GRU step from h = 0 and x = 1: r = σ(1), z = σ(−1),
// n = tanh(2 + r·(0 + 0.5)), h' = (1 − z)·n + z·0.
func ExampleGRUCell() {
	st := mathref.GRUCell(mathref.Vector(1), mathref.Tensor{}, gruWeights())
	fmt.Printf("r %.4f  z %.4f  n %.4f  h' %.4f\n", st.R.Data[0], st.Z.Data[0], st.N.Data[0], st.H.Data[0])
	// Output:
	// r 0.7311  z 0.2689  n 0.9825  h' 0.7183
}

func ExampleGRU() {
	xs := mathref.FromData([]float64{1, 0, -1}, 3, 1)
	r := mathref.GRU(xs, mathref.Tensor{}, gruWeights())
	for t, st := range r.Steps {
		fmt.Printf("t=%d  r %.4f  z %.4f  h %.4f\n", t+1, st.R.Data[0], st.Z.Data[0], st.H.Data[0])
	}
	// Output:
	// t=1  r 0.7311  z 0.2689  h 0.7183
	// t=2  r 0.5888  z 0.5888  h 0.6759
	// t=3  r 0.3403  z 0.7922  h 0.3439
}
