package conv

import (
	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
)

// The exercises of notebook 02, on the seed's CNN. Expected answers come
// from nn's shape trace (seedShapes) and from the layers' sizes.

// seedParams returns the seed CNN's parameter counts: conv1, conv2, fc1,
// fc2, for fc1 fed feat features.
func seedParams(feat int) (conv1, conv2, fc1, fc2 int) {
	return 32*3*3*3 + 32, 64*32*3*3 + 64, feat*128 + 128, 128*10 + 10
}

// ExFlatten asks for the flattened size of a 32×32 image.
var ExFlatten = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.flatten-32",
	Title: lessons.Text{EN: "The flatten size for 32×32 images", ZH: "32×32 图像展平后的长度"},
	Prompt: lessons.Text{
		EN: "Feed the seed's CNN a 32×32 CIFAR-10 image. How many numbers per image come out of `pool2` and into the flatten — that is, what should `fc1`'s `in_features` be? Pass the number to `conv.ExFlatten.Check`.",
		ZH: "给种子文档的 CNN 输入一张 32×32 的 CIFAR-10 图像。每张图像从 `pool2` 出来、进入展平的有多少个数——也就是说，`fc1` 的 `in_features` 应该是多少？把这个数传给 `conv.ExFlatten.Check`。"},
	Hints: []lessons.Text{
		{EN: "A 3×3 convolution with padding 1 keeps H×W; each MaxPool2d(2, 2) halves it.", ZH: "填充为 1 的 3×3 卷积保持 H×W 不变；每个 MaxPool2d(2, 2) 把它减半。"},
		{EN: "32 → 16 → 8 per side, with 64 channels after conv2.", ZH: "每边 32 → 16 → 8，conv2 之后有 64 个通道。"},
	},
	Solution: lessons.Text{
		EN: "$64 \\cdot 8 \\cdot 8 = 4096$. `nn.Trace(nn.SeedCNNFor(32, 32), 1, 3, 32, 32)` shows every shape.",
		ZH: "$64 \\cdot 8 \\cdot 8 = 4096$。`nn.Trace(nn.SeedCNNFor(32, 32), 1, 3, 32, 32)` 会列出每一层的形状。"},
	Check: secret(lessons.Value{Want: seedFeatures(32), Causes: []lessons.Cause{
		lessons.Mistake(seedFeatures(24), lessons.Text{EN: "2304 = 64·6·6 is what the seed's fc1 expects; that fits 24×24 inputs, not 32×32.", ZH: "2304 = 64·6·6 是种子文档中 fc1 期望的大小；它对应 24×24 的输入，而不是 32×32。"}),
		lessons.Mistake(8*8, lessons.Text{EN: "8·8 is one feature map; there are 64 of them (conv2's output channels).", ZH: "8·8 只是一个特征图；一共有 64 个（conv2 的输出通道数）。"}),
		lessons.Mistake(64*16*16, lessons.Text{EN: "That is after one pooling; there are two, so 32 → 16 → 8.", ZH: "这是只池化一次的结果；一共池化两次，所以 32 → 16 → 8。"}),
		lessons.Mistake(64*32*32, lessons.Text{EN: "The poolings are missing: each MaxPool2d(2, 2) halves the height and the width.", ZH: "漏掉了池化：每个 MaxPool2d(2, 2) 都把高和宽减半。"}),
		lessons.Mistake(3*8*8, lessons.Text{EN: "The channels after conv2 are 64, not the input's 3.", ZH: "conv2 之后是 64 个通道，不是输入的 3 个。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 64 * 8 * 8}.Check},
})

// ExParamsConv1 asks for conv1's parameter count.
var ExParamsConv1 = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.params-conv1",
	Title: lessons.Text{EN: "Parameters of conv1", ZH: "conv1 的参数个数"},
	Prompt: lessons.Text{
		EN: "How many parameters (weights and biases) does `conv1 = nn.Conv2d(3, 32, 3, padding=1)` have? Pass the number to `conv.ExParamsConv1.Check`.",
		ZH: "`conv1 = nn.Conv2d(3, 32, 3, padding=1)` 有多少个参数（权重和偏置）？把这个数传给 `conv.ExParamsConv1.Check`。"},
	Hints: []lessons.Text{
		{EN: "The weight has shape (O, C, KH, KW); the bias has one value per output channel.", ZH: "权重的形状是 (O, C, KH, KW)；偏置为每个输出通道一个值。"},
		{EN: "$32 \\cdot 3 \\cdot 3 \\cdot 3$ weights plus $32$ biases.", ZH: "$32 \\cdot 3 \\cdot 3 \\cdot 3$ 个权重，加 $32$ 个偏置。"},
	},
	Solution: lessons.Text{
		EN: "$32 \\cdot 3 \\cdot 3 \\cdot 3 + 32 = 896$; padding adds no parameters. `nn.NumParams(nn.SeedCNN().Layer(\"conv1\"))` agrees.",
		ZH: "$32 \\cdot 3 \\cdot 3 \\cdot 3 + 32 = 896$；填充不增加参数。`nn.NumParams(nn.SeedCNN().Layer(\"conv1\"))` 给出同样的数。"},
	Check: secret(lessons.Value{Want: 32*3*3*3 + 32, Causes: []lessons.Cause{
		lessons.Mistake(32*3*3*3, lessons.Text{EN: "Those are the weights only; add one bias per output channel (32).", ZH: "这只是权重；还要加上每个输出通道一个的偏置（32 个）。"}),
		lessons.Mistake(32*3*3+32, lessons.Text{EN: "Each kernel covers all 3 input channels: it has 3·3·3 weights, not 3·3.", ZH: "每个卷积核覆盖全部 3 个输入通道：有 3·3·3 个权重，而不是 3·3。"}),
		lessons.Mistake(32*3*3, lessons.Text{EN: "Each kernel has 3·3·3 weights (all 3 input channels), and there are 32 biases too.", ZH: "每个卷积核有 3·3·3 个权重（覆盖全部 3 个输入通道），另外还有 32 个偏置。"}),
		lessons.Mistake(32*3*3*3+1, lessons.Text{EN: "There is one bias per output channel: 32, not 1.", ZH: "每个输出通道一个偏置：是 32 个，不是 1 个。"}),
	}}),
})

// ExParamsTotal asks for the seed CNN's total parameter count.
var ExParamsTotal = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.params-total",
	Title: lessons.Text{EN: "Parameters of the whole CNN", ZH: "整个 CNN 的参数个数"},
	Prompt: lessons.Text{
		EN: "How many parameters does the seed's CNN (for 24×24 inputs) have in all: conv1, conv2, fc1 and fc2, weights and biases? Pass the number to `conv.ExParamsTotal.Check`. Which layer holds most of them?",
		ZH: "种子文档的 CNN（用于 24×24 输入）一共有多少个参数：conv1、conv2、fc1 和 fc2，权重加偏置？把这个数传给 `conv.ExParamsTotal.Check`。哪一层的参数最多？"},
	Hints: []lessons.Text{
		{EN: "conv2: $64 \\cdot 32 \\cdot 3 \\cdot 3 + 64$. A Linear(in, out) layer has $in \\cdot out + out$.", ZH: "conv2：$64 \\cdot 32 \\cdot 3 \\cdot 3 + 64$。Linear(in, out) 层有 $in \\cdot out + out$ 个参数。"},
		{EN: "fc1 is Linear(2304, 128), fc2 is Linear(128, 10).", ZH: "fc1 是 Linear(2304, 128)，fc2 是 Linear(128, 10)。"},
	},
	Solution: lessons.Text{
		EN: "$896 + 18\\,496 + 295\\,040 + 1\\,290 = 315\\,722$; fc1 holds 295 040 of them, 93 percent. `nn.Trace(nn.SeedCNN(), 1, 3, 24, 24)` lists them per layer.",
		ZH: "$896 + 18\\,496 + 295\\,040 + 1\\,290 = 315\\,722$；其中 93% 在 fc1。`nn.Trace(nn.SeedCNN(), 1, 3, 24, 24)` 会逐层列出。"},
	Check: secret(lessons.Value{Want: sum4(seedParams(2304)), Causes: []lessons.Cause{
		lessons.Mistake(sum4(seedParams(2304))-32-64-128-10, lessons.Text{EN: "The biases are missing: 32 + 64 + 128 + 10 of them.", ZH: "漏了偏置：共 32 + 64 + 128 + 10 个。"}),
		lessons.Mistake(sum4(seedParams(4096)), lessons.Text{EN: "That is the 32×32 version (fc1 = Linear(4096, 128)); the seed's fc1 takes 2304.", ZH: "这是 32×32 版本（fc1 = Linear(4096, 128)）的参数；种子文档的 fc1 输入是 2304。"}),
		lessons.Mistake(sum4(seedParams(2304))-896-18496, lessons.Text{EN: "Those are the linear layers only; add conv1 (896) and conv2 (18 496).", ZH: "这只是全连接层；还要加上 conv1（896）和 conv2（18 496）。"}),
	}}),
})

func sum4(a, b, c, d int) int { return a + b + c + d }

// ExShapePool1 asks for the shape after pool1.
var ExShapePool1 = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.shape-pool1",
	Title: lessons.Text{EN: "A shape in the trace", ZH: "形状追踪中的一个形状"},
	Prompt: lessons.Text{
		EN: "A batch of 8 images of 3×24×24 goes through `conv1`, `relu1` and `pool1`. What is the shape after `pool1`? Pass it as a slice (N, C, H, W), e.g. `[]int{…}`, to `conv.ExShapePool1.Check`.",
		ZH: "一个批量的 8 张 3×24×24 图像依次经过 `conv1`、`relu1` 和 `pool1`。`pool1` 之后的形状是什么？把它写成切片 (N, C, H, W)，例如 `[]int{…}`，传给 `conv.ExShapePool1.Check`。"},
	Hints: []lessons.Text{
		{EN: "The batch size never changes; conv1 sets the channels; padding 1 keeps 24×24; pooling halves.", ZH: "批量大小不变；conv1 决定通道数；填充 1 保持 24×24；池化减半。"},
	},
	Solution: lessons.Text{
		EN: "`[]int{8, 32, 12, 12}`; see `nn.Trace(nn.SeedCNN(), 8, 3, 24, 24)`.",
		ZH: "`[]int{8, 32, 12, 12}`；参见 `nn.Trace(nn.SeedCNN(), 8, 3, 24, 24)`。"},
	Check: secret(lessons.Value{Want: traceShape(8, 24, "pool1"), Causes: []lessons.Cause{
		lessons.Mistake(traceShape(8, 24, "conv1"), lessons.Text{EN: "That is before the pooling: MaxPool2d(2, 2) halves the height and the width.", ZH: "这是池化之前的形状：MaxPool2d(2, 2) 把高和宽都减半。"}),
		lessons.Mistake([]int{8, 3, 12, 12}, lessons.Text{EN: "conv1 turns the 3 input channels into 32 output channels.", ZH: "conv1 把 3 个输入通道变成了 32 个输出通道。"}),
		lessons.Mistake([]int{8, 64, 12, 12}, lessons.Text{EN: "64 channels come from conv2, which is after pool1.", ZH: "64 个通道来自 conv2，而它在 pool1 之后。"}),
		lessons.Mistake([]int{8, 32, 11, 11}, lessons.Text{EN: "With padding 1 the 3×3 convolution keeps 24×24; pooling then gives 12×12.", ZH: "填充为 1 时 3×3 卷积保持 24×24；池化后是 12×12。"}),
	}}),
})

// traceShape returns the shape after the named layer for a batch of B
// h×h images.
func traceShape(B, h int, layer string) []int {
	names, shapes, err := seedShapes(B, h, h)
	if err != nil {
		panic("conv: " + err.Error())
	}
	for k, n := range names {
		if n == layer {
			return shapes[k]
		}
	}
	panic("conv: no layer " + layer)
}

// ExViewRows asks how many rows the seed's view gives.
var ExViewRows = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.view-rows",
	Title: lessons.Text{EN: "How many rows does the view give?", ZH: "view 给出多少行？"},
	Prompt: lessons.Text{
		EN: "The seed's `x.view(-1, 64*6*6)` receives a batch of 9 images of 32×32 after `pool2`, shape (9, 64, 8, 8). How many rows does it return? Pass the number to `conv.ExViewRows.Check`.",
		ZH: "种子文档的 `x.view(-1, 64*6*6)` 接收到一个 9 张 32×32 图像的批量，`pool2` 之后形状为 (9, 64, 8, 8)。它返回多少行？把这个数传给 `conv.ExViewRows.Check`。"},
	Hints: []lessons.Text{
		{EN: "`view` keeps the numbers and their order; −1 is whatever makes the total fit.", ZH: "`view` 保持数的总数和顺序不变；−1 取能让总数对得上的值。"},
		{EN: "$9 \\cdot 64 \\cdot 8 \\cdot 8 / 2304$.", ZH: "$9 \\cdot 64 \\cdot 8 \\cdot 8 / 2304$。"},
	},
	Solution: lessons.Text{
		EN: "$9 \\cdot 4096 / 2304 = 16$ rows for 9 images, and rows 1, 3, 5, … mix two images. `conv.ViewRows(9, 32, 32)` lists them.",
		ZH: "$9 \\cdot 4096 / 2304 = 16$ 行对应 9 张图像，而第 1、3、5……行混合了两张图像。`conv.ViewRows(9, 32, 32)` 会把它们列出来。"},
	Check: secret(lessons.Value{Want: ViewRows(9, 32, 32).Rows, Causes: []lessons.Cause{
		lessons.Mistake(9, lessons.Text{EN: "One row per image is what the view *should* give; count instead how many rows of 2304 the 9·4096 numbers fill.", ZH: "每张图像一行是 view *应该* 给出的结果；请数一数 9·4096 个数能填满多少个 2304 长的行。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 9 * 64 * 8 * 8 / (64 * 6 * 6)}.Check},
})

// fitSizes are the square input sizes from 16 to 40 the seed CNN takes.
func fitSizes() []int {
	var out []int
	for h := 16; h <= 40; h++ {
		if seedFeatures(h) == 64*6*6 {
			out = append(out, h)
		}
	}
	return out
}

// ExFitSizes asks which input sizes the seed CNN accepts.
var ExFitSizes = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.fit-sizes",
	Title: lessons.Text{EN: "Which image sizes fit?", ZH: "哪些图像大小合适？"},
	Prompt: lessons.Text{
		EN: "For which square input sizes $H \\times H$, with $16 \\le H \\le 40$, does the seed's CNN run (fc1 receives exactly 2304 features)? Pass every such $H$, in increasing order, as a `[]int` to `conv.ExFitSizes.Check`.",
		ZH: "对于 $16 \\le H \\le 40$ 的方形输入 $H \\times H$，哪些大小能让种子文档的 CNN 正常运行（fc1 恰好收到 2304 个特征）？把所有这样的 $H$ 按从小到大的顺序写成 `[]int`，传给 `conv.ExFitSizes.Check`。"},
	Hints: []lessons.Text{
		{EN: "After two poolings the side is $\\lfloor \\lfloor H/2 \\rfloor / 2 \\rfloor = \\lfloor H/4 \\rfloor$, and it must be 6.", ZH: "两次池化后边长为 $\\lfloor \\lfloor H/2 \\rfloor / 2 \\rfloor = \\lfloor H/4 \\rfloor$，它必须等于 6。"},
	},
	Solution: lessons.Text{
		EN: "`[]int{24, 25, 26, 27}`: $\\lfloor H/4 \\rfloor = 6$ exactly for these. The pooling's floor forgives up to 3 extra pixels.",
		ZH: "`[]int{24, 25, 26, 27}`：只有这些满足 $\\lfloor H/4 \\rfloor = 6$。池化的向下取整最多能“吞掉”3 个多余的像素。"},
	Check: secret(lessons.Value{Want: fitSizes(), Causes: []lessons.Cause{
		lessons.Mistake([]int{24}, lessons.Text{EN: "24 works, but pooling rounds down: 25, 26 and 27 also end at 6×6.", ZH: "24 可以，但池化向下取整：25、26、27 最后也都是 6×6。"}),
		lessons.Mistake([]int{24, 28}, lessons.Text{EN: "28 gives ⌊28/4⌋ = 7; look at 25–27 instead.", ZH: "28 得到 ⌊28/4⌋ = 7；应该看 25 到 27。"}),
	}}),
})

// refFlatten keeps the batch axis: (B, …) → (B, rest).
func refFlatten(x *nn.Tensor) *nn.Tensor {
	return nn.FromData(append([]float64(nil), x.Data...), x.Shape[0], x.Len()/x.Shape[0])
}

func flatCase(en, zh string, shape ...int) lessons.Case {
	t := nn.New(shape...)
	for k := range t.Data {
		t.Data[k] = float64(k%97) - 48
	}
	return lessons.Case{Args: []any{t}, About: lessons.Text{EN: en, ZH: zh}}
}

// ExFixView asks for a flatten that keeps the batch axis.
var ExFixView = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.fix-view",
	Title: lessons.Text{EN: "Fix the view", ZH: "修正 view"},
	Prompt: lessons.Text{
		EN: "Write `func flatten(x *nn.Tensor) *nn.Tensor` that turns a batch of feature maps (B, C, H, W) into (B, C·H·W), one row per image — what `x.flatten(1)` or `x.view(x.size(0), -1)` does in PyTorch, whatever the image size. Return a new tensor and leave `x` as it is. Pass the function to `conv.ExFixView.Check(flatten)`.",
		ZH: "写一个函数 `func flatten(x *nn.Tensor) *nn.Tensor`，把一批特征图 (B, C, H, W) 变成 (B, C·H·W)，每张图像一行——也就是 PyTorch 中 `x.flatten(1)` 或 `x.view(x.size(0), -1)` 的作用，无论图像多大。返回一个新的张量，不要改动 `x`。把函数传给 `conv.ExFixView.Check(flatten)`。"},
	Hints: []lessons.Text{
		{EN: "The row length is `x.Len() / x.Shape[0]`.", ZH: "每行的长度是 `x.Len() / x.Shape[0]`。"},
		{EN: "`x.Clone().Reshape(x.Shape[0], -1)` copies the numbers and keeps the batch axis.", ZH: "`x.Clone().Reshape(x.Shape[0], -1)` 复制这些数并保留批量轴。"},
	},
	Solution: lessons.Text{
		EN: "```go\nfunc flatten(x *nn.Tensor) *nn.Tensor {\n\treturn x.Clone().Reshape(x.Shape[0], -1)\n}\n```\nThe seed's model with this fix is `nn.SeedCNN()` (it uses `nn.NewFlatten()`); for 32×32 images fc1 must then be Linear(4096, 128): `nn.SeedCNNFor(32, 32)`.",
		ZH: "```go\nfunc flatten(x *nn.Tensor) *nn.Tensor {\n\treturn x.Clone().Reshape(x.Shape[0], -1)\n}\n```\n做了这个修正的种子模型就是 `nn.SeedCNN()`（它用 `nn.NewFlatten()`）；对 32×32 图像，fc1 还必须改成 Linear(4096, 128)：`nn.SeedCNNFor(32, 32)`。"},
	Check: lessons.Func{Ref: refFlatten, Params: []string{"x"}, Cases: []lessons.Case{
		flatCase("2 images of 3×2×2", "2 张 3×2×2 的图像", 2, 3, 2, 2),
		flatCase("9 images of 64×6×6 (24×24 inputs)", "9 张 64×6×6（24×24 输入）", 9, 64, 6, 6),
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: refFlatten, Params: []string{"x"}, Cases: []lessons.Case{
			flatCase("9 images of 64×8×8 (32×32 inputs)", "9 张 64×8×8（32×32 输入）", 9, 64, 8, 8),
			flatCase("one image", "一张图像", 1, 64, 6, 6),
		}}.Check,
		lessons.Func{Ref: refFlatten, Params: []string{"x"}, Pure: true, Cases: []lessons.Case{
			flatCase("the input must stay as it was", "输入必须保持不变", 4, 2, 3, 3),
		}}.Check,
	},
})

// CNN is lesson 02.
var CNN = lessons.Register(&lessons.Lesson{
	Name:  "02-cnn",
	Title: lessons.Text{EN: "A CNN end to end", ZH: "从头到尾的卷积神经网络"},
	Summary: lessons.Text{
		EN: "The seed's CNN: why it needs 24×24 inputs and what goes wrong at 32×32, its shape trace and parameter counts, training it on real MNIST digits, its test accuracy, and its learned filters and feature maps.",
		ZH: "种子文档的 CNN：为什么它需要 24×24 的输入、32×32 时会出什么错，它的形状追踪和参数个数，在真实的 MNIST 数字上训练它，它的测试精度，以及它学到的卷积核和特征图。"},
	Exercises: []*lessons.Exercise{ExFlatten, ExParamsConv1, ExParamsTotal, ExShapePool1, ExViewRows, ExFitSizes, ExFixView},
})
