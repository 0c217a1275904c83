package main

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var updateLogos = flag.Bool("update", false, "rewrite kernelspec/logo-*")

// TestLogos checks that the embedded logos are what drawLogo draws (run
// with -update after changing the design) and have the sizes Jupyter
// expects.
func TestLogos(t *testing.T) {
	files := map[string]func() []byte{
		"logo-32x32.png": func() []byte { return encodePNG(t, 32) },
		"logo-64x64.png": func() []byte { return encodePNG(t, 64) },
		"logo-svg.svg":   func() []byte { return []byte(logoSVG()) },
	}
	for name, make := range files {
		want := make()
		path := filepath.Join("kernelspec", name)
		if *updateLogos {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := logos.ReadFile("kernelspec/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go test ./cmd/stepwise -run TestLogos -update", path)
		}
	}
	for _, size := range []int{32, 64} {
		b, _ := logos.ReadFile("kernelspec/" + map[int]string{32: "logo-32x32.png", 64: "logo-64x64.png"}[size])
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if r := img.Bounds(); r.Dx() != size || r.Dy() != size {
			t.Errorf("logo is %v, want %d×%d", r, size, size)
		}
		// Corners are transparent, the middle of the bottom step white, the
		// background blue.
		at := func(x, y float64) (uint32, uint32, uint32, uint32) {
			return img.At(int(x*float64(size)/64), int(y*float64(size)/64)).RGBA()
		}
		if _, _, _, a := at(0, 0); a != 0 {
			t.Errorf("%d px: corner not transparent", size)
		}
		if r, g, b, _ := at(18, 48); r>>8 != 255 || g>>8 != 255 || b>>8 != 255 {
			t.Errorf("%d px: bottom step not white", size)
		}
		if r, _, b, _ := at(16, 20); r>>8 != 0 || b>>8 != 0xD8 {
			t.Errorf("%d px: background not Go blue", size)
		}
	}
}

func encodePNG(t *testing.T, size int) []byte {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, drawLogo(size)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
