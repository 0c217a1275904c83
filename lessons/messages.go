package lessons

// messages are the framework's own student-facing strings: checker
// feedback, input errors, exercise and walkthrough chrome. English and
// Chinese side by side; terms follow the terminology table (Terms).
var messages = Catalog{
	// Words.
	"lessons.word.entry":    {EN: "entry", ZH: "元素"},
	"lessons.word.expected": {EN: "expected", ZH: "应为"},
	"lessons.word.got":      {EN: "got", ZH: "实际"},
	"lessons.word.yours":    {EN: "yours", ZH: "你的答案"},
	"lessons.glossary.note": {EN: "note", ZH: "说明"},
	"lessons.tol.exact":     {EN: "exactly", ZH: "精确相等"},
	"lessons.punct.colon":   {EN: ": ", ZH: "："},

	// Input that is not an answer of the right kind.
	"lessons.input.nil": {
		EN: "You passed nil (nothing).",
		ZH: "你传入的是 nil（空值）。"},
	"lessons.input.nilAt": {
		EN: "There is a nil at index %s where a number was expected.",
		ZH: "在索引 %s 处应为一个数，却是 nil。"},
	"lessons.input.notNumbersTop": {
		EN: "Expected a number, a slice of numbers, a matrix or a tensor, but got %s (%s).",
		ZH: "应为一个数、数值切片、矩阵或张量，实际得到的是 %s 类型（%s）。"},
	"lessons.input.notNumbers": {
		EN: "Expected numbers, but found %s at index %s.",
		ZH: "应为数值，但在索引 %[2]s 处是 %[1]s 类型。"},
	"lessons.input.struct": {
		EN: "Expected a number, a slice of numbers, a matrix or a tensor, but got a struct of type %s with fields %s. Pass the numbers themselves, for example the field that holds them.",
		ZH: "应为一个数、数值切片、矩阵或张量，实际得到的是 %s 类型的结构体，字段为 %s。请直接传入数值，例如存放数值的那个字段。"},
	"lessons.input.structAt": {
		EN: "Expected numbers, but found a struct of type %s at index %s.",
		ZH: "应为数值，但在索引 %[2]s 处是 %[1]s 类型的结构体。"},
	"lessons.input.noFields": {EN: "(none)", ZH: "（无）"},
	"lessons.input.ragged": {
		EN: "The answer is not rectangular: index %s should hold %d entries like the first one, but holds %d.",
		ZH: "答案不是规则的矩形数组：索引 %s 处应像第一个一样有 %d 个元素，实际有 %d 个。"},
	"lessons.input.raggedNumber": {
		EN: "The answer is not rectangular: index %s should hold a list of %d entries like the first one, but holds a single value.",
		ZH: "答案不是规则的矩形数组：索引 %s 处应像第一个一样是含 %d 个元素的列表，实际只是单个值。"},
	"lessons.input.deep": {
		EN: "The answer is nested more than %d levels deep, or contains itself: expected a number, a slice of numbers, a matrix or a tensor.",
		ZH: "答案嵌套超过 %d 层，或者包含了它自己：应为一个数、数值切片、矩阵或张量。"},
	"lessons.input.tooBig": {
		EN: "The answer holds more than %d numbers, or a slice contains itself: no exercise wants that many.",
		ZH: "答案含有超过 %d 个数，或者某个切片包含了它自己：没有哪道练习需要这么多数。"},
	"lessons.input.cycle": {
		EN: "The answer is a pointer (or interface) that leads back to itself: expected a number, a slice of numbers, a matrix or a tensor.",
		ZH: "答案是一个最终指回它自己的指针（或接口）：应为一个数、数值切片、矩阵或张量。"},
	"lessons.input.badShape": {
		EN: "The answer's Shape %s does not fit its %d values in Data.",
		ZH: "答案的 Shape %s 与 Data 中的 %d 个数值对不上。"},
	"lessons.input.badDims": {
		EN: "Your %s reports the size %s, which is not a valid size.",
		ZH: "你的 %s 报告的尺寸是 %s，这不是有效的尺寸。"},
	"lessons.input.methodPanic": {
		EN: "Reading the numbers of your %s failed: its Dims, At, Len or AtVec method panicked (%s).",
		ZH: "读取你的 %s 中的数值失败：它的 Dims、At、Len 或 AtVec 方法发生了 panic（%s）。"},
	"lessons.input.tooDeep": {
		EN: "At index %s there is a list of %d entries where a number was expected (one level of nesting too many?).",
		ZH: "在索引 %s 处应为一个数，却是含 %d 个元素的列表（多嵌套了一层？）。"},
	"lessons.kind.number": {EN: "a number", ZH: "一个数"},
	"lessons.kind.array": {
		EN: "a %s of shape %s",
		ZH: "形状为 %[2]s 的 %[1]s"},
	"lessons.value.wrongKind": {
		EN: "Expected %s, but got %s (%s).",
		ZH: "应为%s，实际得到的是 %s 类型（%s）。"},
	"lessons.value.expected": {EN: "This exercise wants %s.", ZH: "这道练习要的是%s。"},
	"lessons.value.gotFunc": {
		EN: "You passed a function (%s); pass its result, %s, by calling it.",
		ZH: "你传入的是一个函数（%s）；请调用它，传入它的结果：%s。"},

	// Comparing arrays and numbers.
	"lessons.diff.shape": {
		EN: "Wrong shape: expected %s, got %s.",
		ZH: "形状不对：应为 %s，实际为 %s。"},
	"lessons.diff.wantNumber": {
		EN: "The answer is a single number, but you gave an array of shape %s.",
		ZH: "答案是一个数，但你给出的是形状为 %s 的数组。"},
	"lessons.diff.gotNumber": {
		EN: "You gave a single number, but the answer is an array of shape %s.",
		ZH: "你给出的是一个数，但答案是形状为 %s 的数组。"},
	"lessons.diff.number": {
		EN: "Expected %s, got %s%s.",
		ZH: "应为 %s，实际为 %s%s。"},
	"lessons.diff.tol": {EN: " (tolerance %s)", ZH: "（容差 %s）"},
	"lessons.diff.value": {
		EN: "Expected %s, got %s.",
		ZH: "应为 %s，实际为 %s。"},
	"lessons.diff.entry": {
		EN: "First wrong entry %s: expected %s, got %s.",
		ZH: "第一个错误的元素 %s：应为 %s，实际为 %s。"},
	"lessons.diff.count": {
		EN: "%d of %d entries are wrong; the largest difference is %s, at %s%s.",
		ZH: "%d / %d 个元素不对；最大差值为 %s，位于 %s%s。"},
	"lessons.diff.countInf": {
		EN: "%d of %d entries are wrong; the worst is at %s: expected %s, got %s.",
		ZH: "%d / %d 个元素不对；差得最多的在 %s：应为 %s，实际为 %s。"},
	"lessons.diff.numberSecret": {
		EN: "%s is not right: %s.",
		ZH: "%s 不对：%s。"},
	"lessons.diff.countSecret": {
		EN: "%d of %d entries are wrong.",
		ZH: "%d / %d 个元素不对。"},
	"lessons.diff.wrongAt": {
		EN: "Wrong entries: %s.",
		ZH: "不对的元素：%s。"},
	"lessons.diff.notShown": {
		EN: "The right values are not shown, so that the exercise stays yours; .Hint() helps, and after .Solution() the feedback shows them.",
		ZH: "这里不显示正确的值，好让你自己完成练习；.Hint() 可以帮你，调用 .Solution() 之后反馈会显示它们。"},

	// How far a wrong value is from the right one, without saying it.
	"lessons.far.nan":     {EN: "not a number (NaN)", ZH: "它不是一个数（NaN）"},
	"lessons.far.notNaN":  {EN: "the right answer is not a number here", ZH: "这里正确答案不是一个数"},
	"lessons.far.inf":     {EN: "the right answer is finite", ZH: "正确答案是有限的"},
	"lessons.far.zeroPos": {EN: "the right answer is positive", ZH: "正确答案是正数"},
	"lessons.far.zeroNeg": {EN: "the right answer is negative", ZH: "正确答案是负数"},
	"lessons.far.big":     {EN: "too big", ZH: "偏大"},
	"lessons.far.small":   {EN: "too small", ZH: "偏小"},
	"lessons.far.sign":    {EN: "wrong sign", ZH: "符号不对"},
	"lessons.far.bigBy":   {EN: "too big by %s", ZH: "偏大 %s"},
	"lessons.far.smallBy": {EN: "too small by %s", ZH: "偏小 %s"},
	"lessons.far.slightly.big": {
		EN: "slightly too big, by less than 1%%%s",
		ZH: "略微偏大，相差不到 1%%%s"},
	"lessons.far.slightly.small": {
		EN: "slightly too small, by less than 1%%%s",
		ZH: "略微偏小，相差不到 1%%%s"},
	"lessons.far.tol":    {EN: "; the tolerance is %s", ZH: "；容差为 %s"},
	"lessons.far.exact":  {EN: "; it must match exactly", ZH: "；必须精确相等"},
	"lessons.far.twice":  {EN: "too big, more than twice the right value", ZH: "偏大，超过正确值的两倍"},
	"lessons.far.over50": {EN: "more than 50%", ZH: "超过 50%"},

	"lessons.diff.shown": {
		EN: "(%d of %d entries shown)",
		ZH: "（显示了 %d / %d 个元素）"},

	// Likely causes.
	"lessons.cause.nan": {
		EN: "Your answer contains %s (first at %s): an exp that overflowed (subtract the maximum before exp), a division by zero, or a row masked entirely.",
		ZH: "你的答案含有 %s（首次出现在 %s）：可能是 exp 溢出（先减去最大值再取 exp）、除以零，或整行都被掩码遮住。"},
	"lessons.cause.zeros": {
		EN: "Every entry of your answer is 0: was the result allocated but never filled in, or is a loop not running?",
		ZH: "你的答案每个元素都是 0：是不是分配了结果却没有填写，或者某个循环根本没有执行？"},
	"lessons.cause.offByOne": {
		EN: "The size is off by one (%s): an output-size formula without its +1, ⌊(n + 2p − k)/s⌋ + 1, or a loop bound written < n−1 or ≤ n.",
		ZH: "尺寸差了一（%s）：输出尺寸公式 ⌊(n + 2p − k)/s⌋ + 1 少了 +1，或者循环边界写成了 < n−1 或 ≤ n。"},
	"lessons.cause.offByOne.axis": {
		EN: "axis %d: expected %d, got %d",
		ZH: "轴 %d：应为 %d，实际为 %d"},
	"lessons.cause.squeezed": {
		EN: "Your numbers are right, but the shape should be %s, not %s: add or remove axes of size 1 (a batch or channel axis).",
		ZH: "你的数值是对的，但形状应为 %s 而不是 %s：增加或去掉大小为 1 的轴（批量轴或通道轴）。"},
	"lessons.cause.transposed": {
		EN: "Your answer is the transpose of the expected one (expected shape %s, got %s): rows and columns swapped, e.g. W·x written as x·W.",
		ZH: "你的答案是期望结果的转置（应为形状 %s，实际为 %s）：行和列对调了，例如把 W·x 写成了 x·W。"},
	"lessons.cause.softmaxAxis": {
		EN: "In your answer the entries sum to 1 along axis %d, but they should along axis %d (the last): softmax over the wrong axis. Each row (one query) is a distribution over the keys.",
		ZH: "你的答案中的元素沿轴 %d 求和为 1，但应当沿轴 %d（最后一个轴）求和为 1：softmax 用错了轴。每一行（一个查询）是在所有键上的分布。"},
	"lessons.cause.negated": {
		EN: "Your answer has every sign flipped: a subtraction the wrong way round?",
		ZH: "你的答案每个元素的符号都反了：是不是减法的顺序写反了？"},
	"lessons.cause.scaled": {
		EN: "Every entry of your answer is %s times the expected one.",
		ZH: "你的答案每个元素都是期望值的 %s 倍。"},
	"lessons.cause.scaled.one": {
		EN: "Your answer is %s times the right one.",
		ZH: "你的答案是正确答案的 %s 倍。"},
	"lessons.cause.scaled.other": {
		EN: "Every entry of your answer is off by the same factor: a scale left out or applied twice?",
		ZH: "你的答案每个元素都差了同一个倍数：是不是漏了某个缩放，或者缩放了两次？"},
	"lessons.cause.scaled.sqrt": {
		EN: "That is √%d: a missing or extra scaling such as 1/√d_k in attention?",
		ZH: "这正是 √%d：是不是少了或多了一个缩放，比如注意力中的 1/√d_k？"},
	"lessons.cause.scaled.count": {
		EN: "A factor of %d left out or put in twice, or a sum where a mean was wanted (or the other way round)?",
		ZH: "是不是漏乘或多乘了因子 %d，或者该求平均却求了和（或者反过来）？"},
	"lessons.cause.scalarOffByOne": {
		EN: "Your answer %s is off by one: the +1 in an output size ⌊(n + 2p − k)/s⌋ + 1, or counting from 0 versus from 1?",
		ZH: "你的答案 %s 差了一：是不是输出尺寸 ⌊(n + 2p − k)/s⌋ + 1 中的 +1，或者从 0 数还是从 1 数的问题？"},
	"lessons.cause.offset": {
		EN: "Every entry of your answer is off by the same amount: a missing or extra bias?",
		ZH: "你的答案每个元素都差了同一个量：是不是漏加或多加了偏置？"},
	"lessons.cause.offsetPerChannel": {
		EN: "Each channel (first axis) of your answer is off by its own constant: a missing or wrong bias per output channel?",
		ZH: "你的答案每个通道（第一个轴）各差一个常数：是不是漏了每个输出通道各自的偏置？"},
	"lessons.cause.flipped": {
		EN: "Your answer is the expected one rotated by 180° (flip of both last axes): a flipped kernel? Cross-correlation uses w(u, v) as it is; true convolution flips it.",
		ZH: "你的答案是期望结果旋转 180°（最后两个轴都翻转）：卷积核被翻转了？互相关直接使用 w(u, v)；真正的卷积才会翻转它。"},
	"lessons.cause.reversed": {
		EN: "Your answer holds the expected values in reverse order.",
		ZH: "你的答案中的值顺序正好反了。"},
	"lessons.cause.shifted": {
		EN: "Your values are shifted by one position along the last axis: an index off by one (i versus i+1)?",
		ZH: "你的值沿最后一个轴错开了一个位置：索引差了一（i 与 i+1）？"},
	"lessons.cause.permuted": {
		EN: "Your answer has exactly the right numbers, in the wrong places: check the order of your indices (row i, column j).",
		ZH: "你的答案数值都对，但位置不对：检查索引的顺序（第 i 行，第 j 列）。"},
	"lessons.cause.index": {
		EN: "An index went past the end of a slice: check the loop bounds (< n, not ≤ n) and the output size ⌊(n + 2p − k)/s⌋ + 1.",
		ZH: "索引超出了切片的末尾：检查循环边界（< n 而不是 ≤ n）以及输出尺寸 ⌊(n + 2p − k)/s⌋ + 1。"},
	"lessons.cause.nilMap": {
		EN: "Something was used before it was made: make the slice or map (make([]float64, n)) before writing into it.",
		ZH: "有东西在创建之前就被使用了：写入之前先用 make 创建切片或 map（make([]float64, n)）。"},
	"lessons.cause.divZero": {
		EN: "An integer division by zero: a size or a count that came out 0 (an empty input? a stride of 0?).",
		ZH: "整数除以零：某个尺寸或计数为 0（输入为空？步幅为 0？）。"},

	// Multiple choice.
	"lessons.choice.expected": {EN: "Expected one of: %s.", ZH: "应为以下之一：%s。"},
	"lessons.choice.invalid": {
		EN: "%s is not one of the choices (%s).",
		ZH: "%s 不是可选项之一（%s）。"},
	"lessons.choice.type": {
		EN: "Expected %s, but got %s (%s).",
		ZH: "应为 %s 类型，实际为 %s 类型（%s）。"},
	"lessons.choice.wrong": {EN: "%s is not the right choice.", ZH: "%s 不是正确的选项。"},

	// Function answers.
	"lessons.func.expected": {EN: "Expected a function %s.", ZH: "应为一个函数 %s。"},
	"lessons.func.notFunc": {
		EN: "Expected the function itself, %s, but got %s: pass the function's name without calling it (softmax, not softmax(x)).",
		ZH: "应传入函数本身 %s，但得到的是 %s：传入函数名而不要调用它（写 softmax，而不是 softmax(x)）。"},
	"lessons.func.nilFunc": {
		EN: "The function is nil: define it (func name(…) … { … }) before passing it. Expected %s.",
		ZH: "这个函数是 nil：请先定义它（func 名字(…) … { … }）再传入。应为 %s。"},
	"lessons.func.signature": {
		EN: "Expected a function %s, but yours is %s: check the parameter and result types.",
		ZH: "应为函数 %s，但你的函数是 %s：检查参数和返回值的类型。"},
	"lessons.func.library": {
		EN: "You passed %s, the library's own function. Write your own function and pass that.",
		ZH: "你传入的是库里现成的函数 %s。请自己写一个函数再传入。"},
	"lessons.func.input": {EN: "On input %s:", ZH: "输入为 %s 时："},
	"lessons.func.panic": {
		EN: "Your function panicked: %s",
		ZH: "你的函数发生了 panic：%s"},
	"lessons.func.result": {EN: "Result %d:", ZH: "第 %d 个返回值："},
	"lessons.func.mutated": {
		EN: "Your function changed its input %s. Here that did not change the result, but a caller may still need the input: write the result into a new slice.",
		ZH: "你的函数修改了输入 %s。这次没有影响结果，但调用者可能还要用到输入：请把结果写进一个新的切片。"},
	"lessons.func.unexpectedErr": {
		EN: "Your function returned an error where none was expected: %s",
		ZH: "这里不应返回错误，你的函数却返回了：%s"},
	"lessons.func.missingErr": {
		EN: "Your function returned no error, but this input is invalid and should get one.",
		ZH: "这个输入是无效的，应当返回错误，你的函数却没有返回。"},

	// Feedback.
	"lessons.fb.correct": {EN: "correct.", ZH: "正确。"},
	"lessons.fb.notYet":  {EN: "not yet.", ZH: "还不对。"},
	"lessons.fb.hidden":  {EN: "(a hidden test: an input other than the one in the notebook)", ZH: "（隐藏测试：与笔记本中不同的输入）"},
	"lessons.fb.cause":   {EN: "Likely cause:", ZH: "可能的原因："},
	"lessons.fb.note":    {EN: "Note:", ZH: "注意："},
	"lessons.fb.stuck": {
		EN: "Stuck? .Hint() on the exercise gives a hint, .Solution() the solution.",
		ZH: "卡住了？对这道练习调用 .Hint() 可以得到提示，调用 .Solution() 可以看答案。"},

	// Exercises.
	"lessons.ex.exercise": {EN: "Exercise", ZH: "练习"},
	"lessons.ex.list":     {EN: "Exercises", ZH: "练习"},
	"lessons.ex.hint":     {EN: "Hint", ZH: "提示"},
	"lessons.ex.solution": {EN: "Solution", ZH: "参考答案"},
	"lessons.ex.how": {
		EN: "Check your answer with .Check(answer); .Hint() gives a hint (%d in all), .Solution() the solution.",
		ZH: "用 .Check(答案) 检查你的答案；.Hint() 给出提示（共 %d 条），.Solution() 显示答案。"},
	"lessons.ex.howNoHint": {
		EN: "Check your answer with .Check(answer); .Solution() shows the solution.",
		ZH: "用 .Check(答案) 检查你的答案；.Solution() 显示答案。"},
	"lessons.ex.moreHints": {
		EN: "Call .Hint() again for the next hint.",
		ZH: "再次调用 .Hint() 可以看到下一条提示。"},
	"lessons.ex.noHint":     {EN: "This exercise has no hint.", ZH: "这道练习没有提示。"},
	"lessons.ex.noSolution": {EN: "This exercise has no written solution.", ZH: "这道练习没有写好的答案。"},
	"lessons.ex.checkerPanic": {
		EN: "The checker itself failed (%s). This is a bug in the lesson, not in your answer; please tell your teacher.",
		ZH: "检查程序本身出错了（%s）。这是课程的错误，不是你的答案的问题；请告诉老师。"},

	// The %lang magic.
	"lessons.lang.now": {
		EN: "The lessons now speak English. (%lang zh switches to Chinese.)",
		ZH: "课程现在使用简体中文。（%lang en 切换回英文。）"},
	"lessons.lang.en": {EN: "English (en)", ZH: "英文（en）"},
	"lessons.lang.zh": {EN: "Simplified Chinese (zh)", ZH: "简体中文（zh）"},
	"lessons.lang.current": {
		EN: "The lessons speak %s: %%lang zh for Chinese, %%lang en for English.",
		ZH: "课程当前的语言是 %s：%%lang zh 为中文，%%lang en 为英文。"},

	// Walkthroughs.
	"lessons.walk.step": {EN: "Step", ZH: "步骤"},
	"lessons.walk.prev": {EN: "previous step", ZH: "上一步"},
	"lessons.walk.next": {EN: "next step", ZH: "下一步"},
	"lessons.walk.untrusted": {
		EN: "This is the first of %d steps. The player that moves through them needs JavaScript, which Jupyter runs only in a trusted notebook: run this cell, or choose File ▸ Trust Notebook.",
		ZH: "这是 %d 步中的第 1 步。逐步浏览的播放器需要 JavaScript，而 Jupyter 只在受信任的笔记本中运行它：运行这个单元格，或者选择菜单 File ▸ Trust Notebook（信任笔记本）。"},
	"lessons.walk.range": {
		EN: "There is no step %d: this walkthrough has %d steps, numbered 0 to %d.",
		ZH: "没有第 %d 步：这个演示共有 %d 步，编号从 0 到 %d。"},
}

func init() { RegisterCatalog("lessons", messages) }
