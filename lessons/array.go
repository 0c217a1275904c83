package lessons

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Array is a checker's view of an answer: a shape and the values in
// row-major order (the last index varies fastest). A number has the empty
// shape, a []float64 of length n the shape (n), a [][]float64 with r rows of
// c entries the shape (r, c). mathref.Tensor and nn's tensors have the same
// two fields and convert with AsArray.
type Array struct {
	Shape []int     // the size of each axis; empty for a number
	Data  []float64 // the values, row-major
}

// Len returns the number of values.
func (a Array) Len() int { return len(a.Data) }

// At returns the value at the given index, one per axis.
func (a Array) At(idx ...int) float64 { return a.Data[offset(a.Shape, idx)] }

// NotFinite returns the index of the first NaN or ±Inf in a, written as
// "[i, j]", and its value, or ok = false when every number is finite.
func NotFinite(a Array) (index string, value float64, ok bool) {
	for k, v := range a.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			idx := make([]string, len(a.Shape))
			rest := k
			for d := len(a.Shape) - 1; d >= 0; d-- {
				idx[d] = strconv.Itoa(rest % a.Shape[d])
				rest /= a.Shape[d]
			}
			return "[" + strings.Join(idx, ", ") + "]", v, true
		}
	}
	return "", 0, false
}

// String formats the array like NumPy: 3, [1 2 3] or [[1 2] [3 4]].
func (a Array) String() string { return formatArray(a, 8) }

// MatrixLike is satisfied by gonum's mat.Matrix and anything else with a
// size and an element accessor; AsArray accepts it.
type MatrixLike interface {
	Dims() (r, c int)
	At(i, j int) float64
}

// VectorLike is satisfied by gonum's mat.Vector; AsArray accepts it.
type VectorLike interface {
	Len() int
	AtVec(i int) float64
}

// InputError is a checker's complaint about the kind of answer it was
// given (nil, a string where numbers were expected, a ragged slice). Its
// message is for the student, in the current language.
type InputError struct {
	Msg string // the message for the student
}

// Error returns the message.
func (e *InputError) Error() string { return e.Msg }

func inputErr(key string, args ...any) *InputError { return &InputError{Msg: T(key, args...)} }

// Limits on what AsArray follows, so that no answer — a pointer to
// itself, a slice that contains itself, a struct it cannot read — can
// recurse without end and kill the kernel.
const (
	// MaxAxes is the deepest nesting of slices AsArray accepts.
	MaxAxes = 32
	// MaxValues is the most numbers AsArray copies out of one answer.
	MaxValues = 1 << 26
	// maxDeref is how many pointers and interfaces in a row it follows.
	maxDeref = 64
)

// AsArray converts an answer to an Array. It accepts any integer or
// floating-point number; slices and arrays of them nested to any depth up
// to MaxAxes, as long as they are rectangular; a struct (or pointer to one)
// with fields Shape []int and Data []float64, such as mathref.Tensor; a
// MatrixLike or a VectorLike. Anything else — nil, a string, a struct
// without those fields, a ragged slice, a pointer or slice that leads back
// to itself, more than MaxValues numbers — gets an *InputError that says
// what was expected and what came. It never recurses without bound.
func AsArray(v any) (Array, error) {
	switch x := v.(type) {
	case nil:
		return Array{}, inputErr("lessons.input.nil")
	case Array:
		if err := checkShape(x.Shape, len(x.Data)); err != nil {
			return Array{}, err
		}
		return x, nil
	case float64:
		return Array{Shape: []int{}, Data: []float64{x}}, nil
	case []float64:
		return Array{Shape: []int{len(x)}, Data: append([]float64(nil), x...)}, nil
	case VectorLike:
		return fromMethods(v, func() (Array, error) {
			n := x.Len()
			if n < 0 || n > MaxValues {
				return Array{}, inputErr("lessons.input.badDims", TypeName(v), ShapeString([]int{n}))
			}
			a := Array{Shape: []int{n}, Data: make([]float64, n)}
			for i := range a.Data {
				a.Data[i] = x.AtVec(i)
			}
			return a, nil
		})
	case MatrixLike:
		return fromMethods(v, func() (Array, error) {
			r, c := x.Dims()
			if r < 0 || c < 0 || (c > 0 && r > MaxValues/c) {
				return Array{}, inputErr("lessons.input.badDims", TypeName(v), ShapeString([]int{r, c}))
			}
			a := Array{Shape: []int{r, c}, Data: make([]float64, 0, r*c)}
			for i := 0; i < r; i++ {
				for j := 0; j < c; j++ {
					a.Data = append(a.Data, x.At(i, j))
				}
			}
			return a, nil
		})
	}
	rv, err := derefBounded(reflect.ValueOf(v))
	if err != nil {
		return Array{}, err
	}
	if !rv.IsValid() {
		return Array{}, inputErr("lessons.input.nil")
	}
	if a, ok, err := tensorStruct(rv); ok || err != nil {
		return a, err
	}
	return flatten(rv)
}

// fromMethods runs a conversion that calls the answer's own methods (a
// student's matrix type), turning a panic in them into an InputError.
func fromMethods(v any, conv func() (Array, error)) (a Array, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = Array{}, inputErr("lessons.input.methodPanic", TypeName(v), panicText(r))
		}
	}()
	return conv()
}

// checkShape checks that shape has no negative size and holds n values.
func checkShape(shape []int, n int) error {
	size := 1
	for _, k := range shape {
		if k < 0 || (k > 0 && size > MaxValues/k) {
			return inputErr("lessons.input.badShape", ShapeString(shape), n)
		}
		size *= k
	}
	if size != n {
		return inputErr("lessons.input.badShape", ShapeString(shape), n)
	}
	return nil
}

// tensorStruct reads a struct with fields Shape []int and Data []float64.
// ok is false for any other value; err is set when the fields are there
// but disagree.
func tensorStruct(rv reflect.Value) (a Array, ok bool, err error) {
	if rv.Kind() != reflect.Struct {
		return Array{}, false, nil
	}
	s, d := rv.FieldByName("Shape"), rv.FieldByName("Data")
	if !s.IsValid() || !d.IsValid() || !s.CanInterface() || !d.CanInterface() {
		return Array{}, false, nil
	}
	shape, ok1 := s.Interface().([]int)
	data, ok2 := d.Interface().([]float64)
	if !ok1 || !ok2 {
		return Array{}, false, nil
	}
	if err := checkShape(shape, len(data)); err != nil {
		return Array{}, true, err
	}
	return Array{Shape: append([]int{}, shape...), Data: append([]float64(nil), data...)}, true, nil
}

// flatten reads nested slices and arrays of numbers. The shape comes from
// the first element at each depth; every other element must agree.
func flatten(rv reflect.Value) (Array, error) {
	shape := []int{}
	size := 1
	for cur := rv; cur.IsValid() && (cur.Kind() == reflect.Slice || cur.Kind() == reflect.Array); {
		if len(shape) == MaxAxes {
			return Array{}, inputErr("lessons.input.deep", MaxAxes)
		}
		n := cur.Len()
		shape = append(shape, n)
		if n == 0 {
			break
		}
		if size > MaxValues/n {
			return Array{}, inputErr("lessons.input.tooBig", MaxValues)
		}
		size *= n
		var err error
		if cur, err = derefBounded(cur.Index(0)); err != nil {
			return Array{}, err
		}
	}
	a := Array{Shape: shape}
	if err := walk(rv, shape, nil, &a); err != nil {
		return Array{}, err
	}
	return a, nil
}

// deref follows interfaces and pointers; a nil one, or a chain longer than
// maxDeref (a pointer to itself), gives the zero Value.
func deref(rv reflect.Value) reflect.Value {
	rv, _ = derefBounded(rv)
	return rv
}

// derefBounded follows interfaces and pointers; a nil one gives the zero
// Value, a chain longer than maxDeref an error.
func derefBounded(rv reflect.Value) (reflect.Value, error) {
	for k := 0; rv.IsValid() && (rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer); k++ {
		if k == maxDeref {
			return reflect.Value{}, inputErr("lessons.input.cycle")
		}
		if rv.IsNil() {
			return reflect.Value{}, nil
		}
		rv = rv.Elem()
	}
	return rv, nil
}

// walk appends the numbers of rv to a.Data. Its depth is bounded by
// len(shape) ≤ MaxAxes.
func walk(rv reflect.Value, shape, path []int, a *Array) error {
	rv, err := derefBounded(rv)
	if err != nil {
		return err
	}
	depth := len(path)
	if !rv.IsValid() {
		return inputErr("lessons.input.nilAt", indexString(path))
	}
	isList := rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array
	if depth < len(shape) {
		if !isList {
			return inputErr("lessons.input.raggedNumber", indexString(path), shape[depth])
		}
		if rv.Len() != shape[depth] {
			return inputErr("lessons.input.ragged", indexString(path), shape[depth], rv.Len())
		}
		for i := 0; i < rv.Len(); i++ {
			if err := walk(rv.Index(i), shape, append(path, i), a); err != nil {
				return err
			}
		}
		return nil
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		a.Data = append(a.Data, rv.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		a.Data = append(a.Data, float64(rv.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		a.Data = append(a.Data, float64(rv.Uint()))
	case reflect.Slice, reflect.Array:
		return inputErr("lessons.input.tooDeep", indexString(path), rv.Len())
	case reflect.Struct:
		if len(path) == 0 {
			return inputErr("lessons.input.struct", describe(rv), structFields(rv.Type()))
		}
		return inputErr("lessons.input.structAt", describe(rv), indexString(path))
	default:
		if len(path) == 0 {
			// Never FormatValue here: it calls AsArray.
			return inputErr("lessons.input.notNumbersTop", aType(describe(rv)), formatAny(rv, 0, 120))
		}
		return inputErr("lessons.input.notNumbers", aType(describe(rv)), indexString(path))
	}
	return nil
}

// aType is a type's name as a message's argument: in English with its
// article ("a string", "an int"), in Chinese as it is (the Chinese
// messages say "%s 类型").
func aType(name string) string {
	if Lang() != EN {
		return name
	}
	if name != "" && strings.ContainsRune("aeioAEIO", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// structFields lists a struct type's fields for a message: "Y [][]float64,
// Size int", at most six.
func structFields(t reflect.Type) string {
	if t.NumField() == 0 {
		return T("lessons.input.noFields")
	}
	var parts []string
	for i := 0; i < t.NumField(); i++ {
		if i == 6 {
			parts = append(parts, "…")
			break
		}
		f := t.Field(i)
		parts = append(parts, f.Name+" "+clip(f.Type.String(), 40))
	}
	return strings.Join(parts, ", ")
}

// describe names a value's type for a student: "string", "bool",
// "func(int) int", shortened if very long.
func describe(rv reflect.Value) string {
	if !rv.IsValid() {
		return "nil"
	}
	return clip(rv.Type().String(), 80)
}

// clip shortens s to at most n runes, ending it with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// TypeName names v's type as Go writes it, or "nil".
func TypeName(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

func offset(shape, idx []int) int {
	off := 0
	for a, i := range idx {
		off = off*shape[a] + i
	}
	return off
}

// unravel turns a row-major offset into an index.
func unravel(k int, shape []int) []int {
	idx := make([]int, len(shape))
	for a := len(shape) - 1; a >= 0; a-- {
		if shape[a] > 0 {
			idx[a] = k % shape[a]
			k /= shape[a]
		}
	}
	return idx
}

// indexString writes an index as [1, 2]; the empty index as [].
func indexString(idx []int) string {
	parts := make([]string, len(idx))
	for i, v := range idx {
		parts[i] = strconv.Itoa(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// ShapeString writes a shape as (2, 3); a number's empty shape as "()".
func ShapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, v := range shape {
		parts[i] = strconv.Itoa(v)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// Num formats a number for feedback: at most 6 significant digits, no
// trailing zeros, NaN and ±Inf spelled out.
func Num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// formatArray formats a, eliding the middle of any axis longer than max.
func formatArray(a Array, max int) string {
	if len(a.Shape) == 0 {
		if len(a.Data) == 0 {
			return "[]"
		}
		return Num(a.Data[0])
	}
	var b strings.Builder
	writeArray(&b, a.Shape, a.Data, max)
	return b.String()
}

func writeArray(b *strings.Builder, shape []int, data []float64, max int) {
	b.WriteByte('[')
	stride := 1
	for _, s := range shape[1:] {
		stride *= s
	}
	for i := 0; i < shape[0]; i++ {
		if shape[0] > max && i == max/2 {
			b.WriteString(" …")
			i = shape[0] - max/2
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		if len(shape) == 1 {
			b.WriteString(Num(data[i]))
			continue
		}
		writeArray(b, shape[1:], data[i*stride:(i+1)*stride], max)
	}
	b.WriteByte(']')
}

// FormatValue formats any answer or argument for a message: arrays like
// NumPy, strings quoted, a function by its type, anything else in the
// manner of %v. The result is at most a few hundred characters, and
// values that contain themselves are cut off rather than followed.
func FormatValue(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(clip(x, 80))
	case nil:
		return "nil"
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Func {
		return rv.Type().String()
	}
	if a, err := AsArray(v); err == nil {
		return formatArray(a, 8)
	}
	return formatAny(rv, 0, 200)
}

// formatAny writes rv like fmt's %v, but no deeper than four levels and no
// longer than about limit bytes, so that a value holding itself (a slice
// in its own element, a cyclic pointer) ends.
func formatAny(rv reflect.Value, depth, limit int) string {
	var b strings.Builder
	writeAny(&b, rv, depth, limit)
	s := b.String()
	if len(s) > limit {
		s = clip(s, limit)
	}
	return s
}

func writeAny(b *strings.Builder, rv reflect.Value, depth, limit int) {
	if b.Len() > limit {
		return
	}
	if !rv.IsValid() {
		b.WriteString("<nil>")
		return
	}
	if depth > 4 {
		b.WriteString("…")
		return
	}
	if rv.CanInterface() {
		switch x := rv.Interface().(type) {
		case error:
			if rv.Kind() != reflect.Pointer || !rv.IsNil() {
				b.WriteString(clip(safeCall(x.Error), 160))
				return
			}
		case fmt.Stringer:
			if rv.Kind() != reflect.Pointer || !rv.IsNil() {
				b.WriteString(clip(safeCall(x.String), 160))
				return
			}
		}
	}
	switch rv.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(rv.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(rv.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(rv.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(Num(rv.Float()))
	case reflect.Complex64, reflect.Complex128:
		b.WriteString(strconv.FormatComplex(rv.Complex(), 'g', 6, 128))
	case reflect.String:
		b.WriteString(strconv.Quote(clip(rv.String(), 80)))
	case reflect.Pointer:
		if rv.IsNil() {
			b.WriteString("<nil>")
			return
		}
		b.WriteByte('&')
		writeAny(b, rv.Elem(), depth+1, limit)
	case reflect.Interface:
		if rv.IsNil() {
			b.WriteString("<nil>")
			return
		}
		writeAny(b, rv.Elem(), depth+1, limit)
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i := 0; i < rv.Len(); i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			if i == 8 || b.Len() > limit {
				b.WriteString("…")
				break
			}
			writeAny(b, rv.Index(i), depth+1, limit)
		}
		b.WriteByte(']')
	case reflect.Map:
		keys := rv.MapKeys()
		type kv struct{ k, v string }
		entries := make([]kv, 0, min(len(keys), 9))
		for _, k := range keys {
			entries = append(entries, kv{formatAny(k, depth+1, 40), formatAny(rv.MapIndex(k), depth+1, 60)})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].k < entries[j].k })
		b.WriteString("map[")
		for i, e := range entries {
			if i > 0 {
				b.WriteByte(' ')
			}
			if i == 8 || b.Len() > limit {
				b.WriteString("…")
				break
			}
			b.WriteString(e.k + ":" + e.v)
		}
		b.WriteByte(']')
	case reflect.Struct:
		b.WriteByte('{')
		for i := 0; i < rv.NumField(); i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			if i == 8 || b.Len() > limit {
				b.WriteString("…")
				break
			}
			writeAny(b, rv.Field(i), depth+1, limit)
		}
		b.WriteByte('}')
	default: // chan, func, unsafe pointer
		b.WriteString(rv.Type().String())
	}
}

// safeCall calls a String or Error method of a student's type, turning a
// panic into a short note.
func safeCall(f func() string) (s string) {
	defer func() {
		if r := recover(); r != nil {
			s = "<panic>"
		}
	}()
	return f()
}
