package lessons

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"image"
	"image/png"
	"strings"
	"sync/atomic"
)

// Step is one step of a walkthrough: a title, a body of Markdown in which
// LaTeX formulas carry the actual numbers, and figures. A Step displays
// on its own in a cell.
type Step struct {
	// Title is a few words, e.g. "Position (0, 1)".
	Title string
	// Body is Markdown with $…$ and $$…$$ LaTeX.
	Body string
	// Figures are shown below the body: values with a PNG() []byte,
	// SVG() string or HTML() string method (viz figures), or image.Image.
	Figures []any
}

// Markdown returns the title and body (figures are left out: Markdown
// cannot carry them everywhere).
func (s Step) Markdown() string {
	if s.Title == "" {
		return s.Body
	}
	return "**" + s.Title + "**\n\n" + s.Body
}

// HTML returns the title and body as HTML, formulas as MathML (no
// MathJax or network needed), and the figures embedded.
func (s Step) HTML() string {
	var b strings.Builder
	if s.Title != "" {
		fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", html.EscapeString(s.Title))
	}
	b.WriteString(MarkdownHTML(s.Body))
	if len(s.Figures) > 0 {
		b.WriteString(`<div class="sw-figures" style="display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start">`)
		for _, f := range s.Figures {
			h, _ := FigureHTML(f)
			b.WriteString(h)
		}
		b.WriteString("</div>\n")
	}
	return b.String()
}

// FigureHTML embeds a figure in HTML: an SVG() string inline, a PNG()
// []byte or an image.Image as a data: URL, an HTML() string as is. It
// reports false for a value with none of those.
func FigureHTML(f any) (string, bool) {
	switch v := f.(type) {
	case interface{ SVG() string }:
		s := v.SVG()
		if i := strings.Index(s, "<svg"); i > 0 {
			s = s[i:]
		}
		return `<div class="sw-figure">` + s + "</div>", true
	case interface{ PNG() []byte }:
		return PNGImg(v.PNG()), true
	case interface{ HTML() string }:
		return v.HTML(), true
	case image.Image:
		var buf bytes.Buffer
		if err := png.Encode(&buf, v); err != nil {
			return "", false
		}
		return PNGImg(buf.Bytes()), true
	}
	return "", false
}

// PNGImg returns an <img> element holding the PNG as a data: URL.
func PNGImg(p []byte) string {
	return `<img class="sw-figure" alt="figure" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(p) + `">`
}

// Walkthrough is a sequence of steps with a player: in a cell it shows a
// slider and ◀ ▶ buttons that move through the steps (plain HTML and a
// short script; without scripts every step is shown, one after another).
type Walkthrough struct {
	// Title and Intro (Markdown) come before the player.
	Title, Intro string
	// Steps are the steps, in order.
	Steps []Step
}

// Len returns the number of steps.
func (w *Walkthrough) Len() int { return len(w.Steps) }

// Step returns step i (from 0). An index out of range gets a Step that
// says which indices there are.
func (w *Walkthrough) Step(i int) Step {
	if i < 0 || i >= len(w.Steps) {
		return Step{Title: "?", Body: T("lessons.walk.range", i, len(w.Steps), len(w.Steps)-1)}
	}
	return w.Steps[i]
}

// Markdown returns the title, the intro and every step in turn.
func (w *Walkthrough) Markdown() string {
	var b strings.Builder
	if w.Title != "" {
		fmt.Fprintf(&b, "### %s\n\n", w.Title)
	}
	if w.Intro != "" {
		b.WriteString(w.Intro + "\n\n")
	}
	for i, s := range w.Steps {
		head := fmt.Sprintf("%s %d/%d", T("lessons.walk.step"), i+1, len(w.Steps))
		if s.Title != "" {
			head += T("lessons.punct.colon") + s.Title
		}
		fmt.Fprintf(&b, "**%s**\n\n%s\n\n", head, s.Body)
	}
	return b.String()
}

var playerCount atomic.Int64

// HTML returns the player.
func (w *Walkthrough) HTML() string {
	steps := make([]string, len(w.Steps))
	for i, s := range w.Steps {
		steps[i] = s.HTML()
	}
	sum := sha256.Sum256([]byte(strings.Join(steps, "\x00")))
	id := fmt.Sprintf("sw-%s-%d", hex.EncodeToString(sum[:4]), playerCount.Add(1))
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="sw-player" id="%s">`+"\n", id)
	if w.Title != "" {
		fmt.Fprintf(&b, "<h3>%s</h3>\n", html.EscapeString(w.Title))
	}
	if w.Intro != "" {
		b.WriteString(MarkdownHTML(w.Intro))
	}
	if len(w.Steps) > 1 {
		fmt.Fprintf(&b, `<div class="sw-controls" style="display:none;align-items:center;gap:6px;margin:6px 0">`+
			`<button type="button" data-d="-1" title="%s">◀</button>`+
			`<input type="range" min="0" max="%d" value="0" step="1" style="width:240px" aria-label="%s">`+
			`<button type="button" data-d="1" title="%s">▶</button> <span class="sw-label">1 / %d</span></div>`+"\n",
			T("lessons.walk.prev"), len(w.Steps)-1, T("lessons.walk.step"), T("lessons.walk.next"), len(w.Steps))
	}
	for i, s := range steps {
		fmt.Fprintf(&b, `<div class="sw-step" data-step="%d">`+"\n", i)
		if len(w.Steps) > 1 {
			fmt.Fprintf(&b, `<div class="sw-stepno" style="color:#666;font-size:90%%">%s %d/%d</div>`+"\n", T("lessons.walk.step"), i+1, len(w.Steps))
		}
		b.WriteString(s)
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n")
	if len(w.Steps) > 1 {
		fmt.Fprintf(&b, "<script>%s</script>\n", strings.ReplaceAll(playerJS, "@ID@", id))
	}
	return b.String()
}

// playerJS wires one player: it hides every step but the current one and
// moves with the slider and the buttons.
const playerJS = `(function(){var r=document.getElementById("@ID@");if(!r)return;` +
	`var s=r.querySelectorAll(".sw-step"),c=r.querySelector(".sw-controls"),g=c.querySelector("input"),l=c.querySelector(".sw-label");` +
	`function show(i){i=Math.max(0,Math.min(s.length-1,i));g.value=i;for(var k=0;k<s.length;k++){s[k].style.display=k==i?"":"none";}` +
	`l.textContent=(i+1)+" / "+s.length;r.setAttribute("data-current",i);}` +
	`g.addEventListener("input",function(){show(+g.value);});` +
	`c.querySelectorAll("button").forEach(function(b){b.addEventListener("click",function(){show(+g.value+(+b.getAttribute("data-d")));});});` +
	`c.style.display="flex";show(0);})();`
