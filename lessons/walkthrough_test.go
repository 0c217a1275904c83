package lessons

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

type pngFig struct{}

func (pngFig) PNG() []byte { return []byte{0x89, 'P', 'N', 'G'} }

type svgFig struct{}

func (svgFig) SVG() string { return `<?xml version="1.0"?><svg width="10" height="10"></svg>` }

func TestWalkthroughPlayer(t *testing.T) {
	w := &Walkthrough{
		Title: "Cross-correlation of 0..8 with [[0,1],[2,3]]",
		Intro: "Each step is one output.",
		Steps: []Step{
			{Title: "(0, 0)", Body: "$y_{00} = 0\\cdot0 + 1\\cdot1 + 3\\cdot2 + 4\\cdot3 = 19$", Figures: []any{pngFig{}}},
			{Title: "(0, 1)", Body: "$y_{01} = 25$", Figures: []any{svgFig{}}},
			{Title: "(1, 0)", Body: "$y_{10} = 37$"},
		},
	}
	h := w.HTML()
	for _, s := range []string{
		`class="sw-player"`, `type="range" min="0" max="2"`, `data-step="0"`, `data-step="2"`,
		"<math", "<mn>19</mn>", `src="data:image/png;base64,iVBORw==`, `<svg width="10"`, "<script>", "Step 1/3",
	} {
		if !strings.Contains(h, s) {
			t.Errorf("player lacks %q", s)
		}
	}
	if strings.Contains(h, "<?xml") || strings.Contains(h, "$") {
		t.Error("player keeps an XML prolog or raw $ formulas")
	}
	if h2 := w.HTML(); h2 == h {
		t.Error("two displays of one walkthrough share a player id")
	}
	md := w.Markdown()
	if !strings.Contains(md, "**Step 3/3: (1, 0)**") || !strings.Contains(md, "$y_{10} = 37$") {
		t.Errorf("markdown: %s", md)
	}
	withLang(t, EN, func() {
		if s := w.Step(5); !strings.Contains(s.Body, "no step 5: this walkthrough has 3 steps, numbered 0 to 2") {
			t.Errorf("Step(5): %q", s.Body)
		}
	})
	one := &Walkthrough{Steps: []Step{{Body: "only"}}}
	if strings.Contains(one.HTML(), "<script>") {
		t.Error("a one-step walkthrough has a player script")
	}
}

func TestFigureHTML(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.Set(1, 1, color.White)
	for _, tc := range []struct {
		fig  any
		want string
		ok   bool
	}{
		{pngFig{}, `<img class="sw-figure"`, true},
		{svgFig{}, "<svg", true},
		{img, "data:image/png;base64,", true},
		{Markdown("x"), "", false},
	} {
		h, ok := FigureHTML(tc.fig)
		if ok != tc.ok || !strings.Contains(h, tc.want) {
			t.Errorf("FigureHTML(%T) = %q, %v", tc.fig, h, ok)
		}
	}
}
