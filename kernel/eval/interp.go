package eval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/interrupt"
	"github.com/stepwise-go/stepwise/kernel/display"
)

// Interp is one interpreter session.
type Interp struct {
	opts      Options
	stdout    io.Writer // cells' standard output
	rawStderr io.Writer // cells' standard error
	stderr    io.Writer // rawStderr with yaegi's panic lines filtered out
	stdin     *stdinReader

	mu   sync.Mutex // one Execute (or Reset) at a time
	yi   *interp.Interpreter
	imp  *importer
	sess *session
	seq  int // last cell sequence number; see pos.go
	cur  atomic.Pointer[run]

	helpers map[string]bool // helper functions declared in the session
	probe   []int           // values _swProbe received

	docs *docIndex

	namesMu sync.Mutex
	names   map[int]string // cell sequence number → "In [N]"
	srcs    map[int]string // cell sequence number → source
}

// run is the state of the cell being executed.
type run struct {
	seq    int
	cell   Cell
	ctx    context.Context
	cancel context.CancelFunc

	values []any // the last expression's values, set by _swShow
	shown  bool

	mu     sync.Mutex
	frames []frame // yaegi's per-frame panic lines
	goErr  *Error  // a panic in a goroutine the cell started
	noted  bool    // the missing-stdin note was printed

	check *checked // types of the statement piece running
	unit  ast.Node // the top-level statement (or piece) running

	defers    bool   // a top-level defer was rewritten: run _swDefers at the end
	lastPanic any    // the value of the last panic of the cell's code
	panicking any    // the panic deferred calls may recover (see recoverCell)
	recovered bool   // a deferred call recovered it
	typeName  string // the static type of the cell's last expression

	unraise func() bool // stops raising package interrupt when ctx ends

	live atomic.Int32 // goroutines the cell started that have not ended
}

// New returns a fresh interpreter session.
func New(opts Options) (*Interp, error) {
	in := &Interp{opts: opts, names: map[int]string{}, srcs: map[int]string{}}
	in.stdout = opts.Stdout
	if in.stdout == nil {
		in.stdout = os.Stdout
	}
	in.rawStderr = opts.Stderr
	if in.rawStderr == nil {
		in.rawStderr = os.Stderr
	}
	in.stderr = &stderrFilter{w: in.rawStderr, in: in}
	in.stdin = &stdinReader{in: in}
	in.docs = newDocIndex(opts.Docs)
	if err := in.start(); err != nil {
		return nil, err
	}
	return in, nil
}

// start builds the yaegi interpreter with every symbol table and runs the
// prelude.
func (in *Interp) start() error {
	yi := interp.New(interp.Options{
		Stdout:       in.stdout,
		Stderr:       in.stderr,
		Stdin:        in.stdin,
		Args:         []string{"cell"},
		Unrestricted: true,
	})
	tables := []interp.Exports{stdExports(), genericStdExports(), in.stdOverrides(), wrapperExports(), in.rtExports(), in.displayExports()}
	tables = append(tables, in.opts.Exports...)
	imp := newImporter(yi.FileSet())
	for _, t := range tables {
		if err := yi.Use(t); err != nil {
			return fmt.Errorf("eval: registering symbols: %w", err)
		}
		imp.add(t)
	}
	in.yi = yi
	in.imp = imp
	in.helpers = map[string]bool{}
	if err := in.loadSources(imp); err != nil {
		return err
	}
	in.sess = newSession()
	return in.runPrelude()
}

// Reset forgets every definition: the next cell runs in a fresh
// interpreter.
func (in *Interp) Reset() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.start()
}

// Execute runs one cell. Cancelling ctx interrupts it; the session keeps its
// state.
func (in *Interp) Execute(ctx context.Context, c Cell) Result {
	in.mu.Lock()
	defer in.mu.Unlock()
	r := in.begin(ctx, c)
	defer in.end(r)
	defer in.guardStack(r)()
	return in.runCell(r, c.Code)
}

// begin makes c the running cell.
func (in *Interp) begin(ctx context.Context, c Cell) *run {
	in.seq++
	r := &run{seq: in.seq, cell: c}
	r.ctx, r.cancel = context.WithCancel(ctx)
	name := fmt.Sprintf("In [%d]", c.Count)
	if c.Count <= 0 {
		name = fmt.Sprintf("cell %d", in.seq)
	}
	in.namesMu.Lock()
	in.names[r.seq] = name
	in.srcs[r.seq] = c.Code
	in.namesMu.Unlock()
	in.stdin.reset()
	in.cur.Store(r)
	// Compiled code that runs long (a training loop) checks package
	// interrupt between steps: raise it when the cell is stopped for any
	// reason (an interrupt, a panic in its goroutine, the stack guard).
	interrupt.Clear()
	r.unraise = context.AfterFunc(r.ctx, interrupt.Raise)
	return r
}

func (in *Interp) end(r *run) {
	r.unraise()
	r.cancel()
	in.cur.CompareAndSwap(r, nil)
}

// runCell handles magics, then parses, rewrites and runs the cell's pieces
// in source order.
func (in *Interp) runCell(r *run, code string) Result {
	if res, done := in.magic(r, code); done {
		return res
	}
	return in.runCode(r, code)
}

// legacyImport matches gophernotes' first syntax for imports, ":import".
var legacyImport = regexp.MustCompile(`(?m)^([ \t]*):(import[ \t])`)

// runCode runs Go source (no magics) as cell r.
func (in *Interp) runCode(r *run, code string) Result {
	code = legacyImport.ReplaceAllString(code, "$1 $2")
	pieces, err := in.parseCell(r.seq, code)
	if err != nil {
		return Result{Err: in.compileError(err)}
	}
	runMain := false
	for _, p := range pieces {
		if p.kind == pieceFile && declaresMain(p.file) {
			runMain = true
		}
		if e := in.runPiece(r, p); e != nil {
			return Result{Err: in.runDefers(r, e)}
		}
	}
	if e := in.runDefers(r, nil); e != nil {
		return Result{Err: e}
	}
	if runMain {
		prog, err := in.compile(block(callStmt(mainName, token.NoPos)))
		if err != nil {
			return Result{Err: in.compileError(err)}
		}
		if e := in.exec(r, prog); e != nil {
			return Result{Err: e}
		}
	}
	if e := in.settle(r); e != nil {
		return Result{Err: e}
	}
	if r.shown {
		d := resultData(r.values)
		if d != nil && r.typeName != "" && d.Data[display.MIMETypeText] == "<value>" {
			d.Data[display.MIMETypeText] = "<" + r.typeName + ">"
		}
		return Result{Value: d}
	}
	return Result{}
}

// runPiece checks, rewrites, compiles and runs one piece of a cell.
func (in *Interp) runPiece(r *run, p *piece) *Error {
	c, err := in.check(p)
	if err != nil {
		return in.compileError(err)
	}
	if p.kind == pieceShow {
		return in.runShow(r, p, c)
	}
	commit := in.prepareCommit(p, c)
	units, err := in.rewrite(p, c)
	if err != nil {
		return in.compileError(err)
	}
	if p.kind == pieceFile {
		debugRewrite(in.yi.FileSet(), units[0])
		prog, err := in.compile(units[0])
		if err != nil {
			in.sess.markBroken(p.file)
			return in.compileError(err)
		}
		commit()
		if e := in.exec(r, prog); e != nil {
			return e
		}
		r.check = c
		for _, u := range units[1:] {
			debugRewrite(in.yi.FileSet(), u)
			prog, err := in.compile(u)
			if err != nil {
				return in.compileError(err)
			}
			r.unit = u
			if e := in.exec(r, prog); e != nil {
				return e
			}
		}
		return nil
	}
	commit()
	r.check = c
	for _, u := range units {
		debugRewrite(in.yi.FileSet(), u)
		prog, err := in.compile(u)
		if err != nil {
			return in.compileError(err)
		}
		r.unit = u
		if e := in.exec(r, prog); e != nil {
			return e
		}
	}
	return nil
}

// runShow runs the cell's last expression and records its values. A
// single value is first bound to a variable, so that yaegi keeps its
// static type and wraps a cell type for the display helpers; several values
// are passed whole to _swShow; no value (a call of a function without
// results) runs as a plain statement.
func (in *Interp) runShow(r *run, p *piece, c *checked) *Error {
	n := resultCount(c.typeOf(p.expr))
	if t := c.typeOf(p.expr); n == 1 && t != nil {
		r.typeName = types.TypeString(t, func(p *types.Package) string {
			if p.Path() == "main" {
				return ""
			}
			return p.Name()
		})
	}
	expr, err := in.rewriteExpr(p.expr, c)
	if err != nil {
		return in.compileError(err)
	}
	pos := expr.Pos()
	r.check = c
	switch {
	case n == 0 || quietCall(p.expr):
		return in.runUnits(r, &ast.ExprStmt{X: expr})
	case n > 1:
		return in.runUnits(r, callStmt("_swShow", pos, expr))
	}
	// One value: bound to _swv first, so that yaegi keeps its static type
	// (and wraps a cell type for the display helpers). yaegi cannot infer
	// the type of a global from a generic call, and fails "var _swv T = e"
	// for some compiled types: try the other form when one fails.
	define := []ast.Stmt{&ast.AssignStmt{Lhs: []ast.Expr{identAt("_swv", pos)}, Tok: tokenDefine, TokPos: pos, Rhs: []ast.Expr{expr}}}
	forms := [][]ast.Stmt{define}
	if t := c.typeOf(p.expr); t != nil {
		if str, ok := in.typeString(t, c.pkg); ok {
			if te := in.parseTypeExpr(str); te != nil {
				// "var _swv T = e" gives a zero value when e is a generic
				// call instantiated there for the first time: declare, then
				// assign.
				typed := []ast.Stmt{
					&ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, TokPos: pos, Specs: []ast.Spec{
						&ast.ValueSpec{Names: []*ast.Ident{identAt("_swv", pos)}, Type: te}}}},
					&ast.AssignStmt{Lhs: []ast.Expr{identAt("_swv", pos)}, Tok: token.ASSIGN, TokPos: pos, Rhs: []ast.Expr{expr}},
				}
				forms = append(forms, typed)
				if (&rw{c: c}).usesGeneric(p.expr) {
					forms = [][]ast.Stmt{typed, define}
				}
			}
		}
	}
	var firstErr error
	for _, form := range forms {
		progs := make([]*interp.Program, 0, len(form))
		var err error
		for _, st := range form {
			u := block(st)
			debugRewrite(in.yi.FileSet(), u)
			var prog *interp.Program
			if prog, err = in.compile(u); err != nil {
				break
			}
			progs = append(progs, prog)
			if len(progs) < len(form) {
				// The assignment needs the declaration compiled and run.
				r.unit = u
				if e := in.exec(r, prog); e != nil {
					return e
				}
			}
		}
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		r.unit = block(form[len(form)-1])
		if e := in.exec(r, progs[len(progs)-1]); e != nil {
			return e
		}
		return in.runUnits(r, callStmt("_swShow", pos, identAt("_swv", pos)))
	}
	return in.compileError(firstErr)
}

// runUnits compiles and runs statements one after the other, as the
// running top-level statement.
func (in *Interp) runUnits(r *run, stmts ...ast.Stmt) *Error {
	for _, st := range stmts {
		r.unit = block(st)
		debugRewrite(in.yi.FileSet(), r.unit)
		prog, err := in.compile(r.unit)
		if err != nil {
			return in.compileError(err)
		}
		if e := in.exec(r, prog); e != nil {
			return e
		}
	}
	return nil
}

// resultCount is how many values an expression of type t yields.
func resultCount(t types.Type) int {
	switch t := t.(type) {
	case nil:
		return 0
	case *types.Tuple:
		return t.Len()
	}
	return 1
}

// compile compiles an AST parsed with the interpreter's file set. yaegi
// panics on some inputs; those become errors too.
func (in *Interp) compile(n ast.Node) (prog *interp.Program, err error) {
	defer func() {
		forgetRoots(in.yi)
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
		}
	}()
	return in.yi.CompileAST(n)
}

// exec runs a compiled piece as part of cell r.
func (in *Interp) exec(r *run, prog *interp.Program) *Error {
	r.mu.Lock()
	r.frames = r.frames[:0]
	r.mu.Unlock()
	_, err := in.yi.ExecuteWithContext(r.ctx, prog)
	r.mu.Lock()
	goErr := r.goErr
	r.mu.Unlock()
	if goErr != nil {
		return goErr
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Name: "interrupted", Value: "the cell was interrupted; definitions and values made so far are kept",
			Traceback: []string{"interrupted: the cell was interrupted"}}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		r.lastPanic = unwrapPanic(p.Value)
		return in.panicError(r, p.Value)
	}
	return in.compileError(err)
}

// runDefers runs the calls the cell deferred at its top level, last first,
// after its statements ended with e (nil, or the error that stopped them).
// A deferred call may recover the cell's panic; a panic in a deferred call
// replaces e. An interrupted cell skips them, as an interrupted program
// would.
func (in *Interp) runDefers(r *run, e *Error) *Error {
	if !r.defers {
		return e
	}
	r.defers = false
	drop := func() {
		if prog, err := in.compile(block(assign(token.NoPos, []ast.Expr{identAt("_swDefers", token.NoPos)}, []ast.Expr{identAt("nil", token.NoPos)}))); err == nil {
			in.yi.Execute(prog)
		}
	}
	if r.ctx.Err() != nil {
		drop()
		return e
	}
	r.mu.Lock()
	r.panicking, r.recovered = nil, false
	if e != nil && e.Name == "panic" {
		switch r.lastPanic.(type) {
		case nil, exitSignal, goexitSignal:
		default:
			if r.goErr == nil {
				r.panicking = recoveredValue(r.lastPanic, e)
			}
		}
	}
	r.mu.Unlock()
	prog, err := in.compile(in.defersLoop())
	if err != nil {
		drop()
		return e
	}
	r.unit = nil
	if de := in.exec(r, prog); de != nil {
		drop()
		return de
	}
	r.mu.Lock()
	recovered := r.recovered
	r.panicking = nil
	r.mu.Unlock()
	if recovered {
		return nil
	}
	return e
}

// recoveredValue is what recover returns for a cell that panicked with v
// and failed with e: v itself, unless v is one of the interpreter's own
// panics (reflect's "slice index out of range"), which becomes a
// runtime.Error with Go's message, as compiled code would have recovered.
func recoveredValue(v any, e *Error) any {
	if len(e.Traceback) == 0 {
		return v
	}
	goMsg := strings.TrimPrefix(e.Traceback[0], "panic: ")
	var own string
	switch x := v.(type) {
	case string:
		own = x
	case error:
		own = x.Error()
	default:
		return v
	}
	if own == goMsg {
		return v
	}
	return runtimeError(goMsg)
}

// runtimeError is a run-time panic of a cell, as recover returns it.
type runtimeError string

func (e runtimeError) Error() string { return string(e) }

// RuntimeError marks it as a runtime.Error.
func (runtimeError) RuntimeError() {}

// defersLoop is
//
//	for len(_swDefers) > 0 {
//		_swf := _swDefers[len(_swDefers)-1]
//		_swDefers = _swDefers[:len(_swDefers)-1]
//		_swf()
//	}
func (in *Interp) defersLoop() ast.Node {
	f, err := parser.ParseFile(in.yi.FileSet(), "_.go", directive(0)+"package main\nfunc _() {\nfor len(_swDefers) > 0 {\n_swf := _swDefers[len(_swDefers)-1]\n_swDefers = _swDefers[:len(_swDefers)-1]\n_swf()\n}\n}\n", 0)
	if err != nil {
		panic(err)
	}
	return f.Decls[0].(*ast.FuncDecl).Body
}

// recordFrame stores one of yaegi's panic lines for the running cell.
func (in *Interp) recordFrame(f frame) {
	if r := in.cur.Load(); r != nil {
		r.mu.Lock()
		if len(r.frames) < 200 {
			r.frames = append(r.frames, f)
		}
		r.mu.Unlock()
	}
}

// readLine asks the running cell's front end for one line of input.
func (in *Interp) readLine() (string, error) {
	r := in.cur.Load()
	if r == nil || r.cell.Input == nil {
		if r != nil && !r.noted {
			r.noted = true
			fmt.Fprintln(in.rawStderr, "stdin: the cell reads standard input, but this front end does not accept input (allow_stdin is false)")
		}
		return "", errNoStdin
	}
	type answer struct {
		s   string
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		s, err := r.cell.Input("", false)
		ch <- answer{s, err}
	}()
	select {
	case a := <-ch:
		return a.s, a.err
	case <-r.ctx.Done():
		return "", r.ctx.Err()
	}
}

// goStart returns the sequence number of the running cell; a rewritten go
// statement passes it back to goPanic.
func (in *Interp) goStart() int {
	if r := in.cur.Load(); r != nil {
		r.live.Add(1)
		return r.seq
	}
	return 0
}

// goDone is called when a goroutine started by cell seq ends, with the
// value it panicked with (nil if none): the panic is reported, and the
// cell, if it is still running, counts one goroutine less.
func (in *Interp) goDone(seq int, v any) {
	if v != nil {
		in.goPanic(seq, v)
	}
	if r := in.cur.Load(); r != nil && r.seq == seq {
		r.live.Add(-1)
	}
}

// settleWait is how long a cell that has run its statements waits for the
// goroutines it started to end. A goroutine's own deferred calls (a
// WaitGroup's Done) run before its panic reaches the kernel: without the
// wait, a cell that waited for its goroutines could end before their
// panic is reported to it.
const settleWait = 20 * time.Millisecond

// settle waits up to settleWait for the goroutines cell r started and
// returns the panic one of them reported, if any.
func (in *Interp) settle(r *run) *Error {
	deadline := time.Now().Add(settleWait)
	for r.live.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Microsecond)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.goErr
}

// goPanic reports a panic in a goroutine started by cell seq: the cell fails
// with it if it is still running; otherwise it is written to stderr.
func (in *Interp) goPanic(seq int, v any) {
	v = unwrapPanic(v)
	if _, ok := v.(goexitSignal); ok {
		return // runtime.Goexit ends just that goroutine
	}
	e := in.panicValueError(v, nil)
	e.Value += " (in a goroutine started by " + in.cellName(seq) + ")"
	e.Traceback[0] = e.Name + ": " + e.Value
	if r := in.cur.Load(); r != nil && r.seq == seq {
		r.mu.Lock()
		if r.goErr == nil {
			r.goErr = e
		}
		r.mu.Unlock()
		r.cancel()
		return
	}
	fmt.Fprintln(in.rawStderr, e.Traceback[0])
}

func (in *Interp) cellName(seq int) string {
	in.namesMu.Lock()
	defer in.namesMu.Unlock()
	if n, ok := in.names[seq]; ok {
		return n
	}
	return fmt.Sprintf("cell %d", seq)
}

var _ = reflect.ValueOf
