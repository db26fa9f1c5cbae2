import LoopReportMarkdown
import LoopReportSource

/// Combines documents, in path order, into the current plan: the first plan with every
/// later document applied (NEW adds, REVISED or re-declared replaces the fields given,
/// "Removed Blocks" removes), keeping each document's changes and each block's history.
public enum PlanBuilder {
    /// Reads one document on its own: a pure function, so documents can be read in parallel.
    public static func recognize(_ markdown: MarkdownDocument) -> RecognizedDocument {
        RecognizedDocument(recognition: DocumentRecognizer.recognize(markdown))
    }

    /// Applies recognised documents in path order.
    public static func build(_ documents: [RecognizedDocument]) -> (plan: Plan, diagnostics: [Diagnostic]) {
        var state = BuildState()
        // The baseline is the first document and any plan documents right after it (a plan
        // split into several files); every later document is an iteration.
        var inBaseline = true
        for (index, document) in documents.enumerated() {
            inBaseline = inBaseline && (index == 0 || document.recognition.document.kind == .plan)
            state.apply(document.recognition, isBaseline: inBaseline)
        }
        return state.finish()
    }

    /// Recognises and applies parsed documents, one after the other.
    public static func build(_ documents: [MarkdownDocument]) -> (plan: Plan, diagnostics: [Diagnostic]) {
        build(documents.map(recognize))
    }
}

/// One document read into sections and records, not yet applied to the plan.
public struct RecognizedDocument: Sendable {
    let recognition: DocumentRecognition
}

struct BuildState {
    var documents: [Document] = []
    var blocks: [String: Block] = [:]
    var groups: [String: Group] = [:]
    var iterations: [Iteration] = []
    var records = PlanRecords()
    var mentions: [Reference] = []
    var diagnostics: [Diagnostic] = []
    /// References whose target must exist, with the severity if it does not.
    var checkedReferences: [(Reference, Severity, String)] = []
    var currentBlockCount = 0
    /// The document being applied, for locating references on its lines.
    var currentSource: SourceFile?

    mutating func apply(_ recognition: DocumentRecognition, isBaseline: Bool) {
        let document = recognition.document
        documents.append(document)
        currentSource = document.source
        diagnostics += recognition.diagnostics
        records.append(recognition.records)
        mentions += recognition.mentions
        var iteration = Iteration(path: document.path, title: document.title, kind: document.kind, date: document.date,
                                  added: [], revised: [], removed: [], blockCount: 0)

        var seenGroups: [String: SourceRange?] = [:]
        for declaration in recognition.groups {
            if let first = seenGroups[declaration.id], !declaration.isRevisedHeading {
                diagnostics.append(Diagnostic(.duplicateGroup, at: declaration.range,
                                              "Group \(declaration.id) is defined twice in this document",
                                              notes: [.init("first defined here", at: first)]))
            }
            seenGroups[declaration.id] = declaration.range
            applyGroup(declaration)
        }

        var seenBlocks: [String: SourceRange?] = [:]
        for declaration in recognition.blocks {
            if let first = seenBlocks[declaration.id] {
                if declaration.fields.isEmpty { continue }
                diagnostics.append(Diagnostic(.duplicateBlock, at: declaration.range,
                                              "Block \(declaration.id) is defined twice in this document",
                                              notes: [.init("first defined here", at: first)]))
                continue
            }
            seenBlocks[declaration.id] = declaration.range
            applyBlock(declaration, document: document, isBaseline: isBaseline, iteration: &iteration)
        }

        for removal in recognition.removals {
            guard var block = blocks.removeValue(forKey: removal.reference.id) else {
                diagnostics.append(Diagnostic(.removedUnknownBlock, at: removal.reference.range,
                                              "Block \(removal.reference.id) is listed as removed but was never defined"))
                continue
            }
            if block.status != .removed { currentBlockCount -= 1 }
            block.status = .removed
            block.history.append(BlockEvent(change: .removed, path: document.path, documentTitle: document.title,
                                            range: removal.range, fields: [], estimateDays: nil))
            blocks[block.id] = block
            iteration.removed.append(block.id)
        }

        for signal in recognition.progressSignals {
            guard var block = blocks.removeValue(forKey: signal.reference.id) else {
                checkedReferences.append((signal.reference, .warning, "progress entry"))
                continue
            }
            if let progress = signal.progress { block.progress = progress }
            if let percent = signal.percent { block.percentComplete = percent }
            else if signal.progress == .complete { block.percentComplete = 100 }
            blocks[block.id] = block
        }

        for path in recognition.records.criticalPaths {
            for reference in path.chains.joined() { checkedReferences.append((reference, .warning, "critical path")) }
        }
        for buffer in recognition.records.buffers {
            if let after = buffer.after { checkedReferences.append((after, .warning, "buffer")) }
        }

        iteration.blockCount = currentBlockCount
        if !isBaseline { iterations.append(iteration) }
    }

    private mutating func applyGroup(_ declaration: GroupDeclaration) {
        var group = groups[declaration.id] ?? Group(id: declaration.id, title: declaration.title)
        if groups[declaration.id] != nil, !declaration.title.isEmpty, declaration.title != group.title {
            if !group.aliases.contains(group.title) { group.aliases.append(group.title) }
            group.title = declaration.title
        } else if group.title.isEmpty {
            group.title = declaration.title
        }
        group.isImplicit = false
        if group.range == nil { group.range = declaration.range }
        for field in declaration.fields {
            apply(field, to: &group)
        }
        groups[declaration.id] = group
    }

    private mutating func applyBlock(_ declaration: BlockDeclaration, document: Document, isBaseline: Bool,
                                     iteration: inout Iteration) {
        // Taken out of the dictionary so its arrays are uniquely referenced while it changes.
        let taken = blocks.removeValue(forKey: declaration.id)
        var block = taken ?? Block(id: declaration.id, title: declaration.title)
        let change: BlockEvent.Change
        if taken != nil {
            if block.status == .removed {
                block.status = .new
                currentBlockCount += 1
                change = .added
                iteration.added.append(block.id)
            } else if declaration.marker == .revised || declaration.marker == .new || changes(declaration, block) {
                if block.status != .new || declaration.marker == .revised { block.status = .revised }
                change = .revised
                iteration.revised.append(block.id)
            } else {
                change = .restated
            }
            if !declaration.title.isEmpty { block.title = declaration.title }
        } else {
            if declaration.marker == .revised {
                diagnostics.append(Diagnostic(.revisedUnknownBlock, at: declaration.range,
                                              "Block \(declaration.id) is marked REVISED but no earlier document defines it"))
            }
            block.status = isBaseline ? .planned : .new
            change = isBaseline ? .defined : .added
            currentBlockCount += 1
            if !isBaseline { iteration.added.append(block.id) }
        }
        block.range = declaration.range
        for field in declaration.fields { apply(field, to: &block) }
        block.history.append(BlockEvent(change: change, path: document.path, documentTitle: document.title,
                                        range: declaration.range, fields: declaration.fields.map(\.key),
                                        estimateDays: block.estimate?.days))
        blocks[block.id] = block
    }

    /// Whether a re-declaration changes the estimate or the dependencies (a restatement
    /// in a progress report does not revise the block).
    private func changes(_ declaration: BlockDeclaration, _ block: Block) -> Bool {
        declaration.fields.contains { field in
            switch field.name {
            case "estimated effort", "effort", "estimate", "estimated":
                return Effort.parse(field.value)?.days != block.estimate?.days
            case "dependencies", "dependency", "depends on", "hard dependencies":
                return references(field).map(\.label) != block.dependencies.map(\.label)
            case "soft dependencies", "soft dependency":
                return references(field).map(\.label) != block.softDependencies.map(\.label)
            default:
                return false
            }
        }
    }

    // MARK: Fields

    private mutating func effort(_ field: Field) -> Effort? {
        if let effort = Effort.parse(field.value) { return effort }
        if TableRecognizerBlank.isBlank(field.value) { return nil }
        diagnostics.append(Diagnostic(.unparseableEffort, at: field.valueRange,
                                      "cannot read '\(field.value)' as an effort (e.g. '3 days', '1.5 days', '2 weeks')"))
        return nil
    }

    private func references(_ field: Field) -> [Reference] {
        let text = field.items.isEmpty ? field.value : field.items.joined(separator: ", ")
        if TableRecognizerBlank.isBlank(text) { return [] }
        return ReferenceScanner.scan(text, bareBlockIDs: true).map {
            Reference(kind: $0.kind, id: $0.id, annotation: $0.annotation, range: field.valueRange)
        }
    }

    /// Locates each dependency on the field's line.
    private func locatedReferences(_ field: Field) -> [Reference] {
        var located = references(field)
        guard let range = field.valueRange, let file = currentSource else { return located }
        var column = range.start.column
        for i in located.indices {
            let needle = located[i].kind == .block ? located[i].id : "Group " + located[i].id
            if let found = file.column(of: needle, onLine: range.start.line, from: column) {
                var start = found
                if located[i].kind == .block, found > 6,
                   file.column(of: "Block " + needle, onLine: range.start.line, from: found - 6) == found - 6 { start = found - 6 }
                located[i].range = SourceRange(path: range.path, start: SourceLocation(line: range.start.line, column: start),
                                               end: SourceLocation(line: range.start.line, column: found + needle.utf8.count))
                column = found + needle.utf8.count
            }
        }
        return located
    }

    private func items(_ field: Field) -> [String] {
        if !field.items.isEmpty { return field.items }
        if field.value.isEmpty || TableRecognizerBlank.isBlank(field.value) { return [] }
        return field.value.split(separator: ",").map { String($0).trimmed.trimmingCharacters(in: ["`"]) }
    }

    private mutating func apply(_ field: Field, to block: inout Block) {
        if let i = block.fields.firstIndex(where: { $0.name == field.name }) { block.fields[i] = field }
        else { block.fields.append(field) }
        switch field.name {
        case "priority": block.priority = field.value
        case "dependencies", "dependency", "depends on", "hard dependencies":
            block.dependencies = locatedReferences(field)
        case "soft dependencies", "soft dependency": block.softDependencies = locatedReferences(field)
        case "estimated effort", "effort", "estimate", "estimated":
            block.estimate = effort(field)
            if block.baselineEstimateDays == nil, let estimate = block.estimate {
                block.baselineEstimateDays = estimate.previousDays ?? estimate.days
            }
        case "actual effort", "actual", "actual days": block.actual = effort(field)
        case "status":
            if let progress = Progress.parse(field.value) { block.progress = progress }
            if let percent = Percent.find(in: field.value) { block.percentComplete = percent.value }
            else if block.progress == .complete { block.percentComplete = 100 }
        case "progress", "completion":
            if let percent = Percent.find(in: field.value) { block.percentComplete = percent.value }
            else if !field.value.isEmpty {
                diagnostics.append(Diagnostic(.unparseablePercentage, at: field.valueRange,
                                              "cannot read '\(field.value)' as a percentage"))
            }
        case "tasks", "implementation steps", "changes", "changes required", "steps": block.tasks = items(field)
        case "files to modify", "files", "files to verify": block.files = items(field)
        case "completion criteria", "acceptance criteria", "release criteria": block.completionCriteria = items(field)
        case "critical path":
            let v = field.value.normalizedName
            block.declaredCritical = v.hasPrefix("yes") || v.hasPrefix("true") ? true : v.hasPrefix("no") || v.hasPrefix("false") ? false : nil
        case "blockers", "blocker": block.blockers = field.value
        default: break
        }
    }

    private mutating func apply(_ field: Field, to group: inout Group) {
        if let i = group.fields.firstIndex(where: { $0.name == field.name }) { group.fields[i] = field }
        else { group.fields.append(field) }
        switch field.name {
        case "priority": group.priority = field.value
        case "dependencies", "dependency", "depends on", "hard dependencies": group.dependencies = locatedReferences(field)
        case "soft dependencies", "soft dependency": group.softDependencies = locatedReferences(field)
        case "estimated effort", "effort", "estimate":
            group.estimate = effort(field)
            if group.baselineEstimateDays == nil, let estimate = group.estimate {
                group.baselineEstimateDays = estimate.previousDays ?? estimate.days
            }
        case "assigned team", "team", "owner": group.team = field.value
        case "files to modify", "files": group.files = items(field)
        case "discrepancies addressed": group.discrepanciesAddressed = items(field)
        case "implementation order": group.implementationOrder = items(field)
        case "tasks", "changes required", "changes": group.tasks = items(field)
        default: break
        }
    }

    // MARK: Finishing

    mutating func finish() -> (plan: Plan, diagnostics: [Diagnostic]) {
        for block in blocks.values where groups[block.groupID] == nil {
            var group = Group(id: block.groupID, title: "")
            group.isImplicit = true
            groups[block.groupID] = group
        }
        let sortedBlocks = blocks.values.sortedByID(\.id)
        for block in sortedBlocks { groups[block.groupID]?.blockIDs.append(block.id) }
        checkReferences(sortedBlocks)
        diagnostics += DependencyCycles.find(blocks: sortedBlocks.filter { $0.status != .removed },
                                             groups: groups)
        let plan = Plan(documents: documents, groups: groups.values.sortedByID(\.id),
                        blocks: sortedBlocks, iterations: iterations, records: records, mentions: mentions)
        return (plan, diagnostics)
    }

    private mutating func checkReferences(_ sortedBlocks: [Block]) {
        for block in sortedBlocks where block.status != .removed {
            for reference in block.dependencies + block.softDependencies {
                switch reference.kind {
                case .block:
                    guard let target = blocks[reference.id] else {
                        diagnostics.append(Diagnostic(.unknownBlockReference, at: reference.range,
                                                      "Block \(block.id) depends on Block \(reference.id), which no document defines"))
                        continue
                    }
                    if target.status == .removed {
                        let removedAt = target.history.last(where: { $0.change == .removed })?.range
                        diagnostics.append(Diagnostic(.dependencyOnRemovedBlock, at: reference.range,
                                                      "Block \(block.id) depends on Block \(reference.id), which was removed",
                                                      notes: [.init("Block \(reference.id) removed here", at: removedAt)]))
                    }
                case .group:
                    if groups[reference.id] == nil || groups[reference.id]?.isImplicit == true && groups[reference.id]?.blockIDs.isEmpty == true {
                        diagnostics.append(Diagnostic(.unknownGroupReference, at: reference.range,
                                                      "Block \(block.id) depends on Group \(reference.id), which no document defines",
                                                      severity: .error))
                    }
                }
            }
        }
        for group in groups.values.sortedByID(\.id) {
            for reference in group.dependencies + group.softDependencies {
                let known = reference.kind == .block ? blocks[reference.id] != nil : groups[reference.id] != nil
                if !known {
                    diagnostics.append(Diagnostic(reference.kind == .block ? .unknownBlockReference : .unknownGroupReference,
                                                  at: reference.range,
                                                  "Group \(group.id) depends on \(reference.label), which no document defines",
                                                  severity: .error))
                }
            }
        }
        for (reference, severity, context) in checkedReferences {
            let known = reference.kind == .block ? blocks[reference.id] != nil : groups[reference.id] != nil
            if !known {
                diagnostics.append(Diagnostic(reference.kind == .block ? .unknownBlockReference : .unknownGroupReference,
                                              at: reference.range,
                                              "\(context) names \(reference.label), which no document defines",
                                              severity: severity))
            }
        }
    }
}

/// Shared test for "no value" cells and fields: `-`, `None`, `N/A`, empty.
enum TableRecognizerBlank {
    static func isBlank(_ text: String) -> Bool { DocumentRecognizer.isBlank(text) }
}
