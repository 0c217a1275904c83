package viz

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPalettesMatchReference compares viridis and cividis, interpolated
// from 33 control points, with all 256 entries of matplotlib's tables
// (testdata/palettes_ref.txt, written by testdata/gen_palettes.py).
// Tolerance: 2.5/255 per channel, one rounding step plus the
// interpolation error at cividis's kink near entry 23, where its red
// channel leaves 0 (2.08/255; elsewhere under 1.5/255).
func TestPalettesMatchReference(t *testing.T) {
	f, err := os.Open("testdata/palettes_ref.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pals := map[string]*Palette{"viridis": Viridis, "cividis": Cividis}
	sc := bufio.NewScanner(f)
	n, worst := 0, 0.0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		var name string
		var i int
		var r, g, b float64
		if _, err := fmt.Sscan(sc.Text(), &name, &i, &r, &g, &b); err != nil {
			t.Fatal(err)
		}
		got := pals[name].At(float64(i) / 255)
		for k, want := range []float64{r, g, b} {
			d := math.Abs(float64([]uint8{got.R, got.G, got.B}[k])/255 - want)
			worst = math.Max(worst, d)
			if d > 2.5/255 {
				t.Errorf("%s[%d] channel %d: got %v, want %.4f (diff %.4f > 2.5/255)", name, i, k, got, want, d)
			}
		}
		n++
	}
	if n != 512 {
		t.Fatalf("read %d reference colours, want 512", n)
	}
	t.Logf("largest difference %.4f (%.2f/255)", worst, worst*255)
}

// TestBlueRed checks the diverging palette's published control points
// (ColorBrewer RdBu, reversed): ends and the near-white centre.
func TestBlueRed(t *testing.T) {
	for _, c := range []struct {
		t    float64
		want color.RGBA
	}{
		{0, color.RGBA{0x05, 0x30, 0x61, 0xff}},
		{0.5, color.RGBA{0xf7, 0xf7, 0xf7, 0xff}},
		{1, color.RGBA{0x67, 0x00, 0x1f, 0xff}},
		{0.1, color.RGBA{0x21, 0x66, 0xac, 0xff}},
	} {
		if got := BlueRed.At(c.t); got != c.want {
			t.Errorf("BlueRed.At(%g) = %v, want %v", c.t, got, c.want)
		}
	}
}

func TestAutoScale(t *testing.T) {
	for _, c := range []struct {
		name   string
		lo, hi float64
		rng    []float64
		wantLo float64
		wantHi float64
		pal    *Palette
	}{
		{"signed → symmetric diverging", -1, 3, nil, -3, 3, BlueRed},
		{"non-positive → diverging", -2, 0, nil, -2, 2, BlueRed},
		{"[0,1] → fixed [0,1] viridis", 0.1, 0.4, nil, 0, 1, Viridis},
		{"positive → own range", 2, 7, nil, 2, 7, Viridis},
		{"constant → widened", 5, 5, nil, 4.5, 5.5, Viridis},
		{"range given", 0, 0.5, []float64{-1, 1}, -1, 1, BlueRed},
	} {
		s := autoScale(c.lo, c.hi, c.rng, nil)
		if s.lo != c.wantLo || s.hi != c.wantHi || s.pal != c.pal {
			t.Errorf("%s: got [%g, %g] %s, want [%g, %g] %s", c.name, s.lo, s.hi, s.pal.Name(), c.wantLo, c.wantHi, c.pal.Name())
		}
	}
}

// TestInk checks that cell values are written in black on light cells
// and white on dark ones.
func TestInk(t *testing.T) {
	white, black := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}
	for _, c := range []struct {
		bg   color.RGBA
		want color.RGBA
	}{
		{Viridis.At(0), white}, {Viridis.At(1), black}, {BlueRed.At(0), white},
		{BlueRed.At(0.5), black}, {BlueRed.At(1), white}, {Cividis.At(0), white},
	} {
		if got := inkOn(c.bg); got != c.want {
			t.Errorf("inkOn(%v) = %v, want %v", c.bg, got, c.want)
		}
	}
}

// TestCellColours checks the raster fed to the canvas: one pixel per
// cell, row 0 at the top, NaN in NaNColor, masked cells in MaskColor.
func TestCellColours(t *testing.T) {
	m := rowsOf("t", [][]float64{{-2, 0, 2}, {1, math.NaN(), -1}})
	h := heatFrom("t", m, Options{Mask: [][]bool{{false, false, true}, {false, false, false}}})
	img := h.raster()
	if b := img.Bounds(); b.Dx() != 3 || b.Dy() != 2 {
		t.Fatalf("raster is %v, want 3×2", b)
	}
	for _, c := range []struct {
		i, j int
		want color.RGBA
	}{
		// The scale is [-2, 2]; value v takes entry round(255·(v+2)/4) of
		// the palette's 256-colour table.
		{0, 0, BlueRed.lut[0]}, {0, 1, BlueRed.lut[128]}, {0, 2, MaskColor},
		{1, 0, BlueRed.lut[191]}, {1, 1, NaNColor}, {1, 2, BlueRed.lut[64]},
	} {
		if got := img.RGBAAt(c.j, c.i); got != c.want {
			t.Errorf("cell (%d, %d) = %v, want %v", c.i, c.j, got, c.want)
		}
	}
}

// TestPNGCellPixels renders a 2×2 heatmap and reads the PNG back: the
// centre of every cell must have the cell's colour (no smoothing).
func TestPNGCellPixels(t *testing.T) {
	f := Heatmap([][]float64{{0, 0.25}, {0.75, 1}})
	img, err := png.Decode(bytes.NewReader(f.PNG()))
	if err != nil {
		t.Fatal(err)
	}
	h := f.body.(*heat)
	want := map[color.RGBA]int{}
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			want[h.cellColor(i, j)] = 0
		}
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}
			if _, ok := want[c]; ok {
				want[c]++
			}
		}
	}
	// Each cell is 36 pt = 48 px square at 96 dpi, less lines over it.
	for c, n := range want {
		if n < 40*40 {
			t.Errorf("colour %v covers %d pixels, want at least %d (a whole cell)", c, n, 40*40)
		}
	}
}

// TestEncodePNG checks the encoder against image/png's decoder, pixel
// for pixel.
func TestEncodePNG(t *testing.T) {
	f := Heatmap([][]float64{{1, -1, math.NaN()}, {0.5, 2, -3}}, Options{Title: "x", Annotate: true})
	w, h := f.sizePt()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(72))
	f.draw(draw.New(rasterCanvas{c}))
	src := c.Image().(*image.RGBA)
	got, err := png.Decode(bytes.NewReader(encodePNG(src, 96)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != src.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), src.Bounds())
	}
	for y := 0; y < src.Bounds().Dy(); y++ {
		for x := 0; x < src.Bounds().Dx(); x++ {
			r, g, b, _ := got.At(x, y).RGBA()
			s := src.RGBAAt(x, y)
			if uint8(r>>8) != s.R || uint8(g>>8) != s.G || uint8(b>>8) != s.B {
				t.Fatalf("pixel (%d, %d) = %d,%d,%d, want %v", x, y, r>>8, g>>8, b>>8, s)
			}
		}
	}
}

// TestCJKFaces checks that Chinese text is drawn with a CJK face and
// Latin text with Liberation Sans, and that two different hanzi render
// differently (missing glyphs would both be the same empty box).
func TestCJKFaces(t *testing.T) {
	fnt := textStyle(10, nil).Font
	rs := fontStack.runs("注意力 weights", fnt)
	if len(rs) != 2 || rs[0].s != "注意力" || rs[1].s != " weights" {
		t.Fatalf("runs = %v, want [注意力,  weights]", rs)
	}
	if rs[0].face.Face != fontStack.cjk || rs[1].face.Face != fontStack.latin {
		t.Errorf("faces: CJK run uses %p (cjk %p), Latin run %p (latin %p)", rs[0].face.Face, fontStack.cjk, rs[1].face.Face, fontStack.latin)
	}
	a, b := glyphImage(t, "注"), glyphImage(t, "意")
	if bytes.Equal(a, b) {
		t.Error("注 and 意 render to identical pixels: glyphs missing (tofu)")
	}
	for _, term := range []string{"卷积", "互相关", "填充", "步幅", "池化", "特征图", "循环神经网络", "隐状态", "门控", "注意力", "缩放点积注意力", "多头注意力", "掩码", "查询", "键", "值"} {
		for _, r := range term {
			if fontStack.which(r) != 1 {
				t.Errorf("%q in %q is not in the embedded CJK subset", r, term)
			}
		}
	}
}

func glyphImage(t *testing.T, s string) []byte {
	c := vgimg.NewWith(vgimg.UseWH(40, 40), vgimg.UseDPI(96))
	dc := draw.New(c)
	dc.FillText(textStyle(24, color.Black), vg.Point{X: 4, Y: 8}, s)
	return c.Image().(*image.RGBA).Pix
}

// TestSystemFallback draws a character outside the embedded subset (GB
// 2312 level 2) and checks that a system CJK font supplies it when one
// is installed (Debian's fonts-noto-cjk or fonts-wqy-microhei).
func TestSystemFallback(t *testing.T) {
	r := '龘'
	if has(fontStack.cjk, r) {
		t.Fatalf("%c unexpectedly in the subset", r)
	}
	k := fontStack.which(r)
	if fontStack.sys == nil {
		t.Skipf("no system CJK font in %v; %c would be drawn as a box", CJKFontPaths, r)
	}
	if k != 2 {
		t.Errorf("%c: face %d, want 2 (system font %s)", r, k, fontStack.sysName)
	}
	t.Log(fontReport())
}

func TestStep(t *testing.T) {
	for _, c := range []struct {
		cell, need vg.Length
		want       int
	}{{10, 9, 1}, {5, 9, 2}, {1.125, 19.8, 20}, {2, 9, 5}} {
		if got := step(c.cell, c.need); got != c.want {
			t.Errorf("step(%v, %v) = %d, want %d", c.cell, c.need, got, c.want)
		}
	}
}

// TestTokenTicksRotate checks that token labels wider than a cell are
// turned vertical, and short ones are not.
func TestTokenTicksRotate(t *testing.T) {
	m := rowsOf("t", [][]float64{{0.1, 0.2, 0.3}})
	short := heatFrom("t", m, Options{XTicks: []string{"a", "b", "c"}})
	long := heatFrom("t", m, Options{XTicks: []string{"tokenization", "b", "c"}})
	if L := short.layout(300, 200, 36); L.xRot {
		t.Error("short labels rotated")
	}
	if L := long.layout(300, 200, 36); !L.xRot {
		t.Error("long labels not rotated")
	}
}

// TestProject2 checks the PCA projection on hidden states that move
// along one straight line: all variance is on PC1, PC2 is zero, and the
// PC1 coordinates are the distances along the line from the mean.
func TestProject2(t *testing.T) {
	dir := []float64{1.0 / 3, 2.0 / 3, 2.0 / 3} // unit vector
	m := newMatrix(5, 3)
	for i := 0; i < 5; i++ {
		for j := 0; j < 3; j++ {
			m.set(i, j, 0.5+float64(i)*dir[j])
		}
	}
	xy, frac := project2(m)
	if math.Abs(frac[0]-1) > 1e-12 || math.Abs(frac[1]) > 1e-12 {
		t.Errorf("variance fractions %v, want [1 0]", frac)
	}
	sign := math.Copysign(1, xy.At(4, 0))
	for i := 0; i < 5; i++ {
		if d := math.Abs(sign*xy.At(i, 0) - float64(i-2)); d > 1e-12 {
			t.Errorf("t=%d: PC1 = %g, want ±%d", i, xy.At(i, 0), i-2)
		}
		if math.Abs(xy.At(i, 1)) > 1e-12 {
			t.Errorf("t=%d: PC2 = %g, want 0", i, xy.At(i, 1))
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{0, 1, 4, "0.0 0.5 1.0"},
		{0, 1, 5, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{-3, 3, 4, "-2 0 2"},
		{0, 29, 5, "0 5 10 15 20 25"},
		{0.1, 0.99, 5, "0.2 0.4 0.6 0.8"},
		{0, 119, 5, "0 25 50 75 100"},    // 25 needs no decimal (was "25.0")
		{-0.97, 0.97, 2, "-0.5 0.0 0.5"}, // a short bar still gets 2 or more labels
		{-4, 4, 3, "-4 -2 0 2 4"},        // 2 preferred to 2.5, which needs a decimal
		{-19, 8, 5, "-15 -10 -5 0 5"},    // the count nearest 5, not the first step ≥ range/5
		{0.3, 0.31, 2, "0.30 0.31"},      // narrow ranges keep their decimals
	} {
		var got []string
		for _, tk := range niceTicks(c.lo, c.hi, c.n) {
			got = append(got, tk.Label)
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("niceTicks(%g, %g, %d) = %s, want %s", c.lo, c.hi, c.n, s, c.want)
		}
	}
}

// TestScaleNN checks viz's nearest-neighbour enlargement against
// golang.org/x/image/draw's, pixel for pixel, over a grid of sizes.
func TestScaleNN(t *testing.T) {
	for _, c := range []struct{ sw, sh, dw, dh int }{
		{3, 2, 48, 32}, {8, 8, 301, 301}, {64, 64, 384, 384}, {256, 256, 384, 384}, {7, 3, 50, 20}, {1, 256, 13, 300},
	} {
		src := image.NewRGBA(image.Rect(0, 0, c.sw, c.sh))
		for i := range src.Pix {
			src.Pix[i] = uint8(i*37 + i/4*11)
			if i%4 == 3 {
				src.Pix[i] = 255
			}
		}
		full := image.Rect(5, 7, 5+c.dw, 7+c.dh)
		got := image.NewRGBA(image.Rect(0, 0, c.dw+10, c.dh+10))
		want := image.NewRGBA(got.Bounds())
		scaleNN(got, full, full, src)
		xdraw.NearestNeighbor.Scale(want, full, src, src.Bounds(), xdraw.Src, nil)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%d×%d → %d×%d: differs from x/image/draw.NearestNeighbor", c.sw, c.sh, c.dw, c.dh)
		}
	}
}

// TestMissing checks that a character no font has is reported.
func TestMissing(t *testing.T) {
	r := rune(0x10FFFD) // private use: in no font
	Heatmap([][]float64{{1}}, Options{Title: "x" + string(r)}).PNG()
	if !strings.ContainsRune(Missing(), r) {
		t.Errorf("Missing() = %q, want it to contain U+10FFFD", Missing())
	}
}
