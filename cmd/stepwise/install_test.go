package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInstallPrefix(t *testing.T) {
	dir := t.TempDir()
	if code := runInstall([]string{"--prefix", dir, "--name", "Go-Test", "--display-name", "Go test", "--env", "GOMEMLIMIT=500MiB", "--env", "A=b=c"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	kdir := filepath.Join(dir, "share", "jupyter", "kernels", "go-test")
	b, err := os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	argv := spec["argv"].([]any)
	if len(argv) != 3 || !filepath.IsAbs(argv[0].(string)) || argv[1] != "kernel" || argv[2] != "{connection_file}" {
		t.Errorf("argv = %v, want [ABSOLUTE-PATH kernel {connection_file}]", argv)
	}
	want := map[string]any{"display_name": "Go test", "language": "go", "interrupt_mode": "message",
		"env": map[string]any{"GOMEMLIMIT": "500MiB", "A": "b=c"}}
	for k, v := range want {
		if !reflect.DeepEqual(spec[k], v) {
			t.Errorf("%s = %v, want %v", k, spec[k], v)
		}
	}
	for _, f := range []string{"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"} {
		if fi, err := os.Stat(filepath.Join(kdir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	// Installing again replaces.
	if code := runInstall([]string{"--prefix", dir, "--name", "go-test"}); code != 0 {
		t.Fatalf("second install: exit %d", code)
	}
	b, _ = os.ReadFile(filepath.Join(kdir, "kernel.json"))
	if !strings.Contains(string(b), `"Go (stepwise)"`) || strings.Contains(string(b), "GOMEMLIMIT") {
		t.Errorf("reinstall did not replace kernel.json:\n%s", b)
	}
}

func TestInstallUserAndJupyterSeesIt(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	if code := runInstall([]string{"--user"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(data, "kernels", "stepwise", "kernel.json")); err != nil {
		t.Fatal(err)
	}
	jupyter, err := exec.LookPath("/usr/bin/jupyter")
	if err != nil {
		t.Skip("no /usr/bin/jupyter to cross-check")
	}
	out, err := exec.Command(jupyter, "kernelspec", "list", "--json").Output()
	if err != nil {
		t.Skipf("jupyter kernelspec list: %v", err)
	}
	var l struct {
		Kernelspecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
			Spec        struct {
				DisplayName string `json:"display_name"`
				Language    string `json:"language"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	json.Unmarshal(out, &l)
	ks, ok := l.Kernelspecs["stepwise"]
	if !ok || ks.Spec.DisplayName != "Go (stepwise)" || ks.Spec.Language != "go" || ks.ResourceDir != filepath.Join(data, "kernels", "stepwise") {
		t.Errorf("jupyter kernelspec list sees %+v", l.Kernelspecs["stepwise"])
	}
}

func TestInstallBadArgs(t *testing.T) {
	for _, args := range [][]string{
		{"--user", "--prefix", "/tmp/x"},
		{"--name", "no spaces"},
		{"--env", "NOEQUALS"},
		{"extra"},
		{"--frobnicate"},
	} {
		if code := runInstall(args); code != 2 {
			t.Errorf("install %q: exit %d, want 2", args, code)
		}
	}
}

func TestKernelsDir(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	home, _ := os.UserHomeDir()
	if d, _ := kernelsDir(true, false, ""); d != filepath.Join(home, ".local/share/jupyter/kernels") {
		t.Errorf("--user: %s", d)
	}
	if d, _ := kernelsDir(false, false, "/opt/hub"); d != "/opt/hub/share/jupyter/kernels" {
		t.Errorf("--prefix: %s", d)
	}
	if d, _ := kernelsDir(false, false, ""); d != "/usr/local/share/jupyter/kernels" {
		t.Errorf("default: %s", d)
	}
	if _, err := os.Stat("/usr/bin/jupyter"); err == nil {
		// Debian's jupyter runs on /usr/bin/python3, whose sys.prefix is /usr.
		t.Setenv("PATH", "/usr/bin:/bin")
		if d, err := kernelsDir(false, true, ""); err != nil || d != "/usr/share/jupyter/kernels" {
			t.Errorf("--sys-prefix: %s, %v; want /usr/share/jupyter/kernels", d, err)
		}
	}
}
