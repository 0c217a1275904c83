package wire_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stepwise-go/stepwise/kernel/wire"
)

// A kernel decodes a request, checks it was not replayed, decodes its
// content by msg_type, and answers with a reply whose parent is the request.
func Example() {
	signer, _ := wire.NewSigner("hmac-sha256", "secret")
	guard := wire.NewReplayGuard(0)

	// What a front end sends (normally read from the shell socket).
	req, _ := wire.NewSession("student").NewMessage("execute_request", nil, map[string]any{"code": "1+1"})
	req.Identities = [][]byte{[]byte("frontend")}
	frames, _ := wire.Encode(req, signer)

	m, err := wire.Decode(frames, signer, wire.DefaultLimits)
	if err != nil {
		fmt.Println("dropped:", err)
		return
	}
	fmt.Println("first time:", guard.Check(m.Signature))
	fmt.Println("second time:", errors.Is(guard.Check(m.Signature), wire.ErrReplayed))

	var content struct{ Code string }
	json.Unmarshal(m.Content, &content)
	fmt.Println(m.Header.MsgType, content.Code)

	reply, _ := wire.NewSession("kernel").NewMessage("execute_reply", m, map[string]any{"status": "ok"})
	fmt.Printf("reply to %s on %s\n", reply.Identities[0], reply.Header.MsgType)

	// A tampered frame is refused.
	frames[len(frames)-1] = []byte(`{"code":"os.Exit(1)"}`)
	_, err = wire.Decode(frames, signer, wire.DefaultLimits)
	fmt.Println(err)
	// Output:
	// first time: <nil>
	// second time: true
	// execute_request 1+1
	// reply to frontend on execute_reply
	// wire: wrong signature
}
