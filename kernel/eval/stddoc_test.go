package eval

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestStdDocsUpToDate regenerates the built-in documentation and compares
// it with stddoc/ (it depends on the Go release that generates it).
func TestStdDocsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating the standard documentation takes a while")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain")
	}
	tmp := t.TempDir()
	if out, err := exec.Command("go", "run", "./gendoc", "-o", tmp, "-std").CombinedOutput(); err != nil {
		t.Fatalf("gendoc: %v\n%s", err, out)
	}
	want, _ := filepath.Glob(filepath.Join(tmp, "*"))
	have, _ := filepath.Glob("stddoc/*")
	if len(want) != len(have) {
		t.Errorf("stddoc has %d files, generating gives %d: run go generate ./kernel/eval", len(have), len(want))
	}
	for _, w := range want {
		a, _ := os.ReadFile(w)
		b, err := os.ReadFile(filepath.Join("stddoc", filepath.Base(w)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("stddoc/%s is stale: run go generate ./kernel/eval", filepath.Base(w))
		}
	}
}
