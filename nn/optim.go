package nn

import "math"

// SGD is PyTorch's torch.optim.SGD. For each parameter θ with gradient g,
// at every Step:
//
//	g ← g + weight_decay·θ
//	b ← g at the first step, else momentum·b + (1 − dampening)·g   (if momentum ≠ 0)
//	g ← g + momentum·b if Nesterov, else b                        (if momentum ≠ 0)
//	θ ← θ − lr·g
type SGD struct {
	Params                               []Param // the parameters it updates
	LR, Momentum, Dampening, WeightDecay float64 // learning rate and the options above
	Nesterov                             bool    // Nesterov momentum

	buf map[*Tensor][]float64
}

// NewSGD returns SGD over params with learning rate lr. Options: Momentum,
// Dampening, WeightDecay, Nesterov.
func NewSGD(params []Param, lr float64, opts ...Option) *SGD {
	c := newConfig("NewSGD", []string{"Momentum", "Dampening", "WeightDecay", "Nesterov"}, opts)
	if !(lr >= 0) {
		failf("NewSGD", "a learning rate ≥ 0", "%v", lr)
	}
	if c.nesterov && (c.momentum <= 0 || c.dampening != 0) {
		fail("NewSGD", "Nesterov with momentum > 0 and zero dampening (PyTorch's rule)", "other settings")
	}
	return &SGD{Params: params, LR: lr, Momentum: c.momentum, Dampening: c.dampening,
		WeightDecay: c.weightDecay, Nesterov: c.nesterov, buf: map[*Tensor][]float64{}}
}

// ZeroGrad sets every parameter's gradient to zero.
func (o *SGD) ZeroGrad() { zeroParams(o.Params) }

// Step updates every parameter from its gradient.
func (o *SGD) Step() {
	for _, p := range o.Params {
		b, seen := o.buf[p.Value]
		if !seen && o.Momentum != 0 {
			b = make([]float64, len(p.Value.Data))
			o.buf[p.Value] = b
		}
		for i, g := range p.Grad.Data {
			th := p.Value.Data[i]
			g += o.WeightDecay * th
			if o.Momentum != 0 {
				if !seen {
					b[i] = g
				} else {
					b[i] = o.Momentum*b[i] + (1-o.Dampening)*g
				}
				if o.Nesterov {
					g += o.Momentum * b[i]
				} else {
					g = b[i]
				}
			}
			p.Value.Data[i] = th - o.LR*g
		}
	}
}

func zeroParams(ps []Param) {
	for _, p := range ps {
		clear(p.Grad.Data)
	}
}

// Adam is PyTorch's torch.optim.Adam (defaults lr 1e-3, betas (0.9,
// 0.999), eps 1e-8). For each parameter θ with gradient g, at step t:
//
//	g ← g + weight_decay·θ
//	m ← β1·m + (1 − β1)·g
//	v ← β2·v + (1 − β2)·g²
//	v̂ ← max(v̂, v) with AMSGrad, else v
//	θ ← θ − lr/(1 − β1ᵗ) · m / (√v̂/√(1 − β2ᵗ) + eps)
type Adam struct {
	Params                []Param // the parameters it updates
	LR, Beta1, Beta2, Eps float64 // learning rate, moment decay rates, ε
	WeightDecay           float64 // L2 penalty added to the gradient
	AMSGrad               bool    // use the running maximum of v

	state map[*Tensor]*adamState
}

type adamState struct {
	step       int
	m, v, vmax []float64
}

// NewAdam returns Adam over params with learning rate lr (PyTorch's
// default is 1e-3). Options: Betas, Eps, WeightDecay, AMSGrad.
func NewAdam(params []Param, lr float64, opts ...Option) *Adam {
	c := newConfig("NewAdam", []string{"Betas", "Eps", "WeightDecay", "AMSGrad"}, opts)
	if !(lr >= 0) || !(c.beta1 >= 0 && c.beta1 < 1) || !(c.beta2 >= 0 && c.beta2 < 1) || !(c.eps >= 0) {
		failf("NewAdam", "lr ≥ 0, betas in [0, 1), eps ≥ 0", "lr %v, betas (%v, %v), eps %v", lr, c.beta1, c.beta2, c.eps)
	}
	return &Adam{Params: params, LR: lr, Beta1: c.beta1, Beta2: c.beta2, Eps: c.eps,
		WeightDecay: c.weightDecay, AMSGrad: c.amsgrad, state: map[*Tensor]*adamState{}}
}

// ZeroGrad sets every parameter's gradient to zero.
func (o *Adam) ZeroGrad() { zeroParams(o.Params) }

// Step updates every parameter from its gradient.
func (o *Adam) Step() {
	for _, p := range o.Params {
		s := o.state[p.Value]
		if s == nil {
			n := len(p.Value.Data)
			s = &adamState{m: make([]float64, n), v: make([]float64, n)}
			if o.AMSGrad {
				s.vmax = make([]float64, n)
			}
			o.state[p.Value] = s
		}
		s.step++
		bc1 := 1 - math.Pow(o.Beta1, float64(s.step))
		bc2 := math.Sqrt(1 - math.Pow(o.Beta2, float64(s.step)))
		size := o.LR / bc1
		for i, g := range p.Grad.Data {
			th := p.Value.Data[i]
			g += o.WeightDecay * th
			s.m[i] = o.Beta1*s.m[i] + (1-o.Beta1)*g
			s.v[i] = o.Beta2*s.v[i] + (1-o.Beta2)*g*g
			v := s.v[i]
			if o.AMSGrad {
				s.vmax[i] = math.Max(s.vmax[i], v)
				v = s.vmax[i]
			}
			p.Value.Data[i] = th - size*s.m[i]/(math.Sqrt(v)/bc2+o.Eps)
		}
	}
}
