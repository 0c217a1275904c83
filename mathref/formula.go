package mathref

import (
	"fmt"
	"strings"
)

// Formula is one formula the lessons display, with the reference function
// that computes it. TeX is the body of a display equation with no
// delimiters ($$…$$ is added by LaTeX and Markdown); multi-line formulas use
// an aligned environment, which MathJax and KaTeX both render.
type Formula struct {
	// ID is the stable key used by Lookup, e.g. "conv2d".
	ID string
	// Title names the formula for a heading.
	Title string
	// TeX is the formula as a TeX display-math body.
	TeX string
	// Symbols lists every symbol in TeX with its meaning and shape.
	Symbols []Symbol
	// Func is the literal reference implementation, e.g. Conv2D.
	Func any
	// FuncName is Func's name in this package, e.g. "Conv2D".
	FuncName string
	// Source is the authority the formula was checked against (a URL or a
	// paper and equation number).
	Source string
}

// Symbol is one symbol of a Formula.
type Symbol struct {
	// Sym is the symbol as TeX (no delimiters), e.g. `w_{o,c,u,v}`.
	Sym string
	// Meaning says what it is, in one phrase.
	Meaning string
	// Shape is its shape in the PyTorch layout, e.g. "(O, C/G, K_H, K_W)",
	// or "scalar".
	Shape string
}

// LaTeX returns the formula wrapped in $$…$$, ready for a text/latex display.
func (f Formula) LaTeX() string { return "$$" + f.TeX + "$$" }

// Markdown returns a heading, the formula and a table of its symbols: a
// text/markdown display that Jupyter renders with MathJax.
func (f Formula) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n$$%s$$\n\n| symbol | meaning | shape |\n|---|---|---|\n", f.Title, f.TeX)
	for _, s := range f.Symbols {
		fmt.Fprintf(&b, "| $%s$ | %s | %s |\n", s.Sym, s.Meaning, s.Shape)
	}
	fmt.Fprintf(&b, "\nReference: `mathref.%s` · Source: %s\n", f.FuncName, f.Source)
	return b.String()
}

// String returns the title and the TeX source.
func (f Formula) String() string { return f.Title + ": " + f.TeX }

// Formulas returns every formula, in the order the lessons meet them:
// convolution, pooling, activations, linear, recurrence, attention, loss.
func Formulas() []Formula {
	return []Formula{
		Conv2DFormula, TrueConv2DFormula, ConvOutputSizeFormula,
		MaxPool2DFormula, AvgPool2DFormula,
		ReLUFormula, TanhFormula, SigmoidFormula, SoftmaxFormula, LogSoftmaxFormula,
		LinearFormula,
		RNNCellFormula, RNNFormula, LSTMCellFormula, LSTMFormula, GRUCellFormula, GRUFormula,
		SDPAFormula, MHAFormula, AdditiveAttentionFormula,
		CrossEntropyFormula,
	}
}

// Lookup returns the formula with the given ID and whether it exists.
func Lookup(id string) (Formula, bool) {
	for _, f := range Formulas() {
		if f.ID == id {
			return f, true
		}
	}
	return Formula{}, false
}
