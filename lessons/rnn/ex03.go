package rnn

import (
	"math"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

type text = lessons.Text

// The numbers of the one-step exercises.
var (
	exWIH = [][]float64{{0.5, -1}, {1, 0.5}}
	exWHH = [][]float64{{0.5, 0}, {-0.5, 1}}
	exBIH = []float64{0, 0.5}
	exBHH = []float64{0.25, 0}
	exX   = []float64{1, 0.5}
	exH   = []float64{0.4, -0.2}
)

// cell computes one RNN step with mathref's literal formula.
func cell(x, h []float64, wih, whh [][]float64, bih, bhh []float64, nonlinearity string) []float64 {
	p := mathref.RecurrentWeights{WeightIH: mathref.Matrix(wih), WeightHH: mathref.Matrix(whh), BiasIH: bih, BiasHH: bhh}
	return mathref.RNNCell(mathref.Vector(x...), mathref.Vector(h...), p, nonlinearity).Data
}

// preact is the pre-activation W_ih x + b_ih + W_hh h + b_hh.
func preact(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	out := make([]float64, len(wih))
	for k := range out {
		for j, w := range wih[k] {
			out[k] += w * x[j]
		}
		for l, w := range whh[k] {
			out[k] += w * h[l]
		}
		if bih != nil {
			out[k] += bih[k]
		}
		if bhh != nil {
			out[k] += bhh[k]
		}
	}
	return out
}

func tanhAll(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Tanh(x)
	}
	return out
}

func transpose(m [][]float64) [][]float64 {
	out := make([][]float64, len(m[0]))
	for j := range out {
		out[j] = make([]float64, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

// stepMistakes are the usual wrong versions of one tanh step, for the
// inputs given.
func stepMistakes(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []lessons.Cause {
	var cs []lessons.Cause
	add := func(v []float64, why text) { cs = append(cs, lessons.Mistake(v, why)) }
	add(preact(x, h, wih, whh, bih, bhh), text{
		EN: "These are the pre-activations $a = W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$: apply $\\tanh$ to each entry.",
		ZH: "这是激活前的值 $a = W_{ih}x + b_{ih} + W_{hh}h + b_{hh}$：还要对每个元素取 $\\tanh$。"})
	add(tanhAll(preact(x, h, wih, whh, bih, nil)), text{
		EN: "You left out $b_{hh}$: PyTorch's RNN adds two bias vectors, $b_{ih}$ and $b_{hh}$.",
		ZH: "你漏掉了 $b_{hh}$：PyTorch 的 RNN 加的是两个偏置向量 $b_{ih}$ 和 $b_{hh}$。"})
	add(tanhAll(preact(x, h, wih, whh, nil, bhh)), text{
		EN: "You left out $b_{ih}$: PyTorch's RNN adds two bias vectors, $b_{ih}$ and $b_{hh}$.",
		ZH: "你漏掉了 $b_{ih}$：PyTorch 的 RNN 加的是两个偏置向量 $b_{ih}$ 和 $b_{hh}$。"})
	add(tanhAll(preact(x, h, wih, whh, nil, nil)), text{
		EN: "You left out both biases $b_{ih}$ and $b_{hh}$.",
		ZH: "你漏掉了两个偏置 $b_{ih}$ 和 $b_{hh}$。"})
	if len(x) == len(h) {
		add(tanhAll(preact(x, h, whh, wih, bih, bhh)), text{
			EN: "You swapped the weights: $W_{ih}$ multiplies the input $x_t$, $W_{hh}$ the previous hidden state $h_{t-1}$.",
			ZH: "你把两个权重用反了：$W_{ih}$ 乘以输入 $x_t$，$W_{hh}$ 乘以上一步的隐状态 $h_{t-1}$。"})
	}
	if len(wih) == len(wih[0]) && len(whh) == len(whh[0]) {
		add(tanhAll(preact(x, h, transpose(wih), transpose(whh), bih, bhh)), text{
			EN: "You multiplied by the transposed weights ($x^\\top W$ instead of $W x$): PyTorch stores $W_{ih}$ as (H, I), so unit $k$ uses row $k$.",
			ZH: "你乘的是转置后的权重（$x^\\top W$ 而不是 $W x$）：PyTorch 把 $W_{ih}$ 存成 (H, I)，单元 $k$ 用的是第 $k$ 行。"})
	}
	add(tanhAll(preact(x, make([]float64, len(h)), wih, whh, bih, bhh)), text{
		EN: "You left out $W_{hh}h_{t-1}$: the previous hidden state is what makes the network recurrent.",
		ZH: "你漏掉了 $W_{hh}h_{t-1}$：正是上一步的隐状态让网络成为循环网络。"})
	return cs
}

// ExStep asks for one RNN step worked out by hand.
var ExStep = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.step",
	Title: text{EN: "One RNN step by hand", ZH: "手算一步循环神经网络"},
	Prompt: text{
		EN: "An RNN with $I = 2$ inputs and $H = 2$ hidden units (tanh) has\n\n$$W_{ih} = \\begin{bmatrix}0.5 & -1 \\\\ 1 & 0.5\\end{bmatrix},\\quad b_{ih} = \\begin{bmatrix}0 \\\\ 0.5\\end{bmatrix},\\quad W_{hh} = \\begin{bmatrix}0.5 & 0 \\\\ -0.5 & 1\\end{bmatrix},\\quad b_{hh} = \\begin{bmatrix}0.25 \\\\ 0\\end{bmatrix}.$$\n\nWith the input $x_t = (1, 0.5)$ and the previous hidden state $h_{t-1} = (0.4, -0.2)$, what is $h_t$? Two decimals are enough: `rnn.ExStep.Check([]float64{…, …})`.",
		ZH: "一个有 $I = 2$ 个输入、$H = 2$ 个隐藏单元（tanh）的循环神经网络，参数为\n\n$$W_{ih} = \\begin{bmatrix}0.5 & -1 \\\\ 1 & 0.5\\end{bmatrix},\\quad b_{ih} = \\begin{bmatrix}0 \\\\ 0.5\\end{bmatrix},\\quad W_{hh} = \\begin{bmatrix}0.5 & 0 \\\\ -0.5 & 1\\end{bmatrix},\\quad b_{hh} = \\begin{bmatrix}0.25 \\\\ 0\\end{bmatrix}。$$\n\n输入为 $x_t = (1, 0.5)$，上一步的隐状态为 $h_{t-1} = (0.4, -0.2)$，$h_t$ 是多少？保留两位小数即可：`rnn.ExStep.Check([]float64{…, …})`。"},
	Hints: []text{
		{EN: "Unit $k$ uses row $k$ of each matrix: $a_k = \\sum_j W_{ih}[k,j]\\,x_j + b_{ih}[k] + \\sum_l W_{hh}[k,l]\\,h_l + b_{hh}[k]$.",
			ZH: "单元 $k$ 使用每个矩阵的第 $k$ 行：$a_k = \\sum_j W_{ih}[k,j]\\,x_j + b_{ih}[k] + \\sum_l W_{hh}[k,l]\\,h_l + b_{hh}[k]$。"},
		{EN: "$a_0 = 0.5\\cdot 1 - 1\\cdot 0.5 + 0 + 0.5\\cdot 0.4 + 0\\cdot(-0.2) + 0.25$. Then $h_k = \\tanh(a_k)$; `math.Tanh` is at hand in a cell.",
			ZH: "$a_0 = 0.5\\cdot 1 - 1\\cdot 0.5 + 0 + 0.5\\cdot 0.4 + 0\\cdot(-0.2) + 0.25$。然后 $h_k = \\tanh(a_k)$；单元格里可以直接用 `math.Tanh`。"},
	},
	Solution: text{
		EN: "$a_0 = 0.5 - 0.5 + 0 + 0.2 + 0 + 0.25 = 0.45$ and $a_1 = 1 + 0.25 + 0.5 - 0.2 - 0.2 + 0 = 1.35$, so $h_t = (\\tanh 0.45, \\tanh 1.35) = (0.422, 0.874)$.\n\n```go\nrnn.ExStep.Check([]float64{0.422, 0.874})\n```\n`rnn.WalkRNN` with these weights, the sequence `[][]float64{{1, 0.5}}` and `rnn.Options{H0: []float64{0.4, -0.2}}` shows the same step.",
		ZH: "$a_0 = 0.5 - 0.5 + 0 + 0.2 + 0 + 0.25 = 0.45$，$a_1 = 1 + 0.25 + 0.5 - 0.2 - 0.2 + 0 = 1.35$，所以 $h_t = (\\tanh 0.45, \\tanh 1.35) = (0.422, 0.874)$。\n\n```go\nrnn.ExStep.Check([]float64{0.422, 0.874})\n```\n用这些权重、序列 `[][]float64{{1, 0.5}}` 和 `rnn.Options{H0: []float64{0.4, -0.2}}` 调用 `rnn.WalkRNN`，会展示同一步。"},
	Check: lessons.Value{Want: cell(exX, exH, exWIH, exWHH, exBIH, exBHH, "tanh"), Tol: lessons.ByHand,
		Causes: stepMistakes(exX, exH, exWIH, exWHH, exBIH, exBHH)}.Check,
})

// ExShapes asks for the shapes of weight_ih_l0 and weight_hh_l0.
var ExShapes = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.shapes",
	Title: text{EN: "The shapes of the weights", ZH: "权重的形状"},
	Prompt: text{
		EN: "`nn.RNN(input_size=10, hidden_size=20)` in PyTorch (and `nn.NewRNN(10, 20)` here). What are the shapes of `weight_ih_l0` and `weight_hh_l0`? Pass them as rows and columns: `rnn.ExShapes.Check([][]int{{…, …}, {…, …}})`.",
		ZH: "PyTorch 中的 `nn.RNN(input_size=10, hidden_size=20)`（这里是 `nn.NewRNN(10, 20)`）。`weight_ih_l0` 和 `weight_hh_l0` 的形状分别是什么？以行数和列数的形式传入：`rnn.ExShapes.Check([][]int{{…, …}, {…, …}})`。"},
	Hints: []text{
		{EN: "PyTorch computes $W_{ih}\\,x$: the weight has one row per hidden unit and one column per input.",
			ZH: "PyTorch 计算的是 $W_{ih}\\,x$：权重的每一行对应一个隐藏单元，每一列对应一个输入。"},
		{EN: "Build one and look: `nn.NewRNN(10, 20).WeightIH[0].Shape`.", ZH: "建一个看看：`nn.NewRNN(10, 20).WeightIH[0].Shape`。"},
	},
	Solution: text{
		EN: "`weight_ih_l0` is $(H, I) = (20, 10)$ and `weight_hh_l0` is $(H, H) = (20, 20)$:\n\n```go\nrnn.ExShapes.Check([][]int{{20, 10}, {20, 20}})\n```\nd2l's $W_{xh}$ is $(I, H)$ because it writes rows, $X_t W_{xh}$: the same numbers, transposed.",
		ZH: "`weight_ih_l0` 的形状是 $(H, I) = (20, 10)$，`weight_hh_l0` 是 $(H, H) = (20, 20)$：\n\n```go\nrnn.ExShapes.Check([][]int{{20, 10}, {20, 20}})\n```\nd2l 的 $W_{xh}$ 是 $(I, H)$，因为它按行写成 $X_t W_{xh}$：数相同，只是转置了。"},
	Check: lessons.Value{Want: [][]int{{20, 10}, {20, 20}}, Causes: []lessons.Cause{
		lessons.Mistake([][]int{{10, 20}, {20, 20}}, text{
			EN: "$(10, 20)$ is d2l's $W_{xh}$, written for rows $X_t W_{xh}$; PyTorch stores `weight_ih` as (hidden_size, input_size) and computes $W_{ih}x$.",
			ZH: "$(10, 20)$ 是 d2l 的 $W_{xh}$，用于按行写的 $X_t W_{xh}$；PyTorch 把 `weight_ih` 存成 (hidden_size, input_size)，计算 $W_{ih}x$。"}),
		lessons.Mistake([][]int{{20, 10}, {20, 10}}, text{
			EN: "`weight_hh` multiplies the hidden state, which has 20 entries, not the input.",
			ZH: "`weight_hh` 乘的是有 20 个元素的隐状态，而不是输入。"}),
		lessons.Mistake([][]int{{20, 20}, {20, 10}}, text{
			EN: "You swapped them: `weight_ih` (input to hidden) comes first.",
			ZH: "你把两个弄反了：先是 `weight_ih`（输入到隐藏）。"}),
		lessons.Mistake([]int{20, 10, 20, 20}, text{
			EN: "The numbers are right; pass them as two shapes, one per row: `[][]int{{…, …}, {…, …}}`.",
			ZH: "数是对的；请写成两个形状，每行一个：`[][]int{{…, …}, {…, …}}`。"}),
	}}.Check,
})

// ExParams asks for the number of parameters of nn.RNN(10, 20).
var ExParams = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.params",
	Title: text{EN: "How many parameters?", ZH: "有多少个参数？"},
	Prompt: text{
		EN: "How many numbers does `nn.RNN(input_size=10, hidden_size=20)` learn, when it reads sentences of 50 time steps? `rnn.ExParams.Check(…)`",
		ZH: "`nn.RNN(input_size=10, hidden_size=20)` 读长为 50 个时间步的句子时，一共要学习多少个数（参数）？`rnn.ExParams.Check(…)`"},
	Hints: []text{
		{EN: "List the parameters: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, and their shapes.",
			ZH: "把参数列出来：`weight_ih_l0`、`weight_hh_l0`、`bias_ih_l0`、`bias_hh_l0`，以及它们的形状。"},
		{EN: "Does the number of time steps change the parameters?", ZH: "时间步的数量会改变参数吗？"},
	},
	Solution: text{
		EN: "$20\\cdot 10 + 20\\cdot 20 + 20 + 20 = 640$, whatever the length: the same weights are used at every time step.\n\n```go\nrnn.ExParams.Check(640)\n```",
		ZH: "$20\\cdot 10 + 20\\cdot 20 + 20 + 20 = 640$，与长度无关：每个时间步都使用同样的权重。\n\n```go\nrnn.ExParams.Check(640)\n```"},
	Check: lessons.Value{Want: 640, Causes: []lessons.Cause{
		lessons.Mistake(620, text{EN: "That counts one bias vector; PyTorch's RNN has two, `bias_ih` and `bias_hh`, 20 numbers each.",
			ZH: "这只算了一个偏置向量；PyTorch 的 RNN 有两个，`bias_ih` 和 `bias_hh`，各 20 个数。"}),
		lessons.Mistake(600, text{EN: "You left out the biases: two vectors of 20.", ZH: "你漏掉了偏置：两个各含 20 个数的向量。"}),
		lessons.Mistake(640*50, text{EN: "The parameters are shared across time: the same 640 numbers are used at all 50 steps.",
			ZH: "参数在时间上共享：50 个时间步用的是同样的 640 个数。"}),
		lessons.Mistake(400, text{EN: "That is only $W_{hh}$; add $W_{ih}$ (20·10) and both biases.",
			ZH: "这只是 $W_{hh}$；还要加上 $W_{ih}$（20·10）和两个偏置。"}),
	}}.Check,
})

var (
	reluWIH = [][]float64{{1, -1}, {0.5, 0.5}}
	reluWHH = [][]float64{{0.5, -0.5}, {1, 0}}
	reluBIH = []float64{0.1, -0.2}
	reluBHH = []float64{0, 0.1}
	reluX   = []float64{0.5, 1}
	reluH   = []float64{1, 0.5}
)

// ExReLU asks for one step of an RNN with nonlinearity='relu'.
var ExReLU = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.relu",
	Title: text{EN: "One step of a ReLU RNN", ZH: "ReLU 循环神经网络的一步"},
	Prompt: text{
		EN: "`nn.RNN(2, 2, nonlinearity='relu')` computes $h_t = \\mathrm{ReLU}(W_{ih}x_t + b_{ih} + W_{hh}h_{t-1} + b_{hh})$. With\n\n$$W_{ih} = \\begin{bmatrix}1 & -1 \\\\ 0.5 & 0.5\\end{bmatrix},\\quad b_{ih} = \\begin{bmatrix}0.1 \\\\ -0.2\\end{bmatrix},\\quad W_{hh} = \\begin{bmatrix}0.5 & -0.5 \\\\ 1 & 0\\end{bmatrix},\\quad b_{hh} = \\begin{bmatrix}0 \\\\ 0.1\\end{bmatrix},$$\n\n$x_t = (0.5, 1)$ and $h_{t-1} = (1, 0.5)$, what is $h_t$? `rnn.ExReLU.Check([]float64{…, …})`",
		ZH: "`nn.RNN(2, 2, nonlinearity='relu')` 计算 $h_t = \\mathrm{ReLU}(W_{ih}x_t + b_{ih} + W_{hh}h_{t-1} + b_{hh})$。已知\n\n$$W_{ih} = \\begin{bmatrix}1 & -1 \\\\ 0.5 & 0.5\\end{bmatrix},\\quad b_{ih} = \\begin{bmatrix}0.1 \\\\ -0.2\\end{bmatrix},\\quad W_{hh} = \\begin{bmatrix}0.5 & -0.5 \\\\ 1 & 0\\end{bmatrix},\\quad b_{hh} = \\begin{bmatrix}0 \\\\ 0.1\\end{bmatrix}，$$\n\n$x_t = (0.5, 1)$，$h_{t-1} = (1, 0.5)$，$h_t$ 是多少？`rnn.ExReLU.Check([]float64{…, …})`"},
	Hints: []text{
		{EN: "First the pre-activations $a_0$ and $a_1$, as for tanh.", ZH: "先像 tanh 那样算出激活前的值 $a_0$ 和 $a_1$。"},
		{EN: "$\\mathrm{ReLU}(a) = \\max(0, a)$: a negative pre-activation gives exactly 0.", ZH: "$\\mathrm{ReLU}(a) = \\max(0, a)$：激活前的值为负时结果正好是 0。"},
	},
	Solution: text{
		EN: "$a_0 = 0.5 - 1 + 0.1 + 0.5 - 0.25 + 0 = -0.15$ and $a_1 = 0.25 + 0.5 - 0.2 + 1 + 0 + 0.1 = 1.65$, so $h_t = (0, 1.65)$.\n\n```go\nrnn.ExReLU.Check([]float64{0, 1.65})\n```",
		ZH: "$a_0 = 0.5 - 1 + 0.1 + 0.5 - 0.25 + 0 = -0.15$，$a_1 = 0.25 + 0.5 - 0.2 + 1 + 0 + 0.1 = 1.65$，所以 $h_t = (0, 1.65)$。\n\n```go\nrnn.ExReLU.Check([]float64{0, 1.65})\n```"},
	Check: lessons.Value{Want: cell(reluX, reluH, reluWIH, reluWHH, reluBIH, reluBHH, "relu"), Tol: lessons.ByHand,
		Causes: append([]lessons.Cause{
			lessons.Mistake(cell(reluX, reluH, reluWIH, reluWHH, reluBIH, reluBHH, "tanh"), text{
				EN: "That is the tanh RNN; with `nonlinearity='relu'` apply $\\max(0, a)$ instead.",
				ZH: "这是 tanh 的结果；`nonlinearity='relu'` 时应取 $\\max(0, a)$。"}),
			lessons.Mistake(preact(reluX, reluH, reluWIH, reluWHH, reluBIH, reluBHH), text{
				EN: "These are the pre-activations: ReLU turns the negative one into 0.",
				ZH: "这是激活前的值：ReLU 会把负的那个变成 0。"}),
		}, reluMistakes()...)}.Check,
})

// reluMistakes are stepMistakes passed through ReLU instead of tanh.
func reluMistakes() []lessons.Cause {
	relu := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = math.Max(0, x)
		}
		return out
	}
	return []lessons.Cause{
		lessons.Mistake(relu(preact(reluX, reluH, reluWIH, reluWHH, reluBIH, nil)), text{
			EN: "You left out $b_{hh}$: PyTorch's RNN adds two bias vectors.", ZH: "你漏掉了 $b_{hh}$：PyTorch 的 RNN 加两个偏置向量。"}),
		lessons.Mistake(relu(preact(reluX, reluH, reluWHH, reluWIH, reluBIH, reluBHH)), text{
			EN: "You swapped the weights: $W_{ih}$ multiplies $x_t$, $W_{hh}$ multiplies $h_{t-1}$.",
			ZH: "你把两个权重用反了：$W_{ih}$ 乘以 $x_t$，$W_{hh}$ 乘以 $h_{t-1}$。"}),
	}
}

// The one-unit RNN of the gradient exercise.
const (
	gradW = 0.8
)

var gradH = []float64{0.5, -0.6, 0.3} // h_1, h_2, h_3

// gradProduct is ∂h_to/∂h_from = ∏_{k=from+1}^{to} w (1 − h_k²).
func gradProduct(from, to int, withDerivative bool) float64 {
	p := 1.0
	for k := from + 1; k <= to; k++ {
		d := 1.0
		if withDerivative {
			d = 1 - gradH[k-1]*gradH[k-1]
		}
		p *= gradW * d
	}
	return p
}

// ExGradient asks for ∂h_3/∂h_1 of a one-unit tanh RNN.
var ExGradient = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.gradient",
	Title: text{EN: "A gradient through time", ZH: "沿时间传播的梯度"},
	Prompt: text{
		EN: "A tanh RNN with one hidden unit has $W_{hh} = 0.8$. Over three steps its hidden state was $h_1 = 0.5$, $h_2 = -0.6$, $h_3 = 0.3$. What is $\\partial h_3 / \\partial h_1$? `rnn.ExGradient.Check(…)` (two decimals are enough).",
		ZH: "一个只有一个隐藏单元的 tanh 循环神经网络，$W_{hh} = 0.8$。三个时间步的隐状态分别是 $h_1 = 0.5$、$h_2 = -0.6$、$h_3 = 0.3$。$\\partial h_3 / \\partial h_1$ 是多少？`rnn.ExGradient.Check(…)`（保留两位小数即可）。"},
	Hints: []text{
		{EN: "One step: $h_k = \\tanh(a_k)$ with $a_k = \\ldots + W_{hh}h_{k-1}$, so $\\partial h_k/\\partial h_{k-1} = (1 - h_k^2)\\,W_{hh}$.",
			ZH: "一步：$h_k = \\tanh(a_k)$，其中 $a_k = \\ldots + W_{hh}h_{k-1}$，所以 $\\partial h_k/\\partial h_{k-1} = (1 - h_k^2)\\,W_{hh}$。"},
		{EN: "Chain rule: $\\partial h_3/\\partial h_1 = \\frac{\\partial h_3}{\\partial h_2}\\cdot\\frac{\\partial h_2}{\\partial h_1}$ — the steps $k = 2$ and $k = 3$ only.",
			ZH: "链式法则：$\\partial h_3/\\partial h_1 = \\frac{\\partial h_3}{\\partial h_2}\\cdot\\frac{\\partial h_2}{\\partial h_1}$——只有 $k = 2$ 和 $k = 3$ 这两步。"},
	},
	Solution: text{
		EN: "$\\partial h_3/\\partial h_1 = 0.8\\,(1 - 0.3^2)\\cdot 0.8\\,(1 - 0.6^2) = 0.728 \\cdot 0.512 = 0.373$. Each step back multiplies by a factor below 1 here: that is how the gradient vanishes over many steps.\n\n```go\nrnn.ExGradient.Check(0.373)\n```",
		ZH: "$\\partial h_3/\\partial h_1 = 0.8\\,(1 - 0.3^2)\\cdot 0.8\\,(1 - 0.6^2) = 0.728 \\cdot 0.512 = 0.373$。这里每往回一步都乘以一个小于 1 的因子：经过很多步，梯度就是这样消失的。\n\n```go\nrnn.ExGradient.Check(0.373)\n```"},
	Check: lessons.Value{Want: gradProduct(1, 3, true), Tol: lessons.ByHand, Causes: []lessons.Cause{
		lessons.Mistake(gradProduct(0, 3, true), text{
			EN: "That is $\\partial h_3/\\partial h_0$: you included step 1's factor $0.8\\,(1 - h_1^2)$, which belongs to $\\partial h_1/\\partial h_0$.",
			ZH: "这是 $\\partial h_3/\\partial h_0$：你把第 1 步的因子 $0.8\\,(1 - h_1^2)$ 也乘进来了，它属于 $\\partial h_1/\\partial h_0$。"}),
		lessons.Mistake(gradProduct(1, 3, false), text{
			EN: "You left out $\\tanh'(a_k) = 1 - h_k^2$: each step multiplies by $W_{hh}$ *and* the slope of tanh.",
			ZH: "你漏掉了 $\\tanh'(a_k) = 1 - h_k^2$：每一步都要乘以 $W_{hh}$ *和* tanh 的斜率。"}),
		lessons.Mistake(gradW*(1-gradH[1]*gradH[1])+gradW*(1-gradH[2]*gradH[2]), text{
			EN: "You added the two factors; the chain rule multiplies them.",
			ZH: "你把两个因子相加了；链式法则是相乘。"}),
		lessons.Mistake(gradW*(1-gradH[0]*gradH[0])*gradW*(1-gradH[1]*gradH[1]), text{
			EN: "You used $h_1$ and $h_2$; the slope of step $k$ is $1 - h_k^2$, so steps 2 and 3 use $h_2$ and $h_3$.",
			ZH: "你用了 $h_1$ 和 $h_2$；第 $k$ 步的斜率是 $1 - h_k^2$，所以第 2、3 步用的是 $h_2$ 和 $h_3$。"}),
	}}.Check,
})

// refStep is the reference for ExStepFunc: one tanh RNN step.
func refStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {
	return cell(x, h, wih, whh, bih, bhh, "tanh")
}

// stepCase builds a case of ExStepFunc.
func stepCase(about text, x, h []float64, wih, whh [][]float64, bih, bhh []float64) lessons.Case {
	return lessons.Case{Args: []any{x, h, wih, whh, bih, bhh}, About: about}
}

var stepParams = []string{"x", "h", "wih", "whh", "bih", "bhh"}

// The numbers of ExStepFunc's visible case: not ExStep's, whose answer
// the Func checker's report would otherwise show.
var (
	fnWIH = [][]float64{{1, 0.5}, {-0.5, 0.25}}
	fnWHH = [][]float64{{0.3, -0.6}, {0.8, 0.1}}
	fnBIH = []float64{0.2, -0.1}
	fnBHH = []float64{0, 0.3}
	fnX   = []float64{0.5, -1}
	fnH   = []float64{0.2, 0.6}
)

// ExStepFunc asks for a function that computes one RNN step.
var ExStepFunc = lessons.NewExercise(lessons.Spec{
	ID:    "rnn.step-func",
	Title: text{EN: "Write one RNN step", ZH: "编写循环神经网络的一步"},
	Prompt: text{
		EN: "Write `func rnnStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64` that returns $h' = \\tanh(W_{ih}x + b_{ih} + W_{hh}h + b_{hh})$ as a **new** slice, with the weights in PyTorch's layout: `wih` is (H, I), `whh` is (H, H). Pass the function: `rnn.ExStepFunc.Check(rnnStep)`.",
		ZH: "编写 `func rnnStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64`，以**新的**切片返回 $h' = \\tanh(W_{ih}x + b_{ih} + W_{hh}h + b_{hh})$，权重按 PyTorch 的布局：`wih` 是 (H, I)，`whh` 是 (H, H)。把函数传进去：`rnn.ExStepFunc.Check(rnnStep)`。"},
	Hints: []text{
		{EN: "`out := make([]float64, len(whh))`: one entry per hidden unit $k$.", ZH: "`out := make([]float64, len(whh))`：每个隐藏单元 $k$ 一个元素。"},
		{EN: "For each $k$: start from `bih[k] + bhh[k]`, add `wih[k][j]*x[j]` over $j$ and `whh[k][l]*h[l]` over $l$, then `math.Tanh`.",
			ZH: "对每个 $k$：从 `bih[k] + bhh[k]` 开始，对 $j$ 累加 `wih[k][j]*x[j]`，对 $l$ 累加 `whh[k][l]*h[l]`，最后取 `math.Tanh`。"},
	},
	Solution: text{
		EN: "```go\nfunc rnnStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {\n\tout := make([]float64, len(whh))\n\tfor k := range out {\n\t\ta := bih[k] + bhh[k]\n\t\tfor j, v := range x {\n\t\t\ta += wih[k][j] * v\n\t\t}\n\t\tfor l, v := range h {\n\t\t\ta += whh[k][l] * v\n\t\t}\n\t\tout[k] = math.Tanh(a)\n\t}\n\treturn out\n}\n```\nThe hidden tests use more hidden units than inputs, so that mixing up rows and columns shows.",
		ZH: "```go\nfunc rnnStep(x, h []float64, wih, whh [][]float64, bih, bhh []float64) []float64 {\n\tout := make([]float64, len(whh))\n\tfor k := range out {\n\t\ta := bih[k] + bhh[k]\n\t\tfor j, v := range x {\n\t\t\ta += wih[k][j] * v\n\t\t}\n\t\tfor l, v := range h {\n\t\t\ta += whh[k][l] * v\n\t\t}\n\t\tout[k] = math.Tanh(a)\n\t}\n\treturn out\n}\n```\n隐藏测试用的隐藏单元比输入多，这样行和列弄混了就会暴露出来。"},
	Check: lessons.Func{Ref: refStep, Params: stepParams, Causes: stepMistakes(fnX, fnH, fnWIH, fnWHH, fnBIH, fnBHH), Cases: []lessons.Case{
		stepCase(text{EN: "2 inputs, 2 hidden units", ZH: "2 个输入、2 个隐藏单元"}, fnX, fnH, fnWIH, fnWHH, fnBIH, fnBHH),
	}}.Check,
	Hidden: []lessons.Checker{
		lessons.Func{Ref: refStep, Params: stepParams, Cases: []lessons.Case{
			stepCase(text{EN: "3 hidden units, 2 inputs", ZH: "3 个隐藏单元、2 个输入"},
				[]float64{1, -2}, []float64{0.1, 0.2, -0.3},
				[][]float64{{0.1, 0.2}, {-0.3, 0.4}, {0.5, -0.6}}, [][]float64{{0.2, 0, 0.1}, {0, -0.2, 0.3}, {0.4, 0.1, 0}},
				[]float64{0.1, -0.1, 0}, []float64{0, 0.2, -0.2}),
			stepCase(text{EN: "h_0 = 0 and one input", ZH: "h_0 = 0，一个输入"},
				[]float64{3}, []float64{0, 0}, [][]float64{{1}, {-1}}, [][]float64{{1, 1}, {1, 1}}, []float64{0, 0}, []float64{0.5, 0.5}),
		}}.Check,
		lessons.Func{Ref: refStep, Params: stepParams, Pure: true, Cases: []lessons.Case{
			stepCase(text{EN: "the inputs must stay as they were", ZH: "输入必须保持不变"},
				[]float64{0.5, 0.5}, []float64{-1, 1}, [][]float64{{1, 2}, {3, 4}}, [][]float64{{0.5, 0}, {0, 0.5}}, []float64{1, 1}, []float64{-1, -1}),
		}}.Check,
	},
})

// Lesson03 is notebook 03: recurrence.
var Lesson03 = lessons.Register(&lessons.Lesson{
	Name:  "03-recurrence",
	Title: text{EN: "Recurrence, step by step", ZH: "循环，一步一步"},
	Summary: text{
		EN: "An RNN unrolled step by step with numbers, two biases and shared weights, hidden states of a character RNN trained on the Gettysburg Address, vanishing and exploding gradients, and the seed document's formula beside the right one.",
		ZH: "逐个时间步展开、代入实际数值的循环神经网络，两个偏置与共享的权重，在葛底斯堡演说上训练的字符级循环神经网络的隐状态，梯度消失与梯度爆炸，以及种子文档的公式与正确公式的对照。"},
	Exercises: []*lessons.Exercise{ExStep, ExShapes, ExParams, ExReLU, ExGradient, ExStepFunc},
})
