# stepwise — the two commands a user needs are `make lessons` and `make test`.

GO      ?= go
PYTHON  ?= /usr/bin/python3
JUPYTER ?= /usr/bin/jupyter
BIN     := $(CURDIR)/bin/stepwise
export PATH := $(CURDIR)/bin:$(PATH)

.PHONY: lessons build install notebooks test check test-go test-jupyter test-notebooks test-faults test-browser screenshot bench generate loadtest

## lessons: build, install the kernel (and Jupyter when missing), open the lessons
lessons:
	./scripts/setup.sh

## build: the stepwise binary in bin/
build:
	$(GO) build -o $(BIN) ./cmd/stepwise

## test: every test — Go, real Jupyter, notebooks, fault suite, browser
test: check test-go test-jupyter test-notebooks test-faults test-browser
	@echo "make test: all passed"

## check: formatting, vet, generated files up to date
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## test-go: the Go tests (unit, examples, in-process kernel)
test-go:
	$(GO) test ./...

## test-jupyter: the kernel through Debian's jupyter_client and nbclient
test-jupyter: build
	@if [ -x tests/jupyter/run.sh ]; then tests/jupyter/run.sh; else echo "test-jupyter: none yet"; fi

## test-notebooks: every lesson notebook executed by the real Jupyter
test-notebooks: build
	@if [ -x tests/notebooks/run.sh ]; then tests/notebooks/run.sh; else echo "test-notebooks: none yet"; fi

## notebooks: regenerate notebooks/*.ipynb and notebooks/zh/*.ipynb from notebooks/src/*.md, then execute them with the kernel and save their outputs (commit the result)
notebooks: build
	$(BIN) notebooks build
	tests/notebooks/run.sh --write

## test-faults: the fault suite (panics, floods, interrupts, bad messages, kill -9)
test-faults: build
	@if [ -x tests/faults/run.sh ]; then tests/faults/run.sh; else echo "test-faults: none yet"; fi

## test-browser: the lessons in Jupyter Notebook under headless Chromium
test-browser: build
	@if [ -x tests/browser/run.sh ]; then tests/browser/run.sh; else echo "test-browser: none yet"; fi

## screenshot: regenerate docs/img/lesson.png, the README's picture (lesson 01 run in Jupyter Notebook under headless Chromium)
screenshot: build
	tests/browser/run.sh --screenshot

## bench: benchmarks against peers measured in the same run
bench: build
	@for s in tests/bench/*.sh; do [ -x "$$s" ] && "$$s"; done; true

## loadtest: a class of 5 to 40 simulated students on JupyterHub, stepwise vs ipykernel (long; not in test)
loadtest: build
	tests/loadtest/run.sh

## generate: regenerate symbol tables, notebooks and goldens
generate:
	$(GO) generate ./...
