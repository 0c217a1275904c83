// Package kernel is a Jupyter kernel for Go: it speaks the Jupyter messaging
// protocol 5.3 over ZeroMQ and runs cells in package eval's interpreter.
package kernel
