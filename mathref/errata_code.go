package mathref

import (
	"fmt"
	"strings"
)

// cnnErrata are the errors of the seed document's CNN (C4).
func cnnErrata() []Erratum {
	return []Erratum{
		{
			ID: "cnn-flatten-size", Seed: "C4", InSeed: true, Lang: "python",
			Title: "Linear(64*6*6, …) only fits 24×24 inputs",
			Wrong: `self.fc1 = nn.Linear(64 * 6 * 6, 128)   # fed 32×32 CIFAR-10 images`,
			Right: `self.fc1 = nn.Linear(64 * 8 * 8, 128)   # 32×32 inputs: 32 → 16 → 8
# or nn.LazyLinear(128), or nn.AdaptiveAvgPool2d((6, 6)) before flattening`,
			Why: "Each 3×3 convolution with padding 1 keeps H×W and each MaxPool2d(2, 2) floor-halves it, so ⌊H/4⌋ = 6 needs 24–27 px inputs; 32×32 gives 64·8·8 = 4096 features.",
			Notes: []string{
				"TensorFlow's classic CIFAR-10 tutorial crops images to 24×24 (IMAGE_SIZE = 24), which is where 6×6 fits.",
			},
			Source: conv2dDocs + " and https://docs.pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html (Shape)",
			Demo: func() Demo {
				trace := func(h int) string {
					for _, k := range []struct{ k, s, p int }{{3, 1, 1}, {2, 2, 0}, {3, 1, 1}, {2, 2, 0}} {
						h = ConvOutputSize(h, k.k, k.s, k.p, 1)
					}
					return fmt.Sprintf("64·%d·%d = %d", h, h, 64*h*h)
				}
				return Demo{
					Input: "square inputs of side 24, 27, 28 and 32 through conv-pool-conv-pool",
					Wrong: "Linear expects 2304 features, but 32×32 gives " + trace(32) + " and 28×28 gives " + trace(28),
					Right: "24×24 gives " + trace(24) + "; 27×27 gives " + trace(27),
				}
			},
		},
		{
			ID: "cnn-view-mixes-images", Seed: "C4", InSeed: true, Lang: "python",
			Title: "x.view(-1, 64*6*6) ignores the batch axis",
			Wrong: `x = x.view(-1, 64 * 6 * 6)`,
			Right: `x = x.flatten(1)            # or x.view(x.size(0), -1)`,
			Why:   "view(-1, 2304) lets the batch size absorb the mismatch: with 4096 features per image it fails unless B is a multiple of 9, and then its rows straddle images.",
			Notes: []string{
				"With B = 9 the model returns 16 rows; training then fails at the loss (batch size 16 vs 9 targets), but inference-only code runs on garbage.",
			},
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html; https://docs.pytorch.org/docs/stable/generated/torch.flatten.html",
			Demo: func() Demo {
				feats := func(B int) Tensor { // B images of 64·8·8 values, each value = its image's index
					x := New(B, 64*8*8)
					for k := range x.Data {
						x.Data[k] = float64(k / (64 * 8 * 8))
					}
					return x
				}
				rows := feats(9).Reshape(-1, 2304)
				var parts []string
				for r := 0; r < 4; r++ {
					parts = append(parts, imagesIn(rows.Sub(r)))
				}
				err8 := catchPanic(func() { feats(8).Reshape(-1, 2304) })
				ok := feats(9).Reshape(9, -1)
				return Demo{
					Input: "32×32 images → 64·8·8 = 4096 features each; batches of B = 9 and B = 8",
					Wrong: fmt.Sprintf("B=9: %s rows; rows 0–3 hold images %s; B=8: %s",
						shapeString(rows.Shape), strings.Join(parts, " "), err8),
					Right: fmt.Sprintf("B=9: flatten(1) gives %s, row r is image r: %s", shapeString(ok.Shape), imagesIn(ok.Sub(1))),
				}
			},
		},
	}
}

// imagesIn lists the distinct image indices in a row, e.g. "{0,1}".
func imagesIn(row Tensor) string {
	var ids []string
	last := -1.0
	for _, v := range row.Data {
		if v != last {
			ids = append(ids, fmt.Sprint(v))
			last = v
		}
	}
	return "{" + strings.Join(ids, ",") + "}"
}

// attentionModuleErrata are the errors of the seed document's attention
// module (C6).
func attentionModuleErrata() []Erratum {
	return []Erratum{
		{
			ID: "attention-bmm-outer-product", Seed: "C6", InSeed: true, Lang: "python",
			Title: "bmm of t.unsqueeze(2) and enc.unsqueeze(1): an error, or an outer product",
			Wrong: `e = torch.bmm(t.unsqueeze(2), enc.unsqueeze(1))   # t: (B, H), enc: (B, T, H)
e = e.squeeze(2)`,
			Right: `e = torch.bmm(enc, t.unsqueeze(2)).squeeze(2)      # (B, T, H)·(B, H, 1) → (B, T)
# optionally / math.sqrt(H)`,
			Why:    "enc.unsqueeze(1) is 4-D, which bmm rejects; even for a 2-D enc, (B, H, 1)·(B, 1, H) is an H×H outer product, not T scores.",
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.bmm.html; " + d2lScore,
			Demo: func() Demo {
				t := Vector(1, 2)
				enc := Matrix([][]float64{{1, 0}, {0, 1}, {1, 1}}) // T = 3 states, H = 2
				outer := New(2, 2)                                 // t_h · enc_0,h' for one encoder state
				for h := 0; h < 2; h++ {
					for g := 0; g < 2; g++ {
						outer.Set(t.At(h)*enc.At(0, g), h, g)
					}
				}
				scores := Linear(enc, t.Reshape(1, 2), nil).Reshape(3) // e_j = enc_j · t
				return Demo{
					Input: "B = 1, t = (1, 2), enc = (1, 0), (0, 1), (1, 1): T = 3, H = 2",
					Wrong: "bmm needs 3-D batches but enc.unsqueeze(1) is (1, 1, 3, 2); with only enc_0 the product is the outer product " + txt(outer),
					Right: "scores e_j = enc_j·t " + txt(scores),
				}
			},
		},
		{
			ID: "attention-mask-subtract", Seed: "C6", InSeed: true, Lang: "python",
			Title:  "e - e.masked_fill(mask, -inf): +inf and NaN",
			Wrong:  `e = e - e.masked_fill(mask, float('-inf'))`,
			Right:  `e = e.masked_fill(mask, float('-inf'))   # or -1e9`,
			Why:    "x − x = 0 where unmasked and x − (−∞) = +∞ where masked: the scores are wiped, the mask is inverted, and a softmax over a row holding +∞ is NaN.",
			Source: "https://docs.pytorch.org/docs/stable/generated/torch.Tensor.masked_fill_.html; " + sdpaDocs,
			Demo: func() Demo {
				e := Vector(2, 1, 3)
				mask := []bool{false, false, true}
				filled := e.Clone() // e.masked_fill(mask, -inf)
				for j, m := range mask {
					if m {
						filled.Data[j] = negInf
					}
				}
				wrong := e.Clone()
				for j := range wrong.Data {
					wrong.Data[j] = e.Data[j] - filled.Data[j]
				}
				return Demo{
					Input: "scores e = (2, 1, 3), key 2 masked",
					Wrong: fmt.Sprintf("e → %s, softmax %s", txt(wrong), txt(Softmax(wrong, -1))),
					Right: fmt.Sprintf("e → %s, softmax %s", txt(filled), txt(Softmax(filled, -1))),
				}
			},
		},
		{
			ID: "attention-mask-from-lengths", Seed: "C6", InSeed: true, Lang: "python",
			Title: "enc_lengths.unsqueeze(1) == 0 is not a padding mask",
			Wrong: `mask = enc_lengths.unsqueeze(1) == 0      # (B, 1)`,
			Right: `mask = torch.arange(T, device=enc.device)[None, :] >= enc_lengths[:, None]   # (B, T)`,
			Why:   "lengths == 0 is one flag per sequence, true only for empty sequences; padding is every position t ≥ length.",
			Notes: []string{
				"The seed's second line, masked_fill(enc_lengths.unsqueeze(1) == -1, …), never fires: lengths are not −1.",
				"A sequence of length 0 still gives a row of NaN after the softmax: guard it or drop it.",
			},
			Source: mhaDocs + " (key_padding_mask: True = padding)",
			Demo: func() Demo {
				lengths, T := []int{3, 1}, 3
				wrong := make([][]bool, len(lengths))
				right := make([][]bool, len(lengths))
				for b, n := range lengths {
					wrong[b] = []bool{n == 0}
					right[b] = make([]bool, T)
					for t := 0; t < T; t++ {
						right[b][t] = t >= n
					}
				}
				return Demo{
					Input: "enc_lengths = (3, 1), T = 3",
					Wrong: "(B, 1) " + boolText(wrong) + ": nothing is masked",
					Right: "(B, T) " + boolText(right),
				}
			},
		},
		{
			ID: "attention-context-broadcast", Seed: "C6", InSeed: true, Lang: "python",
			Title:  "(e * enc).sum(1) broadcasts the wrong axes",
			Wrong:  `a = (e * enc).sum(1)                     # e: (B, T), enc: (B, T, H)`,
			Right:  `a = (alpha.unsqueeze(2) * enc).sum(1)    # or torch.bmm(alpha.unsqueeze(1), enc).squeeze(1)`,
			Why:    "Broadcasting aligns trailing axes, so e's (B, T) meets enc's (T, H): it fails unless the sizes happen to fit, and then weights each feature h by α_h instead of each state t by α_t.",
			Source: "https://docs.pytorch.org/docs/stable/notes/broadcasting.html",
			Demo: func() Demo {
				alpha := Matrix([][]float64{{0.25, 0.75}})      // (B=1, T=2)
				enc := FromData([]float64{1, 2, 3, 4}, 1, 2, 2) // (B=1, T=2, H=2)
				wrong, right := New(1, 2), New(1, 2)
				for h := 0; h < 2; h++ {
					for t := 0; t < 2; t++ {
						wrong.Data[h] += alpha.At(0, h) * enc.At(0, t, h) // e[0, h] lines up with enc's h axis
						right.Data[h] += alpha.At(0, t) * enc.At(0, t, h)
					}
				}
				return Demo{
					Input: "α = (0.25, 0.75) over T = 2 states enc = (1, 2), (3, 4) (B = 1, H = 2); then T = 3, H = 2",
					Wrong: fmt.Sprintf("%s; T ≠ H: %s", txt(wrong), broadcastError([]int{1, 3}, []int{1, 3, 2})),
					Right: txt(right),
				}
			},
		},
		{
			ID: "attention-call-tensor", Seed: "C6", InSeed: true, Lang: "python",
			Title: "self.model(t)(…) calls a tensor",
			Wrong: `c = a.unsqueeze(1) + self.model(t)(t.unsqueeze(1))`,
			Right: `out = self.model(t.unsqueeze(1))
# and combine context and state in a standard way, e.g. Luong: tanh(W_c [c; h]);
# Bahdanau: feed [c; embedding] into the RNN`,
			Why: "self.model(t) already returns a tensor, and calling a tensor raises TypeError: 'Tensor' object is not callable.",
			Notes: []string{
				"Return alpha too, so it can be plotted as a heatmap.",
			},
			Source: "https://d2l.ai/chapter_attention-mechanisms-and-transformers/bahdanau-attention.html; Luong et al. 2015 Eq. (5), https://arxiv.org/abs/1508.04025",
			Demo: func() Demo {
				W := Matrix([][]float64{{1, 0}, {0, 1}})
				model := func(x Tensor) Tensor { return Linear(x, W, nil) }
				t := Matrix([][]float64{{1, 2}})
				var result any = model(t)
				_, callable := result.(func(Tensor) Tensor)
				return Demo{
					Input: "model = Linear(2, 2), t of shape (1, 2)",
					Wrong: fmt.Sprintf("model(t) is a %T of shape %s; callable: %v → TypeError", result, shapeString(result.(Tensor).Shape), callable),
					Right: "model(t.unsqueeze(1)) has shape " + shapeString(model(t.Reshape(1, 1, 2)).Shape),
				}
			},
		},
	}
}

// boolText formats a boolean grid with T and F.
func boolText(g [][]bool) string {
	rows := make([]string, len(g))
	for i, r := range g {
		cells := make([]string, len(r))
		for j, b := range r {
			cells[j] = "F"
			if b {
				cells[j] = "T"
			}
		}
		rows[i] = "[" + strings.Join(cells, " ") + "]"
	}
	return "[" + strings.Join(rows, " ") + "]"
}

// broadcastError applies NumPy/PyTorch broadcasting to two shapes and
// returns PyTorch's message for the first incompatible axis, or "" if they
// broadcast.
func broadcastError(a, b []int) string {
	n := max(len(a), len(b))
	for k := 1; k <= n; k++ {
		x, y := 1, 1
		if k <= len(a) {
			x = a[len(a)-k]
		}
		if k <= len(b) {
			y = b[len(b)-k]
		}
		if x != y && x != 1 && y != 1 {
			return fmt.Sprintf("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton dimension %d", x, y, n-k)
		}
	}
	return ""
}
