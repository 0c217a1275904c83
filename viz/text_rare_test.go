package viz

import (
	"strings"
	"testing"
)

// TestRareCJK draws characters outside the embedded GB 2312 subset (熵 of
// 交叉熵, a traditional form, an extension-B character). They come from the
// system CJK font when one is installed, or are drawn as boxes; either way
// the figure renders.
func TestRareCJK(t *testing.T) {
	f := Heatmap([][]float64{{1, 2}, {3, 4}}, Options{Title: "交叉熵 損失 𠀀"})
	if len(f.PNG()) == 0 || !strings.Contains(f.SVG(), "交叉") || !strings.Contains(f.SVG(), "熵") {
		t.Fatal("figure with rare characters did not render")
	}
	if fontReport() != "embedded subset only" && strings.ContainsRune(Missing(), '熵') {
		t.Errorf("熵 reported missing although a system CJK font is loaded (%s)", fontReport())
	}
}
