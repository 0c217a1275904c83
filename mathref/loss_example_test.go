package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// Cross-entropy takes logits: for [2, 0, −1] and class 0 it is
// −2 + log(e² + e⁰ + e⁻¹).
func ExampleCrossEntropy() {
	logits := mathref.Matrix([][]float64{{2, 0, -1}, {0, 3, 0}})
	fmt.Printf("%.4f\n", mathref.CrossEntropy(logits, []int{0, 1}))
	fmt.Printf("%.4f\n", mathref.CrossEntropy(mathref.Vector(2, 0, -1), []int{0}))
	// Output:
	// 0.1324
	// 0.1698
}
