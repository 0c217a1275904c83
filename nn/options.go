package nn

import (
	"fmt"
	"strings"
)

// Option is an optional argument, named like PyTorch's keyword argument:
// nn.NewConv2d(3, 32, 3, nn.Padding(1)) is Conv2d(3, 32, 3, padding=1).
// Each constructor or Forward accepts the options listed in its
// documentation and panics with an *Error naming any other.
type Option struct {
	name  string
	apply func(*config)
}

// config collects every option; each callee reads the fields it knows.
type config struct {
	kernel                     []int
	stride, padding, dilation  []int
	groups                     int
	bias                       bool
	ceilMode                   bool
	countIncludePad            bool
	divisorOverride            int
	numLayers                  int
	batchFirst                 bool
	nonlinearity               string
	attnMask, keyPaddingMask   *Mask
	attnBias                   *Tensor
	isCausal                   bool
	scale                      float64
	needWeights, averageWeight bool
	momentum, dampening        float64
	weightDecay                float64
	nesterov, amsgrad          bool
	beta1, beta2, eps          float64
	reduction                  string
}

// newConfig returns the defaults (PyTorch's) with opts applied, after
// checking that every option is one the callee accepts.
func newConfig(op string, accepted []string, opts []Option) *config {
	c := &config{groups: 1, bias: true, countIncludePad: true, numLayers: 1,
		nonlinearity: "tanh", needWeights: true, averageWeight: true,
		beta1: 0.9, beta2: 0.999, eps: 1e-8, reduction: "mean"}
	for _, o := range opts {
		if o.apply == nil {
			fail(op, "options made by nn's option functions", "a zero Option")
		}
		ok := false
		for _, a := range accepted {
			ok = ok || a == o.name
		}
		if !ok {
			failf(op, "one of the options "+strings.Join(accepted, ", "), "%s", o.name)
		}
		o.apply(c)
	}
	return c
}

func pair(op, what string, v []int) []int {
	switch len(v) {
	case 1:
		return []int{v[0], v[0]}
	case 2:
		return []int{v[0], v[1]}
	}
	failf(op, what+" as one number or two (height, width)", "%d numbers %v", len(v), v)
	return nil
}

// KernelSize sets a rectangular kernel of kh rows and kw columns, in place
// of the square kernel given to NewConv2d, NewMaxPool2d or NewAvgPool2d.
func KernelSize(kh, kw int) Option {
	return Option{"KernelSize", func(c *config) { c.kernel = []int{kh, kw} }}
}

// Stride sets the step between windows of Conv2d, MaxPool2d and AvgPool2d:
// one number for both directions, or (height, width).
func Stride(s ...int) Option {
	return Option{"Stride", func(c *config) { c.stride = pair("Stride", "stride", s) }}
}

// Padding sets the implicit zero padding (−∞ for MaxPool2d) on each side:
// one number, or (height, width).
func Padding(p ...int) Option {
	return Option{"Padding", func(c *config) { c.padding = pair("Padding", "padding", p) }}
}

// Dilation sets the spacing between kernel taps: one number, or (height, width).
func Dilation(d ...int) Option {
	return Option{"Dilation", func(c *config) { c.dilation = pair("Dilation", "dilation", d) }}
}

// Groups splits Conv2d's channels into g independent groups (default 1).
func Groups(g int) Option { return Option{"Groups", func(c *config) { c.groups = g }} }

// Bias turns a layer's bias on (the default) or off.
func Bias(on bool) Option { return Option{"Bias", func(c *config) { c.bias = on }} }

// CeilMode makes pooling round the output size up instead of down.
func CeilMode() Option { return Option{"CeilMode", func(c *config) { c.ceilMode = true }} }

// CountIncludePad sets whether AvgPool2d divides by the whole window
// including padding (true, the default) or only by the input cells in it.
func CountIncludePad(on bool) Option {
	return Option{"CountIncludePad", func(c *config) { c.countIncludePad = on }}
}

// DivisorOverride makes AvgPool2d divide every window sum by d.
func DivisorOverride(d int) Option {
	return Option{"DivisorOverride", func(c *config) { c.divisorOverride = d }}
}

// NumLayers stacks n recurrent layers (default 1).
func NumLayers(n int) Option { return Option{"NumLayers", func(c *config) { c.numLayers = n }} }

// BatchFirst makes a recurrent layer or MultiheadAttention take and return
// (batch, time, features) instead of (time, batch, features). Hidden and
// cell states stay (layers, batch, hidden), as in PyTorch.
func BatchFirst() Option { return Option{"BatchFirst", func(c *config) { c.batchFirst = true }} }

// Nonlinearity chooses RNN's activation: "tanh" (default) or "relu".
func Nonlinearity(name string) Option {
	return Option{"Nonlinearity", func(c *config) { c.nonlinearity = name }}
}

// AttnMask passes a boolean attention mask. Its meaning follows PyTorch,
// which differs between the two places it is used:
//   - SDPA (F.scaled_dot_product_attention): true = this query MAY attend
//     to this key;
//   - MultiheadAttention (nn.MultiheadAttention): true = this query may
//     NOT attend to this key.
func AttnMask(m *Mask) Option { return Option{"AttnMask", func(c *config) { c.attnMask = m }} }

// AttnBias passes a float attention mask (PyTorch's float attn_mask),
// added to the scores before the softmax: 0 keeps a score, −Inf removes it.
func AttnBias(t *Tensor) Option { return Option{"AttnBias", func(c *config) { c.attnBias = t }} }

// KeyPaddingMask passes a (batch, keys) boolean mask whose true entries are
// padding: those keys are ignored (PyTorch's key_padding_mask convention).
func KeyPaddingMask(m *Mask) Option {
	return Option{"KeyPaddingMask", func(c *config) { c.keyPaddingMask = m }}
}

// IsCausal lets query i attend only to keys j ≤ i (top-left aligned when
// there are more keys than queries, as PyTorch's is_causal).
func IsCausal() Option { return Option{"IsCausal", func(c *config) { c.isCausal = true }} }

// Scale replaces SDPA's default scale 1/√d_k.
func Scale(s float64) Option { return Option{"Scale", func(c *config) { c.scale = s }} }

// NeedWeights sets whether MultiheadAttention returns attention weights
// (default true).
func NeedWeights(on bool) Option {
	return Option{"NeedWeights", func(c *config) { c.needWeights = on }}
}

// AverageAttnWeights sets whether MultiheadAttention returns the weights
// averaged over heads (true, the default) or per head.
func AverageAttnWeights(on bool) Option {
	return Option{"AverageAttnWeights", func(c *config) { c.averageWeight = on }}
}

// Momentum sets SGD's momentum factor (default 0).
func Momentum(m float64) Option { return Option{"Momentum", func(c *config) { c.momentum = m }} }

// Dampening sets SGD's dampening of momentum (default 0).
func Dampening(d float64) Option { return Option{"Dampening", func(c *config) { c.dampening = d }} }

// WeightDecay adds wd·θ to each gradient (L2 penalty; default 0).
func WeightDecay(wd float64) Option {
	return Option{"WeightDecay", func(c *config) { c.weightDecay = wd }}
}

// Nesterov turns on Nesterov momentum in SGD.
func Nesterov() Option { return Option{"Nesterov", func(c *config) { c.nesterov = true }} }

// Betas sets Adam's decay rates for the first and second moments
// (default 0.9, 0.999).
func Betas(b1, b2 float64) Option {
	return Option{"Betas", func(c *config) { c.beta1, c.beta2 = b1, b2 }}
}

// Eps sets Adam's ε (default 1e-8).
func Eps(e float64) Option { return Option{"Eps", func(c *config) { c.eps = e }} }

// AMSGrad turns on Adam's AMSGrad variant.
func AMSGrad() Option { return Option{"AMSGrad", func(c *config) { c.amsgrad = true }} }

// Reduction sets how a loss combines per-sample losses: "mean" (default)
// or "sum".
func Reduction(r string) Option { return Option{"Reduction", func(c *config) { c.reduction = r }} }

// positive panics unless every value is ≥ 1.
func positive(op, what string, v ...int) {
	for _, x := range v {
		if x < 1 {
			fail(op, what+" ≥ 1", fmtInts(v))
		}
	}
}

// nonNegative panics unless every value is ≥ 0.
func nonNegative(op, what string, v ...int) {
	for _, x := range v {
		if x < 0 {
			fail(op, what+" ≥ 0", fmtInts(v))
		}
	}
}

// fmtInts formats one number as itself and several as (a, b, …).
func fmtInts(v []int) string {
	if len(v) == 1 {
		return fmt.Sprint(v[0])
	}
	return fmtShape(v)
}

// optOr returns v, or def when v is nil.
func optOr(v, def []int) []int {
	if v == nil {
		return def
	}
	return v
}

func fmtPair(v []int) string {
	if v[0] == v[1] {
		return fmt.Sprint(v[0])
	}
	return fmt.Sprintf("(%d, %d)", v[0], v[1])
}
