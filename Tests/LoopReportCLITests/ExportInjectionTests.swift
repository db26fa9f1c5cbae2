import Foundation
import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Titles are the authors' text: no export lets them add a calendar property, run a
/// spreadsheet formula, or smuggle HTML or a directive into a Mermaid diagram.
@Suite struct ExportInjectionTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    private func project(_ dir: TemporaryDirectory, title: String) -> String {
        dir.write("project/loopreport.yml", "start: 2026-03-02\n")
        dir.write(
            "project/plan.md",
            "## Group 1: \(title)\n\n### Block 1.1: \(title)\n**Estimate:** 1 day\n\n### Block 1.2: Next\n**Estimate:** 1 day\n**Depends on:** 1.1\n"
        )
        return "\(dir.path)/project"
    }

    /// A title with CR LF (YAML's `"\r\n"` in loopreport.yml; one Swift Character) or a lone
    /// CR cannot start a property line of its own in the calendar.
    @Test func aCarriageReturnInATitleStartsNoCalendarLine() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "A")
        for title in ["Plan\\r\\nATTENDEE:mailto:x@example.com", "Plan\\rATTENDEE:mailto:x@example.com", "Plan\\u000BX"] {
            dir.write("project/loopreport.yml", "start: 2026-03-02\ntitle: \"\(title)\"\n")
            let ics = run("export", "--format", "ics", root).stdout
            #expect(ics.contains("X-WR-CALNAME:Plan"), "\(ics)")
            #expect(!ics.components(separatedBy: "\r\n").contains { $0.hasPrefix("ATTENDEE") }, "\(title)")
            #expect(!ics.unicodeScalars.contains { $0.value == 0x0B }, "\(title)")
        }
    }

    @Test func formulasInTitlesAreNotRunBySpreadsheets() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "=HYPERLINK(\"http://example.com\",\"x\")")
        let csv = run("export", "--format", "csv", root).stdout
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\","), "\(csv)")
        for prefix in ["+1+cmd", "-2+cmd", "@SUM(A1)"] {
            _ = project(dir, title: prefix)
            #expect(run("export", "--format", "csv", root).stdout.contains(",'\(prefix),"), "\(prefix)")
        }
        // Numbers stay numbers: a negative float is not a formula.
        #expect(!run("export", "--format", "csv", "--table", "variance", root).stdout.contains("'-"))
    }

    @Test func mermaidLabelsCarryNoHTMLOrDirectives() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "<img src=x onerror=alert(1)> %%{init: {'securityLevel':'loose'}}%%")
        for diagram in ["dag", "gantt"] {
            let text = run("export", "--format", "mermaid", "--diagram", diagram, root).stdout
            #expect(!text.contains("<img") && !text.contains("%%{"), "\(diagram): \(text)")
            #expect(text.contains("%% Written by LoopReport"))
        }
    }
}

/// Nothing outside the project is read through a symbolic link: not a document, not a folder
/// (a link to `/` would walk the machine), not a template (it would be published).
@Suite struct SymbolicLinkTests {
    private func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> ProcessResult {
        loopreport(arguments, sourceLocation: sourceLocation)
    }

    @Test func linksOutOfTheProjectAreRefused() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("outside/secret.md", "# Secret\n\n## Group 9: Leaked\n")
        dir.write("project/plan.md", "## Group 1: A\n\n### Block 1.1: First\n**Estimate:** 1 day\n")
        dir.write("project/parts/real.md", "## Group 2: B\n\n### Block 2.1: Second\n**Estimate:** 1 day\n")
        symlink("\(dir.path)/outside/secret.md", "\(dir.path)/project/leak.md")
        symlink("/", "\(dir.path)/project/root")
        symlink("\(dir.path)/project/parts/real.md", "\(dir.path)/project/alias.md")  // inside: read
        let check = run("check", "\(dir.path)/project")
        #expect(
            check.stderr.contains(
                "'leak.md' is a symbolic link to '\(dir.path)/outside/secret.md', outside the content directory; not read [outside-content]"
            ), "\(check.stderr)")
        #expect(check.stderr.contains("'root' is a symbolic link to '/', outside the content directory; not read"))
        let json = run("export", "--format", "json", "\(dir.path)/project").stdout
        #expect(!json.contains("Leaked"))
        #expect(json.contains("\"path\" : \"alias.md\""))

        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 0)
        makeDirectories("\(dir.path)/project/templates")
        symlink("/etc/passwd", "\(dir.path)/project/templates/site.css")
        let build = run("build", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(build.status != 0)
        #expect(build.stderr.contains("the template is a symbolic link to '/etc/passwd', outside the project"), "\(build.stderr)")
        #expect(!readFile("\(dir.path)/site/assets/site.css").contains("root:"))
    }
}
