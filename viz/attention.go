package viz

import "fmt"

// Attention draws attention weights as a queries × keys heatmap with the
// tokens on both axes: row i is query i's distribution over the keys.
// weights is [][]float64 or a Grid shaped (len(queries), len(keys));
// queries and keys may be nil for indices. It reads Title, Caption,
// XLabel and YLabel (default "key" and "query"), Annotate, Format,
// Palette, Range, BarLabel (default "attention weight" when there are 3
// or more queries) and Mask (true =
// masked position, drawn hatched grey and explained in the caption).
func Attention(weights any, queries, keys []string, o ...Options) *Figure {
	opt := opts("Attention", o)
	m := toMatrix("Attention", weights)
	checkLabels("Attention", "queries", queries, m.r, "rows")
	checkLabels("Attention", "keys", keys, m.c, "columns")
	opt.YTicks, opt.XTicks = queries, keys
	if opt.XLabel == "" {
		opt.XLabel = tr("key")
	}
	if opt.YLabel == "" {
		opt.YLabel = tr("query")
	}
	if opt.BarLabel == "" && m.r >= 3 {
		opt.BarLabel = tr("weight") // (a strip of 1 or 2 rows has too short a bar)
	}
	h := heatFrom("Attention", m, opt)
	f := newFigure(opt.Title, h)
	f.notes = heatNotes(h, m)
	return finish(f, opt)
}

// AttentionHeads draws one attention map per head in a grid, with one
// shared colour scale. weights is [][][]float64 shaped (heads, queries,
// keys) or a []Grid. Token labels and the axis names go on the left
// column and bottom row. It reads Title, Caption, XLabel and YLabel
// (default "key" and "query"), Labels (one per head), Cols, Palette,
// Range, BarLabel (default "attention weight"), Mask (the same mask for
// every head), Annotate and Format.
func AttentionHeads(weights any, queries, keys []string, o ...Options) *Figure {
	opt := opts("AttentionHeads", o)
	ms := toStack("AttentionHeads", weights)
	checkLabels("AttentionHeads", "queries", queries, ms[0].r, "rows")
	checkLabels("AttentionHeads", "keys", keys, ms[0].c, "columns")
	checkLabels("AttentionHeads", "Labels", opt.Labels, len(ms), "heads")
	checkMask("AttentionHeads", opt.Mask, ms[0])
	names := opt.Labels
	if names == nil {
		names = numbered("head", len(ms))
	}
	st := statsOf(ms...)
	sc := autoScale(st.lo, st.hi, opt.Range, opt.Palette)
	xl, yl, bl := opt.XLabel, opt.YLabel, opt.BarLabel
	if xl == "" {
		xl = tr("key")
	}
	if yl == "" {
		yl = tr("query")
	}
	if bl == "" {
		bl = tr("weight")
	}
	items := make([]*heat, len(ms))
	for k, m := range ms {
		h := newHeat(m, sc)
		h.natSide, h.natCell = 180, 30
		h.label, h.mask, h.annotate, h.format = names[k], opt.Mask, opt.Annotate, opt.Format
		h.xt, h.yt = keys, queries
		h.xl, h.yl = xl, yl
		items[k] = h
	}
	items[0].barLabel = bl // the shared colour bar's
	p := newPanels(items, opt.Cols, items[0])
	// Tick labels and axis names on the left column and the bottom row.
	cols, rows := p.cols, p.rows()
	for k, h := range items {
		if k%cols != 0 {
			h.noYTicks, h.yl = true, ""
		}
		if k/cols != rows-1 && k+cols < len(ms) {
			h.noXTicks, h.xl = true, ""
		}
	}
	f := newFigure(opt.Title, p)
	f.notes = heatNotes(items[0], ms...)
	return finish(f, opt)
}

// CausalMask returns the n×n mask of a decoder's self-attention: query i
// may not attend to keys j > i (true = masked).
func CausalMask(n int) [][]bool {
	if n <= 0 {
		panic(fmt.Sprintf("viz: CausalMask: expected n ≥ 1, got %d", n))
	}
	m := make([][]bool, n)
	for i := range m {
		m[i] = make([]bool, n)
		for j := i + 1; j < n; j++ {
			m[i][j] = true
		}
	}
	return m
}
