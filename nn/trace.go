package nn

import (
	"fmt"
	"html"
	"strings"
)

// TraceRow is one layer in a ShapeTrace.
type TraceRow struct {
	Name   string // the layer's name in the model, e.g. "conv1" or "features.0"
	Type   string // e.g. "Conv2d"
	Out    []int  // output shape
	Params int    // number of scalar parameters
}

// ShapeTrace is a table of every layer's output shape and parameter count
// for one input shape, computed without running the layers. If a layer
// rejects its input, the rows stop there and Err says why.
type ShapeTrace struct {
	Input []int      // the input shape
	Rows  []TraceRow // one per layer, in order
	Err   error      // nil, or the *Error of the first layer that rejects its input
}

// tracer is implemented by models that list their inner layers.
type tracer interface {
	trace(prefix string, in []int, rows *[]TraceRow) []int
}

// Trace returns the shape trace of l for an input of the given shape, e.g.
// nn.Trace(nn.SeedCNN(), 1, 3, 24, 24). Print it, or show its HTML in a
// notebook.
func Trace(l Layer, inShape ...int) *ShapeTrace {
	st := &ShapeTrace{Input: cloneInts(inShape)}
	st.Err = Try(func() { traceLayer("", "", l, inShape, &st.Rows) })
	return st
}

func traceLayer(prefix, name string, l Layer, in []int, rows *[]TraceRow) []int {
	if t, ok := l.(tracer); ok {
		p := prefix + name
		if p != "" {
			p += "."
		}
		return t.trace(p, in, rows)
	}
	out := l.OutShape(in)
	*rows = append(*rows, TraceRow{Name: prefix + name, Type: typeName(l), Out: out, Params: NumParams(l)})
	return out
}

func (s *Sequential) trace(prefix string, in []int, rows *[]TraceRow) []int {
	net := in
	for i, l := range s.Layers {
		in = s.step(i, in, net, func() []int { return traceLayer(prefix, s.Names[i], l, in, rows) })
	}
	return in
}

func (m *SeedLSTM) trace(prefix string, in []int, rows *[]TraceRow) []int {
	out := traceLayer(prefix, "lstm", m.LSTM, in, rows)
	last := []int{out[0], out[2]}
	*rows = append(*rows, TraceRow{Name: prefix + "(last step)", Type: "select", Out: last})
	return traceLayer(prefix, "fc", m.FC, last, rows)
}

// TotalParams returns the number of parameters over all rows.
func (st *ShapeTrace) TotalParams() int {
	n := 0
	for _, r := range st.Rows {
		n += r.Params
	}
	return n
}

func (st *ShapeTrace) cells() [][]string {
	cells := [][]string{{"layer", "type", "output shape", "params"}, {"(input)", "", fmtShape(st.Input), ""}}
	for _, r := range st.Rows {
		cells = append(cells, []string{r.Name, r.Type, fmtShape(r.Out), fmt.Sprint(r.Params)})
	}
	return append(cells, []string{"total", "", "", fmt.Sprint(st.TotalParams())})
}

// String prints the trace as an aligned text table, then the error if any.
func (st *ShapeTrace) String() string {
	cells := st.cells()
	width := make([]int, 4)
	for _, row := range cells {
		for j, c := range row {
			width[j] = max(width[j], len([]rune(c)))
		}
	}
	var b strings.Builder
	for _, row := range cells {
		for j, c := range row {
			pad := strings.Repeat(" ", width[j]-len([]rune(c)))
			if j == 3 {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad + "  ")
			}
		}
		trimmed := strings.TrimRight(b.String(), " ")
		b.Reset()
		b.WriteString(trimmed + "\n")
	}
	if st.Err != nil {
		b.WriteString("stopped: " + st.Err.Error() + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// HTML renders the trace as an HTML table for notebooks.
func (st *ShapeTrace) HTML() string {
	var b strings.Builder
	b.WriteString("<table>\n")
	for i, row := range st.cells() {
		tag := "td"
		if i == 0 {
			tag = "th"
		}
		b.WriteString("<tr>")
		for j, c := range row {
			align := ""
			if j == 3 {
				align = ` style="text-align:right"`
			}
			fmt.Fprintf(&b, "<%s%s>%s</%s>", tag, align, html.EscapeString(c), tag)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>")
	if st.Err != nil {
		fmt.Fprintf(&b, "\n<p style=\"color:#b00\">stopped: %s</p>", html.EscapeString(st.Err.Error()))
	}
	return b.String()
}
