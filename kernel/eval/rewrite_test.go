package eval

import "testing"

func TestSilentWrongFixed(t *testing.T) {
	runCases(t, []cellCase{
		{name: "defer args early", code: "import \"fmt\"\nfunc d() { x := 1; defer fmt.Println(\"deferred\", x); x = 2 }\nd()", stdout: "deferred 1\n"},
		{name: "defer in loop", code: "import \"fmt\"\nfunc d() { for i := 0; i < 3; i++ { defer fmt.Print(i, \" \") } }\nd()", stdout: "2 1 0 "},
		{name: "defer method receiver", code: "import \"fmt\"\ntype T struct{ n int }\nfunc (t *T) Close() { fmt.Print(\"close\", t.n, \" \") }\nfunc d() { for i := 0; i < 3; i++ { t := &T{i}; defer t.Close() } }\nd()", stdout: "close2 close1 close0 "},
		{name: "defer closure var refused", code: "import \"fmt\"\nfunc d() { x := 1; g := func() { fmt.Println(\"g\", x) }; defer g(); x = 2 }\nd()", errName: "not supported", errHas: "a function value made in the same function"},
		{name: "defer recover", code: "import \"fmt\"\nfunc safe() (err error) { defer func() { if r := recover(); r != nil { err = fmt.Errorf(\"recovered: %v\", r) } }(); panic(\"boom\") }\nsafe()", value: "recovered: boom"},
		{name: "defer named recover helper", code: "import \"fmt\"\nfunc catch(err *error) { if r := recover(); r != nil { *err = fmt.Errorf(\"caught %v\", r) } }\nfunc run() (err error) { defer catch(&err); panic(\"x\") }\nrun()", value: "caught x"},
		{name: "case error", code: "import \"errors\"\nfunc kind(x any) string { switch x.(type) { case int: return \"int\"; case error: return \"error\"; default: return \"other\" } }\nkind(errors.New(\"e\")) + \" \" + kind(3) + \" \" + kind(\"s\")", value: `"error int other"`},
		{name: "case error bind", code: "import \"fmt\"\nfunc msg(x any) string { switch v := x.(type) { case error: return \"E:\" + v.Error(); case fmt.Stringer: return \"S:\" + v.String() }; return \"none\" }\nmsg(fmt.Errorf(\"bad %d\", 1))", value: `"E:bad 1"`},
		{name: "case error cell type", code: "type ME struct{ m string }\nfunc (e *ME) Error() string { return e.m }\nfunc kind(x any) string { switch x.(type) { case error: return \"error\" }; return \"other\" }\nvar e error = &ME{\"x\"}\nkind(e)", value: `"error"`},
		{name: "loop var closures", code: "import \"fmt\"\nvar fs []func()\nfor i := 0; i < 3; i++ { fs = append(fs, func() { fmt.Print(i) }) }\nfor _, f := range fs { f() }", stdout: "012"},
		{name: "range var closures", code: "import \"fmt\"\nvar fs []func()\nfor _, s := range []string{\"a\", \"b\"} { fs = append(fs, func() { fmt.Print(s) }) }\nfor _, f := range fs { f() }", stdout: "ab"},
		{name: "loop var modified", code: "import \"fmt\"\nvar fs []func()\nfor i := 0; i < 6; i++ { fs = append(fs, func() { fmt.Print(i) }); i++ }\nfor _, f := range fs { f() }", stdout: "135"},
		{name: "loop body var closures", code: "import \"fmt\"\nfunc f() { var fs []func(); for i := 0; i < 3; i++ { sq := i * i; fs = append(fs, func() { fmt.Print(sq, \" \") }) }; for _, g := range fs { g() } }\nf()", stdout: "0 1 4 "},
		{name: "loop closure counter", code: "import \"fmt\"\nfor i := 0; i < 2; i++ { c := 0; inc := func() { c++ }; inc(); inc(); fmt.Print(c) }", stdout: "22"},
		{name: "loop closure break return", code: "func f() int { for i := 0; i < 10; i++ { g := func() int { return i }; if g() == 3 { return i * 10 }; if i > 5 { break } }; return -1 }\nf()", value: "30"},
		{name: "min max", code: "min(3, 1, 2) + max(4, 9)", value: "10"},
		{name: "min const float", code: "x := min(2.5, 1)\nx", value: "1"},
		{name: "min float var", code: "a, b := 2.5, 1.5\nmin(a, b)", value: "1.5"},
		{name: "max strings", code: "max(\"apple\", \"pear\")", value: `"pear"`},
		{name: "min typed", code: "var f32 float32 = 3\nmin(f32, 1)", value: "1"},
		{name: "clear map", code: "m := map[string]int{\"a\": 1}\nclear(m)\nlen(m)", value: "0"},
		{name: "clear slice", code: "s := []int{1, 2}\nclear(s)\ns", value: "[0 0]"},
		{name: "range int", code: "import \"fmt\"\nfor i := range 3 { fmt.Print(i) }", stdout: "012"},
		{name: "range int var", code: "import \"fmt\"\nfunc f(n int) { for i := range n { fmt.Print(i) } }\nf(4)", stdout: "0123"},
		{name: "range int closures", code: "import \"fmt\"\nvar fs []func()\nfor i := range 3 { fs = append(fs, func() { fmt.Print(i) }) }\nfor _, f := range fs { f() }", stdout: "012"},
		{name: "range func", code: "import \"fmt\"\nfunc count(n int) func(func(int) bool) { return func(yield func(int) bool) { for i := 0; i < n; i++ { if !yield(i) { return } } } }\nfor x := range count(5) { if x == 3 { break }; fmt.Print(x) }", stdout: "012"},
		{name: "range func return", code: "func pairs(yield func(string, int) bool) { _ = yield(\"a\", 1) && yield(\"b\", 2) }\nfunc find() int { for k, v := range pairs { if k == \"b\" { return v } }; return 0 }\nfind()", value: "2"},
		{name: "method expression", code: "type P struct{ X int }\nfunc (p P) Get(d int) int { return p.X + d }\nh := P.Get\nh(P{4}, 1)", value: "5"},
		{name: "method expression pointer", code: "type C struct{ n int }\nfunc (c *C) Inc() { c.n++ }\nc := &C{}\ninc := (*C).Inc\ninc(c)\ninc(c)\nc.n", value: "2"},
	})
}
