// Package viz draws the lessons' figures with gonum/plot: heatmaps, feature
// maps, hidden states, attention maps and convolution steps, as PNG and SVG.
package viz
