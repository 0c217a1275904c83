"""The failures of the kernel issue (points 3-5) and the limits of the
classroom issue (point 3), as a real client sees them."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import zmq

from harness import Kernel, TIMEOUT, wait_gone


def bad_variants(session):
    """name -> frames (after the identity) of each kind of bad message."""
    def frames(content=None):
        msg = session.msg("kernel_info_request", content or {})
        return session.serialize(msg)  # [<IDS|MSG>, sig, header, parent, metadata, content]
    def resign(f):
        f[1] = session.sign(f[2:6])
        return f
    out = {}
    f = frames(); f[1] = b""; out["unsigned"] = f
    f = frames(); f[1] = b"0" * 64; out["wrongly signed"] = f
    f = frames(); f[5] = b'{"tampered": true}'; out["tampered"] = f
    out["truncated"] = frames()[:4]
    f = frames(); f[5] = b"print('not json')"; out["non-JSON"] = resign(f)
    f = frames(); f[5] = b'{"code": "' + b"x" * (20 << 20) + b'"}'; out["oversized (20 MB)"] = resign(f)
    f = frames(); f[5] = b'{"code": "' + b"x" * (80 << 20) + b'"}'; out["oversized (80 MB)"] = resign(f)
    out["garbage"] = [b"\x00\xff garbage"]
    return out


class BadMessages(unittest.TestCase):
    def test_bad_messages(self):
        """unsigned/wrong/replayed/truncated/oversized/non-JSON on shell, control, stdin: dropped, one line each"""
        err = tempfile.NamedTemporaryFile(suffix=".stderr", delete=False).name
        k = Kernel(stderr_path=err)
        try:
            k.run("state := 42")
            ci = k.km.get_connection_info()
            ctx = zmq.Context.instance()
            variants = bad_variants(k.kc.session)
            n = 0
            for ch in ("shell", "control", "stdin"):
                s = ctx.socket(zmq.DEALER)
                s.connect(f"tcp://{ci['ip']}:{ci[ch + '_port']}")
                for name, frames in variants.items():
                    s.send_multipart(frames)
                    n += 1
                    self.assertFalse(s.poll(150), f"{name} on {ch} was answered")
                if ch != "stdin":
                    # a replay: the first copy is answered, the second dropped
                    good = k.kc.session.serialize(k.kc.session.msg("kernel_info_request", {}))
                    s.send_multipart(good)
                    self.assertTrue(s.poll(5000), f"good message on {ch} not answered")
                    s.recv_multipart()
                    s.send_multipart(good)
                    n += 1
                    self.assertFalse(s.poll(300), f"replay on {ch} was answered")
                s.close(0)
                self.assertTrue(k.alive())
            self.assertEqual(k.run("state").result(), "42")
            time.sleep(0.3)
            lines = [l for l in k.stderr().splitlines() if "dropped" in l]
            self.assertEqual(len(lines), n, "\n".join(lines))
            for ch in ("shell", "control", "stdin"):
                self.assertTrue(any(f"on {ch}" in l for l in lines), ch)
            self.note = f"{n} bad messages, {len(lines)} log lines"
        finally:
            k.close()
            os.unlink(err)


class Survival(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kernel()
        cls.k.run("keep := 1")

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def test_panic(self):
        """a panic is an error in its cell; the kernel lives on with its state"""
        r = self.k.run('panic("boom")')
        self.assertEqual(r.status, "error")
        self.assertIn("boom", r.content["evalue"])
        self.assertEqual(self.k.run("keep").result(), "1")

    def test_goroutine_panic(self):
        """a panic in a goroutine the cell started is an error in that cell"""
        r = self.k.run('import "time"\ngo func() { panic("in a goroutine") }()\ntime.Sleep(200*time.Millisecond)')
        text = r.content.get("evalue", "") + r.stream("stderr")
        self.assertIn("in a goroutine", text)
        self.assertTrue(self.k.alive())
        self.assertEqual(self.k.run("keep").result(), "1")

    def test_compile_error(self):
        """a compile error names the cell's line"""
        r = self.k.run("x := 1\ny := x +\n")
        self.assertEqual(r.status, "error")
        self.assertIn("line", "\n".join(r.content["traceback"]))

    def test_mixed_cell_and_redefinition(self):
        """imports, declarations and statements mixed; a redefined func takes effect"""
        r = self.k.run('import "fmt"\nfunc f() int { return 1 }\nfmt.Println(f())\ntype T struct{ A int }\nT{A: f()}')
        self.assertEqual(r.status, "ok", r.content)
        self.assertEqual(r.stream("stdout"), "1\n")
        self.k.run("func f() int { return 2 }")
        self.assertEqual(self.k.run("f()").result(), "2")

    def test_flood(self):
        """a million printed lines: bounded output, kernel responsive"""
        t0 = time.monotonic()
        r = self.k.run('import "fmt"\nfor i := 0; i < 1000000; i++ { fmt.Println("line", i) }', timeout=120)
        dt = time.monotonic() - t0
        self.assertEqual(r.status, "ok", r.content)
        out = r.stream("stdout")
        self.assertTrue(out.startswith("line 0\nline 1\n"))
        self.assertLessEqual(len(out), 4 << 20)
        self.assertIn("output truncated", r.stream("stderr"))
        n = sum(1 for m, _ in r.iopub if m["msg_type"] == "stream")
        self.assertEqual(self.k.run("keep").result(), "1")
        self.note = f"{dt:.1f} s, {n} stream messages, {len(out) >> 10} KiB shown"

    def test_big_result(self):
        """a 100 MB result is cut, and the next cell works"""
        r = self.k.run('import "strings"\ns := strings.Repeat("x", 100<<20)\ns', timeout=120)
        size = len(r.result() or "")
        self.assertLess(size, 20 << 20)
        self.assertEqual(self.k.run("keep").result(), "1")
        self.note = f"result shown as {size >> 10} KiB"


class Limits(unittest.TestCase):
    def test_parent_death(self):
        """the kernel exits when the front end that started it dies"""
        script = ("import time\nfrom jupyter_client.manager import KernelManager\n"
                  "km = KernelManager(kernel_name=%r)\nkm.start_kernel()\n"
                  "print(km.provisioner.process.pid, flush=True)\ntime.sleep(600)\n" % os.environ.get("STEPWISE_KERNEL_NAME", "stepwise"))
        p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        try:
            pid = int(p.stdout.readline())
            time.sleep(0.5)
            p.kill()
            p.wait()
            t0 = time.monotonic()
            self.assertTrue(wait_gone(pid, 10), "kernel outlived its front end")
            self.note = f"exited {time.monotonic() - t0:.1f} s after the front end"
        finally:
            p.kill()

    def crash_then_note(self, how, code, want):
        k = Kernel()
        try:
            msg_id, _ = k.send(code)
            time.sleep(0.5)
            pid = k.pid
            if how == "kill":
                os.kill(pid, signal.SIGKILL)
            self.assertTrue(wait_gone(pid, 30), "kernel did not die")
            k.km.restart_kernel(now=True)
            k.kc.wait_for_ready(timeout=TIMEOUT)
            r = k.run("1 + 1")
            note = r.stream("stderr")
            for w in want:
                self.assertIn(w, note)
            self.assertEqual(r.result(), "2")
            self.assertEqual(k.run("2 + 2").stream("stderr"), "", "the note came twice")
            return note
        finally:
            k.close()

    def test_kill9_note(self):
        """kill -9 in the middle of a cell: the next start says what happened"""
        note = self.crash_then_note("kill", 'import "time"\ntime.Sleep(time.Hour)', ["died while running cell", "killed from outside"])
        self.note = note.strip()[:70] + "…"

    def test_out_of_memory(self):
        """a huge allocation: a clear error, or a crash the next start explains"""
        k = Kernel()
        try:
            msg_id, _ = k.send("b := make([]byte, 1<<45)\nlen(b)")
            pid = k.pid
            r = None
            deadline = time.monotonic() + 30
            while r is None and not wait_gone(pid, 0.2) and time.monotonic() < deadline:
                try:
                    r = k.collect(msg_id, timeout=0.5)
                except TimeoutError:
                    pass
            if r is not None and k.alive():
                self.assertEqual(r.status, "error")
                self.assertEqual(k.run("1").result(), "1")
                self.note = "refused: " + r.content["evalue"][:60]
                return
            self.assertTrue(wait_gone(pid, 10))
            k.km.restart_kernel(now=True)
            k.kc.wait_for_ready(timeout=TIMEOUT)
            note = k.run("1").stream("stderr")
            self.assertIn("out of memory", note)
            self.note = "crashed; next start: " + note[note.find("fatal"):][:50]
        finally:
            k.close()

    def test_writes_only_temp_and_home(self):
        """the kernel writes nothing outside the temp and home directories"""
        with tempfile.TemporaryDirectory() as root:
            cwd, tmp, home = (os.path.join(root, d) for d in ("cwd", "tmp", "home"))
            for d in (cwd, tmp, home):
                os.mkdir(d)
            env = dict(os.environ, TMPDIR=tmp, HOME=home)
            k = Kernel(env=env, cwd=cwd)
            try:
                k.run('import "fmt"\nfmt.Println("hi")')
                k.run('panic("x")')
            finally:
                k.close()
            self.assertEqual(os.listdir(cwd), [], "files in the working directory")
            written = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
            self.assertTrue(all(w.startswith(("tmp/", "home/")) for w in written), written)
            self.note = "files left: %s" % (written or "none")
