import LoopReportMarkdown
import LoopReportSource
import LoopReportSupport

/// What one heading, field line or table of a document became, and why: `check --explain`,
/// the tool for "why is my block missing?".
package struct ExplainedLine: Sendable, Encodable {
    package var path: String
    package var line: Int
    package var column: Int
    /// `heading`, `field`, `table` or `row`.
    package var kind: String
    /// The source line as written.
    package var text: String
    /// What LoopReport made of it: `group 2 "Storage"`, `work item 2.3`, `estimate 3.5 days`, `ignored`.
    package var became: String
    package var why: String
}

extension PlanBuilder {
    /// Reads one document as `recognize` does and says, line by line, what each heading,
    /// field line and table became and why, in source order.
    package static func explain(_ markdown: MarkdownDocument, vocabulary: Vocabulary = .standard) -> [ExplainedLine] {
        let recognition = DocumentRecognizer.recognize(markdown, vocabulary: vocabulary)
        return Explainer(recognition: recognition, file: markdown.source, vocabulary: vocabulary).lines()
    }
}

private struct Explainer {
    let recognition: DocumentRecognition
    let file: SourceFile
    let vocabulary: Vocabulary

    func lines() -> [ExplainedLine] {
        var lines: [ExplainedLine] = []
        func add(_ range: SourceRange?, _ kind: String, _ became: String, _ why: String) {
            guard let range else { return }
            lines.append(
                ExplainedLine(
                    path: file.path, line: range.start.line, column: range.start.column, kind: kind,
                    text: String(file.line(range.start.line)).trimmed, became: became, why: why))
        }
        let sections = recognition.document.sections
        let missed = Dictionary(
            recognition.nearMisses.compactMap { note in note.range.map { ($0.start.line, note.message) } },
            uniquingKeysWith: { first, _ in first })
        for index in sections.indices.dropFirst() {
            let section = sections[index]
            let heading = HeadingParser.read(
                section.title.isEmpty
                    ? ""
                    : String(file.line(section.range?.start.line ?? 0))
                        .drop(while: { $0 == "#" }).trimmed)
            var markers: [String] = []
            if let status = heading.progress { markers.append("status \(status.rawValue) from '\(heading.statusText ?? "")'") }
            if let effort = heading.effortText { markers.append("effort '\(effort)'") }
            if let window = heading.window { markers.append("calendar window '\(window)' (not an effort)") }
            if let marker = section.marker { markers.append("marked \(marker.rawValue)") }
            let extra = markers.isEmpty ? "" : "; " + markers.joined(separator: "; ")
            switch section.kind {
            case .group, .revisedGroup:
                let word = HeadingParser.dropLeadingGlyphs(section.title).prefix(while: \.isLetter).lowercased()
                let worded = HeadingParser.groupDefinition(section.title, vocabulary: vocabulary) != nil
                add(
                    section.range, "heading", "group \(section.subject?.id ?? "") \"\(groupTitle(section))\"",
                    (worded ? "starts with the group word '\(word)' and an id" : "a numbered heading over work items") + extra)
            case .block:
                let id = section.subject?.id ?? ""
                let declaration = recognition.blocks.first { $0.range == section.range }
                let group = declaration?.groupID.map { " in Group \($0)" } ?? " in Group \(Reference.groupID(ofBlock: id))"
                let worded = HeadingParser.blockDefinition(section.title, vocabulary: vocabulary)?.wordless == false
                let numbered = HeadingParser.dropLeadingGlyphs(section.title).hasPrefix(id)
                let why =
                    worded
                    ? "starts with an item word and an id"
                    : (numbered ? "a numbered heading" : "an item word and an id with no separator before the title")
                        + " with evidence: " + evidence(index, heading: heading)
                add(section.range, "heading", "work item \(id) \"\(declaration?.title ?? section.title)\"\(group)", why + extra)
            default:
                let why =
                    missed[section.range?.start.line ?? -1]
                    ?? "not a group or item heading (no group or item word and id, nor a numbered id with evidence)"
                add(
                    section.range, "heading", section.kind == .other ? "section" : "section (\(section.kind.rawValue))",
                    why + extra)
            }
        }
        for group in recognition.groups {
            for (field, value) in group.fields where field.range != group.range {
                add(field.range, "field", describe(value, field), meaning(field))
            }
        }
        for block in recognition.blocks {
            for (field, value) in block.fields where field.range != block.range && field.range?.start.line != block.range?.start.line {
                add(field.range, "field", describe(value, field), meaning(field) + " (Block \(block.id))")
            }
            if block.range.map({ range in !sections.contains { $0.range == range } }) == true {
                let onTheLine = block.fields.filter { $0.field.range?.start.line == block.range?.start.line }
                let written = file.line(block.range?.start.line ?? 0).trimmed
                let form =
                    written.hasPrefix("|")
                    ? "a row of a work-item table"
                    : written.hasPrefix("**") || written.hasPrefix("__") ? "a bold line naming a work item" : "a listed work item"
                let why = onTheLine.isEmpty ? form : form + ": " + onTheLine.map { describe($0.value, $0.field) }.joined(separator: "; ")
                add(block.range, "row", "work item \(block.id) \"\(block.title)\"", why)
            }
        }
        for table in recognition.records.tables where table.kind != .workItems {
            add(
                table.range, "table", table.kind == .other ? "table (kept as written)" : "table (\(table.kind.rawValue))",
                "recognised by its header: " + table.header.map(\.text).joined(separator: " | "))
        }
        // Unknown field names outside definitions (those inside are explained above).
        let explained = Set(lines.map(\.line))
        for note in recognition.nearMisses where note.message.contains(":' is not a field") {
            if let line = note.range?.start.line, !explained.contains(line) { add(note.range, "field", "ignored", note.message) }
        }
        return lines.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    private func groupTitle(_ section: Section) -> String {
        recognition.groups.first { $0.range == section.range }?.title ?? section.title
    }

    /// Why a numbered heading without an item word was taken as a work item.
    private func evidence(_ index: Int, heading: HeadingText) -> String {
        let section = recognition.document.sections[index]
        if heading.progress != nil { return "a status in the heading" }
        if heading.effortText != nil { return "an effort in the heading" }
        if let parent = section.parent, [.group, .revisedGroup].contains(recognition.document.sections[parent].kind) {
            return "it is under a group heading"
        }
        return "plan fields under it"
    }

    private func meaning(_ field: Field) -> String {
        guard let name = vocabulary.fieldNames[field.name] else {
            return vocabulary.plainFieldNames.contains(field.name)
                ? "'\(field.key)' is kept as written; it sets nothing"
                : "'\(field.key)' is not a field name LoopReport knows (docs/format.md lists them; loopreport.yml's vocabulary: adds more)"
        }
        return "'\(field.key)' is a name for \(name)"
    }

    private func describe(_ value: FieldValue, _ field: Field) -> String {
        func days(_ d: Double) -> String { numberText(d, decimals: 2) + (d == 1 ? " day" : " days") }
        switch value {
        case .estimate(let effort?), .actual(let effort?):
            let kind = if case .estimate = value { "estimate" } else { "actual" }
            let range = effort.minimumDays < effort.maximumDays ? " (range \(days(effort.minimumDays)) to \(days(effort.maximumDays)))" : ""
            return "\(kind) \(days(effort.days))\(range)"
        case .estimate(nil), .actual(nil): return "unreadable effort"
        case .dependencies(let references):
            return references.isEmpty ? "no dependencies" : "depends on " + references.map(\.label).joined(separator: ", ")
        case .softDependencies(let references): return "soft dependencies: " + references.map(\.label).joined(separator: ", ")
        case .status(let progress, _): return progress.map { "status \($0.rawValue)" } ?? "status not understood"
        case .percentComplete(let percent): return "\(numberText(percent, decimals: 1)) % complete"
        case .priority(let text): return "priority \(text)"
        case .team(let text): return "owner \(text)"
        case .other: return vocabulary.plainFieldNames.contains(field.name) ? "kept as written" : "ignored"
        default: return "\(field.key.lowercased()) (\(field.items.count) items)"
        }
    }
}
