package viz

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// tokens returns n labels "a0", "a1", ….
func tokens(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("a%d", i)
	}
	return out
}

func zeros(r, c int) [][]float64 {
	x := make([][]float64, r)
	for i := range x {
		x[i] = make([]float64, c)
	}
	return x
}

// TestTickLabelsAllShown checks that axes of up to maxAllTicks rows or
// columns get a label on every row and column (shrunk or turned, not
// thinned), at the natural size and at a size a lesson sets, and that
// longer axes are thinned.
func TestTickLabelsAllShown(t *testing.T) {
	for _, c := range []struct {
		name   string
		h      *heat
		w, ht  vg.Length // box; 0 = natural size
		thinOK bool
	}{
		{"24 units × 45 tokens, natural", heatFrom("t", rowsOf("t", zeros(24, 45)), Options{XTicks: tokens(45)}), 0, 0, false},
		{"24 units × 45 tokens, 11×5.4 in", heatFrom("t", rowsOf("t", zeros(24, 45)), Options{XTicks: tokens(45)}), 11 * 72, 5 * 72, true},
		{"16 units × 13 steps", heatFrom("t", rowsOf("t", zeros(16, 13)), Options{}), 0, 0, false},
		{"2 units × 3 steps in a small panel", heatFrom("t", rowsOf("t", zeros(2, 3)), Options{XTicks: []string{"1", "2", "3"}}), 120, 60, false},
		{"40 numbered rows", heatFrom("t", rowsOf("t", zeros(40, 40)), Options{}), 0, 0, false},
	} {
		w, ht := c.w, c.ht
		if w == 0 {
			w, ht = c.h.natural()
		}
		L := c.h.layout(w, ht, 1e6)
		if L.yStep != 1 || (!c.thinOK && L.xStep != 1) {
			t.Errorf("%s: labels every %d rows and %d columns (font %.1f pt, cell %.1f pt), want every one",
				c.name, L.yStep, L.xStep, L.tickSz, L.cell)
		}
		if L.tickSz < minTick {
			t.Errorf("%s: tick labels %.1f pt, below %d", c.name, L.tickSz, minTick)
		}
	}
	// Numbered axes too long to label every row keep the compact size.
	if w, _ := Heatmap(zeros(64, 64)).Size(); w > 5 {
		t.Errorf("64×64 heatmap is %.1f in wide at its natural size, want at most 5", w)
	}
	big := heatFrom("t", rowsOf("t", zeros(256, 256)), Options{})
	w, ht := big.natural()
	if L := big.layout(w, ht, 1e6); L.yStep == 1 || L.xStep == 1 {
		t.Errorf("256×256: labels every %d rows, %d columns; want them thinned", L.yStep, L.xStep)
	}
}

// TestColourBarLabels checks that every colour bar has at least two
// labelled ticks, also on a one-row heatmap, and that the bar of a short
// heatmap is no shorter than minBar.
func TestColourBarLabels(t *testing.T) {
	for _, r := range [][2]float64{{0, 1}, {-0.97, 0.97}, {1, 4}, {-4, 4}, {0.002, 0.934}, {-1e-3, 2e-3}, {3, 3.0001}} {
		for n := 2; n <= 5; n++ {
			if ticks := niceTicks(r[0], r[1], n); len(ticks) < 2 {
				t.Errorf("niceTicks(%g, %g, %d) = %v: fewer than 2 ticks", r[0], r[1], n, ticks)
			}
		}
	}
	h := heatFrom("t", rowsOf("t", [][]float64{{0.3, 0.7}}), Options{})
	w, ht := h.natural()
	L := h.layout(w, ht, 1e6)
	if room := L.cell + L.top + L.bottom; room < minBar {
		t.Errorf("one-row heatmap: %.1f pt of height, want at least %d for its colour bar", room, minBar)
	}
}

// TestLegendWraps checks that a legend wider than its plot goes on
// several rows, each no wider than the plot, and that plots side by side
// leave room for the same number of rows.
func TestLegendWraps(t *testing.T) {
	var series []Series
	for k := 0; k < 5; k++ {
		series = append(series, Series{Name: fmt.Sprintf("series number %d", k), Y: []float64{1, 2, 3}})
	}
	f := Curves(series)
	pb := f.body.(*row).items[0].(plotBlock)
	rows := pb.legendRows(pb.w)
	if len(rows) < 2 {
		t.Fatalf("5 long names in a %.0f pt plot: %d legend row(s), want 2 or more", pb.w, len(rows))
	}
	ts := textStyle(tickSize, nil)
	for i, r := range rows {
		var w vg.Length
		for k, key := range r {
			if k > 0 {
				w += legendGap
			}
			w += legendSample + 4 + ts.Width(key.name)
		}
		if w > pb.w {
			t.Errorf("legend row %d is %.0f pt wide, more than the plot's %.0f", i, w, pb.w)
		}
	}
	if _, h := f.Size(); h*72 < float64(pb.h+legendH*vg.Length(len(rows))) {
		t.Errorf("figure %.2f in high does not hold the plot and %d legend rows", h, len(rows))
	}
}

// TestPanelsFitNotebook checks that automatic columns keep a figure of
// panels within maxNaturalW, in balanced rows, and that tick labels and
// axis names go on the outer panels only.
func TestPanelsFitNotebook(t *testing.T) {
	ws := make([][][]float64, 4)
	for k := range ws {
		ws[k] = zeros(6, 6)
	}
	toks := tokens(6)
	f := AttentionHeads(ws, toks, toks, Options{Annotate: true})
	p := f.body.(*panels)
	if w, _ := p.natural(); w > maxNaturalW || p.cols != 2 {
		t.Errorf("4 heads of 6×6: %d columns, %.0f pt wide; want 2 columns within %d pt", p.cols, w, maxNaturalW)
	}
	for k, h := range p.items {
		left, bottom := k%2 == 0, k >= 2
		if h.noYTicks == left || (h.yl != "") != left || h.noXTicks == bottom || (h.xl != "") != bottom {
			t.Errorf("head %d: y ticks %v, y name %q, x ticks %v, x name %q", k, !h.noYTicks, h.yl, !h.noXTicks, h.xl)
		}
	}
	if f := AttentionHeads(ws, toks, toks, Options{Cols: 4}); f.body.(*panels).cols != 4 {
		t.Error("Cols: 4 not kept")
	}
}

// TestConvSumWording checks the written-out sum of a large kernel: no
// value follows the words without an "=", so no minus sign reads as a
// subtraction.
func TestConvSumWording(t *testing.T) {
	x := zeros(5, 5)
	x[2][2] = -2
	k := zeros(5, 5)
	k[2][2] = 1
	for _, c := range []struct {
		lang string
		o    Options
		want string
	}{
		{"en", Options{}, "y(0, 0) = sum of the 25 products = -2"},
		{"en", Options{Bias: 1}, "y(0, 0) = (sum of the 25 products = -2) + bias 1 = -1"},
		{"zh", Options{}, "y(0, 0) = 25 个乘积之和 = -2"},
	} {
		SetLang(c.lang)
		got := ConvSum(x, k, 0, 0, c.o)
		SetLang("en")
		if got != c.want {
			t.Errorf("%s %+v: %q, want %q", c.lang, c.o, got, c.want)
		}
	}
}

// TestRenderBundle checks the bundle the kernel shows: a PNG at
// DefaultDPI that says so in a pHYs chunk, and metadata giving the size
// in CSS pixels (96 per inch), so the figure shows at its size in
// inches, sharp on high-density screens.
func TestRenderBundle(t *testing.T) {
	f := Heatmap([][]float64{{0, 1}, {1, 0}}, Options{Title: "t"}).SetSize(3, 2)
	b := f.Render()
	data, _ := b.Data["image/png"].([]byte)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != 3*DefaultDPI {
		t.Errorf("PNG %d px wide, want %d (3 in at %d dpi)", got, 3*DefaultDPI, DefaultDPI)
	}
	md, _ := b.Metadata["image/png"].(map[string]any)
	if md["width"] != 288 || md["height"] != 192 {
		t.Errorf("metadata %v, want width 288, height 192 (CSS px)", md)
	}
	if ppm := physPPM(t, data); ppm != uint32(math.Round(DefaultDPI/0.0254)) {
		t.Errorf("pHYs %d px/m, want %d dpi", ppm, DefaultDPI)
	}
	p := ConvPlayer([][]float64{{1, 2}, {3, 4}}, [][]float64{{1}})
	pb := p.Render()
	if pb.Data["text/html"] == nil || pb.Metadata["image/png"] == nil {
		t.Errorf("player bundle: %v keys, metadata %v", len(pb.Data), pb.Metadata)
	}
	frame := p.Frame(1).smallPNG()
	if ppm := physPPM(t, frame); ppm != uint32(math.Round(DefaultDPI/0.0254)) {
		t.Errorf("player frame pHYs %d px/m", ppm)
	}
	if _, err := png.Decode(bytes.NewReader(frame)); err != nil {
		t.Errorf("player frame with pHYs does not decode: %v", err)
	}
}

// TestCSSSize checks the CSS size read back from PNGs: a figure's PNG at
// 192 and at 150 dpi, EncodePNG's, and a PNG without pHYs (image/png's).
func TestCSSSize(t *testing.T) {
	f := Heatmap([][]float64{{1}}).SetSize(2, 1)
	for _, c := range []struct {
		name string
		p    []byte
		w, h int
	}{
		{"192 dpi", f.PNG(), 192, 96},
		{"150 dpi", f.SetDPI(150).PNG(), 192, 96},
		{"EncodePNG 288", EncodePNG(image.NewRGBA(image.Rect(0, 0, 300, 60)), 288), 100, 20},
		{"no pHYs", stdPNG(t, 30, 20), 30, 20},
	} {
		w, h, ok := CSSSize(c.p)
		if !ok || w != c.w || h != c.h {
			t.Errorf("%s: CSSSize = %d×%d (%v), want %d×%d", c.name, w, h, ok, c.w, c.h)
		}
	}
	if _, _, ok := CSSSize([]byte("GIF89a")); ok {
		t.Error("CSSSize accepted a GIF")
	}
	wantPanic(t, func() { EncodePNG(image.NewRGBA(image.Rect(0, 0, 1, 1)), 0) }, "EncodePNG", "1 to 1200", "got 0")
}

func stdPNG(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wantPanic(t *testing.T, f func(), parts ...string) {
	t.Helper()
	defer func() {
		msg := fmt.Sprint(recover())
		for _, p := range append([]string{"viz: "}, parts...) {
			if !strings.Contains(msg, p) {
				t.Errorf("panic %q lacks %q", msg, p)
			}
		}
	}()
	f()
}

// physPPM returns the pixels per metre of p's pHYs chunk, which must
// come right after IHDR.
func physPPM(t *testing.T, p []byte) uint32 {
	t.Helper()
	const at = 8 + 25
	if len(p) < at+21 || string(p[at+4:at+8]) != "pHYs" || p[at+16] != 1 {
		t.Fatalf("no pHYs chunk after IHDR")
	}
	x, y := binary.BigEndian.Uint32(p[at+8:]), binary.BigEndian.Uint32(p[at+12:])
	if x != y {
		t.Errorf("pHYs: %d × %d px/m, not square", x, y)
	}
	return x
}

// TestGlyphNote checks that a figure names, in its caption and in the
// current language, the characters no font could draw, and that a figure
// whose text every font covers says nothing.
func TestGlyphNote(t *testing.T) {
	r := rune(0x10FFFC) // private use: in no font
	f := Heatmap([][]float64{{1, 2}}, Options{XTicks: []string{"a" + string(r), "b"}})
	if c := f.Caption(); !strings.Contains(c, "U+10FFFC") || !strings.Contains(c, "fonts-noto-cjk") {
		t.Errorf("caption %q does not name U+10FFFC", c)
	}
	SetLang("zh")
	c := f.Caption()
	SetLang("en")
	if !strings.Contains(c, "没有字体能显示 U+10FFFC") {
		t.Errorf("zh caption %q", c)
	}
	if c := Heatmap([][]float64{{1}}, Options{Title: "注意力 attention"}).Caption(); c != "" {
		t.Errorf("caption %q for text every font has", c)
	}
	if len(f.PNG()) == 0 {
		t.Error("no PNG")
	}
}
