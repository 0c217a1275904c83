package nn

import (
	"fmt"
	"math"
)

// CrossEntropyLoss is PyTorch's nn.CrossEntropyLoss for class indices:
// logits (N, C) (unnormalised scores: do not apply softmax first) and
// targets in [0, C),
//
//	loss_n = −log softmax(logits_n)[target_n] = logsumexp(logits_n) − logits_n[target_n]
//
// reduced by their mean (default) or sum.
type CrossEntropyLoss struct {
	Reduction string  // "mean" or "sum"
	Losses    *Tensor // (N): per-sample losses of the latest Forward
	Probs     *Tensor // (N, C): softmax of the logits of the latest Forward

	targets []int
}

// NewCrossEntropyLoss returns the loss. Option: Reduction.
func NewCrossEntropyLoss(opts ...Option) *CrossEntropyLoss {
	c := newConfig("NewCrossEntropyLoss", []string{"Reduction"}, opts)
	checkReduction("NewCrossEntropyLoss", c.reduction)
	return &CrossEntropyLoss{Reduction: c.reduction}
}

func checkReduction(op, r string) {
	if r != "mean" && r != "sum" {
		fail(op, `Reduction "mean" or "sum"`, fmt.Sprintf("%q", r))
	}
}

// Forward returns the loss of logits (N, C) for the target classes.
func (l *CrossEntropyLoss) Forward(logits *Tensor, targets []int) float64 {
	const op = "CrossEntropyLoss.Forward"
	checkTensor(op, "logits", logits)
	checkReduction(op, l.Reduction)
	if logits.Dims() != 2 {
		failHint(op, "logits of shape (N, classes)", fmtShape(logits.Shape), "flatten extra dimensions into N first")
	}
	N, C := logits.Shape[0], logits.Shape[1]
	if len(targets) != N {
		failf(op, fmt.Sprintf("%d targets, one per row of logits", N), "%d", len(targets))
	}
	l.Probs, l.Losses, l.targets = New(N, C), New(N), append([]int(nil), targets...)
	logp := make([]float64, C)
	for n, t := range targets {
		if t < 0 || t >= C {
			failf(op, fmt.Sprintf("class indices in [0, %d)", C), "%d for sample %d", t, n)
		}
		softmaxRow(logits.Data[n*C:(n+1)*C], logp, true)
		l.Losses.Data[n] = -logp[t]
		vexp(l.Probs.Data[n*C:(n+1)*C], logp)
	}
	loss := l.Losses.Sum()
	if l.Reduction == "mean" {
		loss /= float64(N)
	}
	if finiteChecks.Load() && (math.IsNaN(loss) || math.IsInf(loss, 0)) {
		failf(op, "a finite loss", "%v", loss)
	}
	return loss
}

// Backward returns dloss/dlogits = (softmax(logits) − onehot(target)) / N
// (without the 1/N for "sum").
func (l *CrossEntropyLoss) Backward() *Tensor {
	if l.Probs == nil {
		fail("CrossEntropyLoss.Backward", "a Forward call before Backward", "none")
	}
	g := l.Probs.Clone()
	N, C := g.Shape[0], g.Shape[1]
	scale := 1.0
	if l.Reduction == "mean" {
		scale = 1 / float64(N)
	}
	for n, t := range l.targets {
		g.Data[n*C+t]--
		for j := n * C; j < (n+1)*C; j++ {
			g.Data[j] *= scale
		}
	}
	return g
}

// MSELoss is PyTorch's nn.MSELoss: the mean (or sum) of (pred − target)²
// over every element. The shapes must be equal (nn does not broadcast).
type MSELoss struct {
	Reduction string // "mean" or "sum"
	diff      *Tensor
}

// NewMSELoss returns the loss. Option: Reduction.
func NewMSELoss(opts ...Option) *MSELoss {
	c := newConfig("NewMSELoss", []string{"Reduction"}, opts)
	checkReduction("NewMSELoss", c.reduction)
	return &MSELoss{Reduction: c.reduction}
}

// Forward returns the loss.
func (l *MSELoss) Forward(pred, target *Tensor) float64 {
	const op = "MSELoss.Forward"
	mustSameShape(op, pred, target)
	checkReduction(op, l.Reduction)
	l.diff = pred.Sub(target)
	s := 0.0
	for _, d := range l.diff.Data {
		s += d * d
	}
	if l.Reduction == "mean" {
		s /= float64(len(l.diff.Data))
	}
	return s
}

// Backward returns dloss/dpred = 2(pred − target)/n (without /n for "sum").
func (l *MSELoss) Backward() *Tensor {
	if l.diff == nil {
		fail("MSELoss.Backward", "a Forward call before Backward", "none")
	}
	scale := 2.0
	if l.Reduction == "mean" {
		scale /= float64(len(l.diff.Data))
	}
	return l.diff.Scale(scale)
}
