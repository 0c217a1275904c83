package conv

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/stepwise-go/stepwise/viz"
)

// stackPNG renders figures as one PNG, one under the other on white.
func stackPNG(figs []*viz.Figure) []byte {
	if len(figs) == 1 {
		return figs[0].PNG()
	}
	var imgs []image.Image
	w, h := 0, 0
	for _, f := range figs {
		img, err := png.Decode(bytes.NewReader(f.PNG()))
		if err != nil {
			panic("conv: decoding a figure: " + err.Error())
		}
		imgs = append(imgs, img)
		w = max(w, img.Bounds().Dx())
		h += img.Bounds().Dy()
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	y := 0
	for _, img := range imgs {
		b := img.Bounds()
		draw.Draw(out, image.Rect(0, y, b.Dx(), y+b.Dy()), img, b.Min, draw.Over)
		y += b.Dy()
	}
	return encode(out)
}

// Figures are figures shown side by side, as one PNG.
type Figures []*viz.Figure

// PNG renders the figures in a row on white.
func (fs Figures) PNG() []byte {
	var imgs []image.Image
	w, h := 0, 0
	for _, f := range fs {
		img, err := png.Decode(bytes.NewReader(f.PNG()))
		if err != nil {
			panic("conv: decoding a figure: " + err.Error())
		}
		imgs = append(imgs, img)
		w += img.Bounds().Dx()
		h = max(h, img.Bounds().Dy())
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	x := 0
	for _, img := range imgs {
		b := img.Bounds()
		draw.Draw(out, image.Rect(x, 0, x+b.Dx(), b.Dy()), img, b.Min, draw.Over)
		x += b.Dx()
	}
	return encode(out)
}

// String lists the figures' titles.
func (fs Figures) String() string {
	s := ""
	for k, f := range fs {
		if k > 0 {
			s += ", "
		}
		s += f.Title()
	}
	return s
}

// encode writes img as PNG.
func encode(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic("conv: encoding PNG: " + err.Error())
	}
	return buf.Bytes()
}
