package nn_test

import (
	"fmt"
	"math"

	"github.com/stepwise-go/stepwise/nn"
)

// The worked example of the convolution lesson: the 3×3 input 0…8
// cross-correlated with the 2×2 kernel [[0, 1], [2, 3]].
func ExampleConv2d() {
	conv := nn.NewConv2d(1, 1, 2, nn.Bias(false))
	copy(conv.Weight.Data, []float64{0, 1, 2, 3})
	x := nn.Arange(9).Reshape(1, 1, 3, 3)
	fmt.Println(conv.Forward(x))
	// Output:
	// Tensor (1, 1, 2, 2)
	// [[[[19, 25],
	//    [37, 43]]]]
}

// Stride, padding and the output-size rule ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1.
func ExampleConv2d_strideAndPadding() {
	conv := nn.NewConv2d(1, 1, 3, nn.Stride(2), nn.Padding(1), nn.Bias(false))
	for i := range conv.Weight.Data {
		conv.Weight.Data[i] = 1 // sums each 3×3 window
	}
	y := conv.Forward(nn.Ones(1, 1, 5, 5))
	fmt.Println(y.Shape)
	fmt.Println(y)
	// Output:
	// [1 1 3 3]
	// Tensor (1, 1, 3, 3)
	// [[[[4, 6, 4],
	//    [6, 9, 6],
	//    [4, 6, 4]]]]
}

func ExampleMaxPool2d() {
	pool := nn.NewMaxPool2d(2)
	x := nn.FromRows([][]float64{
		{1, 5, 2, 0},
		{3, 4, 8, 1},
		{0, 2, 6, 7},
		{9, 1, 3, 3},
	}).Reshape(1, 1, 4, 4)
	fmt.Println(pool.Forward(x))
	fmt.Println("argmax positions:", pool.Indices)
	// Output:
	// Tensor (1, 1, 2, 2)
	// [[[[5, 8],
	//    [9, 7]]]]
	// argmax positions: [1 6 12 11]
}

// Softmax turns scores into a distribution; applying it twice (an error in
// the seed document) flattens it.
func ExampleSoftmax() {
	sm := nn.NewSoftmax(-1)
	p := sm.Forward(nn.FromData([]float64{4, 1, 0, -2}))
	fmt.Println(p)
	fmt.Println(nn.NewSoftmax(-1).Forward(p))
	// Output:
	// Tensor (4)
	// [0.9341, 0.0465, 0.0171, 0.0023]
	// Tensor (4)
	// [0.4535, 0.1867, 0.1813, 0.1786]
}

// The gates of one LSTM step, read after Forward.
func ExampleLSTM_Step() {
	nn.ManualSeed(1)
	lstm := nn.NewLSTM(2, 3)
	x := nn.FromRows([][]float64{{1, 0}, {0, 1}}).Reshape(2, 1, 2) // T=2, B=1, I=2
	out := lstm.Forward(x)
	fmt.Println(out.Shape)
	s := lstm.Step(0, 1)
	fmt.Println("i", s.I)
	fmt.Println("f", s.F)
	fmt.Println("c", s.C)
	fmt.Println("h", s.H)
	// Output:
	// [2 1 3]
	// i Tensor (1, 3)
	// [[0.7331, 0.4764, 0.4470]]
	// f Tensor (1, 3)
	// [[0.4811, 0.7052, 0.6467]]
	// c Tensor (1, 3)
	// [[-0.1739, -0.1476,  0.2490]]
	// h Tensor (1, 3)
	// [[-0.0661, -0.0434,  0.0617]]
}

// Causal self-attention over three positions: query i sees keys j ≤ i.
func ExampleSDPA() {
	q := nn.FromRows([][]float64{{1, 0}, {0, 1}, {1, 1}})
	att := nn.NewSDPA()
	out := att.Forward(q, q, q, nn.IsCausal())
	fmt.Println(att.Weights)
	fmt.Println(out)
	// Output:
	// Tensor (3, 3)
	// [[1.0000, 0.0000, 0.0000],
	//  [0.3302, 0.6698, 0.0000],
	//  [0.2483, 0.2483, 0.5035]]
	// Tensor (3, 2)
	// [[1.0000, 0.0000],
	//  [0.3302, 0.6698],
	//  [0.7517, 0.7517]]
}

// Per-head and averaged attention weights.
func ExampleMultiheadAttention() {
	nn.ManualSeed(2)
	mha := nn.NewMultiheadAttention(4, 2, nn.BatchFirst())
	x := nn.Randn(1, 3, 4)
	out, avg := mha.Forward(x, x, x)
	fmt.Println("out", out.Shape, "averaged weights", avg.Shape, "per head", mha.HeadWeights.Shape)
	_, perHead := mha.Forward(x, x, x, nn.AverageAttnWeights(false))
	fmt.Println("per-head weights", perHead.Shape)
	// Output:
	// out [1 3 4] averaged weights [1 3 3] per head [1 2 3 3]
	// per-head weights [1 2 3 3]
}

// Masks follow PyTorch: a padded key is ignored by every query.
func ExamplePaddingMask() {
	kpm := nn.PaddingMask([]int{3, 1}, 3)
	fmt.Println(kpm)
	att := nn.NewSDPA()
	q := nn.Ones(2, 1, 2)
	att.Forward(q, nn.Ones(2, 3, 2), nn.Ones(2, 3, 2), nn.KeyPaddingMask(kpm))
	fmt.Println(att.Weights)
	// Output:
	// Mask (2, 3)
	// [[0, 0, 0],
	//  [0, 1, 1]]
	// Tensor (2, 1, 3)
	// [[[0.3333, 0.3333, 0.3333]],
	//
	//  [[1.0000, 0.0000, 0.0000]]]
}

// The shape trace of the seed document's CNN.
func ExampleTrace() {
	fmt.Println(nn.Trace(nn.SeedCNN(), 1, 3, 24, 24))
	// Output:
	// layer    type       output shape     params
	// (input)             (1, 3, 24, 24)
	// conv1    Conv2d     (1, 32, 24, 24)     896
	// relu1    ReLU       (1, 32, 24, 24)       0
	// pool1    MaxPool2d  (1, 32, 12, 12)       0
	// conv2    Conv2d     (1, 64, 12, 12)   18496
	// relu2    ReLU       (1, 64, 12, 12)       0
	// pool2    MaxPool2d  (1, 64, 6, 6)         0
	// flatten  Flatten    (1, 2304)             0
	// fc1      Linear     (1, 128)         295040
	// relu3    ReLU       (1, 128)              0
	// fc2      Linear     (1, 10)            1290
	// total                                315722
}

// A 32×32 CIFAR image does not fit the seed's CNN; the error says why.
func ExampleSeedCNN() {
	model := nn.SeedCNN()
	err := nn.Try(func() { model.Forward(nn.New(2, 3, 32, 32)) })
	fmt.Println(err)
	fmt.Println(nn.SeedCNNFor(32, 32).Forward(nn.New(2, 3, 32, 32)).Shape)
	// Output:
	// nn: fc1 (Linear.Forward): expects 2304 = 64·6·6 features but got 4096 = 64·8·8: a 32×32 input; this network needs 24×24 (any of 24–27), or in_features = 4096 for this input
	// [2 10]
}

// The seed's classifier reads the last step; with padded sequences, each
// sequence's own last step.
func ExampleSeedLSTM() {
	nn.ManualSeed(3)
	model := nn.NewSeedLSTM(4, 8, 2, 3)
	x := nn.Randn(2, 5, 4) // B=2, T=5
	fmt.Println(model.Forward(x).Shape, model.Last)
	model.ForwardLengths(x, []int{5, 2})
	fmt.Println(model.Last)
	// Output:
	// [2 3] [4 4]
	// [4 1]
}

func ExampleTry() {
	lin := nn.NewLinear(4, 2)
	err := nn.Try(func() { lin.Forward(nn.New(3, 5)) })
	fmt.Println(err)
	// Output:
	// nn: Linear.Forward: expects 4 features in the last dimension but got (3, 5)
}

// Fitting y = 2x − 1 with SGD and momentum.
func ExampleSGD() {
	nn.ManualSeed(4)
	lin := nn.NewLinear(1, 1)
	x := nn.FromData([]float64{-1, 0, 1, 2}, 4, 1)
	y := nn.FromData([]float64{-3, -1, 1, 3}, 4, 1)
	mse := nn.NewMSELoss()
	opt := nn.NewSGD(lin.Parameters(), 0.05, nn.Momentum(0.5))
	for step := 0; step <= 40; step++ {
		opt.ZeroGrad()
		loss := mse.Forward(lin.Forward(x), y)
		lin.Backward(mse.Backward())
		opt.Step()
		if step%10 == 0 {
			fmt.Printf("step %2d  loss %.2e\n", step, loss)
		}
	}
	fmt.Printf("w %.4f  b %.4f\n", lin.Weight.Data[0], lin.Bias.Data[0])
	// Output:
	// step  0  loss 3.71e+00
	// step 10  loss 1.68e-01
	// step 20  loss 3.63e-03
	// step 30  loss 7.64e-05
	// step 40  loss 1.61e-06
	// w 1.9993  b -0.9989
}

func ExampleCrossEntropyLoss() {
	ce := nn.NewCrossEntropyLoss()
	logits := nn.FromRows([][]float64{{2, 0, 0}, {0, 0, 0}})
	fmt.Printf("loss %.6f\n", ce.Forward(logits, []int{0, 2}))
	fmt.Println(ce.Backward())
	// Output:
	// loss 0.669079
	// Tensor (2, 3)
	// [[-0.1065,  0.0533,  0.0533],
	//  [ 0.1667,  0.1667, -0.3333]]
}

// Loading PyTorch weights: a file with a wrong layer lists every problem.
func ExampleLoadSafetensors() {
	model := nn.SeedCNN()
	fmt.Println(nn.LoadSafetensors(model, "testdata/seed_cnn_f32.safetensors"))
	wrong := nn.SeedCNNFor(32, 32)
	fmt.Println(nn.LoadSafetensors(wrong, "testdata/seed_cnn_f32.safetensors"))
	// Output:
	// <nil>
	// nn: loading testdata/seed_cnn_f32.safetensors: 1 problem(s)
	//   shape differs: fc1.weight: model (128, 4096), file (128, 2304)
}

// The seed's x.view(-1, 64*6*6) on 32×32 images: with a batch of 9 the
// numbers happen to divide, and the view silently regroups 9 images into
// 16 rows that mix them. Flatten keeps one row per image and fails loudly.
func ExampleView() {
	features := nn.New(9, 64, 8, 8) // what pool2 gives for 9 CIFAR images
	fmt.Println(nn.NewView(-1, 64*6*6).Forward(features).Shape)
	fmt.Println(nn.NewFlatten().Forward(features).Shape)
	err := nn.Try(func() { nn.NewView(-1, 64*6*6).Forward(nn.New(2, 64, 8, 8)) })
	fmt.Println(err)
	// Output:
	// [16 2304]
	// [9 4096]
	// nn: View.Forward: expects a shape whose known sizes (product 2304) divide the 8192 numbers of (2, 64, 8, 8) but got (-1, 2304)
}

// Tensors convert to gonum matrices without copying.
func ExampleTensor_Matrix() {
	x := nn.Arange(12).Reshape(2, 2, 3) // two 2×3 images
	m := x.Matrix(1)                    // the second, as a *mat.Dense view
	m.Set(0, 0, 100)
	fmt.Println(x.At(1, 0, 0))
	r, c := m.Dims()
	fmt.Println(r, c)
	// Output:
	// 100
	// 2 3
}

// The GRU's gates at one step.
func ExampleGRU_Step() {
	nn.ManualSeed(5)
	gru := nn.NewGRU(2, 2)
	gru.Forward(nn.FromRows([][]float64{{1, -1}, {0.5, 2}}).Reshape(2, 1, 2))
	s := gru.Step(0, 1)
	fmt.Println("r", s.R)
	fmt.Println("z", s.Z)
	fmt.Println("h", s.H)
	// Output:
	// r Tensor (1, 2)
	// [[0.5031, 0.3994]]
	// z Tensor (1, 2)
	// [[0.4269, 0.6895]]
	// h Tensor (1, 2)
	// [[-0.3213,  0.5866]]
}

// Additive attention's weights: a padded key gets none.
func ExampleAdditiveAttention() {
	nn.ManualSeed(6)
	att := nn.NewAdditiveAttention(2, 2, 4)
	q, k, v := nn.Randn(1, 1, 2), nn.Randn(1, 3, 2), nn.Randn(1, 3, 2)
	att.Forward(q, k, v, nn.KeyPaddingMask(nn.PaddingMask([]int{2}, 3)))
	fmt.Println(att.Scores)
	fmt.Println(att.Weights)
	// Output:
	// Tensor (1, 1, 3)
	// [[[-0.1253,  0.0313,    -Inf]]]
	// Tensor (1, 1, 3)
	// [[[0.4609, 0.5391, 0.0000]]]
}

// NaN detection on request.
func ExampleSetCheckFinite() {
	x := nn.FromData([]float64{0, 1, 2, 3}, 1, 1, 2, 2)
	x.Data[3] = math.NaN()
	was := nn.SetCheckFinite(true)
	defer nn.SetCheckFinite(was)
	_, err := nn.TryForward(nn.NewMaxPool2d(2), x)
	fmt.Println(err)
	// Output:
	// nn: MaxPool2d.Forward: expects finite numbers in input but got NaN at [0, 0, 1, 1] (1 non-finite of 4)
}

// Adam's first step moves every parameter by about lr, whatever the
// gradient's size.
func ExampleAdam() {
	p := nn.FromData([]float64{1, 1, 1})
	params := []nn.Param{{Name: "p", Value: p, Grad: nn.FromData([]float64{0.001, 1, 1000})}}
	nn.NewAdam(params, 0.1).Step()
	fmt.Println(p)
	// Output:
	// Tensor (3)
	// [0.9000, 0.9000, 0.9000]
}
