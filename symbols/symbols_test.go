package symbols_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/symbols"
	"github.com/stepwise-go/stepwise/symbols/internal/apisum"
)

// TestFingerprints fails when a package the tables and documentation are
// generated from (or a generator) changed its declarations since they were
// generated: it compares fingerprints of their declarations with those
// recorded in api.sum (see symbols/internal/apisum). It takes about a
// second; TestUpToDate, which generates everything again, takes minutes.
func TestFingerprints(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain")
	}
	b, err := os.ReadFile(apisum.FileName)
	if err != nil {
		t.Fatalf("%v: run go generate ./symbols", err)
	}
	want := apisum.Parse(b)
	gen := map[string]bool{}
	for _, g := range apisum.Generators {
		gen[g] = true
	}
	var pkgs []string
	tables := map[string]bool{}
	for p := range want {
		if !gen[p] {
			pkgs = append(pkgs, p)
			tables[strings.NewReplacer("/", "-", ".", "_", "~", "_").Replace(p)+".go"] = true
		}
	}
	got, err := apisum.Sums(".", pkgs, apisum.Generators)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range apisum.Diff(want, got) {
		t.Errorf("%s: run go generate ./symbols", d)
	}
	have, _ := filepath.Glob("*.go")
	for _, h := range have {
		if !strings.HasSuffix(h, "_test.go") && h != "doc.go" && !tables[h] {
			t.Errorf("%s is a table of a package %s does not list: run go generate ./symbols", h, apisum.FileName)
		}
		delete(tables, h)
	}
	for h := range tables {
		t.Errorf("%s is missing: run go generate ./symbols", h)
	}
}

// TestUpToDate regenerates the tables and documentation into a temporary
// directory and fails on any difference from the committed files. It takes
// minutes, so it runs only with STEPWISE_REGENERATE=1; TestFingerprints
// catches a stale table in a second.
func TestUpToDate(t *testing.T) {
	if os.Getenv("STEPWISE_REGENERATE") != "1" {
		t.Skip("set STEPWISE_REGENERATE=1 to generate everything again and compare (minutes)")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain")
	}
	tmp := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", "-o", tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	for _, dir := range []string{".", "docs"} {
		want, _ := filepath.Glob(filepath.Join(tmp, dir, "*"))
		for _, w := range want {
			if fi, _ := os.Stat(w); fi.IsDir() {
				continue
			}
			got, err := os.ReadFile(filepath.Join(dir, filepath.Base(w)))
			if err != nil {
				t.Errorf("%s is missing: run go generate ./symbols", filepath.Join(dir, filepath.Base(w)))
				continue
			}
			wb, _ := os.ReadFile(w)
			if !bytes.Equal(got, wb) {
				t.Errorf("%s is stale: run go generate ./symbols", filepath.Join(dir, filepath.Base(w)))
			}
		}
	}
	// Generated files that generating no longer writes are stale too.
	have, _ := filepath.Glob("*.go")
	for _, h := range have {
		if !strings.HasSuffix(h, "_test.go") && h != "doc.go" {
			if _, err := os.Stat(filepath.Join(tmp, h)); err != nil {
				t.Errorf("%s is no longer generated: remove it", h)
			}
		}
	}
}

func TestTablesInCells(t *testing.T) {
	var out bytes.Buffer
	in, err := eval.New(eval.Options{Stdout: &out, Stderr: &out, Exports: []interp.Exports{symbols.Symbols}, Docs: []fs.FS{symbols.Docs}})
	if err != nil {
		t.Fatal(err)
	}
	run := func(code string) eval.Result {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return in.Execute(ctx, eval.Cell{Code: code})
	}
	cases := []struct{ code, want string }{
		{"import \"gonum.org/v1/gonum/mat\"\nm := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\nmat.Det(m)", "-2"},
		{"import \"gonum.org/v1/gonum/floats\"\nfloats.Sum([]float64{1, 2, 3.5})", "6.5"},
		{"import \"gonum.org/v1/gonum/stat\"\nstat.Mean([]float64{1, 2, 3, 4}, nil)", "2.5"},
		{"import \"gonum.org/v1/gonum/stat/distuv\"\ndistuv.UnitNormal.CDF(0)", "0.5"},
	}
	for _, c := range cases {
		r := run(c.code)
		if r.Err != nil {
			t.Errorf("%q: %s\n%s", c.code, r.Err, strings.Join(r.Err.Traceback, "\n"))
			continue
		}
		if r.Value == nil || r.Value.Data["text/plain"] != c.want {
			t.Errorf("%q = %v, want %s", c.code, r.Value, c.want)
		}
	}
	// A gonum/plot figure rendered to PNG and shown by its bytes.
	r := run(`import (
	"bytes"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)
p := plot.New()
p.Title.Text = "line"
pts := plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 4}}
l, err := plotter.NewLine(pts)
if err != nil { panic(err) }
p.Add(l)
c := vgimg.New(4*vg.Centimeter, 3*vg.Centimeter)
p.Draw(draw.New(c))
var buf bytes.Buffer
png := vgimg.PngCanvas{Canvas: c}
png.WriteTo(&buf)
display.PNG(buf.Bytes())`)
	if r.Err != nil {
		t.Fatalf("plot cell: %s\n%s", r.Err, strings.Join(r.Err.Traceback, "\n"))
	}
	if b, ok := r.Value.Data["image/png"].([]byte); !ok || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("plot cell value has no PNG: %v", r.Value.Data["text/plain"])
	}
	// Inspection finds gonum's documentation.
	d, ok := in.Inspect("mat.NewDense", 12, 0)
	if !ok || !strings.Contains(d.Data["text/plain"].(string), "NewDense creates a new Dense matrix") {
		t.Errorf("Inspect(mat.NewDense) = %v, %v", d.Data["text/plain"], ok)
	}
}
