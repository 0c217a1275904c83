package nbgen

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Languages of the generated notebooks.
const (
	EN = "en"
	ZH = "zh"
)

// Source is a parsed notebook source, notebooks/src/NN-name.md.
type Source struct {
	// Name is the file name without .md, e.g. "00-welcome"; the
	// notebooks are Name.ipynb and zh/Name.ipynb.
	Name string
	// Title is the notebook's title in each language (front matter
	// "title" and "title_zh").
	Title map[string]string
	// Lesson is the lessons.Lesson the notebook belongs to (front matter
	// "lesson"; Name by default).
	Lesson string
	// Cells are the cells in order.
	Cells []SrcCell
}

// SrcCell is one cell of a source.
type SrcCell struct {
	// Code is true for a code cell.
	Code bool
	// Line is the cell's first line in the source file.
	Line int
	// Text is a markdown cell's text by language, or a code cell's code
	// under both languages.
	Text map[string]string
	// Opts are a code cell's options from its fence.
	Opts Opts
}

// Opts are the options of a code cell, written after go in its fence:
//
//	```go expect=image/png,text/html error interrupt=2 skip id=first-plot timeout=120
type Opts struct {
	// Expect lists MIME types that must appear in the cell's outputs.
	Expect []string
	// Error marks a cell that is expected to fail (for teaching); it gets
	// the "raises-exception" tag.
	Error bool
	// Interrupt, if positive, makes the test runner interrupt the kernel
	// that many seconds into the cell (the interrupt demo); implies Error.
	Interrupt float64
	// Skip marks a cell the runner does not execute (it reads standard
	// input, say); it gets the "skip-execution" tag.
	Skip bool
	// ID overrides the generated cell id.
	ID string
	// Timeout overrides the runner's per-cell timeout, in seconds.
	Timeout int
}

// Markers in the prose.
const (
	markEN   = "<!-- en -->"
	markZH   = "<!-- zh -->"
	markBoth = "<!-- both -->"
	markCell = "<!-- cell -->"
)

var reGoFence = regexp.MustCompile("^```go(\\s.*)?$")

// Parse reads a notebook source. name is its file name (the directory and
// the .md are dropped). Errors carry the line number.
func Parse(name string, src string) (*Source, error) {
	base := strings.TrimSuffix(filepath.Base(name), ".md")
	s := &Source{Name: base, Lesson: base, Title: map[string]string{}}
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	start, err := s.frontMatter(lines)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &parser{src: s}
	if err := p.run(lines, start); err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	if s.Title[EN] == "" || s.Title[ZH] == "" {
		return nil, fmt.Errorf("%s: front matter needs title and title_zh", name)
	}
	return s, nil
}

// frontMatter reads "key: value" lines between two "---" lines at the top.
func (s *Source) frontMatter(lines []string) (int, error) {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return 0, fmt.Errorf("missing front matter (--- title: … title_zh: … ---)")
	}
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" {
			return i + 1, nil
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return 0, fmt.Errorf("line %d: front matter wants key: value, got %q", i+1, l)
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "title":
			s.Title[EN] = v
		case "title_zh":
			s.Title[ZH] = v
		case "lesson":
			s.Lesson = v
		default:
			return 0, fmt.Errorf("line %d: unknown front matter key %q (title, title_zh, lesson)", i+1, k)
		}
	}
	return 0, fmt.Errorf("front matter not closed by ---")
}

type segment struct {
	lang  string // "", EN or ZH
	line  int
	lines []string
}

type parser struct {
	src  *Source
	segs []segment
}

func (p *parser) run(lines []string, start int) error {
	lang := ""
	inFence := "" // the fence of a prose code block (``` or ~~~)
	for i := start; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		if inFence != "" {
			if strings.HasPrefix(trim, inFence) {
				inFence = ""
			}
			p.add(lang, i+1, line)
			continue
		}
		switch {
		case reGoFence.MatchString(line):
			if err := p.flush(); err != nil {
				return err
			}
			lang = ""
			cell, next, err := codeCell(lines, i)
			if err != nil {
				return err
			}
			p.src.Cells = append(p.src.Cells, cell)
			i = next
			continue
		case trim == markEN:
			lang = EN
			p.segs = append(p.segs, segment{lang: EN, line: i + 1})
			continue
		case trim == markZH:
			lang = ZH
			p.segs = append(p.segs, segment{lang: ZH, line: i + 1})
			continue
		case trim == markBoth:
			lang = ""
			continue
		case trim == markCell:
			if err := p.flush(); err != nil {
				return err
			}
			lang = ""
			continue
		case strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~"):
			inFence = trim[:3]
		}
		p.add(lang, i+1, line)
	}
	if inFence != "" {
		return fmt.Errorf(" a code block (%s) is not closed", inFence)
	}
	return p.flush()
}

func (p *parser) add(lang string, line int, text string) {
	if n := len(p.segs); n == 0 || p.segs[n-1].lang != lang {
		p.segs = append(p.segs, segment{lang: lang, line: line})
	}
	p.segs[len(p.segs)-1].lines = append(p.segs[len(p.segs)-1].lines, text)
}

// flush turns the prose read since the last cell into a markdown cell.
func (p *parser) flush() error {
	segs := p.segs
	p.segs = nil
	text := map[string][]string{EN: nil, ZH: nil}
	has := map[string]bool{}
	first := 0
	for _, s := range segs {
		body := strings.TrimSpace(strings.Join(s.lines, "\n"))
		if s.lang == "" && body == "" {
			continue
		}
		if first == 0 {
			first = s.line
		}
		if s.lang == "" {
			if w := englishWords(body); len(w) >= 3 {
				return fmt.Errorf("%d: shared prose has English words (%s): put it after %s and its translation after %s", s.line, strings.Join(w[:3], " "), markEN, markZH)
			}
			text[EN] = append(text[EN], body)
			text[ZH] = append(text[ZH], body)
			continue
		}
		if body == "" {
			continue
		}
		has[s.lang] = true
		text[s.lang] = append(text[s.lang], body)
	}
	if first == 0 {
		return nil
	}
	if has[EN] != has[ZH] {
		missing := "Chinese (" + markZH + ")"
		if has[ZH] {
			missing = "English (" + markEN + ")"
		}
		return fmt.Errorf("%d: this prose lacks its %s version", first, missing)
	}
	zh := strings.Join(text[ZH], "\n\n")
	if has[ZH] && !hasHan(zh) {
		return fmt.Errorf("%d: the Chinese version has no Chinese", first)
	}
	p.src.Cells = append(p.src.Cells, SrcCell{Line: first, Text: map[string]string{
		EN: strings.Join(text[EN], "\n\n"), ZH: zh,
	}})
	return nil
}

var (
	reNotProse = regexp.MustCompile("```[\\s\\S]*?```|~~~[\\s\\S]*?~~~|`[^`]*`|\\$\\$[\\s\\S]*?\\$\\$|\\$[^$\\n]*\\$|<[^>]*>|\\]\\([^)]*\\)|https?://\\S+")
	reEnWord   = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// englishWords returns the English words of a text outside code,
// formulas, tags and link targets.
func englishWords(s string) []string {
	return reEnWord.FindAllString(reNotProse.ReplaceAllString(s, " "), -1)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// codeCell reads a ```go block starting at line i; it returns the cell
// and the index of the closing fence.
func codeCell(lines []string, i int) (SrcCell, int, error) {
	opts, err := parseOpts(strings.TrimSpace(strings.TrimPrefix(lines[i], "```go")))
	if err != nil {
		return SrcCell{}, 0, fmt.Errorf("%d: %w", i+1, err)
	}
	var code []string
	for j := i + 1; j < len(lines); j++ {
		if strings.TrimRight(lines[j], " \t") == "```" {
			src := strings.TrimRight(strings.Join(code, "\n"), "\n ")
			if strings.TrimSpace(src) == "" {
				return SrcCell{}, 0, fmt.Errorf("%d: empty code cell", i+1)
			}
			return SrcCell{Code: true, Line: i + 1, Text: map[string]string{EN: src, ZH: src}, Opts: opts}, j, nil
		}
		code = append(code, lines[j])
	}
	return SrcCell{}, 0, fmt.Errorf("%d: code cell not closed by ```", i+1)
}

var reMIME = regexp.MustCompile(`^[a-z]+/[a-z0-9.+-]+$`)

func parseOpts(s string) (Opts, error) {
	var o Opts
	for _, f := range strings.Fields(s) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "expect":
			for _, m := range strings.Split(v, ",") {
				if !reMIME.MatchString(m) {
					return o, fmt.Errorf("expect=%s: %q is not a MIME type like image/png", v, m)
				}
				o.Expect = append(o.Expect, m)
			}
		case "error":
			o.Error = true
		case "skip":
			o.Skip = true
		case "interrupt":
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n <= 0 {
				return o, fmt.Errorf("interrupt=%s: want seconds > 0", v)
			}
			o.Interrupt, o.Error = n, true
		case "timeout":
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return o, fmt.Errorf("timeout=%s: want whole seconds > 0", v)
			}
			o.Timeout = n
		case "id":
			if !regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`).MatchString(v) {
				return o, fmt.Errorf("id=%s: letters, digits, - and _ only", v)
			}
			o.ID = v
		default:
			return o, fmt.Errorf("unknown cell option %q (expect=, error, interrupt=, skip, id=, timeout=)", f)
		}
	}
	return o, nil
}
