package conv

import (
	"fmt"
	"strings"
	"sync"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
)

// seedFeatureLayers is the seed CNN's feature layers (conv1 … flatten)
// with zero weights, built once: seedShapes only traces shapes through
// them, and building them for each exercise at start-up would allocate
// megabytes in every kernel.
var seedFeatureLayers = sync.OnceValue(func() *nn.Sequential {
	conv := func(in, out int) *nn.Conv2d {
		return &nn.Conv2d{InChannels: in, OutChannels: out, Groups: 1, KernelSize: [2]int{3, 3},
			Stride: [2]int{1, 1}, Padding: [2]int{1, 1}, Dilation: [2]int{1, 1}, Weight: nn.New(out, in, 3, 3), Bias: nn.New(out)}
	}
	return nn.NewSequential().
		Add("conv1", conv(3, 32)).Add("relu1", nn.NewReLU()).Add("pool1", nn.NewMaxPool2d(2, nn.Stride(2))).
		Add("conv2", conv(32, 64)).Add("relu2", nn.NewReLU()).Add("pool2", nn.NewMaxPool2d(2, nn.Stride(2))).
		Add("flatten", nn.NewFlatten())
})

// seedShapes returns the output shapes of the seed CNN's feature layers
// (conv1 … flatten) for a batch of B h×w images. The layers have zero
// weights, so it does not draw from nn's random source.
func seedShapes(B, h, w int) (names []string, shapes [][]int, err error) {
	tr := nn.Trace(seedFeatureLayers(), B, 3, h, w)
	for _, r := range tr.Rows {
		names, shapes = append(names, r.Name), append(shapes, r.Out)
	}
	return names, shapes, tr.Err
}

// seedFeatures returns the number of features the seed CNN flattens for
// an h×h image: 64·⌊h/4⌋².
func seedFeatures(h int) int {
	_, shapes, err := seedShapes(1, h, h)
	if err != nil {
		panic("conv: " + err.Error())
	}
	return shapes[len(shapes)-1][1]
}

// View is what the seed's x.view(-1, 64*6*6) does to a batch: B images of
// PerImage features each, cut into rows of RowLen.
type View struct {
	B, H, W  int   // batch size and image size
	PerImage int   // features per image after pool2: 64·⌊H/4⌋·⌊W/4⌋
	RowLen   int   // 2304 = 64·6·6, what the seed's view asks for
	Rows     int   // the number of rows the view gives, 0 if it fails
	Err      error // the view's error when B·PerImage is not a multiple of RowLen
}

// ViewRows works out x.view(-1, 2304) for a batch of B h×w images, with
// nn's View layer on the shape nn's layers give.
func ViewRows(B, h, w int) View {
	if B < 1 || h < 4 || w < 4 {
		fail("conv.view.range", B, h, w)
	}
	_, shapes, err := seedShapes(B, h, w)
	if err != nil {
		panic("conv: " + err.Error())
	}
	v := View{B: B, H: h, W: w, PerImage: shapes[len(shapes)-1][1], RowLen: 64 * 6 * 6}
	pooled := shapes[len(shapes)-2] // (B, 64, h/4, w/4)
	v.Err = nn.Try(func() { v.Rows = nn.NewView(-1, v.RowLen).OutShape(pooled)[0] })
	return v
}

// Images lists the images row r of the view draws its features from, e.g.
// "{0,1}".
func (v View) Images(r int) string {
	if r < 0 || r >= v.Rows {
		fail("conv.view.rowRange", r, v.Rows)
	}
	first, last := r*v.RowLen/v.PerImage, ((r+1)*v.RowLen-1)/v.PerImage
	ids := make([]string, 0, last-first+1)
	for k := first; k <= last; k++ {
		ids = append(ids, fmt.Sprint(k))
	}
	return "{" + strings.Join(ids, ",") + "}"
}

// Mixed reports whether some row holds features of more than one image.
func (v View) Mixed() bool {
	for r := 0; r < v.Rows; r++ {
		if strings.Contains(v.Images(r), ",") {
			return true
		}
	}
	return false
}

// Markdown shows the view row by row: which features of which images.
func (v View) Markdown() string {
	var b strings.Builder
	b.WriteString(lessons.T("conv.view.head", v.B, hw(v.H, v.W), v.PerImage, v.B*v.PerImage, v.RowLen) + "\n\n")
	if v.Err != nil {
		b.WriteString(lessons.T("conv.view.fails", v.B*v.PerImage, v.RowLen) + "\n\n```text\n" + v.Err.Error() + "\n```\n")
		return b.String()
	}
	fmt.Fprintf(&b, "| %s | %s | %s |\n|---:|---|---|\n", lessons.T("conv.view.row"), lessons.T("conv.view.features"), lessons.T("conv.view.images"))
	for r := 0; r < v.Rows; r++ {
		mark := ""
		if strings.Contains(v.Images(r), ",") {
			mark = " ⚠"
		}
		fmt.Fprintf(&b, "| %d | %d … %d | %s%s |\n", r, r*v.RowLen, (r+1)*v.RowLen-1, v.Images(r), mark)
	}
	b.WriteString("\n")
	switch {
	case v.Mixed():
		b.WriteString(lessons.T("conv.view.mixed", v.Rows, v.B))
	case v.Rows != v.B:
		b.WriteString(lessons.T("conv.view.split", v.Rows, v.B))
	default:
		b.WriteString(lessons.T("conv.view.fine"))
	}
	return b.String()
}

var viewMessages = lessons.Catalog{
	"conv.view.range":    {EN: "ViewRows needs a batch size ≥ 1 and images of at least 4×4; got B = %d, %d×%d", ZH: "ViewRows 要求批量大小 ≥ 1、图像至少 4×4；实际 B = %d，%d×%d"},
	"conv.view.row":      {EN: "row", ZH: "行"},
	"conv.view.rowRange": {EN: "row %d does not exist: the view has %d rows", ZH: "第 %d 行不存在：view 只有 %d 行"},
	"conv.view.head": {
		EN: "A batch of %d images of %s gives %d features per image after pool2, %d in all; `x.view(-1, %d)` cuts them into rows of that length.",
		ZH: "一个批量的 %d 张 %s 图像，经过 pool2 后每张有 %d 个特征，共 %d 个；`x.view(-1, %d)` 把它们切成这个长度的行。"},
	"conv.view.fails": {
		EN: "%d is not a multiple of %d, so the view fails:",
		ZH: "%d 不是 %d 的倍数，所以 view 失败了："},
	"conv.view.features": {EN: "features (flat index)", ZH: "特征（展平后的下标）"},
	"conv.view.images":   {EN: "from images", ZH: "来自哪些图像"},
	"conv.view.mixed": {
		EN: "⚠ The view runs without an error, but it returns %d rows for %d images, and the rows marked ⚠ mix features of two images: the classifier then scores pieces of images. Training stops at the loss (the row count does not match the labels), but code that only predicts runs on garbage.",
		ZH: "⚠ view 没有报错，却为 %[2]d 张图像返回了 %[1]d 行，而标了 ⚠ 的行混合了两张图像的特征：分类器打分的是图像的碎片。训练时会在损失函数处出错（行数和标签数对不上），但只做预测的代码会在垃圾数据上照常运行。"},
	"conv.view.split": {
		EN: "The view gives %d rows for %d images: each image is split over several rows.",
		ZH: "view 为 %[2]d 张图像给出了 %[1]d 行：每张图像被拆到了好几行里。"},
	"conv.view.fine": {EN: "✓ One row per image: at this size the seed's view is right.", ZH: "✓ 每张图像一行：在这个大小下，种子文档的 view 是对的。"},
}

func init() { lessons.RegisterCatalog("conv", viewMessages) }
