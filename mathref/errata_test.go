package mathref

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/errata_demos.golden from the current demonstrations")

// TestErrataFields checks that every erratum is complete: a unique kebab-case
// ID, a known seed point, TeX or Python forms, a one-line why, a source and a
// demonstration; and that every seed point C1 … C6 has errors the seed makes.
func TestErrataFields(t *testing.T) {
	ids := map[string]bool{}
	inSeed := map[string]int{}
	idRe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, e := range Errata() {
		switch {
		case !idRe.MatchString(e.ID) || ids[e.ID]:
			t.Errorf("%q: ID must be unique kebab-case", e.ID)
		case e.Seed != "" && !regexp.MustCompile(`^C[1-6]$`).MatchString(e.Seed):
			t.Errorf("%s: Seed %q is not C1…C6", e.ID, e.Seed)
		case e.Lang != "tex" && e.Lang != "python":
			t.Errorf("%s: Lang %q, want tex or python", e.ID, e.Lang)
		case e.Title == "" || e.Wrong == "" || e.Right == "" || e.Source == "" || e.Demo == nil:
			t.Errorf("%s: Title, Wrong, Right, Source and Demo are all required", e.ID)
		case e.Why == "" || strings.Contains(e.Why, "\n") || len([]rune(e.Why)) > 220:
			t.Errorf("%s: Why must be one line (≤ 220 characters), got %d", e.ID, len([]rune(e.Why)))
		case e.InSeed && e.Seed == "":
			t.Errorf("%s: InSeed without a seed point", e.ID)
		}
		ids[e.ID] = true
		if e.InSeed {
			inSeed[e.Seed]++
		}
		if got, ok := ErratumByID(e.ID); !ok || got.Title != e.Title {
			t.Errorf("ErratumByID(%q) = %v, %v", e.ID, got.ID, ok)
		}
	}
	for _, c := range []string{"C1", "C2", "C3", "C4", "C5", "C6"} {
		if inSeed[c] == 0 {
			t.Errorf("no erratum for the seed's errors at %s", c)
		}
	}
	if _, ok := ErratumByID("no-such-erratum"); ok {
		t.Error("ErratumByID found a missing ID")
	}
}

// TestErrataSeedCoverage checks that each error the seed document makes
// (../shared/notes/errata-facts.md, re-checked against the seed text) has its
// erratum.
func TestErrataSeedCoverage(t *testing.T) {
	want := map[string][]string{
		"C1": {"conv-no-output-position", "conv-is-cross-correlation", "conv-channel-sum", "conv-bias-per-channel", "conv-no-padding-stride", "conv-output-size"},
		"C2": {"rnn-vague-form", "rnn-output-layer"},
		"C3": {"attention-double-softmax", "attention-missing-scale", "attention-alpha-index", "attention-missing-mask"},
		"C4": {"cnn-flatten-size", "cnn-view-mixes-images"},
		"C5": {"lstm-last-output-padding", "lstm-h0-shape", "softmax-before-cross-entropy"},
		"C6": {"attention-bmm-outer-product", "attention-mask-subtract", "attention-mask-from-lengths", "attention-context-broadcast", "attention-call-tensor", "softmax-result-discarded"},
		"":   {"softmax-wrong-axis", "softmax-overflow", "linear-weight-layout"},
	}
	for seed, list := range want {
		for _, id := range list {
			e, ok := ErratumByID(id)
			if !ok || e.Seed != seed {
				t.Errorf("erratum %s: present %v, seed %q, want seed %q", id, ok, e.Seed, seed)
			}
		}
	}
}

// TestErrataDemosGolden runs every demonstration and compares its printout
// with testdata/errata_demos.golden (rewrite with go test -run Golden -update).
func TestErrataDemosGolden(t *testing.T) {
	var b strings.Builder
	for _, e := range Errata() {
		fmt.Fprintf(&b, "== %s\n%s\n\n", e.ID, e.Demo())
	}
	const path = "testdata/errata_demos.golden"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("demonstrations differ from %s (rerun with -update if intended):\n%s", path, lineDiff(got, string(want)))
	}
}

func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return ""
}

// TestErrataAgainstTorch checks each demonstration's numbers against what
// PyTorch printed for the same example (testdata/errata_torch.json, made by
// testdata/gen_errata.py with torch 1.13 float64 and scipy 1.10). A record
// named wrong… must appear in the demo's Wrong text and right… in Right:
// tensors as txt formats them, scalars with four decimals; strings and
// lists through the table below.
func TestErrataAgainstTorch(t *testing.T) {
	raw, err := os.ReadFile("testdata/errata_torch.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Errata map[string]map[string]json.RawMessage `json:"errata"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	// special lists, for each (id, record), what the torch record must
	// contain and what the Go demo's side must contain.
	type check struct{ torch, demo []string }
	special := map[string]check{
		"conv-no-padding-stride/right_shape":      {[]string{"1,1,4,4"}, []string{"padding 1: 4×4"}},
		"conv-output-size/right":                  {[]string{"3,16"}, []string{"3 and 16"}},
		"rnn-output-layer/output_shape":           {[]string{"2,2"}, []string{"its shape is (2, 2)"}},
		"lstm-h0-shape/wrong":                     {[]string{"Expected hidden[0] size (2, 3, 20), got [3, 2, 20]"}, []string{"(3, 2, 20): rejected, expected (2, 3, 20)"}},
		"lstm-h0-shape/right":                     {[]string{"2,3,20"}, []string{"(2, 3, 20): accepted"}},
		"cnn-flatten-size/features":               {[]string{`"24":2304`, `"27":2304`, `"28":3136`, `"32":4096`}, []string{"32×32 gives 64·8·8 = 4096", "28×28 gives 64·7·7 = 3136", "24×24 gives 64·6·6 = 2304", "27×27 gives 64·6·6 = 2304"}},
		"cnn-flatten-size/right_24":               {[]string{"2,10"}, nil},
		"cnn-flatten-size/wrong_32_b4":            {[]string{"[-1, 2304]", "16384"}, []string{"4096"}}, // 16384 = 4 images × 4096
		"cnn-view-mixes-images/wrong_shape":       {[]string{"16,2304"}, []string{"B=9: (16, 2304) rows"}},
		"cnn-view-mixes-images/wrong_rows":        {[]string{"[[0],[0,1],[1],[1,2]]"}, []string{"{0} {0,1} {1} {1,2}"}},
		"cnn-view-mixes-images/wrong_b8":          {[]string{"[-1, 2304]", "32768"}, []string{"[-1 2304]", "32768"}},
		"cnn-view-mixes-images/wrong_model_out":   {[]string{"16,10"}, nil},
		"cnn-view-mixes-images/wrong_loss":        {[]string{"batch_size (16)", "batch_size (9)"}, nil},
		"cnn-view-mixes-images/right_shape":       {[]string{"9,4096"}, []string{"(9, 4096)"}},
		"attention-bmm-outer-product/wrong":       {[]string{"batch2 must be a 3D tensor"}, []string{"bmm needs 3-D batches"}},
		"attention-context-broadcast/wrong_error": {[]string{"The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 2"}, []string{"The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 2"}},
		"attention-call-tensor/wrong":             {[]string{"TypeError: 'Tensor' object is not callable"}, []string{"callable: false → TypeError"}},
		"attention-call-tensor/right":             {[]string{"1,1,2"}, []string{"(1, 1, 2)"}},
	}
	seenSpecial := map[string]bool{}
	for _, e := range Errata() {
		recs, ok := file.Errata[e.ID]
		if !ok {
			if e.ID != "attention-missing-scale" { // its seeded Go numbers are checked by TestMissingScaleDemo
				t.Errorf("%s: no torch record in testdata/errata_torch.json", e.ID)
			}
			continue
		}
		d := e.Demo()
		for key, msg := range recs {
			side := d.Right
			if strings.HasPrefix(key, "wrong") {
				side = d.Wrong
			}
			name := e.ID + "/" + key
			if c, ok := special[name]; ok {
				seenSpecial[name] = true
				compact := strings.Join(strings.Fields(string(msg)), "")
				for _, s := range c.torch {
					if !strings.Contains(string(msg), s) && !strings.Contains(compact, s) {
						t.Errorf("%s: torch record %s lacks %q", name, msg, s)
					}
				}
				for _, s := range c.demo {
					if !strings.Contains(d.String(), s) {
						t.Errorf("%s: demo lacks %q:\n%s", name, s, d)
					}
				}
				continue
			}
			var jt jtensor
			if err := json.Unmarshal(msg, &jt); err != nil || jt.Data == nil {
				t.Errorf("%s: record %s is neither a tensor nor in the special table", name, msg)
				continue
			}
			want := jt.tensor()
			text := txt(want)
			if want.Dims() == 0 {
				text = fmt.Sprintf("%.4f", want.Data[0])
			}
			if e.ID == "attention-mask-from-lengths" {
				text = boolText(toBools(want))
			}
			if !strings.Contains(side, text) {
				t.Errorf("%s: torch gives %s, not found in the demo's %s side:\n%s", name, text, key[:5], side)
			}
		}
	}
	for name := range special {
		if !seenSpecial[name] {
			t.Errorf("special check %s matched no torch record", name)
		}
	}
}

func toBools(m Tensor) [][]bool {
	g := make([][]bool, m.Shape[0])
	for i := range g {
		for _, v := range m.Sub(i).Data {
			g[i] = append(g[i], v != 0)
		}
	}
	return g
}

// TestMissingScaleDemo checks the attention-missing-scale numbers, which
// come from seeded Go random vectors, by an identity: the scaled weights are
// the softmax of the unscaled log-weights divided by √d_k = 8.
func TestMissingScaleDemo(t *testing.T) {
	r3 := math.Sqrt(3)
	q, k, v := Uniform(1, -r3, r3, 1, 64), Uniform(2, -r3, r3, 4, 64), New(4, 1)
	un := ScaledDotProductAttention(q, k, v, AttnOpts{Scale: 1}).Weights
	sc := ScaledDotProductAttention(q, k, v, AttnOpts{}).Weights
	logs := un.Clone()
	for i, w := range un.Data {
		logs.Data[i] = math.Log(w) / 8
	}
	if r := AllClose(Softmax(logs, -1), sc, 1e-12, 1e-12); !r.OK {
		t.Errorf("softmax(log α_unscaled / 8) ≠ α_scaled: %v", r)
	}
	if maxData(un) < 0.7 || maxData(sc) > 0.4 {
		t.Errorf("the demo should show saturation: max unscaled %.3f (want ≥ 0.7), max scaled %.3f (want ≤ 0.4)", maxData(un), maxData(sc))
	}
	e, _ := ErratumByID("attention-missing-scale")
	if d := e.Demo(); !strings.Contains(d.Wrong, txt(un.Sub(0))) || !strings.Contains(d.Right, txt(sc.Sub(0))) {
		t.Errorf("demo does not show these weights:\n%s", d)
	}
}

func maxData(x Tensor) float64 {
	m := math.Inf(-1)
	for _, v := range x.Data {
		m = math.Max(m, v)
	}
	return m
}

// TestErratumMarkdown checks the notebook rendering of one TeX and one
// Python erratum.
func TestErratumMarkdown(t *testing.T) {
	tex, _ := ErratumByID("attention-double-softmax")
	py, _ := ErratumByID("attention-mask-subtract")
	for _, c := range []struct {
		e    Erratum
		want []string
	}{
		{tex, []string{"**Softmax applied twice** (seed point C3)", "✗ Wrong:\n\n$$", "✓ Right:\n\n$$", "Why: ", "wrong: softmax twice [0.453 0.187 0.181 0.179]", "Source: Vaswani"}},
		{py, []string{"```python\ne = e - e.masked_fill(mask, float('-inf'))\n```", "softmax [NaN NaN NaN]"}},
	} {
		md := c.e.Markdown()
		for _, w := range c.want {
			if !strings.Contains(md, w) {
				t.Errorf("%s: Markdown lacks %q:\n%s", c.e.ID, w, md)
			}
		}
	}
	h0, _ := ErratumByID("lstm-h0-shape")
	if md := h0.Markdown(); !strings.Contains(md, "(next to seed point C5)") {
		t.Errorf("an erratum the seed does not make should say so:\n%s", md)
	}
}
