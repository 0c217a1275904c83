// Package rnn holds the recurrence lessons' content, notebooks 03
// (recurrence) and 04 (LSTM and GRU): walkthroughs of an RNN, an LSTM and
// a GRU through every time step, a real text to run them on, the
// measurement of vanishing and exploding gradients, the seed document's
// LSTM classifier trained on a task where padding matters, the errata in
// both languages, and the lessons' exercises with their checkers.
//
// # Walkthroughs
//
// WalkRNN, WalkLSTM and WalkGRU run one layer of nn.RNN, nn.LSTM or
// nn.GRU over a sequence and compare every number with mathref's literal
// formulas (within 1e-9; a disagreement is printed on top of every step).
// In a cell the result is a player over the time steps: the formula, the
// matrices and vectors with their numbers, each gate's pre-activation
// split into W x + b + W h + b, one unit's sum written out term by term,
// and the check.
//
//	w := rnn.Weights{
//		WIH: [][]float64{{0.5, -0.5}, {0.25, 1}}, // weight_ih (H, I)
//		WHH: [][]float64{{1, 0}, {0.5, -1}},      // weight_hh (H, H)
//		BIH: []float64{0.1, 0},                   // bias_ih
//		BHH: []float64{0.3, -0.2},                // bias_hh
//	}
//	r := rnn.WalkRNN([][]float64{{1, 2}, {0, 1}}, w) // r.H: h_1, h_2
//	l := rnn.WalkLSTM(xs, rnn.WeightsOf(lstm))       // an nn layer's own weights
//
// The fields hold the numbers (H, Pre; I, F, G, O, C; R, Z, N, HN), and
// HiddenStates, UnitLines, Trajectory and Gates draw them with viz. A
// sequence or weight of the wrong shape stops with an *Error whose
// message names what was expected, in the current language.
//
// # Data and experiments
//
// Gettysburg is the real text of notebook 03 (from Go's own source tree,
// see data/README.md); TrainCharRNN trains a character-level RNN on it.
// Gradients measures ‖∂h_T/∂h_t‖ for several scales of W_hh from nn's
// backward pass, checked against the product of the step Jacobians (and,
// in the tests, against finite differences). Parity and TrainParity
// train nn.SeedLSTM on sequences padded at the end, reading output[:, -1]
// as the seed document does or each sequence's own last step;
// CompareParity reports the accuracies both ways.
//
// # Errata and exercises
//
// Erratum and ErrataFor show mathref's errata of the seed's RNN formula
// and LSTM classifier in the current language. ExStep, ExShapes,
// ExParams, ExReLU, ExGradient and ExStepFunc are notebook 03's
// exercises (Lesson03), ExLSTMStep, ExGateOrder, ExGRUCandidate,
// ExLSTMParams, ExPaddedIndex, ExH0Shape and ExLastStates notebook 04's
// (Lesson04). ExStepFunc and ExLastStates take a function and have
// hidden tests, which the teacher's grader runs.
//
// The compiled training loops take a few seconds; everything random is
// drawn from a seeded generator, so a notebook gives the same numbers on
// every run.
package rnn
