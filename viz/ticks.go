package viz

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks returns about n ticks in [lo, hi] at multiples of 1, 2, 2.5
// or 5 times a power of ten, labelled with as few decimals as the step
// needs. Of the steps that give at least 2 ticks it takes the one whose
// tick count is nearest n (2.5 steps that need an extra decimal count as
// a little further; on a tie, the larger step). It satisfies plot.Ticker
// through tickerN.
func niceTicks(lo, hi float64, n int) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: fmtTick(lo, decimals(math.Abs(lo)))}}
	}
	e0 := int(math.Floor(math.Log10(hi - lo)))
	best, bestScore := 0.0, math.Inf(1)
	for e := e0 - 2; e <= e0+1; e++ {
		for _, m := range []float64{1, 2, 2.5, 5} {
			s := m * math.Pow(10, float64(e))
			count := int(math.Floor(hi/s+1e-9)-math.Ceil(lo/s-1e-9)) + 1
			if count < 2 {
				continue
			}
			score := math.Abs(float64(count - n))
			if m == 2.5 && decimals(s) > decimals(2*s) {
				score += 2.1
			}
			if score < bestScore || (score == bestScore && s > best) {
				best, bestScore = s, score
			}
		}
	}
	if best == 0 { // no step gives 2 ticks: label the ends
		d := decimals((hi - lo) / 10)
		return []plot.Tick{{Value: lo, Label: fmtTick(lo, d)}, {Value: hi, Label: fmtTick(hi, d)}}
	}
	dec := decimals(best)
	var ticks []plot.Tick
	for k := math.Ceil(lo/best - 1e-9); k*best <= hi+best*1e-9; k++ {
		v := k * best
		ticks = append(ticks, plot.Tick{Value: v, Label: fmtTick(v, dec)})
	}
	return ticks
}

// decimals is the number of decimals that writes multiples of step
// exactly: 0 for 25, 1 for 2.5 or 0.5, 2 for 0.25.
func decimals(step float64) int {
	if step == 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		return 0
	}
	for d := 0; d < 12; d++ {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6*math.Max(1, x) {
			return d
		}
	}
	return 12
}

func fmtTick(v float64, dec int) string {
	if v == 0 || math.Abs(v) < 1e-12 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// tickerN is a plot.Ticker giving about n nice ticks.
type tickerN int

// Ticks implements plot.Ticker.
func (n tickerN) Ticks(lo, hi float64) []plot.Tick { return niceTicks(lo, hi, int(n)) }
