#!/usr/bin/env bash
# The kernel against ipykernel, started by the same jupyter_client in one
# run (issue 2 point 9): start until the kernel_info reply, median and p95
# round trip of 50 `1+1` executes, RSS after 20 cells.
#
#   tests/bench/kernel.sh [--starts N] [--executes N] [--lesson notebooks/NB.ipynb ...]
#
# Uses bin/stepwise (make build; STEPWISE_BIN names another), installed into
# a temporary prefix, and Debian's python3-ipykernel. A benchmark, not a
# test: it prints numbers and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
BIN=${STEPWISE_BIN:-$PWD/bin/stepwise}
[ -x "$BIN" ] || { echo "bench: no $BIN; run make build first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime"
echo "stepwise: $("$BIN" version); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" tests/bench/kernel_bench.py "$@"
