package apisum

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSumsFollowDeclarations changes a package in a scratch module in each
// way that matters (or not) to the generated tables and docs, and checks
// whether its fingerprint changes.
func TestSumsFollowDeclarations(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain")
	}
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.22\n")
	os.Mkdir(filepath.Join(dir, "p"), 0o755)
	base := `package p

// F doubles.
func F(x int) int { return 2 * x }

type inner struct{}

// M is promoted to T.
func (inner) M() int { return 1 }

// T has M.
type T struct{ inner }

const C = 3

var v = 4

func helper() {}
`
	sum := func(src string) string {
		write("p/p.go", src)
		sums, err := Sums(dir, []string{"example.com/m/p"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return sums["example.com/m/p"]
	}
	orig := sum(base)
	cases := []struct {
		name, from, to string
		changes        bool
	}{
		{"function body", "return 2 * x", "return x + x", false},
		{"unexported function", "func helper() {}", "func helper(int) {}", false},
		{"unexported variable", "var v = 4", "var v = 5", false},
		{"signature", "F(x int) int", "F(x int64) int", true},
		{"doc comment", "// F doubles.", "// F doubles its argument.", true},
		{"exported constant", "const C = 3", "const C = 4", true},
		{"unexported embedded type's method", "func (inner) M() int", "func (inner) M() int64", true},
		{"new exported function", "func helper() {}", "func helper() {}\n\nfunc G() {}", true},
	}
	for _, c := range cases {
		src := replace(t, base, c.from, c.to)
		if got := sum(src) != orig; got != c.changes {
			t.Errorf("%s: fingerprint changed = %v, want %v", c.name, got, c.changes)
		}
	}
	if sum(base) != orig {
		t.Errorf("the same source gave another fingerprint")
	}
}

func replace(t *testing.T, s, from, to string) string {
	t.Helper()
	for i := 0; i+len(from) <= len(s); i++ {
		if s[i:i+len(from)] == from {
			return s[:i] + to + s[i+len(from):]
		}
	}
	t.Fatalf("%q not in the source", from)
	return ""
}

func TestFormatParseDiff(t *testing.T) {
	a := map[string]string{"x": "1", "y": "2"}
	if got := Parse(Format(a)); len(got) != 2 || got["x"] != "1" || got["y"] != "2" {
		t.Errorf("Parse(Format) = %v", got)
	}
	d := Diff(a, map[string]string{"x": "1", "y": "3", "z": "4"})
	if len(d) != 2 || d[0] != "y: changed since the files were generated" || d[1] != "z: not in api.sum" {
		t.Errorf("Diff = %q", d)
	}
}
