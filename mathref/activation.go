package mathref

import "math"

// ReLUFormula is the rectified linear unit.
var ReLUFormula = Formula{
	ID:      "relu",
	Title:   "ReLU",
	TeX:     `\mathrm{ReLU}(x) = \max(0, x)`,
	Symbols: []Symbol{{`x`, "any input, element by element", "any"}},
	Func:    ReLU, FuncName: "ReLU",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.ReLU.html",
}

// ReLU returns max(0, x) element by element (NaN stays NaN, as in PyTorch).
func ReLU(x Tensor) Tensor {
	// x: any  y: same shape
	return elementwise(x, func(v float64) float64 { return math.Max(0, v) })
}

// TanhFormula is the hyperbolic tangent.
var TanhFormula = Formula{
	ID:      "tanh",
	Title:   "tanh",
	TeX:     `\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
	Symbols: []Symbol{{`x`, "any input, element by element", "any"}},
	Func:    Tanh, FuncName: "Tanh",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Tanh.html",
}

// Tanh returns tanh(x) element by element.
func Tanh(x Tensor) Tensor {
	// x: any  y: same shape
	return elementwise(x, math.Tanh)
}

// SigmoidFormula is the logistic sigmoid.
var SigmoidFormula = Formula{
	ID:      "sigmoid",
	Title:   "Sigmoid",
	TeX:     `\sigma(x) = \frac{1}{1 + e^{-x}}`,
	Symbols: []Symbol{{`x`, "any input, element by element", "any"}},
	Func:    Sigmoid, FuncName: "Sigmoid",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Sigmoid.html",
}

// Sigmoid returns 1/(1 + e^−x) element by element.
func Sigmoid(x Tensor) Tensor {
	// x: any  y: same shape
	return elementwise(x, sigmoid)
}

func sigmoid(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

func elementwise(x Tensor, f func(float64) float64) Tensor {
	y := x.Clone()
	for k, v := range x.Data {
		y.Data[k] = f(v)
	}
	return y
}

// SoftmaxFormula is the numerically stable softmax along one axis.
var SoftmaxFormula = Formula{
	ID:    "softmax",
	Title: "Softmax (stable form)",
	TeX: `\mathrm{softmax}(x)_i = \frac{\exp(x_i - m)}{\sum_{j=1}^{K} \exp(x_j - m)},
\qquad m = \max_{j} x_j`,
	Symbols: []Symbol{
		{`x`, "the K values along the chosen axis (each other index fixed)", "(K) per slice"},
		{`m`, "their maximum; subtracting it changes nothing mathematically and keeps exp from overflowing", "scalar"},
		{`\mathrm{softmax}(x)`, "probabilities along that axis: positive, summing to 1", "same as x"},
	},
	Func: Softmax, FuncName: "Softmax",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Softmax.html",
}

// Softmax is torch.softmax(x, dim=axis): along the axis, exp(x_i − m)/Σ_j
// exp(x_j − m) with m the maximum, so large inputs do not overflow. A
// negative axis counts from the end (-1 is the last). A slice that is all −∞
// gives NaN, as in PyTorch.
func Softmax(x Tensor, axis int) Tensor {
	// x: (A, K, B) viewed around the axis  y: same shape
	y := x.Clone()
	outer, K, inner := around("Softmax", x, axis)
	for a := 0; a < outer; a++ {
		for b := 0; b < inner; b++ {
			at := func(i int) int { return (a*K+i)*inner + b }
			m := math.Inf(-1)
			for j := 0; j < K; j++ {
				m = math.Max(m, x.Data[at(j)])
			}
			Z := 0.0
			for j := 0; j < K; j++ {
				Z += math.Exp(x.Data[at(j)] - m)
			}
			for i := 0; i < K; i++ {
				y.Data[at(i)] = math.Exp(x.Data[at(i)]-m) / Z
			}
		}
	}
	return y
}

// LogSoftmaxFormula is log-softmax in its stable form.
var LogSoftmaxFormula = Formula{
	ID:    "log-softmax",
	Title: "Log-softmax (stable form)",
	TeX: `\log\mathrm{softmax}(x)_i = x_i - m - \log \sum_{j=1}^{K} \exp(x_j - m),
\qquad m = \max_{j} x_j`,
	Symbols: []Symbol{
		{`x`, "the K values along the chosen axis", "(K) per slice"},
		{`m`, "their maximum", "scalar"},
	},
	Func: LogSoftmax, FuncName: "LogSoftmax",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.LogSoftmax.html",
}

// LogSoftmax is torch.log_softmax(x, dim=axis): x_i − m − log Σ_j exp(x_j − m),
// exact even where Softmax rounds to 0 (log-softmax of [0, −1000] is
// [0, −1000], while log(softmax) would be −Inf).
func LogSoftmax(x Tensor, axis int) Tensor {
	// x: (A, K, B) viewed around the axis  y: same shape
	y := x.Clone()
	outer, K, inner := around("LogSoftmax", x, axis)
	for a := 0; a < outer; a++ {
		for b := 0; b < inner; b++ {
			at := func(i int) int { return (a*K+i)*inner + b }
			m := math.Inf(-1)
			for j := 0; j < K; j++ {
				m = math.Max(m, x.Data[at(j)])
			}
			Z := 0.0
			for j := 0; j < K; j++ {
				Z += math.Exp(x.Data[at(j)] - m)
			}
			for i := 0; i < K; i++ {
				y.Data[at(i)] = x.Data[at(i)] - m - math.Log(Z)
			}
		}
	}
	return y
}

// around splits x's shape at axis into (outer, K, inner) sizes.
func around(op string, x Tensor, axis int) (outer, K, inner int) {
	nd, given := x.Dims(), axis
	if axis < 0 {
		axis += nd
	}
	if nd == 0 || axis < 0 || axis >= nd {
		panicf("%s: axis must be in [-%d, %d) for shape %s, got %d", op, nd, nd, shapeString(x.Shape), given)
	}
	outer, inner = 1, 1
	for a := 0; a < axis; a++ {
		outer *= x.Shape[a]
	}
	for a := axis + 1; a < nd; a++ {
		inner *= x.Shape[a]
	}
	return outer, x.Shape[axis], inner
}
