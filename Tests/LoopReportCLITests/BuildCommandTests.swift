import Foundation
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport build`: the site users open and publish.
@Suite(.serialized) struct BuildCommandTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    @Test func buildsTheExampleSiteWithEveryPage() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = run("build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "content")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Built 37 pages with 15 diagrams in "))
        for page in [
            "index.html", "decisions.html", "metrics.html", "changes.html", "summary.html", "diagnostics.html",
            "search.html", "documents/03-iteration-1.html", "groups/3.html", "blocks/3.4.html", "blocks/3.3.html",
            "assets/site.css", "assets/search.js", "search-index.json", "search-index.js",
        ] {
            #expect(!readFile("\(dir.path)/site/\(page)").isEmpty, "\(page) missing")
        }
        let block = readFile("\(dir.path)/site/blocks/3.4.html")
        #expect(block.contains("<h1>Block 3.4: Immutable Segment Flush</h1>"))
        #expect(block.contains("<h2>History</h2>"))
        #expect(block.contains("<h2>Mentioned in</h2>"))
        #expect(block.contains("href=\"../groups/3.html\""))
        // Removed blocks keep their page, marked.
        #expect(readFile("\(dir.path)/site/blocks/3.3.html").contains("Removed from the plan"))
        // Prose mentions become links; decisions have anchors the prose links to.
        let iteration = readFile("\(dir.path)/site/documents/03-iteration-1.html")
        #expect(iteration.contains("<a class=\"xref\" href=\"../blocks/3.4.html\">Block 3.4</a>"))
        #expect(readFile("\(dir.path)/site/sitemap.xml").isEmpty)  // only with --base-url
    }

    /// The example's pages exactly as recorded (`LOOPREPORT_RECORD=1` rewrites them after a
    /// deliberate change; look at the pages before committing them).
    @Test func examplePagesMatchTheirGoldenCopies() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "content").status == 0)
        let pages = ["index.html", "documents/03-iteration-1.html", "groups/3.html", "blocks/3.4.html", "decisions.html"]
        for page in pages {
            expectMatchesGolden(readFile("\(dir.path)/site/\(page)"), "site/" + page.replacingSlashesWithDashes)
        }
        // Every golden page is compared: none is left behind when a page is dropped from the list.
        #expect(listDirectory(goldenDirectory + "/site") == pages.map(\.replacingSlashesWithDashes).sorted())
    }

    @Test func sameInputAndDateGiveTheSameBytes() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("build", "--date", "2026-03-18", "-o", "\(dir.path)/a", "content").status == 0)
        #expect(run("build", "--date", "2026-03-18", "-o", "\(dir.path)/b", "content").status == 0)
        let diff = runProcess(["diff", "-r", "\(dir.path)/a", "\(dir.path)/b"])
        #expect(diff.status == 0, "\(diff.stdout)")
    }

    /// Pages are written while others are still being rendered; a write that fails part
    /// way (here: files over 8 KiB refused, `ulimit -f`) fails the build and leaves the
    /// previous site exactly as it was, with nothing half-written beside it.
    @Test(.disabled(if: runsUnderSanitizer, "ThreadSanitizer's runtime dies of SIGBUS under ulimit -f"))
    func aFailedWriteLeavesThePreviousSiteWhole() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "content").status == 0)
        copyTree("\(dir.path)/site", to: "\(dir.path)/before")
        // The shell is the point here: `ulimit` caps the file size, and SIGXFSZ is ignored so
        // that the write fails with EFBIG instead of killing the build.
        let failed = runShellScript(
            "trap '' XFSZ && ulimit -f 8 && exec \"$@\"",
            [loopreportBinary, "build", "-o", "\(dir.path)/site", "content"], in: packageRoot)
        #expect(failed.status != 0)
        // Named by where it was to go, not by the hidden staging directory.
        #expect(failed.stderr.contains("cannot write '\(dir.path)/site/"), "\(failed.stderr)")
        #expect(failed.stderr.contains("File too large; the previous site in '\(dir.path)/site' is unchanged"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("loopreport-new"), "\(failed.stderr)")
        let diff = runProcess(["diff", "-r", "\(dir.path)/before", "\(dir.path)/site"])
        #expect(diff.status == 0, "\(diff.stdout)")
        #expect(listDirectory(dir.path) == ["before", "site"])
    }

    /// A rebuild keeps the file of every page that comes out byte for byte the same (same
    /// inode, same modification time: rsync skips it, nginx's ETag still matches the
    /// browser's copy) and writes the rest anew, including a page changed by hand meanwhile.
    @Test func aRebuildKeepsTheFilesOfUnchangedPages() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "project/plan.md",
            "### Group 1: A\n#### Block 1.1: First\n**Estimated Effort**: 1 day\n\n#### Block 1.2: Second\n**Estimated Effort**: 2 days\n\n#### Block 1.3: Third\n**Estimated Effort**: 1 day\n"
        )
        let site = "\(dir.path)/site"
        #expect(run("build", "--date", "2026-03-18", "-o", site, "\(dir.path)/project").status == 0)
        func identity(_ page: String) -> String { fileIdentity("\(site)/\(page)").map { "\($0.inode) \($0.modified)" } ?? "" }
        let (second, group) = (identity("blocks/1.2.html"), identity("groups/1.html"))
        let thirdPage = readFile("\(site)/blocks/1.3.html")
        // The same size, other bytes: a changed file is told by its content, not its size.
        writeFile("\(site)/blocks/1.3.html", readFile("\(site)/blocks/1.3.html").replacingOccurrences(of: "Third", with: "THIRD"))
        dir.write(
            "project/plan.md",
            "### Group 1: A\n#### Block 1.1: Renamed\n**Estimated Effort**: 1 day\n\n#### Block 1.2: Second\n**Estimated Effort**: 2 days\n\n#### Block 1.3: Third\n**Estimated Effort**: 1 day\n"
        )
        #expect(run("build", "--date", "2026-03-18", "-o", site, "\(dir.path)/project").status == 0)
        #expect(identity("blocks/1.2.html") == second)
        #expect(readFile("\(site)/blocks/1.3.html") == thirdPage)
        #expect(identity("groups/1.html") != group)
        #expect(readFile("\(site)/groups/1.html").contains("Block 1.1: Renamed"))
        #expect(listDirectory(dir.path) == ["project", "site"])
    }

    @Test func baseURLAddsCanonicalLinksAndASitemapButLinksStayRelative() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        #expect(run("build", "--base-url", "https://reports.example.com/tessera", "-o", "\(dir.path)/site", "content").status == 0)
        let index = readFile("\(dir.path)/site/index.html")
        #expect(index.contains("<link rel=\"canonical\" href=\"https://reports.example.com/tessera/index.html\">"))
        #expect(readFile("\(dir.path)/site/sitemap.xml").contains("<loc>https://reports.example.com/tessera/blocks/3.4.html</loc>"))
        #expect(!index.contains("href=\"/"))
        #expect(readFile("\(dir.path)/site/blocks/3.4.html").contains("href=\"../assets/site.css\""))
    }

    @Test func refusesOutputsThatWouldDestroySources() throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", "### Group 1: A\n#### Block 1.1: B\n**Estimated Effort**: 1 day\n")
        let home = try #require(getenv("HOME").map { String(cString: $0) }, "HOME is not set")
        for output in ["\(dir.path)/project", dir.path, "/", home] {
            let result = run("build", "-o", output, "\(dir.path)/project")
            #expect(result.status == 1, "\(output)")
            #expect(result.stderr.contains("refusing to write to"))
        }
        #expect(readFile("\(dir.path)/project/plan.md").hasPrefix("### Group 1"))
    }

    @Test func aFailedBuildLeavesThePreviousSiteIntact() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", "### Group 1: A\n#### Block 1.1: First\n**Estimated Effort**: 1 day\n")
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 0)
        let before = readFile("\(dir.path)/site/blocks/1.1.html")
        #expect(before.contains("Block 1.1: First"))
        // A broken template: the build stops before writing, naming the file and line.
        dir.write("project/templates/page.mustache", "{{<layout}}\n{{$content}}\n{{#body}}\n{{/content}}\n{{/layout}}\n")
        let broken = run("build", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(dir.path)/project/templates/page.mustache:"))
        #expect(readFile("\(dir.path)/site/blocks/1.1.html") == before)
        // Fixed: the new site replaces the old one whole, and no staging directory is left.
        dir.write(
            "project/templates/page.mustache",
            "{{<layout}}{{$content}}<h1>{{title}}</h1><div class=\"mine\">{{{body}}}</div>{{/content}}{{/layout}}\n")
        dir.write("project/plan.md", "### Group 1: A\n#### Block 1.1: Renamed\n**Estimated Effort**: 1 day\n")
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 0)
        let after = readFile("\(dir.path)/site/blocks/1.1.html")
        #expect(after.contains("Block 1.1: Renamed"))
        #expect(after.contains("<div class=\"mine\">"))  // the project's template overrides the default
        #expect(listDirectory(dir.path) == ["project", "site"])
    }

    @Test func hostileDocumentsNeverBecomeActiveContent() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "project/plan.md",
            """
            # Plan <script>alert(1)</script>

            <script>alert(2)</script>

            <img src=x onerror=alert(3)>

            ### Group 1: <b onmouseover=alert(4)>Core</b>
            #### Block 1.1: Title with <script>alert(5)</script> and [a link](javascript:alert(6))
            **Estimated Effort**: 1 day
            **Dependencies**: None

            See [this](javascript:alert(7)) and [that](JaVaScRiPt:alert(8)) and ![img](javascript:alert(9)).
            """)
        let result = run("build", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(result.status == 0, "\(result.stderr)")
        let pages = filesUnder("\(dir.path)/site").filter { $0.hasSuffix(".html") }.map { "\(dir.path)/site/\($0)" }
        #expect(pages.count >= 10)
        for page in pages {
            let html = readFile(page).lowercased()
            // The only script is the site's own search script.
            #expect(html.components(separatedBy: "<script").count - 1 == 1, "\(page)")
            #expect(!html.contains("javascript:"), "\(page)")
            #expect(!html.contains("<img src=x"), "\(page)")  // shown as text: &lt;img …
            #expect(!html.contains("<b onmouseover"), "\(page)")
        }
    }

    @Test func singleFileReportIsSelfContained() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = run("build", "--single-file", "--date", "2026-03-18", "-o", "\(dir.path)/mail/report.html", "content")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(listDirectory("\(dir.path)/mail") == ["report.html"])
        let html = readFile("\(dir.path)/mail/report.html")
        #expect(html.contains("<style>") && !html.contains("<script") && !html.contains("<link rel=\"stylesheet\""))
        // Every included page is a section; links between them stay inside the file, links
        // to pages left out (blocks, groups) become text.
        #expect(html.contains("<section class=\"report-page\" id=\"page-0\">"))
        #expect(html.contains("<h1>Loop Iteration 1: Incremental Index Writer Redesign</h1>"))
        #expect(!html.contains("href=\"blocks/") && !html.contains("href=\"../"))
        #expect(html.contains("<span class=\"xref\">Block 3.4</span>"))
    }

    @Test(.tags(.java), .needs(Tool.nuHTMLChecker))
    func singleFileReportPassesTheNuChecker() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = run("build", "--single-file", "--date", "2026-03-18", "-o", "\(dir.path)/mail/report.html", "content")
        #expect(result.status == 0, "\(result.stderr)")
        let checker = runNuHTMLChecker(["--root", "\(dir.path)/mail"])
        #expect(checker.status == 0, "\(checker.stdout)\(checker.stderr)")
    }

    @Test func documentErrorsStillBuildButExitWithOne() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", "### Group 1: A\n#### Block 1.1: B\n**Dependencies**: Block 9.9\n**Estimated Effort**: 1 day\n")
        let result = run("build", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(result.status == 1)
        #expect(result.stderr.contains("[unknown-block-reference]"))
        #expect(readFile("\(dir.path)/site/diagnostics.html").contains("plan.md:3:19"))
    }
}

extension String {
    var replacingSlashesWithDashes: String { String(map { $0 == "/" ? "-" : $0 }) }
}
