package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkdownHTML(t *testing.T) {
	for _, tc := range []struct {
		md   string
		want []string // substrings, in order
		not  []string
	}{
		{"# Title *one*", []string{`<h1 id="title-one">Title <em>one</em></h1>`}, nil},
		{"Some **bold**, *it*, _it2_ and `x < y`.", []string{"<p>Some <strong>bold</strong>, <em>it</em>, <em>it2</em> and <code>x &lt; y</code>.</p>"}, nil},
		{"snake_case_name stays", []string{"snake_case_name stays"}, []string{"<em>"}},
		{"按 **■**（中断）或 **I**。", []string{"按 <strong>■</strong>（中断）或 <strong>I</strong>。"}, nil},
		{"**a *b* c** d", []string{"<strong>a <em>b</em> c</strong> d"}, nil},
		{"a & b < c", []string{"a &amp; b &lt; c"}, nil},
		{"[d2l](https://d2l.ai) and ![fig](data:image/png;base64,AAA)", []string{`<a href="https://d2l.ai">d2l</a>`, `<img src="data:image/png;base64,AAA" alt="fig">`}, nil},
		{"Inline $x_i^2$ math", []string{"<p>Inline <math", "<msubsup>", "</math> math</p>"}, []string{"$"}},
		{"$$\n\\frac{a}{b}\n$$", []string{`<math display="block"`, "<mfrac>"}, []string{"$$"}},
		{"text $$x$$ text", []string{`<math display="block"`}, []string{"$$"}},
		{"costs $5 and $6", []string{"costs $5 and $6"}, []string{"<math"}},
		{`price \$3`, []string{"price $3"}, []string{"<math"}},
		{"- a\n- b\n  - c\n- d", []string{"<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>"}, nil},
		{"1. one\n2. two", []string{"<ol>\n<li>one</li>\n<li>two</li>\n</ol>"}, nil},
		{"3. three\n4. four", []string{`<ol start="3">`}, nil},
		{"| a | b |\n|:--|--:|\n| $x$ | `c|d` |", []string{"<table>", `<th style="text-align:left">a</th>`, "<mi>x</mi>", `<td style="text-align:right"><code>c|d</code></td>`}, nil},
		{"```go\nfmt.Println(\"<hi>\")\n```", []string{`<pre><code class="language-go">fmt.Println(&#34;&lt;hi&gt;&#34;)</code></pre>`}, nil},
		{"~~~\n*not em*\n~~~", []string{"<pre><code>*not em*</code></pre>"}, []string{"<em>"}},
		{"> quoted **text**", []string{"<blockquote>\n<p>quoted <strong>text</strong></p>\n</blockquote>"}, nil},
		{"---", []string{"<hr>"}, nil},
		{"<details><summary>S</summary>\nhidden\n</details>", []string{"<details><summary>S</summary>\nhidden\n</details>"}, nil},
		{"a <b>raw</b> tag", []string{"a <b>raw</b> tag"}, nil},
		{"line one  \nline two", []string{"line one<br>\nline two"}, nil},
		{"中文 **加粗** 和 $\\alpha$", []string{"中文 <strong>加粗</strong> 和 <math"}, nil},
		{"para one\n\npara two", []string{"<p>para one</p>\n<p>para two</p>"}, nil},
	} {
		got := MarkdownHTML(tc.md)
		pos := 0
		for _, w := range tc.want {
			i := strings.Index(got[pos:], w)
			if i < 0 {
				t.Errorf("MarkdownHTML(%q) lacks %q (in order):\n%s", tc.md, w, got)
				break
			}
			pos += i + len(w)
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("MarkdownHTML(%q) contains %q:\n%s", tc.md, n, got)
			}
		}
		if err := wellFormed("<div>" + strings.ReplaceAll(strings.ReplaceAll(got, "<hr>", "<hr/>"), "<br>", "<br/>") + "</div>"); err != nil && !strings.Contains(got, "<img") {
			t.Errorf("MarkdownHTML(%q) is not well-formed: %v\n%s", tc.md, err, got)
		}
	}
}

// TestMarkdownGolden renders a lesson-like page and compares it with
// testdata/markdown.golden.html (go test -update rewrites it).
func TestMarkdownGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "markdown.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := MarkdownHTML(string(src))
	path := filepath.Join("testdata", "markdown.golden.html")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("MarkdownHTML(testdata/markdown.md) differs from %s; inspect and run go test -update", path)
	}
}
