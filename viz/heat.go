package viz

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// heat is the block every matrix picture is made of: square cells drawn
// as one raster image, tick labels, axis names, optional values in the
// cells, optional colour bar and optional highlighted rectangles.
type heat struct {
	m        *matrix
	sc       scale
	rgb      []*matrix // when set (3 channels in [0,1]), cells are colours, not values
	xt, yt   []string  // tick labels; nil means indices 0, 1, …
	noXTicks bool      // no column labels (small multiples)
	noYTicks bool      // no row labels (small multiples)
	cellCap  vg.Length // when > 0, cells are no larger (panels share a size)
	xl, yl   string
	label    string // panel name drawn above the cells
	annotate bool
	format   string
	mask     [][]bool
	blank    [][]bool // cells not computed yet: drawn empty
	colorbar bool
	barLabel string    // written along the colour bar
	natCell  vg.Length // largest natural cell size
	natSide  vg.Length // natural size of the longer side of the cells
	marks    []mark
	pad      int // this many outer rows/columns are zero padding (dashed)
}

// mark is a rectangle of cells outlined in a colour: rows i0..i1-1,
// columns j0..j1-1.
type mark struct {
	i0, j0, i1, j1 int
	c              color.Color
	w              vg.Length
}

var (
	darkGrey   = color.RGBA{R: 0x44, G: 0x44, B: 0x44, A: 0xff}
	lightLine  = color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	orange     = color.RGBA{R: 0xff, G: 0x8c, B: 0x00, A: 0xff}
	blankColor = color.RGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}
)

func newHeat(m *matrix, sc scale) *heat {
	return &heat{m: m, sc: sc, natCell: 36, natSide: 288, format: ""}
}

// heatLayout is where the parts of a heat block go, relative to the
// lower-left corner of the block's box.
type heatLayout struct {
	cell         vg.Length
	left, bottom vg.Length // room left of and below the cells
	right, top   vg.Length // room right of and above the cells
	xRot         bool      // x tick labels drawn vertically
	xStep, yStep int       // label every xStep-th column / yStep-th row
	tickSz       vg.Length
}

// Tick labels: an axis with at most maxAllTicks rows or columns gets a
// label on every one (the labels shrink, down to minTick points, and
// column tokens turn vertical, before any is left out); longer axes get
// a label every 2, 5, 10, … rows or columns.
const (
	maxAllTicks = 40
	minTick     = 6
)

// minBar is the shortest colour bar drawn: a heatmap of one or two rows
// gets a bar longer than its cells, so that its labels do not crowd.
const minBar = 70

func (h *heat) tickLabel(ticks []string, i int) string {
	if ticks != nil {
		return ticks[i]
	}
	return fmt.Sprint(i)
}

func maxWidth(sty draw.TextStyle, labels []string) vg.Length {
	var w vg.Length
	for _, l := range labels {
		w = vg.Length(math.Max(float64(w), float64(sty.Width(l))))
	}
	return w
}

func (h *heat) labels(ticks []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = h.tickLabel(ticks, i)
	}
	return out
}

// step is the smallest of 1, 2, 5, 10, 20, 50, … with step·cell ≥ need.
func step(cell, need vg.Length) int {
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000} {
		if vg.Length(s)*cell >= need {
			return s
		}
	}
	return 1000
}

// layout fits the block in a w×h box with cells no larger than maxCell,
// shrinking the tick labels (down to minTick) until every axis of at
// most maxAllTicks rows or columns has all its labels. Column tokens too
// wide for their cells are first shrunk a little (to 80 %), then turned.
func (h *heat) layout(w, ht, maxCell vg.Length) heatLayout {
	L := h.layoutAt(w, ht, maxCell, tickSize)
	if L.xRot {
		// Column tokens a little smaller read better across than turned.
		for sz := vg.Length(tickSize - 0.5); sz >= 0.8*tickSize; sz -= 0.5 {
			if M := h.layoutAt(w, ht, maxCell, sz); !M.xRot && h.allLabelled(M) {
				return M
			}
		}
	}
	for sz := vg.Length(tickSize - 0.5); sz >= minTick && !h.allLabelled(L); sz -= 0.5 {
		L = h.layoutAt(w, ht, maxCell, sz)
	}
	return L
}

// allLabelled reports whether L labels every row and column of the axes
// that should have all their labels.
func (h *heat) allLabelled(L heatLayout) bool {
	return (h.noYTicks || h.m.r > maxAllTicks || L.yStep == 1) &&
		(h.noXTicks || h.m.c > maxAllTicks || L.xStep == 1)
}

// layoutAt is layout with tick labels of size sz.
func (h *heat) layoutAt(w, ht, maxCell, sz vg.Length) heatLayout {
	L := heatLayout{tickSz: sz}
	var yw, xw, xh vg.Length
	ts := textStyle(sz, color.Black)
	if !h.noYTicks {
		yw = maxWidth(ts, h.labels(h.yt, h.m.r)) + 4
	}
	if !h.noXTicks {
		xw = maxWidth(ts, h.labels(h.xt, h.m.c))
		xh = sz + 4
	}
	L.left = yw
	if h.yl != "" {
		L.left += labelSize + 4
	}
	L.bottom = xh
	if h.xl != "" {
		L.bottom += labelSize + 4
	}
	if h.label != "" {
		L.top = labelSize + 4
	}
	if h.colorbar {
		L.right = h.barWidth()
	}
	fit := func() vg.Length {
		cw := (w - L.left - L.right) / vg.Length(h.m.c)
		ch := (ht - L.bottom - L.top) / vg.Length(h.m.r)
		return vg.Length(math.Max(0, math.Min(float64(maxCell), math.Min(float64(cw), float64(ch)))))
	}
	L.cell = fit()
	if !h.noXTicks && h.xt != nil && xw+4 > L.cell {
		// Token labels wider than a cell: turn them vertical.
		L.xRot = true
		L.bottom += xw - xh + 4
		L.cell = fit()
	}
	if h.colorbar {
		// A bar longer than the cells sticks out above and below them.
		if ext := (h.minBarLen()-L.cell*vg.Length(h.m.r))/2 + tickSize/2 + 1; ext > 0 {
			L.top = vg.Length(math.Max(float64(L.top), float64(ext)))
			L.bottom = vg.Length(math.Max(float64(L.bottom), float64(ext)))
			L.cell = fit()
		}
	}
	yNeed, xNeed := sz*1.1, xw+4
	if h.yt == nil && h.m.r > maxAllTicks {
		yNeed = sz * 2.2 // many numbers: leave air between them
	}
	if h.xt == nil && h.m.c > maxAllTicks {
		xNeed = xw + 10
	}
	if L.xRot {
		xNeed = sz * 1.1
	}
	L.yStep, L.xStep = step(L.cell, yNeed), step(L.cell, xNeed)
	return L
}

// minBarLen is the shortest colour bar for this block: minBar, or its
// label's length.
func (h *heat) minBarLen() vg.Length { return barLen(h.barLabel) }

func barLen(label string) vg.Length {
	if label == "" {
		return minBar
	}
	return vg.Length(math.Max(minBar, float64(textStyle(labelSize, nil).Width(label)+6)))
}

// barWidth is the room the colour bar takes right of the cells.
func (h *heat) barWidth() vg.Length {
	w := 8 + 10 + 4 + maxWidth(textStyle(tickSize, nil), h.cbLabels())
	if h.barLabel != "" {
		w += 4 + labelSize + 2
	}
	return w
}

// naturalCell is the cell size at the block's natural size: natSide
// over the longer side, at most natCell, and, when the rows or columns
// carry labels to be read (tokens on up to 120, or numbers on up to
// maxAllTicks), up to 11 points as long as the longer side stays within
// 600 points.
func (h *heat) naturalCell() vg.Length {
	n := max(h.m.r, h.m.c)
	c := math.Min(float64(h.natCell), float64(h.natSide)/float64(n))
	tokens := (!h.noXTicks && h.xt != nil) || (!h.noYTicks && h.yt != nil)
	numbers := !h.noXTicks || !h.noYTicks
	if (tokens && n <= 120) || (numbers && n <= maxAllTicks) {
		c = math.Max(c, math.Min(float64(h.natCell), math.Min(11, 600/float64(n))))
	}
	return vg.Length(c)
}

func (h *heat) natural() (w, ht vg.Length) {
	cell := h.naturalCell()
	L := h.layout(1e6, 1e6, cell)
	w = L.left + L.right + cell*vg.Length(h.m.c)
	if h.label != "" {
		lw := textStyle(labelSize, nil).Width(h.label) + 6
		w = vg.Length(math.Max(float64(w), float64(lw)))
	}
	return w, L.bottom + L.top + cell*vg.Length(h.m.r)
}

// cbLabels are the tick labels a colour bar of any height may get.
func (h *heat) cbLabels() []string { return barLabels(h.sc) }

func barLabels(sc scale) []string {
	var out []string
	for n := 2; n <= 5; n++ {
		for _, t := range niceTicks(sc.lo, sc.hi, n) {
			out = append(out, t.Label)
		}
	}
	return out
}

// texts lists the strings the block draws.
func (h *heat) texts() []string {
	out := append([]string{h.xl, h.yl, h.label, h.barLabel}, h.xt...)
	return append(out, h.yt...)
}

// cellColor is the colour of cell (i, j).
func (h *heat) cellColor(i, j int) color.RGBA {
	if h.mask != nil && h.mask[i][j] {
		return MaskColor
	}
	if h.blank != nil && h.blank[i][j] {
		return blankColor
	}
	if h.rgb != nil {
		ch := func(k int) uint8 {
			v := h.rgb[k].At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0
			}
			return uint8(math.Round(255 * math.Max(0, math.Min(1, v))))
		}
		if st := statsOf(h.rgb[0].sub(i, j, 1, 1), h.rgb[1].sub(i, j, 1, 1), h.rgb[2].sub(i, j, 1, 1)); st.bad() {
			return NaNColor
		}
		return color.RGBA{R: ch(0), G: ch(1), B: ch(2), A: 0xff}
	}
	return h.sc.color(h.m.At(i, j))
}

// raster is the cells as an image, one pixel per cell.
func (h *heat) raster() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, h.m.c, h.m.r))
	for i := 0; i < h.m.r; i++ {
		for j := 0; j < h.m.c; j++ {
			c := h.cellColor(i, j)
			o := img.PixOffset(j, i)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = c.R, c.G, c.B, c.A
		}
	}
	return img
}

func (h *heat) draw(c draw.Canvas) { h.drawAt(c) }

// drawAt draws the block and returns the rectangle of its cells.
func (h *heat) drawAt(c draw.Canvas) vg.Rectangle {
	w, ht := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	cap := vg.Length(1e6)
	if h.cellCap > 0 {
		cap = h.cellCap
	}
	L := h.layout(w, ht, cap)
	if L.cell <= 0 {
		return vg.Rectangle{}
	}
	cw, ch := L.cell*vg.Length(h.m.c), L.cell*vg.Length(h.m.r)
	// Centre the whole block in the box.
	x0 := c.Min.X + (w-(L.left+cw+L.right))/2 + L.left
	y0 := c.Min.Y + (ht-(L.bottom+ch+L.top))/2 + L.bottom
	g := cellGeom{x0: x0, y1: y0 + ch, cell: L.cell}
	area := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + cw, Y: y0 + ch}}
	c.DrawImage(area, h.raster())
	h.drawSpecial(c, g)
	if L.cell >= 14 {
		h.drawGridLines(c, g, area)
	}
	c.StrokeLines(draw.LineStyle{Color: darkGrey, Width: 0.6}, rectPts(area))
	if h.pad > 0 {
		h.drawPad(c, g)
	}
	if h.annotate {
		h.drawValues(c, g, L)
	}
	for _, mk := range h.marks {
		r := vg.Rectangle{Min: g.pt(mk.i1, mk.j0), Max: g.pt(mk.i0, mk.j1)}
		c.StrokeLines(draw.LineStyle{Color: mk.c, Width: mk.w}, rectPts(r))
	}
	h.drawTicks(c, g, L, area)
	if h.label != "" {
		ls := textStyle(labelSize, color.Black)
		ls.XAlign = text.XCenter
		c.FillText(ls, vg.Point{X: (area.Min.X + area.Max.X) / 2, Y: area.Max.Y + 3}, h.label)
	}
	if h.colorbar {
		h.drawColorbar(c, area)
	}
	return area
}

// cellGeom maps cell indices to points: row 0 is at the top.
type cellGeom struct {
	x0, y1, cell vg.Length
}

// pt is the corner of cell (i, j) shared with cells (i-1, j-1): the
// top-left corner of the cell in reading order.
func (g cellGeom) pt(i, j int) vg.Point {
	return vg.Point{X: g.x0 + vg.Length(j)*g.cell, Y: g.y1 - vg.Length(i)*g.cell}
}

func (g cellGeom) center(i, j int) vg.Point {
	p := g.pt(i, j)
	return vg.Point{X: p.X + g.cell/2, Y: p.Y - g.cell/2}
}

func rectPts(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
}

// drawSpecial marks NaN/Inf cells with × and masked cells with hatching,
// when cells are big enough to carry a mark.
func (h *heat) drawSpecial(c draw.Canvas, g cellGeom) {
	if g.cell < 6 {
		return
	}
	for i := 0; i < h.m.r; i++ {
		for j := 0; j < h.m.c; j++ {
			p, q := g.pt(i, j), g.pt(i+1, j+1)
			d := g.cell * 0.2
			switch {
			case h.mask != nil && h.mask[i][j]:
				ls := draw.LineStyle{Color: color.RGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}, Width: 0.7}
				for k := 1; k < 4; k++ {
					t := g.cell * vg.Length(k) / 4
					c.StrokeLine2(ls, p.X, q.Y+t, p.X+t, q.Y)
					c.StrokeLine2(ls, p.X+t, p.Y, q.X, q.Y+t)
				}
				c.StrokeLine2(ls, p.X, p.Y, q.X, q.Y)
			case h.rgb == nil && !h.annotate && isBad(h.m.At(i, j)):
				ls := draw.LineStyle{Color: color.White, Width: vg.Length(math.Max(0.8, float64(g.cell)/14))}
				c.StrokeLine2(ls, p.X+d, p.Y-d, q.X-d, q.Y+d)
				c.StrokeLine2(ls, p.X+d, q.Y+d, q.X-d, p.Y-d)
			}
		}
	}
}

func isBad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

func (h *heat) drawGridLines(c draw.Canvas, g cellGeom, area vg.Rectangle) {
	ls := draw.LineStyle{Color: lightLine, Width: 0.8}
	for i := 1; i < h.m.r; i++ {
		y := g.pt(i, 0).Y
		c.StrokeLine2(ls, area.Min.X, y, area.Max.X, y)
	}
	for j := 1; j < h.m.c; j++ {
		x := g.pt(0, j).X
		c.StrokeLine2(ls, x, area.Min.Y, x, area.Max.Y)
	}
}

// drawPad draws a dashed line where the real input inside the padding
// begins and ends.
func (h *heat) drawPad(c draw.Canvas, g cellGeom) {
	dl := draw.LineStyle{Color: darkGrey, Width: 1.2, Dashes: []vg.Length{3, 2}}
	in := vg.Rectangle{Min: g.pt(h.m.r-h.pad, h.pad), Max: g.pt(h.pad, h.m.c-h.pad)}
	c.StrokeLines(dl, rectPts(in))
}

// valueText formats v for a cell.
func (h *heat) valueText(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	f := h.format
	if f == "" {
		f = "%.2f"
		if h.allWhole() {
			f = "%.0f"
		}
	}
	s := fmt.Sprintf(f, v)
	if s == "-0.00" || s == "-0" || s == "-0.0" {
		s = s[1:]
	}
	return s
}

func (h *heat) allWhole() bool {
	for _, v := range h.m.v {
		if !isBad(v) && (v != math.Trunc(v) || math.Abs(v) >= 1e6) {
			return false
		}
	}
	return true
}

func (h *heat) drawValues(c draw.Canvas, g cellGeom, L heatLayout) {
	sz := h.valueSize(g.cell)
	if sz < 5 {
		return // too small to read; heatNotes says so
	}
	for i := 0; i < h.m.r; i++ {
		for j := 0; j < h.m.c; j++ {
			if (h.blank != nil && h.blank[i][j]) || (h.mask != nil && h.mask[i][j]) {
				continue
			}
			s := textStyle(sz, inkOn(h.cellColor(i, j)))
			s.XAlign, s.YAlign = text.XCenter, text.YCenter
			c.FillText(s, g.center(i, j), h.valueText(h.m.At(i, j)))
		}
	}
}

// valueSize is the font size for values in cells of size cell: up to 10
// pt, smaller so that the widest value fits in a cell.
func (h *heat) valueSize(cell vg.Length) vg.Length {
	sz := vg.Length(math.Min(10, float64(cell)*0.45))
	ts := textStyle(sz, color.Black)
	var widest vg.Length
	for _, v := range h.m.v {
		widest = vg.Length(math.Max(float64(widest), float64(ts.Width(h.valueText(v)))))
	}
	if widest > cell*0.92 {
		sz = sz * cell * 0.92 / widest
	}
	return sz
}

// valuesFit reports whether drawValues would write the values.
func (h *heat) valuesFit(cell vg.Length) bool { return h.valueSize(cell) >= 5 }

func (h *heat) drawTicks(c draw.Canvas, g cellGeom, L heatLayout, area vg.Rectangle) {
	if !h.noYTicks {
		ys := textStyle(L.tickSz, color.Black)
		ys.XAlign, ys.YAlign = text.XRight, text.YCenter
		for i := 0; i < h.m.r; i += L.yStep {
			c.FillText(ys, vg.Point{X: area.Min.X - 3, Y: g.center(i, 0).Y}, h.tickLabel(h.yt, i))
		}
	}
	if !h.noXTicks {
		xs := textStyle(L.tickSz, color.Black)
		xs.XAlign, xs.YAlign = text.XCenter, text.YTop
		if L.xRot {
			xs.Rotation = math.Pi / 2
			xs.XAlign, xs.YAlign = text.XRight, text.YCenter
		}
		for j := 0; j < h.m.c; j += L.xStep {
			c.FillText(xs, vg.Point{X: g.center(0, j).X, Y: area.Min.Y - 3}, h.tickLabel(h.xt, j))
		}
	}
	if h.yl != "" {
		s := textStyle(labelSize, color.Black)
		s.Rotation = math.Pi / 2
		s.XAlign, s.YAlign = text.XCenter, text.YBottom
		c.FillText(s, vg.Point{X: area.Min.X - L.left + labelSize, Y: (area.Min.Y + area.Max.Y) / 2}, h.yl)
	}
	if h.xl != "" {
		s := textStyle(labelSize, color.Black)
		s.XAlign, s.YAlign = text.XCenter, text.YBottom
		c.FillText(s, vg.Point{X: (area.Min.X + area.Max.X) / 2, Y: area.Min.Y - L.bottom + 2}, h.xl)
	}
}

// drawColorbar draws the colour scale beside the cells.
func (h *heat) drawColorbar(c draw.Canvas, area vg.Rectangle) {
	lo, hi := area.Min.Y, area.Max.Y
	if d := h.minBarLen() - (hi - lo); d > 0 {
		lo, hi = lo-d/2, hi+d/2
	}
	bar := vg.Rectangle{
		Min: vg.Point{X: area.Max.X + 8, Y: lo},
		Max: vg.Point{X: area.Max.X + 18, Y: hi},
	}
	drawScaleBar(c, bar, h.sc, h.barLabel)
}

// drawScaleBar draws a vertical colour bar in r with labelled ticks and,
// when label is not "", the label along its right side.
func drawScaleBar(c draw.Canvas, r vg.Rectangle, sc scale, label string) {
	n := int(math.Max(2, math.Min(5, float64(r.Max.Y-r.Min.Y)/28)))
	ticks := niceTicks(sc.lo, sc.hi, n)
	img := image.NewRGBA(image.Rect(0, 0, 1, 256))
	for k := 0; k < 256; k++ {
		col := sc.pal.lut[255-k]
		o := img.PixOffset(0, k)
		img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = col.R, col.G, col.B, 0xff
	}
	c.DrawImage(r, img)
	c.StrokeLines(draw.LineStyle{Color: darkGrey, Width: 0.6}, rectPts(r))
	ts := textStyle(tickSize, color.Black)
	ts.XAlign, ts.YAlign = text.XLeft, text.YCenter
	ls := draw.LineStyle{Color: darkGrey, Width: 0.6}
	var widest vg.Length
	for _, t := range ticks {
		y := r.Min.Y + (r.Max.Y-r.Min.Y)*vg.Length((t.Value-sc.lo)/(sc.hi-sc.lo))
		c.StrokeLine2(ls, r.Max.X, y, r.Max.X+3, y)
		c.FillText(ts, vg.Point{X: r.Max.X + 4, Y: y}, t.Label)
		widest = vg.Length(math.Max(float64(widest), float64(ts.Width(t.Label))))
	}
	if label != "" {
		s := textStyle(labelSize, color.Black)
		s.Rotation = math.Pi / 2
		s.XAlign, s.YAlign = text.XCenter, text.YTop
		c.FillText(s, vg.Point{X: r.Max.X + 4 + widest + 4, Y: (r.Min.Y + r.Max.Y) / 2}, label)
	}
}
