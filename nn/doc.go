// Package nn implements neural-network layers on gonum with PyTorch's
// semantics, parameter names and layouts: convolution, pooling, linear,
// activations, RNN/LSTM/GRU and attention, each with forward and backward,
// plus losses, SGD and Adam, and loading of PyTorch weights from
// .safetensors files. It is what the lessons run; its numbers are checked
// against PyTorch, against the literal formulas in package mathref and
// against finite differences.
//
// # Tensors
//
// A *Tensor is a shape and a row-major []float64, like a contiguous
// PyTorch tensor:
//
//	x := nn.Arange(9).Reshape(1, 1, 3, 3) // (N, C, H, W)
//	x.At(0, 0, 1, 2)                      // 5
//	m := x.Matrix(0, 0)                   // the 3×3 image as a gonum *mat.Dense, no copy
//
// Reshape, Index and Matrix are views that share the numbers; Clone and
// Permute copy. Printing a tensor shows its shape and its numbers in
// nested brackets. nn never broadcasts: shapes must match exactly.
//
// # Layers
//
// Every layer is built by a New… function whose arguments and options
// follow PyTorch's constructor, e.g.
//
//	conv := nn.NewConv2d(3, 32, 3, nn.Padding(1))   // nn.Conv2d(3, 32, 3, padding=1)
//	lstm := nn.NewLSTM(10, 20, nn.NumLayers(2), nn.BatchFirst())
//	y := conv.Forward(x)
//	gx := conv.Backward(gy) // adds into conv.WeightGrad, conv.BiasGrad; returns dL/dx
//
// Single-input layers implement Layer (Forward, Backward, OutShape) and
// chain in a Sequential. Forward caches what Backward needs, so a layer
// instance belongs to one place in a network: build two MaxPool2d values
// where PyTorch code reuses one self.pool. Gradients accumulate until
// ZeroGrad, as in PyTorch. Weights start from PyTorch's default
// distributions (kaiming-uniform bounds ±1/√fan_in for Conv2d and Linear,
// ±1/√hidden for recurrent layers, xavier-uniform in-projection for
// MultiheadAttention) drawn from nn's own seeded source: ManualSeed(s)
// makes them reproducible (the numbers differ from PyTorch's).
//
// Parameters() lists each parameter with its PyTorch state-dict name and
// layout — "conv1.weight" (O, C/groups, KH, KW), "lstm.weight_ih_l0" (4H,
// I) with the gates in the order i, f, g, o, "in_proj_weight" (3E, E) —
// so a PyTorch state dict loads one to one.
//
// # Recurrent layers
//
// RNN, LSTM and GRU take (T, B, I), (B, T, I) with BatchFirst, or
// unbatched (T, I). Initial and final states are (num_layers, B, H) even
// with BatchFirst, as in PyTorch. Forward uses zero initial states;
// ForwardState takes and returns them. After a Forward, Record[layer]
// holds every step's pre-activations, gates, cell states and hidden states
// as time-major (T, B, ·) tensors, and Step(layer, t) returns one step's
// gates: LSTMStep{I, F, G, O, C, H}, GRUStep{R, Z, N, H}, RNNStep{Pre, H}.
//
// # Attention and masks
//
// SDPA is scaled dot-product attention, MultiheadAttention is
// nn.MultiheadAttention, AdditiveAttention is Bahdanau's. Scores (before
// the softmax) and Weights (after) are fields; MultiheadAttention also
// keeps its per-head Q, K, V, Scores and HeadWeights and returns the
// weights averaged or per head. Masks are passed as options, and what a
// true entry means follows PyTorch, which is not the same everywhere:
//
//	option                    where                 true means          PyTorch
//	AttnMask(m)               SDPA                  may attend          F.scaled_dot_product_attention attn_mask
//	AttnMask(m)               MultiheadAttention    may NOT attend      nn.MultiheadAttention attn_mask
//	KeyPaddingMask(m)         all three             padding, ignored    key_padding_mask
//	AttnBias(t)               SDPA, MHA             added to scores     float attn_mask
//	IsCausal()                SDPA                  key j ≤ query i     is_causal=True
//
// TrilMask(L, S) is the causal mask for SDPA, TriuMask(L, S) for
// MultiheadAttention, PaddingMask(lengths, S) the key-padding mask. A query
// with every key masked gets NaN weights, as in PyTorch.
//
// # Training
//
// Losses return a float64 and their Backward returns the gradient of that
// number:
//
//	ce := nn.NewCrossEntropyLoss()
//	opt := nn.NewAdam(model.Parameters(), 1e-3)
//	for step := 0; step < 100; step++ {
//		opt.ZeroGrad()
//		loss := ce.Forward(model.Forward(x), labels)
//		model.Backward(ce.Backward())
//		opt.Step()
//	}
//
// SGD (momentum, dampening, Nesterov, weight decay) and Adam (betas, eps,
// weight decay, AMSGrad) follow PyTorch 1.13's update rules exactly.
// Dropout is active in training mode, the default; Eval(model) turns it
// off.
//
// # PyTorch weights
//
// LoadSafetensors(model, "weights.safetensors") reads a file written by
// safetensors.torch.save_file(model.state_dict(), path) — any of F64, F32,
// F16, BF16 and the integer dtypes — and copies each tensor into the
// parameter of the same name. If anything is missing, extra or mis-shaped
// the model is left unchanged and the *LoadError lists every problem.
// SaveSafetensors writes the other way. The format is parsed with the
// standard library.
//
// # Shapes and the seed models
//
// Trace(model, 1, 3, 24, 24) returns a table of every layer's output shape
// and parameter count, computed without running the layers; it prints as
// text and renders as HTML in a notebook. SeedCNN and NewSeedLSTM are the
// seed document's CNN and LSTM classifier with its PyTorch names
// (SeedCNNFor sizes the CNN for other images, SeedCNNAsWritten keeps the
// seed's x.view(-1, 64*6*6), and SeedLSTM.ForwardLengths reads each padded
// sequence's own last step). When a
// layer rejects its input the error names the layer and, where it can, the
// cause:
//
//	nn: fc1 (Linear.Forward): expects 2304 = 64·6·6 features but got 4096 = 64·8·8:
//	a 32×32 input; this network needs 24×24 (any of 24–27), or in_features = 4096 for this input
//
// # Errors
//
// Forward, Backward and the constructors panic with an *Error (operation,
// expected, got, hint) when their input is wrong: mismatched shapes, nil or
// malformed tensors, zero or negative sizes, stride 0, pooling padding
// over half the kernel, unknown options. This keeps a notebook cell as
// short as the PyTorch line it mirrors; Try(func() { … }) turns the panic
// into an error value to print or inspect. NaN and ±Inf are let through,
// as in PyTorch, unless SetCheckFinite(true) asks every layer to check its
// inputs and outputs; CheckFinite checks one tensor.
//
// # How it is checked
//
// testdata/gen_torch.py computes 80 cases with PyTorch 1.13 in float64 —
// every layer over a grid of options (stride, padding, dilation, groups,
// ceil mode, batch_first, num_layers, masks, causal, per-head weights),
// the losses and several steps of SGD and Adam — forward outputs and all
// gradients; TestTorch compares them to 1e-10. The mathref oracles are
// compared over grids of shapes to 1e-12, and every Backward is compared
// with central finite differences.
//
// # Performance
//
// Convolution is im2col followed by a matrix product; recurrent layers
// project all time steps in one product. Every matrix product goes
// through one internal function and every exponential through another, so
// that a faster implementation (nn/internal/fast) replaces them in one
// place. Everything runs on one goroutine.
package nn
