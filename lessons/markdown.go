package lessons

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"
)

// MarkdownHTML renders the Markdown the lessons write to HTML, with every
// $…$ and $$…$$ formula converted to MathML (see MathML), so the result
// needs neither MathJax nor a network. It covers ATX headings, paragraphs,
// emphasis, inline code, fenced code, links and images, bullet and
// numbered lists (nested by indentation), block quotes, pipe tables,
// horizontal rules and raw HTML blocks and tags — the subset that lessons
// and notebooks use, not all of CommonMark.
func MarkdownHTML(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var b strings.Builder
	mdRenderer{}.renderBlocks(&b, lines)
	return b.String()
}

// MarkdownTeXHTML is MarkdownHTML with the formulas left as TeX, between
// \( \) inline and \[ \] for display, for a page that typesets them with
// MathJax (Jupyter does, also for a sanitised output, where MathML would
// be stripped).
func MarkdownTeXHTML(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var b strings.Builder
	mdRenderer{tex: true}.renderBlocks(&b, lines)
	return b.String()
}

// mdRenderer renders the lessons' Markdown; tex keeps formulas as TeX.
type mdRenderer struct{ tex bool }

var (
	reFence   = regexp.MustCompile("^ {0,3}(```+|~~~+)\\s*([^`\\s]*)")
	reHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$`)
	reRule    = regexp.MustCompile(`^ {0,3}([-*_])(\s*[-*_]){2,}\s*$`)
	reBullet  = regexp.MustCompile(`^( *)([-*+])(\s+|$)`)
	reOrdered = regexp.MustCompile(`^( *)(\d{1,9})[.)](\s+|$)`)
	reTableSp = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	reHTMLBlk = regexp.MustCompile(`^ {0,3}<(/?[a-zA-Z][a-zA-Z0-9-]*|!--)`)
)

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// renderBlocks renders a sequence of lines as block elements.
func (mr mdRenderer) renderBlocks(b *strings.Builder, lines []string) {
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case blank(line):
			i++
		case reFence.MatchString(line):
			i = mr.renderFence(b, lines, i)
		case strings.HasPrefix(strings.TrimSpace(line), "$$"):
			i = mr.renderDisplayMath(b, lines, i)
		case reHeading.MatchString(line):
			m := reHeading.FindStringSubmatch(line)
			n := len(m[1])
			text := mr.inline(m[2])
			fmt.Fprintf(b, "<h%d id=\"%s\">%s</h%d>\n", n, slug(m[2]), text, n)
			i++
		case reRule.MatchString(line):
			b.WriteString("<hr>\n")
			i++
		case strings.HasPrefix(strings.TrimLeft(line, " "), ">"):
			var inner []string
			for i < len(lines) && strings.HasPrefix(strings.TrimLeft(lines[i], " "), ">") {
				l := strings.TrimPrefix(strings.TrimLeft(lines[i], " "), ">")
				inner = append(inner, strings.TrimPrefix(l, " "))
				i++
			}
			b.WriteString("<blockquote>\n")
			mr.renderBlocks(b, inner)
			b.WriteString("</blockquote>\n")
		case reBullet.MatchString(line) || reOrdered.MatchString(line):
			i = mr.renderList(b, lines, i)
		case strings.Contains(line, "|") && i+1 < len(lines) && reTableSp.MatchString(lines[i+1]) && strings.Contains(lines[i+1], "-"):
			i = mr.renderTable(b, lines, i)
		case reHTMLBlk.MatchString(line):
			for i < len(lines) && !blank(lines[i]) {
				b.WriteString(lines[i] + "\n")
				i++
			}
		default:
			i = mr.renderParagraph(b, lines, i)
		}
	}
}

func (mr mdRenderer) renderFence(b *strings.Builder, lines []string, i int) int {
	m := reFence.FindStringSubmatch(lines[i])
	fence, lang := m[1], m[2]
	indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
	i++
	var code []string
	for i < len(lines) && !strings.HasPrefix(strings.TrimLeft(lines[i], " "), fence[:3]) {
		l := lines[i]
		for k := 0; k < indent && strings.HasPrefix(l, " "); k++ {
			l = l[1:]
		}
		code = append(code, l)
		i++
	}
	class := ""
	if lang != "" {
		class = ` class="language-` + html.EscapeString(lang) + `"`
	}
	fmt.Fprintf(b, "<pre><code%s>%s</code></pre>\n", class, html.EscapeString(strings.Join(code, "\n")))
	return i + 1
}

func (mr mdRenderer) renderDisplayMath(b *strings.Builder, lines []string, i int) int {
	var parts []string
	first := strings.TrimSpace(lines[i])[2:]
	if j := strings.Index(first, "$$"); j >= 0 { // $$ … $$ on one line
		rest := strings.TrimSpace(first[j+2:])
		mr.writeMath(b, first[:j], true)
		b.WriteString("\n")
		if rest != "" {
			return mr.renderParagraph(b, append([]string{rest}, lines[i+1:]...), 0) + i
		}
		return i + 1
	}
	parts = append(parts, first)
	i++
	for ; i < len(lines); i++ {
		if j := strings.Index(lines[i], "$$"); j >= 0 {
			parts = append(parts, lines[i][:j])
			i++
			break
		}
		parts = append(parts, lines[i])
	}
	mr.writeMath(b, strings.Join(parts, "\n"), true)
	b.WriteString("\n")
	return i
}

func (mr mdRenderer) writeMath(b *strings.Builder, tex string, display bool) {
	tex = strings.TrimSpace(tex)
	switch {
	case !mr.tex:
		m, _ := MathML(tex, display)
		b.WriteString(m)
	case display:
		b.WriteString(`<div class="sw-tex">\[` + html.EscapeString(tex) + `\]</div>`)
	default:
		b.WriteString(`<span class="sw-tex">\(` + html.EscapeString(tex) + `\)</span>`)
	}
}

// listItem is one item's marker and lines.
type listItem struct{ lines []string }

func (mr mdRenderer) renderList(b *strings.Builder, lines []string, i int) int {
	ordered := reOrdered.MatchString(lines[i]) && !reBullet.MatchString(lines[i])
	marker := reBullet
	if ordered {
		marker = reOrdered
	}
	m := marker.FindStringSubmatch(lines[i])
	base := len(m[1])
	start := ""
	if ordered && m[2] != "1" {
		start = ` start="` + m[2] + `"`
	}
	var items []listItem
	loose := false
	for i < len(lines) {
		line := lines[i]
		mm := marker.FindStringSubmatch(line)
		if mm != nil && len(mm[1]) == base {
			content := line[len(mm[0]):]
			items = append(items, listItem{lines: []string{content}})
			i++
			continue
		}
		if blank(line) {
			// A blank line ends the list unless the next line continues it.
			if i+1 < len(lines) && (indentOf(lines[i+1]) > base || marker.MatchString(lines[i+1]) && len(marker.FindStringSubmatch(lines[i+1])[1]) == base) {
				loose = loose || marker.MatchString(lines[i+1])
				items[len(items)-1].lines = append(items[len(items)-1].lines, "")
				i++
				continue
			}
			break
		}
		if indentOf(line) > base || !startsBlock(line) {
			// Continuation, possibly a nested list (dedented by the item's width).
			items[len(items)-1].lines = append(items[len(items)-1].lines, dedent(line, base+2))
			i++
			continue
		}
		break
	}
	tag := "ul"
	if ordered {
		tag = "ol"
	}
	fmt.Fprintf(b, "<%s%s>\n", tag, start)
	for _, it := range items {
		b.WriteString("<li>")
		if !loose && !hasBlockAfterFirst(it.lines) {
			b.WriteString(mr.inline(strings.TrimSpace(strings.Join(it.lines, "\n"))))
		} else if !loose {
			// first paragraph inline, the rest (a nested list) as blocks
			k := 0
			for k < len(it.lines) && !blank(it.lines[k]) && (k == 0 || !startsBlock(it.lines[k])) {
				k++
			}
			b.WriteString(mr.inline(strings.TrimSpace(strings.Join(it.lines[:k], "\n"))))
			b.WriteString("\n")
			mr.renderBlocks(b, it.lines[k:])
		} else {
			mr.renderBlocks(b, it.lines)
		}
		b.WriteString("</li>\n")
	}
	fmt.Fprintf(b, "</%s>\n", tag)
	return i
}

func hasBlockAfterFirst(lines []string) bool {
	for _, l := range lines[1:] {
		if startsBlock(l) || blank(l) {
			return true
		}
	}
	return false
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func dedent(s string, n int) string {
	for k := 0; k < n && strings.HasPrefix(s, " "); k++ {
		s = s[1:]
	}
	return s
}

// startsBlock reports whether a line would start a new block (and so end
// a paragraph).
func startsBlock(l string) bool {
	return reFence.MatchString(l) || reHeading.MatchString(l) || reRule.MatchString(l) ||
		reBullet.MatchString(l) || reOrdered.MatchString(l) ||
		strings.HasPrefix(strings.TrimLeft(l, " "), ">") || strings.HasPrefix(strings.TrimSpace(l), "$$") ||
		reHTMLBlk.MatchString(l)
}

func (mr mdRenderer) renderParagraph(b *strings.Builder, lines []string, i int) int {
	var para []string
	for i < len(lines) && !blank(lines[i]) && (len(para) == 0 || !startsBlock(lines[i])) {
		para = append(para, lines[i])
		i++
	}
	b.WriteString("<p>" + mr.inline(strings.TrimSpace(strings.Join(para, "\n"))) + "</p>\n")
	return i
}

func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	inCode, inMath := false, false
	for k := 0; k < len(line); k++ {
		c := line[k]
		switch {
		case c == '\\' && k+1 < len(line) && line[k+1] == '|':
			cur.WriteByte('|')
			k++
			continue
		case c == '`':
			inCode = !inCode
		case c == '$' && !inCode:
			inMath = !inMath
		case c == '|' && !inCode && !inMath:
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteByte(c)
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func (mr mdRenderer) renderTable(b *strings.Builder, lines []string, i int) int {
	head := splitRow(lines[i])
	var aligns []string
	for _, spec := range splitRow(lines[i+1]) {
		switch {
		case strings.HasPrefix(spec, ":") && strings.HasSuffix(spec, ":"):
			aligns = append(aligns, "center")
		case strings.HasSuffix(spec, ":"):
			aligns = append(aligns, "right")
		case strings.HasPrefix(spec, ":"):
			aligns = append(aligns, "left")
		default:
			aligns = append(aligns, "")
		}
	}
	cell := func(tag string, k int, text string) string {
		style := ""
		if k < len(aligns) && aligns[k] != "" {
			style = ` style="text-align:` + aligns[k] + `"`
		}
		return "<" + tag + style + ">" + mr.mathInCell(mr.inline(text)) + "</" + tag + ">"
	}
	b.WriteString("<table>\n<thead><tr>")
	for k, h := range head {
		b.WriteString(cell("th", k, h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	i += 2
	for i < len(lines) && strings.Contains(lines[i], "|") && !blank(lines[i]) {
		b.WriteString("<tr>")
		for k, c := range splitRow(lines[i]) {
			b.WriteString(cell("td", k, c))
		}
		b.WriteString("</tr>\n")
		i++
	}
	b.WriteString("</tbody>\n</table>\n")
	return i
}

// mathInCell keeps the formulas of a table cell from MathJax 2, which
// Jupyter Notebook runs over MathML too: with its automatic line breaks
// it measures a cell before the table is laid out, finds no room, and
// makes the formula "full width", which stretches the table across the
// page. MathJax 2 skips a <math> whose parent has the class
// MathJax_Preview (its preRemoveClass), which its own stylesheet shows
// as display:contents; the browser draws the MathML itself.
func (mr mdRenderer) mathInCell(h string) string {
	if mr.tex || !strings.Contains(h, "<math") {
		return h
	}
	h = strings.ReplaceAll(h, "<math", `<span class="MathJax_Preview" style="color:inherit"><math`)
	return strings.ReplaceAll(h, "</math>", "</math></span>")
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

var (
	reLinkOrImg = regexp.MustCompile(`(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^\s)>]*)>?(?:\s+"([^"]*)")?\s*\)`)
	reAutolink  = regexp.MustCompile(`<(https?://[^\s>]+)>`)
	reStrong    = regexp.MustCompile(`\*\*([^\s*](?:.*?[^\s*])??)\*\*|__([^\s_](?:.*?[^\s_])??)__`)
	reEm        = regexp.MustCompile(`\*([^\s*](?:[^*]*?[^\s*])?)\*|(^|[^\p{L}\p{N}_])_([^\s_](?:[^_]*?[^\s_])?)_([^\p{L}\p{N}_]|$)`)
	reStrike    = regexp.MustCompile(`~~([^~]+)~~`)
	reRawTag    = regexp.MustCompile(`^</?[a-zA-Z][a-zA-Z0-9-]*(\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*\s*/?>`)
)

// inline renders inline Markdown. Code spans, formulas and raw tags are
// cut out first (as placeholders) so that emphasis rules cannot touch them.
func (mr mdRenderer) inline(s string) string {
	var saved []string
	keep := func(h string) string {
		saved = append(saved, h)
		return fmt.Sprintf("\x00%d\x00", len(saved)-1)
	}
	var b strings.Builder
	for k := 0; k < len(s); {
		c := s[k]
		switch {
		case c == '\\' && k+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|$<>~\"", s[k+1]) >= 0:
			b.WriteString(keep(html.EscapeString(string(s[k+1]))))
			k += 2
			continue
		case c == '\\' && k+1 < len(s) && s[k+1] == '\n':
			b.WriteString(keep("<br>\n"))
			k += 2
			continue
		case c == '`':
			n := 0
			for k+n < len(s) && s[k+n] == '`' {
				n++
			}
			ticks := s[k : k+n]
			if end := strings.Index(s[k+n:], ticks); end >= 0 {
				code := s[k+n : k+n+end]
				if len(code) > 1 && code[0] == ' ' && code[len(code)-1] == ' ' {
					code = code[1 : len(code)-1]
				}
				b.WriteString(keep("<code>" + html.EscapeString(code) + "</code>"))
				k += n + end + n
				continue
			}
			b.WriteString(s[k : k+n])
			k += n
			continue
		case c == '$':
			if tex, n, display, ok := mathSpan(s[k:]); ok {
				var mb strings.Builder
				mr.writeMath(&mb, tex, display)
				b.WriteString(keep(mb.String()))
				k += n
				continue
			}
		case c == '<':
			if m := reAutolink.FindStringSubmatch(s[k:]); m != nil && strings.HasPrefix(s[k:], m[0]) {
				b.WriteString(keep(`<a href="` + html.EscapeString(m[1]) + `">` + html.EscapeString(m[1]) + "</a>"))
				k += len(m[0])
				continue
			}
			if m := reRawTag.FindString(s[k:]); m != "" {
				b.WriteString(keep(m))
				k += len(m)
				continue
			}
			if strings.HasPrefix(s[k:], "<!--") {
				if end := strings.Index(s[k:], "-->"); end >= 0 {
					k += end + 3
					continue
				}
			}
		case c == ' ' && strings.HasPrefix(s[k:], "  \n"):
			b.WriteString(keep("<br>\n"))
			k += 3
			continue
		}
		b.WriteByte(c)
		k++
	}
	out := html.EscapeString(b.String())
	out = reLinkOrImg.ReplaceAllStringFunc(out, func(m string) string {
		p := reLinkOrImg.FindStringSubmatch(m)
		title := ""
		if p[4] != "" {
			title = ` title="` + p[4] + `"`
		}
		if p[1] == "!" {
			return `<img src="` + p[3] + `" alt="` + p[2] + `"` + title + `>`
		}
		return `<a href="` + p[3] + `"` + title + `>` + p[2] + `</a>`
	})
	out = reStrong.ReplaceAllString(out, "<strong>$1$2</strong>")
	out = reEm.ReplaceAllStringFunc(out, func(m string) string {
		p := reEm.FindStringSubmatch(m)
		if p[1] != "" {
			return "<em>" + p[1] + "</em>"
		}
		return p[2] + "<em>" + p[3] + "</em>" + p[4]
	})
	out = reStrike.ReplaceAllString(out, "<del>$1</del>")
	// Restore the placeholders (escaped as &#0; by nothing: \x00 survives
	// html.EscapeString unchanged).
	for n := len(saved) - 1; n >= 0; n-- {
		out = strings.ReplaceAll(out, fmt.Sprintf("\x00%d\x00", n), saved[n])
	}
	return out
}

// mathSpan recognises a formula at the start of s: $$…$$ (display) or
// $…$ where the opening $ is followed by a non-space and the closing $ is
// preceded by a non-space and not followed by a digit (so "$5 and $6" is
// text). It returns the TeX, the length consumed and whether it is display
// math.
func mathSpan(s string) (tex string, n int, display, ok bool) {
	if strings.HasPrefix(s, "$$") {
		if end := strings.Index(s[2:], "$$"); end >= 0 {
			return s[2 : 2+end], end + 4, true, true
		}
		return "", 0, false, false
	}
	if len(s) < 3 || s[1] == ' ' || s[1] == '\n' {
		return "", 0, false, false
	}
	for k := 1; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '$':
			if s[k-1] == ' ' || k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9' {
				return "", 0, false, false
			}
			return s[1:k], k + 1, false, true
		}
	}
	return "", 0, false, false
}
