// Command stepwise is the Go kernel for Jupyter and the lessons' helpers.
//
// Usage:
//
//	stepwise kernel CONNECTION_FILE   run the kernel (Jupyter starts this)
//	stepwise install [flags]          install the kernelspec
//	stepwise version                  print the version
//	stepwise help [COMMAND]           describe a command
package main

import (
	"fmt"
	"os"
	"sort"
)

// command is one subcommand. Each lives in its own file and registers itself
// in init with register.
type command struct {
	name    string
	summary string                  // one line for the command list
	usage   string                  // full help text
	run     func(args []string) int // returns the exit status
}

var commands = map[string]*command{}

// register adds c to the command table; a duplicate name is a programming error.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("stepwise: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		usage(os.Stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprintln(os.Stdout, c.usage)
				return 0
			}
		}
		usage(os.Stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "stepwise: unknown command %q\n\n", name)
		usage(os.Stderr)
		return 2
	}
	return c.run(args[1:])
}

func usage(w *os.File) {
	fmt.Fprintln(w, "usage: stepwise COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'stepwise help COMMAND' for details.")
}
