// Package wire encodes and decodes Jupyter messages: the connection file,
// the multipart frames, and their HMAC-SHA256 signatures. It uses only the
// standard library and does no input/output of its own, apart from reading
// a connection file when asked to.
//
// # Frames
//
// A Jupyter message travels over ZeroMQ as a list of frames:
//
//	identities...  <IDS|MSG>  signature  header  parent_header  metadata  content  buffers...
//
// Decode turns frames into a Message, checking sizes first, then the
// signature (with a constant-time compare), then that the four JSON frames
// are objects and that the header names a msg_id and a msg_type. The content
// stays a json.RawMessage until the caller knows the msg_type and decodes it
// into the matching struct. Encode does the reverse and signs.
//
// # Errors
//
// Every failure wraps one of the package's sentinel errors (ErrTruncated,
// ErrNoDelimiter, ErrUnsigned, ErrBadSignature, ErrTooLarge, ErrNotJSON,
// ErrBadHeader, ErrReplayed), so a kernel can test them with errors.Is and
// log one line that says what came and what was expected.
//
// # Replays
//
// A ReplayGuard remembers the signatures of recent messages in a fixed
// amount of memory and rejects a message whose signature it has seen.
package wire
