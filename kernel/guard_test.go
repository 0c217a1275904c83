package kernel

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"
)

// zmtpFrame encodes one ZMTP 3 frame.
func zmtpFrame(flags byte, body []byte) []byte {
	if len(body) > 255 {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], uint64(len(body)))
		return append(h, body...)
	}
	return append([]byte{flags, byte(len(body))}, body...)
}

// pipeConn is a net.Conn reading from a fixed byte stream.
type pipeConn struct {
	net.Conn
	r io.Reader
}

func (p pipeConn) Read(b []byte) (int, error)      { return p.r.Read(b) }
func (p pipeConn) SetReadDeadline(time.Time) error { return nil }
func (p pipeConn) LocalAddr() net.Addr             { return &net.TCPAddr{} }
func (p pipeConn) RemoteAddr() net.Addr            { return &net.TCPAddr{} }
func readAll(g *guardConn) ([]byte, error)         { return io.ReadAll(g) }
func newTestGuard(stream []byte, max int64) *guardConn {
	return newGuardConn(pipeConn{r: bytes.NewReader(stream)}, max)
}

func TestGuardDropsOversizedMessages(t *testing.T) {
	greeting := bytes.Repeat([]byte{0x7f}, greetingLen)
	ready := zmtpFrame(flagCommand, []byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER"))
	small := append(zmtpFrame(flagMore, []byte("id")), zmtpFrame(0, []byte("hello"))...)
	big := append(zmtpFrame(flagMore, bytes.Repeat([]byte("a"), 300)), zmtpFrame(0, bytes.Repeat([]byte("b"), 300))...)
	after := zmtpFrame(0, []byte("after"))
	var stream []byte
	for _, p := range [][]byte{greeting, ready, small, big, after} {
		stream = append(stream, p...)
	}
	got, err := readAll(newTestGuard(stream, 500))
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Join([][]byte{greeting, ready, small, after}, nil)
	if !bytes.Equal(got, want) {
		t.Errorf("guard passed %d bytes, want %d (greeting, READY, small message, message after the dropped one)", len(got), len(want))
	}
}

func TestGuardRejectsBadFraming(t *testing.T) {
	greeting := make([]byte, greetingLen)
	cases := map[string][]byte{
		"reserved flag bits":     {0x80, 1, 'x'},
		"huge command":           zmtpFrame(flagCommand, make([]byte, maxCommand+1)),
		"command inside message": append(zmtpFrame(flagMore, []byte("a")), zmtpFrame(flagCommand, []byte("b"))...),
	}
	for name, tail := range cases {
		_, err := readAll(newTestGuard(append(greeting, tail...), 1<<20))
		if !errors.Is(err, errBadFraming) {
			t.Errorf("%s: err = %v, want errBadFraming", name, err)
		}
	}
	// A frame announcing a terabyte that never comes costs nothing: the
	// guard discards as bytes arrive and stops at the end of the stream.
	h := make([]byte, 9)
	h[0] = flagLong
	binary.BigEndian.PutUint64(h[1:], 1<<40)
	for _, max := range []int64{1 << 20, 1 << 50} { // dropped, or read as it comes
		got, err := readAll(newTestGuard(append(append(greeting, h...), "abc"...), max))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) || !bytes.Equal(got, greeting) {
			t.Errorf("terabyte frame, limit %d: passed %d bytes, err %v; want the greeting only", max, len(got), err)
		}
	}
}

func FuzzGuard(f *testing.F) {
	f.Add(append(zmtpFrame(flagMore, []byte("id")), zmtpFrame(0, []byte("x"))...))
	f.Add(zmtpFrame(flagCommand, []byte("\x05READY")))
	f.Fuzz(func(t *testing.T, tail []byte) {
		readAll(newTestGuard(append(make([]byte, greetingLen), tail...), 1000))
	})
}

func testLogger(t *testing.T) *log.Logger {
	return log.New(testWriter{t}, "", 0)
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// countingConn records each write.
type countingConn struct {
	net.Conn
	writes [][]byte
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes = append(c.writes, append([]byte(nil), p...))
	return len(p), nil
}

func TestWriteCoalescing(t *testing.T) {
	c := &countingConn{}
	g := newGuardConn(c, 1<<20)
	greeting := bytes.Repeat([]byte{1}, greetingLen)
	ready := zmtpFrame(flagCommand, []byte("\x05READY"))
	msg := [][]byte{zmtpFrame(flagMore, []byte("id")), zmtpFrame(flagMore, []byte("<IDS|MSG>")), zmtpFrame(0, bytes.Repeat([]byte("c"), 1000))}
	g.Write(greeting)
	// zmq4 writes a command's or frame's header and body separately.
	for _, f := range append([][]byte{ready}, msg...) {
		hl := 2
		if f[0]&flagLong != 0 {
			hl = 9
		}
		g.Write(f[:hl])
		g.Write(f[hl:])
	}
	want := [][]byte{greeting, ready, bytes.Join(msg, nil)}
	if len(c.writes) != len(want) {
		t.Fatalf("%d writes reached the connection, want %d (greeting, command, whole message)", len(c.writes), len(want))
	}
	for i := range want {
		if !bytes.Equal(c.writes[i], want[i]) {
			t.Errorf("write %d = %q, want %q", i, c.writes[i], want[i])
		}
	}
	// Byte by byte gives the same stream.
	c2 := &countingConn{}
	g2 := newGuardConn(c2, 1<<20)
	all := bytes.Join(append([][]byte{greeting, ready}, msg...), nil)
	for i := range all {
		g2.Write(all[i : i+1])
	}
	if got := bytes.Join(c2.writes, nil); !bytes.Equal(got, all) || len(c2.writes) != 3 {
		t.Errorf("byte-wise: %d writes, equal=%v", len(c2.writes), bytes.Equal(got, all))
	}
}
