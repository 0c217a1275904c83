package lessons

import (
	"math"
	"strings"
	"testing"
)

func TestTeXNum(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		digits int
		want   string
	}{
		{19, 2, "19"}, {0.5, 3, "0.5"}, {-0.0001, 2, "0"}, {2.0 / 3, 3, "0.667"}, {-1.25, -1, "-1.25"},
		{math.Inf(1), 2, `\infty`}, {math.Inf(-1), 2, `-\infty`}, {math.NaN(), 2, `\text{NaN}`},
		{1.5e-12, -1, `1.5\times 10^{-12}`},
	} {
		if got := TeXNum(tc.v, tc.digits); got != tc.want {
			t.Errorf("TeXNum(%v, %d) = %q, want %q", tc.v, tc.digits, got, tc.want)
		}
	}
}

func TestTeXMatrix(t *testing.T) {
	got := TeXMatrix([][]float64{{0, 1, 2}, {3, 4, 5}}, 2, func(i, j int) bool { return i == 1 && j < 2 })
	want := `\begin{bmatrix}0 & 1 & 2 \\ \textcolor{#d62728}{\mathbf{3}} & \textcolor{#d62728}{\mathbf{4}} & 5\end{bmatrix}`
	if got != want {
		t.Errorf("TeXMatrix:\n%s\nwant\n%s", got, want)
	}
	m, err := MathML(got, true)
	if err != nil || !strings.Contains(m, `mathcolor="#d62728"`) || strings.Count(m, "<mtr>") != 2 {
		t.Errorf("TeXMatrix does not convert: %v\n%s", err, m)
	}
	if got := TeXMatrix([]float64{1, 2}, 0, nil); got != `\begin{bmatrix}1 & 2\end{bmatrix}` {
		t.Errorf("vector: %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("a 3-D tensor did not panic")
		}
	}()
	TeXMatrix([][][]float64{{{1}}}, 0, nil)
}
