package lessons_test

import (
	"fmt"
	"math"

	"github.com/stepwise-go/stepwise/lessons"
)

// A value checker on the seed's cross-correlation, one entry wrong. The
// student is told which entry and how far off, not the right number.
func ExampleValue_Check() {
	lessons.SetLang("en")
	want := [][]float64{{19, 25}, {37, 43}}
	f := lessons.Value{Want: want}.Check([][]float64{{19, 25}, {36, 43}})
	fmt.Println(f.Passed)
	fmt.Print(f.Problem)
	// Output:
	// false
	// 1 of 4 entries are wrong.
	//
	// | entry | yours | |
	// |---|---:|:--|
	// | [0, 0] | 19 | ✓ |
	// | [0, 1] | 25 | ✓ |
	// | [1, 0] | 36 | ✗ too small by 1–10% |
	// | [1, 1] | 43 | ✓ |
	//
	// *The right values are not shown, so that the exercise stays yours; .Hint() helps, and after .Solution() the feedback shows them.*
}

// With Reveal (or in the teacher's grade report, or after the student
// asked for the solution) the expected values are shown.
func ExampleValue_Check_reveal() {
	lessons.SetLang("en")
	want := [][]float64{{19, 25}, {37, 43}}
	f := lessons.Value{Want: want, Reveal: true}.Check([][]float64{{19, 25}, {36, 43}})
	fmt.Println(f.Summary())
	fmt.Println(f.Causes)
	// Output:
	// ✗ First wrong entry [1, 0]: expected 37, got 36.
	// []
}

// An exercise hides the expected value until the solution was asked for.
func ExampleExercise_Check() {
	lessons.SetLang("en")
	defer lessons.ResetSubmissions()
	fmt.Println(lessons.ExMean.Check(15).Summary())
	fmt.Println(lessons.ExMean.Check(5.5).Summary())
	lessons.ExMean.Solution()
	fmt.Println(lessons.ExMean.Check(5.5).Summary())
	fmt.Println(lessons.ExMean.Check(5).Summary())
	// Output:
	// ✗ The mean of three numbers: 15 is not right: too big, more than twice the right value.
	// ✗ The mean of three numbers: 5.5 is not right: too big by 10–50%.
	// ✗ The mean of three numbers: Expected 5, got 5.5 (tolerance ±0.01).
	// ✓ The mean of three numbers
}

// A function checker finds the input on which a sum goes wrong; knowing
// one right output does not write the function, so it is shown.
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
	fmt.Println(f.Causes[0])
	fmt.Println(lessons.TermFor("scaled dot-product attention"))
	// Output:
	// ✗ 4 不对：偏大 10–50%。
	// 你的答案 4 差了一：是不是输出尺寸 ⌊(n + 2p − k)/s⌋ + 1 中的 +1，或者从 0 数还是从 1 数的问题？
	// 缩放点积注意力
}

// AsArray reads any nesting of numeric slices; anything else gets a
// message that says what was expected.
func ExampleAsArray() {
	lessons.SetLang("en")
	a, _ := lessons.AsArray([][]int{{1, 2, 3}, {4, 5, 6}})
	fmt.Println(lessons.ShapeString(a.Shape), a, a.At(1, 2))
	_, err := lessons.AsArray(struct{ W [][]float64 }{})
	fmt.Println(err)
	// Output:
	// (2, 3) [[1 2 3] [4 5 6]] 6
	// Expected a number, a slice of numbers, a matrix or a tensor, but got a struct of type struct { W [][]float64 } with fields W [][]float64. Pass the numbers themselves, for example the field that holds them.
}

// Compare finds the entries outside the tolerance; an infinite expected
// value (a mask) must be matched exactly.
func ExampleCompare() {
	lessons.SetLang("en")
	inf := math.Inf(-1)
	want, _ := lessons.AsArray([]float64{0, inf, inf})
	got, _ := lessons.AsArray([]float64{0, -1e9, inf})
	d := lessons.Compare(got, want, lessons.Float)
	fmt.Println(d.OK(), len(d.Mismatches), d.Mismatches[0].Index, lessons.Float.At(inf), lessons.Float.At(2))
	fmt.Print(d.Report())
	// Output:
	// false 1 [1] exactly ±2e-06
	// First wrong entry [1]: expected -Inf, got -1e+09.
	//
	// 1 of 3 entries are wrong; the worst is at [1]: expected -Inf, got -1e+09.
	//
	// | entry | expected | got | |
	// |---|---:|---:|:-:|
	// | [0] | 0 | 0 | ✓ |
	// | [1] | -Inf | -1e+09 | ✗ |
	// | [2] | -Inf | -Inf | ✓ |
}

// Tol.Close is numpy.allclose's rule: |got − want| ≤ Abs + Rel·|want|.
func ExampleTol_Close() {
	t := lessons.ByHand // Abs 0.005, Rel 0.001
	fmt.Println(t.Close(0.67, 0.6652), t.Close(0.65, 0.6652), t.Close(math.NaN(), math.NaN()))
	// Output:
	// true false true
}

// HowFar tells a student how a wrong number stands to the right one
// without saying the right one.
func ExampleHowFar() {
	lessons.SetLang("en")
	for _, got := range []float64{37.2, 36, 30, -37, 0, 100, math.NaN()} {
		fmt.Printf("%v: %s\n", got, lessons.HowFar(got, 37, lessons.ByHand))
	}
	// Output:
	// 37.2: slightly too big, by less than 1%; the tolerance is ±(0.005 + 0.001·|expected|)
	// 36: too small by 1–10%
	// 30: too small by 10–50%
	// -37: wrong sign
	// 0: the right answer is positive
	// 100: too big, more than twice the right value
	// NaN: not a number (NaN)
}

// TeXMatrix writes a matrix for a formula, with marked entries in colour.
func ExampleTeXMatrix() {
	fmt.Println(lessons.TeXMatrix([][]float64{{1, 0.5}, {-2, 1.0 / 3}}, 2, func(i, j int) bool { return i == 0 && j == 1 }))
	// Output:
	// \begin{bmatrix}1 & \textcolor{#d62728}{\mathbf{0.5}} \\ -2 & 0.33\end{bmatrix}
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
