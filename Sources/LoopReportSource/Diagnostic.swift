/// A problem found in the input, located in its source.
package struct Diagnostic: Error, Sendable, Hashable {
    /// A secondary location: the first definition of a duplicate, another edge of a cycle.
    package struct Note: Sendable, Hashable {
        package var message: String
        package var range: SourceRange?

        package init(_ message: String, at range: SourceRange?) {
            self.message = message
            self.range = range
        }
    }

    package var code: DiagnosticCode
    package var severity: Severity
    /// Where the problem is; nil only for whole-project problems.
    package var range: SourceRange?
    /// One line, without a trailing period.
    package var message: String
    package var notes: [Note]

    package init(
        _ code: DiagnosticCode, at range: SourceRange?, _ message: String,
        severity: Severity? = nil, notes: [Note] = []
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.range = range
        self.message = message
        self.notes = notes
    }

    /// The path shown for this diagnostic, or nil for project-wide ones.
    package var path: String? { range?.path }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in the order they are printed: by file, line, column, then code.
    package func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            let ka = (a.range?.path ?? "", a.range?.start.line ?? 0, a.range?.start.column ?? 0)
            let kb = (b.range?.path ?? "", b.range?.start.line ?? 0, b.range?.start.column ?? 0)
            if ka != kb { return ka < kb }
            if a.code != b.code { return a.code.rawValue < b.code.rawValue }
            return a.message < b.message
        }
    }

    package func count(of severity: Severity) -> Int { filter { $0.severity == severity }.count }
}
