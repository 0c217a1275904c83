package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestRunKernelBadArgs(t *testing.T) {
	if code := runKernel(nil); code != 2 {
		t.Errorf("no connection file: exit %d, want 2", code)
	}
	if code := runKernel([]string{"a.json", "b.json"}); code != 2 {
		t.Errorf("two files: exit %d, want 2", code)
	}
	if code := runKernel([]string{filepath.Join(t.TempDir(), "missing.json")}); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"ip":"127.0.0.1","signature_scheme":"hmac-md5","key":"k"}`), 0o600)
	if code := runKernel([]string{bad}); code != 1 {
		t.Errorf("md5 scheme: exit %d, want 1", code)
	}
}

func TestVersionLine(t *testing.T) {
	if !regexp.MustCompile(`^stepwise \S+ \(go1\.\d+.* \w+/\w+`).MatchString(versionLine()) {
		t.Errorf("versionLine() = %q", versionLine())
	}
	if code := runVersion([]string{"extra"}); code != 2 {
		t.Errorf("version extra: exit %d", code)
	}
}
