package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Signer signs and verifies messages with HMAC-SHA256 over the header,
// parent_header, metadata and content frames, as the Jupyter protocol
// specifies. A Signer with an empty key signs nothing and accepts any
// signature, which is what Jupyter means by an empty key.
type Signer struct {
	key []byte
}

// NewSigner returns a signer for scheme ("hmac-sha256") and key. An empty key
// disables signing whatever the scheme.
func NewSigner(scheme, key string) (*Signer, error) {
	if key == "" {
		return &Signer{}, nil
	}
	if scheme != "hmac-sha256" {
		return nil, fmt.Errorf("signature_scheme %q is not supported, want \"hmac-sha256\"", scheme)
	}
	return &Signer{key: []byte(key)}, nil
}

// Enabled reports whether the signer has a key.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

func (s *Signer) mac(parts [][]byte) hash.Hash {
	h := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		h.Write(p)
	}
	return h
}

// Sign returns the hex signature of the four JSON frames, or "" when the
// signer has no key.
func (s *Signer) Sign(header, parent, metadata, content []byte) string {
	if !s.Enabled() {
		return ""
	}
	return hex.EncodeToString(s.mac([][]byte{header, parent, metadata, content}).Sum(nil))
}

// Verify checks sig (hex, as it came in the signature frame) against the
// four JSON frames in constant time.
func (s *Signer) Verify(sig, header, parent, metadata, content []byte) error {
	if !s.Enabled() {
		return nil
	}
	if len(sig) == 0 {
		return ErrUnsigned
	}
	got := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(got, sig); err != nil {
		return fmt.Errorf("%w: signature is not hex", ErrBadSignature)
	}
	want := s.mac([][]byte{header, parent, metadata, content}).Sum(nil)
	if !hmac.Equal(got, want) {
		return ErrBadSignature
	}
	return nil
}
