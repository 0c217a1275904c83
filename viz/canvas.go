package viz

import (
	"image"
	"image/color"
	"math"
	"strings"

	xdraw "golang.org/x/image/draw"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// rasterCanvas draws images pixel for pixel (nearest neighbour) instead
// of vgimg's bilinear smoothing, so heatmap cells keep sharp edges. viz
// draws images only with no transform in effect.
type rasterCanvas struct{ *vgimg.Canvas }

// DrawImage draws img into r pixel for pixel (nearest neighbour).
func (c rasterCanvas) DrawImage(r vg.Rectangle, img image.Image) {
	dpi := c.DPI()
	dst := c.Image()
	h := dst.Bounds().Dy()
	px := func(l vg.Length) int { return int(math.Round(l.Dots(dpi))) }
	rect := image.Rect(px(r.Min.X), h-px(r.Max.Y), px(r.Max.X), h-px(r.Min.Y))
	d, ok1 := dst.(*image.RGBA)
	s, ok2 := img.(*image.RGBA)
	if !ok1 || !ok2 {
		xdraw.NearestNeighbor.Scale(dst, rect, img, img.Bounds(), xdraw.Over, nil)
		return
	}
	scaleNN(d, rect.Intersect(d.Bounds()), rect, s)
}

// scaleNN draws opaque src over the rectangle full of dst (clipped to
// clip) by nearest neighbour: each destination pixel takes the source
// pixel it falls in. Rows that repeat the row above are copied whole.
func scaleNN(dst *image.RGBA, clip, full image.Rectangle, src *image.RGBA) {
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	fw, fh := full.Dx(), full.Dy()
	if fw <= 0 || fh <= 0 || clip.Empty() {
		return
	}
	prevSy, prevRow := -1, -1
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		sy := (2*(y-full.Min.Y) + 1) * sh / (2 * fh) // sample at pixel centres
		o := dst.PixOffset(clip.Min.X, y)
		row := dst.Pix[o : o+4*clip.Dx()]
		if sy == prevSy {
			po := dst.PixOffset(clip.Min.X, prevRow)
			copy(row, dst.Pix[po:po+4*clip.Dx()])
			prevRow = y
			continue
		}
		srow := src.Pix[src.PixOffset(src.Bounds().Min.X, src.Bounds().Min.Y+sy):]
		for x := clip.Min.X; x < clip.Max.X; x++ {
			sx := (2*(x-full.Min.X) + 1) * sw / (2 * fw)
			copy(row[4*(x-clip.Min.X):4*(x-clip.Min.X)+4], srow[4*sx:4*sx+4])
		}
		prevSy, prevRow = sy, y
	}
}

// svgCanvas enlarges small images by a whole factor before embedding
// them, so that viewers which smooth images anyway keep cells sharp, and
// hands them over as paletted images when they have at most 256 colours
// (smaller and faster to encode than RGB).
type svgCanvas struct{ *vgsvg.Canvas }

// DrawImage embeds img, enlarged when small, as a PNG.
func (c svgCanvas) DrawImage(r vg.Rectangle, img image.Image) {
	b := img.Bounds()
	k := 1
	for m := max(b.Dx(), b.Dy()); m*k < 128 && k < 32; k *= 2 {
	}
	c.Canvas.DrawImage(r, enlarge(img, k))
}

// enlarge scales img up k times by repeating pixels, as a paletted image
// when it has at most 256 colours.
func enlarge(img image.Image, k int) image.Image {
	b := img.Bounds()
	var pal color.Palette
	index := map[color.RGBA]uint8{}
	src := make([]uint8, 0, b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				if len(pal) == 256 {
					return enlargeRGBA(img, k)
				}
				i = uint8(len(pal))
				index[c] = i
				pal = append(pal, c)
			}
			src = append(src, i)
		}
	}
	out := image.NewPaletted(image.Rect(0, 0, b.Dx()*k, b.Dy()*k), pal)
	for y := 0; y < b.Dy()*k; y++ {
		row := src[(y/k)*b.Dx():]
		for x := 0; x < b.Dx()*k; x++ {
			out.Pix[y*out.Stride+x] = row[x/k]
		}
	}
	return out
}

func enlargeRGBA(img image.Image, k int) image.Image {
	if k == 1 {
		return img
	}
	b := img.Bounds()
	big := image.NewRGBA(image.Rect(0, 0, b.Dx()*k, b.Dy()*k))
	xdraw.NearestNeighbor.Scale(big, big.Bounds(), img, b, xdraw.Src, nil)
	return big
}

// Font families written into SVG: each face's family is widened into a
// list that a browser can fall back along.
var svgFamilies = [][2]string{
	{"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"},
	{"font-family:Stepwise CJK SC Subset;", cjkFamilies},
	{"font-family:Noto Sans CJK SC;", cjkFamilies},
	{"font-family:WenQuanYi Micro Hei;", cjkFamilies},
}

const cjkFamilies = "font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei'," +
	"'Microsoft YaHei','PingFang SC','Hiragino Sans GB','Heiti SC',sans-serif;"

// fixSVG widens font families, lets images fill their rectangles (colour
// bars are 1 pixel wide) and asks viewers not to smooth images.
func fixSVG(s string) string {
	for _, f := range svgFamilies {
		s = strings.ReplaceAll(s, f[0], f[1])
	}
	s = strings.ReplaceAll(s, "<image ", `<image preserveAspectRatio="none" style="image-rendering:pixelated;image-rendering:crisp-edges" `)
	return strings.ReplaceAll(s, "data:image/jpg;base64,", "data:image/png;base64,")
}
