// Package viz draws the lessons' figures with gonum/plot: heatmaps, feature
// maps, hidden states, attention maps, convolution steps and training
// curves, as PNG and SVG.
//
// # Figures
//
// Each constructor returns a *Figure (ConvPlayer returns a *Player):
//
//	viz.Heatmap(m)                         any matrix, with a colour bar
//	viz.Attention(w, queries, keys)        queries × keys with tokens on both axes
//	viz.AttentionHeads(ws, queries, keys)  one map per head, shared scale
//	viz.FeatureMaps(maps)                  a layer's C maps as small multiples
//	viz.Filters(w)                         a conv layer's (O, C, KH, KW) weights
//	viz.HiddenStates(h)                    units × time heatmap of (T, units) states
//	viz.UnitLines(h, units)                chosen units over time as lines
//	viz.Gates(names, gates)                LSTM/GRU gate activations as panels
//	viz.Trajectory(h)                      hidden states on their first two principal components
//	viz.ConvStep(x, k, i, j)               one output position of a 2-D cross-correlation
//	viz.ConvPlayer(x, k)                   every position, with a slider
//	viz.Curves(series)                     loss and accuracy against the step
//
// A Figure has PNG() []byte and SVG() string, so a notebook kernel that
// shows values by method set displays it; a Player also has HTML() string.
// PNGs are rendered at DefaultDPI, twice a screen's 96 pixels per inch,
// so they stay sharp on high-density screens and when a teacher zooms in
// for a projector; Render gives stepwise's kernel the PNG together with
// the figure's size in CSS pixels (inches × 96), so it shows at its size,
// not twice as large. Setters chain:
//
//	f := viz.Heatmap(m, viz.Options{Annotate: true}).SetTitle("W").SetSize(4, 4).SetDPI(144)
//
// The same figure renders the same bytes on every run.
//
// # Labels
//
// Every row and column of a heatmap gets its tick label when there are
// at most 40 of them: labels shrink (down to 6 points) and column tokens
// turn vertical before any is left out; longer axes are labelled every
// 2, 5, 10, … rows or columns. A colour bar always has at least two
// labelled ticks and is never shorter than about an inch, and
// Options.BarLabel writes what the colours measure along it (attention
// maps say "attention weight" by default). A legend sits above its plot,
// outside the data, on as many rows as its names need. Panels chosen
// automatically go in fewer, balanced columns when one row would be wider
// than a notebook (10 inches).
//
// # Data
//
// Matrices are [][]float64 (a slice of rows) or any Grid — a type with
// Dims() (r, c int) and At(i, j int) float64, such as gonum's *mat.Dense.
// Stacks of matrices (feature maps, heads, gates) are [][][]float64 or
// []Grid. Row 0 is drawn at the top, as a matrix is printed.
//
// # Options
//
// Every constructor takes an optional Options value; its documentation
// says which fields it reads. The zero value gives the defaults.
//
//	viz.Attention(w, toks, toks, viz.Options{Title: "Head 0", Mask: viz.CausalMask(len(toks)), Annotate: true})
//
// # Colour
//
// Cells are square and drawn as one raster image (no seams between
// cells, fast for large grids). Unless Options.Palette or Options.Range
// say otherwise, data with any negative value get the diverging BlueRed
// palette centred at 0 (symmetric range), data within [0, 1] get Viridis
// over exactly [0, 1] (attention weights, gates, probabilities), and other
// data get Viridis over their own range. Viridis, Cividis and BlueRed are
// readable with common colour-vision deficiencies. Values written in cells
// (Options.Annotate) are black on light cells and white on dark ones.
// NaN and ±Inf cells are drawn in NaNColor (magenta, with a × when there
// is room) and counted in the caption; masked attention positions are
// hatched grey and the caption says so.
//
// # Bad input
//
// viz panics, with a message that starts "viz: " and says what was
// expected and what came, on empty or ragged data, a label count that
// does not match the dimension, a mask of the wrong shape, a size or DPI
// that is not positive, and similar misuse. In a notebook the panic shows
// as the cell's error, e.g.
//
//	viz: Heatmap: ragged data: row 1 has 1 values, expected 2 like row 0
//
// # Chinese text
//
// Titles, labels and tokens may be Chinese. Latin text is drawn with
// Liberation Sans; Chinese with an embedded subset of Noto Sans CJK SC
// (SIL Open Font License; the 3755 most frequent hanzi of GB 2312 plus CJK
// punctuation, see fonts/), and any other character with the first system
// CJK font found (STEPWISE_CJK_FONT, then CJKFontPaths, e.g. Debian's
// fonts-noto-cjk). Missing lists characters no font had. In SVG, text
// stays text, with font families that fall back to the common CJK fonts of
// each system. A character no font has is drawn in the PNG as an empty
// box, and the figure's caption names it (e.g. "No font could draw
// U+1F600"). SetLang("zh") makes viz's own captions, axis names and
// player buttons Chinese.
//
// # Speed
//
// PNG output is encoded by viz itself (fixed per-row filters and zlib's
// fastest level), which is what keeps a 256×256 heatmap well under
// matplotlib's imshow+savefig time; tests/bench/viz.sh measures both in one
// run.
package viz
