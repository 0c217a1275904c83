// Package mathref holds each formula the lessons teach as LaTeX and as a
// literal, slow implementation written the way the formula reads. The
// implementations are the oracle that the fast layers in package nn are
// tested against.
package mathref
