package rnn

import (
	"github.com/stepwise-go/stepwise/interrupt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// CharModel is a character-level language model: an nn.RNN (tanh) reads
// one-hot characters and a separate nn.Linear readout turns each hidden
// state into scores for the next character — nn.RNN itself has no output
// layer. TrainCharRNN trains it on a text.
type CharModel struct {
	Alphabet []string   // the characters it knows; position i is one-hot index i
	RNN      *nn.RNN    // RNN(len(Alphabet), H)
	Readout  *nn.Linear // Linear(H, len(Alphabet)): h_t → scores of x_{t+1}
	Text     string     // the training text
	// Losses holds the mean cross-entropy (in nats per character) of each
	// epoch, before its update; Losses[0] is the untrained model's.
	Losses []float64
	// Accuracy is how often the most likely next character is the right
	// one over the training text, after training.
	Accuracy float64
	Seconds  float64 // training time
}

// TrainCharRNN trains a character-level RNN with H hidden units on text
// (Gettysburg() when text is "") for the given number of epochs: the text
// is cut into chunks of 64 characters, each read from h_0 = 0, and every
// epoch is one full-batch Adam step (learning rate 0.01) on the mean
// cross-entropy of predicting each next character. The initial weights
// are uniform in ±1/√H as in PyTorch, drawn from a generator seeded with
// seed, so that the same call gives the same model.
func TrainCharRNN(text string, hidden, epochs int, seed uint64) *CharModel {
	if text == "" {
		text = Gettysburg()
	}
	if hidden < 2 || epochs < 0 {
		fail("rnn.input.train", hidden, epochs)
	}
	alpha := Alphabet(text)
	V := len(alpha)
	m := &CharModel{Alphabet: alpha, Text: text, RNN: nn.NewRNN(V, hidden), Readout: nn.NewLinear(hidden, V)}
	src := rand.New(rand.NewPCG(seed, 0x5eed))
	for _, p := range append(m.RNN.Parameters(), m.Readout.Parameters()...) {
		b := 1 / math.Sqrt(float64(hidden))
		for i := range p.Value.Data {
			p.Value.Data[i] = (2*src.Float64() - 1) * b
		}
	}
	x, targets := chunks(OneHot(text, alpha), 64)
	opt := nn.NewAdam(append(m.RNN.Parameters(), m.Readout.Parameters()...), 0.01)
	ce := nn.NewCrossEntropyLoss()
	start := time.Now()
	for e := 0; e <= epochs; e++ {
		opt.ZeroGrad()
		h := m.RNN.Forward(x) // (T, B, H)
		logits := m.Readout.Forward(h.Reshape(-1, hidden))
		m.Losses = append(m.Losses, ce.Forward(logits, targets))
		if e == epochs || interrupt.Requested() {
			m.Accuracy = accuracy(logits, targets)
			break
		}
		g := m.Readout.Backward(ce.Backward())
		m.RNN.Backward(g.Reshape(h.Shape...))
		opt.Step()
	}
	m.Seconds = time.Since(start).Seconds()
	return m
}

// chunks cuts a one-hot sequence into B pieces of T+1 characters (the
// last T+1-long window of the text is left out if incomplete) and returns
// the inputs (T, B, V) and the targets, the next character of every
// input, in the same time-major order.
func chunks(seq [][]float64, T int) (*nn.Tensor, []int) {
	V := len(seq[0])
	B := (len(seq) - 1) / T
	x := nn.New(T, B, V)
	targets := make([]int, T*B)
	for b := 0; b < B; b++ {
		for t := 0; t < T; t++ {
			copy(x.Data[(t*B+b)*V:], seq[b*T+t])
			targets[t*B+b] = argmax(seq[b*T+t+1])
		}
	}
	return x, targets
}

// accuracy is the fraction of rows whose largest logit is the target.
func accuracy(logits *nn.Tensor, targets []int) float64 {
	ok := 0
	for i, a := range logits.ArgMax() {
		if a == targets[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(targets))
}

// OneHot encodes text with the model's alphabet.
func (m *CharModel) OneHot(text string) [][]float64 { return OneHot(text, m.Alphabet) }

// Walk runs the trained RNN over text and returns the walkthrough, with
// the characters as tokens (the player shows the first steps).
func (m *CharModel) Walk(text string, opt ...Options) *RNNWalk {
	o := options(opt)
	if o.Tokens == nil {
		o.Tokens = Chars(text)
	}
	return WalkRNN(m.OneHot(text), WeightsOf(m.RNN), o)
}

// Continue extends prompt by n characters, each the model's most likely
// next character (greedy decoding).
func (m *CharModel) Continue(prompt string, n int) string {
	if prompt == "" {
		fail("rnn.input.emptyText")
	}
	H := m.RNN.HiddenSize
	var hn *nn.Tensor
	x := nn.FromRows(m.OneHot(prompt))
	out := prompt
	for i := 0; i < n; i++ {
		var o *nn.Tensor
		o, hn = m.RNN.ForwardState(x, hn)
		last := o.Index(o.Shape[0]-1).Reshape(1, H)
		next := m.Alphabet[m.Readout.Forward(last).ArgMax()[0]]
		out += next
		x = nn.FromRows(m.OneHot(next))
	}
	return out
}

// Curve draws the training loss against the epoch.
func (m *CharModel) Curve() *viz.Figure {
	return viz.Curves([]viz.Series{{Name: lessons.T("rnn.char.lossName"), Panel: lessons.T("rnn.char.lossPanel"), Y: m.Losses}},
		viz.Options{Title: lessons.T("rnn.char.curveTitle"), XLabel: lessons.T("rnn.word.epoch")})
}

// Markdown summarises the model and its training.
func (m *CharModel) Markdown() string {
	V, H := len(m.Alphabet), m.RNN.HiddenSize
	n := 0
	for _, p := range append(m.RNN.Parameters(), m.Readout.Parameters()...) {
		n += len(p.Value.Data)
	}
	var b strings.Builder
	b.WriteString(lessons.T("rnn.char.summary", len(Chars(m.Text)), V, H, n, len(m.Losses)-1, m.Seconds) + "\n\n")
	b.WriteString(lessons.T("rnn.char.loss", m.Losses[0], math.Log(float64(V)), m.Losses[len(m.Losses)-1], 100*m.Accuracy) + "\n")
	return b.String()
}

// String is the summary as plain text.
func (m *CharModel) String() string {
	return lessons.T("rnn.str.char", len(m.Alphabet), m.RNN.HiddenSize,
		m.Losses[0], m.Losses[len(m.Losses)-1], 100*m.Accuracy)
}

func init() {
	lessons.RegisterCatalog("rnn-char", lessons.Catalog{
		"rnn.input.train": {
			EN: "a model needs at least 2 hidden units and a number of epochs ≥ 0; got hidden = %d, epochs = %d.",
			ZH: "模型至少需要 2 个隐藏单元，训练轮数不能为负；收到 hidden = %d，epochs = %d。"},
		"rnn.char.lossName":   {EN: "training loss", ZH: "训练损失"},
		"rnn.char.lossPanel":  {EN: "loss (nats per character)", ZH: "损失（奈特/字符）"},
		"rnn.char.curveTitle": {EN: "Character RNN: training loss", ZH: "字符级循环神经网络：训练损失"},
		"rnn.word.epoch":      {EN: "epoch", ZH: "轮次"},
		"rnn.char.summary": {
			EN: "A character-level RNN trained on %d characters (%d kinds): `nn.RNN` with $H = %d$ hidden units plus an `nn.Linear` readout, %d parameters, %d full-batch Adam steps in %.1f s.",
			ZH: "一个在 %d 个字符（%d 种）上训练的字符级循环神经网络：$H = %d$ 个隐藏单元的 `nn.RNN` 加一个 `nn.Linear` 读出层，共 %d 个参数，%d 次全批量 Adam 更新，用时 %.1f 秒。"},
		"rnn.char.loss": {
			EN: "Cross-entropy loss per character: %.3f before training (guessing uniformly would give ln V = %.3f), %.3f after. Accuracy of the most likely next character on the training text: %.1f%%.",
			ZH: "每个字符的交叉熵损失：训练前 %.3f（均匀猜测为 ln V = %.3f），训练后 %.3f。在训练文本上，预测最可能的下一个字符的精度：%.1f%%。"},
	})
}
