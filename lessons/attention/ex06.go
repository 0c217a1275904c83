package attention

import "github.com/stepwise-go/stepwise/lessons"

// The exercises of notebook 06.

// ExHeadDim asks for the size of one head.
var ExHeadDim = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.head-dim",
	Title: text{EN: "The size of a head", ZH: "每个头的维度"},
	Prompt: text{
		EN: "`nn.MultiheadAttention(embed_dim=512, num_heads=8)`: how many columns $d_h$ does each head's $Q_i$ have? `attention.ExHeadDim.Check(…)`.",
		ZH: "`nn.MultiheadAttention(embed_dim=512, num_heads=8)`：每个头的 $Q_i$ 有多少列 $d_h$？`attention.ExHeadDim.Check(…)`。"},
	Hints: []text{
		{EN: "The heads share the $E$ columns of $Q$ between them; they do not each get $E$.", ZH: "各个头分享 $Q$ 的 $E$ 列；并不是每个头都有 $E$ 列。"},
	},
	Solution: text{
		EN: "$d_h = E/h = 512/8 = 64$ (as in the Transformer paper). `attention.ExHeadDim.Check(64)`",
		ZH: "$d_h = E/h = 512/8 = 64$（与 Transformer 论文相同）。`attention.ExHeadDim.Check(64)`"},
	Check: lessons.Value{Want: 64, Causes: []lessons.Cause{
		lessons.Mistake(512, text{EN: "512 is the whole embedding; PyTorch splits it among the 8 heads.", ZH: "512 是整个嵌入维度；PyTorch 把它分给 8 个头。"}),
		lessons.Mistake(4096, text{EN: "The heads divide $E$, they do not multiply it: $E/h$.", ZH: "头数是去除 $E$，不是去乘：$E/h$。"}),
		lessons.Mistake(8, text{EN: "8 is the number of heads; the question is the size of each.", ZH: "8 是头的个数；题目问的是每个头的维度。"}),
	}}.Check,
})

// ExParams asks for the parameter count of an MHA layer.
var ExParams = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.params",
	Title: text{EN: "Parameters of multi-head attention", ZH: "多头注意力的参数个数"},
	Prompt: text{
		EN: "How many parameters does `nn.MultiheadAttention(embed_dim=64, num_heads=4)` have (with its default biases)? Count `in_proj_weight`, `in_proj_bias`, `out_proj.weight` and `out_proj.bias`. `attention.ExParams.Check(…)`.",
		ZH: "`nn.MultiheadAttention(embed_dim=64, num_heads=4)`（带默认的偏置）有多少个参数？数一数 `in_proj_weight`、`in_proj_bias`、`out_proj.weight` 和 `out_proj.bias`。`attention.ExParams.Check(…)`。"},
	Hints: []text{
		{EN: "`in_proj_weight` is $(3E, E)$ and `in_proj_bias` $(3E)$; `out_proj` is an $E \\to E$ linear layer.", ZH: "`in_proj_weight` 是 $(3E, E)$，`in_proj_bias` 是 $(3E)$；`out_proj` 是一个 $E \\to E$ 的线性层。"},
		{EN: "The number of heads does not change the count: the heads are slices of the same matrices. `nn.NumParams(nn.NewMultiheadAttention(64, 4))` checks your answer.", ZH: "头数不影响参数个数：各个头只是同一批矩阵的切片。可以用 `nn.NumParams(nn.NewMultiheadAttention(64, 4))` 验证你的答案。"},
	},
	Solution: text{
		EN: "$3E^2 + 3E + E^2 + E = 4E^2 + 4E = 4 \\cdot 4096 + 256 = 16640$. `attention.ExParams.Check(16640)`",
		ZH: "$3E^2 + 3E + E^2 + E = 4E^2 + 4E = 4 \\cdot 4096 + 256 = 16640$。`attention.ExParams.Check(16640)`"},
	Check: lessons.Value{Want: 16640, Causes: []lessons.Cause{
		lessons.Mistake(16384, text{EN: "That is the weights alone: add the biases, $3E$ in the in-projection and $E$ in the out-projection.", ZH: "这只是权重：还要加上偏置，输入投影中 $3E$ 个，输出投影中 $E$ 个。"}),
		lessons.Mistake(12480, text{EN: "You left out `out_proj` ($E^2 + E$).", ZH: "你漏掉了 `out_proj`（$E^2 + E$）。"}),
		lessons.Mistake(66560, text{EN: "The heads do not have their own matrices: they are slices of the same $W_q, W_k, W_v$, so do not multiply by $h$.", ZH: "各个头没有自己独立的矩阵：它们是同一组 $W_q, W_k, W_v$ 的切片，所以不要乘以 $h$。"}),
		lessons.Mistake(4160, text{EN: "That is one $E \\times E$ matrix and its bias; there are four: $W_q, W_k, W_v, W_o$.", ZH: "这只是一个 $E \\times E$ 矩阵加它的偏置；一共有四个：$W_q, W_k, W_v, W_o$。"}),
	}}.Check,
})

// ExMaskConvention asks which mask makes nn.MultiheadAttention causal.
var ExMaskConvention = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.mask-convention",
	Title: text{EN: "Which mask convention?", ZH: "哪一种掩码约定？"},
	Prompt: text{
		EN: "In PyTorch, `causal = torch.ones(L, L, dtype=torch.bool).tril()` is True on and below the diagonal. `F.scaled_dot_product_attention(q, k, v, attn_mask=causal)` is causal. Which call makes `mha = nn.MultiheadAttention(E, h)` causal?\n\n- a) `mha(x, x, x, attn_mask=causal)`\n- b) `mha(x, x, x, attn_mask=~causal)`\n- c) `mha(x, x, x, key_padding_mask=causal)`\n- d) `mha(x, x, x, attn_mask=causal.float())`\n\n`attention.ExMaskConvention.Check(\"a\")` (or b, c, d).",
		ZH: "在 PyTorch 中，`causal = torch.ones(L, L, dtype=torch.bool).tril()` 在对角线及其下方为 True。`F.scaled_dot_product_attention(q, k, v, attn_mask=causal)` 是因果的。哪一种调用能让 `mha = nn.MultiheadAttention(E, h)` 成为因果的？\n\n- a) `mha(x, x, x, attn_mask=causal)`\n- b) `mha(x, x, x, attn_mask=~causal)`\n- c) `mha(x, x, x, key_padding_mask=causal)`\n- d) `mha(x, x, x, attn_mask=causal.float())`\n\n`attention.ExMaskConvention.Check(\"a\")`（或 b、c、d）。"},
	Hints: []text{
		{EN: "The two APIs read True in opposite ways: for SDPA, True = takes part; for nn.MultiheadAttention, True = not allowed.", ZH: "两个 API 对 True 的理解相反：对 SDPA，True 表示参与；对 nn.MultiheadAttention，True 表示不允许。"},
	},
	Solution: text{
		EN: "**b**: nn.MultiheadAttention's boolean `attn_mask` marks the pairs that are **not** allowed, so the SDPA mask must be negated (`~causal`, which is `triu(ones, 1)`). `attention.ExMaskConvention.Check(\"b\")`",
		ZH: "**b**：nn.MultiheadAttention 的布尔 `attn_mask` 标记的是**不允许**的位置，所以要把 SDPA 的掩码取反（`~causal`，即 `triu(ones, 1)`）。`attention.ExMaskConvention.Check(\"b\")`"},
	Check: lessons.Choice{Want: "b", Options: []string{"a", "b", "c", "d"}, Why: map[string]text{
		"a": {EN: "nn.MultiheadAttention reads True as \"not allowed\": every query would see only its future, and the last query nothing at all (a row of NaN).", ZH: "nn.MultiheadAttention 把 True 理解为“不允许”：每个查询只能看到自己的未来，最后一个查询则什么也看不到（一行 NaN）。"},
		"c": {EN: "key_padding_mask is one flag per key, shape (B, S), not one per query–key pair.", ZH: "key_padding_mask 是每个键一个标志，形状为 (B, S)，而不是每个查询–键对一个。"},
		"d": {EN: "A float mask is added to the scores: adding 1.0 and 0.0 blocks nothing.", ZH: "浮点掩码是加到分数上的：加 1.0 和 0.0 什么也遮不住。"},
	}}.Check,
})

// ExWeightsShape asks for the shape of the per-head weights.
var ExWeightsShape = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.weights-shape",
	Title: text{EN: "The shape of the returned weights", ZH: "返回的权重的形状"},
	Prompt: text{
		EN: "`mha = nn.MultiheadAttention(16, 4, batch_first=True)` runs on `x` of shape (2, 5, 16): `out, w = mha(x, x, x, average_attn_weights=False)`. What is the shape of `w`? Pass it as a slice: `attention.ExWeightsShape.Check([]int{…})`.",
		ZH: "`mha = nn.MultiheadAttention(16, 4, batch_first=True)` 作用于形状为 (2, 5, 16) 的 `x`：`out, w = mha(x, x, x, average_attn_weights=False)`。`w` 的形状是什么？以切片的形式传入：`attention.ExWeightsShape.Check([]int{…})`。"},
	Hints: []text{
		{EN: "Each head has its own $L \\times S$ weights, for each sequence of the batch.", ZH: "对批量中的每个序列，每个头都有自己的 $L \\times S$ 权重。"},
		{EN: "With `average_attn_weights=True` (the default) it would be (B, L, S).", ZH: "如果 `average_attn_weights=True`（默认），形状是 (B, L, S)。"},
	},
	Solution: text{
		EN: "(B, h, L, S) = (2, 4, 5, 5). `attention.ExWeightsShape.Check([]int{2, 4, 5, 5})`",
		ZH: "(B, h, L, S) = (2, 4, 5, 5)。`attention.ExWeightsShape.Check([]int{2, 4, 5, 5})`"},
	Check: lessons.Value{Want: []int{2, 4, 5, 5}, Causes: []lessons.Cause{
		lessons.Mistake([]int{2, 5, 5}, text{EN: "That is the default, averaged over the heads; with average_attn_weights=False the heads stay apart.", ZH: "这是默认的、对各个头取平均后的形状；average_attn_weights=False 时各个头是分开的。"}),
		lessons.Mistake([]int{8, 5, 5}, text{EN: "(B·h, L, S) is how PyTorch computes internally; it returns the heads as their own axis.", ZH: "(B·h, L, S) 是 PyTorch 内部的计算方式；返回时头是单独的一个轴。"}),
		lessons.Mistake([]int{4, 2, 5, 5}, text{EN: "The batch axis comes first: (B, h, L, S).", ZH: "批量轴在最前面：(B, h, L, S)。"}),
		lessons.Mistake([]int{2, 4, 5, 4}, text{EN: "The last axis is the keys (S = 5), not the head size.", ZH: "最后一个轴是键（S = 5），不是头的维度。"}),
	}}.Check,
})

// ExReadHead asks which of four heads looks at the previous token.
var ExReadHead = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.read-head",
	Title: text{EN: "Read a head's pattern", ZH: "读懂一个头的模式"},
	Prompt: text{
		EN: "Draw the four heads with `_, fig := attention.PatternHeads(); fig`. Rows are queries, columns keys. Which head makes every token attend to the **previous** token? Pass its number: `attention.ExReadHead.Check(…)`.",
		ZH: "用 `_, fig := attention.PatternHeads(); fig` 画出这四个头。行是查询，列是键。哪个头让每个词元都关注**前一个**词元？传入它的编号：`attention.ExReadHead.Check(…)`。"},
	Hints: []text{
		{EN: "For the previous token, the bright cell of row $i$ is in column $i - 1$: a diagonal just below the main one.", ZH: "关注前一个词元时，第 $i$ 行的亮格在第 $i - 1$ 列：紧贴在主对角线下方的一条斜线。"},
	},
	Solution: text{
		EN: "Head **1**: row $i$ puts its weight on column $i - 1$ (the first token, with no predecessor, looks at the last one here). Head 0 always looks at the first token, head 2 spreads its weight uniformly, head 3 looks at the token itself. `attention.ExReadHead.Check(1)`",
		ZH: "**头 1**：第 $i$ 行把权重放在第 $i - 1$ 列（第一个词元没有前一个词元，这里看的是最后一个）。头 0 总是看第一个词元，头 2 把权重均匀分开，头 3 看词元自己。`attention.ExReadHead.Check(1)`"},
	Check: lessons.Choice{Want: 1, Options: []string{"0", "1", "2", "3"}, Why: map[string]text{
		"0": {EN: "Head 0 puts every query's weight on the first token (column 0).", ZH: "头 0 把每个查询的权重都放在第一个词元（第 0 列）上。"},
		"2": {EN: "Head 2 spreads the weight evenly over all tokens (a bag of words).", ZH: "头 2 把权重平均分给所有词元（词袋）。"},
		"3": {EN: "Head 3 is the main diagonal: each token attends to itself.", ZH: "头 3 是主对角线：每个词元关注它自己。"},
	}}.Check,
})

// ExReverseKey asks where the reversal model's output 1 looks.
var ExReverseKey = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.reverse-key",
	Title: text{EN: "Where does the reversal model look?", ZH: "倒序模型看向哪里？"},
	Prompt: text{
		EN: "The model trained in this notebook reverses sequences of $n = 6$ digits (positions 0 … 5). Which input position should output position 1 attend to? Check your answer against the learned map, then `attention.ExReverseKey.Check(…)`.",
		ZH: "本笔记本中训练的模型把 $n = 6$ 个数字的序列倒过来（位置 0 … 5）。输出位置 1 应该关注哪个输入位置？先对照学到的注意力图验证你的答案，再 `attention.ExReverseKey.Check(…)`。"},
	Hints: []text{
		{EN: "Output 0 is the last input digit, position 5.", ZH: "输出 0 是最后一个输入数字，即位置 5。"},
	},
	Solution: text{
		EN: "Output $i$ copies input $n - 1 - i$, so output 1 looks at position $6 - 1 - 1 = 4$: the anti-diagonal of the map. `attention.ExReverseKey.Check(4)`",
		ZH: "输出 $i$ 复制输入 $n - 1 - i$，所以输出 1 看向位置 $6 - 1 - 1 = 4$：注意力图的反对角线。`attention.ExReverseKey.Check(4)`"},
	Check: lessons.Value{Want: 4, Causes: []lessons.Cause{
		lessons.Mistake(5, text{EN: "$n - i = 5$ forgets that positions start at 0: output $i$ copies input $n - 1 - i$.", ZH: "$n - i = 5$ 忘了位置从 0 开始：输出 $i$ 复制的是输入 $n - 1 - i$。"}),
		lessons.Mistake(1, text{EN: "Position 1 would copy the input unchanged (the main diagonal); reversing reads it backwards.", ZH: "看位置 1 就是原样复制（主对角线）；倒序要从后往前读。"}),
	}}.Check,
})

// splitHeads is the reference split of Q (L, E) into h heads (h, L, E/h):
// head i takes columns i·d_h … (i+1)·d_h − 1.
func splitHeads(Q [][]float64, h int) [][][]float64 {
	L, E := len(Q), len(Q[0])
	d := E / h
	out := make([][][]float64, h)
	for i := range out {
		out[i] = make([][]float64, L)
		for l := range out[i] {
			out[i][l] = append([]float64(nil), Q[l][i*d:(i+1)*d]...)
		}
	}
	return out
}

// splitView is the classic mistake: reshaping the row-major (L, E) data
// straight into (h, L, d_h), without the transpose.
func splitView(Q [][]float64, h int) [][][]float64 {
	L, E := len(Q), len(Q[0])
	d := E / h
	flat := make([]float64, 0, L*E)
	for _, r := range Q {
		flat = append(flat, r...)
	}
	out := make([][][]float64, h)
	for i := range out {
		out[i] = make([][]float64, L)
		for l := range out[i] {
			off := (i*L + l) * d
			out[i][l] = append([]float64(nil), flat[off:off+d]...)
		}
	}
	return out
}

// splitStrided is another mistake: head i takes every h-th column.
func splitStrided(Q [][]float64, h int) [][][]float64 {
	L, E := len(Q), len(Q[0])
	d := E / h
	out := make([][][]float64, h)
	for i := range out {
		out[i] = make([][]float64, L)
		for l := range out[i] {
			out[i][l] = make([]float64, d)
			for c := 0; c < d; c++ {
				out[i][l][c] = Q[l][c*h+i]
			}
		}
	}
	return out
}

// splitTokensFirst is another mistake: the right slices, but laid out
// (L, h, d_h), tokens first.
func splitTokensFirst(Q [][]float64, h int) [][][]float64 {
	heads := splitHeads(Q, h)
	out := make([][][]float64, len(Q))
	for l := range out {
		out[l] = make([][]float64, h)
		for i := range out[l] {
			out[l][i] = heads[i][l]
		}
	}
	return out
}

var splitCases = []struct {
	q [][]float64
	h int
}{
	{[][]float64{{0, 1, 2, 3, 4, 5}, {10, 11, 12, 13, 14, 15}, {20, 21, 22, 23, 24, 25}}, 2},
	{[][]float64{{0, 1, 2, 3, 4, 5, 6, 7}, {10, 11, 12, 13, 14, 15, 16, 17}}, 4},
	{[][]float64{{1, 2, 3}, {4, 5, 6}}, 1},
	{[][]float64{{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}, {13, 14, 15, 16, 17, 18}, {19, 20, 21, 22, 23, 24}}, 3},
}

func splitMistakes() []lessons.Cause {
	var cs []lessons.Cause
	for _, c := range splitCases {
		if c.h == 1 {
			continue
		}
		cs = append(cs,
			lessons.Mistake(splitView(c.q, c.h), text{
				EN: "You reshaped the row-major $(L, E)$ numbers straight into $(h, L, d_h)$, like `q.view(h, L, d_h)`: that cuts across the rows of tokens. Split each row's columns first, $(L, h, d_h)$, then move the head axis to the front (`q.view(L, h, d_h).transpose(0, 1)`).",
				ZH: "你把按行存放的 $(L, E)$ 个数直接变形成 $(h, L, d_h)$，就像 `q.view(h, L, d_h)`：这会把不同词元的行切乱。应先把每一行的列分开，得到 $(L, h, d_h)$，再把头所在的轴移到最前面（`q.view(L, h, d_h).transpose(0, 1)`）。"}),
			lessons.Mistake(splitTokensFirst(c.q, c.h), text{
				EN: "Each slice is right, but your result is laid out $(L, h, d_h)$, tokens first; the heads come first, $(h, L, d_h)$: `out[i]` is head $i$ for all tokens.",
				ZH: "每一小段都对，但你的结果排成了 $(L, h, d_h)$，词元在前；应该是头在前，$(h, L, d_h)$：`out[i]` 是所有词元在头 $i$ 上的部分。"}),
			lessons.Mistake(splitStrided(c.q, c.h), text{
				EN: "Your head $i$ takes every $h$-th column; PyTorch gives head $i$ the **contiguous** block of columns $i d_h \\dots (i+1) d_h - 1$.",
				ZH: "你的头 $i$ 取的是每隔 $h$ 列的一列；PyTorch 给头 $i$ 的是**连续**的一块列 $i d_h \\dots (i+1) d_h - 1$。"}),
		)
	}
	return cs
}

func splitCase(k int, about text) lessons.Case {
	return lessons.Case{Args: []any{splitCases[k].q, splitCases[k].h}, About: about}
}

// ExSplitHeads asks for the split of Q into heads.
var ExSplitHeads = lessons.NewExercise(lessons.Spec{
	ID:    "multihead.split-heads",
	Title: text{EN: "Split Q into heads", ZH: "把 Q 拆分成多个头"},
	Prompt: text{
		EN: "Write `func splitHeads(Q [][]float64, h int) [][][]float64` that cuts $Q$ ($L \\times E$) into $h$ heads the way nn.MultiheadAttention does: the result is $h \\times L \\times d_h$ with $d_h = E/h$, and head $i$ holds columns $i d_h \\dots (i+1) d_h - 1$ of every row. Pass the function: `attention.ExSplitHeads.Check(splitHeads)`.",
		ZH: "编写 `func splitHeads(Q [][]float64, h int) [][][]float64`，按 nn.MultiheadAttention 的方式把 $Q$（$L \\times E$）切成 $h$ 个头：结果是 $h \\times L \\times d_h$，其中 $d_h = E/h$，头 $i$ 取每一行的第 $i d_h \\dots (i+1) d_h - 1$ 列。把函数传进去：`attention.ExSplitHeads.Check(splitHeads)`。"},
	Hints: []text{
		{EN: "`d := len(Q[0]) / h`; the result has `h` entries, each with `len(Q)` rows.", ZH: "`d := len(Q[0]) / h`；结果有 `h` 个元素，每个元素有 `len(Q)` 行。"},
		{EN: "Row `l` of head `i` is the slice `Q[l][i*d : (i+1)*d]` — copy it, so the heads do not share memory with Q.", ZH: "头 `i` 的第 `l` 行就是切片 `Q[l][i*d : (i+1)*d]`——复制一份，免得各个头和 Q 共享内存。"},
	},
	Solution: text{
		EN: "```go\nfunc splitHeads(Q [][]float64, h int) [][][]float64 {\n\td := len(Q[0]) / h\n\tout := make([][][]float64, h)\n\tfor i := range out {\n\t\tout[i] = make([][]float64, len(Q))\n\t\tfor l := range Q {\n\t\t\tout[i][l] = append([]float64(nil), Q[l][i*d:(i+1)*d]...)\n\t\t}\n\t}\n\treturn out\n}\n```\nIn PyTorch: `q.view(L, h, d).transpose(0, 1)` (with a batch: `q.view(B, L, h, d).transpose(1, 2)`).",
		ZH: "```go\nfunc splitHeads(Q [][]float64, h int) [][][]float64 {\n\td := len(Q[0]) / h\n\tout := make([][][]float64, h)\n\tfor i := range out {\n\t\tout[i] = make([][]float64, len(Q))\n\t\tfor l := range Q {\n\t\t\tout[i][l] = append([]float64(nil), Q[l][i*d:(i+1)*d]...)\n\t\t}\n\t}\n\treturn out\n}\n```\n在 PyTorch 中：`q.view(L, h, d).transpose(0, 1)`（有批量时：`q.view(B, L, h, d).transpose(1, 2)`）。"},
	Check: lessons.Func{Ref: splitHeads, Params: []string{"Q", "h"}, Causes: splitMistakes(), Cases: []lessons.Case{
		splitCase(0, text{EN: "3 tokens, E = 6, 2 heads", ZH: "3 个词元，E = 6，2 个头"}),
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: splitHeads, Params: []string{"Q", "h"}, Causes: splitMistakes(), Cases: []lessons.Case{
			splitCase(1, text{EN: "4 heads of 2 columns", ZH: "4 个头，每个 2 列"}),
			splitCase(2, text{EN: "a single head", ZH: "只有一个头"}),
			splitCase(3, text{EN: "3 heads, 4 tokens", ZH: "3 个头，4 个词元"}),
		}}.Check,
		lessons.Func{Ref: splitHeads, Params: []string{"Q", "h"}, Pure: true, Causes: splitMistakes(), Cases: []lessons.Case{
			splitCase(0, text{EN: "Q must stay as it was", ZH: "Q 必须保持不变"}),
		}}.Check,
	},
})

// Lesson06 is notebook 06.
var Lesson06 = lessons.Register(&lessons.Lesson{
	Name:  "06-multihead",
	Title: text{EN: "Multi-head attention and a trained model", ZH: "多头注意力与一个训练好的模型"},
	Summary: text{
		EN: "Projections, PyTorch's packed in_proj_weight, heads, concatenation and the out-projection; per-head and averaged weights; mask conventions; a one-layer attention model trained in the notebook to reverse digits.",
		ZH: "投影、PyTorch 打包的 in_proj_weight、多个头、拼接与输出投影；每个头的权重与平均权重；掩码约定；在笔记本中训练一个单层注意力模型来把数字倒序。"},
	Exercises: []*lessons.Exercise{ExHeadDim, ExParams, ExSplitHeads, ExMaskConvention, ExWeightsShape, ExReadHead, ExReverseKey},
})
