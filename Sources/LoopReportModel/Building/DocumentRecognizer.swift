import LoopReportMarkdown
import LoopReportSource
import Yams

/// Reads one parsed document into sections and typed records. What it does not recognise
/// stays in the sections' content as Markdown.
struct DocumentRecognizer {
    let markdown: MarkdownDocument
    let locator: Locator
    var result: DocumentRecognition
    /// The names group and block headings give (`Storage` in `Group 3: Storage`), by section.
    var definitionTitles: [Int: String] = [:]
    var path: String { markdown.path }

    static func recognize(_ markdown: MarkdownDocument) -> DocumentRecognition {
        var recognizer = DocumentRecognizer(markdown: markdown)
        recognizer.run()
        return recognizer.result
    }

    private init(markdown: MarkdownDocument) {
        self.markdown = markdown
        self.locator = Locator(file: markdown.source)
        let document = Document(path: markdown.path, kind: .notes, kindIsDeclared: false, title: "",
                                date: nil, frontMatter: [:], sections: [], source: markdown.source,
                                bodyStartLine: (markdown.frontMatterRange?.end.line ?? 0) + 1)
        self.result = DocumentRecognition(document: document)
    }

    private mutating func run() {
        readFrontMatter()
        (result.document.sections, definitionTitles) = buildSections()
        if markdown.root.children.isEmpty {
            result.diagnostics.append(Diagnostic(.emptyDocument, at: SourceRange.line(1, in: path),
                                                 "'\(path)' has no content"))
        }
        for index in result.document.sections.indices { recognize(section: index) }
        finishDocumentInfo()
    }

    // MARK: Front matter and document kind

    private mutating func readFrontMatter() {
        guard let yaml = markdown.frontMatter else { return }
        do {
            guard let node = try Yams.compose(yaml: yaml), case .mapping(let mapping) = node else { return }
            for (key, value) in mapping {
                if let k = key.string, let v = value.string { result.document.frontMatter[k] = v }
            }
        } catch {
            let line = (error as? YamlError).flatMap(Self.line(of:)).map { $0 + 1 } ?? 1
            result.diagnostics.append(Diagnostic(.invalidFrontMatter, at: SourceRange.line(line, in: path),
                                                 "front matter is not valid YAML: \(Self.firstLine(of: error))"))
        }
        if let kind = result.document.frontMatter["kind"] {
            if let parsed = DocumentKind.parse(kind) {
                result.document.kind = parsed
                result.document.kindIsDeclared = true
            } else {
                let range = locator.range(of: kind, line: nil, fallback: markdown.frontMatterRange)
                result.diagnostics.append(Diagnostic(
                    .unknownDocumentKind, at: range,
                    "unknown document kind '\(kind)'; expected one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return nil
        }
    }

    private static func firstLine(of error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }

    private mutating func finishDocumentInfo() {
        let sections = result.document.sections
        let firstHeading = sections.first(where: { $0.level == 1 }) ?? sections.dropFirst().first
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        result.document.title = result.document.frontMatter["title"] ?? firstHeading?.title ?? fileName
        result.document.date = result.document.frontMatter["date"]
            ?? sections.lazy.compactMap { Self.isoDate(in: $0.title) }.first
            ?? result.records.decisions.compactMap(\.date).first
        if !result.document.kindIsDeclared { result.document.kind = inferKind() }
    }

    static func isoDate(in text: String) -> String? {
        let s = Array(text.utf8)
        guard s.count >= 10 else { return nil }
        for i in 0...(s.count - 10) {
            let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { s[i + $0] >= 48 && s[i + $0] <= 57 }
            if digits, s[i + 4] == 45, s[i + 7] == 45 { return String(decoding: s[i..<(i + 10)], as: UTF8.self) }
        }
        return nil
    }

    /// Title cues first, then content signatures (constructs.md §8).
    private func inferKind() -> DocumentKind {
        let kinds = Set(result.document.sections.map(\.kind))
        let sections = result.document.sections
        let heading = sections.first(where: { $0.level == 1 }) ?? sections.dropFirst().first
        let title = (result.document.frontMatter["title"] ?? heading?.title ?? "").normalizedName
        // Title cues decide first, in this order; then content signatures.
        let titleCues: [(String, DocumentKind)] = [
            ("dashboard", .dashboard), ("consolidation", .consolidation), ("final summary", .consolidation),
            ("loop", .iteration), ("iteration", .iteration), ("reassessment", .iteration),
            ("progress", .progressReport), ("implementation block", .progressReport),
            ("plan", .plan), ("grouping guide", .plan),
        ]
        for (cue, kind) in titleCues where title.contains(cue) { return kind }
        if kinds.contains(.implementationSummary) || kinds.contains(.knowledgeCapture) { return .consolidation }
        let loopSignatures: Set<SectionKind> = [.progressAssessment, .discoveries, .rootCauseAnalysis, .revisedGroup,
                                                .reassessmentCycle, .adaptivePlanning, .timelineAdjustments,
                                                .continuationStrategy, .revisedSpecifications, .implementationResults]
        if !kinds.isDisjoint(with: loopSignatures) || result.records.decisions.contains(where: { $0.id.hasPrefix("L") }) {
            return .iteration
        }
        let progressSignatures: Set<SectionKind> = [.implementationProgress, .preImplementationValidation,
                                                    .postImplementationValidation, .progressMetrics, .implementationNotes]
        if !kinds.isDisjoint(with: progressSignatures) { return .progressReport }
        if kinds.contains(.dashboard) { return .dashboard }
        if !result.groups.isEmpty || !result.blocks.isEmpty { return .plan }
        return .notes
    }

    // MARK: Sections

    private func buildSections() -> ([Section], [Int: String]) {
        var definitionTitles: [Int: String] = [:]
        var sections = [Section(title: "", level: 0, kind: .other, marker: nil, subject: nil, parent: nil,
                                content: [], range: nil)]
        var stack = [0]
        // By index: `for node in` would copy each node before it is copied into its section.
        let nodes = markdown.root.children
        for n in nodes.indices {
            guard case .heading(let level) = nodes[n].kind else {
                sections[sections.count - 1].content.append(nodes[n])
                continue
            }
            let node = nodes[n]
            while let top = stack.last, top != 0, sections[top].level >= level { stack.removeLast() }
            let parent = stack.last!
            let (title, marker) = HeadingParser.split(node.plainText)
            var kind: SectionKind
            var subject: Reference?
            if let group = HeadingParser.groupDefinition(title) {
                kind = group.revised ? .revisedGroup : .group
                subject = Reference(kind: .group, id: group.id, range: node.range)
                definitionTitles[sections.count] = group.title
            } else if let block = HeadingParser.blockDefinition(title) {
                kind = .block
                subject = Reference(kind: .block, id: block.id, range: node.range)
                definitionTitles[sections.count] = block.title
            } else {
                kind = SectionKind.classify(title, parent: sections[parent].kind)
                if let first = ReferenceScanner.scan(title).first {
                    subject = Reference(kind: first.kind, id: first.id,
                                        range: locator.range(of: first.text, line: node.range?.start.line, fallback: node.range))
                }
            }
            sections.append(Section(title: title, level: level, kind: kind, marker: marker, subject: subject,
                                    parent: parent == 0 ? nil : parent, content: [], range: node.range))
            stack.append(sections.count - 1)
        }
        return (sections, definitionTitles)
    }

    /// The kinds of a section and its ancestors, innermost first.
    func lineage(_ index: Int) -> [SectionKind] {
        var kinds: [SectionKind] = []
        var current: Int? = index
        while let i = current { kinds.append(result.document.sections[i].kind); current = result.document.sections[i].parent }
        return kinds
    }

    func within(_ index: Int, _ kind: SectionKind) -> Bool { lineage(index).contains(kind) }

    /// The block or group a section or its nearest ancestor is about.
    func lineageSubjects(_ index: Int) -> [Reference] {
        var subjects: [Reference] = []
        var current: Int? = index
        while let i = current {
            if let subject = result.document.sections[i].subject { subjects.append(subject) }
            current = result.document.sections[i].parent
        }
        return subjects
    }

    // MARK: Dispatch

    private mutating func recognize(section index: Int) {
        let section = result.document.sections[index]
        if section.kind == .group || section.kind == .revisedGroup, let subject = section.subject,
           let title = definitionTitles[index] {
            result.groups.append(GroupDeclaration(
                id: subject.id, title: title, marker: section.marker,
                isRevisedHeading: section.kind == .revisedGroup,
                fields: readFields(collectFields(section.content, allowPlainKeys: true)), range: section.range))
        }
        if section.kind == .block, let subject = section.subject, let title = definitionTitles[index] {
            var marker = section.marker
            if marker == nil, within(index, .newBlocks) { marker = .new }
            result.blocks.append(BlockDeclaration(id: subject.id, title: title, marker: marker,
                                                  fields: readFields(collectFields(section.content, allowPlainKeys: true)),
                                                  range: section.range, path: path))
        }
        let content = section.content
        var i = 0
        while i < content.count {
            let node = content[i]
            let next = i + 1 < content.count ? content[i + 1] : nil
            switch node.kind {
            case .table:
                recognizeTable(node, section: index)
            case .codeBlock(let info):
                recognizeCode(node, info: info, section: index)
            case .list:
                recognizeList(node, section: index)
            case .paragraph:
                if recognizeBoldBlockLine(node, next: next, section: index) { i += 2; continue }
                recognizeParagraph(node, next: next, section: index)
            case .htmlBlock:
                result.diagnostics.append(Diagnostic(.rawHTML, at: node.range,
                                                     "raw HTML is shown as text, never rendered as HTML"))
            default:
                break
            }
            i += 1
        }
        recognizeSectionRecord(index)
    }

    /// What each field of a definition sets.
    mutating func readFields(_ fields: [Field]) -> [(field: Field, value: FieldValue)] {
        fields.map { ($0, FieldValue.read($0, in: markdown.source, diagnostics: &result.diagnostics)) }
    }

    /// Field lines of a definition: field paragraphs, and lists that follow a field whose
    /// value is empty (`**Tasks**:` then bullets). A bold field line right after a list
    /// item is, to CommonMark, a lazy continuation of that item; it is split off here so
    /// that `**Discrepancies Addressed**:` items followed by `**Implementation Order**:`
    /// read as two fields, as their authors meant.
    func collectFields(_ nodes: [MarkdownNode], allowPlainKeys: Bool) -> [Field] {
        var fields: [Field] = []
        func appendContinuation(_ text: String) {
            guard !fields.isEmpty, fields[fields.count - 1].items.isEmpty else { return }
            fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? text : " " + text
        }
        // Nodes are read in place, by index: `for node in nodes` copies each one.
        for n in nodes.indices {
            if nodes[n].isParagraph {
                for line in nodes[n].lines {
                    if let field = Field.parse(line, locator: locator, allowPlainKey: allowPlainKeys) {
                        fields.append(field)
                    } else {
                        appendContinuation(line.text.trimmed)
                    }
                }
            } else if nodes[n].isList {
                var owner: Int? = fields.last.map { $0.value.isEmpty && $0.items.isEmpty } == true ? fields.count - 1 : nil
                let items = nodes[n].children
                for i in items.indices {
                    let paragraph = items[i].children.firstIndex(where: \.isParagraph)
                    let lines = paragraph.map { items[i].children[$0].lines } ?? []
                    if owner == nil {
                        // `- Key: value` items; a key with no value takes the item's nested list.
                        var found = lines.compactMap { Field.parse($0, locator: locator, allowPlainKey: allowPlainKeys) }
                        if found.count == 1, found[0].value.isEmpty { found[0].items = items[i].nestedItemTexts }
                        fields += found
                        continue
                    }
                    var itemWords: [String] = []
                    var split = false
                    for (k, line) in lines.enumerated() {
                        if !split, k > 0, case .strong? = line.nodes.first?.kind,
                           let field = Field.parse(line, locator: locator, allowPlainKey: false) {
                            split = true
                            fields[owner!].items.append(itemWords.joined(separator: " ").trimmed)
                            fields.append(field)
                            owner = field.value.isEmpty ? fields.count - 1 : nil
                        } else if split {
                            if let field = Field.parse(line, locator: locator, allowPlainKey: false) {
                                fields.append(field)
                                owner = field.value.isEmpty ? fields.count - 1 : nil
                            } else {
                                appendContinuation(line.text.trimmed)
                            }
                        } else {
                            itemWords.append(line.text.trimmed)
                        }
                    }
                    if !split, let owner { fields[owner].items.append(itemWords.joined(separator: " ").trimmed) }
                }
            }
        }
        return fields
    }
}
