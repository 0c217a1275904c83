package lessons

import (
	"fmt"
	"html"
	"strings"
	"unicode"
)

// MathML converts a TeX formula (without $ delimiters) to MathML Core,
// which browsers render natively: no MathJax, no network. display selects
// a block formula ($$…$$) rather than an inline one ($…$). The TeX is kept
// in an annotation, so copying the formula yields its source.
//
// It understands the TeX the lessons use: letters, numbers and operators;
// sub- and superscripts and primes; \frac, \sqrt, \binom; Greek letters and
// the usual symbols; \sum, \prod, \max, \lim and \operatorname* with
// limits; \exp, \tanh and other function names; \mathbf, \boldsymbol,
// \mathsf, \mathbb, \mathcal, \mathrm, \text; accents (\hat, \tilde, \bar,
// \vec, \dot); \left…\right and \big delimiters; the matrix, pmatrix,
// bmatrix, vmatrix, cases, array and aligned environments; \color,
// \textcolor and \boxed; \underbrace, \overset and spacing commands. An
// unknown command is rendered as a red <merror> and reported in err; the
// rest of the formula is still converted.
func MathML(tex string, display bool) (string, error) {
	p := &texParser{s: []rune(tex)}
	body := p.row(stopNone)
	for p.i < len(p.s) { // a stray } or \right at top level
		p.errorf("unexpected %q", string(p.s[p.i]))
		p.i++
		body += p.row(stopNone)
	}
	attr := ` style="` + MathFontCSS + `"`
	if display {
		attr = ` display="block" style="` + MathFontCSS + `;` + mathBlockCSS + `"`
	}
	out := "<math" + attr + "><semantics><mrow>" + body + "</mrow>" +
		`<annotation encoding="application/x-tex">` + html.EscapeString(tex) + "</annotation></semantics></math>"
	if len(p.errs) > 0 {
		return out, fmt.Errorf("lessons: TeX %q: %s", tex, strings.Join(p.errs, "; "))
	}
	return out, nil
}

// MathFontCSS is the font-family declaration put on every <math>
// element: browsers stretch delimiters and enlarge sums only with a font
// that has an OpenType MATH table, and the generic "math" family is often
// not mapped to one. The list covers macOS (STIX Two Math), Windows
// (Cambria Math), Debian (fonts-lmodern; fonts-texgyre-math; DejaVu Math
// TeX Gyre in fonts-dejavu) and Noto (Noto Sans Math), then math.
const MathFontCSS = "font-family:'STIX Two Math','Cambria Math','Latin Modern Math','TeX Gyre Termes Math','TeX Gyre Pagella Math','DejaVu Math TeX Gyre','Noto Sans Math',math"

// mathBlockCSS spaces a display formula from what comes before and after
// (two in a row would touch) and lets a formula wider than the output
// scroll rather than overflow.
const mathBlockCSS = "margin:0.6em 0;overflow-x:auto;overflow-y:hidden"

type texParser struct {
	s    []rune
	i    int
	errs []string
	font string // current font command: "", "bf", "bfit", "sf", "bb", "cal", "rm", "tt"
}

// stop says where a row ends besides a closing brace and the end of input.
type stop int

const (
	stopNone  stop = iota
	stopRight      // \right
	stopCell       // &, \\, \end
)

func (p *texParser) errorf(format string, args ...any) {
	p.errs = append(p.errs, fmt.Sprintf(format, args...))
}

func (p *texParser) eof() bool { return p.i >= len(p.s) }

func (p *texParser) peek() rune {
	if p.eof() {
		return 0
	}
	return p.s[p.i]
}

func (p *texParser) skipSpace() {
	for !p.eof() && unicode.IsSpace(p.s[p.i]) {
		p.i++
	}
}

// peekCommand returns the command at the cursor ("frac" for \frac, "\\"
// for \\) without consuming it, or "".
func (p *texParser) peekCommand() string {
	if p.peek() != '\\' || p.i+1 >= len(p.s) {
		return ""
	}
	j := p.i + 1
	if !isASCIILetter(p.s[j]) {
		return string(p.s[j])
	}
	for j < len(p.s) && isASCIILetter(p.s[j]) {
		j++
	}
	return string(p.s[p.i+1 : j])
}

func (p *texParser) readCommand() string {
	c := p.peekCommand()
	p.i += 1 + len([]rune(c))
	return c
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// row parses atoms until a closing brace, the end, or the given stop.
func (p *texParser) row(st stop) string {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.eof() || p.peek() == '}' {
			return b.String()
		}
		c := p.peekCommand()
		switch {
		case st == stopRight && c == "right":
			return b.String()
		case st == stopCell && (p.peek() == '&' || c == "\\" || c == "end"):
			return b.String()
		case c == "color":
			p.readCommand()
			color := p.rawArg()
			rest := p.row(st)
			fmt.Fprintf(&b, `<mrow mathcolor="%s">%s</mrow>`, html.EscapeString(color), rest)
			return b.String()
		case c == "displaystyle" || c == "textstyle" || c == "scriptstyle":
			p.readCommand()
			rest := p.row(st)
			fmt.Fprintf(&b, `<mstyle displaystyle="%t">%s</mstyle>`, c == "displaystyle", rest)
			return b.String()
		case c == "\\" || p.peek() == '&':
			// A line break or alignment outside an environment: skip it.
			if c == "\\" {
				p.readCommand()
			} else {
				p.i++
			}
			continue
		case c == "right" || c == "end":
			p.errorf(`\%s without its \left or \begin`, c)
			p.readCommand()
			if c == "end" {
				p.rawArg()
			}
			continue
		}
		b.WriteString(p.scripted())
	}
}

// atom kinds that decide how scripts attach.
type atomKind int

const (
	ordinary    atomKind = iota
	limitsOp             // \sum, \max: limits below and above in display
	fixedLimits          // \underbrace, \overset results: always below/above
)

// scripted parses one atom and any ^, _ and ' that follow it.
func (p *texParser) scripted() string {
	base, kind := p.atom()
	var sub, sup string
	primes := ""
	for {
		p.skipSpace()
		switch c := p.peekCommand(); {
		case c == "limits":
			p.readCommand()
			kind = fixedLimits
			continue
		case c == "nolimits":
			p.readCommand()
			kind = ordinary
			continue
		}
		switch p.peek() {
		case '\'':
			p.i++
			primes += "′"
			continue
		case '^':
			p.i++
			sup = p.arg()
			continue
		case '_':
			p.i++
			sub = p.arg()
			continue
		}
		break
	}
	if primes != "" {
		if sup != "" {
			sup = "<mrow><mo>" + primes + "</mo>" + sup + "</mrow>"
		} else {
			sup = "<mo>" + primes + "</mo>"
		}
	}
	if base == "" {
		base = "<mrow></mrow>"
	}
	under, over, both := "msub", "msup", "msubsup"
	if kind != ordinary {
		under, over, both = "munder", "mover", "munderover"
	}
	switch {
	case sub != "" && sup != "":
		return fmt.Sprintf("<%s>%s%s%s</%s>", both, base, sub, sup, both)
	case sub != "":
		return fmt.Sprintf("<%s>%s%s</%s>", under, base, sub, under)
	case sup != "":
		return fmt.Sprintf("<%s>%s%s</%s>", over, base, sup, over)
	}
	return base
}

// arg parses a script or command argument: a braced group or one atom,
// returned as a single element.
func (p *texParser) arg() string {
	p.skipSpace()
	if p.peek() == '{' {
		p.i++
		inner := p.row(stopNone)
		p.expect('}')
		return "<mrow>" + inner + "</mrow>"
	}
	if p.eof() {
		p.errorf("missing argument at the end")
		return "<mrow></mrow>"
	}
	a, _ := p.atom()
	if a == "" {
		return "<mrow></mrow>"
	}
	return a
}

// rawArg reads a braced argument as text (a color name, an environment
// name, a column spec).
func (p *texParser) rawArg() string {
	p.skipSpace()
	if p.peek() != '{' {
		if p.eof() {
			return ""
		}
		r := p.s[p.i]
		p.i++
		return string(r)
	}
	p.i++
	depth, start := 1, p.i
	for !p.eof() {
		switch p.s[p.i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				s := string(p.s[start:p.i])
				p.i++
				return s
			}
		case '\\':
			p.i++
		}
		p.i++
	}
	p.errorf("missing }")
	return string(p.s[start:])
}

func (p *texParser) expect(r rune) {
	p.skipSpace()
	if p.peek() != r {
		p.errorf("expected %q", string(r))
		return
	}
	p.i++
}

// atom parses one atom without scripts.
func (p *texParser) atom() (string, atomKind) {
	p.skipSpace()
	r := p.peek()
	switch {
	case r == '{':
		return p.arg(), ordinary
	case r == '\\':
		return p.command()
	case r >= '0' && r <= '9' || r == '.' && p.i+1 < len(p.s) && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9':
		start := p.i
		for !p.eof() && (p.peek() >= '0' && p.peek() <= '9' || p.peek() == '.' && p.i+1 < len(p.s) && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9') {
			p.i++
		}
		return "<mn>" + styled(string(p.s[start:p.i]), p.font) + "</mn>", ordinary
	case isASCIILetter(r):
		if p.font == "rm" || p.font == "tt" {
			start := p.i
			for !p.eof() && isASCIILetter(p.peek()) {
				p.i++
			}
			return mi(string(p.s[start:p.i]), p.font), ordinary
		}
		p.i++
		return mi(string(r), p.font), ordinary
	case r == '^' || r == '_' || r == '\'':
		return "", ordinary // a script with no base
	case r == '~':
		p.i++
		return `<mspace width="0.333em"></mspace>`, ordinary
	}
	p.i++
	if op, ok := asciiOps[r]; ok {
		return op, ordinary
	}
	if unicode.IsLetter(r) && r > 0x2000 && !unicode.In(r, unicode.Greek) {
		// CJK and other text inside a formula.
		start := p.i - 1
		for !p.eof() && unicode.IsLetter(p.peek()) && p.peek() > 0x2000 {
			p.i++
		}
		return "<mtext>" + html.EscapeString(string(p.s[start:p.i])) + "</mtext>", ordinary
	}
	if unicode.IsLetter(r) {
		return mi(string(r), p.font), ordinary
	}
	return "<mo>" + html.EscapeString(string(r)) + "</mo>", ordinary
}

var asciiOps = map[rune]string{
	'+': "<mo>+</mo>", '-': "<mo>−</mo>", '*': "<mo>∗</mo>", '/': `<mo stretchy="false">/</mo>`,
	'=': "<mo>=</mo>", '<': "<mo>&lt;</mo>", '>': "<mo>&gt;</mo>",
	'(': `<mo stretchy="false">(</mo>`, ')': `<mo stretchy="false">)</mo>`,
	'[': `<mo stretchy="false">[</mo>`, ']': `<mo stretchy="false">]</mo>`,
	'|': `<mo stretchy="false">|</mo>`, ',': "<mo>,</mo>", ';': "<mo>;</mo>",
	':': "<mo>:</mo>", '!': "<mo>!</mo>", '?': "<mo>?</mo>", '@': "<mi>@</mi>",
}

// mi returns an identifier in the current font. One letter in the default
// font is italic (MathML's default); more letters or \mathrm are upright.
func mi(s, font string) string {
	switch font {
	case "", "it":
		return "<mi>" + html.EscapeString(s) + "</mi>"
	case "rm":
		if len([]rune(s)) == 1 {
			return `<mi mathvariant="normal">` + html.EscapeString(s) + "</mi>"
		}
		return "<mi>" + html.EscapeString(s) + "</mi>"
	case "tt":
		return `<mi style="font-family:monospace">` + html.EscapeString(s) + "</mi>"
	}
	return `<mi mathvariant="normal">` + styled(s, font) + "</mi>"
}

// styled maps letters and digits to the Unicode mathematical alphanumerics
// of a font (MathML Core's way of writing bold, sans-serif, double-struck
// and calligraphic letters).
func styled(s, font string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(styleRune(r, font))
	}
	return html.EscapeString(b.String())
}

// Unicode exceptions: letters that exist in the Letterlike Symbols block.
var bbExceptions = map[rune]rune{'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'}
var calExceptions = map[rune]rune{'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ', 'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ'}

func styleRune(r rune, font string) rune {
	upper, lower, digit := r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9'
	switch font {
	case "bf":
		switch {
		case upper:
			return 0x1D400 + r - 'A'
		case lower:
			return 0x1D41A + r - 'a'
		case digit:
			return 0x1D7CE + r - '0'
		case r >= 'α' && r <= 'ω':
			return 0x1D6C2 + r - 'α'
		case r >= 'Α' && r <= 'Ω':
			return 0x1D6A8 + r - 'Α'
		}
	case "bfit":
		switch {
		case upper:
			return 0x1D468 + r - 'A'
		case lower:
			return 0x1D482 + r - 'a'
		case digit:
			return 0x1D7CE + r - '0'
		case r >= 'α' && r <= 'ω':
			return 0x1D736 + r - 'α'
		case r >= 'Α' && r <= 'Ω':
			return 0x1D71C + r - 'Α'
		}
	case "sf":
		switch {
		case upper:
			return 0x1D5A0 + r - 'A'
		case lower:
			return 0x1D5BA + r - 'a'
		case digit:
			return 0x1D7E2 + r - '0'
		}
	case "bb":
		if e, ok := bbExceptions[r]; ok {
			return e
		}
		switch {
		case upper:
			return 0x1D538 + r - 'A'
		case lower:
			return 0x1D552 + r - 'a'
		case digit:
			return 0x1D7D8 + r - '0'
		}
	case "cal":
		if e, ok := calExceptions[r]; ok {
			return e
		}
		switch {
		case upper:
			return 0x1D49C + r - 'A'
		case lower:
			return 0x1D4B6 + r - 'a'
		}
	}
	return r
}

// withFont parses an argument in a font.
func (p *texParser) withFont(font string) string {
	saved := p.font
	p.font = font
	a := p.arg()
	p.font = saved
	return a
}

// text reads a \text argument: plain text, with $…$ inside switching back
// to math.
func (p *texParser) text(style string) string {
	raw := p.rawArg()
	parts := strings.Split(raw, "$")
	var b strings.Builder
	b.WriteString("<mrow>")
	for i, part := range parts {
		if i%2 == 1 {
			sub := &texParser{s: []rune(part)}
			b.WriteString(sub.row(stopNone))
			p.errs = append(p.errs, sub.errs...)
			continue
		}
		if part == "" {
			continue
		}
		part = strings.NewReplacer(`\%`, "%", `\&`, "&", `\_`, "_", `\#`, "#", `\$`, "$", `\{`, "{", `\}`, "}", "~", "\u00a0").Replace(part)
		// Keep the spaces around words: MathML collapses them.
		if t := strings.TrimLeft(part, " "); t != part {
			part = "\u00a0" + t
		}
		if t := strings.TrimRight(part, " "); t != part {
			part = t + "\u00a0"
		}
		fmt.Fprintf(&b, "<mtext%s>%s</mtext>", style, html.EscapeString(part))
	}
	b.WriteString("</mrow>")
	return b.String()
}

// command parses a command after the backslash.
func (p *texParser) command() (string, atomKind) {
	c := p.readCommand()
	if s, ok := texIdent[c]; ok {
		if p.font == "bf" || p.font == "bfit" {
			return `<mi mathvariant="normal">` + styled(s, p.font) + "</mi>", ordinary
		}
		if r := []rune(s)[0]; r >= 'Α' && r <= 'Ω' {
			return `<mi mathvariant="normal">` + s + "</mi>", ordinary
		}
		return "<mi>" + s + "</mi>", ordinary
	}
	if s, ok := texOp[c]; ok {
		if strings.Contains("|‖⌊⌋⌈⌉⟨⟩{}[]", s) {
			return `<mo stretchy="false">` + s + "</mo>", ordinary
		}
		return "<mo>" + s + "</mo>", ordinary
	}
	if s, ok := texBigOp[c]; ok {
		if c == "int" || c == "iint" || c == "oint" {
			return `<mo largeop="true">` + s + "</mo>", ordinary
		}
		return `<mo largeop="true" movablelimits="true">` + s + "</mo>", limitsOp
	}
	if texFunc[c] {
		return "<mi>" + c + "</mi><mo>\u2061</mo>", ordinary
	}
	if texLimFunc[c] {
		name := c
		if c == "argmax" || c == "argmin" {
			name = "arg\u2009" + c[3:]
		}
		return `<mo movablelimits="true" form="prefix">` + name + "</mo>", limitsOp
	}
	if w, ok := texSpace[c]; ok {
		return `<mspace width="` + w + `"></mspace>`, ordinary
	}
	if font, ok := texFont[c]; ok {
		return p.withFont(font), ordinary
	}
	if d, ok := texAccent[c]; ok {
		base := p.arg()
		tag := "mover"
		if c == "underline" {
			tag = "munder"
		}
		stretch := ""
		if c == "overline" || c == "underline" || strings.HasPrefix(c, "wide") || c == "overrightarrow" {
			stretch = ` stretchy="true"`
		}
		return fmt.Sprintf(`<%s accent="true">%s<mo%s>%s</mo></%s>`, tag, base, stretch, d, tag), ordinary
	}
	switch c {
	case "frac", "dfrac", "tfrac", "cfrac":
		num, den := p.arg(), p.arg()
		s := "<mfrac>" + num + den + "</mfrac>"
		if c == "dfrac" {
			s = `<mstyle displaystyle="true">` + s + "</mstyle>"
		}
		return s, ordinary
	case "binom":
		n, k := p.arg(), p.arg()
		return `<mrow><mo>(</mo><mfrac linethickness="0">` + n + k + `</mfrac><mo>)</mo></mrow>`, ordinary
	case "sqrt":
		p.skipSpace()
		if p.peek() == '[' {
			p.i++
			start := p.i
			for !p.eof() && p.peek() != ']' {
				p.i++
			}
			idx := (&texParser{s: p.s[start:p.i]}).row(stopNone)
			p.i++
			return "<mroot>" + p.arg() + "<mrow>" + idx + "</mrow></mroot>", ordinary
		}
		return "<msqrt>" + p.arg() + "</msqrt>", ordinary
	case "text", "textrm", "mbox", "textnormal", "textup":
		return p.text(""), ordinary
	case "textbf":
		return p.text(` style="font-weight:bold"`), ordinary
	case "textit", "emph":
		return p.text(` style="font-style:italic"`), ordinary
	case "texttt":
		return p.text(` style="font-family:monospace"`), ordinary
	case "operatorname", "operatorname*":
		star := p.peek() == '*'
		if star {
			p.i++
		}
		name := p.rawArg()
		if star {
			return `<mo movablelimits="true" form="prefix">` + html.EscapeString(name) + "</mo>", limitsOp
		}
		return "<mi>" + html.EscapeString(name) + "</mi><mo>\u2061</mo>", ordinary
	case "mathop":
		return p.arg(), limitsOp
	case "left":
		return p.leftRight(), ordinary
	case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "bigm", "Bigm":
		size := map[byte]string{'b': "1.2em", 'B': "1.8em"}[c[0]]
		if strings.HasPrefix(strings.ToLower(c), "bigg") {
			size = map[byte]string{'b': "2.4em", 'B': "3em"}[c[0]]
		}
		d := p.delimiter()
		return fmt.Sprintf(`<mo stretchy="true" symmetric="true" minsize="%s" maxsize="%s">%s</mo>`, size, size, d), ordinary
	case "begin":
		return p.environment(), ordinary
	case "textcolor":
		color := p.rawArg()
		return fmt.Sprintf(`<mrow mathcolor="%s">%s</mrow>`, html.EscapeString(color), p.arg()), ordinary
	case "colorbox":
		color := p.rawArg()
		return fmt.Sprintf(`<mrow mathbackground="%s">%s</mrow>`, html.EscapeString(color), p.text("")), ordinary
	case "boxed", "fbox":
		var inner string
		if c == "fbox" {
			inner = p.text("")
		} else {
			inner = p.arg()
		}
		return `<mrow style="border:1px solid currentColor;padding:0.15em 0.3em">` + inner + "</mrow>", ordinary
	case "underbrace", "overbrace":
		inner := p.arg()
		if c == "underbrace" {
			return "<munder>" + inner + `<mo stretchy="true">⏟</mo></munder>`, fixedLimits
		}
		return "<mover>" + inner + `<mo stretchy="true">⏞</mo></mover>`, fixedLimits
	case "overset", "stackrel":
		over, base := p.arg(), p.arg()
		return "<mover>" + base + over + "</mover>", ordinary
	case "underset":
		under, base := p.arg(), p.arg()
		return "<munder>" + base + under + "</munder>", ordinary
	case "not":
		a, _ := p.atom()
		return strings.Replace(a, "</mo>", "\u0338</mo>", 1), ordinary
	case "label", "tag", "nonumber", "notag":
		if c == "label" || c == "tag" {
			p.rawArg()
		}
		return "", ordinary
	case "phantom":
		return `<mpadded width="0" style="visibility:hidden">` + p.arg() + "</mpadded>", ordinary
	case "mathstrut", "strut":
		return "", ordinary
	case "{", "}", "%", "$", "#", "&", "_", "|":
		s := map[string]string{"{": "{", "}": "}", "%": "%", "$": "$", "#": "#", "&": "&amp;", "_": "_", "|": "‖"}[c]
		if c == "{" || c == "}" || c == "|" {
			return `<mo stretchy="false">` + s + "</mo>", ordinary
		}
		return "<mo>" + s + "</mo>", ordinary
	}
	p.errorf(`unknown command \%s`, c)
	return "<merror><mtext>\\" + html.EscapeString(c) + "</mtext></merror>", ordinary
}

// delimiter reads the delimiter after \left, \right or \big.
func (p *texParser) delimiter() string {
	p.skipSpace()
	if p.peek() == '\\' {
		c := p.readCommand()
		if d, ok := texDelim[c]; ok {
			return d
		}
		p.errorf(`unknown delimiter \%s`, c)
		return ""
	}
	if p.eof() {
		p.errorf("missing delimiter")
		return ""
	}
	r := p.s[p.i]
	p.i++
	switch r {
	case '.':
		return ""
	case '<':
		return "⟨"
	case '>':
		return "⟩"
	}
	return html.EscapeString(string(r))
}

func (p *texParser) leftRight() string {
	open := p.delimiter()
	inner := p.row(stopRight)
	close := ""
	if p.peekCommand() == "right" {
		p.readCommand()
		close = p.delimiter()
	} else {
		p.errorf(`\left without \right`)
	}
	s := "<mrow>"
	if open != "" {
		s += `<mo stretchy="true" fence="true" form="prefix">` + open + "</mo>"
	}
	s += inner
	if close != "" {
		s += `<mo stretchy="true" fence="true" form="postfix">` + close + "</mo>"
	}
	return s + "</mrow>"
}

// environment parses \begin{name} … \end{name}.
func (p *texParser) environment() string {
	name := p.rawArg()
	var open, close, align string
	switch strings.TrimSuffix(name, "*") {
	case "matrix", "smallmatrix":
	case "pmatrix":
		open, close = "(", ")"
	case "bmatrix":
		open, close = "[", "]"
	case "Bmatrix":
		open, close = "{", "}"
	case "vmatrix":
		open, close = "|", "|"
	case "Vmatrix":
		open, close = "‖", "‖"
	case "cases":
		open, align = "{", "left left"
	case "aligned", "align", "split", "alignedat", "eqnarray":
		align = "right left right left right left"
		if strings.HasPrefix(name, "alignedat") {
			p.rawArg()
		}
	case "gathered", "gather":
		align = "center"
	case "array":
		spec := p.rawArg()
		var cols []string
		for _, r := range spec {
			switch r {
			case 'l':
				cols = append(cols, "left")
			case 'c':
				cols = append(cols, "center")
			case 'r':
				cols = append(cols, "right")
			}
		}
		align = strings.Join(cols, " ")
	default:
		p.errorf("unknown environment %q", name)
	}
	var rows []string
	for {
		var cells []string
		for {
			cell := p.row(stopCell)
			cells = append(cells, cell)
			if p.peek() == '&' {
				p.i++
				continue
			}
			break
		}
		rows = append(rows, cells...)
		rows = append(rows, "\x00") // row separator
		c := p.peekCommand()
		if c == "\\" {
			p.readCommand()
			p.skipSpace()
			if p.peek() == '[' { // \\[4pt]
				for !p.eof() && p.peek() != ']' {
					p.i++
				}
				p.i++
			}
			continue
		}
		if c == "end" {
			p.readCommand()
			if end := p.rawArg(); end != name {
				p.errorf(`\begin{%s} ended by \end{%s}`, name, end)
			}
		} else {
			p.errorf(`\begin{%s} without \end`, name)
			if p.peek() == '}' {
				p.i++
			}
		}
		break
	}
	var b strings.Builder
	attrs := ""
	if align != "" {
		attrs = ` columnalign="` + align + `"`
	}
	if strings.HasPrefix(name, "align") || name == "split" || name == "aligned" {
		attrs += ` displaystyle="true" columnspacing="0em"`
	}
	b.WriteString("<mtable" + attrs + ">")
	aligned := strings.HasPrefix(name, "align") || name == "split" || name == "eqnarray"
	var cur []string
	flush := func() {
		if len(cur) == 1 && cur[0] == "" {
			cur = nil
			return
		}
		b.WriteString("<mtr>")
		for k, c := range cur {
			style := ""
			if aligned {
				// No gap between the halves (the relation's own spacing
				// separates them), a little between rows, whose fractions
				// would otherwise touch.
				style = ` style="text-align:` + map[bool]string{true: "right", false: "left"}[k%2 == 0] + `;padding:0.3em 0"`
			} else if align != "" {
				cols := strings.Fields(align)
				style = ` style="text-align:` + cols[min(k, len(cols)-1)] + `"`
			}
			if aligned && k%2 == 1 && strings.HasPrefix(c, "<mo") {
				// "&=": an empty operand first, so that the relation is
				// spaced as one between two operands (MathJax, which
				// Jupyter Notebook runs over MathML, gives an operator
				// that starts a cell no space before it).
				c = "<mi></mi>" + c
			}
			b.WriteString("<mtd" + style + ">" + c + "</mtd>")
		}
		b.WriteString("</mtr>")
		cur = nil
	}
	for _, c := range rows {
		if c == "\x00" {
			flush()
			continue
		}
		cur = append(cur, c)
	}
	b.WriteString("</mtable>")
	table := b.String()
	if open == "" && close == "" {
		return table
	}
	s := "<mrow>"
	if open != "" {
		s += `<mo stretchy="true" fence="true" form="prefix">` + open + "</mo>"
	}
	s += table
	if close != "" {
		s += `<mo stretchy="true" fence="true" form="postfix">` + close + "</mo>"
	}
	return s + "</mrow>"
}

var texIdent = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"ell": "ℓ", "infty": "∞", "partial": "∂", "nabla": "∇", "emptyset": "∅", "varnothing": "∅",
	"hbar": "ℏ", "imath": "ı", "jmath": "ȷ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ",
	"top": "⊤", "intercal": "⊺", "bot": "⊥", "prime": "′", "angle": "∠", "triangle": "△",
	"checkmark": "✓", "square": "□", "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮",
	"ddots": "⋱", "dotsc": "…", "dotsb": "⋯",
}

var texOp = map[string]string{
	"cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
	"circ": "∘", "bullet": "∙", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "ominus": "⊖",
	"le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
	"equiv": "≡", "sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "ll": "≪", "gg": "≫",
	"to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒",
	"Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔", "implies": "⟹",
	"iff": "⟺", "mapsto": "↦", "longrightarrow": "⟶", "longleftarrow": "⟵",
	"longleftrightarrow": "⟷", "Longrightarrow": "⟹", "Longleftarrow": "⟸", "Longleftrightarrow": "⟺",
	"longmapsto": "⟼", "hookrightarrow": "↪", "nearrow": "↗", "searrow": "↘", "rightleftharpoons": "⇌", "uparrow": "↑", "downarrow": "↓",
	"in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
	"supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "forall": "∀", "exists": "∃",
	"neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨",
	"mid": "∣", "parallel": "∥", "perp": "⊥", "colon": ":", "vert": "|", "Vert": "‖",
	"lVert": "‖", "rVert": "‖", "lvert": "|", "rvert": "|", "lfloor": "⌊", "rfloor": "⌋",
	"lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}",
	"lbrack": "[", "rbrack": "]", "coloneqq": "≔", "triangleq": "≜", "defeq": "≝",
	"cdotp": "⋅", "ldotp": ".", "backslash": "∖", "wr": "≀", "oslash": "⊘",
}

var texBigOp = map[string]string{
	"sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂",
	"bigoplus": "⨁", "bigotimes": "⨂", "bigodot": "⨀", "int": "∫", "iint": "∬", "oint": "∮",
}

var texFunc = map[string]bool{
	"exp": true, "log": true, "ln": true, "lg": true, "sin": true, "cos": true, "tan": true,
	"sinh": true, "cosh": true, "tanh": true, "arcsin": true, "arccos": true, "arctan": true,
	"sec": true, "csc": true, "cot": true, "deg": true, "dim": true, "ker": true, "hom": true,
	"arg": true, "gcd": true, "Pr": true,
}

var texLimFunc = map[string]bool{
	"max": true, "min": true, "lim": true, "sup": true, "inf": true, "limsup": true,
	"liminf": true, "det": true, "argmax": true, "argmin": true,
}

var texSpace = map[string]string{
	",": "0.1667em", ":": "0.2222em", ">": "0.2222em", ";": "0.2778em", "!": "-0.1667em",
	" ": "0.25em", "quad": "1em", "qquad": "2em", "enspace": "0.5em", "thinspace": "0.1667em",
	"medspace": "0.2222em", "thickspace": "0.2778em", "negthinspace": "-0.1667em",
}

var texFont = map[string]string{
	"mathbf": "bf", "bm": "bfit", "boldsymbol": "bfit", "mathsf": "sf", "mathbb": "bb",
	"mathcal": "cal", "mathrm": "rm", "mathit": "it", "mathtt": "tt", "mathnormal": "",
	"mathscr": "cal",
}

var texAccent = map[string]string{
	"hat": "^", "widehat": "^", "tilde": "~", "widetilde": "~", "bar": "‾", "overline": "‾",
	"underline": "_", "vec": "→", "overrightarrow": "→", "dot": "˙", "ddot": "¨",
	"check": "ˇ", "breve": "˘", "acute": "´", "grave": "`",
}

var texDelim = map[string]string{
	"{": "{", "}": "}", "|": "‖", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋",
	"lceil": "⌈", "rceil": "⌉", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
	"vert": "|", "Vert": "‖", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]",
	"uparrow": "↑", "downarrow": "↓", "backslash": "∖",
}
