package viz

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// conv is a 2-D cross-correlation set up for drawing one output position
// at a time: y(i, j) = b + Σ_u Σ_v xp(s·i+u, s·j+v)·w(u, v), where xp is
// the input with zero padding p on every side and s the stride (PyTorch's
// Conv2d with one channel).
type conv struct {
	x, xp, w *matrix // input, padded input, kernel
	y        *matrix // full output
	s, p     int
	b        float64
}

func newConv(fn string, input, kernel any, opt Options) *conv {
	c := &conv{x: toMatrix(fn+": input", input), w: toMatrix(fn+": kernel", kernel), s: opt.Stride, p: opt.Pad, b: opt.Bias}
	if c.s == 0 {
		c.s = 1
	}
	c.xp = newMatrix(c.x.r+2*c.p, c.x.c+2*c.p)
	for i := 0; i < c.x.r; i++ {
		copy(c.xp.row(i + c.p)[c.p:], c.x.row(i))
	}
	if c.w.r > c.xp.r || c.w.c > c.xp.c {
		panic(fmt.Sprintf("viz: %s: kernel %s is larger than the padded input %s (input %s, padding %d)",
			fn, c.w.shape(), c.xp.shape(), c.x.shape(), c.p))
	}
	c.y = newMatrix((c.xp.r-c.w.r)/c.s+1, (c.xp.c-c.w.c)/c.s+1)
	for i := 0; i < c.y.r; i++ {
		for j := 0; j < c.y.c; j++ {
			c.y.set(i, j, c.at(i, j))
		}
	}
	return c
}

// products returns the element-wise products of the receptive field of
// output (i, j) with the kernel.
func (c *conv) products(i, j int) *matrix {
	pr := newMatrix(c.w.r, c.w.c)
	for u := 0; u < c.w.r; u++ {
		for v := 0; v < c.w.c; v++ {
			pr.set(u, v, c.xp.At(c.s*i+u, c.s*j+v)*c.w.At(u, v))
		}
	}
	return pr
}

// at is y(i, j), summed in the order the figure writes the terms.
func (c *conv) at(i, j int) float64 {
	sum := c.b
	for _, v := range c.products(i, j).v {
		sum += v
	}
	return sum
}

// num formats a number for the written-out sum: up to 4 significant
// digits, negatives in parentheses when they are factors.
func num(v float64, paren bool) string {
	s := strconv.FormatFloat(v, 'g', 4, 64)
	if paren && (v < 0 || strings.HasPrefix(s, "-")) {
		return "(" + s + ")"
	}
	return s
}

// sumText writes y(i, j) out as a sum of products.
func (c *conv) sumText(i, j int) string {
	var terms []string
	n := c.w.r * c.w.c
	if n <= 16 {
		for u := 0; u < c.w.r; u++ {
			for v := 0; v < c.w.c; v++ {
				terms = append(terms, num(c.xp.At(c.s*i+u, c.s*j+v), true)+"·"+num(c.w.At(u, v), true))
			}
		}
	} else {
		// Too many terms to write: name the sum (in parentheses with
		// its value when a bias follows, so no sign reads as an operator).
		terms = append(terms, tr("sumof", n))
		if c.b != 0 {
			terms[0] = "(" + terms[0] + " = " + num(c.at(i, j)-c.b, false) + ")"
		}
	}
	s := fmt.Sprintf("y(%d, %d) = %s", i, j, strings.Join(terms, " + "))
	if c.b != 0 {
		s += tr("sumbias", num(c.b, true))
	}
	return s + " = " + num(c.at(i, j), false)
}

// ConvStep draws one step of a 2-D cross-correlation (what PyTorch's
// Conv2d and most texts call convolution), for output position (i, j):
// the input with the receptive field outlined, the kernel, the element-
// wise products, and the output with (i, j) outlined and the positions
// not yet computed left blank; under them the sum written out. input and
// kernel are [][]float64 or Grids. It reads Title, Caption, Stride, Pad,
// Bias, Format and Palette.
func ConvStep(input, kernel any, i, j int, o ...Options) *Figure {
	opt := opts("ConvStep", o)
	c := newConv("ConvStep", input, kernel, opt)
	if i < 0 || j < 0 || i >= c.y.r || j >= c.y.c {
		panic(fmt.Sprintf("viz: ConvStep: output position (%d, %d) is outside the %s output (rows 0…%d, columns 0…%d)",
			i, j, c.y.shape(), c.y.r-1, c.y.c-1))
	}
	return c.step(i, j, opt)
}

func (c *conv) step(i, j int, opt Options) *Figure {
	panel := func(m *matrix, label string) *heat {
		st := statsOf(m)
		h := newHeat(m, autoScale(st.lo, st.hi, opt.Range, opt.Palette))
		h.label, h.annotate, h.format = label, true, opt.Format
		h.noXTicks, h.noYTicks = true, true
		return h
	}
	in := panel(c.xp, fmt.Sprintf("%s %s", tr("input"), c.x.shape()))
	in.pad = c.p
	in.marks = []mark{{i0: c.s * i, j0: c.s * j, i1: c.s*i + c.w.r, j1: c.s*j + c.w.c, c: orange, w: 2.5}}
	k := panel(c.w, fmt.Sprintf("%s %s", tr("kernel"), c.w.shape()))
	k.marks = []mark{{i1: c.w.r, j1: c.w.c, c: orange, w: 2.5}}
	pr := panel(c.products(i, j), tr("products"))
	out := panel(c.y, fmt.Sprintf("%s %s", tr("output"), c.y.shape()))
	out.marks = []mark{{i0: i, j0: j, i1: i + 1, j1: j + 1, c: orange, w: 2.5}}
	out.blank = make([][]bool, c.y.r)
	for a := range out.blank {
		out.blank[a] = make([]bool, c.y.c)
		for b := range out.blank[a] {
			out.blank[a][b] = a > i || (a == i && b > j)
		}
	}
	blk := &convBlock{items: []*heat{in, k, pr, out}, ops: []string{"×", "=", "Σ →"}, sum: c.sumText(i, j)}
	f := newFigure(opt.Title, blk)
	var notes []string
	if c.p > 0 {
		notes = append(notes, tr("padding"))
	}
	if c.s > 1 {
		notes = append(notes, tr("stride", c.s))
	}
	if n := badNote(statsOf(c.xp, c.w), false); n != "" {
		notes = append(notes, n)
	}
	f.notes = notes
	return finish(f, opt)
}

// convBlock draws the four panels of a convolution step in a row with
// operators between them, all with the same cell size, and the sum under
// them.
type convBlock struct {
	items []*heat
	ops   []string
	sum   string
}

const (
	opSize  = 16 // operators between panels
	sumSize = 11
)

// opW is the room for operator k between panels: its width and air.
func (b *convBlock) opW(k int) vg.Length {
	os := textStyle(opSize, color.Black)
	return vg.Length(math.Max(34, float64(os.Width(b.ops[k])+18)))
}

// opsW is the room all operators take.
func (b *convBlock) opsW() vg.Length {
	var w vg.Length
	for k := range b.ops {
		w += b.opW(k)
	}
	return w
}

func (b *convBlock) texts() []string {
	out := append([]string{b.sum}, b.ops...)
	for _, it := range b.items {
		out = append(out, it.texts()...)
	}
	return out
}

func (b *convBlock) cols() (n int, rows int) {
	for _, it := range b.items {
		n += it.m.c
		rows = max(rows, it.m.r)
	}
	return n, rows
}

func (b *convBlock) sumStyle() draw.TextStyle {
	s := textStyle(sumSize, color.Black)
	s.XAlign = text.XCenter
	return s
}

func (b *convBlock) sumLines(w vg.Length) []string { return wrap(b.sum, b.sumStyle(), w) }

func (b *convBlock) natural() (w, h vg.Length) {
	n, rows := b.cols()
	cell := vg.Length(math.Min(30, 420/float64(max(rows, b.items[0].m.c))))
	w = cell*vg.Length(n) + b.opsW()
	lines := b.sumLines(w)
	return w, cell*vg.Length(rows) + labelSize + 4 + 10 + vg.Length(len(lines))*sumSize*1.3
}

func (b *convBlock) draw(c draw.Canvas) {
	W, H := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	n, rows := b.cols()
	lines := b.sumLines(W)
	sumH := 10 + vg.Length(len(lines))*sumSize*1.3
	cell := vg.Length(math.Min(float64((W-b.opsW())/vg.Length(n)),
		float64((H-sumH-labelSize-4)/vg.Length(rows))))
	cell = vg.Length(math.Min(float64(cell), 40))
	if cell <= 0 {
		return
	}
	total := cell*vg.Length(n) + b.opsW()
	panelH := cell*vg.Length(rows) + labelSize + 4
	top := c.Min.Y + (H+panelH+sumH)/2
	mid := top - labelSize - 4 - cell*vg.Length(rows)/2
	x := c.Min.X + (W-total)/2
	os := textStyle(opSize, color.Black)
	os.XAlign, os.YAlign = text.XCenter, text.YCenter
	for k, it := range b.items {
		w := cell * vg.Length(it.m.c)
		h := cell*vg.Length(it.m.r) + labelSize + 4
		it.cellCap = cell
		box := vg.Rectangle{Min: vg.Point{X: x, Y: mid - h/2 + (labelSize+4)/2}, Max: vg.Point{X: x + w, Y: mid + h/2 + (labelSize+4)/2}}
		it.draw(draw.Canvas{Canvas: c.Canvas, Rectangle: box})
		x += w
		if k < len(b.ops) {
			c.FillText(os, vg.Point{X: x + b.opW(k)/2, Y: mid}, b.ops[k])
			x += b.opW(k)
		}
	}
	ss := b.sumStyle()
	y := top - panelH - 10 - sumSize
	for _, l := range lines {
		c.FillText(ss, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y}, l)
		y -= sumSize * 1.3
	}
}

// ConvSum returns the sum ConvStep writes under its panels for output
// position (i, j), e.g. "y(1, 1) = 4·0 + 5·1 + 7·2 + 8·3 = 43". It reads
// Stride, Pad and Bias from the options.
func ConvSum(input, kernel any, i, j int, o ...Options) string {
	opt := opts("ConvSum", o)
	c := newConv("ConvSum", input, kernel, opt)
	if i < 0 || j < 0 || i >= c.y.r || j >= c.y.c {
		panic(fmt.Sprintf("viz: ConvSum: output position (%d, %d) is outside the %s output", i, j, c.y.shape()))
	}
	return c.sumText(i, j)
}
