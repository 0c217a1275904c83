#!/usr/bin/env bash
# stepwise setup — what `make lessons` runs. It builds the stepwise binary,
# installs Jupyter where it is missing, installs the Go kernel for you, and
# opens the lessons in Jupyter Notebook.
#
#   scripts/setup.sh [--no-open]
#
# --no-open (or STEPWISE_NO_OPEN=1) stops before opening Jupyter; the tests
# use it. GO names the go command to use (default: go on PATH, then
# /usr/local/go/bin/go).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

open=1
for a in "$@"; do
  case "$a" in
    --no-open) open=0 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown argument $a (try --help)" >&2; exit 2 ;;
  esac
done
[ "${STEPWISE_NO_OPEN:-}" = 1 ] && open=0

step() { printf '\n==> %s\n' "$*"; }

need_go=$(sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)
cat <<PLAN
stepwise setup will:
  1. check that Go $need_go or newer is installed (it will not install Go);
  2. build the stepwise binary into bin/stepwise;
  3. install Jupyter Notebook, nbclient and nbconvert if they are missing
     (Debian/Ubuntu: apt-get, with sudo unless you are root; elsewhere:
     pip install --user);
  4. install the "Go (stepwise)" kernel for you (~/.local/share/jupyter/kernels/stepwise);
PLAN
if [ $open = 1 ]; then
  echo "  5. open the lessons: jupyter notebook notebooks/ (stop it with Ctrl-C)."
else
  echo "  5. (skipped: --no-open) open the lessons in Jupyter."
fi

# 1. Go
step "1/5 Go"
GO=${GO:-}
if [ -z "$GO" ]; then
  if command -v go >/dev/null 2>&1; then GO=go
  elif [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go
  fi
fi
if [ -z "$GO" ] || ! "$GO" version >/dev/null 2>&1; then
  echo "setup: Go $need_go or newer is needed to build stepwise, and no go command was found${GO:+ (GO=$GO)}." >&2
  echo "  Install it from https://go.dev/dl/ (or your package manager), then run make lessons again." >&2
  exit 1
fi
have_go=$("$GO" env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V | head -1)" != "$need_go" ]; then
  echo "setup: found Go $have_go at $(command -v "$GO"), but stepwise needs Go $need_go or newer." >&2
  echo "  Install a newer Go from https://go.dev/dl/, then run make lessons again." >&2
  exit 1
fi
echo "Go $have_go ($("$GO" env GOROOT))"

# 2. build
step "2/5 building bin/stepwise"
"$GO" build -o bin/stepwise ./cmd/stepwise
bin/stepwise version

# 3. Jupyter
step "3/5 Jupyter"
py_has() { "$1" -c 'import notebook, nbclient, nbconvert' >/dev/null 2>&1; }
jupyter=""
if [ -x /usr/bin/jupyter ] && py_has /usr/bin/python3; then
  jupyter=/usr/bin/jupyter
elif command -v jupyter >/dev/null 2>&1 && jupyter notebook --version >/dev/null 2>&1; then
  jupyter=$(command -v jupyter)
fi
if [ -n "$jupyter" ]; then
  echo "Jupyter is installed: $jupyter (notebook $("$jupyter" notebook --version 2>/dev/null))"
elif command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "Installing Debian's Jupyter: $sudo apt-get install jupyter-notebook python3-nbclient jupyter-nbconvert"
  $sudo apt-get update
  $sudo apt-get install -y jupyter-notebook python3-nbclient jupyter-nbconvert
  jupyter=/usr/bin/jupyter
else
  py=$(command -v python3 || true)
  if [ -z "$py" ]; then
    echo "setup: Jupyter is missing and so is python3; install Python 3, then run make lessons again." >&2
    exit 1
  fi
  echo "Installing Jupyter with pip for you: $py -m pip install --user notebook nbclient nbconvert"
  "$py" -m pip install --user notebook nbclient nbconvert
  jupyter="$("$py" -m site --user-base)/bin/jupyter"
fi

# 4. kernel
step "4/5 installing the kernel"
bin/stepwise install --user

# 5. open
if [ $open = 0 ]; then
  step "5/5 done (not opening Jupyter). To open the lessons: $jupyter notebook $root/notebooks"
  exit 0
fi
step "5/5 opening the lessons: $jupyter notebook notebooks/"
exec "$jupyter" notebook "$root/notebooks"
