# LoopReport: the two set-up commands are `make example` and `make test` (see README.md).
SWIFT ?= swift
CONTENT ?= content
OUTPUT ?= output

.PHONY: deps build example test bench bench-smoke clean

deps:
	@scripts/install-deps

# The Swift runtime linked in statically: one binary that runs where Swift is not installed,
# and starts in about half the time (no shared libraries to load and bind). Link-time
# optimisation inlines across the stage modules (4 % fewer instructions in a 10,000-block build).
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --experimental-lto-mode=full

# Builds the example report site from content/ into output/ (open output/index.html).
example: build
	.build/release/loopreport build --output $(OUTPUT) $(CONTENT)

# The whole test suite (what CI runs).
test:
	@scripts/install-deps test
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/site-check --self-test
	.build/debug/loopreport build --date 2026-03-18 --output .build/test-site $(CONTENT)
	scripts/site-check .build/test-site --pages index.html,documents/03-iteration-1.html,groups/3.html,blocks/3.4.html

# LoopReport against its peers on generated plans (see README "Benchmarks").
bench: deps
	scripts/bench

# The smallest corpus, once: keeps the benchmark working; asserts nothing about time.
bench-smoke: deps
	scripts/bench --smoke

clean:
	rm -rf .build $(OUTPUT)
