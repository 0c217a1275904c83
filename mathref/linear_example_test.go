package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// y = x·Wᵀ + b with W stored (out, in) as in PyTorch: row o of W makes
// output feature o. For the first sample, 1·1 + 2·0 + 3·(−1) + 0.5 = −1.5.
func ExampleLinear() {
	x := mathref.Matrix([][]float64{{1, 2, 3}, {4, 5, 6}}) // (N=2, F_in=3)
	W := mathref.Matrix([][]float64{{1, 0, -1}, {0.5, 0.5, 0.5}})
	fmt.Println(mathref.Linear(x, W, []float64{0.5, -1}))
	// Output:
	// [[-1.5    2]
	//  [-1.5  6.5]]
}
