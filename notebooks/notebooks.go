package notebooks

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed src/*.md *.ipynb zh/*.ipynb
var files embed.FS

// FS returns the embedded files: src/*.md, *.ipynb and zh/*.ipynb.
func FS() fs.FS { return files }

// Names returns the notebooks' names ("00-welcome", …), sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, "src")
	var names []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".md") && !strings.EqualFold(n, "README.md") {
			names = append(names, strings.TrimSuffix(n, ".md"))
		}
	}
	sort.Strings(names)
	return names
}

// Source returns the source of the notebook name.
func Source(name string) ([]byte, error) {
	return files.ReadFile(path.Join("src", name+".md"))
}

// Notebook returns the executed notebook name in lang ("en" or "zh").
func Notebook(name, lang string) ([]byte, error) {
	if lang == "zh" {
		return files.ReadFile(path.Join("zh", name+".ipynb"))
	}
	return files.ReadFile(name + ".ipynb")
}
