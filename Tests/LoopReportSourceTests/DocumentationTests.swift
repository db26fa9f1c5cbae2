import LoopReportSource
import LoopReportTestSupport
import Testing

@Suite struct DocumentationTests {
    /// docs/diagnostics.md lists every code with its default severity.
    @Test func everyDiagnosticCodeIsDocumented() {
        let docs = readFile("\(packageRoot)/docs/diagnostics.md")
        for code in DiagnosticCode.allCases {
            #expect(docs.contains("| `\(code.rawValue)` | \(code.defaultSeverity.rawValue) |"), "\(code.rawValue)")
        }
    }
}
