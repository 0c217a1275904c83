// Package bench measures nn on the workloads of issue 3 point 7 against
// PyTorch, one thread each. The Go side is BenchmarkNN in this package; the
// PyTorch side is nn_torch.py; nn.sh runs both in one go and prints the
// table (see the script's header for options).
package bench
