package viz

// SimpleRender is the bundle a notebook shows for f: the PNG and a text
// form. Jupyter front ends prefer SVG when a bundle has both, and
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
