package eval

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/kernel/display"
)

func TestDisplay(t *testing.T) {
	s := newTestSession(t)
	// gophernotes habit: display is there without import, and Display too.
	res, _, _ := s.run("display.HTML(`<h1>Hi</h1>`)")
	if res.Err != nil || res.Value == nil || res.Value.Data["text/html"] != "<h1>Hi</h1>" || res.Value.Data["text/plain"] == nil {
		t.Fatalf("display.HTML result = %+v, %v", res.Value, res.Err)
	}
	s.ok("import \"display\"")
	s.displays = nil
	s.ok("{\n\tDisplay(display.Markdown(\"* hello\"))\n\tDisplay(display.Math(`e^{i\\pi}+1=0`))\n}")
	if len(s.displays) != 2 || s.displays[0].Data["text/markdown"] != "* hello" || s.displays[1].Data["text/latex"] != "$$e^{i\\pi}+1=0$$" {
		t.Fatalf("displays = %+v", s.displays)
	}
	// Method sets, for a type declared in a cell and for a compiled one.
	res, _, _ = s.run("type Table struct{ rows int }\nfunc (t Table) HTML() string { return \"<table></table>\" }\nfunc (t Table) String() string { return \"Table\" }\nTable{2}")
	if res.Err != nil || res.Value.Data["text/html"] != "<table></table>" || res.Value.Data["text/plain"] != "Table" {
		t.Fatalf("cell type with HTML: %+v, %v", res.Value, res.Err)
	}
	res, _, _ = s.run("type Eq struct{}\nfunc (Eq) Latex() string { return `$x^2$` }\nfunc mk() Eq { return Eq{} }\nmk()")
	if res.Err != nil || res.Value.Data["text/latex"] != "$x^2$" {
		t.Fatalf("cell type with Latex from a call: %+v, %v", res.Value, res.Err)
	}
	res, _, _ = s.run("type Pic struct{}\nfunc (Pic) SVG() string { return `<svg/>` }\nvar pics = []Pic{{}}\npics[0]")
	if res.Err != nil || res.Value.Data["image/svg+xml"] != "<svg/>" {
		t.Fatalf("cell type with SVG: %+v, %v", res.Value, res.Err)
	}
	// image.Image (compiled) as a result.
	res, _, _ = s.run("import \"image\"\nimport \"image/color\"\nimg := image.NewRGBA(image.Rect(0, 0, 4, 3))\nimg.Set(1, 1, color.RGBA{255, 0, 0, 255})\nimg")
	b, ok := res.Value.Data["image/png"].([]byte)
	if res.Err != nil || !ok {
		t.Fatalf("image result: %+v, %v", res.Value, res.Err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 4 || cfg.Height != 3 {
		t.Errorf("image PNG config %+v, %v", cfg, err)
	}
	// Display ids: show, then update in place.
	s.displays, s.updates = nil, nil
	s.ok("id := display.NewID()\nDisplay(display.WithID(display.Markdown(\"step 1\"), id))\ndisplay.Update(id, display.Markdown(\"step 2\"))")
	if len(s.displays) != 1 || len(s.updates) != 1 || display.ID(s.displays[0]) == "" || display.ID(s.updates[0]) != display.ID(s.displays[0]) || s.updates[0].Data["text/markdown"] != "step 2" {
		t.Fatalf("displays %+v updates %+v", s.displays, s.updates)
	}
	// Display of a cell value by method set, from inside a function.
	s.displays = nil
	s.ok("func show() { Display(Table{3}) }\nshow()")
	if len(s.displays) != 1 || s.displays[0].Data["text/html"] != "<table></table>" {
		t.Fatalf("Display(Table) = %+v", s.displays)
	}
	// Reference cell of gophernotes' Display notebook: signatures without
	// bodies are accepted.
	s.ok("const (\n\tMIMETypeHTML = \"text/html\"\n)\ntype BundledMIMEData map[string]interface{}\ntype Data struct {\n\tData BundledMIMEData\n}\nfunc HTML(html string) Data\nfunc MIME(data, metadata map[string]interface{}) Data")
}

func TestDisplayPackage(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.White)
	cases := []struct {
		name string
		d    display.Data
		mime string
	}{
		{"HTML", display.HTML("<b>x</b>"), "text/html"},
		{"Markdown", display.Markdown("# x"), "text/markdown"},
		{"Latex", display.Latex("x^2"), "text/latex"},
		{"SVG", display.SVG("<svg/>"), "image/svg+xml"},
		{"Image", display.Image(img), "image/png"},
		{"JSON", display.JSON(map[string]any{"a": 1}), "application/json"},
		{"Auto string", display.Auto("plain"), "text/plain"},
		{"Any png", display.Any("", mustPNG(img)), "image/png"},
		{"MIME", display.MIME(display.MIMEMap{"text/csv": "a,b"}, nil), "text/csv"},
	}
	for _, c := range cases {
		if _, ok := c.d.Data[c.mime]; !ok {
			t.Errorf("%s: no %s in %v", c.name, c.mime, c.d.Data)
		}
		if _, ok := c.d.Data["text/plain"].(string); !ok {
			t.Errorf("%s: no text/plain", c.name)
		}
	}
	if got := display.Latex("x").Data["text/latex"]; got != "$x$" {
		t.Errorf("Latex = %q", got)
	}
	if txt := display.Image(img).Data["text/plain"].(string); !strings.Contains(txt, "2×2") {
		t.Errorf("image text %q", txt)
	}
}

func mustPNG(img image.Image) []byte {
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
