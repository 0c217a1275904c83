//go:build unix

package kernel

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Getuid()
}

// watchParent calls gone when the front end that started the kernel dies:
// the process named by JPY_PARENT_PID (which jupyter_client sets) vanishes,
// or the kernel is handed to another parent (its own parent died).
func watchParent(ctx context.Context, every time.Duration, l *log.Logger, gone func(why string)) {
	ppid := os.Getppid()
	jpy, _ := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if ppid > 1 && os.Getppid() != ppid {
			gone(fmt.Sprintf("the parent process %d is gone", ppid))
			return
		}
		if jpy > 1 && !processAlive(jpy) {
			gone(fmt.Sprintf("the front end (JPY_PARENT_PID %d) is gone", jpy))
			return
		}
	}
}

// handleSignals makes SIGINT interrupt the running cell (Jupyter's
// interrupt_mode "signal", or Ctrl-C in a terminal) and SIGTERM or SIGHUP
// shut the kernel down cleanly.
func (k *Kernel) handleSignals() {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		defer signal.Stop(ch)
		for {
			select {
			case s := <-ch:
				if s == syscall.SIGINT {
					k.interrupt("SIGINT")
					continue
				}
				k.log.Printf("exiting on %v", s)
				k.Stop(false)
			case <-k.ctx.Done():
				return
			}
		}
	}()
}

// mapState maps the first size bytes of f (grown to size) shared into
// memory, or returns nil.
func mapState(f *os.File, size int) []byte {
	if f.Truncate(int64(size)) != nil {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapState(b []byte) {
	if b != nil {
		syscall.Munmap(b)
	}
}
