import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `build` and `export` never delete or overwrite what LoopReport did not write, and builds
/// into one output at once take turns instead of corrupting it.
@Suite(.serialized) struct OutputSafetyTests {
    private func run(_ arguments: String..., home: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        run(arguments, home: home, sourceLocation: sourceLocation)
    }

    private func run(_ arguments: [String], home: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, environment: home.map { ["HOME": $0] } ?? [:], sourceLocation: sourceLocation)
    }

    private let plan = "### Group 1: A\n#### Block 1.1: First\n**Estimated Effort**: 1 day\n"

    /// A directory of someone's files is not a site: the build refuses it and says why,
    /// leaving every file; `--force` replaces it; an empty directory and a previous site
    /// (which holds the `.loopreport-site` marker every build writes) are replaced as usual.
    @Test func buildReplacesOnlyEmptyDirectoriesAndItsOwnSites() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", plan)
        dir.write("Documents/thesis.tex", "\\documentclass{article}\n")
        let refused = run("build", "-o", "\(dir.path)/Documents", "\(dir.path)/project")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "refusing to replace '\(dir.path)/Documents': it is not empty and LoopReport did not write it (it has no .loopreport-site file)"
            ), "\(refused.stderr)")
        #expect(readFile("\(dir.path)/Documents/thesis.tex") == "\\documentclass{article}\n")
        #expect(listDirectory(dir.path) == ["Documents", "project"])  // no staging left behind

        mkdir("\(dir.path)/empty", 0o755)
        #expect(run("build", "-o", "\(dir.path)/empty", "\(dir.path)/project").status == 0)
        #expect(readFile("\(dir.path)/empty/.loopreport-site").contains("written by LoopReport"))
        #expect(run("build", "-o", "\(dir.path)/empty", "\(dir.path)/project").status == 0)  // its own site

        let forced = run("build", "--force", "-o", "\(dir.path)/Documents", "\(dir.path)/project")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!readFile("\(dir.path)/Documents/blocks/1.1.html").isEmpty)
    }

    /// Sources and homes are refused whatever the flags: the content directory, a directory
    /// inside it (`content/templates`), one that holds it, and a parent of `$HOME`.
    @Test func buildNeverWritesIntoSourcesOrOverAHome() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", plan)
        dir.write("project/templates/site.css", "body { color: black }\n")
        dir.write("home/user/notes.md", "mine\n")
        for output in ["project/templates", "project/site", "project", "."] {
            let result = run("build", "--force", "-o", "\(dir.path)/\(output)", "\(dir.path)/project")
            #expect(result.status == 1, "\(output)")
            #expect(result.stderr.contains("refusing to write to"), "\(output): \(result.stderr)")
        }
        let home = run("build", "--force", "-o", "\(dir.path)/home", "\(dir.path)/project", home: "\(dir.path)/home/user")
        #expect(home.status == 1)
        #expect(home.stderr.contains("it would replace a directory that holds your home directory"), "\(home.stderr)")
        #expect(readFile("\(dir.path)/project/templates/site.css") == "body { color: black }\n")
        #expect(readFile("\(dir.path)/home/user/notes.md") == "mine\n")
    }

    /// `--single-file -o` and `export -o` replace a file only when LoopReport wrote it (each
    /// format carries a signature), never a source of the project, and others only with `--force`.
    @Test func singleFilesOverwriteOnlyWhatLoopReportWrote() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", plan + "**Dependencies**: None\n")
        dir.write("notes.txt", "keep me\n")
        let source = run("build", "--single-file", "--force", "-o", "\(dir.path)/project/plan.md", "\(dir.path)/project")
        #expect(source.status == 1)
        #expect(source.stderr.contains("it is inside the content directory"), "\(source.stderr)")
        let exportSource = run("export", "--force", "-o", "\(dir.path)/project/plan.md", "\(dir.path)/project")
        #expect(exportSource.status == 1)
        #expect(readFile("\(dir.path)/project/plan.md").hasPrefix("### Group 1"))

        for command in [
            ["build", "--single-file"], ["export", "--format", "json"], ["export", "--format", "csv"],
            ["export", "--format", "csv", "--table", "variance"], ["export", "--format", "svg"],
            ["export", "--format", "svg", "--diagram", "gantt"], ["export", "--format", "dot"],
            ["export", "--format", "mermaid"], ["export", "--format", "mermaid", "--diagram", "gantt"],
        ] {
            let refused = run(command + ["-o", "\(dir.path)/notes.txt", "\(dir.path)/project"])
            #expect(refused.status == 1, "\(command)")
            #expect(
                refused.stderr.contains("refusing to overwrite '\(dir.path)/notes.txt': LoopReport did not write it"),
                "\(command): \(refused.stderr)")
            #expect(readFile("\(dir.path)/notes.txt") == "keep me\n")
            // Its own output is replaced on the next run without a flag.
            let output = "\(dir.path)/out-\(command.joined(separator: "-"))"
            #expect(run(command + ["-o", output, "\(dir.path)/project"]).status == 0, "\(command)")
            let again = run(command + ["-o", output, "\(dir.path)/project"])
            #expect(again.status == 0, "\(command): \(again.stderr)")
        }
        dir.write("project/loopreport.yml", "start: 2026-03-02\n")
        #expect(run("export", "--format", "ics", "-o", "\(dir.path)/plan.ics", "\(dir.path)/project").status == 0)
        #expect(run("export", "--format", "ics", "-o", "\(dir.path)/plan.ics", "\(dir.path)/project").status == 0)
        #expect(run("export", "--format", "ics", "-o", "\(dir.path)/notes.txt", "\(dir.path)/project").status == 1)

        #expect(run("export", "--force", "-o", "\(dir.path)/notes.txt", "\(dir.path)/project").status == 0)
        #expect(readFile("\(dir.path)/notes.txt").hasPrefix("{\n  \"blocks\" : ["))
    }

    /// Eight builds into one output at once (different plans, so the winner shows): each
    /// waits for the one before it, all succeed, and the site left is one whole build, the
    /// same as a build of that plan alone, with no staging directory beside it.
    @Test func concurrentBuildsIntoOneOutputTakeTurns() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        for n in 1...8 {
            var text = "### Group 1: A\n"
            for k in 1...(20 * n) { text += "#### Block 1.\(k): Build \(n) block \(k)\n**Estimated Effort**: 1 day\n\n" }
            dir.write("p\(n)/plan.md", text)
        }
        // All eight started before any is waited for; each gets a minute.
        let builds = (1...8).map { n in
            Result { try ChildProcess([loopreportBinary, "build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "\(dir.path)/p\(n)"]) }
        }
        var waited = 0
        for (index, build) in builds.enumerated() {
            guard case .success(let process) = build else {
                Issue.record("build \(index + 1) did not start: \(build)")
                continue
            }
            if !process.waitForExit(timeout: 60) { process.terminate() }
            let result = process.wait()
            #expect(result.status == 0, "build \(index + 1): \(result.stderr)")
            if result.stderr.contains("Waiting for another build into") { waited += 1 }
        }
        #expect(waited >= 1)
        let winner = (1...8).first { readFile("\(dir.path)/site/blocks/1.1.html").contains("Build \($0) block 1<") }
        #expect(winner != nil)
        if let winner {
            #expect(run("build", "--date", "2026-03-18", "-o", "\(dir.path)/alone", "\(dir.path)/p\(winner)").status == 0)
            let diff = runProcess(["diff", "-r", "\(dir.path)/alone", "\(dir.path)/site"])
            #expect(diff.status == 0, "\(diff.stdout)")
        }
        #expect(!listDirectory(dir.path).contains { $0.contains("loopreport-new") })
    }

    /// A build killed part way leaves its staging directory; the next build into that output
    /// removes it (and the fixed-name one older versions left).
    @Test func stagingLeftByAKilledBuildIsRemovedByTheNext() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", plan)
        dir.write(".site.loopreport-new-4242/index.html", "half")
        dir.write(".site.loopreport-new/blocks/1.1.html", "half")
        dir.write(".other.loopreport-new-7/index.html", "another output's")
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 0)
        #expect(listDirectory(dir.path) == [".other.loopreport-new-7", "project", "site"])
    }
}
