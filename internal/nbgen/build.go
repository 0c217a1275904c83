package nbgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
)

// Kernelspec is the kernel every generated notebook asks for.
var Kernelspec = map[string]any{
	"name":         "stepwise",
	"display_name": "Go (stepwise)",
	"language":     "go",
}

// LanguageInfo is the language_info written into a generated notebook;
// executing the notebook replaces it with the kernel's own.
var LanguageInfo = map[string]any{
	"name":           "go",
	"file_extension": ".go",
	"mimetype":       "text/x-go",
}

// LangCellID is the id of the cell that switches a Chinese notebook's
// lessons to Chinese (%lang zh), added before the first code cell.
const LangCellID = "stepwise-lang"

// Generate builds the notebook of src in lang (EN or ZH), without outputs.
// The Chinese notebook has the same code cells, with one more at the top
// of the code: %lang zh, so that checker feedback and captions are in
// Chinese too.
func Generate(src *Source, lang string) *Notebook {
	nb := &Notebook{
		NBFormat: 4, NBFormatMinor: 5,
		Metadata: map[string]any{
			"kernelspec":    Kernelspec,
			"language_info": LanguageInfo,
			"stepwise": map[string]any{
				"lesson": src.Lesson,
				"lang":   lang,
				"source": "notebooks/src/" + src.Name + ".md",
				"title":  src.Title[lang],
			},
		},
	}
	langDone := lang == EN
	n := 0
	for _, c := range src.Cells {
		n++
		if c.Code && !langDone {
			langDone = true
			nb.Cells = append(nb.Cells, &Cell{Type: "code", ID: LangCellID, Source: "%lang zh", Metadata: map[string]any{}})
		}
		cell := &Cell{ID: fmt.Sprintf("c%02d", n), Source: c.Text[lang], Metadata: map[string]any{}}
		if !c.Code {
			cell.Type = "markdown"
		} else {
			cell.Type = "code"
			if c.Opts.ID != "" {
				cell.ID = c.Opts.ID
			}
			cell.Metadata = codeMetadata(c.Opts)
		}
		nb.Cells = append(nb.Cells, cell)
	}
	return nb
}

func codeMetadata(o Opts) map[string]any {
	m := map[string]any{}
	var tags []any
	if o.Error {
		tags = append(tags, "raises-exception")
	}
	if o.Skip {
		tags = append(tags, "skip-execution")
	}
	if tags != nil {
		m["tags"] = tags
	}
	sw := map[string]any{}
	if len(o.Expect) > 0 {
		exp := make([]any, len(o.Expect))
		for i, e := range o.Expect {
			exp[i] = e
		}
		sw["expect"] = exp
	}
	if o.Interrupt > 0 {
		sw["interrupt"] = o.Interrupt
	}
	if o.Timeout > 0 {
		sw["timeout"] = o.Timeout
	}
	if len(sw) > 0 {
		m["stepwise"] = sw
	}
	return m
}

// Path returns where the notebook of name in lang lives under dir:
// dir/name.ipynb or dir/zh/name.ipynb.
func Path(dir, name, lang string) string {
	if lang == ZH {
		return filepath.Join(dir, "zh", name+".ipynb")
	}
	return filepath.Join(dir, name+".ipynb")
}

// Merge copies into nb the outputs and execution counts of old's cells
// that have the same id and source, and old's language_info, so that
// regenerating an executed notebook whose source did not change leaves it
// as it was.
func Merge(nb, old *Notebook) {
	if old == nil {
		return
	}
	prev := map[string]*Cell{}
	for _, c := range old.Cells {
		prev[c.ID] = c
	}
	for _, c := range nb.Cells {
		if p, ok := prev[c.ID]; ok && c.Type == "code" && p.Type == "code" && p.Source == c.Source {
			c.Outputs, c.ExecutionCount = p.Outputs, p.ExecutionCount
			if ex, ok := p.Metadata["execution"]; ok {
				c.Metadata["execution"] = ex
			}
		}
	}
	if li, ok := old.Metadata["language_info"]; ok {
		nb.Metadata["language_info"] = li
	}
}

// Sources reads every NN-name.md in srcDir, sorted by name.
func Sources(srcDir string) ([]*Source, error) {
	files, err := filepath.Glob(filepath.Join(srcDir, "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []*Source
	for _, f := range files {
		if strings.EqualFold(filepath.Base(f), "README.md") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s, err := Parse(f, string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Build regenerates every notebook of srcDir into dir (English) and
// dir/zh (Chinese), keeping the outputs of unchanged cells (see Merge). It
// returns the files it changed.
func Build(srcDir, dir string) ([]string, error) {
	srcs, err := Sources(srcDir)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, s := range srcs {
		for _, lang := range []string{EN, ZH} {
			path := Path(dir, s.Name, lang)
			nb := Generate(s, lang)
			old, _ := readNotebook(path)
			Merge(nb, old)
			b, err := Encode(nb)
			if err != nil {
				return changed, err
			}
			if prev, err := os.ReadFile(path); err == nil && bytes.Equal(prev, b) {
				continue
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return changed, err
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return changed, err
			}
			changed = append(changed, path)
		}
	}
	return changed, nil
}

func readNotebook(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(b)
}

// Stale compares every notebook in dir with what its source in srcDir
// generates — cell types, ids, sources and options, and the kernelspec;
// outputs, execution counts and language_info are ignored — and describes
// each difference. An empty result means the notebooks are up to date.
func Stale(srcDir, dir string) ([]string, error) {
	srcs, err := Sources(srcDir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range srcs {
		for _, lang := range []string{EN, ZH} {
			path := Path(dir, s.Name, lang)
			have, err := readNotebook(path)
			if err != nil {
				out = append(out, fmt.Sprintf("%s: %v", path, err))
				continue
			}
			out = append(out, diffNotebooks(path, Generate(s, lang), have)...)
		}
	}
	return out, nil
}

func diffNotebooks(path string, want, have *Notebook) []string {
	var out []string
	if !reflect.DeepEqual(jsonRoundTrip(want.Metadata["kernelspec"]), jsonRoundTrip(have.Metadata["kernelspec"])) {
		out = append(out, path+": kernelspec differs")
	}
	if !reflect.DeepEqual(jsonRoundTrip(want.Metadata["stepwise"]), jsonRoundTrip(have.Metadata["stepwise"])) {
		out = append(out, path+": stepwise metadata differs")
	}
	if len(want.Cells) != len(have.Cells) {
		return append(out, fmt.Sprintf("%s: %d cells, the source makes %d", path, len(have.Cells), len(want.Cells)))
	}
	for i, w := range want.Cells {
		h := have.Cells[i]
		switch {
		case w.Type != h.Type || w.ID != h.ID:
			out = append(out, fmt.Sprintf("%s: cell %d is %s %q, the source makes %s %q", path, i, h.Type, h.ID, w.Type, w.ID))
		case w.Source != h.Source:
			out = append(out, fmt.Sprintf("%s: cell %d (%s) has other text than its source", path, i, w.ID))
		case !sameOptions(w.Metadata, h.Metadata):
			out = append(out, fmt.Sprintf("%s: cell %d (%s) has other options than its source", path, i, w.ID))
		}
	}
	return out
}

// sameOptions compares the metadata the generator owns: tags and stepwise.
func sameOptions(a, b map[string]any) bool {
	for _, k := range []string{"tags", "stepwise"} {
		if !reflect.DeepEqual(jsonRoundTrip(a[k]), jsonRoundTrip(b[k])) {
			return false
		}
	}
	return true
}

// jsonRoundTrip normalises a value to what encoding/json reads back
// (float64 numbers, []any slices).
func jsonRoundTrip(v any) any {
	b, err := marshal(v)
	if err != nil {
		return v
	}
	var out any
	_ = jsonUnmarshal(b, &out)
	return out
}
