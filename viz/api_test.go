package viz_test

import (
	"bytes"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/viz"
	"gonum.org/v1/gonum/mat"
)

// TestBadInput checks that every kind of bad input panics with a
// message that starts with "viz: " and says what was expected and what
// came.
func TestBadInput(t *testing.T) {
	ok := [][]float64{{1, 2}, {3, 4}}
	for _, c := range []struct {
		name  string
		f     func()
		parts []string
	}{
		{"empty", func() { viz.Heatmap([][]float64{}) }, []string{"Heatmap", "empty data", "expected at least 1 row and 1 column", "got 0 rows"}},
		{"empty row", func() { viz.Heatmap([][]float64{{}}) }, []string{"empty data", "row 0 has 0 values"}},
		{"ragged", func() { viz.Heatmap([][]float64{{1, 2}, {3}}) }, []string{"ragged data", "row 1 has 1 values, expected 2"}},
		{"wrong type", func() { viz.Heatmap([]float64{1, 2}) }, []string{"data is []float64", "expected [][]float64 or a Grid"}},
		{"nil", func() { viz.Heatmap(nil) }, []string{"data is nil"}},
		{"empty grid", func() { viz.Heatmap(&mat.Dense{}) }, []string{"empty data", "0×0"}},
		{"xticks", func() { viz.Heatmap(ok, viz.Options{XTicks: []string{"a"}}) }, []string{"1 XTicks for 2 columns", "expected 2 labels"}},
		{"yticks", func() { viz.Heatmap(ok, viz.Options{YTicks: []string{"a", "b", "c"}}) }, []string{"3 YTicks for 2 rows"}},
		{"mask rows", func() { viz.Heatmap(ok, viz.Options{Mask: [][]bool{{true, false}}}) }, []string{"Mask has 1 rows, expected 2"}},
		{"mask cols", func() { viz.Heatmap(ok, viz.Options{Mask: [][]bool{{true}, {false}}}) }, []string{"Mask row 0 has 1 entries, expected 2"}},
		{"two options", func() { viz.Heatmap(ok, viz.Options{}, viz.Options{}) }, []string{"at most one Options, got 2"}},
		{"range", func() { viz.Heatmap(ok, viz.Options{Range: []float64{1, 0}}) }, []string{"Range must be {lo, hi} with lo < hi", "[1 0]"}},
		{"size zero", func() { viz.Heatmap(ok).SetSize(0, 3) }, []string{"SetSize", "positive width and height", "got 0×3"}},
		{"size NaN", func() { viz.Heatmap(ok).SetSize(math.NaN(), 3) }, []string{"SetSize", "got NaN×3"}},
		{"dpi", func() { viz.Heatmap(ok).SetDPI(0) }, []string{"SetDPI", "expected 1 to 1200", "got 0"}},
		{"queries", func() { viz.Attention(ok, []string{"a"}, nil) }, []string{"Attention", "1 queries for 2 rows"}},
		{"keys", func() { viz.Attention(ok, nil, []string{"a", "b", "c"}) }, []string{"3 keys for 2 columns"}},
		{"maps shapes", func() { viz.FeatureMaps([][][]float64{{{1}}, {{1, 2}}}) }, []string{"FeatureMaps", "map 1 is 1×2, expected 1×1"}},
		{"no maps", func() { viz.FeatureMaps([][][]float64{}) }, []string{"expected at least 1 map, got 0"}},
		{"map labels", func() { viz.FeatureMaps([][][]float64{{{1}}}, viz.Options{Labels: []string{"a", "b"}}) }, []string{"2 Labels for 1 maps"}},
		{"filters empty", func() { viz.Filters(nil) }, []string{"Filters", "expected shape (O, C, KH, KW)", "O = 0"}},
		{"filters rgb", func() { viz.Filters([][][][]float64{{{{1}}}}, viz.Options{RGB: true}) }, []string{"RGB needs 3 input channels, got 1"}},
		{"kernel too big", func() { viz.ConvStep(ok, [][]float64{{1, 2, 3}}, 0, 0) }, []string{"ConvStep", "kernel 1×3 is larger than the padded input 2×2"}},
		{"conv position", func() { viz.ConvStep(ok, [][]float64{{1}}, 2, 0) }, []string{"output position (2, 0) is outside the 2×2 output"}},
		{"player frames", func() { viz.ConvPlayer(make20x20(), [][]float64{{1}}) }, []string{"ConvPlayer", "400 output positions", "at most 256 frames"}},
		{"unit", func() { viz.UnitLines(ok, []int{5}) }, []string{"UnitLines", "unit 5 out of range", "2 units"}},
		{"gates names", func() { viz.Gates([]string{"i"}, [][][]float64{{{1}}, {{1}}}) }, []string{"Gates", "1 names for 2 gates"}},
		{"trajectory short", func() { viz.Trajectory([][]float64{{1, 2}}) }, []string{"Trajectory", "1×2", "at least 2 time steps"}},
		{"trajectory NaN", func() { viz.Trajectory([][]float64{{1, 2}, {math.NaN(), 1}}) }, []string{"Trajectory", "1 NaN value", "finite"}},
		{"curves none", func() { viz.Curves(nil) }, []string{"Curves", "no series"}},
		{"curves X", func() { viz.Curves([]viz.Series{{Name: "a", X: []float64{1}, Y: []float64{1, 2}}}) }, []string{"1 X values for 2 Y values"}},
		{"lang", func() { viz.SetLang("fr") }, []string{"SetLang", `"fr"`, `expected "en" or "zh"`}},
		{"frame", func() { viz.ConvPlayer(ok, [][]float64{{1}}).Frame(4) }, []string{"frame 4 out of range", "4 frames"}},
	} {
		wantPanic(t, c.name, c.f, c.parts...)
	}
}

func make20x20() [][]float64 {
	x := make([][]float64, 20)
	for i := range x {
		x[i] = make([]float64, 20)
	}
	return x
}

// TestCaptions checks the notes viz adds about the data, in English and
// Chinese.
func TestCaptions(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	x := [][]float64{{nan, nan, inf}, {math.Inf(-1), 0, 1}}
	cases := []struct {
		name, lang string
		f          func() *viz.Figure
		want       string
	}{
		{"nan", "en", func() *viz.Figure { return viz.Heatmap(x) }, "2 NaN values, 1 +Inf value and 1 -Inf value drawn in magenta with ×."},
		{"nan annotated", "en", func() *viz.Figure { return viz.Heatmap(x, viz.Options{Annotate: true}) }, "2 NaN values, 1 +Inf value and 1 -Inf value drawn in magenta."},
		{"nan zh", "zh", func() *viz.Figure { return viz.Heatmap(x) }, "2 个 NaN 值、1 个 +Inf 值、1 个 -Inf 值以品红色和 × 标出。"},
		{"caption first", "en", func() *viz.Figure {
			return viz.Attention([][]float64{{1, 0}, {0.5, 0.5}}, nil, nil, viz.Options{Caption: "Weights of head 0.", Mask: viz.CausalMask(2)})
		}, "Weights of head 0. Hatched grey cells are masked positions (weight 0)."},
		{"mask zh", "zh", func() *viz.Figure {
			return viz.Attention([][]float64{{1, 0}, {0.5, 0.5}}, nil, nil, viz.Options{Mask: viz.CausalMask(2)})
		}, "灰色斜线格为被掩码的位置（权重为 0）。"},
		{"no mask set", "en", func() *viz.Figure {
			return viz.Attention([][]float64{{1, 0}, {0.5, 0.5}}, nil, nil, viz.Options{Mask: [][]bool{{false, false}, {false, false}}})
		}, ""},
		{"values too small", "en", func() *viz.Figure {
			return viz.Heatmap(make20x20(), viz.Options{Annotate: true}).SetTitle("t")
		}, ""},
		{"values not written", "en", func() *viz.Figure {
			x := make([][]float64, 64)
			for i := range x {
				x[i] = make([]float64, 64)
			}
			return viz.Heatmap(x, viz.Options{Annotate: true, Format: "%.3f"})
		}, "Values not written: cells too small."},
		{"stride", "en", func() *viz.Figure {
			return viz.ConvStep(make20x20(), [][]float64{{1, 1}, {1, 1}}, 0, 0, viz.Options{Stride: 2})
		}, "Stride 2."},
	}
	for _, c := range cases {
		viz.SetLang(c.lang)
		got := c.f().Caption()
		viz.SetLang("en")
		if got != c.want {
			t.Errorf("%s: caption\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestConvNumbers checks the numbers the convolution step writes against
// hand-computed ones: the worked example (19 25 / 37 43), and an
// all-ones kernel over an all-ones input with padding 1, whose outputs
// count the real cells under the kernel (4 in corners, 6 on edges, 9 in
// the middle).
func TestConvNumbers(t *testing.T) {
	x := [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	k := [][]float64{{0, 1}, {2, 3}}
	for _, c := range []struct {
		i, j int
		want string
	}{{0, 0, "= 19"}, {0, 1, "= 25"}, {1, 0, "= 37"}, {1, 1, "= 43"}} {
		if s := viz.ConvSum(x, k, c.i, c.j); !strings.HasSuffix(s, c.want) {
			t.Errorf("ConvSum(%d, %d) = %q, want suffix %q", c.i, c.j, s, c.want)
		}
	}
	ones := [][]float64{{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}}
	k3 := [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}
	want := [][]int{{4, 6, 6, 4}, {6, 9, 9, 6}, {6, 9, 9, 6}, {4, 6, 6, 4}}
	for i := range want {
		for j := range want[i] {
			s := viz.ConvSum(ones, k3, i, j, viz.Options{Pad: 1})
			if !strings.HasSuffix(s, " = "+strconv.Itoa(want[i][j])) {
				t.Errorf("padded ConvSum(%d, %d) = %q, want = %d", i, j, s, want[i][j])
			}
		}
	}
	// Stride 2 over a 5×5 input with a 3×3 kernel: 2×2 outputs; (1, 1)
	// reads rows and columns 2…4.
	x5 := make([][]float64, 5)
	for i := range x5 {
		x5[i] = make([]float64, 5)
		for j := range x5[i] {
			x5[i][j] = float64(5*i + j)
		}
	}
	s := viz.ConvSum(x5, [][]float64{{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}, 1, 1, viz.Options{Stride: 2})
	if !strings.HasSuffix(s, "= 18") {
		t.Errorf("stride-2 centre pick: %q, want = 18 (x[3][3])", s)
	}
	wantPanic(t, "stride outside", func() { viz.ConvSum(x5, k3, 2, 0, viz.Options{Stride: 2}) }, "outside the 2×2 output")
}

// TestDeterministic renders figures twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	figs := map[string]func() interface {
		PNG() []byte
		SVG() string
	}{
		"heatmap": func() interface {
			PNG() []byte
			SVG() string
		} {
			return viz.Heatmap([][]float64{{1, math.NaN()}, {-1, 0}}, viz.Options{Annotate: true, Title: "注意力"})
		},
		"heads": func() interface {
			PNG() []byte
			SVG() string
		} {
			return viz.AttentionHeads([][][]float64{{{1, 0}, {0.5, 0.5}}, {{1, 0}, {0.2, 0.8}}}, nil, nil)
		},
		"player": func() interface {
			PNG() []byte
			SVG() string
		} {
			return viz.ConvPlayer([][]float64{{1, 2}, {3, 4}}, [][]float64{{1}})
		},
		"curves": func() interface {
			PNG() []byte
			SVG() string
		} {
			return viz.Curves([]viz.Series{{Name: "a", Y: []float64{3, 2, 1}}})
		},
		"features": func() interface {
			PNG() []byte
			SVG() string
		} {
			return viz.FeatureMaps([][][]float64{{{1, 2}}, {{3, 4}}}, viz.Options{PerMap: true})
		},
	}
	for name, mk := range figs {
		a, b := mk(), mk()
		if !bytes.Equal(a.PNG(), b.PNG()) {
			t.Errorf("%s: PNG differs between two renderings", name)
		}
		if a.SVG() != b.SVG() {
			t.Errorf("%s: SVG differs between two renderings", name)
		}
	}
}

// TestSizeAndDPI checks that SetSize and SetDPI set the PNG's pixels.
func TestSizeAndDPI(t *testing.T) {
	f := viz.Heatmap([][]float64{{1, 2}, {3, 4}}).SetSize(3, 2).SetDPI(150)
	img, err := png.Decode(bytes.NewReader(f.PNG()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 450 || b.Dy() != 300 {
		t.Errorf("PNG is %d×%d px, want 450×300 (3×2 in at 150 dpi)", b.Dx(), b.Dy())
	}
	if s := f.SVG(); !strings.Contains(s, `width="216pt" height="144pt"`) {
		t.Errorf("SVG size: want 216pt×144pt in %.200s", s)
	}
	// Tiny figures still render (the body is skipped when there is no room).
	if len(viz.Heatmap([][]float64{{1}}).SetTitle("t").SetSize(0.1, 0.1).PNG()) == 0 {
		t.Error("tiny figure: empty PNG")
	}
}

// TestSVGText checks that SVG text keeps the CJK characters as text with
// a font list a browser can fall back along, and that images are not
// smoothed.
func TestSVGText(t *testing.T) {
	s := viz.Heatmap([][]float64{{0, 1}}, viz.Options{Title: "注意力权重 attention"}).SVG()
	for _, want := range []string{
		">注意力权重</text>",
		"font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei'",
		"font-family:'Liberation Sans',Arial,Helvetica,sans-serif;",
		"image-rendering:pixelated",
		"data:image/png;base64,",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(s, "Stepwise CJK SC Subset") {
		t.Error("SVG names the embedded subset, which browsers do not have")
	}
}

// TestPlayerHTML checks the step player: one self-contained HTML piece
// with every frame embedded, a slider over all of them, nothing fetched,
// and the first frame as its PNG.
func TestPlayerHTML(t *testing.T) {
	x := [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	p := viz.ConvPlayer(x, [][]float64{{0, 1}, {2, 3}})
	h := p.HTML()
	if n := strings.Count(h, "data:image/png;base64,"); n != 4 {
		t.Errorf("%d embedded frames, want 4", n)
	}
	for _, want := range []string{`type="range" min="0" max="3"`, "<script>", `"(1, 1)"`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"http://", "https://", "src=\"//", "require(", "import "} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains %q: it must not fetch anything", bad)
		}
	}
	if !bytes.Equal(p.PNG(), p.Frame(0).PNG()) {
		t.Error("PNG is not the first frame")
	}
	if !strings.Contains(h, "src=\"data:image/png;base64,") {
		t.Error("the first frame is not in the <img> (needed without JavaScript)")
	}
}

// TestGridInterface checks that a gonum matrix draws the same as the
// same numbers given as rows.
func TestGridInterface(t *testing.T) {
	d := mat.NewDense(2, 3, []float64{1, 2, 3, -4, 5, 6})
	a := viz.Heatmap(d).SVG()
	b := viz.Heatmap([][]float64{{1, 2, 3}, {-4, 5, 6}}).SVG()
	if a != b {
		t.Error("*mat.Dense and [][]float64 draw differently")
	}
	r := viz.Rows([][]float64{{1, 2}})
	if rr, cc := r.Dims(); rr != 1 || cc != 2 || r.At(0, 1) != 2 {
		t.Errorf("Rows: Dims %d×%d, At(0,1) = %g", rr, cc, r.At(0, 1))
	}
}

// TestConcurrent renders figures from several goroutines at once (a
// kernel may); run with -race.
func TestConcurrent(t *testing.T) {
	want := viz.Heatmap([][]float64{{1, 2}, {3, 4}}, viz.Options{Title: "注意力 并发"}).PNG()
	done := make(chan []byte)
	for g := 0; g < 4; g++ {
		go func() {
			done <- viz.Heatmap([][]float64{{1, 2}, {3, 4}}, viz.Options{Title: "注意力 并发"}).PNG()
		}()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; !bytes.Equal(got, want) {
			t.Error("a PNG rendered concurrently differs")
		}
	}
}
