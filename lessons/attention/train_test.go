package attention

import (
	"testing"
)

// TestTrainedPattern trains the notebook's models and checks what they
// learned: accuracy on held-out sequences, and an attention map whose
// largest weight in every row is on the input position the task copies.
func TestTrainedPattern(t *testing.T) {
	if testing.Short() {
		t.Skip("trains three models (a few seconds each)")
	}
	for _, cfg := range []TrainConfig{{}, {Task: TaskShift}, {Heads: 2}} {
		m := Train(cfg)
		c := m.Config
		t.Logf("%s, h = %d: digits %.4f, sequences %.4f, pattern %.3f, %v", c.Task, c.Heads, m.DigitAccuracy, m.SequenceAccuracy, m.PatternScore(), m.Elapsed)
		if m.DigitAccuracy < 0.99 {
			t.Errorf("%s, h = %d: held-out digit accuracy %.4f, want ≥ 0.99", c.Task, c.Heads, m.DigitAccuracy)
		}
		for i, row := range m.MeanMap {
			if j := argmax(row); j != c.source(i, c.Length) {
				t.Errorf("%s, h = %d: output %d looks most at input %d, want %d (row %v)", c.Task, c.Heads, i, j, c.source(i, c.Length), row)
			}
		}
		if p := m.PatternScore(); p < 0.9 {
			t.Errorf("%s, h = %d: mean weight on the expected position %.3f, want ≥ 0.9", c.Task, c.Heads, p)
		}
		exp := m.Expected()
		for i := range exp {
			if exp[i][c.source(i, c.Length)] != 1 || sum(exp[i]) != 1 {
				t.Errorf("Expected row %d = %v", i, exp[i])
			}
		}
	}
}

// TestNoPosition checks the ablation: without positions the model cannot
// reverse (it sees a bag of digits), and its map is far from the
// anti-diagonal.
func TestNoPosition(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	m := Train(TrainConfig{NoPosition: true})
	t.Logf("no position: digits %.4f, pattern %.3f", m.DigitAccuracy, m.PatternScore())
	if m.DigitAccuracy > 0.6 || m.SequenceAccuracy > 0.1 {
		t.Errorf("without positions the accuracy is %.3f (sequences %.3f): the ablation no longer shows anything", m.DigitAccuracy, m.SequenceAccuracy)
	}
	if m.PatternScore() > 0.5 {
		t.Errorf("without positions the map puts %.3f on the anti-diagonal", m.PatternScore())
	}
}

// TestTargets checks the tasks' targets and the reproducibility of
// training.
func TestTargets(t *testing.T) {
	rev := TrainConfig{}.Target([]int{3, 1, 4, 1, 5, 9})
	if want := []int{9, 5, 1, 4, 1, 3}; !equalInts(rev, want) {
		t.Errorf("reverse = %v, want %v", rev, want)
	}
	sh := TrainConfig{Task: TaskShift}.Target([]int{3, 1, 4, 1, 5, 9})
	if want := []int{1, 4, 1, 5, 9, 3}; !equalInts(sh, want) {
		t.Errorf("shift = %v, want %v", sh, want)
	}
	a := Train(TrainConfig{Steps: 20, TestSize: 50})
	b := Train(TrainConfig{Steps: 20, TestSize: 50})
	if a.Loss[19] != b.Loss[19] {
		t.Errorf("the same seed trained differently: %v vs %v", a.Loss[19], b.Loss[19])
	}
	for _, s := range a.test {
		if len(s) != 6 {
			t.Fatalf("test sequence %v", s)
		}
	}
	step := a.Show(3, 1, 4, 1, 5, 9)
	if len(step.Figures) != 1 || step.Body == "" {
		t.Errorf("Show: %d figures, body %q", len(step.Figures), step.Body)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
