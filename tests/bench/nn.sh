#!/usr/bin/env bash
# nn against PyTorch, one thread, in one run (issue 3 point 7).
#
#   tests/bench/nn.sh            the table: nn, torch float64, torch float32, ratio
#   tests/bench/nn.sh --routes   also nn through each GEMM/exp route (gonum,
#                                purego, asm-gemm, openblas via cgo when
#                                libopenblas-dev is installed) to show what each buys
#   tests/bench/nn.sh --gemm     GFLOP/s of the matrix products alone (fast's
#                                BenchmarkDgemm, and torch.mm for reference)
#   tests/bench/nn.sh --quick    fewer samples (a smoke run)
#
# Environment: COUNT (Go samples, default 7), SAMPLES (PyTorch samples,
# default 7), BENCHTIME (per Go sample, default 0.3s), CLOCK=cpu|wall (which
# time the ratios use; default cpu), ONLY=regexp of workloads, PYTHON.
#
# Every number is the median over the samples. CPU time (user + system of
# the process) is the default clock because the machine may be shared: time
# spent waiting for a core is not counted, so the ratio stays meaningful
# under load; wall times are printed too, and the load average before and
# after. Both sides run single-threaded: GOMAXPROCS=1 for Go,
# torch.set_num_threads(1) and OMP/OPENBLAS/MKL_NUM_THREADS=1 for PyTorch.
# This is a benchmark, not a test: it asserts nothing and always exits 0
# unless a program fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-7}
SAMPLES=${SAMPLES:-7}
BENCHTIME=${BENCHTIME:-0.3s}
CLOCK=${CLOCK:-cpu}
ONLY=${ONLY:-.}
PYTHON=${PYTHON:-/usr/bin/python3}
GO=${GO:-go}
routes=0
gemm=0
for a in "$@"; do
	case "$a" in
	--routes) routes=1 ;;
	--gemm) gemm=1 ;;
	--quick) COUNT=2 SAMPLES=2 BENCHTIME=0.1s ;;
	-h | --help) sed -n '2,25p' "$0"; exit 0 ;;
	*) echo "nn.sh: unknown argument $a (expected --routes, --gemm, --quick)" >&2; exit 2 ;;
	esac
done

export GOMAXPROCS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have_torch=0
if "$PYTHON" -c 'import torch' 2>/dev/null; then have_torch=1; fi
have_openblas=0
if [ -e /usr/include/x86_64-linux-gnu/cblas.h ] || [ -e /usr/include/cblas.h ]; then have_openblas=1; fi

echo "nn.sh: $(date -u +%FT%TZ), $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "nn.sh: Go samples $COUNT × $BENCHTIME, PyTorch samples $SAMPLES; clock for ratios: $CLOCK"

run_go() { # route, output file
	local route=$1 out=$2 tags=""
	[ "$route" = openblas ] && tags="-tags openblas"
	echo "nn.sh: go test -bench BenchmarkNN (STEPWISE_FAST=${route:-default}) ..." >&2
	STEPWISE_FAST=$route $GO test $tags -run '^$' -bench "BenchmarkNN/($ONLY)" -benchtime "$BENCHTIME" -count "$COUNT" ./tests/bench >"$out"
}

routelist=("")
if [ $routes = 1 ]; then
	routelist=(gonum purego asm-gemm "")
	[ $have_openblas = 1 ] && routelist+=(openblas)
fi
for r in "${routelist[@]}"; do run_go "$r" "$tmp/go_${r:-default}.txt"; done

if [ $have_torch = 1 ]; then
	echo "nn.sh: PyTorch (nn_torch.py) ..." >&2
	torch_only=$("$PYTHON" - "$ONLY" <<'EOF'
import re, sys
sys.path.insert(0, "tests/bench")
import nn_torch
print(",".join(n for n, _ in nn_torch.WORKLOADS if re.search(sys.argv[1], n)))
EOF
)
	"$PYTHON" tests/bench/nn_torch.py --samples "$SAMPLES" --only "$torch_only" >"$tmp/torch.jsonl"
else
	echo "nn.sh: $PYTHON cannot import torch (Debian: apt-get install python3-torch); printing nn only" >&2
	: >"$tmp/torch.jsonl"
fi

if [ $gemm = 1 ]; then
	tags=""
	[ $have_openblas = 1 ] && tags="-tags openblas"
	echo "nn.sh: go test -bench 'BenchmarkDgemm|BenchmarkVec' ./nn/internal/fast ..." >&2
	$GO test $tags -run '^$' -bench 'BenchmarkDgemm|BenchmarkVec' -benchtime "$BENCHTIME" -count "$COUNT" ./nn/internal/fast >"$tmp/gemm.txt"
	if [ $have_torch = 1 ]; then
		echo "nn.sh: PyTorch kernels (nn_torch.py --kernels) ..." >&2
		"$PYTHON" tests/bench/nn_torch.py --kernels --samples "$SAMPLES" >"$tmp/torch_kernels.jsonl"
	else
		: >"$tmp/torch_kernels.jsonl"
	fi
fi

"$PYTHON" - "$tmp" "$CLOCK" "$gemm" "${routelist[@]}" <<'EOF'
import json, os, re, statistics, sys

tmp, clock, gemm, routes = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4:]
routes = [r or "default" for r in routes]

def go_results(path):
    """name -> {'wall': [ms...], 'cpu': [ms...]} from go test -bench output."""
    res = {}
    for line in open(path):
        m = re.match(r"^BenchmarkNN/(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)", line)
        if not m:
            continue
        r = res.setdefault(m.group(1), {"wall": [], "cpu": []})
        r["wall"].append(float(m.group(2)) / 1e6)
        c = re.search(r"([\d.]+) cpu-ns/op", m.group(3))
        if c:
            r["cpu"].append(float(c.group(1)) / 1e6)
    return res

go = {r: go_results(os.path.join(tmp, f"go_{r}.txt")) for r in routes}
torch, info = {}, {}
for line in open(os.path.join(tmp, "torch.jsonl")):
    d = json.loads(line)
    if "workload" in d:
        torch[(d["workload"], d["dtype"])] = d
    else:
        info = d

TITLES = {
    "conv_3to32_b1": "conv2d 3→32 3×3 p1, 1×3×32×32",
    "conv_3to32_b64": "conv2d 3→32 3×3 p1, 64×3×32×32",
    "conv_64to64_b64": "conv2d 64→64 3×3 p1, 64×64×16×16",
    "cnn_fwd": "seed CNN forward, 64×3×24×24",
    "cnn_fwd_bwd": "seed CNN forward+backward, 64×3×24×24",
    "lstm_b1": "LSTM 32→128, 50 steps, batch 1",
    "lstm_b32": "LSTM 32→128, 50 steps, batch 32",
    "sdpa_n64": "attention n=64, d=64",
    "sdpa_n256": "attention n=256, d=64",
    "sdpa_n1024": "attention n=1024, d=64",
    "mha_256x8_n256": "multi-head attn 256, 8 heads, n=256",
    "softmax_1024x1024": "softmax 1024×1024",
    "maxpool_b64": "max pool 2×2, 64×32×24×24",
    "avgpool_b64": "avg pool 2×2, 64×32×24×24",
}
FASTER = {"softmax_1024x1024", "maxpool_b64", "avgpool_b64"}  # target: faster than torch f64

def med(v):
    return statistics.median(v) if v else float("nan")

def spread(v):
    return (max(v) - min(v)) / statistics.median(v) * 100 if len(v) > 1 and statistics.median(v) > 0 else 0.0

def fmt(x):
    if x != x:
        return "—"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}" if x < 1000 else f"{x:.0f}"

names = [n for n in TITLES if any(n in go[r] for r in routes)]
main = "default"
print()
print(f"Times in ms per step, medians ({clock} time); ratio = nn / torch float64; "
      f"target ≤ 1.5× (softmax and pooling: < 1×).")
hdr = f"{'workload':40s} {'nn':>9s} {'torch f64':>10s} {'torch f32':>10s} {'nn/f64':>7s}  {'target':6s} {'spread nn/f64':>13s}"
print(hdr)
print("-" * len(hdr))
met = 0
for n in names:
    g = go[main].get(n, {"wall": [], "cpu": []})
    t64 = torch.get((n, "float64"), {})
    t32 = torch.get((n, "float32"), {})
    nn_ms = med(g[clock])
    f64 = t64.get(f"{clock}_ms", float("nan"))
    f32 = t32.get(f"{clock}_ms", float("nan"))
    ratio = nn_ms / f64 if f64 == f64 and f64 > 0 else float("nan")
    limit = 1.0 if n in FASTER else 1.5
    ok = ratio == ratio and ratio < limit if n in FASTER else ratio == ratio and ratio <= limit
    met += ok
    mark = ("yes" if ok else "NO") if ratio == ratio else "—"
    print(f"{TITLES[n]:40s} {fmt(nn_ms):>9s} {fmt(f64):>10s} {fmt(f32):>10s} {fmt(ratio):>7s}  {mark:6s} {spread(g[clock]):6.0f}%")
print(f"\n{met} of {len(names)} workloads meet the target.")
if info:
    print(f"PyTorch {info.get('torch')} with {info.get('threads')} thread(s); Go GOMAXPROCS=1.")

if len(routes) > 1:
    print(f"\nnn through each route ({clock} ms, medians; ratio to torch float64 in brackets):")
    hdr = f"{'workload':40s}" + "".join(f" {r:>16s}" for r in routes)
    print(hdr)
    print("-" * len(hdr))
    for n in names:
        f64 = torch.get((n, "float64"), {}).get(f"{clock}_ms", float("nan"))
        cells = []
        for r in routes:
            v = med(go[r].get(n, {clock: []})[clock])
            cells.append(f"{fmt(v)} ({fmt(v / f64) if f64 == f64 else '—'})")
        print(f"{TITLES[n]:40s}" + "".join(f" {c:>16s}" for c in cells))
    print("routes: gonum = gonum Dgemm + math.Exp; purego = blocked Go GEMM + math.Exp;"
          " asm-gemm = AVX2/FMA assembly GEMM + math.Exp; default = assembly GEMM + vectorised exp;"
          " openblas = OpenBLAS dgemm via cgo (comparison only).")

if gemm:
    tk = [json.loads(l) for l in open(os.path.join(tmp, "torch_kernels.jsonl"))]
    tmm = {d["shape"]: d["gflops"] for d in tk if d.get("kernel") == "mm"}
    tvec = {d["kernel"]: d["ns_per_elem"] for d in tk if "ns_per_elem" in d}
    rows, vec = {}, {}
    for line in open(os.path.join(tmp, "gemm.txt")):
        m = re.match(r"^BenchmarkDgemm/(\S+?)/(\S+?)(?:-\d+)?\s+\d+\s+.*?([\d.]+) GFLOP/s", line)
        if m:
            rows.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(float(m.group(3)))
        m = re.match(r"^BenchmarkVec/(\S+?)/(\S+?)(?:-\d+)?\s+\d+\s+.*?([\d.]+) cpu-ns/op", line)
        if m:
            vec.setdefault(m.group(1), {}).setdefault(m.group(2), []).append(float(m.group(3)) / (1 << 20))
    impls = []
    for v in rows.values():
        for k in v:
            if k not in impls:
                impls.append(k)
    print("\nMatrix products alone: GFLOP/s on CPU time, medians (fast's BenchmarkDgemm; torch.mm float64):")
    print(f"{'shape (m×n×k, _T = transposed)':34s}" + "".join(f" {k:>9s}" for k in impls) + f" {'torch':>9s}")
    for shape, v in rows.items():
        print(f"{shape:34s}" + "".join(f" {med(v.get(k, [])):9.2f}" for k in impls) + f" {tmm.get(shape, float('nan')):9.2f}")
    if vec:
        vimpls = []
        for v in vec.values():
            for k in v:
                if k not in vimpls:
                    vimpls.append(k)
        print("\nElement-wise over 1024×1024 float64: ns per element on CPU time, medians (softmax row-wise):")
        print(f"{'function':12s}" + "".join(f" {k:>9s}" for k in vimpls) + f" {'torch':>9s}")
        for f, v in vec.items():
            print(f"{f:12s}" + "".join(f" {med(v.get(k, [])):9.3f}" for k in vimpls) + f" {tvec.get(f, float('nan')):9.3f}")

EOF
echo "nn.sh: load after $(cut -d' ' -f1-3 /proc/loadavg)"
