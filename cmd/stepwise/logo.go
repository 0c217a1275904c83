package main

import (
	"embed"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
)

// The kernelspec's logos, drawn by drawLogo and written by
// "go test ./cmd/stepwise -run TestLogos -update".
//
//go:generate go test -run TestLogos -update
//go:embed kernelspec/logo-32x32.png kernelspec/logo-64x64.png kernelspec/logo-svg.svg
var logos embed.FS

// The logo, on a 64×64 grid: a rounded square in Go's blue with a white
// staircase climbing to the right and a dark ball on the top step — one
// step at a time.
var (
	logoBlue  = color.RGBA{0x00, 0xAD, 0xD8, 0xFF}
	logoWhite = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	logoDark  = color.RGBA{0x1B, 0x3A, 0x57, 0xFF}
	// the staircase, counterclockwise from the bottom left
	logoStairs = [][2]float64{{10, 54}, {54, 54}, {54, 18}, {40, 18}, {40, 30}, {26, 30}, {26, 42}, {10, 42}}
	logoBall   = [3]float64{47, 11, 5.5} // x, y, radius
)

const logoRadius = 12 // of the square's corners

// drawLogo renders the logo at size×size pixels, antialiased by sampling
// each pixel 8×8 times.
func drawLogo(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 8
	scale := 64 / float64(size)
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range ss {
				for sx := range ss {
					x := (float64(px) + (float64(sx)+0.5)/ss) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss) * scale
					if c, ok := logoAt(x, y); ok {
						r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+1
					}
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(255*a/(ss*ss) + 0.5)})
		}
	}
	return img
}

// logoAt returns the logo's colour at (x, y) on the 64×64 grid, and false
// outside the rounded square.
func logoAt(x, y float64) (color.RGBA, bool) {
	if !inRoundedSquare(x, y) {
		return color.RGBA{}, false
	}
	if math.Hypot(x-logoBall[0], y-logoBall[1]) <= logoBall[2] {
		return logoDark, true
	}
	if inPolygon(x, y, logoStairs) {
		return logoWhite, true
	}
	return logoBlue, true
}

func inRoundedSquare(x, y float64) bool {
	const r = logoRadius
	cx := math.Max(r, math.Min(64-r, x))
	cy := math.Max(r, math.Min(64-r, y))
	return x >= 0 && y >= 0 && x <= 64 && y <= 64 && math.Hypot(x-cx, y-cy) <= r
}

// inPolygon is the even-odd rule.
func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// logoSVG is the same logo as SVG (JupyterLab's launcher prefers it).
func logoSVG() string {
	var pts []string
	for _, p := range logoStairs {
		pts = append(pts, fmt.Sprintf("%g,%g", p[0], p[1]))
	}
	hex := func(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>stepwise: Go in Jupyter</title>
  <rect width="64" height="64" rx="%d" fill="%s"/>
  <polygon points="%s" fill="%s"/>
  <circle cx="%g" cy="%g" r="%g" fill="%s"/>
</svg>
`, logoRadius, hex(logoBlue), strings.Join(pts, " "), hex(logoWhite), logoBall[0], logoBall[1], logoBall[2], hex(logoDark))
}
