# LoopReport: the two set-up commands are `make example` and `make test` (see README.md).
SWIFT ?= swift
CONTENT ?= content
OUTPUT ?= output

.PHONY: deps build example test format test-sanitizers fuzz fuzz-smoke bench bench-smoke reader-score clean

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

# The whole test suite (what CI runs). The tools some tests need (nginx, Java, Graphviz) are
# installed first, and LOOPREPORT_REQUIRE_TOOLS makes a missing one fail those tests rather
# than skip them, as a plain `swift test` does.
# The lint first (seconds): swift-format's rules in .swift-format, and every target's imports
# against the dependencies it declares (scripts/check-imports; SwiftPM's own check, in the
# build, accepts a module that comes through another dependency).
test:
	@scripts/install-deps test
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Benchmarks Tests
	scripts/check-imports
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	LOOPREPORT_REQUIRE_TOOLS=1 $(SWIFT) test --skip-build
	scripts/site-check --self-test
	scripts/reader-score --check
	scripts/figure-score --check
	.build/debug/loopreport build --date 2026-03-18 --output .build/test-site $(CONTENT)
	scripts/site-check .build/test-site --pages index.html,documents/03-iteration-1.html,groups/3.html,blocks/3.4.html

# Rewrites the sources in the house style (.swift-format); `make test` fails on what it would change.
format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Benchmarks Tests

# The whole suite under AddressSanitizer, then under ThreadSanitizer, each in a build folder of
# its own; the CLI tests run that build's loopreport. A report stops the run (halt_on_error).
# Leaks are not checked: a one-shot command frees nothing on purpose.
SANITIZED_TEST = LOOPREPORT_SANITIZED=1 LOOPREPORT_REQUIRE_TOOLS=1 SWIFT_BACKTRACE=enable=no
test-sanitizers:
	@scripts/install-deps test
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 $(SANITIZED_TEST) LOOPREPORT_BINARY=$(CURDIR)/.build-asan/debug/loopreport \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-thread
	TSAN_OPTIONS=halt_on_error=1 $(SANITIZED_TEST) LOOPREPORT_BINARY=$(CURDIR)/.build-thread/debug/loopreport \
		$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-thread

# libFuzzer over the reader, then the CLI mutation driver, FUZZ_TIME seconds each (scripts/fuzz).
FUZZ_TIME ?= 1800
fuzz: deps
	scripts/fuzz --reader-time $(FUZZ_TIME) --cli-time $(FUZZ_TIME)

# A minute of each, with debug builds: keeps the fuzzers working in CI.
fuzz-smoke: deps
	scripts/fuzz --smoke

# LoopReport against its peers on generated plans (see README "Benchmarks").
bench: deps
	scripts/bench

# How well the reader reads the plans of Tests/Fixtures/ReaderCorpus, against their keys,
# and how precisely the figure checks judge Tests/Fixtures/FigureCorpus.
reader-score:
	$(SWIFT) build
	scripts/reader-score -v
	scripts/figure-score -v

# The smallest corpus, once: keeps the benchmark working; asserts nothing about time.
bench-smoke: deps
	scripts/bench --smoke

clean:
	rm -rf .build $(OUTPUT)
