package mathref_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/mathref"
)

// The errata of the seed document's attention formulas (point C3).
func ExampleErrata() {
	for _, e := range mathref.Errata() {
		if e.Seed == "C3" {
			fmt.Printf("%-27s in seed: %-5v %s\n", e.ID, e.InSeed, e.Title)
		}
	}
	// Output:
	// attention-double-softmax    in seed: true  Softmax applied twice
	// attention-missing-scale     in seed: true  No 1/√d_k scaling
	// attention-alpha-index       in seed: true  Attention weight α_j without the query index
	// attention-missing-mask      in seed: true  No mask for padded keys
	// attention-mask-convention   in seed: false The same boolean mask given to SDPA and to MultiheadAttention
}

// Each erratum runs its wrong and right forms on the same small numbers.
func ExampleErratumByID() {
	e, _ := mathref.ErratumByID("attention-double-softmax")
	fmt.Println(e.Why)
	fmt.Println(e.Demo())
	e, _ = mathref.ErratumByID("attention-mask-subtract")
	fmt.Println(e.Wrong)
	fmt.Println(e.Demo().Wrong)
	// Output:
	// The score must be the raw logit; a softmax of probabilities (all in [0, 1]) flattens them towards uniform.
	// input: scores (4, 1, 0, −2)
	// wrong: softmax twice [0.453 0.187 0.181 0.179]
	// right: softmax once [0.934 0.047 0.017 0.002]
	// e = e - e.masked_fill(mask, float('-inf'))
	// e → [0 0 +Inf], softmax [NaN NaN NaN]
}

// Markdown renders an erratum for a notebook cell.
func ExampleErratum_Markdown() {
	e, _ := mathref.ErratumByID("conv-no-output-position")
	fmt.Print(e.Markdown())
	// Output:
	// **Convolution formula without the output position** (seed point C1)
	//
	// ✗ Wrong:
	//
	// $$y(x,y) = \sum_{u=0}^{m-1}\sum_{v=0}^{n-1} x(u,v) * w(u,v) + b$$
	//
	// ✓ Right:
	//
	// $$y(i,j) = b + \sum_{u=0}^{m-1}\sum_{v=0}^{n-1} x(i+u,\; j+v)\, w(u,v),
	// \qquad 0 \le i \le H-m,\; 0 \le j \le W-n$$
	//
	// Why: The output position never appears on the right-hand side, so as written every output is the same top-left dot product.
	//
	// - x and y name both the signals and the coordinates; use i, j for positions.
	// - The * between x(u,v) and w(u,v) is an ordinary product, not the convolution operator.
	//
	// ```text
	// input: x = 0..8 (3×3), w = [[0 1] [2 3]], b = 0
	// wrong: [[19 19] [19 19]]
	// right: [[19 25] [37 43]]
	// ```
	//
	// Source: https://docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html; d2l §7.2.1 (https://d2l.ai/chapter_convolutional-neural-networks/conv-layer.html)
}
