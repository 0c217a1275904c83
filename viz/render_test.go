package viz

import (
	"bytes"
	"testing"
)

func TestSimpleRender(t *testing.T) {
	f := Heatmap([][]float64{{0, 1}, {1, 0}}, Options{Title: "t"})
	b := f.SimpleRender()
	if _, ok := b["image/svg+xml"]; ok {
		t.Error("figure bundle carries SVG; front ends would prefer it over the PNG")
	}
	png, _ := b["image/png"].([]byte)
	if !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("figure bundle image/png is not a PNG: %.8q", png)
	}
	p := ConvPlayer([][]float64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, [][]float64{{1, 0}, {0, 1}})
	pb := p.SimpleRender()
	for _, k := range []string{"text/html", "image/png", "text/plain"} {
		if pb[k] == nil {
			t.Errorf("player bundle lacks %s", k)
		}
	}
}
