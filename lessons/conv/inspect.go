package conv

import (
	"encoding/base64"
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// Inside is a trained network opened up on one digit: the input, then,
// layer by layer, the output (feature maps for convolution and pooling
// layers, the numbers for linear layers) and the learned filters of each
// convolution layer, and the prediction. In a cell it is a player with one
// step per layer.
type Inside struct {
	Model  *nn.Sequential
	Digit  *Image     // the digit as it is in the data set
	Input  *nn.Tensor // what the network saw, (1, C, H, W)
	Label  int        // the true label
	Probs  []float64  // softmax of the logits
	Pred   int        // the most probable label
	steps  []lessons.Step
	frame0 []*viz.Figure
}

// Inspect runs model on digit i of d (adapted with SeedAdapt unless an
// Adapt is given) and opens it up layer by layer.
func Inspect(model *nn.Sequential, d *Digits, i int, a ...Adapt) *Inside {
	var ad Adapt
	if len(a) > 0 {
		ad = a[0]
	}
	syncLang()
	x := d.Input(i, ad)
	nn.Eval(model)
	logits := model.Forward(x)
	checkLogits(logits.Shape)
	in := &Inside{Model: model, Digit: d.Image(i), Input: x, Label: d.Label(i), Probs: softmax(logits.Data)}
	in.Pred = argmax(in.Probs)
	in.build()
	return in
}

func softmax(z []float64) []float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = math.Max(m, v)
	}
	out := make([]float64, len(z))
	sum := 0.0
	for k, v := range z {
		out[k] = math.Exp(v - m)
		sum += out[k]
	}
	for k := range out {
		out[k] /= sum
	}
	return out
}

// pngFig is a figure shown in the player as a PNG image no wider than
// the output area (smaller than SVG for many small maps).
type pngFig struct{ f *viz.Figure }

// HTML embeds the figure as a PNG data: URL scaled to fit.
func (p pngFig) HTML() string {
	return `<img class="sw-figure" style="max-width:100%;height:auto" alt="` + html.EscapeString(p.f.Title()) +
		`" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(p.f.PNG()) + `">`
}

// maps returns sample 0 of a (1, C, H, W) tensor as C matrices (at most
// limit of them).
func maps(t *nn.Tensor, limit int) [][][]float64 {
	C, H, W := t.Shape[1], t.Shape[2], t.Shape[3]
	out := make([][][]float64, min(C, limit))
	for c := range out {
		out[c] = rows(t.Data[c*H*W:], H, W)
	}
	return out
}

func (in *Inside) build() {
	m := in.Model
	x := in.Input
	in.steps = append(in.steps, lessons.Step{
		Title:   lessons.T("conv.inside.input", shape(x.Shape)),
		Body:    lessons.T("conv.inside.inputBody", in.Label, x.Shape[1]),
		Figures: []any{in.Digit, pngFig{viz.FeatureMaps(maps(x, 1), viz.Options{Labels: []string{lessons.T("conv.inside.channel0")}})}},
	})
	prev := x.Shape
	for k, l := range m.Layers {
		out := m.Outputs[k]
		title := fmt.Sprintf("%s · %s → %s", m.Names[k], layerName(l), shape(out.Shape))
		st := lessons.Step{Title: title}
		switch l := l.(type) {
		case *nn.Conv2d:
			st.Body = lessons.T("conv.inside.conv", out.Shape[1], hw(l.KernelSize[0], l.KernelSize[1]), l.InChannels)
			st.Figures = append(st.Figures, pngFig{filtersFigure(l)}, pngFig{mapsFigure(out, lessons.T("conv.inside.maps", m.Names[k]))})
		case *nn.ReLU:
			zeros := 0
			for _, v := range out.Data {
				if v == 0 {
					zeros++
				}
			}
			st.Body = lessons.T("conv.inside.relu", zeros, out.Len(), fmt.Sprintf("%.0f", 100*float64(zeros)/float64(out.Len())))
			if out.Dims() == 4 {
				st.Figures = append(st.Figures, pngFig{mapsFigure(out, "")})
			} else {
				st.Figures = append(st.Figures, pngFig{vectorFigure(out.Data)})
			}
		case *nn.MaxPool2d:
			st.Body = lessons.T("conv.inside.pool", shape(prev), shape(out.Shape))
			st.Figures = append(st.Figures, pngFig{mapsFigure(out, "")})
		case *nn.Flatten, *nn.View:
			st.Body = lessons.T("conv.inside.flatten", shape(prev), out.Shape[len(out.Shape)-1])
		case *nn.Linear:
			if l.OutFeatures == 10 && k == len(m.Layers)-1 {
				st.Body = lessons.T("conv.inside.logits", in.Pred, fmt.Sprintf("%.1f", 100*in.Probs[in.Pred]), in.Label)
				if in.Pred != in.Label {
					st.Body = sentences(st.Body, lessons.T("conv.inside.wrong"))
				}
				st.Figures = append(st.Figures, pngFig{probsFigure(out.Data, in.Probs)})
			} else {
				st.Body = lessons.T("conv.inside.linear", l.OutFeatures, l.InFeatures)
				st.Figures = append(st.Figures, pngFig{vectorFigure(out.Data)})
			}
		default:
			st.Body = lessons.T("conv.inside.other", shape(out.Shape))
		}
		in.steps = append(in.steps, st)
		prev = out.Shape
	}
}

// layerName is the layer's description, e.g. Conv2d(3, 32, kernel_size=…)
// or ReLU().
func layerName(l nn.Layer) string {
	if s, ok := l.(fmt.Stringer); ok {
		return s.String()
	}
	t := fmt.Sprintf("%T", l)
	return t[strings.LastIndexByte(t, '.')+1:] + "()"
}

// mapsFigure draws up to 64 feature maps of sample 0, 8 to a row, sized
// to fit a notebook's width.
func mapsFigure(t *nn.Tensor, title string) *viz.Figure {
	ms := maps(t, 64)
	rows := (len(ms) + 7) / 8
	f := viz.FeatureMaps(ms, viz.Options{Cols: 8, Title: title})
	return f.SetSize(8.5, 0.6+1.05*float64(rows))
}

// filtersFigure draws a convolution layer's learned kernels: for a layer
// over 3 identical grey channels, each kernel summed over them (the
// kernel the grey digit effectively meets); otherwise at most 8 output
// × 8 input channels.
func filtersFigure(l *nn.Conv2d) *viz.Figure {
	O, C, KH, KW := l.Weight.Shape[0], l.Weight.Shape[1], l.Weight.Shape[2], l.Weight.Shape[3]
	if C <= 3 {
		w := make([][][][]float64, O)
		for o := range w {
			sum := make([][]float64, KH)
			for u := range sum {
				sum[u] = make([]float64, KW)
				for v := range sum[u] {
					for c := 0; c < C; c++ {
						sum[u][v] += l.Weight.At(o, c, u, v)
					}
				}
			}
			w[o] = [][][]float64{sum}
		}
		return viz.Filters(w, viz.Options{Cols: 8, Title: lessons.T("conv.inside.filtersSum", C)}).SetSize(8.5, 0.6+1.05*float64((O+7)/8))
	}
	no, nc := min(O, 8), min(C, 8)
	w := make([][][][]float64, no)
	for o := range w {
		w[o] = make([][][]float64, nc)
		for c := range w[o] {
			w[o][c] = rows(l.Weight.Data[(o*C+c)*KH*KW:], KH, KW)
		}
	}
	return viz.Filters(w, viz.Options{Title: lessons.T("conv.inside.filtersSome", no, O, nc, C)}).SetSize(8.5, 0.6+1.05*float64(no))
}

// vectorFigure draws a vector as a heatmap 16 wide.
func vectorFigure(v []float64) *viz.Figure {
	cols := 16
	if len(v)%cols != 0 {
		cols = len(v)
	}
	return viz.Heatmap(rows(v, len(v)/cols, cols), viz.Options{Title: lessons.T("conv.inside.vector", len(v), cols)})
}

// probsFigure draws the logits and the probabilities of the 10 labels.
func probsFigure(logits, probs []float64) *viz.Figure {
	ticks := make([]string, len(probs))
	for k := range ticks {
		ticks[k] = fmt.Sprint(k)
	}
	return viz.Heatmap([][]float64{probs}, viz.Options{XTicks: ticks, YTicks: []string{"p"}, Annotate: true, Range: []float64{0, 1},
		Title: lessons.T("conv.inside.probs"), XLabel: lessons.T("conv.inside.labelAxis")})
}

// Walkthrough returns the player, one step per layer.
func (in *Inside) Walkthrough() *lessons.Walkthrough {
	return &lessons.Walkthrough{Title: lessons.T("conv.inside.title", in.Label), Intro: in.intro(), Steps: in.steps}
}

func (in *Inside) intro() string {
	verdict := lessons.T("conv.inside.right")
	if in.Pred != in.Label {
		verdict = lessons.T("conv.inside.miss")
	}
	return lessons.T("conv.inside.intro", in.Label, in.Pred, fmt.Sprintf("%.1f", 100*in.Probs[in.Pred]), verdict, len(in.steps))
}

// HTML shows the player.
func (in *Inside) HTML() string { return in.Walkthrough().HTML() }

// PNG shows the first convolution layer's feature maps.
func (in *Inside) PNG() []byte {
	for k, l := range in.Model.Layers {
		if _, ok := l.(*nn.Conv2d); ok {
			return mapsFigure(in.Model.Outputs[k], lessons.T("conv.inside.maps", in.Model.Names[k])).PNG()
		}
	}
	return in.Digit.PNG()
}

// String is the prediction in one line.
func (in *Inside) String() string {
	return strings.TrimSpace(fmt.Sprintf("label %d, predicted %d (p = %.3f)", in.Label, in.Pred, in.Probs[in.Pred]))
}

// LayerMaps draws the feature maps a layer of model produced in its
// latest Forward (at most 64), e.g. LayerMaps(model, "conv1").
func LayerMaps(model *nn.Sequential, name string) *viz.Figure {
	syncLang()
	out := model.Output(name)
	if out == nil {
		fail("conv.inside.noLayer", name, strings.Join(model.Names, ", "))
	}
	if out.Dims() != 4 {
		return vectorFigure(out.Data[:out.Len()/out.Shape[0]])
	}
	return mapsFigure(out, lessons.T("conv.inside.maps", name))
}

// LayerFilters draws the learned kernels of a convolution layer of model,
// e.g. LayerFilters(model, "conv1").
func LayerFilters(model *nn.Sequential, name string) *viz.Figure {
	syncLang()
	l, ok := model.Layer(name).(*nn.Conv2d)
	if !ok {
		fail("conv.inside.notConv", name, strings.Join(model.Names, ", "))
	}
	return filtersFigure(l)
}

var insideMessages = lessons.Catalog{
	"conv.inside.title":    {EN: "Inside the network, for a digit labelled %d", ZH: "网络内部：一个标签为 %d 的数字"},
	"conv.inside.input":    {EN: "input %s", ZH: "输入 %s"},
	"conv.inside.channel0": {EN: "channel 0, normalised", ZH: "通道 0，已归一化"},
	"conv.inside.inputBody": {
		EN: "The digit (label %d) as the data set has it, and as the network sees it: cropped to its centre, normalised, and repeated over %d identical channels.",
		ZH: "数据集里的这个数字（标签 %d），以及网络看到的样子：裁出中心部分、归一化，再复制成 %d 个相同的通道。"},
	"conv.inside.conv": {
		EN: "Each of the %d feature maps is one output channel: its %s kernels slide over all %d input channels, their products are summed, and a bias is added. First the learned kernels, then the maps they produce for this digit (blue negative, red positive).",
		ZH: "%d 个特征图中的每一个对应一个输出通道：它的 %s 卷积核在全部 %d 个输入通道上滑动，乘积相加，再加上偏置。上面是学到的卷积核，下面是它们对这个数字产生的特征图（蓝为负，红为正）。"},
	"conv.inside.relu": {
		EN: "ReLU sets every negative value to 0: %d of the %d values (%s %%) are now zero.",
		ZH: "ReLU 把所有负值置为 0：%[2]d 个值中有 %[1]d 个（%[3]s %%）现在为 0。"},
	"conv.inside.pool": {
		EN: "Max pooling keeps the largest value of each 2×2 block of each feature map: %s becomes %s.",
		ZH: "最大池化在每个特征图的每个 2×2 块里只保留最大值：%s 变成 %s。"},
	"conv.inside.flatten": {
		EN: "The maps %s are laid out as one row of %d numbers per image.",
		ZH: "形状为 %s 的特征图被排成每张图像一行、每行 %d 个数。"},
	"conv.inside.linear": {
		EN: "A fully connected layer: each of its %d outputs is a weighted sum of all %d inputs plus a bias.",
		ZH: "全连接层：它的 %d 个输出中，每一个都是全部 %d 个输入的加权和再加偏置。"},
	"conv.inside.logits": {
		EN: "The 10 logits, one per label; softmax turns them into probabilities. The network says **%d** (p = %s %%); the label is **%d**.",
		ZH: "10 个 logit，每个标签一个；softmax 把它们变成概率。网络认为是 **%d**（p = %s %%）；标签是 **%d**。"},
	"conv.inside.wrong":       {EN: "It is wrong on this one.", ZH: "这一张它认错了。"},
	"conv.inside.other":       {EN: "Output shape %s.", ZH: "输出形状 %s。"},
	"conv.inside.maps":        {EN: "%s: feature maps", ZH: "%s：特征图"},
	"conv.inside.filtersSum":  {EN: "learned 3×3 kernels, summed over the %d identical input channels", ZH: "学到的 3×3 卷积核（对 %d 个相同的输入通道求和）"},
	"conv.inside.filtersSome": {EN: "learned kernels: the first %d of %d output channels × the first %d of %d input channels", ZH: "学到的卷积核：%d/%d 个输出通道 × %d/%d 个输入通道"},
	"conv.inside.vector":      {EN: "%d numbers, %d to a row", ZH: "%d 个数，每行 %d 个"},
	"conv.inside.probs":       {EN: "softmax probabilities", ZH: "softmax 概率"},
	"conv.inside.labelAxis":   {EN: "label", ZH: "标签"},
	"conv.inside.intro": {
		EN: "Label **%d**, predicted **%d** with probability %s %%: %s Move the slider through the %d steps: the input, then each layer's output.",
		ZH: "标签 **%d**，预测为 **%d**，概率 %s %%：%s拖动滑块浏览这 %d 步：先是输入，然后是每一层的输出。"},
	"conv.inside.right":   {EN: "right.", ZH: "认对了。"},
	"conv.inside.miss":    {EN: "wrong.", ZH: "认错了。"},
	"conv.inside.noLayer": {EN: "the model has no layer %q, or no Forward has run yet; its layers are: %s", ZH: "模型没有名为 %q 的层，或者还没有运行过 Forward；它的层有：%s"},
	"conv.inside.notConv": {EN: "%q is not a convolution layer of the model; its layers are: %s", ZH: "%q 不是模型的卷积层；它的层有：%s"},
}

func init() { lessons.RegisterCatalog("conv", insideMessages) }
