package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/stepwise-go/stepwise/kernel/eval"
	"github.com/stepwise-go/stepwise/lessons"
)

// The %lang magic switches the lessons' language in a notebook. It is
// registered here, in the composition root, because the kernel core must
// not import lessons.
func init() {
	eval.RegisterMagic("lang", "switch the lessons' text, captions and checker feedback to Chinese (%lang zh) or English (%lang en, the default); %lang alone shows which is on", langMagic)
}

func langMagic(args string, w io.Writer) error {
	args = strings.TrimSpace(args)
	if args == "" {
		fmt.Fprintln(w, lessons.T("lessons.lang.current", lessons.T("lessons.lang."+lessons.Lang())))
		return nil
	}
	if err := lessons.SetLang(args); err != nil {
		return err
	}
	fmt.Fprintln(w, lessons.T("lessons.lang.now"))
	return nil
}
