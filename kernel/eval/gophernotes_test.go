package eval

import (
	"strings"
	"testing"
	"time"
)

// TestGophernotesHabits runs cells written the way gophernotes' example
// notebooks write them: ":import", display without import, Display(...),
// goroutines fed from one cell and drained in another, and a reference cell
// listing signatures without bodies.
func TestGophernotesHabits(t *testing.T) {
	s := newTestSession(t)
	s.ok(`:import "fmt"`)
	s.ok(`:import "time"`)
	s.ok("func work(id int, in <-chan int, out chan<- int) {\n    for v := range in {\n        time.Sleep(5 * time.Millisecond)\n        out <- v * 10\n    }\n}")
	s.ok("in := make(chan int, 10)\nout := make(chan int, 10)")
	s.ok("for w := 1; w <= 2; w++ {\n    go work(w, in, out)\n}")
	s.ok("for j := 1; j <= 4; j++ {\n    in <- j\n}\nclose(in)")
	t0 := time.Now()
	_, stdout := s.ok("sum := 0\nfor a := 1; a <= 4; a++ {\n    sum += <-out\n}\nfmt.Println(sum)")
	if stdout != "100\n" || time.Since(t0) > 5*time.Second {
		t.Errorf("worker pool: %q", stdout)
	}
	s.ok("greeting := \"world\"")
	if v, _ := s.ok("fmt.Sprintf(\"hello %s\", greeting)"); v != `"hello world"` {
		t.Errorf("Sprintf result %q", v)
	}
	s.ok("ping := make(chan string)\ngo func() { ping <- \"pong\" }()")
	if v, _ := s.ok("got := <-ping\ngot"); v != `"pong"` {
		t.Errorf("channel across cells: %q", v)
	}
	res, _, _ := s.run("display.HTML(`<h1 style=\"color:green;\">Hello</h1>`)")
	if res.Err != nil || !strings.Contains(res.Value.Data["text/html"].(string), "Hello") {
		t.Errorf("display.HTML: %+v %v", res.Value, res.Err)
	}
	s.displays = nil
	s.ok("{\n    Display(display.Markdown(\"* item\"))\n    Display(display.Math(`a^2+b^2=c^2`))\n}")
	if len(s.displays) != 2 {
		t.Errorf("Display calls published %d bundles", len(s.displays))
	}
	res, _, _ = s.run("import \"image\"\nimport \"image/color\"\nimg := image.NewRGBA(image.Rect(0, 0, 8, 8))\nfor i := 0; i < 8; i++ { img.Set(i, i, color.RGBA{0, 0, 255, 255}) }\ndisplay.Image(img)")
	if res.Err != nil || res.Value.Data["image/png"] == nil {
		t.Errorf("display.Image: %v", res.Err)
	}
	s.ok("type Bundle map[string]interface{}\ntype Shown struct {\n\tData, Metadata Bundle\n}\nfunc PNG(b []byte) Shown\nfunc SVG(s string) Shown\nfunc MIME(data, metadata map[string]interface{}) Shown")
}
