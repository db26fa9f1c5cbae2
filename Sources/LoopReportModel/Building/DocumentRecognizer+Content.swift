import Foundation
import LoopReportMarkdown
import LoopReportSource
import LoopReportSupport

extension DocumentRecognizer {
    /// Finding kinds by section kind: the lists under these headings are categorised items.
    static let findingKinds: [SectionKind: Finding.Kind] = [
        .discoveryCategory: .discovery, .discoveries: .discovery, .deviations: .deviation,
        .patternAnalysis: .pattern, .overallHealth: .health, .lessonsLearned: .lesson,
        .planAdjustments: .planAdjustment, .optimizationOpportunities: .optimizationOpportunity,
        .unexpectedFindings: .unexpectedFinding, .scalingCharacteristics: .scalingCharacteristic,
        .documentationUpdates: .documentationUpdate, .operationalGuidance: .operationalGuidance,
        .complexityAssessment: .complexityAssessment, .resourceAllocation: .resourceAllocation,
        .architecturalEvolution: .architecturalEvolution, .completionAnalysis: .completionAnalysis,
        .keyObjectives: .keyObjective, .validationCriteria: .validationCriterion,
        .checklistCategory: .validationCriterion, .testingStrategy: .incrementalTesting,
        .telemetry: .telemetry, .knowledgeCapture: .lesson,
    ]

    // MARK: Lists

    mutating func recognizeList(_ list: MarkdownNode, section index: Int) {
        let section = result.document.sections[index]
        let items = list.children
        if Self.listItemSections.contains(section.kind), !asides.contains(index), enclosingGroup(index) == nil,
            readOutline(list, section: index)
        {
            return
        }
        // Any item may start the work items: `- Goal: …` often comes first.
        // Under an item's heading, a list of its siblings (`### 1.3 Tests` then `- 1.4 Share sheet`) is
        // items too. (A block's lists are its tasks and files: only an item whose text opens with its
        // parent's number, `1.`, is read further.)
        var ofSiblings = false
        if section.kind == .block, let id = section.subject?.id, let dot = id.lastIndex(of: "."), !id.hasPrefix("#") {
            let stem = id[...dot]
            ofSiblings = items.contains { item in
                guard Self.leadingText(of: item).utf8.starts(with: stem.utf8) else { return false }
                return HeadingParser.blockDefinition(HeadingParser.read(item.itemText).title, vocabulary: vocabulary)
                    .map { Self.areSiblings(id, $0.id) } ?? false
            }
        }
        if Self.listItemSections.contains(section.kind) || ofSiblings, !asides.contains(index), items.contains(where: mayDefineItem) {
            var declarations = listItemDefinitions(items, section: index)
            if !declarations.isEmpty {
                // Under `## ✅ Done`, `## In progress`, `## Blocked`: each line without a state of its own has the heading's.
                // An empty box is none (a board's lane is its cards' state: `## Doing` over `- [ ] WEB-17 …`).
                if let state = sectionState(index) {
                    if isBoard {
                        for d in declarations.indices {
                            declarations[d].fields.removeAll { $0.field.key == "Status" && $0.field.value == Self.emptyBox }
                        }
                    }
                    for d in declarations.indices
                    where !declarations[d].fields.contains(where: { if case .status = $0.value { true } else { false } }) {
                        let field = Field(
                            key: "Status", value: section.title, items: [], range: declarations[d].range, valueRange: declarations[d].range)
                        declarations[d].fields.append((field, .status(state, percent: state == .complete ? 100 : nil)))
                    }
                }
                result.blocks += declarations
                // In a log section, what the lines say of items defined before: `- #418 merged → done.`
                if isLogSection(index) {
                    for item in items { readLoggedStates(item.itemText, line: item.range?.start.line, section: index) }
                }
                return
            }
        }
        if items.contains(where: { $0.taskState != nil }) {
            addChecklist(items, section: index, range: list.range)
            return
        }
        // Lists in a block definition are its field values (tasks, files, criteria).
        if section.kind == .block { return }
        if items.contains(where: { Self.resultGlyph($0.itemText) != nil }),
            [.postImplementationValidation, .preImplementationValidation, .checklistCategory, .validationChecklist]
                .contains(where: { within(index, $0) }) || items.allSatisfy({ Self.resultGlyph($0.itemText) != nil })
        {
            if !items.contains(where: { Self.blockProgressItem($0.itemText) != nil }) {
                addChecklist(items, section: index, range: list.range)
                return
            }
        }
        switch section.kind {
        case .removedBlocks:
            for item in items { readRemoval(item) }
            return
        case .bufferAllocation:
            for item in items { readBuffer(item) }
            return
        case .timelineProjections:
            readProjection(items, range: list.range)
        case .majorRevisions:
            for item in items { readMajorRevision(item) }
            return
        case .blockers:
            for item in items { readBlocker(item) }
            return
        default:
            break
        }
        // Under a dependencies heading, `- 1.1 → 1.2 → 1.3` states dependencies.
        let drawsDependencies = within(index, .dependencyGraph)
        for item in items {
            let text = item.itemText
            let line = item.range?.start.line
            if drawsDependencies, let line { readArrows(text, firstLine: line); readDependencySentence(text, line: line) }
            if let progress = readProgressItem(item, section: section.kind, state: sectionState(index)) {
                result.records.progress.append(progress)
                continue
            }
            readLoggedStates(text, line: line, section: index)
            if let ratio = Ratio.find(in: text), ratio.declaredPercent != nil || section.kind == .progressMetrics {
                let label = text.split(separator: ":").first.map { String($0).trimmed } ?? text
                result.records.ratios.append(
                    DeclaredRatio(
                        label: label, ratio: ratio, path: path,
                        range: locator.lineRange(line, fallback: item.range)))
            }
            if let metric = readMetricLine(text, range: locator.lineRange(line, fallback: item.range)) {
                result.records.metrics.append(metric)
            }
            if let kind = Self.findingKinds[section.kind] ?? lineage(index).lazy.compactMap({ Self.findingKinds[$0] }).first {
                result.records.findings.append(
                    Finding(
                        kind: kind, category: section.title, text: text, details: item.nestedItemTexts, path: path,
                        range: locator.lineRange(line, fallback: item.range)))
            }
        }
    }

    /// `1.3` and `1.4`: ids of one parent, one level.
    static func areSiblings(_ a: String?, _ b: String) -> Bool {
        guard let a, a != b else { return false }
        let x = a.split(separator: "."), y = b.split(separator: ".")
        return x.count > 1 && x.count == y.count && x.dropLast() == y.dropLast()
    }

    /// A group a list item stands for (an outline's step, a task over its numbered tasks),
    /// declared once.
    mutating func declareGroup(_ id: String, title: String, at item: MarkdownNode) {
        guard !result.groups.contains(where: { $0.id == id }) else { return }
        result.groups.append(
            GroupDeclaration(
                id: id, title: title, marker: nil, isRevisedHeading: false, fields: [],
                range: locator.lineRange(item.range?.start.line, fallback: item.range)))
    }

    /// A numbered outline whose steps hold numbered, sized sub-steps:
    ///
    ///     1. **Introduce a `LedgerClient` interface**
    ///        1. Define the protocol — 0.5d ✅            → item 1.1 of group 1
    ///        2. Implement it — 1d, after 1.1               → item 1.2
    ///     5. **Enforce the boundaries** — 0.5d, after 4.2   → item 5
    ///
    /// Each step with sub-steps is a group named by its number; each sub-step an item numbered
    /// within it; a step without them is an item of its own number.
    mutating func readOutline(_ list: MarkdownNode, section index: Int) -> Bool {
        guard case .list(ordered: true, let start, _) = list.kind else { return false }
        func numberedSteps(_ item: MarkdownNode) -> MarkdownNode? {
            item.children.first { if case .list(ordered: true, _, _) = $0.kind { true } else { false } }
        }
        let outlined = list.children.compactMap(numberedSteps)
        guard !outlined.isEmpty,
            outlined.allSatisfy({ steps in
                steps.children.count(where: { step in
                    let text = step.itemText
                    return step.taskState != nil
                        || text.containsBytes(" — ")
                            && text.components(separatedBy: " — ").dropFirst().contains {
                                let lead = $0.prefix { $0 != "," && $0 != "(" }.components(separatedBy: ". ")[0].trimmed
                                return Effort.parse(lead, units: vocabulary.units) != nil
                            }
                }) * 2 > steps.children.count
            })
        else { return false }
        var declarations: [BlockDeclaration] = []
        for (offset, item) in list.children.enumerated() {
            let number = String(start + offset)
            if let steps = numberedSteps(item) {
                guard case .list(ordered: true, let first, _) = steps.kind else { continue }
                let title = HeadingParser.read(item.children.first(where: \.isParagraph)?.plainText.trimmed ?? "").title
                declareGroup(number, title: title, at: item)
                for (k, step) in steps.children.enumerated() {
                    guard var declaration = listItemDefinition(step, section: index, positionalID: "\(number).\(first + k)") else {
                        continue
                    }
                    declaration.groupID = number
                    declarations.append(declaration)
                }
            } else if var declaration = listItemDefinition(item, section: index, positionalID: number),
                declaration.fields.contains(where: { if case .estimate = $0.value { true } else { false } })
            {
                declaration.title = HeadingParser.read(declaration.title).title
                declarations.append(declaration)
            }
        }
        result.blocks += declarations
        return !declarations.isEmpty
    }

    /// A list item's part that says it waits for nothing: `— no dependencies`.
    static let noDependencies: Set<String> = ["no dependencies", "no dependency", "none", "no deps", "independent"]

    /// Sections whose lists may define work items: plan structure, not progress, validation
    /// or iteration records (where `✅ Block 1.1: Title` reports progress).
    static let listItemSections: Set<SectionKind> = [
        .other, .group, .revisedGroup, .implementationGroups, .overview,
        .timeline, .milestones, .newBlocks,
    ]

    /// A list item that defines a work item: `- T-2.1.3: Retry policy — 4h — depends on
    /// T-2.1.1`, `- [x] 1.2 Account import (3h)`, `- Task 4: Docs` with field bullets under it.
    /// Without an item word, the item needs evidence, as a numbered heading does: an effort,
    /// dependencies, a status or checkbox, field bullets, or a group heading above it.
    /// The work items of a list, and of the lists nested in its items (`- 1.2 Deploy` over
    /// `  - 1.2.1 Upload`).
    mutating func listItemDefinitions(_ items: [MarkdownNode], section index: Int, depth: Int = 0) -> [BlockDeclaration] {
        guard depth <= Self.maximumItemNesting else { return [] }
        var declarations: [BlockDeclaration] = []
        for item in items {
            // `1.1. Define schema — 1d` lines under an outline's `1. Indexing pipeline`, read as
            // the paragraph's continuation lines.
            let paragraph = item.children.first(where: \.isParagraph)
            let lineItems = paragraph.map(Self.lineItems) ?? []
            let own: MarkdownNode =
                lineItems.isEmpty
                ? item
                : MarkdownNode(
                    kind: item.kind, range: item.range,
                    children: [
                        MarkdownNode(kind: .paragraph, range: paragraph?.range, children: Array(paragraph?.lines.first?.nodes ?? []))
                    ] + item.children.filter { !$0.isParagraph })
            let nested = item.children.filter(\.isList).flatMap(\.children)
            let children =
                (lineItems.isEmpty ? [] : listItemDefinitions(lineItems, section: index, depth: depth + 1))
                + (nested.isEmpty ? [] : listItemDefinitions(nested, section: index, depth: depth + 1))
            let parent = listItemDefinition(own, section: index)
            // An item over its own numbered items (`- [ ] 1. Set up` over `1.1 …`, `- [x] 1.0 Data
            // model` over `1.1 …`, `1. Indexing pipeline` over `1.1. …`) is their group.
            if !children.isEmpty, let group = Self.parentGroup(own.itemText, parent: parent, children: children) {
                declareGroup(group.id, title: group.title, at: item)
                declarations += children.map {
                    var child = $0; child.groupID = group.id; return child
                }
                continue
            }
            if let parent { declarations.append(parent) }
            declarations += children
        }
        return declarations
    }

    /// Whether a list item may define work items: a checkbox, an id (after `Added:`), struck
    /// through, outline lines with ids, or items nested under it that may.
    func mayDefineItem(_ item: MarkdownNode) -> Bool { mayDefineItem(item, depth: 0) }

    /// Lists nested deeper than this are read as text: nesting depth is the input's to choose,
    /// and each level is a frame of the recursion.
    static let maximumItemNesting = 8

    private func mayDefineItem(_ item: MarkdownNode, depth: Int) -> Bool {
        if item.taskState != nil || Self.customBox(item.itemText) != nil { return true }
        if Self.struckThrough(item) != nil { return true }
        let paragraph = item.children.first(where: \.isParagraph)
        let text = item.itemText
        if HeadingParser.blockDefinition(
            HeadingParser.read(Self.revisionPrefix(text)?.1 ?? text).title, vocabulary: vocabulary,
            boldID: Self.boldLead(of: item), issueNumbers: Self.statesItsItem(item)) != nil
        {
            return true
        }
        if let paragraph, !Self.lineItems(paragraph).isEmpty { return true }
        guard depth < Self.maximumItemNesting else { return false }
        return item.children.contains { $0.isList && $0.children.contains { mayDefineItem($0, depth: depth + 1) } }
    }

    /// Lines of a paragraph after its first that start with a dotted item id (`1.1. Define
    /// schema — 1d`), as list items of their own.
    static func lineItems(_ paragraph: MarkdownNode) -> [MarkdownNode] {
        let lines = paragraph.lines
        guard lines.count > 1 else { return [] }
        let items = lines.dropFirst().filter { line in
            let bytes = Array(line.text.trimmed.utf8)
            guard let (id, _) = HeadingParser.itemID(bytes, at: 0) else { return false }
            return id.utf8.contains(0x2E)
        }
        guard items.count == lines.count - 1 else { return [] }
        return items.map { line in
            let range = line.line.map { SourceRange.line($0, in: paragraph.range?.path ?? "") }
            return MarkdownNode(
                kind: .item(task: nil), range: range, children: [MarkdownNode(kind: .paragraph, range: range, children: Array(line.nodes))])
        }
    }

    /// The group an item over numbered items stands for: its own number (`1.`, `1.0`, or its
    /// position's id read from the children) and its text as the title.
    static func parentGroup(_ text: String, parent: BlockDeclaration?, children: [BlockDeclaration]) -> (id: String, title: String)? {
        let prefixes = Set(children.map { Reference.groupID(ofBlock: $0.id) })
        guard prefixes.count == 1, let id = prefixes.first, children.allSatisfy({ $0.id.contains(".") }) else { return nil }
        if let parent {
            guard parent.id == id || parent.id == id + ".0" else { return nil }
            return (id, parent.title)
        }
        // `1. Set up project structure`, or the bare title of an ordered list's item.
        var title = Substring(text)
        if title.hasPrefix(id + ".") || title.hasPrefix(id + ")") { title = title.dropFirst(id.count + 1) }
        return (id, HeadingParser.read(String(title)).title.trimmed)
    }

    /// - Parameter positionalID: the id of an item written without one (`positionalItems`).
    mutating func listItemDefinition(_ item: MarkdownNode, section index: Int, positionalID: String? = nil) -> BlockDeclaration? {
        var text = item.itemText
        // `WEB-21 Referral code<br>est 2d`: a board card's lines, parts of the item.
        if text.containsBytes("<br") || text.containsBytes("<BR") {
            for tag in ["<br>", "<br/>", "<br />", "<BR>", "<BR/>", "<BR />"] { text = text.replacingOccurrences(of: tag, with: " — ") }
        }
        // `~~1.2 Writer~~ dropped`: struck through, taken out; `Added **1.3 Exporter** — 4d`,
        // `New: Task 2.4: …`; `Removed: 1.2 (out of scope)`, `Dropped 1.2`.
        var revision: RevisionMarker?
        let struck = Self.struckThrough(item)
        if let struck {
            text = struck.plainText.trimmed
            revision = .removed
        } else if positionalID == nil, let (marker, rest) = Self.revisionPrefix(text) {
            text = rest
            revision = marker
        }
        if positionalID == nil, let change = dependencyChange(text, item: item) { return change }
        // `Blocked: switch email sending — 1d`: a state before an entry with no id.
        var leadingState: Progress?
        if positionalID != nil, let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 12,
            let said = HeadingParser.statusPhrase(String(text[..<colon]))
        {
            leadingState = said
            text = String(text[text.index(after: colon)...]).trimmed
        }
        // `[~] 2.3 …`, `[-]`, `[!]`, `[/]`, Kiro's optional `[ ]* 2.3 …`: boxes GFM does not tick.
        var boxed: Progress?
        if let (state, rest) = Self.customBox(text) { (boxed, text) = (state, rest) }
        // `~~1.2~~ dropped`, `Removed: 1.4 (out of scope)`: an item taken out by its id. Struck
        // through with its title (`~~**2.6** Reviews (2h)~~ — dropped`), it is also defined, as a
        // struck-through heading is, so a plan may strike out an item it never had elsewhere.
        let struckDefinition =
            revision == .removed && struck != nil
            && (positionalID != nil
                || HeadingParser.blockDefinition(HeadingParser.read(text).title, vocabulary: vocabulary, issueNumbers: true)?.title.isEmpty
                    == false)
        if revision == .removed, !struckDefinition,
            let match = ReferenceScanner.scan(text, bareBlockIDs: true, vocabulary: vocabulary).first,
            match.kind == .block,
            text.hasPrefix(match.text) || HeadingParser.blockDefinition(HeadingParser.read(text).title, vocabulary: vocabulary) != nil
        {
            let range = locator.lineRange(item.range?.start.line, fallback: item.range)
            result.removals.append(
                Removal(reference: Reference(kind: .block, id: match.id, range: range), title: "", reason: nil, range: range))
            return nil
        }
        guard let first = text.utf8.first,
            positionalID != nil || ReferenceScanner.isDigit(first) || (first >= 65 && first <= 90) || first >= 0x80
                || first == 0x23 || first == 0x5B
        else { return nil }
        // `AUTH-3 Session refresh (3h) ← AUTH-1`: what it waits for after a left arrow.
        if text.containsBytes(" ← ") { text = text.replacingOccurrences(of: " ← ", with: " — depends on ") }
        // The parts after the title: `— 4h — depends on T-2.1.1`.
        var parts = text.components(separatedBy: " — ").flatMap { $0.components(separatedBy: " | ") }.flatMap {
            $0.components(separatedBy: " · ")
        }
        var headText = parts.removeFirst()
        // `Est: 1h`, `оценка: 1 ч`, `odhad 1 den`, `Status: done`: an estimate or status named
        // before its value is that value.
        func unlabelled(_ part: String) -> String {
            let trimmed = part.trimmed
            let label = trimmed.prefix { $0 != ":" && $0 != "：" }
            if label.count < trimmed.count, let name = vocabulary.fieldNames[label.normalizedName], name == .estimate || name == .status {
                return String(trimmed.dropFirst(label.count + 1)).trimmed
            }
            if let space = trimmed.firstIndex(of: " "), vocabulary.fieldNames[trimmed[..<space].normalizedName] == .estimate {
                let value = String(trimmed[space...]).trimmed
                if Effort.parse(value, units: vocabulary.units) != nil || EffortUnits.isPoints(value) { return value }
            }
            return part
        }
        func isField(_ part: String) -> Bool {
            let part = unlabelled(part)
            let lower = part.normalizedName
            return Effort.parse(part, units: vocabulary.units) != nil || EffortUnits.isPoints(part) || EffortUnits.isSize(part)
                || HeadingParser.statusPhrase(part) != nil
                || Self.noDependencies.contains(lower) || dependencyPrefixes.contains(where: lower.hasPrefix)
        }
        // Pieces of a part at a separator, the ids after a dependency word kept together:
        // `1d, depends on 2.1, 1.2` is `1d` and `depends on 2.1, 1.2`.
        func fieldPieces(_ text: String, separator: Character) -> [String] {
            var pieces: [String] = []
            for piece in text.split(separator: separator).map({ String($0).trimmed }) {
                if let last = pieces.last, dependencyPrefixes.contains(where: last.normalizedName.hasPrefix), !isField(piece),
                    HeadingParser.blockDefinition(piece, vocabulary: vocabulary)?.title.isEmpty == true
                        || FieldValue.letterIDs(piece) != nil
                {
                    pieces[pieces.count - 1] += "\(separator) " + piece
                } else {
                    pieces.append(piece)
                }
            }
            return pieces
        }
        // `— 1 day, after step 1`: fields parted by a comma within a part; `— 3d (needs 1.1)`: a
        // dependency in brackets after the effort.
        parts = parts.flatMap { part -> [String] in
            let trimmed = part.trimmed
            if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "("), open != trimmed.startIndex {
                let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
                if dependencyPrefixes.contains(where: inner.lowercased().hasPrefix), isField(String(trimmed[..<open]).trimmed) {
                    return [String(trimmed[..<open]), inner]
                }
            }
            func commaPieces(_ part: String) -> [String] {
                let pieces = fieldPieces(part, separator: ",")
                return pieces.count > 1 && pieces.allSatisfy({ isField($0.trimmed) }) ? pieces : [part]
            }
            // `0.5d. Depends on 2. ✅ merged (#4411)`: fields as sentences, the first a field.
            if trimmed.containsBytes(". ") {
                let sentences = trimmed.components(separatedBy: ". ").map { $0.trimmed.trimmingCharacters(in: ["."]) }.filter {
                    !$0.isEmpty
                }
                if let first = sentences.first, isField(commaPieces(first)[0]) { return sentences.flatMap(commaPieces) }
            }
            return commaPieces(part)
        }
        // `(4h, depends on 1.3)`, `(1d; after 2.1)`, `(оценка: 1 ч)`: fields in the closing brackets.
        func isNamedField(_ part: String) -> Bool {
            guard let colon = part.firstIndex(of: ":") else { return false }
            return vocabulary.fieldNames[part[..<colon].normalizedName] != nil
        }
        // `(est 30m) [deps: T1] (done)`: each closing bracket group, last first.
        func takeBracketedFields() {
            while takeLastBracket() {}
        }
        func takeLastBracket() -> Bool {
            let trimmedHead = headText.trimmed
            if trimmedHead.hasSuffix("]"), let open = trimmedHead.lastIndex(of: "["), open != trimmedHead.startIndex {
                let inner = String(trimmedHead[trimmedHead.index(after: open)..<trimmedHead.index(before: trimmedHead.endIndex)])
                guard isField(inner) || isNamedField(inner) else { return false }
                parts.insert(inner.replacingOccurrences(of: ":", with: ""), at: 0)
                headText = String(trimmedHead[..<open])
                return true
            }
            headText = trimmedHead
            guard headText.hasSuffix(")"), let open = Self.openingBracket(ofLast: headText) else { return false }
            let before = headText
            // Split at semicolons when there are any: `(1 week; depends on 2.1, 1.2)`.
            let inner = headText[headText.index(after: open)..<headText.index(before: headText.endIndex)]
            let separator: Character = inner.contains(";") ? ";" : ","
            let pieces = fieldPieces(String(inner), separator: separator)
            guard !pieces.isEmpty else { return false }
            let lower = inner.trimmed.lowercased()
            if pieces.count > 1 || unlabelled(pieces[0]) != pieces[0], pieces.allSatisfy(isField) {
                parts = pieces + parts
                headText = String(headText[..<open])
            } else if pieces.count > 1,
                pieces.contains(where: {
                    Effort.parse(unlabelled($0), units: vocabulary.units) != nil || EffortUnits.isPoints(unlabelled($0))
                })
            {
                // `(~2h, revised in loop 2: was ~1h)`, `(M1–M4; Lead: UNIPD; 6 person-months)`: the effort and
                // any other fields; the rest is a note.
                parts = pieces.filter(isField) + parts
                headText = String(headText[..<open])
            } else if !inner.contains(";"), dependencyPrefixes.contains(where: lower.hasPrefix) {
                // `(depends on T007, T008)`: one dependency part.
                parts = [String(inner).trimmed] + parts
                headText = String(headText[..<open])
            } else if HeadingParser.statusPhrase(String(inner.prefix { $0 != ":" && $0 != "," }).trimmed) != nil,
                open != headText.startIndex
            {
                // `(done)`, `(blocked: waiting on SEC-311)`: a state.
                parts = [String(inner).trimmed] + parts
                headText = String(headText[..<open])
            }
            return headText != before
        }
        // `2.5 Payment (5 h; after 2.4) — no contract yet`: the brackets before a note.
        takeBracketedFields()
        // `**Task 1.1 — Schema** (2h)`, `2.4 Code tabs — curl / Python (2d, after 2.2)`: a dash
        // before anything but a field is part of the title (or parts the id from it).
        while let next = parts.first, !isField(next.trimmed), !isNamedField(next),
            HeadingParser.leadingStatus(next) == nil
        {
            headText += " — " + parts.removeFirst()
        }
        takeBracketedFields()
        // `2.1 SDK rollout (Go): ✅ done`: a status after the title's colon.
        if let colon = headText.lastByteRange(of: ": "), HeadingParser.statusPhrase(String(headText[colon.upperBound...]).trimmed) != nil,
            HeadingParser.blockDefinition(String(headText[..<colon.lowerBound]), vocabulary: vocabulary)?.title.isEmpty == false
        {
            parts.insert(String(headText[colon.upperBound...]), at: 0)
            headText = String(headText[..<colon.lowerBound])
        }
        let heading = HeadingParser.read(headText)
        guard
            var definition = positionalID.map({ ($0, heading.title, false) })
                ?? HeadingParser.blockDefinition(
                    heading.title, vocabulary: vocabulary, boldID: Self.boldLead(of: item),
                    issueNumbers: Self.statesItsItem(item) || struck != nil)
        else { return nil }
        // `Block 1.1: Complete`: the state, not a new title.
        if positionalID == nil, heading.progress == nil, HeadingParser.statusPhrase(definition.title) != nil {
            parts.insert(definition.title, at: 0)
            definition.title = ""
        }
        // `2.3: 3d → 5d (auth took longer)`: re-estimated, the title kept.
        if positionalID == nil, let arrow = ["→", "->", "⟶"].lazy.compactMap({ definition.title.firstByteRange(of: $0) }).first,
            Effort.parse(String(definition.title[..<arrow.lowerBound]).trimmed, units: vocabulary.units) != nil
        {
            let after = definition.title[arrow.upperBound...].trimmed
            let revisedText = String(after.prefix { $0 != "(" && $0 != "," && $0 != ";" }).trimmed
            if Effort.parse(revisedText, units: vocabulary.units) != nil {
                parts.insert(revisedText, at: 0)
                definition.title = ""
                revision = revision ?? .revised
            }
        }
        // `T010 [P] [US1] Create the template`: tags before the title (parallel, story) go.
        while definition.title.hasPrefix("["), let close = definition.title.firstIndex(of: "]"),
            definition.title.distance(from: definition.title.startIndex, to: close) <= 8
        {
            definition.title = String(definition.title[definition.title.index(after: close)...]).trimmed
        }
        // `**M2 — Gateway** behind a flag. Estimate: 1 week. Needs M1.`: fields written as the
        // sentences after the title's; the title is its first sentence.
        let flat = definition.title.utf8.contains(0x0A) ? definition.title.replacingOccurrences(of: "\n", with: " ") : definition.title
        if flat.containsBytes(". ") {
            let sentences = flat.components(separatedBy: ". ").map { $0.trimmed.trimmingCharacters(in: ["."]) }
            let fieldSentences = sentences.dropFirst().filter { sentence in
                guard isField(sentence) else { return false }
                let lower = sentence.normalizedName
                guard let word = dependencyPrefixes.first(where: lower.hasPrefix)?.dropLast() else { return true }
                // `Needs M1`, `Depends on 3, 4`: ids, not prose (`After the migration, …`).
                return !ReferenceScanner.scan(sentence, bareBlockIDs: true, vocabulary: vocabulary).isEmpty
                    || lower.dropFirst(word.count).split(separator: " ").allSatisfy { $0 == "and" || $0.allSatisfy(\.isNumber) }
            }
            if !fieldSentences.isEmpty {
                parts += fieldSentences
                definition.title = sentences[0]
            }
        }
        let line = item.range?.start.line
        let range = locator.lineRange(line, fallback: item.range)
        var fields: [(field: Field, value: FieldValue)] = []
        var effortText = heading.effortText
        var progress = heading.progress ?? leadingState
        var statusText = heading.statusText
        for part in parts.map({ unlabelled($0).trimmed }) where !part.isEmpty {
            let lower = part.normalizedName
            if effortText == nil,
                Effort.parse(part, units: vocabulary.units) != nil || EffortUnits.isPoints(part) || EffortUnits.isSize(part)
            {
                effortText = part
                // `0.5d ✅`, `1.5d (WIP, @amelia)`: a state after the effort.
                if progress == nil {
                    if let last = part.unicodeScalars.last(where: { $0 != " " && $0 != "\u{FE0F}" }),
                        let said = Vocabulary.glyphStatus(last)
                    {
                        (progress, statusText) = (said, String(last))
                    } else if part.hasSuffix(")"), let open = Self.openingBracket(ofLast: part),
                        let said = HeadingParser.statusPhrase(
                            String(part[part.index(after: open)...].prefix { $0 != "," && $0 != ":" && $0 != ")" }).trimmed)
                    {
                        (progress, statusText) = (said, String(part[open...]))
                    }
                }
                continue
            }
            // (`blocked on #409 and #412` is what it waits for.)
            if progress == nil, !dependencyPrefixes.contains(where: lower.hasPrefix), let stated = HeadingParser.leadingStatus(part) {
                // `in progress, token counting off`: the state, then a note.
                (progress, statusText) = (stated, part); continue
            }
            if Self.noDependencies.contains(lower) {
                let field = Field(
                    key: "Dependencies", value: part, items: [], range: locator.range(of: part, line: line, fallback: range),
                    valueRange: locator.range(of: part, line: line, fallback: range))
                fields.append((field, .dependencies([])))
                continue
            }
            if let word = dependencyPrefixes.first(where: lower.hasPrefix)?.dropLast() {
                let value = String(part.dropFirst(word.count)).trimmed
                let field = Field(
                    key: word.prefix(1).uppercased() + word.dropFirst(), value: value, items: [],
                    range: locator.range(of: part, line: line, fallback: range),
                    valueRange: locator.range(of: value, line: line, fallback: range))
                fields.append((field, .dependencies(FieldValue.references(field, in: markdown.source, vocabulary: vocabulary))))
            }
        }
        if let effortText {
            let field = Field(
                key: "Estimate", value: effortText, items: [], range: locator.range(of: effortText, line: line, fallback: range),
                valueRange: locator.range(of: effortText, line: line, fallback: range))
            fields.append((field, .estimate(FieldValue.effort(field, units: vocabulary.units, diagnostics: &result.diagnostics))))
        }
        // A ticked box completes the item; an empty one leaves a stated state (`[ ] … in progress`).
        if let ticked = item.taskState, ticked || progress == nil { progress = ticked ? .complete : .notStarted; statusText = nil }
        if let boxed, progress == nil || boxed == .complete { progress = boxed; statusText = nil }
        if let progress {
            let field = Field(
                key: "Status", value: statusText ?? (progress == .complete ? "[x]" : Self.emptyBox), items: [],
                range: range, valueRange: range)
            fields.append((field, .status(progress, percent: progress == .complete ? 100 : nil)))
        }
        let nested = item.children.filter(\.isList)
        let nestedFields = nested.isEmpty ? [] : collectFields(nested, allowPlainKeys: true)
        let group = enclosingGroup(index)
        // Under `## 🔵 Later` or `## Done`, the heading's state is the line's.
        let hasEvidence =
            !fields.isEmpty || nestedFields.contains { vocabulary.fieldNames[$0.name].map(Vocabulary.planFields.contains) ?? false }
            || group != nil || sectionState(index) != nil
        guard !definition.wordless || hasEvidence || struckDefinition else { return nil }
        if struckDefinition {
            result.removals.append(
                Removal(
                    reference: Reference(kind: .block, id: definition.id, range: range), title: definition.title,
                    reason: nil, range: range))
        }
        return BlockDeclaration(
            id: definition.id, title: definition.title, marker: revision ?? heading.marker,
            fields: fields + readFields(nestedFields), range: range, path: path, groupID: group?.id)
    }

    /// Where the brackets closing a text open: `(2h, dedupe on lower(email))` as a whole.
    static func openingBracket(ofLast text: String) -> String.Index? {
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == ")" {
                depth += 1
            } else if text[index] == "(" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// `2.2 now also depends on 2.5.`, `3.1 now depends on 2.4`, `3.1 no longer waits for 1.4`:
    /// a change to an item's dependencies, as a definition stating only that.
    func dependencyChange(_ text: String, item: MarkdownNode) -> BlockDeclaration? {
        let bytes = Array(text.utf8)
        guard let (id, end) = HeadingParser.itemID(bytes, at: 0), end < bytes.count, bytes[end] == 0x20 else { return nil }
        var rest = String(decoding: bytes[(end + 1)...], as: UTF8.self).lowercased()
        var key = "Depends on"
        let now = rest.hasPrefix("now ")
        if now { rest.removeFirst(4) }
        if rest.hasPrefix("also ") {
            rest.removeFirst(5); key = "Also depends on"
        } else if rest.hasPrefix("no longer ") {
            rest.removeFirst(10); key = "No longer depends on"
        } else if !now {
            return nil
        }
        guard let verb = ["depends on ", "waits for ", "needs ", "requires "].first(where: rest.hasPrefix) else { return nil }
        let value = String(rest.dropFirst(verb.count)).trimmingCharacters(in: [".", " "])
        let range = locator.lineRange(item.range?.start.line, fallback: item.range)
        let field = Field(key: key, value: value, items: [], range: range, valueRange: range)
        let references = FieldValue.references(field, in: markdown.source, vocabulary: vocabulary)
        guard !references.isEmpty else { return nil }
        return BlockDeclaration(id: id, title: "", marker: nil, fields: [(field, .dependencies(references))], range: range, path: path)
    }

    /// The struck-through text a list item starts with (`~~1.2 Writer~~ dropped`).
    static func struckThrough(_ item: MarkdownNode) -> MarkdownNode? {
        guard let first = item.children.first(where: \.isParagraph)?.children.first, case .strikethrough = first.kind else { return nil }
        return first
    }

    /// Checkboxes beyond GFM's: `[~]`, `[/]` in progress, `[-]` deferred, `[!]` blocked, and
    /// Kiro's optional tasks `[ ]*`, `[x]*`.
    static func customBox(_ text: String) -> (Progress, String)? {
        let boxes: [(String, Progress)] = [
            ("[~]", .inProgress), ("[/]", .inProgress), ("[-]", .deferred), ("[!]", .blocked),
            ("[ ]*", .notStarted), ("[x]*", .complete), ("[X]*", .complete),
        ]
        for (box, state) in boxes where text.hasPrefix(box + " ") {
            return (state, String(text.dropFirst(box.count + 1)))
        }
        return nil
    }

    /// `Added:`, `New:`, `Removed:`, `Dropped` before a list item's id: the revision it states, and the rest.
    static func revisionPrefix(_ text: String) -> (RevisionMarker, String)? {
        let lower = text.lowercased()
        for (word, marker) in [
            ("added", RevisionMarker.new), ("new", .new), ("removed", .removed), ("dropped", .removed),
            ("descoped", .removed), ("cut", .removed), ("deleted", .removed),
        ] where lower.hasPrefix(word) {
            var rest = text.dropFirst(word.count)
            guard let next = rest.first, next == ":" || next == " " else { continue }
            rest = rest.drop { $0 == ":" || $0 == " " }
            guard let start = rest.utf8.first, ReferenceScanner.isDigit(start) || (start >= 65 && start <= 90) || start == 0x23 else {
                continue
            }
            return (marker, String(rest))
        }
        return nil
    }

    static func resultGlyph(_ text: String) -> ChecklistItem.State? {
        guard let first = text.unicodeScalars.first else { return nil }
        switch first {
        case "✓", "✔", "✅", "☑": return .checked
        case "✗", "✘", "❌": return .failed
        case "⚠": return .warning
        case "⬜", "☐": return .unchecked
        default: return nil
        }
    }

    private mutating func addChecklist(_ items: [MarkdownNode], section index: Int, range: SourceRange?) {
        var checklistItems: [ChecklistItem] = []
        for item in items {
            let text = item.itemText
            let state: ChecklistItem.State
            var shown = text
            if let task = item.taskState {
                state = task ? .checked : .unchecked
            } else if let glyph = Self.resultGlyph(text) {
                state = glyph
                shown = String(
                    String.UnicodeScalarView(
                        text.unicodeScalars.drop(while: { !$0.properties.isAlphabetic && !ReferenceScanner.isDigit($0) })))
            } else {
                state = .unchecked
            }
            checklistItems.append(
                ChecklistItem(
                    text: shown.trimmed, state: state,
                    range: locator.lineRange(item.range?.start.line, fallback: item.range)))
        }
        let context = result.document.context(of: index)
        if var last = result.records.checklists.last, last.path == path, last.context == context {
            last.items += checklistItems
            result.records.checklists[result.records.checklists.count - 1] = last
        } else {
            result.records.checklists.append(
                Checklist(
                    title: context.last ?? result.document.title, context: context, items: checklistItems,
                    path: path, range: range))
        }
    }

    /// Whether a section of a plan is a log (`### Changes since last update`, `## Progress`,
    /// `## Status updates`): its sentences say states too.
    mutating func isLogSection(_ index: Int) -> Bool {
        guard index > 0 else { return false }
        if let known = logSections[index] { return known }
        let section = result.document.sections[index]
        let found =
            section.title.lowercased().split(whereSeparator: { !$0.isLetter }).contains(where: Self.logTitleWords.contains)
            || section.parent.map { isLogSection($0) } ?? false
        logSections[index] = found
        return found
    }

    static let logTitleWords: Set<Substring> = ["update", "updates", "changes", "changelog", "log", "progress", "status", "journal"]

    /// Verbs and words of a log that say a state: `finished 2.1`, `2.3 blocked by flaky CI`.
    static let loggedStateWords: [(String, Progress)] = [
        ("finished", .complete), ("done", .complete), ("completed", .complete), ("complete", .complete), ("shipped", .complete),
        ("merged", .complete), ("landed", .complete), ("closed", .complete), ("fixed", .complete),
        ("started", .inProgress), ("began", .inProgress), ("picked up", .inProgress), ("in progress", .inProgress),
        ("resumed", .inProgress), ("ongoing", .inProgress), ("underway", .inProgress), ("blocked", .blocked), ("stuck", .blocked),
        ("dropped", .deferred), ("cancelled", .deferred), ("deferred", .deferred), ("deferring", .deferred),
        ("postponed", .deferred), ("removed", .deferred),
    ]

    /// `**2026-11-03:** finished 2.1, started 2.2, 2.3 blocked by flaky CI`, `- 2.2 done, 2.4
    /// done.`: each clause that starts with a state word and ids, or with ids and a state word.
    mutating func readLoggedStates(_ text: String, line: Int?, section index: Int) {
        guard isLog || isLogSection(index), text.utf8.contains(where: ReferenceScanner.isDigit) else { return }
        // Clauses: at `. `, `;`, `,` and a colon before a space (not `10:30`).
        let clauses = text.replacingOccurrences(of: ". ", with: "; ").replacingOccurrences(of: ": ", with: "; ")
            .split(whereSeparator: { $0 == ";" || $0 == "," })
        var pending: [String] = []
        for clause in clauses {
            // As written (ids keep their capitals), and in lower case for the state words.
            let written = clause.split(separator: " ").map { $0.trimmingCharacters(in: ["*", ":", ".", "!"]) }
                // Dates and times of day (`2026-03-02 09:14  T1 done`).
                .filter {
                    !$0.isEmpty && !($0.first.map { $0.isNumber } == true && $0.contains("-") && $0.count >= 8)
                        && !FieldValue.isTimeOfDay($0.trimmingCharacters(in: ["[", "]", "(", ")"]))
                }
            let words = written.map { $0.lowercased() }
            guard !words.isEmpty else { continue }
            /// The state said at `i` (after a filler word or two: `all shipped`, `also started`), and where it ends.
            func state(at i: Int) -> (Progress, Int)? {
                var i = i
                while i < words.count, ["all", "is", "are", "was", "were", "now", "fully", "also"].contains(words[i]) { i += 1 }
                guard i < words.count else { return nil }
                if i + 1 < words.count, let (_, p) = Self.loggedStateWords.first(where: { $0.0 == words[i] + " " + words[i + 1] }) {
                    return (p, i + 2)
                }
                if let first = words[i].unicodeScalars.first, first.value > 0x2000, let glyph = Vocabulary.glyphStatus(first) {
                    return (glyph, i + 1)
                }
                return Self.loggedStateWords.first(where: { $0.0 == words[i] }).map { ($0.1, i + 1) }
            }
            /// The ids from `start`; a whole number (`3`) only where the ids end the clause or a
            /// bracket follows (`started 6 (button)`), not `Fixed 3 flaky tests`.
            func ids(from start: Int) -> (ids: [String], end: Int) {
                var found: [String] = [], i = start
                while i < words.count {
                    if words[i] == "and" || words[i] == "&" { i += 1; continue }
                    let bytes = Array(written[i].utf8)
                    guard let (id, end) = HeadingParser.itemID(bytes, at: 0), end == bytes.count else { break }
                    found.append(id); i += 1
                }
                let endsClause = i == words.count || written[i].hasPrefix("(")
                return (endsClause ? found : found.filter { !$0.allSatisfy(\.isNumber) }, i)
            }
            var progress: Progress?, named: [String] = []
            if let (p, after) = state(at: 0) {
                progress = p
                named = ids(from: after).ids
            } else {
                let (found, end) = ids(from: 0)
                if !found.isEmpty, end < words.count, let (p, _) = state(at: end) {
                    (progress, named) = (p, pending + found)
                } else if !found.isEmpty, end == words.count {
                    // `M1.1, M1.2, M1.3 and M1.4 all shipped`: ids whose state a later clause says.
                    pending += found
                    continue
                }
            }
            pending = []
            guard let progress, !named.isEmpty else { continue }
            let range = locator.lineRange(line, fallback: nil)
            for id in named {
                result.loggedStates.append((Reference(kind: .block, id: id, range: range), progress))
            }
        }
    }

    /// `1.4 Import spreadsheet — shipped`, `[x] T-2 Parser`: the item a line names first, and a
    /// state the line states.
    private func namedFirst(_ text: String) -> (Progress?, ReferenceScanner.Match)? {
        let heading = HeadingParser.read(Self.customBox(text)?.1 ?? text)
        guard let definition = HeadingParser.blockDefinition(heading.title, vocabulary: vocabulary) else { return nil }
        // A state the line says first (`— blocked, waiting on legal`), not a word of its prose
        // (`— virtualisation done, sticky header left` under `## In progress`).
        let rest = String(text.drop { $0 != "—" && $0 != ":" }.dropFirst()).trimmed
        let stated =
            heading.progress
            ?? (rest.isEmpty
                ? nil
                : HeadingParser.statusPhrase(rest)
                    ?? HeadingParser.statusPhrase(
                        String(rest.prefix { $0 != "," && $0 != ";" && $0 != "(" && $0 != ":" && $0 != "." }).trimmed))
        return (stated, ReferenceScanner.Match(kind: .block, id: definition.id, text: definition.id))
    }

    /// `✅ Block 1.1: Title` → block and progress.
    static func blockProgressItem(_ text: String) -> (Progress?, ReferenceScanner.Match)? {
        guard let match = ReferenceScanner.scan(text).first, match.kind == .block else { return nil }
        let prefix = text.unicodeScalars.prefix(while: { $0 != "B" && $0 != "b" })
        guard prefix.allSatisfy({ !$0.properties.isAlphabetic }) else { return nil }
        return (Progress.parse(String(String.UnicodeScalarView(prefix))) ?? Progress.parse(text), match)
    }

    /// The state a section's heading gives the lines under it: `## ✅ Done`, `## Completed this
    /// loop`, `## In progress`, `## Blocked`, `## 已完成`, `## Сделано` (the nearest such heading
    /// above, up to a group or item heading).
    mutating func sectionState(_ index: Int) -> Progress? {
        if let listState { return listState }
        if let known = sectionStates[index] { return known }
        var state: Progress?
        var current: Int? = index
        while let i = current {
            let section = result.document.sections[i]
            // A document's title (`# To do`, `# Done`) names the document, not a state of its lines.
            guard section.kind != .group, section.kind != .revisedGroup, section.kind != .block, section.level > 1 else { break }
            if let said = Self.headingState(section.title) { state = said; break }
            current = section.parent
        }
        sectionStates[index] = .some(state)
        return state
    }

    /// A paragraph that is only a state, bold or with a colon: `**Completed**`, `Blocked:`.
    static func labelState(_ paragraph: MarkdownNode) -> Progress? {
        let text = paragraph.plainText.trimmed
        guard text.count <= 40, !text.contains("\n") else { return nil }
        let bold =
            paragraph.children.count == 1 && paragraph.children.first.map { if case .strong = $0.kind { true } else { false } } == true
        guard bold || text.hasSuffix(":") else { return nil }
        return headingState(text)
    }

    static func headingState(_ title: String) -> Progress? {
        let heading = HeadingParser.read(title)
        var name = heading.title.normalizedName
        if name.isEmpty { return heading.progress }
        for suffix in [
            " this week", " this loop", " this sprint", " this iteration", " this cycle", " so far", " tasks", " items",
            " work", " since last update", " last week",
        ] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        if name == "blockers" || name == "blocked items" { return .blocked }
        for prefix in ["recently ", "already "] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
        guard !name.isEmpty, name != "x", name.count > 1 || name.unicodeScalars.first!.value > 0x2E80 else { return nil }
        return Vocabulary.statusPhrases[name]
    }

    /// Progress lines: `Core Types (Group 1): 100% complete`, block items with glyphs, and any
    /// line naming an item first under a heading that gives a state (`## Done`: `- 1.4 Import`).
    private mutating func readProgressItem(_ item: MarkdownNode, section: SectionKind, state sectionState: Progress? = nil)
        -> ProgressEntry?
    {
        let text = item.itemText
        let range = locator.lineRange(item.range?.start.line, fallback: item.range)
        let progressSections: [SectionKind] = [.completedComponents, .completed, .pending, .implementationProgress, .progressAssessment]
        if section == .completedComponents
            || (progressSections.contains(section) && text.lowercased().contains("complete")
                && ReferenceScanner.scan(text).first?.kind == .group)
        {
            guard let match = ReferenceScanner.scan(text).first(where: { $0.kind == .group }) else { return nil }
            let reference = Reference(
                kind: .group, id: match.id,
                range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
            let afterColon = text.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? text
            let percent = Percent.find(in: afterColon)?.value
            if percent == nil {
                result.diagnostics.append(
                    Diagnostic(
                        .unparseablePercentage, at: range,
                        "cannot read a completion percentage in '\(text)'"))
            }
            let name = text.split(separator: "(").first.map { String($0).trimmed } ?? text
            let state: Progress? = percent.map { $0 >= 100 ? .complete : $0 > 0 ? .inProgress : .notStarted }
            return ProgressEntry(subject: name, reference: reference, percent: percent, progress: state, path: path, range: range)
        }
        guard
            progressSections.contains(section) || sectionState != nil || Self.resultGlyph(text) != nil || text.unicodeScalars.first == "⬜",
            let (state, match) = Self.blockProgressItem(text) ?? (sectionState != nil ? namedFirst(text) : nil)
        else { return nil }
        var progress = state
        if progress == nil { progress = sectionState ?? (section == .completed ? .complete : section == .pending ? .notStarted : nil) }
        let percent = text.lowercased().contains("%") ? Percent.find(in: text)?.value : (progress == .complete ? 100 : nil)
        let reference = Reference(
            kind: .block, id: match.id,
            range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
        result.progressSignals.append((reference, progress, percent))
        // `⬜ Block 1.6: CLI Command Updates (ADDED)` adds a block.
        let (title, marker) = HeadingParser.split(text)
        if marker == .added || marker == .new,
            let definition = HeadingParser.blockDefinition(
                String(String.UnicodeScalarView(title.unicodeScalars.drop(while: { !$0.properties.isAlphabetic }))), vocabulary: vocabulary)
        {
            result.blocks.append(
                BlockDeclaration(
                    id: definition.id, title: definition.title, marker: .new,
                    fields: [], range: range, path: path))
        }
        return ProgressEntry(subject: text, reference: reference, percent: percent, progress: progress, path: path, range: range)
    }

    /// `- Standard TPS: 215,000 (target: 200,000+) ✓`.
    private func readMetricLine(_ text: String, range: SourceRange?) -> Metric? {
        guard text.utf8.contains(0x28) else { return nil }  // "("
        let lower = text.lowercased()
        guard let open = lower.firstRange(of: "(target:") ?? lower.firstRange(of: "(target "),
            let colon = text.firstIndex(of: ":"), colon < open.lowerBound
        else { return nil }
        let name = text[..<colon].trimmed
        let achieved = text[text.index(after: colon)..<open.lowerBound].trimmed
        let afterOpen = text[open.upperBound...]
        let targetText = afterOpen.prefix(while: { $0 != ")" }).trimmed
        let status = afterOpen.drop(while: { $0 != ")" }).dropFirst().trimmed
        return Metric(
            name: name, target: Target.parse(targetText), achieved: Quantity.parse(achieved),
            achievedText: achieved, declaredVariance: status.isEmpty ? nil : status, path: path,
            range: range, varianceRange: range)
    }

    private mutating func readRemoval(_ item: MarkdownNode) {
        let text = item.itemText
        let range = locator.lineRange(item.range?.start.line, fallback: item.range)
        for match in ReferenceScanner.scan(text) where match.kind == .block {
            var title = ""
            if let definition = HeadingParser.blockDefinition(match.text + text.drop(while: { $0 != ":" }), vocabulary: vocabulary) {
                title = definition.title
            }
            var reason: String?
            if let open = title.lastIndex(of: "("), title.hasSuffix(")") {
                reason = String(title[title.index(after: open)..<title.index(before: title.endIndex)]).trimmed
                title = String(title[..<open]).trimmed
            }
            result.removals.append(
                Removal(
                    reference: Reference(
                        kind: .block, id: match.id,
                        range: locator.range(of: match.text, line: item.range?.start.line, fallback: range)),
                    title: title, reason: reason, range: range))
        }
    }

    /// `Add 2-day buffer after Group 3 (high risk)`, `Add 2-day buffer before final release`.
    private mutating func readBuffer(_ item: MarkdownNode) {
        let text = item.itemText
        let lower = text.lowercased()
        let range = locator.lineRange(item.range?.start.line, fallback: item.range)
        guard lower.contains("buffer") else { return }
        var scanner = TextScanner(text)
        var days: Double?
        while !scanner.isAtEnd {
            if let n = scanner.number() {
                _ = scanner.take("-"); scanner.skipSpaces()
                let unit = scanner.letters().lowercased()
                if unit.hasPrefix("day") { days = n; break }
                if unit.hasPrefix("week") { days = n * Effort.daysPerWeek; break }
            } else {
                scanner.position += 1
            }
        }
        guard let days else {
            result.diagnostics.append(Diagnostic(.unparseableEffort, at: range, "cannot read the buffer length in '\(text)'"))
            return
        }
        var after: Reference?
        var placement = ""
        if let r = lower.firstRange(of: "after ") {
            placement = String(text[r.lowerBound...]).split(separator: "(").first.map { String($0).trimmed } ?? ""
            if let match = ReferenceScanner.scan(String(text[r.upperBound...])).first {
                after = Reference(
                    kind: match.kind, id: match.id,
                    range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
            }
        } else if let r = lower.firstRange(of: "before ") {
            placement = String(text[r.lowerBound...]).split(separator: "(").first.map { String($0).trimmed } ?? ""
        }
        var reason: String?
        if let open = text.lastIndex(of: "("), text.hasSuffix(")") {
            reason = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        }
        result.records.buffers.append(
            Buffer(
                days: days, after: after, placement: placement, reason: reason,
                path: path, range: range))
    }

    private mutating func readProjection(_ items: [MarkdownNode], range: SourceRange?) {
        var projection = TimelineProjection(path: path, range: nil)
        for item in items {
            let text = item.itemText
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = text[..<colon].normalizedName
            let value = String(text[text.index(after: colon)...]).trimmed
            let itemRange = locator.lineRange(item.range?.start.line, fallback: item.range)
            if key.contains("original") || key.contains("baseline") {
                projection.originalDays = Effort.parse(value)?.days
            } else if key.contains("projection") || key.contains("projected") || key.contains("forecast") {
                projection.projectedDays = Effort.parse(value)?.days
                projection.range = itemRange
                if let open = value.firstIndex(of: "(") {
                    let inner = value[value.index(after: open)...].prefix(while: { $0 != ")" })
                    for part in inner.split(separator: ",") {
                        if part.contains("%") {
                            projection.deltaPercent = Percent.find(in: String(part))?.value
                        } else if let q = Quantity.parse(String(part)) {
                            projection.deltaDays = q.unit.hasPrefix("week") ? q.value * 5 : q.value
                        }
                    }
                }
            } else if key.contains("confidence") {
                projection.confidence = value
            }
        }
        if projection.originalDays != nil || projection.projectedDays != nil {
            if projection.range == nil { projection.range = range }
            result.records.projections.append(projection)
        }
    }

    /// `1. **BLS Signature Implementation**` with `- Original approach:` / `- Final approach:` / `- Reason:`.
    private mutating func readMajorRevision(_ item: MarkdownNode) {
        var revision = MajorRevision(
            title: item.itemText, path: path,
            range: locator.lineRange(item.range?.start.line, fallback: item.range))
        for text in item.nestedItemTexts {
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = text[..<colon].normalizedName, value = String(text[text.index(after: colon)...]).trimmed
            if key.hasPrefix("original") {
                revision.originalApproach = value
            } else if key.hasPrefix("final") || key.hasPrefix("revised") {
                revision.finalApproach = value
            } else if key.hasPrefix("reason") {
                revision.reason = value
            }
        }
        result.records.revisions.append(revision)
    }

    /// `1. **Storage Schema Migration**` with `- Issue:`, `- Impact:`, `- Status:`, `- Owner:`, `- ETA:`.
    private mutating func readBlocker(_ item: MarkdownNode) {
        let fields = collectFields(item.children.filter(\.isList), allowPlainKeys: true)
        let status = fields.first(where: { $0.name == "status" })?.value ?? ""
        let title = item.itemText
        let reference = ReferenceScanner.scan(title).first.map { Reference(kind: $0.kind, id: $0.id) }
        result.records.statuses.append(
            StatusRecord(
                kind: .blocker, subject: title, block: reference, status: status,
                details: fields, path: path,
                range: locator.lineRange(item.range?.start.line, fallback: item.range)))
    }

    // MARK: Code blocks

    mutating func recognizeCode(_ node: MarkdownNode, info: String, section index: Int) {
        let section = result.document.sections[index]
        let text = node.literal
        let references = referencesIn(text, line: node.range.map { $0.start.line + 1 }, fallback: node.range, multiline: true)
        let hasArrows =
            text.contains("→") || text.contains("->") || text.contains("►") || text.contains("▼")
            || text.contains("│") || text.contains("↓") || text.contains("|")
        var kind = Figure.Kind.code
        if info.isEmpty, hasArrows, !references.isEmpty {
            // Under a critical-path heading, chains of blocks are the declared path; any other
            // arrow drawing with block or group labels is a dependency graph.
            let isChain = references.allSatisfy { $0.kind == .block } && !text.contains("─")
            kind = within(index, .criticalPath) && isChain ? .criticalPath : .dependencyGraph
        } else if info.isEmpty, text.unicodeScalars.contains(where: { (0x2500...0x257F).contains($0.value) }) {
            kind = .diagram
        }
        let figure = Figure(
            kind: kind, language: info, text: text, references: references,
            sectionTitle: section.title, path: path, range: node.range)
        result.records.figures.append(figure)
        if kind == .criticalPath {
            readCriticalPath(node)
        } else if info.lowercased().hasPrefix("mermaid") {
            readMermaid(node)
        } else if hasArrows, kind != .criticalPath {
            readArrows(text, firstLine: (node.range?.start.line ?? 0) + 1)
            readVerticalArrows(text, firstLine: (node.range?.start.line ?? 0) + 1)
        }
    }

    /// Characters that carry an arrow down a text diagram, and those that end one.
    private static let downStrokes: Set<Character> = ["|", "│", "┃", "║", "v", "V", "▼", "↓", "▽"]

    /// Arrows drawn down a text diagram: an id, a column of `|` or `│` under it ending in `v`
    /// or `▼`, and the id it reaches below.
    ///
    ///     2.1
    ///      |
    ///      v
    ///     2.2
    mutating func readVerticalArrows(_ text: String, firstLine: Int) {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        guard rows.count >= 3 else { return }
        // Each id with its columns, by row.
        var ids: [[(Reference, ClosedRange<Int>)]] = []
        for (r, row) in rows.enumerated() {
            let line = String(row)
            var found: [(Reference, ClosedRange<Int>)] = []
            var from = line.startIndex
            for match in ReferenceScanner.scan(line, bareBlockIDs: true, vocabulary: vocabulary) where match.kind == .block {
                guard let at = line.range(of: match.text, range: from..<line.endIndex) else { continue }
                let start = line.distance(from: line.startIndex, to: at.lowerBound)
                found.append(
                    (Reference(kind: .block, id: match.id, range: .line(firstLine + r, in: path)), start...(start + match.text.count - 1)))
                from = at.upperBound
            }
            ids.append(found)
        }
        for (r, found) in ids.enumerated() {
            for (upper, columns) in found {
                for c in columns where r + 1 < rows.count && c < rows[r + 1].count && Self.downStrokes.contains(rows[r + 1][c]) {
                    var k = r + 1
                    while k < rows.count, c < rows[k].count, Self.downStrokes.contains(rows[k][c]) { k += 1 }
                    // The stroke ends at the row of an id over this column (or beside it by one).
                    guard k < rows.count,
                        let lower = ids[k].first(where: { $0.1.contains(c) || $0.1.contains(c - 1) || $0.1.contains(c + 1) })
                    else { continue }
                    result.arrows.append((upper, lower.0))
                    break
                }
            }
        }
    }

    /// A task line of a Mermaid gantt: `Parser :crit, done, p1, 2026-01-05, 3d`.
    struct GanttTask {
        var title: String
        var section: Int
        var sectionTitle: String
        var number: Int
        var tags: Set<String>
        var range: SourceRange
        var mermaidID: String?
        var start: String?
        var duration: String?
    }

    /// Whether a line has an arrow token (a byte test first: most lines have no `>` and no
    /// three-byte symbol).
    static func hasArrow(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == 0x3E || $0 == 0xE2 }) else { return false }
        return arrowTokens.contains(where: text.containsBytes)
    }

    /// Arrow tokens between items, longest first: `-->` before `->`.
    static let arrowTokens = ["──►", "─►", "-->", "->", "=>", "→", "⟶", "►", "▶", "➜", "➔"]

    /// Chains of arrows, one per line: `1.1 → 1.2 → 1.3`, `Group 1 ──► Group 2`,
    /// `T-1, T-2 -> T-3`. Each item of a part waits for each item of the part before it.
    /// Verbs of a dependency sentence: whether the ids after the verb wait for those before it.
    static let dependencyVerbs: [(String, Bool)] = [
        (" blocks ", true), (" block ", true), (" before ", true), (" unblocks ", true),
        (" precede ", true), (" precedes ", true), (" depends on ", false),
        (" depend on ", false), (" is blocked by ", false), (" are blocked by ", false),
        (" blocked by ", false), (" after ", false), (" requires ", false),
        (" require ", false), (" needs ", false), (" need ", false), (" waits for ", false),
        (" wait for ", false), (" follows ", false),
    ]

    /// A sentence under a dependencies heading: `T011 blocks T012 and T015`, `T016 depends on
    /// T015`, `Tests (T004-T007) before implementation (T008-T014)`.
    mutating func readDependencySentence(_ text: String, line: Int) {
        guard !Self.hasArrow(text) else { return }
        // `T010 blocks T011; T011 blocks T012`: one clause at a time.
        let clauses =
            text.containsBytes("; ") || text.containsBytes(". ")
            ? text.components(separatedBy: "; ").flatMap { $0.components(separatedBy: ". ") } : [text]
        if clauses.count > 1 {
            for clause in clauses { readDependencySentence(clause, line: line) }
            return
        }
        let lower = text.lowercased()
        guard let (verb, forward) = Self.dependencyVerbs.first(where: { lower.containsBytes($0.0) }),
            let at = lower.firstByteRange(of: verb)
        else { return }
        let offset = lower.distance(from: lower.startIndex, to: at.lowerBound)
        let left = String(text.prefix(offset)), right = String(text.dropFirst(offset + verb.count))
        func references(_ part: String) -> [Reference] {
            ReferenceScanner.scan(part, bareBlockIDs: true, vocabulary: vocabulary).map {
                Reference(kind: $0.kind, id: $0.id, range: .line(line, in: path))
            }
        }
        let (before, after) = forward ? (references(left), references(right)) : (references(right), references(left))
        for from in before { for to in after { result.arrows.append((from, to)) } }
    }

    /// In prose (`adjacentOnly`), only the ids next to each arrow: `i.e. 1.3 -> 3.1 and 2.5 => 3.1`.
    mutating func readArrows(_ text: String, firstLine: Int, adjacentOnly: Bool = false) {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard Self.arrowTokens.contains(where: { line.contains($0) }) else { continue }
            var parts = [String(line)]
            for token in Self.arrowTokens { parts = parts.flatMap { $0.components(separatedBy: token) } }
            let chain = parts.map { part in
                ReferenceScanner.scan(part, bareBlockIDs: true, vocabulary: vocabulary).map {
                    Reference(kind: $0.kind, id: $0.id, range: .line(firstLine + offset, in: path))
                }
            }
            for (earlier, later) in zip(chain, chain.dropFirst()) {
                if adjacentOnly {
                    if let from = earlier.last, let to = later.first { result.arrows.append((from, to)) }
                    continue
                }
                for from in earlier { for to in later { result.arrows.append((from, to)) } }
            }
        }
    }

    /// A Mermaid `graph`/`flowchart` (edges between nodes whose labels start with an item id,
    /// `A[1.1 Parser] --> B[1.2 Printer]`) or `gantt` (the schedule: sections as groups, tasks
    /// as items, `after` as dependencies).
    mutating func readMermaid(_ node: MarkdownNode) {
        let lines = node.literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstLine = (node.range?.start.line ?? 0) + 1
        guard let kind = lines.first(where: { !$0.trimmed.isEmpty && !$0.trimmed.hasPrefix("%%") })?.trimmed.lowercased() else { return }
        if kind.hasPrefix("graph") || kind.hasPrefix("flowchart") {
            readMermaidGraph(lines, firstLine: firstLine)
        } else if kind.hasPrefix("gantt") {
            readMermaidGantt(lines, firstLine: firstLine, section: node)
        }
    }

    /// A Mermaid `gantt` is kept as the schedule when the document has no other work items
    /// (`ganttItems`, turned into blocks once the whole document is read).
    private mutating func readMermaidGantt(_ lines: [String], firstLine: Int, section: MarkdownNode) {
        var sectionNumber = 0, sectionTitle = "", taskNumber = 0
        for (offset, raw) in lines.enumerated() {
            let line = raw.trimmed
            let lower = line.lowercased()
            let range = SourceRange.line(firstLine + offset, in: path)
            if lower.hasPrefix("section ") {
                sectionNumber += 1; taskNumber = 0
                sectionTitle = String(line.dropFirst(8)).trimmed
                continue
            }
            guard let colon = line.firstIndex(of: ":"), !lower.hasPrefix("title"), !lower.hasPrefix("dateformat"),
                !lower.hasPrefix("axisformat"), !lower.hasPrefix("excludes"), !lower.hasPrefix("todaymarker"),
                !lower.hasPrefix("%%")
            else { continue }
            taskNumber += 1
            let title = line[..<colon].trimmed
            var metas = line[line.index(after: colon)...].split(separator: ",").map { $0.trimmed }
            let tags = Set(metas.filter { ["done", "active", "crit", "milestone"].contains($0) })
            metas.removeAll { tags.contains($0) }
            var task = GanttTask(
                title: title, section: max(1, sectionNumber), sectionTitle: sectionTitle, number: taskNumber,
                tags: tags, range: range)
            switch metas.count {
            case 3: task.mermaidID = metas[0]; task.start = metas[1]; task.duration = metas[2]
            case 2: task.start = metas[0]; task.duration = metas[1]
            case 1: task.duration = metas[0]
            default: break
            }
            ganttTasks.append(task)
        }
    }

    /// The Mermaid gantt tasks as work items, when the document defines none otherwise:
    /// sections as groups (`section Phase 2: Sync` is Group 2), each task as an item (its id
    /// from its title, `1.3 Docs`, else section and position), `after` as dependencies,
    /// `done` and `active` as status.
    /// When the document defines its items otherwise (a work-item table beside the chart),
    /// the gantt only links them: `DW-4 Staging :dw4, after dw1 dw3, 5d` makes DW-4 wait for
    /// the items whose tasks are `dw1` and `dw3`.
    mutating func ganttItems() {
        guard !ganttTasks.isEmpty else { return }
        guard result.blocks.isEmpty else { return ganttLinks() }
        var ids: [String: String] = [:]
        var groups: [Int: String] = [:]
        for task in ganttTasks where groups[task.section] == nil {
            let group = HeadingParser.groupDefinition(task.sectionTitle, vocabulary: vocabulary)
            groups[task.section] = group?.id ?? String(task.section)
            if !result.groups.contains(where: { $0.id == groups[task.section] }), !task.sectionTitle.isEmpty || group != nil {
                result.groups.append(
                    GroupDeclaration(
                        id: groups[task.section]!, title: group?.title ?? task.sectionTitle, marker: nil,
                        isRevisedHeading: false, fields: [], range: task.range))
            }
        }
        var declarations: [(GanttTask, String, String)] = []
        for task in ganttTasks {
            let group = groups[task.section]!
            let named = HeadingParser.blockDefinition(task.title, vocabulary: vocabulary)
            let id = named?.id ?? "\(group).\(task.number)"
            if let mermaidID = task.mermaidID { ids[mermaidID] = id }
            declarations.append((task, id, named?.title ?? task.title))
        }
        for (task, id, title) in declarations {
            var fields: [(field: Field, value: FieldValue)] = []
            func field(_ key: String, _ value: String, _ meaning: FieldValue) {
                fields.append((Field(key: key, value: value, items: [], range: task.range, valueRange: task.range), meaning))
            }
            if let duration = task.duration, let effort = Effort.parse(duration, units: vocabulary.units) {
                field("Estimate", duration, .estimate(effort))
            }
            if let start = task.start, start.lowercased().hasPrefix("after ") {
                let after = start.dropFirst(6).split(separator: " ").compactMap { ids[String($0)] }
                field("Depends on", start, .dependencies(after.map { Reference(kind: .block, id: $0, range: task.range) }))
            }
            if task.tags.contains("done") {
                field("Status", "done", .status(.complete, percent: 100))
            } else if task.tags.contains("active") {
                field("Status", "active", .status(.inProgress, percent: nil))
            }
            if task.tags.contains("crit") { field("Critical Path", "crit", .declaredCritical(true)) }
            result.blocks.append(
                BlockDeclaration(
                    id: id, title: title, marker: nil, fields: fields, range: task.range, path: path,
                    groupID: groups[task.section]))
        }
    }

    private mutating func ganttLinks() {
        let defined = Set(result.blocks.map(\.id))
        var ids: [String: String] = [:]
        for task in ganttTasks {
            // The id first (`DW-4 Staging`) or in brackets at the end (`Design tokens (W-1)`).
            var id = HeadingParser.blockDefinition(task.title, vocabulary: vocabulary)?.id
            if id.map({ !defined.contains($0) }) ?? true, task.title.hasSuffix(")"), let open = task.title.lastIndex(of: "(") {
                id = String(task.title[task.title.index(after: open)..<task.title.index(before: task.title.endIndex)]).trimmed
            }
            if let mermaidID = task.mermaidID, let id, defined.contains(id) { ids[mermaidID] = id }
        }
        for task in ganttTasks {
            guard let mermaidID = task.mermaidID, let id = ids[mermaidID], let start = task.start,
                start.lowercased().hasPrefix("after ")
            else { continue }
            for earlier in start.dropFirst(6).split(separator: " ").compactMap({ ids[String($0)] }) {
                result.arrows.append(
                    (
                        Reference(kind: .block, id: earlier, range: task.range),
                        Reference(kind: .block, id: id, range: task.range)
                    ))
            }
        }
    }

    private mutating func readMermaidGraph(_ lines: [String], firstLine: Int) {
        // Node ids to items: by the label's leading id (`A[1.1 Parser]`), else the node id itself (`T1`).
        var items: [String: Reference] = [:]
        func node(_ text: Substring, line: Int) -> Reference? {
            let trimmed = text.trimmed
            let id = String(trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
            guard !id.isEmpty else { return nil }
            let rest = trimmed.dropFirst(id.count)
            if let open = rest.first, "[({>".contains(open) {
                let label = rest.dropFirst().drop { "[({".contains($0) || $0 == "\"" }.prefix { !"])}\"".contains($0) }
                if let match = ReferenceScanner.scan(String(label), bareBlockIDs: true, vocabulary: vocabulary).first {
                    items[id] = Reference(kind: match.kind, id: match.id, range: .line(line, in: path))
                }
            }
            if let known = items[id] { return known }
            let bytes = Array(id.utf8)
            if let (item, end) = HeadingParser.itemID(bytes, at: 0), end == bytes.count, bytes.contains(where: ReferenceScanner.isDigit) {
                return Reference(kind: .block, id: item, range: .line(line, in: path))
            }
            return nil
        }
        let edge = ["-.->", "==>", "-->", "---", "--"]
        for (offset, line) in lines.enumerated() {
            var text = line
            // `A -- label --> B` and `A -->|label| B`: the label goes.
            while let open = text.firstRange(of: "|"), let close = text[open.upperBound...].firstRange(of: "|") {
                text.removeSubrange(open.lowerBound..<close.upperBound)
            }
            var parts = [text]
            for token in edge { parts = parts.flatMap { $0.components(separatedBy: token) } }
            // Edge labels (`A -- label --> B`) leave empty parts; they are skipped.
            let chain = parts.map { $0.split(separator: "&").compactMap { node($0, line: firstLine + offset) } }.filter { !$0.isEmpty }
            guard chain.count > 1 else { continue }
            for (earlier, later) in zip(chain, chain.dropFirst()) {
                for from in earlier { for to in later { result.arrows.append((from, to)) } }
            }
        }
    }

    /// Each line of arrows is a chain; lines of `↓`/`│` only join chains (a fork).
    private mutating func readCriticalPath(_ node: MarkdownNode) {
        var chains: [[Reference]] = []
        let firstLine = (node.range?.start.line ?? 0) + 1
        for (offset, line) in node.literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chain = referencesIn(String(line), line: firstLine + offset, fallback: node.range, multiline: false)
            if !chain.isEmpty { chains.append(chain) }
        }
        guard !chains.isEmpty else { return }
        result.records.criticalPaths.append(
            DeclaredCriticalPath(
                chains: chains, text: node.literal, path: path,
                range: node.range))
    }

    /// References in text, each located on its source line.
    func referencesIn(_ text: String, line: Int?, fallback: SourceRange?, multiline: Bool) -> [Reference] {
        if multiline {
            var all: [Reference] = []
            for (offset, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                all += referencesIn(String(part), line: line.map { $0 + offset }, fallback: fallback, multiline: false)
            }
            return all
        }
        return ReferenceScanner.located(in: text, line: line, of: markdown.source, fallback: fallback)
    }

    // MARK: Paragraphs

    /// `**Block 1.3: Title**`, `**2.4 Exports**`, `**C. Payment Service** ★` followed by a list
    /// of `- Key: value` fields. Without an item word, the list must hold a plan field.
    mutating func recognizeBoldBlockLine(_ node: MarkdownNode, next: MarkdownNode?, section index: Int) -> Bool {
        guard !asides.contains(index), case .strong? = node.children.first?.kind,
            node.children.dropFirst().allSatisfy({ $0.plainText.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic } }),
            let next, next.isList
        else { return false }
        let heading = HeadingParser.read(node.plainText)
        let group = enclosingGroup(index)
        // A letter id is qualified by its group (`3.C`): each phase of a plan may have its A, B, C.
        guard
            let definition = HeadingParser.blockDefinition(heading.title, vocabulary: vocabulary)
                ?? Self.letterDefinition(heading.title).map({ ((group.map { "\($0.id)." } ?? "") + $0.id, $0.title, true) })
        else { return false }
        let fields = collectFields([next], allowPlainKeys: true)
        if definition.wordless, !fields.contains(where: { vocabulary.fieldNames[$0.name].map(Vocabulary.planFields.contains) ?? false }) {
            return false
        }
        result.blocks.append(
            BlockDeclaration(
                id: definition.id, title: definition.title, marker: heading.marker,
                fields: readFields(fields), range: node.range, path: path,
                groupID: group?.id))
        return true
    }

    /// `**T2.1 Requirements** (M1–M4; Lead: UNIPD; 6 person-months)`, `**A. Export the space** — half a
    /// day, after A.`, `**WP1-T2 Interviews** — 5 pd`: a paragraph that opens with an item's id
    /// in bold and states a field (effort, dependencies or state) on that line is the item; the
    /// lines after it describe it.
    mutating func recognizeBoldLeadItem(_ node: MarkdownNode, section index: Int) -> Bool {
        guard !asides.contains(index), Self.listItemSections.contains(result.document.sections[index].kind),
            let boldText = Self.boldOpening(node), let first = node.lines.first, first.nodes.count > 1
        else { return false }
        // Every item id holds a digit but a letter's (`**A. Export**`); most bold lines are field names.
        guard
            boldText.utf8.contains(where: ReferenceScanner.isDigit)
                || boldText.utf8.dropFirst().first.map({ $0 == 0x2E || $0 == 0x29 }) == true
        else { return false }
        let bold = HeadingParser.read(boldText).title
        var nodes = Array(first.nodes)
        var positionalID: String?
        if HeadingParser.blockDefinition(bold, vocabulary: vocabulary) == nil {
            // A letter is qualified by its group (`2.A`), as under a bold line over fields.
            guard let letter = Self.letterDefinition(bold) else { return false }
            positionalID = (enclosingGroup(index).map { "\($0.id)." } ?? "") + letter.id
            nodes[0] = MarkdownNode(kind: .text, literal: letter.title, range: nodes[0].range)
        }
        let range = first.line.map { SourceRange.line($0, in: path) } ?? node.range
        let line = MarkdownNode(
            kind: .item(task: nil), range: range, children: [MarkdownNode(kind: .paragraph, range: range, children: nodes)])
        // (`**H1 2027** — 3 months`, `**Q3 2026** — 4 weeks`: a period, not an item.)
        guard let declaration = listItemDefinition(line, section: index, positionalID: positionalID),
            declaration.title.contains(where: \.isLetter),
            declaration.fields.contains(where: {
                switch $0.value {
                case .estimate, .dependencies, .status: true;
                default: false
                }
            })
        else { return false }
        result.blocks.append(declaration)
        return true
    }

    /// The status an empty checkbox writes (a ticked one writes `[x]`).
    static let emptyBox = "[ ]"

    /// A board kept as Markdown (the Obsidian Kanban plugin's front matter, or a file named
    /// `board` or `kanban`): its lanes are its cards' states.
    var isBoard: Bool {
        result.document.frontMatter["kanban-plugin"] != nil
            || path.lowercased().split(separator: "/").last.map { $0.contains("board") || $0.contains("kanban") } == true
    }

    /// A checklist line (`- [x] …`) or one opening with a state's glyph (`- ✅ Speaker notes
    /// (#88)`): a tracked item, whose issue number at the end is its id.
    static func statesItsItem(_ item: MarkdownNode) -> Bool {
        item.taskState != nil
            || leadingText(of: item).unicodeScalars.first.map { $0.value > 0x2000 && Vocabulary.glyphStatus($0) != nil } == true
    }

    /// The text of the bold words a list item opens with (`**1a**` in `- **1a** Read the app`).
    static func boldLead(of item: MarkdownNode) -> String? {
        item.children.first(where: \.isParagraph).flatMap(boldOpening)
    }

    /// The text of the bold words a paragraph opens with (`**T2.1 Requirements**`).
    static func boldOpening(_ paragraph: MarkdownNode) -> String? {
        guard let first = paragraph.children.first, case .strong = first.kind else { return nil }
        return first.plainText.trimmed
    }

    /// `C. Payment Service`, `B) Exports`: a capital letter as an item's id.
    static func letterDefinition(_ title: String) -> (id: String, title: String)? {
        let s = Array(title.utf8)
        guard s.count > 3, s[0] >= 65, s[0] <= 90, s[1] == 0x2E || s[1] == 0x29 || s[1] == 0x3A, s[2] == 0x20 else { return nil }
        return (String(UnicodeScalar(s[0])), String(decoding: s[3...], as: UTF8.self).trimmed)
    }

    mutating func recognizeParagraph(_ node: MarkdownNode, next: MarkdownNode?, section index: Int) {
        let section = result.document.sections[index]
        guard section.kind != .block else { return }
        let plain = node.plainText
        // `4.1. systemd timer — 1h — after 3.2` lines, not written as a list: each line an item.
        if Self.listItemSections.contains(section.kind), !asides.contains(index), let first = plain.utf8.first,
            ReferenceScanner.isDigit(first)
        {
            // An empty first line before them, so that every line of the paragraph is read as one.
            let before = node.range.map {
                SourceRange(path: $0.path, start: SourceLocation(line: $0.start.line - 1, column: 1), end: $0.end)
            }
            let lines = Self.lineItems(
                MarkdownNode(
                    kind: .paragraph, range: before,
                    children: [MarkdownNode(kind: .softBreak)] + node.children))
            let declarations = lines.isEmpty ? [] : listItemDefinitions(lines, section: index)
            if !declarations.isEmpty, declarations.count == lines.count, declarations.allSatisfy({ !$0.fields.isEmpty }) {
                result.blocks += declarations
                return
            }
        }
        if let rule = RelativeDependency.sequentialRule(plain, vocabulary: vocabulary) {
            // Stated under a group heading (`Steps, in order:`), it holds for that group's items.
            if rule == .block, let group = enclosingGroup(index) {
                sequentialGroups.insert(group.id)
            } else {
                result.sequentialRules.append(rule)
            }
        }
        if let line = node.range?.start.line {
            let graph = within(index, .dependencyGraph)
            for (offset, textLine) in node.lines.enumerated() where graph || Self.hasArrow(textLine.text) {
                readArrows(textLine.text, firstLine: textLine.line ?? line + offset, adjacentOnly: !graph)
                if graph { readDependencySentence(textLine.text, line: textLine.line ?? line + offset) }
            }
        }
        if isLog || isLogSection(index), let first = node.range?.start.line {
            for (offset, textLine) in node.lines.enumerated() {
                readLoggedStates(textLine.text, line: textLine.line ?? first + offset, section: index)
            }
        }
        let fields = [MarkdownNode].fields(in: node, locator: locator, allowPlainKeys: false)
        noteUnknownFields(fields)
        for field in fields {
            switch field.name {
            case "total buffer":
                result.records.totals.append(
                    DeclaredTotal(
                        kind: .totalBuffer, days: Effort.parse(field.value)?.days,
                        text: field.value, path: path, range: field.valueRange))
            case "overall impact":
                result.records.totals.append(
                    DeclaredTotal(
                        kind: .overallImpact, days: Self.leadingDays(field.value),
                        text: field.value, path: path, range: field.valueRange))
            case "status", "updated plan status", "overall status":
                let kind: StatusRecord.Kind =
                    within(index, .preImplementationValidation)
                    ? .preImplementation
                    : within(index, .postImplementationValidation) ? .postImplementation : .overall
                if section.kind != .block {
                    let subject = lineageSubjects(index).first
                    result.records.statuses.append(
                        StatusRecord(
                            kind: kind, subject: section.title, block: subject, status: field.value, details: [],
                            path: path, range: field.range))
                    if let ratio = Ratio.find(in: field.value) {
                        result.records.ratios.append(DeclaredRatio(label: field.key, ratio: ratio, path: path, range: field.valueRange))
                    }
                }
            default:
                if let ratio = Ratio.find(in: field.value), ratio.declaredPercent != nil {
                    result.records.ratios.append(DeclaredRatio(label: field.key, ratio: ratio, path: path, range: field.valueRange))
                }
            }
        }
        // `Tasks done: 8/11 (45%)` on a line of prose, as in a list: a declared share.
        let fieldLines = Set(fields.compactMap { $0.valueRange?.start.line })
        if let first = node.range?.start.line, plain.utf8.contains(0x25) {
            for (offset, textLine) in node.lines.enumerated() {
                let number = textLine.line ?? first + offset
                guard !fieldLines.contains(number), let ratio = Ratio.find(in: textLine.text), ratio.declaredPercent != nil else {
                    continue
                }
                let label = textLine.text.split(separator: ":").first.map { String($0).trimmed } ?? textLine.text
                result.records.ratios.append(
                    DeclaredRatio(
                        label: label, ratio: ratio, path: path,
                        range: locator.lineRange(number, fallback: node.range)))
            }
        }
        if section.kind == .timelineImpact, fields.isEmpty {
            let text = plain.trimmed
            result.records.totals.append(
                DeclaredTotal(
                    kind: .timelineImpact, days: Self.firstDays(in: text), text: text,
                    path: path, range: node.range))
        }
    }

    /// `Additional 3 days for Group 3` → 3.
    static func firstDays(in text: String) -> Double? {
        var scanner = TextScanner(text)
        while !scanner.isAtEnd {
            if let n = scanner.number() {
                scanner.skipSpaces(); _ = scanner.take("-")
                let unit = scanner.letters().lowercased()
                if unit.hasPrefix("day") { return n }
                if unit.hasPrefix("week") { return n * Effort.daysPerWeek }
            } else {
                scanner.position += 1
            }
        }
        return nil
    }
}
