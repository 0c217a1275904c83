// Package nn implements neural-network layers on gonum with PyTorch's
// semantics, parameter names and layouts: convolution, pooling, linear,
// activations, RNN/LSTM/GRU and attention, forward and backward.
package nn
