import LoopReportMarkdown
import LoopReportSource
import LoopReportSupport

/// Combines documents, in path order, into the current plan: the first plan with every
/// later document applied (NEW adds, REVISED or re-declared replaces the fields given,
/// "Removed Blocks" removes), keeping each document's changes and each block's history.
package enum PlanBuilder {
    /// Reads one document on its own: a pure function, so documents can be read in parallel.
    /// `vocabulary`: the project's words (`Vocabulary.read(config:)`).
    package static func recognize(_ markdown: MarkdownDocument, vocabulary: Vocabulary = .standard) -> RecognizedDocument {
        RecognizedDocument(recognition: DocumentRecognizer.recognize(markdown, vocabulary: vocabulary))
    }

    /// Applies recognised documents in path order.
    package static func build(_ documents: [RecognizedDocument]) -> (plan: Plan, diagnostics: [Diagnostic]) {
        var assembly = PlanAssembly(applying: documents)
        return assembly.finish()
    }

    /// Recognises and applies parsed documents, one after the other.
    package static func build(_ documents: [MarkdownDocument]) -> (plan: Plan, diagnostics: [Diagnostic]) {
        build(documents.map { recognize($0) })
    }
}

extension PlanBuilder {
    /// The order documents are applied in, as indices into `documents`: those `listed` (the
    /// `order:` of loopreport.yml) first, in that order; then plans (and notes), then progress
    /// reports, iterations and dashboards, then consolidations; within each, by the sequence
    /// number in the file name or title (`03-iteration-1.md`, `Loop Iteration 2`), then the
    /// front-matter date, then the path. So `plan.md` comes before `iterations/01-loop.md`.
    package static func documentOrder(_ documents: [RecognizedDocument], listed: [String] = []) -> [Int] {
        let position = Dictionary(listed.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let keys = documents.map { recognized -> (Int, Int, Int, String, String) in
            let document = recognized.recognition.document
            let rank: Int =
                switch document.kind {
                case .plan: 0
                case .notes: 1
                case .progressReport, .iteration, .dashboard: 2
                case .consolidation: 3
                }
            // Among plans, the unnumbered main file (`plan.md`) comes before its numbered parts
            // (`phase-02.md`); among the rest, an unnumbered one (`status.md`) comes last.
            let number = sequenceNumber(document) ?? (rank == 0 ? -1 : Int.max)
            return (position[document.path] ?? Int.max, rank, number, document.date ?? "~", document.path)
        }
        return documents.indices.sorted { a, b in
            let (x, y) = (keys[a], keys[b])
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return x.1 < y.1 }
            if x.2 != y.2 { return x.2 < y.2 }
            if x.3 != y.3 { return x.3 < y.3 }
            return x.4.utf8.lexicographicallyPrecedes(y.4.utf8)
        }
    }

    /// `03-iteration-1.md` → 3, `iteration-2.md` → 2, `Loop Iteration 4` → 4,
    /// `2026-03-20-iteration-3.md` → 3 (a date is not a sequence number), `2026-W9` → 9; nil when none.
    static func sequenceNumber(_ document: Document) -> Int? {
        let name = document.path.split(separator: "/").last.map(String.init) ?? document.path
        for text in [name, document.title] {
            var scanner = TextScanner(text)
            while !scanner.isAtEnd {
                if let c = scanner.peek, ReferenceScanner.isDigit(c) {
                    let start = scanner.position
                    guard let n = scanner.number() else { scanner.position += 1; continue }
                    // A year with its month and day (`2026-03-20`) or week (`2026-W9`): skip the date.
                    if n >= 1900, n < 2200, scanner.position - start == 4, scanner.peek == 0x2D || scanner.peek == 0x5F {
                        scanner.position += 1
                        if scanner.peek == 0x57 || scanner.peek == 0x77 { scanner.position += 1; continue }  // `W9`: the week
                        while let d = scanner.peek, ReferenceScanner.isDigit(d) || d == 0x2D { scanner.position += 1 }
                        continue
                    }
                    if n < 1e6 { return Int(n) }
                }
                scanner.position += 1
            }
        }
        return nil
    }
}

/// One document read into sections and records, not yet applied to the plan.
package struct RecognizedDocument: Sendable {
    let recognition: DocumentRecognition
}

/// The plan so far: documents applied one at a time in path order, so a loader can apply
/// each while later ones are still being read.
package struct PlanAssembly: Sendable {
    private var state = BuildState()
    /// The baseline is the first document and any plan documents right after it (a plan
    /// split into several files); every later document is an iteration.
    private var inBaseline = true

    package init() {}

    package init(applying documents: [RecognizedDocument]) {
        for document in documents { apply(document) }
    }

    package mutating func apply(_ document: RecognizedDocument) {
        inBaseline = inBaseline && (state.documents.isEmpty || document.recognition.document.kind == .plan)
        state.apply(document.recognition, isBaseline: inBaseline)
    }

    /// The plan with every reference and dependency cycle checked.
    package mutating func finish() -> (plan: Plan, diagnostics: [Diagnostic]) { state.finish() }
}

struct BuildState: Sendable {
    var documents: [Document] = []
    /// Every block defined so far, in the order first defined, and where each one is.
    var blocks: [Block] = []
    var blockSlots: [String: Int] = [:]
    var groups: [String: Group] = [:]
    var iterations: [Iteration] = []
    var records = PlanRecords()
    var diagnostics: [Diagnostic] = []
    /// References whose target must exist, with the severity if it does not.
    var checkedReferences: [(Reference, Severity, String)] = []
    /// Revisions and removals of blocks not defined before them, by block id: the diagnostic's
    /// index, so that a definition in a later document can be named there.
    var unknownBeforehand: [(id: String, diagnostic: Int)] = []
    /// Rules stated once for the whole plan: each block (group) waits for the one before it.
    var sequentialRules = Set<Reference.Kind>()
    /// Dependencies drawn as arrows in every document, applied once all items are known.
    var arrows: [(from: Reference, to: Reference)] = []
    /// Where each block's progress was last stated: the state, the place, the document.
    var stated: [String: (progress: Progress, range: SourceRange?, document: Int)] = [:]
    /// Near misses of every document, for the `no-work-items` warning.
    var nearMisses: [Diagnostic.Note] = []
    var currentBlockCount = 0
    /// Whether a document other than notes has defined items (then a notes document's plan part restates them).
    var planDefinesItems = false

    mutating func apply(_ recognition: DocumentRecognition, isBaseline: Bool) {
        var recognition = recognition
        // A design document's implementation plan beside the plan itself restates it; a
        // retrospective's action items are work after the plan's.
        if recognition.itemsAreANotesPlanPart, planDefinesItems {
            recognition.blocks = []
            recognition.groups = []
            recognition.removals = []
        }
        if !recognition.itemsAreANotesPlanPart, recognition.document.kind != .notes,
            recognition.blocks.contains(where: { !$0.title.isEmpty && $0.marker == nil })
        {
            planDefinesItems = true
        }
        let document = recognition.document
        documents.append(document)
        diagnostics += recognition.diagnostics
        nearMisses += recognition.nearMisses
        arrows += recognition.arrows
        sequentialRules.formUnion(recognition.sequentialRules)
        records.append(recognition.records)
        var iteration = Iteration(
            path: document.path, title: document.title, kind: document.kind, date: document.date,
            added: [], revised: [], removed: [], blockCount: 0)

        var seenGroups: [String: SourceRange?] = [:]
        var seenGroupTitles: [String: String] = [:]
        // A titled group (`## Done` in an archive) holding only items defined before is no group.
        let groupsOfNewItems = Set(recognition.blocks.filter { blockSlots[$0.id] == nil }.compactMap(\.groupID))
        for declaration in recognition.groups
        where !recognition.titledGroups.contains(declaration.id) || groupsOfNewItems.contains(declaration.id) {
            // A bare `# Phase 2` above `## Phase 2: Storage` names the same group, not a second one.
            if let first = seenGroups[declaration.id], !declaration.isRevisedHeading, !declaration.title.isEmpty,
                !(seenGroupTitles[declaration.id] ?? "").isEmpty
            {
                diagnostics.append(
                    Diagnostic(
                        .duplicateGroup, at: declaration.range,
                        "Group \(declaration.id) is defined twice in this document",
                        notes: [.init("first defined here", at: first)]))
            }
            seenGroups[declaration.id] = declaration.range
            seenGroupTitles[declaration.id] = declaration.title
            applyGroup(declaration)
        }

        var seenBlocks: [String: SourceRange?] = [:]
        var seenTitles: [String: String] = [:]
        var seenHeadings = Set<String>()
        for declaration in recognition.blocks {
            if let first = seenBlocks[declaration.id] {
                if declaration.fields.isEmpty { continue }
                // A report may name an item twice (its table and its list), a plan its summary
                // table and its heading (`| 1 | Provision | 2d |` then `### Step 1 — Provision
                // the cluster`), a roadmap an item carried over: the later line is applied.
                // Two titles that share no word are two pieces of work under one id.
                // A line and a heading (a summary and its detail) sharing a word restate one item;
                // two lines must name the same work (`- 1.1 Import users`, `- 1.1 Import orders` are two).
                let earlier = seenTitles[declaration.id] ?? ""
                let restated =
                    declaration.isHeading != seenHeadings.contains(declaration.id)
                    ? !Self.shareNoWord(earlier, declaration.title)
                    : !declaration.isHeading && Self.namesTheSameWork(earlier, declaration.title)
                if document.kind != .plan || declaration.title.isEmpty || restated {
                    applyBlock(
                        declaration, document: document, isBaseline: isBaseline, iteration: &iteration,
                        titledGroups: recognition.titledGroups)
                    continue
                }
                diagnostics.append(
                    Diagnostic(
                        .duplicateBlock, at: declaration.range,
                        "Block \(declaration.id) is defined twice in this document",
                        notes: [.init("first defined here", at: first)]))
                continue
            }
            seenBlocks[declaration.id] = declaration.range
            seenTitles[declaration.id] = declaration.title
            if declaration.isHeading { seenHeadings.insert(declaration.id) }
            applyBlock(
                declaration, document: document, isBaseline: isBaseline, iteration: &iteration,
                titledGroups: recognition.titledGroups)
        }

        // Blocks change in place (`blocks[slot]`): a copy would retain every field.
        for removal in recognition.removals {
            guard let slot = blockSlots[removal.reference.id] else {
                unknownBeforehand.append((removal.reference.id, diagnostics.count))
                diagnostics.append(
                    Diagnostic(
                        .removedUnknownBlock, at: removal.reference.range,
                        "Block \(removal.reference.id) is listed as removed but was never defined"))
                continue
            }
            if blocks[slot].status != .removed { currentBlockCount -= 1 }
            blocks[slot].status = .removed
            let event = BlockEvent(
                change: .removed, document: documents.count - 1, path: document.path,
                documentTitle: document.title, range: removal.range, fields: [],
                estimate: blocks[slot].estimate, declaresDependencies: false,
                dependencies: blocks[slot].dependencies, softDependencies: blocks[slot].softDependencies,
                actualDays: blocks[slot].actual?.days)
            blocks[slot].history.append(event)
            iteration.removed.append(removal.reference.id)
        }

        for signal in recognition.progressSignals {
            guard let slot = blockSlots[signal.reference.id] else {
                // A postmortem's or a meeting's table of tickets names work tracked elsewhere.
                if document.kind != .notes { checkedReferences.append((signal.reference, .warning, "progress entry")) }
                continue
            }
            if let progress = signal.progress {
                noteStatus(signal.reference.id, progress, at: signal.reference.range)
                blocks[slot].progress = progress
            }
            if let percent = signal.percent {
                blocks[slot].percentComplete = percent
            } else if signal.progress == .complete {
                blocks[slot].percentComplete = 100
            }
        }

        // A log's sentences (`finished 2.1, started 2.2`), in order (read only in logs and log sections).
        let statedHere = Set(recognition.progressSignals.map(\.reference.id))
        for (reference, progress) in recognition.loggedStates where !statedHere.contains(reference.id) {
            guard let slot = blockSlots[reference.id], blocks[slot].status != .removed else { continue }
            blocks[slot].progress = progress
            if progress == .complete { blocks[slot].percentComplete = 100 }
        }

        // A final consolidation's estimate-vs-actual rows are the items that were done: an item
        // with an actual effort there and no state stated in it is complete.
        if document.kind == .consolidation {
            for record in recognition.records.accuracy where record.actual != nil {
                guard let reference = record.reference, reference.kind == .block, !statedHere.contains(reference.id),
                    let slot = blockSlots[reference.id], blocks[slot].status != .removed, blocks[slot].progress != .complete
                else { continue }
                noteStatus(reference.id, .complete, at: record.range)
                blocks[slot].progress = .complete
                blocks[slot].percentComplete = 100
            }
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
        group.apply(definition: declaration.fields)
        groups[declaration.id] = group
    }

    /// Whether a document reports on the plan (progress reports and notes), rather than plans.
    static func reports(_ document: Document) -> Bool { document.kind == .progressReport || document.kind == .notes }

    /// The group of the item a later document's new item continues: `T-1.5`, added under no
    /// heading, joins the group `T-1.4` was planned in (Phase 1), as `DS-13` joins `DS-12`'s.
    /// Only where the id says nothing of its group (`3.4` is in Group 3 wherever it is written).
    private func siblingGroup(of id: String) -> String? {
        let implied = Reference.groupID(ofBlock: id)
        guard !Reference.namesItsGroup(id) else { return nil }
        let key = IDKey(id)
        var nearest: (key: IDKey, group: String)?
        for block in blocks where block.groupID != implied && !block.id.isEmpty && Reference.groupID(ofBlock: block.id) == implied {
            let other = IDKey(block.id)
            if other < key, nearest.map({ $0.key < other }) ?? true { nearest = (other, block.groupID) }
        }
        return nearest?.group
    }

    private mutating func applyBlock(
        _ declaration: BlockDeclaration, document: Document, isBaseline: Bool,
        iteration: inout Iteration, titledGroups: Set<String> = []
    ) {
        // Swapped out of its slot (leaving an empty block) so that its arrays are uniquely
        // referenced while it changes.
        let slot = blockSlots[declaration.id]
        var block: Block
        if let slot {
            block = Block.empty
            swap(&block, &blocks[slot])
        } else {
            block = Block(id: declaration.id, title: declaration.title)
        }
        let previousTitle = block.title
        let change: BlockEvent.Change
        if slot != nil {
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
            // A report's line about an item (`- 1.2: backpressure done, DLQ in progress`) says how
            // it stands, not what it is called.
            if !declaration.title.isEmpty, !Self.reports(document) || declaration.isHeading || declaration.marker != nil {
                block.title = declaration.title
            }
        } else {
            if declaration.marker == .revised {
                unknownBeforehand.append((declaration.id, diagnostics.count))
                diagnostics.append(
                    Diagnostic(
                        .revisedUnknownBlock, at: declaration.range,
                        "Block \(declaration.id) is marked REVISED but no earlier document defines it"))
            }
            block.status = isBaseline ? .planned : .new
            change = isBaseline ? .defined : .added
            currentBlockCount += 1
            if !isBaseline { iteration.added.append(block.id) }
        }
        block.range = declaration.range
        if slot != nil, change == .restated || change == .revised, declaration.marker == nil, !declaration.title.isEmpty,
            !Self.reports(document) || declaration.isHeading, Self.shareNoWord(previousTitle, declaration.title)
        {
            diagnostics.append(
                Diagnostic(
                    .reusedID, at: declaration.range,
                    "Block \(declaration.id) is '\(declaration.title)' here but '\(previousTitle)' before; if this is other work, give it an id of its own (or mark it REVISED)",
                    notes: [.init("Block \(declaration.id) first defined here", at: block.history.first?.range)]))
        }
        for (_, value) in declaration.fields {
            if case .status(let progress?, _) = value { noteStatus(declaration.id, progress, at: declaration.range) }
        }
        // A numbered id names its group (`3.4` is in Group 3, wherever it is written: an
        // iteration revises it under another group's heading); any other id (`7`, `T-1.1`)
        // belongs to the group heading it is written under.
        // `2.5.1` under `Phase 2.5` is in Group 2.5: a heading's group whose id starts the block's id wins.
        if let group = declaration.groupID, !Reference.namesItsGroup(declaration.id) || declaration.id.hasPrefix(group + "."),
            !titledGroups.contains(group) || slot == nil && !declaration.id.utf8.contains(0x2E)
        {
            block.groupID = group
        } else if slot == nil, !isBaseline, declaration.groupID == nil, let group = siblingGroup(of: declaration.id) {
            block.groupID = group
        }
        block.fields.reserveCapacity(block.fields.count + declaration.fields.count)
        block.apply(definition: declaration.fields)
        block.history.append(
            BlockEvent(
                change: change, document: documents.count - 1, path: document.path,
                documentTitle: document.title, range: declaration.range,
                fields: declaration.fields.map(\.field.key), estimate: block.estimate,
                declaresDependencies: declaration.fields.contains { if case .dependencies = $0.value { true } else { false } },
                dependencies: block.dependencies, softDependencies: block.softDependencies,
                actualDays: block.actual?.days))
        if let slot {
            blocks[slot] = block
        } else {
            blockSlots[declaration.id] = blocks.count
            blocks.append(block)
        }
    }

    /// Records a block's stated progress, with a `conflicting-status` warning when another
    /// place in this document states another, or an earlier document a later state (complete,
    /// then in progress again): the later statement is kept, the note names the other.
    private mutating func noteStatus(_ id: String, _ progress: Progress, at range: SourceRange?) {
        let document = documents.count - 1
        // Blocked and deferred say why work waits, not how far it has come: they contradict nothing.
        let order: [Progress: Int] = [.notStarted: 0, .inProgress: 1, .complete: 2]
        if let earlier = stated[id], let now = order[progress], let before = order[earlier.progress], now != before,
            earlier.range != range
        {
            if earlier.document == document || now < before {
                let place = earlier.document == document ? "elsewhere in this document" : "in '\(documents[earlier.document].title)'"
                diagnostics.append(
                    Diagnostic(
                        .conflictingStatus, at: range,
                        "Block \(id) is \(progress.rawValue) here but \(earlier.progress.rawValue) \(place); this later statement is kept",
                        notes: [.init("Block \(id) stated \(earlier.progress.rawValue) here", at: earlier.range)]))
            }
        }
        stated[id] = (progress, range, document)
    }

    /// Titles of one piece of work: the same, or one the start of the other (`Provision` and
    /// `Provision the cluster`), words compared (`Import users` and `Import orders` are two).
    static func namesTheSameWork(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.normalizedName.split(separator: " "), b.normalizedName.split(separator: " "))
        return x.starts(with: y) || y.starts(with: x)
    }

    /// Titles sharing no word of three letters or more (`Schema` and `Payment Gateway`).
    static func shareNoWord(_ a: String, _ b: String) -> Bool {
        func words(_ text: String) -> Set<Substring> { Set(text.normalizedName.split(separator: " ").filter { $0.count >= 3 }) }
        let (x, y) = (words(a), words(b))
        return !x.isEmpty && !y.isEmpty && x.isDisjoint(with: y)
    }

    /// Whether a re-declaration changes the estimate or the dependencies (a restatement
    /// in a progress report does not revise the block).
    private func changes(_ declaration: BlockDeclaration, _ block: Block) -> Bool {
        declaration.fields.contains { _, value in
            switch value {
            case .estimate(let effort): effort?.days != block.estimate?.days
            case .dependencies(let references): references.map(\.label) != block.dependencies.map(\.label)
            case .softDependencies(let references): references.map(\.label) != block.softDependencies.map(\.label)
            default: false
            }
        }
    }

    // MARK: Finishing

    /// Arrows hold for items that state no dependencies of their own (a dependency field,
    /// even `None`, is the item's word): each arrow between two known items adds one.
    private mutating func applyArrows() {
        for (from, to) in arrows where from.id != to.id || from.kind != to.kind {
            let known = from.kind == .block ? blockSlots[from.id] != nil : groups[from.id] != nil
            guard known else { continue }
            switch to.kind {
            case .block:
                guard let slot = blockSlots[to.id], !blocks[slot].declaresDependencies,
                    !blocks[slot].dependencies.contains(where: { $0.kind == from.kind && $0.id == from.id })
                else { continue }
                blocks[slot].dependencies.append(from)
            case .group:
                guard var group = groups[to.id], !group.declaresDependencies,
                    !group.dependencies.contains(where: { $0.kind == from.kind && $0.id == from.id })
                else { continue }
                group.dependencies.append(from)
                groups[to.id] = group
            }
        }
    }

    /// `(previous)` and `(all previous)` references (`All previous phases`), and the plan's
    /// sequential rules, as the items they mean: by document order for blocks (the order they
    /// were first defined), by id order for groups. A rule holds for items stating nothing.
    private mutating func resolveRelative() {
        let groupOrder = groups.keys.sorted { IDKey($0) < IDKey($1) }
        func resolve(_ references: [Reference], before id: String, kind: Reference.Kind) -> [Reference] {
            references.flatMap { reference -> [Reference] in
                // `5.1.*`: the items numbered under 5.1, or 5.1 itself when it has none.
                if reference.id.hasSuffix(".*") {
                    let stem = String(reference.id.dropLast(2))
                    let under = blocks.filter { $0.id.hasPrefix(stem + ".") && $0.status != .removed && $0.id != id }
                    return under.isEmpty
                        ? [Reference(kind: .block, id: stem, range: reference.range)]
                        : under.map { Reference(kind: .block, id: $0.id, range: reference.range) }
                }
                guard reference.id == RelativeDependency.previous || reference.id == RelativeDependency.allPrevious else {
                    return [reference]
                }
                let all = reference.id == RelativeDependency.allPrevious
                if reference.kind == .group {
                    let mine = kind == .group ? id : (blockSlots[id].map { blocks[$0].groupID } ?? id)
                    guard let position = groupOrder.firstIndex(of: mine), position > 0 else { return [] }
                    let earlier = all ? Array(groupOrder[..<position]) : [groupOrder[position - 1]]
                    return earlier.map { Reference(kind: .group, id: $0, range: reference.range) }
                }
                guard let slot = blockSlots[id], slot > 0 else { return [] }
                let earlier = all ? Array(0..<slot) : [slot - 1]
                return earlier.filter { blocks[$0].status != .removed }.map {
                    Reference(kind: .block, id: blocks[$0].id, range: reference.range)
                }
            }
        }
        for slot in blocks.indices {
            if blocks[slot].dependencies.contains(where: { $0.id.hasPrefix("(") || $0.id.hasSuffix(".*") }) {
                blocks[slot].dependencies = resolve(blocks[slot].dependencies, before: blocks[slot].id, kind: .block)
            }
            if sequentialRules.contains(.block), blocks[slot].status != .removed, !blocks[slot].declaresDependencies,
                blocks[slot].dependencies.isEmpty, let before = blocks[..<slot].lastIndex(where: { $0.status != .removed })
            {
                blocks[slot].dependencies = [Reference(kind: .block, id: blocks[before].id)]
            }
        }
        for (position, id) in groupOrder.enumerated() {
            guard var group = groups[id] else { continue }
            if group.dependencies.contains(where: { $0.id.hasPrefix("(") || $0.id.hasSuffix(".*") }) {
                group.dependencies = resolve(group.dependencies, before: id, kind: .group)
            }
            if sequentialRules.contains(.group), position > 0, group.dependencies.isEmpty, !group.declaresDependencies {
                group.dependencies = [Reference(kind: .group, id: groupOrder[position - 1])]
            }
            groups[id] = group
        }
    }

    mutating func finish() -> (plan: Plan, diagnostics: [Diagnostic]) {
        resolveRelative()
        applyArrows()
        // `Depends on: HTTP2 support, S3 bucket`: names in prose unless the plan has such items.
        for slot in blocks.indices {
            blocks[slot].dependencies.removeAll { $0.isBareName && blockSlots[$0.id] == nil }
            blocks[slot].softDependencies.removeAll { $0.isBareName && blockSlots[$0.id] == nil }
        }
        // `Depends on: M1` where `## M1 — Foundations` is a group: that group.
        let namedGroups = Set(groups.filter { !$0.value.isImplicit }.keys).subtracting(blockSlots.keys)
        func asGroups(_ references: inout [Reference]) {
            for r in references.indices where references[r].kind == .block && namedGroups.contains(references[r].id) {
                references[r].kind = .group
            }
        }
        if !namedGroups.isEmpty {
            for slot in blocks.indices { asGroups(&blocks[slot].dependencies); asGroups(&blocks[slot].softDependencies) }
            for id in Array(groups.keys) { asGroups(&groups[id]!.dependencies); asGroups(&groups[id]!.softDependencies) }
        }
        let (sortedBlocks, blockIndex) = takeBlocksInIDOrder()
        // A group's blocks follow each other in id order: one look-up per run of them, in
        // place (`groups[groupID] == nil` would copy the group out).
        var start = 0
        while start < sortedBlocks.count {
            let groupID = sortedBlocks[start].groupID
            var end = start + 1
            while end < sortedBlocks.count, sortedBlocks[end].groupID == groupID { end += 1 }
            groups[groupID, default: Group(implicit: groupID)].blockIDs.append(contentsOf: (start..<end).map { sortedBlocks[$0].id })
            start = end
        }
        let plan = Plan(
            documents: documents, groups: groups.values.sortedByID(\.id), blocks: sortedBlocks,
            blockIndex: blockIndex, iterations: iterations, records: records)
        // A block revised or removed before the document that defines it: name that place.
        for (id, index) in unknownBeforehand {
            guard let block = plan.blockIndex(of: id),
                let defined = sortedBlocks[block].history.first(where: { $0.range != diagnostics[index].range })
            else { continue }
            diagnostics[index].notes.append(
                .init(
                    "Block \(id) is defined in a later document, '\(defined.documentTitle)'; documents are read plans first, then in the order of the numbers in their names (or as `order:` in loopreport.yml lists them)",
                    at: defined.range))
        }
        // Groups that state their own effort or dependencies are work of their own (a phase
        // with a duration and no blocks), so a plan of them is not empty.
        let groupsAreWork = plan.groups.contains { $0.estimate != nil || !$0.dependencies.isEmpty }
        if sortedBlocks.isEmpty, !documents.isEmpty, !groupsAreWork { diagnostics.append(noWorkItems(plan)) }
        // The two checks are independent and read the plan's own indexes; run them on two cores.
        let state = self
        diagnostics += parallelMap([0, 1]) { task in
            task == 0 ? state.checkReferences(in: plan) : DependencyCycles.find(in: plan)
        }.joined()
        return (plan, diagnostics)
    }

    /// Every block in id order, each moved out of its slot (a copy would retain every field),
    /// and the position of each id: the slots' index with its values renumbered (not rehashed).
    private mutating func takeBlocksInIDOrder() -> (blocks: [Block], index: [String: Int]) {
        let keys = blocks.indices.map { IDKey(blocks[$0].id) }
        var sorted: [Block] = []
        sorted.reserveCapacity(blocks.count)
        var position = [Int](repeating: 0, count: blocks.count)
        for slot in blocks.indices.sorted(by: { keys[$0] < keys[$1] }) {
            position[slot] = sorted.count
            var block = Block.empty
            swap(&block, &blocks[slot])
            sorted.append(block)
        }
        blocks = []
        let index = blockSlots.mapValues { position[$0] }
        blockSlots = [:]
        return (sorted, index)
    }

    /// Never a silent empty report: the warning that the documents hold no work item, with
    /// the nearest misses as notes (groups without items first, then each document's, at most 12).
    private func noWorkItems(_ plan: Plan) -> Diagnostic {
        var notes = plan.groups.filter { !$0.isImplicit }.map { group in
            Diagnostic.Note(
                "Group \(group.id) '\(group.title)' looks like a group but holds no items; items under it are headings such as '### \(group.id).1 Title' or '### Task \(group.id).1: Title'",
                at: group.range)
        }
        notes += nearMisses
        let shown = Array(notes.prefix(12))
        var message =
            "no work items found in \(documents.count) document\(documents.count == 1 ? "" : "s"): no heading, list item or table row reads as a block, task or numbered item, so there is nothing to schedule"
        if shown.isEmpty { message += "; write items as headings such as '### 1.1 Title' or '### Block 1.1: Title' (docs/format.md)" }
        if notes.count > shown.count { message += " (\(notes.count - shown.count) more near misses not shown)" }
        return Diagnostic(.noWorkItems, at: nil, message, notes: shown)
    }

    /// Dependencies and other references whose target no document defines, or was removed.
    private func checkReferences(in plan: Plan) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for block in plan.blocks.indices where plan.blocks[block].status != .removed {
            let blockID = plan.blocks[block].id
            for reference in plan.blocks[block].dependencies + plan.blocks[block].softDependencies {
                switch reference.kind {
                case .block:
                    guard let target = plan.blockIndex(of: reference.id) else {
                        diagnostics.append(
                            Diagnostic(
                                .unknownBlockReference, at: reference.range,
                                "Block \(blockID) depends on Block \(reference.id), which no document defines"))
                        continue
                    }
                    if plan.blocks[target].status == .removed {
                        let removedAt = plan.blocks[target].history.last(where: { $0.change == .removed })?.range
                        diagnostics.append(
                            Diagnostic(
                                .dependencyOnRemovedBlock, at: reference.range,
                                "Block \(blockID) depends on Block \(reference.id), which was removed",
                                notes: [.init("Block \(reference.id) removed here", at: removedAt)]))
                    }
                case .group:
                    if groups[reference.id] == nil
                        || groups[reference.id]?.isImplicit == true && groups[reference.id]?.blockIDs.isEmpty == true
                    {
                        diagnostics.append(
                            Diagnostic(
                                .unknownGroupReference, at: reference.range,
                                "Block \(blockID) depends on Group \(reference.id), which no document defines",
                                severity: .error))
                    }
                }
            }
        }
        /// A reference to a block or group no document defines, reported at the reference.
        func checkDefined(_ reference: Reference, _ saying: String, severity: Severity) {
            let known = reference.kind == .block ? plan.blockIndex(of: reference.id) != nil : groups[reference.id] != nil
            guard !known else { return }
            diagnostics.append(
                Diagnostic(
                    reference.kind == .block ? .unknownBlockReference : .unknownGroupReference,
                    at: reference.range, "\(saying) \(reference.label), which no document defines", severity: severity))
        }
        for group in plan.groups {
            for reference in group.dependencies + group.softDependencies {
                checkDefined(reference, "Group \(group.id) depends on", severity: .error)
            }
        }
        for (reference, severity, context) in checkedReferences {
            checkDefined(reference, "\(context) names", severity: severity)
        }
        return diagnostics
    }
}
