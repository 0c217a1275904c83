#!/usr/bin/python3
"""A class of simulated students on JupyterHub, for stepwise and ipykernel.

Starts Debian's JupyterHub 3.0 with tests/loadtest/jupyterhub_config.py on
127.0.0.1, students' homes under a temporary directory. For each class size N,
N students log in at once through the hub's login form (a cookie jar each, the
OAuth redirects followed as a browser follows them), their notebook servers
start, and each student opens a notebook session on a kernel and runs a lesson
notebook's code cells over the kernel websocket, through the proxy, with the
Jupyter messages a browser sends. The same class then does the same on the
comparison kernel (ipykernel, running a Python lesson of the same shape).

Printed per N and kernel: time to kernel ready (session request until the
kernel_info reply), execute round trips (request until reply and idle) over
the lesson's cells and over trivial `1+1` cells, RSS and PSS per kernel after
the lesson, the notebook server's PSS, and failures.

Bounded: loopback only, an overall deadline, and on any exit it stops the hub,
then kills every process that carries this run's CLASSROOM_RUN marker in its
environment (servers, kernels, the proxy) and removes its directory.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlparse

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Stand-in lessons: prints, a loop, a matrix product, a figure. The Go one is
# used when no notebooks/*.ipynb exists; the Python one is ipykernel's lesson.
GO_LESSON = [
    'import "fmt"\nfmt.Println("hello from stepwise")',
    "sum := 0\nfor i := 1; i <= 200000; i++ {\n\tsum += i * i % 7\n}\nfmt.Println(sum)",
    'import "gonum.org/v1/gonum/mat"\n'
    "a := mat.NewDense(64, 64, nil)\n"
    "for i := 0; i < 64; i++ {\n\tfor j := 0; j < 64; j++ {\n"
    "\t\ta.Set(i, j, float64(i-j)/64)\n\t}\n}\n"
    "var prod mat.Dense\nprod.Mul(a, a.T())\n"
    'fmt.Printf("%.4f\\n", mat.Trace(&prod))',
    'import (\n\t"bytes"\n\t"gonum.org/v1/plot"\n\t"gonum.org/v1/plot/plotter"\n'
    '\t"gonum.org/v1/plot/vg"\n)\n'
    "p := plot.New()\npts := make(plotter.XYs, 50)\n"
    "for i := range pts {\n\tpts[i].X = float64(i)\n\tpts[i].Y = float64(i * i)\n}\n"
    "line, _ := plotter.NewLine(pts)\np.Add(line)\n"
    'wt, _ := p.WriterTo(4*vg.Inch, 3*vg.Inch, "png")\n'
    "var buf bytes.Buffer\nwt.WriteTo(&buf)\ndisplay.PNG(buf.Bytes())",
]
PY_LESSON = [
    'print("hello from ipykernel")',
    "s = 0\nfor i in range(1, 200001):\n    s += i * i % 7\nprint(s)",
    "import numpy as np\n"
    "a = np.fromfunction(lambda i, j: (i - j) / 64, (64, 64))\n"
    'print("%.4f" % np.trace(a @ a.T))',
    "import matplotlib\nimport matplotlib.pyplot as plt\n"
    "fig, ax = plt.subplots(figsize=(4, 3))\n"
    "ax.plot(range(50), [i * i for i in range(50)])\nplt.show()",
]
TRIVIAL = "1+1"
TRIVIAL_REPEAT = 20
LOGIN_DEADLINE = 300  # seconds a student keeps waiting and pressing Launch
EXEC_TIMEOUT = int(os.environ.get("LOADTEST_EXEC_TIMEOUT", "180"))


class Failure(Exception):
    """A student's step that did not do what a browser would see it do."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def code_cells(path):
    """The code cells of a notebook, each with what its stored output says it does.

    The expectation is "ok", "error" (the lesson shows an error on purpose),
    or "interrupt" (the lesson has the student press Interrupt)."""
    with open(path) as f:
        nb = json.load(f)
    cells = []
    for c in nb.get("cells", []):
        if c.get("cell_type") != "code":
            continue
        src = c.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if not src.strip():
            continue
        errs = [o for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if any("nterrupt" in (o.get("ename", "") + o.get("evalue", "")) for o in errs):
            cells.append((src, "interrupt"))
        else:
            cells.append((src, "error" if errs else "ok"))
    return cells


# ---------------------------------------------------------------- processes


def marked_pids(run_id):
    """Processes whose environment carries CLASSROOM_RUN=run_id."""
    want = ("CLASSROOM_RUN=" + run_id).encode()
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open("/proc/%s/environ" % d, "rb") as f:
                if want in f.read().split(b"\0"):
                    pids.append(int(d))
        except OSError:
            pass
    return pids


def sweep(run_id, grace=5.0):
    """TERM then KILL every process of this run; returns how many were left."""
    pids = marked_pids(run_id)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids:
            try:
                os.kill(p, sig)
            except OSError:
                pass
        end = time.time() + grace
        while time.time() < end:
            pids = [p for p in pids if os.path.exists("/proc/%d" % p) and not zombie(p)]
            if not pids:
                return 0
            time.sleep(0.1)
    return len(pids)


def zombie(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def memory(pid):
    """(RSS, PSS) of a process in MiB, from /proc."""
    rss = pss = float("nan")
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, pss


def transport_of(pid):
    """The transport in the connection file a kernel process was started with."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            args = f.read().decode(errors="replace").split("\0")
        conn = [a for a in args if a.endswith(".json")][-1]
        with open(conn) as f:
            return json.load(f).get("transport", "?")
    except (OSError, IndexError, ValueError):
        return "?"


def ppid(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def kernel_pid(kernel_id):
    """The process whose command line names the kernel's connection file."""
    needle = ("kernel-%s.json" % kernel_id).encode()
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % d, "rb") as f:
                if needle in f.read():
                    return int(d)
        except OSError:
            pass
    return None


# ---------------------------------------------------------------- the hub


class Hub:
    def __init__(self, workdir, run_id, nodelay, extra_env=None):
        self.dir = workdir
        self.run_id = run_id
        self.nodelay = nodelay
        self.extra_env = extra_env or {}
        # Short, for unix socket paths (ipc transport): /tmp/swrt-XXXXXX/<student>/kernel-<id>-ipc-N
        self.runtime_root = tempfile.mkdtemp(prefix="swrt-%s-" % run_id[-6:], dir="/tmp")
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None
        self.log = None

    async def start(self):
        env = dict(os.environ)
        env.update(
            CLASSROOM_DIR=self.dir,
            CLASSROOM_PORT=str(self.port),
            CLASSROOM_HUB_PORT=str(free_port()),
            CLASSROOM_API_PORT=str(free_port()),
            CLASSROOM_NODELAY="1" if self.nodelay else "0",
            CLASSROOM_RUN=self.run_id,
            CLASSROOM_RUNTIME_ROOT=self.runtime_root,
            NODE_PATH="/usr/share/nodejs",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        env.update(self.extra_env)
        os.makedirs(os.path.join(self.dir, "home"), exist_ok=True)
        self.log = open(os.path.join(self.dir, "hub.log"), "ab")
        self.proc = subprocess.Popen(
            ["/usr/bin/jupyterhub", "-f", os.path.join(HERE, "jupyterhub_config.py")],
            cwd=self.dir,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        client = AsyncHTTPClient()
        end = time.time() + 60
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError("jupyterhub exited with %s; see %s/hub.log" % (self.proc.returncode, self.dir))
            try:
                r = await client.fetch(self.url + "/hub/api", raise_error=False, request_timeout=2)
                if r.code == 200:
                    return
            except OSError:
                pass
            await asyncio.sleep(0.2)
        raise RuntimeError("jupyterhub did not answer in 60 s; see %s/hub.log" % self.dir)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops its servers
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()
        shutil.rmtree(self.runtime_root, ignore_errors=True)


# ---------------------------------------------------------------- a student


class Student:
    """One browser: a cookie jar, the hub pages, a notebook session, a websocket."""

    def __init__(self, hub, name):
        self.hub = hub
        self.name = name
        self.jar = {}
        self.http = AsyncHTTPClient()
        self.ws = None
        self.session_id = uuid.uuid4().hex
        self.waiters = {}  # msg_id -> Pending
        self.reader = None
        self.kernel_id = None
        self.session = None
        self.errors = {}  # HTTP status >= 400 -> times seen while logging in
        self.other = []  # recent messages that answer none of our requests

    # -- HTTP with cookies, redirects followed by hand so cookies are kept

    def _absorb(self, resp):
        for raw in resp.headers.get_list("Set-Cookie"):
            ck = SimpleCookie()
            ck.load(raw)
            for k, m in ck.items():
                if m.value in ("", '""') or m["max-age"] == "0" or "1970" in m["expires"]:
                    self.jar.pop(k, None)
                else:
                    self.jar[k] = m.value

    async def fetch(self, method, path, body=None, headers=None, follow=True, timeout=180):
        url = urljoin(self.hub.url, path)
        for _ in range(12):
            h = {"Referer": self.hub.url + "/hub/", "Origin": self.hub.url, "User-Agent": "stepwise-loadtest",
                 "Accept": "application/json" if "/api/" in url else "text/html,application/xhtml+xml,*/*;q=0.8"}
            if self.jar:
                h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.jar.items())
            if "_xsrf" in self.jar:
                h["X-XSRFToken"] = self.jar["_xsrf"]
            h.update(headers or {})
            req = HTTPRequest(
                url, method=method, body=body, headers=h, follow_redirects=False,
                request_timeout=timeout, allow_nonstandard_methods=True,
            )
            resp = await self.http.fetch(req, raise_error=False)
            if resp.code == 599:
                raise Failure("%s %s: %s" % (method, urlparse(url).path, resp.error))
            self._absorb(resp)
            if follow and resp.code in (301, 302, 303, 307):
                url = urljoin(url, resp.headers["Location"])
                method, body = "GET", None
                continue
            return resp
        raise Failure("too many redirects from %s" % path)

    async def login_and_spawn(self):
        """Login form, then the spawn redirect chain until the notebook tree loads."""
        r = await self.fetch("GET", "/hub/login")
        if r.code != 200:
            raise Failure("GET /hub/login: %d" % r.code)
        form = {"username": self.name, "password": ""}
        if "_xsrf" in self.jar:
            form["_xsrf"] = self.jar["_xsrf"]
        r = await self.fetch("POST", "/hub/login", body=urlencode(form))
        if r.code == 403 or urlparse(r.effective_url).path.endswith("/hub/login"):
            raise Failure("login refused: %d" % r.code)
        # Like a student: wait on the pending page; on "too many users, try
        # again" (429) or a failed start, wait a little and press Launch again.
        end = time.time() + LOGIN_DEADLINE
        tree = "/user/%s/tree" % self.name
        while True:
            self.check_deadline(end, r)
            r = await self.fetch("GET", tree)
            path = urlparse(r.effective_url).path
            if r.code == 200 and path.startswith("/user/%s/" % self.name):
                return
            if r.code >= 400:
                self.errors[r.code] = self.errors.get(r.code, 0) + 1
                await asyncio.sleep(3 if r.code == 429 else 1)
                self.check_deadline(end, r)
                r = await self.fetch("GET", "/hub/spawn")
                if r.code >= 400:  # e.g. 429 "Too many users trying to log in right now"
                    self.errors[r.code] = self.errors.get(r.code, 0) + 1
                continue
            await asyncio.sleep(0.5)

    def check_deadline(self, end, r):
        if time.time() > end:
            raise Failure("server not ready after %d s (last %d %s; seen %s)" % (
                LOGIN_DEADLINE, r.code, urlparse(r.effective_url).path, self.errors or "no errors"))

    async def stop_server(self):
        r = await self.fetch("DELETE", "/hub/api/users/%s/server" % self.name, follow=False)
        if r.code not in (202, 204):
            raise Failure("stopping server: %d %s" % (r.code, r.body[:200]))
        end = time.time() + 60
        while time.time() < end:
            r = await self.fetch("GET", "/hub/api/users/%s" % self.name, follow=False)
            if r.code == 200 and not json.loads(r.body).get("servers"):
                return
            await asyncio.sleep(0.5)
        raise Failure("server still running 60 s after stop")

    # -- a notebook session and its kernel websocket

    async def open_notebook(self, nbpath, kernel):
        body = json.dumps({"path": nbpath, "type": "notebook", "name": "", "kernel": {"name": kernel}})
        r = await self.fetch("POST", "/user/%s/api/sessions" % self.name, body=body,
                             headers={"Content-Type": "application/json"})
        if r.code != 201:
            raise Failure("POST /api/sessions: %d %s" % (r.code, r.body[:300].decode(errors="replace")))
        self.session = json.loads(r.body)
        self.kernel_id = self.session["kernel"]["id"]
        ws_url = "ws://127.0.0.1:%d/user/%s/api/kernels/%s/channels?session_id=%s" % (
            self.hub.port, self.name, self.kernel_id, self.session_id)
        req = HTTPRequest(ws_url, headers={
            "Cookie": "; ".join("%s=%s" % kv for kv in self.jar.items()),
            "Origin": self.hub.url,
        }, request_timeout=180)
        self.ws = await websocket_connect(req, max_message_size=256 << 20)
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self):
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                for p in self.waiters.values():
                    p.closed()
                return
            if isinstance(raw, bytes):  # binary frame: offsets, then JSON, then buffers
                n = int.from_bytes(raw[:4], "big")
                offs = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(n)]
                raw = raw[offs[0]:offs[1]] if n > 1 else raw[offs[0]:]
            msg = json.loads(raw)
            parent = (msg.get("parent_header") or {}).get("msg_id")
            if parent in self.waiters:
                self.waiters[parent].add(msg)
            else:
                self.other.append(msg)
                del self.other[:-200]

    def _send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {
                "msg_id": msg_id, "msg_type": msg_type, "username": self.name,
                "session": self.session_id, "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                "version": "5.3",
            },
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": [],
        }
        p = Pending(msg_type.replace("_request", "_reply"))
        self.waiters[msg_id] = p
        self.ws.write_message(json.dumps(msg))
        return msg_id, p

    async def kernel_info(self, timeout=180):
        # The server may not forward requests until the kernel is up; repeat
        # the request as the notebook front end does.
        end = time.time() + timeout
        while time.time() < end:
            mid, p = self._send("shell", "kernel_info_request", {})
            try:
                await asyncio.wait_for(p.reply_event.wait(), 2.0)
                return p.reply
            except asyncio.TimeoutError:
                self.waiters.pop(mid, None)
        raise Failure("no kernel_info_reply in %d s" % timeout)

    async def execute(self, code, timeout=EXEC_TIMEOUT):
        mid, p = self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })
        try:
            await asyncio.wait_for(p.done.wait(), timeout)
        except asyncio.TimeoutError:
            raise Failure("no reply in %d s to cell %r" % (timeout, code[:40]))
        finally:
            self.waiters.pop(mid, None)
        if p.is_closed:
            raise Failure("websocket closed during cell %r" % code[:40])
        return p

    async def execute_and_interrupt(self, code, after=1.0, timeout=60):
        """Run a cell, then press Interrupt as the notebook page does (a REST call)."""
        mid, p = self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })
        await asyncio.sleep(after)
        r = await self.fetch("POST", "/user/%s/api/kernels/%s/interrupt" % (self.name, self.kernel_id), body="",
                             follow=False)
        if r.code != 204:
            raise Failure("interrupt: %d" % r.code)
        try:
            await asyncio.wait_for(p.done.wait(), timeout)
        except asyncio.TimeoutError:
            raise Failure("no reply %d s after Interrupt to cell %r" % (timeout, code[:40]))
        finally:
            self.waiters.pop(mid, None)
        return p

    async def close_notebook(self):
        if self.ws:
            self.ws.close()
        if self.reader:
            self.reader.cancel()
        if self.session:
            await self.fetch("DELETE", "/user/%s/api/sessions/%s" % (self.name, self.session["id"]), follow=False)
        self.ws = self.reader = self.session = None


class Pending:
    """The messages that answer one request: its reply, and idle on iopub."""

    def __init__(self, reply_type):
        self.reply_type = reply_type
        self.t0 = time.perf_counter()
        self.t1 = None
        self.reply = None
        self.outputs = []
        self.idle = False
        self.is_closed = False
        self.reply_event = asyncio.Event()
        self.done = asyncio.Event()

    def add(self, msg):
        t = msg["header"]["msg_type"]
        if t == self.reply_type:
            self.reply = msg["content"]
            self.reply_event.set()
        elif t == "status" and msg["content"].get("execution_state") == "idle":
            self.idle = True
        elif t in ("stream", "error", "display_data", "execute_result"):
            self.outputs.append(msg)
        if self.reply is not None and self.idle:
            self.t1 = time.perf_counter()
            self.done.set()

    def closed(self):
        self.is_closed = True
        self.done.set()
        self.reply_event.set()

    @property
    def rtt(self):
        return (self.t1 or time.perf_counter()) - self.t0


# ---------------------------------------------------------------- a class


class KernelRound:
    """What one class on one kernel measured."""

    def __init__(self, n, kernel):
        self.n, self.kernel = n, kernel
        self.ready = []
        self.cell_rtt = []
        self.trivial_rtt = []
        self.rss = []
        self.pss = []
        self.server_pss = []
        self.failures = {}  # student -> reason
        self.transports = set()  # from the kernels' connection files


async def student_lesson(st, kernel, nbname, cells, result, barrier):
    """One student opens the lesson, runs its cells, then 1+1 a few times."""
    step = "open the notebook"
    try:
        t0 = time.perf_counter()
        await st.open_notebook(nbname, kernel)
        step = "wait for kernel_info_reply"
        await st.kernel_info()
        result.ready.append(time.perf_counter() - t0)
        for i, (code, expect) in enumerate(cells):
            step = "cell %d" % (i + 1)
            if expect == "interrupt":
                p = await st.execute_and_interrupt(code)
            else:
                p = await st.execute(code)
            status = (p.reply or {}).get("status")
            if (status != "ok") != (expect != "ok"):
                errs = [o["content"] for o in p.outputs if o["header"]["msg_type"] == "error"]
                why = ("%s: %s" % (errs[0].get("ename"), errs[0].get("evalue"))) if errs else status
                raise Failure("%r: %s" % (code.splitlines()[0][:40], why))
            result.cell_rtt.append(p.rtt)
        step = "1+1 cells"
        for _ in range(TRIVIAL_REPEAT):
            p = await st.execute(TRIVIAL)
            if (p.reply or {}).get("status") != "ok":
                raise Failure("1+1 failed: %s" % p.reply)
            result.trivial_rtt.append(p.rtt)
    except Exception as e:  # noqa: BLE001 (every failure is counted and shown)
        result.failures[st.name] = "%s: %s" % (step, e if isinstance(e, Failure) else "%s: %s" % (type(e).__name__, e))
    finally:
        await barrier.wait_all()
        # Measure while every kernel of the class is alive (PSS shares pages).
        if st.kernel_id and st.name not in result.failures:
            pid = kernel_pid(st.kernel_id)
            if pid:
                result.transports.add(transport_of(pid))
                rss, pss = memory(pid)
                result.rss.append(rss)
                result.pss.append(pss)
                result.server_pss.append(memory(ppid(pid))[1])
            else:
                result.failures[st.name] = "kernel process not found after the lesson"
        await barrier.wait_all()
        try:
            await st.close_notebook()
        except Exception as e:  # noqa: BLE001
            result.failures.setdefault(st.name, "closing: %s" % e)


class Barrier:
    """Every student reaches the same point before any goes on (asyncio < 3.11 has none)."""

    def __init__(self, n):
        self.n = n
        self.count = 0
        self.gen = 0
        self.cond = asyncio.Condition()

    async def wait_all(self):
        async with self.cond:
            gen = self.gen
            self.count += 1
            if self.count == self.n:
                self.count = 0
                self.gen += 1
                self.cond.notify_all()
            else:
                await self.cond.wait_for(lambda: self.gen != gen)


async def run_class(hub, n, kernels, lessons, log, logins_only=False):
    names = ["student%03d" % i for i in range(1, n + 1)]
    for name in names:
        home = os.path.join(hub.dir, "home", name)
        os.makedirs(home, exist_ok=True)
        for nbname, _, src in lessons.values():  # the teacher hands out the notebooks
            shutil.copy(src, os.path.join(home, nbname))
    students = [Student(hub, name) for name in names]
    login_fail = {}
    login_times = []

    async def login(st):
        t0 = time.perf_counter()
        try:
            await st.login_and_spawn()
            login_times.append(time.perf_counter() - t0)
        except Exception as e:  # noqa: BLE001
            login_fail[st.name] = "login/spawn: %s" % e

    t0 = time.perf_counter()
    await asyncio.gather(*(login(st) for st in students))
    seen = {}
    for st in students:
        for code, k in st.errors.items():
            seen[code] = seen.get(code, 0) + k
    log("  N=%d: %d servers up in %.1f s (%d failed; HTTP errors on the way: %s)" % (
        n, len(login_times), time.perf_counter() - t0, len(login_fail), seen or "none"))
    rounds = []
    up = [st for st in students if st.name not in login_fail]
    if logins_only:
        res = KernelRound(n, "(logins only)")
        res.failures.update(login_fail)
        res.login = login_times
        res.http_errors = seen
        rounds.append(res)
    for kernel in ([] if logins_only else kernels):
        res = KernelRound(n, kernel)
        res.failures.update(login_fail)
        res.login = login_times
        res.http_errors = seen
        nbname, cells = lessons[kernel][:2]
        barrier = Barrier(len(up))
        t0 = time.perf_counter()
        await asyncio.gather(*(student_lesson(st, kernel, nbname, cells, res, barrier) for st in up))
        log("  N=%d %s: lessons done in %.1f s, %d failures" % (n, kernel, time.perf_counter() - t0, len(res.failures)))
        for line in busy_ports_report(hub):
            log("    a kernel found its %s" % line)
        rounds.append(res)
    stop_fail = 0
    results = await asyncio.gather(*(st.stop_server() for st in up), return_exceptions=True)
    for st, r in zip(up, results):
        if isinstance(r, Exception):
            stop_fail += 1
            log("  %s: %s" % (st.name, r))
    return rounds


async def nodelay_compare(workdir, run_id, kernels, args_env, log):
    """Two hubs, one with Nagle's algorithm on kernel websockets and one with
    TCP_NODELAY; one student on each runs `1+1` in turn on the same kernel
    kind, so both see the same machine load. Returns (kernel, nodelay, p50, p95)."""
    hubs = {nd: Hub(os.path.join(workdir, "nodelay%d" % nd), run_id, nd, args_env) for nd in (False, True)}
    rows = []
    try:
        await asyncio.gather(*(h.start() for h in hubs.values()))
        sts = {nd: Student(h, "probe") for nd, h in hubs.items()}
        await asyncio.gather(*(st.login_and_spawn() for st in sts.values()))
        for kernel in kernels:
            for st in sts.values():
                await st.open_notebook("probe.ipynb", kernel)
                await st.kernel_info()
                await st.execute(TRIVIAL)
            rtt = {False: [], True: []}
            for _ in range(60):
                for nd, st in sts.items():
                    p = await st.execute(TRIVIAL)
                    rtt[nd].append(p.rtt)
            for nd, st in sts.items():
                await st.close_notebook()
                rows.append((kernel, nd, statistics.median(rtt[nd]), percentile(rtt[nd], 0.95)))
            log("  %s: p50 %.1f ms with Nagle, %.1f ms with TCP_NODELAY" % (
                kernel, 1000 * statistics.median(rtt[False]), 1000 * statistics.median(rtt[True])))
    finally:
        for h in hubs.values():
            h.stop()
    return rows


async def cull_check(workdir, run_id, kernel, args_env, log):
    """Idle culling as configured: a kernel idle with its tab open, then the server."""
    env = dict(args_env, CLASSROOM_CULL_KERNEL="20", CLASSROOM_CULL_SERVER="40")
    hub = Hub(os.path.join(workdir, "cull"), run_id, True, env)
    out = {}
    try:
        await hub.start()
        st = Student(hub, "idle")
        await st.login_and_spawn()
        await st.open_notebook("idle.ipynb", kernel)
        await st.kernel_info()
        p = await st.execute(TRIVIAL)
        kid = st.kernel_id
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 150:
            r = await st.fetch("GET", "/user/idle/api/kernels", follow=False)
            if r.code == 200 and kid not in [k["id"] for k in json.loads(r.body)]:
                out["kernel"] = time.perf_counter() - t0
                break
            await asyncio.sleep(1)
        out["kernel_process_gone"] = kernel_pid(kid) is None
        await st.close_notebook()
        t1 = time.perf_counter()
        while time.perf_counter() - t1 < 150:
            r = await st.fetch("GET", "/hub/api/users/idle", follow=False)
            if r.code == 200 and not json.loads(r.body).get("servers"):
                out["server"] = time.perf_counter() - t1
                break
            await asyncio.sleep(1)
        log("  culling: kernel after %s s (tab open), server %s s after that" % (
            "%.0f" % out["kernel"] if "kernel" in out else "NEVER", "%.0f" % out["server"] if "server" in out else "NEVER"))
    except Exception as e:  # noqa: BLE001
        out["error"] = str(e)
        log("  culling check failed: %s" % e)
    finally:
        hub.stop()
    return out


def busy_ports_report(hub):
    """For kernels that could not bind their port: who holds that port now."""
    try:
        with open(os.path.join(hub.dir, "hub.log"), errors="replace") as f:
            found = sorted(set(re.findall(r"tcp://127\.0\.0\.1:(\d+)[^\n]*(?:still in use|already in use)", f.read())))
    except OSError:
        return []
    out = []
    for port in found[:5]:
        r = subprocess.run(["ss", "-tanpH", "( sport = :%s )" % port], capture_output=True, text=True)
        holders = " | ".join(" ".join(l.split()) for l in r.stdout.splitlines()[:3]) or "nobody now"
        out.append("port %s: %s" % (port, holders))
    return out


def ports(hub):
    """What the notebook server's restarter said about ports ("keep" or "new")."""
    try:
        with open(os.path.join(hub.dir, "hub.log"), errors="replace") as f:
            found = re.findall(r"KernelRestarter: restarting kernel \(\d+/\d+\), (\w+) random ports", f.read())
        return found[-1] if found else "?"
    except OSError:
        return "?"


async def kill_check(workdir, run_id, kernel, args_env, log, settle=20):
    """kill -9 a kernel in the middle of a cell, as the OOM killer would: the
    notebook server restarts it, and the student's next cell says what happened."""
    hub = Hub(os.path.join(workdir, "kill"), run_id, True, args_env)
    out = {}
    try:
        await hub.start()
        st = Student(hub, "victim")
        await st.login_and_spawn()
        await st.open_notebook("victim.ipynb", kernel)
        await st.kernel_info()
        await st.execute(TRIVIAL)
        # A kernel that dies in its first ~15 s counts as a failed start and is
        # restarted on new ports; one that ran a while (the usual case) is
        # restarted on the same ports, which it must be able to bind again.
        await asyncio.sleep(settle)
        slow = 'import "time"\ntime.Sleep(60 * time.Second)' if kernel != "python3" else "import time; time.sleep(60)"
        st._send("shell", "execute_request", {"code": slow, "silent": False, "store_history": True,
                                              "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        await asyncio.sleep(1.5)
        os.kill(kernel_pid(st.kernel_id), signal.SIGKILL)
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 60:
            if any(m["header"]["msg_type"] == "status" and m["content"].get("execution_state") == "restarting"
                   for m in st.other):
                out["restarting"] = time.perf_counter() - t0
                break
            await asyncio.sleep(0.1)
        await st.kernel_info()
        out["back"] = time.perf_counter() - t0
        p = await st.execute(TRIVIAL, timeout=30)
        said = " ".join(o["content"].get("text", "") for o in p.outputs if o["header"]["msg_type"] == "stream")
        out["ok"] = (p.reply or {}).get("status") == "ok"
        out["said"] = said.strip()
        log("  kill -9: restarting after %s s (%s ports), kernel back after %.1f s; next cell %s; it said: %s" % (
            "%.1f" % out["restarting"] if "restarting" in out else "NEVER", ports(hub), out["back"],
            "ok" if out["ok"] else "FAILED", out["said"][:200] or "(nothing)"))
        await st.close_notebook()
    except Exception as e:  # noqa: BLE001
        out["error"] = str(e)
        log("  kill check failed: %s" % e)
    finally:
        hub.stop()
    return out


def fmt_ms(x):
    return "%.1f" % (1000 * x) if x == x else "-"


def print_table(rounds, nodelay_rows, out):
    w = out.write
    if nodelay_rows:
        w("\nTCP_NODELAY on kernel websockets (two hubs side by side, one student each, 60 x `1+1` in turn; round trip ms)\n")
        w("| kernel | Nagle on (default) p50 / p95 | TCP_NODELAY p50 / p95 |\n|---|---|---|\n")
        for k in sorted({r[0] for r in nodelay_rows}):
            off = [r for r in nodelay_rows if r[0] == k and not r[1]]
            on = [r for r in nodelay_rows if r[0] == k and r[1]]
            cell = lambda r: "%s / %s" % (fmt_ms(r[0][2]), fmt_ms(r[0][3])) if r else "-"
            w("| %s | %s | %s |\n" % (k, cell(off), cell(on)))
    tr = sorted({t for r in rounds for t in r.transports})
    w("\nClass load (per N: students log in together; kernels measured one kind at a time; "
      "kernel transport: %s)\n" % ("/".join(tr) or "?"))
    w("| N | kernel | login until server up s p50/max | HTTP errors while logging in | kernel ready s p50/p95 "
      "| lesson cell ms p50/p95 | 1+1 ms p50/p95 | kernel RSS MB med/max | kernel PSS MB med "
      "| server+kernel PSS MB med | failures |\n")
    w("|---|---|---|---|---|---|---|---|---|---|---|\n")
    for r in rounds:
        med = lambda xs: statistics.median(xs) if xs else float("nan")
        both = [a + b for a, b in zip(r.pss, r.server_pss)]
        errs = ", ".join("%d×%d" % (k, v) for k, v in sorted(getattr(r, "http_errors", {}).items())) or "none"
        w("| %d | %s | %.1f / %.1f | %s | %.2f / %.2f | %s / %s | %s / %s | %.1f / %.1f | %.1f | %.1f | %d |\n" % (
            r.n, r.kernel, med(r.login), max(r.login or [float("nan")]), errs,
            med(r.ready), percentile(r.ready, 0.95),
            fmt_ms(percentile(r.cell_rtt, 0.5)), fmt_ms(percentile(r.cell_rtt, 0.95)),
            fmt_ms(percentile(r.trivial_rtt, 0.5)), fmt_ms(percentile(r.trivial_rtt, 0.95)),
            med(r.rss), max(r.rss or [float("nan")]), med(r.pss), med(both), len(r.failures)))
    fails = [(r.n, r.kernel, s, why) for r in rounds for s, why in sorted(r.failures.items())]
    if fails:
        w("\nFailures (first 20):\n")
        for f in fails[:20]:
            w("  N=%d %s %s: %s\n" % f)


def targets(rounds, kernels, out):
    """The issue's targets, checked on the largest class. Returns the misses."""
    misses = []
    if not rounds:
        return ["no class ran"]
    top = max(r.n for r in rounds)
    by = {r.kernel: r for r in rounds if r.n == top}
    sw = by.get(kernels[0])
    ref = by.get(kernels[1]) if len(kernels) > 1 else None
    out.write("\nTargets at N=%d:\n" % top)
    if sw and sw.kernel != "(logins only)":
        ok = not sw.failures
        out.write("  %s zero failures: %s (%d)\n" % (sw.kernel, "yes" if ok else "NO", len(sw.failures)))
        ok or misses.append("failures")
        mx = max(sw.rss or [float("inf")])
        out.write("  %s RSS <= 50 MB after the lesson: %s (max %.1f MB)\n" % (sw.kernel, "yes" if mx <= 50 else "NO", mx))
        mx <= 50 or misses.append("rss")
        if ref and sw.pss and ref.pss:
            ratio = statistics.median(sw.pss) / statistics.median(ref.pss)
            out.write("  %s kernel PSS <= 70%% of %s's: %s (%.1f / %.1f MB = %.0f%%)\n" % (
                sw.kernel, ref.kernel, "yes" if ratio <= 0.7 else "NO",
                statistics.median(sw.pss), statistics.median(ref.pss), 100 * ratio))
            ratio <= 0.7 or misses.append("pss ratio")
            if sw.server_pss and ref.server_pss:
                a = statistics.median([x + y for x, y in zip(sw.pss, sw.server_pss)])
                b = statistics.median([x + y for x, y in zip(ref.pss, ref.server_pss)])
                out.write("  (per student with the notebook server counted: %.1f / %.1f MB = %.0f%%)\n" % (a, b, 100 * a / b))
    return misses


async def main_async(args, workdir, run_id, log):
    AsyncHTTPClient.configure(None, max_clients=400)
    kernels = args.kernels.split(",")
    lessons = {}
    for k in kernels:
        if k == "python3":
            path = os.path.join(workdir, "lesson-py.ipynb")
            write_notebook(path, PY_LESSON, "python3")
            lessons[k] = ("lesson-py.ipynb", [(c, "ok") for c in PY_LESSON], path)
        elif args.lesson:
            lessons[k] = ("lesson-go.ipynb", code_cells(args.lesson), args.lesson)
        else:
            path = os.path.join(workdir, "lesson-go.ipynb")
            write_notebook(path, GO_LESSON, k)
            lessons[k] = ("lesson-go.ipynb", [(c, "ok") for c in GO_LESSON], path)
        log("lesson for %s: %s, %d code cells" % (k, args.lesson if k != "python3" and args.lesson else "stand-in",
                                                     len(lessons[k][1])))
    hub_env = dict(kv.split("=", 1) for kv in args.hub_env)
    nodelay_rows = []
    if args.nodelay_compare:
        log("TCP_NODELAY comparison")
        nodelay_rows = await nodelay_compare(workdir, run_id, kernels, hub_env, log)
    cull = kill = None
    if args.cull_check:
        log("idle culling (kernel after 20 s idle, server after 40 s without activity)")
        cull = await cull_check(workdir, run_id, kernels[0], hub_env, log)
    if args.kill_check:
        log("kill -9 of a kernel in the middle of a cell")
        kill = await kill_check(workdir, run_id, kernels[0], hub_env, log)
    hub = Hub(os.path.join(workdir, "hub"), run_id, True, hub_env)
    rounds = []
    try:
        await hub.start()
        log("hub at %s (state in %s)" % (hub.url, hub.dir))
        for n in [int(x) for x in args.sizes.split(",")]:
            rounds += await run_class(hub, n, kernels, lessons, log, args.logins_only)
    finally:
        hub.stop()
    return rounds, nodelay_rows, cull, kill


def write_notebook(path, cells, kernel):
    nb = {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": kernel, "display_name": kernel, "language": "go" if kernel != "python3" else "python"}},
        "cells": [{"cell_type": "code", "id": "c%d" % i, "metadata": {}, "execution_count": None,
                   "outputs": [], "source": c} for i, c in enumerate(cells)],
    }
    with open(path, "w") as f:
        json.dump(nb, f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,10,20,40", help="class sizes, comma-separated")
    ap.add_argument("--kernels", default="stepwise,python3", help="kernelspec names; the first is measured against the second")
    ap.add_argument("--lesson", help="a Go lesson notebook (default: the first notebooks/*.ipynb, else a stand-in)")
    ap.add_argument("--timeout", type=float, default=900, help="overall deadline in seconds")
    ap.add_argument("--hub-env", action="append", default=[], metavar="K=V",
                    help="environment for jupyterhub_config.py, e.g. CLASSROOM_SPAWN_LIMIT=100")
    ap.add_argument("--logins-only", action="store_true", help="only log the class in and start servers")
    ap.add_argument("--no-nodelay-compare", dest="nodelay_compare", action="store_false")
    ap.add_argument("--no-cull-check", dest="cull_check", action="store_false")
    ap.add_argument("--no-kill-check", dest="kill_check", action="store_false")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (logs)")
    args = ap.parse_args()
    if args.lesson is None:
        nbdir = os.path.join(ROOT, "notebooks")
        nbs = sorted(f for f in os.listdir(nbdir) if f.endswith(".ipynb")) if os.path.isdir(nbdir) else []
        # A real lesson (not the welcome tour) when there is one.
        nbs = [f for f in nbs if not f.startswith("00-")] or nbs
        if nbs:
            args.lesson = os.path.join(nbdir, nbs[0])
    elif args.lesson == "standin":
        args.lesson = None

    run_id = os.environ.get("LOADTEST_RUN_ID") or uuid.uuid4().hex  # run.sh sweeps by it too
    workdir = tempfile.mkdtemp(prefix="stepwise-loadtest.")
    t_start = time.time()

    def log(s):
        print("[%6.1fs] %s" % (time.time() - t_start, s), file=sys.stderr, flush=True)

    def on_signal(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)

    signal.signal(signal.SIGTERM, on_signal)
    rc = 1
    rounds, nodelay_rows, cull, kill = [], [], None, None
    try:
        rounds, nodelay_rows, cull, kill = asyncio.run(asyncio.wait_for(main_async(args, workdir, run_id, log), args.timeout))
        rc = 0
    except asyncio.TimeoutError:
        log("overall deadline of %.0f s reached: stopping" % args.timeout)
    except KeyboardInterrupt as e:
        log("interrupted (%s): stopping" % e)
    finally:
        left = sweep(run_id)
        if left:
            log("WARNING: %d processes of this run would not die" % left)
        if marked_pids(run_id):
            rc = 1
        if args.keep:
            log("kept %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if cull is not None:
        print("\nIdle culling (kernel: 20 s, server: 40 s): kernel culled %s with its websocket open "
              "(process gone: %s); server stopped %s later%s" % (
                  "after %.0f s" % cull["kernel"] if "kernel" in cull else "NEVER",
                  cull.get("kernel_process_gone"),
                  "%.0f s" % cull["server"] if "server" in cull else "NEVER",
                  "; error: " + cull["error"] if "error" in cull else ""))
        if "kernel" not in cull or "server" not in cull:
            rc = rc or 1
    if kill is not None:
        print("\nkill -9 during a cell, under the notebook server: %s" % (
            "error: " + kill["error"] if "error" in kill else
            "kernel restarted by the server (back after %.1f s); next cell %s; it said: %s" % (
                kill["back"], "ok" if kill["ok"] else "FAILED", kill["said"] or "(nothing)")))
        if "error" in kill or not kill.get("ok") or not kill.get("said"):
            rc = rc or 1
    if rounds:
        print_table(rounds, nodelay_rows, sys.stdout)
        misses = targets(rounds, args.kernels.split(","), sys.stdout)
        if misses:
            rc = rc or 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
