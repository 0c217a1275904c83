"""Notebooks executed with nbclient and with jupyter nbconvert --execute
against the installed kernelspec."""

import os
import subprocess
import tempfile
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from harness import KERNEL


def notebook(*cells, tags=None):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Go (stepwise)", "language": "go"}
    for i, src in enumerate(cells):
        c = nbformat.v4.new_code_cell(src)
        if tags and i in tags:
            c.metadata["tags"] = tags[i]
        nb.cells.append(c)
    return nb


CELLS = (
    'import "fmt"\nfmt.Println("hello from Go")',
    "x := 6 * 7\nx",
    'import "display"\ndisplay.HTML("<i>rich</i>")',
    'panic("expected")',
    "x + 1",
)


class Notebooks(unittest.TestCase):
    def check(self, nb):
        outs = [c.outputs for c in nb.cells]
        self.assertEqual(outs[0][0]["text"], "hello from Go\n")
        self.assertEqual(outs[1][0]["data"]["text/plain"], "42")
        self.assertEqual(outs[1][0]["output_type"], "execute_result")
        self.assertEqual(outs[2][0]["data"]["text/html"], "<i>rich</i>")
        self.assertEqual(outs[3][0]["output_type"], "error")
        self.assertEqual(outs[4][0]["data"]["text/plain"], "43")
        self.assertEqual([c.execution_count for c in nb.cells], [1, 2, 3, 4, 5])

    def test_nbclient(self):
        """nbclient runs a notebook: stream, result, HTML, an expected error"""
        nb = notebook(*CELLS, tags={3: ["raises-exception"]})
        NotebookClient(nb, timeout=60, kernel_name=KERNEL).execute()
        self.check(nb)

    def test_nbclient_stops_on_error(self):
        """nbclient without allow_errors stops at the failing cell"""
        nb = notebook('panic("stop")', "1")
        with self.assertRaises(CellExecutionError):
            NotebookClient(nb, timeout=60, kernel_name=KERNEL).execute()
        self.assertEqual(nb.cells[1].outputs, [])

    def test_nbconvert(self):
        """jupyter nbconvert --execute writes the outputs"""
        nb = notebook(*CELLS, tags={3: ["raises-exception"]})
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.ipynb")
            nbformat.write(nb, path)
            subprocess.run(["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
                            "--ExecutePreprocessor.kernel_name=" + KERNEL, path],
                           check=True, capture_output=True, timeout=120)
            self.check(nbformat.read(path, as_version=4))

    def test_stdin_refused(self):
        """reading stdin under nbclient (no stdin) fails with a clear message"""
        nb = notebook('import "fmt"\nvar s string\n_, err := fmt.Scanln(&s)\nerr')
        NotebookClient(nb, timeout=60, kernel_name=KERNEL, allow_errors=True).execute()
        text = str(nb.cells[0].outputs)
        self.assertIn("stdin", text.lower())
