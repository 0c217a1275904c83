package eval

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// printBuiltin implements the print and println builtins as Go's runtime
// does: to standard error, floats as +1.500000e+000, no fmt formatting.
// (yaegi writes them to standard output with fmt.)
func (in *Interp) printBuiltin(newline bool, args ...any) {
	var b strings.Builder
	for i, a := range args {
		if newline && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(runtimePrint(unwrapYaegi(a)))
	}
	if newline {
		b.WriteByte('\n')
	}
	in.rawStderr.Write([]byte(b.String()))
}

// runtimePrint formats one value the way the runtime's print does.
func runtimePrint(a any) string {
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Invalid:
		return "nil"
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return runtimeFloat(v.Float())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return "(" + runtimeFloat(real(c)) + runtimeFloat(imag(c)) + "i)"
	case reflect.String:
		return v.String()
	case reflect.Ptr, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("%#x", v.Pointer())
	case reflect.Slice:
		return fmt.Sprintf("[%d/%d]%#x", v.Len(), v.Cap(), v.Pointer())
	}
	return fmt.Sprintf("(%T) %v", a, a)
}

// runtimeFloat is the runtime's float format: sign, one digit, six
// decimals, and a signed three-digit exponent.
func runtimeFloat(f float64) string {
	switch {
	case f != f:
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(f, 'e', 6, 64)
	sign := "+"
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	mant, exp, _ := strings.Cut(s, "e")
	esign := exp[:1]
	digits := exp[1:]
	for len(digits) < 3 {
		digits = "0" + digits
	}
	return sign + mant + "e" + esign + digits
}
