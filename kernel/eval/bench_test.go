package eval

import (
	"context"
	"io"
	"testing"
)

// BenchmarkNew measures starting a session (tables, prelude, sources).
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Stdout: io.Discard, Stderr: io.Discard}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExecuteOnePlusOne measures the round trip of the smallest cell.
func BenchmarkExecuteOnePlusOne(b *testing.B) {
	in, err := New(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if r := in.Execute(ctx, Cell{Code: "1+1"}); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// BenchmarkLoopCell measures a cell with a loop and a function call.
func BenchmarkLoopCell(b *testing.B) {
	in, err := New(Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	in.Execute(context.Background(), Cell{Code: "func sq(x int) int { return x * x }"})
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if r := in.Execute(ctx, Cell{Code: "s := 0\nfor i := 0; i < 1000; i++ { s += sq(i) }\ns"}); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
