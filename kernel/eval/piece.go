package eval

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
)

// pieceKind tells how a piece of a cell is compiled.
type pieceKind int

const (
	pieceFile  pieceKind = iota // imports and declarations, compiled as a file
	pieceStmts                  // statements, compiled as the REPL's body
	pieceShow                   // the cell's last expression, shown as its value
)

// piece is a run of consecutive items of one kind, parsed.
type piece struct {
	kind pieceKind
	file *ast.File      // pieceFile
	body *ast.BlockStmt // pieceStmts
	expr ast.Expr       // pieceShow
	seq  int
}

const tokenDefine = token.DEFINE

// parseCell splits code into pieces and parses each with the cell's line
// numbering. The last statement of the cell, when it is an expression,
// becomes a separate show piece.
func (in *Interp) parseCell(seq int, code string) ([]*piece, error) {
	src := []byte(code)
	items := splitCell(src)
	var pieces []*piece
	for i := 0; i < len(items); {
		it := items[i]
		if it.kind == itemPackage {
			i++
			continue
		}
		j := i + 1
		for j < len(items) && sameGroup(items[j-1].kind, items[j].kind) {
			j++
		}
		p, err := in.parsePiece(seq, src, items[i].start, items[j-1].end, it.kind == itemStmt)
		if err != nil {
			return nil, err
		}
		pieces = append(pieces, p)
		i = j
	}
	if n := len(pieces); n > 0 && pieces[n-1].kind == pieceStmts {
		last := pieces[n-1]
		list := last.body.List
		if k := len(list); k > 0 {
			if es, ok := list[k-1].(*ast.ExprStmt); ok {
				last.body.List = list[:k-1]
				if k == 1 {
					pieces = pieces[:n-1]
				}
				pieces = append(pieces, &piece{kind: pieceShow, expr: es.X, seq: seq})
			}
		}
	}
	return pieces, nil
}

// sameGroup reports whether an item of kind b may join the piece that holds
// an item of kind a: statements with statements, and imports or
// declarations with each other as long as no import follows a declaration.
func sameGroup(a, b itemKind) bool {
	switch {
	case a == itemStmt || b == itemStmt:
		return a == b
	case b == itemImport:
		return a == itemImport
	case a == itemPackage || b == itemPackage:
		return false
	}
	return true
}

// parsePiece parses src[start:end] as declarations (stmts false) or
// statements, keeping every other byte of the cell blank so that positions
// are the cell's own.
func (in *Interp) parsePiece(seq int, src []byte, start, end int, stmts bool) (*piece, error) {
	var b bytes.Buffer
	if stmts {
		b.WriteString("package main;func _(){")
	} else {
		b.WriteString("package main;")
	}
	b.WriteString(directive(seq))
	for i, c := range src {
		switch {
		case i >= start && i < end:
			b.WriteByte(c)
		case c == '\n':
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
	}
	if stmts {
		b.WriteString("\n}")
	}
	f, err := parser.ParseFile(in.yi.FileSet(), "_.go", b.Bytes(), parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if stmts {
		return &piece{kind: pieceStmts, body: f.Decls[0].(*ast.FuncDecl).Body, seq: seq}, nil
	}
	return &piece{kind: pieceFile, file: f, seq: seq}, nil
}

// block wraps statements in a block, the form yaegi compiles as REPL
// statements.
func block(list ...ast.Stmt) *ast.BlockStmt {
	var pos token.Pos
	if len(list) > 0 {
		pos = list[0].Pos()
	}
	return &ast.BlockStmt{Lbrace: pos, List: list, Rbrace: pos}
}

// identAt returns an identifier placed at pos.
func identAt(name string, pos token.Pos) *ast.Ident {
	return &ast.Ident{Name: name, NamePos: pos}
}

// callStmt returns the statement fn(args...) placed at pos.
func callStmt(fn string, pos token.Pos, args ...ast.Expr) ast.Stmt {
	return &ast.ExprStmt{X: &ast.CallExpr{Fun: identAt(fn, pos), Lparen: pos, Args: args, Rparen: pos}}
}

// quietNames are calls whose results a cell does not show: the byte counts
// and errors of printing and writing.
var quietNames = map[string]bool{
	"Print": true, "Printf": true, "Println": true,
	"Fprint": true, "Fprintf": true, "Fprintln": true,
	"Write": true, "WriteString": true, "WriteByte": true, "WriteRune": true,
	"Scan": true, "Scanf": true, "Scanln": true,
	"Sscan": true, "Sscanf": true, "Sscanln": true,
	"Fscan": true, "Fscanf": true, "Fscanln": true,
}

// quietCall reports whether e is a call to one of quietNames.
func quietCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return quietNames[f.Name]
	case *ast.SelectorExpr:
		return quietNames[f.Sel.Name]
	}
	return false
}
