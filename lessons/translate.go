package lessons

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Untranslated returns every problem with the Chinese side of the lessons,
// one line each; an empty result means zh mode shows no English prose.
// It checks every registered catalog message and every registered
// exercise's and lesson's texts:
//
//   - both languages are present;
//   - the Chinese version contains Chinese when the English one is prose;
//   - both versions of a catalog message have the same number of fmt
//     verbs;
//   - a term of the terminology table enforced (Term.Enforce) and used in
//     the English prose appears, as the table says, in the Chinese one
//     (or stays in English there, as a name from code does). Code is not
//     prose: `quoted`, $math$, calls f(x), k=v and dotted or snake_case
//     names are skipped.
//
// Content packages call it from a test after their init has registered
// their catalogs and exercises.
func Untranslated() []string {
	var out []string
	for _, k := range MessageKeys() {
		t, _ := Message(k)
		out = append(out, checkText("message "+k, t, true)...)
	}
	for _, e := range Exercises() {
		s := e.spec
		out = append(out, CheckText("exercise "+s.ID+" title", s.Title)...)
		out = append(out, CheckText("exercise "+s.ID+" prompt", s.Prompt)...)
		for i, h := range s.Hints {
			out = append(out, CheckText(fmt.Sprintf("exercise %s hint %d", s.ID, i+1), h)...)
		}
		if !s.Solution.IsZero() {
			out = append(out, CheckText("exercise "+s.ID+" solution", s.Solution)...)
		}
	}
	for _, t := range terms {
		if !t.Note.IsZero() {
			out = append(out, CheckText("term "+t.EN+" note", t.Note)...)
		}
	}
	for _, l := range Lessons() {
		out = append(out, CheckText("lesson "+l.Name+" title", l.Title)...)
		if !l.Summary.IsZero() {
			out = append(out, CheckText("lesson "+l.Name+" summary", l.Summary)...)
		}
	}
	sort.Strings(out)
	return out
}

var (
	reVerb     = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[vTtbcdoOqxXUeEfFgGsp]`)
	reCodeMath = regexp.MustCompile("```[\\s\\S]*?```|`[^`]*`|\\$\\$[\\s\\S]*?\\$\\$|\\$[^$]*\\$|%(\\[\\d+\\])?[-+# 0]*\\d*(\\.\\d+)?[a-zA-Z]|<[^>]*>|https?://\\S+|" +
		// code written without backticks: calls, keyword arguments, dotted or snake_case names
		"[\\w.]+\\([^()]*\\)|\\w+=\\S+|\\w*[._]\\w[\\w.]*")
	reWord = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// CheckText checks one bilingual text as Untranslated checks exercise
// texts (everything but the fmt verbs, which only catalog messages have)
// and returns its problems, each prefixed with where.
func CheckText(where string, t Text) []string { return checkText(where, t, false) }

func checkText(where string, t Text, verbs bool) []string {
	var out []string
	switch {
	case t.EN == "" && t.ZH == "":
		return nil
	case t.EN == "":
		return []string{where + ": English missing"}
	case t.ZH == "":
		return []string{where + ": Chinese missing (EN: " + short(t.EN) + ")"}
	}
	prose := reCodeMath.ReplaceAllString(t.EN, " ")
	if len(reWord.FindAllString(prose, -1)) >= 2 && !hasHan(t.ZH) {
		out = append(out, where+": Chinese version has no Chinese: "+short(t.ZH))
	}
	if ne, nz := len(reVerb.FindAllString(t.EN, -1)), len(reVerb.FindAllString(t.ZH, -1)); verbs && ne != nz {
		out = append(out, fmt.Sprintf("%s: %d fmt verbs in English but %d in Chinese", where, ne, nz))
	}
	for _, term := range terms {
		if term.Enforce && containsTerm(prose, term.EN) && !usesTerm(t.ZH, term) {
			out = append(out, fmt.Sprintf("%s: English says %q, Chinese lacks the table's %q: %s", where, term.EN, term.ZH, short(t.ZH)))
		}
	}
	return out
}

// usesTerm reports whether a Chinese text uses the term: its Chinese
// form, an accepted variant, or the English word itself (a name from code).
func usesTerm(zh string, term Term) bool {
	zh = strings.ToLower(zh)
	for _, f := range append([]string{term.ZH, term.EN}, term.Also...) {
		if strings.Contains(zh, strings.ToLower(f)) {
			return true
		}
	}
	return false
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// containsTerm reports whether text uses term as a word (or its plural),
// ignoring case.
func containsTerm(text, term string) bool {
	text, term = strings.ToLower(text), strings.ToLower(term)
	forms := []string{term, term + "s", term + "es"}
	if strings.HasSuffix(term, "y") {
		forms = append(forms, term[:len(term)-1]+"ies")
	}
	for _, f := range forms {
		for i := 0; ; {
			j := strings.Index(text[i:], f)
			if j < 0 {
				break
			}
			j += i
			end := j + len(f)
			if (j == 0 || !isWordByte(text[j-1])) && (end == len(text) || !isWordByte(text[end])) {
				return true
			}
			i = j + 1
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
