package viz

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks returns about n ticks in [lo, hi] at multiples of 1, 2, 2.5
// or 5 times a power of ten, labelled with as few decimals as the step
// needs. It satisfies plot.Ticker through tickerN.
func niceTicks(lo, hi float64, n int) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: fmtTick(lo, 0)}}
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	dec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if step/math.Pow(10, math.Floor(math.Log10(step)+1e-9)) == 2.5 {
		dec++
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		ticks = append(ticks, plot.Tick{Value: v, Label: fmtTick(v, dec)})
	}
	return ticks
}

func fmtTick(v float64, dec int) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// tickerN is a plot.Ticker giving about n nice ticks.
type tickerN int

// Ticks implements plot.Ticker.
func (n tickerN) Ticks(lo, hi float64) []plot.Tick { return niceTicks(lo, hi, int(n)) }
