package viz

import "fmt"

// Options tune a figure. Every field is optional; the zero value gives
// the defaults described in the package documentation. Not every figure
// uses every field: each constructor's documentation lists what it reads.
type Options struct {
	Title   string // drawn at the top
	Caption string // drawn under the figure, before viz's own notes

	XLabel, YLabel string   // axis names
	XTicks, YTicks []string // one label per column / per row (e.g. tokens)

	Annotate bool   // write each cell's value in the cell
	Format   string // fmt verb for written values; default "%.2f" ("%.0f" for whole numbers)

	Palette  *Palette  // Viridis, Cividis or BlueRed; nil chooses by the data
	Range    []float64 // {lo, hi} fixes the colour scale; nil fits the data
	BarLabel string    // what the colours measure, written along the colour bar (e.g. "h_t")

	Mask [][]bool // attention: true marks a masked position (drawn hatched grey)

	Labels []string // small multiples: one label per panel
	Cols   int      // small multiples: panels per row; 0 chooses
	PerMap bool     // small multiples: one colour scale per panel instead of one shared
	RGB    bool     // Filters: draw 3-channel filters as colour images

	Stride int     // ConvStep: stride (default 1)
	Pad    int     // ConvStep: zero padding on every side (default 0)
	Bias   float64 // ConvStep: bias added to the sum
}

// opts returns the single Options given, or the zero value; more than one
// is a mistake.
func opts(fn string, o []Options) Options {
	switch len(o) {
	case 0:
		return Options{}
	case 1:
		if r := o[0].Range; len(r) != 0 && (len(r) != 2 || !(r[0] < r[1])) {
			panic(fmt.Sprintf("viz: %s: Range must be {lo, hi} with lo < hi, got %v", fn, r))
		}
		if o[0].Cols < 0 || o[0].Stride < 0 || o[0].Pad < 0 {
			panic(fmt.Sprintf("viz: %s: Cols, Stride and Pad must not be negative, got %d, %d, %d",
				fn, o[0].Cols, o[0].Stride, o[0].Pad))
		}
		return o[0]
	}
	panic(fmt.Sprintf("viz: %s: expected at most one Options, got %d", fn, len(o)))
}

// finish sets the figure's caption from o and returns it.
func finish(f *Figure, o Options) *Figure {
	f.caption = o.Caption
	return f
}
