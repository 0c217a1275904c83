package nn

import (
	"fmt"
	"strings"
)

// Sequential is PyTorch's nn.Sequential: layers applied in order, each with
// a name that prefixes its parameters' names ("conv1.weight"). NewSequential
// names them "0", "1", … as PyTorch does; Add gives a name of your choice,
// which is how a model whose PyTorch class has attributes conv1, fc1, …
// gets the same state-dict keys.
//
// Each layer instance caches its latest Forward for Backward, so a layer
// used twice (as the seed's self.pool) must appear as two instances.
//
// When a layer rejects its input, Forward re-panics with the *Error
// carrying the layer's name and, where it can infer one, the likely cause,
// e.g. for a Linear after Flatten:
//
//	nn: fc1 (Linear.Forward): expects 2304 = 64·6·6 features but got 4096 = 64·8·8: a 32×32 input; this network needs 24×24 (any of 24–27)
type Sequential struct {
	Names   []string  // the layers' names, prefixes of their parameters' names
	Layers  []Layer   // the layers, applied in order
	Outputs []*Tensor // the output of each layer in the latest Forward
}

// NewSequential returns the layers chained in order, named "0", "1", ….
func NewSequential(layers ...Layer) *Sequential {
	s := &Sequential{}
	for i, l := range layers {
		s.Add(fmt.Sprint(i), l)
	}
	return s
}

// Add appends a named layer and returns s, so calls chain.
func (s *Sequential) Add(name string, l Layer) *Sequential {
	if l == nil {
		fail("Sequential.Add", "a layer", "nil for "+name)
	}
	for _, n := range s.Names {
		if n == name {
			fail("Sequential.Add", "a new name", "the name "+name+" again")
		}
	}
	s.Names = append(s.Names, name)
	s.Layers = append(s.Layers, l)
	return s
}

// Layer returns the layer with the given name, or nil.
func (s *Sequential) Layer(name string) Layer {
	for i, n := range s.Names {
		if n == name {
			return s.Layers[i]
		}
	}
	return nil
}

// Output returns the named layer's output in the latest Forward, e.g. the
// feature maps after "conv1", or nil.
func (s *Sequential) Output(name string) *Tensor {
	for i, n := range s.Names {
		if n == name && i < len(s.Outputs) {
			return s.Outputs[i]
		}
	}
	return nil
}

// Parameters returns every layer's parameters, prefixed with its name.
func (s *Sequential) Parameters() []Param {
	var ps []Param
	for i, l := range s.Layers {
		ps = append(ps, prefixed(s.Names[i], l.Parameters())...)
	}
	return ps
}

// SetTraining sets the mode of every layer.
func (s *Sequential) SetTraining(training bool) {
	for _, l := range s.Layers {
		l.SetTraining(training)
	}
}

// String lists the layers like PyTorch's repr.
func (s *Sequential) String() string {
	var b strings.Builder
	b.WriteString("Sequential(\n")
	for i, l := range s.Layers {
		inner := strings.ReplaceAll(fmt.Sprint(l), "\n", "\n  ")
		if _, ok := l.(fmt.Stringer); !ok {
			inner = typeName(l) + "()"
		}
		fmt.Fprintf(&b, "  (%s): %s\n", s.Names[i], inner)
	}
	b.WriteString(")")
	return b.String()
}

// OutShape returns the shape after every layer.
func (s *Sequential) OutShape(in []int) []int {
	net := in
	for i, l := range s.Layers {
		in = s.step(i, in, net, func() []int { return l.OutShape(in) })
	}
	return in
}

// step runs f for layer i, whose input has shape in (net is the shape of
// the network's input) and, if it panics with an *Error, names the layer
// and adds the likely cause before panicking on.
func (s *Sequential) step(i int, in, net []int, f func() []int) []int {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok {
				s.annotate(e, i, in, net)
			}
			panic(r)
		}
	}()
	return f()
}

func (s *Sequential) annotate(e *Error, i int, in, net []int) {
	if e.Layer == "" {
		e.Layer = s.Names[i]
	} else if !strings.HasPrefix(e.Layer, s.Names[i]+".") {
		e.Layer = s.Names[i] + "." + e.Layer
	}
	if e.Hint == "" {
		s.hint(e, i, in, net)
	}
}

// Forward applies the layers in order, keeping each output in Outputs.
func (s *Sequential) Forward(x *Tensor) *Tensor {
	var net []int
	if x != nil {
		net = cloneInts(x.Shape)
	}
	s.Outputs = make([]*Tensor, 0, len(s.Layers))
	for i, l := range s.Layers {
		var in []int
		if x != nil {
			in = x.Shape
		}
		s.step(i, in, net, func() []int { x = l.Forward(x); return nil })
		s.Outputs = append(s.Outputs, x)
	}
	return x
}

// Backward applies the layers' Backward in reverse order.
func (s *Sequential) Backward(gradOut *Tensor) *Tensor {
	g := gradOut
	for i := len(s.Layers) - 1; i >= 0; i-- {
		l := s.Layers[i]
		s.step(i, nil, nil, func() []int { g = l.Backward(g); return nil })
	}
	return g
}

// hint fills e.Expected/Got/Hint for the classic mismatch: a Linear after
// Flatten (or View) receiving a different number of features, because the
// image size differs from the one the network was designed for.
func (s *Sequential) hint(e *Error, i int, in, net []int) {
	lin, ok := s.Layers[i].(*Linear)
	if !ok || in == nil || net == nil {
		return
	}
	flat := i > 0
	if flat {
		switch s.Layers[i-1].(type) {
		case *Flatten, *View:
		default:
			flat = false
		}
	}
	if len(in) > 2 && !flat {
		n := product(in[1:])
		e.Hint = fmt.Sprintf("Linear acts on the last dimension only; to use all %d features of each sample, add NewFlatten() before it", n)
		if n != lin.InFeatures {
			e.Hint += fmt.Sprintf(" and set in_features to %d", n)
		}
		return
	}
	if !flat {
		return
	}
	// The shape that went into Flatten: recompute the chain from the input.
	pre := s.shapeBefore(i-1, net)
	if len(pre) != 4 || len(net) != 4 {
		return
	}
	got := product(pre[1:])
	e.Got = fmt.Sprintf("%d = %d·%d·%d", got, pre[1], pre[2], pre[3])
	e.Expected = fmt.Sprintf("%d features", lin.InFeatures)
	fits := s.inputsThatFit(i-1, lin.InFeatures, net)
	if len(fits) == 0 {
		e.Hint = fmt.Sprintf("no input size makes this network produce %d features; set in_features to %d", lin.InFeatures, got)
		return
	}
	after := s.shapeBefore(i-1, []int{1, net[1], fits[0][0], fits[0][1]})
	e.Expected = fmt.Sprintf("%d = %d·%d·%d features", lin.InFeatures, after[1], after[2], after[3])
	e.Hint = fmt.Sprintf("a %d×%d input; this network needs %d×%d", net[2], net[3], fits[0][0], fits[0][1])
	if len(fits) > 1 && fits[0][0] == fits[0][1] {
		e.Hint += fmt.Sprintf(" (any of %d–%d)", fits[0][0], fits[len(fits)-1][0])
	}
	e.Hint += fmt.Sprintf(", or in_features = %d for this input", got)
}

// shapeBefore returns the input shape of layer j for a network input of
// shape in, or nil if an earlier layer rejects it.
func (s *Sequential) shapeBefore(j int, in []int) (out []int) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(*Error); !ok {
				panic(r)
			}
			out = nil
		}
	}()
	for k := 0; k < j; k++ {
		in = s.Layers[k].OutShape(in)
	}
	return in
}

// inputsThatFit lists the input sizes (h, w), square ones first when the
// actual input is square, for which layer j (a Flatten) receives want
// features.
func (s *Sequential) inputsThatFit(j, want int, net []int) [][2]int {
	var fits [][2]int
	n, c, h0, w0 := net[0], net[1], net[2], net[3]
	limit := max(4*max(h0, w0), 64)
	try := func(h, w int) {
		if sh := s.shapeBefore(j, []int{n, c, h, w}); sh != nil && product(sh[1:]) == want {
			fits = append(fits, [2]int{h, w})
		}
	}
	if h0 == w0 {
		for d := 1; d <= limit; d++ {
			try(d, d)
		}
		if len(fits) > 0 {
			return fits
		}
	}
	for h := 1; h <= limit; h++ {
		for w := 1; w <= limit && len(fits) == 0; w++ {
			try(h, w)
		}
	}
	return fits
}
