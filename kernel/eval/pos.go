package eval

import "fmt"

// Every cell is parsed with a line directive that numbers its lines from
// seq*lineStride+1, so that a position yaegi reports (it prints only
// "LINE:COL") tells which cell it is in. Sequence 0 is the prelude.
const lineStride = 100000

// cellPos is a position decoded from yaegi's line numbering.
type cellPos struct {
	seq, line, col int
}

func decodePos(line, col int) cellPos {
	return cellPos{seq: line / lineStride, line: line % lineStride, col: col}
}

// directive returns the comment that makes the following text start at
// line 1 of cell seq.
func directive(seq int) string {
	return fmt.Sprintf("/*line _.go:%d:1*/", seq*lineStride+1)
}
