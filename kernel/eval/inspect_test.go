package eval

import (
	"strings"
	"testing"
)

func TestInspect(t *testing.T) {
	s := newTestSession(t)
	s.ok("import \"fmt\"\nimport \"strings\"\n// Area returns the area of a w×h rectangle.\nfunc Area(w, h float64) float64 { return w * h }\n// Point is a point in the plane.\ntype Point struct{ X, Y float64 }\n// Norm is the squared length.\nfunc (p Point) Norm() float64 { return p.X*p.X + p.Y*p.Y }\npt := Point{1, 2}\nvar sb strings.Builder")
	cases := []struct {
		code   string
		cursor int
		want   []string
	}{
		{"fmt.Println", -1, []string{"func Println(a ...any) (n int, err error)", "Println formats"}},
		{"fmt.Println(", -1, []string{"func Println"}},
		{"strings.ToUpper(x)", 10, []string{"func ToUpper(s string) string"}},
		{"Area", -1, []string{"func Area(w, h float64) float64", "Area returns the area"}},
		{"Area(2, ", -1, []string{"func Area"}},
		{"Point", -1, []string{"type Point struct", "Point is a point", "Norm() float64"}},
		{"pt.Norm", -1, []string{"Norm() float64", "Norm is the squared length"}},
		{"sb.WriteString", -1, []string{"WriteString(s string) (int, error)", "WriteString appends"}},
		{"append", -1, []string{"func append"}},
		{"fmt", -1, []string{"package fmt", "Package fmt implements formatted I/O"}},
	}
	for _, c := range cases {
		cur := c.cursor
		if cur < 0 {
			cur = len([]rune(c.code))
		}
		d, ok := s.in.Inspect(c.code, cur, 0)
		if !ok {
			t.Errorf("Inspect(%q): not found", c.code)
			continue
		}
		txt, _ := d.Data["text/plain"].(string)
		for _, w := range c.want {
			if !strings.Contains(txt, w) {
				t.Errorf("Inspect(%q) = %q, missing %q", c.code, txt, w)
			}
		}
	}
	if _, ok := s.in.Inspect("nosuchname", 10, 0); ok {
		t.Error("Inspect(nosuchname) found something")
	}
}
