package rnn

import (
	"math"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/viz"
)

// shownToken makes a token visible as a tick label: a space is ·, a line
// break ¶, a tab →.
func shownToken(s string) string {
	return strings.NewReplacer(" ", "·", "\n", "¶", "\t", "→").Replace(s)
}

func shownTokens(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = shownToken(t)
	}
	return out
}

// hiddenStates draws (T, H) states as units × time, one column per token.
func hiddenStates(h [][]float64, tokens []string, sym string) *viz.Figure {
	f := viz.HiddenStates(h, viz.Options{Title: lessons.T("rnn.fig.hidden", sym),
		XTicks: shownTokens(tokens), XLabel: lessons.T("rnn.fig.timeTokens"),
		Annotate: len(h)*len(h[0]) <= 40})
	if T, H := len(h), len(h[0]); T > 12 {
		// Wide enough for a tick label under every column.
		f.SetSize(clamp(2.2+0.2*float64(T), 4, 11), clamp(1.6+0.16*float64(H), 2.4, 6))
	}
	return f
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// withStart returns h_0 followed by h_1 … h_T.
func withStart(h0 []float64, h [][]float64) [][]float64 {
	return append([][]float64{h0}, h...)
}

// unitLines draws chosen units of h_0 … h_T against t.
func unitLines(h0 []float64, h [][]float64, units []int) *viz.Figure {
	H := len(h0)
	if len(units) == 0 {
		units = nil
	}
	for _, u := range units {
		if u < 0 || u >= H {
			fail("rnn.input.unit", u, H, H-1)
		}
	}
	return viz.UnitLines(withStart(h0, h), units, viz.Options{Title: lessons.T("rnn.fig.lines"),
		XLabel: "t", YLabel: "h_t"})
}

// trajectory draws h_0 … h_T on their first two principal components.
func trajectory(h0 []float64, h [][]float64, tokens []string) *viz.Figure {
	if len(h0) < 2 {
		fail("rnn.input.trajUnits", len(h0))
	}
	labels := append([]string{"h₀"}, shownTokens(tokens)...)
	return viz.Trajectory(withStart(h0, h), viz.Options{Title: lessons.T("rnn.fig.traj"), XTicks: labels})
}
