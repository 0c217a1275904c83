package viz

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"html"
	"strings"
	"sync/atomic"
)

// MaxFrames is the most steps a Player holds; more would make the
// notebook heavy (each frame is a PNG of 50 to 150 kB at DefaultDPI;
// SetDPI(96) halves that).
const MaxFrames = 256

// Player steps through a sequence of figures with a slider. Its HTML is
// one self-contained piece of HTML (every frame embedded as a PNG, a few
// lines of inline JavaScript, nothing fetched, no kernel round trip), and
// its PNG and SVG show the first frame, so a notebook saved with all
// three renders on GitHub and in nbconvert too.
type Player struct {
	frames []*Figure
	labels []string
	seq    uint64
}

var playerSeq atomic.Uint64

// ConvPlayer is a Player over every output position of a 2-D cross-
// correlation, in reading order: frame k is ConvStep at position
// (k / outW, k % outW). It reads the same options as ConvStep. It panics
// when there would be more than MaxFrames positions.
func ConvPlayer(input, kernel any, o ...Options) *Player {
	opt := opts("ConvPlayer", o)
	c := newConv("ConvPlayer", input, kernel, opt)
	n := c.y.r * c.y.c
	if n > MaxFrames {
		panic(fmt.Sprintf("viz: ConvPlayer: %d output positions (%s): expected at most %d frames; "+
			"show a crop of the input or use a larger stride", n, c.y.shape(), MaxFrames))
	}
	p := &Player{seq: playerSeq.Add(1)}
	for k := 0; k < n; k++ {
		i, j := k/c.y.c, k%c.y.c
		f := c.step(i, j, opt)
		f.notes = append([]string{tr("frame", i, j, k+1, n)}, f.notes...)
		p.frames = append(p.frames, f)
		p.labels = append(p.labels, fmt.Sprintf("(%d, %d)", i, j))
	}
	return p
}

// NewPlayer makes a Player of the given figures, labelled by labels (one
// per figure, shown beside the slider; nil numbers them 1, 2, …).
func NewPlayer(frames []*Figure, labels []string) *Player {
	if len(frames) == 0 || len(frames) > MaxFrames {
		panic(fmt.Sprintf("viz: NewPlayer: expected 1 to %d frames, got %d", MaxFrames, len(frames)))
	}
	checkLabels("NewPlayer", "labels", labels, len(frames), "frames")
	if labels == nil {
		for k := range frames {
			labels = append(labels, fmt.Sprint(k+1))
		}
	}
	return &Player{frames: frames, labels: labels, seq: playerSeq.Add(1)}
}

// Len returns the number of frames.
func (p *Player) Len() int { return len(p.frames) }

// Frame returns frame k (0-based).
func (p *Player) Frame(k int) *Figure {
	if k < 0 || k >= len(p.frames) {
		panic(fmt.Sprintf("viz: Player.Frame: frame %d out of range: the player has %d frames (0…%d)", k, len(p.frames), len(p.frames)-1))
	}
	return p.frames[k]
}

// SetTitle sets every frame's title.
func (p *Player) SetTitle(t string) *Player {
	for _, f := range p.frames {
		f.SetTitle(t)
	}
	return p
}

// SetSize sets every frame's size in inches.
func (p *Player) SetSize(width, height float64) *Player {
	for _, f := range p.frames {
		f.SetSize(width, height)
	}
	return p
}

// SetDPI sets every frame's PNG resolution.
func (p *Player) SetDPI(dpi int) *Player {
	for _, f := range p.frames {
		f.SetDPI(dpi)
	}
	return p
}

// PNG renders the first frame.
func (p *Player) PNG() []byte { return p.frames[0].PNG() }

// SVG renders the first frame.
func (p *Player) SVG() string { return p.frames[0].SVG() }

// HTML renders the player: the first frame as an image, a slider with
// previous/next/play buttons, and the other frames as data URIs swapped
// in by inline JavaScript. Without JavaScript the first frame shows.
func (p *Player) HTML() string {
	uris := make([]string, len(p.frames))
	h := fnv.New64a()
	for k, f := range p.frames {
		b := f.smallPNG()
		h.Write(b)
		uris[k] = "data:image/png;base64," + base64.StdEncoding.EncodeToString(b)
	}
	id := fmt.Sprintf("stepwise-player-%x-%d", h.Sum64(), p.seq)
	var b strings.Builder
	w, _ := p.frames[0].Size()
	fmt.Fprintf(&b, `<div id="%s" class="stepwise-player" style="font-family:sans-serif;font-size:13px">`+"\n", id)
	fmt.Fprintf(&b, `<div style="margin:4px 0"><button type="button" title="%s">&#9664;</button> `+
		`<input type="range" min="0" max="%d" value="0" style="width:50%%;vertical-align:middle" aria-label="%s"> `+
		`<button type="button" title="%s">&#9654;</button> <button type="button" title="%s">&#9654;&#9654;</button> `+
		`<span>%s</span></div>`+"\n", tr("prev"), len(p.frames)-1, tr("stepword"), tr("next"), tr("play"), html.EscapeString(p.labels[0]))
	fmt.Fprintf(&b, `<img style="max-width:100%%;width:%.0fpx" alt="%s 1" src="%s">`+"\n", w*cssDPI, tr("stepword"), uris[0])
	b.WriteString("</div>\n<script>\n(function () {\n")
	fmt.Fprintf(&b, "var root = document.getElementById(%q);\n", id)
	b.WriteString("var f = [root.querySelector(\"img\").src,\n")
	for _, u := range uris[1:] {
		fmt.Fprintf(&b, "%q,\n", u)
	}
	b.WriteString("];\nvar l = [")
	for k, l := range p.labels {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", l)
	}
	fmt.Fprintf(&b, "];\nvar alt = %q;\n", tr("stepword")+" ")
	b.WriteString(`var s = root.querySelector("input"), im = root.querySelector("img"), t = root.querySelector("span");
var bt = root.querySelectorAll("button"), timer = null;
function show(k) { k = (k + f.length) % f.length; s.value = k; im.src = f[k]; im.alt = alt + (k + 1); t.textContent = l[k]; }
s.oninput = function () { show(+s.value); };
bt[0].onclick = function () { show(+s.value - 1); };
bt[1].onclick = function () { show(+s.value + 1); };
bt[2].onclick = function () { if (timer) { clearInterval(timer); timer = null; } else { timer = setInterval(function () { show(+s.value + 1); }, 800); } };
})();
</script>
`)
	return b.String()
}
