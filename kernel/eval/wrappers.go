package eval

import (
	"fmt"
	"image"
	"reflect"

	"github.com/traefik/yaegi/interp"
)

// A value of a type declared in a cell reaches compiled code as a bare
// struct without methods, unless yaegi wraps it for an interface the callee
// names (its "MapTypes"). These named interfaces and their wrappers let the
// compiled display helpers see a cell type's display methods.
type (
	htmler     interface{ HTML() string }
	markdowner interface{ Markdown() string }
	latexer    interface{ Latex() string }
	laTeXer    interface{ LaTeX() string }
	svger      interface{ SVG() string }
	pnger      interface{ PNG() []byte }
	jpeger     interface{ JPEG() []byte }
)

// Wrappers: field 0 holds the value, each further field a method, named
// after it with one extra leading letter (yaegi's convention).
type (
	wHTML struct {
		IValue any
		WHTML  func() string
	}
	wMarkdown struct {
		IValue    any
		WMarkdown func() string
	}
	wLatex struct {
		IValue any
		WLatex func() string
	}
	wLaTeX struct {
		IValue any
		WLaTeX func() string
	}
	wSVG struct {
		IValue any
		WSVG   func() string
	}
	wPNG struct {
		IValue any
		WPNG   func() []byte
	}
	wJPEG struct {
		IValue any
		WJPEG  func() []byte
	}
	wHTMLStr struct {
		IValue         any
		WHTML, WString func() string
	}
	wMarkdownS struct {
		IValue             any
		WMarkdown, WString func() string
	}
	wLatexStr struct {
		IValue          any
		WLatex, WString func() string
	}
	wLaTeXStr struct {
		IValue          any
		WLaTeX, WString func() string
	}
	wSVGStr struct {
		IValue        any
		WSVG, WString func() string
	}
	wPNGStr struct {
		IValue  any
		WPNG    func() []byte
		WString func() string
	}
	wJPEGStr struct {
		IValue  any
		WJPEG   func() []byte
		WString func() string
	}
	wPNGSVG struct {
		IValue any
		WPNG   func() []byte
		WSVG   func() string
	}
	wPNGSVGStr struct {
		IValue        any
		WPNG          func() []byte
		WSVG, WString func() string
	}
	wHTMLMarkdn struct {
		IValue           any
		WHTML, WMarkdown func() string
	}
)

func (w wHTML) HTML() string           { return w.WHTML() }
func (w wMarkdown) Markdown() string   { return w.WMarkdown() }
func (w wLatex) Latex() string         { return w.WLatex() }
func (w wLaTeX) LaTeX() string         { return w.WLaTeX() }
func (w wSVG) SVG() string             { return w.WSVG() }
func (w wPNG) PNG() []byte             { return w.WPNG() }
func (w wJPEG) JPEG() []byte           { return w.WJPEG() }
func (w wHTMLStr) HTML() string        { return w.WHTML() }
func (w wHTMLStr) String() string      { return w.WString() }
func (w wMarkdownS) Markdown() string  { return w.WMarkdown() }
func (w wMarkdownS) String() string    { return w.WString() }
func (w wLatexStr) Latex() string      { return w.WLatex() }
func (w wLatexStr) String() string     { return w.WString() }
func (w wLaTeXStr) LaTeX() string      { return w.WLaTeX() }
func (w wLaTeXStr) String() string     { return w.WString() }
func (w wSVGStr) SVG() string          { return w.WSVG() }
func (w wSVGStr) String() string       { return w.WString() }
func (w wPNGStr) PNG() []byte          { return w.WPNG() }
func (w wPNGStr) String() string       { return w.WString() }
func (w wJPEGStr) JPEG() []byte        { return w.WJPEG() }
func (w wJPEGStr) String() string      { return w.WString() }
func (w wPNGSVG) PNG() []byte          { return w.WPNG() }
func (w wPNGSVG) SVG() string          { return w.WSVG() }
func (w wPNGSVGStr) PNG() []byte       { return w.WPNG() }
func (w wPNGSVGStr) SVG() string       { return w.WSVG() }
func (w wPNGSVGStr) String() string    { return w.WString() }
func (w wHTMLMarkdn) HTML() string     { return w.WHTML() }
func (w wHTMLMarkdn) Markdown() string { return w.WMarkdown() }

const evalPkgPath = "github.com/stepwise-go/stepwise/kernel/eval"

// wrapperExports registers the wrappers where yaegi looks for them (the
// package of the interface, "_" + its name) and the composed variants for
// types with several of the methods, most methods first.
func wrapperExports() interp.Exports {
	ptr := func(p any) reflect.Value { return reflect.ValueOf(p) }
	single := map[string]reflect.Value{
		"_htmler":     ptr((*wHTML)(nil)),
		"_markdowner": ptr((*wMarkdown)(nil)),
		"_latexer":    ptr((*wLatex)(nil)),
		"_laTeXer":    ptr((*wLaTeX)(nil)),
		"_svger":      ptr((*wSVG)(nil)),
		"_pnger":      ptr((*wPNG)(nil)),
		"_jpeger":     ptr((*wJPEG)(nil)),
	}
	t := func(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
	composed := map[reflect.Value][]reflect.Type{
		single["_htmler"]:     {t((*wHTMLMarkdn)(nil)), t((*wHTMLStr)(nil)), t((*wHTML)(nil))},
		single["_markdowner"]: {t((*wMarkdownS)(nil)), t((*wMarkdown)(nil))},
		single["_latexer"]:    {t((*wLatexStr)(nil)), t((*wLatex)(nil))},
		single["_laTeXer"]:    {t((*wLaTeXStr)(nil)), t((*wLaTeX)(nil))},
		single["_svger"]:      {t((*wSVGStr)(nil)), t((*wSVG)(nil))},
		single["_pnger"]:      {t((*wPNGSVGStr)(nil)), t((*wPNGSVG)(nil)), t((*wPNGStr)(nil)), t((*wPNG)(nil))},
		single["_jpeger"]:     {t((*wJPEGStr)(nil)), t((*wJPEG)(nil))},
	}
	return interp.Exports{
		evalPkgPath + "/eval": single,
		".":                   {"MapTypes": reflect.ValueOf(composed)},
	}
}

// displayInterfaces is the MapTypes list of the compiled functions that
// render values: the first interface a cell type implements decides the
// wrapper it gets.
var displayInterfaces = []reflect.Type{
	reflect.TypeOf((*pnger)(nil)).Elem(),
	reflect.TypeOf((*svger)(nil)).Elem(),
	reflect.TypeOf((*htmler)(nil)).Elem(),
	reflect.TypeOf((*markdowner)(nil)).Elem(),
	reflect.TypeOf((*latexer)(nil)).Elem(),
	reflect.TypeOf((*laTeXer)(nil)).Elem(),
	reflect.TypeOf((*jpeger)(nil)).Elem(),
	reflect.TypeOf((*image.Image)(nil)).Elem(),
	reflect.TypeOf((*error)(nil)).Elem(),
	reflect.TypeOf((*fmt.Stringer)(nil)).Elem(),
}

// unwrap returns the value inside one of yaegi's or our interface
// wrappers, or v itself.
func unwrap(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct || rv.NumField() < 2 {
		return v
	}
	f := rv.Type().Field(0)
	if f.Name != "IValue" || f.Type.Kind() != reflect.Interface {
		return v
	}
	return rv.Field(0).Interface()
}
