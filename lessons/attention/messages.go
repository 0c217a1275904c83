package attention

import "github.com/stepwise-go/stepwise/lessons"

func init() { lessons.RegisterCatalog("attention", messages) }

// messages are the package's student-facing strings, English and Chinese
// side by side; terms follow lessons.Terms.
var messages = lessons.Catalog{
	// The trained model's configuration and input.
	"attention.train.task": {
		EN: "unknown task %q: use %q or %q.",
		ZH: "未知的任务 %q：请用 %q 或 %q。"},
	"attention.train.length": {
		EN: "the sequence length must be between 2 and 16, got %d.",
		ZH: "序列长度必须在 2 到 16 之间，实际为 %d。"},
	"attention.train.vocab": {
		EN: "the number of digits (Vocab) must be between 2 and 100, got %d.",
		ZH: "数字的个数（Vocab）必须在 2 到 100 之间，实际为 %d。"},
	"attention.train.heads": {
		EN: "the embedding size E = %d must be divisible by the number of heads h = %d (each head gets E/h dimensions).",
		ZH: "嵌入维度 E = %d 必须能被头数 h = %d 整除（每个头分到 E/h 维）。"},
	"attention.train.steps": {
		EN: "Steps (1 … 20000), Batch (1 … 4096) and TestSize (≥ 1) are out of range: got %d, %d, %d.",
		ZH: "Steps（1 … 20000）、Batch（1 … 4096）和 TestSize（≥ 1）超出范围：实际为 %d、%d、%d。"},
	"attention.model.seqLen": {
		EN: "the model reads sequences of %d digits, got %d: %s.",
		ZH: "模型读取长度为 %d 的数字序列，实际长度为 %d：%s。"},
	"attention.model.digit": {
		EN: "digits must be between 0 and %d, got %d at position %d.",
		ZH: "数字必须在 0 到 %d 之间，位置 %[3]d 处是 %[2]d。"},
	// Bad input.
	"attention.input.nil": {
		EN: "%s is nil: pass a matrix, e.g. [][]float64{{1, 0}, {0, 1}}.",
		ZH: "%s 是 nil：请传入一个矩阵，例如 [][]float64{{1, 0}, {0, 1}}。"},
	"attention.input.notMatrix": {
		EN: "%s must be a matrix of numbers: %s",
		ZH: "%s 必须是数值矩阵：%s"},
	"attention.input.dims": {
		EN: "%s must be a matrix (2 axes: one row per token), got shape %s.",
		ZH: "%s 必须是矩阵（2 个轴：每个词元一行），实际形状为 %s。"},
	"attention.input.notFinite": {
		EN: "%s holds %s at %s: attention needs finite numbers here (a NaN usually comes from 0/0, an Inf from an overflow; masks are passed as Options, not as −∞ in Q, K or V).",
		ZH: "%s 在 %[3]s 处是 %[2]s：这里的注意力计算需要有限的数（NaN 通常来自 0/0，Inf 来自溢出；掩码通过 Options 传入，而不是在 Q、K、V 中写 −∞）。"},
	"attention.input.empty": {
		EN: "%s is empty (shape %s): every token needs a row with at least one entry.",
		ZH: "%s 是空的（形状 %s）：每个词元都需要一行，且至少有一个元素。"},
	"attention.input.tokens": {
		EN: "%d tokens but %s has %d rows. The tokens %s label the rows of %s: give exactly %d tokens, one per row.",
		ZH: "有 %d 个词元，但 %s 有 %d 行。词元 %s 是 %s 各行的标签：请给出恰好 %d 个词元，每行一个。"},
	"attention.input.dk": {
		EN: "Q %s and K %s need the same number of columns d_k (a query and a key are compared by their dot product), got %d and %d.",
		ZH: "Q %s 和 K %s 的列数 d_k 必须相同（查询和键通过点积比较），实际为 %d 和 %d。"},
	"attention.input.kv": {
		EN: "K %s and V %s need one row per key, the same number of rows, got %d and %d.",
		ZH: "K %s 和 V %s 必须每个键一行、行数相同，实际为 %d 和 %d。"},
	"attention.input.options": {
		EN: "pass at most one Options value, got %d.",
		ZH: "最多传入一个 Options 值，实际传入了 %d 个。"},
	"attention.input.causal": {
		EN: "a causal mask needs as many queries as keys (self-attention), got %d queries and %d keys.",
		ZH: "因果掩码要求查询与键一样多（自注意力），实际有 %d 个查询、%d 个键。"},
	"attention.input.padding": {
		EN: "Padding must have one entry per key (true = padding), got %d entries for %d keys.",
		ZH: "Padding 必须每个键一个元素（true 表示填充），实际 %d 个元素，而键有 %d 个。"},
	"attention.input.query": {
		EN: "there is no query %d: the %d queries are numbered 0 … %d.",
		ZH: "没有第 %d 个查询：这 %d 个查询的编号是 0 … %d。"},
	"attention.input.scale": {
		EN: "Scale must be positive (0 means 1/√d_k), got %g.",
		ZH: "Scale 必须为正（0 表示 1/√d_k），实际为 %g。"},
	"attention.input.proj": {
		EN: "%s %s must have one row per embedding entry, %d rows, to multiply X %s.",
		ZH: "%s %s 必须每个嵌入元素一行，即 %d 行，才能与 X %s 相乘。"},

	// The check against mathref.
	"attention.check.ok": {
		EN: "Every number here comes from %s and matches mathref's literal formula (largest difference %s).",
		ZH: "这里的每个数都来自 %s，并与 mathref 的逐字公式一致（最大差 %s）。"},
	"attention.check.bad": {
		EN: "nn and mathref DISAGREE on %s at %s: nn gives %g, the formula %g. Do not trust these numbers; please report it.",
		ZH: "nn 与 mathref 在 %s 的 %s 处不一致：nn 给出 %g，公式给出 %g。不要相信这些数；请报告这个问题。"},
	"attention.check.warn": {EN: "Mismatch.", ZH: "结果不一致。"},
	"attention.check.sum":  {EN: "products do not add up", ZH: "乘积之和不符"},
	"attention.string": {
		EN: "attention: %d queries × %d keys, d_k = %d, weights %s. %s",
		ZH: "注意力：%d 个查询 × %d 个键，d_k = %d，注意力权重 %s。%s"},

	// The walkthrough.
	"attention.walk.title":      {EN: "Scaled dot-product attention, step by step", ZH: "缩放点积注意力，一步一步"},
	"attention.walk.queryTitle": {EN: "Query %d (%s)", ZH: "查询 %d（%s）"},
	"attention.walk.intro": {
		EN: "$L = %d$ queries, $S = %d$ keys, $d_k = %d$, $d_v = %d$. Use ◀ ▶ or the slider to move through the steps.",
		ZH: "$L = %d$ 个查询，$S = %d$ 个键，$d_k = %d$，$d_v = %d$。用 ◀ ▶ 或滑块逐步浏览。"},
	"attention.step.proj":    {EN: "Projections", ZH: "投影"},
	"attention.step.inputs":  {EN: "Queries, keys and values", ZH: "查询、键和值"},
	"attention.step.all":     {EN: "All queries: the attention weights", ZH: "所有查询：注意力权重"},
	"attention.step.query":   {EN: "Query %d (%s): ", ZH: "查询 %d（%s）："},
	"attention.step.scores":  {EN: "scores", ZH: "分数"},
	"attention.step.mask":    {EN: "mask", ZH: "掩码"},
	"attention.step.softmax": {EN: "softmax", ZH: "softmax"},
	"attention.step.context": {EN: "context vector", ZH: "上下文向量"},
	"attention.word.token":   {EN: "token", ZH: "词元"},
	"attention.word.query":   {EN: "query", ZH: "查询"},
	"attention.word.key":     {EN: "key", ZH: "键"},
	"attention.body.proj": {
		EN: "Each token's embedding (a row of $X$, shape %s) is multiplied by three learned matrices, $W_Q$ %s, $W_K$ %s and $W_V$ %s, to give its query, key and value.",
		ZH: "每个词元的嵌入（$X$ 的一行，$X$ 的形状为 %s）分别乘以三个可学习的矩阵 $W_Q$ %s、$W_K$ %s 和 $W_V$ %s，得到它的查询、键和值。"},
	"attention.body.inputs": {
		EN: "Each token has a row in $Q$ (what it looks for), in $K$ (what it offers to be matched) and in $V$ (what it passes on). Here $d_k = %d$, so the scores are scaled by $%s$.",
		ZH: "每个词元在 $Q$ 中有一行（它要找什么），在 $K$ 中有一行（拿什么去被匹配），在 $V$ 中有一行（它传递什么）。这里 $d_k = %d$，所以分数要乘以 $%s$。"},
	"attention.mask.none": {EN: "No mask: every query may attend to every key.", ZH: "没有掩码：每个查询都可以关注每个键。"},
	"attention.mask.causal": {
		EN: "Causal mask: query $i$ may attend only to keys $j \\le i$ (no peeking at the future).",
		ZH: "因果掩码：查询 $i$ 只能关注 $j \\le i$ 的键（不能偷看未来）。"},
	"attention.mask.padding": {
		EN: "Padding mask: keys %s are padding and get weight 0.",
		ZH: "填充掩码：键 %s 是填充，权重为 0。"},
	"attention.mask.why.padding": {EN: "padding", ZH: "填充"},
	"attention.mask.why.future":  {EN: "future: %d > %d", ZH: "未来：%d > %d"},
	"attention.body.scores": {
		EN: "Query %d (%s), $q = %s$, takes the dot product with every key and divides by $\\sqrt{d_k}$:",
		ZH: "查询 %d（%s），$q = %s$，与每个键做点积，再除以 $\\sqrt{d_k}$："},
	"attention.body.customScale": {
		EN: "(Here the scale is $%s$ instead of $1/\\sqrt{d_k}$.)",
		ZH: "（这里的缩放因子是 $%s$，而不是 $1/\\sqrt{d_k}$。）"},
	"attention.body.mask": {
		EN: "The mask adds $-\\infty$ to the scores of the keys this query may not see, so that their weights become $e^{-\\infty} = 0$; the other scores are unchanged ($M_{ij} = 0$).",
		ZH: "掩码给这个查询不能看的键的分数加上 $-\\infty$，使它们的权重变成 $e^{-\\infty} = 0$；其余的分数不变（$M_{ij} = 0$）。"},
	"attention.body.allMasked": {
		EN: "Every key of query %d is masked: the softmax of a row of $-\\infty$ is $0/0$, NaN, as in PyTorch. Guard such rows (or do not mask every key).",
		ZH: "查询 %d 的所有键都被掩码了：一整行 $-\\infty$ 的 softmax 是 $0/0$，即 NaN，与 PyTorch 一样。要对这样的行做特殊处理（或者不要把所有键都掩码）。"},
	"attention.body.max": {
		EN: "Stable softmax: subtract the row's maximum $m_{%d} = %s$ first. It changes nothing mathematically, but every exponent is then $\\le 0$, so $e^x$ cannot overflow.",
		ZH: "数值稳定的 softmax：先减去这一行的最大值 $m_{%d} = %s$。这在数学上不改变结果，但所有指数都 $\\le 0$，$e^x$ 就不会溢出。"},
	"attention.body.sum": {
		EN: "The weights of query %d sum to 1: $%s = %s$.",
		ZH: "查询 %d 的注意力权重之和为 1：$%s = %s$。"},
	"attention.body.context": {
		EN: "The context vector of query %d is the weighted average of the value rows:",
		ZH: "查询 %d 的上下文向量是各个值行的加权平均："},
	"attention.body.pull": {
		EN: "The largest weight, %s on %s (key %d), pulls $c_{%d}$ towards that key's value.",
		ZH: "最大的权重 %s 落在 %s（键 %d）上，把 $c_{%d}$ 拉向这个键的值。"},
	"attention.body.all": {
		EN: "Row $i$ of $A$ holds the attention weights of query $i$ (%d rows, each summing to 1); row $i$ of $C$ is its context vector.",
		ZH: "$A$ 的第 $i$ 行是查询 $i$ 的注意力权重（共 %d 行，每行之和为 1）；$C$ 的第 $i$ 行是它的上下文向量。"},
	"attention.fig.weights": {EN: "Attention weights", ZH: "注意力权重"},
	"attention.fig.row":     {EN: "Weights of query %d (%s)", ZH: "查询 %d（%s）的权重"},
	"attention.example.pad": {
		EN: "the number of padding tokens must be 0 or more, got %d.",
		ZH: "填充词元的个数必须大于等于 0，实际为 %d。"},
	"attention.softmax.empty": {
		EN: "SoftmaxSteps needs at least one score, e.g. SoftmaxSteps(2, 1, 0).",
		ZH: "SoftmaxSteps 至少需要一个分数，例如 SoftmaxSteps(2, 1, 0)。"},
	"attention.softmax.title":     {EN: "Softmax as written and stable softmax", ZH: "按公式直接计算的 softmax 与数值稳定的 softmax"},
	"attention.softmax.naiveCol":  {EN: "as written", ZH: "直接计算"},
	"attention.softmax.stableCol": {EN: "stable (nn)", ZH: "稳定版（nn）"},
	"attention.softmax.max": {
		EN: "The maximum is $m = %s$.",
		ZH: "最大值是 $m = %s$。"},
	"attention.softmax.overflow": {
		EN: "As written, $e^{x_j}$ overflows to $+\\infty$ (beyond $x \\approx 709.78$ in float64) and $\\infty/\\infty$ is NaN; after subtracting $m$ every exponent is $\\le 0$ and nothing overflows.",
		ZH: "直接计算时，$e^{x_j}$ 溢出成 $+\\infty$（float64 中 $x$ 超过约 709.78 就会溢出），而 $\\infty/\\infty$ 是 NaN；减去 $m$ 之后所有指数都 $\\le 0$，不会溢出。"},
	"attention.softmax.same": {
		EN: "Both columns agree: subtracting $m$ multiplies the numerator and the denominator by the same $e^{-m}$.",
		ZH: "两列结果相同：减去 $m$ 相当于分子分母同乘 $e^{-m}$。"},
	"attention.softmax.ok": {
		EN: "nn.Softmax matches mathref.Softmax (largest difference %s).",
		ZH: "nn.Softmax 与 mathref.Softmax 一致（最大差 %s）。"},
	"attention.spread.samples": {
		EN: "samples must be between 2 and 1000000, got %d.",
		ZH: "samples 必须在 2 到 1000000 之间，实际为 %d。"},
	"attention.spread.size": {
		EN: "every size d must be between 1 and 100000, got %d.",
		ZH: "每个维度 d 必须在 1 到 100000 之间，实际为 %d。"},
	"attention.spread.title":        {EN: "Why divide by √d", ZH: "为什么要除以 √d"},
	"attention.spread.stdPanel":     {EN: "std of the score", ZH: "分数的标准差"},
	"attention.spread.wPanel":       {EN: "largest weight of %d", ZH: "%d 个权重中最大的"},
	"attention.spread.unscaled":     {EN: "q·k", ZH: "q·k"},
	"attention.spread.scaled":       {EN: "q·k/√d", ZH: "q·k/√d"},
	"attention.spread.colStd":       {EN: "std of $q \\cdot k$", ZH: "$q \\cdot k$ 的标准差"},
	"attention.spread.colScaled":    {EN: "std of $q \\cdot k/\\sqrt{d}$", ZH: "$q \\cdot k/\\sqrt{d}$ 的标准差"},
	"attention.spread.colMax":       {EN: "largest weight, unscaled", ZH: "最大权重（不缩放）"},
	"attention.spread.colMaxScaled": {EN: "largest weight, scaled", ZH: "最大权重（缩放）"},
	"attention.spread.intro": {
		EN: "For each size $d$: %d dot products of random $q, k$ with independent entries of mean 0 and variance 1, and the softmax of one query over %d keys (its largest weight, averaged).",
		ZH: "对每个维度 $d$：计算 %d 个随机向量 $q, k$ 的点积（各元素独立，均值 0、方差 1），并对一个查询在 %d 个键上做 softmax（取最大权重的平均值）。"},
	"attention.errata.unknown": {
		EN: "mathref has no erratum %q; see mathref.Errata() for the IDs.",
		ZH: "mathref 中没有勘误 %q；可用的 ID 见 mathref.Errata()。"},
	"attention.errata.in":         {EN: "The seed document makes this error (point %s).", ZH: "种子文档犯了这个错误（第 %s 点）。"},
	"attention.errata.near":       {EN: "A common slip next to the seed document's point %s.", ZH: "种子文档第 %s 点附近常见的失误。"},
	"attention.errata.wrong":      {EN: "Wrong", ZH: "错误"},
	"attention.errata.right":      {EN: "Right", ZH: "正确"},
	"attention.errata.input":      {EN: "input:", ZH: "输入："},
	"attention.double.title":      {EN: "Softmax once versus twice", ZH: "softmax 一次与两次"},
	"attention.double.scores":     {EN: "scores $e_j$ (logits)", ZH: "分数 $e_j$（logit）"},
	"attention.double.once":       {EN: "softmax once (right)", ZH: "softmax 一次（正确）"},
	"attention.double.twice":      {EN: "softmax twice (the seed)", ZH: "softmax 两次（种子文档）"},
	"attention.double.onceShort":  {EN: "once", ZH: "一次"},
	"attention.double.twiceShort": {EN: "twice", ZH: "两次"},
	"attention.double.why": {
		EN: "The first softmax already turns the scores into probabilities between 0 and 1; a second softmax sees numbers that differ by less than 1 and flattens them: the largest weight drops from %s to %s, close to uniform.",
		ZH: "第一次 softmax 已经把分数变成 0 到 1 之间的概率；第二次 softmax 看到的数彼此相差不到 1，于是把它们压平：最大的权重从 %s 降到 %s，接近均匀分布。"},
	"attention.seed.title": {EN: "The seed's weights next to the right ones", ZH: "种子文档的权重与正确的权重对比"},
	"attention.seed.right": {EN: "Right: softmax(QKᵀ/√d_k)", ZH: "正确：softmax(QKᵀ/√d_k)"},
	"attention.seed.wrong": {EN: "Seed: softmax(softmax(QKᵀ))", ZH: "种子文档：softmax(softmax(QKᵀ))"},
	"attention.seed.body": {
		EN: "Same queries and keys. The largest weight of each query is %s with the right formula and %s with the seed document's (no $1/\\sqrt{d_k}$, softmax applied twice): flatter. The second softmax only sees numbers between 0 and 1, so with %d keys no weight can ever exceed $e/(e + S - 1) = %s$, however clearly a query prefers one key.",
		ZH: "查询和键完全相同。每个查询的最大权重，用正确的公式是 %s，用种子文档的公式（没有 $1/\\sqrt{d_k}$，softmax 用了两次）是 %s：更平了。第二次 softmax 只看到 0 到 1 之间的数，所以有 %d 个键时，无论查询多么明确地偏好某个键，任何权重都不可能超过 $e/(e + S - 1) = %s$。"},
	// Multi-head attention.
	"attention.mha.embed": {
		EN: "X %s must have embed_dim = %d columns, one embedding per row, got %d.",
		ZH: "X %s 必须有 embed_dim = %d 列（每行一个嵌入），实际为 %d 列。"},
	"attention.mha.shapesArgs": {
		EN: "need B, L, S, E, h ≥ 1 with E divisible by h, got B=%d L=%d S=%d E=%d h=%d.",
		ZH: "需要 B、L、S、E、h ≥ 1 且 E 能被 h 整除，实际为 B=%d L=%d S=%d E=%d h=%d。"},
	"attention.mha.string": {
		EN: "multi-head attention: L = %d tokens, E = %d, h = %d heads of d_h = %d. %s",
		ZH: "多头注意力：L = %d 个词元，E = %d，h = %d 个头，每个头 d_h = %d。%s"},
	"attention.mha.head":       {EN: "head %d", ZH: "头 %d"},
	"attention.mha.headsTitle": {EN: "Attention weights per head", ZH: "每个头的注意力权重"},
	"attention.mha.avgTitle":   {EN: "Weights averaged over %d heads", ZH: "%d 个头的平均权重"},
	"attention.mha.title":      {EN: "Multi-head attention, step by step", ZH: "多头注意力，一步一步"},
	"attention.mha.intro": {
		EN: "$L = %d$ tokens, $E = %d$, $h = %d$ heads of $d_h = %d$, weights as in PyTorch's nn.MultiheadAttention.",
		ZH: "$L = %d$ 个词元，$E = %d$，$h = %d$ 个头，每个头 $d_h = %d$，权重布局与 PyTorch 的 nn.MultiheadAttention 相同。"},
	"attention.mha.s.input": {EN: "The input and the formula", ZH: "输入与公式"},
	"attention.mha.b.input": {
		EN: "Self-attention: queries, keys and values all come from the same input $X$, %d tokens of $E = %d$ numbers each.",
		ZH: "自注意力：查询、键和值都来自同一个输入 $X$，共 %d 个词元，每个 $E = %d$ 个数。"},
	"attention.mha.s.inproj": {EN: "The packed in-projection", ZH: "打包的输入投影"},
	"attention.mha.b.inproj": {
		EN: "PyTorch keeps $W_q$, $W_k$ and $W_v$ stacked in one matrix, `in_proj_weight` of shape (%d, %d): rows 0 … %d are $W_q$, rows %d … %d are $W_k$, rows %d … %d are $W_v$. Like every `nn.Linear` weight they are stored (out, in), so the input is multiplied by their transposes.",
		ZH: "PyTorch 把 $W_q$、$W_k$、$W_v$ 叠放在一个矩阵 `in_proj_weight` 中，形状为 (%d, %d)：第 0 … %d 行是 $W_q$，第 %d … %d 行是 $W_k$，第 %d … %d 行是 $W_v$。和所有 `nn.Linear` 的权重一样，它们按 (out, in) 存放，所以输入要乘以它们的转置。"},
	"attention.mha.s.split": {EN: "Split into heads", ZH: "拆分成多个头"},
	"attention.mha.b.split": {
		EN: "The $E$ columns of $Q$, $K$ and $V$ are cut into %d heads of %d columns: head $i$ takes columns $i d_h$ to $(i+1) d_h - 1$ (with $d_h = %d$). No new weights: each head's $W_i^Q$ is just a block of rows of $W_q$.",
		ZH: "$Q$、$K$、$V$ 的 $E$ 列被切成 %d 个头，每个头 %d 列：头 $i$ 取第 $i d_h$ 到 $(i+1) d_h - 1$ 列（$d_h = %d$）。没有新的权重：每个头的 $W_i^Q$ 只是 $W_q$ 中的一块行。"},
	"attention.mha.s.head": {EN: "Head %d", ZH: "头 %d"},
	"attention.mha.b.head": {
		EN: "Head %d runs scaled dot-product attention on its own slices, scaled by $1/\\sqrt{d_h} = 1/\\sqrt{%d}$: $A_{%d} = \\mathrm{softmax}(Q_{%d} K_{%d}^{\\top} / \\sqrt{%d} + M)$.",
		ZH: "头 %d 在自己的切片上做缩放点积注意力，缩放因子为 $1/\\sqrt{d_h} = 1/\\sqrt{%d}$：$A_{%d} = \\mathrm{softmax}(Q_{%d} K_{%d}^{\\top} / \\sqrt{%d} + M)$。"},
	"attention.mha.s.heads": {EN: "All heads side by side", ZH: "所有头并排对比"},
	"attention.mha.b.heads": {
		EN: "Each head has its own attention weights: with trained weights, different heads learn to look for different things.",
		ZH: "每个头都有自己的注意力权重：训练之后，不同的头会学着关注不同的东西。"},
	"attention.mha.s.concat": {EN: "Concatenate and project", ZH: "拼接并投影"},
	"attention.mha.b.concat": {
		EN: "The %d heads' outputs (each $L \\times %d$) are put side by side into an $L \\times %d$ matrix and multiplied by `out_proj.weight` ($%d \\times %d$, transposed) plus `out_proj.bias`.",
		ZH: "把 %d 个头的输出（每个 $L \\times %d$）并排拼成 $L \\times %d$ 的矩阵，再乘以 `out_proj.weight`（$%d \\times %d$，转置）并加上 `out_proj.bias`。"},
	"attention.mha.s.avg": {EN: "The weights PyTorch returns", ZH: "PyTorch 返回的权重"},
	"attention.mha.b.avg": {
		EN: "`attn_output_weights` is by default the mean over the heads, shape (%d, %d) here; with `average_attn_weights=False` it is every head's, shape (%d, %d, %d). The mean can hide what a single head does: look at the heads themselves.",
		ZH: "`attn_output_weights` 默认是各个头的平均，这里形状为 (%d, %d)；设 `average_attn_weights=False` 时返回每个头的权重，形状为 (%d, %d, %d)。平均值会掩盖单个头的行为：要看每个头本身。"},
	"attention.mha.s.shapes":      {EN: "Shapes", ZH: "形状"},
	"attention.shapes.what":       {EN: "what", ZH: "名称"},
	"attention.shapes.shape":      {EN: "shape", ZH: "形状"},
	"attention.shapes.note":       {EN: "note", ZH: "说明"},
	"attention.shapes.seqFirst":   {EN: "batch_first=False (the default): (L, B, E)", ZH: "batch_first=False（默认）：(L, B, E)"},
	"attention.shapes.batchFirst": {EN: "batch_first=True: (B, L, E)", ZH: "batch_first=True：(B, L, E)"},
	"attention.shapes.inproj":     {EN: "$W_q, W_k, W_v$ stacked, each $(E, E)$", ZH: "$W_q$、$W_k$、$W_v$ 叠放，每个 $(E, E)$"},
	"attention.shapes.split":      {EN: "Q split into heads", ZH: "Q 拆成多个头"},
	"attention.shapes.scores":     {EN: "scores and weights per head", ZH: "每个头的分数与权重"},
	"attention.shapes.heads":      {EN: "each head's output", ZH: "每个头的输出"},
	"attention.shapes.params": {
		EN: "Parameters: in_proj_weight $3E^2$ + in_proj_bias $3E$ + out_proj.weight $E^2$ + out_proj.bias $E$ = $4E^2 + 4E = 4 \\cdot %d^2 + 4 \\cdot %d = %d$, whatever the number of heads.",
		ZH: "参数个数：in_proj_weight $3E^2$ + in_proj_bias $3E$ + out_proj.weight $E^2$ + out_proj.bias $E$ = $4E^2 + 4E = 4 \\cdot %d^2 + 4 \\cdot %d = %d$，与头数无关。"},
	// The trained model.
	"attention.task.reverse":      {EN: "reverse the digits", ZH: "把数字倒序"},
	"attention.task.shift":        {EN: "rotate the digits by one", ZH: "把数字循环左移一位"},
	"attention.model.out":         {EN: "out %d", ZH: "输出 %d"},
	"attention.model.in":          {EN: "in %d", ZH: "输入 %d"},
	"attention.model.inputDigit":  {EN: "input digit (by position)", ZH: "输入数字（按位置）"},
	"attention.model.mapTitle":    {EN: "Learned attention: %s", ZH: "学到的注意力：%s"},
	"attention.model.curvesTitle": {EN: "Training: %s", ZH: "训练：%s"},
	"attention.model.lossPanel":   {EN: "training loss", ZH: "训练损失"},
	"attention.model.accPanel":    {EN: "digit accuracy", ZH: "数字精度"},
	"attention.model.train":       {EN: "training batch", ZH: "训练批量"},
	"attention.model.heldOut":     {EN: "held-out", ZH: "留出集"},
	"attention.model.chance":      {EN: "chance", ZH: "随机猜测"},
	"attention.model.title":       {EN: "One attention layer trained to %s", ZH: "训练一个注意力层来%s"},
	"attention.model.interrupted": {
		EN: "**Interrupted** after %d steps: the model keeps what it learned so far.",
		ZH: "训练在第 %d 步后被**中断**：模型保留了到目前为止学到的内容。",
	},
	"attention.model.summary": {
		EN: "Task: **%s**, sequences of %d digits 0 … %d. Model: one-hot digit and one-hot position → linear embedding ($E = %d$) → one nn.MultiheadAttention layer ($h = %d$) → linear readout over the digits; no residual connection, so everything an output knows passes through attention. Training: %d Adam steps of %d random sequences, learning rate %g, %.1f s.",
		ZH: "任务：**%s**，序列由 %d 个 0 … %d 的数字组成。模型：数字的 one-hot 与位置的 one-hot → 线性嵌入（$E = %d$）→ 一个 nn.MultiheadAttention 层（$h = %d$）→ 在各个数字上的线性读出；没有残差连接，所以输出知道的一切都要经过注意力。训练：%d 步 Adam，每步 %d 个随机序列，学习率 %g，用时 %.1f 秒。"},
	"attention.model.noPos": {
		EN: "**Without positional information**: the embedding sees only the digit, so attention cannot tell the positions apart.",
		ZH: "**没有位置信息**：嵌入只看到数字本身，注意力无法区分位置。"},
	"attention.model.measure":   {EN: "measure", ZH: "指标"},
	"attention.model.value":     {EN: "value", ZH: "数值"},
	"attention.model.digitAcc":  {EN: "digit accuracy on %d held-out sequences", ZH: "在 %d 个留出序列上的数字精度"},
	"attention.model.seqAcc":    {EN: "whole sequences right, of %d held-out", ZH: "%d 个留出序列中完全正确的比例"},
	"attention.model.chanceRow": {EN: "chance (guessing a digit)", ZH: "随机猜测一个数字的精度"},
	"attention.model.pattern":   {EN: "mean weight on the expected input position", ZH: "落在应关注的输入位置上的平均权重"},
	"attention.model.string": {
		EN: "%s: digit accuracy %.1f%%, whole sequences %.1f%% (%d held-out sequences); mean weight on the expected position %.3f",
		ZH: "%s：数字精度 %.1f%%，整个序列正确 %.1f%%（%d 个留出序列）；应关注位置上的平均权重 %.3f"},
	"attention.model.showStep":  {EN: "One sequence through the model", ZH: "一个序列通过模型"},
	"attention.model.showTitle": {EN: "Attention weights for this sequence", ZH: "这个序列的注意力权重"},
	"attention.model.show": {
		EN: "Input %s, target %s, prediction %s: %d of %d digits right.",
		ZH: "输入 %s，目标 %s，预测 %s：%[5]d 个数字中对了 %[4]d 个。"},
	"attention.patterns.title": {EN: "Four heads, four patterns", ZH: "四个头，四种模式"},
	// The padding-mask checker.
	"attention.bool.nil": {EN: "You passed nil; pass your function %s.", ZH: "你传入的是 nil；请传入你的函数 %s。"},
	"attention.bool.notFunc": {
		EN: "Pass the function itself, %s, not a %s (no parentheses after its name).",
		ZH: "请传入函数本身 %s，而不是 %s 类型的值（函数名后面不要加括号）。"},
	"attention.bool.signature": {
		EN: "The function must be %s, but yours is `%s`.",
		ZH: "函数必须是 %s，而你的是 `%s`。"},
	"attention.bool.input": {EN: "On input `lengths = %s, T = %d`", ZH: "输入为 `lengths = %s, T = %d` 时"},
	"attention.bool.panic": {EN: "Your function stopped with a panic: %s", ZH: "你的函数因 panic 而中止：%s"},
	"attention.bool.shape": {
		EN: "Wrong shape: expected %s (one row per sequence, one entry per position), got %s.",
		ZH: "形状不对：应为 %s（每个序列一行，每个位置一个元素），实际为 %s。"},
	"attention.bool.seed": {
		EN: "One flag per sequence is the seed document's `enc_lengths.unsqueeze(1) == 0`: it marks empty sequences, not padded positions.",
		ZH: "每个序列只有一个标志，这正是种子文档的 `enc_lengths.unsqueeze(1) == 0`：它标记的是空序列，而不是被填充的位置。"},
	"attention.bool.transposed": {
		EN: "Your mask is transposed: rows are sequences, columns are positions.",
		ZH: "你的掩码转置了：行是序列，列是位置。"},
	"attention.bool.entry": {
		EN: "entry [%d, %d]: expected %v, got %v",
		ZH: "元素 [%d, %d]：应为 %v，实际为 %v"},
	"attention.bool.wrong": {EN: "Expected %s, got %s:", ZH: "应为 %s，实际为 %s："},
	"attention.bool.inverted": {
		EN: "Every entry is flipped: in PyTorch's key_padding_mask true means padding (ignore this key), false a real token.",
		ZH: "每个元素都反了：在 PyTorch 的 key_padding_mask 中，true 表示填充（忽略这个键），false 表示真实的词元。"},
	"attention.bool.offByOne": {
		EN: "Off by one: position $t$ = length is already padding (positions are counted from 0), so use `t >= lengths[b]`, not `>`.",
		ZH: "差了一位：位置 $t$ = length 已经是填充了（位置从 0 开始数），所以要用 `t >= lengths[b]`，不是 `>`。"},
	"attention.bool.offByOneEarly": {
		EN: "Off by one: position $t$ = length − 1 is the last real token (positions are counted from 0); padding starts at $t$ = length, so use `t >= lengths[b]`.",
		ZH: "差了一位：位置 $t$ = length − 1 是最后一个真实词元（位置从 0 开始数）；填充从 $t$ = length 开始，所以要用 `t >= lengths[b]`。"},
	"attention.cause.overflow": {
		EN: "NaN or ±Inf where the answer is a number: $e^x$ overflowed (or every term underflowed to 0, giving 0/0). Subtract each row's maximum before `math.Exp`.",
		ZH: "答案应是数的地方出现了 NaN 或 ±Inf：$e^x$ 溢出了（或者每一项都下溢为 0，得到 0/0）。在 `math.Exp` 之前先减去每一行的最大值。"},
	"attention.cause.whole": {
		EN: "All your entries together sum to 1: you normalised the whole matrix. Each row (each query) must sum to 1 on its own.",
		ZH: "你的所有元素加起来为 1：你把整个矩阵一起归一化了。每一行（每个查询）都要单独和为 1。"},
	"attention.cause.unnormalised": {
		EN: "Each row's largest entry is 1: these look like $e^{x - m}$ before dividing by their sum.",
		ZH: "每一行最大的元素都是 1：这看起来是除以总和之前的 $e^{x - m}$。"},
	"attention.mean.empty": {EN: "MeanHeads needs at least one head with at least one row.", ZH: "MeanHeads 至少需要一个头，且至少有一行。"},
	"attention.mean.shape": {
		EN: "every head must have the shape of head 0: head %d has %d entries where head 0 has %d.",
		ZH: "每个头的形状必须与头 0 相同：头 %d 有 %d 个元素，而头 0 有 %d 个。"},
	"attention.bool.colon": {EN: ":", ZH: "："},
	"attention.walk.first": {
		EN: "The first %d queries are walked through; Options.Queries chooses others.",
		ZH: "这里逐步演示前 %d 个查询；用 Options.Queries 可以选择其他查询。"},
}
