package attention_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons/attention"
)

// The example sentence's weights: "drink" looks most at "milk".
func ExampleWalk() {
	ex := attention.Sentence()
	a := attention.Walk(ex.Tokens, ex.Q, ex.K, ex.V)
	for i, t := range a.Queries {
		fmt.Printf("%-5s %.3f\n", t, a.Weights[i])
	}
	fmt.Println(a.Agree)
	// Output:
	// cats  [0.175 0.475 0.175 0.175]
	// drink [0.295 0.109 0.109 0.487]
	// warm  [0.203 0.123 0.123 0.551]
	// milk  [0.157 0.259 0.427 0.157]
	// true
}

// A causal mask: query i sees keys j ≤ i.
func ExampleOptions_causal() {
	a := attention.Sentence().Walk(attention.Options{Causal: true})
	for _, row := range a.Weights {
		fmt.Printf("%.3f\n", row)
	}
	// Output:
	// [1.000 0.000 0.000 0.000]
	// [0.731 0.269 0.000 0.000]
	// [0.452 0.274 0.274 0.000]
	// [0.157 0.259 0.427 0.157]
}

// Softmax as written overflows for large scores; the stable one does not.
func ExampleSoftmaxSteps() {
	w := attention.SoftmaxSteps(1000, 999, 998)
	fmt.Println(w.Exp[0], w.Naive)
	fmt.Printf("m = %g, stable %.4f\n", w.Max, w.Weights)
	// Output:
	// +Inf [NaN NaN NaN]
	// m = 1000, stable [0.6652 0.2447 0.0900]
}

// The seed document's double softmax on the scores (4, 1, 0, −2).
func ExampleDoubleSoftmax() {
	fmt.Println(attention.DoubleSoftmax(4, 1, 0, -2).Markdown())
	// Output:
	// **Softmax once versus twice**
	//
	// | | $j = 0$ | $j = 1$ | $j = 2$ | $j = 3$ |
	// |---|---:|---:|---:|---:|
	// | scores $e_j$ (logits) | $4$ | $1$ | $0$ | $-2$ |
	// | ✓ softmax once (right) | $0.934$ | $0.047$ | $0.017$ | $0.002$ |
	// | ✗ softmax twice (the seed) | $0.453$ | $0.187$ | $0.181$ | $0.179$ |
	//
	// The first softmax already turns the scores into probabilities between 0 and 1; a second softmax sees numbers that differ by less than 1 and flattens them: the largest weight drops from 0.934 to 0.453, close to uniform.
}

// The spread of q·k grows like √d; scaled, it stays at 1.
func ExampleMeasureSpread() {
	s := attention.MeasureSpread([]int{4, 64, 256}, 20000, 1)
	for i, d := range s.D {
		fmt.Printf("d = %3d: std(q·k) ≈ %.0f, std(q·k/√d) ≈ %.1f\n", d, s.Std[i], s.ScaledStd[i])
	}
	// Output:
	// d =   4: std(q·k) ≈ 2, std(q·k/√d) ≈ 1.0
	// d =  64: std(q·k) ≈ 8, std(q·k/√d) ≈ 1.0
	// d = 256: std(q·k) ≈ 16, std(q·k/√d) ≈ 1.0
}

// One multi-head layer on the example: every number agrees with mathref.
func ExampleNewMultiHead() {
	X := [][]float64{{1, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 0}, {1, 1, 0, 0}}
	m := attention.NewMultiHead(attention.Sentence().Tokens, X, 2, 1)
	fmt.Println(len(m.HeadWeights), "heads of", m.DH, "columns;", m.Agree)
	// Output:
	// 2 heads of 2 columns; true
}

// The tiny model learns to reverse digits; output i looks at input 5 − i.
func ExampleTrain() {
	m := attention.Train(attention.TrainConfig{Steps: 150})
	fmt.Printf("held-out digit accuracy %.1f%%\n", 100*m.DigitAccuracy)
	for i, row := range m.MeanMap {
		best := 0
		for j, w := range row {
			if w > row[best] {
				best = j
			}
		}
		fmt.Printf("output %d looks at input %d\n", i, best)
	}
	fmt.Println(m.Predict([]int{3, 1, 4, 1, 5, 9}))
	// Output:
	// held-out digit accuracy 100.0%
	// output 0 looks at input 5
	// output 1 looks at input 4
	// output 2 looks at input 3
	// output 3 looks at input 2
	// output 4 looks at input 1
	// output 5 looks at input 0
	// [[9 5 1 4 1 3]]
}
