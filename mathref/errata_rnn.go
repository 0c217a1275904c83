package mathref

import "fmt"

const (
	rnnDocs  = "https://docs.pytorch.org/docs/stable/generated/torch.nn.RNN.html"
	lstmDocs = "https://docs.pytorch.org/docs/stable/generated/torch.nn.LSTM.html"
)

// demoRNN is a 2-input, 2-unit RNN with both biases non-zero.
func demoRNN() RecurrentWeights {
	return RecurrentWeights{
		WeightIH: Matrix([][]float64{{0.5, -0.5}, {0.25, 1}}),
		WeightHH: Matrix([][]float64{{1, 0}, {0.5, -1}}),
		BiasIH:   []float64{0.1, 0},
		BiasHH:   []float64{0.3, -0.2},
	}
}

// rnnErrata are the seed document's recurrence formula errors (C2).
func rnnErrata() []Erratum {
	return []Erratum{
		{
			ID: "rnn-vague-form", Seed: "C2", InSeed: true, Lang: "tex",
			Title: "Recurrence with f unspecified and one bias",
			Wrong: `h_t = f(h_{t-1}, x_t; W, U)`,
			Right: `h_t = \tanh\left(W_{ih}\, x_t + b_{ih} + W_{hh}\, h_{t-1} + b_{hh}\right), \qquad h_0 = 0`,
			Why:   "The abstract form never says what f is: PyTorch's RNN is tanh (or ReLU) of two affine maps with two bias vectors, the same weights at every t, and h_0 = 0 by default.",
			Notes: []string{
				"Which of W and U multiplies x and which multiplies h is not said; PyTorch names them weight_ih and weight_hh.",
				"d2l writes rows, H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h); PyTorch writes W x (stored (H, I)): the same numbers with transposed weights.",
				"Porting PyTorch weights into a one-bias formula silently drops bias_hh, as the demonstration shows.",
			},
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.RNNCell.html; d2l §9.4 (https://d2l.ai/chapter_recurrent-neural-networks/rnn.html)",
			Demo: func() Demo {
				xs := Matrix([][]float64{{1, 2}, {0, 1}})
				p := demoRNN()
				oneBias := p
				oneBias.BiasHH = nil
				return Demo{
					Input: "x_1 = (1, 2), x_2 = (0, 1); b_ih = (0.1, 0), b_hh = (0.3, −0.2)",
					Wrong: "one bias (b_ih only): h_2 = " + txt(RNN(xs, Tensor{}, oneBias, "tanh").HN),
					Right: "both biases: h_2 = " + txt(RNN(xs, Tensor{}, p, "tanh").HN),
				}
			},
		},
		{
			ID: "rnn-output-layer", Seed: "C2", InSeed: true, Lang: "tex",
			Title:  "An output layer inside the RNN",
			Wrong:  `y_t = g(h_t; V) \quad \text{(read as the output of nn.RNN)}`,
			Right:  `\text{output}_t = h_t \;\; (\texttt{nn.RNN}), \qquad o_t = h_t W_{hq}^{\top} + b_q \;\; (\text{a separate nn.Linear; softmax inside the loss})`,
			Why:    "nn.RNN has no output layer: its output is the hidden states h_t themselves; a readout is a separate Linear, usually without a nonlinearity, and the softmax belongs to the loss.",
			Source: rnnDocs + " (Outputs: output, h_n); d2l §9.4",
			Demo: func() Demo {
				xs := Matrix([][]float64{{1, 2}, {0, 1}})
				r := RNN(xs, Tensor{}, demoRNN(), "tanh")
				h1 := RNNCell(xs.Sub(0), Tensor{}, demoRNN(), "tanh")
				V := Matrix([][]float64{{1, 0}, {0, 1}, {1, 1}}) // a 3-class readout
				logits := Linear(r.Output, V, nil)
				return Demo{
					Input: "the RNN of rnn-vague-form, T = 2, and a readout V (3 classes × 2)",
					Wrong: fmt.Sprintf("expecting nn.RNN's output to be y_t with 3 classes: its shape is %s, not (2, 3)", shapeString(r.Output.Shape)),
					Right: fmt.Sprintf("output[0] = h_1 = %s (equal: %v); logits = Linear(output) %s",
						txt(r.Output.Sub(0)), AllClose(r.Output.Sub(0), h1, 0, 0).OK, txt(logits)),
				}
			},
		},
	}
}

// demoLSTM is a 1-input, 1-unit LSTM (rows i, f, g, o).
func demoLSTM() RecurrentWeights {
	return RecurrentWeights{
		WeightIH: FromData([]float64{1, 2, 0.5, -1}, 4, 1),
		WeightHH: FromData([]float64{0.5, 0.5, 1, 1}, 4, 1),
		BiasIH:   []float64{0, 1, 0, 0},
		BiasHH:   []float64{0, 0, 0, 0.5},
	}
}

// lstmErrata are the pitfalls of the seed document's LSTM classifier (C5).
func lstmErrata() []Erratum {
	return []Erratum{
		{
			ID: "lstm-last-output-padding", Seed: "C5", InSeed: true, Lang: "python",
			Title: "output[:, -1] of a padded batch",
			Wrong: `output, (hn, cn) = self.lstm(x, (h0, c0))
out = self.fc(output[:, -1, :])`,
			Right: `packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
_, (h_n, c_n) = self.lstm(packed)
out = self.fc(h_n[-1])   # or gather output at lengths - 1`,
			Why: "For a sequence shorter than the batch's T, position −1 is the state after the padding steps, not after its last real token.",
			Notes: []string{
				"output[:, -1] equals h_n[-1] only for unpadded, fixed-length, unidirectional input.",
				"Bidirectional: output[:, -1] holds the final forward state but the INITIAL reverse state; use torch.cat((h_n[-2], h_n[-1]), 1).",
				"With proj_size > 0 the output width is proj_size, not hidden_size.",
			},
			Source: lstmDocs + " (Outputs; the note on bidirectional h_n); https://docs.pytorch.org/docs/stable/generated/torch.nn.utils.rnn.pack_padded_sequence.html",
			Demo: func() Demo {
				xs := FromData([]float64{1, 0, 0, 0}, 4, 1) // length 1, padded with zeros to T = 4
				r := LSTM(xs, Tensor{}, Tensor{}, demoLSTM())
				return Demo{
					Input: "one sequence of length 1, x = (1), padded with zeros to T = 4; the 1-unit LSTM of the LSTM examples",
					Wrong: fmt.Sprintf("output[-1] = %.4f (after three padding steps)", r.Output.At(3, 0)),
					Right: fmt.Sprintf("output[length-1] = h after the last real token = %.4f (= h_n of a packed sequence)", r.Output.At(0, 0)),
				}
			},
		},
		{
			ID: "lstm-h0-shape", Seed: "C5", InSeed: false, Lang: "python",
			Title: "h0/c0 shaped like the input with batch_first=True",
			Wrong: `self.lstm = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
h0 = torch.zeros(x.size(0), self.num_layers, self.hidden_size)`,
			Right: `h0 = torch.zeros(self.num_layers * num_directions, x.size(0), self.hidden_size, device=x.device)
# or pass no state at all: the default is zeros`,
			Why: "batch_first applies to the input and output tensors only; h0, c0, h_n and c_n stay (num_layers·D, B, H).",
			Notes: []string{
				"The seed's code builds h0 and c0 with the right shape and device; they are redundant, since the default state is zeros.",
			},
			Source: lstmDocs + " (\"batch_first … does not apply to hidden or cell states\")",
			Demo: func() Demo {
				layers, B, H := 2, 3, 20
				check := func(shape []int) string {
					want := []int{layers, B, H}
					if !sameShape(shape, want) {
						return fmt.Sprintf("shape %s: rejected, expected %s", shapeString(shape), shapeString(want))
					}
					return fmt.Sprintf("shape %s: accepted", shapeString(shape))
				}
				return Demo{
					Input: "num_layers = 2, batch B = 3, hidden H = 20, batch_first=True",
					Wrong: "h0 (B, layers, H): " + check([]int{B, layers, H}),
					Right: "h0 (layers, B, H): " + check([]int{layers, B, H}),
				}
			},
		},
		{
			ID: "softmax-before-cross-entropy", Seed: "C5", InSeed: false, Lang: "python",
			Title: "Softmax in forward() before CrossEntropyLoss",
			Wrong: `return F.softmax(self.fc(h), dim=1)
loss = nn.CrossEntropyLoss()(model(x), y)`,
			Right: `return self.fc(h)            # logits
loss = nn.CrossEntropyLoss()(model(x), y)   # applies log_softmax itself`,
			Why: "CrossEntropyLoss expects logits; feeding it probabilities applies softmax twice, so the loss cannot approach 0 and its gradients shrink.",
			Notes: []string{
				"The seed's classifier returns logits, which is right; apply softmax only to display probabilities.",
			},
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html (\"The input is expected to contain the unnormalized logits\")",
			Demo: func() Demo {
				logits := Matrix([][]float64{{4, 1, 0}})
				best := Matrix([][]float64{{1, 0, 0}}) // the most confident probabilities possible
				return Demo{
					Input: "logits (4, 1, 0), target class 0",
					Wrong: fmt.Sprintf("CE(softmax(logits)) = %.4f; even a perfect prediction (1, 0, 0) scores %.4f",
						CrossEntropy(Softmax(logits, -1), []int{0}), CrossEntropy(best, []int{0})),
					Right: fmt.Sprintf("CE(logits) = %.4f", CrossEntropy(logits, []int{0})),
				}
			},
		},
	}
}
