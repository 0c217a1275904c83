#!/bin/sh
# The fault suite (make test-faults): installs the kernel built in bin/ into a
# temporary prefix and runs tests/faults/faults.py against it through Debian's
# jupyter_client. Prints a table; exits non-zero if any row fails.
#
#   tests/faults/run.sh                 every row, on the stepwise kernel
#   tests/faults/run.sh -k stdin        only rows whose name contains "stdin"
#   tests/faults/run.sh --kernel python3   the same rows on ipykernel (checks the harness)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/bin/stepwise
python=${PYTHON:-/usr/bin/python3}
limit=${FAULTS_TIMEOUT:-300}

if [ ! -x "$bin" ]; then
	echo "tests/faults: $bin is missing; run 'make build' (or 'make test-faults') first" >&2
	exit 1
fi
if ! "$python" -c 'import jupyter_client, zmq' 2>/dev/null; then
	echo "tests/faults: $python cannot import jupyter_client and zmq;" \
		"install Debian's python3-jupyter-client (it brings python3-zmq)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-faults-run.XXXXXX")
run_id=$(basename "$tmp")
cleanup() {
	# Every process of this run carries FAULTS_RUN in its environment.
	for e in /proc/[0-9]*/environ; do
		if grep -qzx "FAULTS_RUN=$run_id" "$e" 2>/dev/null; then
			pid=${e#/proc/}; pid=${pid%/environ}
			[ "$pid" != $$ ] && kill -9 "$pid" 2>/dev/null
		fi
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The kernelspec as a teacher installs it, with a memory limit in its env.
if ! "$bin" install --prefix "$tmp/prefix" --env GOMEMLIMIT=1GiB >"$tmp/install.log" 2>&1; then
	echo "tests/faults: 'stepwise install --prefix $tmp/prefix --env GOMEMLIMIT=1GiB' failed:" >&2
	cat "$tmp/install.log" >&2
	exit 1
fi

export JUPYTER_PATH="$tmp/prefix/share/jupyter"
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
export JUPYTER_DATA_DIR="$tmp/data"
export FAULTS_RUN="$run_id"
export PYDEVD_DISABLE_FILE_VALIDATION=1
export TMPDIR="$tmp"
timeout -k 10 "$limit" "$python" "$root/tests/faults/faults.py" "$@"
rc=$?
[ $rc -eq 124 ] && echo "tests/faults: stopped after ${limit}s (FAULTS_TIMEOUT)" >&2
exit $rc
