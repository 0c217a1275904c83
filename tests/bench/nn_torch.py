#!/usr/bin/python3
"""PyTorch side of the nn benchmark: the workloads of nn_bench_test.go.

Times each workload in float64 and float32 on one thread and prints one JSON
object per line: {"workload", "dtype", "samples", "wall_ms", "cpu_ms"} where
wall_ms and cpu_ms are medians over the samples of the time per step (cpu_ms
is process CPU time, steadier on a shared machine). nn.sh runs it beside the
Go benchmarks; it can be run alone:

    OMP_NUM_THREADS=1 /usr/bin/python3 tests/bench/nn_torch.py [--samples 7] [--min-time 0.2] [--only NAME,...]

Forward-only steps run under torch.no_grad() (PyTorch's fastest inference
path). PyTorch 1.13 has no F.scaled_dot_product_attention, so attention is
written out as softmax(Q·Kᵀ/√d)·V, which is what its math backend computes.
"""

import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn as tnn
import torch.nn.functional as F


def seed_cnn():
    # The seed document's CNN (nn.SeedCNN).
    return tnn.Sequential(
        tnn.Conv2d(3, 32, 3, padding=1), tnn.ReLU(), tnn.MaxPool2d(2, 2),
        tnn.Conv2d(32, 64, 3, padding=1), tnn.ReLU(), tnn.MaxPool2d(2, 2),
        tnn.Flatten(), tnn.Linear(64 * 6 * 6, 128), tnn.ReLU(), tnn.Linear(128, 10))


def rnd(dtype, *shape):
    return torch.rand(*shape, dtype=dtype) * 2 - 1


def inference(module, x):
    module.eval()

    def step():
        with torch.no_grad():
            module(x)
    return step


def conv(cin, cout, shape):
    return lambda dt: inference(tnn.Conv2d(cin, cout, 3, padding=1).to(dt), rnd(dt, *shape))


def cnn_fwd(dt):
    return inference(seed_cnn().to(dt), rnd(dt, 64, 3, 24, 24))


def cnn_fwd_bwd(dt):
    m, x = seed_cnn().to(dt), rnd(dt, 64, 3, 24, 24)
    targets = torch.randint(0, 10, (64,))

    def step():
        m.zero_grad(set_to_none=False)
        F.cross_entropy(m(x), targets).backward()
    return step


def lstm(batch):
    return lambda dt: inference(tnn.LSTM(32, 128).to(dt), rnd(dt, 50, batch, 32))


def sdpa(n):
    def make(dt):
        q, k, v = rnd(dt, 1, n, 64), rnd(dt, 1, n, 64), rnd(dt, 1, n, 64)
        scale = 1 / math.sqrt(64)

        def step():
            with torch.no_grad():
                torch.softmax(q @ k.transpose(-2, -1) * scale, dim=-1) @ v
        return step
    return make


def mha(dt):
    m, x = tnn.MultiheadAttention(256, 8).to(dt), rnd(dt, 256, 1, 256)
    m.eval()

    def step():
        with torch.no_grad():
            m(x, x, x)
    return step


def softmax(dt):
    x = rnd(dt, 1024, 1024)

    def step():
        with torch.no_grad():
            torch.softmax(x, dim=-1)
    return step


def pool(cls):
    return lambda dt: inference(cls(2, 2), rnd(dt, 64, 32, 24, 24))


WORKLOADS = [
    ("conv_3to32_b1", conv(3, 32, (1, 3, 32, 32))),
    ("conv_3to32_b64", conv(3, 32, (64, 3, 32, 32))),
    ("conv_64to64_b64", conv(64, 64, (64, 64, 16, 16))),
    ("cnn_fwd", cnn_fwd),
    ("cnn_fwd_bwd", cnn_fwd_bwd),
    ("lstm_b1", lstm(1)),
    ("lstm_b32", lstm(32)),
    ("sdpa_n64", sdpa(64)),
    ("sdpa_n256", sdpa(256)),
    ("sdpa_n1024", sdpa(1024)),
    ("mha_256x8_n256", mha),
    ("softmax_1024x1024", softmax),
    ("maxpool_b64", pool(tnn.MaxPool2d)),
    ("avgpool_b64", pool(tnn.AvgPool2d)),
]


# Matrix products and element-wise kernels, named as in nn/internal/fast's
# BenchmarkDgemm and BenchmarkVec (nn.sh --gemm prints them side by side).
MM_SHAPES = [
    ("sq64", False, False, 64, 64, 64), ("sq128", False, False, 128, 128, 128),
    ("sq256", False, False, 256, 256, 256), ("sq512", False, False, 512, 512, 512),
    ("sq1024", False, False, 1024, 1024, 1024),
    ("conv3to32_32x27x1024", False, False, 32, 1024, 27),
    ("conv64to64_64x576x256", False, False, 64, 256, 576),
    ("conv3to32_batched_32x27x65536", False, False, 32, 65536, 27),
    ("linear_64x2304x128_T", False, True, 64, 128, 2304),
    ("lstm_32x128x512_T", False, True, 32, 512, 128),
    ("lstm_1x128x512_T", False, True, 1, 512, 128),
    ("attnQK_1024x64x1024_T", False, True, 1024, 1024, 64),
    ("attnPV_1024x1024x64", False, False, 1024, 64, 1024),
    ("cnn_conv1_fwd_32x576x27", False, False, 32, 576, 27),
    ("cnn_conv2_fwd_64x144x288", False, False, 64, 144, 288),
    ("cnn_conv1_dW_32x27x576_T", False, True, 32, 27, 576),
    ("cnn_conv1_dX_T27x576x32", True, False, 27, 576, 32),
    ("cnn_conv2_dW_64x288x144_T", False, True, 64, 288, 144),
    ("cnn_conv2_dX_T288x144x64", True, False, 288, 144, 64),
    ("cnn_fc1_dW_T128x2304x64", True, False, 128, 2304, 64),
    ("cnn_fc1_dX_64x2304x128", False, False, 64, 2304, 128),
    ("sq256_TN", True, False, 256, 256, 256), ("sq256_TT", True, True, 256, 256, 256),
]


def kernels(samples, min_time):
    for name, ta, tb, m, n, k in MM_SHAPES:
        a = torch.rand(k, m, dtype=torch.float64).t() if ta else torch.rand(m, k, dtype=torch.float64)
        b = torch.rand(n, k, dtype=torch.float64).t() if tb else torch.rand(k, n, dtype=torch.float64)
        c = torch.empty(m, n, dtype=torch.float64)
        _, cpu = measure(lambda: torch.mm(a, b, out=c), samples, min_time)
        print(json.dumps({"kernel": "mm", "shape": name, "gflops": round(2 * m * n * k / cpu / 1e6, 3)}), flush=True)
    x = torch.rand(1024, 1024, dtype=torch.float64) * 20 - 10
    out = torch.empty_like(x)
    for name, f in [("Exp", lambda: torch.exp(x, out=out)), ("Sigmoid", lambda: torch.sigmoid(x, out=out)),
                    ("Tanh", lambda: torch.tanh(x, out=out)), ("Softmax", lambda: torch.softmax(x, dim=-1))]:
        _, cpu = measure(f, samples, min_time)
        print(json.dumps({"kernel": name, "ns_per_elem": round(cpu * 1e6 / x.numel(), 4)}), flush=True)


def measure(step, samples, min_time):
    step()  # warm up
    # Calibrate the repetitions per sample to last about min_time.
    reps, elapsed = 1, 0.0
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            step()
        elapsed = time.perf_counter() - t
        if elapsed >= min_time / 4 or reps >= 1 << 20:
            break
        reps *= 2
    reps = max(1, int(reps * min_time / max(elapsed, 1e-9)))
    wall, cpu = [], []
    for _ in range(samples):
        w0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            step()
        wall.append((time.perf_counter() - w0) / reps * 1e3)
        cpu.append((time.process_time() - c0) / reps * 1e3)
    return statistics.median(wall), statistics.median(cpu)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("--min-time", type=float, default=0.2, help="seconds per sample")
    ap.add_argument("--only", default="", help="comma-separated workload names")
    ap.add_argument("--dtypes", default="float64,float32")
    ap.add_argument("--kernels", action="store_true", help="time torch.mm shapes and exp/sigmoid/tanh/softmax instead")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    if args.kernels:
        kernels(args.samples, args.min_time)
        return
    only = set(filter(None, args.only.split(",")))
    for name, make in WORKLOADS:
        if only and name not in only:
            continue
        for dtname in args.dtypes.split(","):
            dt = getattr(torch, dtname)
            wall, cpu = measure(make(dt), args.samples, args.min_time)
            print(json.dumps({"workload": name, "dtype": dtname, "samples": args.samples,
                              "wall_ms": round(wall, 4), "cpu_ms": round(cpu, 4)}), flush=True)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
