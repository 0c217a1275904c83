package nbgen

import (
	"fmt"
	"go/scanner"
	"go/token"
	"html"
	"regexp"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// HTML renders an executed notebook as one self-contained page: markdown
// cells and Markdown outputs with formulas as MathML, code with simple
// highlighting, every output (figures as data: URLs or inline SVG, HTML
// outputs such as the step player with their scripts). The page fetches
// nothing: no stylesheet, font, script or image from the network.
func HTML(nb *Notebook) []byte {
	meta, _ := nb.Metadata["stepwise"].(map[string]any)
	title, _ := meta["title"].(string)
	lang, _ := meta["lang"].(string)
	if lang == ZH {
		lang = "zh-CN"
	} else {
		lang = "en"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang)
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", html.EscapeString(title), pageCSS)
	for _, c := range nb.Cells {
		switch c.Type {
		case "markdown":
			b.WriteString(`<section class="md">` + "\n" + lessons.MarkdownHTML(c.Source) + "</section>\n")
		case "code":
			writeCodeCell(&b, c)
		}
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return []byte(b.String())
}

func writeCodeCell(b *strings.Builder, c *Cell) {
	b.WriteString(`<section class="code">` + "\n")
	n := ""
	if c.ExecutionCount != nil {
		n = fmt.Sprint(*c.ExecutionCount)
	}
	fmt.Fprintf(b, `<div class="in"><span class="prompt">[%s]</span><pre><code>%s</code></pre></div>`+"\n", n, HighlightGo(c.Source))
	for _, o := range c.Outputs {
		b.WriteString(`<div class="out">`)
		b.WriteString(OutputHTML(o))
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
}

var reANSI = regexp.MustCompile("\x1b\\[[0-9;]*[a-zA-Z]")

// OutputHTML renders one nbformat output: a stream as preformatted text,
// an error with its traceback, a display or result by its richest MIME
// type (HTML, SVG, PNG, JPEG, Markdown, LaTeX, plain text).
func OutputHTML(o map[string]any) string {
	switch o["output_type"] {
	case "stream":
		cls := "stream"
		if o["name"] == "stderr" {
			cls += " stderr"
		}
		return `<pre class="` + cls + `">` + html.EscapeString(MultilineString(o["text"])) + "</pre>"
	case "error":
		var tb []string
		if list, ok := o["traceback"].([]any); ok {
			for _, l := range list {
				s, _ := l.(string)
				tb = append(tb, reANSI.ReplaceAllString(s, ""))
			}
		}
		text := strings.Join(tb, "\n")
		if text == "" {
			text = fmt.Sprintf("%v: %v", o["ename"], o["evalue"])
		}
		return `<pre class="error">` + html.EscapeString(text) + "</pre>"
	case "display_data", "execute_result":
		data, _ := o["data"].(map[string]any)
		return mimeHTML(data)
	}
	return ""
}

func mimeHTML(data map[string]any) string {
	if s := MultilineString(data["text/html"]); s != "" {
		return `<div class="html">` + s + "</div>"
	}
	if s := MultilineString(data["image/svg+xml"]); s != "" {
		if i := strings.Index(s, "<svg"); i > 0 {
			s = s[i:]
		}
		return `<div class="figure">` + s + "</div>"
	}
	for _, t := range []string{"image/png", "image/jpeg"} {
		if s := MultilineString(data[t]); s != "" {
			return `<img class="figure" alt="figure" src="data:` + t + ";base64," + strings.ReplaceAll(s, "\n", "") + `">`
		}
	}
	if s := MultilineString(data["text/markdown"]); s != "" {
		return `<div class="markdown">` + lessons.MarkdownHTML(s) + "</div>"
	}
	if s := MultilineString(data["text/latex"]); s != "" {
		return `<div class="latex">` + latexHTML(s) + "</div>"
	}
	return `<pre class="text">` + html.EscapeString(reANSI.ReplaceAllString(MultilineString(data["text/plain"]), "")) + "</pre>"
}

// latexHTML renders a text/latex output: a formula in $$, $, \[ \] or
// \( \), or bare TeX.
func latexHTML(s string) string {
	t := strings.TrimSpace(s)
	for _, d := range [][2]string{{"$$", "$$"}, {`\[`, `\]`}, {`\(`, `\)`}, {"$", "$"}} {
		if strings.HasPrefix(t, d[0]) && strings.HasSuffix(t, d[1]) && len(t) >= len(d[0])+len(d[1]) {
			m, _ := lessons.MathML(t[len(d[0]):len(t)-len(d[1])], d[0] != "$" && d[0] != `\(`)
			return m
		}
	}
	if strings.Contains(t, "$") {
		return lessons.MarkdownHTML(t)
	}
	m, _ := lessons.MathML(t, true)
	return m
}

// HighlightGo escapes Go source for HTML, marking keywords, strings,
// numbers and comments with spans. A line starting with % (a magic) is
// marked as such.
func HighlightGo(src string) string {
	var b strings.Builder
	lines := strings.SplitAfter(src, "\n")
	for len(lines) > 0 && strings.HasPrefix(strings.TrimSpace(lines[0]), "%") {
		b.WriteString(`<span class="mg">` + html.EscapeString(lines[0]) + "</span>")
		lines = lines[1:]
	}
	code := strings.Join(lines, "")
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), func(token.Position, string) {}, scanner.ScanComments)
	last := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if off < last || off > len(code) {
			continue
		}
		end := off + len(lit)
		if lit == "" || tok == token.SEMICOLON && lit == "\n" {
			end = off + len(tok.String())
			if tok == token.SEMICOLON {
				continue
			}
		}
		end = min(end, len(code))
		cls := ""
		switch {
		case tok == token.COMMENT:
			cls = "cm"
		case tok == token.STRING || tok == token.CHAR:
			cls = "st"
		case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
			cls = "nu"
		case tok.IsKeyword():
			cls = "kw"
		}
		if cls == "" {
			continue
		}
		b.WriteString(html.EscapeString(code[last:off]))
		b.WriteString(`<span class="` + cls + `">` + html.EscapeString(code[off:end]) + "</span>")
		last = end
	}
	b.WriteString(html.EscapeString(code[last:]))
	return b.String()
}

const pageCSS = `
body{margin:0;background:#fafafa;color:#1b1b1b;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 32px 64px;background:#fff;min-height:100vh;box-shadow:0 0 8px rgba(0,0,0,.06)}
h1,h2,h3{line-height:1.25}
code,pre{tab-size:4;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:14px}
pre{overflow-x:auto;margin:0;padding:8px 12px}
section.md code{background:#f2f2f2;padding:1px 4px;border-radius:3px}
section.md pre code{background:none;padding:0}
section.md pre{background:#f6f6f6;border-radius:4px}
section.code{margin:14px 0}
.in{display:flex;gap:8px;align-items:flex-start}
.in pre{flex:1;background:#f5f7fa;border:1px solid #e1e4e8;border-radius:4px}
.prompt{color:#2a5db0;font-family:ui-monospace,monospace;font-size:13px;min-width:40px;padding-top:9px;text-align:right}
.out{margin:6px 0 6px 48px;overflow-x:auto}
.out pre.stream{background:none}
.out pre.stderr{background:#fff5f5}
.out pre.error{background:#fdecea;color:#8a1c1c;border-radius:4px}
.figure,.sw-figure{max-width:100%;height:auto}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:3px 10px}
th{background:#f6f8fa}
blockquote{margin:8px 0;padding:2px 14px;border-left:4px solid #d0d7de;color:#444}
math{font-size:1.1em}
math[display=block]{margin:10px 0;overflow-x:auto;overflow-y:hidden}
.kw{color:#a626a4;font-weight:600}.st{color:#50a14f}.nu{color:#986801}.cm{color:#8a8a8a;font-style:italic}.mg{color:#0184bc}
@media print{main{box-shadow:none;max-width:none}.sw-controls{display:none!important}.sw-step{display:block!important}}
`
