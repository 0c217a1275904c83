package eval

import (
	"runtime"
	"strings"
	"testing"
)

// TestTopLevelStatements covers what yaegi gets wrong among a cell's
// top-level statements (outside functions): defers, defines of several
// values in nested blocks, blank identifiers, type switches on interfaces.
func TestTopLevelStatements(t *testing.T) {
	runCases(t, []cellCase{
		{name: "defer runs at the cell's end", code: "import \"fmt\"\ndefer fmt.Println(\"deferred\")\nfmt.Println(\"body\")", stdout: "body\ndeferred\n"},
		{name: "defer runs once", setup: []string{"import \"fmt\"", "defer fmt.Println(\"deferred\")"}, code: "fmt.Println(\"next cell\")", stdout: "next cell\n"},
		{name: "defers in a loop, last first", code: "import \"fmt\"\nfor i := 0; i < 3; i++ { defer fmt.Print(i, \" \") }\nfmt.Print(\"loop done \")", stdout: "loop done 2 1 0 "},
		{name: "defer arguments at the defer", code: "import \"fmt\"\nx := 1\ndefer fmt.Println(\"x was\", x)\nx = 2\nx", stdout: "x was 1\n", value: "2"},
		{name: "defer method value at the defer", code: "import \"fmt\"\ntype C struct{ n int }\nfunc (c *C) Close() { fmt.Print(\"close\", c.n, \" \") }\nfor i := 0; i < 2; i++ { c := &C{i}; defer c.Close() }", stdout: "close1 close0 "},
		{name: "defer runs on panic", code: "import \"fmt\"\ndefer fmt.Println(\"cleanup\")\npanic(\"boom\")", stdout: "cleanup\n", errName: "panic", errHas: "boom"},
		{name: "deferred recover stops the cell's panic", code: "import \"fmt\"\ndefer func() { if r := recover(); r != nil { fmt.Println(\"recovered:\", r) } }()\npanic(\"boom\")\nfmt.Println(\"not reached\")", stdout: "recovered: boom\n"},
		{name: "panic in a deferred call", code: "import \"fmt\"\ndefer func() { panic(\"late\") }()\nfmt.Println(\"body\")", stdout: "body\n", errName: "panic", errHas: "late"},
		{name: "two values from a call in a loop", code: "import (\"fmt\"; \"strconv\")\nfor _, s := range []string{\"4\", \"x\"} { n, err := strconv.Atoi(s); fmt.Println(n, err != nil) }", stdout: "4 false\n0 true\n"},
		{name: "two values in an if init", code: "import \"fmt\"\nfunc two() (int, bool) { return 7, true }\nfor i := 0; i < 1; i++ { if v, ok := two(); ok { fmt.Println(v) } }", stdout: "7\n"},
		{name: "comma-ok in a block", code: "m := map[string]int{\"a\": 1}\ns := 0\n{ v, ok := m[\"a\"]; if ok { s = v } }\ns", value: "1"},
		{name: "blank define then blanks of other types", code: "import (\"image\"; \"errors\")\nl, _ := 1, 2\n_ = image.Point{}\n_ = errors.New(\"x\")\nl", value: "1"},
		{name: "blank from a call then blanks", setup: []string{"import (\"strconv\"; \"image\"; \"errors\")", "n, _ := strconv.Atoi(\"5\")"}, code: "_ = image.Point{}\n_ = errors.New(\"x\")\nn", value: "5"},
		{name: "type switch case error at top level", code: "import (\"errors\"; \"fmt\")\nvar e any = errors.New(\"boom\")\nswitch v := e.(type) { case error: fmt.Println(\"error\", v); default: fmt.Println(\"default\") }", stdout: "error boom\n"},
		{name: "type switch in a block at top level", code: "import \"fmt\"\nvar e any = 3\nif true { switch v := e.(type) { case fmt.Stringer: fmt.Println(\"s\", v); case int: fmt.Println(\"int\", v+1) } }", stdout: "int 4\n"},
	})
}

// TestCellTypesAsInterfaces checks that values of struct types declared in
// cells, held in an interface, are asserted to interfaces they implement
// (yaegi answers false for them).
func TestCellTypesAsInterfaces(t *testing.T) {
	decl := "import \"fmt\"\ntype Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return fmt.Sprint(\"Sq\", q.s) }\ntype Circle struct{ r float64 }\nfunc (c *Circle) Area() float64 { return 3 * c.r * c.r }\ntype Code struct{ n int }\nfunc (c Code) Error() string { return fmt.Sprint(\"code \", c.n) }"
	runCases(t, []cellCase{
		{name: "comma-ok in a function", setup: []string{decl}, code: "func isShape(x any) bool { _, ok := x.(Shape); return ok }\nfmt.Println(isShape(Sq{2}), isShape(&Sq{2}), isShape(&Circle{1}), isShape(3))", stdout: "true true true false\n"},
		{name: "comma-ok at top level", setup: []string{decl}, code: "var x any = Sq{2}\na, ok := x.(Shape)\nfmt.Println(ok, a.Area())", stdout: "true 4\n"},
		{name: "single value", setup: []string{decl}, code: "var x any = Sq{3}\nx.(Shape).Area()", value: "9"},
		{name: "single value fails", setup: []string{decl}, code: "var x any = 3\nx.(Shape)", errName: "panic", errHas: "interface conversion"},
		{name: "type switch in a function", setup: []string{decl}, code: "func kind(x any) string { switch v := x.(type) { case Shape: return fmt.Sprint(\"shape \", v.Area()); default: return \"other\" } }\nkind(Sq{3}) + \", \" + kind(&Circle{1}) + \", \" + kind(\"x\")", value: `"shape 9, shape 3, other"`},
		{name: "loop at top level", setup: []string{decl}, code: "for _, v := range []any{Sq{1}, &Circle{1}, \"x\"} { if s, ok := v.(Shape); ok { fmt.Print(s.Area(), \" \") } else { fmt.Print(\"no \") } }", stdout: "1 3 no "},
		{name: "fmt.Stringer", setup: []string{decl}, code: "var x any = Sq{2}\ns, ok := x.(fmt.Stringer)\nfmt.Println(ok, s.String())", stdout: "true Sq2\n"},
		{name: "error", setup: []string{decl}, code: "var x any = Code{7}\nerr, ok := x.(error)\nfmt.Println(ok, err.Error(), err)", stdout: "true code 7 code 7\n"},
	})
}

// TestCallbackGoroutinePanics checks that a panic in a function a cell
// hands to compiled code that runs it in a goroutine of its own
// (time.AfterFunc, context.AfterFunc) fails the cell instead of the process.
func TestCallbackGoroutinePanics(t *testing.T) {
	runCases(t, []cellCase{
		{name: "time.AfterFunc", code: "import \"time\"\ntime.AfterFunc(time.Millisecond, func() { panic(\"in a timer\") })\ntime.Sleep(2 * time.Second)",
			errName: "panic", errHas: "in a timer (in a goroutine started by"},
		{name: "context.AfterFunc", code: "import (\"context\"; \"time\")\nctx, cancel := context.WithCancel(context.Background())\ncontext.AfterFunc(ctx, func() { panic(\"after cancel\") })\ncancel()\ntime.Sleep(2 * time.Second)",
			errName: "panic", errHas: "after cancel"},
		{name: "callback evaluated at the call", code: "import (\"fmt\"; \"time\")\nf := func() { fmt.Print(\"first\") }\ntm := time.AfterFunc(time.Millisecond, f)\nf = func() { fmt.Print(\"second\") }\ntime.Sleep(100 * time.Millisecond)\n_ = tm", stdout: "first"},
	})
}

// TestRunawayRecursion checks that a recursion that never ends stops the
// cell with a stack overflow error before Go's fatal limit would end the
// process, and that the session lives on.
func TestRunawayRecursion(t *testing.T) {
	if testing.Short() {
		t.Skip("grows stacks to 256 MB")
	}
	s := newTestSession(t)
	s.ok("kept := 5")
	e := s.fails("func f(n int) int { return f(n+1) + 1 }\nf(0)")
	if e.Name != "runtime error" || !strings.Contains(e.Value, "stack overflow") {
		t.Fatalf("error = %s: %s", e.Name, e.Value)
	}
	if n := stackBytes(); n > 64<<20 {
		t.Errorf("goroutine stacks still hold %d MB after the overflow", n>>20)
	}
	if v, _ := s.ok("func g(n int) int { if n == 0 { return 0 }; return g(n-1) + 1 }\ng(10000) + kept"); v != "10005" {
		t.Errorf("after the overflow: %s", v)
	}
}

// TestSessionDoesNotKeepCompiledCells checks that a session does not keep
// what it compiled for each cell: yaegi lists every compiled syntax tree
// for its debugger (about 5.5 KB per "1+1" cell, growing without end in a
// long session); forgetRoots empties that list.
func TestSessionDoesNotKeepCompiledCells(t *testing.T) {
	s := newTestSession(t)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for i := 0; i < 200; i++ {
		s.run("1+1")
	}
	before := heap()
	const n = 2000
	for i := 0; i < n; i++ {
		s.run("1+1")
	}
	per := float64(int64(heap())-int64(before)) / n
	t.Logf("heap growth per cell: %.0f bytes", per)
	if per > 2000 {
		t.Errorf("the session grows by %.0f bytes per 1+1 cell; want under 2000 (what remains: names, sources and positions of the cells)", per)
	}
	runtime.KeepAlive(s)
}
