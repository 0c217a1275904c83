package rnn

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
)

// Weights are one recurrent layer's parameters in PyTorch's layout
// (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0). Each may be a
// [][]float64 or []float64, an *nn.Tensor, a mathref.Tensor or a gonum
// matrix. The gate blocks are stacked along the rows, G·H rows in all:
//
//	RNN   G = 1
//	LSTM  G = 4, in the order i, f, g, o
//	GRU   G = 3, in the order r, z, n
//
// A nil bias means no bias (PyTorch's bias=False).
type Weights struct {
	WIH any // weight_ih: (G·H, I), multiplies the input x_t
	WHH any // weight_hh: (G·H, H), multiplies the previous hidden state h_{t−1}
	BIH any // bias_ih: (G·H), or nil
	BHH any // bias_hh: (G·H), or nil
}

// params are Weights converted and checked: rows of numbers and the sizes.
type params struct {
	wih, whh [][]float64
	bih, bhh []float64 // zeros when the bias was nil
	noBias   bool
	G, H, I  int
}

// kind describes a cell: its name, its number of gate blocks and their
// names in PyTorch's order.
type kind struct {
	name  string
	G     int
	gates string // one letter per block
}

var (
	kindRNN  = kind{"RNN", 1, "h"}
	kindLSTM = kind{"LSTM", 4, "ifgo"}
	kindGRU  = kind{"GRU", 3, "rzn"}
)

// check converts w for a cell of kind k, or panics with a message that
// names the weight, the shape expected and the shape that came.
func (w Weights) check(k kind) params {
	whh := matrix("W_hh (weight_hh)", w.WHH)
	wih := matrix("W_ih (weight_ih)", w.WIH)
	G := k.G
	rows, H := len(whh), len(whh[0])
	if rows != G*H {
		if G == 1 {
			fail("rnn.input.whhSquare", shape2(whh))
		}
		fail("rnn.input.whhGates", k.name, G, k.gateList(), shape2(whh), H, G, H, G*H)
	}
	if len(wih) != G*H {
		fail("rnn.input.wihRows", k.name, G, G*H, shape2(whh), shape2(wih))
	}
	p := params{wih: wih, whh: whh, G: G, H: H, I: len(wih[0])}
	p.bih = bias("b_ih (bias_ih)", w.BIH, G*H, k)
	p.bhh = bias("b_hh (bias_hh)", w.BHH, G*H, k)
	p.noBias = w.BIH == nil && w.BHH == nil
	return p
}

// gateList names the gate blocks in order, e.g. "i, f, g, o".
func (k kind) gateList() string {
	s := ""
	for i, r := range k.gates {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}

// bias converts a bias vector of length n; nil gives zeros.
func bias(name string, v any, n int, k kind) []float64 {
	if v == nil {
		return make([]float64, n)
	}
	a, err := lessons.AsArray(v)
	if err != nil {
		fail("rnn.input.notNumbers", name, err.Error())
	}
	if len(a.Shape) != 1 || a.Shape[0] != n {
		fail("rnn.input.bias", name, n, k.G, lessons.ShapeString(a.Shape))
	}
	finite(name, a)
	return a.Data
}

// matrix converts a student's matrix to rows, or panics naming it.
func matrix(name string, v any) [][]float64 {
	if v == nil {
		fail("rnn.input.nil", name)
	}
	a, err := lessons.AsArray(v)
	if err != nil {
		fail("rnn.input.notNumbers", name, err.Error())
	}
	if len(a.Shape) != 2 {
		fail("rnn.input.dims", name, lessons.ShapeString(a.Shape))
	}
	if a.Shape[0] == 0 || a.Shape[1] == 0 {
		fail("rnn.input.empty", name, lessons.ShapeString(a.Shape))
	}
	finite(name, a)
	return rowsOf(a.Data, a.Shape[0], a.Shape[1])
}

func rowsOf(data []float64, r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = append([]float64(nil), data[i*c:(i+1)*c]...)
	}
	return out
}

// sequence converts xs to (T, I) rows for a layer with input size I. A
// flat list of T numbers is a sequence of T scalars when I = 1.
func sequence(xs any, I int) [][]float64 {
	if xs == nil {
		fail("rnn.input.nil", "xs")
	}
	a, err := lessons.AsArray(xs)
	if err != nil {
		fail("rnn.input.notNumbers", "xs", err.Error())
	}
	finite("xs", a)
	switch {
	case len(a.Shape) == 1 && I == 1 && a.Shape[0] > 0:
		return rowsOf(a.Data, a.Shape[0], 1)
	case len(a.Shape) == 2 && a.Shape[0] > 0 && a.Shape[1] == I:
		return rowsOf(a.Data, a.Shape[0], I)
	case len(a.Shape) == 2 && a.Shape[0] == 0:
		fail("rnn.input.noSteps", lessons.ShapeString(a.Shape))
	case len(a.Shape) == 2 && a.Shape[0] == I && a.Shape[1] != I:
		fail("rnn.input.seqTransposed", I, lessons.ShapeString(a.Shape), I)
	}
	fail("rnn.input.seq", I, I, lessons.ShapeString(a.Shape))
	return nil
}

// state converts an initial state of H numbers; nil gives zeros.
func state(name string, v any, H int) []float64 {
	if v == nil {
		return make([]float64, H)
	}
	a, err := lessons.AsArray(v)
	if err != nil {
		fail("rnn.input.notNumbers", name, err.Error())
	}
	if len(a.Shape) != 1 || a.Shape[0] != H {
		fail("rnn.input.state", name, H, lessons.ShapeString(a.Shape))
	}
	finite(name, a)
	return a.Data
}

// finite fails naming the first NaN or ±Inf of a.
func finite(name string, a lessons.Array) {
	if idx, val, bad := lessons.NotFinite(a); bad {
		fail("rnn.input.notFinite", name, lessons.Num(val), idx)
	}
}

func shape2(m [][]float64) string { return fmt.Sprintf("(%d, %d)", len(m), len(m[0])) }

// WeightsOf returns the parameters of layer 0 of an *nn.RNN, *nn.LSTM or
// *nn.GRU, or of the LSTM inside an *nn.SeedLSTM, as Weights (sharing the
// layer's tensors), so that a walkthrough can show what the real layer
// computes. Anything else panics with a message naming what it accepts.
func WeightsOf(layer any) Weights {
	var ih, hh, bih, bhh []*nn.Tensor
	switch l := layer.(type) {
	case *nn.RNN:
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
	case *nn.LSTM:
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
	case *nn.GRU:
		ih, hh, bih, bhh = l.WeightIH, l.WeightHH, l.BiasIH, l.BiasHH
	case *nn.SeedLSTM:
		return WeightsOf(l.LSTM)
	default:
		fail("rnn.input.layer", lessons.TypeName(layer))
	}
	w := Weights{WIH: ih[0], WHH: hh[0]}
	if bih != nil {
		w.BIH, w.BHH = bih[0], bhh[0]
	}
	return w
}
