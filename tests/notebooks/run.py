#!/usr/bin/python3
"""Execute lesson notebooks through the real Jupyter client (nbclient) with
the stepwise kernel, and check their outputs.

For every notebook given (default: notebooks/*.ipynb and notebooks/zh/*.ipynb)
it runs every code cell in a fresh kernel and checks that
  - no cell has an error output or writes to stderr, except cells tagged
    raises-exception (which must fail),
  - every MIME type listed in a cell's metadata.stepwise.expect appears in
    its outputs,
  - a cell with metadata.stepwise.interrupt = N is interrupted after N s
    (the interrupt demo) and the kernel survives it.
Cells tagged skip-execution are not run. It prints one line per notebook with
its run time, and exits 1 if any check failed. With --write, the executed
notebooks (with outputs) are saved in place: that is how `make notebooks`
produces the committed outputs.

Usage: run.py [--write] [--kernel stepwise] [--timeout 120] [NOTEBOOK ...]
"""
import argparse
import asyncio
import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def check_cell(cell):
    """Return the problems of one executed code cell."""
    problems = []
    tags = cell.metadata.get("tags", [])
    opts = cell.metadata.get("stepwise", {})
    errors = [o for o in cell.outputs if o.output_type == "error"]
    stderr = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
    if "raises-exception" in tags:
        if not errors:
            problems.append("expected an error, got none")
    else:
        for e in errors:
            problems.append("error: %s: %s" % (e.get("ename"), e.get("evalue")))
        for s in stderr:
            problems.append("stderr: %s" % s.text.strip()[:300])
    have = set()
    for o in cell.outputs:
        if o.output_type in ("display_data", "execute_result"):
            have.update(o.get("data", {}).keys())
    for mime in opts.get("expect", []):
        if mime not in have:
            problems.append("expected a %s output; got %s" % (mime, sorted(have) or "none"))
    return problems


async def execute(path, kernel, timeout, write):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    failures = []
    start = time.monotonic()
    async with client.async_setup_kernel():
        # async_setup_kernel does not record kernel_info as execute() does.
        info = await client.kc.kernel_info(reply=True)
        client.nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            opts = cell.metadata.get("stepwise", {})
            if "timeout" in opts:
                client.timeout = opts["timeout"]
            else:
                client.timeout = timeout
            timer = None
            if opts.get("interrupt"):
                loop = asyncio.get_running_loop()
                timer = loop.call_later(
                    float(opts["interrupt"]),
                    lambda: asyncio.ensure_future(client.km.interrupt_kernel()))
            try:
                await client.async_execute_cell(cell, index, execution_count=None)
            except Exception as e:  # a timeout or a dead kernel
                failures.append("cell %d (%s): %s: %s" % (index, cell.get("id"), type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
                break
            finally:
                if timer:
                    timer.cancel()
            if "skip-execution" in cell.metadata.get("tags", []):
                continue
            for p in check_cell(cell):
                failures.append("cell %d (%s): %s" % (index, cell.get("id"), p))
        alive = await client.km.is_alive()
        if not alive:
            failures.append("the kernel died")
    elapsed = time.monotonic() - start
    if write:
        nbformat.write(nb, path)
    return elapsed, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="save the executed notebooks in place")
    ap.add_argument("--kernel", default="stepwise")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    paths = args.notebooks or sorted(glob.glob("notebooks/*.ipynb")) + sorted(glob.glob("notebooks/zh/*.ipynb"))
    if not paths:
        print("run.py: no notebooks found (run from the repository's root)", file=sys.stderr)
        return 1
    bad = 0
    rows = []
    for p in paths:
        elapsed, failures = asyncio.run(execute(p, args.kernel, args.timeout, args.write))
        status = "ok" if not failures else "FAIL (%d)" % len(failures)
        slow = " (over 60 s)" if elapsed > 60 else ""
        rows.append((p, elapsed, status + slow))
        print("%-44s %7.1f s  %s" % (p, elapsed, status + slow), flush=True)
        for f in failures:
            print("    " + f, flush=True)
        bad += bool(failures)
    print()
    print("%-44s %9s  %s" % ("notebook", "run time", "result"))
    for p, e, s in rows:
        print("%-44s %7.1f s  %s" % (p, e, s))
    print("%d notebook(s), %d failed" % (len(paths), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
