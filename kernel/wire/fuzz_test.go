package wire

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.frames")

// frameSep separates frames in testdata/*.frames and in fuzz inputs.
var frameSep = []byte("\n---\n")

// fuzzKey signs the seeds in testdata.
const fuzzKey = "fuzz-key"

// seeds are the messages written to testdata/*.frames: name → frames (the
// signature frame "SIGN" is replaced by the real signature) and the error
// Decode must return (nil for success).
var seeds = []struct {
	name   string
	frames []string
	want   error
}{
	{"execute_request", []string{"ident-1", Delimiter, "SIGN",
		`{"msg_id":"a1","session":"s1","username":"u","date":"2025-01-01T00:00:00.000000Z","msg_type":"execute_request","version":"5.3"}`,
		`{}`, `{}`, `{"code":"x := 1\nx + 1","silent":false,"store_history":true,"user_expressions":{},"allow_stdin":true,"stop_on_error":true}`}, nil},
	{"kernel_info_two_identities", []string{"router-1", "dealer-2", Delimiter, "SIGN",
		`{"msg_id":"a2","session":"s1","username":"u","date":"2025-01-01T00:00:00Z","msg_type":"kernel_info_request","version":"5.3"}`,
		`{"msg_id":"a1","session":"s1","username":"u","date":"2025-01-01T00:00:00Z","msg_type":"execute_request","version":"5.3"}`,
		`{"deletedCells":[]}`, `{}`}, nil},
	{"comm_msg_buffers", []string{Delimiter, "SIGN",
		`{"msg_id":"a3","msg_type":"comm_msg"}`, `{}`, `{}`, `{"comm_id":"c","data":{"x":"é→✓"}}`, "\x00\x01\x02", "buffer two"}, nil},
	{"unsigned", []string{"id", Delimiter, "", `{"msg_id":"a4","msg_type":"kernel_info_request"}`, `{}`, `{}`, `{}`}, ErrUnsigned},
	{"wrong_signature", []string{"id", Delimiter, strings.Repeat("ab", 32), `{"msg_id":"a5","msg_type":"kernel_info_request"}`, `{}`, `{}`, `{}`}, ErrBadSignature},
	{"truncated", []string{"id", Delimiter, "SIGN", `{"msg_id":"a6","msg_type":"kernel_info_request"}`, `{}`}, ErrTruncated},
	{"no_delimiter", []string{"id", "SIGN", `{"msg_id":"a7","msg_type":"kernel_info_request"}`, `{}`, `{}`, `{}`}, ErrNoDelimiter},
	{"content_not_json", []string{"id", Delimiter, "SIGN", `{"msg_id":"a8","msg_type":"execute_request"}`, `{}`, `{}`, `print("hi")`}, ErrNotJSON},
	{"header_no_type", []string{"id", Delimiter, "SIGN", `{"msg_id":"a9"}`, `{}`, `{}`, `{}`}, ErrBadHeader},
}

func seedFrames(t testing.TB, frames []string) [][]byte {
	s, _ := NewSigner("hmac-sha256", fuzzKey)
	out := make([][]byte, len(frames))
	for i, f := range frames {
		out[i] = []byte(f)
	}
	for i, f := range frames {
		if f == "SIGN" && i+4 < len(frames) {
			out[i] = []byte(s.Sign(out[i+1], out[i+2], out[i+3], out[i+4]))
		}
	}
	return out
}

// TestSeeds checks the committed testdata/*.frames against the seeds table
// (run with -update to rewrite them) and that each decodes as expected.
func TestSeeds(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", fuzzKey)
	for _, sd := range seeds {
		data := bytes.Join(seedFrames(t, sd.frames), frameSep)
		path := filepath.Join("testdata", sd.name+".frames")
		if *update {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is stale; run go test ./kernel/wire -run TestSeeds -update", path)
		}
		_, err = Decode(bytes.Split(got, frameSep), s, DefaultLimits)
		if sd.want == nil && err != nil || sd.want != nil && !errors.Is(err, sd.want) {
			t.Errorf("%s: Decode err = %v, want %v", sd.name, err, sd.want)
		}
	}
}

// FuzzDecode feeds arbitrary frames to Decode: it must never panic, and a
// message it accepts must survive an Encode/Decode round trip unchanged.
func FuzzDecode(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.frames"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	s, _ := NewSigner("hmac-sha256", fuzzKey)
	lim := Limits{MaxFrames: 64, MaxHeader: 4096, MaxContent: 1 << 16, MaxTotal: 1 << 17}
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, frameSep)
		Decode(frames, s, lim)
		m, err := Decode(frames, nil, lim) // no key: exercise the JSON checks
		if err != nil {
			return
		}
		out, err := Encode(m, s)
		if err != nil {
			t.Fatalf("Encode of a decoded message: %v", err)
		}
		back, err := Decode(out, s, lim)
		if err != nil {
			t.Fatalf("re-Decode: %v", err)
		}
		if back.Header != m.Header || !bytes.Equal(back.Content, m.Content) || len(back.Buffers) != len(m.Buffers) {
			t.Fatalf("round trip changed the message: %+v vs %+v", back, m)
		}
	})
}
