package rnn

import (
	"strings"
	"testing"
)

func TestGettysburg(t *testing.T) {
	s := Gettysburg()
	if !strings.HasPrefix(s, "four score and seven years ago our fathers brought forth on this continent") {
		t.Errorf("starts %q", s[:40])
	}
	if !strings.HasSuffix(s, "shall not perish from this earth.") {
		t.Errorf("ends %q", s[len(s)-40:])
	}
	if n, k := len(Chars(s)), len(Alphabet(s)); n != 1467 || k != 27 {
		t.Errorf("%d characters of %d kinds; the doc says 1467 of 27", n, k)
	}
	if strings.Contains(s, "  ") || strings.Contains(s, "\n") || strings.Contains(s, "lincoln") {
		t.Error("the text keeps double spaces, line breaks or the attribution")
	}
}

func TestOneHot(t *testing.T) {
	x := OneHot("aba", []string{"a", "b"})
	want := [][]float64{{1, 0}, {0, 1}, {1, 0}}
	closeRows(t, "one-hot", x, want, 0)
}

// Training lowers the loss from about ln V and is reproducible.
func TestTrainCharRNN(t *testing.T) {
	m := TrainCharRNN("", 8, 40, 1)
	if m.Losses[0] < 3 || m.Losses[0] > 3.6 {
		t.Errorf("initial loss %v, expected about ln 27 = 3.30", m.Losses[0])
	}
	if last := m.Losses[len(m.Losses)-1]; !(last < m.Losses[0]-0.5) {
		t.Errorf("loss %v → %v: training did not help", m.Losses[0], last)
	}
	n := TrainCharRNN("", 8, 40, 1)
	if m.Continue("four", 20) != n.Continue("four", 20) {
		t.Error("same seed, different models")
	}
	if got := m.Continue("four", 5); len(got) != 9 || !strings.HasPrefix(got, "four") {
		t.Errorf("Continue gave %q", got)
	}
}

// The claims of notebook 03 about its character RNN (24 units, 300
// epochs, seed 1): the loss ends under 1 nat per character, and the
// states after the three "people" of the phrase are much closer to each
// other than two states of the phrase on average. (About 5 s; skipped
// with -short.)
func TestCharNotebookClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the notebook's model")
	}
	m := TrainCharRNN(Gettysburg(), 24, 300, 1)
	if last := m.Losses[len(m.Losses)-1]; last >= 1 {
		t.Errorf("final loss %v, the notebook says under 1", last)
	}
	phrase := "of the people, by the people, for the people"
	pw := m.Walk(phrase)
	sum, n := 0.0, 0
	for a := 1; a <= len(phrase); a++ {
		for b := a + 1; b <= len(phrase); b++ {
			sum += pw.Distance(a, b)
			n++
		}
	}
	avg := sum / float64(n)
	for _, p := range [][2]int{{13, 28}, {28, 44}, {13, 44}} {
		if d := pw.Distance(p[0], p[1]); d > 0.6*avg {
			t.Errorf("states after \"people\" at %v are %.2f apart; the average pair %.2f", p, d, avg)
		}
	}
}
