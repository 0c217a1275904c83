package eval

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// textOf is the text/plain form of a cell's result value: strings in Go
// syntax, errors and Stringers by their method, everything else as fmt's %v.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return strconv.Quote(x)
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	u := unwrap(v)
	if s, ok := u.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%v", u)
}

// resultData turns the values of a cell's last expression into its
// execute_result bundle: nothing when every value is a nil interface, the
// rendered value when exactly one is set and has a display method set, and
// otherwise the values' text forms separated by spaces.
func resultData(vs []any) *display.Data {
	var set []any
	for _, v := range vs {
		if v != nil {
			set = append(set, v)
		}
	}
	if len(set) == 0 {
		return nil
	}
	if len(set) == 1 && display.IsRich(set[0]) {
		d := renderValue(set[0])
		return &d
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = textOf(v)
	}
	d := display.Data{Data: display.MIMEMap{display.MIMETypeText: strings.Join(parts, " ")}}
	return &d
}

// isNilValue reports whether v is a nil pointer, map, slice, func or chan.
func isNilValue(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Ptr, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
