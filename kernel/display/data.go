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

// MIME types the constructors produce.
const (
	MIMETypeHTML       = "text/html"
	MIMETypeJavaScript = "application/javascript"
	MIMETypeJPEG       = "image/jpeg"
	MIMETypeJSON       = "application/json"
	MIMETypeLatex      = "text/latex"
	MIMETypeMarkdown   = "text/markdown"
	MIMETypePNG        = "image/png"
	MIMETypePDF        = "application/pdf"
	MIMETypeSVG        = "image/svg+xml"
	MIMETypeText       = "text/plain"
)
