package display

import (
	"crypto/rand"
	"encoding/hex"
)

// NewID returns a fresh display id.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("display: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// WithID returns d carrying the display id, so that a later update with the
// same id replaces it in place.
func WithID(d Data, id string) Data {
	t := make(MIMEMap, len(d.Transient)+1)
	for k, v := range d.Transient {
		t[k] = v
	}
	t["display_id"] = id
	d.Transient = t
	return d
}

// ID returns the display id d carries, or "".
func ID(d Data) string {
	s, _ := d.Transient["display_id"].(string)
	return s
}

// Publisher sends a bundle to the front end: display_data, or
// update_display_data when update is true.
type Publisher func(d Data, update bool) error
