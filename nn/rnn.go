package nn

import (
	"fmt"
	"math"
)

// kind selects the cell of a recurrent layer.
type kind int

const (
	kindRNN kind = iota
	kindLSTM
	kindGRU
)

// gates returns how many H-blocks the cell's weight matrices stack.
func (k kind) gates() int { return [...]int{1, 4, 3}[k] }

func (k kind) String() string { return [...]string{"RNN", "LSTM", "GRU"}[k] }

// Record holds one layer's intermediate values from the latest Forward of
// an RNN, LSTM or GRU. Every tensor is time-major, (T, B, ·), whatever
// BatchFirst says, so Record.H.Index(t) is the (B, H) state at step t. For
// unbatched input B is 1.
type Record struct {
	X *Tensor // (T, B, in): the layer's input (the layer below's H, or x)
	// Pre holds the gate pre-activations, G blocks of H per row:
	// RNN (G=1) W_ih x + b_ih + W_hh h + b_hh; LSTM (G=4) i, f, g, o;
	// GRU (G=3) r, z, n with n's = W_in x + b_in + r ⊙ (W_hn h + b_hn).
	Pre *Tensor // (T, B, G·H)
	// Gates holds the gates after σ or tanh, same layout as Pre (LSTM i, f,
	// g, o; GRU r, z, n). Nil for RNN, whose activation is H itself.
	Gates *Tensor // (T, B, G·H)
	C     *Tensor // LSTM only: (T, B, H) cell states c_t
	HN    *Tensor // GRU only: (T, B, H) the term W_hn h_{t−1} + b_hn
	H     *Tensor // (T, B, H) hidden states h_t
	H0    *Tensor // (B, H) the initial hidden state
	C0    *Tensor // LSTM only: (B, H) the initial cell state

	tanhC []float64 // LSTM: tanh(c_t)
}

// recurrent is the machinery shared by RNN, LSTM and GRU.
type recurrent struct {
	mode
	kind                       kind
	InputSize, HiddenSize      int       // I and H
	NumLayers                  int       // stacked layers, default 1
	BatchFirst                 bool      // input and output (B, T, ·) instead of (T, B, ·)
	Nonlinearity               string    // RNN only: "tanh" or "relu"
	WeightIH, WeightHH         []*Tensor // per layer: (G·H, in) and (G·H, H), "weight_ih_l0", "weight_hh_l0"
	BiasIH, BiasHH             []*Tensor // per layer: (G·H), "bias_ih_l0", "bias_hh_l0"; nil with Bias(false)
	WeightIHGrad, WeightHHGrad []*Tensor // gradients, per layer, accumulated by Backward
	BiasIHGrad, BiasHHGrad     []*Tensor // gradients, per layer; nil with Bias(false)

	// Record holds each layer's intermediate values from the latest
	// Forward: Record[k] is layer k (0 is the bottom).
	Record []Record

	batched bool // whether the latest input had a batch dimension
	xShape  []int
}

func newRecurrent(op string, k kind, input, hidden int, opts []Option) recurrent {
	accepted := []string{"NumLayers", "BatchFirst", "Bias"}
	if k == kindRNN {
		accepted = append(accepted, "Nonlinearity")
	}
	c := newConfig(op, accepted, opts)
	positive(op, "input_size, hidden_size and num_layers", input, hidden, c.numLayers)
	if c.nonlinearity != "tanh" && c.nonlinearity != "relu" {
		fail(op, `Nonlinearity "tanh" or "relu"`, fmt.Sprintf("%q", c.nonlinearity))
	}
	r := recurrent{kind: k, InputSize: input, HiddenSize: hidden, NumLayers: c.numLayers,
		BatchFirst: c.batchFirst, Nonlinearity: c.nonlinearity}
	g, b := k.gates()*hidden, 1/math.Sqrt(float64(hidden))
	for l := 0; l < c.numLayers; l++ {
		in := input
		if l > 0 {
			in = hidden
		}
		r.WeightIH = append(r.WeightIH, uniformParam(b, g, in))
		r.WeightHH = append(r.WeightHH, uniformParam(b, g, hidden))
		r.WeightIHGrad = append(r.WeightIHGrad, New(g, in))
		r.WeightHHGrad = append(r.WeightHHGrad, New(g, hidden))
		if c.bias {
			r.BiasIH = append(r.BiasIH, uniformParam(b, g))
			r.BiasHH = append(r.BiasHH, uniformParam(b, g))
			r.BiasIHGrad = append(r.BiasIHGrad, New(g))
			r.BiasHHGrad = append(r.BiasHHGrad, New(g))
		}
	}
	return r
}

// Parameters returns weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
// weight_ih_l1, … in PyTorch's order.
func (r *recurrent) Parameters() []Param {
	var ps []Param
	for l := range r.WeightIH {
		ps = append(ps, Param{fmt.Sprintf("weight_ih_l%d", l), r.WeightIH[l], r.WeightIHGrad[l]},
			Param{fmt.Sprintf("weight_hh_l%d", l), r.WeightHH[l], r.WeightHHGrad[l]})
		if r.BiasIH != nil {
			ps = append(ps, Param{fmt.Sprintf("bias_ih_l%d", l), r.BiasIH[l], r.BiasIHGrad[l]},
				Param{fmt.Sprintf("bias_hh_l%d", l), r.BiasHH[l], r.BiasHHGrad[l]})
		}
	}
	return ps
}

// String describes the layer like PyTorch's repr.
func (r *recurrent) String() string {
	s := fmt.Sprintf("%s(%d, %d", r.kind, r.InputSize, r.HiddenSize)
	if r.NumLayers != 1 {
		s += fmt.Sprintf(", num_layers=%d", r.NumLayers)
	}
	if r.kind == kindRNN && r.Nonlinearity != "tanh" {
		s += ", nonlinearity='relu'"
	}
	if r.BiasIH == nil {
		s += ", bias=False"
	}
	if r.BatchFirst {
		s += ", batch_first=True"
	}
	return s + ")"
}

// dims returns (T, B) for an input shape, checking it.
func (r *recurrent) dims(op string, in []int) (T, B int, batched bool) {
	layout := "(T, B, %d) (or unbatched (T, %d))"
	if r.BatchFirst {
		layout = "(B, T, %d) (BatchFirst; or unbatched (T, %d))"
	}
	want := fmt.Sprintf("input "+layout, r.InputSize, r.InputSize)
	switch {
	case len(in) == 3 && in[2] == r.InputSize:
		if r.BatchFirst {
			return in[1], in[0], true
		}
		return in[0], in[1], true
	case len(in) == 2 && in[1] == r.InputSize:
		return in[0], 1, false
	}
	hint := ""
	if len(in) == 3 && in[1] == r.InputSize {
		hint = "the features look like the middle dimension; inputs are (T, B, features), or (B, T, features) with BatchFirst"
	}
	failHint(op, want, fmtShape(in), hint)
	return
}

// OutShape returns the output shape: the input shape with the feature
// size replaced by HiddenSize.
func (r *recurrent) OutShape(in []int) []int {
	r.dims(r.kind.String()+".Forward", in)
	out := cloneInts(in)
	out[len(out)-1] = r.HiddenSize
	return out
}

// stateShape is the shape of h0/c0/hn/cn: (layers, B, H), or (layers, H)
// unbatched — never batch-first, as in PyTorch.
func (r *recurrent) stateShape(B int, batched bool) []int {
	if !batched {
		return []int{r.NumLayers, r.HiddenSize}
	}
	return []int{r.NumLayers, B, r.HiddenSize}
}

func (r *recurrent) checkState(op, name string, s *Tensor, B int, batched bool) {
	if s == nil {
		return
	}
	checkTensor(op, name, s)
	want := r.stateShape(B, batched)
	if sameShape(s.Shape, want) {
		return
	}
	hint := ""
	if batched && sameShape(s.Shape, []int{B, r.NumLayers, r.HiddenSize}) {
		hint = name + " is (num_layers, batch, hidden) even with BatchFirst, as in PyTorch"
	}
	failHint(op, name+" of shape "+fmtShape(want)+" (num_layers, batch, hidden)", fmtShape(s.Shape), hint)
}

// toTimeMajor returns x as a (T, B, I) tensor.
func (r *recurrent) toTimeMajor(x *Tensor, T, B int, batched bool) *Tensor {
	switch {
	case !batched:
		return &Tensor{Shape: []int{T, 1, r.InputSize}, Data: x.Data}
	case r.BatchFirst:
		return x.Permute(1, 0, 2)
	}
	return x
}

// fromTimeMajor turns a (T, B, H) tensor into the caller's layout.
func (r *recurrent) fromTimeMajor(h *Tensor, batched bool) *Tensor {
	switch {
	case !batched:
		return &Tensor{Shape: []int{h.Shape[0], h.Shape[2]}, Data: append([]float64(nil), h.Data...)}
	case r.BatchFirst:
		return h.Permute(1, 0, 2)
	}
	return h.Clone()
}

// forward runs every layer and returns the top layer's (T, B, H) output
// and the final states (L, B, H).
func (r *recurrent) forward(op string, x, h0, c0 *Tensor) (out, hn, cn *Tensor) {
	checkTensor(op, "input", x)
	T, B, batched := r.dims(op, x.Shape)
	r.checkState(op, "h0", h0, B, batched)
	r.checkState(op, "c0", c0, B, batched)
	r.batched, r.xShape = batched, cloneInts(x.Shape)
	H := r.HiddenSize
	hn, cn = New(r.NumLayers, B, H), New(r.NumLayers, B, H)
	in := r.toTimeMajor(x, T, B, batched)
	r.Record = make([]Record, r.NumLayers)
	for l := 0; l < r.NumLayers; l++ {
		rec := &r.Record[l]
		rec.X = in
		rec.H0, rec.C0 = New(B, H), New(B, H)
		if h0 != nil {
			copy(rec.H0.Data, h0.Data[l*B*H:(l+1)*B*H])
		}
		if c0 != nil {
			copy(rec.C0.Data, c0.Data[l*B*H:(l+1)*B*H])
		}
		r.forwardLayer(l, rec, T, B)
		copy(hn.Data[l*B*H:], rec.H.Data[(T-1)*B*H:])
		if rec.C != nil {
			copy(cn.Data[l*B*H:], rec.C.Data[(T-1)*B*H:])
		}
		in = rec.H
	}
	if !batched {
		hn.Shape, cn.Shape = []int{r.NumLayers, H}, []int{r.NumLayers, H}
	}
	out = r.fromTimeMajor(in, batched)
	checkFiniteOp(op, "output", out)
	return out, hn, cn
}

// forwardLayer fills rec for layer l given rec.X, rec.H0 and rec.C0.
func (r *recurrent) forwardLayer(l int, rec *Record, T, B int) {
	H, G := r.HiddenSize, r.kind.gates()*r.HiddenSize
	in := rec.X.Shape[2]
	rec.Pre, rec.H = New(T, B, G), New(T, B, H)
	// Input projections of every step at once: Pre = X·W_ihᵀ + b_ih (+ b_hh).
	gemm(false, true, T*B, G, in, 1, rec.X.Data, in, r.WeightIH[l].Data, in, 0, rec.Pre.Data, G)
	if r.BiasIH != nil {
		addRows(rec.Pre.Data, r.BiasIH[l].Data)
		if r.kind != kindGRU {
			addRows(rec.Pre.Data, r.BiasHH[l].Data)
		}
	}
	switch r.kind {
	case kindLSTM:
		rec.Gates, rec.C = New(T, B, G), New(T, B, H)
		rec.tanhC = make([]float64, T*B*H)
	case kindGRU:
		rec.Gates, rec.HN = New(T, B, G), New(T, B, H)
	}
	hw := make([]float64, B*G) // GRU: W_hh h + b_hh
	for t := 0; t < T; t++ {
		hPrev, cPrev := rec.H0.Data, rec.C0.Data
		if t > 0 {
			hPrev = rec.H.Data[(t-1)*B*H : t*B*H]
			if rec.C != nil {
				cPrev = rec.C.Data[(t-1)*B*H : t*B*H]
			}
		}
		pre := rec.Pre.Data[t*B*G : (t+1)*B*G]
		h := rec.H.Data[t*B*H : (t+1)*B*H]
		switch r.kind {
		case kindRNN:
			gemm(false, true, B, H, H, 1, hPrev, H, r.WeightHH[l].Data, H, 1, pre, G)
			if r.Nonlinearity == "relu" {
				for i, v := range pre {
					h[i] = math.Max(v, 0)
					if math.IsNaN(v) {
						h[i] = v
					}
				}
			} else {
				vtanh(h, pre)
			}
		case kindLSTM:
			gemm(false, true, B, G, H, 1, hPrev, H, r.WeightHH[l].Data, H, 1, pre, G)
			r.lstmCell(rec, t, B, pre, cPrev, h)
		case kindGRU:
			gemm(false, true, B, G, H, 1, hPrev, H, r.WeightHH[l].Data, H, 0, hw, G)
			if r.BiasHH != nil {
				addRows(hw, r.BiasHH[l].Data)
			}
			r.gruCell(rec, t, B, pre, hw, hPrev, h)
		}
	}
}

// lstmCell applies the LSTM gates for step t: i, f, o = σ(·), g = tanh(·),
// c = f⊙c_prev + i⊙g, h = o⊙tanh(c).
func (r *recurrent) lstmCell(rec *Record, t, B int, pre, cPrev, h []float64) {
	H, G := r.HiddenSize, 4*r.HiddenSize
	gates := rec.Gates.Data[t*B*G : (t+1)*B*G]
	c := rec.C.Data[t*B*H : (t+1)*B*H]
	tc := rec.tanhC[t*B*H : (t+1)*B*H]
	for b := 0; b < B; b++ {
		p, a := pre[b*G:(b+1)*G], gates[b*G:(b+1)*G]
		vsigmoid(a[:2*H], p[:2*H])
		vtanh(a[2*H:3*H], p[2*H:3*H])
		vsigmoid(a[3*H:], p[3*H:])
		for j := 0; j < H; j++ {
			c[b*H+j] = a[H+j]*cPrev[b*H+j] + a[j]*a[2*H+j]
		}
	}
	vtanh(tc, c)
	for b := 0; b < B; b++ {
		for j := 0; j < H; j++ {
			h[b*H+j] = gates[b*G+3*H+j] * tc[b*H+j]
		}
	}
}

// gruCell applies the GRU gates for step t: r, z = σ(·),
// n = tanh(x_n + r⊙(W_hn h + b_hn)), h = (1−z)⊙n + z⊙h_prev.
func (r *recurrent) gruCell(rec *Record, t, B int, pre, hw, hPrev, h []float64) {
	H, G := r.HiddenSize, 3*r.HiddenSize
	gates := rec.Gates.Data[t*B*G : (t+1)*B*G]
	hn := rec.HN.Data[t*B*H : (t+1)*B*H]
	for b := 0; b < B; b++ {
		p, a, w := pre[b*G:(b+1)*G], gates[b*G:(b+1)*G], hw[b*G:(b+1)*G]
		for j := 0; j < 2*H; j++ {
			p[j] += w[j]
		}
		vsigmoid(a[:2*H], p[:2*H])
		for j := 0; j < H; j++ {
			hn[b*H+j] = w[2*H+j]
			p[2*H+j] += a[j] * w[2*H+j]
		}
		vtanh(a[2*H:], p[2*H:])
		for j := 0; j < H; j++ {
			z, n := a[H+j], a[2*H+j]
			h[b*H+j] = (1-z)*n + z*hPrev[b*H+j]
		}
	}
}

// addRows adds v to every len(v)-long row of m.
func addRows(m, v []float64) {
	for i := 0; i < len(m); i += len(v) {
		row := m[i : i+len(v)]
		for j, b := range v {
			row[j] += b
		}
	}
}

// addColSums adds the column sums of the (rows × len(dst)) matrix m to dst.
func addColSums(dst, m []float64) {
	for i := 0; i < len(m); i += len(dst) {
		for j, v := range m[i : i+len(dst)] {
			dst[j] += v
		}
	}
}

// backward takes dL/d(output) (caller's layout, may be nil) and dL/dhn,
// dL/dcn (may be nil), accumulates parameter gradients and returns dL/dx,
// dL/dh0, dL/dc0.
func (r *recurrent) backward(op string, gradOut, gradHn, gradCn *Tensor) (gx, gh0, gc0 *Tensor) {
	if r.Record == nil {
		fail(op, "a Forward call before Backward", "no recorded forward pass")
	}
	T, B, batched := r.dims(op, r.xShape)
	H := r.HiddenSize
	if gradOut != nil {
		checkTensor(op, "gradient of the output", gradOut)
		if want := r.OutShape(r.xShape); !sameShape(gradOut.Shape, want) {
			fail(op, "a gradient shaped like the output "+fmtShape(want), fmtShape(gradOut.Shape))
		}
	}
	r.checkState(op, "gradient of hn", gradHn, B, batched)
	r.checkState(op, "gradient of cn", gradCn, B, batched)
	dH := New(T, B, H)
	if gradOut != nil {
		dH = r.toTimeMajorH(gradOut, T, B, batched)
	}
	gh0, gc0 = New(r.stateShape(B, batched)...), New(r.stateShape(B, batched)...)
	for l := r.NumLayers - 1; l >= 0; l-- {
		dhn, dcn := make([]float64, B*H), make([]float64, B*H)
		if gradHn != nil {
			copy(dhn, gradHn.Data[l*B*H:])
		}
		if gradCn != nil {
			copy(dcn, gradCn.Data[l*B*H:])
		}
		var dX *Tensor
		dX, dhn, dcn = r.backwardLayer(l, &r.Record[l], T, B, dH, dhn, dcn)
		copy(gh0.Data[l*B*H:], dhn)
		copy(gc0.Data[l*B*H:], dcn)
		dH = dX
	}
	gx = dH
	switch {
	case !batched:
		gx = &Tensor{Shape: []int{T, r.InputSize}, Data: dH.Data}
	case r.BatchFirst:
		gx = dH.Permute(1, 0, 2)
	}
	checkFiniteOp(op, "input gradient", gx)
	return gx, gh0, gc0
}

func (r *recurrent) toTimeMajorH(g *Tensor, T, B int, batched bool) *Tensor {
	switch {
	case !batched:
		return &Tensor{Shape: []int{T, 1, r.HiddenSize}, Data: g.Data}
	case r.BatchFirst:
		return g.Permute(1, 0, 2)
	}
	return g
}

// backwardLayer back-propagates through layer l over all steps. dH is
// dL/dh_t from above (T, B, H); dh, dc are dL/dh_T, dL/dc_T. It returns
// dL/dX and dL/dh0, dL/dc0.
func (r *recurrent) backwardLayer(l int, rec *Record, T, B int, dH *Tensor, dh, dc []float64) (*Tensor, []float64, []float64) {
	H, G := r.HiddenSize, r.kind.gates()*r.HiddenSize
	in := rec.X.Shape[2]
	dXW := make([]float64, T*B*G) // dL/d(input-side pre-activations)
	dHW := dXW                    // dL/d(hidden-side pre-activations); differs for GRU
	if r.kind == kindGRU {
		dHW = make([]float64, T*B*G)
	}
	cur := make([]float64, B*H)
	for t := T - 1; t >= 0; t-- {
		for i := range cur {
			cur[i] = dH.Data[t*B*H+i] + dh[i]
		}
		hPrev, cPrev := rec.H0.Data, rec.C0.Data
		if t > 0 {
			hPrev = rec.H.Data[(t-1)*B*H : t*B*H]
			if rec.C != nil {
				cPrev = rec.C.Data[(t-1)*B*H : t*B*H]
			}
		}
		dx, dhw := dXW[t*B*G:(t+1)*B*G], dHW[t*B*G:(t+1)*B*G]
		switch r.kind {
		case kindRNN:
			h := rec.H.Data[t*B*H : (t+1)*B*H]
			for i, g := range cur {
				if r.Nonlinearity == "relu" {
					if h[i] <= 0 {
						g = 0
					}
					dx[i] = g
				} else {
					dx[i] = g * (1 - h[i]*h[i])
				}
			}
		case kindLSTM:
			r.lstmBack(rec, t, B, cur, dc, cPrev, dx)
		case kindGRU:
			r.gruBack(rec, t, B, cur, hPrev, dx, dhw, dh)
		}
		if r.kind != kindGRU {
			clear(dh)
		}
		gemm(false, false, B, H, G, 1, dhw, G, r.WeightHH[l].Data, H, 1, dh, H)
	}
	// Parameter gradients over all steps at once.
	gemm(true, false, G, H, B, 1, dHW[:B*G], G, rec.H0.Data, H, 1, r.WeightHHGrad[l].Data, H)
	if T > 1 {
		gemm(true, false, G, H, (T-1)*B, 1, dHW[B*G:], G, rec.H.Data, H, 1, r.WeightHHGrad[l].Data, H)
	}
	gemm(true, false, G, in, T*B, 1, dXW, G, rec.X.Data, in, 1, r.WeightIHGrad[l].Data, in)
	if r.BiasIH != nil {
		addColSums(r.BiasIHGrad[l].Data, dXW)
		addColSums(r.BiasHHGrad[l].Data, dHW)
	}
	dX := New(T, B, in)
	gemm(false, false, T*B, in, G, 1, dXW, G, r.WeightIH[l].Data, in, 0, dX.Data, in)
	return dX, dh, dc
}

// lstmBack computes step t's pre-activation gradients into dpre from
// dL/dh_t (dh) and dL/dc_t carried in dc, and leaves dL/dc_{t−1} in dc.
func (r *recurrent) lstmBack(rec *Record, t, B int, dh, dc, cPrev, dpre []float64) {
	H, G := r.HiddenSize, 4*r.HiddenSize
	gates := rec.Gates.Data[t*B*G : (t+1)*B*G]
	tc := rec.tanhC[t*B*H : (t+1)*B*H]
	for b := 0; b < B; b++ {
		a, d := gates[b*G:(b+1)*G], dpre[b*G:(b+1)*G]
		for j := 0; j < H; j++ {
			k := b*H + j
			i, f, g, o := a[j], a[H+j], a[2*H+j], a[3*H+j]
			dcT := dc[k] + dh[k]*o*(1-tc[k]*tc[k])
			d[j] = dcT * g * i * (1 - i)
			d[H+j] = dcT * cPrev[k] * f * (1 - f)
			d[2*H+j] = dcT * i * (1 - g*g)
			d[3*H+j] = dh[k] * tc[k] * o * (1 - o)
			dc[k] = dcT * f
		}
	}
}

// gruBack computes step t's input-side (dx) and hidden-side (dhw)
// pre-activation gradients from dL/dh_t (dh) and leaves the direct part of
// dL/dh_{t−1}, z⊙dh, in dhOut (the W_hh part is added by the caller).
func (r *recurrent) gruBack(rec *Record, t, B int, dh, hPrev, dx, dhw, dhOut []float64) {
	H, G := r.HiddenSize, 3*r.HiddenSize
	gates := rec.Gates.Data[t*B*G : (t+1)*B*G]
	hn := rec.HN.Data[t*B*H : (t+1)*B*H]
	for b := 0; b < B; b++ {
		a, x, w := gates[b*G:(b+1)*G], dx[b*G:(b+1)*G], dhw[b*G:(b+1)*G]
		for j := 0; j < H; j++ {
			k := b*H + j
			rr, z, n := a[j], a[H+j], a[2*H+j]
			dnPre := dh[k] * (1 - z) * (1 - n*n)
			dz := dh[k] * (hPrev[k] - n)
			dr := dnPre * hn[k]
			x[2*H+j], w[2*H+j] = dnPre, dnPre*rr
			x[j] = dr * rr * (1 - rr)
			x[H+j] = dz * z * (1 - z)
			w[j], w[H+j] = x[j], x[H+j]
			dhOut[k] = dh[k] * z
		}
	}
}

// gateBlock returns a copy of block k (of width H) of every row of a
// (T, B, G·H) tensor at time t, as a (B, H) tensor.
func gateBlock(m *Tensor, t, k, H int) *Tensor {
	B, G := m.Shape[1], m.Shape[2]
	out := New(B, H)
	for b := 0; b < B; b++ {
		copy(out.Data[b*H:(b+1)*H], m.Data[(t*B+b)*G+k*H:])
	}
	return out
}

func (r *recurrent) checkStep(op string, layer, t int) {
	if r.Record == nil {
		fail(op, "a Forward call first", "no recorded forward pass")
	}
	if layer < 0 || layer >= len(r.Record) {
		failf(op, fmt.Sprintf("a layer in [0, %d)", len(r.Record)), "%d", layer)
	}
	if T := r.Record[layer].H.Shape[0]; t < 0 || t >= T {
		failf(op, fmt.Sprintf("a time step in [0, %d)", T), "%d", t)
	}
}

// RNN is PyTorch's nn.RNN (Elman): for each layer and step
//
//	h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
//
// (or relu with Nonlinearity("relu")), h_0 = 0 unless given, the same
// weights at every step. The input of layer k > 0 is the output of layer
// k−1. Input (T, B, I), (B, T, I) with BatchFirst, or unbatched (T, I);
// output the top layer's h_t for every t. There is no output layer: a
// readout is a separate Linear. Not supported: bidirectional, dropout
// between layers.
type RNN struct{ recurrent }

// NewRNN returns RNN(input, hidden) with weights and biases uniform in
// ±1/√hidden, as PyTorch. Options: NumLayers, BatchFirst, Nonlinearity, Bias.
func NewRNN(input, hidden int, opts ...Option) *RNN {
	return &RNN{newRecurrent("NewRNN", kindRNN, input, hidden, opts)}
}

// Forward returns the output for zero initial states.
func (l *RNN) Forward(x *Tensor) *Tensor {
	out, _, _ := l.forward("RNN.Forward", x, nil, nil)
	return out
}

// ForwardState returns the output and h_n (num_layers, B, H) for initial
// state h0 (num_layers, B, H), or zeros when h0 is nil.
func (l *RNN) ForwardState(x, h0 *Tensor) (out, hn *Tensor) {
	out, hn, _ = l.forward("RNN.ForwardState", x, h0, nil)
	return out, hn
}

// Backward returns dL/dx from dL/d(output), accumulating the weights'
// gradients.
func (l *RNN) Backward(gradOut *Tensor) *Tensor {
	gx, _, _ := l.backward("RNN.Backward", gradOut, nil, nil)
	return gx
}

// BackwardState is Backward with a gradient for h_n as well (either may be
// nil); it also returns dL/dh0.
func (l *RNN) BackwardState(gradOut, gradHn *Tensor) (gx, gh0 *Tensor) {
	gx, gh0, _ = l.backward("RNN.BackwardState", gradOut, gradHn, nil)
	return gx, gh0
}

// RNNStep is one layer's state at one time step, each (B, H).
type RNNStep struct {
	Pre *Tensor // W_ih x + b_ih + W_hh h + b_hh
	H   *Tensor // h_t
}

// Step returns layer's pre-activation and h_t at step t of the latest
// Forward.
func (l *RNN) Step(layer, t int) RNNStep {
	l.checkStep("RNN.Step", layer, t)
	rec := l.Record[layer]
	return RNNStep{Pre: gateBlock(rec.Pre, t, 0, l.HiddenSize), H: gateBlock(rec.H, t, 0, l.HiddenSize)}
}

// LSTM is PyTorch's nn.LSTM: for each layer and step, with σ the sigmoid
// and ⊙ the element-wise product,
//
//	i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)
//	f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)
//	g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)
//	o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)
//	c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
//	h_t = o_t ⊙ tanh(c_t)
//
// WeightIH[k] stacks W_ii, W_if, W_ig, W_io as (4H, in) in that order
// ("weight_ih_l0"), and likewise WeightHH, BiasIH, BiasHH. h_0 and c_0 are
// zero unless given, shaped (num_layers, B, H) even with BatchFirst.
// Record and Step expose every gate. Not supported: bidirectional,
// proj_size, dropout between layers.
type LSTM struct{ recurrent }

// NewLSTM returns LSTM(input, hidden) initialised like PyTorch (uniform in
// ±1/√hidden). Options: NumLayers, BatchFirst, Bias.
func NewLSTM(input, hidden int, opts ...Option) *LSTM {
	return &LSTM{newRecurrent("NewLSTM", kindLSTM, input, hidden, opts)}
}

// Forward returns the output (the top layer's h_t for every t) for zero
// initial states.
func (l *LSTM) Forward(x *Tensor) *Tensor {
	out, _, _ := l.forward("LSTM.Forward", x, nil, nil)
	return out
}

// ForwardState returns the output, h_n and c_n for initial states h0 and
// c0 (num_layers, B, H); nil means zeros.
func (l *LSTM) ForwardState(x, h0, c0 *Tensor) (out, hn, cn *Tensor) {
	return l.forward("LSTM.ForwardState", x, h0, c0)
}

// Backward returns dL/dx from dL/d(output), accumulating the weights'
// gradients.
func (l *LSTM) Backward(gradOut *Tensor) *Tensor {
	gx, _, _ := l.backward("LSTM.Backward", gradOut, nil, nil)
	return gx
}

// BackwardState is Backward with gradients for h_n and c_n too (any may be
// nil); it also returns dL/dh0 and dL/dc0.
func (l *LSTM) BackwardState(gradOut, gradHn, gradCn *Tensor) (gx, gh0, gc0 *Tensor) {
	return l.backward("LSTM.BackwardState", gradOut, gradHn, gradCn)
}

// LSTMStep is one layer's gates and states at one time step, each (B, H).
type LSTMStep struct {
	I, F, G, O *Tensor // input, forget and output gates (σ) and candidate g (tanh)
	C, H       *Tensor // cell state c_t and hidden state h_t
}

// Step returns the gates i, f, g, o and the states c_t, h_t of layer at
// step t of the latest Forward (copies).
func (l *LSTM) Step(layer, t int) LSTMStep {
	l.checkStep("LSTM.Step", layer, t)
	rec, H := l.Record[layer], l.HiddenSize
	return LSTMStep{I: gateBlock(rec.Gates, t, 0, H), F: gateBlock(rec.Gates, t, 1, H),
		G: gateBlock(rec.Gates, t, 2, H), O: gateBlock(rec.Gates, t, 3, H),
		C: gateBlock(rec.C, t, 0, H), H: gateBlock(rec.H, t, 0, H)}
}

// GRU is PyTorch's nn.GRU: for each layer and step
//
//	r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
//	z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
//	n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))
//	h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
//
// WeightIH[k] stacks W_ir, W_iz, W_in as (3H, in) ("weight_ih_l0"), and
// likewise the others. Note b_hn sits inside the r_t product.
type GRU struct{ recurrent }

// NewGRU returns GRU(input, hidden) initialised like PyTorch (uniform in
// ±1/√hidden). Options: NumLayers, BatchFirst, Bias.
func NewGRU(input, hidden int, opts ...Option) *GRU {
	return &GRU{newRecurrent("NewGRU", kindGRU, input, hidden, opts)}
}

// Forward returns the output for zero initial states.
func (l *GRU) Forward(x *Tensor) *Tensor {
	out, _, _ := l.forward("GRU.Forward", x, nil, nil)
	return out
}

// ForwardState returns the output and h_n for initial state h0
// (num_layers, B, H), or zeros when nil.
func (l *GRU) ForwardState(x, h0 *Tensor) (out, hn *Tensor) {
	out, hn, _ = l.forward("GRU.ForwardState", x, h0, nil)
	return out, hn
}

// Backward returns dL/dx from dL/d(output), accumulating the weights'
// gradients.
func (l *GRU) Backward(gradOut *Tensor) *Tensor {
	gx, _, _ := l.backward("GRU.Backward", gradOut, nil, nil)
	return gx
}

// BackwardState is Backward with a gradient for h_n too (either may be
// nil); it also returns dL/dh0.
func (l *GRU) BackwardState(gradOut, gradHn *Tensor) (gx, gh0 *Tensor) {
	gx, gh0, _ = l.backward("GRU.BackwardState", gradOut, gradHn, nil)
	return gx, gh0
}

// GRUStep is one layer's gates and state at one time step, each (B, H).
type GRUStep struct {
	R, Z *Tensor // reset and update gates
	N    *Tensor // candidate state
	H    *Tensor // h_t
}

// Step returns the gates r, z, n and h_t of layer at step t of the latest
// Forward (copies).
func (l *GRU) Step(layer, t int) GRUStep {
	l.checkStep("GRU.Step", layer, t)
	rec, H := l.Record[layer], l.HiddenSize
	return GRUStep{R: gateBlock(rec.Gates, t, 0, H), Z: gateBlock(rec.Gates, t, 1, H),
		N: gateBlock(rec.Gates, t, 2, H), H: gateBlock(rec.H, t, 0, H)}
}
