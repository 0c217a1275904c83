package attention

import (
	"math"
	"strconv"
	"strings"
)

// num writes v for a formula with at most d decimals: whole numbers
// without decimals, trailing zeros dropped, ±∞ and NaN in TeX.
func num(v float64, d int) string {
	switch {
	case math.IsNaN(v):
		return `\text{NaN}`
	case math.IsInf(v, 1):
		return `+\infty`
	case math.IsInf(v, -1):
		return `-\infty`
	}
	p := math.Pow(10, float64(d))
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no −0
	}
	s := strconv.FormatFloat(r, 'f', d, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// factor writes v as a factor of a product: negative numbers and
// infinities in parentheses.
func factor(v float64, d int) string {
	s := num(v, d)
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return "(" + s + ")"
	}
	return s
}

// vec writes a row vector as a bmatrix, eliding the middle of long rows.
func vec(v []float64, d int) string {
	parts := make([]string, 0, len(v))
	for k, x := range v {
		if len(v) > 8 && k >= 3 && k < len(v)-2 {
			if k == 3 {
				parts = append(parts, `\cdots`)
			}
			continue
		}
		parts = append(parts, num(x, d))
	}
	return `\begin{bmatrix}` + strings.Join(parts, ` & `) + `\end{bmatrix}`
}

// mat writes a matrix as a bmatrix (rows elided beyond 10).
func mat(m [][]float64, d int) string {
	rs := make([]string, 0, len(m))
	for i, r := range m {
		if len(m) > 10 && i >= 4 && i < len(m)-3 {
			if i == 4 {
				rs = append(rs, `\vdots`)
			}
			continue
		}
		cells := make([]string, 0, len(r))
		for k, x := range r {
			if len(r) > 8 && k >= 3 && k < len(r)-2 {
				if k == 3 {
					cells = append(cells, `\cdots`)
				}
				continue
			}
			cells = append(cells, num(x, d))
		}
		rs = append(rs, strings.Join(cells, " & "))
	}
	return `\begin{bmatrix}` + strings.Join(rs, ` \\ `) + `\end{bmatrix}`
}

// tok writes a token as upright text in a formula.
func tok(s string) string { return `\text{` + texEscape(s) + `}` }

// texEscape escapes the characters TeX treats specially inside \text{}.
func texEscape(s string) string {
	r := strings.NewReplacer(`\`, `\backslash `, `{`, `\{`, `}`, `\}`, `_`, `\_`, `#`, `\#`,
		`%`, `\%`, `&`, `\&`, `$`, `\$`, `^`, `\hat{}`, `~`, `\sim `)
	return r.Replace(s)
}

// mdEscape escapes a token for Markdown prose (outside formulas).
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `<`, `\<`, `>`, `\>`,
		`$`, `\$`, `[`, `\[`, `]`, `\]`, `|`, `\|`)
	return r.Replace(s)
}
