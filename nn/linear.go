package nn

import (
	"fmt"
	"strings"
)

// Linear is PyTorch's nn.Linear: y = x·Wᵀ + b over the last dimension, so
// x (…, in) gives y (…, out). Weight is (out, in) and Bias (out), as in a
// PyTorch state dict.
type Linear struct {
	mode
	InFeatures, OutFeatures int     // in and out
	Weight                  *Tensor // (out, in), "weight"
	Bias                    *Tensor // (out), "bias"; nil with Bias(false)
	WeightGrad, BiasGrad    *Tensor // gradients accumulated by Backward

	x *Tensor
}

// NewLinear returns Linear(in, out) initialised like PyTorch: weight and
// bias uniform in ±1/√in. Option: Bias.
func NewLinear(in, out int, opts ...Option) *Linear {
	const op = "NewLinear"
	c := newConfig(op, []string{"Bias"}, opts)
	positive(op, "in_features and out_features", in, out)
	b := kaimingBound(in)
	l := &Linear{InFeatures: in, OutFeatures: out, Weight: uniformParam(b, out, in)}
	l.WeightGrad = New(out, in)
	if c.bias {
		l.Bias = uniformParam(b, out)
		l.BiasGrad = New(out)
	}
	return l
}

// String describes the layer like PyTorch's repr.
func (l *Linear) String() string {
	return fmt.Sprintf("Linear(in_features=%d, out_features=%d, bias=%v)", l.InFeatures, l.OutFeatures, l.Bias != nil)
}

// Parameters returns "weight" and, if present, "bias".
func (l *Linear) Parameters() []Param {
	ps := []Param{{"weight", l.Weight, l.WeightGrad}}
	if l.Bias != nil {
		ps = append(ps, Param{"bias", l.Bias, l.BiasGrad})
	}
	return ps
}

// OutShape returns the input shape with its last size replaced by out.
func (l *Linear) OutShape(in []int) []int {
	if len(in) == 0 || in[len(in)-1] != l.InFeatures {
		failf("Linear.Forward", fmt.Sprintf("%d features in the last dimension", l.InFeatures), "%s", fmtShape(in))
	}
	out := cloneInts(in)
	out[len(out)-1] = l.OutFeatures
	return out
}

// Forward returns x·Wᵀ + b.
func (l *Linear) Forward(x *Tensor) *Tensor {
	checkTensor("Linear.Forward", "input", x)
	y := New(l.OutShape(x.Shape)...)
	m := len(x.Data) / l.InFeatures
	gemm(false, true, m, l.OutFeatures, l.InFeatures, 1, x.Data, l.InFeatures, l.Weight.Data, l.InFeatures, 0, y.Data, l.OutFeatures)
	if l.Bias != nil {
		for r := 0; r < m; r++ {
			row := y.Data[r*l.OutFeatures : (r+1)*l.OutFeatures]
			for j, b := range l.Bias.Data {
				row[j] += b
			}
		}
	}
	l.x = x
	checkFiniteOp("Linear.Forward", "output", y)
	return y
}

// Backward adds gᵀx to WeightGrad and the row sums of g to BiasGrad and
// returns g·W.
func (l *Linear) Backward(gradOut *Tensor) *Tensor {
	checkBackward("Linear.Backward", l.x, gradOut, l.OutShape)
	m := len(l.x.Data) / l.InFeatures
	gemm(true, false, l.OutFeatures, l.InFeatures, m, 1, gradOut.Data, l.OutFeatures, l.x.Data, l.InFeatures, 1, l.WeightGrad.Data, l.InFeatures)
	if l.Bias != nil {
		for r := 0; r < m; r++ {
			for j, g := range gradOut.Data[r*l.OutFeatures : (r+1)*l.OutFeatures] {
				l.BiasGrad.Data[j] += g
			}
		}
	}
	gx := New(l.x.Shape...)
	gemm(false, false, m, l.InFeatures, l.OutFeatures, 1, gradOut.Data, l.OutFeatures, l.Weight.Data, l.InFeatures, 0, gx.Data, l.InFeatures)
	checkFiniteOp("Linear.Backward", "input gradient", gx)
	return gx
}

// Flatten is PyTorch's nn.Flatten(start_dim, end_dim): it merges
// dimensions StartDim…EndDim into one. NewFlatten() uses PyTorch's
// default (1, −1), so (N, C, H, W) becomes (N, C·H·W), keeping the batch.
type Flatten struct {
	noParams
	StartDim, EndDim int   // the first and last dimension merged; negative counts from the end
	inShape          []int // input shape of the latest Forward
}

// NewFlatten returns Flatten(1, −1), or Flatten(start, end) when two
// dimensions are given.
func NewFlatten(dims ...int) *Flatten {
	switch len(dims) {
	case 0:
		return &Flatten{StartDim: 1, EndDim: -1}
	case 2:
		return &Flatten{StartDim: dims[0], EndDim: dims[1]}
	}
	failf("NewFlatten", "no arguments or (start_dim, end_dim)", "%v", dims)
	return nil
}

// InShape returns the input shape of the latest Forward (nil before any).
func (l *Flatten) InShape() []int { return l.inShape }

// OutShape merges dimensions StartDim…EndDim of in.
func (l *Flatten) OutShape(in []int) []int {
	t := &Tensor{Shape: in}
	s, e := t.axis("Flatten.Forward", l.StartDim), t.axis("Flatten.Forward", l.EndDim)
	if s > e {
		failf("Flatten.Forward", "start_dim ≤ end_dim", "%d > %d for shape %s", l.StartDim, l.EndDim, fmtShape(in))
	}
	out := cloneInts(in[:s])
	out = append(out, product(in[s:e+1]))
	return append(out, in[e+1:]...)
}

// Forward returns a view of x with the dimensions merged.
func (l *Flatten) Forward(x *Tensor) *Tensor {
	checkTensor("Flatten.Forward", "input", x)
	l.inShape = cloneInts(x.Shape)
	return &Tensor{Shape: l.OutShape(x.Shape), Data: x.Data}
}

// Backward reshapes the gradient back to the input shape.
func (l *Flatten) Backward(gradOut *Tensor) *Tensor {
	var x *Tensor
	if l.inShape != nil {
		x = &Tensor{Shape: l.inShape}
	}
	checkBackward("Flatten.Backward", x, gradOut, l.OutShape)
	return &Tensor{Shape: cloneInts(l.inShape), Data: gradOut.Data}
}

// View is PyTorch's x.view(shape) as a layer: it reshapes the whole tensor,
// batch included, with one size allowed to be −1. It exists to reproduce
// code such as x.view(-1, 64*6*6), which silently mixes images when the
// feature count is wrong but divides the total; prefer Flatten.
type View struct {
	noParams
	Shape   []int // the target shape; one size may be −1
	inShape []int
}

// NewView returns View(shape...).
func NewView(shape ...int) *View { return &View{Shape: cloneInts(shape)} }

// OutShape returns the viewed shape, or panics if the numbers do not fit.
func (l *View) OutShape(in []int) []int {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok {
				e.Op = "View.Forward"
			}
			panic(r)
		}
	}()
	return reshaped("Tensor.Reshape", in, product(in), l.Shape)
}

// Forward returns x viewed with Shape.
func (l *View) Forward(x *Tensor) *Tensor {
	checkTensor("View.Forward", "input", x)
	l.inShape = cloneInts(x.Shape)
	return &Tensor{Shape: l.OutShape(x.Shape), Data: x.Data}
}

// Backward views the gradient with the input shape.
func (l *View) Backward(gradOut *Tensor) *Tensor {
	var x *Tensor
	if l.inShape != nil {
		x = &Tensor{Shape: l.inShape}
	}
	checkBackward("View.Backward", x, gradOut, l.OutShape)
	return &Tensor{Shape: cloneInts(l.inShape), Data: gradOut.Data}
}

// String describes the layer.
func (l *View) String() string {
	s := make([]string, len(l.Shape))
	for i, v := range l.Shape {
		s[i] = fmt.Sprint(v)
	}
	return "View(" + strings.Join(s, ", ") + ")"
}

// Dropout is PyTorch's nn.Dropout(p): in training mode each element is
// zeroed with probability P and the rest are scaled by 1/(1−P), with a
// mask drawn from nn's seeded source; in evaluation mode it is the
// identity.
type Dropout struct {
	noParams
	P    float64 // probability of zeroing an element
	Keep []bool  // the mask of the latest training-mode Forward (true = kept)
	on   bool    // whether the latest Forward dropped
	in   []int
}

// NewDropout returns Dropout(p) with 0 ≤ p ≤ 1.
func NewDropout(p float64) *Dropout {
	if !(p >= 0 && p <= 1) {
		failf("NewDropout", "a probability p in [0, 1]", "%v", p)
	}
	return &Dropout{P: p}
}

// OutShape returns the input shape.
func (l *Dropout) OutShape(in []int) []int { return cloneInts(in) }

// Forward drops and rescales in training mode; otherwise returns x.
func (l *Dropout) Forward(x *Tensor) *Tensor {
	checkTensor("Dropout.Forward", "input", x)
	l.in = cloneInts(x.Shape)
	l.on = l.Training() && l.P > 0
	if !l.on {
		return x.Clone()
	}
	l.Keep = make([]bool, len(x.Data))
	bernoulliKeep(l.Keep, l.P)
	y := New(x.Shape...)
	scale := 0.0
	if l.P < 1 {
		scale = 1 / (1 - l.P)
	}
	for i, k := range l.Keep {
		if k {
			y.Data[i] = x.Data[i] * scale
		}
	}
	return y
}

// Backward applies the same mask and scale to the gradient.
func (l *Dropout) Backward(gradOut *Tensor) *Tensor {
	var x *Tensor
	if l.in != nil {
		x = &Tensor{Shape: l.in}
	}
	checkBackward("Dropout.Backward", x, gradOut, l.OutShape)
	if !l.on {
		return gradOut.Clone()
	}
	gx := New(gradOut.Shape...)
	scale := 0.0
	if l.P < 1 {
		scale = 1 / (1 - l.P)
	}
	for i, k := range l.Keep {
		if k {
			gx.Data[i] = gradOut.Data[i] * scale
		}
	}
	return gx
}

// String describes the layer like PyTorch's repr.
func (l *Dropout) String() string { return fmt.Sprintf("Dropout(p=%v)", l.P) }

// String describes the layer like PyTorch's repr.
func (l *Flatten) String() string {
	return fmt.Sprintf("Flatten(start_dim=%d, end_dim=%d)", l.StartDim, l.EndDim)
}
