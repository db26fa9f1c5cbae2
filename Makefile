# LoopReport: the two set-up commands are `make example` and `make test` (see README.md).
SWIFT ?= swift
CONTENT ?= content
OUTPUT ?= output

.PHONY: deps build example test bench bench-smoke clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build -c release

# Builds the example site's inputs from content/: checks the plan and exports its model.
example: build
	.build/release/loopreport check $(CONTENT)
	mkdir -p $(OUTPUT)
	.build/release/loopreport export --format json --output $(OUTPUT)/model.json $(CONTENT)
	@echo "Wrote $(OUTPUT)/model.json"

# The whole test suite (what CI runs).
test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests
	$(SWIFT) test

# LoopReport against its peers on generated plans (see README "Benchmarks").
bench: deps
	scripts/bench

# The smallest corpus, once: keeps the benchmark working; asserts nothing about time.
bench-smoke: deps
	scripts/bench --smoke

clean:
	rm -rf .build $(OUTPUT)
