package viz

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one line of a Curves figure: Y against X (X nil means 0, 1,
// 2, …). Series with the same Panel share a plot; panels appear in the
// order their first series does.
type Series struct {
	Name  string // legend entry, e.g. "train"
	Panel string // plot it belongs to and its y-axis name, e.g. "loss"
	X, Y  []float64
}

// lineColors is the Okabe–Ito palette for categories, which stays
// distinguishable with colour-vision deficiencies (blue, vermillion,
// bluish green, orange, reddish purple, sky blue, black, yellow).
var lineColors = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xd5, 0x5e, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff}, {0xe6, 0x9f, 0x00, 0xff},
	{0xcc, 0x79, 0xa7, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x00, 0x00, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
}

// lineDashes give each series a second cue besides colour.
var lineDashes = [][]vg.Length{nil, {6, 3}, {2, 2}, {6, 2, 2, 2}}

// Curves draws training curves: loss, accuracy or anything else against
// the step, several series per panel with a legend. It reads Title,
// Caption and XLabel (default "step").
func Curves(series []Series, o ...Options) *Figure {
	opt := opts("Curves", o)
	if len(series) == 0 {
		panic("viz: Curves: no series: expected at least one Series with Y values")
	}
	var order []string
	groups := map[string][]Series{}
	for k, s := range series {
		if len(s.Y) == 0 {
			panic(fmt.Sprintf("viz: Curves: series %d (%q) has no Y values", k, s.Name))
		}
		if s.X != nil && len(s.X) != len(s.Y) {
			panic(fmt.Sprintf("viz: Curves: series %d (%q) has %d X values for %d Y values: expected equal lengths",
				k, s.Name, len(s.X), len(s.Y)))
		}
		if _, ok := groups[s.Panel]; !ok {
			order = append(order, s.Panel)
		}
		groups[s.Panel] = append(groups[s.Panel], s)
	}
	xl := opt.XLabel
	if xl == "" {
		xl = tr("step")
	}
	var blocks []block
	var bad stats
	for _, name := range order {
		pb, st := linePlot(groups[name], xl, name)
		bad.nan, bad.pinf, bad.ninf = bad.nan+st.nan, bad.pinf+st.pinf, bad.ninf+st.ninf
		blocks = append(blocks, pb)
	}
	f := newFigure(opt.Title, &row{items: blocks, gap: 14})
	if n := skipNote(bad); n != "" {
		f.notes = append(f.notes, n)
	}
	return finish(f, opt)
}

// skipNote names the values a line plot left out.
func skipNote(st stats) string {
	n := st.nan + st.pinf + st.ninf
	if n == 0 {
		return ""
	}
	if Lang() == "zh" {
		return fmt.Sprintf("%d 个非有限值（NaN/Inf）未画出，线在该处断开", n)
	}
	return fmt.Sprintf("%d non-finite values (NaN/Inf) left out; lines break there", n)
}

// linePlot makes one plot of series, breaking lines at non-finite values.
func linePlot(series []Series, xl, yl string) (plotBlock, stats) {
	p := plot.New()
	var keys []legendKey
	p.X.Label.Text, p.Y.Label.Text = xl, yl
	var st stats
	for k, s := range series {
		var pts plotter.XYs
		col := lineColors[k%len(lineColors)]
		dash := lineDashes[(k/len(lineColors)+k)%len(lineDashes)]
		var first *plotter.Line
		flush := func() {
			if len(pts) == 0 {
				return
			}
			l, err := plotter.NewLine(pts)
			if err != nil {
				panic("viz: Curves: " + err.Error())
			}
			l.Color, l.Width, l.Dashes = col, 1.6, dash
			p.Add(l)
			if first == nil {
				first = l
			}
			pts = nil
		}
		for i, y := range s.Y {
			x := float64(i)
			if s.X != nil {
				x = s.X[i]
			}
			if isBad(x) || isBad(y) {
				st.nan++
				flush()
				continue
			}
			pts = append(pts, plotter.XY{X: x, Y: y})
		}
		flush()
		if first != nil && s.Name != "" {
			keys = append(keys, legendKey{name: s.Name, color: col, dashes: dash})
		}
	}
	p.Add(plotter.NewGrid())
	// Air around the data, so no line runs along the frame.
	p.X.Min, p.X.Max = widen(p.X.Min, p.X.Max, 0.02)
	p.Y.Min, p.Y.Max = widen(p.Y.Min, p.Y.Max, 0.05)
	styleText(p)
	return plotBlock{p: p, w: 300, h: 220, keys: keys}, st
}

// styleText makes a gonum plot draw its text with viz's fonts, so CJK
// labels render.
func styleText(p *plot.Plot) {
	h := handler{fontStack}
	for _, s := range []*draw.TextStyle{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Handler = h
		s.Font.Typeface, s.Font.Variant = "Liberation", "Sans"
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = tickerN(5), tickerN(5)
	p.X.Label.TextStyle.Font.Size, p.Y.Label.TextStyle.Font.Size = labelSize, labelSize
	p.X.Tick.Label.Font.Size, p.Y.Tick.Label.Font.Size = tickSize, tickSize
	p.Legend.TextStyle.Font.Size = tickSize
}

// plotBlock puts a gonum plot in a figure, with its legend above it
// (outside the data, so it never covers a line; in as many rows as the
// width needs) and optionally a colour bar beside it.
type plotBlock struct {
	p        *plot.Plot
	w, h     vg.Length
	keys     []legendKey
	extra    []string // other strings the plot draws (point labels)
	bar      *scale   // when set, a colour bar right of the plot
	barLabel string
	minRows  int // legend rows to leave room for at least (to align a row of plots)
}

// legendKey is one legend entry: a short line sample and a name.
type legendKey struct {
	name   string
	color  color.Color
	dashes []vg.Length
}

// Legend geometry, in points: a row's height, a line sample's length,
// the space after it and between entries.
const (
	legendH      = 16
	legendSample = 22
	legendGap    = 14
)

func (b plotBlock) texts() []string {
	out := []string{b.p.Title.Text, b.p.X.Label.Text, b.p.Y.Label.Text, b.barLabel}
	for _, k := range b.keys {
		out = append(out, k.name)
	}
	return append(out, b.extra...)
}

// legendRows breaks the legend into rows no wider than w.
func (b plotBlock) legendRows(w vg.Length) [][]legendKey {
	ts := textStyle(tickSize, color.Black)
	var rows [][]legendKey
	var cur []legendKey
	var cw vg.Length
	for _, k := range b.keys {
		kw := legendSample + 4 + ts.Width(k.name)
		if len(cur) > 0 && cw+legendGap+kw > w {
			rows, cur, cw = append(rows, cur), nil, 0
		}
		if len(cur) > 0 {
			cw += legendGap
		}
		cur, cw = append(cur, k), cw+kw
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// barW is the room the colour bar takes.
func (b plotBlock) barW() vg.Length {
	if b.bar == nil {
		return 0
	}
	w := 8 + 10 + 4 + maxWidth(textStyle(tickSize, nil), barLabels(*b.bar))
	if b.barLabel != "" {
		w += 4 + labelSize + 2
	}
	return w
}

func (b plotBlock) natural() (vg.Length, vg.Length) {
	w := b.w + b.barW()
	return w, b.h + vg.Length(len(b.legendRows(w)))*legendH
}

func (b plotBlock) draw(c draw.Canvas) {
	if len(b.keys) > 0 {
		rows := b.legendRows(c.Max.X - c.Min.X)
		b.drawLegend(c, rows)
		c.Max.Y -= vg.Length(max(len(rows), b.minRows)) * legendH
	}
	if b.bar == nil {
		b.p.Draw(c)
		return
	}
	c.Max.X -= b.barW()
	b.p.Draw(c)
	da := b.p.DataCanvas(c)
	bar := vg.Rectangle{Min: vg.Point{X: c.Max.X + 8, Y: da.Min.Y}, Max: vg.Point{X: c.Max.X + 18, Y: da.Max.Y}}
	drawScaleBar(c, bar, *b.bar, b.barLabel)
}

// drawLegend writes the rows of entries, each centred, at the top of c.
func (b plotBlock) drawLegend(c draw.Canvas, rows [][]legendKey) {
	ts := textStyle(tickSize, color.Black)
	ts.YAlign = text.YCenter
	y := c.Max.Y - legendH/2
	for _, r := range rows {
		var total vg.Length
		for i, k := range r {
			if i > 0 {
				total += legendGap
			}
			total += legendSample + 4 + ts.Width(k.name)
		}
		x := (c.Min.X+c.Max.X)/2 - total/2
		for _, k := range r {
			c.StrokeLine2(draw.LineStyle{Color: k.color, Width: 1.6, Dashes: k.dashes}, x, y, x+legendSample, y)
			x += legendSample + 4
			c.FillText(ts, vg.Point{X: x, Y: y}, k.name)
			x += ts.Width(k.name) + legendGap
		}
		y -= legendH
	}
}

// row lays blocks side by side in equal widths.
type row struct {
	items []block
	gap   vg.Length
}

func (r *row) texts() []string {
	var out []string
	for _, it := range r.items {
		out = append(out, it.texts()...)
	}
	return out
}

func (r *row) natural() (w, h vg.Length) {
	for _, it := range r.items {
		iw, ih := it.natural()
		w += iw
		h = vg.Length(math.Max(float64(h), float64(ih)))
	}
	return w + vg.Length(len(r.items)-1)*r.gap, h
}

func (r *row) draw(c draw.Canvas) {
	n := vg.Length(len(r.items))
	w := (c.Max.X - c.Min.X - (n-1)*r.gap) / n
	// Plots side by side leave room for the same number of legend rows,
	// so that their axes line up.
	rows := 0
	for _, it := range r.items {
		if pb, ok := it.(plotBlock); ok && len(pb.keys) > 0 {
			rows = max(rows, len(pb.legendRows(w)))
		}
	}
	for k, it := range r.items {
		if pb, ok := it.(plotBlock); ok {
			pb.minRows = rows
			it = pb
		}
		x := c.Min.X + vg.Length(k)*(w+r.gap)
		it.draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: c.Min.Y}, Max: vg.Point{X: x + w, Y: c.Max.Y}}})
	}
}

// plotPlot is gonum's plot, named here so helpers can return it.
type plotPlot = plot.Plot

func newPlot() *plot.Plot { return plot.New() }
