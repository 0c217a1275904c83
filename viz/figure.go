package viz

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DefaultDPI is the resolution of a figure's PNG unless SetDPI changes it:
// twice the 96 pixels per inch a browser lays pages out with, so figures
// stay sharp on high-density screens and when a teacher zooms the page
// for a projector. The PNG says its resolution (a pHYs chunk), and the
// bundle Render gives the kernel carries the figure's size in CSS
// pixels, so it shows at its size in inches, not twice as large.
const DefaultDPI = 192

// cssDPI is the resolution of a CSS pixel.
const cssDPI = 96

// Figure is a finished picture: a title, a body (heatmap, grid of panels,
// plot, …) and a caption. The kernel shows it through PNG and SVG. The
// setters return the figure so calls chain:
//
//	viz.Heatmap(x).SetTitle("x").SetSize(5, 4)
type Figure struct {
	title   string
	caption string
	notes   []string // sentences viz adds about the data (NaN, masks)
	w, h    float64  // inches; 0 means the body's natural size
	dpi     int
	body    block
}

// block is a part of a figure that can say how big it would like to be
// and draw itself into any rectangle.
type block interface {
	natural() (w, h vg.Length)
	draw(c draw.Canvas)
	texts() []string // every string it draws (to find missing glyphs)
}

func newFigure(title string, body block) *Figure {
	return &Figure{title: title, body: body, dpi: DefaultDPI}
}

// SetTitle sets the title drawn at the top ("" for none).
func (f *Figure) SetTitle(t string) *Figure { f.title = t; return f }

// Title returns the title.
func (f *Figure) Title() string { return f.title }

// SetCaption sets the caption drawn under the body. Notes viz adds about
// the data (NaN values, masked cells) follow it.
func (f *Figure) SetCaption(c string) *Figure { f.caption = c; return f }

// Caption returns the whole caption as drawn: the text set with
// SetCaption followed by viz's notes about the data.
func (f *Figure) Caption() string {
	parts := []string{}
	if f.caption != "" {
		parts = append(parts, f.caption)
	}
	parts = append(parts, f.notes...)
	if n := f.glyphNote(); n != "" {
		parts = append(parts, n)
	}
	sep, end := ". ", "."
	if Lang() == "zh" {
		sep, end = "。", "。"
	}
	for i, p := range parts {
		parts[i] = strings.TrimRight(p, ".。 ")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, sep) + end
}

// SetSize sets the figure's size in inches. Both must be positive; it
// panics otherwise. Content is laid out again to fit (cells stay square).
func (f *Figure) SetSize(width, height float64) *Figure {
	if !(width > 0) || !(height > 0) || math.IsInf(width, 0) || math.IsInf(height, 0) {
		panic(fmt.Sprintf("viz: SetSize: expected a positive width and height in inches, got %g×%g", width, height))
	}
	f.w, f.h = width, height
	return f
}

// Size returns the figure's size in inches (its natural size unless
// SetSize was called).
func (f *Figure) Size() (width, height float64) {
	w, h := f.sizePt()
	return float64(w / vg.Inch), float64(h / vg.Inch)
}

// SetDPI sets the PNG resolution in dots per inch (1 to 1200); it panics
// otherwise. SVG output does not depend on it.
func (f *Figure) SetDPI(dpi int) *Figure {
	if dpi <= 0 || dpi > 1200 {
		panic(fmt.Sprintf("viz: SetDPI: expected 1 to 1200 dots per inch, got %d", dpi))
	}
	f.dpi = dpi
	return f
}

// DPI returns the PNG resolution.
func (f *Figure) DPI() int { return f.dpi }

// Layout constants, in points.
const (
	margin     = 8
	titleSize  = 14
	labelSize  = 11
	tickSize   = 10
	capSize    = 10
	titleGap   = 6
	captionGap = 6
)

func (f *Figure) titleStyle() draw.TextStyle {
	s := textStyle(titleSize, color.Black)
	s.Font.Weight = 3 // bold
	s.XAlign = text.XCenter
	s.YAlign = text.YTop
	return s
}

// textStyle is the style of all text in viz figures.
func textStyle(size vg.Length, c color.Color) draw.TextStyle {
	return draw.TextStyle{
		Color:   c,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: size},
		Handler: handler{fontStack},
	}
}

// chrome is the height taken by title and caption for a figure width w.
func (f *Figure) chrome(w vg.Length) (top, bottom vg.Length) {
	top, bottom = margin, margin
	if f.title != "" {
		top += vg.Length(len(wrap(f.title, f.titleStyle(), w-2*margin)))*titleSize*1.2 + titleGap
	}
	if c := f.Caption(); c != "" {
		cs := textStyle(capSize, color.Black)
		bottom += vg.Length(len(wrap(c, cs, w-2*margin)))*capSize*1.25 + captionGap
	}
	return top, bottom
}

func (f *Figure) sizePt() (w, h vg.Length) {
	if f.w > 0 {
		return vg.Length(f.w) * vg.Inch, vg.Length(f.h) * vg.Inch
	}
	bw, bh := f.body.natural()
	w = bw + 2*margin
	if f.title != "" {
		tw := f.titleStyle().Width(f.title) + 2*margin
		w = vg.Length(math.Max(float64(w), math.Min(float64(tw), 600)))
	}
	if f.Caption() != "" {
		w = vg.Length(math.Max(float64(w), 200)) // room for the caption to wrap
	}
	top, bottom := f.chrome(w)
	return w, bh + top + bottom
}

// draw lays out title, body and caption on c.
func (f *Figure) draw(c draw.Canvas) {
	w := c.Max.X - c.Min.X
	top, bottom := f.chrome(w)
	y := c.Max.Y - margin
	if f.title != "" {
		ts := f.titleStyle()
		for _, line := range wrap(f.title, ts, w-2*margin) {
			c.FillText(ts, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y}, line)
			y -= titleSize * 1.2
		}
	}
	if cp := f.Caption(); cp != "" {
		cs := textStyle(capSize, color.RGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff})
		cs.YAlign = text.YTop
		lines := wrap(cp, cs, w-2*margin)
		y := c.Min.Y + bottom - captionGap
		for _, line := range lines {
			c.FillText(cs, vg.Point{X: c.Min.X + margin, Y: y}, line)
			y -= capSize * 1.25
		}
	}
	body := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: c.Min.X + margin, Y: c.Min.Y + bottom},
		Max: vg.Point{X: c.Max.X - margin, Y: c.Max.Y - top},
	}}
	if body.Max.X-body.Min.X < 10 || body.Max.Y-body.Min.Y < 10 {
		return // too small for the body; SetSize accepted it, draw what fits
	}
	f.body.draw(body)
}

// wrap breaks s into lines no wider than w, at spaces (or between any
// two CJK characters).
func wrap(s string, sty draw.TextStyle, w vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapLine(para, sty, w)...)
	}
	return lines
}

func wrapLine(s string, sty draw.TextStyle, w vg.Length) []string {
	var lines []string
	cur := ""
	for _, word := range splitWords(s) {
		next := cur + word
		if cur != "" && sty.Width(strings.TrimRight(next, " ")) > w {
			lines = append(lines, strings.TrimRight(cur, " "))
			next = strings.TrimLeft(word, " ")
		}
		cur = next
	}
	return append(lines, strings.TrimRight(cur, " "))
}

// splitWords splits s into words that keep their trailing space; each
// CJK character is a word of its own.
func splitWords(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		switch {
		case r == ' ':
			out = append(out, s[start:i+1])
			start = i + 1
		case r >= 0x2E80:
			if i > start {
				out = append(out, s[start:i])
			}
			out = append(out, string(r))
			start = i + len(string(r))
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// PNG renders the figure as a PNG image at its DPI.
func (f *Figure) PNG() []byte {
	w, h := f.sizePt()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(f.dpi))
	f.draw(draw.New(rasterCanvas{c}))
	return encodePNG(c.Image().(*image.RGBA), f.dpi)
}

// smallPNG renders the figure as PNG with the best compression, for
// frames that are embedded many at a time (Player.HTML). It decodes to
// the same pixels as PNG.
func (f *Figure) smallPNG() []byte {
	w, h := f.sizePt()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(f.dpi))
	f.draw(draw.New(rasterCanvas{c}))
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, c.Image()); err != nil {
		panic("viz: PNG: " + err.Error())
	}
	return withPHYs(buf.Bytes(), f.dpi)
}

// cssSize is the figure's size in CSS pixels (96 per inch), which is how
// large a browser should show its PNG whatever the PNG's DPI.
func (f *Figure) cssSize() (w, h int) {
	wi, hi := f.Size()
	return int(math.Round(wi * cssDPI)), int(math.Round(hi * cssDPI))
}

// SVG renders the figure as an SVG document. Text stays text, with font
// families that fall back to common CJK fonts.
func (f *Figure) SVG() string {
	w, h := f.sizePt()
	c := vgsvg.New(w, h)
	f.draw(draw.New(svgCanvas{c}))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		panic("viz: SVG: " + err.Error())
	}
	return fixSVG(buf.String())
}

// glyphNote says which characters of the figure's text no font could
// draw (they show as empty boxes), or "" when every one could.
func (f *Figure) glyphNote() string {
	all := append([]string{f.title, f.caption}, f.notes...)
	all = append(all, f.body.texts()...)
	miss := missingIn(all...)
	if miss == "" {
		return ""
	}
	var codes []string
	for _, r := range miss {
		codes = append(codes, fmt.Sprintf("U+%04X", r))
	}
	return tr("glyphs", strings.Join(codes, " "))
}

// String describes the figure in one line, e.g. for a terminal.
func (f *Figure) String() string {
	w, h := f.Size()
	return fmt.Sprintf("viz.Figure %q (%.2g×%.2g in)", f.title, w, h)
}
