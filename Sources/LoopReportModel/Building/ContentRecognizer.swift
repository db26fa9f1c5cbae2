import LoopReportMarkdown
import LoopReportSource

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
        if Self.listItemSections.contains(section.kind), items.first?.taskState != nil || items.first.map(\.itemText)
            .map({ HeadingParser.blockDefinition(HeadingParser.read($0).title, vocabulary: vocabulary) != nil }) == true {
            var declarations: [BlockDeclaration] = []
            for item in items {
                if let declaration = listItemDefinition(item, section: index) { declarations.append(declaration) }
            }
            if !declarations.isEmpty {
                result.blocks += declarations
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
            .contains(where: { within(index, $0) }) || items.allSatisfy({ Self.resultGlyph($0.itemText) != nil }) {
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
        for item in items {
            let text = item.itemText
            let line = item.range?.start.line
            if let progress = readProgressItem(item, section: section.kind) {
                result.records.progress.append(progress)
                continue
            }
            if let ratio = Ratio.find(in: text), ratio.declaredPercent != nil || section.kind == .progressMetrics {
                let label = text.split(separator: ":").first.map { String($0).trimmed } ?? text
                result.records.ratios.append(DeclaredRatio(label: label, ratio: ratio, path: path,
                                                           range: locator.lineRange(line, fallback: item.range)))
            }
            if let metric = readMetricLine(text, range: locator.lineRange(line, fallback: item.range)) {
                result.records.metrics.append(metric)
            }
            if let kind = Self.findingKinds[section.kind] ?? lineage(index).lazy.compactMap({ Self.findingKinds[$0] }).first {
                result.records.findings.append(Finding(
                    kind: kind, category: section.title, text: text, details: item.nestedItemTexts, path: path,
                    range: locator.lineRange(line, fallback: item.range)))
            }
        }
    }

    /// Sections whose lists may define work items: plan structure, not progress, validation
    /// or iteration records (where `✅ Block 1.1: Title` reports progress).
    static let listItemSections: Set<SectionKind> = [.other, .group, .revisedGroup, .implementationGroups, .overview,
                                                     .timeline, .milestones, .newBlocks]

    /// A list item that defines a work item: `- T-2.1.3: Retry policy — 4h — depends on
    /// T-2.1.1`, `- [x] 1.2 Account import (3h)`, `- Task 4: Docs` with field bullets under it.
    /// Without an item word, the item needs evidence, as a numbered heading does: an effort,
    /// dependencies, a status or checkbox, field bullets, or a group heading above it.
    mutating func listItemDefinition(_ item: MarkdownNode, section index: Int) -> BlockDeclaration? {
        let text = item.itemText
        guard let first = text.utf8.first, ReferenceScanner.isDigit(first) || (first >= 65 && first <= 90) || first >= 0x80
        else { return nil }
        // The parts after the title: `— 4h — depends on T-2.1.1`.
        var parts = text.components(separatedBy: " — ").flatMap { $0.components(separatedBy: " | ") }
        let headText = parts.removeFirst()
        let heading = HeadingParser.read(headText)
        guard let definition = HeadingParser.blockDefinition(heading.title, vocabulary: vocabulary) else { return nil }
        let line = item.range?.start.line
        let range = locator.lineRange(line, fallback: item.range)
        var fields: [(field: Field, value: FieldValue)] = []
        var effortText = heading.effortText
        for part in parts.map(\.trimmed) where !part.isEmpty {
            let lower = part.normalizedName
            if effortText == nil, Effort.parse(part) != nil { effortText = part; continue }
            if let word = ["depends on", "after", "requires", "blocked by", "needs", "prerequisites"].first(where: { lower.hasPrefix($0 + " ") }) {
                let value = String(part.dropFirst(word.count)).trimmed
                let field = Field(key: word.prefix(1).uppercased() + word.dropFirst(), value: value, items: [],
                                  range: locator.range(of: part, line: line, fallback: range),
                                  valueRange: locator.range(of: value, line: line, fallback: range))
                fields.append((field, .dependencies(FieldValue.references(field, in: markdown.source, vocabulary: vocabulary))))
            }
        }
        if let effortText {
            let field = Field(key: "Estimate", value: effortText, items: [], range: locator.range(of: effortText, line: line, fallback: range),
                              valueRange: locator.range(of: effortText, line: line, fallback: range))
            fields.append((field, .estimate(Effort.parse(effortText))))
        }
        var progress = heading.progress
        if let task = item.taskState { progress = task ? .complete : .notStarted }
        if let progress {
            let field = Field(key: "Status", value: heading.statusText ?? (progress == .complete ? "[x]" : "[ ]"), items: [],
                              range: range, valueRange: range)
            fields.append((field, .status(progress, percent: progress == .complete ? 100 : nil)))
        }
        let nested = item.children.filter(\.isList)
        let nestedFields = nested.isEmpty ? [] : collectFields(nested, allowPlainKeys: true)
        let group = enclosingGroup(index)
        let hasEvidence = !fields.isEmpty || nestedFields.contains { vocabulary.fieldNames[$0.name].map(Vocabulary.planFields.contains) ?? false }
            || group != nil
        guard !definition.wordless || hasEvidence else { return nil }
        return BlockDeclaration(id: definition.id, title: definition.title, marker: heading.marker,
                                fields: fields + readFields(nestedFields), range: range, path: path, groupID: group?.id)
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
            if let task = item.taskState { state = task ? .checked : .unchecked }
            else if let glyph = Self.resultGlyph(text) {
                state = glyph
                shown = String(String.UnicodeScalarView(text.unicodeScalars.drop(while: { !$0.properties.isAlphabetic && !ReferenceScanner.isDigit($0) })))
            } else { state = .unchecked }
            checklistItems.append(ChecklistItem(text: shown.trimmed, state: state,
                                                range: locator.lineRange(item.range?.start.line, fallback: item.range)))
        }
        let context = result.document.context(of: index)
        if var last = result.records.checklists.last, last.path == path, last.context == context {
            last.items += checklistItems
            result.records.checklists[result.records.checklists.count - 1] = last
        } else {
            result.records.checklists.append(Checklist(
                title: context.last ?? result.document.title, context: context, items: checklistItems,
                path: path, range: range))
        }
    }

    /// `✅ Block 1.1: Title` → block and progress.
    static func blockProgressItem(_ text: String) -> (Progress?, ReferenceScanner.Match)? {
        guard let match = ReferenceScanner.scan(text).first, match.kind == .block else { return nil }
        let prefix = text.unicodeScalars.prefix(while: { $0 != "B" && $0 != "b" })
        guard prefix.allSatisfy({ !$0.properties.isAlphabetic }) else { return nil }
        return (Progress.parse(String(String.UnicodeScalarView(prefix))) ?? Progress.parse(text), match)
    }

    /// Progress lines: `Core Types (Group 1): 100% complete` and block items with glyphs.
    private mutating func readProgressItem(_ item: MarkdownNode, section: SectionKind) -> ProgressEntry? {
        let text = item.itemText
        let range = locator.lineRange(item.range?.start.line, fallback: item.range)
        let progressSections: [SectionKind] = [.completedComponents, .completed, .pending, .implementationProgress, .progressAssessment]
        if section == .completedComponents || (progressSections.contains(section) && text.lowercased().contains("complete")
                                               && ReferenceScanner.scan(text).first?.kind == .group) {
            guard let match = ReferenceScanner.scan(text).first(where: { $0.kind == .group }) else { return nil }
            let reference = Reference(kind: .group, id: match.id,
                                      range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
            let afterColon = text.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? text
            let percent = Percent.find(in: afterColon)?.value
            if percent == nil {
                result.diagnostics.append(Diagnostic(.unparseablePercentage, at: range,
                                                     "cannot read a completion percentage in '\(text)'"))
            }
            let name = text.split(separator: "(").first.map { String($0).trimmed } ?? text
            let state: Progress? = percent.map { $0 >= 100 ? .complete : $0 > 0 ? .inProgress : .notStarted }
            return ProgressEntry(subject: name, reference: reference, percent: percent, progress: state, path: path, range: range)
        }
        guard progressSections.contains(section) || Self.resultGlyph(text) != nil || text.unicodeScalars.first == "⬜",
              let (state, match) = Self.blockProgressItem(text) else { return nil }
        var progress = state
        if progress == nil { progress = section == .completed ? .complete : section == .pending ? .notStarted : nil }
        let percent = text.lowercased().contains("%") ? Percent.find(in: text)?.value : (progress == .complete ? 100 : nil)
        let reference = Reference(kind: .block, id: match.id,
                                  range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
        result.progressSignals.append((reference, progress, percent))
        // `⬜ Block 1.6: CLI Command Updates (ADDED)` adds a block.
        let (title, marker) = HeadingParser.split(text)
        if marker == .added || marker == .new, let definition = HeadingParser.blockDefinition(
            String(String.UnicodeScalarView(title.unicodeScalars.drop(while: { !$0.properties.isAlphabetic }))), vocabulary: vocabulary) {
            result.blocks.append(BlockDeclaration(id: definition.id, title: definition.title, marker: .new,
                                                  fields: [], range: range, path: path))
        }
        return ProgressEntry(subject: text, reference: reference, percent: percent, progress: progress, path: path, range: range)
    }

    /// `- Standard TPS: 215,000 (target: 200,000+) ✓`.
    private func readMetricLine(_ text: String, range: SourceRange?) -> Metric? {
        guard text.utf8.contains(0x28) else { return nil }  // "("
        let lower = text.lowercased()
        guard let open = lower.firstRange(of: "(target:") ?? lower.firstRange(of: "(target "),
              let colon = text.firstIndex(of: ":"), colon < open.lowerBound else { return nil }
        let name = text[..<colon].trimmed
        let achieved = text[text.index(after: colon)..<open.lowerBound].trimmed
        let afterOpen = text[open.upperBound...]
        let targetText = afterOpen.prefix(while: { $0 != ")" }).trimmed
        let status = afterOpen.drop(while: { $0 != ")" }).dropFirst().trimmed
        return Metric(name: name, target: Target.parse(targetText), achieved: Quantity.parse(achieved),
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
            result.removals.append(Removal(
                reference: Reference(kind: .block, id: match.id,
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
            } else { scanner.position += 1 }
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
                after = Reference(kind: match.kind, id: match.id,
                                  range: locator.range(of: match.text, line: item.range?.start.line, fallback: range))
            }
        } else if let r = lower.firstRange(of: "before ") {
            placement = String(text[r.lowerBound...]).split(separator: "(").first.map { String($0).trimmed } ?? ""
        }
        var reason: String?
        if let open = text.lastIndex(of: "("), text.hasSuffix(")") {
            reason = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        }
        result.records.buffers.append(Buffer(days: days, after: after, placement: placement, reason: reason,
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
                        if part.contains("%") { projection.deltaPercent = Percent.find(in: String(part))?.value }
                        else if let q = Quantity.parse(String(part)) { projection.deltaDays = q.unit.hasPrefix("week") ? q.value * 5 : q.value }
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
        var revision = MajorRevision(title: item.itemText, path: path,
                                     range: locator.lineRange(item.range?.start.line, fallback: item.range))
        for text in item.nestedItemTexts {
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = text[..<colon].normalizedName, value = String(text[text.index(after: colon)...]).trimmed
            if key.hasPrefix("original") { revision.originalApproach = value }
            else if key.hasPrefix("final") || key.hasPrefix("revised") { revision.finalApproach = value }
            else if key.hasPrefix("reason") { revision.reason = value }
        }
        result.records.revisions.append(revision)
    }

    /// `1. **Storage Schema Migration**` with `- Issue:`, `- Impact:`, `- Status:`, `- Owner:`, `- ETA:`.
    private mutating func readBlocker(_ item: MarkdownNode) {
        let fields = collectFields(item.children.filter(\.isList), allowPlainKeys: true)
        let status = fields.first(where: { $0.name == "status" })?.value ?? ""
        let title = item.itemText
        let reference = ReferenceScanner.scan(title).first.map { Reference(kind: $0.kind, id: $0.id) }
        result.records.statuses.append(StatusRecord(kind: .blocker, subject: title, block: reference, status: status,
                                                    details: fields, path: path,
                                                    range: locator.lineRange(item.range?.start.line, fallback: item.range)))
    }

    // MARK: Code blocks

    mutating func recognizeCode(_ node: MarkdownNode, info: String, section index: Int) {
        let section = result.document.sections[index]
        let text = node.literal
        let references = referencesIn(text, line: node.range.map { $0.start.line + 1 }, fallback: node.range, multiline: true)
        let hasArrows = text.contains("→") || text.contains("->") || text.contains("►") || text.contains("▼")
            || text.contains("│") || text.contains("↓")
        var kind = Figure.Kind.code
        if info.isEmpty, hasArrows, !references.isEmpty {
            // Under a critical-path heading, chains of blocks are the declared path; any other
            // arrow drawing with block or group labels is a dependency graph.
            let isChain = references.allSatisfy { $0.kind == .block } && !text.contains("─")
            kind = within(index, .criticalPath) && isChain ? .criticalPath : .dependencyGraph
        } else if info.isEmpty, text.unicodeScalars.contains(where: { (0x2500...0x257F).contains($0.value) }) {
            kind = .diagram
        }
        let figure = Figure(kind: kind, language: info, text: text, references: references,
                            sectionTitle: section.title, path: path, range: node.range)
        result.records.figures.append(figure)
        if kind == .criticalPath { readCriticalPath(node) }
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
        result.records.criticalPaths.append(DeclaredCriticalPath(chains: chains, text: node.literal, path: path,
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
        guard case .strong? = node.children.first?.kind,
              node.children.dropFirst().allSatisfy({ $0.plainText.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic } }),
              let next, next.isList else { return false }
        let heading = HeadingParser.read(node.plainText)
        let group = enclosingGroup(index)
        // A letter id is qualified by its group (`3.C`): each phase of a plan may have its A, B, C.
        guard let definition = HeadingParser.blockDefinition(heading.title, vocabulary: vocabulary)
                ?? Self.letterDefinition(heading.title).map({ ((group.map { "\($0.id)." } ?? "") + $0.id, $0.title, true) })
        else { return false }
        let fields = collectFields([next], allowPlainKeys: true)
        if definition.wordless, !fields.contains(where: { vocabulary.fieldNames[$0.name].map(Vocabulary.planFields.contains) ?? false }) {
            return false
        }
        result.blocks.append(BlockDeclaration(id: definition.id, title: definition.title, marker: heading.marker,
                                              fields: readFields(fields), range: node.range, path: path,
                                              groupID: group?.id))
        return true
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
        let fields = [MarkdownNode].fields(in: node, locator: locator, allowPlainKeys: false)
        noteUnknownFields(fields)
        for field in fields {
            switch field.name {
            case "total buffer":
                result.records.totals.append(DeclaredTotal(kind: .totalBuffer, days: Effort.parse(field.value)?.days,
                                                           text: field.value, path: path, range: field.valueRange))
            case "overall impact":
                result.records.totals.append(DeclaredTotal(kind: .overallImpact, days: Self.leadingDays(field.value),
                                                           text: field.value, path: path, range: field.valueRange))
            case "status", "updated plan status", "overall status":
                let kind: StatusRecord.Kind = within(index, .preImplementationValidation) ? .preImplementation
                    : within(index, .postImplementationValidation) ? .postImplementation : .overall
                if section.kind != .block {
                    let subject = lineageSubjects(index).first
                    result.records.statuses.append(StatusRecord(
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
        if section.kind == .timelineImpact, fields.isEmpty {
            let text = node.plainText.trimmed
            result.records.totals.append(DeclaredTotal(kind: .timelineImpact, days: Self.firstDays(in: text), text: text,
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
            } else { scanner.position += 1 }
        }
        return nil
    }
}
