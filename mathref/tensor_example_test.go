package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// A Tensor is a shape and row-major data; Arange fills it with 0, 1, 2, ….
func ExampleArange() {
	x := mathref.Arange(2, 3)
	fmt.Println(x.Shape, x.Data)
	fmt.Println(x)
	fmt.Println(x.At(1, 2))
	// Output:
	// [2 3] [0 1 2 3 4 5]
	// [[0 1 2]
	//  [3 4 5]]
	// 5
}

// FromData wraps existing values; another package's tensor converts with a
// composite literal: mathref.Tensor{Shape: t.Shape, Data: t.Data}.
func ExampleFromData() {
	w := mathref.FromData([]float64{0, 1, 2, 3}, 1, 1, 2, 2) // (O, C, KH, KW)
	fmt.Println(w.Dims(), w.Len(), w.At(0, 0, 1, 0))
	// Output:
	// 4 4 2
}

func ExampleMatrix() {
	m := mathref.Matrix([][]float64{{1, 2, 3}, {4, 5, 6}})
	fmt.Println(m.Shape)
	fmt.Println(m.Sub(1))
	// Output:
	// [2 3]
	// [4 5 6]
}

// Flip turns the last two axes around: the kernel a true convolution uses.
func ExampleFlip() {
	fmt.Println(mathref.Flip(mathref.Matrix([][]float64{{0, 1}, {2, 3}})))
	// Output:
	// [[3 2]
	//  [1 0]]
}

func ExampleStack() {
	fmt.Println(mathref.Stack(mathref.Vector(1, 2), mathref.Vector(3, 4)))
	// Output:
	// [[1 2]
	//  [3 4]]
}

// Reshape shares the data; -1 is inferred, as in PyTorch's view.
func ExampleTensor_Reshape() {
	fmt.Println(mathref.Arange(2, 3, 4).Reshape(-1, 12).Shape)
	// Output:
	// [2 12]
}

func ExampleTensor_Text() {
	fmt.Println(mathref.Vector(1, 0.5, -0.25).Text(2))
	// Output:
	// [ 1.00  0.50 -0.25]
}

// Uniform gives the same seeded numbers on every machine.
func ExampleUniform() {
	fmt.Println(mathref.Uniform(1, -1, 1, 3).Text(4))
	// Output:
	// [-0.5234  0.9443  0.5616]
}

// AllClose reports whether two tensors agree within |got−want| ≤ atol +
// rtol·|want|, the largest difference and the first mismatch.
func ExampleAllClose() {
	want := mathref.Matrix([][]float64{{19, 25}, {37, 43}})
	got := mathref.Matrix([][]float64{{19, 25}, {37, 42.5}})
	fmt.Println(mathref.AllClose(got, want, 1e-12, 1e-12))
	fmt.Println(mathref.AllClose(want, want, 1e-12, 1e-12).OK)
	// Output:
	// NOT close (atol 1e-12, rtol 1e-12): 1 of 4 elements differ; max |diff| 0.5 at [1 1]; first at [1 1]: got 42.5, want 43
	// true
}

// DiffTable is the printout for a failing test.
func ExampleDiffTable() {
	got, want := mathref.Vector(19, 24.5, 37), mathref.Vector(19, 25, 37)
	fmt.Println(mathref.DiffTable(got, want, 1e-9, 0, 3))
	// Output:
	// [0]  got 19  want 19  OK
	// [1]  got 24.5  want 25  NOT OK (diff 0.5)
	// [2]  got 37  want 37  OK
	// NOT close (atol 1e-09, rtol 0): 1 of 3 elements differ; max |diff| 0.5 at [1]; first at [1]: got 24.5, want 25
}

// Grid views a 2-D tensor as rows × columns, the shape plotting code takes.
func ExampleTensor_Grid() {
	a := mathref.ScaledDotProductAttention(mathref.Arange(2, 2), mathref.Arange(3, 2), mathref.Arange(3, 1), mathref.AttnOpts{})
	g := a.Weights.Grid()
	r, c := g.Dims()
	fmt.Printf("%d×%d, last weight %.3f\n", r, c, g.At(r-1, c-1))
	// Output:
	// 2×3, last weight 0.999
}
