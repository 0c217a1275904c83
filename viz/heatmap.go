package viz

import (
	"fmt"
)

// Heatmap draws a matrix as square coloured cells with a colour bar.
// data is [][]float64 (rows) or a Grid such as *mat.Dense. It reads
// Title, Caption, XLabel, YLabel, XTicks (one per column), YTicks (one
// per row), Annotate, Format, Palette, Range, BarLabel and Mask from the
// options.
//
// Row 0 is drawn at the top, as a matrix is printed. Data with any
// negative value get the diverging BlueRed palette centred at 0; data in
// [0, 1] get Viridis over [0, 1]; other data get Viridis over their range.
// NaN and ±Inf cells are drawn in NaNColor and counted in the caption.
// Values that do not fit in their cells are left out, and the caption
// says so.
func Heatmap(data any, o ...Options) *Figure {
	opt := opts("Heatmap", o)
	m := toMatrix("Heatmap", data)
	h := heatFrom("Heatmap", m, opt)
	f := newFigure(opt.Title, h)
	f.notes = heatNotes(h, m)
	return finish(f, opt)
}

// heatFrom builds a heat block from m and the options, checking label
// counts and the mask's shape.
func heatFrom(fn string, m *matrix, opt Options) *heat {
	checkLabels(fn, "XTicks", opt.XTicks, m.c, "columns")
	checkLabels(fn, "YTicks", opt.YTicks, m.r, "rows")
	checkMask(fn, opt.Mask, m)
	st := statsOf(m)
	h := newHeat(m, autoScale(st.lo, st.hi, opt.Range, opt.Palette))
	h.xt, h.yt = opt.XTicks, opt.YTicks
	h.xl, h.yl = opt.XLabel, opt.YLabel
	h.annotate, h.format = opt.Annotate, opt.Format
	h.mask = opt.Mask
	h.colorbar = true
	h.barLabel = opt.BarLabel
	return h
}

func checkMask(fn string, mask [][]bool, m *matrix) {
	if mask == nil {
		return
	}
	if len(mask) != m.r {
		panic(fmt.Sprintf("viz: %s: Mask has %d rows, expected %d like the data (%s)", fn, len(mask), m.r, m.shape()))
	}
	for i, row := range mask {
		if len(row) != m.c {
			panic(fmt.Sprintf("viz: %s: Mask row %d has %d entries, expected %d like the data (%s)",
				fn, i, len(row), m.c, m.shape()))
		}
	}
}

// heatNotes are the caption sentences about a heat block's data.
func heatNotes(h *heat, ms ...*matrix) []string {
	var notes []string
	if h.mask != nil && anyTrue(h.mask) {
		notes = append(notes, tr("masked"))
	}
	if n := badNote(statsOf(ms...), !h.annotate); n != "" {
		notes = append(notes, n)
	}
	if h.annotate && !h.valuesFit(h.naturalCell()) {
		notes = append(notes, tr("notshown"))
	}
	return notes
}

func anyTrue(mask [][]bool) bool {
	for _, row := range mask {
		for _, b := range row {
			if b {
				return true
			}
		}
	}
	return false
}
