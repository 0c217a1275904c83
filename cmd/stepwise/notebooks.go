package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/stepwise-go/stepwise/internal/nbgen"
)

func init() {
	register(&command{
		name:    "notebooks",
		summary: "regenerate the lesson notebooks from their sources (repository only)",
		usage: `usage: stepwise notebooks build [-src DIR] [-out DIR]
       stepwise notebooks check [-src DIR] [-out DIR]

build regenerates notebooks/NN-name.ipynb (English) and
notebooks/zh/NN-name.ipynb (Chinese) from notebooks/src/NN-name.md, keeping
the outputs of cells whose code did not change. 'make notebooks' runs it
and then executes every notebook with the kernel so that the outputs are
saved (tests/notebooks/run.sh --write).

check reports notebooks whose cells no longer match their sources and
exits with status 1 if there are any.

Run it from the repository's root (or pass -src and -out).`,
		run: runNotebooks,
	})
}

func runNotebooks(args []string) int {
	if len(args) == 0 || (args[0] != "build" && args[0] != "check") {
		fmt.Fprintln(os.Stderr, commands["notebooks"].usage)
		return 2
	}
	fs := flag.NewFlagSet("notebooks "+args[0], flag.ContinueOnError)
	src := fs.String("src", filepath.Join("notebooks", "src"), "directory of the sources (NN-name.md)")
	out := fs.String("out", "notebooks", "directory of the generated notebooks")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if _, err := os.Stat(*src); err != nil {
		fmt.Fprintf(os.Stderr, "stepwise notebooks: no sources at %s (run from the repository's root, or pass -src): %v\n", *src, err)
		return 1
	}
	if args[0] == "check" {
		stale, err := nbgen.Stale(*src, *out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "stepwise notebooks:", err)
			return 1
		}
		for _, s := range stale {
			fmt.Println(s)
		}
		if len(stale) > 0 {
			fmt.Fprintln(os.Stderr, "notebooks are out of date with their sources: run 'make notebooks'")
			return 1
		}
		fmt.Println("notebooks are up to date")
		return 0
	}
	changed, err := nbgen.Build(*src, *out)
	for _, c := range changed {
		fmt.Println("wrote", c)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise notebooks:", err)
		return 1
	}
	if len(changed) == 0 {
		fmt.Println("notebooks unchanged")
	}
	return 0
}
