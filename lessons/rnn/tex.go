package rnn

import (
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// maxShown is the longest vector or matrix side written out in full; longer
// ones are elided in the middle.
const maxShown = 8

// num writes a number for a formula with at most d decimals.
func num(v float64, d int) string { return lessons.TeXNum(v, d) }

// factor writes v as a factor of a product: negative numbers in
// parentheses.
func factor(v float64, d int) string {
	s := num(v, d)
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}

// elide returns the indices of n entries to show, with -1 marking the
// elided middle.
func elide(n int) []int {
	out := make([]int, 0, n)
	for k := 0; k < n; k++ {
		if n > maxShown && k >= 3 && k < n-2 {
			if k == 3 {
				out = append(out, -1)
			}
			continue
		}
		out = append(out, k)
	}
	return out
}

// col writes v as a column vector.
func col(v []float64, d int) string {
	parts := make([]string, 0, len(v))
	for _, k := range elide(len(v)) {
		if k < 0 {
			parts = append(parts, `\vdots`)
			continue
		}
		parts = append(parts, num(v[k], d))
	}
	return `\begin{bmatrix}` + strings.Join(parts, ` \\ `) + `\end{bmatrix}`
}

// row writes v as a row vector.
func row(v []float64, d int) string {
	parts := make([]string, 0, len(v))
	for _, k := range elide(len(v)) {
		if k < 0 {
			parts = append(parts, `\cdots`)
			continue
		}
		parts = append(parts, num(v[k], d))
	}
	return `\begin{bmatrix}` + strings.Join(parts, ` & `) + `\end{bmatrix}`
}

// mat writes m as a matrix, eliding long sides.
func mat(m [][]float64, d int) string {
	rs := make([]string, 0, len(m))
	for _, i := range elide(len(m)) {
		if i < 0 {
			rs = append(rs, `\vdots`)
			continue
		}
		cells := make([]string, 0, len(m[i]))
		for _, k := range elide(len(m[i])) {
			if k < 0 {
				cells = append(cells, `\cdots`)
				continue
			}
			cells = append(cells, num(m[i][k], d))
		}
		rs = append(rs, strings.Join(cells, " & "))
	}
	return `\begin{bmatrix}` + strings.Join(rs, ` \\ `) + `\end{bmatrix}`
}

// small reports whether a matrix of r×c is small enough to write inside an
// equation next to others.
func small(r, c int) bool { return r <= 4 && c <= 4 }

// texText writes s as upright text in a formula, escaping TeX's specials.
func texText(s string) string {
	r := strings.NewReplacer(`\`, `\backslash `, `{`, `\{`, `}`, `\}`, `_`, `\_`, `#`, `\#`,
		`%`, `\%`, `&`, `\&`, `$`, `\$`, `^`, `\hat{}`, `~`, `\sim `)
	return `\text{` + r.Replace(s) + `}`
}

// mdEscape escapes a token for Markdown prose.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `<`, `\<`, `>`, `\>`,
		`$`, `\$`, `[`, `\[`, `]`, `\]`, `|`, `\|`)
	return r.Replace(s)
}
