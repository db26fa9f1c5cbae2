/// A document's bytes, decoded text and line index, validated before any parser sees it.
package struct SourceFile: Sendable {
    /// Path relative to the content root, with `/` separators.
    package let path: String
    package let text: String
    /// Byte offsets (into `text.utf8`) where each line starts; `lineStarts[0] == 0`.
    package let lineStarts: [Int]

    /// Decodes `bytes`, or returns the problem with its exact location.
    package static func decode(path: String, bytes: [UInt8]) -> Result<SourceFile, Diagnostic> {
        if let nul = bytes.firstIndex(of: 0) {
            let location = Self.location(ofOffset: nul, in: bytes)
            return .failure(
                Diagnostic(
                    .binaryFile, at: SourceRange(path: path, start: location, end: location),
                    "'\(path)' contains a NUL byte at offset \(nul); it is not a text document"))
        }
        if let (line, cells) = widestTableRow(bytes), cells > maximumTableCells {
            return .failure(
                Diagnostic(
                    .overLimit, at: .line(line, in: path),
                    "line \(line) of '\(path)' is a table row of \(cells) cells, over the \(maximumTableCells) LoopReport reads (cmark-gfm takes quadratic time on such rows); the document is skipped"
                ))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(bytes)
            let location = Self.location(ofOffset: offset, in: bytes)
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            return .failure(
                Diagnostic(
                    .invalidUTF8, at: SourceRange(path: path, start: location, end: location),
                    "'\(path)' is not valid UTF-8: byte 0x\(byte) at offset \(offset)"))
        }
        return .success(SourceFile(path: path, text: text))
    }

    /// The most cells a table row may have: past a few thousand, cmark-gfm's table extension
    /// takes seconds (quadratic in the row's width).
    package static let maximumTableCells = 1_000

    /// The line with the most pipes (1-based) and their count, when any line has more than
    /// `maximumTableCells` of them; nil otherwise. One pass over the bytes.
    static func widestTableRow(_ bytes: [UInt8]) -> (line: Int, cells: Int)? {
        var line = 1, pipes = 0
        var widest: (line: Int, cells: Int)?
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x7C {
                pipes += 1
            } else if isLineEnd(bytes, at: offset) {
                if pipes > maximumTableCells, pipes > (widest?.cells ?? 0) { widest = (line, pipes) }
                line += 1; pipes = 0
            }
        }
        if pipes > maximumTableCells, pipes > (widest?.cells ?? 0) { widest = (line, pipes) }
        return widest
    }

    /// A file from text already known to be valid (tests, generated documents).
    package init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [0]
        starts.reserveCapacity(text.utf8.count / 32)
        let index = { (bytes: UnsafeBufferPointer<UInt8>) in
            for offset in 0..<bytes.count where bytes[offset] <= 0x0D && Self.isLineEnd(bytes, at: offset) {
                starts.append(offset + 1)
            }
        }
        if text.utf8.withContiguousStorageIfAvailable(index) == nil { Array(text.utf8).withUnsafeBufferPointer(index) }
        self.lineStarts = starts
    }

    package var lineCount: Int { lineStarts.count }

    /// The text of a 1-based line without its line break; empty when out of range.
    package func line(_ number: Int) -> Substring {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        var end =
            number < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// The 1-based byte column of the first occurrence of `needle` on `line` at or after
    /// `fromColumn`, so a match inside text is located from the source itself, never guessed.
    package func column(of needle: String, onLine number: Int, from fromColumn: Int = 1) -> Int? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let lineStart = lineStarts[number - 1]
        let lineEnd = number < lineStarts.count ? lineStarts[number] - 1 : text.utf8.count
        let from = lineStart + max(0, fromColumn - 1)
        var needle = needle
        return needle.withUTF8 { target in
            if let found = text.utf8.withContiguousStorageIfAvailable({
                Self.find(target, in: $0, from: from, to: lineEnd)
            }) {
                return found.map { $0 - lineStart + 1 }
            }
            return Array(text.utf8).withUnsafeBufferPointer { Self.find(target, in: $0, from: from, to: lineEnd) }
                .map { $0 - lineStart + 1 }
        }
    }

    /// Where a field's value starts: past the `:`, `**` and spaces that follow its key.
    package func valueColumn(afterKeyEndingAt column: Int, onLine number: Int) -> Int? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let lineStart = lineStarts[number - 1]
        let lineEnd = number < lineStarts.count ? lineStarts[number] - 1 : text.utf8.count
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) -> Int? in
            var i = lineStart + column - 1
            var sawColon = false
            while i < lineEnd {
                switch bytes[i] {
                case 0x3A: sawColon = true
                // `：` (full width, EF BC 9A), as Japanese plans write it.
                case 0xEF where i + 2 < lineEnd && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x9A: sawColon = true; i += 2
                case 0x2A, 0x5F, 0x20, 0x09: break  // `*`, `_`, spaces
                default: return sawColon ? i - lineStart + 1 : nil
                }
                i += 1
            }
            return nil
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// The first offset in `from..<to` where `target` starts.
    private static func find(
        _ target: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
        from: Int, to: Int
    ) -> Int? {
        guard let first = target.first else { return nil }
        var i = from
        while i + target.count <= to {
            if haystack[i] == first {
                var j = 1
                while j < target.count && haystack[i + j] == target[j] { j += 1 }
                if j == target.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Calls `body` with each line's number (1-based, from `first`) and its bytes without the
    /// line break, read in place: a span, which cannot outlive the call.
    package func forEachLine(from first: Int = 1, _ body: (Int, Span<UInt8>) -> Void) {
        guard first <= lineStarts.count else { return }
        let bytes = text.utf8.span
        for number in first...lineStarts.count {
            let start = lineStarts[number - 1]
            let end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
            body(number, bytes.extracting(start..<max(start, end)))
        }
    }

    /// Whether the byte at `offset` ends a line as CommonMark (and cmark's source positions)
    /// counts lines: an LF, or a CR not followed by an LF; so a location cmark gives names
    /// the line it means.
    @inline(__always)
    static func isLineEnd<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at offset: Int) -> Bool where Bytes.Index == Int {
        bytes[offset] == 0x0A || (bytes[offset] == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A))
    }

    static func location(ofOffset offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1, lineStart = 0
        for i in 0..<offset where isLineEnd(bytes, at: i) {
            line += 1
            lineStart = i + 1
        }
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count,
                String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return i }
            i += length
        }
        return max(0, bytes.count - 1)
    }
}

extension String {
    /// The text of a line's bytes as `SourceFile.forEachLine` lends them (decoded as
    /// `String(decoding:as:)` decodes UTF-8).
    package init(decodingLine bytes: Span<UInt8>) {
        self = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }
}
