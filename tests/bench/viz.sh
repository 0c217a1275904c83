#!/bin/sh
# Benchmark viz against matplotlib in one run: render time per figure and
# bytes for 8×8, 64×64 and 256×256 heatmaps and a 32-map feature grid,
# PNG and SVG. Go side: BenchmarkHeatmap*/BenchmarkFeatureGrid32* in
# viz/bench_test.go (making the figure + rendering it); Python side:
# tests/bench/viz_mpl.py, imshow + colorbar + savefig with Debian's
# python3-matplotlib (Agg), at viz's DefaultDPI (VIZ_DPI, read from
# viz/figure.go) so both write the same pixels per inch. For each figure the two sides alternate for
# ROUNDS rounds and the median of the rounds is printed, so a busy machine
# slows both alike. Both wall time and CPU time (user + system, which a
# busy machine disturbs less) are shown; speed-up = matplotlib CPU time ÷
# viz CPU time (> 1: viz faster).
#
# Usage: tests/bench/viz.sh [seconds-per-measurement] [rounds]   (default 1 3)
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-1}
rounds=${2:-3}
PYTHON=${PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -c -o "$tmp/viz.test" ./viz
VIZ_DPI=$(sed -n 's/^const DefaultDPI = \([0-9]*\)$/\1/p' viz/figure.go)
export VIZ_DPI
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf "%-18s %8s %8s %8s %8s %10s %10s %9s\n" figure "viz ms" "mpl ms" "viz cpu" "mpl cpu" "viz bytes" "mpl bytes" speed-up
for fig in Heatmap8PNG Heatmap64PNG Heatmap256PNG FeatureGrid32PNG \
	Heatmap8SVG Heatmap64SVG Heatmap256SVG FeatureGrid32SVG; do
	: >"$tmp/go" && : >"$tmp/py"
	r=0
	while [ "$r" -lt "$rounds" ]; do
		(cd viz && "$tmp/viz.test" -test.run '^$' -test.bench "^Benchmark$fig\$" \
			-test.benchtime "${secs}s") | awk '/^Benchmark/ { for (i = 4; i < NF; i++) { if ($(i+1) == "bytes") b = $i; if ($(i+1) == "cpu-ms/op") c = $i }
				print $3 / 1e6, c, b }' >>"$tmp/go"
		"$PYTHON" tests/bench/viz_mpl.py "$fig" "$secs" | awk '{ print $2, $3, $4 }' >>"$tmp/py"
		r=$((r + 1))
	done
	gms=$(cut -d' ' -f1 "$tmp/go" | median)
	pms=$(cut -d' ' -f1 "$tmp/py" | median)
	gc=$(cut -d' ' -f2 "$tmp/go" | median)
	pc=$(cut -d' ' -f2 "$tmp/py" | median)
	gb=$(tail -1 "$tmp/go" | cut -d' ' -f3)
	pb=$(tail -1 "$tmp/py" | cut -d' ' -f3)
	awk -v f="$fig" -v g="$gms" -v p="$pms" -v gc="$gc" -v pc="$pc" -v gb="$gb" -v pb="$pb" \
		'BEGIN { printf "%-18s %8.2f %8.2f %8.2f %8.2f %10d %10d %8.1fx\n", f, g, p, gc, pc, gb, pb, pc / gc }'
done
echo "(median of $rounds alternating rounds; both at $VIZ_DPI dpi; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
