// Package attention holds the attention lessons' content (notebooks 05
// and 06): walkthroughs through scores, scaling by 1/√d_k, masking,
// softmax, the weights heatmap and the context vectors, multi-head
// attention, a tiny attention model trained in the notebook, the seed
// document's errors, and the exercises with their checkers. Numbers come
// from nn and are checked against mathref as they are shown; every
// student-facing string is in English and Simplified Chinese (see
// lessons.SetLang).
//
// # Walkthroughs
//
// Walk(tokens, Q, K, V) runs scaled dot-product attention with nn.SDPA,
// compares every number with mathref.ScaledDotProductAttention and
// returns an *Attention. In a cell it is a player over the steps: the
// inputs, then for each query its dot products divided by √d_k (each
// product written out), the mask, the stable softmax (the row maximum
// subtracted, each exponential and the sum shown) and the context vector,
// then all the weights as a heatmap with the tokens on both axes. If nn
// and mathref ever disagree, every step says so first.
//
//	ex := attention.Sentence()                 // "cats drink warm milk" (猫 喝 温 牛奶)
//	a := attention.Walk(ex.Tokens, ex.Q, ex.K, ex.V)
//	a.Heatmap()                                // the weights, tokens on both axes
//	a.Query(1)                                 // one query's steps
//	attention.Walk(ex.Tokens, ex.Q, ex.K, ex.V, attention.Options{Causal: true})
//
// WalkCross takes separate query and key tokens; WalkEmbeddings starts
// from embeddings X and projections W_Q, W_K, W_V. Options add a causal
// or a padding mask, another scale, and choose the queries shown. Tokens
// that do not match the matrices, matrices that do not fit together and
// masks of the wrong length stop with an *Error whose message says what
// was expected and what came.
//
// # Why 1/√d_k, stable softmax, the seed's errors
//
// MeasureSpread measures the spread of q·k for random unit-variance
// vectors against d (and how one-hot an unscaled softmax becomes), with a
// table and a figure. SoftmaxSteps works a softmax out as written (it
// overflows to NaN for large scores) and stably. DoubleSoftmax and
// SeedWeights show the seed document's softmax-of-softmax next to the
// right result; Errata renders mathref's errata (SeedErrata: the seed's
// formulas and its PyTorch module) in the current language.
//
// # Multi-head attention
//
// NewMultiHead (or MultiHeadOf, for an existing layer) runs
// nn.MultiheadAttention on a short sequence and walks through the packed
// in_proj_weight, the split into heads, each head, the concatenation and
// out_proj, and the weights averaged over the heads as PyTorch returns
// them; everything is checked against mathref.MultiheadAttention.
// MHAShapes is the table of shapes through the layer; PatternHeads four
// hand-made heads with clear patterns, PatternAverage their blurred mean.
//
// # A model trained in the notebook
//
// Train(TrainConfig{}) trains, in compiled Go and in a few seconds, a
// one-layer attention model (one-hot digit and position → linear
// embedding → nn.MultiheadAttention → linear readout, no residual) to
// reverse 6 digits (or, with TaskShift, to rotate them). Its accuracy is
// measured on held-out sequences, and its mean attention map is the
// anti-diagonal the task needs; NoPosition shows what happens without
// positional information. The tests check the learned pattern.
//
// # Exercises
//
// Lesson05 (ExWeights, ExSoftmax, ExAttend, ExCausal, ExPadding,
// ExContext, ExMasked, ExScale) and Lesson06 (ExHeadDim, ExParams,
// ExSplitHeads, ExMaskConvention, ExWeightsShape, ExReadHead,
// ExReverseKey) are registered with the lessons framework; function
// exercises have hidden tests for stepwise grade, and every checker
// recognises the typical mistakes (no scaling, softmax twice or over the
// wrong axis, exp overflow, an inverted or off-by-one mask, a head split
// with view(h, L, d_h), …).
package attention
