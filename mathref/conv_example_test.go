package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// Cross-correlating the 3×3 input 0..8 with the 2×2 kernel [[0,1],[2,3]]:
// the top-left output is 0·0 + 1·1 + 3·2 + 4·3 = 19.
func ExampleConv2D() {
	x := mathref.Arange(1, 3, 3) // (C, H, W): one channel holding 0..8
	w := mathref.FromData([]float64{0, 1, 2, 3}, 1, 1, 2, 2)
	y := mathref.Conv2D(x, w, nil, mathref.Conv2DOpts{})
	fmt.Println(y.Shape)
	fmt.Println(y)
	// Output:
	// [1 2 2]
	// [[[19 25]
	//   [37 43]]]
}

// Two input channels are summed into each output channel, and each output
// channel has its own bias; padding 1 and stride 2 change the output size
// to ⌊(4 + 2 − 3)/2⌋ + 1 = 2. Output channel 0 at (0, 0) sums the in-bounds
// part of the window centred on (0, 0): (0+1+4+5) + (16+17+20+21) = 84.
func ExampleConv2D_channelsBiasPaddingStride() {
	x := mathref.Arange(2, 4, 4) // channel 0 holds 0..15, channel 1 holds 16..31
	w := mathref.New(2, 2, 3, 3) // (O, C, KH, KW)
	for c := 0; c < 2; c++ {     // output channel 0 sums both channels' 3×3 windows
		for u := 0; u < 3; u++ {
			for v := 0; v < 3; v++ {
				w.Set(1, 0, c, u, v)
			}
		}
	}
	w.Set(1, 1, 1, 1, 1) // output channel 1 picks channel 1's centre tap
	y := mathref.Conv2D(x, w, []float64{0, 100}, mathref.Conv2DOpts{Stride: [2]int{2, 2}, Padding: [2]int{1, 1}})
	fmt.Println(y)
	// Output:
	// [[[ 84 144]
	//   [198 324]]
	//
	//  [[116 118]
	//   [124 126]]]
}

// True convolution flips the kernel: the top-left output is
// 0·3 + 1·2 + 3·1 + 4·0 = 5, and it equals Conv2D with the flipped kernel.
func ExampleTrueConv2D() {
	x := mathref.Arange(1, 3, 3)
	w := mathref.FromData([]float64{0, 1, 2, 3}, 1, 1, 2, 2)
	fmt.Println(mathref.TrueConv2D(x, w, nil, mathref.Conv2DOpts{}))
	fmt.Println(mathref.Conv2D(x, mathref.Flip(w), nil, mathref.Conv2DOpts{}))
	// Output:
	// [[[ 5 11]
	//   [23 29]]]
	// [[[ 5 11]
	//   [23 29]]]
}

// The output-size formula traced through the seed document's CNN: a 3×3
// convolution with padding 1 keeps the size, a 2×2 pool with stride 2
// halves it (rounding down). Only 24×24 (to 27×27) inputs end at 6×6.
func ExampleConvOutputSize() {
	for _, h := range []int{24, 32} {
		c1 := mathref.ConvOutputSize(h, 3, 1, 1, 1)  // Conv2d(3, 32, 3, padding=1)
		p1 := mathref.ConvOutputSize(c1, 2, 2, 0, 1) // MaxPool2d(2, 2)
		c2 := mathref.ConvOutputSize(p1, 3, 1, 1, 1) // Conv2d(32, 64, 3, padding=1)
		p2 := mathref.ConvOutputSize(c2, 2, 2, 0, 1) // MaxPool2d(2, 2)
		fmt.Printf("%d → %d → %d → %d → %d: flatten 64·%d·%d = %d\n", h, c1, p1, c2, p2, p2, p2, 64*p2*p2)
	}
	fmt.Println(mathref.ConvOutputSize(5, 3, 1, 0, 1), mathref.ConvOutputSize(7, 3, 2, 0, 2))
	// Output:
	// 24 → 24 → 12 → 12 → 6: flatten 64·6·6 = 2304
	// 32 → 32 → 16 → 16 → 8: flatten 64·8·8 = 4096
	// 3 2
}
