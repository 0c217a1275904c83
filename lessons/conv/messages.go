package conv

import "github.com/stepwise-go/stepwise/lessons"

// walkMessages are the texts of the walkthrough and of the input checks.
var walkMessages = lessons.Catalog{
	"conv.word.input":  {EN: "input", ZH: "输入"},
	"conv.word.kernel": {EN: "kernel", ZH: "卷积核"},
	"conv.word.height": {EN: "height", ZH: "高"},
	"conv.word.width":  {EN: "width", ZH: "宽"},

	"conv.in.notNumbers": {EN: "the %s must be numbers: %s", ZH: "%s必须是数：%s"},
	"conv.in.struct":     {EN: "got a %s; pass nested slices such as [][]float64, an *nn.Tensor or a mathref.Tensor", ZH: "实际是 %s；请传入 [][]float64 这样的嵌套切片、*nn.Tensor 或 mathref.Tensor"},
	"conv.in.empty":      {EN: "the %s has an axis of length 0: shape %s", ZH: "%s有一个长度为 0 的轴：形状为 %s"},
	"conv.in.notFinite": {
		EN: "the %s holds %s at %s: a walkthrough needs finite numbers (a NaN usually comes from 0/0, an Inf from an overflow)",
		ZH: "%s在 %[3]s 处是 %[2]s：逐步演示需要有限的数（NaN 通常来自 0/0，Inf 来自溢出）"},
	"conv.in.batch": {
		EN: "the input must be one image, (C, H, W) or (1, C, H, W); got shape %s, a batch of %d images",
		ZH: "输入必须是一张图像，形状为 (C, H, W) 或 (1, C, H, W)；实际形状为 %s，是 %d 张图像的批量"},
	"conv.in.imageRank": {
		EN: "the input must be a matrix (one channel, H×W), (C, H, W) or (1, C, H, W); got shape %s",
		ZH: "输入必须是矩阵（单通道，H×W）、(C, H, W) 或 (1, C, H, W)；实际形状为 %s"},
	"conv.in.kernel2D": {
		EN: "the input has %d channels, so the kernel needs one KH×KW slice per channel: shape (C, KH, KW) or (O, C, KH, KW); got one %s matrix",
		ZH: "输入有 %d 个通道，所以卷积核要为每个通道准备一个 KH×KW 的切片，形状为 (C, KH, KW) 或 (O, C, KH, KW)；实际只给了一个 %s 的矩阵"},
	"conv.in.kernelRank": {
		EN: "the kernel must be a matrix (KH, KW), (C, KH, KW) or (O, C, KH, KW); got shape %s",
		ZH: "卷积核必须是矩阵 (KH, KW)、(C, KH, KW) 或 (O, C, KH, KW)；实际形状为 %s"},
	"conv.in.kernelChannels": {
		EN: "the kernel's channels must match the input's %d channels; the kernel of shape %s has %d",
		ZH: "卷积核的通道数必须与输入的 %d 个通道一致；形状为 %s 的卷积核有 %d 个通道"},
	"conv.in.bias": {
		EN: "the bias needs one value per output channel, %d values; got %d",
		ZH: "偏置要为每个输出通道给一个值，共 %d 个；实际给了 %d 个"},
	"conv.in.opts": {EN: "pass at most one conv.Opts; got %d", ZH: "最多传一个 conv.Opts；实际传了 %d 个"},
	"conv.in.negative": {
		EN: "stride, padding and dilation must be ≥ 0 (0 takes the default); got stride %d, padding %d, dilation %d",
		ZH: "步幅、填充和膨胀必须 ≥ 0（0 表示默认值）；实际为步幅 %d、填充 %d、膨胀 %d"},
	"conv.in.tooBig": {
		EN: "the kernel is larger than the input: along the %s it spans %d = d·(k−1)+1 = %d·(%d−1)+1 cells, but the padded input has only %d = %d + 2·%d. Use a smaller kernel or dilation, or more padding.",
		ZH: "卷积核比输入大：沿%s方向它跨越 %d = d·(k−1)+1 = %d·(%d−1)+1 个格子，但填充后的输入只有 %d = %d + 2·%d 个。请换更小的卷积核或膨胀，或者加大填充。"},
	"conv.in.channel": {
		EN: "%s: output channel %d does not exist: there are %d (0…%d)",
		ZH: "%s：输出通道 %d 不存在：共有 %d 个（0…%d）"},
	"conv.in.position": {
		EN: "position (%d, %d) is outside the %s output: rows 0…%d, columns 0…%d",
		ZH: "位置 (%d, %d) 在 %s 的输出之外：行 0…%d，列 0…%d"},

	"conv.step.title":  {EN: "Position (%d, %d)", ZH: "位置 (%d, %d)"},
	"conv.step.titleO": {EN: "Output channel %d, position (%d, %d)", ZH: "输出通道 %d，位置 (%d, %d)"},
	"conv.step.fieldPad": {
		EN: "The receptive field: rows %s and columns %s of $\\tilde{x}$, the input with padding $p = %d$ (that many rings of zeros around it).",
		ZH: "感受野：$\\tilde{x}$ 的第 %s 行和第 %s 列；$\\tilde{x}$ 是填充 $p = %d$ 后的输入（四周补了这么多圈零）。"},
	"conv.step.field": {
		EN: "The receptive field: rows %s and columns %s of the input (no padding, so $\\tilde{x} = x$).",
		ZH: "感受野：输入的第 %s 行和第 %s 列（没有填充，所以 $\\tilde{x} = x$）。"},
	"conv.step.products": {
		EN: "Receptive field ⊙ kernel = element-wise products, and their sum Σ:",
		ZH: "感受野 ⊙ 卷积核 = 逐元素乘积，再求和得 Σ："},
	"conv.step.channel": {
		EN: "Input channel %d: receptive field ⊙ kernel = products, and their sum Σ:",
		ZH: "输入通道 %d：感受野 ⊙ 卷积核 = 乘积，再求和得 Σ："},
	"conv.step.sum":     {EN: "Add them up:", ZH: "把它们加起来："},
	"conv.step.sumBias": {EN: "Add them up, then add the bias:", ZH: "把它们加起来，再加上偏置："},
	"conv.check.ok": {
		EN: "✓ %s gives %s and the literal formula %s gives %s: they agree.",
		ZH: "✓ %s 得到 %s，按公式逐项计算的 %s 得到 %s：两者一致。"},
	"conv.check.bad": {
		EN: "⚠ ❌ **MISMATCH**: the sum written above is %s, %s gives %s and %s gives %s. One of them is wrong: do not trust these numbers, and please report this.",
		ZH: "⚠ ❌ **不一致**：上面写出的和是 %s，%s 得到 %s，%s 得到 %s。其中必有一个是错的：不要相信这些数，并请报告这个问题。"},
	"conv.fig.channel":  {EN: "Input channel %d", ZH: "输入通道 %d"},
	"conv.fig.channelO": {EN: "Output channel %d, input channel %d", ZH: "输出通道 %d，输入通道 %d"},
	"conv.fig.share": {
		EN: "The output panel shows this channel's share; the layer adds up the shares of all channels and the bias.",
		ZH: "输出面板只显示这个通道贡献的部分；卷积层把所有通道的部分与偏置加在一起。"},
	"conv.fig.dilated": {
		EN: "Dilation %d: the %s kernel is drawn as %s, with zeros in the gaps between its taps.",
		ZH: "膨胀 %d：%s 的卷积核画成 %s，抽头之间的空隙填 0。"},

	"conv.walk.title":  {EN: "Convolution, one output at a time", ZH: "卷积：一次算一个输出"},
	"conv.walk.noBias": {EN: "no bias", ZH: "无偏置"},
	"conv.walk.shapes": {
		EN: "**Input** $x$: shape (C, H, W) = %s. **Kernel** $w$: shape (O, C, KH, KW) = %s. Stride $s = %d$, padding $p = %d$, dilation $d = %d$; %s.",
		ZH: "**输入** $x$：形状 (C, H, W) = %s。**卷积核** $w$：形状 (O, C, KH, KW) = %s。步幅 $s = %d$，填充 $p = %d$，膨胀 $d = %d$；%s。"},
	"conv.walk.sameW": {EN: "and likewise $W' = %d$.", ZH: "同理 $W' = %d$。"},
	"conv.agree.ok": {
		EN: "✓ %s and the literal formula %s agree on all %d entries (largest difference %s; tolerance %s).",
		ZH: "✓ %s 与按公式逐项计算的 %s 在全部 %d 个元素上一致（最大差 %s；容差 %s）。"},
	"conv.agree.bad": {
		EN: "⚠ ❌ **%s AND %s DISAGREE**: do not trust these numbers, and please report this. %s",
		ZH: "⚠ ❌ **%s 与 %s 不一致**：不要相信这些数，并请报告这个问题。%s"},
	"conv.walk.more": {
		EN: "The player shows the first %d of the %d output entries; `StepAt(o, i, j)` shows any of them.",
		ZH: "播放器显示全部 %[2]d 个输出元素中的前 %[1]d 个；`StepAt(o, i, j)` 可以显示其中任何一个。"},
	"conv.walk.slider": {
		EN: "Move the slider: each of the %d steps computes one output entry.",
		ZH: "拖动滑块：%d 步中的每一步计算一个输出元素。"},
	"conv.walk.string": {
		EN: "conv walkthrough: input %s, kernel %s, stride %d, padding %d, dilation %d → output %s; %s",
		ZH: "卷积演示：输入 %s，卷积核 %s，步幅 %d，填充 %d，膨胀 %d → 输出 %s；%s"},
	"conv.walk.agreeShort":    {EN: "nn and mathref agree", ZH: "nn 与 mathref 一致"},
	"conv.walk.disagreeShort": {EN: "nn and mathref DISAGREE", ZH: "nn 与 mathref 不一致"},
}

func init() { lessons.RegisterCatalog("conv", walkMessages) }
