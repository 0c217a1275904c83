package lessons

// Markdown is Markdown text (with $…$ and $$…$$ LaTeX) that displays as
// such in a cell.
type Markdown string

// Markdown returns the text.
func (m Markdown) Markdown() string { return string(m) }

// String returns the text.
func (m Markdown) String() string { return string(m) }
