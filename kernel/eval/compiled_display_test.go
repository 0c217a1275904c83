package eval

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"reflect"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/interrupt"
	"github.com/stepwise-go/stepwise/kernel/display"
)

// Compiled types with one display method each, as a registered package
// would have them.
type (
	cHTML  struct{}
	cMD    struct{}
	cLatex struct{}
	cSVG   struct{}
	cPNG   struct{}
	cJPEG  struct{}
)

func (cHTML) HTML() string   { return "<b>c</b>" }
func (cMD) Markdown() string { return "*c*" }
func (cLatex) Latex() string { return "$c$" }
func (cSVG) SVG() string     { return "<svg></svg>" }
func (*cPNG) PNG() []byte {
	return encodeGray(func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
}
func (cJPEG) JPEG() []byte {
	return encodeGray(func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
}

func encodeGray(enc func(*bytes.Buffer, image.Image) error) []byte {
	var b bytes.Buffer
	enc(&b, image.NewGray(image.Rect(0, 0, 2, 2)))
	return b.Bytes()
}

// TestCompiledMethodSets shows values of compiled types, reached through a
// registered package as cells reach gonum or viz, by their method sets.
func TestCompiledMethodSets(t *testing.T) {
	var out bytes.Buffer
	rich := interp.Exports{"example.com/rich/rich": {
		"HTML":  reflect.ValueOf(func() cHTML { return cHTML{} }),
		"MD":    reflect.ValueOf(func() cMD { return cMD{} }),
		"Latex": reflect.ValueOf(func() cLatex { return cLatex{} }),
		"SVG":   reflect.ValueOf(func() cSVG { return cSVG{} }),
		"PNG":   reflect.ValueOf(func() *cPNG { return &cPNG{} }),
		"JPEG":  reflect.ValueOf(func() cJPEG { return cJPEG{} }),
		"Image": reflect.ValueOf(func() image.Image { return image.NewRGBA(image.Rect(0, 0, 3, 2)) }),
	}}
	in, err := New(Options{Stdout: &out, Stderr: &out, Exports: []interp.Exports{rich}})
	if err != nil {
		t.Fatal(err)
	}
	var shown []display.Data
	run := func(code string) Result {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return in.Execute(ctx, Cell{Code: code, Display: func(d display.Data, _ bool) { shown = append(shown, d) }})
	}
	if r := run(`import "example.com/rich"`); r.Err != nil {
		t.Fatal(r.Err)
	}
	for call, mime := range map[string]string{
		"rich.HTML()": display.MIMETypeHTML, "rich.MD()": display.MIMETypeMarkdown, "rich.Latex()": display.MIMETypeLatex,
		"rich.SVG()": display.MIMETypeSVG, "rich.PNG()": display.MIMETypePNG, "rich.JPEG()": display.MIMETypeJPEG,
		"rich.Image()": display.MIMETypePNG,
	} {
		r := run(call)
		if r.Err != nil || r.Value == nil {
			t.Errorf("%s: %v", call, r.Err)
			continue
		}
		if _, ok := r.Value.Data[mime]; !ok {
			t.Errorf("%s: no %s in %v", call, mime, keys(r.Value.Data))
		}
		if s, _ := r.Value.Data[display.MIMETypeText].(string); s == "" {
			t.Errorf("%s: no text/plain", call)
		}
		shown = nil
		if r := run("Display(" + call + ")"); r.Err != nil || len(shown) != 1 {
			t.Errorf("Display(%s): %v, %d displays", call, r.Err, len(shown))
		} else if _, ok := shown[0].Data[mime]; !ok {
			t.Errorf("Display(%s): no %s", call, mime)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestInterruptReachesCompiledCode checks that stopping a cell raises
// package interrupt, which long compiled loops (training) check, and that
// the next cell starts with it cleared.
func TestInterruptReachesCompiledCode(t *testing.T) {
	var out bytes.Buffer
	train := interp.Exports{"example.com/train/train": {
		"Loop": reflect.ValueOf(func() int {
			steps := 0
			for !interrupt.Requested() {
				steps++
				time.Sleep(time.Millisecond)
			}
			return steps
		}),
		"Raised": reflect.ValueOf(interrupt.Requested),
	}}
	in, err := New(Options{Stdout: &out, Stderr: &out, Exports: []interp.Exports{train}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	done := make(chan Result, 1)
	go func() { done <- in.Execute(ctx, Cell{Code: "import \"example.com/train\"\ntrain.Loop()"}) }()
	select {
	case r := <-done:
		if r.Err == nil || r.Err.Name != "interrupted" {
			t.Errorf("cell after the interrupt: %+v", r.Err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the compiled loop did not see the interrupt")
	}
	r := in.Execute(context.Background(), Cell{Code: "train.Raised()"})
	if r.Err != nil || r.Value.Data[display.MIMETypeText] != "false" {
		t.Errorf("the next cell starts interrupted: %v %v", r.Value, r.Err)
	}
}
