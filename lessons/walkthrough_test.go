package lessons

import (
	"image"
	"image/color"
	"regexp"
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
		"<math", "<mn>19</mn>", `src="data:image/png;base64,iVBORw==`, `<svg style="max-width:100%;height:auto" width="10"`, "<script>", "Step 1/3",
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
	if h := one.HTML(); strings.Contains(h, "sw-controls") || strings.Contains(h, "sw-stepno") {
		t.Error("a one-step walkthrough has player controls")
	}
}

// sanitize does to HTML roughly what Jupyter's sanitiser (sanitize-html
// with Jupyter's allowed tags, as Notebook 6 and JupyterLab apply it to an
// untrusted notebook) does: scripts go with their content, tags outside
// the allowed list go but their text stays, style attributes go.
func sanitize(h string) string {
	h = regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>`).ReplaceAllString(h, "")
	h = regexp.MustCompile(`(?i)\sstyle="[^"]*"`).ReplaceAllString(h, "")
	allowed := map[string]bool{"div": true, "p": true, "span": true, "strong": true, "em": true, "img": true, "h3": true,
		"table": true, "thead": true, "tbody": true, "tr": true, "td": true, "th": true, "code": true, "pre": true,
		"ul": true, "ol": true, "li": true, "br": true, "hr": true, "button": true, "input": true, "a": true}
	return regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>`).ReplaceAllStringFunc(h, func(tag string) string {
		name := strings.ToLower(strings.TrimLeft(strings.SplitN(strings.Trim(tag, "<>/"), " ", 2)[0], "/"))
		if allowed[name] {
			return tag
		}
		return ""
	})
}

// TestPlayerUntrusted: sanitised as in an untrusted notebook, the player
// leaves no MathML debris (the letters of a formula run together with
// its TeX) and no dead controls, but the title, the intro and the first
// step with its formulas as TeX for MathJax, its figure as a PNG, and a
// note saying how to get the player.
func TestPlayerUntrusted(t *testing.T) {
	w := &Walkthrough{
		Title: "Softmax",
		Intro: "Row $i$ of the scores.",
		Steps: []Step{
			{Title: "exp", Body: "$$e^{s_{ij}} = \\frac{1}{2}$$\n$$Z = 3$$", Figures: []any{pngFig{}, svgFig{}}},
			{Title: "divide", Body: "$\\alpha = 0.5$"},
		},
	}
	withLang(t, EN, func() {
		h := w.HTML()
		s := sanitize(h)
		for _, want := range []string{"Softmax", `Row <span class="sw-tex">\(i\)</span>`, "Step 1/2", "<strong>exp</strong>",
			`\[e^{s_{ij}} = \frac{1}{2}\]`, `\[Z = 3\]`, `src="data:image/png;base64,iVBORw=="`, `src="data:image/svg+xml;base64,`, "first of 2 steps", "File ▸ Trust Notebook"} {
			if !strings.Contains(s, want) {
				t.Errorf("sanitised player lacks %q:\n%s", want, s)
			}
		}
		for _, bad := range []string{"divide", "alpha", "<input", "<button", "frac{1}{2}e", "sij"} {
			if strings.Contains(s, bad) {
				t.Errorf("sanitised player shows %q (MathML debris, a later step, or controls):\n%s", bad, s)
			}
		}
		// Trusted, the template holds the real player: every step, MathML,
		// the controls, with no "</script" to end the template early.
		tpl := h[strings.Index(h, `<script type="text/x-stepwise-html">`):]
		tpl = tpl[:strings.Index(tpl, "</script>")]
		for _, want := range []string{`data-step="1"`, "<mfrac>", `type="range"`, "<svg"} {
			if !strings.Contains(tpl, want) {
				t.Errorf("template lacks %q", want)
			}
		}
		// A single Step displays the same way.
		st := sanitize(Step{Title: "one", Body: "$x^2$"}.HTML())
		if !strings.Contains(st, `\(x^2\)`) || strings.Contains(st, "x2") {
			t.Errorf("sanitised step: %s", st)
		}
	})
}

func TestScriptTextEscapes(t *testing.T) {
	for in, want := range map[string]string{
		"<b>x</b>":                  "<b>x</b>",
		"a</script>b":               `a<\/script>b`,
		"a</SCRIPT >b<!-- c -->":    `a<\/SCRIPT >b<\!-- c -->`,
		`<script>var x=1;</script>`: `<script>var x=1;<\/script>`,
	} {
		if got := scriptText(in); got != want {
			t.Errorf("scriptText(%q) = %q, want %q", in, got, want)
		}
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
