package nn

import "fmt"

// SeedCNN returns the seed document's CNN as a Sequential whose parameter
// names match its PyTorch class (conv1, conv2, fc1, fc2), so its
// state_dict loads 1:1:
//
//	conv1 Conv2d(3, 32, 3, padding=1) → ReLU → MaxPool2d(2, 2)
//	conv2 Conv2d(32, 64, 3, padding=1) → ReLU → MaxPool2d(2, 2)
//	Flatten → fc1 Linear(64·6·6, 128) → ReLU → fc2 Linear(128, 10)
//
// Each 3×3 convolution with padding 1 keeps H×W and each pooling halves
// it (rounding down), so fc1's 2304 = 64·6·6 inputs fit only 24×24 to
// 27×27 images; a 32×32 CIFAR image gives 64·8·8 = 4096 and Forward says
// so. The seed's x.view(-1, 64*6*6) is replaced by Flatten, which keeps
// the batch dimension (the view silently mixes images when the batch size
// is a multiple of 9). SeedCNNFor builds the variant for another size.
func SeedCNN() *Sequential { return seedCNN(6, 6) }

// SeedCNNFor returns SeedCNN with fc1 sized for h×w input images:
// Linear(64·⌊h/4⌋·⌊w/4⌋, 128), e.g. 4096 inputs for 32×32 CIFAR images.
func SeedCNNFor(h, w int) *Sequential {
	if h < 4 || w < 4 {
		failf("SeedCNNFor", "an image of at least 4×4 (two 2×2 poolings)", "%d×%d", h, w)
	}
	return seedCNN(h/4, w/4)
}

// SeedCNNAsWritten is SeedCNN with the seed's literal x.view(-1, 64*6*6)
// (a View layer named "view") in place of Flatten: the same parameters and
// the same output for 24×24 images, but for 32×32 images with a batch of 9
// it silently returns 16 rows of logits that mix the images, and other
// batch sizes fail in the view. For the errata lesson.
func SeedCNNAsWritten() *Sequential {
	m := seedCNN(6, 6)
	for i, n := range m.Names {
		if n == "flatten" {
			m.Names[i], m.Layers[i] = "view", NewView(-1, 64*6*6)
		}
	}
	return m
}

func seedCNN(fh, fw int) *Sequential {
	return NewSequential().
		Add("conv1", NewConv2d(3, 32, 3, Padding(1))).
		Add("relu1", NewReLU()).
		Add("pool1", NewMaxPool2d(2, Stride(2))).
		Add("conv2", NewConv2d(32, 64, 3, Padding(1))).
		Add("relu2", NewReLU()).
		Add("pool2", NewMaxPool2d(2, Stride(2))).
		Add("flatten", NewFlatten()).
		Add("fc1", NewLinear(64*fh*fw, 128)).
		Add("relu3", NewReLU()).
		Add("fc2", NewLinear(128, 10))
}

// SeedLSTM is the seed document's LSTM classifier: an LSTM(input, hidden,
// layers, batch_first=True) ("lstm.*") followed by a Linear(hidden,
// classes) ("fc.*") applied to one time step of the top layer's output.
//
// Forward reproduces the seed's fc(output[:, -1, :]): the last step, which
// is right only when every sequence fills the whole length T. For a padded
// batch ForwardLengths takes each sequence's own last step,
// output[b, lengths[b]−1, :], which equals h_n of the top layer with
// PyTorch's pack_padded_sequence. (The seed's explicit zero h0/c0 are the
// default and are left out.)
type SeedLSTM struct {
	LSTM *LSTM   // "lstm": LSTM(input, hidden, layers, batch_first=True)
	FC   *Linear // "fc": Linear(hidden, classes)
	// Last holds, for each sequence of the latest Forward, the time step
	// whose output went to FC.
	Last []int

	outShape []int
}

// NewSeedLSTM returns the seed's classifier with PyTorch's default
// initialisation.
func NewSeedLSTM(inputSize, hiddenSize, numLayers, numClasses int) *SeedLSTM {
	return &SeedLSTM{LSTM: NewLSTM(inputSize, hiddenSize, NumLayers(numLayers), BatchFirst()),
		FC: NewLinear(hiddenSize, numClasses)}
}

// Parameters returns lstm.weight_ih_l0, … and fc.weight, fc.bias.
func (m *SeedLSTM) Parameters() []Param {
	return append(prefixed("lstm", m.LSTM.Parameters()), prefixed("fc", m.FC.Parameters())...)
}

// SetTraining sets the mode of both parts.
func (m *SeedLSTM) SetTraining(training bool) {
	m.LSTM.SetTraining(training)
	m.FC.SetTraining(training)
}

// OutShape returns (B, classes) for input (B, T, input).
func (m *SeedLSTM) OutShape(in []int) []int {
	out := m.LSTM.OutShape(in)
	if len(out) != 3 {
		failf("SeedLSTM.Forward", fmt.Sprintf("a batch (B, T, %d)", m.LSTM.InputSize), "%s", fmtShape(in))
	}
	return m.FC.OutShape([]int{out[0], out[2]})
}

// Forward returns logits (B, classes) from the last time step.
func (m *SeedLSTM) Forward(x *Tensor) *Tensor {
	checkTensor("SeedLSTM.Forward", "input", x)
	m.OutShape(x.Shape)
	lengths := make([]int, x.Shape[0])
	for i := range lengths {
		lengths[i] = x.Shape[1]
	}
	return m.forward(x, lengths)
}

// ForwardLengths returns logits (B, classes) from each sequence's last
// real step lengths[b]−1, for a batch padded at the end.
func (m *SeedLSTM) ForwardLengths(x *Tensor, lengths []int) *Tensor {
	const op = "SeedLSTM.ForwardLengths"
	checkTensor(op, "input", x)
	m.OutShape(x.Shape)
	if len(lengths) != x.Shape[0] {
		failf(op, fmt.Sprintf("%d lengths, one per sequence", x.Shape[0]), "%d", len(lengths))
	}
	for b, n := range lengths {
		if n < 1 || n > x.Shape[1] {
			failf(op, fmt.Sprintf("lengths in [1, %d]", x.Shape[1]), "%d for sequence %d", n, b)
		}
	}
	return m.forward(x, lengths)
}

func (m *SeedLSTM) forward(x *Tensor, lengths []int) *Tensor {
	out := m.LSTM.Forward(x) // (B, T, H)
	B, T, H := out.Shape[0], out.Shape[1], out.Shape[2]
	last := New(B, H)
	m.Last = make([]int, B)
	for b, n := range lengths {
		m.Last[b] = n - 1
		copy(last.Data[b*H:(b+1)*H], out.Data[(b*T+n-1)*H:])
	}
	m.outShape = out.Shape
	return m.FC.Forward(last)
}

// Backward returns dL/dx, accumulating the gradients of both parts.
func (m *SeedLSTM) Backward(gradOut *Tensor) *Tensor {
	dLast := m.FC.Backward(gradOut)
	B, T, H := m.outShape[0], m.outShape[1], m.outShape[2]
	g := New(B, T, H)
	for b, t := range m.Last {
		copy(g.Data[(b*T+t)*H:(b*T+t+1)*H], dLast.Data[b*H:])
	}
	return m.LSTM.Backward(g)
}
