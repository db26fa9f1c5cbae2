import LoopReportAnalysis
import LoopReportModel
import LoopReportPipeline
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport init` and `loopreport new iteration`, run as the built binary.
@Suite struct AuthoringCommandTests {
    /// Runs in `directory`, always a test's own: these commands write where they run.
    private func run(_ arguments: String..., in directory: String, sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, in: directory, environment: ["NO_COLOR": "1"], sourceLocation: sourceLocation)
    }

    /// A copy of the example project (`content/`) to write into.
    private func exampleCopy(in dir: TemporaryDirectory, without: [String] = []) -> String {
        let copy = dir.path + "/content"
        copyTree(packageRoot + "/content", to: copy)
        for name in without { unlink(copy + "/" + name) }
        return copy
    }

    /// The files under a directory, relative to it, sorted.
    private func files(under path: String) -> [String] { filesUnder(path) }

    // MARK: init

    @Test func initCreatesACleanProjectThatChecksAndBuilds() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = run("init", "tessera-search", "--start", "2026-03-02", in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let project = dir.path + "/tessera-search"
        #expect(files(under: project) == ["content/01-plan.md", "content/loopreport.yml", "content/templates/.gitkeep"])
        #expect(result.stdout.hasPrefix("Created a LoopReport project in 'tessera-search':\n  tessera-search/content/loopreport.yml "))
        #expect(result.stdout.contains("\n  tessera-search/content/01-plan.md "))
        #expect(result.stdout.contains("\n  tessera-search/content/templates/.gitkeep "))
        #expect(result.stdout.contains("\nNext:\n  cd tessera-search\n  loopreport check "))
        #expect(result.stdout.contains("\n  loopreport build "))
        #expect(result.stdout.contains("\n  loopreport new iteration "))

        let config = readFile(project + "/content/loopreport.yml")
        #expect(config.contains("\ntitle: Tessera Search\n"))
        #expect(config.contains("\nstart: 2026-03-02 "))
        let plan = readFile(project + "/content/01-plan.md")
        #expect(plan.contains("\n### Group 1: "))
        #expect(plan.contains("\n#### Block 1.1: "))
        for field in ["**Dependencies**:", "**Estimated Effort**:", "**Tasks**:", "**Completion Criteria**:"] {
            #expect(plan.contains(field))
        }

        // The next commands, as printed, in the new project.
        let check = run("check", in: project)
        #expect(check.status == 0)
        #expect(check.stderr == "0 errors, 0 warnings in 1 document\n")
        let strict = run("check", "--strict", in: project)
        #expect(strict.status == 0)
        let build = run("build", "--date", "2026-03-02", in: project)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.hasPrefix("Built "))
        #expect(!readFile(project + "/output/index.html").isEmpty)
        #expect(readFile(project + "/output/index.html").contains("Tessera Search"))
    }

    @Test func initWithoutAStartDateLeavesItCommentedOut() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("init", in: dir.path).status == 0)
        let config = readFile(dir.path + "/content/loopreport.yml")
        #expect(config.contains("\n# start: YYYY-MM-DD "))
        #expect(!config.contains("\nstart:"))
        #expect(run("check", in: dir.path).stderr == "0 errors, 0 warnings in 1 document\n")
    }

    @Test func initInTheCurrentDirectoryPrintsNoCd() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = run("init", "--title", "Search: Phase 2", in: dir.path)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Created a LoopReport project in the current directory:\n  content/loopreport.yml "))
        #expect(!result.stdout.contains("cd "))
        #expect(readFile(dir.path + "/content/loopreport.yml").contains("\ntitle: \"Search: Phase 2\"\n"))
        #expect(run("check", in: dir.path).status == 0)
    }

    @Test func initRefusesAnExistingProjectAndWritesNothing() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("init", "p", in: dir.path).status == 0)
        dir.write("p/content/01-plan.md", "# Mine\n")
        let again = run("init", "p", in: dir.path)
        #expect(again.status == 1)
        #expect(again.stderr == "Error: 'p/content' already holds a project ('p/content/loopreport.yml'); nothing written\n")
        #expect(readFile(dir.path + "/p/content/01-plan.md") == "# Mine\n")

        // A content directory with documents but no settings.
        dir.write("q/content/notes.md", "# Notes\n")
        let documents = run("init", "q", in: dir.path)
        #expect(documents.status == 1)
        #expect(documents.stderr.contains("'q/content' already holds a project ('q/content/notes.md')"))
        #expect(files(under: dir.path + "/q") == ["content/notes.md"])

        // A directory that is itself a content directory.
        dir.write("r/loopreport.yml", "title: R\n")
        let settings = run("init", "r", in: dir.path)
        #expect(settings.status == 1)
        #expect(settings.stderr.contains("'r/loopreport.yml' exists: 'r' is already a LoopReport content directory"))
        #expect(files(under: dir.path + "/r") == ["loopreport.yml"])

        // Plan documents at the top of the directory; a README alone is fine.
        dir.write("s/plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 1 day\n")
        let plan = run("init", "s", in: dir.path)
        #expect(plan.status == 1)
        #expect(plan.stderr.contains("'s/plan.md' is already a plan document (it defines Block 1.1); nothing written"))
        #expect(files(under: dir.path + "/s") == ["plan.md"])
        dir.write("t/README.md", "# T\n\nA repository that is about to get a plan.\n")
        #expect(run("init", "t", in: dir.path).status == 0)

        // One of the files it would write is there already: nothing else is written either.
        dir.write("u/content/templates/.gitkeep", "")
        let partial = run("init", "u", in: dir.path)
        #expect(partial.status == 1)
        #expect(partial.stderr == "Error: 'u/content/templates/.gitkeep' already exists; nothing written\n")
        #expect(files(under: dir.path + "/u") == ["content/templates/.gitkeep"])

        dir.write("v", "a file")
        #expect(run("init", "v", in: dir.path).stderr == "Error: 'v' exists and is not a directory\n")
    }

    // MARK: new iteration

    @Test func newIterationOnTheExampleContinuesItsNumberingAndStaysClean() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        _ = exampleCopy(in: dir)
        let result = run("new", "iteration", "--date", "2026-04-02", in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote content/06-iteration-3.md (Loop Iteration 3, 2026-04-02):\n"))
        #expect(result.stdout.contains("decision L6"))
        #expect(result.stdout.hasSuffix("Then: loopreport check\n"))
        let text = readFile(dir.path + "/content/06-iteration-3.md")
        #expect(text.hasPrefix("---\nkind: iteration\ndate: 2026-04-02\n---\n\n# Loop Iteration 3\n"))
        #expect(text.contains("\n| L6 |"))

        let check = run("check", in: dir.path)
        #expect(check.status == 0)
        #expect(check.stderr == "0 errors, 0 warnings in 6 documents\n")

        // The next one follows it.
        let again = run("new", "iteration", "content", "--date", "2026-04-09", "--title", "After the Pilot", in: dir.path)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Wrote content/07-iteration-4.md (After the Pilot, 2026-04-09):\n"))
        #expect(readFile(dir.path + "/content/07-iteration-4.md").contains("\n# After the Pilot\n"))
        #expect(readFile(dir.path + "/content/07-iteration-4.md").contains("\n| L7 |"))
        #expect(run("check", in: dir.path).stderr == "0 errors, 0 warnings in 7 documents\n")
    }

    @Test func prefilledFiguresMatchTheAnalysisAndAreReadBack() throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        // Before the consolidation, work on Group 4, Group 5 and Group 6 is still open.
        let content = exampleCopy(in: dir, without: ["05-consolidation.md"])
        let before = Pipeline.load(root: content)
        let result = run("new", "iteration", "content", "--date", "2026-04-02", in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        let path = "05-iteration-3.md"
        let text = readFile(content + "/" + path)

        // Each group's completion as the dashboard weighs it: by estimate, in-progress blocks by their share.
        var expected: [String: Int] = [:]
        for group in before.plan.groups {
            let members = before.plan.currentBlocks.filter { $0.groupID == group.id }
            var total = 0.0, done = 0.0
            for block in members {
                let weight = max(block.estimate?.days ?? 1, 0.1)
                total += weight
                if block.progress == .complete { done += weight }
                if block.progress == .inProgress { done += weight * (block.percentComplete ?? 0) / 100 }
            }
            expected[group.id] = Int((done / total * 100).rounded())
            let line = "- \(group.title) (Group \(group.id)): \(expected[group.id]!)% complete\n"
            #expect(text.contains(line), "\(line)")
            let estimate = members.compactMap { $0.estimate?.days }.reduce(0, +)
            let days = estimate == estimate.rounded() ? "\(Int(estimate))" : "\(estimate)"
            #expect(text.contains("| Group \(group.id) | \(days) days"), "Group \(group.id): \(days) days")
        }
        #expect(expected == ["1": 100, "2": 100, "3": 100, "4": 27, "5": 40, "6": 0])

        // Read back: an iteration whose progress, adjustments and decision are recognised.
        let after = Pipeline.load(root: content)
        #expect(after.diagnostics.isEmpty, "\(after.diagnostics.map(\.message))")
        let document = try #require(after.plan.documents.last)
        #expect(document.path == path && document.kind == .iteration && document.title == "Loop Iteration 3")
        #expect(after.plan.iterations.last?.path == path)
        let progress = after.plan.records.progress.filter { $0.path == path }
        #expect(Dictionary(uniqueKeysWithValues: progress.map { ($0.reference!.id, Int($0.percent!)) }) == expected)
        let adjustments = after.plan.records.timelineAdjustments.filter { $0.path == path }
        #expect(adjustments.count == 6)
        #expect(adjustments.allSatisfy { $0.original?.days != nil && $0.original?.days == $0.revised?.days && $0.deltaText == "-" })
        #expect(after.plan.records.decisions.filter { $0.path == path }.map(\.id) == ["L6"])
        #expect(after.analysis.checks.allSatisfy { $0.agrees })
    }

    @Test func newIterationOnAFreshProject() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("init", "fresh", in: dir.path).status == 0)
        let project = dir.path + "/fresh"
        let result = run("new", "iteration", "--date", "2026-03-09", in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote content/02-iteration-1.md (Loop Iteration 1, 2026-03-09):\n"))
        let text = readFile(project + "/content/02-iteration-1.md")
        #expect(text.contains("\n- Foundation (Group 1): 0% complete\n"))
        #expect(text.contains("\n| Group 1 | 2 days            | 2 days           | -     |        |\n"))
        #expect(text.contains("\n## Validation Checklist\n"))
        #expect(text.contains("\n| L1 |      |       |          |           |        |\n"))
        let check = run("check", "--strict", in: project)
        #expect(check.status == 0)
        #expect(check.stderr == "0 errors, 0 warnings in 2 documents\n")
        #expect(run("build", "--date", "2026-03-09", in: project).status == 0)
    }

    @Test func nextDecisionIDFollowsThePlansSeries() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "c/01-plan.md",
            """
            ### Group 1: A
            #### Block 1.1: B
            **Dependencies**: None
            **Estimated Effort**: 1 day

            ## Decision Log

            | ID | Date | Issue | Decision | Rationale | Impact |
            |----|------|-------|----------|-----------|--------|
            | D1 | 2026-03-02 | x | y | z | None |
            | D2 | 2026-03-02 | x | y | z | None |
            | D3 | 2026-03-02 | x | y | z | None |
            | D4 | 2026-03-02 | x | y | z | None |

            """)
        let result = run("new", "iteration", "c", "--date", "2026-03-09", in: dir.path)
        #expect(result.status == 0)
        #expect(readFile(dir.path + "/c/02-iteration-1.md").contains("\n| D5 |"))
        #expect(run("check", "c", in: dir.path).stderr == "0 errors, 0 warnings in 2 documents\n")
    }

    @Test func newIterationNeverOverwrites() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let content = exampleCopy(in: dir)
        // Something already has the name (a dangling link is not a document, so it does not move the numbering).
        symlink("nowhere", "\(content)/06-iteration-3.md")
        let result = run("new", "iteration", "content", "--date", "2026-04-02", in: dir.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("Error: 'content/06-iteration-3.md' already exists; not overwritten\n"))
        #expect(readLink("\(content)/06-iteration-3.md") == "nowhere")
        #expect(files(under: content).count == 6)
    }

    @Test func documentsThatWouldBeReadAfterTheNewOneAreReported() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("u/plan.md", "### Group 1: A\n#### Block 1.1: B\n**Dependencies**: None\n**Estimated Effort**: 1 day\n")
        let refused = run("new", "iteration", "u", "--date", "2026-03-09", in: dir.path)
        #expect(refused.status == 1)
        #expect(
            refused.stderr == """
                Error: 'iteration-1.md' would be read before 'plan.md' (documents are read in path order, and later ones \
                revise earlier ones); number the documents (e.g. rename 'plan.md' to '01-plan.md') so that a new iteration \
                can come last

                """)
        #expect(files(under: dir.path + "/u") == ["plan.md"])

        // Without numbering, a name that does come last is used as it is.
        dir.write("w/fourth-pass.md", "### Group 1: A\n#### Block 1.1: B\n**Dependencies**: None\n**Estimated Effort**: 1 day\n")
        let unnumbered = run("new", "iteration", "w", "--date", "2026-03-09", in: dir.path)
        #expect(unnumbered.status == 0)
        #expect(unnumbered.stdout.hasPrefix("Wrote w/iteration-1.md (Loop Iteration 1, 2026-03-09):\n"))
        #expect(run("check", "w", in: dir.path).stderr == "0 errors, 0 warnings in 2 documents\n")
    }

    @Test func aProjectDirectoryIsNotTakenForItsContent() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("init", "p", in: dir.path).status == 0)
        let result = run("new", "iteration", "p", "--date", "2026-03-09", in: dir.path)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "Error: 'p' is a project directory; its content directory is 'p/content' (loopreport new iteration p/content)\n")
        #expect(files(under: dir.path + "/p") == ["content/01-plan.md", "content/loopreport.yml", "content/templates/.gitkeep"])

        let nothing = run("new", "iteration", in: dir.path)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("no content directory here"))
        #expect(
            run("new", "iteration", "missing", in: dir.path).stderr
                == "Error: content directory 'missing' does not exist or is not a directory\n")
        dir.write("empty/.keep", "")
        #expect(run("new", "iteration", "empty", in: dir.path).stderr.contains("'empty' holds no documents"))
    }

    @Test func usageErrorsExitWithTwo() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let content = exampleCopy(in: dir)
        let badDate = run("new", "iteration", "content", "--date", "2026-02-30", in: dir.path)
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--date must be a date like 2026-03-02, not '2026-02-30'"))
        #expect(badDate.stderr.contains("Usage: loopreport new iteration"))
        #expect(run("new", "iteration", "content", "--date", "tomorrow", in: dir.path).status == 2)
        let badStart = run("init", "x", "--start", "03/02/2026", in: dir.path)
        #expect(badStart.status == 2)
        #expect(badStart.stderr.contains("--start must be a date like 2026-03-02, not '03/02/2026'"))
        #expect(run("new", in: dir.path).status == 2)
        #expect(run("new", "chapter", in: dir.path).status == 2)
        #expect(run("new", "iteration", "--no-such-option", in: dir.path).status == 2)
        #expect(run("new", "iteration", "content", "extra", in: dir.path).status == 2)
        #expect(run("init", "a", "b", in: dir.path).status == 2)
        #expect(run("init", "--title", "", in: dir.path).status == 2)
        #expect(run("new", "iteration", "--help", in: dir.path).status == 0)
        #expect(run("init", "--help", in: dir.path).status == 0)
        // Nothing was written by any of them.
        #expect(files(under: content).count == 6)
        #expect(files(under: dir.path).allSatisfy { $0.hasPrefix("content/") })
    }
}
