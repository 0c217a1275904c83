package interrupt

import (
	"errors"
	"sync/atomic"
)

// ErrInterrupted is returned by Err after an interrupt.
var ErrInterrupted = errors.New("interrupted by the user")

var raised atomic.Bool

// Requested reports whether the running cell has been interrupted.
func Requested() bool { return raised.Load() }

// Err returns ErrInterrupted when the running cell has been interrupted,
// and nil otherwise.
func Err() error {
	if raised.Load() {
		return ErrInterrupted
	}
	return nil
}

// Raise marks the running cell as interrupted. The kernel calls it.
func Raise() { raised.Store(true) }

// Clear forgets an earlier interrupt. The kernel calls it before each cell.
func Clear() { raised.Store(false) }
