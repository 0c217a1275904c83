package conv

import (
	"reflect"

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

// The value exercises of notebook 02 ask about image sizes the notebook
// does not work out itself (64×64, 28×28, one channel, 18 images), so
// that their answers are not on the page above them.

// ExFlatten asks for the flattened size of a 64×64 image.
var ExFlatten = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.flatten-32",
	Title: lessons.Text{EN: "The flatten size for 64×64 images", ZH: "64×64 图像展平后的长度"},
	Prompt: lessons.Text{
		EN: "Feed the seed's CNN (both convolutions 3×3 with padding 1, both poolings `MaxPool2d(2, 2)`) colour images of 64×64 pixels. How many numbers per image come out of `pool2` and into the flatten — that is, what must `fc1`'s `in_features` be for these images? Pass the number to `conv.ExFlatten.Check`.",
		ZH: "给种子文档的 CNN（两个卷积都是 3×3、填充 1，两个池化都是 `MaxPool2d(2, 2)`）输入 64×64 像素的彩色图像。每张图像从 `pool2` 出来、进入展平的有多少个数——也就是说，对这些图像 `fc1` 的 `in_features` 必须是多少？把这个数传给 `conv.ExFlatten.Check`。"},
	Hints: []lessons.Text{
		{EN: "A 3×3 convolution with padding 1 keeps H×W; each MaxPool2d(2, 2) halves it.", ZH: "填充为 1 的 3×3 卷积保持 H×W 不变；每个 MaxPool2d(2, 2) 把它减半。"},
		{EN: "64 → 32 → 16 per side, with as many channels as conv2 has outputs.", ZH: "每边 64 → 32 → 16，通道数等于 conv2 的输出通道数。"},
	},
	Solution: lessons.Text{
		EN: "$64 \\cdot 16 \\cdot 16 = 16\\,384$. `nn.Trace(nn.SeedCNNFor(64, 64), 1, 3, 64, 64)` shows every shape.",
		ZH: "$64 \\cdot 16 \\cdot 16 = 16\\,384$。`nn.Trace(nn.SeedCNNFor(64, 64), 1, 3, 64, 64)` 会列出每一层的形状。"},
	Check: secret(lessons.Value{Want: seedFeatures(64), Causes: []lessons.Cause{
		lessons.Mistake(seedFeatures(24), lessons.Text{EN: "2304 = 64·6·6 is what the seed's fc1 expects; that fits 24×24 inputs, not 64×64.", ZH: "2304 = 64·6·6 是种子文档中 fc1 期望的大小；它对应 24×24 的输入，而不是 64×64。"}),
		lessons.Mistake(16*16, lessons.Text{EN: "16·16 is one feature map; there are as many maps as conv2 has output channels.", ZH: "16·16 只是一个特征图；特征图的个数等于 conv2 的输出通道数。"}),
		lessons.Mistake(64*32*32, lessons.Text{EN: "That is after one pooling; there are two, so 64 → 32 → 16.", ZH: "这是只池化一次的结果；一共池化两次，所以 64 → 32 → 16。"}),
		lessons.Mistake(64*64*64, lessons.Text{EN: "The poolings are missing: each MaxPool2d(2, 2) halves the height and the width.", ZH: "漏掉了池化：每个 MaxPool2d(2, 2) 都把高和宽减半。"}),
		lessons.Mistake(3*16*16, lessons.Text{EN: "The channels after conv2 are conv2's output channels, not the input's 3.", ZH: "conv2 之后的通道数是 conv2 的输出通道数，不是输入的 3 个。"}),
		lessons.Mistake(32*16*16, lessons.Text{EN: "32 channels come out of conv1; conv2, the last convolution, has 64.", ZH: "32 个通道来自 conv1；最后一个卷积 conv2 有 64 个。"}),
		lessons.Mistake(seedFeatures(32), lessons.Text{EN: "4096 = 64·8·8 is the size for 32×32 images; these are 64×64.", ZH: "4096 = 64·8·8 是 32×32 图像的大小；这里是 64×64。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 64 * 16 * 16}.Check},
})

// ExParamsConv1 asks for the parameter count of a conv1 for one channel.
var ExParamsConv1 = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.params-conv1",
	Title: lessons.Text{EN: "Parameters of a conv1 for grey images", ZH: "灰度图像的 conv1 的参数个数"},
	Prompt: lessons.Text{
		EN: "MNIST digits have one channel; the notebook repeats it 3 times to fit the seed's `conv1 = nn.Conv2d(3, 32, 3, padding=1)`. A `conv1` made for one channel, `nn.Conv2d(1, 32, 3, padding=1)`, would take the digits as they are. How many parameters (weights and biases) would it have? Pass the number to `conv.ExParamsConv1.Check`.",
		ZH: "MNIST 数字只有一个通道；笔记本把它复制 3 次，以适配种子文档的 `conv1 = nn.Conv2d(3, 32, 3, padding=1)`。如果 `conv1` 是为一个通道设计的，即 `nn.Conv2d(1, 32, 3, padding=1)`，就可以直接接收这些数字。它有多少个参数（权重和偏置）？把这个数传给 `conv.ExParamsConv1.Check`。"},
	Hints: []lessons.Text{
		{EN: "The weight has shape (O, C, KH, KW); the bias has one value per output channel.", ZH: "权重的形状是 (O, C, KH, KW)；偏置为每个输出通道一个值。"},
		{EN: "$32 \\cdot 1 \\cdot 3 \\cdot 3$ weights plus $32$ biases.", ZH: "$32 \\cdot 1 \\cdot 3 \\cdot 3$ 个权重，加 $32$ 个偏置。"},
	},
	Solution: lessons.Text{
		EN: "$32 \\cdot 1 \\cdot 3 \\cdot 3 + 32 = 320$; padding adds no parameters. The seed's conv1, with 3 input channels, has $32 \\cdot 3 \\cdot 3 \\cdot 3 + 32 = 896$. `nn.NumParams(nn.NewConv2d(1, 32, 3, nn.Padding(1)))` agrees.",
		ZH: "$32 \\cdot 1 \\cdot 3 \\cdot 3 + 32 = 320$；填充不增加参数。种子文档的 conv1 有 3 个输入通道，有 $32 \\cdot 3 \\cdot 3 \\cdot 3 + 32 = 896$ 个参数。`nn.NumParams(nn.NewConv2d(1, 32, 3, nn.Padding(1)))` 给出同样的数。"},
	Check: secret(lessons.Value{Want: 32*1*3*3 + 32, Causes: []lessons.Cause{
		lessons.Mistake(32*1*3*3, lessons.Text{EN: "Those are the weights only; add one bias per output channel (32).", ZH: "这只是权重；还要加上每个输出通道一个的偏置（32 个）。"}),
		lessons.Mistake(32*3*3*3+32, lessons.Text{EN: "That is the seed's conv1, with 3 input channels; this one has 1.", ZH: "这是种子文档的 conv1，有 3 个输入通道；这里只有 1 个。"}),
		lessons.Mistake(32*1*3*3+1, lessons.Text{EN: "There is one bias per output channel: 32, not 1.", ZH: "每个输出通道一个偏置：是 32 个，不是 1 个。"}),
		lessons.Mistake(3*3+32, lessons.Text{EN: "There are 32 kernels, one per output channel, each with 3·3 weights.", ZH: "一共有 32 个卷积核，每个输出通道一个，每个有 3·3 个权重。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 320}.Check},
})

// ExParamsTotal asks for the parameter count of the seed CNN sized for
// 28×28 inputs.
var ExParamsTotal = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.params-total",
	Title: lessons.Text{EN: "Parameters of the whole CNN for 28×28 digits", ZH: "用于 28×28 数字的整个 CNN 的参数个数"},
	Prompt: lessons.Text{
		EN: "Instead of cropping the MNIST digits to 24×24, we could keep them at 28×28 and size `fc1` for them: the seed's CNN with `fc1 = Linear(64·7·7, 128)` (`nn.SeedCNNFor(28, 28)`). How many parameters would it have in all — conv1, conv2, fc1 and fc2, weights and biases? Pass the number to `conv.ExParamsTotal.Check`. Which layer holds most of them?",
		ZH: "我们也可以不把 MNIST 数字裁成 24×24，而是保留 28×28，并按它设置 `fc1`：即 `fc1 = Linear(64·7·7, 128)` 的种子 CNN（`nn.SeedCNNFor(28, 28)`）。它一共有多少个参数——conv1、conv2、fc1 和 fc2，权重加偏置？把这个数传给 `conv.ExParamsTotal.Check`。哪一层的参数最多？"},
	Hints: []lessons.Text{
		{EN: "The convolutions do not depend on the image size: conv1 has 896, conv2 $64 \\cdot 32 \\cdot 3 \\cdot 3 + 64$. A Linear(in, out) layer has $in \\cdot out + out$.", ZH: "卷积层与图像大小无关：conv1 有 896 个，conv2 有 $64 \\cdot 32 \\cdot 3 \\cdot 3 + 64$ 个。Linear(in, out) 层有 $in \\cdot out + out$ 个参数。"},
		{EN: "fc1 is Linear(3136, 128), fc2 is Linear(128, 10).", ZH: "fc1 是 Linear(3136, 128)，fc2 是 Linear(128, 10)。"},
	},
	Solution: lessons.Text{
		EN: "$896 + 18\\,496 + 401\\,536 + 1\\,290 = 422\\,218$; fc1 holds 401 536 of them, 95 percent. `nn.Trace(nn.SeedCNNFor(28, 28), 1, 3, 28, 28)` lists them per layer.",
		ZH: "$896 + 18\\,496 + 401\\,536 + 1\\,290 = 422\\,218$；其中 401 536 个（95%）在 fc1。`nn.Trace(nn.SeedCNNFor(28, 28), 1, 3, 28, 28)` 会逐层列出。"},
	Check: secret(lessons.Value{Want: sum4(seedParams(seedFeatures(28))), Causes: []lessons.Cause{
		lessons.Mistake(sum4(seedParams(seedFeatures(28)))-32-64-128-10, lessons.Text{EN: "The biases are missing: 32 + 64 + 128 + 10 of them.", ZH: "漏了偏置：共 32 + 64 + 128 + 10 个。"}),
		lessons.Mistake(sum4(seedParams(2304)), lessons.Text{EN: "That is the seed's network for 24×24 inputs (fc1 = Linear(2304, 128)); for 28×28 fc1 takes 64·7·7.", ZH: "这是用于 24×24 输入的种子网络（fc1 = Linear(2304, 128)）；对 28×28，fc1 的输入是 64·7·7。"}),
		lessons.Mistake(sum4(seedParams(4096)), lessons.Text{EN: "That is the 32×32 version (fc1 = Linear(4096, 128)); for 28×28 fc1 takes 64·7·7.", ZH: "这是 32×32 版本（fc1 = Linear(4096, 128)）的参数；对 28×28，fc1 的输入是 64·7·7。"}),
		lessons.Mistake(sum4(seedParams(seedFeatures(28)))-896-18496, lessons.Text{EN: "Those are the linear layers only; add conv1 (896) and conv2 (18 496).", ZH: "这只是全连接层；还要加上 conv1（896）和 conv2（18 496）。"}),
		lessons.Mistake(sum4(seedParams(64*14*14)), lessons.Text{EN: "fc1 gets 64·14·14 only after one pooling; there are two, 28 → 14 → 7.", ZH: "64·14·14 是只池化一次后的大小；一共池化两次，28 → 14 → 7。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 896 + 18496 + 3136*128 + 128 + 1290}.Check},
})

func sum4(a, b, c, d int) int { return a + b + c + d }

// ExShapePool1 asks for the shape after pool1.
var ExShapePool1 = lessons.NewExercise(lessons.Spec{
	ID:    "cnn.shape-pool1",
	Title: lessons.Text{EN: "A shape in the trace", ZH: "形状追踪中的一个形状"},
	Prompt: lessons.Text{
		EN: "A batch of 8 images of 3×28×28 goes through the seed's `conv1`, `relu1` and `pool1`. What is the shape after `pool1`? Pass it as a slice (N, C, H, W), e.g. `[]int{…}`, to `conv.ExShapePool1.Check`.",
		ZH: "一个批量的 8 张 3×28×28 图像依次经过种子网络的 `conv1`、`relu1` 和 `pool1`。`pool1` 之后的形状是什么？把它写成切片 (N, C, H, W)，例如 `[]int{…}`，传给 `conv.ExShapePool1.Check`。"},
	Hints: []lessons.Text{
		{EN: "The batch size never changes; conv1 sets the channels; padding 1 keeps 28×28; pooling halves.", ZH: "批量大小不变；conv1 决定通道数；填充 1 保持 28×28；池化减半。"},
	},
	Solution: lessons.Text{
		EN: "`[]int{8, 32, 14, 14}`; see `nn.Trace(nn.SeedCNNFor(28, 28), 8, 3, 28, 28)`.",
		ZH: "`[]int{8, 32, 14, 14}`；参见 `nn.Trace(nn.SeedCNNFor(28, 28), 8, 3, 28, 28)`。"},
	Check: secret(lessons.Value{Want: traceShape(8, 28, "pool1"), Causes: []lessons.Cause{
		lessons.Mistake(traceShape(8, 28, "conv1"), lessons.Text{EN: "That is before the pooling: MaxPool2d(2, 2) halves the height and the width.", ZH: "这是池化之前的形状：MaxPool2d(2, 2) 把高和宽都减半。"}),
		lessons.Mistake([]int{8, 3, 14, 14}, lessons.Text{EN: "conv1 turns the 3 input channels into 32 output channels.", ZH: "conv1 把 3 个输入通道变成了 32 个输出通道。"}),
		lessons.Mistake([]int{8, 64, 14, 14}, lessons.Text{EN: "64 channels come from conv2, which is after pool1.", ZH: "64 个通道来自 conv2，而它在 pool1 之后。"}),
		lessons.Mistake([]int{8, 32, 13, 13}, lessons.Text{EN: "With padding 1 the 3×3 convolution keeps 28×28; pooling then gives 14×14.", ZH: "填充为 1 时 3×3 卷积保持 28×28；池化后是 14×14。"}),
		lessons.Mistake(traceShape(8, 28, "pool2"), lessons.Text{EN: "That is after pool2; the question stops at pool1.", ZH: "这是 pool2 之后的形状；题目问的是 pool1 之后。"}),
		lessons.Mistake([]int{8, 14, 14, 32}, lessons.Text{EN: "That is the layout (N, H, W, C) of TensorFlow; PyTorch and nn put the channels second: (N, C, H, W).", ZH: "这是 TensorFlow 的布局 (N, H, W, C)；PyTorch 和 nn 把通道放在第二位：(N, C, H, W)。"}),
		lessons.Mistake([]int{32, 14, 14}, lessons.Text{EN: "The batch axis N is missing: write all four sizes (N, C, H, W).", ZH: "少了批量轴 N：要写出全部四个大小 (N, C, H, W)。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: []int{8, 32, 14, 14}}.Check},
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
		EN: "The seed's `x.view(-1, 64*6*6)` receives a batch of 18 images of 32×32 after `pool2`, shape (18, 64, 8, 8). How many rows does it return? Pass the number to `conv.ExViewRows.Check`.",
		ZH: "种子文档的 `x.view(-1, 64*6*6)` 接收到一个 18 张 32×32 图像的批量，`pool2` 之后形状为 (18, 64, 8, 8)。它返回多少行？把这个数传给 `conv.ExViewRows.Check`。"},
	Hints: []lessons.Text{
		{EN: "`view` keeps the numbers and their order; −1 is whatever makes the total fit.", ZH: "`view` 保持数的总数和顺序不变；−1 取能让总数对得上的值。"},
		{EN: "$18 \\cdot 64 \\cdot 8 \\cdot 8 / 2304$.", ZH: "$18 \\cdot 64 \\cdot 8 \\cdot 8 / 2304$。"},
	},
	Solution: lessons.Text{
		EN: "$18 \\cdot 4096 / 2304 = 32$ rows for 18 images, and 16 of them mix two images. `conv.ViewRows(18, 32, 32)` lists them.",
		ZH: "$18 \\cdot 4096 / 2304 = 32$ 行对应 18 张图像，其中 16 行混合了两张图像。`conv.ViewRows(18, 32, 32)` 会把它们列出来。"},
	Check: secret(lessons.Value{Want: ViewRows(18, 32, 32).Rows, Causes: []lessons.Cause{
		lessons.Mistake(18, lessons.Text{EN: "One row per image is what the view *should* give; count instead how many rows of 2304 the 18·4096 numbers fill.", ZH: "每张图像一行是 view *应该* 给出的结果；请数一数 18·4096 个数能填满多少个 2304 长的行。"}),
		lessons.Mistake(ViewRows(9, 32, 32).Rows, lessons.Text{EN: "16 rows is what 9 images give; this batch has 18.", ZH: "16 行是 9 张图像的结果；这个批量有 18 张。"}),
	}}),
	Hidden: []lessons.Checker{lessons.Value{Want: 18 * 64 * 8 * 8 / (64 * 6 * 6)}.Check},
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
	Check:  checkFitSizes,
	Hidden: []lessons.Checker{lessons.Value{Want: []int{24, 25, 26, 27}}.Check},
})

// checkFitSizes checks a list of sizes one by one: a size that does not
// fit is named with what pool2 gives for it, a missing one only counted
// in words — the length of the answer is part of what is asked, so a
// shape message ("expected (4,)") would give it away.
func checkFitSizes(answer any) lessons.Feedback {
	want := fitSizes()
	f := lessons.Value{Want: want}.Check(answer)
	if f.Passed {
		return f
	}
	a, err := lessons.AsArray(answer)
	if err != nil || len(a.Shape) > 1 {
		return f // not a list of numbers: Value's message says what was expected
	}
	if len(a.Shape) == 0 {
		return lessons.Fail(lessons.T("conv.fit.list"))
	}
	fits := map[int]bool{}
	for _, h := range want {
		fits[h] = true
	}
	var causes []string
	seen := map[int]bool{}
	found, sorted := 0, true
	for k, v := range a.Data {
		h := int(v)
		switch {
		case float64(h) != v || h < 16 || h > 40:
			causes = append(causes, lessons.T("conv.fit.outside", lessons.Num(v)))
		case seen[h]:
			causes = append(causes, lessons.T("conv.fit.twice", h))
		case !fits[h]:
			causes = append(causes, lessons.T("conv.fit.no", h, h/4, seedFeatures(h)))
		default:
			found++
		}
		if k > 0 && v <= a.Data[k-1] {
			sorted = false
		}
		seen[h] = true
	}
	if found < len(want) {
		causes = append(causes, lessons.T("conv.fit.missing"))
	}
	if !sorted && found == len(want) {
		causes = append(causes, lessons.T("conv.fit.order"))
	}
	return lessons.Fail(lessons.T("conv.fit.problem"), causes...)
}

var fitMessages = lessons.Catalog{
	"conv.fit.problem": {EN: "That is not the set of sizes that fit.", ZH: "这不是能用的那组大小。"},
	"conv.fit.outside": {EN: "%s is not a whole number between 16 and 40.", ZH: "%s 不是 16 到 40 之间的整数。"},
	"conv.fit.twice":   {EN: "%d is in your list twice.", ZH: "%d 在你的列表里出现了两次。"},
	"conv.fit.no": {
		EN: "%d does not fit: after two poolings the side is ⌊%[1]d/4⌋ = %[2]d, so pool2 gives 64·%[2]d·%[2]d = %[3]d features, not 2304.",
		ZH: "%d 不行：两次池化后边长为 ⌊%[1]d/4⌋ = %[2]d，pool2 给出 64·%[2]d·%[2]d = %[3]d 个特征，而不是 2304。"},
	"conv.fit.missing": {
		EN: "Some sizes that fit are missing: pooling rounds down, so more than one $H$ ends at 6×6.",
		ZH: "还漏了能用的大小：池化向下取整，所以不止一个 $H$ 最后得到 6×6。"},
	"conv.fit.order": {EN: "List the sizes in increasing order.", ZH: "请按从小到大的顺序列出这些大小。"},
	"conv.fit.list":  {EN: "Pass every size that fits, as a list: `[]int{…}`.", ZH: "把所有能用的大小写成一个列表传入：`[]int{…}`。"},
}

func init() { lessons.RegisterCatalog("conv", fitMessages) }

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
	Check: checkFixView,
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

var fixViewCases = []lessons.Case{
	flatCase("2 images of 3×2×2", "2 张 3×2×2 的图像", 2, 3, 2, 2),
	flatCase("9 images of 64×6×6 (24×24 inputs)", "9 张 64×6×6（24×24 输入）", 9, 64, 6, 6),
}

// checkFixView runs the Func check; when the function returns the right
// numbers in the right order but not two axes, it says so (the generic
// report would talk of numbers in the wrong places).
func checkFixView(answer any) lessons.Feedback {
	f := lessons.Func{Ref: refFlatten, Params: []string{"x"}, Cases: fixViewCases}.Check(answer)
	if f.Passed {
		return f
	}
	fn := reflect.ValueOf(answer)
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.IsNil() || fn.Type() != reflect.TypeOf(refFlatten) {
		return f
	}
	x := fixViewCases[0].Args[0].(*nn.Tensor).Clone()
	got, panicked := func() (y *nn.Tensor, p bool) {
		defer func() {
			if recover() != nil {
				p = true
			}
		}()
		return fn.Call([]reflect.Value{reflect.ValueOf(x)})[0].Interface().(*nn.Tensor), false
	}()
	if panicked || got == nil || got.Len() != x.Len() {
		return f
	}
	want := refFlatten(x)
	same := true
	for k := range got.Data {
		if got.Data[k] != want.Data[k] {
			same = false
			break
		}
	}
	if same && shape(got.Shape) != shape(want.Shape) {
		f.Causes = []string{lessons.T("conv.fixview.shape", shape(got.Shape), shape(want.Shape))}
	}
	return f
}

func init() {
	lessons.RegisterCatalog("conv", lessons.Catalog{"conv.fixview.shape": {
		EN: "The numbers and their order are right, but your result has shape %s: it must be %s — one row per image, the batch size first, everything else in the row.",
		ZH: "数和它们的顺序都对，但你的结果形状是 %s：它应该是 %s——每张图像一行，批量大小在前，其余所有数放在这一行里。"}})
}

// CNN is lesson 02.
var CNN = lessons.Register(&lessons.Lesson{
	Name:  "02-cnn",
	Title: lessons.Text{EN: "A CNN end to end", ZH: "从头到尾的卷积神经网络"},
	Summary: lessons.Text{
		EN: "The seed's CNN: why it needs 24×24 inputs and what goes wrong at 32×32, its shape trace and parameter counts, training it on real MNIST digits, its test accuracy, and its learned filters and feature maps.",
		ZH: "种子文档的 CNN：为什么它需要 24×24 的输入、32×32 时会出什么错，它的形状追踪和参数个数，在真实的 MNIST 数字上训练它，它的测试精度，以及它学到的卷积核和特征图。"},
	Exercises: []*lessons.Exercise{ExFlatten, ExParamsConv1, ExParamsTotal, ExShapePool1, ExViewRows, ExFitSizes, ExFixView},
})
