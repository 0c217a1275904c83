package eval

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// The type checker sees each piece of a cell as Go sees a package: a
// "state" file rebuilt from what earlier cells declared (their imports,
// declarations, and the variables their statements defined) and a file for
// the piece, whose statements are the body of a function. Its errors are
// Go's own; its types drive the rewrites and the display of results.

// checkName is the function that holds a statement piece while it is
// checked.
const checkName = "_swcell"

// checked is the outcome of checking one piece.
type checked struct {
	info *types.Info
	pkg  *types.Package
}

// typeOf returns the type of e, or nil.
func (c *checked) typeOf(e ast.Expr) types.Type {
	if c == nil || c.info == nil {
		return nil
	}
	if tv, ok := c.info.Types[e]; ok {
		return tv.Type
	}
	if id, ok := e.(*ast.Ident); ok {
		if obj := c.info.Uses[id]; obj != nil {
			return obj.Type()
		}
		if obj := c.info.Defs[id]; obj != nil {
			return obj.Type()
		}
	}
	return nil
}

// check type-checks piece p against the session. It returns Go's first
// error located in the piece.
func (in *Interp) check(p *piece) (*checked, error) {
	s := in.sess
	cellFile := &ast.File{Name: ast.NewIdent("main")}
	own := map[string]bool{}
	switch p.kind {
	case pieceFile:
		for _, d := range p.file.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				for _, sp := range g.Specs {
					name, _ := importName(sp.(*ast.ImportSpec))
					own[name] = true
				}
			}
		}
		cellFile.Decls = append(cellFile.Decls, p.file.Decls...)
	case pieceStmts:
		cellFile.Decls = append(cellFile.Decls, cellFunc(p.body.List))
	case pieceShow:
		cellFile.Decls = append(cellFile.Decls, cellFunc([]ast.Stmt{&ast.ExprStmt{X: p.expr}}))
	}
	cellFile.Decls = append([]ast.Decl{s.importDecl(own)}, cellFile.Decls...)
	redefined := declaredKeys(p)
	stateFile := &ast.File{Name: ast.NewIdent("main"), Decls: append([]ast.Decl{s.importDecl(nil)}, s.stateDecls(redefined)...)}

	var first error
	conf := types.Config{
		Importer:                 in.imp,
		GoVersion:                "go1.23",
		FakeImportC:              true,
		DisableUnusedImportCheck: true,
		Error: func(err error) {
			var te types.Error
			if !errors.As(err, &te) || te.Soft || first != nil {
				return
			}
			pos := in.yi.FileSet().Position(te.Pos)
			if decodePos(pos.Line, pos.Column).seq != p.seq {
				return
			}
			if p.kind == pieceShow && strings.HasSuffix(te.Msg, " is not used") {
				return
			}
			first = err
		},
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits:  map[ast.Node]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	pkg, _ := conf.Check("main", in.yi.FileSet(), []*ast.File{stateFile, cellFile}, info)
	if first != nil {
		return nil, first
	}
	return &checked{info: info, pkg: pkg}, nil
}

// cellFunc wraps statements in the function the checker sees them in.
func cellFunc(list []ast.Stmt) *ast.FuncDecl {
	return &ast.FuncDecl{
		Name: ast.NewIdent(checkName),
		Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: list},
	}
}

// importDecl returns the session's imports (the prelude's among them),
// except those named in skip.
func (s *session) importDecl(skip map[string]bool) ast.Decl {
	g := &ast.GenDecl{Tok: token.IMPORT}
	g.Specs = append(g.Specs, &ast.ImportSpec{Name: ast.NewIdent("."), Path: strLit(rtPath)})
	for _, name := range sortedKeys(s.imports) {
		if skip[name] {
			continue
		}
		g.Specs = append(g.Specs, &ast.ImportSpec{Name: ast.NewIdent(name), Path: strLit(s.imports[name])})
	}
	return g
}

func strLit(s string) *ast.BasicLit {
	return &ast.BasicLit{Kind: token.STRING, Value: `"` + s + `"`}
}

// parseTypeExpr parses a type written by types.TypeString.
func (in *Interp) parseTypeExpr(s string) ast.Expr {
	e, err := parser.ParseExprFrom(in.yi.FileSet(), "_.go", s, 0)
	if err != nil {
		return nil
	}
	return e
}

// probeSeq numbers the lines of code checked for completion and
// inspection, which never runs.
const probeSeq = 9999

// checkLoose type-checks code as one cell, all its pieces together and
// without running or recording anything, ignoring errors: completion and
// inspection use what it finds.
func (in *Interp) checkLoose(code string) (*checked, []*piece) {
	pieces, err := in.parseCell(probeSeq, code)
	if err != nil {
		return nil, nil
	}
	s := in.sess
	cellFile := &ast.File{Name: ast.NewIdent("main")}
	own := map[string]bool{}
	redefined := map[string]bool{}
	var body []ast.Stmt
	for _, p := range pieces {
		for k := range declaredKeys(p) {
			redefined[k] = true
		}
		switch p.kind {
		case pieceFile:
			for _, d := range p.file.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
					for _, sp := range g.Specs {
						name, _ := importName(sp.(*ast.ImportSpec))
						own[name] = true
					}
				}
			}
			cellFile.Decls = append(cellFile.Decls, p.file.Decls...)
		case pieceStmts:
			body = append(body, p.body.List...)
		case pieceShow:
			body = append(body, &ast.ExprStmt{X: p.expr})
		}
	}
	cellFile.Decls = append([]ast.Decl{s.importDecl(own)}, append(cellFile.Decls, cellFunc(body))...)
	stateFile := &ast.File{Name: ast.NewIdent("main"), Decls: append([]ast.Decl{s.importDecl(nil)}, s.stateDecls(redefined)...)}
	conf := types.Config{Importer: in.imp, GoVersion: "go1.23", FakeImportC: true, DisableUnusedImportCheck: true,
		Error: func(error) {}}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	pkg, _ := conf.Check("main", in.yi.FileSet(), []*ast.File{stateFile, cellFile}, info)
	return &checked{info: info, pkg: pkg}, pieces
}

// typeIn returns the type of the expression chain in the statement
// "_ = chain" that ends code.
func (in *Interp) typeIn(code, chain string) types.Type {
	c, pieces := in.checkLoose(code)
	if c == nil {
		return nil
	}
	var found types.Type
	for _, p := range pieces {
		var list []ast.Stmt
		if p.kind == pieceStmts {
			list = p.body.List
		}
		for _, s := range list {
			if as, ok := s.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && isBlank(as.Lhs[0]) && len(as.Rhs) == 1 {
				if tv, ok := c.info.Types[as.Rhs[0]]; ok && tv.Type != nil && exprString(as.Rhs[0]) == chain {
					found = tv.Type
				}
			}
		}
	}
	if b, ok := found.(*types.Basic); ok && b.Kind() == types.Invalid {
		return nil
	}
	return found
}
