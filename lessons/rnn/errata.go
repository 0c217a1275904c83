package rnn

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// ErratumView shows one of mathref's errata in the current language: the
// wrong form (as the seed document or common code writes it) beside the
// right one, why, the notes, a demonstration on small numbers and the
// source. The formulas, the code and the English text come from
// mathref.Errata(); this package adds the Chinese.
type ErratumView struct {
	E mathref.Erratum // the erratum, from mathref
}

// Erratum returns the view of the erratum with the given ID (one of
// ErrataIDs), or stops with a message listing the IDs there are.
func Erratum(id string) ErratumView {
	e, ok := mathref.ErratumByID(id)
	if !ok || zhErrata[id].title == "" {
		fail("rnn.input.erratum", id, strings.Join(ErrataIDs(), ", "))
	}
	return ErratumView{E: e}
}

// ErrataIDs lists the errata the recurrence lessons show, in the order of
// the notebooks.
func ErrataIDs() []string {
	return []string{"rnn-vague-form", "rnn-output-layer", "lstm-last-output-padding", "lstm-h0-shape", "softmax-before-cross-entropy"}
}

// zhErratum is the Chinese of an erratum's prose and demonstration.
type zhErratum struct {
	title, why string
	notes      []string
	demo       func() mathref.Demo // the demonstration, computed again with Chinese words
}

// Text returns the erratum's title, why and notes as bilingual texts:
// the English from mathref, the Chinese from this package.
func (v ErratumView) Text() (title, why lessons.Text, notes []lessons.Text) {
	z := zhErrata[v.E.ID]
	title = lessons.Text{EN: v.E.Title, ZH: z.title}
	why = lessons.Text{EN: v.E.Why, ZH: z.why}
	for i, n := range v.E.Notes {
		zn := ""
		if i < len(z.notes) {
			zn = z.notes[i]
		}
		notes = append(notes, lessons.Text{EN: n, ZH: zn})
	}
	return title, why, notes
}

// Demo returns the demonstration in the current language.
func (v ErratumView) Demo() mathref.Demo {
	if lessons.Lang() == lessons.ZH {
		return zhErrata[v.E.ID].demo()
	}
	d := v.E.Demo()
	// mathref refers to another erratum by its ID; a student reads the
	// errata one after another, so name it by its place instead.
	d.Input = strings.ReplaceAll(d.Input, "the RNN of rnn-vague-form", "the RNN of the demonstration above")
	return d
}

// Markdown shows the erratum.
func (v ErratumView) Markdown() string {
	title, why, notes := v.Text()
	e := v.E
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**", title)
	if e.Seed != "" {
		key := "rnn.err.nextToSeed"
		if e.InSeed {
			key = "rnn.err.inSeed"
		}
		b.WriteString(" (" + lessons.T(key, e.Seed) + ")")
	}
	fmt.Fprintf(&b, "\n\n✗ %s\n\n%s\n\n✓ %s\n\n%s\n\n", lessons.T("rnn.err.wrong"), formBlock(e, e.Wrong),
		lessons.T("rnn.err.right"), formBlock(e, e.Right))
	fmt.Fprintf(&b, "%s %s\n\n", lessons.T("rnn.err.why"), why)
	for _, n := range notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	if len(notes) > 0 {
		b.WriteString("\n")
	}
	d := v.Demo()
	fmt.Fprintf(&b, "%s\n\n| | |\n|---|---|\n| %s | %s |\n| ✗ | %s |\n| ✓ | %s |\n\n", lessons.T("rnn.err.demo"),
		lessons.T("rnn.err.input"), cellText(d.Input), cellText(d.Wrong), cellText(d.Right))
	fmt.Fprintf(&b, "%s %s\n", lessons.T("rnn.err.source"), e.Source)
	return b.String()
}

func formBlock(e mathref.Erratum, s string) string {
	if lessons.Lang() == lessons.ZH {
		s = zhForms.Replace(s)
	}
	if e.Lang == "tex" {
		return "$$" + s + "$$"
	}
	return "```python\n" + s + "\n```"
}

// cellText makes a demonstration line safe in a Markdown table cell.
func cellText(s string) string {
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

// Errata shows every erratum of ErrataIDs whose ID starts with prefix
// ("rnn", "lstm", or "" for all), one after another.
type Errata []ErratumView

// ErrataFor returns the views of the errata whose ID starts with prefix.
func ErrataFor(prefix string) Errata {
	var out Errata
	for _, id := range ErrataIDs() {
		if strings.HasPrefix(id, prefix) {
			out = append(out, Erratum(id))
		}
	}
	return out
}

// Markdown shows the errata separated by rules.
func (es Errata) Markdown() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Markdown()
	}
	return strings.Join(parts, "\n---\n\n")
}

// demoLSTMErratum is the 1-unit LSTM of mathref's padding erratum
// (mathref's demoLSTM): rows i, f, g, o.
func demoLSTMErratum() mathref.RecurrentWeights {
	return mathref.RecurrentWeights{
		WeightIH: mathref.FromData([]float64{1, 2, 0.5, -1}, 4, 1),
		WeightHH: mathref.FromData([]float64{0.5, 0.5, 1, 1}, 4, 1),
		BiasIH:   []float64{0, 1, 0, 0},
		BiasHH:   []float64{0, 0, 0, 0.5},
	}
}

// refDemoRNN is DemoRNN as mathref weights.
func refDemoRNN() mathref.RecurrentWeights {
	w := DemoRNN()
	return mathref.RecurrentWeights{WeightIH: mathref.Matrix(w.WIH.([][]float64)), WeightHH: mathref.Matrix(w.WHH.([][]float64)),
		BiasIH: w.BIH.([]float64), BiasHH: w.BHH.([]float64)}
}

// line writes a tensor on one line with three decimals, as mathref's
// demonstrations do.
func line(t mathref.Tensor) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(t.Text(3)), " "), "[ ", "[")
}

// zhFormParts are the English words inside the errata's formulas and
// code comments with their Chinese; a test checks that each still occurs
// in mathref's errata.
var zhFormParts = []string{
	`\text{(read as the output of nn.RNN)}`, `\text{（当作 nn.RNN 的输出）}`,
	`\text{a separate nn.Linear; softmax inside the loss}`, `\text{单独的 nn.Linear；softmax 放在损失里}`,
	"# or gather output at lengths - 1", "# 或者在 lengths - 1 处取出 output",
	"# or pass no state at all: the default is zeros", "# 或者干脆不传状态：默认就是零",
	"# applies log_softmax itself", "# 它自己会做 log_softmax",
}

var zhForms = strings.NewReplacer(zhFormParts...)

var zhErrata = map[string]zhErratum{
	"rnn-vague-form": {
		title: "只写了 f、只有一个偏置的递推公式",
		why:   "抽象形式 h_t = f(h_{t−1}, x_t; W, U) 从未说明 f 是什么：PyTorch 的 RNN 是两个仿射变换之和（两个偏置向量）再取 tanh（或 ReLU），每个时间步使用同样的权重，默认 h_0 = 0。",
		notes: []string{
			"公式没有说 W 和 U 哪个乘以 x、哪个乘以 h；PyTorch 把它们叫作 weight_ih 和 weight_hh。",
			"d2l 按行写：H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h)；PyTorch 写成 W x（存储形状为 (H, I)）：数相同，只是权重互为转置。",
			"把 PyTorch 的权重搬进只有一个偏置的公式，会悄悄丢掉 bias_hh，下面的演示就是这样。",
		},
		demo: func() mathref.Demo {
			xs := mathref.Matrix(DemoX()[:2])
			p := refDemoRNN()
			one := p
			one.BiasHH = nil
			return mathref.Demo{
				Input: "x_1 = (1, 2)，x_2 = (0, 1)；b_ih = (0.1, 0)，b_hh = (0.3, −0.2)",
				Wrong: "只用一个偏置（b_ih）：h_2 = " + line(mathref.RNN(xs, mathref.Tensor{}, one, "tanh").HN),
				Right: "两个偏置都用：h_2 = " + line(mathref.RNN(xs, mathref.Tensor{}, p, "tanh").HN),
			}
		},
	},
	"rnn-output-layer": {
		title: "以为 RNN 内部有输出层",
		why:   "nn.RNN 没有输出层：它的 output 就是各个时间步的隐状态 h_t；读出层是单独的 Linear，通常不加非线性，softmax 放在损失函数里。",
		demo: func() mathref.Demo {
			xs := mathref.Matrix(DemoX()[:2])
			r := mathref.RNN(xs, mathref.Tensor{}, refDemoRNN(), "tanh")
			h1 := mathref.RNNCell(xs.Sub(0), mathref.Tensor{}, refDemoRNN(), "tanh")
			V := mathref.Matrix([][]float64{{1, 0}, {0, 1}, {1, 1}})
			logits := mathref.Linear(r.Output, V, nil)
			return mathref.Demo{
				Input: "上一个演示中的 RNN，T = 2，再加一个读出层 V（3 类 × 2）",
				Wrong: fmt.Sprintf("以为 nn.RNN 的 output 就是 3 类的 y_t：其实它的形状是 (%d, %d)，不是 (2, 3)", r.Output.Shape[0], r.Output.Shape[1]),
				Right: fmt.Sprintf("output[0] = h_1 = %s（相等：%v）；logits = Linear(output) %s",
					line(r.Output.Sub(0)), mathref.AllClose(r.Output.Sub(0), h1, 0, 0).OK, line(logits)),
			}
		},
	},
	"lstm-last-output-padding": {
		title: "对填充过的批量取 output[:, -1]",
		why:   "对于比批量长度 T 短的序列，位置 −1 是读完填充之后的状态，而不是读完它最后一个真实词元之后的状态。",
		notes: []string{
			"只有在输入没有填充、长度固定、单向时，output[:, -1] 才等于 h_n[-1]。",
			"双向时：output[:, -1] 含有正向的最终状态，但反向的却是初始状态；应使用 torch.cat((h_n[-2], h_n[-1]), 1)。",
			"当 proj_size > 0 时，输出宽度是 proj_size，而不是 hidden_size。",
		},
		demo: func() mathref.Demo {
			xs := mathref.FromData([]float64{1, 0, 0, 0}, 4, 1)
			r := mathref.LSTM(xs, mathref.Tensor{}, mathref.Tensor{}, demoLSTMErratum())
			return mathref.Demo{
				Input: "一个长度为 1 的序列 x = (1)，用零填充到 T = 4；1 个单元的 LSTM（mathref 的 LSTM 示例）",
				Wrong: fmt.Sprintf("output[-1] = %.4f（读完三个填充时间步之后）", r.Output.At(3, 0)),
				Right: fmt.Sprintf("output[length-1] = 最后一个真实词元之后的 h = %.4f（= 打包序列的 h_n）", r.Output.At(0, 0)),
			}
		},
	},
	"lstm-h0-shape": {
		title: "batch_first=True 时把 h0/c0 排成输入的形状",
		why:   "batch_first 只作用于输入和输出张量；h0、c0、h_n 和 c_n 的形状始终是 (num_layers·D, B, H)。",
		notes: []string{
			"种子文档的代码用正确的形状和设备创建了 h0 和 c0；不过这是多余的，因为默认的初始状态就是零。",
		},
		demo: func() mathref.Demo {
			layers, B, H := 2, 3, 20
			return mathref.Demo{
				Input: fmt.Sprintf("num_layers = %d，批量 B = %d，隐藏大小 H = %d，batch_first=True", layers, B, H),
				Wrong: fmt.Sprintf("h0 (B, layers, H)：形状 (%d, %d, %d)：被拒绝，应为 (%d, %d, %d)", B, layers, H, layers, B, H),
				Right: fmt.Sprintf("h0 (layers, B, H)：形状 (%d, %d, %d)：接受", layers, B, H),
			}
		},
	},
	"softmax-before-cross-entropy": {
		title: "在 CrossEntropyLoss 之前的 forward() 里做 softmax",
		why:   "CrossEntropyLoss 需要的是 logits；传入概率等于做了两次 softmax，损失无法接近 0，梯度也会变小。",
		notes: []string{
			"种子文档的分类器返回 logits，这是对的；只在展示概率时才做 softmax。",
		},
		demo: func() mathref.Demo {
			logits := mathref.Matrix([][]float64{{4, 1, 0}})
			best := mathref.Matrix([][]float64{{1, 0, 0}})
			return mathref.Demo{
				Input: "logits (4, 1, 0)，目标类别 0",
				Wrong: fmt.Sprintf("CE(softmax(logits)) = %.4f；即使完美的预测 (1, 0, 0) 也得 %.4f",
					mathref.CrossEntropy(mathref.Softmax(logits, -1), []int{0}), mathref.CrossEntropy(best, []int{0})),
				Right: fmt.Sprintf("CE(logits) = %.4f", mathref.CrossEntropy(logits, []int{0})),
			}
		},
	},
}

func init() {
	lessons.RegisterCatalog("rnn-errata", lessons.Catalog{
		"rnn.input.erratum": {
			EN: "no erratum %q in the recurrence lessons; the IDs are: %s.",
			ZH: "循环神经网络课程中没有勘误 %q；可用的 ID 有：%s。"},
		"rnn.err.inSeed":     {EN: "seed document, point %s", ZH: "种子文档，第 %s 点"},
		"rnn.err.nextToSeed": {EN: "a pitfall next to the seed document's point %s", ZH: "种子文档第 %s 点旁边的陷阱"},
		"rnn.err.wrong":      {EN: "Wrong:", ZH: "错误："},
		"rnn.err.right":      {EN: "Right:", ZH: "正确："},
		"rnn.err.why":        {EN: "**Why:**", ZH: "**原因：**"},
		"rnn.err.demo":       {EN: "Demonstration (computed by mathref):", ZH: "演示（由 mathref 计算）："},
		"rnn.err.input":      {EN: "input", ZH: "输入"},
		"rnn.err.source":     {EN: "Source:", ZH: "出处："},
	})
}
