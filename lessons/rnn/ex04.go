package rnn

import (
	"math"

	"github.com/stepwise-go/stepwise/lessons"
)

// The gates of the LSTM-step exercise, (H) = 2 each.
var (
	exI, exF, exG, exO = []float64{0.9, 0.2}, []float64{0.5, 0.95}, []float64{0.6, -0.3}, []float64{0.7, 0.4}
	exC                = []float64{0.8, -0.5}
)

// lstmState returns {c_t, h_t} from the gates and c_{t−1}, with the
// choice of a usual mistake: "" is right.
func lstmState(mistake string) [][]float64 {
	c, h := make([]float64, 2), make([]float64, 2)
	for k := range c {
		switch mistake {
		case "noForget":
			c[k] = exC[k] + exI[k]*exG[k]
		case "noCPrev":
			c[k] = exI[k] * exG[k]
		case "swapFI":
			c[k] = exI[k]*exC[k] + exF[k]*exG[k]
		default:
			c[k] = exF[k]*exC[k] + exI[k]*exG[k]
		}
		switch mistake {
		case "noTanh":
			h[k] = exO[k] * c[k]
		case "tanhOutside":
			h[k] = math.Tanh(exO[k] * c[k])
		default:
			h[k] = exO[k] * math.Tanh(c[k])
		}
	}
	return [][]float64{c, h}
}

// ExLSTMStep asks for c_t and h_t of one LSTM step, given its gates.
var ExLSTMStep = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.step",
	Title: text{EN: "One LSTM step: c_t and h_t", ZH: "LSTM 的一步：c_t 与 h_t"},
	Prompt: text{
		EN: "An LSTM with $H = 2$ units has, at step $t$, the gates $i_t = (0.9, 0.2)$, $f_t = (0.5, 0.95)$, $g_t = (0.6, -0.3)$, $o_t = (0.7, 0.4)$, and the previous cell state $c_{t-1} = (0.8, -0.5)$. What are $c_t$ and $h_t$? Pass them as two rows: `rnn.ExLSTMStep.Check([][]float64{{c0, c1}, {h0, h1}})` (two decimals are enough).",
		ZH: "一个有 $H = 2$ 个单元的 LSTM，在时间步 $t$ 的门为 $i_t = (0.9, 0.2)$、$f_t = (0.5, 0.95)$、$g_t = (0.6, -0.3)$、$o_t = (0.7, 0.4)$，上一步的记忆元为 $c_{t-1} = (0.8, -0.5)$。$c_t$ 和 $h_t$ 是多少？以两行的形式传入：`rnn.ExLSTMStep.Check([][]float64{{c0, c1}, {h0, h1}})`（保留两位小数即可）。"},
	Hints: []text{
		{EN: "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$, entry by entry ($\\odot$ multiplies matching entries).",
			ZH: "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$，逐个元素计算（$\\odot$ 表示对应元素相乘）。"},
		{EN: "$h_t = o_t \\odot \\tanh(c_t)$: the tanh comes before the output gate.", ZH: "$h_t = o_t \\odot \\tanh(c_t)$：先取 tanh，再乘输出门。"},
	},
	Solution: text{
		EN: "$c_t = (0.5\\cdot 0.8 + 0.9\\cdot 0.6,\\; 0.95\\cdot(-0.5) + 0.2\\cdot(-0.3)) = (0.94, -0.535)$ and $h_t = (0.7\\tanh 0.94,\\; 0.4\\tanh(-0.535)) = (0.515, -0.196)$.\n\n```go\nrnn.ExLSTMStep.Check([][]float64{{0.94, -0.535}, {0.515, -0.196}})\n```",
		ZH: "$c_t = (0.5\\cdot 0.8 + 0.9\\cdot 0.6,\\; 0.95\\cdot(-0.5) + 0.2\\cdot(-0.3)) = (0.94, -0.535)$，$h_t = (0.7\\tanh 0.94,\\; 0.4\\tanh(-0.535)) = (0.515, -0.196)$。\n\n```go\nrnn.ExLSTMStep.Check([][]float64{{0.94, -0.535}, {0.515, -0.196}})\n```"},
	Check: lessons.Value{Want: lstmState(""), Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(lstmState("noTanh"), text{
			EN: "$c_t$ is right, but $h_t = o_t \\odot \\tanh(c_t)$: you left out the tanh.",
			ZH: "$c_t$ 是对的，但 $h_t = o_t \\odot \\tanh(c_t)$：你漏掉了 tanh。"}),
		lessons.Mistake(lstmState("tanhOutside"), text{
			EN: "$c_t$ is right, but the tanh applies to $c_t$ before the output gate: $h_t = o_t \\odot \\tanh(c_t)$, not $\\tanh(o_t \\odot c_t)$.",
			ZH: "$c_t$ 是对的，但 tanh 作用在 $c_t$ 上，再乘输出门：$h_t = o_t \\odot \\tanh(c_t)$，而不是 $\\tanh(o_t \\odot c_t)$。"}),
		lessons.Mistake(lstmState("noForget"), text{
			EN: "You kept all of $c_{t-1}$: the forget gate scales it, $f_t \\odot c_{t-1}$.",
			ZH: "你保留了全部的 $c_{t-1}$：遗忘门要对它缩放，即 $f_t \\odot c_{t-1}$。"}),
		lessons.Mistake(lstmState("noCPrev"), text{
			EN: "You dropped the memory: $c_t$ also keeps $f_t \\odot c_{t-1}$ from the step before.",
			ZH: "你丢掉了记忆：$c_t$ 还要保留上一步的 $f_t \\odot c_{t-1}$。"}),
		lessons.Mistake(lstmState("swapFI"), text{
			EN: "You swapped the gates: the forget gate $f_t$ scales the old cell state, the input gate $i_t$ scales the candidate $g_t$.",
			ZH: "你把门用反了：遗忘门 $f_t$ 缩放旧的记忆元，输入门 $i_t$ 缩放候选值 $g_t$。"}),
		lessons.Mistake(lstmState("")[:1], text{
			EN: "That is $c_t$ alone; pass $h_t$ too, as a second row: `[][]float64{{c0, c1}, {h0, h1}}`.",
			ZH: "这只有 $c_t$；还要把 $h_t$ 作为第二行传入：`[][]float64{{c0, c1}, {h0, h1}}`。"}),
		lessons.Mistake(append(append([]float64(nil), lstmState("")[0]...), lstmState("")[1]...), text{
			EN: "The numbers are right; pass them as two rows, $c_t$ then $h_t$: `[][]float64{{c0, c1}, {h0, h1}}`.",
			ZH: "数是对的；请写成两行，先 $c_t$ 后 $h_t$：`[][]float64{{c0, c1}, {h0, h1}}`。"}),
	}}.Check,
})

// ExGateOrder asks which rows of weight_ih_l0 hold the forget gate.
var ExGateOrder = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.gate-order",
	Title: text{EN: "Where is the forget gate?", ZH: "遗忘门在哪几行？"},
	Prompt: text{
		EN: "`nn.LSTM(input_size=3, hidden_size=5)` stacks its four gates in one `weight_ih_l0` of shape (20, 3). Which rows hold $W_{if}$, the forget gate's input weights? Pass them as a Go slice range, first row and one past the last: `rnn.ExGateOrder.Check([]int{from, to})` for `weight_ih_l0[from:to]`.",
		ZH: "`nn.LSTM(input_size=3, hidden_size=5)` 把四个门堆叠在一个形状为 (20, 3) 的 `weight_ih_l0` 中。遗忘门的输入权重 $W_{if}$ 在哪几行？以 Go 切片的范围传入，即第一行和最后一行的下一行：`rnn.ExGateOrder.Check([]int{from, to})`，表示 `weight_ih_l0[from:to]`。"},
	Hints: []text{
		{EN: "PyTorch's order is i, f, g, o, each block $H = 5$ rows.", ZH: "PyTorch 的顺序是 i、f、g、o，每块 $H = 5$ 行。"},
		{EN: "Block $k$ is rows $kH$ to $(k+1)H - 1$; a Go slice `[a:b]` stops before `b`.", ZH: "第 $k$ 块是第 $kH$ 行到第 $(k+1)H - 1$ 行；Go 切片 `[a:b]` 在 `b` 之前停止。"},
	},
	Solution: text{
		EN: "The forget gate is block 1 of i, f, g, o: rows 5 to 9, `weight_ih_l0[5:10]`.\n\n```go\nrnn.ExGateOrder.Check([]int{5, 10})\n```\n`rnn.WalkLSTM` shows the blocks of any weights in its first step.",
		ZH: "遗忘门是 i、f、g、o 中的第 1 块：第 5 到第 9 行，即 `weight_ih_l0[5:10]`。\n\n```go\nrnn.ExGateOrder.Check([]int{5, 10})\n```\n`rnn.WalkLSTM` 的第一步会把任意权重按块列出来。"},
	Check: lessons.Value{Want: []int{5, 10}, Causes: []lessons.Cause{
		lessons.Mistake([]int{0, 5}, text{EN: "Rows 0–4 are the input gate $i$; PyTorch's order is i, f, g, o.",
			ZH: "第 0–4 行是输入门 $i$；PyTorch 的顺序是 i、f、g、o。"}),
		lessons.Mistake([]int{5, 9}, text{EN: "Rows 5 to 9 is right, but a Go slice stops before its end: `[5:10]`.",
			ZH: "第 5 到第 9 行是对的，但 Go 切片在结束下标之前停止：`[5:10]`。"}),
		lessons.Mistake([]int{10, 15}, text{EN: "Rows 10–14 are the candidate $g$ (the cell gate): the order is i, f, g, o.",
			ZH: "第 10–14 行是候选值 $g$（单元门）：顺序是 i、f、g、o。"}),
		lessons.Mistake([]int{15, 20}, text{EN: "Rows 15–19 are the output gate $o$: the order is i, f, g, o.",
			ZH: "第 15–19 行是输出门 $o$：顺序是 i、f、g、o。"}),
		lessons.Mistake([]int{3, 6}, text{EN: "The blocks have $H = 5$ rows (one per hidden unit), not $I = 3$.",
			ZH: "每块有 $H = 5$ 行（每个隐藏单元一行），而不是 $I = 3$ 行。"}),
	}}.Check,
})

// The numbers of the GRU-candidate exercise (one unit).
const (
	gruX, gruH, gruWin, gruBin, gruWhn, gruBhn, gruR = 1.0, 0.5, 0.8, 0.1, 1.2, 0.4, 0.25
)

// ExGRUCandidate asks for n_t of a one-unit GRU, PyTorch's way.
var ExGRUCandidate = lessons.NewExercise(lessons.Spec{
	ID:    "gru.candidate",
	Title: text{EN: "The GRU's candidate state", ZH: "GRU 的候选隐状态"},
	Prompt: text{
		EN: "A GRU with one unit has $W_{in} = 0.8$, $b_{in} = 0.1$, $W_{hn} = 1.2$, $b_{hn} = 0.4$. At step $t$ the input is $x_t = 1$, the previous hidden state $h_{t-1} = 0.5$ and the reset gate $r_t = 0.25$. What is the candidate hidden state $n_t$, computed as PyTorch's `nn.GRU` does? `rnn.ExGRUCandidate.Check(…)`",
		ZH: "一个只有一个单元的 GRU，$W_{in} = 0.8$，$b_{in} = 0.1$，$W_{hn} = 1.2$，$b_{hn} = 0.4$。在时间步 $t$，输入 $x_t = 1$，上一步的隐状态 $h_{t-1} = 0.5$，重置门 $r_t = 0.25$。按 PyTorch 的 `nn.GRU` 的算法，候选隐状态 $n_t$ 是多少？`rnn.ExGRUCandidate.Check(…)`"},
	Hints: []text{
		{EN: "PyTorch: $n_t = \\tanh\\left(W_{in}x_t + b_{in} + r_t \\odot (W_{hn}h_{t-1} + b_{hn})\\right)$.",
			ZH: "PyTorch：$n_t = \\tanh\\left(W_{in}x_t + b_{in} + r_t \\odot (W_{hn}h_{t-1} + b_{hn})\\right)$。"},
		{EN: "The reset gate multiplies the whole bracket, $b_{hn}$ included.", ZH: "重置门乘的是整个括号，包括 $b_{hn}$。"},
	},
	Solution: text{
		EN: "$n_t = \\tanh(0.8 + 0.1 + 0.25\\cdot(1.2\\cdot 0.5 + 0.4)) = \\tanh(1.15) = 0.818$.\n\n```go\nrnn.ExGRUCandidate.Check(0.818)\n```\nThe original paper (and Keras with `reset_after=False`) applies $r_t$ to $h_{t-1}$ before the product instead: $\\tanh(W_{in}x_t + b_{in} + W_{hn}(r_t \\odot h_{t-1}) + b_{hn}) = \\tanh(1.45) = 0.896$ — a different number from the same weights.",
		ZH: "$n_t = \\tanh(0.8 + 0.1 + 0.25\\cdot(1.2\\cdot 0.5 + 0.4)) = \\tanh(1.15) = 0.818$。\n\n```go\nrnn.ExGRUCandidate.Check(0.818)\n```\n原论文（以及 Keras 的 `reset_after=False`）是先用 $r_t$ 乘 $h_{t-1}$ 再做矩阵乘法：$\\tanh(W_{in}x_t + b_{in} + W_{hn}(r_t \\odot h_{t-1}) + b_{hn}) = \\tanh(1.45) = 0.896$——同样的权重，得到不同的数。"},
	Check: lessons.Value{Want: math.Tanh(gruWin*gruX + gruBin + gruR*(gruWhn*gruH+gruBhn)), Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(math.Tanh(gruWin*gruX+gruBin+gruWhn*(gruR*gruH)+gruBhn), text{
			EN: "That is the original paper's form, $W_{hn}(r_t \\odot h_{t-1}) + b_{hn}$; PyTorch multiplies $r_t$ with $(W_{hn}h_{t-1} + b_{hn})$, bias included.",
			ZH: "这是原论文的形式 $W_{hn}(r_t \\odot h_{t-1}) + b_{hn}$；PyTorch 用 $r_t$ 乘的是 $(W_{hn}h_{t-1} + b_{hn})$，包括偏置。"}),
		lessons.Mistake(math.Tanh(gruWin*gruX+gruBin+gruR*gruWhn*gruH+gruBhn), text{
			EN: "You left $b_{hn}$ outside the reset gate; in PyTorch $r_t$ multiplies $(W_{hn}h_{t-1} + b_{hn})$.",
			ZH: "你把 $b_{hn}$ 放在了重置门外面；在 PyTorch 中 $r_t$ 乘的是 $(W_{hn}h_{t-1} + b_{hn})$。"}),
		lessons.Mistake(math.Tanh(gruWin*gruX+gruBin+gruWhn*gruH+gruBhn), text{
			EN: "You left out the reset gate $r_t$.", ZH: "你漏掉了重置门 $r_t$。"}),
		lessons.Mistake(math.Tanh(gruWin*gruX+gruBin+gruR*gruWhn*gruH), text{
			EN: "You left out $b_{hn}$.", ZH: "你漏掉了 $b_{hn}$。"}),
		lessons.Mistake(gruWin*gruX+gruBin+gruR*(gruWhn*gruH+gruBhn), text{
			EN: "That is the pre-activation; $n_t$ is its tanh.", ZH: "这是激活前的值；$n_t$ 是它的 tanh。"}),
	}}.Check,
})

// ExLSTMParams asks for the number of parameters of nn.LSTM(10, 20).
var ExLSTMParams = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.params",
	Title: text{EN: "Parameters of an LSTM", ZH: "LSTM 的参数个数"},
	Prompt: text{
		EN: "How many parameters does `nn.LSTM(input_size=10, hidden_size=20)` have — weights and biases? Compare with the plain RNN of notebook 03. `rnn.ExLSTMParams.Check(…)`",
		ZH: "`nn.LSTM(input_size=10, hidden_size=20)` 有多少个参数（权重和偏置）？可以和笔记本 03 中的普通循环神经网络比一比。`rnn.ExLSTMParams.Check(…)`"},
	Hints: []text{
		{EN: "Each of the four gates i, f, g, o has its own $W_{i\\cdot}$ (20, 10), $W_{h\\cdot}$ (20, 20) and two biases of 20.",
			ZH: "i、f、g、o 四个门各有自己的 $W_{i\\cdot}$ (20, 10)、$W_{h\\cdot}$ (20, 20) 和两个长为 20 的偏置。"},
		{EN: "Check with `nn.NewLSTM(10, 20).Parameters()`: add up `len(p.Value.Data)`.", ZH: "可以用 `nn.NewLSTM(10, 20).Parameters()` 验证：把 `len(p.Value.Data)` 加起来。"},
	},
	Solution: text{
		EN: "$4\\cdot(20\\cdot 10 + 20\\cdot 20 + 20 + 20) = 4\\cdot 640 = 2560$: `weight_ih_l0` (80, 10), `weight_hh_l0` (80, 20), `bias_ih_l0` (80), `bias_hh_l0` (80).\n\n```go\nrnn.ExLSTMParams.Check(2560)\n```",
		ZH: "$4\\cdot(20\\cdot 10 + 20\\cdot 20 + 20 + 20) = 4\\cdot 640 = 2560$：`weight_ih_l0` (80, 10)、`weight_hh_l0` (80, 20)、`bias_ih_l0` (80)、`bias_hh_l0` (80)。\n\n```go\nrnn.ExLSTMParams.Check(2560)\n```"},
	Check: lessons.Value{Want: 2560, Causes: []lessons.Cause{
		lessons.Mistake(640, text{EN: "640 is the plain RNN; the LSTM has four gates, each with its own weights and biases.",
			ZH: "640 是普通循环神经网络的；LSTM 有四个门，每个门都有自己的权重和偏置。"}),
		lessons.Mistake(2480, text{EN: "You counted one bias per gate; PyTorch keeps two, `bias_ih` and `bias_hh`.",
			ZH: "你每个门只算了一个偏置；PyTorch 保留两个：`bias_ih` 和 `bias_hh`。"}),
		lessons.Mistake(2400, text{EN: "You left out the biases: 2 × 80 numbers.", ZH: "你漏掉了偏置：2 × 80 个数。"}),
		lessons.Mistake(1920, text{EN: "1920 is the GRU (3 gates: r, z, n); the LSTM has 4.", ZH: "1920 是 GRU 的（3 个门：r、z、n）；LSTM 有 4 个。"}),
		lessons.Mistake(3200, text{EN: "Five blocks? The cell state $c_t$ has no weights of its own: only the gates i, f, g, o do.",
			ZH: "五块？记忆元 $c_t$ 没有自己的权重：只有 i、f、g、o 四个门有。"}),
	}}.Check,
})

// The padded batch of the reading exercise.
var (
	padT       = 6
	padLengths = []int{6, 3, 1, 4}
)

func padIndex(shift int, last bool) []int {
	out := make([]int, len(padLengths))
	for b, n := range padLengths {
		out[b] = n - 1 + shift
		if last {
			out[b] = padT - 1
		}
	}
	return out
}

// ExPaddedIndex asks which time step to read for each padded sequence.
var ExPaddedIndex = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.padded-index",
	Title: text{EN: "Which step to read?", ZH: "该读哪个时间步？"},
	Prompt: text{
		EN: "A batch of four sequences of lengths 6, 3, 1 and 4, padded at the end to $T = 6$, goes through `nn.LSTM(…, batch_first=True)`; `output` is (4, 6, H). For each sequence $b$, which index $t$ of `output[b, t]` is its state after its last real token? `rnn.ExPaddedIndex.Check([]int{…, …, …, …})`",
		ZH: "一个含四个序列的批量，长度分别为 6、3、1、4，在末尾填充到 $T = 6$，送入 `nn.LSTM(…, batch_first=True)`；`output` 的形状是 (4, 6, H)。对每个序列 $b$，`output[b, t]` 中哪个下标 $t$ 是读完它最后一个真实词元之后的状态？`rnn.ExPaddedIndex.Check([]int{…, …, …, …})`"},
	Hints: []text{
		{EN: "Time steps are numbered from 0: a sequence of length $n$ fills $t = 0 \\ldots n-1$; the rest is padding.",
			ZH: "时间步从 0 开始编号：长度为 $n$ 的序列占据 $t = 0 \\ldots n-1$；其余是填充。"},
	},
	Solution: text{
		EN: "`lengths − 1`: $(5, 2, 0, 3)$. `output[:, -1]` would read $t = 5$ for all four, which for three of them is a state after padding. In PyTorch: `output[torch.arange(B), lengths - 1]`, or `pack_padded_sequence` and `h_n[-1]`; here `nn.SeedLSTM.ForwardLengths`.\n\n```go\nrnn.ExPaddedIndex.Check([]int{5, 2, 0, 3})\n```",
		ZH: "`lengths − 1`：$(5, 2, 0, 3)$。`output[:, -1]` 对四个序列都会读 $t = 5$，其中三个读到的是填充之后的状态。在 PyTorch 中写作 `output[torch.arange(B), lengths - 1]`，或用 `pack_padded_sequence` 再取 `h_n[-1]`；这里是 `nn.SeedLSTM.ForwardLengths`。\n\n```go\nrnn.ExPaddedIndex.Check([]int{5, 2, 0, 3})\n```"},
	Check: lessons.Value{Want: padIndex(0, false), Causes: []lessons.Cause{
		lessons.Mistake(padIndex(0, true), text{
			EN: "That is `output[:, -1]`, the seed's reading: for the shorter sequences it is the state after the padding.",
			ZH: "这是 `output[:, -1]`，即种子文档的读法：对较短的序列，它读到的是填充之后的状态。"}),
		lessons.Mistake(padIndex(1, false), text{
			EN: "Off by one: indices start at 0, so a sequence of length $n$ ends at $t = n - 1$.",
			ZH: "差了一：下标从 0 开始，所以长度为 $n$ 的序列结束于 $t = n - 1$。"}),
	}}.Check,
})

// ExH0Shape asks for the shape of h0 with batch_first=True. (Not the
// LSTM of the notebook's section 4, which prints its h0 shape.)
var ExH0Shape = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.h0-shape",
	Title: text{EN: "The shape of h0", ZH: "h0 的形状"},
	Prompt: text{
		EN: "`lstm = nn.LSTM(10, 64, num_layers=3, batch_first=True)` reads a batch `x` of shape (32, 20, 10): 32 sequences of 20 steps. What shape must `h0` have in `lstm(x, (h0, c0))`? `rnn.ExH0Shape.Check([]int{…, …, …})`",
		ZH: "`lstm = nn.LSTM(10, 64, num_layers=3, batch_first=True)` 读入形状为 (32, 20, 10) 的批量 `x`：32 个长为 20 步的序列。`lstm(x, (h0, c0))` 中的 `h0` 应该是什么形状？`rnn.ExH0Shape.Check([]int{…, …, …})`"},
	Hints: []text{
		{EN: "`batch_first` changes the layout of `x` and `output` only.", ZH: "`batch_first` 只改变 `x` 和 `output` 的布局。"},
		{EN: "The states are (num_layers · directions, batch, hidden).", ZH: "状态的形状是 (num_layers · directions, batch, hidden)。"},
	},
	Solution: text{
		EN: "(3, 32, 64): one (32, 64) state per layer, layers first even with `batch_first=True`.\n\n```go\nrnn.ExH0Shape.Check([]int{3, 32, 64})\n```\n`nn.NewLSTM(10, 64, nn.NumLayers(3), nn.BatchFirst()).ForwardState(x, h0, c0)` rejects (32, 3, 64) with a message saying so.",
		ZH: "(3, 32, 64)：每层一个 (32, 64) 的状态，即使 `batch_first=True`，层数也在最前面。\n\n```go\nrnn.ExH0Shape.Check([]int{3, 32, 64})\n```\n`nn.NewLSTM(10, 64, nn.NumLayers(3), nn.BatchFirst()).ForwardState(x, h0, c0)` 会拒绝 (32, 3, 64)，并给出说明。"},
	Check: lessons.Value{Want: []int{3, 32, 64}, Causes: []lessons.Cause{
		lessons.Mistake([]int{32, 3, 64}, text{
			EN: "`batch_first=True` does not apply to the hidden and cell states: they stay (num_layers, batch, hidden).",
			ZH: "`batch_first=True` 不作用于隐状态和记忆元：它们仍是 (num_layers, batch, hidden)。"}),
		lessons.Mistake([]int{1, 32, 64}, text{
			EN: "There are three layers, and each needs its own initial state.", ZH: "一共三层，每层都需要自己的初始状态。"}),
		lessons.Mistake([]int{3, 20, 64}, text{
			EN: "20 is the sequence length; the middle size is the batch (32).", ZH: "20 是序列长度；中间那一维是批量大小（32）。"}),
		lessons.Mistake([]int{3, 32, 10}, text{
			EN: "10 is the input size; a state has `hidden_size` entries.", ZH: "10 是输入大小；状态有 `hidden_size` 个元素。"}),
		lessons.Mistake([]int{32, 20, 64}, text{
			EN: "That is the shape of `output`; `h0` holds one state per layer, not one per time step.",
			ZH: "这是 `output` 的形状；`h0` 每层存一个状态，而不是每个时间步一个。"}),
	}}.Check,
})

// refLastStates is the reference for ExLastStates: output[b][lengths[b]−1].
func refLastStates(output [][][]float64, lengths []int) [][]float64 {
	out := make([][]float64, len(output))
	for b, seq := range output {
		out[b] = append([]float64(nil), seq[lengths[b]-1]...)
	}
	return out
}

// lastStatesSeed is the seed's reading, output[b][T−1], for the mistake.
func lastStatesSeed(output [][][]float64, _ []int) [][]float64 {
	out := make([][]float64, len(output))
	for b, seq := range output {
		out[b] = append([]float64(nil), seq[len(seq)-1]...)
	}
	return out
}

// exOutput is a (B, T, H) = (3, 4, 2) output whose entries say where they
// come from: output[b][t] = (10b + t, −(10b + t)).
func exOutput(B, T int) [][][]float64 {
	out := make([][][]float64, B)
	for b := range out {
		out[b] = make([][]float64, T)
		for t := range out[b] {
			v := float64(10*b + t)
			out[b][t] = []float64{v, -v}
		}
	}
	return out
}

var lastParams = []string{"output", "lengths"}

// ExLastStates asks for the fix of the padding pitfall as code.
var ExLastStates = lessons.NewExercise(lessons.Spec{
	ID:    "lstm.last-states",
	Title: text{EN: "Read each sequence at its own end", ZH: "在每个序列自己的末尾读取"},
	Prompt: text{
		EN: "Write `func lastStates(output [][][]float64, lengths []int) [][]float64`: `output` is an LSTM's batch-first output (B, T, H) for sequences padded at the end, and `lengths[b]` is sequence $b$'s real length. Return, for each $b$, a **copy** of its state after its last real step — what `nn.SeedLSTM.ForwardLengths` hands to the classifier. `rnn.ExLastStates.Check(lastStates)`",
		ZH: "编写 `func lastStates(output [][][]float64, lengths []int) [][]float64`：`output` 是 LSTM 对在末尾填充过的序列给出的 batch-first 输出 (B, T, H)，`lengths[b]` 是序列 $b$ 的真实长度。对每个 $b$，返回它读完最后一个真实时间步之后的状态的**副本**——也就是 `nn.SeedLSTM.ForwardLengths` 交给分类器的东西。`rnn.ExLastStates.Check(lastStates)`"},
	Hints: []text{
		{EN: "Sequence $b$ fills $t = 0 \\ldots$ `lengths[b]-1`; the rest is padding.", ZH: "序列 $b$ 占据 $t = 0 \\ldots$ `lengths[b]-1`；其余是填充。"},
		{EN: "`out[b] = append([]float64(nil), output[b][lengths[b]-1]...)` copies the row.", ZH: "`out[b] = append([]float64(nil), output[b][lengths[b]-1]...)` 会复制这一行。"},
	},
	Solution: text{
		EN: "```go\nfunc lastStates(output [][][]float64, lengths []int) [][]float64 {\n\tout := make([][]float64, len(output))\n\tfor b, seq := range output {\n\t\tout[b] = append([]float64(nil), seq[lengths[b]-1]...)\n\t}\n\treturn out\n}\n```\nIn PyTorch: `output[torch.arange(B), lengths - 1]`.",
		ZH: "```go\nfunc lastStates(output [][][]float64, lengths []int) [][]float64 {\n\tout := make([][]float64, len(output))\n\tfor b, seq := range output {\n\t\tout[b] = append([]float64(nil), seq[lengths[b]-1]...)\n\t}\n\treturn out\n}\n```\n在 PyTorch 中写作 `output[torch.arange(B), lengths - 1]`。"},
	Check: lessons.Func{Ref: refLastStates, Params: lastParams, Causes: []lessons.Cause{
		lessons.Mistake(lastStatesSeed(exOutput(3, 4), nil), text{
			EN: "That is `output[:, -1]`, the seed's reading: the state after the padding.",
			ZH: "这是 `output[:, -1]`，即种子文档的读法：填充之后的状态。"}),
		lessons.Mistake(refLastStates(exOutput(3, 4), []int{3, 1, 2}), text{
			EN: "Off by one: you read `output[b][lengths[b]-2]`; a sequence of length $n$ ends at index $n - 1$.",
			ZH: "差了一：你读的是 `output[b][lengths[b]-2]`；长度为 $n$ 的序列结束于下标 $n - 1$。"}),
	}, Cases: []lessons.Case{
		{Args: []any{exOutput(3, 4), []int{4, 2, 3}}, About: text{EN: "3 sequences of lengths 4, 2, 3, padded to T = 4", ZH: "3 个序列，长度 4、2、3，填充到 T = 4"}},
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: refLastStates, Params: lastParams, Cases: []lessons.Case{
			{Args: []any{exOutput(2, 5), []int{5, 5}}, About: text{EN: "no padding at all", ZH: "完全没有填充"}},
			{Args: []any{exOutput(4, 3), []int{1, 1, 3, 2}}, About: text{EN: "sequences of length 1", ZH: "长度为 1 的序列"}},
			{Args: []any{exOutput(1, 1), []int{1}}, About: text{EN: "one sequence of one step", ZH: "只有一个时间步的单个序列"}},
		}}.Check,
		lessons.Func{Ref: refLastStates, Params: lastParams, Pure: true, Cases: []lessons.Case{
			{Args: []any{exOutput(2, 3), []int{2, 3}}, About: text{EN: "output must stay as it was", ZH: "output 必须保持不变"}},
		}}.Check,
	},
})

// Lesson04 is notebook 04: LSTM and GRU.
var Lesson04 = lessons.Register(&lessons.Lesson{
	Name:  "04-lstm-gru",
	Title: text{EN: "LSTM and GRU, gate by gate", ZH: "LSTM 与 GRU，逐个门"},
	Summary: text{
		EN: "Every gate of an LSTM and a GRU with numbers, gate activations over a sequence, the seed document's LSTM classifier with its padding pitfall shown and fixed on a parity task trained in the notebook, and the shape of h0.",
		ZH: "代入实际数值的 LSTM 与 GRU 的每一个门，一个序列上各门的激活，种子文档的 LSTM 分类器——在笔记本中训练的奇偶任务上展示并修正它的填充陷阱，以及 h0 的形状。"},
	Exercises: []*lessons.Exercise{ExLSTMStep, ExGateOrder, ExGRUCandidate, ExLSTMParams, ExPaddedIndex, ExH0Shape, ExLastStates},
})
