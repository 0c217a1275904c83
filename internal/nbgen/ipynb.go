package nbgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Notebook is an nbformat 4 notebook. Outputs and metadata stay generic
// maps, as Jupyter wrote them.
type Notebook struct {
	Cells         []*Cell        `json:"cells"`          // the cells in order
	Metadata      map[string]any `json:"metadata"`       // kernelspec, language_info, stepwise
	NBFormat      int            `json:"nbformat"`       // 4
	NBFormatMinor int            `json:"nbformat_minor"` // 5: cells have ids
}

// Cell is one notebook cell.
type Cell struct {
	Type     string         // "markdown" or "code"
	ID       string         // stable id (nbformat 4.5)
	Source   string         // the text
	Metadata map[string]any // cell metadata (tags, stepwise options)
	// Outputs and ExecutionCount belong to code cells.
	Outputs        []map[string]any // nbformat outputs, as Jupyter wrote them
	ExecutionCount *int             // In [n]; nil before execution
}

// MarshalJSON writes the cell the way nbformat does: keys sorted, the
// source split into lines, outputs and execution_count only on code cells.
func (c *Cell) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"cell_type": c.Type,
		"id":        c.ID,
		"metadata":  orEmpty(c.Metadata),
		"source":    splitLines(c.Source),
	}
	if c.Type == "code" {
		outs := c.Outputs
		if outs == nil {
			outs = []map[string]any{}
		}
		m["outputs"] = outs
		m["execution_count"] = c.ExecutionCount
	}
	return marshal(m)
}

// UnmarshalJSON reads a cell whose source is a string or a list of lines.
func (c *Cell) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type           string           `json:"cell_type"`
		ID             string           `json:"id"`
		Source         json.RawMessage  `json:"source"`
		Metadata       map[string]any   `json:"metadata"`
		Outputs        []map[string]any `json:"outputs"`
		ExecutionCount *int             `json:"execution_count"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	src, err := joinSource(raw.Source)
	if err != nil {
		return fmt.Errorf("cell %q: source: %w", raw.ID, err)
	}
	*c = Cell{Type: raw.Type, ID: raw.ID, Source: src, Metadata: raw.Metadata, Outputs: raw.Outputs, ExecutionCount: raw.ExecutionCount}
	return nil
}

// joinSource reads nbformat's multiline string: a string or a list of
// strings to concatenate.
func joinSource(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return "", err
	}
	return strings.Join(lines, ""), nil
}

// MultilineString reads an output field that nbformat stores as a string
// or a list of strings (text/plain, stream text, …).
func MultilineString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, s := range x {
			if str, ok := s.(string); ok {
				b.WriteString(str)
			}
		}
		return b.String()
	}
	return ""
}

func splitLines(s string) []string {
	lines := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Encode writes the notebook as nbformat does (one-space indent, sorted
// keys, no ASCII escaping, a final newline), so that a notebook written
// here and the same notebook rewritten by nbclient differ only where their
// content does.
func Encode(nb *Notebook) ([]byte, error) {
	compact, err := marshal(nb)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact, "", " "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// Decode reads a notebook.
func Decode(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("nbgen: not a notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("nbgen: nbformat %d, want 4", nb.NBFormat)
	}
	return &nb, nil
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
