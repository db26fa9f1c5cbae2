import LoopReportMarkdown
import LoopReportModel
import LoopReportPipeline
import LoopReportSource
import LoopReportTestSupport
import Testing

/// Every model diagnostic: its code, severity and exact location.
@Suite struct ModelDiagnosticsTests {
    /// The diagnostics of one fragment; that a fragment without work items has nothing to
    /// schedule (`no-work-items`) is tested on its own.
    private func diagnostics(_ marked: MarkedSource, path: String = "plan.md") -> [Diagnostic] {
        project(marked.text, path: path).diagnostics.filter { $0.code != .noWorkItems }
    }

    @Test func unknownBlockReference() {
        let source = MarkedSource(
            """
            ### Group 2: Parser
            #### Block 2.1: Parser
            **Dependencies**: 1️⃣Block 9.9
            **Estimated Effort**: 1 day
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.unknownBlockReference])
        #expect(found[0].severity == .error)
        #expect(found[0].range?.start == source.location(of: "1️⃣"))
        #expect(found[0].message == "Block 2.1 depends on Block 9.9, which no document defines")
    }

    /// A document saved with CR line endings (classic Mac OS): the location names the line
    /// cmark and an editor count, and the excerpt is that line.
    @Test func locationsCountCarriageReturnsAsLineEndings() {
        let text = "### Group 2: Parser\r#### Block 2.1: Parser\r**Dependencies**: Block 9.9\r**Estimated Effort**: 1 day\r"
        let loaded = project(text)
        let found = loaded.diagnostics.filter { $0.code == .unknownBlockReference }
        #expect(found.map { $0.range?.start } == [SourceLocation(line: 3, column: 19)])
        #expect(loaded.sources["plan.md"]?.line(3) == "**Dependencies**: Block 9.9")
    }

    @Test func unknownGroupReference() {
        let source = MarkedSource(
            """
            ### Group 2: Parser
            **Dependencies**: 1️⃣Group 7
            #### Block 2.1: Parser
            **Estimated Effort**: 1 day

            Critical path note.

            ### Buffer Allocation
            - Add 2-day buffer after 2️⃣Group 8 (risk)
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.unknownGroupReference, .unknownGroupReference])
        #expect(found.map { $0.range?.start } == [source.location(of: "1️⃣"), source.location(of: "2️⃣")])
        #expect(found.map(\.severity) == [.error, .warning])
    }

    @Test func dependencyCycleNamesTheWholeCycle() {
        let source = MarkedSource(
            """
            ### Group 1: Core
            #### Block 1.1: A
            **Dependencies**: 1️⃣Block 1.3
            **Estimated Effort**: 1 day
            #### Block 1.2: B
            **Dependencies**: 2️⃣Block 1.1
            **Estimated Effort**: 1 day
            #### Block 1.3: C
            **Dependencies**: 3️⃣Block 1.2
            **Estimated Effort**: 1 day
            #### Block 1.4: D
            **Dependencies**: Block 1.3
            **Estimated Effort**: 1 day
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.dependencyCycle])
        #expect(found[0].message == "dependency cycle: Block 1.1 → Block 1.3 → Block 1.2 → Block 1.1")
        #expect(found[0].range?.start == source.location(of: "1️⃣"))
        #expect(found[0].notes.map { $0.range?.start } == [source.location(of: "3️⃣"), source.location(of: "2️⃣")])
    }

    @Test func cycleThroughAGroupDependency() {
        let found = diagnostics(
            MarkedSource(
                """
                ### Group 1: Core
                **Dependencies**: Group 2
                #### Block 1.1: A
                **Estimated Effort**: 1 day
                ### Group 2: Storage
                #### Block 2.1: B
                **Dependencies**: Block 1.1
                **Estimated Effort**: 1 day
                """))
        #expect(found.map(\.code) == [.dependencyCycle])
        #expect(found[0].message == "dependency cycle: Block 1.1 → Block 2.1 → Block 1.1")
    }

    @Test func duplicateBlockInOneDocument() {
        let source = MarkedSource(
            """
            ### Group 1: Core
            1️⃣#### Block 1.1: A
            **Estimated Effort**: 1 day
            2️⃣#### Block 1.1: A again
            **Estimated Effort**: 2 days
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.duplicateBlock])
        #expect(found[0].range?.start == source.location(of: "2️⃣"))
        #expect(found[0].notes.first?.range?.start == source.location(of: "1️⃣"))
    }

    @Test func dependencyOnRemovedBlock() {
        let iteration = MarkedSource(
            """
            ## Revised Group 1: Core
            #### Block 1.3: C (NEW)
            **Dependencies**: 1️⃣Block 1.2
            **Estimated Effort**: 1 day
            ### Removed Blocks:
            - Block 1.2: B (no longer viable)
            """)
        let loaded = project(
            (
                "01-plan.md",
                "### Group 1: Core\n#### Block 1.1: A\n**Estimated Effort**: 1 day\n#### Block 1.2: B\n**Estimated Effort**: 1 day\n"
            ),
            ("02-loop.md", iteration.text))
        #expect(loaded.diagnostics.map(\.code) == [.dependencyOnRemovedBlock])
        #expect(loaded.diagnostics[0].range?.path == "02-loop.md")
        #expect(loaded.diagnostics[0].range?.start == iteration.location(of: "1️⃣"))
        #expect(loaded.diagnostics[0].notes.first?.range?.start.line == 6)
    }

    @Test func unparseableEffortAndPercentage() {
        let source = MarkedSource(
            """
            ### Group 1: Core
            #### Block 1.1: A
            **Estimated Effort**: 1️⃣a while
            ### Completed Components
            2️⃣- Core (Group 1): mostly done
            ### Predictive Accuracy
            | Group | Estimated Days | Actual Days | Variance | Adjustment Factor |
            |---|---|---|---|---|
            | Group 1 | 3️⃣soon | 5 days | 4️⃣lots | 1.1x |
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.unparseableEffort, .unparseablePercentage, .unparseableEffort, .unparseablePercentage])
        #expect(found.map(\.range?.start.line) == [3, 5, 9, 9])
        #expect(found[0].range?.start == source.location(of: "1️⃣"))
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test func malformedTableRowCountedInTheSource() {
        let source = MarkedSource(
            """
            | ID | Date | Decision |
            |----|------|----------|
            | D1 | 2024-05-01 | Keep it |
            1️⃣| D2 | 2024-05-02 |
            2️⃣| D3 | 2024-05-03 | Ship | extra |
            | D4 | 2024-05-04 | Pipe in `a|b` code |
            """)
        let found = diagnostics(source)
        #expect(found.map(\.code) == [.malformedTableRow, .malformedTableRow])
        #expect(found.map { $0.range?.start } == [source.location(of: "1️⃣"), source.location(of: "2️⃣")])
        #expect(found[0].message == "table row has 2 cells but the header has 3")
    }

    @Test func iterationHistoryWarnings() {
        let loaded = project(
            ("01-plan.md", "### Group 1: Core\n#### Block 1.1: A\n**Estimated Effort**: 1 day\n"),
            ("02-loop.md", "#### Block 1.5: E (REVISED)\n**Estimated Effort**: 1 day\n### Removed Blocks\n- Block 1.9: Z\n"))
        #expect(loaded.diagnostics.map(\.code) == [.revisedUnknownBlock, .removedUnknownBlock])
        #expect(loaded.diagnostics.map(\.range?.start.line) == [1, 4])
    }

    @Test func emptyDocumentAndFrontMatterProblems() {
        let loaded = project(("a.md", ""), ("b.md", "---\nkind: [unclosed\n---\n# B\n"), ("c.md", "---\nkind: spreadsheet\n---\n# C\n"))
        #expect(loaded.diagnostics.map(\.code) == [.noWorkItems, .emptyDocument, .invalidFrontMatter, .unknownDocumentKind])
        #expect(loaded.diagnostics.map(\.severity) == [.warning, .warning, .error, .warning])
        #expect(loaded.diagnostics[3].range?.start.line == 2)
    }

    /// A YAML error is located at the line the parser names, counted in the file: in
    /// loopreport.yml as is, in front matter after the opening `---`; never past the end
    /// (the fuzzer's find: an error at line 7 of a 5-line loopreport.yml).
    @Test func yamlErrorsAreLocatedAtTheirLine() {
        let config = project(config: "title: A\nhoursPerDay: 6\nstart: [2026\n", ("plan.md", "# Plan\n"))
        let settings = config.diagnostics.filter { $0.code == .invalidSettings }
        #expect(settings.map(\.range?.start.line) == [3], "\(settings)")
        #expect(
            settings.first?.message
                == "'loopreport.yml' is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)")
        let unterminated = project(config: "# notes\ntitle: Ledger\n# more\ntannt", ("plan.md", "# Plan\n"))
        let lines = unterminated.sources["loopreport.yml"]?.lineCount ?? 0
        #expect(unterminated.diagnostics.filter { $0.code == .invalidSettings }.allSatisfy { ($0.range?.start.line ?? 99) <= lines })
        let frontMatter = project(("b.md", "---\ntitle: B\nkind: plan: x\n---\n# B\n"))
        #expect(frontMatter.diagnostics.filter { $0.code == .invalidFrontMatter }.map(\.range?.start.line) == [3])
    }

    @Test func rawHTMLIsNotedAndKeptAsText() {
        let loaded = project("# Plan\n\n<script>alert(1)</script>\n")
        #expect(loaded.diagnostics.map(\.code) == [.noWorkItems, .rawHTML])
        #expect(loaded.diagnostics[1].severity == .note)
        #expect(loaded.plan.documents[0].sections[1].content.first?.literal.contains("<script>") == true)
    }
}

@Suite struct DocumentKindTests {
    @Test func frontMatterDeclaresTheKind() {
        let loaded = project("---\nkind: progress report\ntitle: Week 3\ndate: 2024-05-12\n---\n# Anything\n")
        let document = loaded.plan.documents[0]
        #expect(document.kind == .progressReport)
        #expect(document.kindIsDeclared)
        #expect(document.title == "Week 3")
        #expect(document.date == "2024-05-12")
    }

    @Test(arguments: [
        ("# Consolidated Plan 3.0\n### Group 1: A\n", DocumentKind.plan),
        ("## Implementation Progress (2024-05-12)\n### Completed\n", .progressReport),
        ("# Implementation Block: 1.1\n## Pre-Implementation Validation: Block 1.1\n", .progressReport),
        ("## Reassessment Cycle: After Group 3\n", .iteration),
        ("## Revised Group 3: BLS\n", .iteration),
        ("| ID | Date | Issue | Decision |\n|---|---|---|---|\n| L1 | 2024-05-20 | x | y |\n", .iteration),
        ("## Implementation Summary\n### Approach Effectiveness\n", .consolidation),
        ("## Implementation Dashboard: Dual-DAG\n", .dashboard),
        ("# Meeting notes\nNothing structured.\n", .notes),
    ])
    func inferredFromHeadingsAndContent(text: String, kind: DocumentKind) {
        #expect(project(text).plan.documents[0].kind == kind)
    }

    @Test func headingLevelsFloatAndTrailingColonsAreStripped() {
        let document = project("# T\n## Removed Blocks:\n#### Timeline Impact:\n# Root Cause Analysis\n### X\n").plan.documents[0]
        #expect(document.sections.dropFirst().map(\.kind) == [.other, .removedBlocks, .timelineImpact, .rootCauseAnalysis, .rootCause])
        #expect(document.sections[2].title == "Removed Blocks")
    }

    /// YAML nested thousands deep (which overflows the parser's stack), huge, or full of
    /// aliases is refused before it is parsed: a diagnostic, and the document is still read.
    @Test func hostileYAMLIsBoundedBeforeParsing() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let dashes = String(repeating: "- ", count: 5_000) + "x"
        let loaded = project(
            config: "title: \(deep)\n",
            ("plan.md", "---\nkind: plan\nx: \(deep)\n---\n## Group 1: A\n### Block 1.1: B\n**Estimate:** 1 day\n"),
            ("notes.md", "---\n\(dashes)\n---\n# Notes\n"))
        let messages = loaded.diagnostics.map(\.message)
        #expect(messages.contains("front matter is not valid YAML: it nests more than 64 levels deep"), "\(messages)")
        #expect(messages.contains("'loopreport.yml' is not valid YAML: it nests more than 64 levels deep"))
        #expect(messages.filter { $0.hasSuffix("nests more than 64 levels deep") }.count == 3)
        #expect(loaded.plan.blocks.map(\.id) == ["1.1"])
        let aliases = "a: &a x\n" + (0..<100).map { "k\($0): *a" }.joined(separator: "\n")
        #expect(project(config: aliases, ("plan.md", "# P\n")).diagnostics.contains { $0.message.hasSuffix("more than 64 aliases") })
    }
}
