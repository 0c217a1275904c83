package viz

import (
	"image/color"
	"math"
)

// Palette maps a number t in [0, 1] to a colour by linear interpolation
// between evenly spaced control points. The three palettes viz offers are
// readable by people with the common colour-vision deficiencies.
type Palette struct {
	name   string
	points [][3]float64 // sRGB in [0, 1]
	lut    [256]color.RGBA
}

var (
	// Viridis is the sequential palette (dark purple → blue → green →
	// yellow) of van der Walt and Smith (2015), the default for data in
	// [0, 1] and for non-negative data.
	Viridis = newPalette("viridis", viridisPoints)

	// Cividis is a sequential palette (dark blue → grey → yellow) tuned to
	// look the same to viewers with and without red–green colour-vision
	// deficiency (Nuñez, Anderton and Renslow 2018).
	Cividis = newPalette("cividis", cividisPoints)

	// BlueRed is the diverging palette for signed data: blue for negative,
	// near-white for zero, red for positive. Its control points are
	// ColorBrewer's 11-class RdBu (Brewer, colorbrewer2.org), reversed.
	BlueRed = newPalette("blue-red", hexPoints(
		"053061", "2166ac", "4393c3", "92c5de", "d1e5f0", "f7f7f7",
		"fddbc7", "f4a582", "d6604d", "b2182b", "67001f"))
)

// Colours drawn for values that are not numbers, and for masked cells.
var (
	// NaNColor marks NaN and ±Inf cells: a magenta that none of the
	// palettes contains. Cells big enough also get a × mark.
	NaNColor = color.RGBA{R: 0xff, G: 0x00, B: 0xcc, A: 0xff}
	// MaskColor marks masked attention positions (hatched when big enough).
	MaskColor = color.RGBA{R: 0xc8, G: 0xc8, B: 0xc8, A: 0xff}
)

func newPalette(name string, pts [][3]float64) *Palette {
	p := &Palette{name: name, points: pts}
	for i := range p.lut {
		p.lut[i] = p.interp(float64(i) / 255)
	}
	return p
}

func hexPoints(hex ...string) [][3]float64 {
	pts := make([][3]float64, len(hex))
	for i, h := range hex {
		var v [3]float64
		for k := 0; k < 3; k++ {
			var b int
			for _, ch := range h[2*k : 2*k+2] {
				b = b*16 + hexDigit(ch)
			}
			v[k] = float64(b) / 255
		}
		pts[i] = v
	}
	return pts
}

func hexDigit(ch rune) int {
	if ch >= 'a' {
		return int(ch-'a') + 10
	}
	return int(ch - '0')
}

// Name returns the palette's name, e.g. "viridis".
func (p *Palette) Name() string { return p.name }

// At returns the colour at t, clamped to [0, 1]. NaN gives NaNColor.
func (p *Palette) At(t float64) color.RGBA {
	if math.IsNaN(t) {
		return NaNColor
	}
	return p.interp(math.Max(0, math.Min(1, t)))
}

func (p *Palette) interp(t float64) color.RGBA {
	n := len(p.points) - 1
	x := t * float64(n)
	i := int(x)
	if i >= n {
		i = n - 1
	}
	f := x - float64(i)
	a, b := p.points[i], p.points[i+1]
	ch := func(k int) uint8 {
		return uint8(math.Round(255 * (a[k] + f*(b[k]-a[k]))))
	}
	return color.RGBA{R: ch(0), G: ch(1), B: ch(2), A: 0xff}
}

// scale maps data values to palette colours over [lo, hi].
type scale struct {
	lo, hi float64
	pal    *Palette
}

// color returns the colour of v; NaN and ±Inf give NaNColor.
func (s scale) color(v float64) color.RGBA {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NaNColor
	}
	t := (v - s.lo) / (s.hi - s.lo)
	k := int(math.Round(255 * math.Max(0, math.Min(1, t))))
	return s.pal.lut[k]
}

// autoScale picks the palette and range for values with finite extremes
// lo ≤ hi, following the rules in the package documentation. rng, when
// it has two entries, fixes the range; pal, when not nil, fixes the
// palette.
func autoScale(lo, hi float64, rng []float64, pal *Palette) scale {
	var s scale
	switch {
	case len(rng) == 2:
		s = scale{lo: rng[0], hi: rng[1]}
	case lo < 0:
		m := math.Max(-lo, math.Abs(hi))
		s = scale{lo: -m, hi: m}
	case lo >= 0 && hi <= 1:
		s = scale{lo: 0, hi: 1}
	case lo == hi:
		s = scale{lo: lo - 0.5, hi: hi + 0.5}
	default:
		s = scale{lo: lo, hi: hi}
	}
	s.pal = pal
	if s.pal == nil {
		s.pal = Viridis
		if s.lo < 0 && s.hi > 0 {
			s.pal = BlueRed
		}
	}
	return s
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.RGBA) float64 {
	lin := func(u uint8) float64 {
		v := float64(u) / 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// inkOn returns black or white, whichever contrasts more with bg.
func inkOn(bg color.RGBA) color.RGBA {
	l := luminance(bg)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return color.RGBA{A: 0xff}
	}
	return color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}
