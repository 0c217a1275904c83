package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// 2×2 max pooling with the default stride 2 keeps the largest value of each
// window of the 4×4 input 0..15.
func ExampleMaxPool2D() {
	x := mathref.Arange(1, 4, 4)
	fmt.Println(mathref.MaxPool2D(x, mathref.Pool2DOpts{Kernel: [2]int{2, 2}}))
	// Output:
	// [[[ 5  7]
	//   [13 15]]]
}

// Average pooling; with padding the two divisors differ at the borders:
// count_include_pad=True (PyTorch's default) divides by 4, False divides by
// the number of real cells (1 in the corner, 2 on an edge, 4 inside).
func ExampleAvgPool2D() {
	x := mathref.Arange(1, 4, 4)
	fmt.Println(mathref.AvgPool2D(x, mathref.Pool2DOpts{Kernel: [2]int{2, 2}}))
	padded := mathref.Pool2DOpts{Kernel: [2]int{2, 2}, Padding: [2]int{1, 1}}
	fmt.Println(mathref.AvgPool2D(mathref.Arange(1, 3, 3), padded).Text(2))
	padded.ExcludePad = true
	fmt.Println(mathref.AvgPool2D(mathref.Arange(1, 3, 3), padded).Text(2))
	// Output:
	// [[[ 2.5  4.5]
	//   [10.5 12.5]]]
	// [[[0.00 0.75]
	//   [2.25 6.00]]]
	// [[[0.00 1.50]
	//   [4.50 6.00]]]
}
