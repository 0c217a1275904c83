// Package notebooks holds the lessons' notebooks — their readable sources
// (src/NN-name.md) and the generated, executed notebooks in English
// (NN-name.ipynb) and Simplified Chinese (zh/NN-name.ipynb) — embedded, so
// that the stepwise binary lists and renders them without the repository.
//
// The .ipynb files are generated: edit src/, then run make notebooks
// (stepwise notebooks build, then every notebook executed by the real
// Jupyter with its outputs saved). A test fails when they are out of date.
//
// # Layout
//
//	src/NN-name.md       the source of a notebook (see src/README.md)
//	NN-name.ipynb        the English notebook, with outputs
//	zh/NN-name.ipynb     the Chinese notebook, with outputs
//
// # Tests
//
// TestUpToDate fails when a notebook's cells no longer match its source;
// TestExecuted when a notebook was not executed; TestFormulasConvert when
// a formula of a source does not convert to MathML.
package notebooks
