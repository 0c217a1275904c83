package nn

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSafetensorsRoundTrip writes a model's parameters and reads them back
// into a fresh model (F64 exactly, F32 to float32 precision).
func TestSafetensorsRoundTrip(t *testing.T) {
	ManualSeed(3)
	src := NewSeedLSTM(3, 4, 2, 5)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := SaveSafetensors(src, path); err != nil {
		t.Fatal(err)
	}
	dst := NewSeedLSTM(3, 4, 2, 5)
	if err := LoadSafetensors(dst, path); err != nil {
		t.Fatal(err)
	}
	for i, p := range dst.Parameters() {
		checkClose(t, p.Name, p.Value, src.Parameters()[i].Value, 0)
	}
	b, err := EncodeSafetensors(StateDict(src), map[string]string{"k": "v"}, "F32")
	if err != nil {
		t.Fatal(err)
	}
	if n := binary.LittleEndian.Uint64(b); (8+n)%8 != 0 {
		t.Errorf("header length %d leaves the data unaligned", n)
	}
	ts, meta, err := DecodeSafetensors(b)
	if err != nil || meta["k"] != "v" {
		t.Fatalf("decode: %v, metadata %v", err, meta)
	}
	for _, p := range src.Parameters() {
		checkClose(t, p.Name, ts[p.Name], p.Value, 1e-7)
	}
}

// TestSafetensorsFromPyTorch reads the seed CNN's state dict as written in
// float32 by testdata/gen_torch.py and checks names, shapes and metadata.
func TestSafetensorsFromPyTorch(t *testing.T) {
	b, err := os.ReadFile("testdata/seed_cnn_f32.safetensors")
	if err != nil {
		t.Fatal(err)
	}
	ts, meta, err := DecodeSafetensors(b)
	if err != nil {
		t.Fatal(err)
	}
	if meta["model"] != "seed CNN" {
		t.Errorf("metadata %v", meta)
	}
	m := SeedCNN()
	for _, p := range m.Parameters() {
		if ts[p.Name] == nil || !sameShape(ts[p.Name].Shape, p.Value.Shape) {
			t.Errorf("%s: file has %v, model wants %s", p.Name, ts[p.Name], fmtShape(p.Value.Shape))
		}
	}
	if len(ts) != 8 {
		t.Errorf("%d tensors in the file, want 8", len(ts))
	}
}

// TestSafetensorsDtypes decodes hand-built files of every dtype.
func TestSafetensorsDtypes(t *testing.T) {
	cases := []struct {
		dtype string
		bytes []byte
		want  []float64
	}{
		{"F16", []byte{0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00, 0x00, 0x7c}, []float64{1, -2, math.Ldexp(1, -24), math.Inf(1)}},
		{"BF16", []byte{0x80, 0x3f, 0x40, 0xc0}, []float64{1, -3}},
		{"I64", binary.LittleEndian.AppendUint64(nil, uint64(1<<64-5)), []float64{-5}},
		{"I32", []byte{0xfe, 0xff, 0xff, 0xff}, []float64{-2}},
		{"I16", []byte{0x02, 0x00}, []float64{2}},
		{"I8", []byte{0xff}, []float64{-1}},
		{"U8", []byte{200}, []float64{200}},
		{"BOOL", []byte{1, 0}, []float64{1, 0}},
		{"F32", binary.LittleEndian.AppendUint32(nil, math.Float32bits(0.5)), []float64{0.5}},
	}
	for _, c := range cases {
		n := len(c.want)
		h := `{"x":{"dtype":"` + c.dtype + `","shape":[` + string(rune('0'+n)) + `],"data_offsets":[0,` + itoa(len(c.bytes)) + `]}}`
		ts, _, err := DecodeSafetensors(file(h, c.bytes))
		if err != nil {
			t.Errorf("%s: %v", c.dtype, err)
			continue
		}
		checkClose(t, c.dtype, ts["x"], FromData(c.want), 0)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func file(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

// TestSafetensorsMalformed checks that every malformed file gets an error
// wrapping ErrSafetensors that says what was wrong.
func TestSafetensorsMalformed(t *testing.T) {
	eight := make([]byte, 8)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"short", []byte{1, 2}, "at least 8 bytes"},
		{"header too long", binary.LittleEndian.AppendUint64(nil, 100), "exceeds"},
		{"not JSON", file("[1,2]   ", nil), "not a JSON object"},
		{"bad dtype", file(`{"x":{"dtype":"F128","shape":[1],"data_offsets":[0,8]}}`, eight), `got "F128"`},
		{"size mismatch", file(`{"x":{"dtype":"F64","shape":[2],"data_offsets":[0,8]}}`, eight), "needs 16 bytes"},
		{"outside", file(`{"x":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}`, eight), "outside"},
		{"hole", file(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, eight), "hole or overlap"},
		{"trailing bytes", file(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, eight), "cover 4 of the 8"},
		{"bad metadata", file(`{"__metadata__":{"a":1}}`, nil), "__metadata__"},
		{"missing offsets", file(`{"x":{"dtype":"F32","shape":[1]}}`, eight[:4]), "data_offsets"},
	}
	for _, c := range cases {
		_, _, err := DecodeSafetensors(c.data)
		if err == nil || !errors.Is(err, ErrSafetensors) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an ErrSafetensors containing %q", c.name, err, c.want)
		}
	}
}

// TestLoadErrorListsAll loads a file with a missing, an extra and a
// mis-shaped tensor and checks that all three are reported and nothing
// was changed.
func TestLoadErrorListsAll(t *testing.T) {
	m := NewSequential().Add("fc1", NewLinear(4, 3)).Add("fc2", NewLinear(3, 2))
	before := m.Parameters()[0].Value.Clone()
	sd := map[string]*Tensor{
		"fc1.weight": New(3, 4),
		"fc1.bias":   New(3),
		"fc2.weight": New(2, 5), // wrong shape
		"fc.bias":    New(2),    // extra; fc2.bias missing
	}
	err := LoadStateDict(m, sd)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("got %v, want *LoadError", err)
	}
	if len(le.Missing) != 1 || len(le.Unexpected) != 1 || len(le.Mismatched) != 1 {
		t.Errorf("missing %v, unexpected %v, mismatched %v", le.Missing, le.Unexpected, le.Mismatched)
	}
	for _, want := range []string{"fc2.bias (2)", "fc.bias (2)", "fc2.weight: model (2, 3), state dict (2, 5)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	checkClose(t, "fc1.weight unchanged", m.Parameters()[0].Value, before, 0)
	// A DataParallel-style prefix gets a hint.
	err = LoadStateDict(m, map[string]*Tensor{"module.fc1.weight": New(3, 4)})
	if err == nil || !strings.Contains(err.Error(), `prefix "module."`) {
		t.Errorf("no prefix hint in %v", err)
	}
	err = LoadStateDict(NewSequential(NewLinear(4, 3)), map[string]*Tensor{"fc1.weight": New(3, 4), "fc1.bias": New(3)})
	if err == nil || !strings.Contains(err.Error(), "Add(name, layer)") {
		t.Errorf("no numbered-layers hint in %v", err)
	}
}
