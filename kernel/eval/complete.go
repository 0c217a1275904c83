package eval

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsComplete reports "complete", "incomplete" (with the indent for the next
// line) or "invalid" for code, as a console decides whether Enter runs the
// cell: open brackets, an unterminated raw string or a trailing operator
// make it incomplete.
func (in *Interp) IsComplete(code string) (status, indent string) {
	if strings.TrimSpace(code) == "" {
		return "complete", ""
	}
	if t := strings.TrimSpace(code); strings.HasPrefix(t, "%") && !strings.Contains(t, "\n") {
		return "complete", ""
	}
	src := []byte(code)
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var scanErr string
	s.Init(file, src, func(_ token.Position, msg string) {
		if scanErr == "" {
			scanErr = msg
		}
	}, scanner.ScanComments)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.COMMENT || (tok == token.SEMICOLON && lit == "\n") {
			continue
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		last = tok
	}
	switch {
	case strings.Contains(scanErr, "raw string literal not terminated"),
		strings.Contains(scanErr, "comment not terminated"):
		return "incomplete", ""
	case scanErr != "":
		return "invalid", ""
	case depth > 0:
		return "incomplete", strings.Repeat("\t", depth)
	case depth < 0:
		return "invalid", ""
	case continues(last):
		return "incomplete", "\t"
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package p;func _(){"+code+"\n}", 0); err == nil {
		return "complete", ""
	}
	for _, it := range splitCell(src) {
		if it.kind == itemStmt {
			continue
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+code[it.start:it.end], 0); err != nil {
			return "invalid", ""
		}
	}
	var stmts strings.Builder
	for _, it := range splitCell(src) {
		if it.kind == itemStmt {
			stmts.WriteString(code[it.start:it.end])
			stmts.WriteString("\n")
		}
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package p;func _(){"+stmts.String()+"\n}", 0); err != nil {
		return "invalid", ""
	}
	return "complete", ""
}

// continues reports whether a line ending in tok must go on.
func continues(tok token.Token) bool {
	switch tok {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR,
		token.SHL, token.SHR, token.AND_NOT, token.LAND, token.LOR, token.ARROW, token.EQL,
		token.LSS, token.GTR, token.ASSIGN, token.NOT, token.NEQ, token.LEQ, token.GEQ,
		token.DEFINE, token.COMMA, token.PERIOD, token.COLON,
		token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN, token.REM_ASSIGN,
		token.AND_ASSIGN, token.OR_ASSIGN, token.XOR_ASSIGN, token.SHL_ASSIGN, token.SHR_ASSIGN,
		token.AND_NOT_ASSIGN:
		return true
	}
	return false
}

// keywords and predeclared names offered by completion.
var keywords = []string{
	"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
	"for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
	"return", "select", "struct", "switch", "type", "var",
}

var predeclared = []string{
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
	"complex128", "complex64", "copy", "delete", "error", "false", "float32", "float64",
	"imag", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min",
	"new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true",
	"uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
}

// runeOffset converts a cursor in code points to a byte offset.
func runeOffset(code string, cursor int) int {
	off := 0
	for i := 0; i < cursor && off < len(code); i++ {
		_, n := utf8.DecodeRuneInString(code[off:])
		off += n
	}
	return off
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identBefore returns the start byte offset of the identifier ending at off.
func identBefore(code string, off int) int {
	start := off
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= n
	}
	return start
}

// chainBefore returns the selector chain ("a.b.c") ending at off, or "".
func chainBefore(code string, off int) string {
	start := off
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) && r != '.' {
			break
		}
		start -= n
	}
	return strings.Trim(code[start:off], ".")
}

// Complete lists completions for code at cursor (in code points): members
// after "pkg." or "x." (a package's exported names, a value's fields and
// methods), otherwise names of the session, keywords and predeclared
// names. Start and End (code points) delimit the text the match replaces.
func (in *Interp) Complete(code string, cursor int) Completion {
	in.mu.Lock()
	defer in.mu.Unlock()
	off := runeOffset(code, cursor)
	start := identBefore(code, off)
	prefix := code[start:off]
	startRunes := utf8.RuneCountInString(code[:start])
	res := Completion{Start: startRunes, End: cursor, Matches: []string{}, Metadata: map[string]any{}}
	var cands []candidate
	if start > 0 && code[start-1] == '.' {
		chain := chainBefore(code, start-1)
		if chain == "" {
			return res
		}
		cands = in.members(code[:start-1-len(chain)], chain)
	} else {
		cands = in.nameCands(code[:start])
	}
	seen := map[string]bool{}
	var typesMeta []map[string]any
	for _, c := range cands {
		if !strings.HasPrefix(c.name, prefix) || seen[c.name] {
			continue
		}
		seen[c.name] = true
		res.Matches = append(res.Matches, c.name)
		typesMeta = append(typesMeta, map[string]any{"start": startRunes, "end": cursor, "text": c.name, "type": c.kind, "signature": c.sig})
	}
	sort.Strings(res.Matches)
	sort.Slice(typesMeta, func(i, j int) bool { return typesMeta[i]["text"].(string) < typesMeta[j]["text"].(string) })
	if len(typesMeta) > 0 {
		res.Metadata["_jupyter_types_experimental"] = typesMeta
	}
	return res
}

// candidate is one completion.
type candidate struct {
	name, kind, sig string
}

// names lists what a bare identifier may complete to: names declared in
// earlier cells and before the cursor in this one, imports, keywords and
// predeclared names.
func (in *Interp) nameCands(before string) []candidate {
	var out []candidate
	for name := range in.sess.imports {
		out = append(out, candidate{name, "module", ""})
	}
	for name := range cellImports(before) {
		out = append(out, candidate{name, "module", ""})
	}
	for key, e := range in.sess.decls {
		if strings.Contains(key, ".") {
			continue
		}
		out = append(out, candidate{key, declKind(e.decl), ""})
	}
	out = append(out, candidate{"Display", "function", "Display(v ...any) error"})
	for _, name := range localNames(before) {
		out = append(out, candidate{name, "variable", ""})
	}
	for _, k := range keywords {
		out = append(out, candidate{k, "keyword", ""})
	}
	for _, p := range predeclared {
		out = append(out, candidate{p, "builtin", ""})
	}
	return out
}

func declKind(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return "function"
	case *ast.GenDecl:
		switch d.Tok {
		case token.TYPE:
			return "class"
		case token.CONST:
			return "constant"
		}
	}
	return "variable"
}

// localNames returns the identifiers declared in the text of the cell
// before the cursor (by :=, var, const, type and func), found by scanning.
func localNames(src string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	b := []byte(src)
	file := fset.AddFile("", fset.Base(), len(b))
	s.Init(file, b, func(token.Position, string) {}, 0)
	var out, pending []string
	prev := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch {
		case tok == token.IDENT && (prev == token.VAR || prev == token.CONST || prev == token.TYPE || prev == token.FUNC):
			out = append(out, lit)
		case tok == token.IDENT:
			pending = append(pending, lit)
		case tok == token.DEFINE:
			out = append(out, pending...)
		}
		if tok != token.IDENT && tok != token.COMMA {
			pending = pending[:0]
		}
		prev = tok
	}
	return out
}

// members lists the completions after "chain.": a package's exported
// names, or the fields and methods of the value or type chain denotes.
func (in *Interp) members(before, chain string) []candidate {
	if !strings.Contains(chain, ".") {
		if p, ok := in.sess.imports[chain]; ok && !in.shadowed(chain) {
			return in.packageMembers(p)
		}
		if p, ok := cellImports(before)[chain]; ok {
			return in.packageMembers(p)
		}
	}
	t := in.probeType(before, chain)
	if t == nil {
		return nil
	}
	return typeMembers(t)
}

// shadowed reports whether a name is also declared by the cells.
func (in *Interp) shadowed(name string) bool {
	_, ok := in.sess.decls[name]
	return ok
}

// packageMembers lists the exported names of an importable package.
func (in *Interp) packageMembers(path string) []candidate {
	pkg, err := in.imp.Import(path)
	if err != nil || pkg == nil {
		return nil
	}
	var out []candidate
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		if !obj.Exported() {
			continue
		}
		out = append(out, candidate{name, objKind(obj), types.ObjectString(obj, types.RelativeTo(pkg))})
	}
	return out
}

func objKind(obj types.Object) string {
	switch obj.(type) {
	case *types.Func:
		return "function"
	case *types.TypeName:
		return "class"
	case *types.Const:
		return "constant"
	case *types.PkgName:
		return "module"
	}
	return "variable"
}

// typeMembers lists the fields and methods of values of type t (or, for a
// pointer, of what it points to).
func typeMembers(t types.Type) []candidate {
	var out []candidate
	seen := map[string]bool{}
	add := func(c candidate) {
		if !seen[c.name] {
			seen[c.name] = true
			out = append(out, c)
		}
	}
	ms := types.NewMethodSet(t)
	if _, isPtr := t.Underlying().(*types.Pointer); !isPtr {
		if _, isIface := t.Underlying().(*types.Interface); !isIface {
			ms = types.NewMethodSet(types.NewPointer(t))
		}
	}
	for i := 0; i < ms.Len(); i++ {
		obj := ms.At(i).Obj()
		if hidden(obj) {
			continue
		}
		add(candidate{obj.Name(), "function", types.ObjectString(obj, nil)})
	}
	st := t
	if p, ok := t.Underlying().(*types.Pointer); ok {
		st = p.Elem()
	}
	if s, ok := st.Underlying().(*types.Struct); ok {
		addFields(s, add, 0)
	}
	return out
}

func addFields(s *types.Struct, add func(candidate), depth int) {
	for i := 0; i < s.NumFields(); i++ {
		f := s.Field(i)
		if !hidden(f) {
			add(candidate{f.Name(), "variable", f.Name() + " " + f.Type().String()})
		}
		if f.Embedded() && depth < 3 {
			t := f.Type()
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			if es, ok := t.Underlying().(*types.Struct); ok {
				addFields(es, add, depth+1)
			}
		}
	}
}

// hidden reports whether obj, a field or method, is unexported and belongs
// to a package other than the cells' own: a cell cannot use it.
func hidden(obj types.Object) bool {
	return !obj.Exported() && obj.Pkg() != nil && obj.Pkg().Path() != "main"
}

// cellImports returns the packages the text of a cell imports (name →
// path), for completion before the cell has run. An import of a package
// that is not available is listed too; completion then finds nothing.
func cellImports(src string) map[string]string {
	out := map[string]string{}
	var s scanner.Scanner
	fset := token.NewFileSet()
	b := []byte(src)
	s.Init(fset.AddFile("", fset.Base(), len(b)), b, func(token.Position, string) {}, 0)
	inImport, group := false, false
	name := ""
	for {
		_, tok, lit := s.Scan()
		switch {
		case tok == token.EOF:
			return out
		case tok == token.IMPORT:
			inImport, group, name = true, false, ""
		case !inImport:
		case tok == token.LPAREN:
			group = true
		case tok == token.RPAREN:
			inImport = false
		case tok == token.IDENT || tok == token.PERIOD:
			name = lit
			if tok == token.PERIOD {
				name = "."
			}
		case tok == token.STRING:
			path, err := strconv.Unquote(lit)
			if err == nil && name != "_" && name != "." {
				if name == "" {
					name = path[strings.LastIndex(path, "/")+1:]
				}
				out[name] = path
			}
			name = ""
			if !group {
				inImport = false
			}
		case tok == token.SEMICOLON:
			if !group {
				inImport = false
			}
		default:
			inImport = false
		}
	}
}

// probeType returns the type of the expression chain as the session (and
// the statements of the cell before it) define it, by type-checking it.
func (in *Interp) probeType(before, chain string) types.Type {
	e, err := parser.ParseExpr(chain)
	if err != nil {
		return nil
	}
	_ = e
	for _, withCell := range []bool{false, true} {
		code := "_ = " + chain
		if withCell {
			code = cellStatements(before) + "\n" + code
		}
		t := in.typeIn(code, chain)
		if t != nil {
			return t
		}
	}
	return nil
}

// cellStatements keeps the complete top-level statements and declarations
// of a cell's text (its last, unfinished line is dropped).
func cellStatements(src string) string {
	if i := strings.LastIndex(src, "\n"); i >= 0 {
		src = src[:i]
	} else {
		return ""
	}
	return src
}
