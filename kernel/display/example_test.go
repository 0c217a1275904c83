package display_test

import (
	"fmt"
	"image"
	"sort"

	"github.com/stepwise-go/stepwise/kernel/display"
)

type table struct{ rows int }

func (t table) HTML() string   { return fmt.Sprintf("<table>%d rows</table>", t.rows) }
func (t table) String() string { return fmt.Sprintf("table of %d rows", t.rows) }

func ExampleRender() {
	d := display.Render(table{3})
	keys := make([]string, 0, len(d.Data))
	for k := range d.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s: %v\n", k, d.Data[k])
	}
	// Output:
	// text/html: <table>3 rows</table>
	// text/plain: table of 3 rows
}

func ExampleImage() {
	d := display.Image(image.NewGray(image.Rect(0, 0, 4, 2)))
	fmt.Println(d.Data["text/plain"], d.Metadata["image/png"])
	// Output:
	// <PNG image 4×2> map[height:2 width:4]
}

func ExampleWithID() {
	id := "fig1"
	d := display.WithID(display.Markdown("step 1"), id)
	fmt.Println(display.ID(d), d.Data["text/markdown"])
	// Output:
	// fig1 step 1
}
