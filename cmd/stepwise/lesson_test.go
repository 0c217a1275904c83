package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/internal/nbgen"
	"github.com/stepwise-go/stepwise/kernel/display"
	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/notebooks"
)

func TestListLessons(t *testing.T) {
	var b bytes.Buffer
	listLessons(&b)
	for _, s := range []string{"00-welcome", "Welcome: using the Go kernel", "欢迎：使用 Go 内核"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("lesson list lacks %q:\n%s", s, b.String())
		}
	}
}

// selfContained fails when an HTML page would fetch anything: a URL in a
// src or href attribute, a stylesheet link, a script from a file, a CSS
// import or url().
func selfContained(t *testing.T, page string) {
	t.Helper()
	for _, re := range []string{`(?i)\bsrc\s*=\s*["']?(https?:)?//`, `(?i)<link\b`, `(?i)<script[^>]*\bsrc=`, `(?i)@import`, `(?i)url\(\s*["']?(https?:)?//`, `(?i)<iframe`} {
		if m := regexp.MustCompile(re).FindString(page); m != "" {
			t.Errorf("page fetches from the network: %q", m)
		}
	}
}

func TestLessonHTMLStored(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "welcome.html")
	if code := runLesson([]string{"welcome", "--html", out, "--stored", "--lang", "zh"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, s := range []string{`<html lang="zh-CN">`, "欢迎", "Shift+Enter", "%lang zh"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	if strings.Contains(regexp.MustCompile(`(?s)<pre.*?</pre>`).ReplaceAllString(page, ""), "$$") {
		t.Error("raw $$ left in the page outside code")
	}
	selfContained(t, page)
	nbOut := filepath.Join(dir, "w.ipynb")
	if code := runLesson([]string{"0", "--ipynb", nbOut}); code != 0 {
		t.Fatalf("--ipynb exit %d", code)
	}
	want, _ := notebooks.Notebook("00-welcome", "en")
	if got, _ := os.ReadFile(nbOut); !bytes.Equal(got, want) {
		t.Error("--ipynb wrote something else than the stored notebook")
	}
	if code := runLesson([]string{"no-such-lesson", "--html", out}); code != 1 {
		t.Errorf("unknown lesson: exit %d, want 1", code)
	}
	if code := runLesson([]string{"0"}); code != 2 {
		t.Errorf("no output flag: exit %d, want 2", code)
	}
}

// TestRunNotebookInProcess runs notebook 00 with the interpreter inside
// this process, as stepwise lesson --html does, and checks its outputs.
func TestRunNotebookInProcess(t *testing.T) {
	if len(cellExports()) == 0 {
		t.Skip("the cells' symbol tables are not wired into cellExports yet")
	}
	b, _ := notebooks.Notebook("00-welcome", "en")
	nb, err := nbgen.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	res, err := runNotebook(context.Background(), nb, runOptions{cellTimeout: 60 * time.Second, log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if log.Len() > 0 {
		t.Errorf("cells failed that should not:\n%s", log.String())
	}
	if res.errors != 3 { // two error demos and the interrupt demo
		t.Errorf("%d cells with errors, want 3", res.errors)
	}
	for _, c := range nb.Cells {
		if c.Type != "code" || hasTag(c, "skip-execution") {
			continue
		}
		sw, _ := c.Metadata["stepwise"].(map[string]any)
		exp, _ := sw["expect"].([]any)
		have := map[string]bool{}
		for _, o := range c.Outputs {
			if d, ok := o["data"].(map[string]any); ok {
				for k := range d {
					have[k] = true
				}
			}
		}
		for _, e := range exp {
			if !have[e.(string)] {
				t.Errorf("cell %s lacks a %s output: %v", c.ID, e, c.Outputs)
			}
		}
	}
	page := string(nbgen.HTML(nb))
	for _, s := range []string{"Hello, 世界!", "data:image/png;base64,", "15 is the sum", "interrupted", "index out of range"} {
		if !strings.Contains(page, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	selfContained(t, page)
}

func TestLangMagic(t *testing.T) {
	defer lessons.SetLang("en")
	var b bytes.Buffer
	for _, tc := range []struct{ args, want string }{
		{"", "The lessons speak English (en)"},
		{"zh", "课程现在使用简体中文"},
		{"", "课程当前的语言是 简体中文（zh）"},
		{"en", "The lessons now speak English"},
	} {
		b.Reset()
		if err := langMagic(tc.args, &b); err != nil || !strings.Contains(b.String(), tc.want) {
			t.Errorf("%%lang %s: %q, %v; want %q", tc.args, b.String(), err, tc.want)
		}
	}
	if err := langMagic("fr", &b); err == nil || !strings.Contains(err.Error(), `"zh"`) {
		t.Errorf("%%lang fr: %v", err)
	}
	if lessons.Lang() != "en" {
		t.Errorf("a bad %%lang changed the language to %s", lessons.Lang())
	}
}

var volatile = []*regexp.Regexp{
	regexp.MustCompile(`time: [0-9.]+[µmn]?s`),                      // %time
	regexp.MustCompile(`(?s)<svg.*?</svg>`),                         // inline figures (viz has goldens)
	regexp.MustCompile(`data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+`), // embedded figures
	regexp.MustCompile(`sw-[0-9a-f]{8}-\d+`),                        // player ids
	regexp.MustCompile(`sw-rich-\d+`),                               // rich output ids
	regexp.MustCompile(`0x[0-9a-f]{6,}`),                            // addresses
	regexp.MustCompile(`"display_id":\s*"[^"]*"`),                   // display ids
	regexp.MustCompile(`(?m)^goroutine \d+ \[.*\]:$`),               // stacks
	regexp.MustCompile(`\b\d+(\.\d+)? ?((ns|µs|ms|s|min)\b|秒|毫秒)`),  // durations
}

// storedBackend is the nn backend the committed notebooks were executed
// with (make notebooks on an amd64 machine with AVX2 and FMA).
const storedBackend = "avx2-fma"

// numbers matches numbers: on another backend, trained models and long
// sums differ from the stored ones in the last digits (and text sampled
// from a trained model differs), so there numbers are compared by
// position only and printed text by presence.
var numbers = regexp.MustCompile(`-?\d+(\.\d+)?(e[-+]?\d+)?%?`)

func normalize(s string) string {
	for _, re := range volatile {
		s = re.ReplaceAllString(s, "‹…›")
	}
	if nn.Backend() != storedBackend {
		s = numbers.ReplaceAllString(s, "‹n›")
	}
	return strings.TrimSpace(s)
}

// outputDigest summarises a cell's outputs for comparison: types, MIME
// types and normalised text forms (images by presence only).
func outputDigest(outs []map[string]any) []string {
	var d []string
	for _, o := range outs {
		switch o["output_type"] {
		case "stream":
			if nn.Backend() != storedBackend {
				d = append(d, "stream "+o["name"].(string))
				continue
			}
			d = append(d, "stream "+o["name"].(string)+": "+normalize(nbgen.MultilineString(o["text"])))
		case "error":
			d = append(d, "error "+o["ename"].(string))
		default:
			data, _ := o["data"].(map[string]any)
			var keys []string
			for k := range data {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if strings.HasPrefix(k, "image/") { // figures by presence: viz has goldens
					d = append(d, "data "+k)
					continue
				}
				d = append(d, "data "+k+": "+normalize(nbgen.MultilineString(data[k])))
			}
		}
	}
	return d
}

// TestStoredOutputsReproduce runs every committed notebook's cells with
// the interpreter inside this process and compares each cell's outputs
// with the ones stored (made by the real kernel under Jupyter): the same
// output types, MIME types and text, up to timings and ids. It takes as
// long as the notebooks do, so it runs when STEPWISE_RERUN_NOTEBOOKS=1
// (tests/notebooks/run.sh sets it).
func TestStoredOutputsReproduce(t *testing.T) {
	if os.Getenv("STEPWISE_RERUN_NOTEBOOKS") != "1" {
		t.Skip("set STEPWISE_RERUN_NOTEBOOKS=1 (make test-notebooks does) to rerun every notebook in-process")
	}
	for _, name := range notebooks.Names() {
		for _, lang := range []string{nbgen.EN, nbgen.ZH} {
			b, err := notebooks.Notebook(name, lang)
			if err != nil {
				t.Errorf("%s (%s): %v; run make notebooks", name, lang, err)
				continue
			}
			stored, err := nbgen.Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			fresh, _ := nbgen.Decode(b)
			executed := false
			for _, c := range stored.Cells {
				executed = executed || c.ExecutionCount != nil
			}
			if !executed {
				t.Errorf("%s (%s) has no stored outputs; run make notebooks", name, lang)
				continue
			}
			if _, err := runNotebook(context.Background(), fresh, runOptions{cellTimeout: 2 * time.Minute}); err != nil {
				t.Fatal(err)
			}
			for i, c := range stored.Cells {
				if c.Type != "code" || hasTag(c, "skip-execution") {
					continue
				}
				want, got := outputDigest(c.Outputs), outputDigest(fresh.Cells[i].Outputs)
				if strings.Join(want, "\n") != strings.Join(got, "\n") {
					t.Errorf("%s (%s) cell %s: outputs differ\nstored: %q\nnow:    %q", name, lang, c.ID, want, got)
				}
			}
			lessons.SetLang("en")
		}
	}
}

func TestCellOutput(t *testing.T) {
	o := &cellOutput{}
	o.start()
	w := o.writer("stdout")
	w.Write([]byte("a"))
	w.Write([]byte("b\n"))
	o.writer("stderr").Write([]byte("warn\n"))
	w.Write([]byte("c\n"))
	d := display.Data{Data: display.MIMEMap{"text/plain": "1", "image/png": []byte{1, 2, 3}}, Transient: display.MIMEMap{"display_id": "x"}}
	o.display(d, false)
	d2 := display.Data{Data: display.MIMEMap{"text/plain": "2"}, Transient: display.MIMEMap{"display_id": "x"}}
	o.display(d2, true)
	outs := o.finish()
	if len(outs) != 4 {
		t.Fatalf("%d outputs: %v", len(outs), outs)
	}
	if outs[0]["text"] != "ab\n" || outs[1]["name"] != "stderr" || outs[2]["text"] != "c\n" {
		t.Errorf("streams not merged as Jupyter does: %v", outs[:3])
	}
	data := outs[3]["data"].(map[string]any)
	if data["text/plain"] != "2" || outs[3]["output_type"] != "display_data" {
		t.Errorf("update did not replace the display: %v", outs[3])
	}
	b := bundleOutput("execute_result", d, 7)
	if b["data"].(map[string]any)["image/png"] != "AQID" || b["execution_count"] != 7 {
		t.Errorf("bundleOutput: %v", b)
	}
}
