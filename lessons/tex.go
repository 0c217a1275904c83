package lessons

import (
	"fmt"
	"strconv"
	"strings"
)

// TeXNum writes a number for a formula: at most digits decimals (-1: the
// shortest exact form), trailing zeros dropped, a minus sign that TeX sets
// as one, ∞ for infinities.
func TeXNum(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if digits < 0 {
		s = strconv.FormatFloat(v, 'g', -1, 64)
	}
	if strings.Contains(s, ".") && !strings.ContainsAny(s, "eE") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	switch s {
	case "-0":
		s = "0"
	case "+Inf":
		return `\infty`
	case "-Inf":
		return `-\infty`
	case "NaN":
		return `\text{NaN}`
	}
	if e := strings.IndexAny(s, "eE"); e >= 0 {
		exp, _ := strconv.Atoi(s[e+1:])
		s = s[:e] + fmt.Sprintf(`\times 10^{%d}`, exp)
	}
	return s
}

// TeXMatrix writes a matrix (any answer AsArray reads as 2-D; a vector is
// one row) as a TeX bmatrix with numbers rounded to digits decimals. mark,
// if not nil, picks entries to highlight (the receptive field of one
// output, the row of one query), which are set in color. It panics on a
// value that is not a vector or a matrix: a lesson author's bug.
func TeXMatrix(m any, digits int, mark func(i, j int) bool) string {
	a, err := AsArray(m)
	if err != nil {
		panic("lessons: TeXMatrix: " + err.Error())
	}
	rows, cols := 1, 0
	switch len(a.Shape) {
	case 1:
		cols = a.Shape[0]
	case 2:
		rows, cols = a.Shape[0], a.Shape[1]
	default:
		panic(fmt.Sprintf("lessons: TeXMatrix: want a vector or a matrix, got shape %s", ShapeString(a.Shape)))
	}
	var b strings.Builder
	b.WriteString(`\begin{bmatrix}`)
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(` \\ `)
		}
		for j := 0; j < cols; j++ {
			if j > 0 {
				b.WriteString(" & ")
			}
			n := TeXNum(a.Data[i*cols+j], digits)
			if mark != nil && mark(i, j) {
				n = `\textcolor{#d62728}{\mathbf{` + n + `}}`
			}
			b.WriteString(n)
		}
	}
	b.WriteString(`\end{bmatrix}`)
	return b.String()
}
