import LoopReportMarkdown
import LoopReportSource

/// What a document is, declared in front matter (`kind:`) or inferred from its content.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    case plan
    case progressReport = "progress-report"
    case iteration
    case consolidation
    case dashboard
    /// Nothing identifies it; its content is kept and rendered as prose.
    case notes

    static func parse(_ text: String) -> DocumentKind? {
        switch text.normalizedName {
        case "plan", "implementation plan", "consolidated plan": .plan
        case "progress", "progress report", "fourth pass": .progressReport
        case "iteration", "loop", "loop iteration", "reassessment": .iteration
        case "consolidation", "final consolidation", "summary": .consolidation
        case "dashboard", "tracking dashboard": .dashboard
        case "notes", "other": .notes
        default: DocumentKind(rawValue: text.trimmed.lowercased())
        }
    }
}

/// A heading and the Markdown between it and the next heading. Sections nest by level.
public struct Section: Sendable, Hashable {
    /// Heading text without markers (`(NEW)`) or a trailing colon; empty for the preamble.
    public var title: String
    public var level: Int
    public var kind: SectionKind
    public var marker: RevisionMarker?
    /// The block or group the heading is about (`Implementation Results: Block 3.4`).
    public var subject: Reference?
    /// Index of the enclosing section in `Document.sections`, nil at the top.
    public var parent: Int?
    /// Block-level Markdown nodes under the heading, before the next heading. Everything
    /// is kept here, recognised or not, so nothing is dropped.
    public var content: [MarkdownNode]
    public var range: SourceRange?
}

/// One Markdown file of the project, read into sections.
public struct Document: Sendable {
    public var path: String
    public var kind: DocumentKind
    /// True when front matter declared the kind.
    public var kindIsDeclared: Bool
    public var title: String
    public var date: String?
    /// Front matter keys and values as written (scalars only).
    public var frontMatter: [String: String]
    /// Sections in document order; index 0 is the preamble before the first heading.
    public var sections: [Section]
    public var source: SourceFile
    /// The first line after the front matter.
    public var bodyStartLine: Int

    /// Every block and group reference in the document's text (prose, tables, lists,
    /// headings and figures alike), located: one pass over the source lines.
    public func mentions() -> [Reference] {
        var candidates: [(Int, String)] = []
        source.forEachLine(from: bodyStartLine) { number, bytes in
            if ReferenceScanner.mightContainReference(bytes) {
                candidates.append((number, String(decodingLine: bytes)))
            }
        }
        return candidates.flatMap { number, line in
            ReferenceScanner.located(in: line, line: number, of: source, fallback: .line(number, in: path))
        }
    }

    /// The titles of a section and its ancestors, outermost first.
    public func context(of index: Int) -> [String] {
        var titles: [String] = []
        var current: Int? = index
        while let i = current {
            if !sections[i].title.isEmpty { titles.insert(sections[i].title, at: 0) }
            current = sections[i].parent
        }
        return titles
    }
}
