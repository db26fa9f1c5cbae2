/// A position in a source file: 1-based line and 1-based UTF-8 byte column.
package struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A half-open span of a source file: `start` is the first byte, `end` the one after the last.
package struct SourceRange: Sendable, Hashable {
    /// The document's path relative to the content root, as shown in diagnostics.
    package var path: String
    package var start: SourceLocation
    package var end: SourceLocation

    package init(path: String, start: SourceLocation, end: SourceLocation) {
        self.path = path
        self.start = start
        self.end = end
    }

    /// A range covering a whole line when nothing finer is known.
    package static func line(_ line: Int, in path: String) -> SourceRange {
        SourceRange(
            path: path, start: SourceLocation(line: line, column: 1),
            end: SourceLocation(line: line + 1, column: 1))
    }

    /// The smallest range covering both.
    package func union(_ other: SourceRange) -> SourceRange {
        SourceRange(path: path, start: min(start, other.start), end: max(end, other.end))
    }
}
