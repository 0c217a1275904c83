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
	"regexp"
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
// MathJax or network needed), and the figures embedded. Like the
// Walkthrough player it is wrapped by RichHTML, so that where Jupyter
// sanitises the output (an untrusted notebook) the step still reads well.
func (s Step) HTML() string {
	return RichHTML(s.richHTML(), s.fallbackHTML(), "")
}

// richHTML is the step with MathML formulas and every figure.
func (s Step) richHTML() string {
	var b strings.Builder
	if s.Title != "" {
		fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", html.EscapeString(s.Title))
	}
	b.WriteString(MarkdownHTML(s.Body))
	if len(s.Figures) > 0 {
		b.WriteString(`<div class="sw-figures" style="display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start;max-width:100%">`)
		for _, f := range s.Figures {
			h, _ := FigureHTML(f)
			b.WriteString(h)
		}
		b.WriteString("</div>\n")
	}
	return b.String()
}

// fallbackHTML is the step as a sanitiser leaves it readable: formulas as
// TeX between \( \) and \[ \] (which Jupyter's MathJax typesets), figures
// as PNG images.
func (s Step) fallbackHTML() string {
	var b strings.Builder
	if s.Title != "" {
		fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", html.EscapeString(s.Title))
	}
	b.WriteString(MarkdownTeXHTML(s.Body))
	for _, f := range s.Figures {
		b.WriteString(fallbackFigure(f))
	}
	return b.String()
}

// fallbackFigure embeds a figure for a sanitised output, where inline SVG
// is dropped but an <img> with a data: URL stays: an SVG figure as an
// image (far smaller than its PNG), else its PNG.
func fallbackFigure(f any) string {
	switch v := f.(type) {
	case interface{ SVG() string }:
		s := v.SVG()
		if i := strings.Index(s, "<svg"); i > 0 {
			s = s[i:]
		}
		return `<img class="sw-figure" style="max-width:100%;height:auto" alt="figure" src="data:image/svg+xml;base64,` +
			base64.StdEncoding.EncodeToString([]byte(s)) + `">`
	case interface{ PNG() []byte }:
		return PNGImg(v.PNG())
	}
	h, _ := FigureHTML(f)
	return h
}

// FigureHTML embeds a figure in HTML: an SVG() string inline, a PNG()
// []byte or an image.Image as a data: URL, an HTML() string as is; SVG
// and PNG figures are scaled down to the width of the output when wider.
// It reports false for a value with none of those.
func FigureHTML(f any) (string, bool) {
	switch v := f.(type) {
	case interface{ SVG() string }:
		s := v.SVG()
		if i := strings.Index(s, "<svg"); i >= 0 {
			// Scaled down to the output's width (the figure has a viewBox).
			s = `<svg style="max-width:100%;height:auto"` + s[i+len("<svg"):]
		}
		return `<div class="sw-figure" style="max-width:100%">` + s + "</div>", true
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

// PNGImg returns an <img> element holding the PNG as a data: URL, scaled
// down to the width of the output when it is wider.
func PNGImg(p []byte) string {
	return `<img class="sw-figure" style="max-width:100%;height:auto" alt="figure" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(p) + `">`
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

// HTML returns the player, wrapped by RichHTML: where Jupyter runs its
// script (a trusted notebook, the lesson page) it shows one step at a time
// with a slider and ◀ ▶ buttons; where the output is sanitised (an
// untrusted notebook, before the student runs it) it shows the title,
// the intro and the first step with its formulas in TeX, for MathJax, and
// a note on how to get the player.
func (w *Walkthrough) HTML() string {
	steps := make([]string, len(w.Steps))
	for i, s := range w.Steps {
		steps[i] = s.richHTML()
	}
	sum := sha256.Sum256([]byte(strings.Join(steps, "\x00")))
	id := fmt.Sprintf("sw-%s-%d", hex.EncodeToString(sum[:4]), playerCount.Add(1))
	var b strings.Builder
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
			fmt.Fprintf(&b, `<div class="sw-stepno" style="color:#666;font-size:90%%;margin-top:1em">%s %d/%d</div>`+"\n", T("lessons.walk.step"), i+1, len(w.Steps))
		}
		b.WriteString(s)
		b.WriteString("</div>\n")
	}
	js := ""
	if len(w.Steps) > 1 {
		js = playerJS
	}
	return richHTML(id, "sw-player", b.String(), w.fallbackHTML(), js)
}

// fallbackHTML is the walkthrough as a sanitised output shows it: the
// title, the intro and the first step, formulas in TeX.
func (w *Walkthrough) fallbackHTML() string {
	var b strings.Builder
	if w.Title != "" {
		fmt.Fprintf(&b, "<h3>%s</h3>\n", html.EscapeString(w.Title))
	}
	if w.Intro != "" {
		b.WriteString(MarkdownTeXHTML(w.Intro))
	}
	if len(w.Steps) > 0 {
		if len(w.Steps) > 1 {
			fmt.Fprintf(&b, "<p><em>%s 1/%d</em></p>\n", T("lessons.walk.step"), len(w.Steps))
		}
		b.WriteString(w.Steps[0].fallbackHTML())
	}
	if len(w.Steps) > 1 {
		fmt.Fprintf(&b, "<p><em>%s</em></p>\n", html.EscapeString(T("lessons.walk.untrusted", len(w.Steps))))
	}
	return b.String()
}

var richCount atomic.Int64

// RichHTML returns HTML for a cell's output that reads well both where
// Jupyter runs scripts and where it sanitises the output. Jupyter Notebook
// and JupyterLab sanitise the HTML of an untrusted notebook (one the
// student opened but has not run): scripts go with their content, MathML
// and SVG elements are dropped but their text stays (a formula becomes a
// jumble of its letters and its TeX), style attributes are removed. So
// rich (MathML, inline SVG, styles) travels inside an inert <script
// type="text/x-stepwise-html"> template that a small script puts in place,
// removing fallback (plain HTML; formulas as TeX between \( \) or \[ \],
// which Jupyter's MathJax typesets; figures as <img>); sanitised, only
// fallback is left. js, if not empty, is more script to run after, with
// @ID@ standing for the element's id. Without scripts and without a
// sanitiser (a browser with JavaScript off), the fallback shows.
func RichHTML(rich, fallback, js string) string {
	id := fmt.Sprintf("sw-rich-%d", richCount.Add(1))
	return richHTML(id, "sw-rich", rich, fallback, js)
}

func richHTML(id, class, rich, fallback, js string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="%s" id="%s">`+"\n", class, id)
	fmt.Fprintf(&b, `<div class="sw-fallback">`+"\n%s</div>\n", fallback)
	fmt.Fprintf(&b, `<script type="text/x-stepwise-html">%s</script>`+"\n", scriptText(rich))
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, "<script>%s</script>\n", strings.ReplaceAll(richJS+js, "@ID@", id))
	return b.String()
}

// scriptText makes s safe inside a <script> element: the HTML parser ends
// a script at "</script" and treats "<!--" specially, so both are escaped
// (and restored by richJS).
func scriptText(s string) string {
	return reScriptEnd.ReplaceAllString(strings.ReplaceAll(s, "<!--", `<\!--`), `<\/$1`)
}

var reScriptEnd = regexp.MustCompile(`(?i)</(script)`)

// richJS puts the template of element @ID@ in place of its fallback, and
// runs the scripts inside it (a figure's own player), which innerHTML
// alone would not.
const richJS = `(function(){var r=document.getElementById("@ID@");if(!r||r.getAttribute("data-ready"))return;` +
	`var t=r.querySelector('script[type="text/x-stepwise-html"]');if(!t)return;` +
	`var d=document.createElement("div");d.innerHTML=t.textContent.replace(/<\\\/(script)/gi,function(m,w){return "</"+w;}).replace(/<\\!--/g,"<!--");` +
	`var f=r.querySelector(".sw-fallback");if(f)r.removeChild(f);r.removeChild(t);` +
	`while(d.firstChild)r.appendChild(d.firstChild);r.setAttribute("data-ready","1");` +
	`r.querySelectorAll("script").forEach(function(o){var n=document.createElement("script");` +
	`if(o.type)n.type=o.type;n.text=o.text;o.parentNode.replaceChild(n,o);});})();`

// playerJS wires one player: it hides every step but the current one and
// moves with the slider and the buttons.
const playerJS = `(function(){var r=document.getElementById("@ID@");if(!r)return;` +
	`var s=r.querySelectorAll(".sw-step"),c=r.querySelector(".sw-controls");if(!c)return;var g=c.querySelector("input"),l=c.querySelector(".sw-label");` +
	`function show(i){i=Math.max(0,Math.min(s.length-1,i));g.value=i;for(var k=0;k<s.length;k++){s[k].style.display=k==i?"":"none";}` +
	`l.textContent=(i+1)+" / "+s.length;r.setAttribute("data-current",i);}` +
	`g.addEventListener("input",function(){show(+g.value);});` +
	`c.querySelectorAll("button").forEach(function(b){b.addEventListener("click",function(){show(+g.value+(+b.getAttribute("data-d")));});});` +
	`c.style.display="flex";show(0);})();`
