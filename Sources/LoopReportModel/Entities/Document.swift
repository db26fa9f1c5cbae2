import LoopReportMarkdown
import LoopReportSource

/// What a document is, declared in front matter (`kind:`) or inferred from its content.
package enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
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
package struct Section: Sendable, Hashable {
    /// Heading text without markers (`(NEW)`) or a trailing colon; empty for the preamble.
    package var title: String
    package var level: Int
    package var kind: SectionKind
    package var marker: RevisionMarker?
    /// The block or group the heading is about (`Implementation Results: Block 3.4`).
    package var subject: Reference?
    /// Index of the enclosing section in `Document.sections`, nil at the top.
    package var parent: Int?
    /// Block-level Markdown nodes under the heading, before the next heading. Everything
    /// is kept here, recognised or not, so nothing is dropped.
    package var content: [MarkdownNode]
    package var range: SourceRange?
}

/// One Markdown file of the project, read into sections.
package struct Document: Sendable {
    package var path: String
    package var kind: DocumentKind
    /// True when front matter declared the kind.
    package var kindIsDeclared: Bool
    package var title: String
    package var date: String?
    /// Front matter keys and values as written (scalars only).
    package var frontMatter: [String: String]
    /// Sections in document order; index 0 is the preamble before the first heading.
    package var sections: [Section]
    package var source: SourceFile
    /// The first line after the front matter.
    package var bodyStartLine: Int

    /// Every block and group reference in the document's text (prose, tables, lists,
    /// headings and figures alike), located: one pass over the source lines.
    package func mentions() -> [Reference] {
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
    package func context(of index: Int) -> [String] {
        var titles: [String] = []
        var current: Int? = index
        while let i = current {
            if !sections[i].title.isEmpty { titles.insert(sections[i].title, at: 0) }
            current = sections[i].parent
        }
        return titles
    }
}
