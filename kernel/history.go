package kernel

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// historySession is the session number history replies carry: stepwise
// keeps the history of the running process only, in memory, as one session.
const historySession = 1

const (
	maxHistory       = 10000 // entries kept; older ones are forgotten
	maxHistoryOutput = 4096  // bytes of a result kept for output=true
)

type histEntry struct {
	line          int
	input, output string
	hasOutput     bool
}

// history is the in-memory record of the cells run with store_history.
type history struct {
	mu      sync.Mutex
	entries []histEntry
}

func newHistory() *history { return &history{} }

func (h *history) add(line int, input, output string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.entries) >= maxHistory {
		h.entries = append(h.entries[:0], h.entries[len(h.entries)-maxHistory+1:]...)
	}
	h.entries = append(h.entries, histEntry{line: line, input: input, output: cutUTF8(output, maxHistoryOutput), hasOutput: output != ""})
}

// query answers a history_request: tail, range or search.
func (h *history) query(req historyRequest) ([][]any, error) {
	h.mu.Lock()
	all := append([]histEntry(nil), h.entries...)
	h.mu.Unlock()
	var sel []histEntry
	switch req.HistAccessType {
	case "tail":
		n := 10
		if req.N != nil {
			n = *req.N
		}
		sel = all[len(all)-min(max(n, 0), len(all)):]
	case "range":
		if req.Session != 0 && req.Session != historySession {
			break // only the current session is kept
		}
		for _, e := range all {
			if (req.Start == nil || e.line >= *req.Start) && (req.Stop == nil || *req.Stop <= 0 || e.line < *req.Stop) {
				sel = append(sel, e)
			}
		}
	case "search":
		pattern := req.Pattern
		if pattern == "" {
			pattern = "*"
		}
		re, err := globRegexp(pattern)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for i := len(all) - 1; i >= 0; i-- { // newest first, for unique and n
			e := all[i]
			if !re.MatchString(e.input) || req.Unique && seen[e.input] {
				continue
			}
			seen[e.input] = true
			sel = append(sel, e)
			if req.N != nil && *req.N > 0 && len(sel) == *req.N {
				break
			}
		}
		for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
			sel[i], sel[j] = sel[j], sel[i]
		}
	default:
		return nil, fmt.Errorf("hist_access_type %q: want \"tail\", \"range\" or \"search\"", req.HistAccessType)
	}
	out := make([][]any, 0, len(sel))
	for _, e := range sel {
		if req.Output {
			var o any
			if e.hasOutput {
				o = e.output
			}
			out = append(out, []any{historySession, e.line, []any{e.input, o}})
		} else {
			out = append(out, []any{historySession, e.line, e.input})
		}
	}
	return out, nil
}

// globRegexp turns a glob (*, ?, [...]) matched against the whole input,
// as IPython's history search does, into a regular expression.
func globRegexp(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	g := []rune(glob)
	for i := 0; i < len(g); i++ {
		switch c := g[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := i + 1
			for j < len(g) && g[j] != ']' {
				j++
			}
			if j == len(g) {
				b.WriteString(`\[`)
				continue
			}
			class := string(g[i+1 : j])
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i = j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("history search pattern %q: %v", glob, err)
	}
	return re, nil
}
