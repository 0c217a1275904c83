package viz

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"math"
)

// encodePNG writes img, which must be opaque, as an 8-bit RGB PNG. It is
// faster than image/png's encoder on viz's pictures because it does not
// try all five filters on every row: a row equal to the one above (common
// in enlarged heatmap cells) uses the Up filter and becomes zeros; any
// other row uses Sub, which turns flat runs of colour into zeros. zlib
// then runs at its fastest level. See the PNG specification (W3C, second
// edition), sections 5 (chunks), 9 (filters) and 10 (compression).
func encodePNG(img *image.RGBA, dpi int) []byte { return encodePNGLevel(img, dpi, zlib.BestSpeed) }

// encodePNGLevel is encodePNG at a zlib compression level.
func encodePNGLevel(img *image.RGBA, dpi, level int) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // bit depth 8, colour type 2 (RGB), no interlace
	chunk(&out, "IHDR", ihdr[:])
	chunk(&out, "pHYs", physData(dpi))

	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, level)
	prev := make([]byte, 3*w)
	cur := make([]byte, 3*w)
	line := make([]byte, 1+3*w)
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		for x := 0; x < w; x++ {
			copy(cur[3*x:3*x+3], row[4*x:4*x+3])
		}
		if y > 0 && bytes.Equal(cur, prev) {
			line[0] = 2 // Up: x - above
			clear(line[1:])
		} else {
			line[0] = 1 // Sub: x - left
			copy(line[1:4], cur[:3])
			for i := 3; i < len(cur); i++ {
				line[1+i] = cur[i] - cur[i-3]
			}
		}
		zw.Write(line)
		prev, cur = cur, prev
	}
	zw.Close()
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// EncodePNG encodes img as an 8-bit RGB PNG (transparent parts over
// white) with a pHYs chunk saying it has dpi pixels per inch, using viz's
// fast encoder. Use it for pictures made by combining figures' PNGs, so
// that they keep their resolution (see CSSSize). It panics if dpi is not
// 1 to 1200.
func EncodePNG(img image.Image, dpi int) []byte {
	if dpi <= 0 || dpi > 1200 {
		panic(fmt.Sprintf("viz: EncodePNG: expected 1 to 1200 dots per inch, got %d", dpi))
	}
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Over)
	return encodePNG(rgba, dpi)
}

// CSSSize returns the size at which a browser should show the PNG p, in
// CSS pixels (96 per inch): its pixel size scaled by 96 over the
// resolution its pHYs chunk states, or its pixel size when it states
// none. A figure's PNG at DefaultDPI (192) shows at half its pixel size.
// ok is false when p is not a PNG. Use it to give an <img> its width.
func CSSSize(p []byte) (w, h int, ok bool) {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(p) < 33 || string(p[:8]) != sig || string(p[12:16]) != "IHDR" {
		return 0, 0, false
	}
	pw, ph := int(binary.BigEndian.Uint32(p[16:])), int(binary.BigEndian.Uint32(p[20:]))
	dpi := float64(cssDPI)
	for at := 8; at+12 <= len(p); {
		n := int(binary.BigEndian.Uint32(p[at:]))
		typ := string(p[at+4 : at+8])
		if typ == "IDAT" || typ == "IEND" || at+12+n > len(p) || n < 0 {
			break
		}
		if typ == "pHYs" && n == 9 && p[at+16] == 1 {
			if ppm := binary.BigEndian.Uint32(p[at+8:]); ppm > 0 {
				dpi = float64(ppm) * 0.0254
			}
		}
		at += 12 + n
	}
	scale := cssDPI / dpi
	return int(math.Round(float64(pw) * scale)), int(math.Round(float64(ph) * scale)), true
}

// physData is the body of a pHYs chunk saying the image has dpi pixels
// per inch (in pixels per metre, unit 1), so viewers that read it show
// the figure at its size in inches.
func physData(dpi int) []byte {
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	var b [9]byte
	binary.BigEndian.PutUint32(b[0:], ppm)
	binary.BigEndian.PutUint32(b[4:], ppm)
	b[8] = 1
	return b[:]
}

// withPHYs inserts a pHYs chunk after the IHDR chunk of a PNG written by
// image/png (which writes none).
func withPHYs(p []byte, dpi int) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	var b bytes.Buffer
	b.Write(p[:ihdrEnd])
	chunk(&b, "pHYs", physData(dpi))
	b.Write(p[ihdrEnd:])
	return b.Bytes()
}

// chunk writes one PNG chunk: length, type, data, CRC of type and data.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}
