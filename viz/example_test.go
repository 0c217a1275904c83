package viz_test

import (
	"fmt"
	"image"
	"math"

	"github.com/stepwise-go/stepwise/viz"
)

// The Examples write their figures to testdata/NAME.svg and NAME.png
// (see save in viz_test.go); TestGoldens compares the SVGs with
// testdata/NAME_golden.svg.

func ExampleHeatmap() {
	x := [][]float64{
		{0.9, -0.3, 0.0},
		{-1.2, 0.4, 2.1},
	}
	f := viz.Heatmap(x, viz.Options{
		Title:    "A signed 2×3 matrix",
		XLabel:   "column j",
		YLabel:   "row i",
		Annotate: true,
	})
	save("heatmap", f)
	w, h := f.Size()
	fmt.Printf("%.2f×%.2f in, %d dpi\n", w, h, f.DPI())
	// Output:
	// 2.49×2.01 in, 192 dpi
}

func ExampleHeatmap_nan() {
	x := [][]float64{
		{1, 2, math.NaN()},
		{4, math.Inf(1), 6},
	}
	f := viz.Heatmap(x, viz.Options{Title: "Bad values are drawn, not hidden"})
	save("heatmap_nan", f)
	fmt.Println(f.Caption())
	// Output:
	// 1 NaN value and 1 +Inf value drawn in magenta with ×.
}

func ExampleAttention() {
	tokens := []string{"<bos>", "the", "cat", "sat"}
	w := [][]float64{
		{1, 0, 0, 0},
		{0.3, 0.7, 0, 0},
		{0.1, 0.6, 0.3, 0},
		{0.1, 0.2, 0.5, 0.2},
	}
	f := viz.Attention(w, tokens, tokens, viz.Options{
		Title:    "Masked self-attention",
		Mask:     viz.CausalMask(4),
		Annotate: true,
	})
	save("attention", f)
	fmt.Println(f.Caption())
	// Output:
	// Hatched grey cells are masked positions (weight 0).
}

func ExampleAttention_chinese() {
	viz.SetLang("zh")
	defer viz.SetLang("en")
	tokens := []string{"我", "爱", "学习"}
	w := [][]float64{{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.3, 0.6}}
	f := viz.Attention(w, tokens, tokens, viz.Options{Title: "注意力权重", Annotate: true, Mask: [][]bool{{false, false, true}, {false, false, false}, {false, false, false}}})
	save("attention_zh", f)
	fmt.Println(f.Caption())
	// Output:
	// 灰色斜线格为被掩码的位置（权重为 0）。
}

func ExampleAttentionHeads() {
	tokens := []string{"a", "b", "c"}
	heads := [][][]float64{
		{{1, 0, 0}, {0.5, 0.5, 0}, {0.2, 0.3, 0.5}},
		{{1, 0, 0}, {0.9, 0.1, 0}, {0.8, 0.1, 0.1}},
	}
	f := viz.AttentionHeads(heads, tokens, tokens, viz.Options{Title: "Two heads", Mask: viz.CausalMask(3)})
	save("attention_heads", f)
	fmt.Println(f.Caption())
	// Output:
	// Hatched grey cells are masked positions (weight 0).
}

func ExampleConvStep() {
	// The worked example: the 3×3 input 0…8 cross-correlated with the
	// 2×2 kernel [[0,1],[2,3]] gives 19 25 / 37 43.
	x := [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	k := [][]float64{{0, 1}, {2, 3}}
	f := viz.ConvStep(x, k, 1, 1, viz.Options{Title: "Cross-correlation, step 4 of 4"})
	save("convstep", f)
	fmt.Println(viz.ConvSum(x, k, 1, 1))
	// Output:
	// y(1, 1) = 4·0 + 5·1 + 7·2 + 8·3 = 43
}

func ExampleConvStep_padding() {
	x := [][]float64{{1, 2, 0}, {0, 1, 3}, {2, 0, 1}}
	k := [][]float64{{1, 0, -1}, {1, 0, -1}, {1, 0, -1}}
	f := viz.ConvStep(x, k, 0, 0, viz.Options{Title: "卷积：填充 1，步幅 1", Pad: 1, Bias: 0.5})
	save("convstep_pad", f)
	fmt.Println(viz.ConvSum(x, k, 0, 0, viz.Options{Pad: 1, Bias: 0.5}))
	fmt.Println(f.Caption())
	// Output:
	// y(0, 0) = 0·1 + 0·0 + 0·(-1) + 0·1 + 1·0 + 2·(-1) + 0·1 + 0·0 + 1·(-1) + bias 0.5 = -2.5
	// Cells outside the dashed line are zero padding.
}

func ExampleConvPlayer() {
	x := [][]float64{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}
	k := [][]float64{{0, 1}, {2, 3}}
	p := viz.ConvPlayer(x, k)
	fmt.Println(p.Len(), "frames")
	fmt.Println(p.Frame(3).Caption())
	// Output:
	// 4 frames
	// Output position (i, j) = (1, 1), step 4 of 4.
}

func ExampleFeatureMaps() {
	maps := make([][][]float64, 6)
	for c := range maps {
		maps[c] = make([][]float64, 8)
		for i := range maps[c] {
			maps[c][i] = make([]float64, 8)
			for j := range maps[c][i] {
				maps[c][i][j] = math.Max(0, math.Sin(float64(i+c)/2)*math.Cos(float64(j*(c+1))/5))
			}
		}
	}
	f := viz.FeatureMaps(maps, viz.Options{Title: "特征图 (conv1 + ReLU)"})
	save("featuremaps", f)
	fmt.Println(f.Caption())
	// Output:
	// One colour scale for all panels.
}

func ExampleFilters() {
	w := [][][][]float64{
		{{{1, 0, -1}, {2, 0, -2}, {1, 0, -1}}},
		{{{1, 2, 1}, {0, 0, 0}, {-1, -2, -1}}},
	}
	f := viz.Filters(w, viz.Options{Title: "Sobel filters", Labels: []string{"vertical edges", "horizontal edges"}})
	save("filters", f)
	fmt.Println(f.Caption())
	// Output:
	// One colour scale for all panels.
}

// states returns made-up hidden states shaped (T, units).
func states(T, units int) [][]float64 {
	h := make([][]float64, T)
	for t := range h {
		h[t] = make([]float64, units)
		for u := range h[t] {
			h[t][u] = math.Tanh(1.5 * math.Sin(0.5*float64(t)+float64(u)))
		}
	}
	return h
}

func ExampleHiddenStates() {
	tokens := []string{"the", "cat", "sat", "on", "the", "mat"}
	f := viz.HiddenStates(states(6, 4), viz.Options{Title: "Hidden states h_t", XTicks: tokens})
	save("hidden", f)
	w, h := f.Size()
	fmt.Printf("%.2f×%.2f in\n", w, h)
	// Output:
	// 4.11×2.94 in
}

func ExampleUnitLines() {
	f := viz.UnitLines(states(20, 4), []int{0, 3}, viz.Options{Title: "Two units over time"})
	save("unitlines", f)
	fmt.Println(f.Title())
	// Output:
	// Two units over time
}

func ExampleGates() {
	T, units := 8, 3
	gate := func(f func(t, u int) float64) [][]float64 {
		g := make([][]float64, T)
		for t := range g {
			g[t] = make([]float64, units)
			for u := range g[t] {
				g[t][u] = f(t, u)
			}
		}
		return g
	}
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	gates := [][][]float64{
		gate(func(t, u int) float64 { return sig(math.Sin(float64(t + u))) }),
		gate(func(t, u int) float64 { return sig(2 - float64(t)/3) }),
		gate(func(t, u int) float64 { return math.Tanh(math.Cos(float64(t*u) / 3)) }),
		gate(func(t, u int) float64 { return sig(float64(u) - 1) }),
	}
	f := viz.Gates([]string{"input i", "forget f", "candidate g", "output o"}, gates, viz.Options{Title: "LSTM gates", Cols: 2})
	save("gates", f)
	fmt.Println(f.Caption())
	// Output:
	// Each panel: hidden units down, time steps across.
}

func ExampleTrajectory() {
	f := viz.Trajectory(states(10, 5), viz.Options{Title: "Hidden states, first two principal components"})
	save("trajectory", f)
	fmt.Println(f.Caption())
	// Output:
	// Points are time steps t = 0…9.
}

func ExampleCurves() {
	var loss, acc []float64
	for s := 0; s < 30; s++ {
		loss = append(loss, 2.3*math.Exp(-float64(s)/8)+0.1)
		acc = append(acc, 1-0.9*math.Exp(-float64(s)/6))
	}
	val := make([]float64, len(loss))
	for i, v := range loss {
		val[i] = v + 0.15
	}
	f := viz.Curves([]viz.Series{
		{Name: "train", Panel: "loss", Y: loss},
		{Name: "validation", Panel: "loss", Y: val},
		{Name: "train", Panel: "accuracy", Y: acc},
	}, viz.Options{Title: "Training"})
	save("curves", f)
	fmt.Println(f.Title())
	// Output:
	// Training
}

// A figure's PNG has twice as many pixels per inch as a screen's CSS
// pixels; Render tells the notebook the size to show it at.
func ExampleFigure_Render() {
	f := viz.Heatmap([][]float64{{0, 1}, {1, 0}}).SetSize(3, 2)
	b := f.Render()
	w, h, _ := viz.CSSSize(b.Data["image/png"].([]byte))
	fmt.Println(b.Metadata["image/png"], w, h)
	// Output:
	// map[height:192 width:288] 288 192
}

// CSSSize reads the resolution a PNG states: a 600×300-pixel picture at
// 192 dpi shows at 300×150 CSS pixels.
func ExampleCSSSize() {
	img := image.NewRGBA(image.Rect(0, 0, 600, 300))
	w, h, ok := viz.CSSSize(viz.EncodePNG(img, 192))
	fmt.Println(w, h, ok)
	// Output:
	// 300 150 true
}
