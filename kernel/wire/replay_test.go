package wire

import (
	"errors"
	"fmt"
	"testing"
)

func TestReplayGuard(t *testing.T) {
	s := testSigner(t)
	g := NewReplayGuard(3)
	sig := func(i int) []byte {
		return []byte(s.Sign([]byte(fmt.Sprint(i)), nil, nil, nil))
	}
	for i := range 3 {
		if err := g.Check(sig(i)); err != nil {
			t.Fatalf("first sight of %d: %v", i, err)
		}
	}
	if err := g.Check(sig(1)); !errors.Is(err, ErrReplayed) {
		t.Errorf("replay of 1: err = %v, want ErrReplayed", err)
	}
	// A fourth signature evicts the oldest (0); memory stays at 3.
	if err := g.Check(sig(3)); err != nil {
		t.Fatal(err)
	}
	if len(g.seen) != 3 || len(g.ring) != 3 {
		t.Errorf("guard holds %d/%d signatures, want 3", len(g.seen), len(g.ring))
	}
	if err := g.Check(sig(0)); err != nil {
		t.Errorf("0 was evicted and should be accepted again: %v", err)
	}
	if err := g.Check(sig(3)); !errors.Is(err, ErrReplayed) {
		t.Errorf("replay of 3: err = %v, want ErrReplayed", err)
	}
	// Signatures that are not 64 hex digits are remembered too.
	if g.Check([]byte("odd")) != nil || !errors.Is(g.Check([]byte("odd")), ErrReplayed) {
		t.Error("a non-hex signature was not remembered")
	}
	if g.Check(nil) != nil || g.Check(nil) != nil {
		t.Error("empty signatures (no key) must never count as replays")
	}
}

func BenchmarkReplayGuard(b *testing.B) {
	s := testSigner(b)
	g := NewReplayGuard(0)
	sigs := make([][]byte, 1<<16)
	for i := range sigs {
		sigs[i] = []byte(s.Sign([]byte(fmt.Sprint(i)), nil, nil, nil))
	}
	b.ResetTimer()
	for i := range b.N {
		g.Check(sigs[i%len(sigs)])
	}
}
