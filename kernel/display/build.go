package display

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // DecodeConfig of GIF bytes given to Auto
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
)

// MakeData returns a bundle holding data as mimeType, with a text/plain form.
func MakeData(mimeType string, data any) Data {
	d := Data{Data: MIMEMap{mimeType: data}}
	return withText(d, data)
}

// MakeData3 returns a bundle holding data as mimeType and plain as its
// text/plain form.
func MakeData3(mimeType, plain string, data any) Data {
	return Data{Data: MIMEMap{MIMETypeText: plain, mimeType: data}}
}

// MIME returns a bundle with the given data and metadata maps.
func MIME(data, metadata MIMEMap) Data {
	return withText(Data{Data: data, Metadata: metadata}, nil)
}

// HTML shows s as HTML.
func HTML(s string) Data { return MakeData3(MIMETypeHTML, s, s) }

// Markdown shows s as Markdown.
func Markdown(s string) Data { return MakeData3(MIMETypeMarkdown, s, s) }

// Latex shows s as inline LaTeX, between single dollars.
func Latex(s string) Data {
	return MakeData3(MIMETypeLatex, s, "$"+strings.Trim(s, "$")+"$")
}

// Math shows s as a displayed LaTeX formula, between double dollars.
func Math(s string) Data {
	return MakeData3(MIMETypeLatex, s, "$$"+strings.Trim(s, "$")+"$$")
}

// JavaScript sends s as application/javascript.
func JavaScript(s string) Data { return MakeData3(MIMETypeJavaScript, s, s) }

// SVG shows s, an SVG document, as an image.
func SVG(s string) Data { return MakeData3(MIMETypeSVG, "<SVG image>", s) }

// PNG shows b, PNG-encoded bytes, as an image.
func PNG(b []byte) Data { return imageData(MIMETypePNG, b) }

// JPEG shows b, JPEG-encoded bytes, as an image.
func JPEG(b []byte) Data { return imageData(MIMETypeJPEG, b) }

// PDF sends b as application/pdf.
func PDF(b []byte) Data {
	return MakeData3(MIMETypePDF, fmt.Sprintf("<PDF, %d bytes>", len(b)), b)
}

// Image shows img, encoded as PNG.
func Image(img image.Image) Data {
	b, err := encodePNG(img)
	if err != nil {
		return errData(err)
	}
	return imageData(MIMETypePNG, b)
}

// JSON shows v as application/json, with indented JSON as text/plain.
func JSON(v map[string]any) Data {
	text, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return errData(fmt.Errorf("display.JSON: %w", err))
	}
	return MakeData3(MIMETypeJSON, string(text), v)
}

// String returns a bundle holding s as mimeType.
func String(mimeType, s string) Data { return MakeData3(mimeType, s, s) }

// Bytes returns a bundle holding b as mimeType; an empty mimeType is
// detected from the content.
func Bytes(mimeType string, b []byte) Data { return Any(mimeType, b) }

// File reads path and shows it as mimeType (detected when empty).
func File(mimeType, path string) Data {
	b, err := os.ReadFile(path)
	if err != nil {
		return errData(err)
	}
	return Any(mimeType, b)
}

// Auto is Any with the MIME type detected from v.
func Auto(v any) Data { return Any("", v) }

// Any shows v as mimeType. A value with a display method set is rendered by
// it (see Render); a string is taken as text of mimeType, and []byte, an
// io.Reader or an io.WriterTo as bytes whose type is detected when mimeType
// is empty.
func Any(mimeType string, v any) Data {
	if IsRich(v) {
		return Render(v)
	}
	var b []byte
	switch x := v.(type) {
	case string:
		if mimeType == "" {
			mimeType = MIMETypeText
		}
		return MakeData3(mimeType, x, x)
	case []byte:
		b = x
	case io.WriterTo:
		var buf bytes.Buffer
		if _, err := x.WriteTo(&buf); err != nil {
			return errData(err)
		}
		b = buf.Bytes()
	case io.Reader:
		var err error
		if b, err = io.ReadAll(x); err != nil {
			return errData(err)
		}
	default:
		return Render(v)
	}
	if mimeType == "" {
		mimeType = http.DetectContentType(b)
		if i := strings.IndexByte(mimeType, ';'); i >= 0 {
			mimeType = mimeType[:i]
		}
	}
	switch {
	case strings.HasPrefix(mimeType, "image/") && mimeType != MIMETypeSVG:
		return imageData(mimeType, b)
	case strings.HasPrefix(mimeType, "text/") || mimeType == MIMETypeSVG:
		return MakeData3(mimeType, string(b), string(b))
	}
	return MakeData3(mimeType, fmt.Sprintf("<%s, %d bytes>", mimeType, len(b)), b)
}

// imageData builds an image bundle with its size in the metadata.
func imageData(mimeType string, b []byte) Data {
	d := Data{Data: MIMEMap{}}
	addImageBytes(&d, mimeType, b)
	return withText(d, nil)
}

// addImageBytes adds encoded image bytes and, when they decode, the image's
// width and height as metadata and in the text/plain form.
func addImageBytes(d *Data, mimeType string, b []byte) {
	d.Data[mimeType] = b
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return
	}
	if d.Metadata == nil {
		d.Metadata = MIMEMap{}
	}
	d.Metadata[mimeType] = map[string]any{"width": cfg.Width, "height": cfg.Height}
	if _, ok := d.Data[MIMETypeText]; !ok {
		d.Data[MIMETypeText] = fmt.Sprintf("<%s image %d×%d>", strings.ToUpper(strings.TrimPrefix(mimeType, "image/")), cfg.Width, cfg.Height)
	}
}

func encodePNG(img image.Image) ([]byte, error) {
	if img == nil {
		return nil, fmt.Errorf("display: nil image")
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("display: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// EncodeJPEG encodes img as JPEG at the given quality (1–100).
func EncodeJPEG(img image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("display: encoding JPEG: %w", err)
	}
	return buf.Bytes(), nil
}

// errData is the bundle shown when a constructor fails.
func errData(err error) Data {
	return Data{Data: MIMEMap{MIMETypeText: "display: " + strings.TrimPrefix(err.Error(), "display: ")}}
}

// withText makes sure d has a text/plain entry, describing v.
func withText(d Data, v any) Data {
	if d.Data == nil {
		d.Data = MIMEMap{}
	}
	if _, ok := d.Data[MIMETypeText]; ok {
		return d
	}
	d.Data[MIMETypeText] = Text(v, d)
	return d
}

// Text is the text/plain form Render gives v: its String method when it has
// one, a short description when d already holds a rich form, and fmt's %v
// otherwise.
func Text(v any, d Data) string {
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	for _, m := range []string{MIMETypePNG, MIMETypeJPEG, MIMETypeSVG, MIMETypeHTML, MIMETypeMarkdown, MIMETypeLatex} {
		if s, ok := d.Data[m]; ok {
			if v == nil {
				if str, ok := s.(string); ok {
					return str
				}
				return "<" + m + ">"
			}
			return fmt.Sprintf("<%T>", v)
		}
	}
	if v == nil {
		// A bundle of other types (MIME): a text form, else the type.
		mimes := make([]string, 0, len(d.Data))
		for m := range d.Data {
			mimes = append(mimes, m)
		}
		sort.Strings(mimes)
		for _, m := range mimes {
			if s, ok := d.Data[m].(string); ok && strings.HasPrefix(m, "text/") {
				return s
			}
		}
		if len(mimes) > 0 {
			return "<" + mimes[0] + ">"
		}
		return ""
	}
	return fmt.Sprint(v)
}
