package viz_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite testdata/*_golden.svg from the Examples")

// figure is what every viz figure offers the kernel.
type figure interface {
	PNG() []byte
	SVG() string
}

// save writes f as testdata/name.svg and testdata/name.png.
func save(name string, f figure) {
	for ext, data := range map[string][]byte{".svg": []byte(f.SVG()), ".png": f.PNG()} {
		if err := os.WriteFile(filepath.Join("testdata", name+ext), data, 0o644); err != nil {
			panic(err)
		}
	}
}

// goldens lists each Example with the file it writes.
var goldens = []struct {
	name string
	ex   func()
}{
	{"heatmap", ExampleHeatmap},
	{"heatmap_nan", ExampleHeatmap_nan},
	{"attention", ExampleAttention},
	{"attention_zh", ExampleAttention_chinese},
	{"attention_heads", ExampleAttentionHeads},
	{"convstep", ExampleConvStep},
	{"convstep_pad", ExampleConvStep_padding},
	{"featuremaps", ExampleFeatureMaps},
	{"filters", ExampleFilters},
	{"hidden", ExampleHiddenStates},
	{"unitlines", ExampleUnitLines},
	{"gates", ExampleGates},
	{"trajectory", ExampleTrajectory},
	{"curves", ExampleCurves},
}

// readmeFigures are Example PNGs kept (committed) for the README; -regen
// refreshes them.
var readmeFigures = []string{"convstep_pad", "attention_heads"}

// TestGoldens runs each Example and compares the SVG it wrote with
// testdata/NAME_golden.svg; go test -run TestGoldens -regen rewrites
// the goldens.
func TestGoldens(t *testing.T) {
	stdout := os.Stdout
	null, _ := os.Open(os.DevNull)
	defer null.Close()
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			os.Stdout = null
			g.ex()
			os.Stdout = stdout
			got, err := os.ReadFile(filepath.Join("testdata", g.name+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", g.name+"_golden.svg")
			if *regen {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldens -regen to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("testdata/%s.svg differs from %s at byte %d; look at testdata/%s.png, then rerun with -regen if the change is right",
					g.name, golden, firstDiff(got, want), g.name)
			}
		})
	}
}

// TestReadmeFigures refreshes the README's pictures with -regen.
func TestReadmeFigures(t *testing.T) {
	if !*regen {
		t.Skip("only with -regen")
	}
	TestGoldens(t)
	for _, name := range readmeFigures {
		data, err := os.ReadFile(filepath.Join("testdata", name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", "readme_"+name+".png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// panics runs f and returns its panic message, or "" if it returned.
func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// wantPanic checks that f panics with a message containing every part.
func wantPanic(t *testing.T, name string, f func(), parts ...string) {
	t.Helper()
	msg := panics(f)
	if msg == "" {
		t.Errorf("%s: did not panic; want a message containing %q", name, parts)
		return
	}
	for _, p := range append([]string{"viz: "}, parts...) {
		if !strings.Contains(msg, p) {
			t.Errorf("%s: panic %q does not contain %q", name, msg, p)
		}
	}
}
