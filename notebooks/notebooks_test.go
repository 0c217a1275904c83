package notebooks_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/internal/nbgen"
	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/notebooks"
)

// TestUpToDate fails when a committed notebook no longer matches its
// source (cells' types, ids, text and options; outputs are ignored).
func TestUpToDate(t *testing.T) {
	stale, err := nbgen.Stale("src", ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stale {
		t.Error(s)
	}
	if len(stale) > 0 {
		t.Log("regenerate with: make notebooks")
	}
}

// TestExecuted checks that the committed notebooks carry their outputs:
// every code cell that the runner executes has an execution count, so the
// notebooks render with results on GitHub.
func TestExecuted(t *testing.T) {
	for _, name := range notebooks.Names() {
		for _, lang := range []string{nbgen.EN, nbgen.ZH} {
			b, err := notebooks.Notebook(name, lang)
			if err != nil {
				t.Errorf("%s (%s): %v; run make notebooks", name, lang, err)
				continue
			}
			nb, err := nbgen.Decode(b)
			if err != nil {
				t.Errorf("%s (%s): %v", name, lang, err)
				continue
			}
			missing := 0
			for _, c := range nb.Cells {
				tags, _ := c.Metadata["tags"].([]any)
				skip := false
				for _, tag := range tags {
					skip = skip || tag == "skip-execution"
				}
				if c.Type == "code" && !skip && c.ExecutionCount == nil {
					missing++
				}
			}
			if missing > 0 {
				t.Errorf("%s (%s): %d code cells were never executed; run make notebooks", name, lang, missing)
			}
		}
	}
}

var reMath = regexp.MustCompile(`\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$`)

// TestFormulasConvert checks that every formula in the sources converts
// to MathML (stepwise lesson --html) with no unknown command.
func TestFormulasConvert(t *testing.T) {
	for _, name := range notebooks.Names() {
		src, _ := notebooks.Source(name)
		text := regexp.MustCompile("(?s)```.*?```|`[^`\n]*`").ReplaceAllString(string(src), "")
		for _, m := range reMath.FindAllStringSubmatch(text, -1) {
			tex, display := m[2], false
			if m[1] != "" {
				tex, display = m[1], true
			}
			if _, err := lessons.MathML(tex, display); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

func TestNames(t *testing.T) {
	names := notebooks.Names()
	if len(names) == 0 || names[0] != "00-welcome" {
		t.Fatalf("Names() = %v", names)
	}
	for _, n := range names {
		if !regexp.MustCompile(`^\d\d-[a-z0-9-]+$`).MatchString(n) {
			t.Errorf("notebook name %q is not NN-name", n)
		}
		src, _ := notebooks.Source(n)
		if _, err := nbgen.Parse(n+".md", string(src)); err != nil {
			t.Error(err)
		}
		if strings.Contains(n, " ") {
			t.Errorf("space in %q", n)
		}
	}
}
