#!/usr/bin/env bash
# The kernel through the real Jupyter: Debian's jupyter_client, nbclient and
# nbconvert against the installed kernelspec (installed into a temporary
# prefix, so the user's Jupyter is not touched). `make test-jupyter` runs
# this after `make build`. Arguments select test modules (test_messages,
# test_faults, test_notebooks, setup); STEPWISE_BIN names another binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
BIN=${STEPWISE_BIN:-$PWD/bin/stepwise}

if ! "$PY" -c 'import jupyter_client, nbclient, nbconvert, zmq' 2>/dev/null; then
  echo "test-jupyter: $PY lacks jupyter_client/nbclient/nbconvert/pyzmq." >&2
  echo "  On Debian/Ubuntu: sudo apt-get install python3-jupyter-client python3-nbclient jupyter-nbconvert python3-zmq" >&2
  exit 1
fi
[ -x "$BIN" ] || { echo "test-jupyter: no $BIN; run make build first" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_CONFIG_DIR="$tmp/config" JUPYTER_DATA_DIR="$tmp/data"
export JUPYTER_PLATFORM_DIRS=0 PYTHONDONTWRITEBYTECODE=1

mods=()
setup=$(( $# == 0 ))
for a in "$@"; do
  if [ "$a" = setup ]; then setup=1; else mods+=("$a"); fi
done
status=0
if [ $# -eq 0 ] || [ ${#mods[@]} -gt 0 ]; then
  "$PY" tests/jupyter/run_tests.py "${mods[@]}" || status=$?
fi
if [ $setup = 1 ]; then
  echo
  echo "scripts/setup.sh as a new user runs it"
  tests/jupyter/test_setup.sh || status=1
fi
exit $status
