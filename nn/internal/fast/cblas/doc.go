// Package cblas calls OpenBLAS's cblas_dgemm through cgo. It exists only
// to compare fast's pure-Go kernels with OpenBLAS: its code builds with the
// openblas tag (go test -tags openblas, Debian package libopenblas-dev),
// and without the tag the package is empty, so the default build needs no
// C toolchain. It is a separate package because a package using cgo cannot
// also hold Go assembly.
package cblas
