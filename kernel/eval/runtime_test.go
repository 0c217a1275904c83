package eval

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestErrorsGoWording(t *testing.T) {
	runCases(t, []cellCase{
		{name: "index const", code: "s := []int{1, 2, 3}\ns[5]", errName: "panic", errHas: "index out of range [5] with length 3"},
		{name: "index var", code: "s := []int{1, 2, 3}\ni := 7\n_ = s[i]", errName: "panic", errHas: "index out of range [7] with length 3"},
		{name: "nil map", code: "var m map[string]int\nm[\"a\"] = 1", errName: "panic", errHas: "assignment to entry in nil map"},
		{name: "divide by zero", code: "a := 0\n_ = 1 / a", errName: "panic", errHas: "integer divide by zero"},
		{name: "nil pointer", code: "type T struct{ A int }\nvar p *T\np.A", errName: "panic", errHas: "invalid memory address or nil pointer dereference"},
		{name: "undefined", code: "undefinedName + 1", errName: "compile error", errHas: "undefined: undefinedName"},
		{name: "undefined in define", code: "x := undefinedFn()", errName: "compile error", errHas: "undefined: undefinedFn"},
		{name: "type mismatch", code: "var x int = \"a\"", errName: "compile error", errHas: `cannot use "a" (untyped string constant) as int value`},
		{name: "syntax", code: "x := ", errName: "syntax error", errHas: "expected"},
		{name: "custom panic", code: "panic(\"boom\")", errName: "panic", errHas: "boom"},
		{name: "panic error", code: "import \"errors\"\npanic(errors.New(\"bad thing\"))", errName: "panic", errHas: "bad thing"},
		{name: "os.Exit", code: "import \"os\"\nos.Exit(3)", errName: "os.Exit", errHas: "exit status 3"},
		{name: "log.Fatal", code: "import \"log\"\nlog.Fatal(\"fatal here\")", errName: "log.Fatal", errHas: "exit status 1"},
		{name: "Goexit", code: "import \"runtime\"\nruntime.Goexit()", errName: "runtime.Goexit", errHas: "Goexit"},
		{name: "conversion", code: "var x any = \"s\"\n_ = x.(int)", errName: "panic", errHas: "interface conversion: interface {} is string, not int"},
	})
}

func TestErrorPositions(t *testing.T) {
	s := newTestSession(t)
	e := s.fails("x := 1\ny := 2\nz := x + undefinedThing")
	if !strings.Contains(e.Value, "line 3, column 10") {
		t.Errorf("evalue %q does not point at line 3, column 10", e.Value)
	}
	e = s.fails("foo(")
	if !strings.Contains(e.Value, "line 1") {
		t.Errorf("syntax error %q does not point at line 1", e.Value)
	}
	// Line 1, column shift: yaegi reports statement columns 27 too far.
	e = s.fails("q := undefinedOnLine1")
	if !strings.Contains(e.Value, "line 1, column 6") {
		t.Errorf("evalue %q does not point at line 1, column 6", e.Value)
	}
	s.ok("func f(s []int, i int) int {\n\treturn s[i]\n}")
	e = s.fails("f([]int{1}, 4)")
	tb := strings.Join(e.Traceback, "\n")
	if !strings.Contains(tb, "line 2, column 9, in f") || strings.Contains(tb, "goroutine") || strings.Contains(tb, ".go:") {
		t.Errorf("traceback does not point into f, or shows host frames:\n%s", tb)
	}
}

func TestStateSurvivesFailures(t *testing.T) {
	s := newTestSession(t)
	s.ok("x := 41")
	s.fails("panic(\"boom\")")
	s.fails("import \"os\"\nos.Exit(1)")
	s.fails("import \"runtime\"\nruntime.Goexit()")
	s.fails("import \"time\"\ngo func() { panic(\"in goroutine\") }()\ntime.Sleep(time.Second)")
	if v, _ := s.ok("x + 1"); v != "42" {
		t.Errorf("x + 1 = %q after failures, want 42", v)
	}
}

func TestGoroutinePanic(t *testing.T) {
	runCases(t, []cellCase{
		{name: "literal", code: "import \"time\"\ngo func() { panic(\"in goroutine\") }()\ntime.Sleep(2 * time.Second)", errName: "panic", errHas: "in goroutine"},
		{name: "named func", code: "import \"sync\"\nvar wg sync.WaitGroup\nfunc work(s []int, i int) { defer wg.Done(); _ = s[i] }\nwg.Add(1)\ngo work([]int{1}, 3)\nwg.Wait()", errName: "panic", errHas: "index out of range"},
		{name: "args at go time", code: "import \"sync\"\nimport \"fmt\"\nvar wg sync.WaitGroup\nvar mu sync.Mutex\nres := []int{}\nfunc add(x int) { defer wg.Done(); mu.Lock(); res = append(res, x); mu.Unlock() }\nfor i := 0; i < 3; i++ { wg.Add(1); go add(i * 10) }\nwg.Wait()\nsum := 0\nfor _, v := range res { sum += v }\nfmt.Println(sum)", stdout: "30\n"},
	})
}

func TestInterrupt(t *testing.T) {
	cases := []string{
		"for {}",
		"n := 0\nfor i := 0; i < 1e12; i++ { n += i }",
		"import \"time\"\ntime.Sleep(time.Hour)",
		"ch := make(chan int)\n<-ch",
		"import \"time\"\ngo func() { for { time.Sleep(time.Millisecond) } }()\nselect {}",
	}
	for _, code := range cases {
		t.Run(code, func(t *testing.T) {
			s := newTestSession(t)
			s.ok("kept := 7")
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan Result, 1)
			go func() { done <- s.in.Execute(ctx, Cell{Code: code}) }()
			time.Sleep(150 * time.Millisecond)
			t0 := time.Now()
			cancel()
			select {
			case res := <-done:
				if d := time.Since(t0); d > 100*time.Millisecond {
					t.Logf("interrupt took %v", d)
				}
				if res.Err == nil || res.Err.Name != "interrupted" {
					t.Fatalf("result %+v, want an interrupted error", res.Err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("cell did not stop within 5s of the interrupt")
			}
			if v, _ := s.ok("kept"); v != "7" {
				t.Errorf("kept = %q after interrupt, want 7", v)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	s := newTestSession(t)
	lines := []string{"42", "hello world", "x y"}
	var prompts int
	s.input = func(prompt string, password bool) (string, error) {
		prompts++
		if len(lines) == 0 {
			return "", errors.New("no more input")
		}
		l := lines[0]
		lines = lines[1:]
		return l, nil
	}
	v, _ := s.ok("import \"fmt\"\nvar n int\nfmt.Scanln(&n)\nn * 2")
	if v != "84" {
		t.Errorf("Scanln read %q, want 84", v)
	}
	v, _ = s.ok("import \"bufio\"\nimport \"os\"\nr := bufio.NewReader(os.Stdin)\nline, _ := r.ReadString('\\n')\nline")
	if v != `"hello world\n"` {
		t.Errorf("bufio read %q", v)
	}
	v, _ = s.ok("sc := bufio.NewScanner(os.Stdin)\nsc.Scan()\nsc.Text()")
	if v != `"x y"` {
		t.Errorf("Scanner read %q", v)
	}
	if prompts != 3 {
		t.Errorf("Input called %d times, want 3", prompts)
	}
	// Without an Input hook the read fails, naming allow_stdin.
	s.input = nil
	res, _, errOut := s.run("var m int\n_, err := fmt.Scan(&m)\nerr")
	if res.Err != nil || !strings.Contains(text(res), "allow_stdin") || !strings.Contains(errOut, "allow_stdin") {
		t.Errorf("without Input: value %q err %v stderr %q; want errors naming allow_stdin", text(res), res.Err, errOut)
	}
	res, _, _ = s.run("import \"io\"\n_, err = io.ReadAll(os.Stdin)\nerr")
	if !strings.Contains(text(res), "allow_stdin") {
		t.Errorf("io.ReadAll without input: %q", text(res))
	}
}

func TestOutputOrder(t *testing.T) {
	s := newTestSession(t)
	_, out := s.ok("import \"fmt\"\nimport \"os\"\nfmt.Print(\"a\")\nprint(\"\")\nfmt.Println(\"b\")\nfmt.Fprintln(os.Stdout, \"c\")\nfmt.Printf(\"%d\\n\", 4)")
	if out != "ab\nc\n4\n" && out != "ab\n4\n" {
		t.Errorf("stdout %q", out)
	}
}

func TestPrintBuiltins(t *testing.T) {
	s := newTestSession(t)
	res, out, errOut := s.run("println(\"a\", 1, 1.5, true)\nprint(\"x\", 2)\nprintln()")
	if res.Err != nil || out != "" || errOut != "a 1 +1.500000e+000 true\nx2\n" {
		t.Errorf("println: err %v stdout %q stderr %q", res.Err, out, errOut)
	}
}

func TestFatalsKeepKernel(t *testing.T) {
	runCases(t, []cellCase{
		{name: "logger Fatalf", code: "import \"log\"\nimport \"os\"\nl := log.New(os.Stderr, \"app: \", 0)\nl.Fatalf(\"bad %d\", 3)", errName: "log.Fatal", errHas: "exit status 1"},
		{name: "Goexit in goroutine", code: "import \"runtime\"\nimport \"sync\"\nvar wg sync.WaitGroup\nwg.Add(1)\ngo func() { defer wg.Done(); runtime.Goexit() }()\nwg.Wait()\n5", value: "5"},
		{name: "os.Exit in goroutine", code: "import \"os\"\nimport \"time\"\ngo func() { os.Exit(2) }()\ntime.Sleep(2 * time.Second)", errName: "os.Exit", errHas: "exit status 2"},
	})
}
