package lessons

import (
	"fmt"
	"strings"
)

// Term is one entry of the terminology table: the English term, the
// Simplified Chinese term the lessons use (d2l-zh's usage unless Note says
// otherwise), and whether the translation test enforces it: when a message's
// English contains the term as a word, its Chinese must contain the Chinese
// term.
type Term struct {
	EN      string   // English, lower case
	ZH      string   // Simplified Chinese
	Note    Text     // where the choice differs from d2l-zh or needs care
	Also    []string // other Chinese forms the check accepts (一批 for a batch)
	Enforce bool     // checked in every catalog message by Untranslated
}

// terms is the one terminology table. Keep it sorted by topic.
var terms = []Term{
	// Tensors and shapes.
	{EN: "tensor", ZH: "张量", Enforce: true},
	{EN: "matrix", ZH: "矩阵", Enforce: true},
	{EN: "vector", ZH: "向量", Enforce: true},
	{EN: "scalar", ZH: "标量", Enforce: true},
	{EN: "shape", ZH: "形状", Enforce: true},
	{EN: "entry", ZH: "元素", Note: Text{EN: "an element of a tensor, e.g. entry [1, 2]", ZH: "张量中的一个数，如元素 [1, 2]"}, Enforce: true},
	{EN: "row", ZH: "行", Enforce: true},
	{EN: "column", ZH: "列", Enforce: true},
	{EN: "axis", ZH: "轴", Enforce: true},
	{EN: "dimension", ZH: "维度"},
	{EN: "dot product", ZH: "点积", Enforce: true},
	// Convolution.
	{EN: "convolution", ZH: "卷积", Enforce: true},
	{EN: "cross-correlation", ZH: "互相关", Enforce: true},
	{EN: "convolution kernel", ZH: "卷积核", Note: Text{EN: "\"kernel\" alone could also mean the Jupyter kernel (内核)", ZH: "单说“核”容易与 Jupyter 的内核混淆"}},
	{EN: "padding", ZH: "填充", Enforce: true},
	{EN: "stride", ZH: "步幅", Enforce: true},
	{EN: "dilation", ZH: "膨胀", Note: Text{EN: "also 空洞 (dilated or atrous convolution: 空洞卷积)", ZH: "也称空洞（空洞卷积）"}, Also: []string{"空洞"}, Enforce: true},
	{EN: "channel", ZH: "通道", Enforce: true},
	{EN: "receptive field", ZH: "感受野", Enforce: true},
	{EN: "feature map", ZH: "特征图", Note: Text{EN: "d2l-zh writes 特征映射; most classrooms say 特征图", ZH: "d2l-zh 写作特征映射；课堂上多称特征图"}, Also: []string{"特征映射"}, Enforce: true},
	{EN: "pooling", ZH: "池化", Note: Text{EN: "d2l-zh 2.0 writes 汇聚 and mentions 池化", ZH: "d2l-zh 2.0 写作汇聚，也称池化"}, Also: []string{"汇聚"}, Enforce: true},
	{EN: "max pooling", ZH: "最大池化", Enforce: true},
	{EN: "average pooling", ZH: "平均池化", Enforce: true},
	{EN: "bias", ZH: "偏置", Enforce: true},
	{EN: "weight", ZH: "权重", Also: []string{"权"}, Enforce: true},
	{EN: "output size", ZH: "输出尺寸", Note: Text{EN: "d2l-zh says 输出形状 for the whole shape", ZH: "d2l-zh 把整个形状称为输出形状"}, Enforce: true},
	{EN: "edge detection", ZH: "边缘检测", Enforce: true},
	{EN: "flip", ZH: "翻转", Enforce: true},
	// Networks and training.
	{EN: "activation function", ZH: "激活函数", Enforce: true},
	{EN: "fully connected layer", ZH: "全连接层", Enforce: true},
	{EN: "layer", ZH: "层"},
	{EN: "gradient", ZH: "梯度", Enforce: true},
	{EN: "vanishing gradient", ZH: "梯度消失", Enforce: true},
	{EN: "exploding gradient", ZH: "梯度爆炸", Enforce: true},
	{EN: "loss", ZH: "损失", Enforce: true},
	{EN: "cross-entropy", ZH: "交叉熵", Enforce: true},
	{EN: "accuracy", ZH: "精度", Note: Text{EN: "d2l-zh's word; 准确率 is also common", ZH: "d2l-zh 的用词；也常说准确率"}, Also: []string{"准确率"}, Enforce: true},
	{EN: "batch", ZH: "批量", Also: []string{"批"}, Enforce: true},
	{EN: "softmax", ZH: "softmax", Note: Text{EN: "not translated in d2l-zh", ZH: "d2l-zh 中不翻译"}, Enforce: true},
	// Recurrence.
	{EN: "recurrent neural network", ZH: "循环神经网络", Enforce: true},
	{EN: "hidden state", ZH: "隐状态", Enforce: true},
	{EN: "time step", ZH: "时间步", Enforce: true},
	{EN: "sequence", ZH: "序列", Enforce: true},
	{EN: "gating", ZH: "门控", Enforce: true},
	{EN: "gate", ZH: "门"},
	{EN: "input gate", ZH: "输入门", Enforce: true},
	{EN: "forget gate", ZH: "遗忘门", Enforce: true},
	{EN: "output gate", ZH: "输出门", Enforce: true},
	{EN: "reset gate", ZH: "重置门", Enforce: true},
	{EN: "update gate", ZH: "更新门", Enforce: true},
	{EN: "memory cell", ZH: "记忆元", Enforce: true},
	{EN: "candidate hidden state", ZH: "候选隐状态", Enforce: true},
	{EN: "long short-term memory", ZH: "长短期记忆网络", Enforce: true},
	{EN: "gated recurrent unit", ZH: "门控循环单元", Enforce: true},
	{EN: "backpropagation through time", ZH: "通过时间反向传播", Enforce: true},
	// Attention.
	{EN: "attention", ZH: "注意力", Enforce: true},
	{EN: "self-attention", ZH: "自注意力", Enforce: true},
	{EN: "scaled dot-product attention", ZH: "缩放点积注意力", Enforce: true},
	{EN: "multi-head attention", ZH: "多头注意力", Enforce: true},
	{EN: "attention weights", ZH: "注意力权重", Enforce: true},
	{EN: "attention scores", ZH: "注意力分数", Note: Text{EN: "d2l-zh's scoring function is 注意力评分函数", ZH: "d2l-zh 中的评分函数称为注意力评分函数"}, Enforce: true},
	{EN: "query", ZH: "查询", Enforce: true},
	{EN: "key", ZH: "键", Note: Text{EN: "also a message key or a keyboard key", ZH: "也可指消息键或键盘按键"}},
	{EN: "value", ZH: "值", Note: Text{EN: "also any number", ZH: "也可泛指任何数"}},
	{EN: "mask", ZH: "掩码", Note: Text{EN: "d2l-zh calls masking 掩蔽 (掩蔽softmax)", ZH: "d2l-zh 把掩码操作称为掩蔽（掩蔽softmax）"}, Also: []string{"掩蔽", "遮蔽"}, Enforce: true},
	{EN: "causal mask", ZH: "因果掩码", Enforce: true},
	{EN: "padding mask", ZH: "填充掩码", Enforce: true},
	{EN: "context vector", ZH: "上下文向量", Enforce: true},
	{EN: "token", ZH: "词元", Enforce: true},
	{EN: "embedding", ZH: "嵌入", Enforce: true},
	{EN: "positional encoding", ZH: "位置编码", Enforce: true},
	{EN: "head", ZH: "头", Note: Text{EN: "an attention head", ZH: "注意力头"}},
	// The notebook.
	{EN: "notebook", ZH: "笔记本", Enforce: true},
	{EN: "cell", ZH: "单元格", Note: Text{EN: "also a memory cell (记忆元)", ZH: "也可指记忆元"}},
	{EN: "jupyter kernel", ZH: "内核", Note: Text{EN: "the program that runs the cells", ZH: "运行单元格的程序"}},
	{EN: "magic command", ZH: "魔法命令", Enforce: true},
	{EN: "completion", ZH: "补全", Enforce: true},
	{EN: "exercise", ZH: "练习", Enforce: true},
	{EN: "hint", ZH: "提示", Enforce: true},
	{EN: "solution", ZH: "答案", Note: Text{EN: "参考答案 in headings", ZH: "标题中写作参考答案"}, Enforce: true},
	{EN: "hidden test", ZH: "隐藏测试", Enforce: true},
}

// Glossary is the terminology table; it displays as a Markdown table.
type Glossary []Term

// Terms returns the terminology table (a copy).
func Terms() Glossary { return append(Glossary(nil), terms...) }

// TermFor returns the term in the current language ("卷积" for
// "convolution" in zh mode), or en itself when the table lacks it.
func TermFor(en string) string {
	for _, t := range terms {
		if t.EN == strings.ToLower(en) {
			if Lang() == ZH {
				return t.ZH
			}
			return t.EN
		}
	}
	return en
}

// Markdown returns the table as Markdown: English, 中文, note.
func (g Glossary) Markdown() string {
	var b strings.Builder
	b.WriteString("| English | 中文 | " + T("lessons.glossary.note") + " |\n|---|---|---|\n")
	for _, t := range g {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.EN, t.ZH, t.Note)
	}
	return b.String()
}
