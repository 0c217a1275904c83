package display

// MIMEMap maps a MIME type such as "text/html" to its content.
type MIMEMap = map[string]any

// Data is one displayable bundle: the data by MIME type, its metadata and
// transient fields (such as display_id), exactly as a Jupyter message carries
// them. It is an alias of a struct type so that packages can build one
// without importing this package.
type Data = struct {
	Data      MIMEMap
	Metadata  MIMEMap
	Transient MIMEMap
}
