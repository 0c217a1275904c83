package kernel

import "syscall"

func dupTo(oldfd, newfd int) error { return syscall.Dup3(oldfd, newfd, 0) }

// growPipe enlarges the pipe behind fd to 1 MiB so that a burst of output
// rarely waits for the reader.
func growPipe(fd int) {
	const fSetPipeSz = 1031
	syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), fSetPipeSz, 1<<20)
}
