package nn

import (
	"fmt"
	"sort"
	"strings"
)

// Param is one named parameter of a model: its value and the gradient
// that Backward accumulates into. Names follow PyTorch's state-dict keys,
// e.g. "conv1.weight" or "lstm.weight_ih_l0"; a model's Parameters() lists
// them in the order PyTorch's state_dict() does.
type Param struct {
	Name  string  // state-dict name, e.g. "conv1.weight"
	Value *Tensor // the parameter itself
	Grad  *Tensor // dL/dValue, accumulated by Backward
}

// Module is anything with parameters and a training mode: every layer and
// every model in nn.
type Module interface {
	// Parameters returns the named parameters, sharing their tensors.
	Parameters() []Param
	// SetTraining switches training mode (true, the default for a new
	// module, as in PyTorch) or evaluation mode (false). Only Dropout
	// behaves differently.
	SetTraining(training bool)
}

// Layer is a Module with one input and one output, which is what
// Sequential chains. Forward caches what Backward needs; Backward takes
// the gradient of the loss with respect to the output of the latest
// Forward, adds the parameters' gradients into their Grad tensors, and
// returns the gradient with respect to the input. OutShape returns the
// output shape for an input shape, or panics with the *Error that Forward
// would panic with.
type Layer interface {
	Module
	Forward(x *Tensor) *Tensor
	Backward(gradOut *Tensor) *Tensor
	OutShape(in []int) []int
}

// mode holds the training flag; layers embed it.
type mode struct{ eval bool }

// SetTraining switches training (true) or evaluation (false) mode.
func (m *mode) SetTraining(training bool) { m.eval = !training }

// Training reports whether the module is in training mode.
func (m *mode) Training() bool { return !m.eval }

// noParams is embedded by layers without parameters.
type noParams struct{ mode }

// Parameters returns nil: the layer has no parameters.
func (noParams) Parameters() []Param { return nil }

// ZeroGrad sets every parameter's gradient to zero, as before each
// training step in PyTorch.
func ZeroGrad(m Module) {
	for _, p := range m.Parameters() {
		for i := range p.Grad.Data {
			p.Grad.Data[i] = 0
		}
	}
}

// Train puts m in training mode and returns it.
func Train(m Module) Module { m.SetTraining(true); return m }

// Eval puts m in evaluation mode (Dropout off) and returns it.
func Eval(m Module) Module { m.SetTraining(false); return m }

// NumParams returns the number of scalar parameters of m.
func NumParams(m Module) int {
	n := 0
	for _, p := range m.Parameters() {
		n += len(p.Value.Data)
	}
	return n
}

// StateDict returns m's parameters by name, sharing the tensors, like
// PyTorch's state_dict().
func StateDict(m Module) map[string]*Tensor {
	sd := make(map[string]*Tensor)
	for _, p := range m.Parameters() {
		sd[p.Name] = p.Value
	}
	return sd
}

// prefixed returns ps with prefix+"." before each name.
func prefixed(prefix string, ps []Param) []Param {
	out := make([]Param, len(ps))
	for i, p := range ps {
		out[i] = Param{Name: prefix + "." + p.Name, Value: p.Value, Grad: p.Grad}
	}
	return out
}

// LoadError lists every problem found when loading named tensors into a
// model: names the model has but the file lacks, names the file has but
// the model lacks, and names whose shapes differ.
type LoadError struct {
	Source     string   // where the tensors came from, e.g. a file name
	Noun       string   // "file" or "state dict", for the messages
	Missing    []string // in the model, not in the source: "fc1.bias (128)"
	Unexpected []string // in the source, not in the model: "fc.weight (10, 128)"
	Mismatched []string // "conv1.weight: model (32, 3, 3, 3), file (32, 3, 5, 5)"
	Hints      []string // likely causes, e.g. a common name prefix
}

// Error lists every problem, one per line.
func (e *LoadError) Error() string {
	var b strings.Builder
	n := len(e.Missing) + len(e.Unexpected) + len(e.Mismatched)
	fmt.Fprintf(&b, "nn: loading %s: %d problem(s)", e.Source, n)
	in := fmt.Sprintf("in the model, not in the %s:", e.Noun)
	out := fmt.Sprintf("in the %s, not in the model:", e.Noun)
	w := len("shape differs:")
	if len(e.Missing) > 0 {
		w = max(w, len(in))
	}
	if len(e.Unexpected) > 0 {
		w = max(w, len(out))
	}
	for _, s := range e.Missing {
		fmt.Fprintf(&b, "\n  %-*s %s", w, in, s)
	}
	for _, s := range e.Unexpected {
		fmt.Fprintf(&b, "\n  %-*s %s", w, out, s)
	}
	for _, s := range e.Mismatched {
		fmt.Fprintf(&b, "\n  %-*s %s", w, "shape differs:", s)
	}
	for _, s := range e.Hints {
		b.WriteString("\n  hint: " + s)
	}
	return b.String()
}

// LoadStateDict copies the tensors of sd into m's parameters by name. Every
// name must be present on both sides with the same shape; otherwise nothing
// is changed and a *LoadError lists all the problems.
func LoadStateDict(m Module, sd map[string]*Tensor) error {
	return loadInto(m, sd, "a state dict", "state dict")
}

func loadInto(m Module, sd map[string]*Tensor, source, noun string) error {
	e := &LoadError{Source: source, Noun: noun}
	params := m.Parameters()
	have := make(map[string]bool)
	for _, p := range params {
		have[p.Name] = true
		t, ok := sd[p.Name]
		switch {
		case !ok:
			e.Missing = append(e.Missing, p.Name+" "+fmtShape(p.Value.Shape))
		case t == nil || len(t.Data) != product(t.Shape):
			e.Mismatched = append(e.Mismatched, p.Name+": a malformed or nil tensor")
		case !sameShape(t.Shape, p.Value.Shape):
			e.Mismatched = append(e.Mismatched, fmt.Sprintf("%s: model %s, %s %s", p.Name, fmtShape(p.Value.Shape), noun, fmtShape(t.Shape)))
		}
	}
	for _, name := range sortedKeys(sd) {
		if !have[name] {
			e.Unexpected = append(e.Unexpected, name+" "+fmtShape(sd[name].Shape))
		}
	}
	if len(e.Missing)+len(e.Unexpected)+len(e.Mismatched) > 0 {
		e.Hints = loadHints(params, sd)
		return e
	}
	for _, p := range params {
		copy(p.Value.Data, sd[p.Name].Data)
	}
	return nil
}

// loadHints looks for a prefix (such as "module." from DataParallel) that
// would make the names match, or numbered layers facing named ones.
func loadHints(params []Param, sd map[string]*Tensor) []string {
	var hints []string
	numbered := func(name string) bool { return name != "" && name[0] >= '0' && name[0] <= '9' }
	srcNumbered := false
	for name := range sd {
		srcNumbered = srcNumbered || numbered(name)
	}
	if len(params) > 0 && numbered(params[0].Name) && !srcNumbered {
		hints = append(hints, "the model's layers are numbered (NewSequential) but the source's are named; build the model with Add(name, layer) using the PyTorch attribute names")
	}
	for _, p := range params {
		for name := range sd {
			if strings.HasSuffix(name, "."+p.Name) {
				prefix := strings.TrimSuffix(name, p.Name)
				hints = append(hints, fmt.Sprintf("the source's names carry the prefix %q (e.g. %s); strip it before loading", prefix, name))
				return hints
			}
			if strings.HasSuffix(p.Name, "."+name) {
				prefix := strings.TrimSuffix(p.Name, name)
				hints = append(hints, fmt.Sprintf("the model's names carry the prefix %q that the source lacks (e.g. %s)", prefix, p.Name))
				return hints
			}
		}
	}
	return hints
}

func sortedKeys(m map[string]*Tensor) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// typeName returns a layer's type name without the package, e.g. "Conv2d".
func typeName(v any) string {
	s := fmt.Sprintf("%T", v)
	s = strings.TrimPrefix(s, "*")
	return strings.TrimPrefix(s, "nn.")
}

// ZeroGrad sets the gradients of the layer's parameters to zero (PyTorch's
// zero_grad); nn.ZeroGrad(m) does the same for any Module.
func (l *Conv2d) ZeroGrad() { ZeroGrad(l) }

// ZeroGrad sets the gradients of the layer's parameters to zero.
func (l *Linear) ZeroGrad() { ZeroGrad(l) }

// ZeroGrad sets the gradients of every layer's parameters to zero.
func (r *recurrent) ZeroGrad() { ZeroGrad(r) }

// ZeroGrad sets the gradients of the projections to zero.
func (m *MultiheadAttention) ZeroGrad() { ZeroGrad(m) }

// ZeroGrad sets the gradients of W_q, W_k and w_v to zero.
func (a *AdditiveAttention) ZeroGrad() { ZeroGrad(a) }

// ZeroGrad sets the gradients of every layer's parameters to zero.
func (s *Sequential) ZeroGrad() { ZeroGrad(s) }

// ZeroGrad sets the gradients of the LSTM's and the Linear's parameters to
// zero.
func (m *SeedLSTM) ZeroGrad() { ZeroGrad(m) }

// ZeroGrad does nothing: the layer has no parameters.
func (noParams) ZeroGrad() {}
