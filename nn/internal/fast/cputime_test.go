package fast

import (
	"syscall"
	"testing"
	"time"
)

// processCPU returns the CPU time (user + system) this process has used.
// On a shared machine it is steadier than wall time: time spent waiting for
// a core while other programs run is not counted.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuTimer measures the CPU time of a benchmark loop.
type cpuTimer struct{ start time.Duration }

func startCPU() cpuTimer { return cpuTimer{processCPU()} }

// report adds cpu-ns/op and, when flops > 0, GFLOP/s measured on CPU time.
func (t cpuTimer) report(b *testing.B, flops float64) {
	d := processCPU() - t.start
	if d <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	if flops > 0 {
		b.ReportMetric(flops*float64(b.N)/d.Seconds()/1e9, "GFLOP/s")
	}
}
