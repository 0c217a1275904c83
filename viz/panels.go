package viz

import (
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panels lays heat blocks out in a grid of small multiples, all with the
// same cell size, and draws one colour bar for them when they share a
// scale.
type panels struct {
	items  []*heat
	cols   int
	shared *heat // when set, its colour bar is drawn for all panels
	gap    vg.Length
}

// chooseCols picks how many panels go in a row.
func chooseCols(n, want int) int {
	switch {
	case want > 0:
		return min(want, n)
	case n <= 4:
		return n
	case n <= 8:
		return 4
	case n <= 32:
		return 8
	}
	return int(math.Ceil(math.Sqrt(2 * float64(n))))
}

// maxNaturalW is the widest a figure of panels is at its natural size
// (10 inches, about a notebook's width): with more panels than fit, they
// go in more rows.
const maxNaturalW = 720

// newPanels lays items out want to a row, or, when want is 0, as chosen
// by chooseCols but in fewer, balanced, columns when that would make the
// figure wider than maxNaturalW. Constructors that label only the outer
// panels set that after, from p.cols.
func newPanels(items []*heat, want int, shared *heat) *panels {
	p := &panels{items: items, cols: chooseCols(len(items), want), gap: 10, shared: shared}
	if want == 0 {
		for p.cols > 1 {
			if w, _ := p.natural(); w <= maxNaturalW {
				break
			}
			p.cols--
		}
		rows := (len(items) + p.cols - 1) / p.cols
		p.cols = (len(items) + rows - 1) / rows
	}
	return p
}

func (p *panels) rows() int { return (len(p.items) + p.cols - 1) / p.cols }

// barW is the width the shared colour bar takes.
func (p *panels) barW() vg.Length {
	if p.shared == nil {
		return 0
	}
	return p.shared.barWidth() + 4
}

func (p *panels) texts() []string {
	var out []string
	for _, it := range p.items {
		out = append(out, it.texts()...)
	}
	return out
}

func (p *panels) natural() (w, h vg.Length) {
	var pw, ph vg.Length
	for _, it := range p.items {
		iw, ih := it.natural()
		pw = vg.Length(math.Max(float64(pw), float64(iw)))
		ph = vg.Length(math.Max(float64(ph), float64(ih)))
	}
	r := p.rows()
	return vg.Length(p.cols)*pw + vg.Length(p.cols-1)*p.gap + p.barW(),
		vg.Length(r)*ph + vg.Length(r-1)*p.gap
}

// box is the rectangle of panel k inside c.
func (p *panels) box(c draw.Canvas, k int) draw.Canvas {
	r := p.rows()
	w := (c.Max.X - c.Min.X - p.barW() - vg.Length(p.cols-1)*p.gap) / vg.Length(p.cols)
	h := (c.Max.Y - c.Min.Y - vg.Length(r-1)*p.gap) / vg.Length(r)
	i, j := k/p.cols, k%p.cols
	x := c.Min.X + vg.Length(j)*(w+p.gap)
	y := c.Max.Y - vg.Length(i+1)*h - vg.Length(i)*p.gap
	return draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}}
}

func (p *panels) draw(c draw.Canvas) {
	cell := vg.Length(math.Inf(1))
	for k, it := range p.items {
		b := p.box(c, k)
		L := it.layout(b.Max.X-b.Min.X, b.Max.Y-b.Min.Y, 1e6)
		cell = vg.Length(math.Min(float64(cell), float64(L.cell)))
	}
	var cells vg.Rectangle // the union of the panels' cells
	for k, it := range p.items {
		it.cellCap = cell
		a := it.drawAt(p.box(c, k))
		if a.Max.X <= a.Min.X {
			continue
		}
		if cells.Max.X <= cells.Min.X {
			cells = a
			continue
		}
		cells.Min.X, cells.Min.Y = min(cells.Min.X, a.Min.X), min(cells.Min.Y, a.Min.Y)
		cells.Max.X, cells.Max.Y = max(cells.Max.X, a.Max.X), max(cells.Max.Y, a.Max.Y)
	}
	if p.shared != nil && cells.Max.X > cells.Min.X {
		// Beside the rightmost cells, centred on all cells, at most
		// 240 points and at least minBar long.
		span := cells.Max.Y - cells.Min.Y
		hgt := vg.Length(math.Max(float64(barLen(p.shared.barLabel)), math.Min(float64(span)*0.85, 240)))
		mid := (cells.Min.Y + cells.Max.Y) / 2
		x := cells.Max.X + 12
		bar := vg.Rectangle{Min: vg.Point{X: x, Y: mid - hgt/2}, Max: vg.Point{X: x + 10, Y: mid + hgt/2}}
		drawScaleBar(c, bar, p.shared.sc, p.shared.barLabel)
	}
}
