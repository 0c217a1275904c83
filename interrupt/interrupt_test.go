package interrupt

import (
	"errors"
	"fmt"
	"testing"
)

func TestRaiseClear(t *testing.T) {
	Clear()
	if Requested() || Err() != nil {
		t.Fatal("interrupt requested before Raise")
	}
	Raise()
	if !Requested() || !errors.Is(Err(), ErrInterrupted) {
		t.Fatal("Raise did not register")
	}
	Clear()
	if Requested() {
		t.Fatal("Clear did not forget the interrupt")
	}
}

// A training loop checks for an interrupt between steps.
func Example() {
	Clear()
	steps := 0
	for step := 0; step < 1000; step++ {
		if Requested() {
			break
		}
		steps++
		if step == 41 {
			Raise() // what the kernel does when Interrupt is pressed
		}
	}
	fmt.Println("ran", steps, "steps:", Err())
	Clear()
	// Output: ran 42 steps: interrupted by the user
}
