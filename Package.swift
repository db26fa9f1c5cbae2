// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage, each a folder; a stage imports only the stages before it, and
// every target declares each module it imports (scripts/check-imports, in `make test`):
//
//   content/*.md → LoopReportMarkdown (cmark-gfm, source ranges) → LoopReportModel (typed plan,
//   diagnostics) → LoopReportAnalysis (schedule, variance, forecasts, checks) → LoopReportLayout
//   (graph layout, geometry) and LoopReportDiagrams (Gantt, DAG, charts as SVG) → LoopReportSite
//   (pages) and LoopReportExport (JSON, CSV, ICS, DOT, Mermaid) → LoopReportPipeline (one way to
//   load a project and to build its site, written atomically) → LoopReportServer (the preview,
//   Hummingbird) and LoopReportAuthoring (init, the next iteration) → LoopReportCLI → loopreport.
//
// Under all of them: LoopReportSource (source files, locations, diagnostics, reading a content
// tree) over LoopReportSupport (byte buffers, the lock, parallel map, number text). C beside
// them: CCmarkGFM (Debian's cmark-gfm), CLoopReportCmark (its allocator, and its special-
// character table kept filled so documents parse in parallel), CLoopReportSystem (the atomic
// swap and the file-system flush). Not in the product: LoopReportSample (generated plans, for
// `loopreport sample` and the benchmark), Benchmarks/ (drawing metrics and loopreport-bench),
// loopreport-fuzz with CLoopReportFuzzer (the fuzzer in `make fuzz`, a replayer otherwise).
let package = Package(
    name: "LoopReport",
    products: [
        .executable(name: "loopreport", targets: ["loopreport"])
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
        .target(name: "CLoopReportSystem"),
        .target(name: "LoopReportSupport"),
        .target(name: "LoopReportSource", dependencies: ["LoopReportSupport"]),
        .target(name: "LoopReportMarkdown", dependencies: ["CCmarkGFM", "CLoopReportCmark", "LoopReportSource", "LoopReportSupport"]),
        .target(
            name: "LoopReportModel",
            dependencies: ["LoopReportMarkdown", "LoopReportSource", "LoopReportSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "LoopReportAnalysis", dependencies: ["LoopReportModel", "LoopReportSource", "LoopReportSupport"]),
        .target(name: "LoopReportLayout", dependencies: ["LoopReportSource", "LoopReportSupport"]),
        .target(
            name: "LoopReportDiagrams",
            dependencies: ["LoopReportAnalysis", "LoopReportLayout", "LoopReportModel", "LoopReportSource", "LoopReportSupport"]
        ),
        .target(
            name: "LoopReportSite",
            dependencies: [
                "LoopReportAnalysis", "LoopReportDiagrams", "LoopReportMarkdown", "LoopReportModel", "LoopReportSource",
                "LoopReportSupport", .product(name: "Mustache", package: "swift-mustache"),
            ],
            // templates/ (through a symlink), compiled into the binary: the default templates
            // and assets, each overridable by a file of the same name in a project's templates/.
            resources: [.embedInCode("DefaultTemplates")]
        ),
        .target(
            name: "LoopReportExport",
            dependencies: ["LoopReportAnalysis", "LoopReportDiagrams", "LoopReportModel", "LoopReportSource", "LoopReportSupport"]
        ),
        .target(
            name: "LoopReportPipeline",
            dependencies: [
                "CLoopReportSystem", "LoopReportAnalysis", "LoopReportMarkdown", "LoopReportModel", "LoopReportSite",
                "LoopReportSource", "LoopReportSupport",
            ],
            // content/ (through a symlink), compiled into the binary: the example every
            // command falls back to when there is no content directory.
            resources: [.embedInCode("ExampleContent")]
        ),
        .target(
            name: "LoopReportServer",
            dependencies: [
                "LoopReportPipeline", "LoopReportSite", "LoopReportSource", "LoopReportSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "LoopReportAuthoring",
            dependencies: ["LoopReportAnalysis", "LoopReportModel", "LoopReportSource", "LoopReportSupport"]
        ),
        .target(name: "LoopReportSample", dependencies: ["LoopReportSource", "LoopReportSupport"]),
        .target(
            name: "LoopReportCLI",
            dependencies: [
                "LoopReportAnalysis", "LoopReportAuthoring", "LoopReportDiagrams", "LoopReportExport", "LoopReportMarkdown",
                "LoopReportModel", "LoopReportPipeline", "LoopReportSample", "LoopReportServer", "LoopReportSite",
                "LoopReportSource", "LoopReportSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // tcmalloc (gperftools' libtcmalloc-minimal4) instead of glibc's malloc: a build makes
        // millions of small allocations on every core, and its per-thread caches make a
        // 10,000-block build 5–8 % faster. Linked by file name: the runtime package is enough.
        .executableTarget(
            name: "loopreport",
            dependencies: ["LoopReportCLI"],
            linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))]
        ),

        // Measuring, not the product: drawing metrics (crossings, edges through nodes, read from
        // our SVG and from Graphviz's) for the tests and the benchmark, and the benchmark's timer.
        .target(name: "LoopReportDrawingMetrics", dependencies: ["LoopReportLayout"], path: "Benchmarks/LoopReportDrawingMetrics"),
        .executableTarget(
            name: "loopreport-bench",
            dependencies: ["LoopReportAnalysis", "LoopReportDrawingMetrics", "LoopReportLayout"],
            path: "Benchmarks/loopreport-bench"
        ),
        .target(name: "CLoopReportFuzzer"),
        .executableTarget(
            name: "loopreport-fuzz",
            dependencies: [
                "CLoopReportFuzzer", "LoopReportAnalysis", "LoopReportDiagrams", "LoopReportExport", "LoopReportModel",
                "LoopReportPipeline", "LoopReportSite", "LoopReportSource",
            ]
        ),

        .target(
            name: "LoopReportTestSupport", dependencies: ["LoopReportPipeline", "LoopReportSource"], path: "Tests/LoopReportTestSupport"),
        .testTarget(name: "LoopReportSupportTests", dependencies: ["LoopReportSupport"]),
        .testTarget(name: "LoopReportSourceTests", dependencies: ["LoopReportSource", "LoopReportTestSupport"]),
        .testTarget(name: "LoopReportMarkdownTests", dependencies: ["LoopReportMarkdown", "LoopReportSource"]),
        .testTarget(
            name: "LoopReportModelTests",
            dependencies: [
                "LoopReportAnalysis", "LoopReportMarkdown", "LoopReportModel", "LoopReportPipeline", "LoopReportSource",
                "LoopReportTestSupport",
            ]
        ),
        .testTarget(
            name: "LoopReportAnalysisTests",
            dependencies: [
                "LoopReportAnalysis", "LoopReportModel", "LoopReportPipeline", "LoopReportSource", "LoopReportSupport",
                "LoopReportTestSupport",
            ]
        ),
        .testTarget(name: "LoopReportLayoutTests", dependencies: ["LoopReportDrawingMetrics", "LoopReportLayout"]),
        .testTarget(
            name: "LoopReportDiagramsTests",
            dependencies: [
                "LoopReportAnalysis", "LoopReportDiagrams", "LoopReportModel", "LoopReportPipeline", "LoopReportSample",
                "LoopReportSource", "LoopReportTestSupport",
            ]
        ),
        .testTarget(
            name: "LoopReportSiteTests",
            dependencies: [
                "LoopReportMarkdown", "LoopReportModel", "LoopReportPipeline", "LoopReportSite", "LoopReportSource",
                "LoopReportSupport", "LoopReportTestSupport",
            ]
        ),
        .testTarget(
            name: "LoopReportAuthoringTests",
            dependencies: [
                "LoopReportAnalysis", "LoopReportAuthoring", "LoopReportModel", "LoopReportPipeline", "LoopReportSource",
                "LoopReportTestSupport",
            ]
        ),
        // The preview's routes and middleware in process (HummingbirdTesting); LoopReportCLITests
        // drives a real `loopreport serve` as well.
        .testTarget(
            name: "LoopReportServerTests",
            dependencies: [
                "LoopReportServer", "LoopReportSite", "LoopReportSupport", "LoopReportTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The built binaries, run as processes: `loopreport` and `loopreport-fuzz` are built first.
        .testTarget(
            name: "LoopReportCLITests",
            dependencies: [
                "loopreport", "LoopReportAnalysis", "LoopReportModel", "LoopReportPipeline", "LoopReportSupport",
                "LoopReportTestSupport",
            ]
        ),
        .testTarget(name: "LoopReportFuzzTests", dependencies: ["loopreport-fuzz", "LoopReportTestSupport"]),
    ]
)

// Every module names what it uses: with MemberImportVisibility, a method from an extension in
// another module (LoopReportSupport's string helpers, say) is visible only where that module
// is imported, so a file's imports, and the target dependencies that
// `--explicit-target-dependency-import-check error` holds them to, are the whole truth.
for target in package.targets where target.type != .system && target.type != .binary {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}
