package stepwise_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/stepwise-go/stepwise"

// allowed lists, for each package of ours, the packages of ours it may depend
// on (directly or not). A package absent from the map may import anything.
var allowed = map[string][]string{
	"kernel/wire":       {},
	"kernel/display":    {},
	"interrupt":         {},
	"kernel/eval":       {"kernel/display", "interrupt"},
	"kernel":            {"kernel/wire", "kernel/display", "kernel/eval", "interrupt"},
	"kernel/kerneltest": {"kernel", "kernel/wire", "kernel/display", "kernel/eval", "interrupt"},
	"mathref":           {},
	"nn":                {},
	"viz":               {},
	"lessons":           {"mathref", "nn", "viz", "interrupt"},
	"lessons/conv":      {"lessons", "mathref", "nn", "viz", "interrupt"},
	"lessons/rnn":       {"lessons", "mathref", "nn", "viz", "interrupt"},
	"lessons/attention": {"lessons", "mathref", "nn", "viz", "interrupt"},
}

// TestLayering checks the dependency direction described in DEVELOPERS.md:
// the kernel core never sees the lessons' packages, and mathref, nn and viz
// are leaves.
func TestLayering(t *testing.T) {
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "no Go files") || strings.Contains(string(out), "cannot find") {
				continue
			}
			t.Fatalf("go list -deps ./%s: %v\n%s", pkg, err, out)
		}
		okset := map[string]bool{pkg: true}
		for _, o := range ok {
			okset[o] = true
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(dep, module+"/")
			if owner, _, ok := strings.Cut(rel, "/internal/"); ok && (owner == pkg || okset[owner]) {
				continue // a package's internal helpers belong to it
			}
			if !okset[rel] {
				t.Errorf("%s depends on %s; allowed: %v", pkg, rel, ok)
			}
		}
	}
}

// TestNNTestOnlyMathref checks that nn's non-test build does not reach
// mathref (tests may use it as the oracle).
func TestNNTestOnlyMathref(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, "./nn").CombinedOutput()
	if err != nil {
		t.Fatalf("go list ./nn: %v\n%s", err, out)
	}
	if strings.Contains(string(out), module+"/mathref") {
		t.Errorf("nn imports mathref outside its tests")
	}
}
