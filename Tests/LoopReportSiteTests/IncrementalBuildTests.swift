import LoopReportPipeline
import LoopReportSite
import LoopReportSource
import LoopReportSupport
import LoopReportTestSupport
import Testing

/// `serve` re-renders only the pages whose inputs changed, and the result is the same as a
/// full build.
@Suite struct IncrementalBuildTests {
    static let plan = """
        ### Group 1: Core
        #### Block 1.1: Types
        **Dependencies**: None
        **Estimated Effort**: 2 days

        #### Block 1.2: Schema
        **Dependencies**: Block 1.1
        **Estimated Effort**: 1 day

        ### Group 2: Storage
        #### Block 2.1: Writer
        **Dependencies**: None
        **Estimated Effort**: 1 day
        """

    func build(_ loaded: LoadedProject, reusing previous: BuiltSite? = nil) throws -> BuiltSite {
        SiteBuilder.build(
            plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics,
            templates: try TemplateSet(), options: SiteOptions(), reusing: previous, incremental: true)
    }

    @Test func unchangedInputsReuseEveryPageButTheProjectWideOnes() throws {
        let first = try build(project(("01-plan.md", Self.plan)))
        let second = try build(project(("01-plan.md", Self.plan)), reusing: first)
        #expect(first.renderedCount == first.pageCount)
        #expect(second.renderedCount == 7)  // dashboard, decisions, metrics, changes, summary, diagnostics, search
        #expect(second.files.map(\.bytes) == first.files.map(\.bytes))
    }

    @Test func anEstimateChangeRerendersWhatItMovesAndMatchesAFullBuild() throws {
        let first = try build(project(("01-plan.md", Self.plan)))
        let edited = Self.plan.replacingOccurrences(
            of: "**Estimated Effort**: 1 day\n\n### Group 2", with: "**Estimated Effort**: 4 days\n\n### Group 2")
        let loaded = project(("01-plan.md", edited))
        let incremental = try build(loaded, reusing: first)
        let full = try build(loaded)
        #expect(incremental.files.map(\.path) == full.files.map(\.path))
        #expect(incremental.files.map(\.bytes) == full.files.map(\.bytes))
        // The project got longer: every block's slack and the critical path moved.
        #expect(incremental.renderedCount == full.pageCount)
    }

    @Test func aLocalEditRerendersOnlyThePagesShowingIt() throws {
        let notes = "# Notes\n\nBlock 1.1 is on track.\n"
        let first = try build(project(("01-plan.md", Self.plan), ("02-notes.md", notes)))
        // A paragraph added to the notes: only their page (and the project-wide ones) change.
        let more = try build(project(("01-plan.md", Self.plan), ("02-notes.md", notes + "\nMore notes.\n")), reusing: first)
        #expect(more.renderedCount == 7 + 1)
        // A renamed block: its page, its group's, its dependents' and the plan document's.
        let renamed = Self.plan.replacingOccurrences(of: "Block 1.2: Schema", with: "Block 1.2: Schema registry")
        let loaded = project(("01-plan.md", renamed), ("02-notes.md", notes + "\nMore notes.\n"))
        let incremental = try build(loaded, reusing: more)
        #expect(incremental.renderedCount == 7 + 4)  // Block 1.2, Block 1.1 (needed by 1.2), Group 1, 01-plan
        #expect(incremental.files.map(\.bytes) == (try build(loaded)).files.map(\.bytes))
    }
}
