// Package interrupt lets long-running compiled code that a notebook cell
// calls — a training loop, say — notice that the student pressed the
// notebook's Interrupt button.
//
// The interpreter stops interpreted code by itself, but it cannot stop a
// compiled function in the middle: such a function checks Requested (or
// Err) between steps and returns early. The kernel calls Raise when an
// interrupt arrives and Clear before each cell. Outside a kernel nothing
// calls Raise, so Requested stays false.
//
// This package imports only the standard library, so both the kernel and
// the lessons may use it without depending on each other.
package interrupt
