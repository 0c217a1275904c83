package nbgen

import (
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// TestMathrefFormulasConvert converts every formula mathref displays (and
// the TeX of its symbol tables) to MathML, as stepwise lesson --html and
// the walkthrough players do: no unknown command may be left.
func TestMathrefFormulasConvert(t *testing.T) {
	for _, f := range mathref.Formulas() {
		if _, err := lessons.MathML(f.TeX, true); err != nil {
			t.Errorf("%s: %v", f.ID, err)
		}
		for _, s := range f.Symbols {
			if _, err := lessons.MathML(s.Sym, false); err != nil {
				t.Errorf("%s symbol: %v", f.ID, err)
			}
		}
		h := lessons.MarkdownHTML(f.Markdown())
		if strings.Contains(h, "merror") || strings.Contains(h, "$") {
			t.Errorf("%s: Markdown() does not render cleanly:\n%s", f.ID, h)
		}
	}
}
