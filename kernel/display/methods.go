package display

import "image"

// The method sets Render looks for. They are aliases of interface types, so a
// library implements them by having the method, without importing this
// package.
type (
	// HTMLer is shown as text/html.
	HTMLer = interface{ HTML() string }
	// Markdowner is shown as text/markdown.
	Markdowner = interface{ Markdown() string }
	// Latexer is shown as text/latex.
	Latexer = interface{ Latex() string }
	// LaTeXer is shown as text/latex (the spelling some libraries use).
	LaTeXer = interface{ LaTeX() string }
	// SVGer is shown as image/svg+xml.
	SVGer = interface{ SVG() string }
	// PNGer is shown as image/png.
	PNGer = interface{ PNG() []byte }
	// JPEGer is shown as image/jpeg.
	JPEGer = interface{ JPEG() []byte }
	// JSONer is shown as application/json.
	JSONer = interface{ JSON() map[string]any }
	// JavaScripter is sent as application/javascript.
	JavaScripter = interface{ JavaScript() string }
	// Renderer builds its whole bundle itself (gophernotes' interface).
	Renderer = interface{ Render() Data }
	// SimpleRenderer returns its MIME map (gophernotes' interface).
	SimpleRenderer = interface{ SimpleRender() MIMEMap }
)

// Render returns the bundle for v, chosen by its method set: Data is used as
// it is, Renderer and SimpleRenderer build their own, and each of HTML,
// Markdown, Latex (or LaTeX), SVG, PNG, JPEG, JSON and JavaScript adds its
// MIME type; an image.Image without a PNG method is encoded as PNG. A
// text/plain form is always present.
func Render(v any) Data {
	switch x := v.(type) {
	case Data:
		return withText(x, v)
	case *Data:
		if x != nil {
			return withText(*x, v)
		}
	case Renderer:
		return withText(x.Render(), v)
	case SimpleRenderer:
		return withText(Data{Data: x.SimpleRender()}, v)
	}
	d := Data{Data: MIMEMap{}}
	addMethods(&d, v)
	return withText(d, v)
}

// addMethods adds one entry per rich method v has.
func addMethods(d *Data, v any) {
	if x, ok := v.(HTMLer); ok {
		d.Data[MIMETypeHTML] = x.HTML()
	}
	if x, ok := v.(Markdowner); ok {
		d.Data[MIMETypeMarkdown] = x.Markdown()
	}
	if x, ok := v.(Latexer); ok {
		d.Data[MIMETypeLatex] = x.Latex()
	} else if x, ok := v.(LaTeXer); ok {
		d.Data[MIMETypeLatex] = x.LaTeX()
	}
	if x, ok := v.(SVGer); ok {
		d.Data[MIMETypeSVG] = x.SVG()
	}
	if x, ok := v.(JSONer); ok {
		d.Data[MIMETypeJSON] = x.JSON()
	}
	if x, ok := v.(JavaScripter); ok {
		d.Data[MIMETypeJavaScript] = x.JavaScript()
	}
	if x, ok := v.(JPEGer); ok {
		addImageBytes(d, MIMETypeJPEG, x.JPEG())
	}
	if x, ok := v.(PNGer); ok {
		addImageBytes(d, MIMETypePNG, x.PNG())
	} else if img, ok := v.(image.Image); ok {
		if b, err := encodePNG(img); err == nil {
			addImageBytes(d, MIMETypePNG, b)
		}
	}
}

// IsRich reports whether v has a method set Render turns into something
// richer than text/plain.
func IsRich(v any) bool {
	switch v.(type) {
	case Data, *Data, Renderer, SimpleRenderer, HTMLer, Markdowner, Latexer, LaTeXer,
		SVGer, PNGer, JPEGer, JSONer, JavaScripter, image.Image:
		return true
	}
	return false
}
