//go:build unix && !linux

package kernel

import "syscall"

func dupTo(oldfd, newfd int) error { return syscall.Dup2(oldfd, newfd) }

func growPipe(fd int) {}
