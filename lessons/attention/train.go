package attention

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/stepwise-go/stepwise/interrupt"
	"github.com/stepwise-go/stepwise/nn"
)

// Tasks a TaskModel can learn. Each is a rearrangement of the input
// digits that depends only on positions, so one attention layer with
// positional information can learn it exactly.
const (
	// TaskReverse: output i is input n−1−i. The learned map is the
	// anti-diagonal.
	TaskReverse = "reverse"
	// TaskShift: output i is input (i+1) mod n, a rotation by one. The
	// learned map is the diagonal above the main one, wrapping around.
	TaskShift = "shift"
)

// TrainConfig describes the tiny attention model and its training. The
// zero value of every field means its default, so TrainConfig{} is the
// notebook's model.
type TrainConfig struct {
	Task       string  // TaskReverse (default) or TaskShift
	Length     int     // sequence length n (default 6)
	Vocab      int     // digits 0 … Vocab−1 (default 10)
	Embed      int     // embedding size E (default 32)
	Heads      int     // attention heads h (default 1); E must be divisible by h
	Steps      int     // Adam steps (default 400)
	Batch      int     // sequences per step (default 64)
	LR         float64 // Adam learning rate (default 0.01)
	Seed       uint64  // seeds the weights and the data (default 1)
	TestSize   int     // held-out sequences, never trained on (default 1000)
	NoPosition bool    // leave out the positional embedding (to see what it is for)
}

func (c TrainConfig) withDefaults() TrainConfig {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	if c.Task == "" {
		c.Task = TaskReverse
	}
	def(&c.Length, 6)
	def(&c.Vocab, 10)
	def(&c.Embed, 32)
	def(&c.Heads, 1)
	def(&c.Steps, 300)
	def(&c.Batch, 64)
	def(&c.TestSize, 1000)
	if c.LR == 0 {
		c.LR = 0.01
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	return c
}

func (c TrainConfig) validate() {
	switch {
	case c.Task != TaskReverse && c.Task != TaskShift:
		fail("attention.train.task", c.Task, TaskReverse, TaskShift)
	case c.Length < 2 || c.Length > 16:
		fail("attention.train.length", c.Length)
	case c.Vocab < 2 || c.Vocab > 100:
		fail("attention.train.vocab", c.Vocab)
	case c.Heads < 1 || c.Embed < 1 || c.Embed%c.Heads != 0:
		fail("attention.train.heads", c.Embed, c.Heads)
	case c.Steps < 1 || c.Steps > 20000 || c.Batch < 1 || c.Batch > 4096 || c.TestSize < 1:
		fail("attention.train.steps", c.Steps, c.Batch, c.TestSize)
	}
}

// Target returns the task's answer for one input sequence.
func (c TrainConfig) Target(seq []int) []int {
	c = c.withDefaults()
	n := len(seq)
	out := make([]int, n)
	for i := range out {
		out[i] = seq[c.source(i, n)]
	}
	return out
}

// source is the input position output i copies: the key its query should
// attend to.
func (c TrainConfig) source(i, n int) int {
	if c.Task == TaskShift {
		return (i + 1) % n
	}
	return n - 1 - i
}

// TaskModel is a one-layer attention model: each digit and its position
// are embedded (a linear map of their one-hot codes, summed), one
// nn.MultiheadAttention layer mixes the positions, and a linear readout
// gives each position's scores over the digits. There is no residual
// connection, so everything an output knows comes through attention.
type TaskModel struct {
	Config TrainConfig // the configuration, defaults filled in

	Embed   *nn.Linear             // one-hot digit ‖ one-hot position (V + n) → E
	Attn    *nn.MultiheadAttention // self-attention, batch first
	Readout *nn.Linear             // E → V scores per position

	// Loss is the training loss after each step; TestAccuracy the held-out
	// accuracy (per digit) at the steps in TestSteps.
	Loss         []float64
	TestSteps    []int
	TestAccuracy []float64

	// DigitAccuracy and SequenceAccuracy are measured on the held-out set
	// after training: the fraction of digits, and of whole sequences, that
	// come out right.
	DigitAccuracy, SequenceAccuracy float64
	// Chance is the digit accuracy of guessing: 1/Vocab.
	Chance float64
	// MeanMap (n, n) is the attention weights averaged over the held-out
	// set and the heads: row i is where output i looks.
	MeanMap [][]float64
	// HeadMaps (h, n, n) are the per-head weights averaged over the
	// held-out set.
	HeadMaps [][][]float64
	// Elapsed is the training time.
	Elapsed time.Duration
	// Interrupted is true when the notebook's Interrupt button stopped the
	// training early; the model keeps what it learned so far.
	Interrupted bool

	test [][]int
}

// Train builds the model of cfg and trains it with Adam on random digit
// sequences (the held-out test sequences are never trained on). It takes
// about a second with the defaults.
func Train(cfg TrainConfig) *TaskModel {
	cfg = cfg.withDefaults()
	cfg.validate()
	nn.ManualSeed(cfg.Seed)
	n, V, E := cfg.Length, cfg.Vocab, cfg.Embed
	m := &TaskModel{Config: cfg,
		Embed:   nn.NewLinear(V+n, E),
		Attn:    nn.NewMultiheadAttention(E, cfg.Heads, nn.BatchFirst()),
		Readout: nn.NewLinear(E, V),
		Chance:  1 / float64(V),
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	m.test = randomSeqs(rng, cfg.TestSize, n, V, nil)
	held := map[string]bool{}
	for _, s := range m.test {
		held[fmt.Sprint(s)] = true
	}
	opt := nn.NewAdam(m.parameters(), cfg.LR)
	start := time.Now()
	every := max(1, cfg.Steps/20)
	for step := 1; step <= cfg.Steps; step++ {
		if interrupt.Requested() {
			m.Interrupted = true
			break
		}
		batch := randomSeqs(rng, cfg.Batch, n, V, held)
		opt.ZeroGrad()
		loss := m.trainStep(batch)
		opt.Step()
		m.Loss = append(m.Loss, loss)
		if step%every == 0 || step == cfg.Steps {
			acc, _ := m.accuracy(m.test)
			m.TestSteps = append(m.TestSteps, step)
			m.TestAccuracy = append(m.TestAccuracy, acc)
		}
	}
	m.Elapsed = time.Since(start)
	m.DigitAccuracy, m.SequenceAccuracy = m.accuracy(m.test)
	m.MeanMap, m.HeadMaps = m.meanMaps(m.test)
	return m
}

func (m *TaskModel) parameters() []nn.Param {
	var ps []nn.Param
	for _, l := range []nn.Module{m.Embed, m.Attn, m.Readout} {
		ps = append(ps, l.Parameters()...)
	}
	return ps
}

// randomSeqs draws count sequences of n digits below V, skipping those in
// skip (the held-out set).
func randomSeqs(rng *rand.Rand, count, n, V int, skip map[string]bool) [][]int {
	out := make([][]int, 0, count)
	for len(out) < count {
		s := make([]int, n)
		for i := range s {
			s[i] = rng.IntN(V)
		}
		if skip != nil && skip[fmt.Sprint(s)] {
			continue
		}
		out = append(out, s)
	}
	return out
}

// features returns the one-hot codes (B, n, V+n): the digit, then the
// position (left at zero with NoPosition).
func (m *TaskModel) features(seqs [][]int) *nn.Tensor {
	n, V := m.Config.Length, m.Config.Vocab
	x := nn.New(len(seqs), n, V+n)
	for b, s := range seqs {
		if len(s) != n {
			fail("attention.model.seqLen", n, len(s), fmt.Sprint(s))
		}
		for i, d := range s {
			if d < 0 || d >= V {
				fail("attention.model.digit", V-1, d, i)
			}
			row := x.Data[(b*n+i)*(V+n):]
			row[d] = 1
			if !m.Config.NoPosition {
				row[V+i] = 1
			}
		}
	}
	return x
}

// forward returns the scores (B, n, V) and the per-head weights (B, h, n, n).
func (m *TaskModel) forward(seqs [][]int) (logits, weights *nn.Tensor) {
	h := m.Embed.Forward(m.features(seqs))
	a, w := m.Attn.Forward(h, h, h, nn.AverageAttnWeights(false))
	return m.Readout.Forward(a), w
}

// trainStep runs forward and backward on one batch and returns the loss.
func (m *TaskModel) trainStep(batch [][]int) float64 {
	B, n, V := len(batch), m.Config.Length, m.Config.Vocab
	logits, _ := m.forward(batch)
	targets := make([]int, 0, B*n)
	for _, s := range batch {
		targets = append(targets, m.Config.Target(s)...)
	}
	ce := nn.NewCrossEntropyLoss()
	loss := ce.Forward(logits.Reshape(B*n, V), targets)
	g := ce.Backward().Reshape(B, n, V)
	g = m.Readout.Backward(g)
	g = m.Attn.BackwardSelf(g)
	m.Embed.Backward(g)
	return loss
}

// Predict returns the model's output digits for each input sequence.
func (m *TaskModel) Predict(seqs ...[]int) [][]int {
	if len(seqs) == 0 {
		return nil
	}
	logits, _ := m.forward(seqs)
	n, V := m.Config.Length, m.Config.Vocab
	out := make([][]int, len(seqs))
	for b := range seqs {
		out[b] = make([]int, n)
		for i := 0; i < n; i++ {
			row := logits.Data[(b*n+i)*V : (b*n+i+1)*V]
			best := 0
			for d, v := range row {
				if v > row[best] {
					best = d
				}
			}
			out[b][i] = best
		}
	}
	return out
}

// accuracy returns the fraction of digits and of whole sequences that
// come out right.
func (m *TaskModel) accuracy(seqs [][]int) (digits, sequences float64) {
	pred := m.Predict(seqs...)
	right, whole := 0, 0
	for b, s := range seqs {
		want := m.Config.Target(s)
		all := true
		for i := range want {
			if pred[b][i] == want[i] {
				right++
			} else {
				all = false
			}
		}
		if all {
			whole++
		}
	}
	n := len(seqs)
	return float64(right) / float64(n*m.Config.Length), float64(whole) / float64(n)
}

// Weights returns the per-head attention weights (h, n, n) of one input
// sequence.
func (m *TaskModel) Weights(seq []int) [][][]float64 {
	_, w := m.forward([][]int{seq})
	return heads3(w, 0)
}

// meanMaps averages the weights over seqs: over the heads too (n, n), and
// per head (h, n, n).
func (m *TaskModel) meanMaps(seqs [][]int) ([][]float64, [][][]float64) {
	n, h := m.Config.Length, m.Config.Heads
	_, w := m.forward(seqs)
	per := make([][][]float64, h)
	mean := zeros(n, n)
	for k := range per {
		per[k] = zeros(n, n)
	}
	for b := range seqs {
		for k, hm := range heads3(w, b) {
			for i := range hm {
				for j, v := range hm[i] {
					per[k][i][j] += v / float64(len(seqs))
					mean[i][j] += v / float64(len(seqs)*h)
				}
			}
		}
	}
	return mean, per
}

// heads3 returns batch element b of (B, h, L, S) weights as [h][L][S].
func heads3(w *nn.Tensor, b int) [][][]float64 {
	h, L, S := w.Shape[1], w.Shape[2], w.Shape[3]
	out := make([][][]float64, h)
	for k := range out {
		out[k] = make([][]float64, L)
		for i := range out[k] {
			off := ((b*h+k)*L + i) * S
			out[k][i] = append([]float64(nil), w.Data[off:off+S]...)
		}
	}
	return out
}

func zeros(r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
	}
	return out
}
