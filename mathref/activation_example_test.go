package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

func ExampleReLU() {
	fmt.Println(mathref.ReLU(mathref.Vector(-2, -0.5, 0, 0.5, 2)))
	// Output:
	// [  0   0   0 0.5   2]
}

func ExampleTanh() {
	fmt.Println(mathref.Tanh(mathref.Vector(-2, -0.5, 0, 0.5, 2)).Text(4))
	// Output:
	// [-0.9640 -0.4621  0.0000  0.4621  0.9640]
}

func ExampleSigmoid() {
	fmt.Println(mathref.Sigmoid(mathref.Vector(-2, -0.5, 0, 0.5, 2)).Text(4))
	// Output:
	// [0.1192 0.3775 0.5000 0.6225 0.8808]
}

// The logits [4, 1, 0, −2] become probabilities that sum to 1; subtracting
// the maximum first means [1000, 999] works too (exp(1000) alone overflows).
func ExampleSoftmax() {
	fmt.Println(mathref.Softmax(mathref.Vector(4, 1, 0, -2), -1).Text(3))
	fmt.Println(mathref.Softmax(mathref.Vector(1000, 999), 0).Text(3))
	// The axis matters: along -1 each row sums to 1, along 0 each column.
	s := mathref.Matrix([][]float64{{1, 2, 3}, {1, 4, 9}})
	fmt.Println(mathref.Softmax(s, -1).Text(3))
	fmt.Println(mathref.Softmax(s, 0).Text(3))
	// Output:
	// [0.934 0.047 0.017 0.002]
	// [0.731 0.269]
	// [[0.090 0.245 0.665]
	//  [0.000 0.007 0.993]]
	// [[0.500 0.119 0.002]
	//  [0.500 0.881 0.998]]
}

// Log-softmax stays exact where softmax underflows to 0.
func ExampleLogSoftmax() {
	fmt.Println(mathref.LogSoftmax(mathref.Vector(4, 1, 0, -2), -1).Text(4))
	fmt.Println(mathref.LogSoftmax(mathref.Vector(0, -1000), -1))
	// Output:
	// [-0.0682 -3.0682 -4.0682 -6.0682]
	// [    0 -1000]
}
