package nn

import (
	"math"
	"math/rand/v2"
	"sync"
)

// The package's random source, used for initial weights, Rand, Randn and
// Dropout. It starts from seed 0, so a fresh kernel always builds the same
// network; ManualSeed restarts it.
var (
	rngMu sync.Mutex
	rng   = rand.New(rand.NewPCG(0, 0))
)

// ManualSeed restarts nn's random source from seed, like torch.manual_seed:
// the weights of every layer built afterwards, and Rand, Randn and Dropout
// masks, are then reproducible. The numbers differ from PyTorch's (its
// generator is different); the distributions and bounds are the same.
func ManualSeed(seed uint64) {
	rngMu.Lock()
	defer rngMu.Unlock()
	rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// fillUniform fills data with U(lo, hi) draws.
func fillUniform(data []float64, lo, hi float64) {
	rngMu.Lock()
	defer rngMu.Unlock()
	for i := range data {
		data[i] = lo + (hi-lo)*rng.Float64()
	}
}

// Rand returns a tensor of U[0, 1) draws from nn's random source.
func Rand(shape ...int) *Tensor {
	t := New(shape...)
	fillUniform(t.Data, 0, 1)
	return t
}

// Uniform returns a tensor of U[lo, hi) draws from nn's random source.
func Uniform(lo, hi float64, shape ...int) *Tensor {
	t := New(shape...)
	fillUniform(t.Data, lo, hi)
	return t
}

// Randn returns a tensor of standard normal draws from nn's random source.
func Randn(shape ...int) *Tensor {
	t := New(shape...)
	rngMu.Lock()
	defer rngMu.Unlock()
	for i := range t.Data {
		t.Data[i] = rng.NormFloat64()
	}
	return t
}

// bernoulliKeep fills keep with draws that are true with probability 1−p.
func bernoulliKeep(keep []bool, p float64) {
	rngMu.Lock()
	defer rngMu.Unlock()
	for i := range keep {
		keep[i] = rng.Float64() >= p
	}
}

// kaimingBound is the bound of PyTorch's default Conv/Linear
// initialisation, kaiming_uniform_(a=√5): gain √(2/(1+5)), std
// gain/√fan_in, bound √3·std = 1/√fan_in. Biases use the same bound.
func kaimingBound(fanIn int) float64 { return 1 / math.Sqrt(float64(fanIn)) }

// xavierBound is xavier_uniform_'s bound √(6/(fan_in+fan_out)).
func xavierBound(fanIn, fanOut int) float64 { return math.Sqrt(6 / float64(fanIn+fanOut)) }

// uniformParam returns a tensor of U(−bound, bound) draws.
func uniformParam(bound float64, shape ...int) *Tensor { return Uniform(-bound, bound, shape...) }
