package eval

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"sort"
	"strings"
)

// importer gives go/types the packages cells import: the binary packages
// registered with yaegi, converted from their reflect tables, and the
// interpreted source packages (our slices, maps, cmp).
type importer struct {
	fset    *token.FileSet
	tables  map[string]map[string]reflect.Value // import path → symbols
	names   map[string]string                   // import path → package name
	sources map[string]string                   // import path → Go source
	pkgs    map[string]*types.Package
	filled  map[string]bool
	typs    map[reflect.Type]types.Type
}

func newImporter(fset *token.FileSet) *importer {
	return &importer{
		fset:    fset,
		tables:  map[string]map[string]reflect.Value{},
		names:   map[string]string{},
		sources: map[string]string{},
		pkgs:    map[string]*types.Package{},
		filled:  map[string]bool{},
		typs:    map[reflect.Type]types.Type{},
	}
}

// add records the symbols of an export table, as yaegi's Use does: a key
// "path/name" (or "path//name") is the package at path named name.
func (im *importer) add(ex map[string]map[string]reflect.Value) {
	for k, syms := range ex {
		if k == "." {
			continue
		}
		p, name := path.Dir(k), path.Base(k)
		t := im.tables[p]
		if t == nil {
			t = map[string]reflect.Value{}
			im.tables[p] = t
			im.names[p] = name
		}
		for s, v := range syms {
			t[s] = v
		}
		delete(im.filled, p)
	}
}

// paths lists the importable packages, sorted.
func (im *importer) paths() []string {
	var out []string
	for p := range im.tables {
		out = append(out, p)
	}
	for p := range im.sources {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Import implements types.Importer.
func (im *importer) Import(p string) (*types.Package, error) {
	if pkg, ok := im.pkgs[p]; ok && im.filled[p] {
		return pkg, nil
	}
	if src, ok := im.sources[p]; ok {
		return im.importSource(p, src)
	}
	syms, ok := im.tables[p]
	if !ok {
		return nil, fmt.Errorf("package %s is not available in this kernel", p)
	}
	pkg := im.pkgFor(p)
	im.filled[p] = true
	scope := pkg.Scope()
	for name, v := range syms {
		if strings.HasPrefix(name, "_") || scope.Lookup(name) != nil {
			continue
		}
		if obj := im.object(pkg, name, v); obj != nil {
			scope.Insert(obj)
		}
	}
	pkg.MarkComplete()
	return pkg, nil
}

// importSource type-checks an interpreted package from its source.
func (im *importer) importSource(p, src string) (*types.Package, error) {
	f, err := parser.ParseFile(im.fset, p+".go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	conf := types.Config{Importer: im, GoVersion: "go1.23", FakeImportC: true}
	pkg, err := conf.Check(p, im.fset, []*ast.File{f}, nil)
	if err != nil {
		return nil, fmt.Errorf("interpreted package %s: %w", p, err)
	}
	im.pkgs[p] = pkg
	im.filled[p] = true
	return pkg, nil
}

// pkgFor returns the package object for an import path, empty until
// imported.
func (im *importer) pkgFor(p string) *types.Package {
	if pkg, ok := im.pkgs[p]; ok {
		return pkg
	}
	name, ok := im.names[p]
	if !ok {
		name = path.Base(p)
		if strings.HasPrefix(name, "v") && len(name) > 1 && strings.Trim(name[1:], "0123456789") == "" {
			name = path.Base(path.Dir(p))
		}
		name = strings.ReplaceAll(name, "-", "_")
	}
	pkg := types.NewPackage(p, name)
	im.pkgs[p] = pkg
	return pkg
}

var constValueType = reflect.TypeOf((*constant.Value)(nil)).Elem()

// object converts one table entry: a nil pointer to a type is that type, a
// constant.Value an untyped constant, an addressable value a variable, a
// function a function, and any other value a typed constant.
func (im *importer) object(pkg *types.Package, name string, v reflect.Value) types.Object {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Ptr && !v.CanAddr() && v.IsNil():
		elem := t.Elem()
		typ := im.typeOf(elem)
		if n, ok := typ.(*types.Named); ok && n.Obj().Name() == name && n.Obj().Pkg() == pkg {
			return n.Obj()
		}
		return types.NewTypeName(token.NoPos, pkg, name, typ)
	case t.Implements(constValueType) && !v.CanAddr():
		cv, ok := v.Interface().(constant.Value)
		if !ok || cv == nil {
			return nil
		}
		return types.NewConst(token.NoPos, pkg, name, untypedOf(cv), cv)
	case v.CanAddr():
		return types.NewVar(token.NoPos, pkg, name, im.typeOf(t))
	case t.Kind() == reflect.Func:
		sig, _ := im.typeOf(t).(*types.Signature)
		if sig == nil {
			return nil
		}
		return types.NewFunc(token.NoPos, pkg, name, sig)
	}
	if cv := constOf(v); cv != nil {
		return types.NewConst(token.NoPos, pkg, name, im.typeOf(t), cv)
	}
	return types.NewVar(token.NoPos, pkg, name, im.typeOf(t))
}

func untypedOf(cv constant.Value) types.Type {
	switch cv.Kind() {
	case constant.Bool:
		return types.Typ[types.UntypedBool]
	case constant.String:
		return types.Typ[types.UntypedString]
	case constant.Float:
		return types.Typ[types.UntypedFloat]
	case constant.Complex:
		return types.Typ[types.UntypedComplex]
	}
	return types.Typ[types.UntypedInt]
}

// constOf returns the constant value of a typed constant's reflect value.
func constOf(v reflect.Value) constant.Value {
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float())
	case reflect.String:
		return constant.MakeString(v.String())
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c))))
	}
	return nil
}

var basicKinds = map[reflect.Kind]types.BasicKind{
	reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
	reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
	reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
	reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
	reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
	reflect.UnsafePointer: types.UnsafePointer,
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// typeOf converts a reflect type to a go/types type.
func (im *importer) typeOf(t reflect.Type) types.Type {
	if typ, ok := im.typs[t]; ok {
		return typ
	}
	if t == errorType {
		return types.Universe.Lookup("error").Type()
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return im.named(t)
	}
	if k, ok := basicKinds[t.Kind()]; ok {
		typ := types.Type(types.Typ[k])
		if t.Kind() == reflect.Uint8 && t.Name() == "uint8" {
			typ = types.Typ[types.Uint8]
		}
		im.typs[t] = typ
		return typ
	}
	typ := im.structure(t)
	im.typs[t] = typ
	return typ
}

// named converts a defined type, with its methods.
func (im *importer) named(t reflect.Type) types.Type {
	pkg := im.pkgFor(t.PkgPath())
	obj := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
	n := types.NewNamed(obj, nil, nil)
	im.typs[t] = n
	n.SetUnderlying(im.structure(t).Underlying())
	if t.Kind() == reflect.Interface {
		return n
	}
	pt := reflect.PointerTo(t)
	for i := 0; i < pt.NumMethod(); i++ {
		m := pt.Method(i)
		recvType := types.Type(types.NewPointer(n))
		if _, ok := t.MethodByName(m.Name); ok {
			recvType = n
		}
		sig := im.signature(m.Type, 1, types.NewVar(token.NoPos, pkg, "", recvType))
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, sig))
	}
	return n
}

// structure converts the structure of a type, ignoring its name.
func (im *importer) structure(t reflect.Type) types.Type {
	switch t.Kind() {
	case reflect.Ptr:
		return types.NewPointer(im.typeOf(t.Elem()))
	case reflect.Slice:
		return types.NewSlice(im.typeOf(t.Elem()))
	case reflect.Array:
		return types.NewArray(im.typeOf(t.Elem()), int64(t.Len()))
	case reflect.Map:
		return types.NewMap(im.typeOf(t.Key()), im.typeOf(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typeOf(t.Elem()))
	case reflect.Func:
		return im.signature(t, 0, nil)
	case reflect.Struct:
		return im.structType(t)
	case reflect.Interface:
		var methods []*types.Func
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			pkg := im.pkgFor(t.PkgPath())
			if m.PkgPath != "" {
				pkg = im.pkgFor(m.PkgPath)
			}
			methods = append(methods, types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, 0, nil)))
		}
		return types.NewInterfaceType(methods, nil).Complete()
	}
	if k, ok := basicKinds[t.Kind()]; ok {
		return types.Typ[k]
	}
	return types.Typ[types.Invalid]
}

func (im *importer) structType(t reflect.Type) types.Type {
	var fields []*types.Var
	var tags []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		var pkg *types.Package
		if f.PkgPath != "" {
			pkg = im.pkgFor(f.PkgPath)
		} else if t.PkgPath() != "" {
			pkg = im.pkgFor(t.PkgPath())
		}
		fields = append(fields, types.NewField(token.NoPos, pkg, f.Name, im.typeOf(f.Type), f.Anonymous))
		tags = append(tags, string(f.Tag))
	}
	return types.NewStruct(fields, tags)
}

// signature converts a function type, skipping its first skip parameters
// (a method's receiver).
func (im *importer) signature(t reflect.Type, skip int, recv *types.Var) *types.Signature {
	var params, results []*types.Var
	for i := skip; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typeOf(t.In(i))))
	}
	for i := 0; i < t.NumOut(); i++ {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typeOf(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}
