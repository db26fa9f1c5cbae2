import LoopReportAnalysis
import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

@testable import LoopReportAuthoring

private let day = CalendarDate("2026-04-02")!

/// A project read from in-memory documents, with the iteration written for it added: what
/// `check` would see after `loopreport new iteration`.
private func withNextIteration(
    _ documents: [(String, String)], config: String? = nil,
    title: String? = nil
) throws -> (next: NextIteration, after: LoadedProject) {
    let files = documents.map { SourceFile(path: $0.0, text: $0.1) }
    let settings = config.map { SourceFile(path: "loopreport.yml", text: $0) }
    let before = Pipeline.model(files: files, config: settings)
    let next = try NextIteration.make(plan: before.plan, analysis: before.analysis, title: title, date: day)
    let after = Pipeline.model(files: files + [SourceFile(path: next.path, text: next.text)], config: settings)
    return (next, after)
}

private let twoGroups = """
    ### Group 1: Parser
    **Estimated Effort**: 4 days

    #### Block 1.1: Lexer
    **Dependencies**: None
    **Estimated Effort**: 1 day
    **Status**: Complete

    #### Block 1.2: Grammar
    **Dependencies**: Block 1.1
    **Estimated Effort**: 3 days
    **Status**: In Progress (50% complete)

    ### Group 2: Checker (Types)
    **Estimated Effort**: 1 week

    #### Block 2.1: Inference
    **Dependencies**: Block 1.2
    **Estimated Effort**: 1 week

    ## Decision Log

    | ID | Date | Issue | Decision | Rationale | Impact |
    |----|------|-------|----------|-----------|--------|
    | D1 | 2026-03-02 | Grammar style | PEG | Simpler | None |
    | D2 | 2026-03-03 | Error recovery | Panic mode | Enough | +1 day |
    """

@Suite struct NextIterationTests {
    @Test func fileNamesFollowTheNumbering() {
        #expect(
            NextIteration.fileName(iteration: 3, paths: ["01-plan.md", "02-progress.md", "03-iteration-1.md", "04-iteration-2.md"])
                == "05-iteration-3.md")
        // Generated projects keep the plan in a numbered directory.
        #expect(
            NextIteration.fileName(iteration: 2, paths: ["01-plan/part-001.md", "01-plan/part-002.md", "02-iteration-1.md"])
                == "03-iteration-2.md")
        #expect(NextIteration.fileName(iteration: 1, paths: ["001_plan.md"]) == "002_iteration-1.md")
        #expect(NextIteration.fileName(iteration: 9, paths: ["9-plan.md"]) == "10-iteration-9.md")
        #expect(NextIteration.fileName(iteration: 1, paths: ["consolidated-plan.md"]) == "iteration-1.md")
    }

    @Test func iterationNumberCountsIterationsAndNames() throws {
        let (next, _) = try withNextIteration([("01-plan.md", twoGroups)])
        #expect(next.number == 1 && next.path == "02-iteration-1.md" && next.title == "Loop Iteration 1")
        let named = try withNextIteration([("01-plan.md", twoGroups), ("02-iteration-4.md", "---\nkind: iteration\n---\n# Loop 4\n")])
        #expect(named.next.number == 5 && named.next.path == "03-iteration-5.md")
    }

    @Test func aDocumentReadAfterTheNewOneIsRefused() {
        let plan = project(("plan.md", twoGroups))
        #expect(throws: NextIteration.Problem.wouldNotBeReadLast(path: "iteration-1.md", document: "plan.md")) {
            try NextIteration.make(plan: plan.plan, analysis: plan.analysis, date: day)
        }
        // An unreadable document still takes its place in the order.
        #expect(throws: NextIteration.Problem.self) {
            try NextIteration.make(
                plan: plan.plan, analysis: plan.analysis, date: day,
                documentPaths: ["01-plan.md", "zz-notes.md"])
        }
    }

    @Test func decisionIDsContinueTheLatestSeries() {
        #expect(NextIteration.nextDecisionID([]) == "L1")
        #expect(NextIteration.nextDecisionID(["D1", "D2", "D3", "D4"]) == "D5")
        #expect(NextIteration.nextDecisionID(["D1", "D2", "D3", "L1", "L2", "L3", "L4", "L5"]) == "L6")
        #expect(NextIteration.nextDecisionID(["L2", "L10", "L3"]) == "L11")
        #expect(NextIteration.nextDecisionID(["D1", "L1", "D2"]) == "D3")
        #expect(NextIteration.nextDecisionID(["ADR-7", "Decision"]) == "ADR-8")
        #expect(NextIteration.nextDecisionID(["Decision"]) == "L1")
    }

    @Test func progressIsWeightedByEstimateLikeTheDashboard() throws {
        let (next, after) = try withNextIteration([("01-plan.md", twoGroups)])
        // Group 1: 1 day complete, 3 days half done: (1 + 1.5) / 4.
        #expect(next.progress.map(\.percent) == [63, 0])
        #expect(next.estimates.map(\.days) == [4, 5])
        #expect(next.text.contains("- Parser (Group 1): 63% complete\n"))
        // `Checker (Types)` cannot stand before `(Group 2)`: the line names the group alone.
        #expect(next.text.contains("- Group 2: 0% complete\n"))
        #expect(next.text.contains("| Group 2 | 5 days            | 5 days           | -     |        |\n"))
        #expect(next.decisionID == "D3")

        let document = try #require(after.plan.documents.last)
        #expect(document.kind == .iteration && document.kindIsDeclared && document.date == "2026-04-02")
        let progress = after.plan.records.progress.filter { $0.path == next.path }
        #expect(progress.map { $0.reference?.id } == ["1", "2"])
        #expect(progress.map(\.percent) == [63, 0])
        let rows = after.plan.records.timelineAdjustments.filter { $0.path == next.path }
        #expect(rows.map { $0.reference?.id } == ["1", "2"])
        #expect(rows.map { $0.original?.days } == [4, 5] && rows.map { $0.revised?.days } == [4, 5])
        #expect(after.plan.records.decisions.last?.id == "D3" && after.plan.records.decisions.last?.path == next.path)
        #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.message))")
    }

    @Test func roundingNeverClaimsDoneOrUntouchedWork() throws {
        let plan = """
            ### Group 1: A
            #### Block 1.1: Big
            **Dependencies**: None
            **Estimated Effort**: 300 days
            **Status**: Complete
            #### Block 1.2: Small
            **Dependencies**: None
            **Estimated Effort**: 1 day

            ### Group 2: B
            #### Block 2.1: Long
            **Dependencies**: None
            **Estimated Effort**: 300 days
            **Status**: In Progress (0.1% complete)
            """
        let (next, after) = try withNextIteration([("01-plan.md", plan)])
        #expect(next.progress.map(\.percent) == [99, 1])
        #expect(after.diagnostics.filter { $0.severity != .note }.isEmpty)
    }

    @Test func titleAndDate() throws {
        let (next, after) = try withNextIteration([("01-plan.md", twoGroups)], title: "Reassessment: after *Group 1*")
        #expect(next.text.contains("\n# Reassessment: after \\*Group 1\\*\n"))
        #expect(after.plan.documents.last?.title == "Reassessment: after *Group 1*")
        #expect(next.text.hasPrefix("---\nkind: iteration\ndate: 2026-04-02\n---\n"))
    }

    @Test func aPlanWithoutGroupsStillGivesACleanIteration() throws {
        let (next, after) = try withNextIteration([("01-notes.md", "# Notes\n\nNothing planned yet.\n")])
        #expect(next.progress.isEmpty && next.decisionID == "L1")
        #expect(after.plan.documents.last?.kind == .iteration)
        // The one warning says that there is nothing to schedule yet.
        #expect(after.diagnostics.filter { $0.severity != .note }.map(\.code) == [.noWorkItems])
    }

    @Test func theExampleProjectGetsIterationThree() throws {
        let example = ExampleProject.load()
        let next = try NextIteration.make(plan: example.plan, analysis: example.analysis, date: day)
        #expect(next.path == "06-iteration-3.md" && next.number == 3 && next.decisionID == "L6")
        #expect(next.progress.map(\.groupID) == ["1", "2", "3", "4", "5", "6"])
    }
}

@Suite struct NewProjectTests {
    @Test func theNewProjectIsClean() throws {
        let files = NewProject.files(title: "Tessera Search", start: CalendarDate("2026-03-02"))
        #expect(files.map(\.path) == ["content/loopreport.yml", "content/01-plan.md", "content/templates/.gitkeep"])
        let config = try #require(files.first { $0.path.hasSuffix("loopreport.yml") })
        let plan = try #require(files.first { $0.path.hasSuffix(".md") })
        let loaded = Pipeline.model(
            files: [SourceFile(path: "01-plan.md", text: plan.text)],
            config: SourceFile(path: "loopreport.yml", text: config.text))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.analysis.settings.title == "Tessera Search")
        #expect(loaded.analysis.settings.startDate == CalendarDate("2026-03-02"))
        #expect(loaded.plan.documents.first?.kind == .plan)
        let block = try #require(loaded.plan.block("1.1"))
        #expect(block.estimate?.days == 2 && block.declaresDependencies)
        #expect(block.tasks.count == 2 && block.completionCriteria.count == 1)
        #expect(loaded.analysis.schedule.criticalPath == ["1.1"])
    }

    @Test func withoutAStartDateTheLineIsAComment() {
        let config = NewProject.files(title: "X", start: nil)[0].text
        #expect(config.contains("\n# start: YYYY-MM-DD"))
        let (settings, diagnostics) = ProjectSettings.read(config: SourceFile(path: "loopreport.yml", text: config), frontMatter: [:])
        #expect(settings.startDate == nil && diagnostics.isEmpty)
    }

    @Test func titlesFromDirectoryNamesAndAsYAML() {
        #expect(NewProject.title(fromDirectoryName: "tessera-search_index") == "Tessera Search Index")
        #expect(NewProject.title(fromDirectoryName: "---") == "New Project")
        for title in ["Plain Title", "Loop: the sequel", "yes", "2026", "#hash", "quote \" and \\ back", "ünïcode"] {
            let config = NewProject.files(title: title, start: nil)[0].text
            let (settings, diagnostics) = ProjectSettings.read(config: SourceFile(path: "loopreport.yml", text: config), frontMatter: [:])
            #expect(settings.title == title && diagnostics.isEmpty, "\(title)")
        }
        #expect(NewProject.yamlScalar("Plain Title") == "Plain Title")
        #expect(NewProject.yamlScalar("Loop: the sequel") == "\"Loop: the sequel\"")
    }
}
