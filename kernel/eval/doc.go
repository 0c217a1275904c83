// Package eval runs notebook cells of Go source in the yaegi interpreter.
//
// It splits a cell into imports, declarations and statements, rewrites the
// constructs yaegi gets silently wrong, evaluates the pieces in order, turns
// panics and compile errors into errors that point at the cell's line, and
// answers completion, inspection and is_complete questions.
package eval
