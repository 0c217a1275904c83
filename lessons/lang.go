package lessons

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stepwise-go/stepwise/viz"
)

// The languages the lessons speak. English is the default.
const (
	EN = "en" // English
	ZH = "zh" // Simplified Chinese
)

var lang atomic.Value // string

func init() {
	lang.Store(EN)
	if l := os.Getenv("STEPWISE_LANG"); l != "" {
		_ = SetLang(l)
	}
}

// SetLang switches every student-facing string of the lessons — walkthrough
// text, captions, checker feedback, hints, solutions and errors, and the
// captions and axis names viz writes by itself (viz.SetLang) — to lang,
// "en" or "zh" ("zh-CN", "zh_CN.UTF-8", "cn" and "chinese" mean "zh";
// "english" means "en"). An unknown language leaves the setting unchanged and
// returns an error naming the languages there are. The %lang magic calls it.
func SetLang(l string) error {
	norm, ok := normLang(l)
	if !ok {
		return fmt.Errorf("lessons: unknown language %q; use \"en\" (English) or \"zh\" (简体中文)", l)
	}
	lang.Store(norm)
	viz.SetLang(norm)
	return nil
}

// Lang returns the current language, "en" or "zh".
func Lang() string { return lang.Load().(string) }

func normLang(l string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "en", "en-us", "en_us", "en-gb", "en_gb", "english":
		return EN, true
	case "zh", "zh-cn", "zh_cn", "zh-hans", "zh_hans", "cn", "chinese", "中文", "简体中文":
		return ZH, true
	}
	return "", false
}

// Text is one student-facing string in both languages, written side by side
// in Go source so that neither is forgotten:
//
//	lessons.Text{EN: "Output size", ZH: "输出尺寸"}
//
// Its String method returns the current language's version (English when the
// Chinese one is missing, which the translation test reports).
type Text struct {
	EN string // English
	ZH string // Simplified Chinese
}

// String returns the text in the current language.
func (t Text) String() string { return t.In(Lang()) }

// In returns the text in language l ("en" or "zh"), falling back to English.
func (t Text) In(l string) string {
	if l == ZH && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Markdown returns the text in the current language; a Text is Markdown and
// displays as such when it is a cell's value.
func (t Text) Markdown() string { return t.String() }

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.EN == "" && t.ZH == "" }

// Catalog maps message keys to their text in both languages. Keys are
// namespaced by package, e.g. "conv.step.title"; values may contain fmt
// verbs, filled in by T.
type Catalog map[string]Text

var catalogs struct {
	sync.RWMutex
	all   map[string]Text
	owner map[string]string
}

// RegisterCatalog adds a package's messages under the given owner name (the
// package, e.g. "conv"), usually from an init function. A key registered
// twice is a programming error and panics.
func RegisterCatalog(owner string, c Catalog) {
	catalogs.Lock()
	defer catalogs.Unlock()
	if catalogs.all == nil {
		catalogs.all = map[string]Text{}
		catalogs.owner = map[string]string{}
	}
	for k, v := range c {
		if prev, dup := catalogs.owner[k]; dup {
			panic(fmt.Sprintf("lessons: message key %q registered by %s and again by %s", k, prev, owner))
		}
		catalogs.all[k] = v
		catalogs.owner[k] = owner
	}
}

// T returns the message key in the current language, formatted with args as
// by fmt.Sprintf when args are given. An unknown key is returned as
// ⟦key⟧, visible in the output and caught by the translation test.
func T(key string, args ...any) string {
	return TIn(Lang(), key, args...)
}

// TIn is T in language l.
func TIn(l, key string, args ...any) string {
	catalogs.RLock()
	t, ok := catalogs.all[key]
	catalogs.RUnlock()
	if !ok {
		return "⟦" + key + "⟧"
	}
	s := t.In(l)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// Message returns the registered Text for key and whether it exists.
func Message(key string) (Text, bool) {
	catalogs.RLock()
	defer catalogs.RUnlock()
	t, ok := catalogs.all[key]
	return t, ok
}

// MessageKeys returns every registered key, sorted.
func MessageKeys() []string {
	catalogs.RLock()
	defer catalogs.RUnlock()
	keys := make([]string, 0, len(catalogs.all))
	for k := range catalogs.all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
