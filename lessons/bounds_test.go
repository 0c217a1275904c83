package lessons

import (
	"strings"
	"testing"
)

// These answers once made AsArray, FormatValue or a checker recurse
// without end: walk → FormatValue → AsArray → walk on a struct, fmt on a
// slice that holds itself, a pointer to itself. A stack overflow is fatal
// in Go, so in a notebook it killed the kernel. Each must now get a
// message within a bounded amount of work.

type point struct {
	X, Y float64
	Name string
}

type selfPtr *selfPtr

type badMatrix struct{}

func (badMatrix) Dims() (int, int)    { return 2, 2 }
func (badMatrix) At(i, j int) float64 { panic("not implemented") }

type negMatrix struct{}

func (negMatrix) Dims() (int, int)    { return -1, 3 }
func (negMatrix) At(i, j int) float64 { return 0 }

func cyclicSlice() []any {
	s := []any{nil}
	s[0] = s
	return s
}

func wideCyclicSlice() []any {
	s := []any{nil, nil}
	s[0], s[1] = s, s
	return s
}

func cyclicInterface() any {
	var x any
	x = &x
	return x
}

func cyclicPointer() selfPtr {
	var p selfPtr
	p = &p
	return p
}

func nested(depth int) any {
	var v any = 1.0
	for i := 0; i < depth; i++ {
		v = []any{v}
	}
	return v
}

type cyclicStruct struct {
	Next *cyclicStruct
	V    float64
}

func TestAsArrayBounded(t *testing.T) {
	cs := &cyclicStruct{V: 1}
	cs.Next = cs
	withLang(t, EN, func() {
		for _, tc := range []struct {
			name string
			in   any
			err  string
		}{
			{"struct", point{1, 2, "p"}, "Expected a number, a slice of numbers, a matrix or a tensor, but got a struct of type lessons.point with fields X float64, Y float64, Name string"},
			{"struct pointer", &point{}, "a struct of type lessons.point"},
			{"empty struct", struct{}{}, "with fields (none)"},
			{"struct in slice", []any{1.0, point{}}, "found a struct of type lessons.point at index [1]"},
			{"cyclic struct", cs, "a struct of type lessons.cyclicStruct with fields Next *lessons.cyclicStruct, V float64"},
			{"cyclic slice", cyclicSlice(), "nested more than 32 levels deep, or contains itself"},
			{"wide cyclic slice", wideCyclicSlice(), "more than 67108864 numbers, or a slice contains itself"},
			{"cyclic interface", cyclicInterface(), "leads back to itself"},
			{"cyclic pointer", cyclicPointer(), "leads back to itself"},
			{"deep nesting", nested(1000), "nested more than 32 levels deep"},
			{"mismatched tensor", tensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3}}, "Shape (2, 2) does not fit its 3 values"},
			{"negative shape", Array{Shape: []int{-1}, Data: nil}, "Shape (-1,) does not fit"},
			{"panicking matrix", badMatrix{}, `its Dims, At, Len or AtVec method panicked (not implemented)`},
			{"negative dims", negMatrix{}, "reports the size (-1, 3)"},
			{"map", map[string]float64{"b": 2, "a": 1}, "got a map[string]float64 (map[\"a\":1 \"b\":2])"},
		} {
			_, err := AsArray(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.err)
			}
			if _, ok := err.(*InputError); !ok {
				t.Errorf("%s: error %T, want *InputError", tc.name, err)
			}
		}
		if a, err := AsArray(nested(MaxAxes)); err != nil || len(a.Shape) != MaxAxes || a.Data[0] != 1 {
			t.Errorf("nesting of exactly MaxAxes: %v %v", a.Shape, err)
		}
	})
}

func TestFormatValueBounded(t *testing.T) {
	cs := &cyclicStruct{V: 1}
	cs.Next = cs
	for _, tc := range []struct {
		name string
		in   any
		want string // a prefix
	}{
		{"struct", point{1, 2, "p"}, `{1 2 "p"}`},
		{"cyclic slice", cyclicSlice(), "[[[…]]]"},
		{"cyclic struct", cs, "&{&{&… 1} 1}"},
		{"cyclic interface", cyclicInterface(), "&&&…"},
		{"long string", strings.Repeat("x", 500), `"xxxx`},
		{"function", func(int) int { return 0 }, "func(int) int"},
	} {
		got := FormatValue(tc.in)
		if !strings.HasPrefix(got, tc.want) || len([]rune(got)) > 220 {
			t.Errorf("%s: FormatValue = %q (%d runes), want it to start with %q and stay short", tc.name, got, len([]rune(got)), tc.want)
		}
	}
}

// TestCheckersSurviveOddAnswers passes the answers above to every kind of
// checker: each gets a failing Feedback that names what was expected.
func TestCheckersSurviveOddAnswers(t *testing.T) {
	withLang(t, EN, func() {
		answers := []any{point{1, 2, "p"}, cyclicSlice(), wideCyclicSlice(), cyclicInterface(), cyclicPointer(), nested(10000), badMatrix{}}
		value := Value{Want: [][]float64{{1, 2}, {3, 4}}}
		choice := Choice{Want: "b", Options: []string{"a", "b"}}
		for i, a := range answers {
			if f := value.Check(a); f.Passed || !strings.Contains(f.Problem, "This exercise wants a [][]float64 of shape (2, 2)") && !strings.Contains(f.Problem, "Expected a [][]float64 of shape (2, 2), but got a") {
				t.Errorf("Value.Check(answer %d): %q", i, f.Problem)
			}
			if f := choice.Check(a); f.Passed || !strings.Contains(f.Problem, "Expected a string, but got a") {
				t.Errorf("Choice.Check(answer %d): %q", i, f.Problem)
			}
		}
		if f := value.Check(point{1, 2, "p"}); !strings.Contains(f.Problem, "got a struct of type lessons.point with fields X float64, Y float64, Name string") {
			t.Errorf("Value.Check(struct): %q", f.Problem)
		}
		// A function whose result is a struct, and one that panics with a
		// value holding itself.
		fc := Func{Ref: func(x float64) any { return x }, Cases: []Case{{Args: []any{1.0}}}}
		if f := fc.Check(func(x float64) any { return point{X: x} }); f.Passed || !strings.Contains(f.Problem, "a struct of type lessons.point") {
			t.Errorf("Func.Check(struct result): %q", f.Problem)
		}
		if f := fc.Check(func(x float64) any { panic(cyclicSlice()) }); f.Passed || !strings.Contains(f.Problem, "Your function panicked: [[[…]]]") {
			t.Errorf("Func.Check(cyclic panic): %q", f.Problem)
		}
	})
}
