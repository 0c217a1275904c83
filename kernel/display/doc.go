// Package display turns Go values into Jupyter MIME bundles.
//
// # Display by method set
//
// A value is shown by its method set: HTML() string, Markdown() string,
// Latex() string, SVG() string, PNG() []byte, JPEG() []byte, or being an
// image.Image. Libraries implement those methods without importing this
// package; [Render] finds them and always adds a text/plain form beside.
//
//	d := display.Render(fig) // fig has PNG() []byte → image/png + text/plain
//
// # Constructors
//
// Cells import this package as "display" and find the names gophernotes
// users know: [HTML], [Markdown], [Latex], [Math], [PNG], [JPEG], [SVG],
// [Image], [JSON], [MIME], [Any] and [Auto]. Each returns a [Data] bundle;
// a cell whose last expression is a Data shows it as the cell's result.
//
// # Display ids
//
// A bundle given an id with [WithID] (or [NewID]) can be replaced later
// in place: the kernel sends update_display_data for it.
package display
