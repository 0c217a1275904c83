// Package wire encodes and decodes Jupyter messages: the connection file,
// the multipart frames, and their HMAC-SHA256 signatures. It uses only the
// standard library and does no input/output of its own.
package wire
