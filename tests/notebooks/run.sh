#!/bin/sh
# Execute every lesson notebook (English and Chinese) through the real
# Jupyter client (nbclient) with the stepwise kernel built in bin/, installed
# into a temporary Jupyter path. Checks: no error output except in cells
# meant to fail, every expected figure/MIME type present; prints each
# notebook's run time. `make test-notebooks` runs it after `make build`.
#
#   tests/notebooks/run.sh [--write] [NOTEBOOK ...]
#
# --write saves the executed notebooks (with outputs) in place; `make
# notebooks` uses it.
set -eu
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-/usr/bin/python3}
BIN=${BIN:-bin/stepwise}
if [ ! -x "$BIN" ]; then
	echo "test-notebooks: $BIN missing; run make build" >&2
	exit 1
fi
if ! "$PYTHON" -c 'import nbclient, nbformat' 2>/dev/null; then
	echo "test-notebooks: $PYTHON lacks nbclient/nbformat (apt-get install python3-nbclient python3-nbformat)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
"$BIN" install --prefix "$tmp" >/dev/null
JUPYTER_PATH="$tmp/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
JUPYTER_DATA_DIR="$tmp/data"
JUPYTER_RUNTIME_DIR="$tmp/runtime"
export JUPYTER_PATH JUPYTER_DATA_DIR JUPYTER_RUNTIME_DIR
# One core, as the target says (each notebook within 60 s on one core).
pin=
if command -v taskset >/dev/null 2>&1 && [ -z "${ALL_CORES:-}" ]; then
	pin="taskset -c 0"
fi
$pin "$PYTHON" tests/notebooks/run.py "$@"
case " $* " in
*" --write "*) ;;
*)
	# The stored outputs must also be what the interpreter gives now, run
	# inside the stepwise binary's own code (no Jupyter).
	echo "rerunning the notebooks in-process and comparing with their stored outputs"
	STEPWISE_RERUN_NOTEBOOKS=1 ${GO:-go} test -count=1 -run 'TestStoredOutputsReproduce' ./cmd/stepwise
	;;
esac
