package wire

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version this package
// speaks.
const ProtocolVersion = "5.3"

// Delimiter separates the routing identities from the message proper.
const Delimiter = "<IDS|MSG>"

// Header is a message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message. ParentHeader, Metadata and Content are kept
// as raw JSON objects; decode Content once the Header's MsgType says what it
// holds.
type Message struct {
	// Identities are the ZeroMQ routing frames before the delimiter (on
	// iopub, the topic).
	Identities [][]byte
	Header     Header
	// ParentHeader is the header of the request this message answers, as it
	// came, or "{}".
	ParentHeader json.RawMessage
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
	// Signature is the signature frame as it came (hex); empty for messages
	// built here.
	Signature []byte

	rawHeader []byte // the header frame as received
}

// RawHeader returns the header as JSON: the bytes received for a decoded
// message, so that a reply's parent_header repeats the request's header
// exactly (including fields this package does not know).
func (m *Message) RawHeader() (json.RawMessage, error) {
	if m.rawHeader != nil {
		return m.rawHeader, nil
	}
	return json.Marshal(m.Header)
}

// Limits bound what Decode accepts.
type Limits struct {
	MaxFrames  int // all frames, identities and buffers included
	MaxHeader  int // bytes of each of header, parent_header and metadata
	MaxContent int // bytes of content
	MaxTotal   int // bytes of all frames together
}

// DefaultLimits are generous for notebooks (a cell of megabytes, a widget
// buffer) and small enough that a hostile message cannot exhaust the memory
// of a classroom server.
var DefaultLimits = Limits{
	MaxFrames:  1024,
	MaxHeader:  1 << 20,
	MaxContent: 16 << 20,
	MaxTotal:   32 << 20,
}

// Decode parses frames into a Message. It checks, in order: sizes against
// lim (zero fields mean no limit), the delimiter, the signature with s (nil
// or key-less s accepts any), then that header, parent_header, metadata and
// content are JSON objects and the header has msg_id and msg_type. Each
// failure wraps a sentinel error. Decode never modifies frames and never
// panics.
func Decode(frames [][]byte, s *Signer, lim Limits) (*Message, error) {
	if lim.MaxFrames > 0 && len(frames) > lim.MaxFrames {
		return nil, fmt.Errorf("%w: %d frames, limit %d", ErrTooLarge, len(frames), lim.MaxFrames)
	}
	total := 0
	for _, f := range frames {
		total += len(f)
	}
	if lim.MaxTotal > 0 && total > lim.MaxTotal {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, total, lim.MaxTotal)
	}
	d := -1
	for i, f := range frames {
		if string(f) == Delimiter {
			d = i
			break
		}
	}
	if d < 0 {
		return nil, fmt.Errorf("%w (%d frames came)", ErrNoDelimiter, len(frames))
	}
	rest := frames[d+1:]
	if len(rest) < 5 {
		return nil, fmt.Errorf("%w: %d frames after the delimiter, want signature, header, parent_header, metadata and content", ErrTruncated, len(rest))
	}
	sig, hdr, parent, meta, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	for _, p := range []struct {
		name  string
		frame []byte
		max   int
	}{{"header", hdr, lim.MaxHeader}, {"parent_header", parent, lim.MaxHeader}, {"metadata", meta, lim.MaxHeader}, {"content", content, lim.MaxContent}} {
		if p.max > 0 && len(p.frame) > p.max {
			return nil, fmt.Errorf("%w: %s is %d bytes, limit %d", ErrTooLarge, p.name, len(p.frame), p.max)
		}
	}
	if err := s.Verify(sig, hdr, parent, meta, content); err != nil {
		return nil, err
	}
	m := &Message{
		Identities:   frames[:d],
		ParentHeader: parent,
		Metadata:     meta,
		Content:      content,
		Buffers:      rest[5:],
		Signature:    sig,
		rawHeader:    hdr,
	}
	if err := decodeHeader(hdr, &m.Header); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name  string
		frame []byte
	}{{"parent_header", parent}, {"metadata", meta}, {"content", content}} {
		if !isObject(p.frame) {
			return nil, fmt.Errorf("%w: %s %s", ErrNotJSON, p.name, excerpt(p.frame))
		}
	}
	return m, nil
}

func decodeHeader(b []byte, h *Header) error {
	if !isObject(b) {
		return fmt.Errorf("%w: header %s", ErrNotJSON, excerpt(b))
	}
	if err := json.Unmarshal(b, h); err != nil {
		return fmt.Errorf("%w: header: %v", ErrBadHeader, err)
	}
	if h.MsgID == "" || h.MsgType == "" {
		return fmt.Errorf("%w: want msg_id and msg_type, got %s", ErrBadHeader, excerpt(b))
	}
	return nil
}

// isObject reports whether b is valid JSON whose value is an object.
func isObject(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	return len(t) > 0 && t[0] == '{' && json.Valid(b)
}

// excerpt quotes the start of b for an error message.
func excerpt(b []byte) string {
	const n = 40
	if len(b) > n {
		return fmt.Sprintf("%q... (%d bytes)", b[:n], len(b))
	}
	return fmt.Sprintf("%q", b)
}

var emptyObject = json.RawMessage("{}")

// Encode turns m into frames signed with s: identities, delimiter,
// signature, header, parent_header, metadata, content, buffers. Nil
// ParentHeader, Metadata and Content are sent as {}.
func Encode(m *Message, s *Signer) ([][]byte, error) {
	hdr, err := m.RawHeader()
	if err != nil {
		return nil, fmt.Errorf("wire: encoding header: %w", err)
	}
	parent, meta, content := orEmpty(m.ParentHeader), orEmpty(m.Metadata), orEmpty(m.Content)
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(hdr, parent, meta, content)), hdr, parent, meta, content)
	return append(frames, m.Buffers...), nil
}

func orEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return emptyObject
	}
	return b
}

// Session makes the headers of the messages one kernel sends.
type Session struct {
	ID       string // the session id, the same in every message
	Username string
	counter  *atomic.Uint64
}

// NewSession returns a session with a fresh random id.
func NewSession(username string) Session {
	return Session{ID: NewID(), Username: username, counter: new(atomic.Uint64)}
}

// msgID returns a unique message id: the session id and a counter, which
// is cheaper than a fresh UUID per message and just as unique.
func (s Session) msgID() string {
	if s.counter == nil {
		return NewID()
	}
	return s.ID + "_" + strconv.FormatUint(s.counter.Add(1), 10)
}

// NewMessage returns a message of type msgType whose parent is parent (nil
// for none; then parent_header is {}), with content marshalled to JSON. The
// identities are the parent's, which is right for replies on a ROUTER socket;
// set them otherwise for iopub.
func (s Session) NewMessage(msgType string, parent *Message, content any) (*Message, error) {
	c, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("wire: encoding %s content: %w", msgType, err)
	}
	m := &Message{
		Header: Header{
			MsgID:    s.msgID(),
			Session:  s.ID,
			Username: s.Username,
			Date:     time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
		ParentHeader: emptyObject,
		Metadata:     emptyObject,
		Content:      c,
	}
	if parent != nil {
		ph, err := parent.RawHeader()
		if err != nil {
			return nil, err
		}
		m.ParentHeader = ph
		m.Identities = parent.Identities
	}
	return m, nil
}

// NewID returns a random UUID (version 4) for msg_id and session.
func NewID() string {
	var u [16]byte
	rand.Read(u[:]) // never fails (crypto/rand panics instead of returning an error since Go 1.24)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
