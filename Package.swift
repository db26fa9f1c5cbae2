// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage; each may import only the stages before it:
// loopreport → LoopReportCLI → LoopReportPipeline → LoopReportSite, LoopReportExport → LoopReportDiagrams
//   → LoopReportAnalysis → LoopReportModel → LoopReportMarkdown → LoopReportSource;
// LoopReportDiagrams → LoopReportLayout (graph layout and geometry) → LoopReportSource (its byte buffer);
// LoopReportMarkdown → CCmarkGFM (system library) and CLoopReportCmark (its allocator, and its
//   special-character table kept filled so documents parse in parallel);
// LoopReportPipeline → CLoopReportSystem (swaps the new site in atomically);
// LoopReportServer (the preview server, Hummingbird) → LoopReportPipeline; LoopReportAuthoring
// (init, new iteration) → LoopReportAnalysis; LoopReportCLI uses them all.
// LoopReportSample generates plans; loopreport-bench times the schedule pass and the layout;
// loopreport-fuzz (with CLoopReportFuzzer, its libFuzzer entry) runs bytes through the reader,
// analysis, report and exports: the fuzzer in `make fuzz`, a replayer of findings otherwise.
let package = Package(
    name: "LoopReport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loopreport", targets: ["loopreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "CLoopReportCmark", dependencies: ["CCmarkGFM"]),
        .target(name: "LoopReportSource"),
        .target(name: "CLoopReportSystem"),
        .target(name: "LoopReportMarkdown", dependencies: ["CCmarkGFM", "CLoopReportCmark", "LoopReportSource"]),
        .target(name: "LoopReportModel", dependencies: [
            "LoopReportMarkdown", "LoopReportSource", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "LoopReportAnalysis", dependencies: ["LoopReportModel"]),
        .target(name: "LoopReportLayout", dependencies: ["LoopReportSource"]),
        .target(name: "LoopReportDiagrams", dependencies: ["LoopReportAnalysis", "LoopReportModel", "LoopReportSource", "LoopReportLayout"]),
        .target(name: "LoopReportSite", dependencies: [
            "LoopReportDiagrams", "LoopReportAnalysis", "LoopReportModel", "LoopReportMarkdown", "LoopReportSource",
            .product(name: "Mustache", package: "swift-mustache"),
        ],
        // templates/ (through a symlink), compiled into the binary: the default templates
        // and assets, each overridable by a file of the same name in a project's templates/.
        resources: [.embedInCode("DefaultTemplates")]),
        .target(name: "LoopReportExport", dependencies: ["LoopReportDiagrams", "LoopReportAnalysis", "LoopReportModel"]),
        .target(name: "LoopReportPipeline", dependencies: [
                    "CLoopReportSystem", "LoopReportAnalysis", "LoopReportExport", "LoopReportModel", "LoopReportSite",
                ],
                // content/ (through a symlink), compiled into the binary: the example every
                // command falls back to when there is no content directory.
                resources: [.embedInCode("ExampleContent")]),
        .target(name: "LoopReportSample", dependencies: ["LoopReportSource"]),
        .target(name: "LoopReportServer", dependencies: [
            "LoopReportPipeline", "LoopReportSite", "LoopReportSource",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // New projects and the next iteration document, written from the plan and its analysis.
        .target(name: "LoopReportAuthoring", dependencies: ["LoopReportAnalysis", "LoopReportModel", "LoopReportSource"]),
        .target(name: "LoopReportCLI", dependencies: [
            "LoopReportPipeline", "LoopReportDiagrams", "LoopReportSite", "LoopReportSample", "LoopReportServer", "LoopReportAuthoring",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // tcmalloc (gperftools' libtcmalloc-minimal4) instead of glibc's malloc: a build makes
        // millions of small allocations on every core, and its per-thread caches make a
        // 10,000-block build 5–8 % faster. Linked by file name: the runtime package is enough.
        .executableTarget(name: "loopreport", dependencies: ["LoopReportCLI"],
                          linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))]),
        // Measuring, not the product: drawing metrics (crossings, edges through nodes, read from
        // our SVG and from Graphviz's) for the tests and the benchmark, and the benchmark's timer.
        .target(name: "LoopReportDrawingMetrics", dependencies: ["LoopReportLayout"],
                path: "Benchmarks/LoopReportDrawingMetrics"),
        .executableTarget(name: "loopreport-bench", dependencies: ["LoopReportAnalysis", "LoopReportLayout", "LoopReportDrawingMetrics"],
                          path: "Benchmarks/loopreport-bench"),
        .target(name: "CLoopReportFuzzer"),
        .executableTarget(name: "loopreport-fuzz", dependencies: ["CLoopReportFuzzer", "LoopReportPipeline"]),

        .target(name: "LoopReportTestSupport", dependencies: ["LoopReportPipeline"],
                path: "Tests/LoopReportTestSupport"),
        .testTarget(name: "LoopReportSourceTests", dependencies: ["LoopReportSource", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportMarkdownTests", dependencies: ["LoopReportMarkdown", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportModelTests", dependencies: ["LoopReportModel", "LoopReportMarkdown", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportAnalysisTests", dependencies: ["LoopReportAnalysis", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportLayoutTests", dependencies: ["LoopReportLayout", "LoopReportDrawingMetrics"]),
        .testTarget(name: "LoopReportDiagramsTests", dependencies: [
            "LoopReportDiagrams", "LoopReportPipeline", "LoopReportSample", "LoopReportTestSupport",
        ]),
        .testTarget(name: "LoopReportSiteTests", dependencies: [
            "LoopReportSite", "LoopReportPipeline", "LoopReportTestSupport",
        ]),
        .testTarget(name: "LoopReportAuthoringTests", dependencies: [
            "LoopReportAuthoring", "LoopReportPipeline", "LoopReportTestSupport",
        ]),
        // The preview's routes and middleware in process (HummingbirdTesting); LoopReportCLITests
        // drives a real `loopreport serve` as well.
        .testTarget(name: "LoopReportServerTests", dependencies: [
            "LoopReportServer", "LoopReportSite", "LoopReportTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "LoopReportCLITests", dependencies: ["loopreport", "LoopReportPipeline", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportFuzzTests", dependencies: ["loopreport-fuzz", "LoopReportTestSupport"]),
    ]
)
