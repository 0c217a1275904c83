package viz

import (
	_ "embed"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// cjkSubset is a subset of Noto Sans CJK SC (SIL OFL 1.1): GB 2312 level 1
// hanzi, CJK punctuation and full-width forms. See fonts/gen_subset.py.
//
//go:embed fonts/cjk-sc-subset.otf
var cjkSubset []byte

// CJKFontPaths lists the system fonts tried, in order, for a character
// that neither Liberation Sans nor the embedded CJK subset has. The
// environment variable STEPWISE_CJK_FONT, when set, is tried first. A .ttc
// collection is searched for a Simplified Chinese member.
var CJKFontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/System/Library/Fonts/PingFang.ttc",
	"C:\\Windows\\Fonts\\msyh.ttc",
}

// faces is the font stack every figure draws text with: Liberation Sans
// for Latin, the embedded CJK subset, then a system CJK font if needed.
type faces struct {
	mu      sync.Mutex
	latin   *opentype.Font
	bold    *opentype.Font
	cjk     *opentype.Font
	sys     *opentype.Font // nil until a character needs it
	sysTry  bool           // whether the system fonts have been searched
	sysName string
	cover   map[rune]int // rune → index in stack(), -1 for none
	missing map[rune]bool
}

var fontStack = loadFaces()

func loadFaces() *faces {
	f := &faces{cover: map[rune]int{}, missing: map[rune]bool{}}
	for _, fc := range liberation.Collection() {
		if fc.Font.Variant != "Sans" || fc.Font.Style != 0 {
			continue
		}
		switch fc.Font.Weight {
		case xfont.WeightNormal:
			f.latin = fc.Face
		case xfont.WeightBold:
			f.bold = fc.Face
		}
	}
	cjk, err := opentype.Parse(cjkSubset)
	if err != nil {
		panic("viz: embedded CJK font: " + err.Error())
	}
	f.cjk = cjk
	if f.latin == nil || f.bold == nil {
		panic("viz: Liberation Sans not found in gonum/plot's font collection")
	}
	return f
}

// stack lists the faces in fallback order; bold selects the Latin weight.
func (f *faces) stack(bold bool) []*opentype.Font {
	l := f.latin
	if bold {
		l = f.bold
	}
	return []*opentype.Font{l, f.cjk, f.sys}
}

func has(fnt *opentype.Font, r rune) bool {
	if fnt == nil {
		return false
	}
	var buf sfnt.Buffer
	i, err := fnt.GlyphIndex(&buf, r)
	return err == nil && i != 0
}

// which returns the index in stack() of the first face with a glyph for r.
// Space and control characters go with the face of the run around them.
func (f *faces) which(r rune) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.cover[r]; ok {
		return i
	}
	i := f.find(r)
	f.cover[r] = i
	return i
}

func (f *faces) find(r rune) int {
	if has(f.latin, r) {
		return 0
	}
	if has(f.cjk, r) {
		return 1
	}
	if !f.sysTry {
		f.sysTry = true
		f.sys, f.sysName = loadSystemCJK()
	}
	if has(f.sys, r) {
		return 2
	}
	f.missing[r] = true
	return -1
}

// loadSystemCJK opens the first usable font of STEPWISE_CJK_FONT and
// CJKFontPaths. It returns nil when none can be read.
func loadSystemCJK() (*opentype.Font, string) {
	paths := CJKFontPaths
	if p := os.Getenv("STEPWISE_CJK_FONT"); p != "" {
		paths = append([]string{p}, paths...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if fnt := pickSC(data); fnt != nil {
			return fnt, p
		}
	}
	return nil, ""
}

// pickSC parses a font or collection and returns its Simplified Chinese
// member if it has one, else its first member.
func pickSC(data []byte) *opentype.Font {
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		return nil
	}
	var first *opentype.Font
	var buf sfnt.Buffer
	for i := 0; i < coll.NumFonts(); i++ {
		fnt, err := coll.Font(i)
		if err != nil {
			continue
		}
		if first == nil {
			first = fnt
		}
		name, _ := fnt.Name(&buf, sfnt.NameIDFamily)
		if strings.HasSuffix(name, " SC") && !strings.Contains(name, "Mono") {
			return fnt
		}
	}
	return first
}

// Missing lists the characters, seen so far in any figure, that no
// available font could draw (they appear as empty boxes). Install
// Debian's fonts-noto-cjk, or point STEPWISE_CJK_FONT at a font file, to
// fix them.
func Missing() string {
	fontStack.mu.Lock()
	defer fontStack.mu.Unlock()
	var b strings.Builder
	for r := range fontStack.missing {
		b.WriteRune(r)
	}
	return sortRunes(b.String())
}

func sortRunes(s string) string {
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j] < rs[j-1]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	return string(rs)
}

// run is a piece of a string drawn with one face.
type run struct {
	s       string
	face    font.Face
	latin   bool // drawn with Liberation Sans (which has a real bold)
	missing bool // no font has these characters
}

// runs splits s into pieces by the first face that has each character.
func (f *faces) runs(s string, fnt font.Font) []run {
	face := make([]int, 0, len(s))
	for _, r := range s {
		k := 0 // spaces are drawn with Liberation Sans
		if !unicode.IsSpace(r) {
			k = f.which(r) // -1: no font has r
		}
		face = append(face, k)
	}
	// The stack is read after which: it may have just loaded the system font.
	stk := f.stack(fnt.Weight == xfont.WeightBold)
	var out []run
	cur, start, n := -2, 0, 0
	mk := func(k int, piece string) run {
		if k < 0 {
			// SVG keeps the text (a browser may have a font for it); a
			// raster canvas draws a box per character.
			return run{s: piece, face: faceOf(stk[1], fnt), missing: true}
		}
		return run{s: piece, face: faceOf(stk[k], fnt), latin: k == 0}
	}
	for i := range s {
		k := face[n]
		n++
		if k > 0 && stk[k] == nil {
			k = -1
		}
		if k != cur {
			if cur != -2 && i > start {
				out = append(out, mk(cur, s[start:i]))
			}
			cur, start = k, i
		}
	}
	if cur != -2 && len(s) > start {
		out = append(out, mk(cur, s[start:]))
	}
	return out
}

// missingIn lists, in order, the characters of texts that no font has.
func missingIn(texts ...string) string {
	seen := map[rune]bool{}
	var rs []rune
	for _, t := range texts {
		for _, r := range t {
			if unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] {
				continue
			}
			seen[r] = true
			if fontStack.which(r) < 0 {
				rs = append(rs, r)
			}
		}
	}
	return sortRunes(string(rs))
}

// boxW is the width of the box drawn for a character no font has.
func boxW(size vg.Length) vg.Length { return size * 0.6 }

// width is the run's advance.
func (r run) width() vg.Length {
	if r.missing {
		return boxW(r.face.Font.Size) * vg.Length(utf8.RuneCountInString(r.s))
	}
	return r.face.Width(r.s)
}

func faceOf(o *opentype.Font, fnt font.Font) font.Face {
	return font.Face{Font: fnt, Face: o}
}

// handler is a text.Handler that draws each run of a string with the
// first font that has its glyphs.
type handler struct{ f *faces }

var _ text.Handler = handler{}

// Cache is unused by viz (faces are chosen per run) but required by
// text.Handler.
func (h handler) Cache() *font.Cache { return font.DefaultCache }

// Extents are Liberation Sans's, so lines are spaced alike in any script.
func (h handler) Extents(fnt font.Font) font.Extents {
	fc := faceOf(h.f.latin, fnt)
	return fc.Extents()
}

// Lines splits txt at newlines.
func (h handler) Lines(txt string) []string {
	return strings.Split(strings.TrimRight(txt, "\n"), "\n")
}

// Box measures txt run by run.
func (h handler) Box(txt string, fnt font.Font) (w, ht, depth vg.Length) {
	for _, r := range h.f.runs(txt, fnt) {
		w += r.width()
	}
	e := h.Extents(fnt)
	return w, e.Ascent, e.Descent
}

// Draw draws txt run by run, each run with its own face.
func (h handler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		sin, cos := sinCos(sty.Rotation)
		pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	}
	lines := h.Lines(txt)
	asc := h.Extents(sty.Font).Ascent
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - asc
	for i, line := range lines {
		w, _, _ := h.Box(line, sty.Font)
		p := pt.Add(vg.Point{X: vg.Length(sty.XAlign) * w, Y: vg.Length(len(lines)-i) * sty.Font.Size})
		_, svg := c.(svgCanvas)
		for _, r := range h.f.runs(line, sty.Font) {
			if r.missing && !svg {
				drawBoxes(c, r, p)
				p.X += r.width()
				continue
			}
			// SVG drops a text element's leading spaces: step over them.
			t := strings.TrimLeft(r.s, " ")
			p.X += r.face.Width(r.s[:len(r.s)-len(t)])
			c.FillString(r.face, p, t)
			if !r.latin && !svg && sty.Font.Weight == xfont.WeightBold {
				// The CJK font has one weight: thicken it like its
				// bold Latin neighbours by drawing it again, shifted.
				c.FillString(r.face, vg.Point{X: p.X + sty.Font.Size*0.04, Y: p.Y}, t)
			}
			p.X += r.face.Width(t)
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

// fontReport names the system font in use, for tests and messages.
func fontReport() string {
	fontStack.mu.Lock()
	defer fontStack.mu.Unlock()
	if fontStack.sys == nil {
		return "embedded subset only"
	}
	return fmt.Sprintf("embedded subset + %s", fontStack.sysName)
}

// drawBoxes draws an empty box for each character of r, which no font
// has, so that a reader sees that something is missing.
func drawBoxes(c vg.Canvas, r run, p vg.Point) {
	sz := r.face.Font.Size
	w, h := boxW(sz), sz*0.7
	c.SetLineWidth(vg.Length(math.Max(0.5, float64(sz)/16)))
	for range utf8.RuneCountInString(r.s) {
		var path vg.Path
		x0, x1 := p.X+w*0.12, p.X+w*0.88
		path.Move(vg.Point{X: x0, Y: p.Y})
		path.Line(vg.Point{X: x1, Y: p.Y})
		path.Line(vg.Point{X: x1, Y: p.Y + h})
		path.Line(vg.Point{X: x0, Y: p.Y + h})
		path.Close()
		c.Stroke(path)
		p.X += w
	}
}

func sinCos(a float64) (vg.Length, vg.Length) {
	s, c := math.Sincos(a)
	return vg.Length(s), vg.Length(c)
}
