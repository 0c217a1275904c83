#!/bin/sh
# The classroom load test (make loadtest; long, not part of make test).
#
# Installs the kernel built in bin/ into a temporary prefix, then runs
# tests/loadtest/loadtest.py: Debian's JupyterHub on 127.0.0.1, classes of
# 5, 10, 20 and 40 simulated students on stepwise and on ipykernel. Prints a
# table. Stops by itself (LOADTEST_TIMEOUT seconds, default 1500) and leaves
# no processes or files behind. Arguments go to loadtest.py, e.g.
#
#   tests/loadtest/run.sh --sizes 5,10      smaller classes
#   tests/loadtest/run.sh --lesson notebooks/01-convolution.ipynb
#   LOADTEST_GOMEMLIMIT=200MiB tests/loadtest/run.sh   install with --env GOMEMLIMIT=…
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/bin/stepwise
python=${PYTHON:-/usr/bin/python3}
limit=${LOADTEST_TIMEOUT:-1500}

[ -x "$bin" ] || { echo "tests/loadtest: $bin is missing; run 'make build' first" >&2; exit 1; }
[ -x /usr/bin/jupyterhub ] || { echo "tests/loadtest: needs Debian's jupyterhub (apt-get install jupyterhub)" >&2; exit 1; }
command -v configurable-http-proxy >/dev/null ||
	{ echo "tests/loadtest: needs node-configurable-http-proxy (apt-get install node-configurable-http-proxy)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-loadtest-run.XXXXXX")
LOADTEST_RUN_ID=$(basename "$tmp")
export LOADTEST_RUN_ID
cleanup() {
	# loadtest.py cleans up after itself; this catches what a killed run left:
	# every process it started carries CLASSROOM_RUN in its environment.
	for e in /proc/[0-9]*/environ; do
		if grep -qzx "CLASSROOM_RUN=$LOADTEST_RUN_ID" "$e" 2>/dev/null; then
			pid=${e#/proc/}; pid=${pid%/environ}
			kill -9 "$pid" 2>/dev/null
		fi
	done
	rm -rf "$tmp" /tmp/swrt-"${LOADTEST_RUN_ID##*.}"-*
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${LOADTEST_GOMEMLIMIT:-}" ]; then
	"$bin" install --prefix "$tmp/prefix" --env "GOMEMLIMIT=$LOADTEST_GOMEMLIMIT" >"$tmp/install.log" 2>&1
else
	"$bin" install --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1
fi || { echo "tests/loadtest: stepwise install --prefix failed:" >&2; cat "$tmp/install.log" >&2; exit 1; }

export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export TMPDIR="$tmp"  # loadtest.py's own directory goes in here too
export PYDEVD_DISABLE_FILE_VALIDATION=1
# loadtest.py has its own deadline (a little shorter) and cleans up after
# itself; timeout is the backstop.
timeout -k 30 "$limit" "$python" "$root/tests/loadtest/loadtest.py" --timeout "$((limit - 60))" "$@"
