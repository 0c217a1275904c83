package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

const testKey = "a0436f6c-1916-498b-8eb9-e81ab9368e84"

func testSigner(t testing.TB) *Signer {
	t.Helper()
	s, err := NewSigner("hmac-sha256", testKey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// request returns the frames of a signed execute_request from identity "id-1".
func request(t testing.TB, s *Signer) [][]byte {
	t.Helper()
	m, err := NewSession("student").NewMessage("execute_request", nil, map[string]any{"code": "1+1", "silent": false})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("id-1")}
	m.Buffers = [][]byte{{0, 1, 2}}
	frames, err := Encode(m, s)
	if err != nil {
		t.Fatal(err)
	}
	return frames
}

func TestRoundTrip(t *testing.T) {
	s := testSigner(t)
	frames := request(t, s)
	m, err := Decode(frames, s, DefaultLimits)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if m.Header.MsgType != "execute_request" || m.Header.Version != ProtocolVersion || m.Header.Username != "student" {
		t.Errorf("header = %+v", m.Header)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "id-1" {
		t.Errorf("identities = %q, want [id-1]", m.Identities)
	}
	if len(m.Buffers) != 1 || !bytes.Equal(m.Buffers[0], []byte{0, 1, 2}) {
		t.Errorf("buffers = %v", m.Buffers)
	}
	var c struct{ Code string }
	if err := json.Unmarshal(m.Content, &c); err != nil || c.Code != "1+1" {
		t.Errorf("content %s: code %q, err %v", m.Content, c.Code, err)
	}
	if string(m.ParentHeader) != "{}" {
		t.Errorf("parent_header = %s, want {}", m.ParentHeader)
	}

	// A reply names the request's header, byte for byte, as its parent.
	r, err := NewSession("kernel").NewMessage("execute_reply", m, map[string]any{"status": "ok"})
	if err != nil {
		t.Fatal(err)
	}
	rf, err := Encode(r, s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(rf, s, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.ParentHeader, frames[3]) {
		t.Errorf("reply parent_header = %s, want the request header %s", back.ParentHeader, frames[3])
	}
	if string(back.Identities[0]) != "id-1" {
		t.Errorf("reply identities = %q, want the request's", back.Identities)
	}
}

func TestDecodeErrors(t *testing.T) {
	s := testSigner(t)
	other, _ := NewSigner("hmac-sha256", "another key")
	good := request(t, s) // id, delim, sig, header, parent, meta, content, buffer
	with := func(i int, b string) [][]byte {
		f := append([][]byte(nil), good...)
		f[i] = []byte(b)
		return f
	}
	resign := func(f [][]byte) [][]byte {
		f[2] = []byte(s.Sign(f[3], f[4], f[5], f[6]))
		return f
	}
	cases := []struct {
		name   string
		frames [][]byte
		signer *Signer
		lim    Limits
		want   error
	}{
		{"no frames", nil, s, DefaultLimits, ErrNoDelimiter},
		{"no delimiter", with(1, "<IDS|MSG"), s, DefaultLimits, ErrNoDelimiter},
		{"truncated", good[:6], s, DefaultLimits, ErrTruncated},
		{"unsigned", with(2, ""), s, DefaultLimits, ErrUnsigned},
		{"signature not hex", with(2, "zz"), s, DefaultLimits, ErrBadSignature},
		{"wrong key", good, other, DefaultLimits, ErrBadSignature},
		{"tampered content", with(6, `{"code":"2+2","silent":false}`), s, DefaultLimits, ErrBadSignature},
		{"tampered header", with(3, strings.Replace(string(good[3]), "execute", "complete", 1)), s, DefaultLimits, ErrBadSignature},
		{"short signature", with(2, string(good[2][:10])), s, DefaultLimits, ErrBadSignature},
		{"content not JSON", resign(with(6, "not json")), s, DefaultLimits, ErrNotJSON},
		{"content an array", resign(with(6, "[1,2]")), s, DefaultLimits, ErrNotJSON},
		{"content half an object", resign(with(6, `{"code":`)), s, DefaultLimits, ErrNotJSON},
		{"header not JSON", resign(with(3, "\xff\xfe")), s, DefaultLimits, ErrNotJSON},
		{"header without msg_type", resign(with(3, `{"msg_id":"1"}`)), s, DefaultLimits, ErrBadHeader},
		{"header with number msg_id", resign(with(3, `{"msg_id":1,"msg_type":"x"}`)), s, DefaultLimits, ErrBadHeader},
		{"parent not JSON", resign(with(4, "null")), s, DefaultLimits, ErrNotJSON},
		{"too many frames", good, s, Limits{MaxFrames: 4}, ErrTooLarge},
		{"too many bytes", good, s, Limits{MaxTotal: 100}, ErrTooLarge},
		{"content too large", good, s, Limits{MaxContent: 10}, ErrTooLarge},
		{"header too large", good, s, Limits{MaxHeader: 10}, ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Decode(c.frames, c.signer, c.lim)
			if !errors.Is(err, c.want) {
				t.Fatalf("Decode: err = %v, want %v", err, c.want)
			}
			if m != nil {
				t.Errorf("Decode returned a message with error %v", err)
			}
		})
	}
}

func TestUnsignedConnection(t *testing.T) {
	none, err := NewSigner("", "")
	if err != nil {
		t.Fatal(err)
	}
	frames := request(t, none)
	if len(frames[2]) != 0 {
		t.Errorf("signature without a key = %q, want empty", frames[2])
	}
	if _, err := Decode(frames, none, DefaultLimits); err != nil {
		t.Errorf("Decode without a key: %v", err)
	}
	if _, err := Decode(frames, testSigner(t), DefaultLimits); !errors.Is(err, ErrUnsigned) {
		t.Errorf("Decode of an unsigned message with a key: err = %v, want ErrUnsigned", err)
	}
}

func TestSignKnownVector(t *testing.T) {
	// Computed independently with Python:
	//   hmac.new(b"key", b'{"a":1}{}{}{}', hashlib.sha256).hexdigest()
	s, _ := NewSigner("hmac-sha256", "key")
	got := s.Sign([]byte(`{"a":1}`), []byte("{}"), []byte("{}"), []byte("{}"))
	const want = "f1128388193e4dd1aa760827bd756a1b40b627676b5efe22c0e8297919bfa218"
	if got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if err := s.Verify([]byte(want), []byte(`{"a":1}`), []byte("{}"), []byte("{}"), []byte("{}")); err != nil {
		t.Errorf("Verify of the Python signature: %v", err)
	}
}

func TestNewSignerSchemes(t *testing.T) {
	if _, err := NewSigner("hmac-md5", "k"); err == nil {
		t.Error("hmac-md5 accepted, want an error naming hmac-sha256")
	} else if !strings.Contains(err.Error(), "hmac-sha256") {
		t.Errorf("error %q does not say what is expected", err)
	}
	if s, err := NewSigner("hmac-md5", ""); err != nil || s.Enabled() {
		t.Errorf("empty key: signer %v, err %v; want a disabled signer", s, err)
	}
}

func TestNewID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if len(id) != 36 || id[14] != '4' || seen[id] {
			t.Fatalf("NewID() = %q (len %d, repeated %v)", id, len(id), seen[id])
		}
		seen[id] = true
	}
}
