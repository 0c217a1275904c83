package fast_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/nn/internal/fast"
)

// A 2×3 matrix times a 3×2 matrix, both row-major:
// [1 2 3; 4 5 6]·[7 8; 9 10; 11 12] = [58 64; 139 154].
func ExampleDgemm() {
	a := []float64{1, 2, 3, 4, 5, 6}
	b := []float64{7, 8, 9, 10, 11, 12}
	c := make([]float64, 4)
	fast.Dgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2)
	fmt.Println(c)
	// The same product with B stored transposed (2×3) and added to C.
	bt := []float64{7, 9, 11, 8, 10, 12}
	fast.Dgemm(false, true, 2, 2, 3, 1, a, 3, bt, 3, 1, c, 2)
	fmt.Println(c)
	// Output:
	// [58 64 139 154]
	// [116 128 278 308]
}

func ExampleExp() {
	x := []float64{0, 1, -1, 709.5, -1000}
	y := make([]float64, len(x))
	fast.Exp(y, x)
	fmt.Printf("%.6g\n", y)
	// Output:
	// [1 2.71828 0.367879 +Inf 0]
}

// The softmax of the logits 1, 2, 3: e^(x−3) / Σ, which sums to 1.
func ExampleSoftmax() {
	x := []float64{1, 2, 3}
	y := make([]float64, 3)
	fast.Softmax(y, x)
	fmt.Printf("%.4f\n", y)
	fast.LogSoftmax(y, x)
	fmt.Printf("%.4f\n", y)
	// Output:
	// [0.0900 0.2447 0.6652]
	// [-2.4076 -1.4076 -0.4076]
}

func ExampleTanh() {
	x := []float64{-2, 0, 0.5, 30}
	y := make([]float64, len(x))
	fast.Tanh(y, x)
	fmt.Printf("%.6f\n", y)
	fast.Sigmoid(y, x)
	fmt.Printf("%.6f\n", y)
	// Output:
	// [-0.964028 0.000000 0.462117 1.000000]
	// [0.119203 0.500000 0.622459 1.000000]
}
