package eval

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The conformance suite measures how far cell Go is from compiled Go: each
// program in testdata/conformance is a list of cells; the test runs the
// cells in a fresh interpreter and the same program compiled by the go
// toolchain (imports and declarations at package level, statements in
// main), and compares what they print. Programs known to differ are listed,
// with the reason, in KNOWN_FAILURES; the test fails when another program
// differs, or when a listed one starts to match.

const cellSep = "\n// ---- cell\n"

type program struct {
	name  string
	cells []string
}

func loadPrograms(t *testing.T) []program {
	files, err := filepath.Glob("testdata/conformance/*.go.cells")
	if err != nil {
		t.Fatal(err)
	}
	var out []program
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".go.cells")
		out = append(out, program{name: name, cells: strings.Split(strings.TrimRight(string(b), "\n"), cellSep)})
	}
	return out
}

// compiledSource joins a program's cells into one Go program.
func compiledSource(p program) string {
	var imports, decls, stmts []string
	seenImport := map[string]bool{}
	hasMain := false
	for _, c := range p.cells {
		src := []byte(c)
		for _, it := range splitCell(src) {
			text := strings.TrimSpace(c[it.tokStart:it.end])
			switch it.kind {
			case itemImport:
				if !seenImport[text] {
					seenImport[text] = true
					imports = append(imports, text)
				}
			case itemDecl:
				if strings.HasPrefix(text, "func main()") {
					hasMain = true
				}
				decls = append(decls, c[it.start:it.end])
			case itemStmt:
				stmts = append(stmts, c[it.start:it.end])
			}
		}
	}
	var b strings.Builder
	b.WriteString("package main\n\n")
	for _, s := range imports {
		b.WriteString(s + "\n")
	}
	for _, d := range decls {
		b.WriteString(d + "\n")
	}
	if !hasMain {
		b.WriteString("\nfunc main() {\n")
		for _, s := range stmts {
			b.WriteString(s + "\n")
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// interpreted runs a program's cells and returns what they print; a failing
// cell adds a line naming its error.
func interpreted(p program) string {
	var out bytes.Buffer
	in, err := New(Options{Stdout: &out, Stderr: &bytes.Buffer{}})
	if err != nil {
		return "NEW: " + err.Error()
	}
	for _, c := range p.cells {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		res := in.Execute(ctx, Cell{Code: c})
		cancel()
		if res.Err != nil {
			fmt.Fprintf(&out, "CELL ERROR %s: %s\n", res.Err.Name, res.Err.Value)
			break
		}
	}
	return out.String()
}

func readKnown(t *testing.T) map[string]string {
	known := map[string]string{}
	f, err := os.Open("testdata/conformance/KNOWN_FAILURES")
	if err != nil {
		return known
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, ":")
		known[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	}
	return known
}

func TestConformance(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go toolchain to compile the programs")
	}
	progs := loadPrograms(t)
	if len(progs) < 60 {
		t.Errorf("only %d conformance programs; want at least 60", len(progs))
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module conformance\n\ngo 1.26\n"), 0o644)
	for _, p := range progs {
		pd := filepath.Join(dir, p.name)
		os.MkdirAll(pd, 0o755)
		os.WriteFile(filepath.Join(pd, "main.go"), []byte(compiledSource(p)), 0o644)
	}
	bin := filepath.Join(dir, "bin")
	build := exec.Command(goBin, "build", "-o", bin+string(filepath.Separator), "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("compiling the conformance programs: %v\n%s", err, out)
	}
	known := readKnown(t)
	var failed []string
	passed := 0
	for _, p := range progs {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, filepath.Join(bin, p.name))
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		cmd.Run() // a program may exit non-zero (an expected panic); stdout is what counts
		cancel()
		want := stdout.String()
		got := interpreted(p)
		reason, isKnown := known[p.name]
		if got == want {
			passed++
			if isKnown {
				t.Errorf("%s now matches compiled Go: remove it from KNOWN_FAILURES", p.name)
			}
			continue
		}
		failed = append(failed, p.name)
		if !isKnown {
			t.Errorf("%s differs from compiled Go:\n--- compiled\n%s--- cells\n%s", p.name, want, got)
		} else {
			t.Logf("%s differs (known: %s)", p.name, reason)
		}
	}
	for name := range known {
		found := false
		for _, p := range progs {
			found = found || p.name == name
		}
		if !found {
			t.Errorf("KNOWN_FAILURES lists %s, which is not a program", name)
		}
	}
	sort.Strings(failed)
	t.Logf("conformance score: %d/%d programs print what compiled Go prints", passed, len(progs))
	if len(failed) > 0 {
		t.Logf("differing: %s", strings.Join(failed, ", "))
	}
}
