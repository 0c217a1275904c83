// Command gen writes the symbol tables and documentation of package
// symbols: one file per package made by yaegi's extractor, and one gzipped
// documentation file per package made by kernel/eval/gendoc.
//
//	go run ./gen -o DIR
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/traefik/yaegi/extract"

	"github.com/stepwise-go/stepwise/symbols/internal/apisum"
)

// Packages are the packages cells can import beyond the standard library.
var Packages = []string{
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/stat/distuv",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/vg/vgimg",
	"gonum.org/v1/plot/vg/vgsvg",
	"gonum.org/v1/plot/palette",
	"github.com/stepwise-go/stepwise/mathref",
	"github.com/stepwise-go/stepwise/nn",
	"github.com/stepwise-go/stepwise/viz",
	"github.com/stepwise-go/stepwise/lessons",
	"github.com/stepwise-go/stepwise/lessons/conv",
	"github.com/stepwise-go/stepwise/lessons/rnn",
	"github.com/stepwise-go/stepwise/lessons/attention",
}

func main() {
	out := flag.String("o", ".", "output directory (the symbols package)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "symbols/gen:", err)
		os.Exit(1)
	}
}

// FileName is the name of the table of a package, as yaegi extract names it.
func FileName(importPath string) string {
	return strings.NewReplacer("/", "-", ".", "_", "~", "_").Replace(importPath) + ".go"
}

func run(out string) error {
	// Each extraction type-checks its package from source: run a few at
	// once.
	errs := make([]error, len(Packages))
	sem := make(chan struct{}, max(2, runtime.NumCPU()))
	var wg sync.WaitGroup
	for i, p := range Packages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ext := extract.Extractor{Dest: "symbols"}
			var buf bytes.Buffer
			if _, err := ext.Extract(p, "symbols", &buf); err != nil {
				errs[i] = fmt.Errorf("extract %s: %w", p, err)
				return
			}
			errs[i] = os.WriteFile(filepath.Join(out, FileName(p)), buf.Bytes(), 0o644)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	args := append([]string{"run", "github.com/stepwise-go/stepwise/kernel/eval/gendoc", "-o", filepath.Join(out, "docs")}, Packages...)
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("gendoc: %w", err)
	}
	// The fingerprints of what was read, for the fast staleness test.
	sums, err := apisum.Sums(".", Packages, apisum.Generators)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, apisum.FileName), apisum.Format(sums), 0o644)
}
