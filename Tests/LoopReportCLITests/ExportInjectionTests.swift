import LoopReportTestSupport
import Testing

/// Titles are the authors' text: no export lets them add a calendar property, run a
/// spreadsheet formula, or smuggle HTML or a directive into a Mermaid diagram.
@Suite struct ExportInjectionTests {
    private func run(_ arguments: String) -> (status: Int32, stdout: String, stderr: String) {
        shell("cd '\(packageRoot)' && '\(loopreportBinary)' \(arguments)")
    }

    private func project(_ dir: TemporaryDirectory, title: String) -> String {
        dir.write("project/loopreport.yml", "start: 2026-03-02\n")
        dir.write("project/plan.md", "## Group 1: \(title)\n\n### Block 1.1: \(title)\n**Estimate:** 1 day\n\n### Block 1.2: Next\n**Estimate:** 1 day\n**Depends on:** 1.1\n")
        return "'\(dir.path)/project'"
    }

    /// A title with CR LF (YAML's `"\r\n"` in loopreport.yml; one Swift Character) or a lone
    /// CR cannot start a property line of its own in the calendar.
    @Test func aCarriageReturnInATitleStartsNoCalendarLine() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "A")
        for title in ["Plan\\r\\nATTENDEE:mailto:x@example.com", "Plan\\rATTENDEE:mailto:x@example.com", "Plan\\u000BX"] {
            dir.write("project/loopreport.yml", "start: 2026-03-02\ntitle: \"\(title)\"\n")
            let ics = run("export --format ics \(root)").stdout
            #expect(ics.contains("X-WR-CALNAME:Plan"), "\(ics)")
            #expect(!ics.components(separatedBy: "\r\n").contains { $0.hasPrefix("ATTENDEE") }, "\(title)")
            #expect(!ics.unicodeScalars.contains { $0.value == 0x0B }, "\(title)")
        }
    }

    @Test func formulasInTitlesAreNotRunBySpreadsheets() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "=HYPERLINK(\"http://example.com\",\"x\")")
        let csv = run("export --format csv \(root)").stdout
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\","), "\(csv)")
        for prefix in ["+1+cmd", "-2+cmd", "@SUM(A1)"] {
            _ = project(dir, title: prefix)
            #expect(run("export --format csv \(root)").stdout.contains(",'\(prefix),"), "\(prefix)")
        }
        // Numbers stay numbers: a negative float is not a formula.
        #expect(!run("export --format csv --table variance \(root)").stdout.contains("'-"))
    }

    @Test func mermaidLabelsCarryNoHTMLOrDirectives() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let root = project(dir, title: "<img src=x onerror=alert(1)> %%{init: {'securityLevel':'loose'}}%%")
        for diagram in ["dag", "gantt"] {
            let text = run("export --format mermaid --diagram \(diagram) \(root)").stdout
            #expect(!text.contains("<img") && !text.contains("%%{"), "\(diagram): \(text)")
            #expect(text.contains("%% Written by LoopReport"))
        }
    }
}
