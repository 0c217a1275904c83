package viz_test

import (
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/viz"
)

// The benchmarks tests/bench/viz.sh runs against matplotlib. The data are
// normal random numbers (seeded), like weights or activations, which is
// the hard case for PNG compression.

func randn(r, c int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([][]float64, r)
	for i := range x {
		x[i] = make([]float64, c)
		for j := range x[i] {
			x[i][j] = rng.NormFloat64()
		}
	}
	return x
}

// benchFigure measures making the figure and rendering it. Besides the
// wall time it reports the process's CPU time per figure (cpu-ms/op),
// which a busy machine disturbs less.
func benchFigure(b *testing.B, mk func() *viz.Figure, svg bool) {
	var n int
	cpu0 := cpuTime()
	for b.Loop() {
		f := mk()
		if svg {
			n = len(f.SVG())
		} else {
			n = len(f.PNG())
		}
	}
	b.ReportMetric(float64(n), "bytes")
	b.ReportMetric((cpuTime()-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the user + system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchHeatmap(b *testing.B, n int, svg bool) {
	x := randn(n, n, 1)
	benchFigure(b, func() *viz.Figure { return viz.Heatmap(x, viz.Options{Title: "heatmap"}) }, svg)
}

func BenchmarkHeatmap8PNG(b *testing.B)   { benchHeatmap(b, 8, false) }
func BenchmarkHeatmap64PNG(b *testing.B)  { benchHeatmap(b, 64, false) }
func BenchmarkHeatmap256PNG(b *testing.B) { benchHeatmap(b, 256, false) }
func BenchmarkHeatmap8SVG(b *testing.B)   { benchHeatmap(b, 8, true) }
func BenchmarkHeatmap64SVG(b *testing.B)  { benchHeatmap(b, 64, true) }
func BenchmarkHeatmap256SVG(b *testing.B) { benchHeatmap(b, 256, true) }

// featureGrid returns a maker of a grid of 32 ReLU'd 28×28 maps, like
// conv1 on an MNIST digit.
func featureGrid() func() *viz.Figure {
	maps := make([][][]float64, 32)
	for k := range maps {
		maps[k] = randn(28, 28, uint64(k+2))
		for _, row := range maps[k] {
			for j, v := range row {
				row[j] = math.Max(0, v)
			}
		}
	}
	return func() *viz.Figure { return viz.FeatureMaps(maps, viz.Options{Title: "feature maps"}) }
}

func BenchmarkFeatureGrid32PNG(b *testing.B) { benchFigure(b, featureGrid(), false) }
func BenchmarkFeatureGrid32SVG(b *testing.B) { benchFigure(b, featureGrid(), true) }

// The 8×8 heatmap with values written in the cells: text-heavy.
func BenchmarkHeatmap8AnnotatedPNG(b *testing.B) {
	x := randn(8, 8, 1)
	benchFigure(b, func() *viz.Figure { return viz.Heatmap(x, viz.Options{Title: "heatmap", Annotate: true}) }, false)
}

func BenchmarkConvPlayerHTML(b *testing.B) {
	p := viz.ConvPlayer(randn(6, 6, 3), randn(3, 3, 4))
	var n int
	for b.Loop() {
		n = len(p.HTML())
	}
	b.ReportMetric(float64(n), "bytes")
}
