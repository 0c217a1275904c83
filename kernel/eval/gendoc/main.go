// Command gendoc extracts the documentation of Go packages for the
// kernel's inspection: for each package, every exported name with its
// declaration and doc comment, as a gzipped JSON file. It runs at build
// time (go generate), so the kernel needs no Go toolchain or sources.
//
// Usage:
//
//	gendoc -o DIR [-std] [-yaegi] [IMPORTPATH...]
//
// -std documents the standard packages the interpreter offers (those in
// yaegi's tables); the import paths are resolved with "go list".
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/traefik/yaegi/stdlib"
)

func main() {
	out := flag.String("o", "", "output directory")
	std := flag.Bool("std", false, "document the standard packages of yaegi's tables")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gendoc: -o DIR is required")
		os.Exit(2)
	}
	paths := flag.Args()
	if *std {
		for k := range stdlib.Symbols {
			if p := path.Dir(k); p != "." && !strings.Contains(p, "yaegi") {
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(paths)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	dirs, err := listDirs(paths)
	if err != nil {
		fail(err)
	}
	for _, p := range paths {
		entries, err := document(p, dirs[p])
		if err != nil {
			fail(fmt.Errorf("%s: %w", p, err))
		}
		if err := write(filepath.Join(*out, FileName(p)), entries); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendoc:", err)
	os.Exit(1)
}

// FileName is the name of a package's documentation file: its import path
// with "/" as "-", gzipped JSON.
func FileName(importPath string) string {
	return strings.ReplaceAll(importPath, "/", "-") + ".json.gz"
}

// listDirs finds the source directories of the packages with go list.
func listDirs(paths []string) (map[string]string, error) {
	args := append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	dirs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if ip, dir, ok := strings.Cut(line, "\t"); ok {
			dirs[ip] = dir
		}
	}
	return dirs, nil
}

// Entry is one documented name: "Name" or "Type.Method"; "" is the
// package itself.
type Entry struct {
	Name string `json:"n"`
	Decl string `json:"d,omitempty"`
	Doc  string `json:"c,omitempty"`
}

// document parses a package's files (for this platform, without tests)
// and returns its entries.
func document(importPath, dir string) ([]Entry, error) {
	bp, err := build.ImportDir(dir, 0)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, importPath)
	if err != nil {
		return nil, err
	}
	entries := []Entry{{Name: "", Decl: "package " + p.Name, Doc: p.Doc}}
	add := func(name string, decl ast.Node, d string) {
		entries = append(entries, Entry{Name: name, Decl: declText(fset, decl), Doc: d})
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			for _, n := range v.Names {
				if ast.IsExported(n) {
					add(n, v.Decl, v.Doc)
				}
			}
		}
	}
	values(p.Consts)
	values(p.Vars)
	for _, f := range p.Funcs {
		add(f.Name, f.Decl, f.Doc)
	}
	for _, t := range p.Types {
		add(t.Name, t.Decl, t.Doc)
		values(t.Consts)
		values(t.Vars)
		for _, f := range t.Funcs {
			add(f.Name, f.Decl, f.Doc)
		}
		for _, m := range t.Methods {
			add(t.Name+"."+m.Name, m.Decl, m.Doc)
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	return entries, nil
}

// declText prints a declaration without function bodies, cut to 60 lines.
func declText(fset *token.FileSet, n ast.Node) string {
	if fd, ok := n.(*ast.FuncDecl); ok {
		c := *fd
		c.Body = nil
		c.Doc = nil
		n = &c
	}
	if gd, ok := n.(*ast.GenDecl); ok {
		c := *gd
		c.Doc = nil
		n = &c
	}
	var b bytes.Buffer
	(&printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}).Fprint(&b, fset, n)
	lines := strings.Split(b.String(), "\n")
	if len(lines) > 60 {
		lines = append(lines[:60], "\t// ...")
	}
	return strings.Join(lines, "\n")
}

func write(name string, entries []Entry) error {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.ModTime = time.Time{}
	if err := json.NewEncoder(zw).Encode(entries); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(name, b.Bytes(), 0o644)
}
