package conv

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// Erratum is one of mathref's errata of the seed document, told in the
// current language: what the seed (or a common text) writes, what is
// right, why, and both run side by side on small numbers that come from
// nn and are checked against mathref.
type Erratum struct {
	ID     string // mathref's erratum ID, e.g. "conv-no-output-position"
	Seed   string // the seed point, e.g. "C1"
	Title  string // what goes wrong
	Lang   string // "tex" or "python": how Wrong and Right are written
	Wrong  string // the wrong form (TeX or PyTorch code), as mathref has it
	Right  string // the right form
	Why    string // one line
	Input  string // the demonstration's input (Markdown)
	Bad    string // what the wrong form gives (Markdown)
	Good   string // what the right form gives (Markdown)
	Source string // the authority
}

// Markdown shows the erratum with the wrong and the right form side by
// side (one above the other) and the demonstration.
func (e Erratum) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#### %s\n\n", e.Title)
	if e.Seed != "" {
		b.WriteString("*" + lessons.T("conv.errata.seed", e.Seed) + "*\n\n")
	}
	fmt.Fprintf(&b, "✗ %s\n\n%s\n\n✓ %s\n\n%s\n\n", lessons.T("conv.errata.wrong"), e.block(e.Wrong), lessons.T("conv.errata.right"), e.block(e.Right))
	fmt.Fprintf(&b, "**%s** %s\n\n", lessons.T("conv.errata.why"), e.Why)
	fmt.Fprintf(&b, "%s %s\n\n- ✗ %s\n- ✓ %s\n\n", lessons.T("conv.errata.demo"), e.Input, e.Bad, e.Good)
	fmt.Fprintf(&b, "<small>%s %s</small>\n", lessons.T("conv.errata.source"), e.Source)
	return b.String()
}

func (e Erratum) block(s string) string {
	if e.Lang == "tex" {
		return "$$" + s + "$$"
	}
	return "```python\n" + s + "\n```"
}

// Errata is a list of errata; it shows them one after another.
type Errata []Erratum

// Markdown shows every erratum.
func (es Errata) Markdown() string {
	parts := make([]string, len(es))
	for k, e := range es {
		parts[k] = e.Markdown()
	}
	return strings.Join(parts, "\n---\n\n")
}

// SeedErrata returns the seed document's errors about convolution (its
// point C1: a formula without the output position, named convolution but
// computing a cross-correlation, without channel sum, per-channel bias,
// padding, stride or output size), or only those whose IDs are given.
func SeedErrata(ids ...string) Errata {
	all := []struct {
		id   string
		demo func(e *Erratum)
	}{
		{"conv-no-output-position", demoNoPosition},
		{"conv-is-cross-correlation", demoCross},
		{"conv-channel-sum", demoChannelSum},
		{"conv-bias-per-channel", demoBias},
		{"conv-no-padding-stride", demoPadding},
		{"conv-output-size", demoOutSize},
		{"cnn-flatten-size", demoFlatten},
		{"cnn-view-mixes-images", demoView},
	}
	if len(ids) == 0 {
		ids = []string{"conv-no-output-position", "conv-is-cross-correlation", "conv-channel-sum",
			"conv-bias-per-channel", "conv-no-padding-stride", "conv-output-size"}
	}
	var out Errata
	for _, id := range ids {
		found := false
		for _, a := range all {
			if a.id == id {
				out = append(out, erratum(id, a.demo))
				found = true
			}
		}
		if !found {
			var known []string
			for _, a := range all {
				known = append(known, a.id)
			}
			fail("conv.errata.unknown", id, strings.Join(known, ", "))
		}
	}
	return out
}

// CNNErrata returns the seed document's errors about its CNN (point C4).
func CNNErrata() Errata { return SeedErrata("cnn-flatten-size", "cnn-view-mixes-images") }

func erratum(id string, demo func(e *Erratum)) Erratum {
	m, ok := mathref.ErratumByID(id)
	if !ok {
		panic("conv: mathref has no erratum " + id)
	}
	e := Erratum{ID: id, Seed: m.Seed, Lang: m.Lang, Wrong: localTeX(m.Wrong), Right: localTeX(m.Right), Source: m.Source,
		Title: lessons.T("conv.errata." + id + ".title"), Why: lessons.T("conv.errata." + id + ".why")}
	demo(&e)
	return e
}

// texWords are the English words inside mathref's errata formulas, with
// their Chinese, so that a Chinese lesson shows no English prose.
var texWords = []lessons.Text{
	{EN: `\text{(named convolution)}`, ZH: `\text{（却被称为卷积）}`},
	{EN: `\text{cross-correlation: what nn.Conv2d computes}`, ZH: `\text{互相关：nn.Conv2d 所算的}`},
	{EN: `\text{convolution: the kernel is flipped}`, ZH: `\text{卷积：卷积核要翻转}`},
	{EN: `\text{ zero-padded by } p`, ZH: `\text{ 四周填充 } p \text{ 圈零}`},
	{EN: `\text{(or no output size at all)}`, ZH: `\text{（或者根本没有输出尺寸）}`},
}

// localTeX puts the Chinese words into a formula when the lessons speak
// Chinese. It also puts a visible gap before a comment column (`&&
// \text{…}`), which some math renderers set flush against the formula.
func localTeX(tex string) string {
	tex = strings.ReplaceAll(tex, `&& \text{`, `&& \qquad \text{`)
	if lessons.Lang() != lessons.ZH {
		return tex
	}
	for _, w := range texWords {
		tex = strings.ReplaceAll(tex, w.EN, w.ZH)
	}
	return tex
}

// mat writes output channel o of a walk as an inline bmatrix.
func mat(c *Walk, o int) string {
	return "$" + bmatrix(c.Y.Shape[1], c.Y.Shape[2], func(i, j int) float64 { return c.Y.At(o, i, j) }, nil) + "$"
}

// checked fails loudly when a demo's walk does not agree with mathref.
func checked(c *Walk) *Walk {
	if !c.Agree.OK {
		panic("conv: nn and mathref disagree in an errata demonstration: " + c.Agree.String())
	}
	return c
}

// demoXW is the worked example: x = 0..8 (3×3), w = [[0, 1], [2, 3]].
func demoXW() ([][]float64, [][]float64) {
	return [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, [][]float64{{0, 1}, {2, 3}}
}

func demoNoPosition(e *Erratum) {
	x, w := demoXW()
	c := checked(New(x, w))
	top := c.StepAt(0, 0, 0).Value // the formula as printed: every output is the top-left sum
	e.Input = "$x = " + bmatrix(3, 3, func(i, j int) float64 { return x[i][j] }, nil) + "$, $w = " + bmatrix(2, 2, func(i, j int) float64 { return w[i][j] }, nil) + "$, $b = 0$"
	e.Bad = lessons.T("conv.errata.demo.same", "$"+bmatrix(2, 2, func(i, j int) float64 { return top }, nil)+"$")
	e.Good = lessons.T("conv.errata.demo.slides", mat(c, 0))
}

func demoCross(e *Erratum) {
	x, w := demoXW()
	f := CrossVsTrue(x, w)
	if !f.Agree.OK {
		panic("conv: nn and mathref disagree in an errata demonstration: " + f.Agree.String())
	}
	e.Input = lessons.T("conv.errata.demo.sameInput")
	e.Bad = lessons.T("conv.errata.demo.true", mat(f.Flipped, 0))
	e.Good = lessons.T("conv.errata.demo.cross", mat(checked(f.Cross), 0))
}

func demoChannelSum(e *Erratum) {
	x := [][][]float64{{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}}
	w := [][][]float64{{{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}}
	one := checked(New(x[0], w[0]))
	both := checked(New(x, w))
	e.Input = lessons.T("conv.errata.demo.channelsInput")
	e.Bad = lessons.T("conv.errata.demo.channel0", mat(one, 0))
	e.Good = lessons.T("conv.errata.demo.summed", mat(both, 0))
}

func demoBias(e *Erratum) {
	x, w := demoXW()
	w2 := [][][][]float64{{w}, {w}}
	none := checked(New(x, w2))
	with := checked(New(x, w2, Opts{Bias: []float64{1, -1}}))
	e.Input = lessons.T("conv.errata.demo.biasInput")
	e.Bad = lessons.T("conv.errata.demo.noBias", mat(none, 0), mat(none, 1))
	e.Good = lessons.T("conv.errata.demo.withBias", mat(with, 0), mat(with, 1))
}

func demoPadding(e *Erratum) {
	x := make([][]float64, 4)
	for i := range x {
		x[i] = []float64{float64(4 * i), float64(4*i + 1), float64(4*i + 2), float64(4*i + 3)}
	}
	w := [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}
	valid := checked(New(x, w))
	padded := checked(New(x, w, Opts{Padding: 1}))
	e.Input = lessons.T("conv.errata.demo.padInput")
	e.Bad = lessons.T("conv.errata.demo.noPad", mat(valid, 0))
	e.Good = lessons.T("conv.errata.demo.pad", mat(padded, 0))
}

func demoOutSize(e *Erratum) {
	a, b := OutputSize(5, 3, 1, 0, 1), OutputSize(32, 3, 2, 1, 1)
	e.Input = "$(H, k, s, p) = (5, 3, 1, 0)$, $(32, 3, 2, 1)$"
	e.Bad = fmt.Sprintf("$\\frac{H-k}{s} = %s,\\ %s$", num(float64(5-3)/1), num(float64(32-3)/2))
	e.Good = fmt.Sprintf("$%d,\\ %d$", a.Out, b.Out)
}

func demoFlatten(e *Erratum) {
	f := func(h int) string {
		n := seedFeatures(h)
		return fmt.Sprintf("%d×%d → 64·%d·%d = %d", h, h, h/4, h/4, n)
	}
	e.Input = lessons.T("conv.errata.demo.flattenInput")
	e.Bad = lessons.T("conv.errata.demo.flattenBad", f(32), f(28))
	e.Good = lessons.T("conv.errata.demo.flattenGood", f(24), f(27))
}

func demoView(e *Erratum) {
	v := ViewRows(9, 32, 32)
	var parts []string
	for r := 0; r < 4; r++ {
		parts = append(parts, v.Images(r))
	}
	e.Input = lessons.T("conv.errata.demo.viewInput")
	e.Bad = lessons.T("conv.errata.demo.viewBad", v.Rows, strings.Join(parts, " "))
	e.Good = lessons.T("conv.errata.demo.viewGood")
}

var errataMessages = lessons.Catalog{
	"conv.errata.seed":    {EN: "The seed document, point %s.", ZH: "种子文档，第 %s 点。"},
	"conv.errata.wrong":   {EN: "Wrong:", ZH: "错误："},
	"conv.errata.right":   {EN: "Right:", ZH: "正确："},
	"conv.errata.why":     {EN: "Why:", ZH: "原因："},
	"conv.errata.demo":    {EN: "**Run both** on", ZH: "**两者都运行一次**，输入为"},
	"conv.errata.source":  {EN: "Source:", ZH: "出处："},
	"conv.errata.unknown": {EN: "no erratum %q here; there are: %s", ZH: "这里没有勘误 %q；现有：%s"},

	"conv.errata.conv-no-output-position.title": {EN: "The seed's convolution formula has no output position", ZH: "种子文档的卷积公式里没有输出位置"},
	"conv.errata.conv-no-output-position.why": {
		EN: "The output position never appears on the right-hand side, so every output would be the same top-left dot product; $x$ and $y$ also name both the signals and the coordinates. Use $i, j$ for the position and let the kernel slide: $x(i+u, j+v)$.",
		ZH: "等号右边根本没有出现输出位置，于是每个输出都会是同一个左上角的点积；而且 $x$、$y$ 既表示信号又表示坐标。应当用 $i, j$ 表示位置，让卷积核滑动：$x(i+u, j+v)$。"},
	"conv.errata.conv-is-cross-correlation.title": {EN: "What deep learning calls convolution is a cross-correlation", ZH: "深度学习所说的卷积其实是互相关"},
	"conv.errata.conv-is-cross-correlation.why": {
		EN: "nn.Conv2d (like PyTorch's) does not flip the kernel; the convolution of mathematics does. The two differ unless the kernel is unchanged by a 180° turn.",
		ZH: "nn.Conv2d（和 PyTorch 的一样）不翻转卷积核；数学上的卷积要翻转。除非卷积核旋转 180° 后不变，两者的结果不同。"},
	"conv.errata.conv-channel-sum.title": {EN: "No sum over input channels", ZH: "没有对输入通道求和"},
	"conv.errata.conv-channel-sum.why": {
		EN: "Each output channel adds up the contributions of every input channel; filtering the channels separately is a different layer (a depthwise convolution).",
		ZH: "每个输出通道都要把所有输入通道的贡献加起来；各通道分开滤波是另一种层（深度卷积）。"},
	"conv.errata.conv-bias-per-channel.title": {EN: "One bias for everything, or none, instead of one per output channel", ZH: "只有一个偏置（或没有偏置），而不是每个输出通道一个"},
	"conv.errata.conv-bias-per-channel.why": {
		EN: "nn.Conv2d has one bias per output channel, shape (O), added once at every position of that channel's feature map.",
		ZH: "nn.Conv2d 为每个输出通道准备一个偏置，形状为 (O)，加到该通道特征图的每个位置上。"},
	"conv.errata.conv-no-padding-stride.title": {EN: "No padding, stride or dilation", ZH: "没有填充、步幅和膨胀"},
	"conv.errata.conv-no-padding-stride.why": {
		EN: "Real layers pad, stride and dilate (the seed's own CNN uses padding 1); without them the formula cannot say which inputs an output reads, or why a 3×3 kernel keeps a 32×32 image 32×32.",
		ZH: "实际的层都会用到填充、步幅和膨胀（种子文档自己的 CNN 就用了填充 1）；没有它们，公式说不清一个输出读哪些输入，也解释不了为什么 3×3 的卷积核能让 32×32 的图像保持 32×32。"},
	"conv.errata.conv-output-size.title": {EN: "Output size missing, or off by one", ZH: "没有输出尺寸，或者差一"},
	"conv.errata.conv-output-size.why": {
		EN: "Counting positions needs the $+1$ (a 3-wide kernel fits 3 times in 5) and the floor; $d(k-1)+1$ is the span of a dilated kernel.",
		ZH: "数位置时要 $+1$（宽 3 的卷积核在长 5 的输入里能放 3 次），还要向下取整；$d(k-1)+1$ 是膨胀后卷积核的跨度。"},
	"conv.errata.cnn-flatten-size.title": {EN: "Linear(64·6·6, 128) only fits inputs of 24 to 27 pixels", ZH: "Linear(64·6·6, 128) 只适合 24 到 27 像素的输入"},
	"conv.errata.cnn-flatten-size.why": {
		EN: "Each 3×3 convolution with padding 1 keeps H×W and each MaxPool2d(2, 2) halves it (rounding down), so ⌊H/4⌋ = 6 needs H from 24 to 27; a 32×32 image gives 64·8·8 = 4096 features, not 2304.",
		ZH: "每个填充为 1 的 3×3 卷积保持 H×W 不变，每个 MaxPool2d(2, 2) 把它减半（向下取整），所以 ⌊H/4⌋ = 6 要求 H 在 24 到 27 之间；32×32 的图像得到 64·8·8 = 4096 个特征，而不是 2304。"},
	"conv.errata.cnn-view-mixes-images.title": {EN: "x.view(-1, 64·6·6) ignores the batch axis", ZH: "x.view(-1, 64·6·6) 忽略了批量轴"},
	"conv.errata.cnn-view-mixes-images.why": {
		EN: "With −1 the batch size absorbs any mismatch: with 4096 features per image the view fails unless the batch size B is a multiple of 9, and then its rows straddle images. Flatten from axis 1 instead.",
		ZH: "用了 −1，批量大小就会吸收任何不匹配：每张图像有 4096 个特征时，除非批量大小 B 是 9 的倍数，否则 view 会失败；而 B 是 9 的倍数时，每一行会跨越不同的图像。应当从轴 1 开始展平。"},

	"conv.errata.demo.same":      {EN: "as printed, every output is the same top-left sum: %s", ZH: "照公式原样计算，每个输出都是同一个左上角的和：%s"},
	"conv.errata.demo.slides":    {EN: "the kernel slides, nn.Conv2d: %s", ZH: "卷积核滑动，nn.Conv2d：%s"},
	"conv.errata.demo.sameInput": {EN: "the same $x$ and $w$", ZH: "同样的 $x$ 和 $w$"},
	"conv.errata.demo.true":      {EN: "true convolution (flipped kernel): %s, which is not what nn.Conv2d computes", ZH: "真正的卷积（翻转卷积核）：%s，这不是 nn.Conv2d 算的"},
	"conv.errata.demo.cross":     {EN: "cross-correlation, what nn.Conv2d computes: %s", ZH: "互相关，即 nn.Conv2d 所算的：%s"},
	"conv.errata.demo.channelsInput": {
		EN: "channel 0 = 0…8, channel 1 = all ones (a 2×3×3 input); the kernel is 2×2 ones on both channels",
		ZH: "通道 0 = 0…8，通道 1 全为 1（2×3×3 的输入）；两个通道上的卷积核都是全 1 的 2×2"},
	"conv.errata.demo.channel0":  {EN: "channel 0 only: %s", ZH: "只算通道 0：%s"},
	"conv.errata.demo.summed":    {EN: "summed over both channels: %s", ZH: "对两个通道求和：%s"},
	"conv.errata.demo.biasInput": {EN: "$x = 0…8$, two output channels with the same kernel $w$, bias $b = (1, -1)$", ZH: "$x = 0…8$，两个输出通道用同一个卷积核 $w$，偏置 $b = (1, -1)$"},
	"conv.errata.demo.noBias":    {EN: "bias forgotten: %s and %s", ZH: "忘了偏置：%s 和 %s"},
	"conv.errata.demo.withBias":  {EN: "$b_o$ added to channel $o$: %s and %s", ZH: "把 $b_o$ 加到通道 $o$ 上：%s 和 %s"},
	"conv.errata.demo.padInput":  {EN: "$x = 0…15$ (4×4), $w$ = 3×3 ones, as Conv2d(1, 1, 3, padding=1)", ZH: "$x = 0…15$（4×4），$w$ 为全 1 的 3×3，相当于 Conv2d(1, 1, 3, padding=1)"},
	"conv.errata.demo.noPad":     {EN: "without padding the output shrinks to 2×2: %s", ZH: "不填充时输出缩小为 2×2：%s"},
	"conv.errata.demo.pad":       {EN: "padding 1 keeps 4×4: %s", ZH: "填充 1 保持 4×4：%s"},
	"conv.errata.demo.flattenInput": {
		EN: "square images of several sizes through conv1, pool1, conv2, pool2 (sizes from nn.Trace)",
		ZH: "几种大小的方形图像依次经过 conv1、pool1、conv2、pool2（大小由 nn.Trace 给出）"},
	"conv.errata.demo.flattenBad":  {EN: "fc1 expects 2304 features, but %s and %s", ZH: "fc1 需要 2304 个特征，但 %s，%s"},
	"conv.errata.demo.flattenGood": {EN: "%s and %s: the sizes fc1 fits", ZH: "%s，%s：这才是 fc1 适合的大小"},
	"conv.errata.demo.viewInput": {
		EN: "32×32 images give 64·8·8 = 4096 features each; a batch of B = 9",
		ZH: "32×32 的图像每张有 64·8·8 = 4096 个特征；批量大小 B = 9"},
	"conv.errata.demo.viewBad": {
		EN: "view(-1, 2304) gives %d rows; rows 0–3 hold images %s",
		ZH: "view(-1, 2304) 得到 %d 行；第 0–3 行包含的图像分别是 %s"},
	"conv.errata.demo.viewGood": {
		EN: "flatten(1) gives 9 rows of 4096, row $r$ is image $r$; then fc1 must be Linear(4096, 128)",
		ZH: "flatten(1) 得到 9 行、每行 4096 个数，第 $r$ 行就是第 $r$ 张图像；这时 fc1 必须是 Linear(4096, 128)"},
}

func init() { lessons.RegisterCatalog("conv", errataMessages) }
