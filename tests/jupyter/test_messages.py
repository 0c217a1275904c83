"""Every message of the kernel issue (point 4), through Debian's
jupyter_client against the installed kernelspec."""

import os
import signal
import time
import unittest

from harness import Kernel, TIMEOUT


class Messages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kernel()

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def test_kernel_info(self):
        """kernel_info_reply on shell and control has every field"""
        for ch in ("shell", "control"):
            c = self.k.request(ch, "kernel_info_request", {})["content"]
            for f in ("status", "protocol_version", "implementation", "implementation_version",
                      "language_info", "banner", "help_links"):
                self.assertIn(f, c, ch)
            self.assertEqual(c["protocol_version"], "5.3")
            li = c["language_info"]
            self.assertEqual((li["name"], li["mimetype"], li["file_extension"], li["pygments_lexer"], li["codemirror_mode"]),
                             ("go", "text/x-go", ".go", "go", "go"))
            self.assertRegex(li["version"], r"^1\.\d+")
            self.assertTrue(c["help_links"])

    def test_execute(self):
        """execute: busy, execute_input, stream, execute_result, idle; counts"""
        r = self.k.run('import "fmt"\nfmt.Println("hello")\n40 + 2')
        self.assertEqual(r.status, "ok", r.content)
        self.assertEqual(r.types(), ["status:busy", "execute_input", "stream", "execute_result", "status:idle"])
        self.assertEqual(r.stream("stdout"), "hello\n")
        self.assertEqual(r.result(), "42")
        for f in ("execution_count", "payload", "user_expressions"):
            self.assertIn(f, r.content)
        n = r.content["execution_count"]
        m, _ = r.first("execute_input")
        self.assertEqual(m["content"]["execution_count"], n)
        m, _ = r.first("execute_result")
        self.assertEqual(m["content"]["execution_count"], n)
        # store_history=False does not advance the count; silent publishes nothing.
        r2 = self.k.run("1", store_history=False)
        self.assertEqual(r2.content["execution_count"], n)
        r3 = self.k.run('fmt.Println("quiet")\n3', silent=True)
        self.assertEqual(r3.types(), ["status:busy", "status:idle"])
        r4 = self.k.run("4")
        self.assertEqual(r4.content["execution_count"], n + 1)

    def test_multi_value_result(self):
        """execute_result of a multi-value call shows all values"""
        self.k.run('func two() (int, string) { return 7, "seven" }')
        r = self.k.run("two()")
        self.assertEqual(r.status, "ok", r.content)
        self.assertIn("7", r.result() or "")
        self.assertIn("seven", r.result() or "")

    def test_live_stream(self):
        """stream output arrives while the cell still runs (≤100 ms flush)"""
        r = self.k.run('import ("fmt"; "time")\nfmt.Println("first")\ntime.Sleep(700*time.Millisecond)\nfmt.Println("second")')
        self.assertEqual(r.stream("stdout"), "first\nsecond\n")
        m, t_first = r.first("stream")
        _, t_idle = r.iopub[-1]
        self.assertEqual(m["content"]["text"], "first\n")
        lag = t_first - r.sent
        self.assertGreater(t_idle - t_first, 0.4, "the first line came only at the end of the cell")
        self.note = f"first line after {lag * 1000:.0f} ms"

    def test_compiled_output(self):
        """compiled code's prints (os.Stdout, log) reach the cell"""
        r = self.k.run('import ("os"; "log"; "fmt")\nos.Stdout.WriteString("direct\\n")\n'
                       'log.SetFlags(0)\nlog.Print("from log")\nfmt.Fprintln(os.Stdout, "fprintln")')
        self.assertEqual(r.status, "ok", r.content)
        self.assertEqual(r.stream("stdout"), "direct\nfprintln\n")
        self.assertEqual(r.stream("stderr"), "from log\n")

    def test_error(self):
        """error: ename, evalue, traceback pointing at the cell's line"""
        r = self.k.run('var s []int\nx := s[5]\n_ = x')
        self.assertEqual(r.status, "error")
        for f in ("ename", "evalue", "traceback", "execution_count"):
            self.assertIn(f, r.content)
        m, _ = r.first("error")
        self.assertIsNotNone(m)
        self.assertIn("index out of range [5] with length 0", r.content["evalue"])
        tb = "\n".join(r.content["traceback"])
        self.assertIn("line 2", tb)
        self.assertNotIn("/usr/local/go/src", tb, "host stack frames in the traceback")
        self.assertEqual(r.types()[-2:], ["error", "status:idle"])

    def test_display(self):
        """display_data and update_display_data with a display_id"""
        r = self.k.run('import "display"\n'
                       'display.Display(display.WithID(display.HTML("<b>one</b>"), "d1"))\n'
                       'display.Update("d1", display.HTML("<b>two</b>"))')
        self.assertEqual(r.status, "ok", r.content)
        d, _ = r.first("display_data")
        u, _ = r.first("update_display_data")
        self.assertIsNotNone(d, r.types())
        self.assertIsNotNone(u, r.types())
        self.assertEqual(d["content"]["data"]["text/html"], "<b>one</b>")
        self.assertIn("text/plain", d["content"]["data"])
        self.assertEqual(d["content"]["transient"]["display_id"], "d1")
        self.assertEqual(u["content"]["transient"]["display_id"], "d1")
        self.assertEqual(u["content"]["data"]["text/html"], "<b>two</b>")
        for m in (d, u):
            self.assertIn("metadata", m["content"])

    def test_complete(self):
        """complete: package members, earlier identifiers, no match = []"""
        self.k.run('import "strings"\nvar studentTotal = 3')
        c = self.k.request("shell", "complete_request", {"code": "strings.ToUp", "cursor_pos": 12})["content"]
        self.assertEqual(c["status"], "ok")
        self.assertIn("ToUpper", c["matches"])
        self.assertEqual((c["cursor_start"], c["cursor_end"]), (8, 12))
        c = self.k.request("shell", "complete_request", {"code": "x := studentT", "cursor_pos": 13})["content"]
        self.assertIn("studentTotal", c["matches"])
        c = self.k.request("shell", "complete_request", {"code": "zzzqqq", "cursor_pos": 6})["content"]
        self.assertEqual((c["status"], c["matches"]), ("ok", []))

    def test_inspect(self):
        """inspect: signature and doc of a std function"""
        c = self.k.request("shell", "inspect_request", {"code": "strings.ToUpper", "cursor_pos": 10, "detail_level": 0})["content"]
        self.assertEqual(c["status"], "ok")
        self.assertTrue(c["found"], c)
        self.assertIn("ToUpper", c["data"]["text/plain"])
        c = self.k.request("shell", "inspect_request", {"code": "nothingHere", "cursor_pos": 3, "detail_level": 0})["content"]
        self.assertEqual((c["status"], c["found"]), ("ok", False))

    def test_is_complete(self):
        """is_complete: complete, incomplete with an indent, invalid"""
        def ask(code):
            return self.k.request("shell", "is_complete_request", {"code": code})["content"]
        self.assertEqual(ask("x := 1")["status"], "complete")
        c = ask("func f() {")
        self.assertEqual(c["status"], "incomplete")
        self.assertIn("indent", c)
        self.assertEqual(ask("x := )")["status"], "invalid")

    def test_history(self):
        """history: tail, range and search"""
        a = self.k.run("1001")
        b = self.k.run("1002")
        def hist(**q):
            c = self.k.request("shell", "history_request", dict(output=False, raw=True, **q))["content"]
            self.assertEqual(c["status"], "ok", c)
            return c["history"]
        tail = hist(hist_access_type="tail", n=2)
        self.assertEqual([h[2] for h in tail], ["1001", "1002"])
        na, nb = a.content["execution_count"], b.content["execution_count"]
        rng = hist(hist_access_type="range", session=0, start=na, stop=nb + 1)
        self.assertEqual([(h[1], h[2]) for h in rng], [(na, "1001"), (nb, "1002")])
        self.assertEqual([h[2] for h in hist(hist_access_type="search", pattern="100?")], ["1001", "1002"])
        out = self.k.request("shell", "history_request", dict(output=True, raw=True, hist_access_type="tail", n=1))["content"]
        self.assertEqual(out["history"][0][2], ["1002", "1002"])

    def test_comms(self):
        """comm_info is empty; comm_open of an unknown target gets comm_close"""
        c = self.k.request("shell", "comm_info_request", {})["content"]
        self.assertEqual((c["status"], c["comms"]), ("ok", {}))
        msg = self.k.kc.session.msg("comm_open", {"comm_id": "abc", "target_name": "jupyter.widget", "data": {}})
        self.k.kc.shell_channel.send(msg)
        r = self.k.collect(msg["header"]["msg_id"], reply=False)
        m, _ = r.first("comm_close")
        self.assertIsNotNone(m, r.types())
        self.assertEqual(m["content"]["comm_id"], "abc")

    def test_stdin(self):
        """input_request when allow_stdin; a clear error when not"""
        prompts = []
        def answer(req):
            prompts.append(req["content"])
            return "Ada"
        r = self.k.run('import "fmt"\nvar name string\nfmt.Print("name? ")\nfmt.Scanln(&name)\n"hello " + name', stdin=answer)
        self.assertEqual(r.status, "ok", r.content)
        self.assertTrue(prompts, "no input_request")
        self.assertEqual(r.result(), '"hello Ada"')
        r = self.k.run('import ("bufio"; "os")\nline, err := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n_, _ = line, err\nline', stdin=lambda req: "from bufio")
        self.assertEqual(r.status, "ok", r.content)
        self.assertIn("from bufio", r.result() or "")
        r = self.k.run('var n int\nfmt.Scanln(&n)\nif n == 0 { panic("no input") }', allow_stdin=False)
        text = r.content.get("evalue", "") + r.stream("stderr")
        self.assertIn("stdin", text.lower() + "".join(r.content.get("traceback", [])).lower())

    def test_stop_on_error(self):
        """stop_on_error: queued cells after an error are aborted"""
        ids = [self.k.send('import "time"\ntime.Sleep(200*time.Millisecond)\npanic("stop here")')[0],
               self.k.send("1")[0], self.k.send("2")[0]]
        statuses = [self.k.collect(i).status for i in ids]
        self.assertEqual(statuses, ["error", "aborted", "aborted"])
        self.assertEqual(self.k.run("3").result(), "3")
        ids = [self.k.send('panic("go on")', stop_on_error=False)[0], self.k.send("4")[0]]
        self.assertEqual([self.k.collect(i).status for i in ids], ["error", "ok"])

    def test_interrupt(self):
        """interrupt_request stops Sleep, channel waits, loops, goroutines; state kept"""
        self.k.run("kept := 99")
        lat = []
        for code in ('import "time"\ntime.Sleep(time.Hour)',
                     "c := make(chan int)\n<-c",
                     "for {}",
                     'import "time"\ndone := make(chan bool)\ngo func() { time.Sleep(time.Hour); done <- true }()\n<-done'):
            msg_id, sent = self.k.send(code)
            time.sleep(0.3)
            t0 = time.monotonic()
            rep = self.k.request("control", "interrupt_request", {})
            self.assertEqual(rep["content"]["status"], "ok")
            r = self.k.collect(msg_id, timeout=10)
            lat.append((r.reply and time.monotonic()) - t0)
            self.assertEqual(r.status, "error", code)
        self.assertEqual(self.k.run("kept").result(), "99")
        self.note = "reply after interrupt ≤ %.0f ms" % (max(lat) * 1000)

    def test_sigint(self):
        """SIGINT interrupts the running cell as well"""
        self.k.run("keptToo := 5")
        msg_id, _ = self.k.send('import "time"\ntime.Sleep(time.Hour)')
        time.sleep(0.3)
        os.kill(self.k.pid, signal.SIGINT)
        r = self.k.collect(msg_id, timeout=10)
        self.assertEqual(r.status, "error")
        self.assertEqual(self.k.run("keptToo").result(), "5")

    def test_control_while_busy(self):
        """control answers kernel_info while a cell runs"""
        msg_id, _ = self.k.send('import "time"\ntime.Sleep(2*time.Second)')
        time.sleep(0.2)
        t0 = time.monotonic()
        self.k.request("control", "kernel_info_request", {})
        dt = time.monotonic() - t0
        r = self.k.collect(msg_id)
        self.assertLess(dt, 1.5, "kernel_info waited for the cell")
        self.assertEqual(r.status, "ok")
        self.note = f"answered in {dt * 1000:.1f} ms"

    def test_heartbeat(self):
        """heartbeat echoes"""
        import zmq
        ci = self.k.km.get_connection_info()
        ctx = zmq.Context.instance()
        s = ctx.socket(zmq.REQ)
        s.connect(f"tcp://{ci['ip']}:{ci['hb_port']}")
        s.send(b"ping")
        self.assertTrue(s.poll(5000), "no heartbeat echo")
        self.assertEqual(s.recv(), b"ping")
        s.close(0)


class Lifecycle(unittest.TestCase):
    def test_shutdown(self):
        """shutdown_request restart false: reply, then the process exits"""
        k = Kernel()
        pid = k.pid
        rep = k.request("control", "shutdown_request", {"restart": False})
        self.assertEqual(rep["content"], {"status": "ok", "restart": False})
        from harness import wait_gone
        self.assertTrue(wait_gone(pid, 5), "process still running")
        k.kc.stop_channels()
        k.km.cleanup_resources()

    def test_shutdown_restart_true(self):
        """shutdown_request restart true: reply says restart true, the process exits, a restart works"""
        k = Kernel()
        try:
            pid = k.pid
            rep = k.request("control", "shutdown_request", {"restart": True})
            self.assertEqual(rep["content"], {"status": "ok", "restart": True})
            from harness import wait_gone
            self.assertTrue(wait_gone(pid, 5), "process still running")
            k.km.restart_kernel(now=True)
            k.kc.wait_for_ready(timeout=TIMEOUT)
            self.assertNotEqual(k.pid, pid)
            self.assertEqual(k.run("6 * 7").result(), "42")
        finally:
            k.close()

    def test_restart(self):
        """restart on the same ports (jupyter_client 7.4.9), three times"""
        k = Kernel()
        try:
            k.run("x := 1")
            for i in range(3):
                k.km.restart_kernel(now=False)
                k.kc.wait_for_ready(timeout=TIMEOUT)
                r = k.run("x")
                self.assertEqual(r.status, "error", "state survived a restart")
                self.assertEqual(k.run(f"{i} + 1").result(), str(i + 1))
        finally:
            k.close()
