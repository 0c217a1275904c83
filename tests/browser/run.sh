#!/usr/bin/env bash
# The lessons as a student meets them: Jupyter Notebook (Debian's, on
# 127.0.0.1 with a token) driven by headless Chromium (Debian's
# /usr/bin/chromium through playwright-core; no browser is downloaded).
#
#   tests/browser/run.sh [--screenshot] [--out DIR] [--no-html] [NOTEBOOK ...]
#
# For every lesson notebook (English and Chinese, or the ones named) it
# clears the outputs, runs Cell > Run All in the page, answers the stdin
# prompt, interrupts the interrupt demo from the toolbar, waits for the
# kernel to go idle and checks the page's DOM: no unexpected error output,
# every expected figure rendered, LaTeX typeset by MathJax, the step
# players' sliders change the picture. A scratch notebook checks Tab
# completion and the toolbar's interrupt. Then the nbconvert HTML export of
# every notebook and `stepwise lesson NAME --html` are opened in the same
# browser: figures and formulas appear and no request leaves the machine.
# Screenshots go to DIR (default tests/browser/out, not committed).
#
# --screenshot runs only the README's lesson and rewrites docs/img/lesson.png
# (`make screenshot`).
#
# Jupyter gets its own HOME, JUPYTER_CONFIG_DIR, JUPYTER_DATA_DIR,
# JUPYTER_RUNTIME_DIR and JUPYTER_PATH under a temporary directory, so the
# user's setup is neither read nor changed; every process started here
# (Jupyter, its kernels, Chromium) is stopped on exit, also on failure or
# timeout. BROWSER_TIMEOUT (seconds, default 3600) bounds the whole run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=${PYTHON:-/usr/bin/python3}
JUPYTER=${JUPYTER:-/usr/bin/jupyter}
BIN=${STEPWISE_BIN:-$ROOT/bin/stepwise}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TIMEOUT=${BROWSER_TIMEOUT:-3600}
OUT=$ROOT/tests/browser/out
args=("$@")
SCREENSHOT=0
HTML=1
notebooks=()
while [ $# -gt 0 ]; do
	case $1 in
	--screenshot) SCREENSHOT=1 ;;
	--no-html) HTML=0 ;;
	--out) OUT=$2; shift ;;
	--out=*) OUT=${1#--out=} ;;
	-h|--help) sed -n '2,26p' "$ROOT/tests/browser/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "test-browser: unknown option $1 (--screenshot, --out DIR, --no-html)" >&2; exit 2 ;;
	*) notebooks+=("$1") ;;
	esac
	shift
done

# The whole run, whatever hangs, ends within TIMEOUT seconds: the script runs
# itself under timeout(1), and its EXIT trap stops what it started.
if [ -z "${SW_RUN_START:-}" ]; then
	SW_RUN_START=$(date +%s)
	export SW_RUN_START
	exec timeout --kill-after=30 "$TIMEOUT" "$ROOT/tests/browser/run.sh" "${args[@]}"
fi

need() { echo "test-browser: $1" >&2; exit 1; }
[ -x "$BIN" ] || need "no $BIN; run make build first"
[ -x "$CHROMIUM" ] || need "no $CHROMIUM; on Debian: sudo apt-get install chromium"
[ -x "$JUPYTER" ] || need "no $JUPYTER; on Debian: sudo apt-get install jupyter-notebook jupyter-nbconvert"
"$PY" -c 'import notebook, nbconvert' 2>/dev/null ||
	need "$PY lacks the notebook/nbconvert packages; on Debian: sudo apt-get install jupyter-notebook jupyter-nbconvert"
command -v node >/dev/null && command -v npm >/dev/null || need "no node/npm; on Debian: sudo apt-get install nodejs npm"

# playwright-core, pinned in package-lock.json; it only drives the browser
# given by executablePath and never downloads one.
(
	cd tests/browser
	want=$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')
	have=$(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null || true)
	if [ "$want" != "$have" ]; then
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline >&2
	fi
	node -e 'require("playwright-core")'
) || need "npm ci in tests/browser failed (it needs the npm registry once, then its cache)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-browser.XXXXXX")
jupyter_pid=
# cleanup stops Jupyter (which shuts its kernels down), then ends by their
# ids any process still running whose command line names this run's
# temporary directory: kernels (their connection files live there) and
# Chromium (its --user-data-dir lives there).
cleanup() {
	status=$?
	trap - EXIT INT TERM
	if [ -n "$jupyter_pid" ] && kill -0 "$jupyter_pid" 2>/dev/null; then
		kill -TERM "$jupyter_pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$jupyter_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$jupyter_pid" 2>/dev/null || true
	fi
	for sig in TERM KILL; do
		left=
		for d in /proc/[0-9]*; do
			p=${d#/proc/}
			[ "$p" = $$ ] && continue
			if { tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null | grep -qF "$tmp"; then
				kill -"$sig" "$p" 2>/dev/null && left="$left $p"
			fi
		done
		[ -z "$left" ] && break
		[ $sig = TERM ] && sleep 1
	done
	if [ $status -ne 0 ] && [ -s "$tmp/jupyter.log" ]; then
		echo "--- last lines of the Jupyter server's log ($tmp/jupyter.log):" >&2
		tail -n 25 "$tmp/jupyter.log" >&2
	fi
	rm -rf "$tmp"
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/runtime" "$tmp/work/zh" "$tmp/html" "$OUT"
"$BIN" install --prefix "$tmp/prefix" >/dev/null
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_CACHE_HOME="$tmp/home/.cache"
export XDG_DATA_HOME="$tmp/home/.local/share" IPYTHONDIR="$tmp/home/.ipython"
export JUPYTER_PATH="$tmp/prefix/share/jupyter" JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime"
export JUPYTER_PLATFORM_DIRS=0 PYTHONDONTWRITEBYTECODE=1

# The notebooks are copied, so that the page's autosave never touches the
# repository.
if [ ${#notebooks[@]} -eq 0 ]; then
	if [ $SCREENSHOT = 1 ]; then
		notebooks=(notebooks/01-convolution.ipynb)
	else
		notebooks=(notebooks/[0-9]*.ipynb notebooks/zh/[0-9]*.ipynb)
	fi
fi
rels=()
for nb in "${notebooks[@]}"; do
	[ -f "$nb" ] || need "no notebook $nb"
	case $nb in
	*/zh/*) rel=zh/$(basename "$nb") ;;
	*) rel=$(basename "$nb") ;;
	esac
	cp "$nb" "$tmp/work/$rel"
	rels+=("$rel")
done

# Jupyter Notebook on 127.0.0.1, a free port, a random token.
port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$PY" -c 'import secrets; print(secrets.token_hex(24))')
root=()
[ "$(id -u)" = 0 ] && root=(--allow-root) # CI containers run as root
setsid "$JUPYTER" notebook --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
	--NotebookApp.token="$token" --NotebookApp.notebook_dir="$tmp/work" \
	--NotebookApp.open_browser=False --MappingKernelManager.cull_idle_timeout=0 "${root[@]}" \
	>"$tmp/jupyter.log" 2>&1 &
jupyter_pid=$!
base="http://127.0.0.1:$port"
for i in $(seq 300); do
	if "$PY" - "$base" "$token" <<'EOF' 2>/dev/null; then break; fi
import sys, urllib.request
r = urllib.request.urlopen(sys.argv[1] + "/api/kernelspecs?token=" + sys.argv[2], timeout=2)
import json
specs = json.load(r)["kernelspecs"]
sys.exit(0 if "stepwise" in specs else 3)
EOF
	kill -0 "$jupyter_pid" 2>/dev/null || need "Jupyter Notebook exited at start: $(tail -n 5 "$tmp/jupyter.log")"
	[ "$i" = 300 ] && need "Jupyter Notebook did not answer on $base with the stepwise kernelspec within 60 s"
	sleep 0.2
done
echo "Jupyter Notebook $("$PY" -c 'import notebook; print(notebook.__version__)') on $base (stepwise kernelspec from $tmp/prefix)"

# The exported pages: nbconvert's HTML of each notebook (with its stored
# outputs) and the kernel's own self-contained lesson page. nbconvert's page
# loads MathJax and require.js as scripts: from a CDN by default upstream,
# from /usr/share/javascript on Debian. They are named here explicitly, as
# the README tells teachers to, so that the page needs no network.
html_args=()
nbconvert_offline=()
if [ $HTML = 1 ] && [ $SCREENSHOT = 0 ]; then
	nbdir=$("$PY" -c 'import notebook, os; print(os.path.dirname(notebook.__file__))')
	mathjax=
	for f in /usr/share/javascript/mathjax/MathJax.js "$nbdir/static/components/MathJax/MathJax.js"; do
		[ -f "$f" ] && { mathjax=$f; break; }
	done
	requirejs=
	for f in /usr/share/javascript/requirejs/require.min.js "$nbdir/static/components/requirejs/require.js"; do
		[ -f "$f" ] && { requirejs=$f; break; }
	done
	[ -n "$mathjax" ] || need "no local MathJax 2 for nbconvert's page (Debian: sudo apt-get install libjs-mathjax)"
	[ -n "$requirejs" ] || need "no local require.js for nbconvert's page (Debian: sudo apt-get install libjs-requirejs)"
	nbconvert_offline=("--HTMLExporter.mathjax_url=file://$mathjax?config=TeX-AMS_CHTML-full,Safe"
		"--HTMLExporter.require_js_url=file://$requirejs")
	echo "nbconvert: MathJax from $mathjax, require.js from $requirejs"
fi
if [ $HTML = 1 ] && [ $SCREENSHOT = 0 ]; then
	for rel in "${rels[@]}"; do
		name=$(basename "$rel" .ipynb)
		lang=en
		case $rel in zh/*) lang=zh ;; esac
		out=$tmp/html/$lang-$name
		if timeout 300 "$JUPYTER" nbconvert --to html --log-level=WARN "${nbconvert_offline[@]}" \
			--output-dir "$tmp/html" --output "$lang-$name.nbconvert" "$tmp/work/$rel" \
			>"$tmp/html/$lang-$name.nbconvert.log" 2>&1; then
			html_args+=("nbconvert:$rel:$out.nbconvert.html")
		else
			html_args+=("nbconvert:$rel:FAILED $(tail -n 3 "$tmp/html/$lang-$name.nbconvert.log" | tr '\n' ' ')")
		fi
		if timeout 300 "$BIN" lesson "$name" --lang "$lang" --stored --html "$out.lesson.html" >"$out.lesson.log" 2>&1; then
			html_args+=("lesson:$rel:$out.lesson.html")
		else
			html_args+=("lesson:$rel:FAILED $(tail -n 3 "$out.lesson.log" | tr '\n' ' ')")
		fi
	done
fi

export SW_BASE=$base SW_TOKEN=$token SW_WORK=$tmp/work SW_PROFILE=$tmp/chromium
# what is left of the time budget, less 20 s for stopping everything
left=$((TIMEOUT - ($(date +%s) - SW_RUN_START) - 20))
[ "$left" -gt 60 ] || need "the time budget BROWSER_TIMEOUT=$TIMEOUT s is spent before the browser started"
export SW_OUT=$OUT SW_CHROMIUM=$CHROMIUM SW_DEADLINE=$left SW_SCREENSHOT=$SCREENSHOT
export SW_README_PNG=$ROOT/docs/img/lesson.png
set +e
timeout --kill-after=10 "$left" node tests/browser/test.js "${rels[@]}" -- "${html_args[@]}"
rc=$?
set -e
if [ $rc = 124 ] || [ $rc = 137 ]; then echo "test-browser: the browser run exceeded the time budget (BROWSER_TIMEOUT=$TIMEOUT s)" >&2; fi
exit $rc
