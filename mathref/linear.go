package mathref

// LinearFormula is the affine layer in PyTorch's layout.
var LinearFormula = Formula{
	ID:    "linear",
	Title: "Linear (fully connected) layer",
	TeX: `y_{n,o} = b_o + \sum_{k=0}^{F_{in}-1} x_{n,k}\, W_{o,k}
\qquad\Longleftrightarrow\qquad y = x W^{\top} + b`,
	Symbols: []Symbol{
		{`x`, "inputs, one row per sample (any leading axes)", "(N, F_in)"},
		{`W`, "weight, one row per output feature (PyTorch stores (out, in))", "(F_out, F_in)"},
		{`b`, "bias", "(F_out)"},
		{`y`, "outputs", "(N, F_out)"},
	},
	Func: Linear, FuncName: "Linear",
	Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html",
}

// Linear is torch.nn.functional.linear: y = x·Wᵀ + b with W stored as
// (out_features, in_features), as in a PyTorch state dict. x is (F_in) or
// (…, F_in) with any leading axes; the result replaces the last axis by
// F_out. b may be nil (bias=False).
//
//	y[n,o] = b[o] + Σ_k x[n,k] · W[o,k]
func Linear(x, W Tensor, b []float64) Tensor {
	// x: (N, F_in)  W: (F_out, F_in)  b: (F_out)  y: (N, F_out)
	if x.Dims() < 1 || W.Dims() != 2 || x.Shape[x.Dims()-1] != W.Shape[1] {
		panicf("Linear: need x (…, F_in) and W (F_out, F_in) with the same F_in, got x %s and W %s",
			shapeString(x.Shape), shapeString(W.Shape))
	}
	Fout, Fin := W.Shape[0], W.Shape[1]
	if b != nil && len(b) != Fout {
		panicf("Linear: bias must be (F_out) = (%d), got (%d)", Fout, len(b))
	}
	N := numel("Linear", x.Shape[:x.Dims()-1]) // all leading axes as one
	x2 := x.Reshape(N, Fin)
	y := New(N, Fout)
	for n := 0; n < N; n++ {
		for o := 0; o < Fout; o++ {
			sum := biasAt(b, o)
			for k := 0; k < Fin; k++ {
				sum += x2.At(n, k) * W.At(o, k)
			}
			y.Set(sum, n, o)
		}
	}
	outShape := append(append([]int(nil), x.Shape[:x.Dims()-1]...), Fout)
	return y.Reshape(outShape...)
}
