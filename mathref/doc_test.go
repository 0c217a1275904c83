package mathref

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryExportedNameDocumented parses the package's non-test files and
// fails for any exported function, method, type, variable, constant or
// struct field without a doc comment.
func TestEveryExportedNameDocumented(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && d.Doc == nil {
					t.Errorf("%s: %s has no doc comment", fset.Position(d.Pos()), d.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					checkSpec(t, fset, d, s)
				}
			}
		}
	}
}

func checkSpec(t *testing.T, fset *token.FileSet, d *ast.GenDecl, s ast.Spec) {
	switch s := s.(type) {
	case *ast.TypeSpec:
		if s.Name.IsExported() && d.Doc == nil && s.Doc == nil {
			t.Errorf("%s: type %s has no doc comment", fset.Position(s.Pos()), s.Name)
		}
		if st, ok := s.Type.(*ast.StructType); ok {
			for _, fld := range st.Fields.List {
				for _, n := range fld.Names {
					if n.IsExported() && fld.Doc == nil && fld.Comment == nil {
						t.Errorf("%s: field %s.%s has no comment", fset.Position(n.Pos()), s.Name, n)
					}
				}
			}
		}
	case *ast.ValueSpec:
		for _, n := range s.Names {
			if n.IsExported() && d.Doc == nil && s.Doc == nil {
				t.Errorf("%s: %s has no doc comment", fset.Position(n.Pos()), n)
			}
		}
	}
}
