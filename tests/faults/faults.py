#!/usr/bin/python3
"""The fault suite: a class of students doing everything wrong, one fault a row.

Drives the installed kernel through Debian's jupyter_client (KernelManager and
BlockingKernelClient) and, for malformed messages, through raw ZeroMQ frames
sent with pyzmq straight to the kernel's shell, control and stdin ports.

For every row the suite asserts that the kernel survived (or died and was
restarted by the front end, and the new kernel said what happened), that the
next cell works, and that a variable set before the fault still holds its
value wherever the kernel survived. It prints a table and exits 1 if any row
failed.

Rows can be selected with -k SUBSTRING. --kernel python3 runs the same rows on
ipykernel (Python cells), which is how the harness itself is checked.
"""

import argparse
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import uuid

import zmq
from jupyter_client.manager import KernelManager

# Cells per language. {state} is the variable that must survive a fault.
GO = {
    "setup": 'import (\n\t"fmt"\n\t"os"\n\t"strings"\n\t"time"\n)\nvar _ = strings.Repeat\nvar _ = time.Now\nvar _ = os.Getpid',
    "set_state": "faultState := {value}",
    "get_state": 'fmt.Println("state", faultState)',
    "next": 'fmt.Println("next", 6*7)',
    "next_out": "next 42",
    "next_alone": 'import "fmt"\nfmt.Println("next", 6*7)',
    "panic": 'panic("fault-suite panic")',
    "goroutine_panic": 'go func() {\n\tpanic("fault-suite goroutine panic")\n}()\ntime.Sleep(300 * time.Millisecond)',
    "busy_loop": "for {\n}",
    "sleep_hour": "time.Sleep(time.Hour)",
    "million_lines": "for i := 0; i < 1000000; i++ {\n\tfmt.Println(i)\n}",
    "big_result": 'strings.Repeat("x", 100<<20)',
    "huge_alloc": "huge := make([]byte, 1<<40)\nhuge[len(huge)-1] = 1\nfmt.Println(len(huge))",
    "stdin": 'var line string\n_, err := fmt.Scanln(&line)\nfmt.Println("read", len(line), "bytes; err:", err)',
    "replay_init": "faultReplays := 0",
    "replay_inc": "faultReplays++",
    "replay_get": 'fmt.Println("replays", faultReplays)',
    "long_cell": "time.Sleep(30 * time.Second)",
    "writes": [
        'fmt.Println("hello")',
        'import "gonum.org/v1/gonum/mat"\nm := mat.NewDense(2, 2, []float64{1, 2, 3, 4})\nfmt.Println(mat.Det(m))',
        'import (\n\t"bytes"\n\t"gonum.org/v1/plot"\n\t"gonum.org/v1/plot/vg"\n)\n'
        'pl := plot.New()\npl.Title.Text = "t"\nwt, _ := pl.WriterTo(2*vg.Inch, 2*vg.Inch, "png")\n'
        'var pbuf bytes.Buffer\nwt.WriteTo(&pbuf)\nfmt.Println(pbuf.Len() > 0)',
        'panic("x")',
        "1 +",
    ],
}
PY = {
    "setup": "import os, time, threading",
    "set_state": "fault_state = {value}",
    "get_state": 'print("state", fault_state)',
    "next": 'print("next", 6*7)',
    "next_out": "next 42",
    "next_alone": 'print("next", 6*7)',
    "panic": 'raise RuntimeError("fault-suite panic")',
    "goroutine_panic": "def _boom():\n    raise RuntimeError('fault-suite goroutine panic')\n"
    "t = threading.Thread(target=_boom); t.start(); t.join()",
    "busy_loop": "while True:\n    pass",
    "sleep_hour": "time.sleep(3600)",
    "million_lines": "for i in range(1000000):\n    print(i)",
    "big_result": '"x" * (100 << 20)',
    "huge_alloc": "huge = bytearray(1 << 40)",
    "stdin": "line = input()",
    "replay_init": "fault_replays = 0",
    "replay_inc": "fault_replays += 1",
    "replay_get": 'print("replays", fault_replays)',
    "long_cell": "time.sleep(30)",
    "writes": ['print("hello")', "import numpy; print(numpy.linalg.det([[1,2],[3,4]]))", "raise ValueError('x')", "1 +"],
}

# What "says what happened" looks like on the next start after a death.
CRASH_WORDS = re.compile(r"(died|killed|crash|signal|out of memory|ended unexpectedly|exited|terminated)", re.I)


class RowFailed(Exception):
    pass


class Kernel:
    """A kernel started by jupyter_client, its client, and its stderr in a file."""

    def __init__(self, name, workdir, env=None, transport="tcp"):
        self.name = name
        self.workdir = workdir
        self.env = env
        self.km = KernelManager(kernel_name=name, transport=transport)
        if transport == "ipc":  # sockets next to a short connection file name
            self.km.connection_file = os.path.join(workdir, "k-%s.json" % uuid.uuid4().hex[:8])
        self.stderr_path = os.path.join(workdir, "kernel-%s.stderr" % uuid.uuid4().hex[:8])
        self.kc = None

    def start(self):
        err = open(self.stderr_path, "ab")
        kw = {"stderr": err, "stdout": err, "cwd": self.workdir}
        if self.env is not None:
            kw["env"] = self.env
        self.km.start_kernel(**kw)
        self._client()

    def _client(self):
        if self.kc:
            self.kc.stop_channels()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.banner = self.kc.kernel_info(reply=True, timeout=10)["content"].get("banner", "") \
            if hasattr(self.kc, "kernel_info") else ""

    @property
    def pid(self):
        p = self.km.provisioner
        return p.process.pid if p and getattr(p, "process", None) else None

    def alive(self):
        return self.km.is_alive()

    def restart(self, now=True):
        """What a front end does when its kernel died: restart on the same ports."""
        self.km.restart_kernel(now=now)
        self._client()

    def stderr_lines(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode(errors="replace").splitlines()
        except OSError:
            return []

    def drain_iopub(self):
        msgs = []
        while True:
            try:
                msgs.append(self.kc.get_iopub_msg(timeout=0.2))
            except Exception:  # queue.Empty
                return msgs

    def execute(self, code, timeout=30, allow_stdin=False, on_busy=None):
        """Run a cell; returns (reply content or None, outputs, seconds, stats)."""
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code, allow_stdin=allow_stdin, stop_on_error=False)
        return self.collect(msg_id, t0, timeout, on_busy)

    def collect(self, msg_id, t0, timeout, on_busy=None):
        outputs, reply, idle = [], None, False
        stats = {"stream_bytes": 0, "stream_newlines": 0, "result_bytes": 0, "messages": 0}
        end = time.time() + timeout
        busy_seen = False
        while not (idle and reply is not None):
            left = end - time.time()
            if left <= 0:
                break
            if not idle:
                try:
                    m = self.kc.get_iopub_msg(timeout=min(left, 0.5))
                except Exception:
                    m = None
                if m is not None and m["parent_header"].get("msg_id") == msg_id:
                    stats["messages"] += 1
                    t = m["msg_type"]
                    if t == "status":
                        if m["content"]["execution_state"] == "busy" and not busy_seen:
                            busy_seen = True
                            if on_busy:
                                on_busy()
                        elif m["content"]["execution_state"] == "idle":
                            idle = True
                    elif t == "stream":
                        txt = m["content"]["text"]
                        stats["stream_bytes"] += len(txt)
                        stats["stream_newlines"] += txt.count("\n")
                        stats["tail"] = (stats.get("tail", "") + txt)[-300:]
                        if sum(len(o.get("text", "")) for o in outputs) < 1 << 20:
                            outputs.append(m["content"])
                    elif t in ("execute_result", "display_data"):
                        data = m["content"].get("data", {})
                        stats["result_bytes"] += sum(len(v) if isinstance(v, str) else len(json.dumps(v)) for v in data.values())
                        stats["result_tail"] = str(data.get("text/plain", ""))[-300:]
                        outputs.append({"output_type": t, "keys": sorted(data), "head": str(data.get("text/plain", ""))[:200]})
                    elif t == "error":
                        outputs.append(m["content"])
            if reply is None:
                try:
                    r = self.kc.get_shell_msg(timeout=0 if not idle else min(max(left, 0), 0.5))
                    if r["parent_header"].get("msg_id") == msg_id:
                        reply = r["content"]
                except Exception:
                    pass
            if not self.alive():
                break
        return reply, outputs, time.perf_counter() - t0, stats

    def shutdown(self):
        try:
            if self.kc:
                self.kc.stop_channels()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:
            pass


def text_of(outputs):
    parts = []
    for o in outputs:
        if "text" in o:
            parts.append(o["text"])
        elif "ename" in o:
            parts.append("%s: %s\n%s" % (o["ename"], o["evalue"], "\n".join(o.get("traceback", []))))
        elif "head" in o:
            parts.append(o["head"])
    return "".join(parts)


def short(s, n=70):
    s = re.sub(r"\x1b\[[0-9;]*m", "", s).replace("\n", " ⏎ ").strip()
    return s if len(s) <= n else s[: n - 1] + "…"


class Suite:
    def __init__(self, args, workdir):
        self.args = args
        self.lang = PY if args.kernel == "python3" else GO
        self.workdir = workdir
        self.k = None
        self.rows = []
        self.state_value = None
        self.first_banner = None

    # -- kernel lifecycle

    def kernel(self):
        if self.k is None or not self.k.alive():
            if self.k is not None:
                self.k.shutdown()
            self.k = Kernel(self.args.kernel, self.workdir)
            self.k.start()
            if self.first_banner is None:
                self.first_banner = self.k.banner
            self.cell(self.lang["setup"], want_ok=True)
        return self.k

    def cell(self, code, want_ok=None, timeout=30):
        reply, outputs, secs, stats = self.k.execute(code, timeout=timeout)
        if want_ok and (reply or {}).get("status") != "ok":
            raise RowFailed("cell %r: %s %s" % (code[:30], (reply or {}).get("status"), short(text_of(outputs))))
        return reply, outputs, secs, stats

    def set_state(self):
        self.state_value = random.randint(100000, 999999)
        self.cell(self.lang["set_state"].format(value=self.state_value), want_ok=True)

    def check_after(self, survived_expected=True):
        """The next cell works, and (if the kernel survived) the state is intact."""
        k = self.k
        notes = []
        if not k.alive():
            return False, False, "kernel dead"
        reply, out, secs, _ = k.execute(self.lang["next"], timeout=20)
        next_ok = (reply or {}).get("status") == "ok" and self.lang["next_out"] in text_of(out)
        if not next_ok:
            notes.append("next cell: %s %s" % ((reply or {}).get("status"), short(text_of(out), 60)))
        reply, out, secs, _ = k.execute(self.lang["get_state"], timeout=20)
        state_ok = (reply or {}).get("status") == "ok" and ("state %d" % self.state_value) in text_of(out)
        if not state_ok:
            notes.append("state: %s %s" % ((reply or {}).get("status"), short(text_of(out), 60)))
        return next_ok, state_ok, "; ".join(notes)

    # -- rows

    def row(self, name, fn):
        if self.args.k and not any(s in name for s in self.args.k):
            return
        t0 = time.perf_counter()
        rec = {"row": name, "outcome": "", "next": "", "state": "", "detail": "", "ok": False}
        try:
            fn(rec)
        except RowFailed as e:
            rec["detail"] = (rec["detail"] + "; " if rec["detail"] else "") + str(e)
        except Exception as e:  # noqa: BLE001 (a harness error is a failed row too)
            rec["detail"] = "harness: %s: %s" % (type(e).__name__, e)
            if self.args.verbose:
                traceback.print_exc()
        rec["secs"] = time.perf_counter() - t0
        self.rows.append(rec)
        print("%-4s %-34s %5.1fs  %s" % ("ok" if rec["ok"] else "FAIL", name, rec["secs"],
                                          short(rec["detail"], 100000 if self.args.verbose else 120)),
              file=sys.stderr, flush=True)

    def survive_row(self, rec, code, expect, timeout=30, before=None, during=None, after_reply=None, death_says=None):
        """Run a faulty cell on a kernel that must survive with its state."""
        k = self.kernel()
        self.set_state()
        if before:
            before()
        reply, out, secs, stats = k.execute(code, timeout=timeout, on_busy=during)
        txt = text_of(out)
        status = (reply or {}).get("status", "no reply")
        rec["detail"] = "%s in %.2fs: %s" % (status, secs, short(txt, 160))
        if after_reply:
            extra = after_reply(reply, out, secs, stats)
            if extra:
                rec["detail"] += "; " + extra
        if not k.alive():
            rec["outcome"] = "DIED"
            self.crash_restart(rec, must_say=death_says)
            return
        rec["outcome"] = "survived"
        problems = []
        if reply is None:
            problems.append("no execute_reply in %ds" % timeout)
            self.k.shutdown()  # a wedged kernel would poison the next rows
            self.k = None
        elif expect and not expect(status, txt, secs, stats):
            problems.append("unexpected result")
        if self.k is not None:
            nxt, st, notes = self.check_after()
            rec["next"], rec["state"] = yes(nxt), yes(st)
            if notes:
                problems.append(notes)
        rec["ok"] = not problems and rec["next"] == "yes" and rec["state"] == "yes"
        if problems:
            rec["detail"] += "; " + "; ".join(problems)

    def crash_restart(self, rec, must_say=None):
        """The kernel died: restart it the way a front end does and read what it says."""
        k = self.k
        code = k.km.provisioner.process.returncode if k.km.provisioner and k.km.provisioner.process else None
        tail = [l for l in k.stderr_lines()[-5:] if l.strip()]
        rec["detail"] += "; died (exit %s%s)" % (code, (", stderr: " + short(tail[-1], 60)) if tail else "")
        try:
            k.restart(now=True)
        except Exception as e:  # noqa: BLE001
            rec["detail"] += "; restart failed: %s" % e
            self.k = None
            return
        # What does the new kernel say? The banner, anything on iopub, the first cell.
        said = [k.banner] if k.banner != self.first_banner else []
        said += [text_of([m["content"]]) for m in k.drain_iopub() if m["msg_type"] in ("stream", "error", "display_data")]
        _, out, _, _ = self.cell(self.lang["setup"])
        said.append(text_of(out))
        reply, out, secs, _ = k.execute(self.lang["next"], timeout=20)
        said.append(text_of(out))
        next_ok = (reply or {}).get("status") == "ok" and self.lang["next_out"] in text_of(out)
        rec["next"] = yes(next_ok)
        rec["state"] = "lost (restart)"
        message = [s for s in said if CRASH_WORDS.search(s or "")]
        rec["outcome"] = "restarted" + (" + message" if message else ", NO message")
        if message:
            rec["detail"] += "; next start said: " + short(message[0], 400)
        else:
            rec["detail"] += "; the restarted kernel said nothing about the death (banner, iopub, first cell)"
        rec["ok"] = next_ok and bool(message)
        if message and must_say and not re.search(must_say, message[0], re.I):
            rec["ok"] = False
            rec["detail"] += "; the message does not say /%s/" % must_say

    # -- the rows themselves

    def rows_cells(self):
        L = self.lang
        self.row("panic", lambda r: self.survive_row(
            r, L["panic"], lambda st, txt, s, _: st == "error" and "fault-suite panic" in txt))
        self.row("goroutine panic", lambda r: self.survive_row(
            r, L["goroutine_panic"], lambda st, txt, s, _: "fault-suite goroutine panic" in txt))
        self.row("for {} + interrupt_request", lambda r: self.interrupt_row(r, L["busy_loop"], "message"))
        self.row("time.Sleep(time.Hour) + interrupt_request", lambda r: self.interrupt_row(r, L["sleep_hour"], "message"))
        self.row("time.Sleep(time.Hour) + SIGINT", lambda r: self.interrupt_row(r, L["sleep_hour"], "signal"))
        self.row("a million printed lines", lambda r: self.survive_row(
            r, L["million_lines"], lambda st, txt, s, stats: st == "ok", timeout=150,
            after_reply=lambda rep, out, s, stats: "%d lines / %.1f MB reached the client, ending %r" % (
                stats["stream_newlines"], stats["stream_bytes"] / 1e6, short(stats.get("tail", ""), 300)[-160:])))
        self.row("a 100 MB result", lambda r: self.survive_row(
            r, L["big_result"], lambda st, txt, s, stats: st in ("ok", "error"), timeout=90,
            after_reply=lambda rep, out, s, stats: "%.1f MB result reached the client, ending %r; kernel RSS %s" % (
                stats["result_bytes"] / 1e6, short(stats.get("result_tail", ""), 300)[-160:], rss_mb(self.k.pid))))
        self.row("make([]byte, 1<<40)", lambda r: self.survive_row(
            r, L["huge_alloc"], lambda st, txt, s, _: st == "error" and len(txt) > 0, timeout=60,
            death_says=r"memory"))
        self.row("stdin read, allow_stdin=false", lambda r: self.survive_row(
            r, L["stdin"], lambda st, txt, s, _: s < 10 and re.search(r"stdin|input", txt, re.I) is not None, timeout=20))

    def interrupt_row(self, rec, code, how):
        k = self.kernel()
        marks = {}

        def fire():
            time.sleep(0.5)
            marks["t"] = time.perf_counter()
            if how == "message":
                k.km.interrupt_kernel()  # interrupt_mode from the kernelspec
            else:
                os.kill(k.pid, signal.SIGINT)

        self.survive_row(rec, code, lambda st, txt, s, _: st == "error", timeout=15, during=fire,
                         after_reply=lambda rep, out, s, st: "reply %.0f ms after the interrupt" % (
                             1000 * (time.perf_counter() - marks["t"]) if rep is None else 1000 * (s - 0.5)) if "t" in marks else "")
        if self.args.kernel != "python3" and rec.get("ok"):
            mode = k.km.kernel_spec.interrupt_mode
            if how == "message" and mode != "message":
                rec["ok"] = False
                rec["detail"] += "; kernelspec interrupt_mode is %r, not 'message'" % mode

    def rows_kill(self):
        L = self.lang

        def kill_row(rec):
            k = self.kernel()
            self.set_state()
            msg_id = k.kc.execute(L["long_cell"])
            time.sleep(1.0)
            pid = k.pid
            os.kill(pid, signal.SIGKILL)
            end = time.time() + 10
            while k.alive() and time.time() < end:
                time.sleep(0.05)
            rec["detail"] = "kill -9 %d during a cell" % pid
            if k.alive():
                raise RowFailed("kernel still alive 10 s after SIGKILL")
            self.crash_restart(rec)

        self.row("kill -9 during a cell", kill_row)

        def queued_row(rec):
            """What the notebook server does: its channels stay connected
            across the restart, and a cell the student runs right away is
            queued on shell before the new kernel is up. Its output and its
            idle status must still arrive on iopub."""
            k = self.kernel()
            self.set_state()
            k.kc.execute(L["long_cell"])
            time.sleep(1.0)
            pid = k.pid
            os.kill(pid, signal.SIGKILL)
            end = time.time() + 10
            while k.alive() and time.time() < end:
                time.sleep(0.05)
            k.drain_iopub()
            t0 = time.perf_counter()
            # The student presses Run while the kernel is down: the request
            # waits in the client's shell queue until the new kernel binds.
            msg_id = k.kc.execute(L["next_alone"], stop_on_error=False)
            k.km.restart_kernel(now=True)  # same ports; the client is not renewed
            reply, out, secs, stats = k.collect(msg_id, t0, 8)
            txt = text_of(out)
            got_idle = reply is not None and stats["messages"] > 0
            said = CRASH_WORDS.search(txt) is not None
            rec["outcome"] = "restarted"
            rec["next"] = yes(reply is not None and L["next_out"] in txt)
            rec["state"] = "lost (restart)"
            rec["detail"] = "kill -9 %d, restart on the same ports, next cell sent at once on the old client: " \
                            "reply %s, %d iopub messages for it (%s), crash note %s" % (
                                pid, "yes" if reply is not None else "NO", stats["messages"],
                                short(txt, 80) or "no output", "yes" if said else "NO")
            rec["ok"] = reply is not None and L["next_out"] in txt and said and got_idle
            if reply is not None and not stats["messages"]:
                rec["detail"] += "; the kernel answered on shell before the client's iopub subscription " \
                                 "reached it, so the cell's output, the note and idle were lost"
            k._client()

        self.row("kill -9, next cell queued in the restart", queued_row)

    def rows_restart_loop(self):
        L = self.lang

        def loop(rec):
            k = self.kernel()
            fails = []
            n = self.args.restarts
            for i in range(n):
                now = i % 2 == 1
                try:
                    k.km.restart_kernel(now=now)
                    k._client()
                    k.execute(L["setup"], timeout=20)
                    reply, out, secs, _ = k.execute(L["next"], timeout=20)
                    if (reply or {}).get("status") != "ok" or L["next_out"] not in text_of(out):
                        fails.append("#%d %s %s" % (i, (reply or {}).get("status"), short(text_of(out), 50)))
                except Exception as e:  # noqa: BLE001
                    fails.append("#%d %s" % (i, short(str(e), 60)))
                    if not k.alive():
                        break
            bind = [l for l in k.stderr_lines() if "address already in use" in l.lower()]
            rec["outcome"] = "%d/%d restarts ok" % (n - len(fails), n)
            rec["detail"] = "same ports each time (now=False/True alternating)"
            if bind:
                rec["detail"] += "; stderr has %d 'address already in use' lines" % len(bind)
            if fails:
                rec["detail"] += "; failed: " + ", ".join(fails[:4])
            rec["next"] = yes(k.alive() and not fails)
            rec["state"] = "n/a"
            rec["ok"] = not fails

        self.row("restart x%d on the same ports" % self.args.restarts, loop)

    # -- malformed messages, straight onto the kernel's sockets

    def rows_wire(self):
        for channel in ("shell", "control", "stdin"):
            for kind in ("unsigned", "wrongly signed", "replayed", "truncated", "oversized", "non-JSON"):
                self.row("%s on %s" % (kind, channel), lambda r, c=channel, kd=kind: self.wire_row(r, c, kd))

    def wire_row(self, rec, channel, kind):
        k = self.kernel()
        self.set_state()
        if kind == "replayed" and channel == "shell":
            self.cell(self.lang["replay_init"], want_ok=True)
        info = k.km.get_connection_info()
        key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        port = info["%s_port" % channel]
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.setsockopt(zmq.IDENTITY, ("fault-%s" % uuid.uuid4().hex[:8]).encode())
        sock.connect("%s://%s:%d" % (info["transport"], info["ip"], port))
        try:
            time.sleep(0.2)  # let the connection settle so nothing is lost before it
            before = len(k.stderr_lines())
            rss_before = rss_mb(k.pid)
            sent, expect_replies = self.send_bad(sock, key, channel, kind, k)
            replies = []
            end = time.time() + (4 if kind == "oversized" else 1.5)
            while time.time() < end:
                if sock.poll(100):
                    replies.append(sock.recv_multipart())
            logged = len(k.stderr_lines()) - before
        finally:
            sock.close(0)
        rec["detail"] = "%s; %d repl%s (want %d); %d stderr line%s" % (
            sent, len(replies), "y" if len(replies) == 1 else "ies", expect_replies, logged, "" if logged == 1 else "s")
        if kind == "oversized":
            rec["detail"] += "; RSS %s → %s" % (rss_before, rss_mb(k.pid))
        if not k.alive():
            rec["outcome"] = "DIED"
            self.crash_restart(rec)
            rec["ok"] = False
            return
        rec["outcome"] = "survived"
        nxt, st, notes = self.check_after()
        rec["next"], rec["state"] = yes(nxt), yes(st)
        problems = []
        if len(replies) != expect_replies:
            problems.append("the kernel answered a message it should drop" if len(replies) > expect_replies
                            else "no reply to the one valid message")
        if logged < 1:
            problems.append("nothing on stderr")
        if kind == "replayed" and channel == "shell":
            reply, out, secs, _ = k.execute(self.lang["replay_get"])
            txt = text_of(out).strip()
            rec["detail"] += "; counter after 2 sends: %s" % short(txt, 20)
            if "replays 1" not in txt:
                problems.append("the replayed execute_request ran twice or not at all")
        if notes:
            problems.append(notes)
        rec["ok"] = not problems and nxt and st
        if problems:
            rec["detail"] += "; " + "; ".join(problems)

    def send_bad(self, sock, key, channel, kind, k):
        """Send one malformed message; returns (description, replies a correct kernel sends)."""
        session = uuid.uuid4().hex

        def header(msg_type):
            return {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "fault", "session": session,
                    "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()), "version": "5.3"}

        if channel == "stdin":
            h, content = header("input_reply"), {"value": "fault"}
        elif kind == "replayed" and channel == "shell":
            h, content = header("execute_request"), {"code": self.lang["replay_inc"], "silent": False,
                                                      "store_history": False, "user_expressions": {},
                                                      "allow_stdin": False, "stop_on_error": False}
        else:
            h, content = header("kernel_info_request"), {}
        parts = [json.dumps(h).encode(), b"{}", b"{}", json.dumps(content).encode()]

        def sign(ps, k=key):
            m = hmac.new(k, digestmod=hashlib.sha256)
            for p in ps:
                m.update(p)
            return m.hexdigest().encode()

        valid_replies = 0 if channel == "stdin" else 1
        if kind == "unsigned":
            sock.send_multipart([b"<IDS|MSG>", b""] + parts)
            return "%s with an empty signature" % h["msg_type"], 0
        if kind == "wrongly signed":
            sock.send_multipart([b"<IDS|MSG>", sign(parts, b"not-the-key")] + parts)
            return "%s signed with another key" % h["msg_type"], 0
        if kind == "replayed":
            frames = [b"<IDS|MSG>", sign(parts)] + parts
            sock.send_multipart(frames)
            time.sleep(0.3)
            sock.send_multipart(frames)
            return "the same signed %s twice" % h["msg_type"], valid_replies
        if kind == "truncated":
            sock.send_multipart([b"<IDS|MSG>", sign(parts[:2])] + parts[:2])
            return "signed %s cut after parent_header" % h["msg_type"], 0
        if kind == "oversized":
            big = dict(content, padding="x" * (80 << 20))
            ps = parts[:3] + [json.dumps(big).encode()]
            sock.send_multipart([b"<IDS|MSG>", sign(ps)] + ps)
            return "signed %s with 80 MB of content" % h["msg_type"], 0
        if kind == "non-JSON":
            ps = parts[:3] + [b"{this is not json"]
            sock.send_multipart([b"<IDS|MSG>", sign(ps)] + ps)
            return "signed %s whose content is not JSON" % h["msg_type"], 0
        raise ValueError(kind)

    # -- limits (issue 6 point 3)

    def rows_limits(self):
        self.row("kernelspec env reaches the kernel", self.env_row)
        self.row("front end killed → kernel exits", self.parent_death_row)
        self.row("writes only under temp and home", self.writes_row)
        self.row("ipc transport: cells, kill -9, restart", self.ipc_row)

    def ipc_row(self, rec):
        """The transport the classroom guide recommends: unix sockets. A
        restart finds the dead kernel's socket files still there."""
        L = self.lang
        k = Kernel(self.args.kernel, self.workdir, transport="ipc")
        try:
            k.start()
            k.execute(L["setup"])
            reply, out, _, _ = k.execute(L["next"])
            first = (reply or {}).get("status") == "ok" and L["next_out"] in text_of(out)
            k.kc.execute(L["long_cell"])
            time.sleep(1.0)
            os.kill(k.pid, signal.SIGKILL)
            end = time.time() + 10
            while k.alive() and time.time() < end:
                time.sleep(0.05)
            socks = [f for f in os.listdir(self.workdir) if "-ipc-" in f]
            k.restart(now=True)
            k.execute(L["setup"])
            reply, out, _, _ = k.execute(L["next"])
            after = (reply or {}).get("status") == "ok" and L["next_out"] in text_of(out)
        finally:
            k.shutdown()
        rec["outcome"] = "restarted" if after else "NOT restarted"
        rec["next"], rec["state"] = yes(after), "lost (restart)"
        rec["detail"] = "first cell %s; %d socket files left by the killed kernel; cell after the restart %s" % (
            "ok" if first else "FAILED", len(socks), "ok" if after else "FAILED")
        rec["ok"] = first and after

    def env_row(self, rec):
        k = self.kernel()
        spec = k.km.kernel_spec
        want = dict(spec.env or {})
        rec["next"] = rec["state"] = "n/a"
        rec["detail"] = "kernel.json env: %s" % (json.dumps(want) if want else "none")
        if self.args.kernel == "python3":
            rec["ok"], rec["outcome"] = True, "n/a"
            return
        with open("/proc/%d/environ" % k.pid, "rb") as f:
            env = dict(kv.split("=", 1) for kv in f.read().decode(errors="replace").split("\0") if "=" in kv)
        missing = {kk: v for kk, v in want.items() if env.get(kk) != v}
        rec["outcome"] = "env set" if want and not missing else "env missing"
        if "GOMEMLIMIT" not in want:
            rec["detail"] += "; run.sh installs with --env GOMEMLIMIT=…, but kernel.json has no GOMEMLIMIT"
        if missing:
            rec["detail"] += "; not in the kernel's environment: %s" % missing
        rec["ok"] = bool(want) and "GOMEMLIMIT" in want and not missing

    def parent_death_row(self, rec):
        """A front end that dies without shutting its kernel down (kill -9)."""
        pidfile = os.path.join(self.workdir, "child-kernel.pid")
        child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--kernel", self.args.kernel,
                                  "--frontend-child", pidfile], env=os.environ.copy(),
                                 stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.workdir, "child.log"), "ab"))
        end = time.time() + 60
        while not os.path.exists(pidfile) and time.time() < end and child.poll() is None:
            time.sleep(0.1)
        if not os.path.exists(pidfile):
            child.kill()
            raise RowFailed("the front-end process did not start a kernel")
        kpid = int(open(pidfile).read())
        child.send_signal(signal.SIGKILL)
        child.wait()
        t0 = time.time()
        while time.time() - t0 < 10 and pid_alive(kpid):
            time.sleep(0.05)
        gone = not pid_alive(kpid)
        rec["outcome"] = "kernel exited" if gone else "kernel ORPHANED"
        rec["detail"] = ("exited %.2f s after its front end" % (time.time() - t0)) if gone else \
            "kernel %d still running 10 s after its front end was killed" % kpid
        if not gone:
            os.kill(kpid, signal.SIGKILL)
        rec["next"] = rec["state"] = "n/a"
        rec["ok"] = gone

    def writes_row(self, rec):
        """strace every file the kernel creates, writes, renames or deletes."""
        if not shutil_which("strace"):
            raise RowFailed("strace is not installed")
        home = os.path.join(self.workdir, "home")
        tmp = os.path.join(self.workdir, "tmp")
        os.makedirs(home, exist_ok=True)
        os.makedirs(tmp, exist_ok=True)
        log = os.path.join(self.workdir, "strace.log")
        spec = KernelManager(kernel_name=self.args.kernel).kernel_spec
        argv = ["strace", "-f", "-qq", "-o", log, "-e",
                "trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,"
                "link,linkat,symlink,symlinkat,truncate,chmod,fchmodat,chown,fchownat,utimensat"] + spec.argv
        env = os.environ.copy()
        env.update(spec.env or {})
        env.update(HOME=home, TMPDIR=tmp)
        k = Kernel(self.args.kernel, home, env=env)
        k.km.kernel_spec.argv = argv
        try:
            k.start()
            cells = self.lang["writes"]
            for c in cells:
                k.execute(c, timeout=60)
            k.km.shutdown_kernel(now=False)
        finally:
            k.shutdown()
        bad = outside_writes(log, home, allowed=[home, tmp, "/tmp/", "/dev/", "/proc/self/", "/proc/thread-self/"],
                             start_cwd=home)
        rec["outcome"] = "%d paths outside" % len(bad)
        rec["detail"] = "HOME and TMPDIR in the suite's temp dir, /tmp also allowed; %d cells, traced with strace" % len(cells)
        if bad:
            rec["detail"] += ": " + ", ".join(sorted(bad)[:5])
        rec["next"] = rec["state"] = "n/a"
        rec["ok"] = not bad


def outside_writes(log, home, allowed, start_cwd):
    """Paths the traced processes wrote, created, renamed or removed outside allowed."""
    write_flags = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
    bad = set()
    pat = re.compile(r'^(\d+)\s+(\w+)\((.*)\)\s+=\s+(-?\d+)')
    with open(log, errors="replace") as f:
        for line in f:
            m = pat.match(line)
            if not m:
                continue
            call, args, ret = m.group(2), m.group(3), int(m.group(4))
            paths = re.findall(r'"((?:[^"\\]|\\.)*)"', args)
            if not paths:
                continue
            if call in ("open", "openat", "creat"):
                if call != "creat" and not any(fl in args for fl in write_flags):
                    continue
                paths = paths[:1]
            if ret < 0 and call in ("open", "openat", "creat"):
                continue  # a failed attempt wrote nothing
            for p in paths:
                if not p.startswith("/"):
                    if "AT_FDCWD" not in args and call.endswith("at"):
                        continue  # relative to a directory fd; its open was checked
                    p = os.path.join(start_cwd, p)
                p = os.path.normpath(p)
                if not any(p == a.rstrip("/") or p.startswith(a.rstrip("/") + "/") for a in allowed):
                    bad.add("%s %s" % (call, p))
    return bad


def shutil_which(x):
    return shutil.which(x)


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return "%.0f MB" % (int(line.split()[1]) / 1024)
    except (OSError, TypeError):
        pass
    return "?"


def yes(b):
    return "yes" if b else "NO"


def frontend_child(kernel, pidfile):
    """Used by the parent-death row: a front end that starts a kernel and waits to be killed."""
    km = KernelManager(kernel_name=kernel)
    km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    with open(pidfile + ".tmp", "w") as f:
        f.write(str(km.provisioner.process.pid))
    os.rename(pidfile + ".tmp", pidfile)
    time.sleep(3600)


def print_table(rows, out):
    out.write("\n| fault | kernel | next cell | state | ok | what happened |\n|---|---|---|---|---|---|\n")
    for r in rows:
        out.write("| %s | %s | %s | %s | %s | %s |\n" % (
            r["row"], r["outcome"], r["next"], r["state"], "ok" if r["ok"] else "**FAIL**",
            short(r["detail"], 150).replace("|", "\\|")))
    failed = [r["row"] for r in rows if not r["ok"]]
    for r in rows:
        if not r["ok"]:
            out.write("\nFAIL %s: %s\n" % (r["row"], short(r["detail"], 100000)))
    out.write("\n%d rows, %d failed%s\n" % (len(rows), len(failed), (": " + ", ".join(failed)) if failed else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel", default="stepwise", help="kernelspec name (python3 checks the harness on ipykernel)")
    ap.add_argument("-k", action="append", help="run only rows whose name contains this (repeatable)")
    ap.add_argument("--restarts", type=int, default=20, help="restarts in the same-ports loop")
    ap.add_argument("--frontend-child", help=argparse.SUPPRESS)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.frontend_child:
        frontend_child(args.kernel, args.frontend_child)
        return 0
    workdir = tempfile.mkdtemp(prefix="stepwise-faults.")
    suite = Suite(args, workdir)
    try:
        suite.rows_cells()
        suite.rows_wire()
        suite.rows_kill()
        suite.rows_restart_loop()
        suite.rows_limits()
    finally:
        if suite.k:
            suite.k.shutdown()
        if not args.verbose:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(suite.rows, sys.stdout)
    return 0 if suite.rows and all(r["ok"] for r in suite.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
