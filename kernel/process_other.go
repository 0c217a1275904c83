//go:build !unix

package kernel

import (
	"context"
	"log"
	"os"
	"os/signal"
	"time"
)

func processAlive(pid int) bool                                                              { return false }
func ownedByMe(fi os.FileInfo) bool                                                          { return true }
func watchParent(ctx context.Context, every time.Duration, l *log.Logger, gone func(string)) {}

func (k *Kernel) handleSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() {
		for range ch {
			k.interrupt("interrupt")
		}
	}()
}

func mapState(f *os.File, size int) []byte { return nil }
func unmapState(b []byte)                  {}
