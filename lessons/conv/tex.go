package conv

import (
	"math"
	"strconv"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// num formats a number for a formula: whole numbers without decimals,
// others with at most 4 significant digits; −0 prints as 0.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return `\text{NaN}`
	case math.IsInf(v, 1):
		return `+\infty`
	case math.IsInf(v, -1):
		return `-\infty`
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	s := strconv.FormatFloat(v, 'g', 4, 64)
	if strings.Contains(s, "e") {
		m, e, _ := strings.Cut(s, "e")
		exp, _ := strconv.Atoi(e)
		return m + `\times 10^{` + strconv.Itoa(exp) + `}`
	}
	return s
}

// pnum is num with a negative number in parentheses, for a factor or a
// term after a plus sign.
func pnum(v float64) string {
	s := num(v)
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}

// plain formats a number for text (not TeX): as num, with plain digits.
func plain(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 && !math.IsInf(v, 0) {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// bmatrix writes rows×cols numbers, read by at(i, j), as a TeX bmatrix.
// mark, if not nil, says which entries to colour.
func bmatrix(rows, cols int, at func(i, j int) float64, mark func(i, j int) bool) string {
	var b strings.Builder
	b.WriteString(`\begin{bmatrix}`)
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(`\\`)
		}
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteString(`&`)
			}
			s := num(at(i, j))
			if mark != nil && mark(i, j) {
				s = `\boxed{` + s + `}`
			}
			b.WriteString(s)
		}
	}
	b.WriteString(`\end{bmatrix}`)
	return b.String()
}

// sumTerms writes a sum of terms, each in parentheses when negative.
func sumTerms(vs []float64) string {
	parts := make([]string, len(vs))
	for k, v := range vs {
		if k == 0 {
			parts[k] = num(v)
		} else {
			parts[k] = pnum(v)
		}
	}
	return strings.Join(parts, " + ")
}

// ints joins whole numbers for row and column lists: with commas in
// English, with the enumeration comma 、 in Chinese.
func ints(vs []int) string {
	parts := make([]string, len(vs))
	for k, v := range vs {
		parts[k] = strconv.Itoa(v)
	}
	if lessons.Lang() == lessons.ZH {
		return strings.Join(parts, "、")
	}
	return strings.Join(parts, ", ")
}
