package rnn

import (
	_ "embed"
	"sort"
	"strings"

	"github.com/stepwise-go/stepwise/lessons"
)

//go:embed data/gettysburg.txt
var gettysburgFile string

// Gettysburg returns Abraham Lincoln's Gettysburg Address (1863, public
// domain), the real text notebook 03 runs on: the copy in Go's source tree
// ($GOROOT/src/compress/testdata/gettysburg.txt, see data/README.md)
// without its attribution line, in lower case, with every run of spaces
// and line breaks made one space. It holds 1 467 characters of 27 kinds.
func Gettysburg() string {
	speech, _, _ := strings.Cut(gettysburgFile, "\nAbraham Lincoln")
	return strings.Join(strings.Fields(strings.ToLower(speech)), " ")
}

// Chars splits a text into its characters, one token per time step.
func Chars(text string) []string {
	var out []string
	for _, r := range text {
		out = append(out, string(r))
	}
	return out
}

// Alphabet returns the distinct characters of text, sorted: the classes
// of a character-level model.
func Alphabet(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range Chars(text) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// OneHot encodes text as a (T, len(alphabet)) sequence: row t has a 1 at
// the position of character t in alphabet and 0 elsewhere. A character
// not in the alphabet stops with a message naming it.
func OneHot(text string, alphabet []string) [][]float64 {
	index := map[string]int{}
	for i, a := range alphabet {
		index[a] = i
	}
	var out [][]float64
	for t, c := range Chars(text) {
		i, ok := index[c]
		if !ok {
			fail("rnn.input.char", c, t, strings.Join(shownTokens(alphabet), ""))
		}
		row := make([]float64, len(alphabet))
		row[i] = 1
		out = append(out, row)
	}
	if len(out) == 0 {
		fail("rnn.input.emptyText")
	}
	return out
}

func init() {
	lessons.RegisterCatalog("rnn-text", lessons.Catalog{
		"rnn.input.char": {
			EN: "the character %q (position %d) is not in the alphabet %s.",
			ZH: "字符 %q（位置 %d）不在字母表 %s 中。"},
		"rnn.input.emptyText": {
			EN: "the text is empty: expected at least one character.",
			ZH: "文本是空的：至少需要一个字符。"},
	})
}
