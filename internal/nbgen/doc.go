// Package nbgen turns the lessons' readable notebook sources into Jupyter
// notebooks, checks that the committed notebooks are up to date, and
// renders an executed notebook to one self-contained HTML page.
//
// # Sources
//
// A source, notebooks/src/NN-name.md, is Markdown with a front matter:
//
//	---
//	title: Convolution, step by step
//	title_zh: 卷积，一步一步
//	---
//
// Every ```go fenced block is a code cell; the prose between code cells is
// one markdown cell (<!-- cell --> splits it further). Prose in both
// languages sits side by side in the same file, so the code cells of the
// English and the Chinese notebook are identical:
//
//	<!-- en -->
//	The output has $\lfloor (n + 2p - k)/s \rfloor + 1$ entries.
//	<!-- zh -->
//	输出有 $\lfloor (n + 2p - k)/s \rfloor + 1$ 个元素。
//
// Text outside the markers (a formula alone, a figure) is shared; shared
// text that reads as English prose is an error, as is prose with only one
// language. <!-- both --> returns to shared text. Go code inside the prose
// that is not a cell uses a ~~~go fence.
//
// # Cell options
//
// Words after go in a fence set a code cell's options: expect=image/png,
// text/html (MIME types its outputs must contain), error (it is meant to
// fail; tagged raises-exception), interrupt=2 (the runner interrupts it
// after 2 s; implies error), skip (not executed by the runner; tagged
// skip-execution), timeout=120 and id=name.
//
// # Notebooks
//
// Generate makes nbformat 4.5 notebooks with the stepwise kernelspec and
// stable cell ids (c01, c02, … by position, the same in both languages);
// the Chinese notebook starts its code with a %lang zh cell. Build writes
// notebooks/NN-name.ipynb and notebooks/zh/NN-name.ipynb, keeping the
// outputs of cells whose source did not change; executing them (make
// notebooks) adds the outputs that are committed. Stale reports notebooks
// whose cells no longer match their source, ignoring outputs.
//
// # HTML
//
// HTML renders an executed notebook as one page with its figures embedded
// and every formula converted to MathML, so it opens offline with no
// MathJax.
package nbgen
