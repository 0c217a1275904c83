package viz

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/vg"
)

// FeatureMaps draws a layer's C output maps as a grid of small heatmaps,
// labelled by channel. maps is [][][]float64 shaped (C, H, W) or a []Grid
// of equal shapes. It reads Title, Caption, Labels (one per map), Cols,
// PerMap (one colour scale per map; default one shared scale with a
// single colour bar), Palette, Range and BarLabel.
func FeatureMaps(maps any, o ...Options) *Figure {
	opt := opts("FeatureMaps", o)
	ms := toStack("FeatureMaps", maps)
	checkLabels("FeatureMaps", "Labels", opt.Labels, len(ms), "maps")
	names := opt.Labels
	if names == nil {
		names = numbered("channel", len(ms))
	}
	return finish(multiples("FeatureMaps", ms, names, opt), opt)
}

// numbered returns n labels such as "channel 0", "channel 1", ….
func numbered(key string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = tr(key, i)
	}
	return out
}

// multiples draws ms as small multiples named by names.
func multiples(fn string, ms []*matrix, names []string, opt Options) *Figure {
	items := make([]*heat, len(ms))
	st := statsOf(ms...)
	shared := autoScale(st.lo, st.hi, opt.Range, opt.Palette)
	// Panels no larger than lets the row fit in maxNaturalW.
	cols := chooseCols(len(ms), opt.Cols)
	side := vg.Length(96)
	if avail := (maxNaturalW-70)/vg.Length(cols) - 10; avail < side {
		side = vg.Length(math.Max(40, float64(avail)))
	}
	for k, m := range ms {
		sc := shared
		if opt.PerMap {
			s := statsOf(m)
			sc = autoScale(s.lo, s.hi, opt.Range, opt.Palette)
		}
		h := newHeat(m, sc)
		h.natSide, h.natCell = side, 24
		h.label = names[k]
		h.noXTicks, h.noYTicks = true, true
		h.colorbar = opt.PerMap
		h.barLabel = opt.BarLabel
		items[k] = h
	}
	var sh *heat
	if !opt.PerMap {
		sh = items[0]
	}
	p := newPanels(items, opt.Cols, sh)
	f := newFigure(opt.Title, p)
	if len(ms) > 1 {
		if opt.PerMap {
			f.notes = append(f.notes, tr("permap"))
		} else {
			f.notes = append(f.notes, tr("shared"))
		}
	}
	if n := badNote(st, ms[0].r*ms[0].c <= 1024); n != "" {
		f.notes = append(f.notes, n)
	}
	return f
}

// Filters draws a convolution layer's weights, shaped (O, C, KH, KW) as
// [][][][]float64. With one input channel each filter is one panel; with
// C = 3 and Options.RGB each filter is one colour image (the weights
// scaled together so that 0 is mid-grey); otherwise the grid has one row
// per output channel and one column per input channel. It reads Title,
// Caption, Labels (one per filter), Cols, PerMap, Palette, Range,
// BarLabel and RGB.
func Filters(w [][][][]float64, o ...Options) *Figure {
	opt := opts("Filters", o)
	if len(w) == 0 {
		panic("viz: Filters: empty weights: expected shape (O, C, KH, KW) with O ≥ 1, got O = 0")
	}
	per := make([][]*matrix, len(w))
	for oc, f := range w {
		per[oc] = toStack(fmt.Sprintf("Filters: filter %d", oc), f)
		if len(per[oc]) != len(per[0]) || per[oc][0].r != per[0][0].r || per[oc][0].c != per[0][0].c {
			panic(fmt.Sprintf("viz: Filters: filter %d is %d×%s, expected %d×%s like filter 0",
				oc, len(per[oc]), per[oc][0].shape(), len(per[0]), per[0][0].shape()))
		}
	}
	C := len(per[0])
	if opt.RGB && C != 3 {
		panic(fmt.Sprintf("viz: Filters: RGB needs 3 input channels, got %d", C))
	}
	if C == 1 || opt.RGB {
		checkLabels("Filters", "Labels", opt.Labels, len(w), "filters")
	}
	names := opt.Labels
	if names == nil {
		names = numbered("filter", len(w))
	}
	if opt.RGB {
		return finish(rgbFilters(per, names, opt), opt)
	}
	var ms []*matrix
	if C == 1 {
		for _, f := range per {
			ms = append(ms, f[0])
		}
		return finish(multiples("Filters", ms, names, opt), opt)
	}
	var grid []string
	for oc, f := range per {
		ms = append(ms, f...)
		for ic := range f {
			grid = append(grid, tr("out/in", oc, ic))
		}
	}
	checkLabels("Filters", "Labels", opt.Labels, len(ms), "panels (O·C)")
	if opt.Labels != nil {
		grid = opt.Labels
	}
	if opt.Cols == 0 {
		opt.Cols = C
	}
	return finish(multiples("Filters", ms, grid, opt), opt)
}

// rgbFilters draws 3-channel filters as colour images.
func rgbFilters(per [][]*matrix, names []string, opt Options) *Figure {
	var all []*matrix
	for _, f := range per {
		all = append(all, f...)
	}
	st := statsOf(all...)
	m := math.Max(math.Abs(st.lo), math.Abs(st.hi))
	if m == 0 {
		m = 1
	}
	items := make([]*heat, len(per))
	for k, f := range per {
		rgb := make([]*matrix, 3)
		for ch := range rgb {
			rgb[ch] = newMatrix(f[ch].r, f[ch].c)
			for i, v := range f[ch].v {
				rgb[ch].v[i] = 0.5 + 0.5*v/m
			}
		}
		h := newHeat(f[0], autoScale(0, 1, nil, nil))
		h.rgb = rgb
		h.natSide, h.natCell = 72, 24
		h.label = names[k]
		h.noXTicks, h.noYTicks = true, true
		items[k] = h
	}
	f := newFigure(opt.Title, newPanels(items, opt.Cols, nil))
	f.notes = append(f.notes, rgbNote(m))
	if n := badNote(st, true); n != "" {
		f.notes = append(f.notes, n)
	}
	return f
}

func rgbNote(m float64) string {
	if Lang() == "zh" {
		return fmt.Sprintf("RGB 三通道合成：权重 w 显示为 0.5 + 0.5·w/%.3g，0 为中灰", m)
	}
	return fmt.Sprintf("channels shown as RGB: weight w drawn as 0.5 + 0.5·w/%.3g, so 0 is mid-grey", m)
}
