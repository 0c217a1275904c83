package attention

import (
	"math"

	"github.com/stepwise-go/stepwise/lessons"
)

// The exercises of notebook 05. Reference implementations are written
// out here (not taken from nn) so that each checker's reference is plain
// and readable; the tests compare them with mathref.

// text is a string in both languages.
type text = lessons.Text

// softmaxRows is the reference softmax over each row, stable.
func softmaxRows(x [][]float64) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, v)
		}
		z := 0.0
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = math.Exp(v - m)
			z += out[i][j]
		}
		for j := range out[i] {
			out[i][j] /= z
		}
	}
	return out
}

// attend is the reference softmax(Q·Kᵀ/√d_k)·V.
func attend(Q, K, V [][]float64) [][]float64 {
	return matmul(softmaxRows(scores(Q, K, 1/math.Sqrt(float64(len(Q[0]))))), V)
}

func scores(Q, K [][]float64, c float64) [][]float64 {
	s := zeros(len(Q), len(K))
	for i := range Q {
		for j := range K {
			s[i][j] = c * dot(Q[i], K[j])
		}
	}
	return s
}

// causalMask is the reference additive causal mask: 0 where key j ≤ query
// i, −∞ above the diagonal.
func causalMask(n int) [][]float64 {
	m := zeros(n, n)
	for i := range m {
		for j := i + 1; j < n; j++ {
			m[i][j] = math.Inf(-1)
		}
	}
	return m
}

// paddingMask is the reference key-padding mask: true at positions t ≥
// lengths[b].
func paddingMask(lengths []int, T int) [][]bool {
	m := make([][]bool, len(lengths))
	for b, n := range lengths {
		m[b] = make([]bool, T)
		for t := n; t < T; t++ {
			m[b][t] = true
		}
	}
	return m
}

func transpose(m [][]float64) [][]float64 {
	out := zeros(len(m[0]), len(m))
	for i := range m {
		for j, v := range m[i] {
			out[j][i] = v
		}
	}
	return out
}

var (
	exQ = [][]float64{{1, 2}}
	exK = [][]float64{{1, 0}, {0, 1}, {1, 1}}
)

// ExWeights asks for the attention weights of one query, by hand.
var ExWeights = lessons.NewExercise(lessons.Spec{
	ID:    "attention.weights",
	Title: text{EN: "The attention weights of one query", ZH: "一个查询的注意力权重"},
	Prompt: text{
		EN: "A query $q = \\begin{bmatrix}1 & 2\\end{bmatrix}$ and three keys $k_0 = \\begin{bmatrix}1 & 0\\end{bmatrix}$, $k_1 = \\begin{bmatrix}0 & 1\\end{bmatrix}$, $k_2 = \\begin{bmatrix}1 & 1\\end{bmatrix}$, so $d_k = 2$. Work out the attention weights $\\alpha_0, \\alpha_1, \\alpha_2$ (two decimals are enough) and pass them as a slice: `attention.ExWeights.Check([]float64{…})`.",
		ZH: "一个查询 $q = \\begin{bmatrix}1 & 2\\end{bmatrix}$ 和三个键 $k_0 = \\begin{bmatrix}1 & 0\\end{bmatrix}$、$k_1 = \\begin{bmatrix}0 & 1\\end{bmatrix}$、$k_2 = \\begin{bmatrix}1 & 1\\end{bmatrix}$，所以 $d_k = 2$。算出注意力权重 $\\alpha_0, \\alpha_1, \\alpha_2$（保留两位小数即可），以切片的形式传入：`attention.ExWeights.Check([]float64{…})`。"},
	Hints: []text{
		{EN: "First the dot products $q \\cdot k_j$: $1, 2, 3$.", ZH: "先算点积 $q \\cdot k_j$：$1, 2, 3$。"},
		{EN: "Divide them by $\\sqrt{d_k} = \\sqrt{2} \\approx 1.414$, then take one softmax: $\\alpha_j = e^{s_j} / \\sum_{j'} e^{s_{j'}}$.", ZH: "再除以 $\\sqrt{d_k} = \\sqrt{2} \\approx 1.414$，然后做一次 softmax：$\\alpha_j = e^{s_j} / \\sum_{j'} e^{s_{j'}}$。"},
		{EN: "`attention.SoftmaxSteps(0.7071, 1.4142, 2.1213)` shows the softmax worked out.", ZH: "`attention.SoftmaxSteps(0.7071, 1.4142, 2.1213)` 会展示这次 softmax 的计算过程。"},
	},
	Solution: text{
		EN: "$s = (1, 2, 3)/\\sqrt{2} = (0.707, 1.414, 2.121)$; subtract the maximum: $e^{-1.414} = 0.243$, $e^{-0.707} = 0.493$, $e^0 = 1$, sum $1.736$, so $\\alpha = (0.140, 0.284, 0.576)$.\n\n```go\nattention.ExWeights.Check([]float64{0.140, 0.284, 0.576})\n```",
		ZH: "$s = (1, 2, 3)/\\sqrt{2} = (0.707, 1.414, 2.121)$；减去最大值：$e^{-1.414} = 0.243$，$e^{-0.707} = 0.493$，$e^0 = 1$，总和 $1.736$，所以 $\\alpha = (0.140, 0.284, 0.576)$。\n\n```go\nattention.ExWeights.Check([]float64{0.140, 0.284, 0.576})\n```"},
	Check: lessons.Value{Want: softmaxRows(scores(exQ, exK, 1/math.Sqrt2))[0], Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(softmaxRows(scores(exQ, exK, 1))[0], text{
			EN: "These are the weights without the $1/\\sqrt{d_k}$ scaling: divide the dot products by $\\sqrt{2}$ before the softmax.",
			ZH: "这是没有乘以 $1/\\sqrt{d_k}$ 的权重：做 softmax 之前，先把点积除以 $\\sqrt{2}$。"}),
		lessons.Mistake(softmaxRows(softmaxRows(scores(exQ, exK, 1)))[0], text{
			EN: "This is the seed document's double softmax (and no scaling): take the softmax once, of the scaled dot products.",
			ZH: "这是种子文档的两次 softmax（而且没有缩放）：只对缩放后的点积做一次 softmax。"}),
		lessons.Mistake(softmaxRows(softmaxRows(scores(exQ, exK, 1/math.Sqrt2)))[0], text{
			EN: "You applied softmax twice: the second one flattens the weights. Once is enough.",
			ZH: "你做了两次 softmax：第二次会把权重压平。一次就够了。"}),
		lessons.Mistake(softmaxRows(scores(exQ, exK, 0.5))[0], text{
			EN: "You divided by $d_k = 2$; the scale is $1/\\sqrt{d_k}$.",
			ZH: "你除以的是 $d_k = 2$；缩放因子应是 $1/\\sqrt{d_k}$。"}),
		lessons.Mistake(scores(exQ, exK, 1/math.Sqrt2)[0], text{
			EN: "These are the scaled scores $s_j$; the weights are their softmax.",
			ZH: "这是缩放后的分数 $s_j$；权重是它们的 softmax。"}),
	}}.Check,
})

// causeOverflow recognises NaN or ±Inf where the answer is finite: exp
// overflowed (or underflowed to 0/0) because the maximum was not
// subtracted.
func causeOverflow(got, want lessons.Array, _ lessons.Tol) (string, bool) {
	if !hasBad(got.Data) || hasBad(want.Data) {
		return "", false
	}
	return lessons.T("attention.cause.overflow"), true
}

func hasBad(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return true
		}
	}
	return false
}

// causeWhole recognises a matrix normalised as a whole, not row by row.
func causeWhole(got, want lessons.Array, _ lessons.Tol) (string, bool) {
	if len(got.Shape) != 2 || got.Shape[0] < 2 || len(got.Data) != len(want.Data) || hasBad(got.Data) {
		return "", false
	}
	if math.Abs(sum(got.Data)-1) > 1e-6 {
		return "", false
	}
	return lessons.T("attention.cause.whole"), true
}

// causeUnnormalised recognises exp(x − m) without the division.
func causeUnnormalised(got, want lessons.Array, _ lessons.Tol) (string, bool) {
	if len(got.Shape) != 2 || len(got.Data) != len(want.Data) || len(got.Data) == 0 || hasBad(got.Data) {
		return "", false
	}
	c := got.Shape[1]
	for r := 0; r < got.Shape[0]; r++ {
		row := got.Data[r*c : (r+1)*c]
		mx := row[argmax(row)]
		if math.Abs(mx-1) > 1e-9 {
			return "", false
		}
	}
	if math.Abs(sum(got.Data[:c])-1) < 1e-6 {
		return "", false
	}
	return lessons.T("attention.cause.unnormalised"), true
}

var softmaxCauses = []lessons.Cause{causeOverflow, causeWhole, causeUnnormalised}

// ExSoftmax asks for a row-wise, stable softmax.
var ExSoftmax = lessons.NewExercise(lessons.Spec{
	ID:    "attention.softmax",
	Title: text{EN: "Write softmax", ZH: "编写 softmax"},
	Prompt: text{
		EN: "Write `func softmax(x [][]float64) [][]float64` that returns a **new** matrix whose row $i$ is the softmax of row $i$ of `x` (each row is one query's scores over the keys, so each result row sums to 1). It must not overflow for scores like 1000. Pass the function: `attention.ExSoftmax.Check(softmax)`.",
		ZH: "编写 `func softmax(x [][]float64) [][]float64`，返回一个**新的**矩阵，其第 $i$ 行是 `x` 第 $i$ 行的 softmax（每一行是一个查询在各个键上的分数，所以结果的每一行之和为 1）。对 1000 这样的分数也不能溢出。把函数传进去：`attention.ExSoftmax.Check(softmax)`。"},
	Hints: []text{
		{EN: "Loop over the rows; for each row compute its maximum `m` first.", ZH: "逐行循环；对每一行先求出它的最大值 `m`。"},
		{EN: "Then `e := math.Exp(v - m)` for each entry, add them up into `z`, and divide each `e` by `z`. Use `math.Inf(-1)` as the starting maximum.", ZH: "然后对每个元素算 `e := math.Exp(v - m)`，把它们加起来得到 `z`，再把每个 `e` 除以 `z`。最大值的初值用 `math.Inf(-1)`。"},
	},
	Solution: text{
		EN: "```go\nfunc softmax(x [][]float64) [][]float64 {\n\tout := make([][]float64, len(x))\n\tfor i, row := range x {\n\t\tm := math.Inf(-1)\n\t\tfor _, v := range row {\n\t\t\tm = math.Max(m, v)\n\t\t}\n\t\tout[i] = make([]float64, len(row))\n\t\tz := 0.0\n\t\tfor j, v := range row {\n\t\t\tout[i][j] = math.Exp(v - m)\n\t\t\tz += out[i][j]\n\t\t}\n\t\tfor j := range out[i] {\n\t\t\tout[i][j] /= z\n\t\t}\n\t}\n\treturn out\n}\n```\nSubtracting the row's maximum keeps every exponent ≤ 0; the hidden tests also try a masked score ($-\\infty$) and check that `x` is left unchanged.",
		ZH: "```go\nfunc softmax(x [][]float64) [][]float64 {\n\tout := make([][]float64, len(x))\n\tfor i, row := range x {\n\t\tm := math.Inf(-1)\n\t\tfor _, v := range row {\n\t\t\tm = math.Max(m, v)\n\t\t}\n\t\tout[i] = make([]float64, len(row))\n\t\tz := 0.0\n\t\tfor j, v := range row {\n\t\t\tout[i][j] = math.Exp(v - m)\n\t\t\tz += out[i][j]\n\t\t}\n\t\tfor j := range out[i] {\n\t\t\tout[i][j] /= z\n\t\t}\n\t}\n\treturn out\n}\n```\n减去每行的最大值，能让所有指数都 ≤ 0；隐藏测试还会试一个被掩码的分数（$-\\infty$），并检查 `x` 没有被改动。"},
	Check: lessons.Func{Ref: softmaxRows, Params: []string{"x"}, Causes: softmaxCauses, Cases: []lessons.Case{
		{Args: []any{[][]float64{{1, 2, 3}, {1, 4, 9}}}, About: text{EN: "two queries, three keys", ZH: "两个查询、三个键"}},
		{Args: []any{[][]float64{{1000, 999, 998}, {-1000, -1001, -1002}}}, About: text{EN: "large scores, as from unscaled dot products", ZH: "很大的分数，像未缩放的点积那样"}},
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: softmaxRows, Params: []string{"x"}, Causes: softmaxCauses, Cases: []lessons.Case{
			{Args: []any{[][]float64{{2, math.Inf(-1), 0}}}, About: text{EN: "a masked key (−∞)", ZH: "一个被掩码的键（−∞）"}},
			{Args: []any{[][]float64{{5}, {-3}}}, About: text{EN: "one key per query", ZH: "每个查询只有一个键"}},
			{Args: []any{[][]float64{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 1, 1, 1}}}, About: text{EN: "three queries, four keys", ZH: "三个查询、四个键"}},
		}}.Check,
		lessons.Func{Ref: softmaxRows, Params: []string{"x"}, Pure: true, Causes: softmaxCauses, Cases: []lessons.Case{
			{Args: []any{[][]float64{{0.5, -0.5}, {2, 2}}}, About: text{EN: "the input must stay as it was", ZH: "输入必须保持不变"}},
		}}.Check,
	},
})

// attendCases are the inputs of ExAttend; each gets its typical wrong
// answers as causes.
var attendCases = func() [][3][][]float64 {
	e := Sentence()
	return [][3][][]float64{
		{e.Q, e.K, e.V},
		{{{1, 0}, {0, 3}}, {{1, 1}, {2, 0}, {0, 2}}, {{1}, {2}, {3}}},
		{{{30, 0, 0, 40}}, {{10, 0, 0, 0}, {0, 10, 0, 0}, {0, 0, 10, 10}}, {{1, 0}, {0, 1}, {1, 1}}},
	}
}()

func attendMistakes() []lessons.Cause {
	var cs []lessons.Cause
	for _, c := range attendCases {
		Q, K, V := c[0], c[1], c[2]
		dk := float64(len(Q[0]))
		cs = append(cs,
			lessons.Mistake(matmul(softmaxRows(scores(Q, K, 1)), V), text{
				EN: "The $1/\\sqrt{d_k}$ scaling is missing: divide $Q K^\\top$ by $\\sqrt{d_k}$ (the number of columns of Q) before the softmax.",
				ZH: "少了 $1/\\sqrt{d_k}$ 的缩放：做 softmax 之前，把 $Q K^\\top$ 除以 $\\sqrt{d_k}$（Q 的列数）。"}),
			lessons.Mistake(matmul(softmaxRows(softmaxRows(scores(Q, K, 1))), V), text{
				EN: "This is the seed document's formula: softmax applied twice, and no scaling.",
				ZH: "这是种子文档的公式：softmax 用了两次，而且没有缩放。"}),
			lessons.Mistake(matmul(softmaxRows(softmaxRows(scores(Q, K, 1/math.Sqrt(dk)))), V), text{
				EN: "You applied softmax twice; once is right.",
				ZH: "你做了两次 softmax；一次才对。"}),
			lessons.Mistake(matmul(softmaxRows(scores(Q, K, 1/dk)), V), text{
				EN: "You divided by $d_k$; divide by $\\sqrt{d_k}$.",
				ZH: "你除以的是 $d_k$；应该除以 $\\sqrt{d_k}$。"}),
			lessons.Mistake(softmaxRows(scores(Q, K, 1/math.Sqrt(dk))), text{
				EN: "You returned the attention weights $A$; the answer is the context vectors $A V$.",
				ZH: "你返回的是注意力权重 $A$；答案应是上下文向量 $A V$。"}),
		)
		if dv := float64(len(V[0])); dv != dk {
			cs = append(cs, lessons.Mistake(matmul(softmaxRows(scores(Q, K, 1/math.Sqrt(dv))), V), text{
				EN: "You divided by $\\sqrt{d_v}$, the width of V; the scale is $1/\\sqrt{d_k}$, with $d_k$ the number of columns of Q and K.",
				ZH: "你除以的是 $\\sqrt{d_v}$（V 的宽度）；缩放因子是 $1/\\sqrt{d_k}$，其中 $d_k$ 是 Q 和 K 的列数。"}))
		}
		if len(Q) == len(K) {
			cs = append(cs, lessons.Mistake(matmul(transpose(softmaxRows(transpose(scores(Q, K, 1/math.Sqrt(dk))))), V), text{
				EN: "Your softmax runs over the queries (down each column); it must run over the keys, along each row.",
				ZH: "你的 softmax 沿查询方向（每一列）进行；它应该沿键的方向，即每一行进行。"}))
		}
	}
	return append(cs, causeOverflow)
}

// ExAttend asks for scaled dot-product attention as a function.
var ExAttend = lessons.NewExercise(lessons.Spec{
	ID:    "attention.attend",
	Title: text{EN: "Write scaled dot-product attention", ZH: "编写缩放点积注意力"},
	Prompt: text{
		EN: "Write `func attend(Q, K, V [][]float64) [][]float64` returning $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$: Q is $L \\times d_k$, K is $S \\times d_k$, V is $S \\times d_v$, the result $L \\times d_v$. You may call your `softmax` from the previous exercise. Pass the function: `attention.ExAttend.Check(attend)`.",
		ZH: "编写 `func attend(Q, K, V [][]float64) [][]float64`，返回 $\\mathrm{softmax}(Q K^\\top / \\sqrt{d_k})\\, V$：Q 是 $L \\times d_k$，K 是 $S \\times d_k$，V 是 $S \\times d_v$，结果是 $L \\times d_v$。可以调用上一个练习中你写的 `softmax`。把函数传进去：`attention.ExAttend.Check(attend)`。"},
	Hints: []text{
		{EN: "Scores: `s[i][j]` is the dot product of `Q[i]` and `K[j]`, times `1 / math.Sqrt(float64(len(Q[0])))`.", ZH: "分数：`s[i][j]` 是 `Q[i]` 与 `K[j]` 的点积，再乘以 `1 / math.Sqrt(float64(len(Q[0])))`。"},
		{EN: "Then `a := softmax(s)` (over each row), and the output row $i$ is $\\sum_j$ `a[i][j]` · `V[j]`.", ZH: "然后 `a := softmax(s)`（按行），输出的第 $i$ 行是 $\\sum_j$ `a[i][j]` · `V[j]`。"},
	},
	Solution: text{
		EN: "```go\nfunc attend(Q, K, V [][]float64) [][]float64 {\n\tscale := 1 / math.Sqrt(float64(len(Q[0])))\n\ts := make([][]float64, len(Q))\n\tfor i := range Q {\n\t\ts[i] = make([]float64, len(K))\n\t\tfor j := range K {\n\t\t\tfor e := range Q[i] {\n\t\t\t\ts[i][j] += Q[i][e] * K[j][e]\n\t\t\t}\n\t\t\ts[i][j] *= scale\n\t\t}\n\t}\n\ta := softmax(s)\n\tout := make([][]float64, len(Q))\n\tfor i := range Q {\n\t\tout[i] = make([]float64, len(V[0]))\n\t\tfor j := range V {\n\t\t\tfor c := range V[j] {\n\t\t\t\tout[i][c] += a[i][j] * V[j][c]\n\t\t\t}\n\t\t}\n\t}\n\treturn out\n}\n```",
		ZH: "```go\nfunc attend(Q, K, V [][]float64) [][]float64 {\n\tscale := 1 / math.Sqrt(float64(len(Q[0])))\n\ts := make([][]float64, len(Q))\n\tfor i := range Q {\n\t\ts[i] = make([]float64, len(K))\n\t\tfor j := range K {\n\t\t\tfor e := range Q[i] {\n\t\t\t\ts[i][j] += Q[i][e] * K[j][e]\n\t\t\t}\n\t\t\ts[i][j] *= scale\n\t\t}\n\t}\n\ta := softmax(s)\n\tout := make([][]float64, len(Q))\n\tfor i := range Q {\n\t\tout[i] = make([]float64, len(V[0]))\n\t\tfor j := range V {\n\t\t\tfor c := range V[j] {\n\t\t\t\tout[i][c] += a[i][j] * V[j][c]\n\t\t\t}\n\t\t}\n\t}\n\treturn out\n}\n```"},
	Check: lessons.Func{Ref: attend, Params: []string{"Q", "K", "V"}, Causes: attendMistakes(), Cases: []lessons.Case{
		{Args: []any{attendCases[0][0], attendCases[0][1], attendCases[0][2]}, About: text{EN: "the sentence of this notebook", ZH: "本笔记本中的句子"}},
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: attend, Params: []string{"Q", "K", "V"}, Causes: attendMistakes(), Cases: []lessons.Case{
			{Args: []any{attendCases[1][0], attendCases[1][1], attendCases[1][2]}, About: text{EN: "2 queries over 3 keys (cross-attention), d_v = 1", ZH: "2 个查询、3 个键（交叉注意力），d_v = 1"}},
			{Args: []any{attendCases[2][0], attendCases[2][1], attendCases[2][2]}, About: text{EN: "large scores", ZH: "很大的分数"}},
		}}.Check,
		lessons.Func{Ref: attend, Params: []string{"Q", "K", "V"}, Pure: true, Causes: attendMistakes(), Cases: []lessons.Case{
			{Args: []any{attendCases[1][0], attendCases[1][1], attendCases[1][2]}, About: text{EN: "the inputs must stay as they were", ZH: "输入必须保持不变"}},
		}}.Check,
	},
})

func causalWrong(n int, f func(i, j int) float64) [][]float64 {
	m := zeros(n, n)
	for i := range m {
		for j := range m[i] {
			m[i][j] = f(i, j)
		}
	}
	return m
}

func causalMistakes(n int) []lessons.Cause {
	inf := math.Inf(-1)
	return []lessons.Cause{
		lessons.Mistake(causalWrong(n, func(i, j int) float64 {
			if j < i {
				return inf
			}
			return 0
		}), text{EN: "Your mask hides the past and shows the future: query $i$ must see keys $j \\le i$, so $-\\infty$ goes above the diagonal ($j > i$).",
			ZH: "你的掩码遮住了过去、露出了未来：查询 $i$ 必须能看到 $j \\le i$ 的键，所以 $-\\infty$ 应在对角线上方（$j > i$）。"}),
		lessons.Mistake(causalWrong(n, func(i, j int) float64 {
			if j >= i {
				return inf
			}
			return 0
		}), text{EN: "You also masked the diagonal: a token may attend to itself ($j = i$). Without it the first query sees nothing at all.",
			ZH: "你把对角线也遮住了：词元可以关注它自己（$j = i$）。否则第一个查询什么都看不到。"}),
		lessons.Mistake(causalWrong(n, func(i, j int) float64 {
			if j > i {
				return 0
			}
			return 1
		}), text{EN: "That is the 0/1 matrix tril(ones): the mask that is added to the scores holds 0 (allowed) and $-\\infty$ (masked).",
			ZH: "这是 0/1 矩阵 tril(ones)：加到分数上的掩码应是 0（允许）和 $-\\infty$（被遮住）。"}),
		lessons.Mistake(causalWrong(n, func(i, j int) float64 {
			if j > i {
				return -1e9
			}
			return 0
		}), text{EN: "−1e9 works in practice (the Annotated Transformer uses it), but here write the exact $-\\infty$: `math.Inf(-1)`.",
			ZH: "−1e9 在实践中可以用（Annotated Transformer 就这么做），但这里请写精确的 $-\\infty$：`math.Inf(-1)`。"}),
		lessons.Mistake(causalWrong(n, func(i, j int) float64 {
			if j > i {
				return math.Inf(1)
			}
			return 0
		}), text{EN: "$+\\infty$ makes the masked keys win (and the softmax NaN): the mask must be $-\\infty$.",
			ZH: "$+\\infty$ 会让被遮住的键反而胜出（softmax 变成 NaN）：掩码必须是 $-\\infty$。"}),
	}
}

// ExCausal asks for the additive causal mask M.
var ExCausal = lessons.NewExercise(lessons.Spec{
	ID:    "attention.causal-mask",
	Title: text{EN: "Build a causal mask", ZH: "构造因果掩码"},
	Prompt: text{
		EN: "Write `func causalMask(n int) [][]float64` returning the $n \\times n$ matrix $M$ that is added to the scores so that query $i$ sees only keys $j \\le i$: $M_{ij} = 0$ where allowed and $-\\infty$ (`math.Inf(-1)`) where masked. Pass the function: `attention.ExCausal.Check(causalMask)`.",
		ZH: "编写 `func causalMask(n int) [][]float64`，返回加到分数上的 $n \\times n$ 矩阵 $M$，使查询 $i$ 只能看到 $j \\le i$ 的键：允许处 $M_{ij} = 0$，被遮住处为 $-\\infty$（`math.Inf(-1)`）。把函数传进去：`attention.ExCausal.Check(causalMask)`。"},
	Hints: []text{
		{EN: "Start from an $n \\times n$ matrix of zeros.", ZH: "从一个 $n \\times n$ 的零矩阵开始。"},
		{EN: "Key $j$ is in the future of query $i$ when $j > i$: set those entries (above the diagonal) to `math.Inf(-1)`.", ZH: "当 $j > i$ 时，键 $j$ 位于查询 $i$ 的未来：把这些元素（对角线上方）设为 `math.Inf(-1)`。"},
	},
	Solution: text{
		EN: "```go\nfunc causalMask(n int) [][]float64 {\n\tm := make([][]float64, n)\n\tfor i := range m {\n\t\tm[i] = make([]float64, n)\n\t\tfor j := i + 1; j < n; j++ {\n\t\t\tm[i][j] = math.Inf(-1)\n\t\t}\n\t}\n\treturn m\n}\n```\nIn PyTorch the same mask is `torch.full((n, n), float('-inf')).triu(1)`; as a boolean mask it is `tril(ones)` for F.scaled_dot_product_attention (True = may attend) and its negation for nn.MultiheadAttention (True = not allowed).",
		ZH: "```go\nfunc causalMask(n int) [][]float64 {\n\tm := make([][]float64, n)\n\tfor i := range m {\n\t\tm[i] = make([]float64, n)\n\t\tfor j := i + 1; j < n; j++ {\n\t\t\tm[i][j] = math.Inf(-1)\n\t\t}\n\t}\n\treturn m\n}\n```\n在 PyTorch 中同样的掩码是 `torch.full((n, n), float('-inf')).triu(1)`；写成布尔掩码时，对 F.scaled_dot_product_attention 是 `tril(ones)`（True 表示可以关注），对 nn.MultiheadAttention 则要取反（True 表示不允许）。"},
	Check: lessons.Func{Ref: causalMask, Params: []string{"n"}, Tol: lessons.Exact, Causes: causalMistakes(4), Cases: []lessons.Case{
		{Args: []any{4}},
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: causalMask, Params: []string{"n"}, Tol: lessons.Exact, Causes: append(causalMistakes(1), causalMistakes(6)...), Cases: []lessons.Case{
			{Args: []any{1}, About: text{EN: "a single token", ZH: "只有一个词元"}},
			{Args: []any{6}},
		}}.Check,
	},
})

// ExPadding asks for a key-padding mask from sequence lengths.
var ExPadding = lessons.NewExercise(lessons.Spec{
	ID:    "attention.padding-mask",
	Title: text{EN: "Build a padding mask", ZH: "构造填充掩码"},
	Prompt: text{
		EN: "A batch of sequences padded to length `T`; `lengths[b]` is the real length of sequence $b$. Write `func paddingMask(lengths []int, T int) [][]bool` returning the $B \\times T$ mask in PyTorch's `key_padding_mask` convention: **true = padding** (positions $t \\ge$ `lengths[b]`), false = a real token. Pass the function: `attention.ExPadding.Check(paddingMask)`.",
		ZH: "一个批量中的序列被填充到长度 `T`；`lengths[b]` 是序列 $b$ 的真实长度。编写 `func paddingMask(lengths []int, T int) [][]bool`，按 PyTorch 的 `key_padding_mask` 约定返回 $B \\times T$ 的掩码：**true 表示填充**（位置 $t \\ge$ `lengths[b]`），false 表示真实的词元。把函数传进去：`attention.ExPadding.Check(paddingMask)`。"},
	Hints: []text{
		{EN: "One row per sequence, `T` entries per row.", ZH: "每个序列一行，每行 `T` 个元素。"},
		{EN: "Entry $t$ of row $b$ is `t >= lengths[b]`. The seed document's `enc_lengths.unsqueeze(1) == 0` gives one flag per sequence instead: not a padding mask.", ZH: "第 $b$ 行的第 $t$ 个元素是 `t >= lengths[b]`。种子文档中的 `enc_lengths.unsqueeze(1) == 0` 给每个序列只有一个标志：那不是填充掩码。"},
	},
	Solution: text{
		EN: "```go\nfunc paddingMask(lengths []int, T int) [][]bool {\n\tm := make([][]bool, len(lengths))\n\tfor b, n := range lengths {\n\t\tm[b] = make([]bool, T)\n\t\tfor t := range m[b] {\n\t\t\tm[b][t] = t >= n\n\t\t}\n\t}\n\treturn m\n}\n```\nIn PyTorch: `torch.arange(T)[None, :] >= lengths[:, None]`.",
		ZH: "```go\nfunc paddingMask(lengths []int, T int) [][]bool {\n\tm := make([][]bool, len(lengths))\n\tfor b, n := range lengths {\n\t\tm[b] = make([]bool, T)\n\t\tfor t := range m[b] {\n\t\t\tm[b][t] = t >= n\n\t\t}\n\t}\n\treturn m\n}\n```\n在 PyTorch 中：`torch.arange(T)[None, :] >= lengths[:, None]`。"},
	Check: boolFunc{ref: paddingMask, cases: []boolCase{{lengths: []int{3, 5, 1}, T: 5}}}.check,
	Hidden: []lessons.Checker{
		boolFunc{ref: paddingMask, cases: []boolCase{
			{lengths: []int{4}, T: 4, about: text{EN: "no padding at all", ZH: "完全没有填充"}},
			{lengths: []int{0, 2}, T: 3, about: text{EN: "an empty sequence", ZH: "一个空序列"}},
			{lengths: []int{2, 2, 6, 1}, T: 6},
		}}.check,
	},
})

var (
	ctxAlpha = []float64{0.1, 0.6, 0.3}
	ctxV     = [][]float64{{1, 0}, {0, 2}, {4, 4}}
)

// ExContext asks for one context vector by hand.
var ExContext = lessons.NewExercise(lessons.Spec{
	ID:    "attention.context",
	Title: text{EN: "A context vector", ZH: "一个上下文向量"},
	Prompt: text{
		EN: "A query's attention weights over three keys are $\\alpha = (0.1, 0.6, 0.3)$ and the values are $v_0 = \\begin{bmatrix}1 & 0\\end{bmatrix}$, $v_1 = \\begin{bmatrix}0 & 2\\end{bmatrix}$, $v_2 = \\begin{bmatrix}4 & 4\\end{bmatrix}$. What is its context vector $c = \\sum_j \\alpha_j v_j$? `attention.ExContext.Check([]float64{…})`.",
		ZH: "一个查询在三个键上的注意力权重为 $\\alpha = (0.1, 0.6, 0.3)$，值为 $v_0 = \\begin{bmatrix}1 & 0\\end{bmatrix}$、$v_1 = \\begin{bmatrix}0 & 2\\end{bmatrix}$、$v_2 = \\begin{bmatrix}4 & 4\\end{bmatrix}$。它的上下文向量 $c = \\sum_j \\alpha_j v_j$ 是什么？`attention.ExContext.Check([]float64{…})`。"},
	Hints: []text{
		{EN: "The context vector has as many entries as a value: 2.", ZH: "上下文向量的元素个数和一个值相同：2 个。"},
		{EN: "First entry: $0.1 \\cdot 1 + 0.6 \\cdot 0 + 0.3 \\cdot 4$.", ZH: "第一个元素：$0.1 \\cdot 1 + 0.6 \\cdot 0 + 0.3 \\cdot 4$。"},
	},
	Solution: text{
		EN: "$c = 0.1 \\begin{bmatrix}1 & 0\\end{bmatrix} + 0.6 \\begin{bmatrix}0 & 2\\end{bmatrix} + 0.3 \\begin{bmatrix}4 & 4\\end{bmatrix} = \\begin{bmatrix}1.3 & 2.4\\end{bmatrix}$\n\n```go\nattention.ExContext.Check([]float64{1.3, 2.4})\n```",
		ZH: "$c = 0.1 \\begin{bmatrix}1 & 0\\end{bmatrix} + 0.6 \\begin{bmatrix}0 & 2\\end{bmatrix} + 0.3 \\begin{bmatrix}4 & 4\\end{bmatrix} = \\begin{bmatrix}1.3 & 2.4\\end{bmatrix}$\n\n```go\nattention.ExContext.Check([]float64{1.3, 2.4})\n```"},
	Check: lessons.Value{Want: matmul([][]float64{ctxAlpha}, ctxV)[0], Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake([]float64{5.0 / 3, 2}, text{EN: "That is the plain average of the values: weight each $v_j$ by its $\\alpha_j$.", ZH: "这是各个值的简单平均：要用 $\\alpha_j$ 给每个 $v_j$ 加权。"}),
		lessons.Mistake([]float64{5, 6}, text{EN: "That is the sum of the values without their weights.", ZH: "这是不加权重的值之和。"}),
	}}.Check,
})

// maskedS are ExMasked's scores; key 2 is padding. (Not the scores (2, 1,
// 3) of the notebook's errata, which show their masked softmax.)
var maskedS = []float64{3, 1, 2}

// ExMasked asks for the weights of a row with a padded key.
var ExMasked = lessons.NewExercise(lessons.Spec{
	ID:    "attention.masked-weights",
	Title: text{EN: "Weights with a padded key", ZH: "有填充键时的权重"},
	Prompt: text{
		EN: "A query's (already scaled) scores over three keys are $s = (3, 1, 2)$, but key 2 (counting from 0) is padding. What are the three attention weights after masking and softmax? `attention.ExMasked.Check([]float64{…})`.",
		ZH: "一个查询在三个键上的（已经缩放过的）分数为 $s = (3, 1, 2)$，但键 2（从 0 开始数）是填充。掩码并做 softmax 之后，三个注意力权重是多少？`attention.ExMasked.Check([]float64{…})`。"},
	Hints: []text{
		{EN: "The mask adds $-\\infty$ to $s_2$ before the softmax, so $e^{s_2} = 0$.", ZH: "掩码在 softmax 之前给 $s_2$ 加上 $-\\infty$，所以 $e^{s_2} = 0$。"},
		{EN: "The remaining two weights are the softmax of $(3, 1)$ and still sum to 1.", ZH: "剩下的两个权重是 $(3, 1)$ 的 softmax，它们之和仍为 1。"},
	},
	Solution: text{
		EN: "$(e^3, e^1, 0)/(e^3 + e^1) = (0.881, 0.119, 0)$.\n\n```go\nattention.ExMasked.Check([]float64{0.881, 0.119, 0})\n```",
		ZH: "$(e^3, e^1, 0)/(e^3 + e^1) = (0.881, 0.119, 0)$。\n\n```go\nattention.ExMasked.Check([]float64{0.881, 0.119, 0})\n```"},
	Check: lessons.Value{Want: softmaxRows([][]float64{{maskedS[0], maskedS[1], math.Inf(-1)}})[0], Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(softmaxRows([][]float64{maskedS})[0], text{EN: "These weights ignore the mask: the padded key still gets weight.", ZH: "这些权重忽略了掩码：填充的键仍然分到了权重。"}),
		lessons.Mistake([]float64{softmaxRows([][]float64{maskedS})[0][0], softmaxRows([][]float64{maskedS})[0][1], 0}, text{
			EN: "You zeroed the padded key after the softmax, so the weights no longer sum to 1: mask before the softmax ($-\\infty$ in the score).",
			ZH: "你在 softmax 之后才把填充键置零，权重之和就不再是 1：要在 softmax 之前掩码（分数加 $-\\infty$）。"}),
		lessons.Mistake(softmaxRows([][]float64{{math.Inf(-1), maskedS[1], maskedS[2]}})[0], text{EN: "You masked key 0; key 2 is the padding.", ZH: "你遮住的是键 0；填充的是键 2。"}),
		lessons.Mistake(softmaxRows([][]float64{{maskedS[0], math.Inf(-1), maskedS[2]}})[0], text{EN: "You masked the second key; keys count from 0, so key 2 is the third one, score 2.", ZH: "你遮住的是第二个键；键从 0 开始数，所以键 2 是第三个，分数为 2。"}),
	}}.Check,
})

// ExScale asks for the spread of q·k at d_k = 64.
var ExScale = lessons.NewExercise(lessons.Spec{
	ID:    "attention.scale",
	Title: text{EN: "The spread of q·k", ZH: "q·k 的离散程度"},
	Prompt: text{
		EN: "$q$ and $k$ have $d_k = 64$ independent entries, each with mean 0 and variance 1. What is the standard deviation of $q \\cdot k$? (It is the factor the scores are divided by.) `attention.ExScale.Check(…)`.",
		ZH: "$q$ 和 $k$ 各有 $d_k = 64$ 个独立的元素，每个均值为 0、方差为 1。$q \\cdot k$ 的标准差是多少？（它就是分数要除以的那个因子。）`attention.ExScale.Check(…)`。"},
	Hints: []text{
		{EN: "Each product $q_e k_e$ has mean 0 and variance $1 \\cdot 1 = 1$.", ZH: "每个乘积 $q_e k_e$ 的均值为 0，方差为 $1 \\cdot 1 = 1$。"},
		{EN: "Variances of independent terms add up: $\\mathrm{Var}(q \\cdot k) = d_k$. The standard deviation is its square root.", ZH: "独立项的方差可以相加：$\\mathrm{Var}(q \\cdot k) = d_k$。标准差是它的平方根。"},
	},
	Solution: text{
		EN: "$\\mathrm{Var}(q \\cdot k) = \\sum_e \\mathrm{Var}(q_e k_e) = 64$, so the standard deviation is $\\sqrt{64} = 8$: dividing by $\\sqrt{d_k} = 8$ brings it back to 1. `attention.ExScale.Check(8)`",
		ZH: "$\\mathrm{Var}(q \\cdot k) = \\sum_e \\mathrm{Var}(q_e k_e) = 64$，所以标准差是 $\\sqrt{64} = 8$：除以 $\\sqrt{d_k} = 8$ 就把它拉回到 1。`attention.ExScale.Check(8)`"},
	Check: lessons.Value{Want: 8.0, Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(64, text{EN: "64 is the variance; the standard deviation is its square root.", ZH: "64 是方差；标准差是它的平方根。"}),
		lessons.Mistake(1, text{EN: "1 is the spread after dividing by $\\sqrt{d_k}$; the question asks about $q \\cdot k$ itself.", ZH: "1 是除以 $\\sqrt{d_k}$ 之后的离散程度；题目问的是 $q \\cdot k$ 本身。"}),
		lessons.Mistake(4096, text{EN: "Variances add ($64 \\cdot 1$), they do not multiply.", ZH: "方差是相加（$64 \\cdot 1$），不是相乘。"}),
	}}.Check,
})

// Lesson05 is notebook 05.
var Lesson05 = lessons.Register(&lessons.Lesson{
	Name:  "05-attention",
	Title: text{EN: "Attention, step by step", ZH: "注意力，一步一步"},
	Summary: text{
		EN: "Dot-product scores, why 1/√d_k, stable softmax, the attention weights of a sentence, context vectors, padding and causal masks, and the seed document's mistakes.",
		ZH: "点积分数、为什么要除以 √d_k、数值稳定的 softmax、一个句子的注意力权重、上下文向量、填充掩码与因果掩码，以及种子文档中的错误。"},
	Exercises: []*lessons.Exercise{ExWeights, ExSoftmax, ExAttend, ExCausal, ExPadding, ExContext, ExMasked, ExScale},
})
