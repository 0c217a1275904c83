package rnn

import "github.com/stepwise-go/stepwise/lessons"

// The package's student-facing messages, in both languages.
func init() {
	lessons.RegisterCatalog("rnn", lessons.Catalog{
		// Bad input.
		"rnn.input.nil": {
			EN: "%s is nil: expected numbers.",
			ZH: "%s 是 nil：这里需要数。"},
		"rnn.input.notNumbers": {
			EN: "%s cannot be read as numbers: %s",
			ZH: "%s 无法读作数：%s"},
		"rnn.input.dims": {
			EN: "%s must be a matrix (rows of numbers); got shape %s.",
			ZH: "%s 必须是矩阵（若干行数）；收到的形状是 %s。"},
		"rnn.input.notFinite": {
			EN: "%s holds %s at %s: a walkthrough needs finite numbers (a NaN usually comes from 0/0, an Inf from an overflow).",
			ZH: "%s 在 %[3]s 处是 %[2]s：逐步演示需要有限的数（NaN 通常来自 0/0，Inf 来自溢出）。"},
		"rnn.input.empty": {
			EN: "%s is empty (shape %s): expected at least one row and one column.",
			ZH: "%s 是空的（形状 %s）：至少需要一行一列。"},
		"rnn.input.whhSquare": {
			EN: "W_hh (weight_hh) must be a square matrix (H, H), one row and one column per hidden unit; got shape %s.",
			ZH: "W_hh（weight_hh）必须是 (H, H) 的方阵（正方形矩阵）：每个隐藏单元对应一行和一列；收到的形状是 %s。"},
		"rnn.input.whhGates": {
			EN: "%s: W_hh (weight_hh) must be (%d·H, H), its gate blocks %s stacked along the rows; got shape %s: H = %d columns need %d·%d = %d rows.",
			ZH: "%s：W_hh（weight_hh）的形状必须是 (%d·H, H)，门的块 %s 沿行堆叠；收到的形状是 %s：H = %d 列需要 %d·%d = %d 行。"},
		"rnn.input.wihRows": {
			EN: "%s: W_ih (weight_ih) must have %d·H = %d rows to match W_hh %s (its columns are the input size I); got shape %s.",
			ZH: "%s：W_ih（weight_ih）必须有 %d·H = %d 行，才能与 W_hh %s 对应（它的列数是输入大小 I）；收到的形状是 %s。"},
		"rnn.input.bias": {
			EN: "%s must be a vector of %d numbers (%d·H, one per row of W_ih), or nil for no bias; got shape %s.",
			ZH: "%s 必须是含 %d 个数的向量（%d·H，W_ih 的每一行对应一个），或者用 nil 表示没有偏置；收到的形状是 %s。"},
		"rnn.input.noSteps": {
			EN: "xs has no time steps (shape %s): expected at least one row.",
			ZH: "xs 没有时间步（形状 %s）：至少需要一行。"},
		"rnn.input.seqTransposed": {
			EN: "xs must be (T, %d), one row of inputs per time step; got shape %s, which looks transposed: write one row per step, %d numbers each.",
			ZH: "xs 的形状必须是 (T, %d)：每个时间步一行输入；收到的形状是 %s，看起来是转置了：请每个时间步写一行，每行 %d 个数。"},
		"rnn.input.seq": {
			EN: "xs must be (T, %d): T time steps of %d inputs each (I is the number of columns of W_ih); got shape %s.",
			ZH: "xs 的形状必须是 (T, %d)：T 个时间步，每步 %d 个输入（I 是 W_ih 的列数）；收到的形状是 %s。"},
		"rnn.input.state": {
			EN: "%s must be a vector of H = %d numbers; got shape %s.",
			ZH: "%s 必须是含 H = %d 个数的向量；收到的形状是 %s。"},
		"rnn.input.layer": {
			EN: "WeightsOf takes an *nn.RNN, *nn.LSTM, *nn.GRU or *nn.SeedLSTM; got %s.",
			ZH: "WeightsOf 接受 *nn.RNN、*nn.LSTM、*nn.GRU 或 *nn.SeedLSTM；收到的是 %s。"},
		"rnn.input.options": {
			EN: "expected at most one Options, got %d.",
			ZH: "最多只能传一个 Options，收到了 %d 个。"},
		"rnn.input.nonlinearity": {
			EN: "Nonlinearity must be \"tanh\" or \"relu\" (as in PyTorch); got %q.",
			ZH: "Nonlinearity 只能是 \"tanh\" 或 \"relu\"（与 PyTorch 相同）；收到的是 %q。"},
		"rnn.input.tokens": {
			EN: "%d tokens for %d time steps: give one token per step (%d).",
			ZH: "%d 个词元对应 %d 个时间步：每个时间步需要一个词元（共 %d 个）。"},
		"rnn.input.step": {
			EN: "there is no time step %d: the sequence has %d steps, numbered 1 to %d.",
			ZH: "没有第 %d 个时间步：这个序列有 %d 个时间步，编号从 1 到 %d。"},
		"rnn.input.unit": {
			EN: "there is no unit %d: the layer has %d hidden units, numbered 0 to %d.",
			ZH: "没有单元 %d：这一层有 %d 个隐藏单元，编号从 0 到 %d。"},
		"rnn.input.trajUnits": {
			EN: "a trajectory needs at least 2 hidden units; this layer has %d.",
			ZH: "画轨迹至少需要 2 个隐藏单元；这一层只有 %d 个。"},

		// nn against mathref.
		"rnn.check.first": {
			EN: "$%s$ at step %d, unit %d: nn gives %s, mathref %s (difference %s)",
			ZH: "第 %[2]d 个时间步、单元 %[3]d 的 $%[1]s$：nn 得 %[4]s，mathref 得 %[5]s（相差 %[6]s）"},
		"rnn.check.agree": {
			EN: "%s agree on %s at every step: largest difference %s (tolerance %s).",
			ZH: "%s 在每个时间步的 %s 上都一致：最大差 %s（容差 %s）。"},
		"rnn.check.disagree": {
			EN: "%s DISAGREE: %s. Do not trust these numbers; please report it.",
			ZH: "%s 不一致：%s。请不要相信这些数，并报告这个问题。"},
		"rnn.check.warn": {
			EN: "nn and mathref disagree.",
			ZH: "nn 与 mathref 不一致。"},

		// Walkthroughs.
		"rnn.walk.titleRNN":  {EN: "An RNN, step by step", ZH: "循环神经网络，逐个时间步"},
		"rnn.walk.titleLSTM": {EN: "An LSTM, step by step", ZH: "长短期记忆网络（LSTM），逐个时间步"},
		"rnn.walk.titleGRU":  {EN: "A GRU, step by step", ZH: "门控循环单元（GRU），逐个时间步"},
		"rnn.walk.introRNN": {
			EN: "An RNN with $I = %d$ inputs and $H = %d$ hidden units, run over $T = %d$ time steps with the same weights at every step; $\\phi = %s$.",
			ZH: "一个有 $I = %d$ 个输入、$H = %d$ 个隐藏单元的循环神经网络，在 $T = %d$ 个时间步上运行，每个时间步用同一组权重；$\\phi = %s$。"},
		"rnn.walk.introLSTM": {
			EN: "An LSTM with $I = %d$ inputs and $H = %d$ hidden units, run over $T = %d$ time steps; every gate at every step is shown with its numbers.",
			ZH: "一个有 $I = %d$ 个输入、$H = %d$ 个隐藏单元的 LSTM，在 $T = %d$ 个时间步上运行；每个时间步的每个门都代入了实际的数。"},
		"rnn.walk.introGRU": {
			EN: "A GRU with $I = %d$ inputs and $H = %d$ hidden units, run over $T = %d$ time steps; every gate at every step is shown with its numbers.",
			ZH: "一个有 $I = %d$ 个输入、$H = %d$ 个隐藏单元的 GRU，在 $T = %d$ 个时间步上运行；每个时间步的每个门都代入了实际的数。"},
		"rnn.walk.someSteps": {
			EN: "The player shows %d of the %d time steps; pass `rnn.Options{Steps: []int{…}}` to choose others.",
			ZH: "播放器显示了 %d 个时间步（共 %d 个）；传入 `rnn.Options{Steps: []int{…}}` 可以选择别的时间步。"},
		"rnn.step.weights": {EN: "The weights", ZH: "权重"},
		"rnn.step.t":       {EN: "Step t = %d", ZH: "时间步 t = %d"},
		"rnn.step.all":     {EN: "All steps", ZH: "所有时间步"},
		"rnn.body.weightsRNN": {
			EN: "$W_{ih}$ is $(H, I) = (%d, %d)$ and multiplies the input; $W_{hh}$ is $(H, H) = (%d, %d)$ and multiplies the previous hidden state. PyTorch keeps two bias vectors, $b_{ih}$ and $b_{hh}$. The same four parameters are used at every time step.",
			ZH: "$W_{ih}$ 的形状是 $(H, I) = (%d, %d)$，乘以输入；$W_{hh}$ 的形状是 $(H, H) = (%d, %d)$，乘以上一步的隐状态。PyTorch 保留两个偏置向量 $b_{ih}$ 和 $b_{hh}$。每个时间步都使用同样这四个参数。"},
		"rnn.body.weightsGates": {
			EN: "The %s stacks %d gate blocks (%s) along the rows: `weight_ih` is $(%d, %d)$ and `weight_hh` is $(%d, %d)$; each block has $H = %d$ rows. The same weights are used at every time step.",
			ZH: "%s 把 %d 个门的块（%s）沿行堆叠：`weight_ih` 的形状是 $(%d, %d)$，`weight_hh` 的形状是 $(%d, %d)$；每块有 $H = %d$ 行。每个时间步都使用同样的权重。"},
		"rnn.body.h0": {
			EN: "Initial hidden state $h_0 = %s$ (zeros unless given, as in PyTorch).",
			ZH: "初始隐状态 $h_0 = %s$（不指定时为零，与 PyTorch 相同）。"},
		"rnn.body.c0": {
			EN: "Initial cell state $c_0 = %s$.",
			ZH: "初始记忆元 $c_0 = %s$。"},
		"rnn.body.inputs": {
			EN: "Time step %d combines its input with the hidden state left by time step %d:",
			ZH: "时间步 %d 把它的输入与时间步 %d 留下的隐状态结合起来："},
		"rnn.body.inputsLSTM": {
			EN: "Time step %d combines its input with the hidden state and the cell state left by time step %d:",
			ZH: "时间步 %d 把它的输入与时间步 %d 留下的隐状态和记忆元结合起来："},
		"rnn.body.oneHot": {
			EN: "$x_{%d}$ is one-hot (a 1 at position %d), so $W_{ih}x$ is column %d of $W_{ih}$; the terms multiplied by 0 are left out.",
			ZH: "$x_{%d}$ 是独热向量（第 %d 个位置为 1），所以 $W_{ih}x$ 就是 $W_{ih}$ 的第 %d 列；乘以 0 的项没有写出。"},
		"rnn.body.checkRNN": {
			EN: "Numbers from `nn.RNN` (%s). `mathref.RNN`, the formula written as plain loops, gives the same $h_{%d}$.",
			ZH: "这些数来自 `nn.RNN`（%s）。`mathref.RNN` 把公式直接写成循环，算出的 $h_{%d}$ 相同。"},
		"rnn.body.checkLSTM": {
			EN: "Numbers from `nn.LSTM`. `mathref.LSTM`, the formulas written as plain loops, gives the same gates, $c_{%d}$ and $h_{%d}$.",
			ZH: "这些数来自 `nn.LSTM`。`mathref.LSTM` 把公式直接写成循环，算出的各个门、$c_{%d}$ 和 $h_{%d}$ 都相同。"},
		"rnn.body.checkGRU": {
			EN: "Numbers from `nn.GRU`. `mathref.GRU`, the formulas written as plain loops, gives the same gates and $h_{%d}$.",
			ZH: "这些数来自 `nn.GRU`。`mathref.GRU` 把公式直接写成循环，算出的各个门和 $h_{%d}$ 都相同。"},
		"rnn.body.all": {
			EN: "The hidden state after each of the %d time steps.",
			ZH: "%d 个时间步中每一步之后的隐状态。"},
		"rnn.word.token": {EN: "token", ZH: "词元"},
		"rnn.word.gate":  {EN: "gate", ZH: "门"},
		"rnn.word.rows":  {EN: "rows", ZH: "行"},

		// Summaries for fmt.Println.
		"rnn.str.rnn": {
			EN: "RNN(I=%d, H=%d, %s) over T=%d steps: h_T = %s; %s",
			ZH: "RNN(I=%d, H=%d, %s)，共 T=%d 个时间步：h_T = %s；%s"},
		"rnn.str.lstm": {
			EN: "LSTM(I=%d, H=%d) over T=%d steps: h_T = %s, c_T = %s; %s",
			ZH: "LSTM(I=%d, H=%d)，共 T=%d 个时间步：h_T = %s，c_T = %s；%s"},
		"rnn.str.gru": {
			EN: "GRU(I=%d, H=%d) over T=%d steps: h_T = %s; %s",
			ZH: "GRU(I=%d, H=%d)，共 T=%d 个时间步：h_T = %s；%s"},
		"rnn.str.char": {
			EN: "CharModel(V=%d, H=%d): loss %.3f → %.3f, accuracy %.1f%%",
			ZH: "CharModel(V=%d, H=%d)：损失 %.3f → %.3f，精度 %.1f%%"},
		"rnn.str.training": {
			EN: "SeedLSTM trained reading %s: %d steps of %d sequences in %.1f s, final loss %.3f",
			ZH: "训练时读取 %s 的 SeedLSTM：%d 步，每步 %d 个序列，用时 %.1f 秒，最终损失 %.3f"},

		// Figures.
		"rnn.fig.hidden":     {EN: "States %s over time", ZH: "状态 %s 随时间的变化"},
		"rnn.fig.timeTokens": {EN: "time step (token read)", ZH: "时间步（读入的词元）"},
		"rnn.fig.lines":      {EN: "Hidden units over time", ZH: "隐藏单元随时间的变化"},
		"rnn.fig.traj":       {EN: "Path of the hidden state (PCA)", ZH: "隐状态的轨迹（主成分分析）"},
		"rnn.fig.gatesLSTM":  {EN: "LSTM gates over time", ZH: "LSTM 各门随时间的变化"},
		"rnn.fig.gatesGRU":   {EN: "GRU gates over time", ZH: "GRU 各门随时间的变化"},
	})
}
