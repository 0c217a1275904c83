package wire

import "errors"

// Sentinel errors. Decode and the other functions of this package wrap one of
// them with details of what came, so use errors.Is to test for them.
var (
	// ErrTruncated means fewer frames came than a message needs.
	ErrTruncated = errors.New("wire: message truncated")
	// ErrNoDelimiter means the <IDS|MSG> frame is missing.
	ErrNoDelimiter = errors.New("wire: no <IDS|MSG> delimiter frame")
	// ErrUnsigned means the message carries no signature although the
	// connection has a key.
	ErrUnsigned = errors.New("wire: message not signed")
	// ErrBadSignature means the signature does not match the message.
	ErrBadSignature = errors.New("wire: wrong signature")
	// ErrReplayed means the signature was seen before.
	ErrReplayed = errors.New("wire: replayed message (signature seen before)")
	// ErrTooLarge means a frame or the whole message exceeds the Limits.
	ErrTooLarge = errors.New("wire: message too large")
	// ErrNotJSON means a header, parent_header, metadata or content frame is
	// not a JSON object.
	ErrNotJSON = errors.New("wire: frame is not a JSON object")
	// ErrBadHeader means the header lacks msg_id or msg_type.
	ErrBadHeader = errors.New("wire: bad header")
	// ErrConnectionFile means the connection file cannot be used.
	ErrConnectionFile = errors.New("wire: bad connection file")
)
