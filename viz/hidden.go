package viz

import (
	"fmt"
	"image/color"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HiddenStates draws a recurrent layer's hidden states as a units × time
// heatmap. h is shaped (T, units) — one row per time step, as PyTorch's
// RNN output for one sequence — given as [][]float64 or a Grid. The
// figure is transposed: units go down, time goes right. It reads Title,
// Caption, XLabel, YLabel, XTicks (one per time step, e.g. the input
// tokens), YTicks (one per unit), Annotate, Format, Palette, Range and
// BarLabel.
func HiddenStates(h any, o ...Options) *Figure {
	opt := opts("HiddenStates", o)
	m := toMatrix("HiddenStates", h).transpose()
	if opt.XLabel == "" {
		opt.XLabel = tr("time")
	}
	if opt.YLabel == "" {
		opt.YLabel = tr("units")
	}
	hb := heatFrom("HiddenStates", m, opt)
	f := newFigure(opt.Title, hb)
	f.notes = heatNotes(hb, m)
	return finish(f, opt)
}

// UnitLines draws chosen hidden units over time as lines, one per unit,
// with a legend. h is shaped (T, units) as for HiddenStates; units lists
// the unit indices to draw (nil draws all, up to 8). It reads Title,
// Caption, XLabel, YLabel and Labels (one legend entry per chosen unit).
func UnitLines(h any, units []int, o ...Options) *Figure {
	opt := opts("UnitLines", o)
	m := toMatrix("UnitLines", h)
	if units == nil {
		for u := 0; u < min(m.c, 8); u++ {
			units = append(units, u)
		}
	}
	checkLabels("UnitLines", "Labels", opt.Labels, len(units), "units")
	var series []Series
	for k, u := range units {
		if u < 0 || u >= m.c {
			panic(fmt.Sprintf("viz: UnitLines: unit %d out of range: h has %d units (0…%d)", u, m.c, m.c-1))
		}
		s := Series{Name: tr("unit", u), Y: m.transpose().row(u)}
		if opt.Labels != nil {
			s.Name = opt.Labels[k]
		}
		series = append(series, s)
	}
	xl, yl := opt.XLabel, opt.YLabel
	if xl == "" {
		xl = tr("time")
	}
	if yl == "" {
		yl = tr("value")
	}
	pb, st := linePlot(series, xl, yl)
	pb.w, pb.h = 380, 240
	f := newFigure(opt.Title, pb)
	if n := skipNote(st); n != "" {
		f.notes = append(f.notes, n)
	}
	return finish(f, opt)
}

// Gates draws LSTM or GRU gate activations as panels, one units × time
// heatmap per gate, each with its own colour bar: sigmoid gates in [0, 1]
// get Viridis over [0, 1], a tanh candidate gets BlueRed over [-1, 1].
// names are the gates' names (e.g. "i", "f", "g", "o"); gates[k] is gate
// k shaped (T, units). It reads Title, Caption, XTicks (one per time
// step), Cols and Palette.
func Gates(names []string, gates [][][]float64, o ...Options) *Figure {
	opt := opts("Gates", o)
	if len(names) != len(gates) {
		panic(fmt.Sprintf("viz: Gates: %d names for %d gates: expected one name per gate", len(names), len(gates)))
	}
	ms := toStack("Gates", gates)
	items := make([]*heat, len(ms))
	for k, g := range ms {
		m := g.transpose()
		checkLabels("Gates", "XTicks", opt.XTicks, m.c, "time steps")
		st := statsOf(m)
		rng := []float64{0, 1}
		if st.lo < 0 {
			rng = []float64{-1, 1}
		}
		h := newHeat(m, autoScale(st.lo, st.hi, rng, opt.Palette))
		h.natSide, h.natCell = 200, 24
		h.label = names[k]
		h.xt = opt.XTicks
		h.colorbar = true
		items[k] = h
	}
	p := newPanels(items, opt.Cols, nil)
	for k, h := range items {
		h.noYTicks = k%p.cols != 0 // unit numbers on the left column
	}
	f := newFigure(opt.Title, p)
	f.notes = append(f.notes, gateNote())
	if n := badNote(statsOf(ms...), true); n != "" {
		f.notes = append(f.notes, n)
	}
	return finish(f, opt)
}

func gateNote() string {
	if Lang() == "zh" {
		return "每个子图：纵轴为隐藏单元，横轴为时间步"
	}
	return "Each panel: hidden units down, time steps across"
}

// Trajectory draws the path of the hidden states through time, projected
// on their first two principal components (gonum stat.PC); each point is
// labelled with its time step. h is shaped (T, units) with T ≥ 2 and at
// least 2 units. It reads Title, Caption and XTicks (labels for the
// points instead of t = 0, 1, …).
func Trajectory(h any, o ...Options) *Figure {
	opt := opts("Trajectory", o)
	m := toMatrix("Trajectory", h)
	if m.r < 2 || m.c < 2 {
		panic(fmt.Sprintf("viz: Trajectory: h is %s: expected at least 2 time steps and 2 units", m.shape()))
	}
	if st := statsOf(m); st.bad() {
		panic(fmt.Sprintf("viz: Trajectory: h has %s: PCA needs finite values", badNote(st, false)))
	}
	checkLabels("Trajectory", "XTicks", opt.XTicks, m.r, "time steps")
	xy, frac := project2(m)
	p, labels := trajPlot(xy, opt.XTicks)
	p.X.Label.Text = tr("pc", 1, 100*frac[0])
	p.Y.Label.Text = tr("pc", 2, 100*frac[1])
	styleText(p)
	sc := timeScale(m.r)
	f := newFigure(opt.Title, plotBlock{p: p, w: 340, h: 300, extra: labels, bar: &sc, barLabel: tr("time")})
	f.notes = append(f.notes, tr("traj", m.r-1))
	return finish(f, opt)
}

// project2 returns the rows of m, centred, projected on the first two
// principal components, and the fraction of variance each explains.
func project2(m *matrix) (*mat.Dense, [2]float64) {
	a := mat.NewDense(m.r, m.c, append([]float64(nil), m.v...))
	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		panic("viz: Trajectory: PCA failed (SVD did not converge)")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	total := 0.0
	for _, v := range vars {
		total += v
	}
	for j := 0; j < m.c; j++ {
		mean := mat.Col(nil, j, a)
		s := 0.0
		for _, v := range mean {
			s += v
		}
		s /= float64(m.r)
		for i := 0; i < m.r; i++ {
			a.Set(i, j, a.At(i, j)-s)
		}
	}
	var out mat.Dense
	out.Mul(a, vecs.Slice(0, m.c, 0, 2))
	var frac [2]float64
	if total > 0 {
		frac = [2]float64{vars[0] / total, vars[1] / total}
	}
	return &out, frac
}

// timeScale colours time steps 0 … n-1 with Viridis.
func timeScale(n int) scale { return scale{lo: 0, hi: float64(max(n-1, 1)), pal: Viridis} }

// trajPlot draws the projected path with points coloured by time; it
// returns the plot and the points' labels.
func trajPlot(xy *mat.Dense, names []string) (*plotPlot, []string) {
	n, _ := xy.Dims()
	pts := make(plotter.XYs, n)
	for t := range pts {
		pts[t] = plotter.XY{X: xy.At(t, 0), Y: xy.At(t, 1)}
	}
	p := newPlot()
	line, err := plotter.NewLine(pts)
	if err != nil {
		panic("viz: Trajectory: " + err.Error())
	}
	line.Color, line.Width = color.RGBA{0x99, 0x99, 0x99, 0xff}, 1
	p.Add(plotter.NewGrid(), line)
	sc := timeScale(n)
	sp, err := plotter.NewScatter(pts)
	if err != nil {
		panic("viz: Trajectory: " + err.Error())
	}
	sp.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		return draw.GlyphStyle{Color: sc.color(float64(i)), Radius: 4, Shape: draw.CircleGlyph{}}
	}
	p.Add(sp)
	labels := make([]string, n)
	for t := range labels {
		labels[t] = fmt.Sprintf("t=%d", t)
		if names != nil {
			labels[t] = names[t]
		}
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		panic("viz: Trajectory: " + err.Error())
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Handler = handler{fontStack}
		lb.TextStyle[i].Font = textStyle(tickSize, nil).Font
	}
	lb.Offset = vg.Point{X: 5, Y: 3}
	p.Add(lb)
	// Leave room for the labels at the edges.
	p.X.Min, p.X.Max = widen(p.X.Min, p.X.Max, 0.08)
	p.Y.Min, p.Y.Max = widen(p.Y.Min, p.Y.Max, 0.08)
	return p, labels
}

// widen extends [lo, hi] by the fraction f of its width on each side.
func widen(lo, hi, f float64) (float64, float64) {
	d := (hi - lo) * f
	if d == 0 {
		d = 1
	}
	return lo - d, hi + d
}
