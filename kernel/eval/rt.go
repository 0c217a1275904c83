package eval

import (
	"errors"
	"fmt"
	"image"
	"log"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/stepwise-go/stepwise/kernel/display"
)

// rtPath is the import path of the compiled helpers the prelude dot-imports
// into every session: Display, and the _sw* functions rewritten cells call.
const rtPath = "stepwise/internal/rt"

// ErrNoDisplay is returned by Display when the front end gave no way to
// publish (the Cell has no Display hook).
var ErrNoDisplay = errors.New("display: this front end cannot show displays here (no Display hook)")

// rtExports returns the helpers bound to this session.
func (in *Interp) rtExports() interp.Exports {
	show := reflect.ValueOf(in.show)
	disp := reflect.ValueOf(in.display)
	return interp.Exports{
		rtPath + "/rt": {
			"Display":        disp,
			"_swShow":        show,
			"_swGoStart":     reflect.ValueOf(in.goStart),
			"_swGoDone":      reflect.ValueOf(in.goDone),
			"_swClear":       reflect.ValueOf(clearValue),
			"_swProbe":       reflect.ValueOf(func(v ...int) { in.probe = v }),
			"_swErrorsIs":    reflect.ValueOf(errorsIs),
			"_swErrorsAs":    reflect.ValueOf(errorsAs),
			"_swUnwrapI":     reflect.ValueOf(unwrapI),
			"_swPrint":       reflect.ValueOf(in.printBuiltin),
			"_swLoggerFatal": reflect.ValueOf(loggerFatal),
			"_swRecover":     reflect.ValueOf(in.recoverCell),
		},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			show: displayInterfaces,
			disp: displayInterfaces,
		})},
	}
}

// recoverCell is recover() in a function a cell deferred at its top level:
// it returns the value the cell panicked with, and the cell then ends
// without an error, as main does when a deferred call recovers.
func (in *Interp) recoverCell() any {
	r := in.cur.Load()
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	v := r.panicking
	if v != nil {
		r.panicking = nil
		r.recovered = true
	}
	return v
}

// show records the values of a cell's last expression.
func (in *Interp) show(vs ...any) {
	if r := in.cur.Load(); r != nil {
		r.values = append(r.values[:0], vs...)
		r.shown = true
	}
}

// display publishes each value: a display.Data as it is, anything else
// rendered by its method set.
func (in *Interp) display(vs ...any) error {
	r := in.cur.Load()
	if r == nil || r.cell.Display == nil {
		return ErrNoDisplay
	}
	for _, v := range vs {
		r.cell.Display(renderValue(v), false)
	}
	return nil
}

// update replaces the display with the given id.
func (in *Interp) update(id string, v any) error {
	r := in.cur.Load()
	if r == nil || r.cell.Display == nil {
		return ErrNoDisplay
	}
	r.cell.Display(display.WithID(renderValue(v), id), true)
	return nil
}

// renderValue is display.Render for a value that may come wrapped by yaegi,
// with our text/plain form.
func renderValue(v any) display.Data {
	if d, ok := v.(display.Data); ok {
		return display.Render(d)
	}
	d := display.Render(v)
	if display.IsRich(v) {
		if _, ok := v.(fmt.Stringer); !ok {
			d.Data[display.MIMETypeText] = richText(v)
		}
	} else {
		d.Data[display.MIMETypeText] = textOf(v)
	}
	return d
}

// richText is the text/plain beside a rich form of a value that has no
// String method: an image's type and size, else its type in angle brackets
// ("<value>" for a type declared in a cell, which reaches compiled code
// without its name; the cell's result gets the name, see runCode).
func richText(v any) string {
	u := unwrap(v)
	if u == nil {
		return "<value>"
	}
	t := reflect.TypeOf(u)
	bt := t
	for bt.Kind() == reflect.Pointer {
		bt = bt.Elem()
	}
	named := bt.Name() != "" && bt.PkgPath() != ""
	if img, ok := u.(image.Image); ok {
		b := img.Bounds()
		if named {
			return fmt.Sprintf("<%v image %d×%d>", t, b.Dx(), b.Dy())
		}
		return fmt.Sprintf("<image %d×%d>", b.Dx(), b.Dy())
	}
	if !named {
		return "<value>"
	}
	return fmt.Sprintf("<%v>", t)
}

// clearValue implements the clear builtin for maps and slices.
func clearValue(x any) {
	v := reflect.ValueOf(unwrap(x))
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		v.Clear()
	case reflect.Invalid:
	default:
		panic(fmt.Sprintf("invalid argument: clear(%v) (argument must be (or constrained by) map or slice)", v.Type()))
	}
}

// loggerFatal is (*log.Logger).Fatal* for cells: it logs, then stops the
// cell as os.Exit(1) would have stopped the program.
func loggerFatal(l any, mode string, args ...any) {
	var s string
	switch mode {
	case "printf":
		if len(args) > 0 {
			f, _ := args[0].(string)
			s = fmt.Sprintf(f, args[1:]...)
		}
	case "println":
		s = fmt.Sprintln(args...)
	default:
		s = fmt.Sprint(args...)
	}
	if o, ok := l.(interface{ Output(int, string) error }); ok {
		o.Output(3, s)
	} else {
		log.Print(s)
	}
	panic(exitSignal{code: 1, by: "log.Fatal"})
}
