package conv

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/nn"
)

// TestErrataMatchMathref checks the numbers of each demonstration against
// mathref's own demonstration of the same erratum (which mathref's tests
// check against PyTorch).
func TestErrataMatchMathref(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("en")
	reNum := regexp.MustCompile(`-?\d+(\.\d+)?`)
	numbers := func(s string) []string { return reNum.FindAllString(s, -1) }
	// within reports whether the numbers of a appear in b, in order.
	within := func(a, b []string) bool {
		k := 0
		for _, x := range b {
			if k < len(a) && a[k] == x {
				k++
			}
		}
		return k == len(a)
	}
	agree := func(a, b string) bool {
		return within(numbers(a), numbers(b)) || within(numbers(b), numbers(a))
	}
	for _, e := range append(SeedErrata(), CNNErrata()...) {
		m, _ := mathref.ErratumByID(e.ID)
		d := m.Demo()
		if e.ID == "conv-output-size" || e.ID == "cnn-view-mixes-images" {
			continue // checked in TestOutputSize and TestViewRows
		}
		if !agree(e.Bad, d.Wrong) {
			t.Errorf("%s: wrong form gives %q here, mathref's demo %q", e.ID, numbers(e.Bad), numbers(d.Wrong))
		}
		if !agree(e.Good, d.Right) {
			t.Errorf("%s: right form gives %q here, mathref's demo %q", e.ID, numbers(e.Good), numbers(d.Right))
		}
		if e.Wrong != localTeX(m.Wrong) || e.Right != localTeX(m.Right) {
			t.Errorf("%s: forms differ from mathref's", e.ID)
		}
	}
	if err := Try(func() { SeedErrata("no-such") }); err == nil || !strings.Contains(err.Error(), "conv-no-output-position") {
		t.Errorf("unknown erratum: %v", err)
	}
}

// TestViewRows checks the view table against nn.SeedCNNAsWritten run on
// random 32×32 images.
func TestViewRows(t *testing.T) {
	v := ViewRows(9, 32, 32)
	if v.Rows != 16 || v.PerImage != 4096 || v.Err != nil || !v.Mixed() {
		t.Errorf("ViewRows(9, 32, 32) = %+v, want 16 rows of 2304, mixed", v)
	}
	if got := []string{v.Images(0), v.Images(1), v.Images(2), v.Images(3)}; fmt.Sprint(got) != "[{0} {0,1} {1} {1,2}]" {
		t.Errorf("rows 0–3 hold images %v, want [{0} {0,1} {1} {1,2}] (mathref's demo)", got)
	}
	nn.ManualSeed(7)
	y := nn.SeedCNNAsWritten().Forward(nn.Rand(9, 3, 32, 32))
	if fmt.Sprint(y.Shape) != "[16 10]" {
		t.Errorf("nn.SeedCNNAsWritten on 9 images gives %v, want [16 10]", y.Shape)
	}
	if v8 := ViewRows(8, 32, 32); v8.Err == nil || v8.Rows != 0 || !strings.Contains(v8.Markdown(), "not a multiple") {
		t.Errorf("ViewRows(8, 32, 32) = %+v, want an error", v8)
	}
	if v24 := ViewRows(9, 24, 24); v24.Rows != 9 || v24.Mixed() {
		t.Errorf("ViewRows(9, 24, 24) = %+v, want 9 rows, one image each", v24)
	}
	if got, want := fitSizes(), []int{24, 25, 26, 27}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sizes that fit: %v, want %v", got, want)
	}
	if got := sum4(seedParams(2304)); got != nn.NumParams(nn.SeedCNN()) {
		t.Errorf("seedParams total %d, nn.NumParams %d", got, nn.NumParams(nn.SeedCNN()))
	}
	if got := traceShape(8, 24, "pool1"); fmt.Sprint(got) != "[8 32 12 12]" {
		t.Errorf("pool1 shape %v", got)
	}
}

// TestMNIST checks the embedded digits: sizes, labels and the adaptation.
func TestMNIST(t *testing.T) {
	train, test := MNIST()
	if train.Len() != 8000 || test.Len() != 1000 || train.H != 28 || train.W != 28 {
		t.Fatalf("MNIST sizes %d, %d, %d×%d", train.Len(), test.Len(), train.H, train.W)
	}
	// MNIST's first training digit is a 5 and its first test digit a 7;
	// the 11th test digit (index 10) is every 10th one's second.
	if train.Label(0) != 5 || test.Label(0) != 7 {
		t.Errorf("first labels %d, %d, want 5 and 7", train.Label(0), test.Label(0))
	}
	n := 0
	for _, c := range train.Counts() {
		if c < 600 {
			t.Errorf("a label with only %d training digits: %v", c, train.Counts())
		}
		n += c
	}
	if n != 8000 {
		t.Errorf("counts sum to %d", n)
	}
	x, y := SeedAdapt.Batch(test, []int{0, 3})
	if fmt.Sprint(x.Shape) != "[2 3 24 24]" || y[0] != 7 {
		t.Fatalf("adapted batch %v, labels %v", x.Shape, y)
	}
	img := test.Image(3).Pix
	for r := 0; r < 24; r += 5 {
		for c := 0; c < 24; c += 3 {
			want := (img[r+2][c+2] - 0.1307) / 0.3081
			for ch := 0; ch < 3; ch++ {
				if got := x.At(1, ch, r, c); math.Abs(got-want) > 1e-12 {
					t.Fatalf("adapted (1,%d,%d,%d) = %v, want %v (crop offset 2, normalised)", ch, r, c, got, want)
				}
			}
		}
	}
	// The crop removes a nearly blank border: under 0.5 % of the ink
	// (0.24 % measured when the data were chosen).
	lost, ink := 0.0, 0.0
	for i := 0; i < test.Len(); i++ {
		p := test.Image(i).Pix
		for r := 0; r < 28; r++ {
			for c := 0; c < 28; c++ {
				ink += p[r][c]
				if r < 2 || r >= 26 || c < 2 || c >= 26 {
					lost += p[r][c]
				}
			}
		}
	}
	if lost/ink > 0.005 {
		t.Errorf("the 24×24 crop cuts %.2f%% of the test digits' ink", 100*lost/ink)
	}
	if _, err := ReadIDX(strings.NewReader("no"), strings.NewReader("no")); err == nil {
		t.Errorf("ReadIDX accepted garbage")
	}
}

// TestTrainLearns trains on a few hundred digits and checks that the loss
// falls and the accuracy beats chance by far.
func TestTrainLearns(t *testing.T) {
	train, test := MNIST()
	nn.ManualSeed(3)
	m := nn.SeedCNN()
	h := Train(m, train, test.Head(200), TrainOpts{N: 640, Batch: 64, LR: 3e-3, Points: 2, EvalN: 100})
	if len(h.Loss) != 10 || h.Images != 640 || len(h.TestAcc) != 2 {
		t.Fatalf("history: %d steps, %d images, %d test points", len(h.Loss), h.Images, len(h.TestAcc))
	}
	first, last := (h.Loss[0]+h.Loss[1])/2, (h.Loss[8]+h.Loss[9])/2
	if !(last < first) || h.Loss[0] < 2 {
		t.Errorf("loss %v → %v: it should start near ln 10 ≈ 2.3 and fall", first, last)
	}
	if h.Final < 0.5 {
		t.Errorf("test accuracy %.2f after 640 digits, want well above chance (0.1)", h.Final)
	}
	if a := Accuracy(m, test.Head(200)); math.Abs(a-h.Final) > 1e-12 {
		t.Errorf("Accuracy %v differs from History.Final %v", a, h.Final)
	}
	cm := Confusion(m, test.Head(200))
	diag := 0.0
	for k := range cm {
		diag += cm[k][k]
	}
	if math.Abs(diag/200-h.Final) > 1e-12 {
		t.Errorf("confusion diagonal %v vs accuracy %v", diag/200, h.Final)
	}
	in := Inspect(m, test, 0)
	if len(in.steps) != 11 || math.Abs(sum(in.Probs)-1) > 1e-12 {
		t.Errorf("inspect: %d steps, probabilities sum to %v", len(in.steps), sum(in.Probs))
	}
	if err := Try(func() { Train(nn.NewLinear(3, 10), train, test) }); err == nil {
		t.Errorf("Train accepted a model that cannot take the digits")
	}
	if err := Try(func() { Train(m, train, test, TrainOpts{N: 9000}) }); err == nil || !strings.Contains(err.Error(), "N 9000") {
		t.Errorf("Train with N 9000: %v", err)
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// TestErrataChineseFormulas checks that no English prose is left inside
// the formulas of the errata when the lessons speak Chinese.
func TestErrataChineseFormulas(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("zh")
	reText := regexp.MustCompile(`\\text\{([^}]*)\}`)
	for _, e := range append(SeedErrata(), CNNErrata()...) {
		if e.Lang != "tex" {
			continue
		}
		for _, m := range reText.FindAllStringSubmatch(e.Wrong+e.Right, -1) {
			if words := regexp.MustCompile(`[A-Za-z]{3,}`).FindAllString(m[1], -1); len(words) >= 2 && !regexp.MustCompile(`\p{Han}`).MatchString(m[1]) {
				t.Errorf("%s: English in a Chinese formula: %s", e.ID, m[0])
			}
		}
	}
}

// TestChineseFigures draws the figures with Chinese text, including rare
// characters (熵 of 交叉熵) that need the system CJK font.
func TestChineseFigures(t *testing.T) {
	defer lessons.SetLang(lessons.Lang())
	lessons.SetLang("zh")
	h := &History{Step: []float64{1, 2, 3}, Loss: []float64{2.3, 1.5, 0.9}, Acc: []float64{0.1, 0.5, 0.7},
		EvalStep: []float64{3}, TestAcc: []float64{0.6}, EvalN: 200, Final: 0.6, TestN: 1000, Batch: 64, LR: 0.003, Epochs: 1}
	for name, png := range map[string][]byte{
		"curves":  h.PNG(),
		"filters": ShowFilters(EdgeFilters()).PNG(),
		"maps":    ApplyFilters(Photo().Crop(0, 0, 20, 20)).PNG(),
		"walk":    New(Lesson5x5, LessonKernel).PNG(),
	} {
		if len(png) < 1000 || string(png[1:4]) != "PNG" {
			t.Errorf("%s: not a PNG", name)
		}
	}
	if !strings.Contains(h.Markdown(), "测试精度") {
		t.Errorf("History in Chinese: %s", h.Markdown())
	}
	lessons.SetLang("en")
	syncLang()
}
