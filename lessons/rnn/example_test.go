package rnn_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons/rnn"
)

// One RNN over three steps: the hidden states nn.RNN computes, checked
// against mathref.RNN.
func ExampleWalkRNN() {
	w := rnn.Weights{
		WIH: [][]float64{{0.5, -0.5}, {0.25, 1}},
		WHH: [][]float64{{1, 0}, {0.5, -1}},
		BIH: []float64{0.1, 0},
		BHH: []float64{0.3, -0.2},
	}
	r := rnn.WalkRNN([][]float64{{1, 2}, {0, 1}, {-1, 0.5}}, w)
	for t, h := range r.H {
		fmt.Printf("a_%d = [%.4f %.4f]  h_%d = tanh(a_%d) = [%.4f %.4f]\n", t+1, r.Pre[t][0], r.Pre[t][1], t+1, t+1, h[0], h[1])
	}
	fmt.Println("nn agrees with mathref:", r.Agree)
	// Output:
	// a_1 = [-0.1000 2.0500]  h_1 = tanh(a_1) = [-0.0997 0.9674]
	// a_2 = [-0.1997 -0.2172]  h_2 = tanh(a_2) = [-0.1971 -0.2139]
	// a_3 = [-0.5471 0.1653]  h_3 = tanh(a_3) = [-0.4983 0.1639]
	// nn agrees with mathref: true
}

// Every gate of the demo LSTM at step 2.
func ExampleWalkLSTM() {
	l := rnn.WalkLSTM(rnn.DemoX(), rnn.DemoLSTM())
	s := 1 // step t = 2
	fmt.Printf("i = %.3f  f = %.3f  g = %.3f  o = %.3f\n", l.I[s], l.F[s], l.G[s], l.O[s])
	fmt.Printf("c = f⊙c₁ + i⊙g = %.3f  h = o⊙tanh(c) = %.3f\n", l.C[s], l.H[s])
	// Output:
	// i = [0.562 0.714]  f = [0.747 0.714]  g = [-0.395 0.822]  o = [0.714 0.562]
	// c = f⊙c₁ + i⊙g = [-0.222 1.066]  h = o⊙tanh(c) = [-0.156 0.443]
}

// The demo GRU at step 2: the reset gate multiplies W_hn h + b_hn.
func ExampleWalkGRU() {
	g := rnn.WalkGRU(rnn.DemoX(), rnn.DemoGRU())
	s := 1
	fmt.Printf("r = %.3f  z = %.3f  W_hn h + b_hn = %.3f  n = %.3f  h = %.3f\n", g.R[s], g.Z[s], g.HN[s], g.N[s], g.H[s])
	// Output:
	// r = [0.484 0.661]  z = [0.699 0.521]  W_hn h + b_hn = [0.400 0.252]  n = [0.660 0.823]  h = [0.456 0.569]
}

// How far back the gradient reaches, for two scales of W_hh.
func ExampleGradients() {
	text := rnn.Gettysburg()
	xs := rnn.OneHot(text[:60], rnn.Alphabet(text))
	g := rnn.Gradients(xs, 16, []float64{0.5, 3})
	for k, s := range g.Scales {
		fmt.Printf("s = %g: ‖∂h_T/∂h_T‖ = %.1f, ‖∂h_T/∂h_{T-10}‖ = %.3g, factor per step %.2f\n",
			s, g.Norm(k, g.Steps), g.Norm(k, g.Steps-10), g.PerStep(k))
	}
	fmt.Println("nn backward = Jacobian product:", g.Agree)
	// Output:
	// s = 0.5: ‖∂h_T/∂h_T‖ = 4.0, ‖∂h_T/∂h_{T-10}‖ = 0.00191, factor per step 0.47
	// s = 3: ‖∂h_T/∂h_T‖ = 4.0, ‖∂h_T/∂h_{T-10}‖ = 361, factor per step 1.34
	// nn backward = Jacobian product: true
}

// The parity task's padded batch.
func ExampleParity() {
	d := rnn.Parity(3, 6, 1)
	for i := 0; i < d.Len(); i++ {
		fmt.Println(d.Tokens(i), "length", d.Lengths[i], "label", d.Labels[i])
	}
	// Output:
	// [0 1 0 · · ·] length 3 label 1
	// [1 1 1 0 0 1] length 6 label 0
	// [1 1 · · · ·] length 2 label 0
}
