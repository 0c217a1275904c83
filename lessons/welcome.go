package lessons

// The exercises of notebook 00, which teach how exercises work.

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func double(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = 2 * x
	}
	return out
}

// ExMean asks for the mean of 2, 4 and 9, worked out by hand: a value
// exercise.
var ExMean = NewExercise(Spec{
	ID:    "welcome.mean",
	Title: Text{EN: "The mean of three numbers", ZH: "三个数的平均值"},
	Prompt: Text{
		EN: "What is the mean of $2$, $4$ and $9$? Pass the number to `lessons.ExMean.Check`.",
		ZH: "$2$、$4$、$9$ 的平均值是多少？把这个数传给 `lessons.ExMean.Check`。"},
	Hints: []Text{
		{EN: "The mean is the sum divided by how many numbers there are.", ZH: "平均值等于总和除以数的个数。"},
		{EN: "$\\frac{2 + 4 + 9}{3}$", ZH: "$\\frac{2 + 4 + 9}{3}$"},
	},
	Solution: Text{
		EN: "$\\frac{2 + 4 + 9}{3} = \\frac{15}{3} = 5$, so `lessons.ExMean.Check(5)`.",
		ZH: "$\\frac{2 + 4 + 9}{3} = \\frac{15}{3} = 5$，所以写 `lessons.ExMean.Check(5)`。"},
	Check: Value{Want: 5.0, Tol: ByHand, Causes: []Cause{
		Mistake(15, Text{EN: "15 is the sum; the mean divides it by the count, 3.", ZH: "15 是总和；平均值还要除以个数 3。"}),
		Mistake(4, Text{EN: "4 is the median (the middle number), not the mean.", ZH: "4 是中位数（中间那个数），不是平均值。"}),
	}}.Check,
})

// ExDouble asks for a function that doubles every entry of a slice: a
// function exercise with hidden tests.
var ExDouble = NewExercise(Spec{
	ID:    "welcome.double",
	Title: Text{EN: "Double every entry", ZH: "每个元素乘以 2"},
	Prompt: Text{
		EN: "Write `func double(xs []float64) []float64` that returns a **new** slice holding $2x_i$ for every entry $x_i$ of `xs`, and pass the function (not a call to it) to `lessons.ExDouble.Check(double)`.",
		ZH: "写一个函数 `func double(xs []float64) []float64`，返回一个**新的**切片，其中每个元素是 `xs` 中对应元素 $x_i$ 的 $2x_i$；然后把函数本身（不是调用结果）传给 `lessons.ExDouble.Check(double)`。"},
	Hints: []Text{
		{EN: "Make the result first: `out := make([]float64, len(xs))`.", ZH: "先创建结果：`out := make([]float64, len(xs))`。"},
		{EN: "Then loop: `for i, x := range xs { out[i] = 2 * x }`, and `return out`.", ZH: "然后循环：`for i, x := range xs { out[i] = 2 * x }`，最后 `return out`。"},
	},
	Solution: Text{
		EN: "```go\nfunc double(xs []float64) []float64 {\n\tout := make([]float64, len(xs))\n\tfor i, x := range xs {\n\t\tout[i] = 2 * x\n\t}\n\treturn out\n}\n```\nWriting into `xs` itself would change the caller's slice; the hidden tests check that you do not.",
		ZH: "```go\nfunc double(xs []float64) []float64 {\n\tout := make([]float64, len(xs))\n\tfor i, x := range xs {\n\t\tout[i] = 2 * x\n\t}\n\treturn out\n}\n```\n直接写进 `xs` 会改掉调用者的切片；隐藏测试会检查你没有这样做。"},
	Check: Func{Ref: double, Params: []string{"xs"}, Cases: []Case{
		{Args: []any{[]float64{1, 2, 3}}},
	}}.Check,
	Hidden: []Checker{
		Func{Ref: double, Params: []string{"xs"}, Cases: []Case{
			{Args: []any{[]float64{}}, About: Text{EN: "an empty slice", ZH: "空切片"}},
			{Args: []any{[]float64{-1.5, 0, 0.25}}, About: Text{EN: "negative and fractional entries", ZH: "负数和小数"}},
		}}.Check,
		Func{Ref: double, Params: []string{"xs"}, Pure: true, Cases: []Case{
			{Args: []any{[]float64{7, 8, 9, 10}}, About: Text{EN: "the input must stay as it was", ZH: "输入必须保持不变"}},
		}}.Check,
	},
})

// Welcome is lesson 00: using the kernel.
var Welcome = Register(&Lesson{
	Name:  "00-welcome",
	Title: Text{EN: "Welcome: using the Go kernel", ZH: "欢迎：使用 Go 内核"},
	Summary: Text{
		EN: "Cells, printing, rich display, completion and inspection, magic commands, and how exercises check themselves.",
		ZH: "单元格、打印、富文本显示、补全与查看文档、魔法命令，以及练习如何自动检查。"},
	Exercises: []*Exercise{ExMean, ExDouble},
})
