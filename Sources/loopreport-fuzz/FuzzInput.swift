import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportExport
import LoopReportModel
import LoopReportPipeline
import LoopReportSite
import LoopReportSource

/// What the fuzzer runs on each input: bytes → documents → model → analysis → one page → one
/// export. An input is one document, or several: each starts at a line `%%% NAME`
/// (`%%% loopreport.yml` is the project's settings), so the fuzzer mutates document order,
/// settings and cross-document revisions too.
///
/// A crash, a trap or a sanitizer report is a finding; so is a broken invariant below, which
/// stops the process the same way.
enum FuzzInput {
    static let separator = Array("%%% ".utf8)
    static let templates = try! TemplateSet()

    static func run(_ bytes: [UInt8]) {
        var documents: [SourceFile] = []
        var config: SourceFile?
        var diagnostics: [Diagnostic] = []
        for (path, content) in split(bytes) {
            switch SourceFile.decode(path: path, bytes: content) {
            case .success(let file) where path == "loopreport.yml": config = file
            case .success(let file): documents.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let loaded = Pipeline.model(files: documents, config: config, inputDiagnostics: diagnostics)
        for diagnostic in loaded.diagnostics { check(diagnostic, in: loaded) }

        // One page and one export, picked by the input's length (a mutation changes the pick):
        // the dashboard every other input (Gantt chart, forecast, figures), else any page.
        let (plan, analysis) = (loaded.plan, loaded.analysis)
        let pick = bytes.count
        let pages = SiteBuilder.pages(
            plan: plan, analysis: analysis, diagnostics: loaded.diagnostics,
            templates: templates, options: SiteOptions(date: CalendarDate("2026-03-18"))
        ) { paths in
            [pick % 2 == 0 ? "index.html" : paths[pick / 2 % paths.count]]
        }
        for page in pages where !String(decoding: page.bytes, as: UTF8.self).hasSuffix("</html>\n") {
            fatalError("\(page.path) does not end its HTML")
        }
        let graph = { DependencyGraph.tasks(of: analysis.schedule, plan: plan, group: nil) }
        switch pick / 3 % 6 {
        case 0: _ = DOTExport.encode(graph())
        case 1: _ = MermaidExport.flowchart(graph())
        case 2: _ = MermaidExport.gantt(plan: plan, analysis: analysis)
        case 3: for table in CSVExport.Table.allCases { _ = CSVExport.encode(table, plan: plan, analysis: analysis) }
        case 4:
            do {
                _ = try JSONExport.encode(plan: plan, analysis: analysis, diagnostics: loaded.diagnostics)
            } catch {
                fatalError("the JSON export failed: \(error)")
            }
        default:
            if analysis.calendar != nil, (try? ICSExport.encode(plan: plan, analysis: analysis)) == nil {
                fatalError("the calendar export failed with a start date")
            }
        }
    }

    /// The documents of an input: (path, bytes) in order.
    static func split(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        guard bytes.starts(with: separator) else { return [("plan.md", bytes)] }
        var parts: [(String, [UInt8])] = []
        var lineStart = 0
        var current: (name: String, start: Int)?
        func close(at end: Int) {
            guard let open = current else { return }
            parts.append((open.name, Array(bytes[open.start..<max(open.start, end)])))
        }
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: separator) {
                close(at: lineStart)
                let name = String(decoding: line.dropFirst(separator.count), as: UTF8.self)
                // Names are paths inside the project; anything else reads as a plain name.
                let safe = name.filter { $0.isLetter || $0.isNumber || "-_./".contains($0) }
                    .split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
                // A folder holds one file of a name: a repeated name gets the section's number.
                var path = safe.isEmpty ? "document-\(parts.count).md" : safe
                if parts.contains(where: { $0.0 == path }) || current?.name == path { path += "-\(parts.count)" }
                current = (path, min(lineEnd + 1, bytes.count))
            }
            lineStart = lineEnd + 1
        }
        close(at: bytes.count)
        return parts
    }

    /// A diagnostic points into a document that was read, at a line it has.
    static func check(_ diagnostic: Diagnostic, in loaded: LoadedProject) {
        guard let range = diagnostic.range, let file = loaded.sources[range.path] else { return }
        let lines = file.lineCount
        guard range.start.line >= 1, range.start.line <= lines + 1, range.start.column >= 1 else {
            fatalError("\(diagnostic.code): line \(range.start.line), column \(range.start.column) of a \(lines)-line document")
        }
    }
}
