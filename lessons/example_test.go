package lessons_test

import (
	"fmt"

	"github.com/stepwise-go/stepwise/lessons"
)

// A value checker on the seed's cross-correlation: one entry wrong.
func ExampleValue_Check() {
	lessons.SetLang("en")
	want := [][]float64{{19, 25}, {37, 43}}
	f := lessons.Value{Want: want}.Check([][]float64{{19, 25}, {36, 43}})
	fmt.Println(f.Passed)
	fmt.Println(f.Summary())
	// Output:
	// false
	// ✗ First wrong entry [1, 0]: expected 37, got 36.
}

// A function checker finds the input on which a softmax goes wrong.
func ExampleFunc_Check() {
	lessons.SetLang("en")
	ref := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			s += v
		}
		return s
	}
	check := lessons.Func{Ref: ref, Params: []string{"x"}, Cases: []lessons.Case{
		{Args: []any{[]float64{1, 2, 3}}},
	}}
	f := check.Check(func(x []float64) float64 { return x[0] + x[1] })
	fmt.Println(f.Input)
	fmt.Println(f.Problem)
	// Output:
	// On input `x = [1 2 3]`:
	// Expected 6, got 3 (tolerance ±6e-06).
}

// The same feedback in Chinese.
func ExampleSetLang() {
	lessons.SetLang("zh")
	defer lessons.SetLang("en")
	f := lessons.Value{Want: 3}.Check(4)
	fmt.Println(f.Summary())
	fmt.Println(lessons.TermFor("scaled dot-product attention"))
	// Output:
	// ✗ 应为 3，实际为 4。
	// 缩放点积注意力
}

// MathML turns TeX into MathML Core that browsers draw without MathJax.
func ExampleMathML() {
	m, err := lessons.MathML(`x_i^2`, false)
	fmt.Println(err)
	fmt.Println(m[len(`<math style="`+lessons.MathFontCSS+`">`):])
	// Output:
	// <nil>
	// <semantics><mrow><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></mrow><annotation encoding="application/x-tex">x_i^2</annotation></semantics></math>
}
