"""A tiny test runner for the Jupyter tests: plain unittest, plus a summary
table (one row per test: what it checks, the result, the time) and helpers
that drive the installed stepwise kernel through jupyter_client."""

import os
import signal
import sys
import time
import unittest

from jupyter_client.manager import KernelManager

KERNEL = os.environ.get("STEPWISE_KERNEL_NAME", "stepwise")
TIMEOUT = float(os.environ.get("STEPWISE_TEST_TIMEOUT", "30"))


class Run:
    """One execute_request: its reply and the iopub messages whose parent
    it is, each with the time it arrived."""

    def __init__(self, msg_id, reply, iopub, sent):
        self.msg_id, self.reply, self.iopub, self.sent = msg_id, reply, iopub, sent

    @property
    def content(self):
        return self.reply["content"]

    @property
    def status(self):
        return self.content["status"]

    def types(self):
        out = []
        for m, _ in self.iopub:
            t = m["msg_type"]
            if t == "status":
                t += ":" + m["content"]["execution_state"]
            out.append(t)
        return out

    def stream(self, name):
        return "".join(m["content"]["text"] for m, _ in self.iopub
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)

    def result(self):
        for m, _ in self.iopub:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"].get("text/plain")
        return None

    def first(self, msg_type):
        for m, t in self.iopub:
            if m["msg_type"] == msg_type:
                return m, t
        return None, None


class Kernel:
    """A stepwise kernel started by jupyter_client's KernelManager from the
    installed kernelspec, with a BlockingKernelClient."""

    def __init__(self, stderr_path=None, env=None, **kw):
        self.km = KernelManager(kernel_name=KERNEL)
        self.stderr_path = stderr_path
        if stderr_path:
            kw["stderr"] = open(stderr_path, "a")
        if env is not None:
            kw["env"] = env
        self.km.start_kernel(**kw)
        self.connect()

    def connect(self):
        self.pending_shell, self.pending_iopub = [], []
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    @property
    def pid(self):
        return self.km.provisioner.process.pid

    def stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def send(self, code, **kw):
        kw.setdefault("allow_stdin", False)
        return self.kc.execute(code, **kw), time.monotonic()

    def collect(self, msg_id, sent=None, timeout=TIMEOUT, stdin=None, reply=True):
        """Waits for the reply (unless reply is False) and the idle status of
        msg_id. Messages of other requests are kept for their own collect.
        stdin, if given, answers input requests: a function from the
        input_request to the value."""
        deadline = time.monotonic() + timeout
        rep, iopub, idle = None, [], False

        def mine(m):
            return m["parent_header"].get("msg_id") == msg_id

        def take_iopub(m, t):
            nonlocal idle
            iopub.append((m, t))
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle = True

        for m in [m for m in self.pending_shell if mine(m)]:
            self.pending_shell.remove(m)
            rep = m
        for m, t in [p for p in self.pending_iopub if mine(p[0])]:
            self.pending_iopub.remove((m, t))
            take_iopub(m, t)
        while (reply and rep is None) or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                if rep is not None:  # keep what came for a later collect
                    self.pending_shell.append(rep)
                self.pending_iopub.extend(iopub)
                raise TimeoutError(f"no reply/idle for {msg_id} after {timeout}s (reply={rep is not None}, idle={idle})")
            if stdin is not None:
                try:
                    req = self.kc.get_stdin_msg(timeout=0.01)
                    self.kc.input(stdin(req))
                except Exception:
                    pass
            if reply and rep is None:
                try:
                    m = self.kc.get_shell_msg(timeout=min(left, 0.05))
                    if mine(m):
                        rep = m
                    else:
                        self.pending_shell.append(m)
                except Exception:
                    pass
            while True:
                try:
                    m = self.kc.get_iopub_msg(timeout=0.01 if (reply and rep is None) else min(left, 0.05))
                except Exception:
                    break
                if mine(m):
                    take_iopub(m, time.monotonic())
                else:
                    self.pending_iopub.append((m, time.monotonic()))
                if idle:
                    break
        return Run(msg_id, rep, iopub, sent)

    def run(self, code, timeout=TIMEOUT, stdin=None, **kw):
        if stdin is not None:
            kw["allow_stdin"] = True
        msg_id, sent = self.send(code, **kw)
        return self.collect(msg_id, sent, timeout, stdin)

    def request(self, channel, msg_type, content, timeout=TIMEOUT):
        """Sends a request on shell or control and returns the reply."""
        msg = self.kc.session.msg(msg_type, content)
        ch = self.kc.shell_channel if channel == "shell" else self.kc.control_channel
        ch.send(msg)
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.get_control_msg
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = get(timeout=deadline - time.monotonic())
            if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return m
        raise TimeoutError(msg_type)

    def alive(self):
        return self.km.is_alive()

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)


def process_gone(pid):
    """True when pid has exited (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def wait_gone(pid, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process_gone(pid):
            return True
        time.sleep(0.05)
    return False


class TableResult(unittest.TextTestResult):
    """Records each test's first docstring line, result and time."""

    rows = []

    def startTest(self, test):
        self._t0 = time.monotonic()
        super().startTest(test)

    def _row(self, test, result, note=""):
        doc = (test._testMethodDoc or test._testMethodName).strip().splitlines()[0]
        TableResult.rows.append((doc, result, time.monotonic() - self._t0, note))

    def addSuccess(self, test):
        super().addSuccess(test)
        self._row(test, "ok", getattr(test, "note", ""))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._row(test, "FAIL", str(err[1]).splitlines()[0][:80] if str(err[1]) else "")

    def addError(self, test, err):
        super().addError(test, err)
        self._row(test, "ERROR", f"{err[0].__name__}: {err[1]}"[:80])

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._row(test, "skip", reason[:80])


def main(title, modules):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromModule(m) for m in modules)
    runner = unittest.TextTestRunner(verbosity=0, resultclass=TableResult, stream=sys.stderr)
    result = runner.run(suite)
    width = max(len(r[0]) for r in TableResult.rows) if TableResult.rows else 10
    print(f"\n{title}\n")
    print(f"{'test':<{width}}  result  time    note")
    print(f"{'-' * width}  ------  ------  ----")
    for doc, res, dt, note in TableResult.rows:
        print(f"{doc:<{width}}  {res:<6}  {dt:5.2f}s  {note}")
    n = len(TableResult.rows)
    bad = sum(1 for r in TableResult.rows if r[1] in ("FAIL", "ERROR"))
    print(f"\n{n - bad} of {n} passed" + ("" if not bad else f", {bad} FAILED"))
    return 0 if result.wasSuccessful() else 1
