package conv

import (
	"fmt"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

// secret wraps the visible check of a value exercise so that a wrong
// answer is told what is wrong — the shape, which entries, the likely
// cause — without being shown the expected numbers, which would give the
// answer away. (lessons.Value's own report shows them; the hidden tests,
// which only the teacher's grader runs, keep it.)
func secret(v lessons.Value) lessons.Checker {
	return func(answer any) lessons.Feedback {
		f := v.Check(answer)
		if f.Passed {
			return f
		}
		got, err1 := lessons.AsArray(answer)
		want, err2 := lessons.AsArray(v.Want)
		if err1 != nil || err2 != nil {
			return f // the answer is not numbers: the message says what was expected
		}
		tol := v.Tol
		d := lessons.Compare(got, want, tol)
		if !d.ShapeOK {
			return f // the shape is part of the task, not of the answer
		}
		if len(want.Shape) == 0 {
			f.Problem = lessons.T("conv.fb.scalar", lessons.Num(got.Data[0]))
			return f
		}
		idx := make([]string, 0, 8)
		for k, m := range d.Mismatches {
			if k == 8 {
				idx = append(idx, "…")
				break
			}
			parts := make([]string, len(m.Index))
			for a, i := range m.Index {
				parts[a] = fmt.Sprint(i)
			}
			idx = append(idx, "["+strings.Join(parts, ", ")+"]")
		}
		f.Problem = lessons.T("conv.fb.entries", len(d.Mismatches), len(want.Data), strings.Join(idx, " "))
		return f
	}
}

var secretMessages = lessons.Catalog{
	"conv.fb.scalar": {
		EN: "**%s** is not the answer.",
		ZH: "**%s** 不是正确答案。"},
	"conv.fb.entries": {
		EN: "%d of the %d entries are wrong: %s. (The right numbers are not shown; the hints and the walkthrough help you find them.)",
		ZH: "%[2]d 个元素中有 %[1]d 个不对：%[3]s。（这里不显示正确的数；提示和逐步演示可以帮你找到它们。）"},
}

func init() { lessons.RegisterCatalog("conv", secretMessages) }
