package lessons

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Lesson ties a notebook to its exercises. Name is the notebook's file name
// without extension ("01-convolution"); the grader reads it from a
// submitted notebook's metadata to know which exercises to grade.
type Lesson struct {
	Name      string      // the notebook's name, e.g. "01-convolution"
	Title     Text        // the title, in both languages
	Summary   Text        // one or two sentences: what the lesson covers
	Exercises []*Exercise // the exercises the grader grades, in order
}

var registry struct {
	sync.Mutex
	byName map[string]*Lesson
}

// Register adds a lesson, usually from a content package's init, and
// returns it. A duplicate name is a programming error and panics.
func Register(l *Lesson) *Lesson {
	registry.Lock()
	defer registry.Unlock()
	if registry.byName == nil {
		registry.byName = map[string]*Lesson{}
	}
	if _, dup := registry.byName[l.Name]; dup {
		panic("lessons: lesson registered twice: " + l.Name)
	}
	registry.byName[l.Name] = l
	return l
}

// Lessons returns every registered lesson, sorted by name (so by number).
func Lessons() []*Lesson {
	registry.Lock()
	defer registry.Unlock()
	out := make([]*Lesson, 0, len(registry.byName))
	for _, l := range registry.byName {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find returns the lesson named name: its full name ("01-convolution"), its
// number ("01" or "1") or the name without the number ("convolution").
func Find(name string) (*Lesson, bool) {
	for _, l := range Lessons() {
		if MatchName(l.Name, name) {
			return l, true
		}
	}
	return nil, false
}

// MatchName reports whether query names the lesson or notebook full:
// the full name, its number with or without leading zeros, or the part
// after the number.
func MatchName(full, query string) bool {
	query = strings.TrimSuffix(strings.TrimSuffix(query, ".ipynb"), ".md")
	if full == query {
		return true
	}
	num, rest, ok := strings.Cut(full, "-")
	if !ok {
		return false
	}
	if rest == query {
		return true
	}
	a, err1 := strconv.Atoi(num)
	b, err2 := strconv.Atoi(query)
	return err1 == nil && err2 == nil && a == b
}

// Markdown shows the lesson's title, summary and exercises.
func (l *Lesson) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", l.Title, l.Summary)
	if len(l.Exercises) > 0 {
		fmt.Fprintf(&b, "**%s**\n\n", T("lessons.ex.list"))
		for _, e := range l.Exercises {
			fmt.Fprintf(&b, "- %s (`%s`)\n", e.Title(), e.ID())
		}
	}
	return b.String()
}
