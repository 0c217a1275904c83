package rnn

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/mathref"
)

var reNumber = regexp.MustCompile(`-?\d+\.\d+`)

func numbers(s string) []string {
	n := reNumber.FindAllString(s, -1)
	sort.Strings(n)
	return n
}

// The Chinese demonstrations compute the same numbers as mathref's own.
func TestErrataDemosMatchMathref(t *testing.T) {
	for _, id := range ErrataIDs() {
		e, ok := mathref.ErratumByID(id)
		if !ok {
			t.Fatalf("mathref has no erratum %s", id)
		}
		en, zh := e.Demo(), zhErrata[id].demo()
		for _, p := range [][2]string{{en.Input, zh.Input}, {en.Wrong, zh.Wrong}, {en.Right, zh.Right}} {
			if a, b := numbers(p[0]), numbers(p[1]); strings.Join(a, " ") != strings.Join(b, " ") {
				t.Errorf("%s: mathref's demo has numbers %v (%q), the Chinese one %v (%q)", id, a, p[0], b, p[1])
			}
		}
		if len(e.Notes) != len(zhErrata[id].notes) {
			t.Errorf("%s: %d notes in mathref, %d translated", id, len(e.Notes), len(zhErrata[id].notes))
		}
	}
}

// Every English phrase the Chinese forms replace still occurs in mathref's
// errata, and the Chinese view of each erratum has its forms translated.
func TestErrataFormsTranslated(t *testing.T) {
	var all strings.Builder
	for _, id := range ErrataIDs() {
		e, _ := mathref.ErratumByID(id)
		all.WriteString(e.Wrong + "\n" + e.Right + "\n")
	}
	for i := 0; i < len(zhFormParts); i += 2 {
		if !strings.Contains(all.String(), zhFormParts[i]) {
			t.Errorf("mathref's errata no longer contain %q", zhFormParts[i])
		}
	}
	lessons.SetLang("zh")
	defer lessons.SetLang("en")
	md := ErrataFor("").Markdown()
	for _, en := range []string{"Wrong:", "Why:", "Demonstration", "(read as", "# or ", "one bias", "padding steps"} {
		if strings.Contains(md, en) {
			t.Errorf("the Chinese errata still say %q", en)
		}
	}
	if !strings.Contains(md, "错误") || !strings.Contains(md, "偏置") {
		t.Error("the Chinese errata are not in Chinese")
	}
}

func TestErrataEnglishIsMathrefs(t *testing.T) {
	v := Erratum("rnn-vague-form")
	md := v.Markdown()
	for _, s := range []string{v.E.Title, v.E.Why, v.E.Wrong, v.E.Right, v.E.Demo().Wrong} {
		if !strings.Contains(md, s) {
			t.Errorf("the English view lacks mathref's %q", s)
		}
	}
}
