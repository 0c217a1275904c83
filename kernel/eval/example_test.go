package eval_test

import (
	"context"
	"fmt"
	"os"

	"github.com/stepwise-go/stepwise/kernel/eval"
)

func ExampleInterp_Execute() {
	in, err := eval.New(eval.Options{Stdout: os.Stdout, Stderr: os.Stdout})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, code := range []string{
		"import \"fmt\"\nfunc area(w, h float64) float64 { return w * h }",
		"fmt.Println(area(3, 4))\narea(2, 5)",
		"s := []int{1, 2, 3}\ns[5]",
	} {
		res := in.Execute(ctx, eval.Cell{Code: code})
		if res.Value != nil {
			fmt.Println("result:", res.Value.Data["text/plain"])
		}
		if res.Err != nil {
			fmt.Println("error:", res.Err.Value)
		}
	}
	// Output:
	// 12
	// result: 10
	// error: runtime error: index out of range [5] with length 3 (cell 3 line 2, column 1)
}

func ExampleInterp_Complete() {
	in, _ := eval.New(eval.Options{})
	in.Execute(context.Background(), eval.Cell{Code: `import "strings"`})
	c := in.Complete("strings.ToU", 11)
	fmt.Println(c.Matches, c.Start, c.End)
	// Output:
	// [ToUpper ToUpperSpecial] 8 11
}
