package eval

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"reflect"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// replacedStd lists the standard packages whose yaegi tables are replaced by
// interpreted sources of our own (their generic functions are missing from
// the tables).
var replacedStd = map[string]bool{"slices/slices": true, "maps/maps": true, "cmp/cmp": true, "iter/iter": true}

// stdExports returns yaegi's standard library tables, minus the replaced
// packages. The "fmt/fmt" key is spelled "fmt//fmt": yaegi would otherwise
// apply its own stdio fix-ups and compile its generic sources, both of which
// useStdlib does differently.
func stdExports() interp.Exports {
	ex := make(interp.Exports, len(stdlib.Symbols))
	for k, v := range stdlib.Symbols {
		switch {
		case replacedStd[k]:
		case k == "fmt/fmt":
			ex["fmt//fmt"] = v
		default:
			ex[k] = v
		}
	}
	return ex
}

// exitSignal is the panic value of os.Exit and log.Fatal in a cell: the cell
// stops with an error and the kernel lives on.
type exitSignal struct {
	code int
	by   string
}

// goexitSignal is the panic value of runtime.Goexit in a cell.
type goexitSignal struct{}

// stdOverrides replaces the standard symbols that must not reach the real
// process: standard streams, os.Exit, log.Fatal, runtime.Goexit, os.Args and
// the flag command line.
func (in *Interp) stdOverrides() interp.Exports {
	stdout, stderr, stdin := in.stdout, in.stderr, io.Reader(in.stdin)
	mt := stdlib.MapTypes

	fmtPrint := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprint(stdout, a...) })
	fmtPrintf := reflect.ValueOf(func(f string, a ...any) (int, error) { return fmt.Fprintf(stdout, f, a...) })
	fmtPrintln := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprintln(stdout, a...) })
	fmtScan := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscan(stdin, a...) })
	fmtScanf := reflect.ValueOf(func(f string, a ...any) (int, error) { return fmt.Fscanf(stdin, f, a...) })
	fmtScanln := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fscanln(stdin, a...) })

	l := log.New(stderr, "", log.LstdFlags)
	fatal := func(s string) {
		l.Output(3, s)
		panic(exitSignal{code: 1, by: "log.Fatal"})
	}
	logFatal := reflect.ValueOf(func(a ...any) { fatal(fmt.Sprint(a...)) })
	logFatalf := reflect.ValueOf(func(f string, a ...any) { fatal(fmt.Sprintf(f, a...)) })
	logFatalln := reflect.ValueOf(func(a ...any) { fatal(fmt.Sprintln(a...)) })
	logPrint, logPrintf, logPrintln := reflect.ValueOf(l.Print), reflect.ValueOf(l.Printf), reflect.ValueOf(l.Println)
	logPanic, logPanicf, logPanicln := reflect.ValueOf(l.Panic), reflect.ValueOf(l.Panicf), reflect.ValueOf(l.Panicln)

	fs := flag.NewFlagSet("cell", flag.ContinueOnError)
	fs.SetOutput(stderr)
	args := []string{"cell"}

	osSyms := map[string]reflect.Value{
		"Exit":  reflect.ValueOf(func(code int) { panic(exitSignal{code: code, by: "os.Exit"}) }),
		"Args":  reflect.ValueOf(&args).Elem(),
		"Stdin": reflect.ValueOf(&in.stdin).Elem(),
	}
	if f, ok := stdout.(*os.File); ok {
		osSyms["Stdout"] = reflect.ValueOf(&f).Elem()
	}
	if f, ok := in.rawStderr.(*os.File); ok {
		osSyms["Stderr"] = reflect.ValueOf(&f).Elem()
	}
	return interp.Exports{
		"fmt//fmt": {
			"Print": fmtPrint, "Printf": fmtPrintf, "Println": fmtPrintln,
			"Scan": fmtScan, "Scanf": fmtScanf, "Scanln": fmtScanln,
		},
		"log//log": {
			"Fatal": logFatal, "Fatalf": logFatalf, "Fatalln": logFatalln,
			"Print": logPrint, "Printf": logPrintf, "Println": logPrintln,
			"Panic": logPanic, "Panicf": logPanicf, "Panicln": logPanicln,
			"Flags": reflect.ValueOf(l.Flags), "SetFlags": reflect.ValueOf(l.SetFlags),
			"Prefix": reflect.ValueOf(l.Prefix), "SetPrefix": reflect.ValueOf(l.SetPrefix),
			"Output": reflect.ValueOf(l.Output), "SetOutput": reflect.ValueOf(l.SetOutput),
			"Writer": reflect.ValueOf(l.Writer), "Default": reflect.ValueOf(func() *log.Logger { return l }),
		},
		"os//os":           osSyms,
		"runtime//runtime": {"Goexit": reflect.ValueOf(func() { panic(goexitSignal{}) })},
		"flag//flag":       {"CommandLine": reflect.ValueOf(&fs).Elem()},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			fmtPrint: mt[reflect.ValueOf(fmt.Print)], fmtPrintf: mt[reflect.ValueOf(fmt.Printf)],
			fmtPrintln: mt[reflect.ValueOf(fmt.Println)], fmtScan: mt[reflect.ValueOf(fmt.Scan)],
			fmtScanf: mt[reflect.ValueOf(fmt.Scanf)], fmtScanln: mt[reflect.ValueOf(fmt.Scanln)],
			logFatal: mt[reflect.ValueOf(log.Fatal)], logFatalf: mt[reflect.ValueOf(log.Fatalf)],
			logFatalln: mt[reflect.ValueOf(log.Fatalln)], logPrint: mt[reflect.ValueOf(log.Print)],
			logPrintf: mt[reflect.ValueOf(log.Printf)], logPrintln: mt[reflect.ValueOf(log.Println)],
			logPanic: mt[reflect.ValueOf(log.Panic)], logPanicf: mt[reflect.ValueOf(log.Panicf)],
			logPanicln: mt[reflect.ValueOf(log.Panicln)],
		})},
	}
}
