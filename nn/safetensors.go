package nn

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
)

// The safetensors format (the file PyTorch users write with
// safetensors.torch.save_file):
//
//	8 bytes   N, the header length, unsigned little-endian
//	N bytes   a JSON object: for each tensor name
//	          {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}
//	          and optionally "__metadata__": {string: string};
//	          it may be padded at the end with spaces
//	the rest  the tensors' bytes, little-endian, row-major; offsets are
//	          relative to the start of this part, which they cover exactly
//
// nn parses it with the standard library only.

// ErrSafetensors is wrapped by every format error DecodeSafetensors returns.
var ErrSafetensors = errors.New("nn: malformed safetensors data")

// dtypeSize gives the byte size of each safetensors dtype nn reads.
var dtypeSize = map[string]int{
	"F64": 8, "F32": 4, "F16": 2, "BF16": 2,
	"I64": 8, "I32": 4, "I16": 2, "I8": 1,
	"U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1,
}

type stEntry struct {
	Dtype   string `json:"dtype"`
	Shape   []int  `json:"shape"`
	Offsets []int  `json:"data_offsets"`
}

func stErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrSafetensors}, args...)...)
}

// DecodeSafetensors parses safetensors bytes into float64 tensors (every
// dtype is converted) and the header's metadata.
func DecodeSafetensors(data []byte) (map[string]*Tensor, map[string]string, error) {
	if len(data) < 8 {
		return nil, nil, stErr("expected at least 8 bytes (the header length), got %d", len(data))
	}
	n := binary.LittleEndian.Uint64(data)
	if n > uint64(len(data)-8) {
		return nil, nil, stErr("header length %d exceeds the %d bytes that follow it", n, len(data)-8)
	}
	header, buf := data[8:8+n], data[8+n:]
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimRight(header, " ")))
	if err := dec.Decode(&raw); err != nil {
		return nil, nil, stErr("header is not a JSON object: %v", err)
	}
	var meta map[string]string
	if m, ok := raw["__metadata__"]; ok {
		if err := json.Unmarshal(m, &meta); err != nil {
			return nil, nil, stErr("__metadata__ must map strings to strings: %v", err)
		}
		delete(raw, "__metadata__")
	}
	names := make([]string, 0, len(raw))
	entries := make(map[string]stEntry, len(raw))
	for name, r := range raw {
		var e stEntry
		if err := json.Unmarshal(r, &e); err != nil {
			return nil, nil, stErr("tensor %q: %v", name, err)
		}
		if err := checkEntry(name, e, len(buf)); err != nil {
			return nil, nil, err
		}
		names = append(names, name)
		entries[name] = e
	}
	if err := checkCoverage(names, entries, len(buf)); err != nil {
		return nil, nil, err
	}
	out := make(map[string]*Tensor, len(names))
	for _, name := range names {
		t, err := decodeTensor(name, entries[name], buf)
		if err != nil {
			return nil, nil, err
		}
		out[name] = t
	}
	return out, meta, nil
}

func checkEntry(name string, e stEntry, bufLen int) error {
	size, ok := dtypeSize[e.Dtype]
	if !ok {
		return stErr("tensor %q: expected a dtype among F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL, got %q", name, e.Dtype)
	}
	if e.Shape == nil || len(e.Offsets) != 2 {
		return stErr("tensor %q: expected \"shape\" and two \"data_offsets\", got shape %v, offsets %v", name, e.Shape, e.Offsets)
	}
	count := 1
	for _, s := range e.Shape {
		if s < 0 {
			return stErr("tensor %q: negative size in shape %v", name, e.Shape)
		}
		count *= s
	}
	b, end := e.Offsets[0], e.Offsets[1]
	if b < 0 || end < b || end > bufLen {
		return stErr("tensor %q: offsets [%d, %d] outside the %d data bytes", name, b, end, bufLen)
	}
	if end-b != count*size {
		return stErr("tensor %q: shape %v of %s needs %d bytes, offsets give %d", name, e.Shape, e.Dtype, count*size, end-b)
	}
	return nil
}

// checkCoverage checks that the tensors' byte ranges tile the data part
// without holes or overlaps, as the format requires.
func checkCoverage(names []string, entries map[string]stEntry, bufLen int) error {
	sort.Slice(names, func(i, j int) bool {
		a, b := entries[names[i]].Offsets, entries[names[j]].Offsets
		return a[0] < b[0] || a[0] == b[0] && names[i] < names[j]
	})
	pos := 0
	for _, name := range names {
		o := entries[name].Offsets
		if o[0] != pos {
			return stErr("tensor %q starts at byte %d, expected %d (hole or overlap)", name, o[0], pos)
		}
		pos = o[1]
	}
	if pos != bufLen {
		return stErr("tensors cover %d of the %d data bytes", pos, bufLen)
	}
	sort.Strings(names)
	return nil
}

func decodeTensor(name string, e stEntry, buf []byte) (*Tensor, error) {
	for _, s := range e.Shape {
		if s == 0 {
			return nil, fmt.Errorf("nn: safetensors tensor %q has shape %v; nn tensors cannot have a zero size", name, e.Shape)
		}
	}
	raw := buf[e.Offsets[0]:e.Offsets[1]]
	size := dtypeSize[e.Dtype]
	t := &Tensor{Shape: cloneInts(e.Shape), Data: make([]float64, len(raw)/size)}
	le := binary.LittleEndian
	for i := range t.Data {
		p := raw[i*size:]
		var v float64
		switch e.Dtype {
		case "F64":
			v = math.Float64frombits(le.Uint64(p))
		case "F32":
			v = float64(math.Float32frombits(le.Uint32(p)))
		case "F16":
			v = halfToFloat(le.Uint16(p))
		case "BF16":
			v = float64(math.Float32frombits(uint32(le.Uint16(p)) << 16))
		case "I64":
			v = float64(int64(le.Uint64(p)))
		case "I32":
			v = float64(int32(le.Uint32(p)))
		case "I16":
			v = float64(int16(le.Uint16(p)))
		case "I8":
			v = float64(int8(p[0]))
		case "U64":
			v = float64(le.Uint64(p))
		case "U32":
			v = float64(le.Uint32(p))
		case "U16":
			v = float64(le.Uint16(p))
		case "U8", "BOOL":
			v = float64(p[0])
		}
		t.Data[i] = v
	}
	return t, nil
}

// halfToFloat converts an IEEE 754 binary16 value.
func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp, frac := int(h>>10)&0x1f, float64(h&0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(frac, -24)
	case 31:
		if frac == 0 {
			return math.Inf(int(sign))
		}
		return math.NaN()
	}
	return sign * math.Ldexp(1+frac/1024, exp-15)
}

// EncodeSafetensors returns tensors in the safetensors format, stored as
// dtype "F64" or "F32", with the given metadata (may be nil). Names are
// written in sorted order; the header is padded to a multiple of 8 bytes.
func EncodeSafetensors(tensors map[string]*Tensor, metadata map[string]string, dtype string) ([]byte, error) {
	size := map[string]int{"F64": 8, "F32": 4}[dtype]
	if size == 0 {
		return nil, fmt.Errorf("nn: EncodeSafetensors: expects dtype \"F64\" or \"F32\" but got %q", dtype)
	}
	names := sortedKeys(tensors)
	header := make(map[string]any, len(names)+1)
	if len(metadata) > 0 {
		header["__metadata__"] = metadata
	}
	var data []byte
	for _, name := range names {
		t := tensors[name]
		if t == nil || len(t.Data) != product(t.Shape) {
			return nil, fmt.Errorf("nn: EncodeSafetensors: tensor %q is nil or malformed", name)
		}
		begin := len(data)
		for _, v := range t.Data {
			if size == 8 {
				data = binary.LittleEndian.AppendUint64(data, math.Float64bits(v))
			} else {
				data = binary.LittleEndian.AppendUint32(data, math.Float32bits(float32(v)))
			}
		}
		shape := t.Shape
		if shape == nil {
			shape = []int{}
		}
		header[name] = stEntry{Dtype: dtype, Shape: shape, Offsets: []int{begin, len(data)}}
	}
	h, err := json.Marshal(header)
	if err != nil {
		return nil, err
	}
	for len(h)%8 != 0 {
		h = append(h, ' ')
	}
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
	out = append(out, h...)
	return append(out, data...), nil
}

// ReadSafetensors reads a .safetensors file into float64 tensors by name.
func ReadSafetensors(path string) (map[string]*Tensor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ts, _, err := DecodeSafetensors(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ts, nil
}

// WriteSafetensors writes tensors to path as float64 ("F64") safetensors.
func WriteSafetensors(path string, tensors map[string]*Tensor, metadata map[string]string) error {
	data, err := EncodeSafetensors(tensors, metadata, "F64")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// LoadSafetensors loads a .safetensors file (for example one written by
// safetensors.torch.save_file(model.state_dict(), path)) into m by
// parameter name. Every parameter must be present with its shape and the
// file may hold nothing else; otherwise m is left unchanged and the
// returned *LoadError lists every missing, unexpected and mis-shaped
// tensor.
func LoadSafetensors(m Module, path string) error {
	ts, err := ReadSafetensors(path)
	if err != nil {
		return err
	}
	return loadInto(m, ts, path, "file")
}

// SaveSafetensors writes m's parameters to path as float64 safetensors,
// readable by safetensors.torch.load_file and LoadSafetensors.
func SaveSafetensors(m Module, path string) error {
	return WriteSafetensors(path, StateDict(m), nil)
}
