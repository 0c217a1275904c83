package conv

import (
	"bytes"
	_ "embed"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// photoPNG is Go's src/image/testdata/video-001.png (BSD licence; see
// data/README.md).
//
//go:embed data/video-001.png
var photoPNG []byte

// Image is a grey image with values in [0, 1] (0 black, 1 white), or any
// other single-channel map. In a cell it shows as a picture.
type Image struct {
	Pix  [][]float64 // rows of values
	Name string      // what it is, for the caption
}

// Photo returns the lessons' photograph as a grey 103×150 image: two people
// on a stage, from Go's own image test data (src/image/testdata/
// video-001.png), embedded so that it needs no Go installation. Grey is
// the luma 0.299 R + 0.587 G + 0.114 B.
func Photo() *Image {
	rgb := PhotoRGB()
	H, W := rgb.Shape[1], rgb.Shape[2]
	im := &Image{Pix: make([][]float64, H), Name: lessons.T("conv.photo.name")}
	for y := 0; y < H; y++ {
		im.Pix[y] = make([]float64, W)
		for x := 0; x < W; x++ {
			im.Pix[y][x] = 0.299*rgb.At(0, y, x) + 0.587*rgb.At(1, y, x) + 0.114*rgb.At(2, y, x)
		}
	}
	return im
}

var photoOnce struct {
	sync.Once
	t *nn.Tensor
}

// PhotoRGB returns the photograph as a (3, H, W) tensor of red, green and
// blue in [0, 1], the layout nn.Conv2d takes.
func PhotoRGB() *nn.Tensor {
	photoOnce.Do(func() {
		img, err := png.Decode(bytes.NewReader(photoPNG))
		if err != nil {
			panic("conv: the embedded photograph does not decode: " + err.Error())
		}
		b := img.Bounds()
		H, W := b.Dy(), b.Dx()
		t := nn.New(3, H, W)
		for y := 0; y < H; y++ {
			for x := 0; x < W; x++ {
				r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				t.Set(float64(r)/65535, 0, y, x)
				t.Set(float64(g)/65535, 1, y, x)
				t.Set(float64(bl)/65535, 2, y, x)
			}
		}
		photoOnce.t = t
	})
	return photoOnce.t.Clone()
}

// Size returns the height and width.
func (im *Image) Size() (h, w int) { return len(im.Pix), len(im.Pix[0]) }

// Tensor returns the image as (1, H, W), one channel.
func (im *Image) Tensor() *nn.Tensor {
	h, w := im.Size()
	t := nn.New(1, h, w)
	for y, r := range im.Pix {
		copy(t.Data[y*w:], r)
	}
	return t
}

// Crop returns the h×w part whose top-left corner is (row, col).
func (im *Image) Crop(row, col, h, w int) *Image {
	H, W := im.Size()
	if row < 0 || col < 0 || h < 1 || w < 1 || row+h > H || col+w > W {
		fail("conv.photo.crop", row, col, h, w, hw(H, W))
	}
	out := &Image{Name: im.Name, Pix: make([][]float64, h)}
	for y := range out.Pix {
		out.Pix[y] = append([]float64(nil), im.Pix[row+y][col:col+w]...)
	}
	return out
}

// PNG draws the image in grey, each value a square of pixels, scaled so
// that its smallest value is black and its largest white.
func (im *Image) PNG() []byte {
	H, W := im.Size()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range im.Pix {
		for _, v := range r {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi <= lo {
		hi = lo + 1
	}
	k := max(1, 300/max(H, W))
	img := image.NewGray(image.Rect(0, 0, W*k, H*k))
	for y := 0; y < H*k; y++ {
		for x := 0; x < W*k; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(math.Round(255 * (im.Pix[y/k][x/k] - lo) / (hi - lo)))})
		}
	}
	return encode(img)
}

// String describes the image.
func (im *Image) String() string {
	h, w := im.Size()
	return fmt.Sprintf("%s (%s)", im.Name, hw(h, w))
}

// Filter is a named 3×3 (or other) kernel.
type Filter struct {
	Name string      // e.g. "Sobel x"
	K    [][]float64 // the kernel
}

// EdgeFilters returns the classic hand-made kernels: Sobel x (responds to
// vertical edges: the intensity changes from left to right), Sobel y
// (horizontal edges), the Laplacian (edges in every direction) and a 3×3
// box blur for contrast. Written as cross-correlation kernels, the way
// nn.Conv2d applies them.
func EdgeFilters() []Filter {
	return []Filter{
		{lessons.T("conv.filter.sobelx"), [][]float64{{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}},
		{lessons.T("conv.filter.sobely"), [][]float64{{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}}},
		{lessons.T("conv.filter.laplace"), [][]float64{{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}},
		{lessons.T("conv.filter.blur"), [][]float64{{1. / 9, 1. / 9, 1. / 9}, {1. / 9, 1. / 9, 1. / 9}, {1. / 9, 1. / 9, 1. / 9}}},
	}
}

// ShowFilters draws the kernels side by side, each value written in its
// cell.
func ShowFilters(fs []Filter) Figures {
	syncLang()
	if len(fs) == 0 {
		fail("conv.filter.none")
	}
	out := make(Figures, len(fs))
	for k, f := range fs {
		out[k] = viz.Heatmap(f.K, viz.Options{Annotate: true, Title: f.Name}).SetSize(2.5, 2.2)
	}
	return out
}

// Maps are feature maps: the output of a convolution layer for one
// image, one map per filter. In a cell they show as small multiples, each
// with its own colour scale (blue negative, red positive), under a line
// saying that nn and mathref agree.
type Maps struct {
	Names []string          // one per map
	Y     *nn.Tensor        // (K, H, W)
	Ref   mathref.Tensor    // mathref.Conv2D's output, (K, H, W)
	Agree mathref.Closeness // Y against Ref
}

// ApplyFilters runs the filters over the image as one nn.Conv2d(1, K, k,
// padding=k/2, bias=False) layer (so each map keeps the image's size),
// checks the result against mathref.Conv2D, and returns the feature maps.
func ApplyFilters(im *Image, fs ...Filter) *Maps {
	if len(fs) == 0 {
		fs = EdgeFilters()
	}
	kh, kw := len(fs[0].K), len(fs[0].K[0])
	w := make([][][][]float64, len(fs))
	names := make([]string, len(fs))
	for k, f := range fs {
		if len(f.K) != kh || len(f.K[0]) != kw {
			fail("conv.filter.sizes", f.Name, hw(len(f.K), len(f.K[0])), hw(kh, kw))
		}
		w[k] = [][][]float64{f.K}
		names[k] = f.Name
	}
	c := New(im.Pix, w, Opts{Padding: kh / 2})
	return &Maps{Names: names, Y: c.Y, Ref: c.Ref, Agree: c.Agree}
}

// Map returns feature map k as an Image.
func (m *Maps) Map(k int) *Image {
	if k < 0 || k >= m.Y.Shape[0] {
		fail("conv.in.channel", "Map", k, m.Y.Shape[0], m.Y.Shape[0]-1)
	}
	H, W := m.Y.Shape[1], m.Y.Shape[2]
	return &Image{Name: m.Names[k], Pix: rows(m.Y.Data[k*H*W:], H, W)}
}

// Strength returns √(a² + b²) of maps a and b, pixel by pixel: with the
// two Sobel maps, the edge strength in every direction.
func (m *Maps) Strength(a, b int) *Image {
	A, B := m.Map(a), m.Map(b)
	out := &Image{Name: lessons.T("conv.filter.strength", A.Name, B.Name), Pix: make([][]float64, len(A.Pix))}
	for y := range A.Pix {
		out.Pix[y] = make([]float64, len(A.Pix[y]))
		for x := range A.Pix[y] {
			out.Pix[y][x] = math.Hypot(A.Pix[y][x], B.Pix[y][x])
		}
	}
	return out
}

// Figure draws the maps as small multiples, one colour scale per map.
func (m *Maps) Figure() *viz.Figure {
	syncLang()
	H, W := m.Y.Shape[1], m.Y.Shape[2]
	maps := make([][][]float64, m.Y.Shape[0])
	for k := range maps {
		maps[k] = rows(m.Y.Data[k*H*W:], H, W)
	}
	return viz.FeatureMaps(maps, viz.Options{Labels: m.Names, PerMap: true, Cols: min(len(maps), 2)}).SetSize(8, 6)
}

// PNG draws the maps.
func (m *Maps) PNG() []byte { return m.Figure().PNG() }

// HTML shows the check line and the maps.
func (m *Maps) HTML() string {
	return lessons.MarkdownHTML(agreeLine(m.Agree, "nn.Conv2d", "mathref.Conv2D")) + lessons.PNGImg(m.PNG())
}

// String describes the maps.
func (m *Maps) String() string {
	return fmt.Sprintf("feature maps %s: %s", shape(m.Y.Shape), strings.Join(m.Names, ", "))
}

// MaxPool returns the image max-pooled with a k×k window and stride k
// (nn.MaxPool2d, checked against mathref.MaxPool2D): a k-times smaller
// image that keeps the strongest response of each block.
func (im *Image) MaxPool(k int) *Image { return im.pool(k, false) }

// AvgPool returns the image average-pooled with a k×k window and stride k.
func (im *Image) AvgPool(k int) *Image { return im.pool(k, true) }

func (im *Image) pool(k int, avg bool) *Image {
	q := NewPool(im.Pix, PoolOpts{Size: k, Avg: avg})
	if !q.Agree.OK {
		fail("conv.filter.poolBad", q.Agree.String())
	}
	name := lessons.T("conv.photo.maxpool", im.Name, k, k)
	if avg {
		name = lessons.T("conv.photo.avgpool", im.Name, k, k)
	}
	return &Image{Name: name, Pix: q.Output(0)}
}

var photoMessages = lessons.Catalog{
	"conv.photo.name": {EN: "photograph (Go's image/testdata/video-001.png)", ZH: "照片（Go 的 image/testdata/video-001.png）"},
	"conv.photo.crop": {
		EN: "Crop(%d, %d, %d, %d) reaches outside the %s image: the rows row…row+h−1 and columns col…col+w−1 must be inside it",
		ZH: "Crop(%d, %d, %d, %d) 超出了 %s 的图像：第 row…row+h−1 行和第 col…col+w−1 列必须都在图像内"},
	"conv.photo.maxpool":   {EN: "%s, max pooling %d×%d", ZH: "%s，%d×%d 最大池化"},
	"conv.photo.avgpool":   {EN: "%s, average pooling %d×%d", ZH: "%s，%d×%d 平均池化"},
	"conv.filter.sobelx":   {EN: "Sobel x (vertical edges)", ZH: "Sobel x（竖直边缘）"},
	"conv.filter.sobely":   {EN: "Sobel y (horizontal edges)", ZH: "Sobel y（水平边缘）"},
	"conv.filter.laplace":  {EN: "Laplacian (all edges)", ZH: "拉普拉斯（各方向边缘）"},
	"conv.filter.blur":     {EN: "box blur", ZH: "均值模糊"},
	"conv.filter.strength": {EN: "edge strength √(%s² + %s²)", ZH: "边缘强度 √(%s² + %s²)"},
	"conv.filter.none":     {EN: "no filters: pass at least one conv.Filter", ZH: "没有卷积核：请至少传一个 conv.Filter"},
	"conv.filter.sizes": {
		EN: "every filter of one layer must have the same size: %q is %s, the first one %s",
		ZH: "同一层的卷积核大小必须相同：%q 是 %s，第一个是 %s"},
	"conv.filter.poolBad": {EN: "⚠ ❌ nn and mathref disagree on the pooling: %s", ZH: "⚠ ❌ nn 与 mathref 的池化结果不一致：%s"},
}

func init() { lessons.RegisterCatalog("conv", photoMessages) }
