package nbgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = "---\ntitle: Sample\ntitle_zh: 示例\n---\n\n" +
	"<!-- en -->\n# Sample lesson\n\nSome English prose here.\n<!-- zh -->\n# 示例课程\n\n这里是中文。\n\n" +
	"```go expect=image/png,text/html timeout=30\nx := 1\nx\n```\n\n" +
	"$$y = x^2$$\n\n" +
	"<!-- en -->\nA paragraph with ~~~ code:\n\n~~~go\nfunc notACell() {}\n~~~\n<!-- zh -->\n一段带代码的文字：\n\n~~~go\nfunc notACell() {}\n~~~\n" +
	"<!-- cell -->\n<!-- en -->\nSecond markdown cell.\n<!-- zh -->\n第二个文字单元格。\n\n" +
	"```go error\nvar n int = \"x\"\n```\n\n```go interrupt=1.5 id=spin\nfor {}\n```\n\n```go skip\nfmt.Scanln()\n```\n"

func TestParse(t *testing.T) {
	s, err := Parse("src/03-sample.md", sample)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "03-sample" || s.Title[EN] != "Sample" || s.Title[ZH] != "示例" || s.Lesson != "03-sample" {
		t.Errorf("header: %+v", s)
	}
	kinds := ""
	for _, c := range s.Cells {
		if c.Code {
			kinds += "c"
		} else {
			kinds += "m"
		}
	}
	if kinds != "mcmmccc" {
		t.Fatalf("cell kinds %q, want mcmmccc", kinds)
	}
	if got := s.Cells[0].Text[ZH]; !strings.HasPrefix(got, "# 示例课程") || strings.Contains(got, "English") {
		t.Errorf("zh intro: %q", got)
	}
	md := s.Cells[2]
	if !strings.HasPrefix(md.Text[EN], "$$y = x^2$$\n\nA paragraph") || !strings.HasPrefix(md.Text[ZH], "$$y = x^2$$\n\n一段") {
		t.Errorf("shared formula then prose: %q / %q", md.Text[EN], md.Text[ZH])
	}
	if !strings.Contains(md.Text[EN], "func notACell") {
		t.Error("a ~~~go block in prose became a cell")
	}
	o := s.Cells[1].Opts
	if len(o.Expect) != 2 || o.Expect[0] != "image/png" || o.Timeout != 30 {
		t.Errorf("opts: %+v", o)
	}
	if o := s.Cells[5].Opts; o.Interrupt != 1.5 || !o.Error || o.ID != "spin" {
		t.Errorf("interrupt opts: %+v", o)
	}
	if o := s.Cells[6].Opts; !o.Skip {
		t.Errorf("skip opts: %+v", o)
	}
}

func TestParseErrors(t *testing.T) {
	head := "---\ntitle: T\ntitle_zh: 题\n---\n"
	for _, tc := range []struct {
		src, want string
	}{
		{"no front matter", "missing front matter"},
		{"---\ntitle: T\n---\n", "title_zh"},
		{"---\ntitle: T\ntitle_zh: 题\nauthor: me\n---\n", `unknown front matter key "author"`},
		{head + "This is shared English prose.\n", "shared prose has English words"},
		{head + "<!-- en -->\nEnglish only here.\n", "lacks its Chinese"},
		{head + "<!-- zh -->\n只有中文。\n", "lacks its English"},
		{head + "<!-- en -->\nHello there.\n<!-- zh -->\nHello there.\n", "has no Chinese"},
		{head + "```go\nx := 1\n", "not closed"},
		{head + "```go\n\n```\n", "empty code cell"},
		{head + "```go expect=png\nx\n```\n", "not a MIME type"},
		{head + "```go fast\nx\n```\n", `unknown cell option "fast"`},
		{head + "```go interrupt=-1\nx\n```\n", "interrupt=-1"},
		{head + "~~~\nunclosed\n", "not closed"},
	} {
		_, err := Parse("x.md", tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): error %v, want %q", tc.src, err, tc.want)
		}
	}
	_, err := Parse("x.md", head+"\n\n<!-- en -->\nline four prose.\n")
	if err == nil || !strings.Contains(err.Error(), "x.md:7:") {
		t.Errorf("error lacks the line number: %v", err)
	}
}

func TestGenerate(t *testing.T) {
	s, err := Parse("03-sample.md", sample)
	if err != nil {
		t.Fatal(err)
	}
	en, zh := Generate(s, EN), Generate(s, ZH)
	if len(zh.Cells) != len(en.Cells)+1 || zh.Cells[1].ID != LangCellID || zh.Cells[1].Source != "%lang zh" {
		t.Fatalf("zh notebook lacks its %%lang zh cell before the first code cell: %d vs %d cells", len(zh.Cells), len(en.Cells))
	}
	var enCode, zhCode []string
	for _, c := range en.Cells {
		if c.Type == "code" {
			enCode = append(enCode, c.ID+"|"+c.Source)
		}
	}
	for _, c := range zh.Cells {
		if c.Type == "code" && c.ID != LangCellID {
			zhCode = append(zhCode, c.ID+"|"+c.Source)
		}
	}
	if strings.Join(enCode, "\n") != strings.Join(zhCode, "\n") {
		t.Errorf("code cells differ between languages:\n%v\n%v", enCode, zhCode)
	}
	ks := en.Metadata["kernelspec"].(map[string]any)
	if ks["name"] != "stepwise" || ks["display_name"] != "Go (stepwise)" || ks["language"] != "go" {
		t.Errorf("kernelspec %v", ks)
	}
	spin := en.Cells[5]
	tags, _ := spin.Metadata["tags"].([]any)
	if spin.ID != "spin" || len(tags) != 1 || tags[0] != "raises-exception" {
		t.Errorf("interrupt cell: %+v", spin)
	}
	if tags, _ := en.Cells[6].Metadata["tags"].([]any); len(tags) != 1 || tags[0] != "skip-execution" {
		t.Errorf("skip cell tags: %v", en.Cells[6].Metadata)
	}
	a, _ := Encode(Generate(s, EN))
	b, _ := Encode(Generate(s, EN))
	if !bytes.Equal(a, b) {
		t.Error("Generate is not deterministic")
	}
	nb, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := Encode(nb)
	if !bytes.Equal(a, c) {
		t.Errorf("Encode(Decode(x)) != x:\n%s\n---\n%s", a, c)
	}
	if !bytes.Contains(a, []byte("\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",")) || !bytes.HasSuffix(a, []byte("}\n")) {
		t.Errorf("not nbformat's layout:\n%s", a[:120])
	}
	if bytes.Contains(a, []byte(`\u003c`)) {
		t.Error("HTML characters escaped")
	}
}

func TestBuildStaleMerge(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "03-sample.md"), []byte(sample), 0o644)
	if stale, _ := Stale(src, dir); len(stale) != 2 || !strings.Contains(stale[0], "no such file") {
		t.Errorf("missing notebooks not reported: %v", stale)
	}
	changed, err := Build(src, dir)
	if err != nil || len(changed) != 2 {
		t.Fatalf("Build: %v %v", changed, err)
	}
	if stale, err := Stale(src, dir); err != nil || len(stale) != 0 {
		t.Fatalf("fresh build is stale: %v %v", stale, err)
	}
	// Executing adds outputs and language_info: not stale, and kept by a rebuild.
	path := Path(dir, "03-sample", EN)
	nb, _ := readNotebook(path)
	n := 1
	nb.Cells[1].Outputs = []map[string]any{{"output_type": "stream", "name": "stdout", "text": "1\n"}}
	nb.Cells[1].ExecutionCount = &n
	nb.Metadata["language_info"] = map[string]any{"name": "go", "version": "go1.26"}
	b, _ := Encode(nb)
	os.WriteFile(path, b, 0o644)
	if stale, _ := Stale(src, dir); len(stale) != 0 {
		t.Errorf("outputs made it stale: %v", stale)
	}
	if changed, _ := Build(src, dir); len(changed) != 0 {
		t.Errorf("rebuild of unchanged sources rewrote %v", changed)
	}
	// Changing a code cell makes both notebooks stale and drops that cell's outputs.
	os.WriteFile(filepath.Join(src, "03-sample.md"), []byte(strings.Replace(sample, "x := 1", "x := 2", 1)), 0o644)
	stale, _ := Stale(src, dir)
	if len(stale) != 2 || !strings.Contains(stale[0], "other text than its source") {
		t.Errorf("changed source not reported: %v", stale)
	}
	Build(src, dir)
	nb, _ = readNotebook(path)
	if len(nb.Cells[1].Outputs) != 0 || nb.Metadata["language_info"].(map[string]any)["version"] != "go1.26" {
		t.Errorf("after a rebuild: outputs %v, language_info %v", nb.Cells[1].Outputs, nb.Metadata["language_info"])
	}
	// Changing only an option is caught too.
	os.WriteFile(filepath.Join(src, "03-sample.md"), []byte(strings.Replace(strings.Replace(sample, "x := 1", "x := 2", 1), "```go skip", "```go", 1)), 0o644)
	if stale, _ := Stale(src, dir); len(stale) != 2 || !strings.Contains(stale[0], "other options") {
		t.Errorf("changed option not reported: %v", stale)
	}
}

func TestHTML(t *testing.T) {
	n := 3
	nb := &Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{"stepwise": map[string]any{"title": "T <1>", "lang": "zh"}}}
	nb.Cells = []*Cell{
		{Type: "markdown", Source: "# Head\n\n$$\\frac{a}{b}$$"},
		{Type: "code", Source: "%time\n// comment\nx := \"s\" + 1\nfor {}", ExecutionCount: &n, Outputs: []map[string]any{
			{"output_type": "stream", "name": "stdout", "text": []any{"a < b\n", "c\n"}},
			{"output_type": "display_data", "data": map[string]any{"image/png": "iVBORw0KGgo=\n", "text/plain": "<img>"}},
			{"output_type": "execute_result", "data": map[string]any{"text/latex": "$$x^2$$", "text/plain": "x"}},
			{"output_type": "display_data", "data": map[string]any{"text/markdown": "**✓ ok** $y$", "text/plain": "x"}},
			{"output_type": "display_data", "data": map[string]any{"image/svg+xml": "<?xml version=\"1.0\"?>\n<svg></svg>", "text/plain": "x"}},
			{"output_type": "display_data", "data": map[string]any{"text/html": "<div id=p>player</div><script>1</script>", "text/markdown": "no"}},
			{"output_type": "error", "ename": "panic", "evalue": "boom", "traceback": []any{"\x1b[31mpanic\x1b[0m: boom"}},
		}},
	}
	h := string(HTML(nb))
	for _, s := range []string{
		`<html lang="zh-CN">`, "<title>T &lt;1&gt;</title>", "<mfrac>", `<span class="mg">%time`, `<span class="cm">// comment</span>`,
		`<span class="st">&#34;s&#34;</span>`, `<span class="kw">for</span>`, "[3]", "a &lt; b\nc\n",
		`src="data:image/png;base64,iVBORw0KGgo="`, "<msup>", "<strong>✓ ok</strong>", "<svg></svg>",
		"<div id=p>player</div><script>1</script>", `<pre class="error">panic: boom</pre>`,
	} {
		if !strings.Contains(h, s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
	for _, s := range []string{"http://", "https://", "<link", "<script src", "@import", "$$", "\x1b", ">no<"} {
		if strings.Contains(h, s) {
			t.Errorf("HTML contains %q", s)
		}
	}
}
