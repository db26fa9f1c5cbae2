import FoundationEssentials
import LoopReportSource

// Diagnostics as the export lists them, and `check --format json`.

struct DiagnosticDTO: Encodable {
    struct NoteDTO: Encodable { var message: String, path: String?, line: Int?, column: Int? }
    var severity: String, code: String, message: String, path: String?, line: Int?, column: Int?, notes: [NoteDTO]
    init(_ d: Diagnostic) {
        severity = d.severity.rawValue; code = d.code.rawValue; message = d.message; path = d.range?.path
        line = d.range?.start.line; column = d.range?.start.column
        notes = d.notes.map {
            NoteDTO(
                message: $0.message, path: $0.range?.path, line: $0.range?.start.line,
                column: $0.range?.start.column)
        }
    }
}

/// `check --format json`: the diagnostics alone, versioned like the export.
package enum DiagnosticsJSON {
    struct Payload: Encodable {
        var schemaVersion = JSONExport.schemaVersion
        var documentCount: Int
        var errorCount: Int, warningCount: Int, noteCount: Int
        var diagnostics: [DiagnosticDTO]
    }

    package static func encode(_ diagnostics: [Diagnostic], documentCount: Int) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(
            Payload(
                documentCount: documentCount, errorCount: diagnostics.count(of: .error),
                warningCount: diagnostics.count(of: .warning), noteCount: diagnostics.count(of: .note),
                diagnostics: diagnostics.map(DiagnosticDTO.init)))
        data.append(0x0A)
        return Array(data)
    }
}
