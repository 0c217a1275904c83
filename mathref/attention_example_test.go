package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// Two queries, three keys, d_k = 2: each query has its own row of weights
// α_ij, a softmax over the keys of q_i·k_j/√2.
func ExampleScaledDotProductAttention() {
	q := mathref.Matrix([][]float64{{1, 0}, {0, 2}})
	k := mathref.Matrix([][]float64{{1, 0}, {0, 1}, {1, 1}})
	v := mathref.Matrix([][]float64{{10, 0}, {0, 10}, {5, 5}})
	a := mathref.ScaledDotProductAttention(q, k, v, mathref.AttnOpts{})
	fmt.Println(a.Scores.Text(4))
	fmt.Println(a.Weights.Text(4))
	fmt.Println(a.Output.Text(4))
	// Key 2 is padding: masked, it gets weight 0 and the others renormalise.
	m := mathref.ScaledDotProductAttention(q, k, v, mathref.AttnOpts{KeyPadding: []bool{false, false, true}})
	fmt.Println(m.Weights.Text(4))
	// Output:
	// [[0.7071 0.0000 0.7071]
	//  [0.0000 1.4142 1.4142]]
	// [[0.4011 0.1978 0.4011]
	//  [0.1084 0.4458 0.4458]]
	// [[6.0167 3.9833]
	//  [3.3129 6.6871]]
	// [[0.6698 0.3302 0.0000]
	//  [0.1956 0.8044 0.0000]]
}

// PyTorch's two boolean-mask conventions give the same result when one is
// the negation of the other: Attend (SDPA: true = takes part) and Block
// (MultiheadAttention: true = not allowed). Causal is the lower triangle.
func ExampleAttnOpts() {
	q := mathref.Matrix([][]float64{{1, 0}, {0, 1}, {1, 1}})
	v := mathref.Matrix([][]float64{{1}, {2}, {3}})
	attend := [][]bool{{true, false, false}, {true, true, false}, {true, true, true}}
	block := [][]bool{{false, true, true}, {false, false, true}, {false, false, false}}
	a := mathref.ScaledDotProductAttention(q, q, v, mathref.AttnOpts{Attend: attend})
	b := mathref.ScaledDotProductAttention(q, q, v, mathref.AttnOpts{Block: block})
	c := mathref.ScaledDotProductAttention(q, q, v, mathref.AttnOpts{Causal: true})
	fmt.Println(a.Weights.Text(4))
	fmt.Println(mathref.AllClose(a.Weights, b.Weights, 0, 0).OK, mathref.AllClose(a.Weights, c.Weights, 0, 0).OK)
	// Output:
	// [[1.0000 0.0000 0.0000]
	//  [0.3302 0.6698 0.0000]
	//  [0.2483 0.2483 0.5035]]
	// true true
}

// With identity projections and no biases, each of the two heads attends
// using one column of the input; Weights is their average.
func ExampleMultiheadAttention() {
	E := 2
	in := mathref.New(3*E, E) // [W_q; W_k; W_v] = [I; I; I]
	for b := 0; b < 3; b++ {
		for e := 0; e < E; e++ {
			in.Set(1, b*E+e, e)
		}
	}
	out := mathref.Matrix([][]float64{{1, 0}, {0, 1}})
	p := mathref.MHAWeights{InProjWeight: in, OutProjWeight: out}
	x := mathref.Matrix([][]float64{{1, 0}, {0, 1}, {2, 2}}) // (L = S = 3, E = 2)
	r := mathref.MultiheadAttention(x, x, x, p, 2, mathref.AttnOpts{})
	fmt.Println(r.HeadWeights.Text(4))
	fmt.Println(r.Weights.Text(4))
	fmt.Println(r.Output.Text(4))
	// Output:
	// [[[0.2447 0.0900 0.6652]
	//   [0.3333 0.3333 0.3333]
	//   [0.1173 0.0159 0.8668]]
	//
	//  [[0.3333 0.3333 0.3333]
	//   [0.0900 0.2447 0.6652]
	//   [0.0159 0.1173 0.8668]]]
	// [[0.2890 0.2117 0.4993]
	//  [0.2117 0.2890 0.4993]
	//  [0.0666 0.0666 0.8668]]
	// [[1.5752 1.0000]
	//  [1.0000 1.5752]
	//  [1.8509 1.8509]]
}

// Additive attention scores a key by v_aᵀ·tanh(W_q·q + W_k·k).
func ExampleAdditiveAttention() {
	p := mathref.AdditiveWeights{
		Wq: mathref.Matrix([][]float64{{1, 0}, {0, 1}}),
		Wk: mathref.Matrix([][]float64{{1, 0}, {0, 1}}),
		Va: []float64{1, -1},
	}
	q := mathref.Matrix([][]float64{{1, 0}})                   // one query
	k := mathref.Matrix([][]float64{{1, 0}, {0, 1}, {-1, -1}}) // three keys
	a := mathref.AdditiveAttention(q, k, k, p, mathref.AttnOpts{})
	fmt.Println(a.Scores.Text(4))
	fmt.Println(a.Weights.Text(4))
	fmt.Println(a.Output.Text(4))
	// Output:
	// [[0.9640 0.0000 0.7616]]
	// [[0.4549 0.1735 0.3716]]
	// [[ 0.0834 -0.1981]]
}
