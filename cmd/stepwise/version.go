package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
)

// version is the stepwise release. Builds from a checkout say "dev";
// a release build sets it with -ldflags "-X main.version=1.0.0".
var version = "dev"

func init() {
	register(&command{
		name:    "version",
		summary: "print the version",
		usage: `usage: stepwise version

Print stepwise's version, the Go release it was built with, the
interpreter's version, and the source revision when known.`,
		run: runVersion,
	})
}

func runVersion(args []string) int {
	if len(args) != 0 {
		fmt.Fprintln(os.Stderr, "usage: stepwise version (no arguments)")
		return 2
	}
	fmt.Println(versionLine())
	return 0
}

// versionLine is e.g. "stepwise dev (go1.26.8 linux/amd64, yaegi v0.16.1, rev 89c3710)".
func versionLine() string {
	s := fmt.Sprintf("stepwise %s (%s %s/%s", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/traefik/yaegi" {
				s += ", yaegi " + d.Version
			}
		}
		for _, kv := range bi.Settings {
			if kv.Key == "vcs.revision" && len(kv.Value) >= 7 {
				s += ", rev " + kv.Value[:7]
			}
		}
	}
	return s + ")"
}
