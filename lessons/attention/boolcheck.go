package attention

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// boolCase is one input of a padding-mask function.
type boolCase struct {
	lengths []int
	T       int
	about   text
}

// boolFunc checks a function returning a boolean mask, which the
// numeric checkers of package lessons do not compare: it calls the
// student's function on each case and reports the first wrong entry and
// the likely cause.
type boolFunc struct {
	ref   func(lengths []int, T int) [][]bool
	cases []boolCase
}

func (c boolFunc) check(answer any) lessons.Feedback {
	want := reflect.TypeOf(c.ref)
	sig := "`func paddingMask(lengths []int, T int) [][]bool`"
	if answer == nil {
		return lessons.Fail(lessons.T("attention.bool.nil", sig))
	}
	fn := reflect.ValueOf(answer)
	if fn.Kind() != reflect.Func {
		return lessons.Fail(lessons.T("attention.bool.notFunc", sig, lessons.TypeName(answer)))
	}
	if fn.IsNil() {
		return lessons.Fail(lessons.T("attention.bool.nil", sig))
	}
	if fn.Type() != want {
		return lessons.Fail(lessons.T("attention.bool.signature", sig, fn.Type().String()))
	}
	for _, cs := range c.cases {
		if f := c.run(fn, cs); !f.Passed {
			return f
		}
	}
	return lessons.Pass()
}

func (c boolFunc) run(fn reflect.Value, cs boolCase) (f lessons.Feedback) {
	input := lessons.T("attention.bool.input", fmt.Sprint(cs.lengths), cs.T)
	if !cs.about.IsZero() {
		input += " (" + cs.about.String() + ")"
	}
	input += lessons.T("attention.bool.colon")
	defer func() {
		if r := recover(); r != nil {
			f = lessons.Fail(lessons.T("attention.bool.panic", fmt.Sprint(r)))
			f.Input = input
		}
	}()
	out := fn.Call([]reflect.Value{reflect.ValueOf(append([]int(nil), cs.lengths...)), reflect.ValueOf(cs.T)})
	got := out[0].Interface().([][]bool)
	want := c.ref(cs.lengths, cs.T)
	f = compareMasks(got, want, cs)
	f.Input = input
	return f
}

// compareMasks compares two masks and names the first difference and the
// likely cause.
func compareMasks(got, want [][]bool, cs boolCase) lessons.Feedback {
	if len(got) != len(want) || (len(got) > 0 && len(got[0]) != len(want[0])) || ragged(got) {
		f := lessons.Fail(lessons.T("attention.bool.shape", maskShape(want), maskShape(got)))
		if len(got) == len(want) && len(got) > 0 && len(got[0]) == 1 {
			f.Causes = []string{lessons.T("attention.bool.seed")}
		} else if len(got) == cs.T && len(got) > 0 && len(got[0]) == len(cs.lengths) {
			f.Causes = []string{lessons.T("attention.bool.transposed")}
		}
		return f
	}
	var diffs []string
	inverted, later, earlier := true, true, true
	for b := range want {
		for t := range want[b] {
			if got[b][t] == want[b][t] {
				inverted = false
				continue
			}
			if len(diffs) < 3 {
				diffs = append(diffs, lessons.T("attention.bool.entry", b, t, want[b][t], got[b][t]))
			}
			if !(t == cs.lengths[b] && want[b][t] && !got[b][t]) {
				later = false
			}
			if !(t == cs.lengths[b]-1 && !want[b][t] && got[b][t]) {
				earlier = false
			}
		}
	}
	if len(diffs) == 0 {
		return lessons.Pass()
	}
	f := lessons.Fail(lessons.T("attention.bool.wrong", maskString(want), maskString(got)) + "\n\n- " + strings.Join(diffs, "\n- "))
	switch {
	case inverted:
		f.Causes = []string{lessons.T("attention.bool.inverted")}
	case later:
		f.Causes = []string{lessons.T("attention.bool.offByOne")}
	case earlier:
		f.Causes = []string{lessons.T("attention.bool.offByOneEarly")}
	}
	return f
}

func ragged(m [][]bool) bool {
	for _, r := range m {
		if len(r) != len(m[0]) {
			return true
		}
	}
	return false
}

func maskShape(m [][]bool) string {
	if len(m) == 0 {
		return "(0,)"
	}
	return fmt.Sprintf("(%d, %d)", len(m), len(m[0]))
}

func maskString(m [][]bool) string {
	rows := make([]string, len(m))
	for i, r := range m {
		cells := make([]string, len(r))
		for j, v := range r {
			cells[j] = "F"
			if v {
				cells[j] = "T"
			}
		}
		rows[i] = strings.Join(cells, " ")
	}
	return "`[" + strings.Join(rows, " | ") + "]`"
}
