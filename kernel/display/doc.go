// Package display turns Go values into Jupyter MIME bundles.
//
// A value is shown by its method set: HTML() string, Markdown() string,
// Latex() string, SVG() string, PNG() []byte, JPEG() []byte, or being an
// image.Image. Libraries implement those methods without importing this
// package. Cells import it as "display" and find the names gophernotes users
// know (HTML, Markdown, Latex, Math, PNG, JPEG, SVG, Image, JSON, MIME, Any,
// Auto and Display).
package display
