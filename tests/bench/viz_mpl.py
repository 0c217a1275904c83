#!/usr/bin/python3
"""The matplotlib side of tests/bench/viz.sh: the same figures as viz's
benchmarks (BenchmarkHeatmap*, BenchmarkFeatureGrid32*), drawn with
imshow + colorbar + savefig to memory, PNG and SVG, Agg backend.

Usage: viz_mpl.py CASE SECONDS, CASE one of Heatmap8PNG, Heatmap64PNG,
Heatmap256PNG, FeatureGrid32PNG and the same with SVG. Prints
"CASE median_wall_ms median_cpu_ms bytes". Run with Debian's python3 (python3-matplotlib).
"""
import io
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# The same resolution as viz's PNGs: viz.DefaultDPI (192, twice a
# screen's 96 px/in); viz.sh passes it as VIZ_DPI.
DPI = int(os.environ.get("VIZ_DPI", "192"))


def heatmap(x, fmt):
    fig, ax = plt.subplots(figsize=(4.5, 4.3), dpi=DPI)
    m = np.abs(x).max()
    im = ax.imshow(x, cmap="RdBu_r", vmin=-m, vmax=m, interpolation="nearest")
    fig.colorbar(im, ax=ax)
    ax.set_title("heatmap")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI)
    plt.close(fig)
    return buf.getbuffer().nbytes


def feature_grid(maps, fmt):
    fig, axes = plt.subplots(4, 8, figsize=(12.3, 6.8), dpi=DPI)
    hi = maps.max()
    for k, ax in enumerate(axes.flat):
        im = ax.imshow(maps[k], cmap="viridis", vmin=0, vmax=hi, interpolation="nearest")
        ax.set_title("channel %d" % k, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axes.ravel().tolist())
    fig.suptitle("feature maps")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI)
    plt.close(fig)
    return buf.getbuffer().nbytes


def measure(f, *args, seconds=2.0):
    """Median wall and CPU milliseconds per call, and the bytes written."""
    f(*args)  # warm up (font cache, imports)
    walls, cpus, n = [], [], 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds or len(walls) < 3:
        t0, c0 = time.perf_counter(), time.process_time()
        n = f(*args)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    walls.sort()
    cpus.sort()
    return 1000 * walls[len(walls) // 2], 1000 * cpus[len(cpus) // 2], n


def main():
    case, seconds = sys.argv[1], float(sys.argv[2])
    fmt = case[-3:].lower()
    rng = np.random.default_rng(1)
    if case.startswith("Heatmap"):
        n = int(case[len("Heatmap"):-3])
        ms, cpu, size = measure(heatmap, rng.standard_normal((n, n)), fmt, seconds=seconds)
    elif case.startswith("FeatureGrid32"):
        maps = np.maximum(0, rng.standard_normal((32, 28, 28)))
        ms, cpu, size = measure(feature_grid, maps, fmt, seconds=seconds)
    else:
        sys.exit("viz_mpl.py: unknown case %r" % case)
    print("%s %.3f %.3f %d" % (case, ms, cpu, size))


if __name__ == "__main__":
    main()
