package eval

import (
	"compress/gzip"
	"embed"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
)

//go:generate go run ./gendoc -o stddoc -std

// stdDocs holds the documentation of the standard packages, extracted at
// build time by gendoc; each package is decompressed when first inspected.
//
//go:embed stddoc
var stdDocs embed.FS

// docEntry is one documented name of a package.
type docEntry struct {
	Name string `json:"n"`
	Decl string `json:"d"`
	Doc  string `json:"c"`
}

// docIndex finds documentation in the standard set and in the file systems
// given in Options.Docs, loading a package's file on first use.
type docIndex struct {
	mu    sync.Mutex
	fss   []fs.FS
	cache map[string]map[string]docEntry
}

func newDocIndex(extra []fs.FS) *docIndex {
	sub, _ := fs.Sub(stdDocs, "stddoc")
	return &docIndex{fss: append(append([]fs.FS(nil), extra...), sub), cache: map[string]map[string]docEntry{}}
}

// DocFileName is the name, in a file system given in Options.Docs, of the
// documentation of the package at importPath (as gendoc writes it).
func DocFileName(importPath string) string {
	return strings.ReplaceAll(importPath, "/", "-") + ".json.gz"
}

// lookup returns the entry for name ("" for the package, "T.M" for a
// method) of the package at path.
func (d *docIndex) lookup(path, name string) (docEntry, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	m, ok := d.cache[path]
	if !ok {
		m = d.load(path)
		d.cache[path] = m
	}
	e, ok := m[name]
	return e, ok
}

func (d *docIndex) load(path string) map[string]docEntry {
	for _, fsys := range d.fss {
		f, err := fsys.Open(DocFileName(path))
		if err != nil {
			continue
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil
		}
		var entries []docEntry
		if err := json.NewDecoder(zr).Decode(&entries); err != nil {
			return nil
		}
		m := make(map[string]docEntry, len(entries))
		for _, e := range entries {
			m[e.Name] = e
		}
		return m
	}
	return nil
}
