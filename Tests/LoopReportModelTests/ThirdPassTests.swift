import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

/// Constructs of the consolidated (third-pass) plan that the other suites do not cover.
@Suite struct ThirdPassTests {
    static let plan = """
        # Consolidated Ledger Implementation Plan 3.0

        ## Key Objectives
        1. **Incremental Index**: Replace the nightly rebuild
        2. **Bounded Lag**: Index visibility under one second

        ## Decision Log

        | ID | Discrepancy | Decision | Rationale | Impact |
        |----|-------------|----------|-----------|--------|
        | D1 | Config location differs | Keep it in the schema | One source of truth | Medium - requires adapter code |
        | D2 | Codec unspecified | Use delta encoding | Smaller segments | Low - none |

        ## Implementation Groups

        ### Group 1: Core
        **Estimated Effort**: 1 day

        #### Block 1.1: Tokens
        **Estimated Effort**: 1 day

        ### Group 2: Storage
        **Dependencies**: Group 1
        **Estimated Effort**: 1 day

        #### Block 2.1: Segments
        **Estimated Effort**: 1 day

        ### Revised Dependency Graph

        ```
        Group 1: Core ──────► Group 2: Storage
             │
             ▼
        Group 3: Later
        ```

        **Changes from Original Graph**:
        - Added dependency from Group 2 to Group 1

        ## Implementation Telemetry Guidelines

        ### Code Instrumentation
        1. **Function Entry/Exit Points**
        2. **Resource Allocation Points**

        ## Critical Path

        The critical path runs through Block 1.1 -> Block 2.1.

        ```
        Block 1.1 -> Block 2.1
        ```
        """

    static let loaded = project(plan, path: "01-plan.md")
    var records: PlanRecords { Self.loaded.plan.records }

    @Test func thirdPassDecisionLogVariant() {
        #expect(records.decisions.map(\.id) == ["D1", "D2"])
        #expect(records.decisions[0].issue == "Config location differs")
        #expect(records.decisions[0].date == nil)
        #expect(records.decisions[0].impact == "Medium - requires adapter code")
        #expect(records.decisions[0].impactDays == nil)
    }

    @Test func asciiDependencyGraphIsKeptAsAFigure() throws {
        let graph = try #require(records.figures.first { $0.kind == .dependencyGraph })
        #expect(graph.sectionTitle == "Revised Dependency Graph")
        #expect(graph.text.contains("──────►"))
        #expect(graph.references.map(\.label) == ["Group 1", "Group 2", "Group 3"])
        #expect(graph.references[2].range?.start.line == graph.range.map { $0.start.line + 4 })
    }

    @Test func criticalPathWithAsciiArrows() {
        #expect(records.criticalPaths.map { $0.chains.map { $0.map(\.id) } } == [[["1.1", "2.1"]]])
    }

    @Test func keyObjectivesAndTelemetryAreFindings() {
        let objectives = records.findings.filter { $0.kind == .keyObjective }.map(\.text)
        #expect(objectives == ["Incremental Index: Replace the nightly rebuild", "Bounded Lag: Index visibility under one second"])
        #expect(records.findings.filter { $0.kind == .telemetry }.count == 2)
    }

    @Test func referenceToAnUndefinedGroupInAFigureIsNotAnError() {
        // Figures are secondary evidence: `Group 3` drawn in the graph but never defined
        // is kept as drawn, without a diagnostic.
        #expect(Self.loaded.diagnostics.isEmpty)
    }
}
