package lessons

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
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

// AsArray converts an answer to an Array. It accepts any integer or
// floating-point number; slices and arrays of them nested to any depth, as
// long as they are rectangular; a struct (or pointer to one) with fields
// Shape []int and Data []float64, such as mathref.Tensor; a MatrixLike or a
// VectorLike. Anything else, nil, a ragged slice or a NaN shape gets an
// *InputError that says what was expected and what came.
func AsArray(v any) (Array, error) {
	switch x := v.(type) {
	case nil:
		return Array{}, inputErr("lessons.input.nil")
	case Array:
		return x, nil
	case float64:
		return Array{Shape: []int{}, Data: []float64{x}}, nil
	case []float64:
		return Array{Shape: []int{len(x)}, Data: append([]float64(nil), x...)}, nil
	case VectorLike:
		a := Array{Shape: []int{x.Len()}, Data: make([]float64, x.Len())}
		for i := range a.Data {
			a.Data[i] = x.AtVec(i)
		}
		return a, nil
	case MatrixLike:
		r, c := x.Dims()
		a := Array{Shape: []int{r, c}, Data: make([]float64, 0, r*c)}
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				a.Data = append(a.Data, x.At(i, j))
			}
		}
		return a, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return Array{}, inputErr("lessons.input.nil")
		}
		rv = rv.Elem()
	}
	if a, ok := tensorStruct(rv); ok {
		return a, nil
	}
	return flatten(rv)
}

// tensorStruct reads a struct with fields Shape []int and Data []float64.
func tensorStruct(rv reflect.Value) (Array, bool) {
	if rv.Kind() != reflect.Struct {
		return Array{}, false
	}
	s, d := rv.FieldByName("Shape"), rv.FieldByName("Data")
	if !s.IsValid() || !d.IsValid() || !s.CanInterface() || !d.CanInterface() {
		return Array{}, false
	}
	shape, ok1 := s.Interface().([]int)
	data, ok2 := d.Interface().([]float64)
	if !ok1 || !ok2 {
		return Array{}, false
	}
	n := 1
	for _, k := range shape {
		n *= k
	}
	if n != len(data) {
		return Array{}, false
	}
	return Array{Shape: append([]int{}, shape...), Data: append([]float64(nil), data...)}, true
}

// flatten reads nested slices and arrays of numbers. The shape comes from
// the first element at each depth; every other element must agree.
func flatten(rv reflect.Value) (Array, error) {
	shape := []int{}
	for cur := deref(rv); cur.IsValid() && (cur.Kind() == reflect.Slice || cur.Kind() == reflect.Array); {
		shape = append(shape, cur.Len())
		if cur.Len() == 0 {
			break
		}
		cur = deref(cur.Index(0))
	}
	a := Array{Shape: shape}
	if err := walk(rv, shape, nil, &a); err != nil {
		return Array{}, err
	}
	return a, nil
}

// deref follows interfaces and pointers; a nil one gives the zero Value.
func deref(rv reflect.Value) reflect.Value {
	for rv.IsValid() && (rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer) {
		if rv.IsNil() {
			return reflect.Value{}
		}
		rv = rv.Elem()
	}
	return rv
}

func walk(rv reflect.Value, shape, path []int, a *Array) error {
	rv = deref(rv)
	depth := len(path)
	if !rv.IsValid() {
		return inputErr("lessons.input.nilAt", indexString(path))
	}
	isList := rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array
	if depth < len(shape) {
		if !isList {
			return inputErr("lessons.input.ragged", indexString(path), shape[depth], "1 "+T("lessons.word.number"))
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
	default:
		if len(path) == 0 {
			return inputErr("lessons.input.notNumbersTop", describe(rv), FormatValue(rv.Interface()))
		}
		return inputErr("lessons.input.notNumbers", describe(rv), indexString(path))
	}
	return nil
}

// describe names a value's type for a student: "a string", "a bool",
// "func(int) int".
func describe(rv reflect.Value) string {
	if !rv.IsValid() {
		return "nil"
	}
	return rv.Type().String()
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
// NumPy, strings quoted, anything else with %v.
func FormatValue(v any) string {
	switch v.(type) {
	case string:
		return strconv.Quote(v.(string))
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
	return fmt.Sprintf("%v", v)
}
