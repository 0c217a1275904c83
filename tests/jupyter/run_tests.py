"""Runs the Jupyter tests and prints the summary table."""

import sys

import harness
import test_messages
import test_faults
import test_notebooks
import test_cells

modules = [test_messages, test_cells, test_faults, test_notebooks]
if len(sys.argv) > 1:
    modules = [m for m in modules if m.__name__ in sys.argv[1:]]
sys.exit(harness.main("stepwise through Debian's jupyter_client / nbclient", modules))
