package conv

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// TestLessonStep checks one step of the lesson's example against numbers
// worked out by hand: x = Lesson5x5, w = LessonKernel, padding 1, b = 0.5,
// position (1, 2). The receptive field is rows 1–3, columns 2–4 of the
// padded input, i.e. x rows 0–2, columns 1–3.
func TestLessonStep(t *testing.T) {
	c := New(Lesson5x5, LessonKernel, Opts{Padding: 1, Bias: []float64{0.5}})
	st := c.Step(1, 2)
	wantField := [][]float64{{2, 0, 1}, {1, 3, 2}, {0, 1, 1}}
	wantProd := [][]float64{{2, 0, -1}, {1, 0, -2}, {0, 0, -1}}
	if fmt.Sprint(st.Field[0]) != fmt.Sprint(wantField) {
		t.Errorf("field = %v, want %v", st.Field[0], wantField)
	}
	if fmt.Sprint(st.Products[0]) != fmt.Sprint(wantProd) {
		t.Errorf("products = %v, want %v", st.Products[0], wantProd)
	}
	if st.Sums[0] != -1 || st.Value != -0.5 || st.NN != -0.5 || st.Ref != -0.5 {
		t.Errorf("sum %v value %v nn %v ref %v, want -1, -0.5, -0.5, -0.5", st.Sums[0], st.Value, st.NN, st.Ref)
	}
	if fmt.Sprint(st.Rows, st.Cols) != "[1 2 3] [2 3 4]" {
		t.Errorf("rows, cols = %v %v", st.Rows, st.Cols)
	}
	for _, s := range []string{`\odot`, `y(1,2) = (2 + 0 + (-1) + 1 + 0 + (-2) + 0 + 0 + (-1))`, "= -1 + 0.5 = -0.5", "✓"} {
		if !strings.Contains(st.Body, s) {
			t.Errorf("step body lacks %q:\n%s", s, st.Body)
		}
	}
	if got := fmt.Sprint(c.OutShape()); got != "[1 5 5]" {
		t.Errorf("output shape %s, want [1 5 5]", got)
	}
}

// TestWalkGrid runs walkthroughs over a grid of shapes and options and
// checks that every step's written-out sum, nn.Conv2d and mathref.Conv2D
// agree (tolerance Agreement, 1e-9 relative), and that the output size is
// mathref.ConvOutputSize.
func TestWalkGrid(t *testing.T) {
	seed := uint64(1)
	for _, C := range []int{1, 3} {
		for _, O := range []int{1, 2} {
			for _, s := range []int{1, 2, 3} {
				for _, p := range []int{0, 1, 2} {
					for _, d := range []int{1, 2} {
						seed++
						x := mathref.Uniform(seed, -2, 2, C, 7, 6)
						w := mathref.Uniform(seed+1000, -1, 1, O, C, 3, 2)
						var b []float64
						if seed%2 == 0 {
							b = mathref.Uniform(seed+2000, -1, 1, O).Data
						}
						name := fmt.Sprintf("C%d O%d s%d p%d d%d bias%v", C, O, s, p, d, b != nil)
						c := New(x, w, Opts{Stride: s, Padding: p, Dilation: d, Bias: b})
						if !c.Agree.OK {
							t.Errorf("%s: nn vs mathref: %s", name, c.Agree)
						}
						H2, W2 := mathref.ConvOutputSize(7, 3, s, p, d), mathref.ConvOutputSize(6, 2, s, p, d)
						if got := fmt.Sprint(c.OutShape()); got != fmt.Sprint([]int{O, H2, W2}) {
							t.Errorf("%s: shape %s, want (%d, %d, %d)", name, got, O, H2, W2)
						}
						for o := 0; o < O; o++ {
							for i := 0; i < H2; i++ {
								for j := 0; j < W2; j++ {
									st := c.numbers(o, i, j)
									if !st.OK() {
										t.Errorf("%s (%d,%d,%d): sum %v nn %v mathref %v", name, o, i, j, st.Value, st.NN, st.Ref)
									}
								}
							}
						}
					}
				}
			}
		}
	}
}

var reTeX = regexp.MustCompile(`\$\$([\s\S]*?)\$\$|\$([^$\n]+)\$`)

// texErrors converts every formula in md to MathML and returns the errors.
var reLineBreakWord = regexp.MustCompile(`\\\\[a-zA-Z]+`)

func texErrors(md string) []string {
	var out []string
	for _, m := range reTeX.FindAllStringSubmatch(md, -1) {
		tex := m[1] + m[2]
		if _, err := lessons.MathML(tex, m[1] != ""); err != nil {
			out = append(out, err.Error())
		}
		// "\\cdot" is a line break followed by the word "cdot": a command
		// escaped twice in a raw string.
		if bad := reLineBreakWord.FindString(tex); bad != "" {
			out = append(out, "a line break before a word, a doubly escaped command? "+bad+" in "+tex)
		}
	}
	return out
}

// TestFormulasRender checks that every formula the package writes, in
// both languages, converts to MathML (what the player shows offline).
func TestFormulasRender(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	for _, l := range []string{"en", "zh"} {
		lessons.SetLang(l)
		var md []string
		c := New(Lesson5x5, LessonKernel, Opts{Padding: 1, Stride: 2, Dilation: 1, Bias: []float64{0.5}})
		md = append(md, c.intro(), c.Step(1, 1).Body)
		c2 := New([][][]float64{{{1, 2, 0}, {0, 1, 3}, {2, 1, 1}}, {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}}},
			[][][][]float64{{{{1, -1}, {0, 2}}, {{2, 0}, {1, 1}}}, {{{0, 1}, {1, 0}}, {{-1, 0}, {0, 1}}}}, Opts{Bias: []float64{1, -1}, Dilation: 1})
		md = append(md, c2.intro(), c2.StepAt(1, 1, 0).Body)
		c3 := New(Lesson5x5, LessonKernel, Opts{Padding: 1, Dilation: 2})
		md = append(md, c3.Step(0, 0).Body)
		md = append(md, OutputSize(10, 5, 2, 2, 1).Markdown(), OutputSize(5, 3, 1, 0, 1).Markdown())
		md = append(md, CrossVsTrue([][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, [][]float64{{0, 1}, {2, 3}}).Markdown())
		q := NewPool(exP)
		md = append(md, q.intro(), q.Step(0, 1, 1).Body)
		qa := NewPool(exP, PoolOpts{Avg: true, Padding: 1})
		md = append(md, qa.intro(), qa.Step(0, 0, 0).Body)
		md = append(md, SeedErrata().Markdown(), CNNErrata().Markdown(), ViewRows(9, 32, 32).Markdown())
		for _, e := range lessons.Exercises() {
			s := e.Spec()
			md = append(md, s.Prompt.String(), s.Solution.String())
			for _, h := range s.Hints {
				md = append(md, h.String())
			}
		}
		for _, m := range md {
			for _, err := range texErrors(m) {
				t.Errorf("%s: %s", l, err)
			}
		}
	}
}

// TestBadInput checks the messages bad input gets, in both languages.
func TestBadInput(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	k3 := LessonKernel
	cases := []struct {
		name   string
		f      func()
		en, zh string
	}{
		{"kernel larger", func() { New([][]float64{{1, 2}, {3, 4}}, k3) }, "the kernel is larger than the input: along the height it spans 3", "卷积核比输入大"},
		{"dilated kernel larger", func() { New(Lesson5x5, k3, Opts{Dilation: 3}) }, "spans 7 = d·(k−1)+1 = 3·(3−1)+1", "跨越 7"},
		{"channels", func() { New([][][]float64{{{1}}, {{2}}}, [][][]float64{{{1}}}) }, "match the input's 2 channels", "2 个通道一致"},
		{"2-D kernel, 3 channels", func() { New(PhotoRGB(), k3) }, "the input has 3 channels", "输入有 3 个通道"},
		{"bias length", func() { New(Lesson5x5, k3, Opts{Bias: []float64{1, 2}}) }, "one value per output channel, 1 values; got 2", "共 1 个；实际给了 2 个"},
		{"negative stride", func() { New(Lesson5x5, k3, Opts{Stride: -1}) }, "got stride -1", "步幅 -1"},
		{"batch", func() { New(mathref.New(2, 1, 5, 5), k3) }, "a batch of 2 images", "2 张图像的批量"},
		{"vector input", func() { New([]float64{1, 2, 3}, k3) }, "got shape (3)", "实际形状为 (3)"},
		{"string input", func() { New("abc", k3) }, "the input must be numbers", "输入必须是数"},
		{"NaN input", func() { New([][]float64{{1, 2, 3}, {4, math.NaN(), 6}, {7, 8, 9}}, k3) }, "the input holds NaN at [1, 1]: a walkthrough needs finite numbers", "在 [1, 1] 处是 NaN"},
		{"Inf kernel", func() { New(Lesson5x5, [][]float64{{1, math.Inf(1)}}) }, "the kernel holds +Inf at [0, 1]", "在 [0, 1] 处是 +Inf"},
		{"ragged", func() { New([][]float64{{1, 2}, {3}}, [][]float64{{1}}) }, "the input must be numbers", "输入必须是数"},
		{"position", func() { New(Lesson5x5, k3).Step(3, 0) }, "position (3, 0) is outside the 3×3 output", "位置 (3, 0) 在 3×3 的输出之外"},
		{"channel", func() { New(Lesson5x5, k3).StepAt(1, 0, 0) }, "output channel 1 does not exist", "输出通道 1 不存在"},
		{"two opts", func() { New(Lesson5x5, k3, Opts{}, Opts{}) }, "at most one conv.Opts", "最多传一个"},
		{"pool padding", func() { NewPool(Lesson5x5, PoolOpts{Size: 2, Padding: 2}) }, "at most half the window", "最多为窗口的一半"},
		{"pool too big", func() { NewPool([][]float64{{1}}, PoolOpts{Size: 2}) }, "larger than the input", "比输入大"},
		{"crop", func() { Photo().Crop(100, 0, 10, 10) }, "reaches outside the 103×150 image", "超出了 103×150 的图像"},
		{"view", func() { ViewRows(0, 32, 32) }, "batch size ≥ 1", "批量大小 ≥ 1"},
		{"size", func() { OutputSize(2, 5, 1, 0, 1) }, "the kernel is larger than the input", "卷积核比输入大"},
		{"digit", func() { _, te := MNIST(); te.Image(1000) }, "image 1000 does not exist: the set has 1000 images (0…999)", "第 1000 张图像不存在"},
	}
	for _, l := range []string{"en", "zh"} {
		lessons.SetLang(l)
		for _, c := range cases {
			err := Try(c.f)
			want := c.en
			if l == "zh" {
				want = c.zh
			}
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s (%s): error %v, want one containing %q", c.name, l, err, want)
			}
		}
	}
}

// TestUntranslated checks that every text of this package has its
// Chinese and uses the terminology table.
func TestUntranslated(t *testing.T) {
	for _, u := range lessons.Untranslated() {
		if strings.Contains(u, "conv.") || strings.Contains(u, "cnn.") || strings.Contains(u, "01-convolution") || strings.Contains(u, "02-cnn") {
			t.Error(u)
		}
	}
	for _, k := range lessons.MessageKeys() {
		if !strings.HasPrefix(k, "conv.") {
			continue
		}
		if s := lessons.TIn("zh", k); strings.Contains(s, "⟦") {
			t.Errorf("%s: %s", k, s)
		}
	}
}

// TestPlayerHTML checks the walkthrough's HTML: self-contained (nothing
// fetched), one step per position, and a PNG in the same output.
func TestPlayerHTML(t *testing.T) {
	c := New(Lesson5x5, LessonKernel, Opts{Padding: 1, Stride: 2})
	h := c.HTML()
	if n := strings.Count(h, `class="sw-step"`); n != 9 {
		t.Errorf("%d steps in the player, want 9", n)
	}
	for _, bad := range []string{`src="http`, `href="http`, "<script src", "<link", "url(http"} {
		if strings.Contains(h, bad) {
			t.Errorf("the player refers to %q: it must be self-contained", bad)
		}
	}
	if !strings.Contains(h, "<math") || !strings.Contains(h, "<svg") {
		t.Errorf("the player lacks MathML or inline SVG figures")
	}
	if p := c.PNG(); len(p) < 1000 || string(p[1:4]) != "PNG" {
		t.Errorf("PNG() is not a PNG (%d bytes)", len(p))
	}
	big := New(Photo().Crop(0, 0, 12, 12), LessonKernel)
	if n := strings.Count(big.HTML(), `class="sw-step"`); n != MaxSteps {
		t.Errorf("%d steps for 100 positions, want the first %d", n, MaxSteps)
	}
}

// TestDisagreementIsLoud makes nn and mathref disagree on purpose and
// checks that the step and the intro say so.
func TestDisagreementIsLoud(t *testing.T) {
	c := New(Lesson5x5, LessonKernel)
	c.Y.Data[0] += 1
	c.Agree = mathref.AllClose(mathref.Tensor{Shape: c.Y.Shape, Data: c.Y.Data}, c.Ref, Agreement, Agreement)
	if !strings.Contains(c.intro(), "DISAGREE") {
		t.Errorf("intro does not say that nn and mathref disagree:\n%s", c.intro())
	}
	if st := c.Step(0, 0); st.OK() || !strings.Contains(st.Body, "MISMATCH") {
		t.Errorf("step (0, 0) does not report the mismatch:\n%s", st.Body)
	}
}

func TestOutputSize(t *testing.T) {
	for _, c := range [][6]int{{5, 3, 1, 0, 1, 3}, {5, 3, 2, 1, 1, 3}, {10, 5, 2, 2, 1, 5}, {32, 3, 2, 1, 1, 16}, {9, 3, 1, 0, 2, 5}, {28, 5, 3, 2, 2, 8}} {
		z := OutputSize(c[0], c[1], c[2], c[3], c[4])
		if z.Out != c[5] || z.NN != c[5] || z.Out != mathref.ConvOutputSize(c[0], c[1], c[2], c[3], c[4]) {
			t.Errorf("OutputSize%v = %d (nn %d), want %d", c[:5], z.Out, z.NN, c[5])
		}
		if !strings.Contains(z.Markdown(), fmt.Sprintf("= %d$$", c[5])) {
			t.Errorf("OutputSize%v markdown does not end in %d:\n%s", c[:5], c[5], z.Markdown())
		}
	}
}

func TestCrossVsTrue(t *testing.T) {
	f := CrossVsTrue([][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, [][]float64{{0, 1}, {2, 3}})
	// Worked by hand: true convolution = cross-correlation with [[3 2] [1 0]].
	if got := fmt.Sprint(f.Flipped.Output(0)); got != "[[5 11] [23 29]]" || !f.Agree.OK || f.Same {
		t.Errorf("flipped output %s (agree %v, same %v), want [[5 11] [23 29]]", got, f.Agree.OK, f.Same)
	}
	if got := fmt.Sprint(f.Cross.Output(0)); got != "[[19 25] [37 43]]" {
		t.Errorf("cross-correlation %s, want [[19 25] [37 43]]", got)
	}
	sym := CrossVsTrue(Lesson5x5, [][]float64{{0, 1, 0}, {1, -4, 1}, {0, 1, 0}})
	if !sym.Same {
		t.Errorf("the Laplacian is symmetric: both operations should agree")
	}
}

// notebookPool is the 4×4 input notebook 01 pools in section 7.
var notebookPool = [][]float64{{1, 3, 2, 0}, {4, 2, 1, 5}, {0, 1, 6, 2}, {3, 2, 1, 1}}

func TestPool(t *testing.T) {
	q := NewPool(notebookPool)
	if got := fmt.Sprint(q.Output(0)); got != "[[4 5] [3 6]]" || !q.Agree.OK {
		t.Errorf("max pool %s (agree %v), want [[4 5] [3 6]]", got, q.Agree.OK)
	}
	a := NewPool(notebookPool, PoolOpts{Avg: true})
	if got := fmt.Sprint(a.Output(0)); got != "[[2.5 2] [1.5 2.5]]" || !a.Agree.OK {
		t.Errorf("avg pool %s, want [[2.5 2] [1.5 2.5]]", got)
	}
	for _, o := range []PoolOpts{{Size: 2}, {Size: 3, Stride: 1, Padding: 1}, {Size: 2, Avg: true, Padding: 1}, {Size: 3, Stride: 2}} {
		p := NewPool(PhotoRGB(), o)
		if !p.Agree.OK {
			t.Errorf("%+v: %s", o, p.Agree)
		}
		C, H2, W2 := p.Y.Shape[0], p.Y.Shape[1], p.Y.Shape[2]
		for c := 0; c < C; c += 2 {
			for i := 0; i < H2; i += 7 {
				for j := 0; j < W2; j += 5 {
					if st := p.Step(c, i, j); !st.OK() {
						t.Errorf("%+v (%d,%d,%d): %v %v %v", o, c, i, j, st.Value, st.NN, st.Ref)
					}
				}
			}
		}
	}
	if st := q.Step(0, 1, 1); !strings.Contains(st.Body, `\max\{6,\ 2,\ 1,\ 1\} = 6`) {
		t.Errorf("max pool step body:\n%s", st.Body)
	}
}

func TestPhotoAndFilters(t *testing.T) {
	p := Photo()
	h, w := p.Size()
	if h != 103 || w != 150 {
		t.Fatalf("photo is %d×%d, want 103×150", h, w)
	}
	for _, r := range p.Pix {
		for _, v := range r {
			if v < 0 || v > 1 || math.IsNaN(v) {
				t.Fatalf("photo value %v outside [0, 1]", v)
			}
		}
	}
	m := ApplyFilters(p)
	if !m.Agree.OK || fmt.Sprint(m.Y.Shape) != "[4 103 150]" {
		t.Errorf("feature maps %v, agree %s", m.Y.Shape, m.Agree)
	}
	// A vertical step from 0 to 1 between columns 2 and 3: Sobel x gives
	// 1 + 2 + 1 = 4 next to it, 0 far from it, and −4 at the right border,
	// where the zero padding makes a step down.
	step := &Image{Pix: [][]float64{{0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 1, 1}, {0, 0, 0, 1, 1, 1}}}
	s := ApplyFilters(step, EdgeFilters()[0]).Map(0).Pix
	if fmt.Sprint(s[1]) != "[0 0 4 4 0 -4]" {
		t.Errorf("Sobel x on a step, row 1 = %v, want [0 0 4 4 0 -4]", s[1])
	}
	if st := m.Strength(0, 1).Pix[0][0]; st < 0 {
		t.Errorf("edge strength negative: %v", st)
	}
	if q := p.MaxPool(3); len(q.Pix) != 34 || len(q.Pix[0]) != 50 {
		t.Errorf("MaxPool(3) is %d×%d, want 34×50", len(q.Pix), len(q.Pix[0]))
	}
}
