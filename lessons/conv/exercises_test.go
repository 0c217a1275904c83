package conv

import (
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
)

// checkCase is one answer to an exercise and what the feedback must say.
type checkCase struct {
	name   string
	ex     *lessons.Exercise
	answer any
	pass   bool
	says   string // a substring of the feedback (English)
}

func goodCorr2D(x, w [][]float64) [][]float64 {
	h, wd := len(x)-len(w)+1, len(x[0])-len(w[0])+1
	y := make([][]float64, h)
	for i := range y {
		y[i] = make([]float64, wd)
		for j := range y[i] {
			for u := range w {
				for v := range w[u] {
					y[i][j] += x[i+u][j+v] * w[u][v]
				}
			}
		}
	}
	return y
}

func flippedCorr2D(x, w [][]float64) [][]float64 {
	f := make([][]float64, len(w))
	for u := range w {
		f[u] = make([]float64, len(w[u]))
		for v := range w[u] {
			f[u][v] = w[len(w)-1-u][len(w[u])-1-v]
		}
	}
	return goodCorr2D(x, f)
}

func shortCorr2D(x, w [][]float64) [][]float64 { // forgets the +1
	y := goodCorr2D(x, w)
	return y[:len(y)-1]
}

func mutatingCorr2D(x, w [][]float64) [][]float64 {
	y := goodCorr2D(x, w)
	x[0][0] = 99
	return y
}

func goodFlatten(x *nn.Tensor) *nn.Tensor { return x.Clone().Reshape(x.Shape[0], -1) }

func seedView(x *nn.Tensor) *nn.Tensor { return x.Clone().Reshape(-1, 2304) }

func TestCheckers(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("en")
	cases := []checkCase{
		{"out-size right", ExOutSize, 5, true, ""},
		{"out-size no +1", ExOutSize, 4, false, "without the **+1**"},
		{"out-size no padding", ExOutSize, 3, false, "leaves out the padding"},
		{"out-size rounded up", ExOutSize, 6, false, "Round **down**"},
		{"out-size no stride", ExOutSize, 10, false, "ignores the stride"},
		{"out-size fraction", ExOutSize, 4.5, false, "take the floor"},
		{"out-size string", ExOutSize, "five", false, "a number"},
		{"by-hand right", ExByHand, 8.0, true, ""},
		{"by-hand int", ExByHand, 8, true, ""},
		{"by-hand no bias", ExByHand, 7.0, false, "without the bias"},
		{"by-hand flipped", ExByHand, CrossVsTrue(exX, exW, Opts{Bias: []float64{exB}}).True.At(0, 1, 0), false, "true convolution"},
		{"by-hand wrong position", ExByHand, byHand().Y.At(0, 0, 1), false, "That is $y(0, 1)$"},
		{"pad-stride right", ExPadStride, padStride(Opts{Padding: 1, Stride: 2}).Output(0), true, ""},
		{"pad-stride stride 1", ExPadStride, padStride(Opts{Padding: 1}).Output(0), false, "shape"},
		{"pad-stride no padding", ExPadStride, padStride(Opts{Stride: 2}).Output(0), false, "shape"},
		{"pad-stride flipped", ExPadStride, CrossVsTrue(exPS, LessonKernel, Opts{Padding: 1, Stride: 2}).Flipped.Output(0), false, "flipping it"},
		{"pad-stride lesson's input", ExPadStride, New(Lesson5x5, LessonKernel, Opts{Padding: 1, Stride: 2}).Output(0), false, "its own input"},
		{"channels right", ExChannels, channels().Output(0), true, ""},
		{"channels one channel", ExChannels, addAll(New(exC[0], exCW[0]).Output(0), exCB), false, "channel 0 only"},
		{"channels no bias", ExChannels, New(exC, exCW).Output(0), false, "bias $b = 0.5$ is missing"},
		{"channels bias twice", ExChannels, addAll(channels().Output(0), exCB), false, "once per channel"},
		{"pool right", ExPool, [][]float64{{7, 4}, {6, 8}}, true, ""},
		{"pool average", ExPool, [][]float64{{3.25, 2.25}, {3, 3.75}}, false, "average pooling"},
		{"pool min", ExPool, [][]float64{{1, 0}, {0, 2}}, false, "smallest value"},
		{"corr2d right", ExCorr2D, goodCorr2D, true, ""},
		{"corr2d flipped", ExCorr2D, flippedCorr2D, false, "flip"},
		{"corr2d short", ExCorr2D, shortCorr2D, false, "shape"},
		{"corr2d signature", ExCorr2D, func(x [][]float64) [][]float64 { return x }, false, "func(x [][]float64, w [][]float64) [][]float64"},
		{"corr2d value not func", ExCorr2D, [][]float64{{1}}, false, "function"},
		{"out-size-func right", ExOutSizeFunc, func(n, k, s, p, d int) int { return (n+2*p-d*(k-1)-1)/s + 1 }, true, ""},
		{"out-size-func no +1", ExOutSizeFunc, func(n, k, s, p, d int) int { return (n + 2*p - d*(k-1) - 1) / s }, false, "leaves out the **+1**"},
		{"out-size-func no dilation", ExOutSizeFunc, func(n, k, s, p, d int) int { return (n+2*p-k)/s + 1 }, false, "ignores the dilation"},
		{"out-size-func one-sided padding", ExOutSizeFunc, func(n, k, s, p, d int) int { return (n+p-d*(k-1)-1)/s + 1 }, false, "pads one side only"},
		{"out-size-func panics", ExOutSizeFunc, func(n, k, s, p, d int) int { return n / (k - 3) }, false, "divide by zero"},
		{"flatten right", ExFlatten, 16384, true, ""},
		{"flatten 2304", ExFlatten, 2304, false, "fits 24×24"},
		{"flatten one map", ExFlatten, 256, false, "16·16 is one feature map"},
		{"flatten conv1 channels", ExFlatten, 32 * 16 * 16, false, "32 channels come out of conv1"},
		{"conv1 right", ExParamsConv1, 320, true, ""},
		{"conv1 no bias", ExParamsConv1, 288, false, "weights only"},
		{"conv1 3 channels", ExParamsConv1, 896, false, "3 input channels"},
		{"total right", ExParamsTotal, 422218, true, ""},
		{"total no biases", ExParamsTotal, 422218 - 234, false, "biases are missing"},
		{"total 24x24", ExParamsTotal, 315722, false, "24×24 inputs"},
		{"total 32x32", ExParamsTotal, 545098, false, "32×32 version"},
		{"pool1 right", ExShapePool1, []int{8, 32, 14, 14}, true, ""},
		{"pool1 before pooling", ExShapePool1, []int{8, 32, 28, 28}, false, "before the pooling"},
		{"pool1 after pool2", ExShapePool1, []int{8, 64, 7, 7}, false, "after pool2"},
		{"pool1 no batch", ExShapePool1, []int{32, 14, 14}, false, "shape"},
		{"view right", ExViewRows, 32, true, ""},
		{"view 18", ExViewRows, 18, false, "should* give"},
		{"view 9 images", ExViewRows, 16, false, "9 images give"},
		{"sizes right", ExFitSizes, []int{24, 25, 26, 27}, true, ""},
		{"sizes only 24", ExFitSizes, []int{24}, false, "Some sizes that fit are missing"},
		{"sizes 28", ExFitSizes, []int{24, 25, 26, 27, 28}, false, "28 does not fit: after two poolings the side is ⌊28/4⌋ = 7"},
		{"sizes order", ExFitSizes, []int{27, 26, 25, 24}, false, "increasing order"},
		{"sizes empty", ExFitSizes, []int{}, false, "missing"},
		{"fix-view unchanged", ExFixView, func(x *nn.Tensor) *nn.Tensor { return x.Clone() }, false, "your result has shape (2, 3, 2, 2)"},
		{"fix-view right", ExFixView, goodFlatten, true, ""},
		{"fix-view seed's view", ExFixView, seedView, false, "panic"},
	}
	for _, c := range cases {
		f := c.ex.Check(c.answer)
		if f.Passed != c.pass {
			t.Errorf("%s: passed = %v, want %v\n%s", c.name, f.Passed, c.pass, f.Markdown())
			continue
		}
		if c.says != "" && !strings.Contains(f.Markdown(), c.says) {
			t.Errorf("%s: feedback lacks %q:\n%s", c.name, c.says, f.Markdown())
		}
	}
	lessons.ResetSubmissions()
}

// TestHidden checks that right answers pass the hidden tests and that
// the hidden tests catch what the visible check cannot.
func TestHidden(t *testing.T) {
	right := map[*lessons.Exercise]any{
		ExOutSize: 5, ExByHand: 8.0, ExPadStride: padStride(Opts{Padding: 1, Stride: 2}).Output(0),
		ExChannels: channels().Output(0), ExPool: [][]float64{{7, 4}, {6, 8}}, ExCorr2D: goodCorr2D,
		ExOutSizeFunc: func(n, k, s, p, d int) int { return (n+2*p-d*(k-1)-1)/s + 1 },
		ExFlatten:     16384, ExParamsConv1: 320, ExParamsTotal: 422218, ExShapePool1: []int{8, 32, 14, 14},
		ExViewRows: 32, ExFitSizes: []int{24, 25, 26, 27}, ExFixView: goodFlatten,
	}
	for _, l := range []*lessons.Lesson{Convolution, CNN} {
		if len(l.Exercises) < 5 {
			t.Errorf("%s has %d exercises, want at least 5", l.Name, len(l.Exercises))
		}
		for _, e := range l.Exercises {
			a, ok := right[e]
			if !ok {
				t.Errorf("no right answer for %s in this test", e.ID())
				continue
			}
			if g := e.Grade(a); g.Passed != g.Tests {
				t.Errorf("%s: right answer passes %d of %d tests: %v", e.ID(), g.Passed, g.Tests, g.Failures)
			}
			if len(e.Spec().Hints) == 0 || e.Spec().Solution.IsZero() {
				t.Errorf("%s lacks hints or a solution", e.ID())
			}
		}
	}
	if g := ExCorr2D.Grade(mutatingCorr2D); g.Passed == g.Tests {
		t.Errorf("corr2d that changes its input passes every hidden test")
	}
	sq := func(x, w [][]float64) [][]float64 { // only right for square kernels
		k := len(w)
		y := make([][]float64, len(x)-k+1)
		for i := range y {
			y[i] = make([]float64, len(x[0])-k+1)
			for j := range y[i] {
				for u := 0; u < k; u++ {
					for v := 0; v < k; v++ {
						y[i][j] += x[i+u][j+v] * w[u][v]
					}
				}
			}
		}
		return y
	}
	if f := ExCorr2D.Check(sq); !f.Passed {
		t.Errorf("the square-only corr2d should pass the visible check: %s", f)
	}
	if g := ExCorr2D.Grade(sq); g.Passed == g.Tests {
		t.Errorf("the square-only corr2d passes the hidden tests")
	}
	lessons.ResetSubmissions()
}

// TestCheckersChinese checks that feedback follows the language.
func TestCheckersChinese(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("zh")
	for _, c := range []checkCase{
		{"out-size", ExOutSize, 4, false, "少了 **+1**"},
		{"by-hand", ExByHand, 7.0, false, "还没加偏置"},
		{"channels", ExChannels, addAll(New(exC[0], exCW[0]).Output(0), exCB), false, "只算了通道 0"},
		{"out-size-func", ExOutSizeFunc, func(n, k, s, p, d int) int { return (n+2*p-k)/s + 1 }, false, "忽略了膨胀"},
	} {
		if f := c.ex.Check(c.answer); f.Passed || !strings.Contains(f.Markdown(), c.says) {
			t.Errorf("%s: %s", c.name, f.Markdown())
		}
	}
	lessons.ResetSubmissions()
}

// TestNoAnswerGiven checks that a wrong answer to a value exercise does
// not show the expected numbers.
func TestNoAnswerGiven(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("en")
	for _, c := range []struct {
		ex     *lessons.Exercise
		answer any
		secret string
	}{
		{ExOutSize, 0, "5"},
		{ExByHand, 0.0, "8"},
		{ExParamsTotal, 0, "422218"},
		{ExFitSizes, []int{}, "(4"},
		{ExFitSizes, []int{24, 28}, "25"},
		{ExPadStride, [][]float64{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, "expected"},
		{ExPool, [][]float64{{0, 0}, {0, 0}}, "expected"},
	} {
		f := c.ex.Check(c.answer)
		if f.Passed || strings.Contains(f.Problem, c.secret) {
			t.Errorf("%s: the feedback gives the answer away:\n%s", c.ex.ID(), f.Markdown())
		}
	}
	if f := ExPool.Check([][]float64{{7, 4}, {6, 0}}); !strings.Contains(f.Problem, "1 of the 4 entries are wrong: [1, 1]") {
		t.Errorf("ExPool: %s", f.Problem)
	}
	lessons.ResetSubmissions()
}
