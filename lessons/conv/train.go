package conv

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/stepwise-go/stepwise/interrupt"
	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// TrainOpts set up Train. The zero value trains one epoch over every
// training digit in batches of 32 with Adam at learning rate 0.001.
type TrainOpts struct {
	Epochs int     // passes over the training digits; 0 means 1
	Batch  int     // digits per step; 0 means 32
	LR     float64 // Adam's learning rate; 0 means 0.001
	N      int     // train on the first N digits only; 0 means all
	Seed   uint64  // the order of the digits in each epoch
	Points int     // test-accuracy measurements along the way; 0 means 6, −1 none
	EvalN  int     // test digits per measurement along the way; 0 means 200
	Adapt  Adapt   // how a digit becomes an input; the zero value means SeedAdapt
}

// History is what Train records: the loss and accuracy of every step, the
// test accuracy along the way and at the end. In a cell it shows a summary
// and the curves.
type History struct {
	Step     []float64 // 1, 2, … one per step
	Loss     []float64 // the batch's mean cross-entropy loss, before the update
	Acc      []float64 // the batch's accuracy, before the update
	EvalStep []float64 // steps after which the test accuracy was measured
	TestAcc  []float64 // accuracy on the first EvalN test digits, at EvalStep
	EvalN    int       // test digits used along the way
	Final    float64   // accuracy on every test digit after training
	TestN    int       // number of test digits
	Images   int       // training images seen (steps × batch)
	Train    int       // distinct training digits
	Epochs   int
	Batch    int
	LR       float64
	Seconds  float64 // wall-clock time of the training loop
	CPU      float64 // CPU seconds the process used meanwhile (0 if unknown)
	// Interrupted is true when the notebook's Interrupt button stopped
	// the training early; the model keeps what it learned so far.
	Interrupted bool
}

// Train trains model — a network whose Forward maps a batch of adapted
// digits to 10 logits, such as nn.SeedCNN() — on train with cross-entropy
// and Adam, and measures its accuracy on test. It runs compiled (a loop
// in a notebook cell would be about 100 times slower) on one goroutine,
// and leaves the model in evaluation mode.
func Train(model nn.Layer, train, test *Digits, o ...TrainOpts) *History {
	if len(o) > 1 {
		fail("conv.in.opts", len(o))
	}
	var opt TrainOpts
	if len(o) == 1 {
		opt = o[0]
	}
	opt = opt.resolve(train, test)
	ad := opt.Adapt
	h := &History{EvalN: opt.EvalN, TestN: test.Len(), Train: opt.N, Epochs: opt.Epochs, Batch: opt.Batch, LR: opt.LR}
	checkModel(model, train, ad)
	ce := nn.NewCrossEntropyLoss()
	adam := nn.NewAdam(model.Parameters(), opt.LR)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	steps := opt.Epochs * ((opt.N + opt.Batch - 1) / opt.Batch)
	every := 0
	if opt.Points > 0 {
		every = max(1, steps/opt.Points)
	}
	start, cpu0 := time.Now(), cpuTime()
	step := 0
	for e := 0; e < opt.Epochs && !h.Interrupted; e++ {
		order := rng.Perm(opt.N)
		for b := 0; b < opt.N; b += opt.Batch {
			if interrupt.Requested() {
				h.Interrupted = true
				break
			}
			idx := order[b:min(b+opt.Batch, opt.N)]
			xb, yb := ad.Batch(train, idx)
			nn.Train(model)
			adam.ZeroGrad()
			logits := model.Forward(xb)
			loss := ce.Forward(logits, yb)
			model.Backward(ce.Backward())
			adam.Step()
			step++
			h.Step = append(h.Step, float64(step))
			h.Loss = append(h.Loss, loss)
			h.Acc = append(h.Acc, correct(logits, yb)/float64(len(yb)))
			h.Images += len(idx)
			if every > 0 && (step%every == 0 || step == steps) {
				if len(h.EvalStep) == 0 || h.EvalStep[len(h.EvalStep)-1] != float64(step) {
					h.EvalStep = append(h.EvalStep, float64(step))
					h.TestAcc = append(h.TestAcc, accuracy(model, test, opt.EvalN, ad))
				}
			}
		}
	}
	h.Final = accuracy(model, test, test.Len(), ad)
	h.Seconds = time.Since(start).Seconds()
	if c := cpuTime(); c > 0 {
		h.CPU = (c - cpu0).Seconds()
	}
	nn.Eval(model)
	return h
}

func (o TrainOpts) resolve(train, test *Digits) TrainOpts {
	if o.Epochs == 0 {
		o.Epochs = 1
	}
	if o.Batch == 0 {
		o.Batch = 32
	}
	if o.LR == 0 {
		o.LR = 1e-3
	}
	if o.N == 0 {
		o.N = train.Len()
	}
	if o.Points == 0 {
		o.Points = 6
	}
	if o.EvalN == 0 {
		o.EvalN = min(200, test.Len())
	}
	if o.Epochs < 0 || o.Batch < 1 || o.LR < 0 || o.N < 1 || o.N > train.Len() || o.EvalN < 1 || o.EvalN > test.Len() {
		fail("conv.train.opts", o.Epochs, o.Batch, o.LR, o.N, train.Len(), o.EvalN, test.Len())
	}
	o.Adapt = o.Adapt.resolve(train)
	return o
}

// checkModel fails, saying why, unless model maps a batch of adapted
// digits to (B, 10) logits.
func checkModel(model nn.Layer, d *Digits, ad Adapt) {
	x, _ := ad.Batch(d, []int{0})
	var out []int
	if err := nn.Try(func() { out = model.OutShape(x.Shape) }); err != nil {
		fail("conv.train.model", shape(x.Shape), err.Error())
	}
	checkLogits(out)
}

// checkLogits fails unless a model's output is (B, 10).
func checkLogits(out []int) {
	if len(out) != 2 || out[1] != 10 {
		fail("conv.train.logits", shape(out))
	}
}

// correct counts the rows of logits whose largest entry is at the label.
func correct(logits *nn.Tensor, y []int) float64 {
	C := logits.Shape[1]
	n := 0
	for r, label := range y {
		if argmax(logits.Data[r*C:(r+1)*C]) == label {
			n++
		}
	}
	return float64(n)
}

func argmax(v []float64) int {
	best := 0
	for k := range v {
		if v[k] > v[best] {
			best = k
		}
	}
	return best
}

// accuracy evaluates the first n digits of d in batches of 100.
func accuracy(model nn.Layer, d *Digits, n int, ad Adapt) float64 {
	nn.Eval(model)
	right := 0.0
	for b := 0; b < n; b += 100 {
		idx := make([]int, 0, 100)
		for i := b; i < min(b+100, n); i++ {
			idx = append(idx, i)
		}
		x, y := ad.Batch(d, idx)
		right += correct(model.Forward(x), y)
	}
	return right / float64(n)
}

// Accuracy returns the fraction of d's digits that model labels right
// (the largest logit at the true label), in evaluation mode. A is the
// adaptation, SeedAdapt by default.
func Accuracy(model nn.Layer, d *Digits, a ...Adapt) float64 {
	var ad Adapt
	if len(a) > 0 {
		ad = a[0]
	}
	ad = ad.resolve(d)
	checkModel(model, d, ad)
	return accuracy(model, d, d.Len(), ad)
}

// Confusion returns counts[true][predicted] over d's digits.
func Confusion(model nn.Layer, d *Digits, a ...Adapt) [][]float64 {
	var ad Adapt
	if len(a) > 0 {
		ad = a[0]
	}
	nn.Eval(model)
	out := make([][]float64, 10)
	for k := range out {
		out[k] = make([]float64, 10)
	}
	for b := 0; b < d.Len(); b += 100 {
		var idx []int
		for i := b; i < min(b+100, d.Len()); i++ {
			idx = append(idx, i)
		}
		x, y := ad.Batch(d, idx)
		logits := model.Forward(x)
		for r, label := range y {
			out[label][argmax(logits.Data[r*10:(r+1)*10])]++
		}
	}
	return out
}

// smooth is the running mean of the last w values.
func smooth(v []float64, w int) []float64 {
	out := make([]float64, len(v))
	sum := 0.0
	for k, x := range v {
		sum += x
		if k >= w {
			sum -= v[k-w]
		}
		out[k] = sum / float64(min(k+1, w))
	}
	return out
}

// Curves draws the loss and the accuracies against the step.
func (h *History) Curves() *viz.Figure {
	syncLang()
	w := max(1, min(25, len(h.Loss)/10))
	series := []viz.Series{
		{Name: lessons.T("conv.train.batchLoss"), Panel: lessons.T("conv.train.loss"), X: h.Step, Y: h.Loss},
		{Name: lessons.T("conv.train.mean", w), Panel: lessons.T("conv.train.loss"), X: h.Step, Y: smooth(h.Loss, w)},
		{Name: lessons.T("conv.train.trainAcc", w), Panel: lessons.T("conv.train.accuracy"), X: h.Step, Y: smooth(h.Acc, w)},
	}
	if len(h.TestAcc) > 0 {
		series = append(series, viz.Series{Name: lessons.T("conv.train.testAcc", h.EvalN), Panel: lessons.T("conv.train.accuracy"), X: h.EvalStep, Y: h.TestAcc})
	}
	return viz.Curves(series).SetSize(8, 3)
}

// Markdown summarises the training.
func (h *History) Markdown() string {
	var b strings.Builder
	key := "conv.train.summary"
	if h.Epochs == 1 {
		key = "conv.train.summary1"
	}
	parts := []string{lessons.T(key, len(h.Step), h.Batch, h.Images, h.Train, h.Epochs, plain(h.LR), fmt.Sprintf("%.1f", h.Seconds))}
	if h.CPU > 0 {
		parts = append(parts, lessons.T("conv.train.cpu", fmt.Sprintf("%.1f", h.CPU)))
		if h.Seconds > 1.5*h.CPU {
			parts = append(parts, lessons.T("conv.train.busy"))
		}
	}
	b.WriteString(sentences(parts...) + "\n\n")
	if len(h.Loss) > 0 {
		w := max(1, min(25, len(h.Loss)/10))
		first, last := smooth(h.Loss, w), smooth(h.Loss, w)
		b.WriteString(lessons.T("conv.train.lossFromTo", fmt.Sprintf("%.3f", first[min(w, len(first))-1]), fmt.Sprintf("%.3f", last[len(last)-1])) + "\n\n")
	}
	if h.Interrupted {
		b.WriteString(lessons.T("conv.train.interrupted", len(h.Step)) + "\n\n")
	}
	b.WriteString(lessons.T("conv.train.final", fmt.Sprintf("%.1f", 100*h.Final), h.TestN, int(h.Final*float64(h.TestN)+0.5)))
	return b.String()
}

// sentences joins sentences: with a space in English, without one in
// Chinese.
func sentences(s ...string) string {
	if lessons.Lang() == lessons.ZH {
		return strings.Join(s, "")
	}
	return strings.Join(s, " ")
}

// HTML shows the summary and the curves.
func (h *History) HTML() string {
	return lessons.MarkdownHTML(h.Markdown()) + lessons.PNGImg(h.Curves().PNG())
}

// PNG shows the curves.
func (h *History) PNG() []byte { return h.Curves().PNG() }

// String is the summary in one line.
func (h *History) String() string {
	return fmt.Sprintf("%d steps, %.1f s (%.1f s CPU), test accuracy %.1f%% (%d digits)", len(h.Step), h.Seconds, h.CPU, 100*h.Final, h.TestN)
}

var trainMessages = lessons.Catalog{
	"conv.train.interrupted": {
		EN: "**Interrupted** after %d steps: the model keeps what it learned so far.",
		ZH: "训练在第 %d 步后被**中断**：模型保留了到目前为止学到的内容。",
	},
	"conv.train.opts": {
		EN: "TrainOpts out of range: Epochs %d, Batch %d, LR %g, N %d (the training set has %d), EvalN %d (the test set has %d); use Epochs ≥ 0, Batch ≥ 1, LR ≥ 0, 1 ≤ N ≤ the training set, 1 ≤ EvalN ≤ the test set",
		ZH: "TrainOpts 超出范围：Epochs %d，Batch %d，LR %g，N %d（训练集有 %d 张），EvalN %d（测试集有 %d 张）；应满足 Epochs ≥ 0、Batch ≥ 1、LR ≥ 0、1 ≤ N ≤ 训练集大小、1 ≤ EvalN ≤ 测试集大小"},
	"conv.train.model": {
		EN: "the model cannot take the digits as adapted, a batch of shape %s: %s",
		ZH: "模型无法接收调整后的数字（形状为 %s 的批量）：%s"},
	"conv.train.logits": {
		EN: "the model must map a batch to 10 logits per image, shape (B, 10); it gives shape %s",
		ZH: "模型必须把一个批量中的每张图像映射为 10 个 logit，形状为 (B, 10)；它给出的形状是 %s"},
	"conv.train.batchLoss": {EN: "each batch", ZH: "每个批量"},
	"conv.train.mean":      {EN: "mean of %d steps", ZH: "%d 步的平均"},
	"conv.train.loss":      {EN: "cross-entropy loss", ZH: "交叉熵损失"},
	"conv.train.accuracy":  {EN: "accuracy", ZH: "精度"},
	"conv.train.trainAcc":  {EN: "training batches (mean of %d)", ZH: "训练批量（%d 步平均）"},
	"conv.train.testAcc":   {EN: "%d test digits", ZH: "%d 张测试数字"},
	"conv.train.summary": {
		EN: "Trained for **%d steps** of %d images (%d in all: %d digits × %d epochs) with Adam, learning rate %s, in **%s s**.",
		ZH: "用 Adam（学习率 %[6]s）训练了 **%[1]d 步**，每步 %[2]d 张图像（共 %[3]d 张：%[4]d 个数字 × %[5]d 轮），用时 **%[7]s 秒**。"},
	"conv.train.summary1": {
		EN: "Trained for **%d steps** of %d images (%d in all: %d digits, one epoch) with Adam, learning rate %[6]s, in **%[7]s s**.",
		ZH: "用 Adam（学习率 %[6]s）训练了 **%[1]d 步**，每步 %[2]d 张图像（共 %[3]d 张：%[4]d 个数字，一轮），用时 **%[7]s 秒**。"},
	"conv.train.cpu":        {EN: "The computer spent %s s of CPU time on it, on one core.", ZH: "在一个核心上共花费 %s 秒 CPU 时间。"},
	"conv.train.busy":       {EN: "(The wall-clock time is longer: other programs were using the processor.)", ZH: "（实际耗时更长，是因为其他程序也在占用处理器。）"},
	"conv.train.lossFromTo": {EN: "The training loss fell from %s to %s (running means).", ZH: "训练损失从 %s 降到 %s（滑动平均）。"},
	"conv.train.final": {
		EN: "**Test accuracy: %s %%** (%[3]d of the %[2]d held-out test digits labelled right).",
		ZH: "**测试精度：%s %%**（%[2]d 张未参与训练的测试数字中认对了 %[3]d 张）。"},
}

func init() { lessons.RegisterCatalog("conv", trainMessages) }

// ShowConfusion draws the confusion matrix of model on d: row = true
// label, column = predicted label, each cell the number of digits.
func ShowConfusion(model nn.Layer, d *Digits, a ...Adapt) *viz.Figure {
	syncLang()
	m := Confusion(model, d, a...)
	right := 0.0
	for k := range m {
		right += m[k][k]
	}
	ticks := make([]string, 10)
	for k := range ticks {
		ticks[k] = fmt.Sprint(k)
	}
	return viz.Heatmap(m, viz.Options{Annotate: true, Format: "%.0f", XTicks: ticks, YTicks: ticks,
		XLabel: lessons.T("conv.train.predicted"), YLabel: lessons.T("conv.train.true"),
		Title: lessons.T("conv.train.confusion", int(right), d.Len())})
}

var confusionMessages = lessons.Catalog{
	"conv.train.predicted": {EN: "predicted label", ZH: "预测标签"},
	"conv.train.true":      {EN: "true label", ZH: "真实标签"},
	"conv.train.confusion": {EN: "%d of %d test digits right", ZH: "%[2]d 张测试数字中认对 %[1]d 张"},
}

func init() { lessons.RegisterCatalog("conv", confusionMessages) }
