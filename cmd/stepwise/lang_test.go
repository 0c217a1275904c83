package main

import (
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
)

// TestAllTranslated runs the translation check over everything the
// binary registers — the framework and every content package (the symbol
// tables import them all): in zh mode no student-facing message, exercise
// or lesson text may be left in English, and the terminology table holds.
func TestAllTranslated(t *testing.T) {
	for _, p := range lessons.Untranslated() {
		t.Error(p)
	}
	if len(lessons.Lessons()) == 0 {
		t.Error("no lesson registered: the content packages are not linked in")
	}
}
