import LoopReportSource

/// Splits YAML front matter (`---` … `---` at the very top) from a document's body.
enum FrontMatter {
    /// Returns the YAML text, its range, and the body with the front matter replaced by
    /// empty lines, so that every line keeps its number for the Markdown parser.
    static func split(_ file: SourceFile) -> (String?, SourceRange?, String) {
        guard file.lineCount > 1, file.line(1) == "---" else { return (nil, nil, file.text) }
        for number in 2...file.lineCount where file.line(number) == "---" || file.line(number) == "..." {
            let yaml = (2..<number).map { String(file.line($0)) }.joined(separator: "\n")
            let endOffset = number < file.lineCount ? file.lineStarts[number] : file.text.utf8.count
            let rest = file.text.utf8.dropFirst(endOffset)
            let body = String(repeating: "\n", count: number) + String(decoding: rest, as: UTF8.self)
            let range = SourceRange(
                path: file.path, start: SourceLocation(line: 1, column: 1),
                end: SourceLocation(line: number, column: 4))
            return (yaml, range, body)
        }
        return (nil, nil, file.text)
    }
}
