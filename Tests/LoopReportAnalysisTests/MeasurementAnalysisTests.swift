import LoopReportAnalysis
import LoopReportPipeline
import LoopReportSource
import LoopReportSupport
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measurement tables: series in readable units, axis scales, growth fits, and the
/// authors' growth claims checked against the data.
@Suite struct MeasurementAnalysisTests {
    /// A results section with one measurement table and its claims, in the plan format.
    static func results(_ header: String, _ rows: [String], claims: [String] = []) -> String {
        let columns = header.split(separator: "|").count
        return """
            # Benchmarks

            ## Flush Results

            ### Performance Measurements

            | \(header) |
            |\(Array(repeating: "---|", count: columns).joined())
            \(rows.map { "| \($0) |" }.joined(separator: "\n"))

            ### Scaling Characteristics
            \(claims.map { "- \($0)" }.joined(separator: "\n"))

            """
    }

    static func analysed(_ text: String) throws -> (MeasurementAnalysis, [Diagnostic]) {
        let loaded = project(text)
        let analysis = try #require(loaded.analysis.measurements.first)
        #expect(loaded.analysis.measurements.count == 1)
        return (analysis, loaded.diagnostics.filter { $0.code == .growthClaimDisputed })
    }

    /// Rows `| x | y |` with y = f(x) written to two decimals, in ms.
    static func rows(_ xs: [Double], _ f: (Double) -> Double) -> [String] {
        xs.map { x in "\(Int(x)) | \(numberText(f(x), decimals: 2))ms" }
    }

    static func ln(_ x: Double) -> Double { log(x) }

    // MARK: - Series and units

    @Test func aTableInMillisecondsStaysInMilliseconds() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Validator Count | Aggregation Time",
                [
                    "10 Validators | 3ms", "50 Validators | 12ms", "100 Validators | 23ms", "500 Validators | 112ms",
                ]))
        let series = try #require(analysis.series.first)
        #expect(series.name == "Aggregation Time")
        #expect(series.dimension == "time")
        #expect(series.unit == "ms")
        #expect(series.points.map(\.x) == [10, 50, 100, 500])
        #expect(series.points.map(\.y) == [3, 12, 23, 112])
        #expect(series.points.map(\.row) == [0, 1, 2, 3])
        #expect(!series.mixedDimensions && series.skippedRows.isEmpty)
        #expect(analysis.scaleName == "Validator Count")
    }

    @Test func mostlySecondsReadInSeconds() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Nodes | Sync Time",
                [
                    "4 | 800ms", "8 | 1.5s", "16 | 3s", "32 | 6.2s",
                ]))
        let series = try #require(analysis.series.first)
        #expect(series.unit == "s")
        #expect(series.points.map(\.y) == [0.8, 1.5, 3, 6.2])
    }

    @Test func mixedKilobytesAndMegabytesAreNormalised() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Documents | Index Size",
                [
                    "1,000 | 950KB", "2,000 | 1.9MB", "4,000 | 3.8MB", "8,000 | 7.5MB",
                ]))
        let series = try #require(analysis.series.first)
        #expect(series.dimension == "bytes")
        #expect(series.unit == "MB")
        let y = series.points.map(\.y)
        #expect(abs(y[0] - 950.0 / 1024) < 1e-9)
        #expect(y.dropFirst() == [1.9, 3.8, 7.5])
        #expect(!series.mixedDimensions)
    }

    @Test func smallByteCountsReadInKilobytes() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Validators | Network Traffic",
                [
                    "10 | 5KB", "50 | 18KB", "100 | 32KB", "500 | 145KB",
                ]))
        #expect(analysis.series.first?.unit == "KB")
        #expect(analysis.series.first?.points.map(\.y) == [5, 18, 32, 145])
    }

    @Test func aHeaderUnitAppliesToBareNumbers() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Shards | Latency (ms)",
                [
                    "1 | 2,000", "2 | 3,000", "4 | 4,500",
                ]))
        let series = try #require(analysis.series.first)
        #expect(series.dimension == "time")
        #expect(series.unit == "s")
        #expect(series.points.map(\.y) == [2, 3, 4.5])
    }

    @Test func aNonNumericCellIsSkipped() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Documents | Index Time | Merge Time",
                [
                    "1,000 | 4ms | 10ms", "10,000 | 55ms | N/A", "100,000 | 671ms | 1,200ms",
                ]))
        let merge = analysis.series[1]
        #expect(merge.points.map(\.x) == [1_000, 100_000])
        #expect(merge.points.map(\.y) == [10, 1_200])
        #expect(merge.skippedRows == [1])
        #expect(!merge.mixedDimensions)
        #expect(merge.fit == nil, "two points are not fitted")
        #expect(analysis.series[0].points.count == 3)
    }

    @Test func cellsOfAnotherDimensionAreFlaggedAndNotPlotted() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Documents | Memory Usage",
                [
                    "1,000 | 11MB", "10,000 | 18MB", "50,000 | 40ms", "100,000 | 94MB",
                ]))
        let series = try #require(analysis.series.first)
        #expect(series.dimension == "bytes")
        #expect(series.mixedDimensions)
        #expect(series.skippedRows == [2])
        #expect(series.points.map(\.y) == [11, 18, 94])
    }

    @Test func logScalesWhenValuesSpanMoreThanTwoDecades() throws {
        let (wide, _) = try Self.analysed(
            Self.results(
                "Documents | Index Time | Memory Usage",
                [
                    "1,000 | 4ms | 11MB", "10,000 | 55ms | 18MB", "100,000 | 671ms | 94MB", "500,000 | 3,820ms | 430MB",
                ]))
        #expect(wide.logScaleX)
        #expect(wide.series.map(\.logScaleY) == [true, false])
        #expect(wide.logScaleY)
        let (narrow, _) = try Self.analysed(
            Self.results(
                "Validators | Time",
                [
                    "10 | 3ms", "50 | 12ms", "100 | 23ms", "500 | 112ms",
                ]))
        #expect(!narrow.logScaleX, "10–500 is 50×")
        #expect(!narrow.logScaleY)
    }

    @Test func thousandsInTheScaleColumnAreThousands() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Documents | Index Time",
                [
                    "500 | 2ms", "1k | 4ms", "10k | 55ms",
                ]))
        #expect(analysis.series[0].points.map(\.x) == [500, 1_000, 10_000])
    }

    // MARK: - Growth fits

    @Test(arguments: [
        ("constant", GrowthModel.constant), ("logarithmic", .logarithmic), ("squareRoot", .squareRoot),
        ("linear", .linear), ("linearithmic", .linearithmic), ("quadratic", .quadratic), ("cubic", .cubic),
    ])
    func exactDataIsFittedToItsClass(_ name: String, _ model: GrowthModel) throws {
        let xs: [Double] = [100, 300, 1_000, 3_000, 10_000]
        let f: (Double) -> Double =
            switch model {
            case .constant: { _ in 250 }
            case .logarithmic: { 20 * Self.ln($0) }
            case .squareRoot: { $0.squareRoot() }
            case .linear: { $0 / 10 }
            case .linearithmic: { $0 * Self.ln($0) / 100 }
            case .quadratic: { $0 * $0 / 100_000 }
            case .cubic: { $0 * $0 * $0 / 1e9 }
            }
        let (analysis, _) = try Self.analysed(Self.results("Items | Time", Self.rows(xs, f)))
        let fit = try #require(analysis.series[0].fit)
        #expect(fit.bestModel == model, "\(name): \(fit.plausible)")
        #expect(fit.plausible == [model])
        #expect(fit.rSquared > 0.999 || model == .constant)
        #expect(fit.pointCount == 5)
    }

    @Test func theExponentIsTheLogLogSlope() throws {
        let (analysis, _) = try Self.analysed(Self.results("Items | Time", Self.rows([100, 1_000, 10_000]) { $0 * $0 / 1_000 }))
        let exponent = try #require(analysis.series[0].fit?.exponent)
        #expect(abs(exponent - 2) < 0.01)
    }

    // MARK: - Claims

    @Test(arguments: [
        ("Index time scales approximately as O(n log n), dominated by sorting terms", ClaimedGrowth.linearithmic),
        ("Micro-DAG construction time grows as O(n log n) with transaction count", .linearithmic),
        ("Build time grows as n log n", .linearithmic),
        ("Lookup cost is O(1) per document", .constant),
        ("Lookups run in constant time", .constant),
        ("Memory stays flat as shards are added", .constant),
        ("Query time grows as O(log n)", .logarithmic),
        ("Search time scales logarithmically with index size", .logarithmic),
        ("Gossip traffic scales as O(√n)", .squareRoot),
        ("Gossip traffic scales as O(sqrt(n))", .squareRoot),
        ("Verify CPU utilization scales sub-linearly with validator count", .sublinear),
        ("Cache misses grow sublinearly", .sublinear),
        ("Memory usage scales linearly with validator count", .linear),
        ("Index size is linear too, at 410-420 bytes per document", .linear),
        ("Verification time is O(n) in the number of signatures", .linear),
        ("Merge time grows quadratically with segment count", .quadratic),
        ("Pairwise checks are quadratic", .quadratic),
        ("Naive aggregation is O(n²)", .quadratic),
        ("Naive aggregation is O(n^2)", .quadratic),
        ("Full verification grows as O(n³)", .cubic),
        ("Hierarchical aggregation reduces complexity from O(n²) to O(n log n)", .linearithmic),
        ("Algorithm complexity is O(n²) rather than O(n log n)", .quadratic),
        ("Sorting keys scales as O(k log k)", .linearithmic),
        ("Throughput scales super-linearly with batch size", .superlinear),
    ])
    func everyClaimClassIsRecognised(_ sentence: String, _ expected: ClaimedGrowth) {
        #expect(ClaimedGrowth.parse(sentence) == expected, "\(sentence)")
    }

    @Test(arguments: [
        "Transactions with linear dependencies",
        "Network message count reduced by 87% compared to original approach",
        "Memory does not scale linearly",
        "Latency is nonlinear above 1,000 validators",
        "The cost is O(V + E) in the graph size",
        "Constant overhead dominates below 100 documents",
    ])
    func sentencesWithoutATestableClaimAreNotClaims(_ sentence: String) {
        #expect(ClaimedGrowth.parse(sentence) == nil, "\(sentence)")
    }

    @Test func anNLogNClaimOnNLogNDataAgrees() throws {
        let (analysis, disputes) = try Self.analysed(
            Self.results(
                "Document Count | Index Time", Self.rows([1_000, 10_000, 100_000, 1_000_000]) { $0 * Self.ln($0) / 10_000 },
                claims: ["Index time scales approximately as O(n log n), dominated by sorting terms"]))
        let claim = try #require(analysis.claims.first)
        #expect(claim.claimed == .linearithmic)
        #expect(claim.seriesName == "Index Time" && claim.seriesMatched)
        #expect(claim.verdict == .agrees, "\(claim.explanation)")
        #expect(claim.dataModel == .linearithmic)
        #expect(claim.explanation.hasPrefix("Over Document Count 1,000–1,000,000, O(n log n) fits Index Time"))
        #expect(disputes.isEmpty)
    }

    @Test func anNLogNClaimOnQuadraticDataDisagreesAtTheTable() throws {
        let text = Self.results(
            "Validator Count | Aggregation Time", Self.rows([100, 300, 1_000, 3_000, 10_000]) { $0 * $0 / 10_000 },
            claims: ["Aggregation time scales approximately as O(n log n)"])
        let (analysis, disputes) = try Self.analysed(text)
        let claim = try #require(analysis.claims.first)
        #expect(claim.verdict == .disagrees)
        #expect(claim.deviation == .faster)
        #expect(claim.dataModel == .quadratic)
        #expect(
            claim.explanation.contains("grows as n^2.00, closer to O(n²) than to the claimed O(n log n)"),
            "\(claim.explanation)")
        let diagnostic = try #require(disputes.first)
        #expect(disputes.count == 1)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.message == "claimed O(n log n) for Aggregation Time, but the data grows as n^2.00, closer to O(n²)")
        let line = try #require(diagnostic.range?.start.line)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].hasPrefix("| Validator Count | Aggregation Time |"), "points at the table: \(lines[line - 1])")
    }

    @Test func aLinearClaimOnTwoPointsIsInconclusive() throws {
        let (analysis, disputes) = try Self.analysed(
            Self.results(
                "Validators | Memory Usage",
                [
                    "10 | 12MB", "500 | 900MB",
                ], claims: ["Memory usage grows linearly"]))
        let claim = try #require(analysis.claims.first)
        #expect(claim.claimed == .linear)
        #expect(claim.verdict == .inconclusive)
        #expect(claim.explanation == "Only 2 measurements of Memory Usage: at least 3 are needed to tell growth classes apart.")
        #expect(disputes.isEmpty)
    }

    @Test func nLogNAndLinearCannotBeToldApartOverANarrowRange() throws {
        let (analysis, disputes) = try Self.analysed(
            Self.results(
                "Documents | Index Time", Self.rows([1_000, 2_000, 5_000, 10_000]) { $0 * Self.ln($0) / 100 },
                claims: ["Index time grows as O(n log n)", "Index time grows linearly"]))
        #expect(analysis.claims.map(\.verdict) == [.inconclusive, .inconclusive])
        #expect(
            analysis.claims[0].explanation.contains("fits O(n) and O(n log n) about equally well"),
            "\(analysis.claims[0].explanation)")
        #expect(disputes.isEmpty)
    }

    @Test func dataGrowingMoreSlowlyThanClaimedIsNotWarnedAbout() throws {
        // The reference tables' example: 3 → 112 ms over 10 → 500 validators is linear.
        let (analysis, disputes) = try Self.analysed(
            Self.results(
                "Validator Count | Aggregation Time | Memory Usage",
                [
                    "10 Validators | 3ms | 12MB", "50 Validators | 12ms | 28MB", "100 Validators | 23ms | 42MB",
                    "500 Validators | 112ms | 128MB",
                ],
                claims: [
                    "Aggregation time scales approximately as O(n log n)",
                    "Memory usage scales linearly with validator count",
                ]))
        #expect(analysis.claims.map(\.verdict) == [.disagrees, .inconclusive])
        #expect(analysis.claims[0].deviation == .slower)
        #expect(analysis.claims[0].dataModel == .linear)
        #expect(analysis.claims[0].explanation.contains("holds only as an upper bound"))
        #expect(analysis.claims[1].seriesName == "Memory Usage")
        #expect(disputes.isEmpty)
    }

    @Test func aSubLinearClaimOnSquareRootDataAgrees() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Validators | CPU Utilization", ["100 | 10%", "1,000 | 32%", "10,000 | 100%"],
                claims: ["CPU utilization scales sub-linearly with validator count"]))
        #expect(analysis.series[0].unit == "%")
        #expect(analysis.claims.first?.verdict == .agrees)
        #expect(analysis.claims.first?.dataModel == .squareRoot)
    }

    @Test func aClaimNamingNoSeriesFallsToTheFirstTimeLikeOne() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Blocks | Memory Usage | Verify Time",
                [
                    "1,000 | 10MB | 10ms", "10,000 | 20MB | 100ms", "100,000 | 30MB | 1,000ms",
                ], claims: ["Scales linearly up to 500,000 TPS", "Memory grows logarithmically"]))
        #expect(analysis.claims.map(\.seriesName) == ["Verify Time", "Memory Usage"])
        #expect(analysis.claims.map(\.seriesMatched) == [false, true])
        #expect(analysis.claims.map(\.verdict) == [.agrees, .agrees])
    }

    @Test func unrecognisedSentencesAreKeptApart() throws {
        let (analysis, _) = try Self.analysed(
            Self.results(
                "Validators | Time", ["10 | 3ms", "50 | 12ms", "100 | 23ms"],
                claims: ["Transactions with linear dependencies"]))
        #expect(analysis.claims.isEmpty)
        #expect(analysis.unrecognizedClaims == ["Transactions with linear dependencies"])
    }

    @Test func fallingDataOverstatedByAGrowthClaimIsNotWarnedAbout() throws {
        let (analysis, disputes) = try Self.analysed(
            Self.results(
                "Replicas | Read Latency",
                [
                    "1 | 400ms", "10 | 200ms", "100 | 100ms", "1,000 | 50ms",
                ], claims: ["Read latency grows linearly with replicas"]))
        let fit = try #require(analysis.series[0].fit)
        #expect(fit.decreasing)
        #expect(analysis.claims.first?.verdict == .disagrees)
        #expect(analysis.claims.first?.deviation == .slower)
        #expect(disputes.isEmpty)
    }

    @Test func degenerateTablesAreAnalysedWithoutFits() throws {
        let (zeros, _) = try Self.analysed(
            Self.results(
                "Items | Errors", ["0 | 0", "0 | 0", "0 | 0"],
                claims: ["The error count is O(1)"]))
        #expect(zeros.series[0].fit == nil)
        #expect(!zeros.logScaleX && !zeros.logScaleY)
        #expect(zeros.claims.first?.verdict == .inconclusive)
        let (flat, _) = try Self.analysed(
            Self.results(
                "Items | Errors", ["1 | 0", "10 | 0", "100 | 0", "1,000 | 0"],
                claims: ["The error count is O(1)"]))
        #expect(flat.series[0].fit?.bestModel == .constant)
        #expect(flat.claims.first?.verdict == .agrees)
        let (negative, _) = try Self.analysed(Self.results("Items | Change", ["-10 | -5%", "0 | 0%", "10 | 5%", "20 | 10%"]))
        #expect(negative.series[0].points.count == 4)
        #expect(negative.series[0].fit == nil, "x ≤ 0 is not fitted; two points remain")
    }

    // MARK: - The example project

    @Test func theExampleProjectsTableIsAnalysedAndItsClaimsHold() throws {
        let loaded = Pipeline.load(root: packageRoot + "/content")
        #expect(!loaded.diagnostics.contains { $0.code == .growthClaimDisputed })
        let analysis = try #require(loaded.analysis.measurements.first)
        #expect(analysis.series.map(\.name) == ["Index Time", "Memory Usage", "Index Size"])
        #expect(analysis.series.map(\.unit) == ["ms", "MB", "MB"])
        #expect(analysis.logScaleX)
        #expect(analysis.series.map(\.fit?.bestModel) == [.linearithmic, .linear, .linear])
        #expect(analysis.claims.map(\.seriesName) == ["Index Time", "Memory Usage", "Index Size"])
        #expect(analysis.claims.map(\.claimed) == [.linearithmic, .linear, .linear])
        #expect(analysis.claims.map(\.verdict) == [.agrees, .agrees, .agrees], "\(analysis.claims.map(\.explanation))")
        // The memory baseline the authors state (10MB) is the fit's fixed cost.
        #expect(analysis.claims[1].explanation.contains("9.99 MB fixed plus growth"))
    }
}
