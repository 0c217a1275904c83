package eval

import (
	"fmt"
	"reflect"
	"sort"
)

// The generic functions of slices, maps and cmp run as compiled Go on
// reflect values: yaegi's generic instantiation gives wrong results for
// them (a second instantiation reusing the first, make and append of a
// type parameter). Cells are type-checked against the generic signatures
// (stdsrc/*.go.txt); the rewriter asserts a call's result back to its type.

func rv(x any) reflect.Value { return reflect.ValueOf(unwrapYaegi(x)) }

// elemOf converts x to the element type t (an untyped constant argument
// arrives as int or float64).
func elemOf(x any, t reflect.Type) reflect.Value {
	v := reflect.ValueOf(unwrapYaegi(x))
	if !v.IsValid() {
		return reflect.Zero(t)
	}
	if v.Type() != t && v.Type().ConvertibleTo(t) {
		return v.Convert(t)
	}
	return v
}

// lessValues orders two values of an ordered kind; NaN is least.
func lessValues(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() < b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() < b.Uint()
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return (x != x && y == y) || x < y
	case reflect.String:
		return a.String() < b.String()
	}
	panic(fmt.Sprintf("cmp: %s is not an ordered type", a.Type()))
}

func compareValues(a, b reflect.Value) int {
	switch {
	case lessValues(a, b):
		return -1
	case lessValues(b, a):
		return 1
	}
	return 0
}

func isNaNValue(v reflect.Value) bool {
	return (v.Kind() == reflect.Float64 || v.Kind() == reflect.Float32) && v.Float() != v.Float()
}

func equalValues(a, b reflect.Value) bool { return a.Interface() == b.Interface() }

func callBool(f reflect.Value, args ...reflect.Value) bool { return f.Call(args)[0].Bool() }
func callInt(f reflect.Value, args ...reflect.Value) int   { return int(f.Call(args)[0].Int()) }

// --- cmp ---

func cmpLess(x, y any) bool   { return lessValues(rv(x), rv(y)) }
func cmpCompare(x, y any) int { return compareValues(rv(x), rv(y)) }
func cmpOr(vals ...any) any {
	for _, v := range vals {
		r := rv(v)
		if r.IsValid() && !r.IsZero() {
			return v
		}
	}
	if len(vals) > 0 {
		return reflect.Zero(rv(vals[0]).Type()).Interface()
	}
	return nil
}

// --- slices ---

func slicesEqual(a, b any) bool {
	x, y := rv(a), rv(b)
	if x.Len() != y.Len() {
		return false
	}
	for i := 0; i < x.Len(); i++ {
		if !equalValues(x.Index(i), y.Index(i)) {
			return false
		}
	}
	return true
}

func slicesEqualFunc(a, b, eq any) bool {
	x, y, f := rv(a), rv(b), rv(eq)
	if x.Len() != y.Len() {
		return false
	}
	for i := 0; i < x.Len(); i++ {
		if !callBool(f, x.Index(i), y.Index(i)) {
			return false
		}
	}
	return true
}

func slicesCompare(a, b any) int {
	x, y := rv(a), rv(b)
	for i := 0; i < x.Len() && i < y.Len(); i++ {
		if c := compareValues(x.Index(i), y.Index(i)); c != 0 {
			return c
		}
	}
	return compareValues(reflect.ValueOf(x.Len()), reflect.ValueOf(y.Len()))
}

func slicesCompareFunc(a, b, cmp any) int {
	x, y, f := rv(a), rv(b), rv(cmp)
	for i := 0; i < x.Len() && i < y.Len(); i++ {
		if c := callInt(f, x.Index(i), y.Index(i)); c != 0 {
			return c
		}
	}
	return compareValues(reflect.ValueOf(x.Len()), reflect.ValueOf(y.Len()))
}

func slicesIndex(s, v any) int {
	x := rv(s)
	w := elemOf(v, x.Type().Elem())
	for i := 0; i < x.Len(); i++ {
		if equalValues(x.Index(i), w) {
			return i
		}
	}
	return -1
}

func slicesIndexFunc(s, f any) int {
	x, fn := rv(s), rv(f)
	for i := 0; i < x.Len(); i++ {
		if callBool(fn, x.Index(i)) {
			return i
		}
	}
	return -1
}

func slicesContains(s, v any) bool     { return slicesIndex(s, v) >= 0 }
func slicesContainsFunc(s, f any) bool { return slicesIndexFunc(s, f) >= 0 }

func boundsCheck(i, j, n int) {
	if i < 0 || j > n || i > j {
		panic(fmt.Sprintf("runtime error: slice bounds out of range [%d:%d] with length %d", i, j, n))
	}
}

func makeLike(x reflect.Value, n, c int) reflect.Value { return reflect.MakeSlice(x.Type(), n, c) }

func slicesInsert(s any, i int, vs ...any) any {
	x := rv(s)
	boundsCheck(i, i, x.Len())
	out := makeLike(x, 0, x.Len()+len(vs))
	out = reflect.AppendSlice(out, x.Slice(0, i))
	for _, v := range vs {
		out = reflect.Append(out, elemOf(v, x.Type().Elem()))
	}
	return reflect.AppendSlice(out, x.Slice(i, x.Len())).Interface()
}

func slicesDelete(s any, i, j int) any {
	x := rv(s)
	boundsCheck(i, j, x.Len())
	n := reflect.Copy(x.Slice(i, x.Len()), x.Slice(j, x.Len()))
	zero := reflect.Zero(x.Type().Elem())
	for k := i + n; k < x.Len(); k++ {
		x.Index(k).Set(zero)
	}
	return x.Slice(0, i+n).Interface()
}

func slicesDeleteFunc(s, del any) any {
	x, f := rv(s), rv(del)
	k := 0
	for i := 0; i < x.Len(); i++ {
		if !callBool(f, x.Index(i)) {
			x.Index(k).Set(x.Index(i))
			k++
		}
	}
	zero := reflect.Zero(x.Type().Elem())
	for i := k; i < x.Len(); i++ {
		x.Index(i).Set(zero)
	}
	return x.Slice(0, k).Interface()
}

func slicesReplace(s any, i, j int, vs ...any) any {
	x := rv(s)
	boundsCheck(i, j, x.Len())
	out := makeLike(x, 0, x.Len()-(j-i)+len(vs))
	out = reflect.AppendSlice(out, x.Slice(0, i))
	for _, v := range vs {
		out = reflect.Append(out, elemOf(v, x.Type().Elem()))
	}
	return reflect.AppendSlice(out, x.Slice(j, x.Len())).Interface()
}

func slicesClone(s any) any {
	x := rv(s)
	if x.IsNil() {
		return x.Interface()
	}
	out := makeLike(x, x.Len(), x.Len())
	reflect.Copy(out, x)
	return out.Interface()
}

func slicesCompactFunc(s, eq any) any {
	x, f := rv(s), rv(eq)
	if x.Len() < 2 {
		return x.Interface()
	}
	k := 1
	for i := 1; i < x.Len(); i++ {
		if !callBool(f, x.Index(k-1), x.Index(i)) {
			x.Index(k).Set(x.Index(i))
			k++
		}
	}
	zero := reflect.Zero(x.Type().Elem())
	for i := k; i < x.Len(); i++ {
		x.Index(i).Set(zero)
	}
	return x.Slice(0, k).Interface()
}

func slicesCompact(s any) any {
	x := rv(s)
	eq := reflect.MakeFunc(reflect.FuncOf([]reflect.Type{x.Type().Elem(), x.Type().Elem()}, []reflect.Type{reflect.TypeOf(true)}, false),
		func(a []reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(equalValues(a[0], a[1]))}
		})
	return slicesCompactFunc(s, eq.Interface())
}

func slicesGrow(s any, n int) any {
	if n < 0 {
		panic("cannot be negative")
	}
	x := rv(s)
	if x.Cap()-x.Len() >= n {
		return x.Interface()
	}
	out := makeLike(x, x.Len(), x.Len()+n)
	reflect.Copy(out, x)
	return out.Interface()
}

func slicesClip(s any) any {
	x := rv(s)
	return x.Slice3(0, x.Len(), x.Len()).Interface()
}

func slicesReverse(s any) {
	x := rv(s)
	swap := reflect.Swapper(x.Interface())
	for i, j := 0, x.Len()-1; i < j; i, j = i+1, j-1 {
		swap(i, j)
	}
}

func slicesConcat(ss ...any) any {
	if len(ss) == 0 {
		return nil
	}
	first := rv(ss[0])
	out := makeLike(first, 0, 0)
	for _, s := range ss {
		out = reflect.AppendSlice(out, rv(s))
	}
	return out.Interface()
}

func slicesRepeat(s any, count int) any {
	if count < 0 {
		panic("cannot be negative")
	}
	x := rv(s)
	out := makeLike(x, 0, x.Len()*count)
	for i := 0; i < count; i++ {
		out = reflect.AppendSlice(out, x)
	}
	return out.Interface()
}

func slicesSort(s any) {
	x := rv(s)
	sort.Slice(x.Interface(), func(i, j int) bool { return lessValues(x.Index(i), x.Index(j)) })
}

func slicesSortFunc(s, cmp any) {
	x, f := rv(s), rv(cmp)
	sort.Slice(x.Interface(), func(i, j int) bool { return callInt(f, x.Index(i), x.Index(j)) < 0 })
}

func slicesSortStableFunc(s, cmp any) {
	x, f := rv(s), rv(cmp)
	sort.SliceStable(x.Interface(), func(i, j int) bool { return callInt(f, x.Index(i), x.Index(j)) < 0 })
}

func slicesIsSorted(s any) bool {
	x := rv(s)
	for i := 1; i < x.Len(); i++ {
		if lessValues(x.Index(i), x.Index(i-1)) {
			return false
		}
	}
	return true
}

func slicesIsSortedFunc(s, cmp any) bool {
	x, f := rv(s), rv(cmp)
	for i := 1; i < x.Len(); i++ {
		if callInt(f, x.Index(i), x.Index(i-1)) < 0 {
			return false
		}
	}
	return true
}

func extreme(s any, name string, better func(a, b reflect.Value) bool) any {
	x := rv(s)
	if x.Len() == 0 {
		panic("slices." + name + ": empty list")
	}
	m := x.Index(0)
	for i := 1; i < x.Len(); i++ {
		if isNaNValue(x.Index(i)) {
			return x.Index(i).Interface()
		}
		if better(x.Index(i), m) {
			m = x.Index(i)
		}
	}
	return m.Interface()
}

func slicesMin(s any) any { return extreme(s, "Min", lessValues) }
func slicesMax(s any) any {
	return extreme(s, "Max", func(a, b reflect.Value) bool { return lessValues(b, a) })
}

func slicesMinFunc(s, cmp any) any {
	f := rv(cmp)
	return extreme(s, "MinFunc", func(a, b reflect.Value) bool { return callInt(f, a, b) < 0 })
}

func slicesMaxFunc(s, cmp any) any {
	f := rv(cmp)
	return extreme(s, "MaxFunc", func(a, b reflect.Value) bool { return callInt(f, a, b) > 0 })
}

func slicesBinarySearch(s, target any) (int, bool) {
	x := rv(s)
	t := elemOf(target, x.Type().Elem())
	i := sort.Search(x.Len(), func(i int) bool { return !lessValues(x.Index(i), t) })
	return i, i < x.Len() && compareValues(x.Index(i), t) == 0
}

func slicesBinarySearchFunc(s, target, cmp any) (int, bool) {
	x, f := rv(s), rv(cmp)
	t := elemOf(target, f.Type().In(1))
	i := sort.Search(x.Len(), func(i int) bool { return callInt(f, x.Index(i), t) >= 0 })
	return i, i < x.Len() && callInt(f, x.Index(i), t) == 0
}

// seqType is func(yield func(ts...) bool).
func seqType(ts ...reflect.Type) reflect.Type {
	yield := reflect.FuncOf(ts, []reflect.Type{reflect.TypeOf(true)}, false)
	return reflect.FuncOf([]reflect.Type{yield}, nil, false)
}

// makeSeq builds an iterator function of type t that calls body with its
// yield.
func makeSeq(t reflect.Type, body func(yield reflect.Value)) any {
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		body(args[0])
		return nil
	}).Interface()
}

func slicesAll(s any) any {
	x := rv(s)
	return makeSeq(seqType(reflect.TypeOf(0), x.Type().Elem()), func(y reflect.Value) {
		for i := 0; i < x.Len(); i++ {
			if !callBool(y, reflect.ValueOf(i), x.Index(i)) {
				return
			}
		}
	})
}

func slicesValues(s any) any {
	x := rv(s)
	return makeSeq(seqType(x.Type().Elem()), func(y reflect.Value) {
		for i := 0; i < x.Len(); i++ {
			if !callBool(y, x.Index(i)) {
				return
			}
		}
	})
}

func slicesBackward(s any) any {
	x := rv(s)
	return makeSeq(seqType(reflect.TypeOf(0), x.Type().Elem()), func(y reflect.Value) {
		for i := x.Len() - 1; i >= 0; i-- {
			if !callBool(y, reflect.ValueOf(i), x.Index(i)) {
				return
			}
		}
	})
}

func slicesChunk(s any, n int) any {
	if n < 1 {
		panic("cannot be less than 1")
	}
	x := rv(s)
	return makeSeq(seqType(x.Type()), func(y reflect.Value) {
		for i := 0; i < x.Len(); i += n {
			end := min(i+n, x.Len())
			if !callBool(y, x.Slice3(i, end, end)) {
				return
			}
		}
	})
}

// collect runs seq, appending what it yields to out.
func collect(out reflect.Value, seq reflect.Value) reflect.Value {
	yt := seq.Type().In(0)
	y := reflect.MakeFunc(yt, func(a []reflect.Value) []reflect.Value {
		out = reflect.Append(out, a[0])
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{y})
	return out
}

func seqElem(seq reflect.Value) reflect.Type { return seq.Type().In(0).In(0) }

func slicesAppendSeq(s, seq any) any { return collect(rv(s), rv(seq)).Interface() }

func slicesCollect(seq any) any {
	q := rv(seq)
	return collect(reflect.Zero(reflect.SliceOf(seqElem(q))), q).Interface()
}

func slicesSorted(seq any) any {
	out := slicesCollect(seq)
	slicesSort(out)
	return out
}

func slicesSortedFunc(seq, cmp any) any {
	out := slicesCollect(seq)
	slicesSortFunc(out, cmp)
	return out
}

func slicesSortedStableFunc(seq, cmp any) any {
	out := slicesCollect(seq)
	slicesSortStableFunc(out, cmp)
	return out
}

// --- maps ---

func mapsKeys(m any) any {
	x := rv(m)
	return makeSeq(seqType(x.Type().Key()), func(y reflect.Value) {
		it := x.MapRange()
		for it.Next() {
			if !callBool(y, it.Key()) {
				return
			}
		}
	})
}

func mapsValues(m any) any {
	x := rv(m)
	return makeSeq(seqType(x.Type().Elem()), func(y reflect.Value) {
		it := x.MapRange()
		for it.Next() {
			if !callBool(y, it.Value()) {
				return
			}
		}
	})
}

func mapsAll(m any) any {
	x := rv(m)
	return makeSeq(seqType(x.Type().Key(), x.Type().Elem()), func(y reflect.Value) {
		it := x.MapRange()
		for it.Next() {
			if !callBool(y, it.Key(), it.Value()) {
				return
			}
		}
	})
}

func mapsInsert(m, seq any) {
	x, q := rv(m), rv(seq)
	y := reflect.MakeFunc(q.Type().In(0), func(a []reflect.Value) []reflect.Value {
		x.SetMapIndex(a[0], a[1])
		return []reflect.Value{reflect.ValueOf(true)}
	})
	q.Call([]reflect.Value{y})
}

func mapsCollect(seq any) any {
	q := rv(seq)
	yt := q.Type().In(0)
	out := reflect.MakeMap(reflect.MapOf(yt.In(0), yt.In(1)))
	mapsInsert(out.Interface(), seq)
	return out.Interface()
}

func mapsEqual(a, b any) bool {
	x, y := rv(a), rv(b)
	if x.Len() != y.Len() {
		return false
	}
	it := x.MapRange()
	for it.Next() {
		w := y.MapIndex(it.Key())
		if !w.IsValid() || !equalValues(it.Value(), w) {
			return false
		}
	}
	return true
}

func mapsEqualFunc(a, b, eq any) bool {
	x, y, f := rv(a), rv(b), rv(eq)
	if x.Len() != y.Len() {
		return false
	}
	it := x.MapRange()
	for it.Next() {
		w := y.MapIndex(it.Key())
		if !w.IsValid() || !callBool(f, it.Value(), w) {
			return false
		}
	}
	return true
}

func mapsClone(m any) any {
	x := rv(m)
	if x.IsNil() {
		return x.Interface()
	}
	out := reflect.MakeMapWithSize(x.Type(), x.Len())
	it := x.MapRange()
	for it.Next() {
		out.SetMapIndex(it.Key(), it.Value())
	}
	return out.Interface()
}

func mapsCopy(dst, src any) {
	d, s := rv(dst), rv(src)
	it := s.MapRange()
	for it.Next() {
		d.SetMapIndex(it.Key(), it.Value())
	}
}

func mapsDeleteFunc(m, del any) {
	x, f := rv(m), rv(del)
	var dead []reflect.Value
	it := x.MapRange()
	for it.Next() {
		if callBool(f, it.Key(), it.Value()) {
			dead = append(dead, it.Key())
		}
	}
	for _, k := range dead {
		x.SetMapIndex(k, reflect.Value{})
	}
}

// genericStdExports are the compiled slices and maps packages, and the
// functions the interpreted cmp package calls.
func genericStdExports() map[string]map[string]reflect.Value {
	v := reflect.ValueOf
	return map[string]map[string]reflect.Value{
		"slices/slices": {
			"Equal": v(slicesEqual), "EqualFunc": v(slicesEqualFunc), "Compare": v(slicesCompare),
			"CompareFunc": v(slicesCompareFunc), "Index": v(slicesIndex), "IndexFunc": v(slicesIndexFunc),
			"Contains": v(slicesContains), "ContainsFunc": v(slicesContainsFunc), "Insert": v(slicesInsert),
			"Delete": v(slicesDelete), "DeleteFunc": v(slicesDeleteFunc), "Replace": v(slicesReplace),
			"Clone": v(slicesClone), "Compact": v(slicesCompact), "CompactFunc": v(slicesCompactFunc),
			"Grow": v(slicesGrow), "Clip": v(slicesClip), "Reverse": v(slicesReverse), "Concat": v(slicesConcat),
			"Repeat": v(slicesRepeat), "Sort": v(slicesSort), "SortFunc": v(slicesSortFunc),
			"SortStableFunc": v(slicesSortStableFunc), "IsSorted": v(slicesIsSorted), "IsSortedFunc": v(slicesIsSortedFunc),
			"Min": v(slicesMin), "MinFunc": v(slicesMinFunc), "Max": v(slicesMax), "MaxFunc": v(slicesMaxFunc),
			"BinarySearch": v(slicesBinarySearch), "BinarySearchFunc": v(slicesBinarySearchFunc),
			"All": v(slicesAll), "Values": v(slicesValues), "Backward": v(slicesBackward), "Chunk": v(slicesChunk),
			"AppendSeq": v(slicesAppendSeq), "Collect": v(slicesCollect), "Sorted": v(slicesSorted),
			"SortedFunc": v(slicesSortedFunc), "SortedStableFunc": v(slicesSortedStableFunc),
		},
		"maps/maps": {
			"Keys": v(mapsKeys), "Values": v(mapsValues), "All": v(mapsAll), "Collect": v(mapsCollect),
			"Insert": v(mapsInsert), "Equal": v(mapsEqual), "EqualFunc": v(mapsEqualFunc), "Clone": v(mapsClone),
			"Copy": v(mapsCopy), "DeleteFunc": v(mapsDeleteFunc),
		},
		rtPath + "/rt": {
			"CmpLess": v(cmpLess), "CmpCompare": v(cmpCompare), "CmpOr": v(cmpOr),
		},
	}
}
