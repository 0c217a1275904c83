package wire

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConnectionInfo(t *testing.T) {
	cases := []struct {
		name, json string
		wantErr    string // substring; "" means success
		endpoint   string // Endpoint(ShellPort) on success
	}{
		{"jupyter_client file", `{"shell_port": 51001, "iopub_port": 51002, "stdin_port": 51003, "control_port": 51004,
			"hb_port": 51005, "ip": "127.0.0.1", "key": "k", "transport": "tcp",
			"signature_scheme": "hmac-sha256", "kernel_name": "stepwise"}`, "", "tcp://127.0.0.1:51001"},
		{"ipv6", `{"ip":"::1","shell_port":9,"key":""}`, "", "tcp://[::1]:9"},
		{"ipc", `{"transport":"ipc","ip":"/tmp/kernel-1","shell_port":1}`, "", "ipc:///tmp/kernel-1-1"},
		{"scheme defaults", `{"ip":"127.0.0.1","key":"k"}`, "", "tcp://127.0.0.1:0"},
		{"not JSON", `shell_port=1`, "want a JSON object", ""},
		{"bad transport", `{"transport":"udp","ip":"127.0.0.1"}`, `transport "udp"`, ""},
		{"no ip", `{"shell_port":1}`, "no ip", ""},
		{"bad ip", `{"ip":"example.com"}`, "not an IP address", ""},
		{"port range", `{"ip":"127.0.0.1","hb_port":70000}`, "hb_port 70000", ""},
		{"port type", `{"ip":"127.0.0.1","hb_port":"5"}`, "hb_port", ""},
		{"md5", `{"ip":"127.0.0.1","key":"k","signature_scheme":"hmac-md5"}`, "hmac-sha256", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ci, err := ParseConnectionInfo([]byte(c.json))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || !errors.Is(err, ErrConnectionFile) {
					t.Fatalf("err = %v, want ErrConnectionFile mentioning %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := ci.Endpoint(ci.ShellPort); got != c.endpoint {
				t.Errorf("Endpoint = %q, want %q", got, c.endpoint)
			}
		})
	}
}

func TestReadConnectionFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kernel-1.json")
	if _, err := ReadConnectionFile(p); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: err = %v", err)
	}
	os.WriteFile(p, []byte(`{"ip":"127.0.0.1","key":"k","shell_port":5}`), 0o600)
	ci, err := ReadConnectionFile(p)
	if err != nil || ci.SignatureScheme != "hmac-sha256" || ci.ShellPort != 5 {
		t.Errorf("ReadConnectionFile = %+v, %v", ci, err)
	}
	os.WriteFile(p, []byte(`{`), 0o600)
	if _, err := ReadConnectionFile(p); err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("broken file: err = %v, want the path in it", err)
	}
}
