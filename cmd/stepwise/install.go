package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
)

func init() {
	register(&command{
		name:    "install",
		summary: "install the kernelspec so that Jupyter offers \"Go (stepwise)\"",
		usage: `usage: stepwise install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                        [--display-name TEXT] [--env K=V ...]

Write the kernelspec (kernel.json and logos) that tells Jupyter how to start
this binary, like "python -m ipykernel install". Where:

  (default)      system-wide: /usr/local/share/jupyter/kernels/NAME (needs root)
  --user         your own: ~/.local/share/jupyter/kernels/NAME ($JUPYTER_DATA_DIR
                 if set; ~/Library/Jupyter on macOS)
  --sys-prefix   the prefix of the Python that runs Jupyter (a virtualenv or
                 conda env, or /usr for Debian's): PREFIX/share/jupyter/kernels/NAME
  --prefix DIR   DIR/share/jupyter/kernels/NAME (for JupyterHub images, or tests
                 with JUPYTER_PATH=DIR/share/jupyter)

  --name NAME          kernel name (default stepwise; letters, digits, . _ -)
  --display-name TEXT  name shown in Jupyter (default "Go (stepwise)")
  --env K=V            set K=V in the kernel's environment; repeatable, e.g.
                       --env GOMEMLIMIT=500MiB --env STEPWISE_MAX_OUTPUT=1000000

kernel.json names this binary by its absolute path, so move or rebuild it in
place, or install again after moving it. An existing kernelspec of the same
name is replaced.`,
		run: runInstall,
	})
}

// kernelSpec is the content of kernel.json.
type kernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
}

type envFlag map[string]string

func (e envFlag) String() string { return fmt.Sprint(map[string]string(e)) }
func (e envFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" || strings.ContainsAny(k, " \t") {
		return fmt.Errorf("want K=V (e.g. GOMEMLIMIT=500MiB), got %q", s)
	}
	e[k] = v
	return nil
}

var kernelNameRE = regexp.MustCompile(`^[a-zA-Z0-9._-]+$`)

func runInstall(args []string) int {
	fl := flag.NewFlagSet("install", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	user := fl.Bool("user", false, "")
	sysPrefix := fl.Bool("sys-prefix", false, "")
	prefix := fl.String("prefix", "", "")
	name := fl.String("name", "stepwise", "")
	display := fl.String("display-name", "Go (stepwise)", "")
	env := envFlag{}
	fl.Var(env, "env", "")
	if err := fl.Parse(args); err != nil {
		fmt.Fprintf(os.Stderr, "stepwise install: %v\n\n%s\n", err, commands["install"].usage)
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "stepwise install: unexpected argument %q (flags only; see 'stepwise help install')\n", fl.Arg(0))
		return 2
	}
	n := 0
	for _, b := range []bool{*user, *sysPrefix, *prefix != ""} {
		if b {
			n++
		}
	}
	if n > 1 {
		fmt.Fprintln(os.Stderr, "stepwise install: give at most one of --user, --sys-prefix and --prefix DIR")
		return 2
	}
	if !kernelNameRE.MatchString(*name) {
		fmt.Fprintf(os.Stderr, "stepwise install: --name %q: want letters, digits, '.', '_' or '-' only\n", *name)
		return 2
	}
	kernels, err := kernelsDir(*user, *sysPrefix, *prefix)
	if err != nil {
		fmt.Fprintf(os.Stderr, "stepwise install: %v\n", err)
		return 1
	}
	exe, err := executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "stepwise install: %v\n", err)
		return 1
	}
	dir := filepath.Join(kernels, strings.ToLower(*name))
	spec := kernelSpec{
		Argv:          []string{exe, "kernel", "{connection_file}"},
		DisplayName:   *display,
		Language:      "go",
		InterruptMode: "message",
		Env:           env,
		Metadata:      map[string]any{"debugger": false, "stepwise_version": version},
	}
	if err := writeKernelSpec(dir, spec); err != nil {
		fmt.Fprintf(os.Stderr, "stepwise install: %v\n", err)
		if errors.Is(err, fs.ErrPermission) && !*user && *prefix == "" {
			fmt.Fprintln(os.Stderr, "(run it as root, or add --user to install for yourself only)")
		}
		return 1
	}
	fmt.Printf("Installed kernelspec %s in %s\n", strings.ToLower(*name), dir)
	if strings.Contains(exe, "go-build") {
		fmt.Fprintf(os.Stderr, "warning: %s is a temporary build (go run) and will vanish; build the binary (make build) and install from it\n", exe)
	}
	return 0
}

// executable is this binary's absolute path, symlinks resolved.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot find this binary's path: %w", err)
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return filepath.Abs(exe)
}

// kernelsDir is the kernels directory for the chosen location, as Jupyter
// (jupyter_core's paths) names it.
func kernelsDir(user, sysPrefix bool, prefix string) (string, error) {
	switch {
	case user:
		d, err := userDataDir()
		return filepath.Join(d, "kernels"), err
	case sysPrefix:
		p, err := jupyterPythonPrefix()
		return filepath.Join(p, "share", "jupyter", "kernels"), err
	case prefix != "":
		p, err := filepath.Abs(prefix)
		return filepath.Join(p, "share", "jupyter", "kernels"), err
	}
	if runtime.GOOS == "windows" {
		return filepath.Join(os.Getenv("PROGRAMDATA"), "jupyter", "kernels"), nil
	}
	return "/usr/local/share/jupyter/kernels", nil
}

// userDataDir is Jupyter's per-user data directory.
func userDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory for --user: %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		return filepath.Join(os.Getenv("APPDATA"), "jupyter"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// jupyterPythonPrefix is sys.prefix of the Python that runs the jupyter
// command on PATH (read from its #! line), else of python3.
func jupyterPythonPrefix() (string, error) {
	pythons := []string{}
	if j, err := exec.LookPath("jupyter"); err == nil {
		if py := shebangInterpreter(j); py != "" {
			pythons = append(pythons, py)
		}
	}
	pythons = append(pythons, "python3", "/usr/bin/python3")
	var lastErr error
	for _, py := range pythons {
		out, err := exec.Command(py, "-c", "import sys; print(sys.prefix)").Output()
		if err == nil {
			return strings.TrimSpace(string(out)), nil
		}
		lastErr = err
	}
	return "", fmt.Errorf("--sys-prefix needs the Python that runs Jupyter, and none ran (%v); use --user or --prefix DIR", lastErr)
}

// shebangInterpreter returns the interpreter of a "#!/path/python" script.
func shebangInterpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if !strings.HasPrefix(line, "#!") || len(fields) == 0 {
		return ""
	}
	if filepath.Base(fields[0]) == "env" && len(fields) > 1 {
		return fields[1]
	}
	return fields[0]
}

// writeKernelSpec writes kernel.json and the logos into dir, replacing an
// earlier install.
func writeKernelSpec(dir string, spec kernelSpec) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(spec, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	entries, _ := logos.ReadDir("kernelspec")
	for _, e := range entries {
		data, _ := logos.ReadFile("kernelspec/" + e.Name())
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
