// Package mathref holds each formula the lessons teach as LaTeX and as a
// literal, slow implementation written the way the formula reads. The
// implementations are the oracle that the fast layers in package nn are
// tested against, and the errata list the common wrong presentations of the
// same formulas, each with a runnable side-by-side demonstration.
//
// mathref imports only the standard library. It is written for reading,
// not for speed: one loop per Σ, index letters as in the TeX, and a shape
// comment on top of every reference function.
//
// # Tensors
//
// The oracle's array is [Tensor]: a shape and row-major float64 data, laid
// out exactly like a contiguous PyTorch tensor. Its fields are exported, so
// any other tensor converts in one line:
//
//	ref := mathref.Tensor{Shape: t.Shape, Data: t.Data}
//
// [New], [FromData], [Vector], [Matrix], [Arange] and [Uniform] make tensors;
// [Tensor.At], [Tensor.Set], [Tensor.Sub], [Tensor.Reshape], [Stack] and
// [Flip] index and rearrange them. The zero Tensor{} means "absent" where a
// function says so (an initial hidden state of zeros, for instance).
//
// # Formulas
//
// Each formula family has an exported [Formula] value (Conv2DFormula,
// LSTMCellFormula, SDPAFormula, …) holding its TeX, its symbols with their
// shapes, its source and its reference function. [Formulas] lists them all
// and [Lookup] finds one by ID. A Formula's LaTeX and Markdown methods
// return ready-to-display text (the TeX itself has no $$ delimiters).
//
//	f, _ := mathref.Lookup("sdpa")
//	fmt.Println(f.TeX)
//
// The reference functions follow PyTorch's definitions, parameter names and
// layouts, so that a state dict maps onto them:
//
//   - convolution: [Conv2D] (cross-correlation, as nn.Conv2d: stride, padding,
//     dilation, groups, bias), [TrueConv2D] (flipped kernel),
//     [ConvOutputSize];
//   - pooling: [MaxPool2D], [AvgPool2D] (count_include_pad=True by default);
//   - activations: [ReLU], [Tanh], [Sigmoid], [Softmax], [LogSoftmax];
//   - [Linear]: y = x·Wᵀ + b with W stored (out, in);
//   - recurrence: [RNNCell], [RNN], [LSTMCell], [LSTM], [GRUCell], [GRU], with
//     [RecurrentWeights] laid out as weight_ih_l0 etc. (gate order i, f, g, o
//     for the LSTM and r, z, n for the GRU); every gate is returned;
//   - attention: [ScaledDotProductAttention], [MultiheadAttention] (packed
//     in_proj_weight, per-head and averaged weights), [AdditiveAttention];
//     masks in [AttnOpts];
//   - loss: [CrossEntropy] from logits with class indices, mean reduction.
//
// Inputs are batched as in PyTorch: (C, H, W) or (N, C, H, W) images,
// (T, N, I) or (T, I) sequences (batch_first=False), one row per sample for
// cells. Attention works on one sequence pair, (L, d) queries and (S, d)
// keys; loop over a batch.
//
// # Masks
//
// PyTorch reads boolean attention masks in opposite ways in its two APIs.
// F.scaled_dot_product_attention: True means the pair takes part; use
// AttnOpts.Attend. nn.MultiheadAttention: True means not allowed (attn_mask)
// or padding (key_padding_mask); use AttnOpts.Block and AttnOpts.KeyPadding.
// Float masks (AttnOpts.Add) are added to the scores in both. A query whose
// keys are all masked gets NaN, as in PyTorch.
//
// # Errata
//
// [Errata] returns every [Erratum]: the errors of the project's seed
// document (points C1–C6: a convolution formula without the output
// position, attention with a double softmax and no 1/√d_k, a CNN that only
// fits 24×24 inputs, an attention module that cannot run, …) and classic
// ones (convolution vs cross-correlation, softmax over the wrong axis or
// without the maximum subtracted, off-by-one output sizes, a forgotten bias
// or channel sum). Each has the wrong and the right form, a one-line why,
// the authority, and a Demo that runs both on small numbers:
//
//	e, _ := mathref.ErratumByID("attention-double-softmax")
//	fmt.Println(e.Demo())
//	// input: scores (4, 1, 0, −2)
//	// wrong: softmax twice [0.453 0.187 0.181 0.179]
//	// right: softmax once [0.934 0.047 0.017 0.002]
//
// # Checking
//
// [AllClose] compares two tensors with absolute and relative tolerances and
// reports the largest difference and the first mismatching index;
// [DiffTable] prints the first elements side by side for a failing test.
//
// The oracle itself is checked against PyTorch float64 numbers to 1e-12
// (testdata/mathref_torch.json, made by testdata/gen_mathref.py with
// Debian's python3-torch 1.13); the errata demonstrations against what
// PyTorch printed for the same examples (testdata/errata_torch.json, made by
// testdata/gen_errata.py). Tests never need torch.
//
// # Errors
//
// Shape misuse panics with a message that starts with "mathref: ", names
// the function, and says what was expected and what came:
//
//	mathref: Conv2D: weight must be (O, C/groups, KH, KW) = (4, 3/1=3, KH, KW) for an input with 3 channels, got (4, 2, 3, 3)
package mathref
