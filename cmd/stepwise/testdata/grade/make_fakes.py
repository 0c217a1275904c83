#!/usr/bin/python3
"""Writes the fake submissions that grade_test.go grades (run from this
directory; the .ipynb files are committed)."""
import nbformat
from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell


def nb(name, cells, lesson="00-welcome"):
    n = new_notebook()
    n.metadata = {"kernelspec": {"name": "stepwise", "display_name": "Go (stepwise)", "language": "go"},
                  "stepwise": {"lesson": lesson, "lang": "en"}}
    n.cells = [new_markdown_cell("# My answers")] + [new_code_cell(c) for c in cells]
    for i, c in enumerate(n.cells):
        c["id"] = "c%02d" % i
    nbformat.write(n, name)


imp = 'import (\n\t"fmt"\n\t"log"\n\t"time"\n\n\t"github.com/stepwise-go/stepwise/lessons"\n)'
good_double = "func double(xs []float64) []float64 {\n\tout := make([]float64, len(xs))\n\tfor i, v := range xs {\n\t\tout[i] = 2 * v\n\t}\n\treturn out\n}"

# Everything right.
nb("perfect.ipynb", [imp, "lessons.ExMean.Check(5.0)", good_double, "lessons.ExDouble.Check(double)"])

# A wrong mean after viewing the solution; a double that changes its input
# (passes the visible check, fails one hidden test); a cell that fails.
nb("mistakes.ipynb", [imp, "lessons.ExMean.Solution()", "lessons.ExMean.Check(15)",
    "// doubles in place\nfunc double(xs []float64) []float64 {\n\tfor i := range xs {\n\t\txs[i] *= 2\n\t}\n\treturn xs\n}",
    "lessons.ExDouble.Check(double)",
    "fmt.Println(undefinedName)"])

# A panic in a goroutine, a double that spins forever on an empty slice (the
# visible check passes, a hidden test hangs), an endless loop, a call that
# ends the program, an index out of range. The mean is never attempted.
nb("panics.ipynb", [imp,
    "go func() { panic(\"boom in a goroutine\") }()\ntime.Sleep(100 * time.Millisecond)",
    "func double(xs []float64) []float64 {\n\tout := make([]float64, len(xs))\n\ti := 0\n\tfor i < len(xs) || len(xs) == 0 { // spins forever on an empty slice\n\t\tif len(xs) == 0 {\n\t\t\tcontinue\n\t\t}\n\t\tout[i] = 2 * xs[i]\n\t\ti++\n\t}\n\treturn out\n}",
    "lessons.ExDouble.Check(double)",
    "for {\n}",
    "log.Fatal(\"giving up\")",
    "var s []int\ns[3] = 1\nfmt.Println(s)"])

# Cells that sleep past the notebook's time limit: the mean (checked
# first) counts, the double is never reached.
nb("slow.ipynb", [imp, "lessons.ExMean.Check(5)"] + ["time.Sleep(time.Hour)"] * 6 +
   ["lessons.ExDouble.Check(func(xs []float64) []float64 { return xs })"])

open("garbage.ipynb", "w").write("this is not a notebook\n")
