package lessons

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"unicode"
)

// Checker examines a student's answer and says what is wrong with it. The
// Check methods of Value, Choice and Func are Checkers; a lesson can also
// write its own function.
type Checker func(answer any) Feedback

// Value checks an answer that is a value: a number (an output size, one
// entry of a convolution worked out by hand), a vector, a matrix or a
// tensor. Answers of any numeric type and nesting convert with AsArray.
type Value struct {
	// Want is the expected answer.
	Want any
	// Tol is the tolerance; the zero Tol means exact.
	Tol Tol
	// Causes recognise this exercise's typical mistakes (see Mistake); they
	// are tried before DefaultCauses.
	Causes []Cause
	// Reveal shows the expected values on a wrong answer (Diff.Report).
	// By default the feedback says which entries are wrong, whether each
	// is too big or too small and roughly by how much, the shape and the
	// likely cause, but not the expected values, which would give the
	// exercise away (Diff.SecretReport); the values are kept in
	// Feedback.Revealed, which an Exercise shows on hidden tests, in the
	// teacher's grade report and once the student has asked for the
	// Solution. Set Reveal when the expected values are no secret.
	Reveal bool
}

// Check compares answer with v.Want.
func (v Value) Check(answer any) Feedback {
	want, err := AsArray(v.Want)
	if err != nil {
		panic("lessons: Value.Want is not numbers: " + err.Error())
	}
	if answer != nil && reflect.TypeOf(answer).Kind() == reflect.Func {
		return Fail(T("lessons.value.gotFunc", TypeName(answer), expectedKind(v.Want, want)))
	}
	got, err := AsArray(answer)
	if err != nil {
		if plainKind(answer) {
			return Fail(T("lessons.value.wrongKind", expectedKind(v.Want, want), aType(TypeName(answer)), FormatValue(answer)))
		}
		return Fail(err.Error() + " " + T("lessons.value.expected", expectedKind(v.Want, want)))
	}
	d := Compare(got, want, v.Tol)
	if d.OK() {
		return Pass()
	}
	f := Fail(d.Report(), explain(got, want, v.Tol, v.Causes)...)
	if !v.Reveal {
		f.Problem, f.Revealed = d.SecretReport(), f.Problem
	}
	return f
}

// plainKind reports whether v is a value whose kind alone is wrong — a
// string, a bool, a map — rather than a list, a struct or a matrix type
// whose contents AsArray's message explains.
func plainKind(v any) bool {
	if v == nil {
		return false
	}
	switch v.(type) {
	case MatrixLike, VectorLike:
		return false
	}
	rv, err := derefBounded(reflect.ValueOf(v))
	if err != nil || !rv.IsValid() {
		return false
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Struct:
		return false
	}
	return true
}

// expectedKind describes the expected answer: "a number", "a []float64 of
// shape (3,)".
func expectedKind(w any, a Array) string {
	if len(a.Shape) == 0 {
		return T("lessons.kind.number")
	}
	return T("lessons.kind.array", TypeName(w), ShapeString(a.Shape))
}

// Choice checks the answer to a multiple-choice question: a string (a
// letter or a word, compared without case and surrounding space) or a
// bool. Why explains each wrong choice.
type Choice struct {
	// Want is the right choice, e.g. "b" or true.
	Want any
	// Options lists the valid choices; an answer outside them is told so.
	// Empty means any answer is a valid choice.
	Options []string
	// Why maps a wrong choice to the explanation shown for it.
	Why map[string]Text
}

// Check compares answer with c.Want.
func (c Choice) Check(answer any) Feedback {
	if answer == nil {
		return Fail(T("lessons.input.nil") + " " + T("lessons.choice.expected", c.options()))
	}
	if reflect.TypeOf(answer) != reflect.TypeOf(c.Want) {
		return Fail(T("lessons.choice.type", aType(TypeName(c.Want)), aType(TypeName(answer)), FormatValue(answer)))
	}
	got, want := normChoice(answer), normChoice(c.Want)
	if got == want {
		return Pass()
	}
	if len(c.Options) > 0 {
		valid := false
		for _, o := range c.Options {
			valid = valid || normChoice(o) == got
		}
		if !valid {
			return Fail(T("lessons.choice.invalid", FormatValue(answer), c.options()))
		}
	}
	f := Fail(T("lessons.choice.wrong", FormatValue(answer)))
	for k, why := range c.Why {
		if normChoice(k) == got {
			f.Causes = append(f.Causes, why.String())
		}
	}
	return f
}

func (c Choice) options() string {
	if len(c.Options) == 0 {
		return TypeName(c.Want)
	}
	return strings.Join(c.Options, ", ")
}

func normChoice(v any) string {
	return strings.ToLower(strings.TrimSpace(fmt.Sprint(v)))
}

// Case is one input on which Func runs the student's function and the
// reference.
type Case struct {
	// Args are the arguments, one per parameter. They are copied before
	// each call, so neither function can change them for the other.
	Args []any
	// Want, if non-nil, is the expected result (one value per result);
	// otherwise the reference function computes it.
	Want []any
	// About describes the case for the student, e.g. "a row with a large
	// entry"; optional.
	About Text
}

// Func checks an answer that is a function — softmax, one RNN step, the
// output-size formula — by calling it and a reference on each case and
// comparing the results. It reports a wrong signature, a panic (with the
// input that caused it), wrong results (which entry, expected against got:
// knowing the right output for one input does not write the function, so
// unlike Value it shows the expected values) and an input the function
// changed.
type Func struct {
	// Ref is the reference implementation; the student's function must have
	// the same type.
	Ref any
	// Params names the parameters for messages, e.g. {"x"} or {"n", "k"};
	// optional.
	Params []string
	// Cases are the inputs.
	Cases []Case
	// Tol is the tolerance; the zero Tol means Float.
	Tol Tol
	// Causes recognise typical mistakes in a result (see Mistake).
	Causes []Cause
	// Pure makes changing an argument a failure rather than a note.
	Pure bool
}

// Check calls answer on every case and returns the first problem.
func (fc Func) Check(answer any) Feedback {
	ref := reflect.ValueOf(fc.Ref)
	if ref.Kind() != reflect.Func {
		panic("lessons: Func.Ref is not a function: " + TypeName(fc.Ref))
	}
	sig := fc.signature(ref.Type())
	if answer == nil {
		return Fail(T("lessons.input.nil") + " " + T("lessons.func.expected", sig))
	}
	fn := reflect.ValueOf(answer)
	if fn.Kind() != reflect.Func {
		return Fail(T("lessons.func.notFunc", sig, aType(TypeName(answer))))
	}
	if fn.IsNil() {
		return Fail(T("lessons.func.nilFunc", sig))
	}
	if fn.Type() != ref.Type() {
		return Fail(T("lessons.func.signature", sig, fn.Type().String()))
	}
	if name, ok := libraryFunc(fn); ok {
		return Fail(T("lessons.func.library", name))
	}
	tol := fc.Tol
	if tol == (Tol{}) {
		tol = Float
	}
	var notes []string
	for i, c := range fc.Cases {
		f := fc.runCase(i, c, ref, fn, tol)
		if !f.Passed {
			return f
		}
		notes = appendNew(notes, f.Notes...)
	}
	f := Pass()
	f.Notes = notes
	return f
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for _, l := range list {
			dup = dup || l == it
		}
		if !dup {
			list = append(list, it)
		}
	}
	return list
}

func (fc Func) runCase(i int, c Case, ref, fn reflect.Value, tol Tol) Feedback {
	input := fc.describeInput(c)
	if len(c.Args) != fn.Type().NumIn() {
		panic(fmt.Sprintf("lessons: Func case %d has %d arguments, the function takes %d", i, len(c.Args), fn.Type().NumIn()))
	}
	var want []reflect.Value
	if c.Want != nil {
		for _, w := range c.Want {
			want = append(want, reflect.ValueOf(w))
		}
	} else {
		want = ref.Call(copyArgs(c.Args, fn.Type()))
	}
	args := copyArgs(c.Args, fn.Type())
	got, panicked := call(fn, args)
	if panicked != nil {
		f := Fail(T("lessons.func.panic", panicText(panicked)))
		f.Input = input
		f.Causes = panicCauses(panicked)
		return f
	}
	for r := range want {
		var f Feedback
		if fn.Type().Out(r) == errorType {
			f = compareErr(got[r], want[r])
		} else {
			f = compareResult(got[r].Interface(), want[r].Interface(), tol, fc.Causes)
		}
		if !f.Passed {
			if len(want) > 1 {
				f.Problem = T("lessons.func.result", r+1) + " " + f.Problem
			}
			f.Input = input
			return f
		}
	}
	if changed := fc.changedArgs(c.Args, args); changed != "" {
		f := Pass()
		note := T("lessons.func.mutated", changed)
		if fc.Pure {
			f = Fail(note)
			f.Input = input
			return f
		}
		f.Notes = []string{note}
		return f
	}
	return Pass()
}

// compareResult compares one returned value with the expected one.
func compareResult(got, want any, tol Tol, causes []Cause) Feedback {
	switch want.(type) {
	case string, bool:
		if got == want {
			return Pass()
		}
		return Fail(T("lessons.diff.value", FormatValue(want), FormatValue(got)))
	}
	return Value{Want: want, Tol: tol, Causes: causes, Reveal: true}.Check(got)
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// compareErr compares error results by whether they are nil.
func compareErr(got, want reflect.Value) Feedback {
	gotNil, wantNil := got.IsNil(), !want.IsValid() || (want.Kind() == reflect.Interface && want.IsNil())
	switch {
	case gotNil == wantNil:
		return Pass()
	case wantNil:
		return Fail(T("lessons.func.unexpectedErr", formatAny(got, 0, 300)))
	}
	return Fail(T("lessons.func.missingErr"))
}

// call calls fn, turning a panic into a value.
func call(fn reflect.Value, args []reflect.Value) (out []reflect.Value, panicked any) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	return fn.Call(args), nil
}

// panicText is a panic value as a message shows it: a string as it is,
// anything else as FormatValue writes it (bounded, whatever it holds).
func panicText(p any) string {
	if s, ok := p.(string); ok {
		return clip(s, 300)
	}
	return formatAny(reflect.ValueOf(p), 0, 300)
}

// panicCauses explains the usual runtime panics of student code.
func panicCauses(p any) []string {
	s := panicText(p)
	switch {
	case strings.Contains(s, "index out of range"):
		return []string{T("lessons.cause.index")}
	case strings.Contains(s, "nil map") || strings.Contains(s, "nil pointer"):
		return []string{T("lessons.cause.nilMap")}
	case strings.Contains(s, "divide by zero"):
		return []string{T("lessons.cause.divZero")}
	}
	return nil
}

func (fc Func) signature(t reflect.Type) string {
	var b strings.Builder
	b.WriteString("func(")
	for i := 0; i < t.NumIn(); i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		if i < len(fc.Params) {
			b.WriteString(fc.Params[i] + " ")
		}
		b.WriteString(t.In(i).String())
	}
	b.WriteString(")")
	switch t.NumOut() {
	case 0:
	case 1:
		b.WriteString(" " + t.Out(0).String())
	default:
		outs := make([]string, t.NumOut())
		for i := range outs {
			outs[i] = t.Out(i).String()
		}
		b.WriteString(" (" + strings.Join(outs, ", ") + ")")
	}
	return "`" + b.String() + "`"
}

func (fc Func) param(i int) string {
	if i < len(fc.Params) {
		return fc.Params[i]
	}
	return fmt.Sprintf("arg%d", i+1)
}

func (fc Func) describeInput(c Case) string {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = fc.param(i) + " = " + FormatValue(a)
	}
	s := "`" + strings.Join(parts, ", ") + "`"
	if !c.About.IsZero() {
		s += " (" + c.About.String() + ")"
	}
	return T("lessons.func.input", s)
}

func (fc Func) changedArgs(orig []any, passed []reflect.Value) string {
	var names []string
	for i := range orig {
		if !reflect.DeepEqual(orig[i], passed[i].Interface()) {
			names = append(names, "`"+fc.param(i)+"`")
		}
	}
	return strings.Join(names, ", ")
}

// copyArgs deep-copies the case's arguments, converting untyped constants
// (an int literal for a float64 parameter) to the parameter types.
func copyArgs(args []any, ft reflect.Type) []reflect.Value {
	out := make([]reflect.Value, len(args))
	for i, a := range args {
		pt := ft.In(i)
		if a == nil {
			out[i] = reflect.Zero(pt)
			continue
		}
		v := deepCopy(reflect.ValueOf(a))
		if v.Type() != pt && v.Type().ConvertibleTo(pt) {
			v = v.Convert(pt)
		}
		out[i] = v
	}
	return out
}

// deepCopy copies slices, arrays, maps and pointers to any depth.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Array:
		c := reflect.New(v.Type()).Elem()
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for _, k := range v.MapKeys() {
			c.SetMapIndex(k, deepCopy(v.MapIndex(k)))
		}
		return c
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if c.Field(i).CanSet() {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	}
	return v
}

// libraryFunc reports whether fn is a compiled, exported function of this
// module's libraries (mathref.Softmax, nn.…) rather than the student's own:
// passing the reference itself is not an answer. Functions defined in a
// notebook cell are interpreted and never match.
func libraryFunc(fn reflect.Value) (string, bool) {
	rf := runtime.FuncForPC(fn.Pointer())
	if rf == nil {
		return "", false
	}
	name := rf.Name()
	const mod = "github.com/stepwise-go/stepwise/"
	if !strings.HasPrefix(name, mod) {
		return "", false
	}
	rest := strings.TrimPrefix(name, mod)
	slash := strings.LastIndexByte(rest, '/')
	pkgFn := rest[slash+1:]
	dot := strings.IndexByte(pkgFn, '.')
	if dot < 0 || strings.Contains(pkgFn[dot+1:], ".") || strings.HasSuffix(pkgFn[:dot], "_test") {
		return "", false
	}
	first := []rune(pkgFn[dot+1:])[0]
	if !unicode.IsUpper(first) || strings.HasPrefix(pkgFn[dot+1:], "Test") || strings.HasPrefix(pkgFn[dot+1:], "Example") {
		return "", false
	}
	return pkgFn, true
}
