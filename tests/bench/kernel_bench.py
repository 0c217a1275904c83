"""Starts stepwise and ipykernel from the same jupyter_client, in one run,
and prints for each: time from start to the first kernel_info reply, the
median and p95 round trip of `1+1` executes, and the kernel process's RSS
(and PSS) after 20 cells. A benchmark: it asserts nothing.

Usage: kernel_bench.py [--starts N] [--executes N] [--lesson NB...] [kernel names...]
(default kernels: stepwise python3, or none with --lesson). Each --lesson notebook's code cells
are run on a fresh stepwise kernel, which then reports its RSS after the
lesson and again after a few idle seconds."""

import argparse
import json
import statistics
import time

import psutil
import zmq
import zmq.asyncio
from jupyter_client.manager import KernelManager

# jupyter_client's sockets retry a refused connection every 100 ms, which
# would hide how fast a kernel binds; both kernels get the same 10 ms. The
# option is set on the contexts the managers and clients are given: each
# makes a context of its own otherwise, with the 100 ms default.
zmq.Context.instance().setsockopt(zmq.RECONNECT_IVL, 10)
zmq.asyncio.Context.instance().setsockopt(zmq.RECONNECT_IVL, 10)


def start(name):
    """Returns (km, kc, seconds until the first kernel_info_reply, CPU
    seconds the kernel process used until then)."""
    km = KernelManager(kernel_name=name, context=zmq.Context.instance())
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client(context=zmq.asyncio.Context.instance())
    kc.start_channels()
    while True:
        msg_id = kc.kernel_info()
        try:
            while True:
                m = kc.get_shell_msg(timeout=0.05)
                if m["parent_header"].get("msg_id") == msg_id:
                    dt = time.perf_counter() - t0
                    c = psutil.Process(km.provisioner.process.pid).cpu_times()
                    return km, kc, dt, c.user + c.system
        except Exception:
            if time.perf_counter() - t0 > 30:
                raise RuntimeError(f"{name}: no kernel_info_reply in 30 s")


def wait_iopub(kc):
    """Sends kernel_info until its status arrives on iopub: a SUB socket
    misses what is published before its subscription reaches the kernel."""
    while True:
        msg_id = kc.kernel_info()
        try:
            while True:
                m = kc.get_iopub_msg(timeout=0.1)
                if m["parent_header"].get("msg_id") == msg_id:
                    return
        except Exception:
            pass


def wait_idle(kc, msg_id):
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                and m["content"]["execution_state"] == "idle":
            return


def execute(kc, code):
    """Seconds from sending execute_request to its execute_reply."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        m = kc.get_shell_msg(timeout=30)
        if m["parent_header"].get("msg_id") == msg_id:
            dt = time.perf_counter() - t0
            wait_idle(kc, msg_id)
            return dt


def pss(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None


def measure(name, starts, executes):
    start_times, start_cpu = [], []
    for i in range(starts):
        km, kc, dt, cpu0 = start(name)
        start_times.append(dt)
        start_cpu.append(cpu0)
        if i < starts - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    wait_iopub(kc)
    for _ in range(5):
        execute(kc, "1+1")  # warm up
    proc = psutil.Process(km.provisioner.process.pid)
    c0 = proc.cpu_times()
    rtts = sorted(execute(kc, "1+1") for _ in range(executes))
    c1 = proc.cpu_times()
    cpu = ((c1.user + c1.system) - (c0.user + c0.system)) / executes
    for _ in range(20 - 5):
        execute(kc, "1+1")
    pid = km.provisioner.process.pid
    rss = psutil.Process(pid).memory_info().rss
    p = pss(pid)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return {
        "start": statistics.median(start_times),
        "start_cpu": statistics.median(start_cpu),
        "median": statistics.median(rtts),
        "p95": rtts[min(len(rtts) - 1, int(round(0.95 * (len(rtts) - 1))))],
        "rss": rss, "pss": p, "cpu": cpu,
    }


def lesson_cells(path):
    """The code cells of a notebook, and whether its stored outputs show
    the student pressing Interrupt on it."""
    with open(path) as f:
        nb = json.load(f)
    cells = []
    for c in nb.get("cells", []):
        src = c.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if c.get("cell_type") != "code" or not src.strip():
            continue
        said = " ".join(o.get("ename", "") + o.get("evalue", "") for o in c.get("outputs", [])
                        if o.get("output_type") == "error")
        cells.append((src, "nterrupt" in said))
    return cells


def rss_of(pid):
    return psutil.Process(pid).memory_info().rss


def rss_split(pid):
    """(anonymous, file-backed) resident bytes: the heap and stacks, and
    the pages of the binary itself."""
    got = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("RssAnon", "RssFile"):
                    got[k] = int(v.split()[0]) * 1024
    except OSError:
        pass
    return got.get("RssAnon", 0), got.get("RssFile", 0)


def lesson(path, idle):
    """Runs a lesson on a fresh stepwise kernel; returns (cells, RSS after
    the last cell, RSS after idle seconds, PSS then)."""
    km, kc, _, _ = start("stepwise")
    wait_iopub(kc)
    pid = km.provisioner.process.pid
    cells = lesson_cells(path)
    for src, interrupted in cells:
        msg_id = kc.execute(src, allow_stdin=False)  # a cell asking for input fails at once
        if interrupted:
            time.sleep(1)
            km.interrupt_kernel()
        wait_idle_long(kc, msg_id)
    after = rss_of(pid)
    time.sleep(idle)
    later, p, split = rss_of(pid), pss(pid), rss_split(pid)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return len(cells), after, later, p, split


def wait_idle_long(kc, msg_id, limit=120):
    end = time.time() + limit
    while time.time() < end:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except Exception:
            continue
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                and m["content"]["execution_state"] == "idle":
            return
    raise RuntimeError(f"no idle within {limit} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--executes", type=int, default=50)
    ap.add_argument("--lesson", action="append", default=[], metavar="NB",
                    help="also run this notebook's code cells on stepwise and print RSS after it")
    ap.add_argument("--idle", type=float, default=3, help="seconds to wait after the lesson before measuring again")
    ap.add_argument("kernels", nargs="*", help="default: stepwise python3, or none when --lesson is given")
    a = ap.parse_args()
    if not a.kernels and not a.lesson:
        a.kernels = ["stepwise", "python3"]
    for nb in a.lesson:
        n, after, later, p, (anon, file) = lesson(nb, a.idle)
        pss_s = f", PSS {p / 2**20:.1f} MB" if p else ""
        print(f"stepwise after {nb} ({n} cells): RSS {after / 2**20:.1f} MB at once, "
              f"{later / 2**20:.1f} MB after {a.idle:g} s idle (anonymous {anon / 2**20:.1f} MB, "
              f"file {file / 2**20:.1f} MB){pss_s}")
    if not a.kernels:
        return
    rows = [(k, measure(k, a.starts, a.executes)) for k in a.kernels]
    print(f"\nkernels started by jupyter_client, same run ({a.starts} starts, {a.executes} executes of 1+1 each)\n")
    print(f"{'kernel':<10} {'start→kernel_info':>18} {'(CPU)':>8} {'1+1 median':>11} {'1+1 p95':>9} {'kernel CPU/1+1':>15} {'RSS, 20 cells':>14} {'PSS':>8}")
    for k, r in rows:
        pss_s = f"{r['pss'] / 2**20:.1f} MB" if r["pss"] else "-"
        print(f"{k:<10} {r['start'] * 1000:>15.0f} ms {r['start_cpu'] * 1000:>5.0f} ms {r['median'] * 1000:>8.2f} ms {r['p95'] * 1000:>6.2f} ms {r['cpu'] * 1000:>12.2f} ms "
              f"{r['rss'] / 2**20:>11.1f} MB {pss_s:>8}")
    if len(rows) == 2:
        (a_name, x), (b_name, y) = rows
        print(f"\n{a_name} vs {b_name}: start {y['start'] / x['start']:.1f}× faster, round trip "
              f"{y['median'] / x['median']:.1f}× faster, RSS {x['rss'] / y['rss']:.2f}× of {b_name}'s")
    print("start and round trips are wall time (the machine's load shows in them); (CPU) and kernel CPU are")
    print("the kernel process's user+system time until its first reply and per execute, which waiting for a")
    print("core does not inflate.")
    print("targets for stepwise (issue 2 point 9): start ≤ 150 ms, median ≤ 1.5 ms, RSS ≤ 50 MB")


if __name__ == "__main__":
    main()
