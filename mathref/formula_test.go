package mathref

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// exampleNames returns the names of all Example functions in the package's
// test files.
func exampleNames(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fn.Name.Name, "Example") {
				names[fn.Name.Name] = true
			}
		}
	}
	return names
}

// TestFormulaRegistry fails if a formula lacks a reference function, if
// FuncName does not name that function, or if the function has no Example;
// it also checks IDs, symbols, sources and the TeX's balance.
func TestFormulaRegistry(t *testing.T) {
	examples := exampleNames(t)
	ids := map[string]bool{}
	for _, f := range Formulas() {
		if f.ID == "" || ids[f.ID] {
			t.Errorf("formula %q: empty or duplicate ID", f.ID)
		}
		ids[f.ID] = true
		if f.Func == nil || reflect.TypeOf(f.Func).Kind() != reflect.Func {
			t.Errorf("%s: no reference function", f.ID)
			continue
		}
		name := runtime.FuncForPC(reflect.ValueOf(f.Func).Pointer()).Name()
		if !strings.HasSuffix(name, "/mathref."+f.FuncName) {
			t.Errorf("%s: FuncName %q but Func is %s", f.ID, f.FuncName, name)
		}
		if !examples["Example"+f.FuncName] {
			t.Errorf("%s: no Example%s", f.ID, f.FuncName)
		}
		if f.Title == "" || f.Source == "" || len(f.Symbols) == 0 {
			t.Errorf("%s: Title, Source and Symbols are required", f.ID)
		}
		checkTeX(t, f.ID, f.TeX)
		for _, s := range f.Symbols {
			if s.Sym == "" || s.Meaning == "" || s.Shape == "" {
				t.Errorf("%s: symbol %+v is incomplete", f.ID, s)
			}
			checkTeX(t, f.ID+" symbol", s.Sym)
		}
		if got, ok := Lookup(f.ID); !ok || got.FuncName != f.FuncName {
			t.Errorf("Lookup(%q) = %v, %v", f.ID, got.FuncName, ok)
		}
		if !strings.HasPrefix(f.LaTeX(), "$$") || !strings.Contains(f.Markdown(), "| symbol | meaning | shape |") {
			t.Errorf("%s: LaTeX/Markdown rendering", f.ID)
		}
	}
	if _, ok := Lookup("no-such-formula"); ok {
		t.Error("Lookup found a missing ID")
	}
}

// TestFormulaSymbolsAppear checks that every symbol listed (each
// comma-separated part) occurs in its formula's TeX, so the table and the
// formula cannot drift apart.
func TestFormulaSymbolsAppear(t *testing.T) {
	for _, f := range Formulas() {
		for _, s := range f.Symbols {
			for _, part := range strings.Split(s.Sym, ", ") {
				if !strings.Contains(f.TeX, part) {
					t.Errorf("%s: symbol %q does not occur in the TeX", f.ID, part)
				}
			}
		}
	}
}

var envRe = regexp.MustCompile(`\\(begin|end)\{(\w+)\}`)

// checkTeX checks balanced braces and environments and the absence of
// display delimiters.
func checkTeX(t *testing.T, where, tex string) {
	t.Helper()
	depth := 0
	for i, r := range tex {
		if i > 0 && tex[i-1] == '\\' {
			continue // \{ and \}
		}
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Errorf("%s: unbalanced } in %q", where, tex)
			return
		}
	}
	if depth != 0 {
		t.Errorf("%s: unbalanced { in %q", where, tex)
	}
	var stack []string
	for _, m := range envRe.FindAllStringSubmatch(tex, -1) {
		if m[1] == "begin" {
			stack = append(stack, m[2])
		} else if len(stack) == 0 || stack[len(stack)-1] != m[2] {
			t.Errorf("%s: \\end{%s} without its \\begin", where, m[2])
		} else {
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Errorf("%s: \\begin{%s} not closed", where, stack[len(stack)-1])
	}
	if strings.Contains(tex, "$") {
		t.Errorf("%s: TeX must not contain $ delimiters", where)
	}
}

// TestErrataTeX checks the TeX of every erratum written as TeX.
func TestErrataTeX(t *testing.T) {
	for _, e := range Errata() {
		if e.Lang == "tex" {
			checkTeX(t, e.ID+" wrong", e.Wrong)
			checkTeX(t, e.ID+" right", e.Right)
		}
	}
}
