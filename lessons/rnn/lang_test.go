package rnn

import (
	"os"
	"strings"
	"testing"

	"github.com/stepwise-go/stepwise/lessons"
	"github.com/stepwise-go/stepwise/viz"
)

// No message, exercise or lesson of this package lacks its Chinese.
func TestUntranslated(t *testing.T) {
	for _, p := range lessons.Untranslated() {
		if strings.Contains(p, "rnn.") || strings.Contains(p, "lstm.") || strings.Contains(p, "gru.") ||
			strings.Contains(p, "03-recurrence") || strings.Contains(p, "04-lstm-gru") {
			t.Error(p)
		}
	}
}

// In zh mode the walkthroughs speak Chinese, and every figure renders with
// no missing glyph (viz reports characters no font had).
func TestChineseFigures(t *testing.T) {
	lessons.SetLang("zh")
	viz.SetLang("zh")
	defer func() { lessons.SetLang("en"); viz.SetLang("en") }()
	r := WalkRNN(DemoX(), DemoRNN())
	if md := r.Markdown(); !strings.Contains(md, "时间步") || strings.Contains(md, "combines its input") {
		t.Errorf("the zh walkthrough is not Chinese:\n%.300s", md)
	}
	m := TrainCharRNN("", 8, 2, 1)
	w := m.Walk("of the people")
	l := WalkLSTM(DemoX(), DemoLSTM())
	g := WalkGRU(DemoX(), DemoGRU())
	study := Gradients(DemoX(), 2, []float64{0.5, 2})
	tr := TrainParity(ReadLengths, 2, 4, 2, 1)
	rep := CompareParity(Parity(20, 4, 1), tr)
	figs := map[string]*viz.Figure{"hidden": w.HiddenStates(), "lines": w.UnitLines(0, 1), "traj": w.Trajectory(),
		"curve": m.Curve(), "lstm-gates": l.Gates(), "cells": l.CellStates(), "gru-gates": g.Gates(), "grad": study.Figure(),
		"parity-acc": rep.Figure(), "parity-loss": rep.Curve()}
	for name, f := range figs {
		if len(f.PNG()) == 0 || !strings.Contains(f.SVG(), "<svg") {
			t.Errorf("%s: empty figure", name)
		}
		if os.Getenv("RNN_FIGS") != "" {
			os.WriteFile(os.Getenv("RNN_FIGS")+"/zh-"+name+".png", f.PNG(), 0o644)
		}
	}
	if miss := viz.Missing(); miss != "" {
		t.Errorf("characters no font had: %q", miss)
	}
}
