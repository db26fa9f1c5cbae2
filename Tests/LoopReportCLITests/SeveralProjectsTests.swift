import LoopReportTestSupport
import Testing

/// A content tree holding several plans: a sub-folder with its own loopreport.yml, or its own
/// plan document beside the main plan's, is a project of its own, never merged into another.
@Suite struct SeveralProjectsTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    /// Each project's `Block 1.2` means its own work; the main plan's parts in `phases/` stay in it.
    private func write(_ dir: TemporaryDirectory) {
        dir.write(
            "plan/plan.md",
            "# Main Plan\n\n## Phase 1: Core\n\n### 1.1 Setup\n**Estimate:** 1 day\n\n### 1.2 API\n**Estimate:** 2 days\n**Depends on:** 1.1\n"
        )
        dir.write("plan/phases/phase-02.md", "# Phase 2 — More\n\n## 2.1 Extras\n**Estimate:** 1 day\n")
        dir.write(
            "plan/payments/plan.md",
            "# Payments Plan\n\n## Group 1: Pay\n\n### Block 1.1: Gateway\n**Estimate:** 3 days\n\n### Block 1.2: Refunds\n**Estimate:** 1 day\n**Depends on:** Block 1.1\n"
        )
        dir.write("plan/search/loopreport.yml", "title: Search\n")
        dir.write(
            "plan/search/backlog.md",
            "## Phase 1: Index\n\n### 1.1 Tokenizer\n**Estimate:** 2 days\n\n### 1.2 Ranking\n**Depends on:** 9.9\n")
    }

    @Test func checkReadsEachProjectOnItsOwn() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        write(dir)
        let result = run("check", "\(dir.path)/plan")
        #expect(result.status == 1)  // the search project's unknown reference
        #expect(result.stderr.contains(".: Main Plan\n0 errors, 0 warnings in 2 documents"), "\(result.stderr)")
        #expect(result.stderr.contains("payments: Payments Plan\n0 errors, 0 warnings in 1 document"))
        #expect(result.stderr.contains("search: Search\n"))
        #expect(result.stderr.contains("plan/search/backlog.md:7:17: error: Block 1.2 depends on Block 9.9"))
        let json = run("check", "--format", "json", "\(dir.path)/plan").stdout
        #expect(json.contains("\"path\" : \"search/backlog.md\""), "\(json)")
        // Commands that read one project say which folders they left to be read on their own.
        let export = run("export", "--format", "csv", "\(dir.path)/plan")
        #expect(export.stderr.contains("note: 'payments', 'search' in '\(dir.path)/plan' are projects of their own"))
        #expect(export.stdout.contains("2.1,block,Extras"))
        #expect(!export.stdout.contains("Gateway"))
    }

    @Test func buildWritesASiteForEachAndAnIndex() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        write(dir)
        let result = run("build", "-o", "\(dir.path)/site", "\(dir.path)/plan")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Built 3 project sites ("), "\(result.stderr)")
        #expect(listDirectory("\(dir.path)/site") == [".loopreport-site", "index.html", "payments", "plan", "search"])
        #expect(readFile("\(dir.path)/site/payments/blocks/1.2.html").contains("Refunds"))
        #expect(readFile("\(dir.path)/site/plan/blocks/1.2.html").contains("API"))
        let index = readFile("\(dir.path)/site/index.html")
        for link in ["plan/index.html\">Main Plan", "payments/index.html\">Payments Plan", "search/index.html\">Search"] {
            #expect(index.contains(link), "\(link)")
        }
        #expect(index.contains("1 error, 1 warning"))
        // The whole output is one LoopReport site: it is replaced next time without --force.
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/plan").stderr.contains("Built 3 project sites"))
    }

    @Test(.tags(.java), .needs(Tool.nuHTMLChecker))
    func theProjectsIndexPassesTheNuChecker() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        write(dir)
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/plan").status == 1)
        let checker = runNuHTMLChecker(["--root", "\(dir.path)/site", "--match", "index.html"])
        #expect(checker.status == 0, "\(checker.stdout)\(checker.stderr)")
    }
}
