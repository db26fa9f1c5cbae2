import LoopReportTestSupport
import Testing

/// `check --explain`: what each heading, field line and table row became, and why — the
/// tool a user reaches for when a block is missing.
@Suite struct ExplainTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    @Test func everyHeadingFieldAndRowIsExplained() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "project/plan.md",
            """
            # Plan

            ## Phase 1: Setup (Weeks 1-2)

            ### 1.1 Repository ✅
            **Estimate:** 2-3 days
            Owner: Dana
            **Függőségek:** 1.0

            ## 2.1 Background

            | ID | Item | Estimate | Depends on |
            |----|------|----------|------------|
            | 1.2 | CI | 1 day | 1.1 |
            """)
        let result = run("check", "--explain", "\(dir.path)/project")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "plan.md:1:1: heading '# Plan' → section: not a group or item heading (no group or item word and id, nor a numbered id with evidence)",
                "plan.md:3:1: heading '## Phase 1: Setup (Weeks 1-2)' → group 1 \"Setup\": starts with the group word 'phase' and an id; calendar window 'Weeks 1-2' (not an effort)",
                "plan.md:5:1: heading '### 1.1 Repository ✅' → work item 1.1 \"Repository\" in Group 1: a numbered heading with evidence: a status in the heading; status complete from '✅'",
                "plan.md:6:3: field '**Estimate:** 2-3 days' → estimate 2.5 days (range 2 days to 3 days): 'Estimate' is a name for estimate (Block 1.1)",
                "plan.md:7:1: field 'Owner: Dana' → owner Dana: 'Owner' is a name for team (Block 1.1)",
                "plan.md:8:3: field '**Függőségek:** 1.0' → ignored: 'Függőségek' is not a field name LoopReport knows (docs/format.md lists them; loopreport.yml's vocabulary: adds more) (Block 1.1)",
                "plan.md:10:1: heading '## 2.1 Background' → section: '2.1 Background' is numbered like a work item but states no estimate, dependency or status",
                "plan.md:14:2: row '| 1.2 | CI | 1 day | 1.1 |' → work item 1.2 \"CI\": a row of a work-item table: estimate 1 day; depends on Block 1.1",
            ])
    }

    /// Given one Markdown file, only that file is explained, read with its project's vocabulary
    /// (the nearest loopreport.yml above it); JSON says the same.
    @Test func oneFileWithItsProjectsVocabularyAndAsJSON() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/loopreport.yml", "vocabulary:\n  groups: [Szakasz]\n")
        dir.write("project/plans/a.md", "## Szakasz 1: Alapok\n\n### 1.1 Schema\n**Effort**: 1 day\n")
        dir.write("project/plans/b.md", "## Szakasz 2: Tárolás\n")
        let result = run("check", "--explain", "\(dir.path)/project/plans/a.md")
        #expect(result.stdout.hasPrefix("plans/a.md:1:1: heading '## Szakasz 1: Alapok' → group 1 \"Alapok\""), "\(result.stdout)")
        #expect(!result.stdout.contains("b.md"))
        let json = run("check", "--explain", "--format", "json", "\(dir.path)/project/plans/a.md")
        #expect(json.stdout.contains("\"became\" : \"work item 1.1 \\\"Schema\\\" in Group 1\""), "\(json.stdout)")
        #expect(run("check", "--explain", "\(dir.path)/project/missing.md").status != 0)
    }

    /// Escape sequences in a document are shown, never obeyed, in diagnostics and explanations.
    @Test func controlCharactersReachNoTerminal() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "project/plan.md", "## Group 1: A\n### Block 1.1: Title \u{1B}]0;pwned\u{07}\u{1B}[2J\n**Dependencies**: Block 9.9 \u{1B}[31m\n"
        )
        for command in [["check", "--color", "never"], ["check", "--explain"]] {
            let result = loopreport(command + ["\(dir.path)/project"])
            let output = result.stdout + result.stderr
            #expect(!output.contains("\u{1B}") && !output.contains("\u{07}"), "\(command)")
            #expect(output.contains("\\x1B"), "\(command): \(output)")
        }
    }
}
