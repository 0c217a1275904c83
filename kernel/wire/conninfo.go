package wire

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is the content of the connection file that Jupyter writes
// for a kernel: where to bind each socket and how to sign messages.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" or "ipc"
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("%w: %v", ErrConnectionFile, err)
	}
	ci, err := ParseConnectionInfo(data)
	if err != nil {
		return ci, fmt.Errorf("%s: %w", path, err)
	}
	return ci, nil
}

// ParseConnectionInfo decodes and checks a connection file's JSON. A missing
// transport means "tcp"; a missing signature_scheme with a key means
// "hmac-sha256". Port 0 means "any free port" (used by tests).
func ParseConnectionInfo(data []byte) (ConnectionInfo, error) {
	var ci ConnectionInfo
	if err := json.Unmarshal(data, &ci); err != nil {
		return ci, fmt.Errorf("%w: want a JSON object with transport, ip, the five ports, key and signature_scheme; %v", ErrConnectionFile, err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.Transport != "tcp" && ci.Transport != "ipc" {
		return ci, fmt.Errorf("%w: transport %q, want \"tcp\" or \"ipc\"", ErrConnectionFile, ci.Transport)
	}
	if ci.IP == "" {
		return ci, fmt.Errorf("%w: no ip", ErrConnectionFile)
	}
	if ci.Transport == "tcp" && net.ParseIP(ci.IP) == nil && ci.IP != "localhost" && ci.IP != "*" {
		return ci, fmt.Errorf("%w: ip %q is not an IP address", ErrConnectionFile, ci.IP)
	}
	for _, p := range ci.ports() {
		if p.port < 0 || p.port > 65535 {
			return ci, fmt.Errorf("%w: %s %d, want 0..65535", ErrConnectionFile, p.name, p.port)
		}
	}
	if ci.Key != "" && ci.SignatureScheme == "" {
		ci.SignatureScheme = "hmac-sha256"
	}
	if _, err := NewSigner(ci.SignatureScheme, ci.Key); err != nil {
		return ci, fmt.Errorf("%w: %v", ErrConnectionFile, err)
	}
	return ci, nil
}

type namedPort struct {
	name string
	port int
}

func (ci ConnectionInfo) ports() []namedPort {
	return []namedPort{
		{"shell_port", ci.ShellPort}, {"control_port", ci.ControlPort},
		{"iopub_port", ci.IOPubPort}, {"stdin_port", ci.StdinPort}, {"hb_port", ci.HBPort},
	}
}

// Endpoint returns the ZeroMQ endpoint for port: "tcp://IP:PORT", or
// "ipc://IP-PORT" as Jupyter names its ipc sockets.
func (ci ConnectionInfo) Endpoint(port int) string {
	if ci.Transport == "ipc" {
		return "ipc://" + ci.IP + "-" + strconv.Itoa(port)
	}
	return "tcp://" + net.JoinHostPort(ci.IP, strconv.Itoa(port))
}

// Signer returns the signer for the connection's key and scheme.
func (ci ConnectionInfo) Signer() (*Signer, error) {
	return NewSigner(ci.SignatureScheme, ci.Key)
}
