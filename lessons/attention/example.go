package attention

import "github.com/stepwise-go/stepwise/lessons"

// Example is a short sentence with hand-written queries, keys and values,
// small enough to follow by hand. Each token's key says what it is (a
// noun, a verb, a modifier, a drink) and its query what it looks for, so
// the weights read sensibly: "drink" looks at "milk", "warm" at "milk",
// "milk" at "warm".
type Example struct {
	Tokens  []string    // the sentence, in the lessons' current language
	Q, K, V [][]float64 // (4, 4), (4, 4), (4, 3)
	// Padding marks padding tokens (true); nil when there are none.
	Padding []bool
}

// sentence is the example in both languages, word for word.
var sentence = []lessons.Text{
	{EN: "cats", ZH: "猫"}, {EN: "drink", ZH: "喝"}, {EN: "warm", ZH: "温"}, {EN: "milk", ZH: "牛奶"},
}

// PadToken labels a padding position.
const PadToken = "<pad>"

// Sentence returns the example sentence "cats drink warm milk" (猫 喝 温
// 牛奶 in Chinese mode) with its Q, K and V. Features of a key: noun,
// verb, modifier, drinkable; d_k = 4, so the scores are divided by 2.
func Sentence() *Example {
	e := &Example{
		Q: [][]float64{
			{0, 2, 0, 0}, // cats: looks for a verb
			{2, 0, 0, 1}, // drink: looks for nouns, drinkable ones most
			{1, 0, 0, 2}, // warm: looks for something drinkable
			{0, 1, 2, 0}, // milk: looks for its modifier and its verb
		},
		K: [][]float64{
			{1, 0, 0, 0}, // cats: a noun
			{0, 1, 0, 0}, // drink: a verb
			{0, 0, 1, 0}, // warm: a modifier
			{1, 0, 0, 1}, // milk: a noun, drinkable
		},
		V: [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}},
	}
	for _, t := range sentence {
		e.Tokens = append(e.Tokens, t.String())
	}
	return e
}

// Padded returns a copy of the example with n padding tokens appended, as
// in a batch where a longer sentence sets the length: their rows of Q, K
// and V are zeros and Padding marks them.
func (e *Example) Padded(n int) *Example {
	if n < 0 {
		fail("attention.example.pad", n)
	}
	p := &Example{Tokens: append([]string(nil), e.Tokens...), Q: copyRows(e.Q), K: copyRows(e.K), V: copyRows(e.V)}
	p.Padding = make([]bool, len(e.Tokens), len(e.Tokens)+n)
	if e.Padding != nil {
		copy(p.Padding, e.Padding)
	}
	for k := 0; k < n; k++ {
		p.Tokens = append(p.Tokens, PadToken)
		p.Q = append(p.Q, make([]float64, len(e.Q[0])))
		p.K = append(p.K, make([]float64, len(e.K[0])))
		p.V = append(p.V, make([]float64, len(e.V[0])))
		p.Padding = append(p.Padding, true)
	}
	return p
}

// Walk walks through the example's self-attention with opt; when
// opt.Padding is nil, the example's own padding (if any) is masked.
func (e *Example) Walk(opt ...Options) *Attention {
	o := options(opt)
	if o.Padding == nil {
		o.Padding = e.Padding
	}
	return Walk(e.Tokens, e.Q, e.K, e.V, o)
}

func copyRows(m [][]float64) [][]float64 {
	out := make([][]float64, len(m))
	for i, r := range m {
		out[i] = append([]float64(nil), r...)
	}
	return out
}
