import LoopReportSupport

/// Renders diagnostics as compiler-style text: `path:line:col: error: message [code]`,
/// the source line, a caret under the column, then notes.
package struct DiagnosticFormatter: Sendable {
    package var useColor: Bool
    /// Path prefix shown before each document path (the content directory as given).
    package var pathPrefix: String

    package init(useColor: Bool, pathPrefix: String = "") {
        self.useColor = useColor
        self.pathPrefix = pathPrefix
    }

    package func format(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        var out = header(
            for: diagnostic.range, severity: diagnostic.severity.rawValue,
            color: color(for: diagnostic.severity))
        // Messages quote documents: their control characters are shown, never sent to the terminal.
        out += bold(diagnostic.message.visibleControlCharacters) + " [\(diagnostic.code.rawValue)]\n"
        if let range = diagnostic.range, let file = sources[range.path] {
            out += excerpt(range.start, in: file)
        }
        for note in diagnostic.notes {
            out += header(for: note.range, severity: "note", color: "36") + note.message.visibleControlCharacters + "\n"
        }
        return out
    }

    /// `3 errors, 1 warning in 7 documents`.
    package func summary(_ diagnostics: [Diagnostic], documentCount: Int) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [
            plural(diagnostics.count(of: .error), "error"),
            plural(diagnostics.count(of: .warning), "warning"),
        ]
        let notes = diagnostics.count(of: .note)
        if notes > 0 { parts.append(plural(notes, "note")) }
        return parts.joined(separator: ", ") + " in " + plural(documentCount, "document")
    }

    private func header(for range: SourceRange?, severity: String, color: String) -> String {
        var location = ""
        if let range {
            location = "\(pathPrefix)\(range.path):\(range.start.line):\(range.start.column): ".visibleControlCharacters
        }
        return bold(location) + paint(severity + ":", color) + " "
    }

    private func excerpt(_ location: SourceLocation, in file: SourceFile) -> String {
        let raw = file.line(location.line)
        guard !raw.isEmpty else { return "" }
        let line = raw.visibleControlCharacters
        // Columns are UTF-8 bytes; the caret goes under the character that byte starts (as shown).
        let prefixBytes = Array(raw.utf8.prefix(max(0, location.column - 1)))
        let characterColumn = String(decoding: prefixBytes, as: UTF8.self).visibleControlCharacters.count
        let gutter = String(location.line)
        let pad = String(repeating: " ", count: gutter.count)
        return " \(gutter) | \(line)\n \(pad) | " + String(repeating: " ", count: characterColumn)
            + paint("^", "32") + "\n"
    }

    private func color(for severity: Severity) -> String {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[1;\(code)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        useColor && !text.isEmpty ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}
