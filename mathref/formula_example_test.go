package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// Every formula, with the reference function that computes it.
func ExampleFormulas() {
	for _, f := range mathref.Formulas() {
		fmt.Printf("%-19s %s\n", f.ID, f.FuncName)
	}
	// Output:
	// conv2d              Conv2D
	// conv2d-true         TrueConv2D
	// conv-output-size    ConvOutputSize
	// maxpool2d           MaxPool2D
	// avgpool2d           AvgPool2D
	// relu                ReLU
	// tanh                Tanh
	// sigmoid             Sigmoid
	// softmax             Softmax
	// log-softmax         LogSoftmax
	// linear              Linear
	// rnn-cell            RNNCell
	// rnn                 RNN
	// lstm-cell           LSTMCell
	// lstm                LSTM
	// gru-cell            GRUCell
	// gru                 GRU
	// sdpa                ScaledDotProductAttention
	// mha                 MultiheadAttention
	// additive-attention  AdditiveAttention
	// cross-entropy       CrossEntropy
}

// A formula carries its TeX and its symbols with shapes.
func ExampleLookup() {
	f, _ := mathref.Lookup("conv-output-size")
	fmt.Println(f.LaTeX())
	for _, s := range f.Symbols {
		fmt.Printf("%s: %s, %s\n", s.Sym, s.Meaning, s.Shape)
	}
	// Output:
	// $$H' = \left\lfloor \frac{H + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1$$
	// H: input length (height or width), scalar
	// k: kernel length, scalar
	// s: stride, scalar ≥ 1
	// p: zero padding on each side, scalar ≥ 0
	// d: dilation (1 = contiguous kernel), scalar ≥ 1
	// H': output length, scalar ≥ 1
}

// Markdown renders a formula with its symbol table for a notebook cell.
func ExampleFormula_Markdown() {
	fmt.Print(mathref.ReLUFormula.Markdown())
	// Output:
	// **ReLU**
	//
	// $$\mathrm{ReLU}(x) = \max(0, x)$$
	//
	// | symbol | meaning | shape |
	// |---|---|---|
	// | $x$ | any input, element by element | any |
	//
	// Reference: `mathref.ReLU` · Source: https://docs.pytorch.org/docs/stable/generated/torch.nn.ReLU.html
}
