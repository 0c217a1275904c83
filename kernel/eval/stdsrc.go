package eval

import (
	"embed"
	"fmt"
	"go/parser"
)

// The generic standard packages (cmp, iter, maps, slices) have no yaegi
// tables (reflection cannot hold generic functions), and yaegi's own
// sources for them are older than Go 1.23 and fail in places; these
// interpreted sources replace them, written for this project.
//
//go:embed stdsrc/*.go.txt
var stdSources embed.FS

// sourcePackages lists them in dependency order. The type checker reads
// them all; the interpreter runs cmp (from cmp_run) and iter, while slices
// and maps run as compiled code (genericstd.go).
var sourcePackages = []string{"cmp", "iter", "maps", "slices"}

// runSources maps a package the interpreter compiles to its source file.
var runSources = map[string]string{"cmp": "cmp_run", "iter": "iter"}

// loadSources compiles the interpreted standard packages into the session
// and gives their sources to the type checker.
func (in *Interp) loadSources(imp *importer) error {
	for _, p := range sourcePackages {
		b, err := stdSources.ReadFile("stdsrc/" + p + ".go.txt")
		if err != nil {
			return err
		}
		imp.sources[p] = string(b)
		run, ok := runSources[p]
		if !ok {
			continue
		}
		if b, err = stdSources.ReadFile("stdsrc/" + run + ".go.txt"); err != nil {
			return err
		}
		f, err := parser.ParseFile(in.yi.FileSet(), p+".go", b, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("eval: package %s: %w", p, err)
		}
		prog, err := in.compile(f)
		if err != nil {
			return fmt.Errorf("eval: package %s: %w", p, err)
		}
		if _, err := in.yi.Execute(prog); err != nil {
			return fmt.Errorf("eval: package %s: %w", p, err)
		}
	}
	return nil
}
