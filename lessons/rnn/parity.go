package rnn

import (
	"fmt"
	"github.com/stepwise-go/stepwise/interrupt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// ParityData is a batch of the padding lesson's task: each sequence is 1
// to MaxLen random bits, and its label says whether it holds an odd number
// of 1s. The sequences are padded at the end to MaxLen, as a DataLoader
// with pad_sequence would do: a bit is one-hot, (1, 0) for 0 and (0, 1)
// for 1, and a padding step is the zero vector (0, 0). The answer depends
// on every bit, so a model must read each sequence to its own end.
type ParityData struct {
	X       *nn.Tensor // (B, MaxLen, 2), batch first
	Lengths []int      // each sequence's real length, 1 … MaxLen
	Labels  []int      // 1 when the count of 1s is odd, else 0
	Bits    [][]int    // the bits themselves, without padding
	MaxLen  int        // T, the padded length
}

// Parity draws n sequences of 1 to maxLen bits, every length equally
// likely, from a generator seeded with seed.
func Parity(n, maxLen int, seed uint64) *ParityData {
	if n < 1 || maxLen < 1 {
		fail("rnn.input.parity", n, maxLen)
	}
	src := rand.New(rand.NewPCG(seed, 0x9a41))
	d := &ParityData{X: nn.New(n, maxLen, 2), Lengths: make([]int, n), Labels: make([]int, n),
		Bits: make([][]int, n), MaxLen: maxLen}
	for b := 0; b < n; b++ {
		L := 1 + src.IntN(maxLen)
		d.Lengths[b] = L
		d.Bits[b] = make([]int, L)
		for t := 0; t < L; t++ {
			bit := src.IntN(2)
			d.Bits[b][t] = bit
			d.Labels[b] ^= bit
			d.X.Data[(b*maxLen+t)*2+bit] = 1
		}
	}
	return d
}

// Len returns the number of sequences.
func (d *ParityData) Len() int { return len(d.Lengths) }

// Sequence returns sequence i without its padding, (length, 2) one-hot.
func (d *ParityData) Sequence(i int) [][]float64 {
	d.checkIndex(i)
	out := make([][]float64, d.Lengths[i])
	for t := range out {
		out[t] = []float64{d.X.Data[(i*d.MaxLen+t)*2], d.X.Data[(i*d.MaxLen+t)*2+1]}
	}
	return out
}

// Padded returns sequence i with its padding, (MaxLen, 2).
func (d *ParityData) Padded(i int) [][]float64 {
	d.checkIndex(i)
	out := make([][]float64, d.MaxLen)
	for t := range out {
		out[t] = []float64{d.X.Data[(i*d.MaxLen+t)*2], d.X.Data[(i*d.MaxLen+t)*2+1]}
	}
	return out
}

// Tokens returns sequence i's bits as "0"/"1" and its padding as "·":
// MaxLen labels for a walkthrough of the padded sequence.
func (d *ParityData) Tokens(i int) []string {
	d.checkIndex(i)
	out := make([]string, d.MaxLen)
	for t := range out {
		out[t] = "·"
		if t < d.Lengths[i] {
			out[t] = fmt.Sprint(d.Bits[i][t])
		}
	}
	return out
}

func (d *ParityData) checkIndex(i int) {
	if i < 0 || i >= d.Len() {
		fail("rnn.input.seqIndex", i, d.Len(), d.Len()-1)
	}
}

// Markdown shows the first sequences: bits, padding, length and label.
func (d *ParityData) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n| # | %s | %s | %s |\n|---|---|---|---|\n", lessons.T("rnn.parity.intro", d.Len(), d.MaxLen),
		lessons.T("rnn.parity.seq"), lessons.T("rnn.parity.len"), lessons.T("rnn.parity.label"))
	for i := 0; i < min(d.Len(), 6); i++ {
		fmt.Fprintf(&b, "| %d | `%s` | %d | %d |\n", i, strings.Join(d.Tokens(i), " "), d.Lengths[i], d.Labels[i])
	}
	return b.String()
}

// Reading says which time step of the LSTM's output the classifier reads.
type Reading int

const (
	// ReadLast is the seed document's fc(output[:, -1, :]): the last time
	// step, which for a padded sequence comes after its padding.
	ReadLast Reading = iota
	// ReadLengths reads each sequence's own last step,
	// output[b, lengths[b]−1, :] (nn.SeedLSTM.ForwardLengths), which is
	// h_n of a packed sequence in PyTorch.
	ReadLengths
)

// String names the reading as the PyTorch expression.
func (r Reading) String() string {
	if r == ReadLast {
		return "output[:, -1]"
	}
	return "output[b, lengths[b]-1]"
}

// Training is one run of the seed's LSTM classifier on the parity task.
type Training struct {
	Reading Reading      // what the classifier read while it trained
	Model   *nn.SeedLSTM // LSTM(2, H, 1, batch_first=True) → Linear(H, 2)
	Loss    []float64    // cross-entropy of each training batch
	Steps   int          // Adam steps taken
	Batch   int          // sequences per step
	MaxLen  int          // padded length of the training sequences
	Seconds float64      // training time
}

// TrainParity trains nn.NewSeedLSTM(2, hidden, 1, 2) on fresh batches of
// the parity task (sequences of 1 to maxLen bits, padded to maxLen), with
// Adam (learning rate 0.01), reading the output as r says while it trains.
// Everything random — the initial weights (nn.ManualSeed(seed)) and the
// batches — comes from seed, so the same call trains the same model.
func TrainParity(r Reading, hidden, maxLen, steps int, seed uint64) *Training {
	if hidden < 1 || maxLen < 1 || steps < 0 {
		fail("rnn.input.trainParity", hidden, maxLen, steps)
	}
	nn.ManualSeed(seed)
	tr := &Training{Reading: r, Model: nn.NewSeedLSTM(2, hidden, 1, 2), Steps: steps, Batch: 64, MaxLen: maxLen}
	opt := nn.NewAdam(tr.Model.Parameters(), 0.01)
	ce := nn.NewCrossEntropyLoss()
	start := time.Now()
	for s := 0; s < steps && !interrupt.Requested(); s++ {
		d := Parity(tr.Batch, maxLen, seed*1_000_003+uint64(s))
		opt.ZeroGrad()
		tr.Loss = append(tr.Loss, ce.Forward(tr.forward(d, r), d.Labels))
		tr.Model.Backward(ce.Backward())
		opt.Step()
	}
	tr.Seconds = time.Since(start).Seconds()
	return tr
}

func (tr *Training) forward(d *ParityData, r Reading) *nn.Tensor {
	if r == ReadLast {
		return tr.Model.Forward(d.X)
	}
	return tr.Model.ForwardLengths(d.X, d.Lengths)
}

// Predict returns the predicted labels of d, reading the output as r says.
func (tr *Training) Predict(d *ParityData, r Reading) []int {
	return tr.forward(d, r).ArgMax()
}

// Accuracy returns the fraction of d classified right, reading the output
// as r says.
func (tr *Training) Accuracy(d *ParityData, r Reading) float64 {
	ok := 0
	for i, p := range tr.Predict(d, r) {
		if p == d.Labels[i] {
			ok++
		}
	}
	return float64(ok) / float64(d.Len())
}

// AccuracyByLength returns the accuracy for each length 1 … MaxLen (NaN
// for a length d does not hold).
func (tr *Training) AccuracyByLength(d *ParityData, r Reading) []float64 {
	ok, n := make([]float64, d.MaxLen), make([]float64, d.MaxLen)
	for i, p := range tr.Predict(d, r) {
		L := d.Lengths[i] - 1
		n[L]++
		if p == d.Labels[i] {
			ok[L]++
		}
	}
	for L := range ok {
		ok[L] /= n[L]
	}
	return ok
}

// Walk runs the trained LSTM over sequence i of d (with its padding) and
// returns the walkthrough of every gate, the bits as tokens.
func (tr *Training) Walk(d *ParityData, i int, opt ...Options) *LSTMWalk {
	o := options(opt)
	if o.Tokens == nil {
		o.Tokens = d.Tokens(i)
	}
	return WalkLSTM(d.Padded(i), WeightsOf(tr.Model), o)
}

// String summarises the run.
func (tr *Training) String() string {
	return lessons.T("rnn.str.training",
		tr.Reading, tr.Steps, tr.Batch, tr.Seconds, tr.Loss[len(tr.Loss)-1])
}

// ParityReport compares trained classifiers on a test set: the accuracy
// of each, read both ways, and the accuracy by sequence length.
type ParityReport struct {
	Test *ParityData
	Runs []*Training
	// Acc[k][r] is run k's accuracy on Test reading as Reading(r).
	Acc [][2]float64
	// ByLength[k][r][L-1] is the same for the sequences of length L.
	ByLength [][2][]float64
}

// CompareParity evaluates runs on test.
func CompareParity(test *ParityData, runs ...*Training) *ParityReport {
	rep := &ParityReport{Test: test, Runs: runs}
	for _, tr := range runs {
		rep.Acc = append(rep.Acc, [2]float64{tr.Accuracy(test, ReadLast), tr.Accuracy(test, ReadLengths)})
		rep.ByLength = append(rep.ByLength, [2][]float64{tr.AccuracyByLength(test, ReadLast), tr.AccuracyByLength(test, ReadLengths)})
	}
	return rep
}

// Markdown is the table of accuracies.
func (rep *ParityReport) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n| %s | %s `output[:, -1]` | %s `output[b, lengths[b]-1]` |\n|---|---|---|\n",
		lessons.T("rnn.parity.reportIntro", rep.Test.Len(), rep.Test.MaxLen),
		lessons.T("rnn.parity.trained"), lessons.T("rnn.parity.testRead"), lessons.T("rnn.parity.testRead"))
	for k, tr := range rep.Runs {
		fmt.Fprintf(&b, "| `%s` (%d × %d, %.1f s) | %.1f%% | %.1f%% |\n", tr.Reading, tr.Steps, tr.Batch, tr.Seconds,
			100*rep.Acc[k][0], 100*rep.Acc[k][1])
	}
	return b.String()
}

// Figure draws accuracy against sequence length: the model trained
// reading each sequence's own last step, read both ways, and the model
// trained reading output[:, -1], read that way.
func (rep *ParityReport) Figure() *viz.Figure {
	var series []viz.Series
	xs := make([]float64, rep.Test.MaxLen)
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	for k, tr := range rep.Runs {
		for _, r := range []Reading{ReadLengths, ReadLast} {
			if tr.Reading == ReadLast && r == ReadLengths {
				continue // trained without lengths: both readings are at chance
			}
			ys := make([]float64, len(xs))
			for i, v := range rep.ByLength[k][r] {
				ys[i] = 100 * v
			}
			series = append(series, viz.Series{Name: lessons.T("rnn.parity.series", tr.Reading.short(), r.short()),
				Panel: lessons.T("rnn.parity.accAxis"), X: xs, Y: ys})
		}
	}
	return viz.Curves(series, viz.Options{Title: lessons.T("rnn.parity.figTitle"), XLabel: lessons.T("rnn.parity.lenAxis")}).SetSize(6.4, 3.6)
}

func (r Reading) short() string {
	if r == ReadLast {
		return "[:, -1]"
	}
	return "[L-1]"
}

// Curve draws the training loss of each run against the step.
func (rep *ParityReport) Curve() *viz.Figure {
	var series []viz.Series
	for _, tr := range rep.Runs {
		series = append(series, viz.Series{Name: lessons.T("rnn.parity.trainedShort", tr.Reading.short()),
			Panel: lessons.T("rnn.parity.lossAxis"), Y: smooth(tr.Loss, 20)})
	}
	return viz.Curves(series, viz.Options{Title: lessons.T("rnn.parity.curveTitle")}).SetSize(6.4, 3.2)
}

// smooth is the running mean over the last w values.
func smooth(v []float64, w int) []float64 {
	out := make([]float64, len(v))
	sum := 0.0
	for i, x := range v {
		sum += x
		if i >= w {
			sum -= v[i-w]
		}
		out[i] = sum / float64(min(i+1, w))
	}
	return out
}

func init() {
	lessons.RegisterCatalog("rnn-parity", lessons.Catalog{
		"rnn.input.parity": {
			EN: "the parity task needs at least 1 sequence of at least 1 bit; got n = %d, maxLen = %d.",
			ZH: "奇偶任务至少需要 1 个序列，每个序列至少 1 位；收到 n = %d，maxLen = %d。"},
		"rnn.input.trainParity": {
			EN: "training needs hidden ≥ 1, maxLen ≥ 1 and steps ≥ 0; got hidden = %d, maxLen = %d, steps = %d.",
			ZH: "训练要求 hidden ≥ 1、maxLen ≥ 1、steps ≥ 0；收到 hidden = %d，maxLen = %d，steps = %d。"},
		"rnn.input.seqIndex": {
			EN: "there is no sequence %d: the batch has %d sequences, numbered 0 to %d.",
			ZH: "没有第 %d 个序列：这个批量有 %d 个序列，编号从 0 到 %d。"},
		"rnn.parity.intro": {
			EN: "%d sequences of random bits, padded at the end to $T = %d$ (· is a padding step, the zero vector). Label 1: an odd number of 1s.",
			ZH: "%d 个随机比特序列，在末尾填充到 $T = %d$（· 表示一个填充时间步，即零向量）。标签 1 表示 1 的个数为奇数。"},
		"rnn.parity.seq":   {EN: "bits, then padding", ZH: "比特，然后是填充"},
		"rnn.parity.len":   {EN: "length", ZH: "长度"},
		"rnn.parity.label": {EN: "label", ZH: "标签"},
		"rnn.parity.reportIntro": {
			EN: "Accuracy on %d test sequences (lengths 1 to %d, padded), for each way of training and each way of reading the output at test time:",
			ZH: "在 %d 个测试序列（长度 1 到 %d，已填充）上的精度：按训练时的读取方式和测试时的读取方式分别列出："},
		"rnn.parity.trained":      {EN: "trained reading (steps × batch, time)", ZH: "训练时读取（步数 × 批量，用时）"},
		"rnn.parity.testRead":     {EN: "test accuracy reading", ZH: "测试精度，读取"},
		"rnn.parity.series":       {EN: "train %s, test %s", ZH: "训练 %s，测试 %s"},
		"rnn.parity.accAxis":      {EN: "accuracy (%)", ZH: "精度（%）"},
		"rnn.parity.lenAxis":      {EN: "sequence length (the rest is padding)", ZH: "序列长度（其余为填充）"},
		"rnn.parity.figTitle":     {EN: "Parity: test accuracy by sequence length", ZH: "奇偶任务：按序列长度的测试精度"},
		"rnn.parity.trainedShort": {EN: "trained reading %s", ZH: "训练时读取 %s"},
		"rnn.parity.lossAxis":     {EN: "training loss (mean of 20 steps)", ZH: "训练损失（20 步平均）"},
		"rnn.parity.curveTitle":   {EN: "Training the seed's LSTM classifier", ZH: "训练种子文档的 LSTM 分类器"},
	})
}
