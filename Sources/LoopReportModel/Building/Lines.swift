import Foundation
import LoopReportMarkdown
import LoopReportSource
import LoopReportSupport

/// One source line of a paragraph: cmark puts consecutive field lines into one paragraph
/// separated by soft breaks, so recognisers work on these lines, not on paragraphs.
struct TextLine {
    /// The inline nodes of the line: a slice of the paragraph's children (no copies).
    var nodes: ArraySlice<MarkdownNode>
    var line: Int?
    var text: String { Self.text(of: nodes) }

    /// The nodes' inline text, read in place (iterating would copy each node).
    static func text(of nodes: ArraySlice<MarkdownNode>) -> String {
        var text = ""
        for index in nodes.indices { nodes[index].appendPlainText(to: &text) }
        return text
    }
}

extension MarkdownNode {
    /// Splits a paragraph's inlines at soft and hard breaks.
    var lines: [TextLine] {
        var result: [TextLine] = []
        var lineStart = 0
        var line = range?.start.line
        for index in children.indices {
            switch children[index].kind {
            case .softBreak, .lineBreak:
                result.append(TextLine(nodes: children[lineStart..<index], line: line))
                lineStart = index + 1
                line = line.map { $0 + 1 }
            default:
                break
            }
        }
        if lineStart < children.count { result.append(TextLine(nodes: children[lineStart...], line: line)) }
        return result
    }

    var isList: Bool { if case .list = kind { true } else { false } }
    var isParagraph: Bool { if case .paragraph = kind { true } else { false } }

    /// A list item's own text: its first paragraph (all lines joined).
    var itemText: String {
        children.first(where: \.isParagraph)?.plainText.trimmed ?? ""
    }

    /// Texts of the items of lists nested in this item.
    var nestedItemTexts: [String] {
        children.filter(\.isList).flatMap { $0.children.map(\.itemText) }
    }

    /// The item's task state, when it is a GFM task item.
    var taskState: Bool? { if case .item(let task) = kind { task } else { nil } }
}

/// Locates matches inside text by searching the source line itself (cmark's inline columns
/// are unreliable after soft breaks and escapes); falls back to the enclosing range.
struct Locator {
    let file: SourceFile
    /// The words of the project (field names read in the plain `Key: value` form among them).
    var vocabulary = Vocabulary.standard

    func range(of needle: String, line: Int?, fallback: SourceRange?, from column: Int = 1) -> SourceRange? {
        if let line {  // the usual case: one line to search
            guard let found = file.column(of: needle, onLine: line, from: column) else { return SourceRange.line(line, in: file.path) }
            return SourceRange(
                path: file.path, start: SourceLocation(line: line, column: found),
                end: SourceLocation(line: line, column: found + needle.utf8.count))
        }
        guard let fallback else { return nil }
        for number in (fallback.start.line...max(fallback.start.line, fallback.end.line)).prefix(200) {
            if let column = file.column(of: needle, onLine: number) {
                return SourceRange(
                    path: file.path, start: SourceLocation(line: number, column: column),
                    end: SourceLocation(line: number, column: column + needle.utf8.count))
            }
        }
        return fallback
    }

    func lineRange(_ line: Int?, fallback: SourceRange?) -> SourceRange? {
        guard let line else { return fallback }
        let text = file.line(line)
        let indent = text.utf8.prefix(while: { $0 == 0x20 }).count
        return SourceRange(
            path: file.path, start: SourceLocation(line: line, column: indent + 1),
            end: SourceLocation(line: line, column: text.utf8.count + 1))
    }
}

/// Field names recognised in the plain `Key: value` and `- Key: value` forms (bold keys are
/// always fields); prose with a colon is not a field. Every name in the vocabulary, and these.
let knownFieldNames: Set<String> = Set(Vocabulary.standardFieldNames.keys).union([
    "priority", "dependencies", "dependency", "depends on", "estimated effort", "effort", "estimate",
    "actual effort", "actual", "status", "tasks", "files to modify", "files", "files to verify",
    "discrepancies addressed", "implementation order", "changes required", "changes",
    "assigned team", "team", "owner", "critical path", "blockers", "blocker", "completion criteria",
    "acceptance criteria", "testing requirements", "rationale", "revised timeline impact",
    "timeline impact", "issue", "impact", "eta", "progress", "soft dependencies", "hard dependencies",
    "implementation steps", "last updated", "revision notes", "overall status", "timeline",
    "quality", "performance", "resource usage", "original timeline", "current projection",
    "confidence level", "original approach", "final approach", "reason", "symptoms",
    "example", "process", "scenario", "components involved", "validation steps", "expected metrics",
    "blocks completed", "estimated time remaining", "actual vs estimated effort", "mitigation",
])

extension Array where Element == MarkdownNode {
    /// Reads field lines from a paragraph: the four syntaxes, one field per source line,
    /// a value continued on following non-field lines.
    static func fields(in paragraph: MarkdownNode, locator: Locator, allowPlainKeys: Bool) -> [Field] {
        var fields: [Field] = []
        for line in paragraph.lines {
            if let field = Field.parse(line, locator: locator, allowPlainKey: allowPlainKeys) {
                fields.append(field)
            } else if !fields.isEmpty {
                let extra = line.text.trimmed
                fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? extra : " " + extra
            } else {
                return []
            }
        }
        return fields
    }
}

extension Field {
    /// `Effort: 1.5d · Owner: @maya · Status: in progress`: fields parted by ` · ` or ` | ` on one
    /// line, when each part after the first names a known field.
    func splitInline(vocabulary: Vocabulary) -> [Field] {
        guard value.utf8.contains(where: { $0 == 0xB7 || $0 == 0x7C }), value.containsBytes(" · ") || value.containsBytes(" | ") else {
            return [self]
        }
        let pieces = value.components(separatedBy: " · ").flatMap { $0.components(separatedBy: " | ") }
        var fields = [Field(key: key, value: pieces[0].trimmed, items: items, range: range, valueRange: valueRange)]
        for piece in pieces.dropFirst() {
            guard let colon = piece.firstIndex(of: ":"), vocabulary.fieldNames[piece[..<colon].normalizedName] != nil else { return [self] }
            fields.append(
                Field(
                    key: piece[..<colon].trimmed, value: piece[piece.index(after: colon)...].trimmed, items: [],
                    range: range, valueRange: valueRange))
        }
        return fields
    }

    /// Parses one line as a field, or nil when it is prose.
    static func parse(_ line: TextLine, locator: Locator, allowPlainKey: Bool) -> Field? {
        guard let start = line.nodes.indices.first else { return nil }
        var key: String
        var value: String
        if case .strong = line.nodes[start].kind {
            let strongText = line.nodes[start].plainText.trimmed
            let rest = TextLine.text(of: line.nodes.dropFirst()).trimmed
            if strongText.last == ":" || strongText.last == "：" {  // `**Key:** value`
                key = String(strongText.dropLast()).trimmed
                value = rest
            } else if rest.first == ":" || rest.first == "：" {  // `**Key**: value`
                key = strongText
                value = rest.dropFirst().trimmed
            } else {
                return nil
            }
        } else {  // `Key: value`, `- Key: value`
            let text = line.text
            guard let colon = text.utf8.firstIndex(of: 0x3A) ?? (text.utf8.contains(0xEF) ? text.firstIndex(of: "：") : nil) else {
                // `Est. 3d`: an estimate labelled without a colon.
                guard allowPlainKey, let first = text.utf8.first(where: { $0 != 0x20 }), first | 0x20 == 0x65 else { return nil }
                let trimmed = text.trimmed
                guard trimmed.lowercased().hasPrefix("est. "), Effort.parse(String(trimmed.dropFirst(5))) != nil else { return nil }
                let keyRange = locator.lineRange(line.line, fallback: line.nodes[start].range)
                return Field(key: "Est", value: String(trimmed.dropFirst(5)).trimmed, items: [], range: keyRange, valueRange: keyRange)
            }
            let candidate = text[..<colon].trimmed
            guard !candidate.isEmpty, candidate.utf8.count <= 60 else { return nil }
            let name = candidate.normalizedName
            guard
                locator.vocabulary.plainFieldNames.contains(name)
                    || (allowPlainKey && name.utf8.count(where: { $0 == 0x20 }) <= 3
                        && candidate.utf8.first.map({ $0 >= 65 && $0 <= 90 }) == true)
            else { return nil }
            key = candidate
            value = text[text.index(after: colon)...].trimmed
            // `estimate:: 3d`: Obsidian Dataview's inline field.
            if value.hasPrefix(":") { value = value.dropFirst().trimmed }
        }
        guard !key.isEmpty else { return nil }
        let keyRange = locator.range(of: key, line: line.line, fallback: line.nodes[start].range)
        var valueRange = keyRange
        if !value.isEmpty, let keyRange, keyRange.start.line == keyRange.end.line,
            let column = locator.file.valueColumn(afterKeyEndingAt: keyRange.end.column, onLine: keyRange.start.line)
        {
            valueRange = SourceRange(
                path: keyRange.path, start: SourceLocation(line: keyRange.start.line, column: column),
                end: SourceLocation(line: keyRange.start.line, column: column + value.utf8.count))
        }
        return Field(
            key: key, value: value, items: [], range: keyRange ?? locator.lineRange(line.line, fallback: nil),
            valueRange: valueRange)
    }
}
