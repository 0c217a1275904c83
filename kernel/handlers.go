package kernel

import (
	"unicode/utf8"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

func (k *Kernel) registerHandlers() {
	k.shellHandlers = map[string]Handler{}
	k.controlHandlers = map[string]Handler{}
	shell := map[string]HandlerFunc{
		"kernel_info_request": k.kernelInfo,
		"execute_request":     k.execute,
		"complete_request":    k.complete,
		"inspect_request":     k.inspect,
		"is_complete_request": k.isComplete,
		"history_request":     k.history,
		"comm_info_request":   k.commInfo,
		"comm_open":           k.commOpen,
		"comm_msg":            k.commIgnore,
		"comm_close":          k.commIgnore,
		"shutdown_request":    k.shutdown, // deprecated on shell, still sent by old clients
	}
	for t, h := range shell {
		register(k.shellHandlers, t, h)
	}
	control := map[string]HandlerFunc{
		"kernel_info_request": k.kernelInfo,
		"shutdown_request":    k.shutdown,
		"interrupt_request":   k.interruptRequest,
		"comm_info_request":   k.commInfo,
	}
	for t, h := range control {
		register(k.controlHandlers, t, h)
	}
}

func (k *Kernel) kernelInfo(r *Request) {
	in := k.cfg.Info
	r.Reply(kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        in.Implementation,
		ImplementationVersion: in.ImplementationVersion,
		LanguageInfo: LanguageInfo{
			Name: "go", Version: in.LanguageVersion, Mimetype: "text/x-go", FileExtension: ".go",
			PygmentsLexer: "go", CodemirrorMode: "go", NbconvertExporter: "script",
		},
		Banner:    in.Banner,
		HelpLinks: in.HelpLinks,
	})
}

// cursor returns the cursor position of a request: absent means the end of
// the code; out of range is clamped. Positions count code points.
func cursor(code string, pos *int) int {
	n := utf8.RuneCountInString(code)
	if pos == nil || *pos > n {
		return n
	}
	return max(*pos, 0)
}

func (k *Kernel) complete(r *Request) {
	var req completeRequest
	if r.Decode(&req) != nil {
		return
	}
	c := k.evaluator().Complete(req.Code, cursor(req.Code, req.CursorPos))
	if c.Matches == nil {
		c.Matches = []string{}
	}
	r.Reply(completeReply{Status: "ok", Matches: c.Matches, CursorStart: c.Start, CursorEnd: c.End, Metadata: orEmpty(c.Metadata)})
}

func (k *Kernel) inspect(r *Request) {
	var req inspectRequest
	if r.Decode(&req) != nil {
		return
	}
	d, found := k.evaluator().Inspect(req.Code, cursor(req.Code, req.CursorPos), req.DetailLevel)
	r.Reply(inspectReply{Status: "ok", Found: found, Data: orEmpty(d.Data), Metadata: orEmpty(d.Metadata)})
}

func (k *Kernel) isComplete(r *Request) {
	var req isCompleteRequest
	if r.Decode(&req) != nil {
		return
	}
	st, indent := k.evaluator().IsComplete(req.Code)
	rep := isCompleteReply{Status: st}
	switch st {
	case "complete", "invalid", "unknown":
	case "incomplete":
		rep.Indent = &indent // present, even when empty: the spec requires it
	default:
		rep.Status = "unknown"
	}
	r.Reply(rep)
}

func (k *Kernel) history(r *Request) {
	var req historyRequest
	if r.Decode(&req) != nil {
		return
	}
	h, err := k.hist.query(req)
	if err != nil {
		r.ReplyError("BadRequest", err.Error())
		return
	}
	r.Reply(historyReply{Status: "ok", History: h})
}

func (k *Kernel) commInfo(r *Request) {
	r.Reply(commInfoReply{Status: "ok", Comms: map[string]any{}})
}

// commOpen answers a comm_open: stepwise registers no comm targets, so the
// comm is closed at once, which tells the front end it does not exist.
func (k *Kernel) commOpen(r *Request) {
	var req commOpen
	if r.Decode(&req) != nil {
		return
	}
	k.drops.printf("comm_open for unknown target %q: closing comm %s", req.TargetName, req.CommID)
	r.Publish("comm_close", commClose{CommID: req.CommID, Data: map[string]any{}})
}

func (k *Kernel) commIgnore(r *Request) {}

func (k *Kernel) shutdown(r *Request) {
	var req shutdownRequest
	if r.Decode(&req) != nil {
		return
	}
	rep := shutdownReply{Status: "ok", Restart: req.Restart}
	r.Reply(rep)
	r.Publish("shutdown_reply", rep)
	k.Stop(req.Restart)
}

func (k *Kernel) interruptRequest(r *Request) {
	k.interrupt("interrupt_request")
	r.Reply(okReply{Status: "ok"})
}
