package conv_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons/conv"
)

// One position of the lesson's convolution, padding 1 and bias 0.5: the
// receptive field, the products, their sum, the value and the two checks.
func ExampleNew() {
	c := conv.New(conv.Lesson5x5, conv.LessonKernel, conv.Opts{Padding: 1, Bias: []float64{0.5}})
	st := c.Step(1, 2)
	fmt.Println("field:   ", st.Field[0])
	fmt.Println("products:", st.Products[0])
	fmt.Println("sum, value, nn, mathref:", st.Sums[0], st.Value, st.NN, st.Ref)
	fmt.Println("output shape:", c.OutShape())
	fmt.Println("row 0:", c.Output(0)[0])
	// Output:
	// field:    [[2 0 1] [1 3 2] [0 1 1]]
	// products: [[2 0 -1] [1 0 -2] [0 0 -1]]
	// sum, value, nn, mathref: -1 -0.5 -0.5 -0.5
	// output shape: [1 5 5]
	// row 0: [-2.5 -1.5 0.5 -0.5 3.5]
}

// Two input channels, one output channel and a bias: each channel's share
// of output (0, 0), then their sum plus the bias.
func ExampleNew_channels() {
	x := [][][]float64{{{1, 2, 0}, {0, 1, 3}, {2, 1, 1}}, {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}}}
	w := [][][]float64{{{1, -1}, {0, 2}}, {{2, 0}, {1, 1}}}
	st := conv.New(x, w, conv.Opts{Bias: []float64{0.5}}).Step(0, 0)
	fmt.Println("shares:", st.Sums, "value:", st.Value)
	// Output:
	// shares: [1 2] value: 3.5
}

func ExampleOutputSize() {
	for _, z := range []conv.Size{conv.OutputSize(5, 3, 1, 0, 1), conv.OutputSize(5, 3, 2, 1, 1), conv.OutputSize(10, 5, 2, 2, 1), conv.OutputSize(32, 3, 1, 1, 1)} {
		fmt.Printf("n=%d k=%d s=%d p=%d d=%d → %d (nn %d)\n", z.N, z.K, z.S, z.P, z.D, z.Out, z.NN)
	}
	// Output:
	// n=5 k=3 s=1 p=0 d=1 → 3 (nn 3)
	// n=5 k=3 s=2 p=1 d=1 → 3 (nn 3)
	// n=10 k=5 s=2 p=2 d=1 → 5 (nn 5)
	// n=32 k=3 s=1 p=1 d=1 → 32 (nn 32)
}

// The 3×3 input 0..8 with the kernel [[0 1] [2 3]]: cross-correlation
// (nn.Conv2d) and true convolution (the kernel flipped).
func ExampleCrossVsTrue() {
	f := conv.CrossVsTrue([][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, [][]float64{{0, 1}, {2, 3}})
	fmt.Println("cross-correlation:", f.Cross.Output(0))
	fmt.Println("true convolution: ", f.Flipped.Output(0), f.Agree.OK)
	// Output:
	// cross-correlation: [[19 25] [37 43]]
	// true convolution:  [[5 11] [23 29]] true
}

func ExampleNewPool() {
	x := [][]float64{{1, 3, 2, 0}, {4, 2, 1, 5}, {0, 1, 6, 2}, {3, 2, 1, 1}}
	fmt.Println("max:", conv.NewPool(x).Output(0))
	fmt.Println("avg:", conv.NewPool(x, conv.PoolOpts{Avg: true}).Output(0))
	// Output:
	// max: [[4 5] [3 6]]
	// avg: [[2.5 2] [1.5 2.5]]
}

// The seed's x.view(-1, 64*6*6) on 9 images of 32×32.
func ExampleViewRows() {
	v := conv.ViewRows(9, 32, 32)
	fmt.Println(v.PerImage, "features per image,", v.Rows, "rows")
	for r := 0; r < 4; r++ {
		fmt.Println("row", r, "holds images", v.Images(r))
	}
	// Output:
	// 4096 features per image, 16 rows
	// row 0 holds images {0}
	// row 1 holds images {0,1}
	// row 2 holds images {1}
	// row 3 holds images {1,2}
}

func ExampleMNIST() {
	train, test := conv.MNIST()
	fmt.Println(train.Len(), test.Len(), train.Label(0), test.Label(0))
	fmt.Println(test.Input(0).Shape)
	// Output:
	// 8000 1000 5 7
	// [1 3 24 24]
}
