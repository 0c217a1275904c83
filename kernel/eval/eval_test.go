package eval

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// session runs cells in one interpreter and collects what they print.
type testSession struct {
	t        *testing.T
	in       *Interp
	out, err bytes.Buffer
	displays []display.Data
	updates  []display.Data
	input    func(prompt string, password bool) (string, error)
}

func newTestSession(t *testing.T) *testSession {
	t.Helper()
	s := &testSession{t: t}
	in, err := New(Options{Stdout: &s.out, Stderr: &s.err})
	if err != nil {
		t.Fatal(err)
	}
	s.in = in
	return s
}

// run executes a cell with a timeout and returns its result and output.
func (s *testSession) run(code string) (Result, string, string) {
	s.t.Helper()
	s.out.Reset()
	s.err.Reset()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res := s.in.Execute(ctx, Cell{Code: code, Input: s.input, Display: func(d display.Data, update bool) {
		if update {
			s.updates = append(s.updates, d)
		} else {
			s.displays = append(s.displays, d)
		}
	}})
	return res, s.out.String(), s.err.String()
}

// ok runs a cell that must succeed and returns its text result and stdout.
func (s *testSession) ok(code string) (string, string) {
	s.t.Helper()
	res, out, errOut := s.run(code)
	if res.Err != nil {
		s.t.Fatalf("cell %q failed: %s\n%s\nstderr: %s", code, res.Err.Error(), strings.Join(res.Err.Traceback, "\n"), errOut)
	}
	return text(res), out
}

// fails runs a cell that must fail and returns its error.
func (s *testSession) fails(code string) *Error {
	s.t.Helper()
	res, out, _ := s.run(code)
	if res.Err == nil {
		s.t.Fatalf("cell %q succeeded (value %q, stdout %q); want an error", code, text(res), out)
	}
	return res.Err
}

func text(r Result) string {
	if r.Value == nil {
		return ""
	}
	s, _ := r.Value.Data["text/plain"].(string)
	return s
}

// cellCase is one row of a table test: cells run in order in a fresh
// session; the last one's result, stdout and error are checked.
type cellCase struct {
	name    string
	setup   []string // cells run first, each must succeed
	code    string
	value   string // the text/plain result ("" for none)
	stdout  string
	errName string // non-empty: the cell must fail with this ename
	errHas  string // ... and its evalue must contain this
}

func runCases(t *testing.T, cases []cellCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestSession(t)
			for _, c := range tc.setup {
				s.ok(c)
			}
			res, out, errOut := s.run(tc.code)
			if tc.errName != "" {
				if res.Err == nil {
					t.Fatalf("no error; value %q stdout %q", text(res), out)
				}
				if res.Err.Name != tc.errName || !strings.Contains(res.Err.Value, tc.errHas) {
					t.Fatalf("error = %s: %s\nwant %s containing %q\n%s", res.Err.Name, res.Err.Value, tc.errName, tc.errHas, strings.Join(res.Err.Traceback, "\n"))
				}
			} else if res.Err != nil {
				t.Fatalf("error %s: %s\n%s\nstderr: %s", res.Err.Name, res.Err.Value, strings.Join(res.Err.Traceback, "\n"), errOut)
			}
			if got := text(res); got != tc.value {
				t.Errorf("value = %q, want %q", got, tc.value)
			}
			if out != tc.stdout {
				t.Errorf("stdout = %q, want %q", out, tc.stdout)
			}
		})
	}
}

func TestCellsMixAndRedefine(t *testing.T) {
	runCases(t, []cellCase{
		{name: "expression", code: "1+1", value: "2"},
		{name: "mixed order", code: "x := 2\nimport \"fmt\"\nfunc double(n int) int { return 2 * n }\nfmt.Println(double(x))\ntype P struct{ X int }\nP{double(x)}", stdout: "4\n", value: "{4}"},
		{name: "redefine func", setup: []string{"func f() int { return 1 }"}, code: "func f() int { return 2 }\nf()", value: "2"},
		{name: "redefine var type", setup: []string{"x := 1"}, code: "x := \"s\"\nx", value: `"s"`},
		{name: "redefine type", setup: []string{"type T struct{ A int }", "t1 := T{1}"}, code: "type T struct{ A, B int }\nT{1, 2}", value: "{1 2}"},
		{name: "redefine type twice", setup: []string{"type T int", "type T string"}, code: "type T struct{ S string }\nT{\"x\"}", value: "{x}"},
		{name: "redefine method", setup: []string{"import \"fmt\"", "type T struct{ A int }", "func (t T) String() string { return fmt.Sprint(\"one\", t.A) }"},
			code: "func (t T) String() string { return fmt.Sprint(\"two\", t.A) }\nfmt.Println(T{3})", stdout: "two3\n"},
		{name: "method after failed method", setup: []string{"import \"fmt\"", "type U struct{ A int }"},
			code: "func (u U) String() string { return fmt.Sprint(\"U\", u.A) }\nfmt.Println(U{3})", stdout: "U3\n"},
		{name: "rerun import", setup: []string{"import \"fmt\"", "import \"fmt\""}, code: "fmt.Sprint(1)", value: `"1"`},
		{name: "multi value", code: "func f() (int, string, error) { return 1, \"a\", nil }\nf()", value: `1 "a" <nil>`},
		{name: "declaration no value", code: "var z = 3", value: ""},
		{name: "loop no value", code: "s := 0\nfor i := 0; i < 3; i++ { s += i }", value: ""},
		{name: "println not shown", code: "import \"fmt\"\nfmt.Println(\"hi\")", stdout: "hi\n"},
		{name: "nil error not shown", code: "func g() error { return nil }\ng()", value: ""},
		{name: "main runs", code: "package main\nimport \"fmt\"\nfunc main() { fmt.Println(\"from main\") }", stdout: "from main\n"},
	})
}

func TestMethodAfterFailure(t *testing.T) {
	s := newTestSession(t)
	s.ok("import \"fmt\"\ntype U struct{ A int }")
	s.fails("func (u U) String() string { return fmtt.Sprint(\"U\", u.A) }")
	_, out := s.ok("func (u U) String() string { return fmt.Sprint(\"U\", u.A) }\nfmt.Println(U{3})")
	if out != "U3\n" {
		t.Errorf("stdout = %q, want %q", out, "U3\n")
	}
}
