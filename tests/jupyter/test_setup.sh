#!/usr/bin/env bash
# Runs scripts/setup.sh as a new user would (with a fresh HOME, opening
# disabled) and checks that the kernel it installs is the one Jupyter finds;
# then checks that a missing Go is reported clearly.
set -uo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
row() { printf '%-66s %s\n' "$1" "$2"; }

# Keep the real Go caches: a fresh HOME would otherwise rebuild everything.
export GOCACHE=$(go env GOCACHE 2>/dev/null || /usr/local/go/bin/go env GOCACHE)
export GOMODCACHE=$(go env GOMODCACHE 2>/dev/null || /usr/local/go/bin/go env GOMODCACHE)
out=$(env -u JUPYTER_PATH -u JUPYTER_DATA_DIR -u JUPYTER_CONFIG_DIR -u JUPYTER_RUNTIME_DIR \
      HOME="$tmp/home" STEPWISE_NO_OPEN=1 scripts/setup.sh 2>&1)
status=$?
spec="$tmp/home/.local/share/jupyter/kernels/stepwise/kernel.json"
if [ $status = 0 ] && head -1 <<<"$out" | grep -q "stepwise setup will:" && [ -f "$spec" ] \
   && grep -q "\"$PWD/bin/stepwise\"" "$spec"; then
  row "setup.sh says its plan, builds, installs the kernelspec (--user)" ok
else
  row "setup.sh says its plan, builds, installs the kernelspec (--user)" FAIL; fail=1
  echo "$out" | tail -20
fi
listed=$(env -u JUPYTER_PATH -u JUPYTER_DATA_DIR HOME="$tmp/home" /usr/bin/jupyter kernelspec list 2>&1)
if grep -q "stepwise.*$tmp/home/.local/share/jupyter/kernels/stepwise" <<<"$listed"; then
  row "jupyter kernelspec list finds the installed kernel" ok
else
  row "jupyter kernelspec list finds the installed kernel" FAIL; fail=1; echo "$listed"
fi
if grep -q "not opening Jupyter" <<<"$out"; then
  row "setup.sh --no-open stops before opening the notebook" ok
else
  row "setup.sh --no-open stops before opening the notebook" FAIL; fail=1
fi
out=$(GO=/nonexistent/go HOME="$tmp/home" STEPWISE_NO_OPEN=1 scripts/setup.sh 2>&1)
if [ $? = 1 ] && grep -q "go.dev/dl" <<<"$out"; then
  row "setup.sh without Go: exits 1 and says where to get Go" ok
else
  row "setup.sh without Go: exits 1 and says where to get Go" FAIL; fail=1; echo "$out" | tail -5
fi
exit $fail
