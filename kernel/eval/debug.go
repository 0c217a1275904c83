package eval

import (
	"go/ast"
	"go/printer"
	"go/token"
	"os"
)

// debugRewrite prints rewritten code to stderr when STEPWISE_DEBUG_REWRITE
// is set, for working on the rewrites.
func debugRewrite(fset *token.FileSet, n ast.Node) {
	if os.Getenv("STEPWISE_DEBUG_REWRITE") == "" {
		return
	}
	os.Stderr.WriteString("--- rewritten:\n")
	printer.Fprint(os.Stderr, fset, n)
	os.Stderr.WriteString("\n")
}
