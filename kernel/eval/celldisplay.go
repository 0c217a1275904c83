package eval

import (
	"go/constant"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// displayExports is the "display" package cells import (and the prelude
// imports for them): kernel/display's constructors plus Display and Update
// bound to this session.
func (in *Interp) displayExports() interp.Exports {
	disp := reflect.ValueOf(in.display)
	upd := reflect.ValueOf(in.update)
	auto := reflect.ValueOf(func(v any) display.Data { return renderValue(v) })
	anyf := reflect.ValueOf(func(mime string, v any) display.Data {
		if display.IsRich(v) {
			return renderValue(v)
		}
		return display.Any(mime, v)
	})
	render := reflect.ValueOf(renderValue)
	syms := map[string]reflect.Value{
		"Display":    disp,
		"Update":     upd,
		"Auto":       auto,
		"Any":        anyf,
		"Render":     render,
		"HTML":       reflect.ValueOf(display.HTML),
		"Markdown":   reflect.ValueOf(display.Markdown),
		"Latex":      reflect.ValueOf(display.Latex),
		"Math":       reflect.ValueOf(display.Math),
		"PNG":        reflect.ValueOf(display.PNG),
		"JPEG":       reflect.ValueOf(display.JPEG),
		"SVG":        reflect.ValueOf(display.SVG),
		"PDF":        reflect.ValueOf(display.PDF),
		"Image":      reflect.ValueOf(display.Image),
		"JSON":       reflect.ValueOf(display.JSON),
		"JavaScript": reflect.ValueOf(display.JavaScript),
		"MIME":       reflect.ValueOf(display.MIME),
		"MakeData":   reflect.ValueOf(display.MakeData),
		"MakeData3":  reflect.ValueOf(display.MakeData3),
		"String":     reflect.ValueOf(display.String),
		"Bytes":      reflect.ValueOf(display.Bytes),
		"File":       reflect.ValueOf(display.File),
		"NewID":      reflect.ValueOf(display.NewID),
		"WithID":     reflect.ValueOf(display.WithID),
		"ID":         reflect.ValueOf(display.ID),
		"Text":       reflect.ValueOf(textOf),

		"Data":            reflect.ValueOf((*display.Data)(nil)),
		"MIMEMap":         reflect.ValueOf((*display.MIMEMap)(nil)),
		"BundledMIMEData": reflect.ValueOf((*display.MIMEMap)(nil)),
		"HTMLer":          reflect.ValueOf((*display.HTMLer)(nil)),
		"Markdowner":      reflect.ValueOf((*display.Markdowner)(nil)),
		"Latexer":         reflect.ValueOf((*display.Latexer)(nil)),
		"SVGer":           reflect.ValueOf((*display.SVGer)(nil)),
		"PNGer":           reflect.ValueOf((*display.PNGer)(nil)),
		"JPEGer":          reflect.ValueOf((*display.JPEGer)(nil)),
		"JSONer":          reflect.ValueOf((*display.JSONer)(nil)),
		"Renderer":        reflect.ValueOf((*display.Renderer)(nil)),
		"SimpleRenderer":  reflect.ValueOf((*display.SimpleRenderer)(nil)),
	}
	for name, v := range map[string]string{
		"MIMETypeHTML": display.MIMETypeHTML, "MIMETypeJavaScript": display.MIMETypeJavaScript,
		"MIMETypeJPEG": display.MIMETypeJPEG, "MIMETypeJSON": display.MIMETypeJSON,
		"MIMETypeLatex": display.MIMETypeLatex, "MIMETypeMarkdown": display.MIMETypeMarkdown,
		"MIMETypePNG": display.MIMETypePNG, "MIMETypePDF": display.MIMETypePDF,
		"MIMETypeSVG": display.MIMETypeSVG, "MIMETypeText": display.MIMETypeText,
	} {
		syms[name] = reflect.ValueOf(constant.MakeString(v))
	}
	return interp.Exports{
		"display/display": syms,
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			disp: displayInterfaces, upd: displayInterfaces, auto: displayInterfaces,
			anyf: displayInterfaces, render: displayInterfaces,
		})},
	}
}
