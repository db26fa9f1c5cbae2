import Foundation
import LoopReportSupport
import LoopReportTestSupport
import Testing

/// A plan without estimates is still a plan: each block is scheduled with the assumed
/// estimate (`defaultEstimate`, 1 day unless set), marked as assumed on every page, table
/// and chart, and the dashboard shows order and progress instead of invented durations.
@Suite struct AssumedEstimateTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    private static let plan = """
        # Plan

        ## Phase 1: Setup ✅

        ### 1.1 Repository
        ### 1.2 Continuous integration
        **Depends on:** 1.1

        ## Phase 2: Build

        ### 2.1 Parser (in progress)
        **Depends on:** Phase 1
        """

    @Test func aPlanWithoutEstimatesShowsOrderAndMarksWhatIsAssumed() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", Self.plan)
        let result = run("build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "no block states an estimated effort; each of the 3 is scheduled with the assumed 1 day (defaultEstimate in loopreport.yml), marked as assumed [missing-effort]"
            ))
        #expect(result.stderr.components(separatedBy: "[missing-effort]").count == 2)
        let dashboard = readFile("\(dir.path)/site/index.html")
        #expect(dashboard.contains("none stated"))
        #expect(!dashboard.contains("Duration (current plan)") && !dashboard.contains("Forecast (P50"))
        #expect(dashboard.contains("class=\"assumed\""))  // the Gantt chart's dashed outlines
        #expect(dashboard.contains("Assumed estimate (none stated)"))
        #expect(readFile("\(dir.path)/site/blocks/2.1.html").contains("assumed"))
        // The group page's block table and schedule table say it per row.
        let group = readFile("\(dir.path)/site/groups/2.html")
        #expect(group.components(separatedBy: "1 (assumed)").count - 1 == 2, "\(group)")

        let csv = run("export", "--format", "csv", "\(dir.path)/project").stdout.components(separatedBy: "\r\n")
        #expect(csv.first?.hasSuffix(",estimate_assumed") == true)
        #expect(csv.dropFirst().filter { $0.hasPrefix("1.") || $0.hasPrefix("2.") }.allSatisfy { $0.hasSuffix(",true") })
        let json = run("export", "--format", "json", "\(dir.path)/project").stdout
        #expect(json.contains("\"assumedEstimateDays\" : 1"))
    }

    /// `defaultEstimate` sets the assumption; blocks with estimates are not marked, and the
    /// dashboard then shows durations, with a count of the blocks that lack one.
    @Test func theAssumptionIsASettingAndOnlyMissingEstimatesAreMarked() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/loopreport.yml", "defaultEstimate: 4 hours\n")
        dir.write(
            "project/plan.md",
            Self.plan.replacingOccurrences(
                of: "### 1.2 Continuous integration\n", with: "### 1.2 Continuous integration\n**Estimate:** 3 days\n"))
        let json = run("export", "--format", "json", "\(dir.path)/project").stdout
        #expect(json.contains("\"assumedEstimateDays\" : 0.5"))
        #expect(json.components(separatedBy: "assumedEstimateDays").count - 1 == 2)
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 0)
        let dashboard = readFile("\(dir.path)/site/index.html")
        #expect(dashboard.contains("Blocks without an estimate") && dashboard.contains("2 of 3"))
        #expect(dashboard.contains("Duration (current plan)"))
        dir.write("project/loopreport.yml", "defaultEstimate: soon\n")
        #expect(run("check", "\(dir.path)/project").stderr.contains("defaultEstimate 'soon' is not an effort"))
    }
}
