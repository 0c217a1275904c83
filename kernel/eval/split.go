package eval

import (
	"go/scanner"
	"go/token"
)

// itemKind classifies one top-level item of a cell.
type itemKind int

const (
	itemStmt    itemKind = iota // a statement (runs in the cell's body)
	itemDecl                    // func, method, type, const or var declaration
	itemImport                  // an import declaration
	itemPackage                 // a package clause (ignored)
)

// item is one top-level item of a cell: the bytes [start, end) of the
// source, including the comments before it.
type item struct {
	kind       itemKind
	start, end int
	tokStart   int // offset of the item's first token
}

// splitCell cuts src into its top-level items at the semicolons (written or
// implied by a newline) that are outside every bracket, and classifies each
// by its first tokens. Scanner errors are left to the parser.
func splitCell(src []byte) []item {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, src, func(token.Position, string) {}, 0)

	var items []item
	depth := 0
	start := 0
	var toks []token.Token // first tokens of the current item
	var tokStart = -1
	flush := func(end int) {
		if tokStart >= 0 {
			items = append(items, item{kind: classify(toks), start: start, end: end, tokStart: tokStart})
		}
		start = end
		toks = toks[:0]
		tokStart = -1
	}
	for {
		pos, tok, lit := s.Scan()
		off := file.Offset(pos)
		if tok == token.EOF {
			flush(len(src))
			return items
		}
		if tok == token.SEMICOLON && depth <= 0 {
			if lit == "\n" {
				flush(off)
			} else {
				flush(off + 1)
			}
			continue
		}
		if tokStart < 0 {
			tokStart = off
		}
		if len(toks) < 64 {
			toks = append(toks, tok)
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
	}
}

// classify tells a declaration from a statement by its first tokens. A func
// keyword followed by a name, or by a parenthesized receiver and then a
// name, declares a function or method; otherwise it begins a function
// literal, which is a statement.
func classify(toks []token.Token) itemKind {
	if len(toks) == 0 {
		return itemStmt
	}
	switch toks[0] {
	case token.PACKAGE:
		return itemPackage
	case token.IMPORT:
		return itemImport
	case token.TYPE, token.CONST, token.VAR:
		return itemDecl
	case token.FUNC:
		if len(toks) > 1 && toks[1] == token.IDENT {
			return itemDecl
		}
		if len(toks) > 1 && toks[1] == token.LPAREN {
			depth := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i] {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
					if depth == 0 {
						if i+1 < len(toks) && toks[i+1] == token.IDENT {
							return itemDecl
						}
						return itemStmt
					}
				}
			}
		}
	}
	return itemStmt
}
