// Package apisum fingerprints what the generated files of package symbols
// are made from, so that a test can tell quickly whether they are stale
// without generating them again (which takes minutes).
//
// The symbol tables and the documentation of a package depend on its
// declarations and doc comments, not on function bodies. The fingerprint
// of a package of this module is a SHA-256 of its declarations as gofmt
// prints them, function bodies left out: the signatures and doc comments of
// exported functions and methods, every type declaration (an unexported
// embedded type lends its methods), and exported variables and constants
// with their values. A package from another module is fingerprinted by its
// module version, since the module cache never changes a version's files.
// The generators (yaegi's extractor, gendoc, symbols/gen) are fingerprinted
// the same way, bodies included for ours.
package apisum

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Generators are the packages whose code writes the generated files.
var Generators = []string{
	"github.com/traefik/yaegi/extract",
	"github.com/stepwise-go/stepwise/kernel/eval/gendoc",
	"github.com/stepwise-go/stepwise/symbols/gen",
}

// FileName is the name of the fingerprint file in package symbols.
const FileName = "api.sum"

type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Module     *struct{ Path, Version string }
	Error      *struct{ Err string }
}

// Sums returns the fingerprint of each package (import path → hex) and of
// each generator (usually Generators). It runs "go list" once, in dir.
func Sums(dir string, packages, generators []string) (map[string]string, error) {
	args := append([]string{"list", "-json"}, packages...)
	args = append(args, generators...)
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	gen := map[string]bool{}
	for _, g := range generators {
		gen[g] = true
	}
	sums := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %v", err)
		}
		if p.Error != nil {
			return nil, fmt.Errorf("%s: %s", p.ImportPath, p.Error.Err)
		}
		h := sha256.New()
		switch {
		case p.Module != nil && p.Module.Version != "":
			fmt.Fprintf(h, "%s@%s\n", p.Module.Path, p.Module.Version)
		case gen[p.ImportPath]:
			if err := hashFiles(h, p.Dir, p.GoFiles); err != nil {
				return nil, err
			}
		default:
			if err := hashDecls(h, p.Dir, p.GoFiles); err != nil {
				return nil, err
			}
		}
		sums[p.ImportPath] = hex.EncodeToString(h.Sum(nil))
	}
	return sums, nil
}

// hashFiles hashes the files whole.
func hashFiles(w io.Writer, dir string, files []string) error {
	for _, f := range sorted(files) {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "file %s %d\n", f, len(b))
		w.Write(b)
	}
	return nil
}

// hashDecls hashes the declarations the tables and documentation are made
// from (see the package comment).
func hashDecls(w io.Writer, dir string, files []string) error {
	fset := token.NewFileSet()
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	for _, name := range sorted(files) {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "file %s\n", name)
		for _, d := range f.Decls {
			var node ast.Node
			var doc *ast.CommentGroup
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				node = &ast.FuncDecl{Recv: d.Recv, Name: d.Name, Type: d.Type}
				doc = d.Doc
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				g := *d
				g.Specs = nil
				for _, s := range d.Specs {
					if vs, ok := s.(*ast.ValueSpec); ok && !anyExported(vs.Names) {
						continue
					}
					g.Specs = append(g.Specs, s)
				}
				if len(g.Specs) == 0 {
					continue
				}
				if len(g.Specs) > 1 && !g.Lparen.IsValid() {
					g.Lparen = g.Specs[0].Pos()
				}
				node, doc = &g, d.Doc
			}
			if doc != nil {
				fmt.Fprintf(w, "doc %s\n", doc.Text())
			}
			var b bytes.Buffer
			if err := cfg.Fprint(&b, fset, node); err != nil {
				return err
			}
			w.Write(b.Bytes())
			io.WriteString(w, "\n")
		}
	}
	return nil
}

func anyExported(names []*ast.Ident) bool {
	for _, n := range names {
		if n.IsExported() {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

// Format writes sums as sorted "importpath sum" lines.
func Format(sums map[string]string) []byte {
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("# Fingerprints of what the symbol tables and docs were generated from\n# (see symbols/internal/apisum). Written by go generate ./symbols.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k, sums[k])
	}
	return b.Bytes()
}

// Parse reads what Format wrote.
func Parse(b []byte) map[string]string {
	sums := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k, v, ok := strings.Cut(line, " "); ok {
			sums[k] = v
		}
	}
	return sums
}

// Diff lists the packages whose fingerprints differ between want (the
// file) and got (now), with a word on how.
func Diff(want, got map[string]string) []string {
	var out []string
	for k, v := range got {
		switch w, ok := want[k]; {
		case !ok:
			out = append(out, k+": not in "+FileName)
		case w != v:
			out = append(out, k+": changed since the files were generated")
		}
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			out = append(out, k+": no longer generated from")
		}
	}
	sort.Strings(out)
	return out
}
