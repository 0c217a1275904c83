package eval

import (
	"strings"
	"testing"
)

func TestIsComplete(t *testing.T) {
	s := newTestSession(t)
	cases := []struct {
		code, status, indent string
	}{
		{"x := 1", "complete", ""},
		{"func f() {", "incomplete", "\t"},
		{"func f() {\n\tif x {", "incomplete", "\t\t"},
		{"s := `raw", "incomplete", ""},
		{"x := 1 +", "incomplete", "\t"},
		{"fmt.Println(1,", "incomplete", "\t"},
		{"x := )", "invalid", ""},
		{"x := 1 }", "invalid", ""},
		{"%time", "complete", ""},
		{"", "complete", ""},
		{"import \"fmt\"\nfmt.Println(1)", "complete", ""},
		{"for i := 0; i < 3; i++ {\n}", "complete", ""},
		{"x := 'ab'", "invalid", ""},
	}
	for _, c := range cases {
		st, ind := s.in.IsComplete(c.code)
		if st != c.status || ind != c.indent {
			t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", c.code, st, ind, c.status, c.indent)
		}
	}
}

func TestComplete(t *testing.T) {
	s := newTestSession(t)
	s.ok("import \"fmt\"\nimport \"strings\"\ntype Point struct{ X, Y float64; label string }\nfunc (p Point) Norm() float64 { return p.X*p.X + p.Y*p.Y }\nfunc (p *Point) Scale(k float64) { p.X *= k }\npt := Point{1, 2, \"a\"}\nvar counter int")
	cases := []struct {
		code       string
		cursor     int // -1: end
		want       []string
		notWant    []string
		start, end int // -1: don't check
	}{
		{code: "fmt.Pr", cursor: -1, want: []string{"Print", "Printf", "Println"}, notWant: []string{"Errorf"}, start: 4, end: 6},
		{code: "strings.ToU", cursor: -1, want: []string{"ToUpper"}, start: 8, end: 11},
		{code: "pt.", cursor: -1, want: []string{"X", "Y", "Norm", "Scale", "label"}, start: 3, end: 3},
		{code: "pt.N", cursor: -1, want: []string{"Norm"}, notWant: []string{"X"}},
		{code: "coun", cursor: -1, want: []string{"counter"}, start: 0, end: 4},
		{code: "Poi", cursor: -1, want: []string{"Point"}},
		{code: "fo", cursor: -1, want: []string{"for"}},
		{code: "q := Point{}\nq.", cursor: -1, want: []string{"Norm", "X"}},
		{code: "zzzznothing", cursor: -1, want: nil, start: 0, end: 11},
		{code: "x := \"é\"; fmt.Sp", cursor: -1, want: []string{"Sprint", "Sprintf"}, start: 14, end: 16},
		{code: "fmt.Pr + 1", cursor: 6, want: []string{"Println"}, start: 4, end: 6},
		{code: "mat.", cursor: -1, want: nil},
		{code: "import \"unicode/utf8\"\nutf8.RuneC", cursor: -1, want: []string{"RuneCount", "RuneCountInString"}},
		{code: "import (\n\tu \"unicode\"\n\t\"bytes\"\n)\nu.IsUp", cursor: -1, want: []string{"IsUpper"}},
		{code: "import \"bytes\"\nbyt", cursor: -1, want: []string{"bytes"}},
		{code: "sb := strings.Builder{}\nsb.", cursor: -1, want: []string{"WriteString", "Len"}, notWant: []string{"addr", "buf", "copyCheck"}},
		{code: "// ünïcödé 你好\nx := \"é\" + fmt.Sprin", cursor: -1, want: []string{"Sprint", "Sprintf", "Sprintln"}, start: 29, end: 34},
	}
	for _, c := range cases {
		cur := c.cursor
		if cur < 0 {
			cur = len([]rune(c.code))
		}
		got := s.in.Complete(c.code, cur)
		if got.Matches == nil {
			t.Errorf("Complete(%q): Matches is nil, want an empty list", c.code)
		}
		for _, w := range c.want {
			if !contains(got.Matches, w) {
				t.Errorf("Complete(%q) = %v, missing %q", c.code, got.Matches, w)
			}
		}
		for _, w := range c.notWant {
			if contains(got.Matches, w) {
				t.Errorf("Complete(%q) = %v, should not offer %q", c.code, got.Matches, w)
			}
		}
		if c.want == nil && len(got.Matches) != 0 {
			t.Errorf("Complete(%q) = %v, want no match", c.code, got.Matches)
		}
		if c.start >= 0 && c.end > 0 && (got.Start != c.start || got.End != c.end) {
			t.Errorf("Complete(%q) range = %d..%d, want %d..%d", c.code, got.Start, got.End, c.start, c.end)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var _ = strings.Contains
