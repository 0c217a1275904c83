package viz

// Bundle is a Jupyter display bundle: data and metadata by MIME type. It
// is the same type as the kernel's display.Data, spelled out so that viz
// need not import the kernel.
type Bundle = struct{ Data, Metadata, Transient map[string]any }

// Render is the bundle stepwise's kernel shows for f: the PNG, with the
// figure's size in CSS pixels as metadata so that the PNG (DefaultDPI is
// twice a screen's 96 per inch) shows sharp at the figure's size, and a
// text form. A kernel that only knows SimpleRender shows the same PNG
// without the size.
func (f *Figure) Render() Bundle {
	w, h := f.cssSize()
	return Bundle{
		Data:     map[string]any{"image/png": f.PNG(), "text/plain": f.String()},
		Metadata: map[string]any{"image/png": map[string]any{"width": w, "height": h}},
	}
}

// Render is the bundle stepwise's kernel shows for p: the HTML player and
// the PNG of its first frame (with its size in CSS pixels), as
// SimpleRender.
func (p *Player) Render() Bundle {
	w, h := p.frames[0].cssSize()
	return Bundle{
		Data:     p.SimpleRender(),
		Metadata: map[string]any{"image/png": map[string]any{"width": w, "height": h}},
	}
}

// SimpleRender is the bundle a notebook kernel that does not use Render
// (gophernotes' interface) shows for f: the PNG and a text form. Jupyter front ends prefer SVG when a bundle has both, and
// nbconvert's HTML export sanitises SVG outputs (dropping the raster images
// heatmaps embed), so a cell shows the PNG, which renders the same in the
// notebook, on GitHub and in exported HTML. SVG() stays available for
// print-quality copies.
func (f *Figure) SimpleRender() map[string]any {
	return map[string]any{"image/png": f.PNG(), "text/plain": f.String()}
}

// SimpleRender is the bundle a notebook shows for p: the self-contained
// HTML player, and the PNG of its first frame for front ends that do not
// run HTML (GitHub, nbconvert without scripts).
func (p *Player) SimpleRender() map[string]any {
	return map[string]any{
		"text/html":  p.HTML(),
		"image/png":  p.PNG(),
		"text/plain": p.frames[0].String(),
	}
}
