package lessons

import (
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// wellFormed parses s as XML and reports the first error.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// formulas are the TeX the lessons write: the seed's formulas as mathref
// corrects them, the output size, recurrences, gates, attention.
var formulas = []string{
	`y_{o}(i,j) = b_o + \sum_{c=0}^{C-1} \sum_{u=0}^{k_h-1} \sum_{v=0}^{k_w-1} x_{c}(s\,i+u,\; s\,j+v)\, w_{o,c}(u,v)`,
	`H_{\text{out}} = \left\lfloor \frac{H_{\text{in}} + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1`,
	`\mathbf{h}_t = \tanh\!\left(W_{ih}\mathbf{x}_t + \mathbf{b}_{ih} + W_{hh}\mathbf{h}_{t-1} + \mathbf{b}_{hh}\right)`,
	`\begin{aligned} \mathbf{i}_t &= \sigma(W_{ii}\mathbf{x}_t + b_{ii} + W_{hi}\mathbf{h}_{t-1} + b_{hi}) \\ \mathbf{c}_t &= \mathbf{f}_t \odot \mathbf{c}_{t-1} + \mathbf{i}_t \odot \mathbf{g}_t \end{aligned}`,
	`\operatorname{Attention}(Q,K,V) = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)V`,
	`\alpha_{ij} = \frac{\exp(e_{ij})}{\sum_{j'=1}^{N} \exp(e_{ij'})}`,
	`\mathsf{X} \in \mathbb{R}^{B \times C \times H \times W}`,
	`\begin{bmatrix} 0 & 1 \\ 2 & 3 \end{bmatrix} \star \begin{pmatrix} 1 \\ 2 \end{pmatrix}`,
	`f(x) = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}`,
	`\max_{0 \le u < k} x_{i+u} \neq \min_{u} x_{i+u}`,
	`\hat{y} = \bar{x} + \tilde{z} + \vec{v}'`,
	`\textcolor{red}{19} = 0\cdot 0 + 1 \cdot 1 + 3 \cdot 2 + 4 \cdot 3`,
	`\underbrace{a+b}_{\text{sum}} \approx \infty`,
	`\sqrt[3]{8} = 2,\quad \binom{n}{k}`,
	`\|\mathbf{x}\|_2 \le \left\| \frac{\partial h_T}{\partial h_t} \right\|`,
	`\text{mask}_{ij} = -\infty \text{ if } j > i`,
	`\{1, 2\} \cup \varnothing`,
	`\boxed{\lfloor 7/2 \rfloor = 3}`,
	`e^{x_i - \max_j x_j}`,
	`\text{输出尺寸} = 3`,
}

func TestMathMLCorpus(t *testing.T) {
	var golden strings.Builder
	for _, tex := range formulas {
		m, err := MathML(tex, true)
		if err != nil {
			t.Errorf("MathML(%q): %v", tex, err)
		}
		if err := wellFormed(m); err != nil {
			t.Errorf("MathML(%q) is not well-formed XML: %v\n%s", tex, err, m)
		}
		if strings.Contains(m, "merror") {
			t.Errorf("MathML(%q) has an merror:\n%s", tex, m)
		}
		golden.WriteString(tex + "\n" + m + "\n\n")
	}
	path := filepath.Join("testdata", "mathml.golden")
	if *update {
		if err := os.WriteFile(path, []byte(golden.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != golden.String() {
		t.Errorf("MathML output differs from %s; inspect and run go test -update", path)
	}
}

func TestMathMLStructure(t *testing.T) {
	for _, tc := range []struct {
		tex  string
		want []string
	}{
		{`x_i^2`, []string{"<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"}},
		{`\frac{a}{b}`, []string{"<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>"}},
		{`\sqrt{d_k}`, []string{"<msqrt><mrow><msub><mi>d</mi><mi>k</mi></msub></mrow></msqrt>"}},
		{`\sum_{i=1}^n i`, []string{`<munderover><mo largeop="true" movablelimits="true">∑</mo>`}},
		{`\mathbf{x}`, []string{`<mi mathvariant="normal">𝐱</mi>`}},
		{`\mathbb{R}`, []string{"ℝ"}},
		{`\mathsf{X}`, []string{"𝖷"}},
		{`\Sigma \sigma`, []string{`<mi mathvariant="normal">Σ</mi><mi>σ</mi>`}},
		{`a - b`, []string{"<mo>−</mo>"}},
		{`12.5`, []string{"<mn>12.5</mn>"}},
		{`\tanh x`, []string{"<mi>tanh</mi><mo>\u2061</mo>"}},
		{`\left( x \right)`, []string{`<mo stretchy="true" fence="true" form="prefix">(</mo>`}},
		{`\text{a < b}`, []string{"<mtext>a &lt; b</mtext>"}},
		{`f'`, []string{"<msup><mi>f</mi><mo>′</mo></msup>"}},
		{`\begin{bmatrix}1&2\\3&4\end{bmatrix}`, []string{"<mtr><mtd", "<mn>4</mn></mtd></mtr></mtable>", `form="postfix">]</mo>`}},
		{`\color{red} x + y`, []string{`<mrow mathcolor="red"><mi>x</mi><mo>+</mo><mi>y</mi></mrow>`}},
		{`\mathrm{softmax}(x)`, []string{"<mi>softmax</mi>"}},
		{`x \le y`, []string{"<mo>≤</mo>"}},
	} {
		m, err := MathML(tc.tex, false)
		if err != nil {
			t.Errorf("MathML(%q): %v", tc.tex, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(m, w) {
				t.Errorf("MathML(%q) lacks %q:\n%s", tc.tex, w, m)
			}
		}
		if err := wellFormed(m); err != nil {
			t.Errorf("MathML(%q): %v", tc.tex, err)
		}
	}
}

func TestMathMLErrors(t *testing.T) {
	for _, tex := range []string{`\nosuchcommand x`, `\left( x`, `\begin{bmatrix} 1 & 2`, `\frac{a}`, `x }`, `\begin{weird}a\end{weird}`} {
		m, err := MathML(tex, true)
		if err == nil {
			t.Errorf("MathML(%q): no error", tex)
		}
		if werr := wellFormed(m); werr != nil {
			t.Errorf("MathML(%q) output not well-formed after an error: %v\n%s", tex, werr, m)
		}
	}
	m, _ := MathML(`a \nosuch b`, false)
	if !strings.Contains(m, `<merror><mtext>\nosuch</mtext></merror>`) || !strings.Contains(m, "<mi>b</mi>") {
		t.Errorf("unknown command not shown as merror with the rest kept:\n%s", m)
	}
}
