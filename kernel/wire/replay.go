package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// DefaultReplayMemory is the number of signatures a ReplayGuard made by
// NewReplayGuard(0) remembers: 16384 signatures of 32 bytes, about 1.5 MB
// with the map's overhead.
const DefaultReplayMemory = 1 << 14

// ReplayGuard rejects messages whose signature was seen before. It remembers
// the most recent signatures only, in a ring of fixed size, so its memory is
// bounded: a replay of a message older than that many messages is not
// detected. It is safe for concurrent use, so one guard can watch every
// socket of a kernel (a message replayed from shell to control is caught).
type ReplayGuard struct {
	mu   sync.Mutex
	seen map[[32]byte]struct{}
	ring [][32]byte
	next int
}

// NewReplayGuard returns a guard remembering n signatures
// (DefaultReplayMemory when n <= 0).
func NewReplayGuard(n int) *ReplayGuard {
	if n <= 0 {
		n = DefaultReplayMemory
	}
	return &ReplayGuard{seen: make(map[[32]byte]struct{}, n), ring: make([][32]byte, 0, n)}
}

// Check records sig and returns ErrReplayed if it was already recorded. An
// empty signature (a connection without a key) is never a replay.
func (g *ReplayGuard) Check(sig []byte) error {
	if len(sig) == 0 {
		return nil
	}
	var k [32]byte
	if len(sig) != hex.EncodedLen(len(k)) {
		k = sha256.Sum256(sig)
	} else if _, err := hex.Decode(k[:], sig); err != nil {
		k = sha256.Sum256(sig)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, dup := g.seen[k]; dup {
		return ErrReplayed
	}
	if len(g.ring) < cap(g.ring) {
		g.ring = append(g.ring, k)
	} else {
		delete(g.seen, g.ring[g.next])
		g.ring[g.next] = k
		g.next = (g.next + 1) % len(g.ring)
	}
	g.seen[k] = struct{}{}
	return nil
}
