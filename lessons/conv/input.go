package conv

import (
	"reflect"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

// asArray converts what a student passed (nested slices, an nn or mathref
// tensor, a gonum matrix) to numbers, or fails naming what was expected.
func asArray(what string, v any) lessons.Array {
	switch x := v.(type) {
	case *Image:
		if x == nil || len(x.Pix) == 0 {
			fail("conv.in.empty", what, "()")
		}
		v = x.Pix
	case Image:
		v = x.Pix
	}
	if rv := reflect.ValueOf(v); rv.IsValid() {
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		if rv.Kind() == reflect.Struct && !(rv.FieldByName("Shape").IsValid() && rv.FieldByName("Data").IsValid()) {
			// lessons.AsArray does not return on such a struct (it
			// recurses formatting it); say what is wanted instead.
			fail("conv.in.notNumbers", what, lessons.T("conv.in.struct", rv.Type().String()))
		}
	}
	a, err := lessons.AsArray(v)
	if err != nil {
		fail("conv.in.notNumbers", what, err.Error())
	}
	for _, n := range a.Shape {
		if n == 0 {
			fail("conv.in.empty", what, shape(a.Shape))
		}
	}
	if idx, val, bad := lessons.NotFinite(a); bad {
		fail("conv.in.notFinite", what, lessons.Num(val), idx)
	}
	return a
}

// asImage reads an input image as (C, H, W): a matrix is one channel, a
// 3-D array is (C, H, W), a 4-D array must hold a single image.
func asImage(v any) mathref.Tensor {
	a := asArray(lessons.T("conv.word.input"), v)
	switch len(a.Shape) {
	case 2:
		return mathref.FromData(a.Data, 1, a.Shape[0], a.Shape[1])
	case 3:
		return mathref.FromData(a.Data, a.Shape...)
	case 4:
		if a.Shape[0] != 1 {
			fail("conv.in.batch", shape(a.Shape), a.Shape[0])
		}
		return mathref.FromData(a.Data, a.Shape[1:]...)
	}
	fail("conv.in.imageRank", shape(a.Shape))
	return mathref.Tensor{}
}

// asKernel reads a kernel for an input with C channels as (O, C, KH, KW):
// a matrix is one kernel for a one-channel input, a 3-D array (C, KH, KW)
// is one output channel, a 4-D array is (O, C, KH, KW).
func asKernel(v any, C int) mathref.Tensor {
	a := asArray(lessons.T("conv.word.kernel"), v)
	var w mathref.Tensor
	switch len(a.Shape) {
	case 2:
		if C != 1 {
			fail("conv.in.kernel2D", C, hw(a.Shape[0], a.Shape[1]))
		}
		w = mathref.FromData(a.Data, 1, 1, a.Shape[0], a.Shape[1])
	case 3:
		w = mathref.FromData(a.Data, 1, a.Shape[0], a.Shape[1], a.Shape[2])
	case 4:
		w = mathref.FromData(a.Data, a.Shape...)
	default:
		fail("conv.in.kernelRank", shape(a.Shape))
	}
	if w.Shape[1] != C {
		fail("conv.in.kernelChannels", C, shape(a.Shape), w.Shape[1])
	}
	return w
}

// asBias checks that b has one value per output channel; nil means none.
func asBias(b []float64, O int) []float64 {
	if b == nil {
		return nil
	}
	if len(b) != O {
		fail("conv.in.bias", O, len(b))
	}
	return append([]float64(nil), b...)
}
