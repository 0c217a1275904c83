package mathref

import (
	"fmt"
	"math"
	"strings"
)

var negInf = math.Inf(-1)

// Erratum is a common wrong presentation of a formula or a line of code,
// with the correct form, the reason, the authority and a demonstration that
// runs both side by side on small numbers.
type Erratum struct {
	// ID is the stable key used by ErratumByID, e.g. "attention-double-softmax".
	ID string
	// Seed names the point of the seed document's checked list (C1 … C6)
	// this erratum belongs to, or "" for a classic error found elsewhere.
	Seed string
	// InSeed is true when the seed document itself makes this error; false
	// when the seed gets it right or does not show the code, and the
	// erratum is listed as a pitfall next to it.
	InSeed bool
	// Title says what goes wrong, in a few words.
	Title string
	// Lang is "tex" when Wrong and Right are TeX display-math bodies (no
	// delimiters) and "python" when they are PyTorch code.
	Lang string
	// Wrong is the erroneous form as it is commonly written.
	Wrong string
	// Right is the correct form.
	Right string
	// Why explains the error in one line.
	Why string
	// Source is the authority for Right: a PyTorch documentation URL, a
	// paper and equation, or a d2l section.
	Source string
	// Notes are further, smaller remarks about the same passage.
	Notes []string
	// Demo runs the wrong and the right form on the same small input.
	Demo func() Demo
}

// Demo is an erratum's side-by-side run: the input, and what each form
// computes from it.
type Demo struct {
	Input string // the small example both forms run on
	Wrong string // what the wrong form computes (or the error it raises)
	Right string // what the right form computes
}

// String lays the demonstration out on three lines.
func (d Demo) String() string {
	return "input: " + d.Input + "\nwrong: " + d.Wrong + "\nright: " + d.Right
}

// Errata returns every erratum: the seed document's errors in the order of
// its sections (C1 … C6), then the classic ones.
func Errata() []Erratum {
	var all []Erratum
	for _, group := range [][]Erratum{convErrata(), rnnErrata(), attentionErrata(), cnnErrata(),
		lstmErrata(), attentionModuleErrata(), classicErrata()} {
		all = append(all, group...)
	}
	return all
}

// ErratumByID returns the erratum with the given ID and whether it exists.
func ErratumByID(id string) (Erratum, bool) {
	for _, e := range Errata() {
		if e.ID == id {
			return e, true
		}
	}
	return Erratum{}, false
}

// Markdown renders the erratum for a notebook: title, wrong and right forms
// (as display math or Python code), why, the demonstration's output and the
// source.
func (e Erratum) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**", e.Title)
	if e.Seed != "" {
		where := "next to seed point " + e.Seed
		if e.InSeed {
			where = "seed point " + e.Seed
		}
		fmt.Fprintf(&b, " (%s)", where)
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "✗ Wrong:\n\n%s\n\n✓ Right:\n\n%s\n\n", e.block(e.Wrong), e.block(e.Right))
	fmt.Fprintf(&b, "Why: %s\n\n", e.Why)
	for _, n := range e.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	if len(e.Notes) > 0 {
		b.WriteString("\n")
	}
	if e.Demo != nil {
		fmt.Fprintf(&b, "```text\n%s\n```\n\n", e.Demo())
	}
	fmt.Fprintf(&b, "Source: %s\n", e.Source)
	return b.String()
}

func (e Erratum) block(s string) string {
	if e.Lang == "tex" {
		return "$$" + s + "$$"
	}
	return "```python\n" + s + "\n```"
}

// String returns the ID and title.
func (e Erratum) String() string { return e.ID + ": " + e.Title }

// txt formats a tensor on one line for the demonstrations: integers as
// they are, other values with three decimals.
func txt(t Tensor) string {
	for _, v := range t.Data {
		if !math.IsInf(v, 0) && !math.IsNaN(v) && v != math.Trunc(v) {
			return oneLine(t.Text(3))
		}
	}
	return oneLine(t.String())
}

// oneLine joins a multi-line tensor printout into one line.
func oneLine(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "[ ", "[")
}

// catchPanic runs f and returns the panic message, or "" if it did not panic.
func catchPanic(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
