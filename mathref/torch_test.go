package mathref

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

// The reference numbers in testdata/mathref_torch.json were computed by
// torch 1.13 in float64 (with scipy 1.10 for the true convolution) by
// testdata/gen_mathref.py; see that script for each source.
const torchTol = 1e-12

// jnum is a JSON number that may also be "NaN", "+Inf" or "-Inf".
type jnum float64

func (n *jnum) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		switch s {
		case "NaN":
			*n = jnum(math.NaN())
		case "+Inf":
			*n = jnum(math.Inf(1))
		case "-Inf":
			*n = jnum(math.Inf(-1))
		default:
			return fmt.Errorf("bad number %q", s)
		}
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*n = jnum(f)
	return err
}

type jtensor struct {
	Shape []int  `json:"shape"`
	Data  []jnum `json:"data"`
}

func (j *jtensor) tensor() Tensor {
	if j == nil {
		return Tensor{}
	}
	d := make([]float64, len(j.Data))
	for i, v := range j.Data {
		d[i] = float64(v)
	}
	return FromData(d, j.Shape...)
}

func (j *jtensor) vec() []float64 {
	if j == nil {
		return nil
	}
	return j.tensor().Data
}

func (j *jtensor) bools() []bool {
	if j == nil {
		return nil
	}
	b := make([]bool, len(j.Data))
	for i, v := range j.Data {
		b[i] = v != 0
	}
	return b
}

func (j *jtensor) boolGrid() [][]bool {
	if j == nil {
		return nil
	}
	flat, cols := j.bools(), j.Shape[1]
	g := make([][]bool, j.Shape[0])
	for i := range g {
		g[i] = flat[i*cols : (i+1)*cols]
	}
	return g
}

func (j *jtensor) floatGrid() [][]float64 {
	if j == nil {
		return nil
	}
	flat, cols := j.vec(), j.Shape[1]
	g := make([][]float64, j.Shape[0])
	for i := range g {
		g[i] = flat[i*cols : (i+1)*cols]
	}
	return g
}

type refCase struct {
	Op   string              `json:"op"`
	Name string              `json:"name"`
	In   map[string]*jtensor `json:"in"`
	Opt  struct {
		Stride, Padding, Dilation, Kernel []int
		Groups, Heads, Axis               int
		ExcludePad                        bool `json:"exclude_pad"`
		Nonlinearity                      string
		Causal                            bool
	} `json:"opt"`
	Want map[string]*jtensor `json:"want"`
}

func loadTorchCases(t *testing.T) []refCase {
	t.Helper()
	b, err := os.ReadFile("testdata/mathref_torch.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Torch string    `json:"torch"`
		Cases []refCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	return file.Cases
}

func pair(v []int) [2]int {
	if len(v) != 2 {
		return [2]int{}
	}
	return [2]int{v[0], v[1]}
}

func recWeights(in map[string]*jtensor) RecurrentWeights {
	return RecurrentWeights{WeightIH: in["w_ih"].tensor(), WeightHH: in["w_hh"].tensor(),
		BiasIH: in["b_ih"].vec(), BiasHH: in["b_hh"].vec()}
}

// runTorchCase computes c with mathref and returns got and want by output
// name.
func runTorchCase(t *testing.T, c refCase) map[string]Tensor {
	in, o := c.In, c.Opt
	convOpt := Conv2DOpts{Stride: pair(o.Stride), Padding: pair(o.Padding), Dilation: pair(o.Dilation), Groups: o.Groups}
	poolOpt := Pool2DOpts{Kernel: pair(o.Kernel), Stride: pair(o.Stride), Padding: pair(o.Padding), ExcludePad: o.ExcludePad}
	x := in["x"].tensor()
	switch c.Op {
	case "conv2d":
		return map[string]Tensor{"y": Conv2D(x, in["w"].tensor(), in["b"].vec(), convOpt)}
	case "conv2d_true":
		return map[string]Tensor{"y": TrueConv2D(x, in["w"].tensor(), in["b"].vec(), convOpt)}
	case "maxpool2d":
		return map[string]Tensor{"y": MaxPool2D(x, poolOpt)}
	case "avgpool2d":
		return map[string]Tensor{"y": AvgPool2D(x, poolOpt)}
	case "relu":
		return map[string]Tensor{"y": ReLU(x)}
	case "tanh":
		return map[string]Tensor{"y": Tanh(x)}
	case "sigmoid":
		return map[string]Tensor{"y": Sigmoid(x)}
	case "softmax":
		return map[string]Tensor{"y": Softmax(x, o.Axis)}
	case "log_softmax":
		return map[string]Tensor{"y": LogSoftmax(x, o.Axis)}
	case "linear":
		return map[string]Tensor{"y": Linear(x, in["W"].tensor(), in["b"].vec())}
	case "rnn_cell":
		return map[string]Tensor{"h": RNNCell(x, in["h"].tensor(), recWeights(in), o.Nonlinearity)}
	case "rnn":
		r := RNN(in["xs"].tensor(), in["h0"].tensor(), recWeights(in), o.Nonlinearity)
		return map[string]Tensor{"output": r.Output, "hn": r.HN}
	case "lstm_cell":
		st := LSTMCell(x, in["h"].tensor(), in["c"].tensor(), recWeights(in))
		return map[string]Tensor{"h": st.H, "c": st.C}
	case "lstm":
		r := LSTM(in["xs"].tensor(), in["h0"].tensor(), in["c0"].tensor(), recWeights(in))
		return map[string]Tensor{"output": r.Output, "hn": r.HN, "cn": r.CN}
	case "gru_cell":
		return map[string]Tensor{"h": GRUCell(x, in["h"].tensor(), recWeights(in)).H}
	case "gru":
		r := GRU(in["xs"].tensor(), in["h0"].tensor(), recWeights(in))
		return map[string]Tensor{"output": r.Output, "hn": r.HN}
	case "sdpa":
		opt := AttnOpts{Attend: in["attend"].boolGrid(), Add: in["add"].floatGrid(), Causal: o.Causal}
		r := ScaledDotProductAttention(in["q"].tensor(), in["k"].tensor(), in["v"].tensor(), opt)
		return map[string]Tensor{"output": r.Output, "weights": r.Weights}
	case "mha":
		p := MHAWeights{InProjWeight: in["in_proj_weight"].tensor(), InProjBias: in["in_proj_bias"].vec(),
			OutProjWeight: in["out_proj_weight"].tensor(), OutProjBias: in["out_proj_bias"].vec()}
		opt := AttnOpts{KeyPadding: in["key_padding"].bools(), Block: in["block"].boolGrid(), Add: in["add"].floatGrid()}
		r := MultiheadAttention(in["query"].tensor(), in["key"].tensor(), in["value"].tensor(), p, o.Heads, opt)
		return map[string]Tensor{"output": r.Output, "weights": r.Weights, "head_weights": r.HeadWeights}
	case "additive":
		p := AdditiveWeights{Wq: in["Wq"].tensor(), Wk: in["Wk"].tensor(), Va: in["va"].vec()}
		r := AdditiveAttention(in["q"].tensor(), in["k"].tensor(), in["v"].tensor(), p, AttnOpts{KeyPadding: in["key_padding"].bools()})
		return map[string]Tensor{"output": r.Output, "weights": r.Weights}
	case "cross_entropy":
		target := make([]int, len(in["target"].Data))
		for i, v := range in["target"].Data {
			target[i] = int(v)
		}
		return map[string]Tensor{"loss": Vector(CrossEntropy(x, target))}
	}
	t.Fatalf("unknown op %q", c.Op)
	return nil
}

// TestAgainstTorch checks every reference function against PyTorch float64
// numbers (testdata/mathref_torch.json, made by testdata/gen_mathref.py)
// to 1e-12, absolute or relative.
func TestAgainstTorch(t *testing.T) {
	cases := loadTorchCases(t)
	ops := map[string]int{}
	for _, c := range cases {
		if c.Op == "conv_output_size" {
			continue // TestConvOutputSizeTorch
		}
		ops[c.Op]++
		t.Run(c.Op+"/"+c.Name, func(t *testing.T) {
			got := runTorchCase(t, c)
			for name, w := range c.Want {
				want := w.tensor()
				if name == "loss" {
					want = want.Reshape(1)
				}
				if r := AllClose(got[name], want, torchTol, torchTol); !r.OK {
					t.Errorf("%s: %v\n%s", name, r, DiffTable(got[name], want, torchTol, torchTol, 6))
				}
			}
		})
	}
	for _, op := range []string{"conv2d", "conv2d_true", "maxpool2d", "avgpool2d", "relu", "tanh", "sigmoid",
		"softmax", "log_softmax", "linear", "rnn_cell", "rnn", "lstm_cell", "lstm", "gru_cell", "gru",
		"sdpa", "mha", "additive", "cross_entropy"} {
		if ops[op] == 0 {
			t.Errorf("no torch reference case for %s", op)
		}
	}
}

// TestConvOutputSizeTorch checks ConvOutputSize against the output heights
// torch's conv2d produced (testdata/gen_mathref.py, case conv_output_size).
func TestConvOutputSizeTorch(t *testing.T) {
	for _, c := range loadTorchCases(t) {
		if c.Op != "conv_output_size" {
			continue
		}
		rows := c.In["rows"].tensor()
		for r := 0; r < rows.Shape[0]; r++ {
			n, k, s, p, d, want := int(rows.At(r, 0)), int(rows.At(r, 1)), int(rows.At(r, 2)), int(rows.At(r, 3)), int(rows.At(r, 4)), int(rows.At(r, 5))
			if got := ConvOutputSize(n, k, s, p, d); got != want {
				t.Errorf("ConvOutputSize(n=%d, k=%d, s=%d, p=%d, d=%d) = %d, torch gives %d", n, k, s, p, d, got, want)
			}
		}
		return
	}
	t.Fatal("no conv_output_size case in testdata")
}
