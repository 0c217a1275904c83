package attention

import (
	"fmt"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
	"github.com/stepwise-go/stepwise/viz"
)

// errataZH holds the Chinese title and reason of each attention erratum;
// the English ones are mathref's own.
var errataZH = map[string][2]string{
	"attention-double-softmax": {"softmax 用了两次",
		"分数必须是原始的 logit；对概率（都在 [0, 1] 之内）再做一次 softmax，会把它们压向均匀分布。"},
	"attention-missing-scale": {"没有除以 √d_k",
		"若各元素方差为 1，q·k 的方差就是 d_k；不缩放时 softmax 趋于 one-hot，梯度随之消失。"},
	"attention-alpha-index": {"注意力权重 α_j 缺少查询下标",
		"每个查询 i 在键 j 上都有自己的分布；一个 α_j 装不下两个查询的权重。"},
	"attention-missing-mask": {"没有给填充的键加掩码",
		"没有掩码时，填充的键也分走一部分权重，它们毫无意义的值会混进上下文。"},
	"softmax-overflow": {"softmax 没有减去最大值",
		"float64 中 exp 在约 709.8 以上溢出，得到 ∞/∞ = NaN；减去最大值在数学上不改变结果，并让所有指数 ≤ 0。"},
	"softmax-wrong-axis": {"softmax 作用在错误的轴上",
		"每个查询的权重必须是键上的一个分布，所以 softmax 沿键所在的轴（最后一个轴）进行；沿另一个轴做，变成了每列之和为 1。"},
	"softmax-result-discarded": {"调用 F.softmax(e) 却没有使用它的结果",
		"F.softmax 返回一个新张量，e 本身不变，后面的代码若继续用 e，就是拿原始分数当权重。"},
	"attention-bmm-outer-product": {"t.unsqueeze(2) 与 enc.unsqueeze(1) 做 bmm：要么报错，要么算出外积",
		"enc.unsqueeze(1) 是 4 维的，bmm 不接受；即使 enc 是 2 维，(B, H, 1)·(B, 1, H) 也是 H×H 的外积，而不是 T 个分数。"},
	"attention-mask-subtract": {"e - e.masked_fill(mask, -inf)：得到 +inf 和 NaN",
		"未掩码处 x − x = 0，掩码处 x − (−∞) = +∞：分数被抹掉，掩码被反转，含 +∞ 的行做 softmax 得到 NaN。"},
	"attention-mask-from-lengths": {"enc_lengths.unsqueeze(1) == 0 不是填充掩码",
		"lengths == 0 是每个序列一个标志，只对空序列为真；填充是所有 t ≥ length 的位置。"},
	"attention-context-broadcast": {"(e * enc).sum(1) 广播到了错误的轴",
		"广播从末尾的轴对齐，所以 e 的 (B, T) 对上的是 enc 的 (T, H)：除非尺寸碰巧吻合否则报错，吻合时则是用 α_h 作为权重给每个特征 h 加权，而不是用 α_t 给每个状态 t 加权。"},
	"attention-call-tensor": {"self.model(t)(…) 在调用一个张量",
		"self.model(t) 已经返回一个张量，而调用张量会抛出 TypeError: 'Tensor' object is not callable。"},
	"attention-mask-convention": {"同一个布尔掩码传给 SDPA 和 MultiheadAttention",
		"F.scaled_dot_product_attention 把 True 理解为“参与”，nn.MultiheadAttention 把 True 理解为“不允许”；同一个掩码意义相反。"},
	"linear-weight-layout": {"Linear 的权重没有转置",
		"nn.Linear 把权重存成 (out_features, in_features)；不转置直接用，对非方阵会报错，对方阵则悄悄算出另一个映射。"},
}

// SeedErrata are the IDs of the seed document's attention errors: its
// formulas (C3) and its module (C6), with the softmax pitfalls next to
// them.
var SeedErrata = []string{
	"attention-double-softmax", "attention-missing-scale", "attention-alpha-index", "attention-missing-mask",
	"softmax-overflow", "softmax-wrong-axis",
	"attention-bmm-outer-product", "attention-mask-subtract", "attention-mask-from-lengths",
	"attention-context-broadcast", "softmax-result-discarded", "attention-call-tensor",
}

func init() {
	c := lessons.Catalog{}
	for id, zh := range errataZH {
		e, ok := mathref.ErratumByID(id)
		if !ok {
			panic("attention: mathref has no erratum " + id)
		}
		c["attention.errata."+id+".title"] = lessons.Text{EN: e.Title, ZH: zh[0]}
		c["attention.errata."+id+".why"] = lessons.Text{EN: e.Why, ZH: zh[1]}
	}
	lessons.RegisterCatalog("attention", c)
}

// Errata returns mathref's errata with the given IDs (none: SeedErrata)
// as Markdown in the current language: for each, the wrong and the right
// form, why, and mathref's demonstration run on small numbers.
func Errata(ids ...string) lessons.Markdown {
	if len(ids) == 0 {
		ids = SeedErrata
	}
	var b strings.Builder
	for _, id := range ids {
		e, ok := mathref.ErratumByID(id)
		if !ok {
			fail("attention.errata.unknown", id)
		}
		b.WriteString(erratumMarkdown(e))
		b.WriteString("\n---\n\n")
	}
	return lessons.Markdown(b.String())
}

func erratumMarkdown(e mathref.Erratum) string {
	var b strings.Builder
	title, why := e.Title, e.Why
	if _, ok := errataZH[e.ID]; ok {
		title, why = lessons.T("attention.errata."+e.ID+".title"), lessons.T("attention.errata."+e.ID+".why")
	}
	fmt.Fprintf(&b, "#### %s\n\n", title)
	if e.Seed != "" {
		key := "attention.errata.near"
		if e.InSeed {
			key = "attention.errata.in"
		}
		b.WriteString("*" + lessons.T(key, e.Seed) + "*\n\n")
	}
	block := func(s string) string {
		if e.Lang == "tex" {
			return "$$" + s + "$$"
		}
		return "```python\n" + s + "\n```"
	}
	fmt.Fprintf(&b, "✗ **%s**\n\n%s\n\n✓ **%s**\n\n%s\n\n", lessons.T("attention.errata.wrong"), block(e.Wrong),
		lessons.T("attention.errata.right"), block(e.Right))
	fmt.Fprintf(&b, "%s\n\n", why)
	if e.Demo != nil {
		d := e.Demo()
		fmt.Fprintf(&b, "```text\n%s %s\n✗ %s\n✓ %s\n```\n\n", lessons.T("attention.errata.input"), d.Input, d.Wrong, d.Right)
	}
	return b.String()
}

// DoubleSoftmax shows the seed document's error on the scores x: the
// softmax once (right) and the softmax of the softmax (the seed), side by
// side, from mathref.Softmax. With no scores it uses (4, 1, 0, −2).
func DoubleSoftmax(x ...float64) lessons.Step {
	if len(x) == 0 {
		x = []float64{4, 1, 0, -2}
	}
	once := mathref.Softmax(mathref.Vector(x...), -1)
	twice := mathref.Softmax(once, -1)
	var b strings.Builder
	fmt.Fprintf(&b, "| | %s |\n|---|%s\n", joinCols(len(x), "$j = %d$"), strings.Repeat("---:|", len(x)))
	fmt.Fprintf(&b, "| %s | %s |\n", lessons.T("attention.double.scores"), joinNums(x))
	fmt.Fprintf(&b, "| ✓ %s | %s |\n", lessons.T("attention.double.once"), joinNums(once.Data))
	fmt.Fprintf(&b, "| ✗ %s | %s |\n\n", lessons.T("attention.double.twice"), joinNums(twice.Data))
	b.WriteString(lessons.T("attention.double.why", num(once.Data[argmax(once.Data)], 3), num(twice.Data[argmax(twice.Data)], 3)) + "\n")
	syncViz()
	labels := make([]string, len(x))
	for j := range labels {
		labels[j] = fmt.Sprint(j)
	}
	fig := viz.Heatmap([][]float64{once.Data, twice.Data}, viz.Options{
		Title:  lessons.T("attention.double.title"),
		XTicks: labels, XLabel: "j",
		YTicks: []string{lessons.T("attention.double.onceShort"), lessons.T("attention.double.twiceShort")},
		Range:  []float64{0, 1}, Annotate: true, Format: "%.3f",
	})
	return lessons.Step{Title: lessons.T("attention.double.title"), Body: b.String(), Figures: []any{fig}}
}

func joinPlain(v []float64) string {
	parts := make([]string, len(v))
	for j, x := range v {
		parts[j] = num(x, 2)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func joinCols(n int, format string) string {
	parts := make([]string, n)
	for j := range parts {
		parts[j] = fmt.Sprintf(format, j)
	}
	return strings.Join(parts, " | ")
}

func joinNums(v []float64) string {
	parts := make([]string, len(v))
	for j, x := range v {
		parts[j] = "$" + num(x, 3) + "$"
	}
	return strings.Join(parts, " | ")
}

func argmax(v []float64) int {
	best := 0
	for j, x := range v {
		if x > v[best] {
			best = j
		}
	}
	return best
}

// SeedWeights computes the attention weights the way the seed document
// writes them — e_ij = softmax_j(q_i·k_j) without scaling, then α =
// softmax_j(e_ij) — next to the right ones, for the same Q and K, and
// draws both heatmaps.
func SeedWeights(tokens []string, Q, K any) lessons.Step {
	q, k := matrix("Q", Q), matrix("K", K)
	tokens = checkTokens(tokens, len(q), "Q", "Q, K")
	checkTokens(tokens, len(k), "K", "Q, K")
	right := Walk(tokens, q, k, q) // V does not affect the weights
	dots := mathref.ScaledDotProductAttention(mathref.Matrix(q), mathref.Matrix(k), mathref.Matrix(q), mathref.AttnOpts{Scale: 1}).Scores
	seed := mathref.Softmax(mathref.Softmax(dots, -1), -1)
	rowsOf := func(t mathref.Tensor) [][]float64 {
		out := make([][]float64, t.Shape[0])
		for i := range out {
			out[i] = t.Sub(i).Data
		}
		return out
	}
	syncViz()
	o := viz.Options{Annotate: len(tokens) <= 10, Range: []float64{0, 1}}
	o.Title = lessons.T("attention.seed.right")
	fr := viz.Attention(right.Weights, tokens, tokens, o)
	o.Title = lessons.T("attention.seed.wrong")
	seedRows := rowsOf(seed)
	fw := viz.Attention(seedRows, tokens, tokens, o)
	rightMax, seedMax := make([]float64, len(tokens)), make([]float64, len(tokens))
	for i := range tokens {
		rightMax[i] = right.Weights[i][argmax(right.Weights[i])]
		seedMax[i] = seedRows[i][argmax(seedRows[i])]
	}
	S := float64(len(tokens))
	body := lessons.T("attention.seed.body", joinPlain(rightMax), joinPlain(seedMax), len(tokens), num(math.E/(math.E+S-1), 3))
	return lessons.Step{Title: lessons.T("attention.seed.title"), Body: body, Figures: []any{fr, fw}}
}
