import Foundation
import LoopReportMarkdown
import LoopReportSource
import LoopReportSupport
import Yams

/// Reads one parsed document into sections and typed records. What it does not recognise
/// stays in the sections' content as Markdown.
struct DocumentRecognizer {
    let markdown: MarkdownDocument
    let locator: Locator
    var result: DocumentRecognition
    /// The tasks of Mermaid gantt blocks, items when nothing else in the document is (`ganttItems`).
    var ganttTasks: [GanttTask] = []
    /// Numbered headings without an item word, items only with evidence (`confirmNumberedItems`).
    var numberedCandidates: [Int] = []
    /// Headings with an item word (`## Milestone 1: Core`, `## Task 3: Auth`): items unless
    /// the items under them show they are groups (`confirmNumberedItems`).
    var wordedItems: [Int] = []
    /// The state a label paragraph (`**Completed**`) gives the list after it.
    var listState: Progress?
    /// The state each section's heading (or its nearest such ancestor's) gives its lines: `.some(nil)` for none.
    var sectionStates: [Int: Progress?] = [:]
    /// Whether the document's title says it is a log or a report (`# Progress`, `# Weekly
    /// status`): only there do sentences say states (`finished 2.1, started 2.2`).
    var isLog = false
    /// What the document's folders, name and title say it is besides a plan, read once its
    /// headings are settled (`notesOrGuide()`).
    var notesOrGuideRead: (notes: Bool, guide: Bool)?
    /// Whether each section is a log section (`isLogSection`), worked out once.
    var logSections: [Int: Bool] = [:]
    /// The names group and block headings give (`Storage` in `Group 3: Storage`), by section.
    var definitionTitles: [Int: String] = [:]
    /// What group and block headings say besides their names (status, effort), by section.
    var headings: [Int: HeadingText] = [:]
    /// Sections of notes within a plan (`## Ideas for later`, `## Meeting notes`) and those
    /// under them: their lists, tables and headings define no work items.
    var asides = Set<Int>()
    /// Groups under whose heading a rule says their items go in order (`Steps, in order:`).
    var sequentialGroups = Set<String>()
    var path: String { markdown.path }

    /// The longest title kept whole, in characters.
    static let maximumTitleLength = 300

    /// A title over `maximumTitleLength` characters, cut there with an ellipsis; nil for one within.
    static func shortened(_ title: String) -> String? {
        guard title.utf8.count > maximumTitleLength, title.count > maximumTitleLength else { return nil }
        return String(title.prefix(maximumTitleLength)) + "…"
    }

    /// Dependency field names, longest first (`depends on` before `depends`): the words that
    /// open a dependency part of a list item (`— depends on 1.1`).
    let dependencyWords: [String]
    /// The same words, each with the space after it (`depends on `): what a dependency part starts with.
    let dependencyPrefixes: [String]

    /// The project's words (field names, item and group words).
    var vocabulary: Vocabulary { locator.vocabulary }

    static func recognize(_ markdown: MarkdownDocument, vocabulary: Vocabulary) -> DocumentRecognition {
        var recognizer = DocumentRecognizer(markdown: markdown, vocabulary: vocabulary)
        recognizer.run()
        return recognizer.result
    }

    private init(markdown: MarkdownDocument, vocabulary: Vocabulary) {
        self.markdown = markdown
        self.locator = Locator(file: markdown.source, vocabulary: vocabulary)
        dependencyWords = vocabulary.fieldNames.filter { $0.value == .dependencies }.keys.sorted { $0.count > $1.count }
        dependencyPrefixes = dependencyWords.map { $0 + " " }
        let document = Document(
            path: markdown.path, kind: .notes, kindIsDeclared: false, title: "",
            date: nil, frontMatter: [:], sections: [], source: markdown.source,
            bodyStartLine: (markdown.frontMatterRange?.end.line ?? 0) + 1)
        self.result = DocumentRecognition(document: document)
    }

    private mutating func run() {
        readFrontMatter()
        buildSections()
        confirmNumberedItems()
        if markdown.root.children.isEmpty {
            result.diagnostics.append(
                Diagnostic(
                    .emptyDocument, at: SourceRange.line(1, in: path),
                    "'\(path)' has no content"))
        }
        let fileName = path.lowercased().split(separator: "/").last.map(String.init) ?? ""
        isLog =
            Self.titleSaysReport(result.document.sections)
            || ["progress", "journal", "status", "devlog", "worklog", "standup"].contains { fileName.contains($0) }
            || Self.words(fileName).dropLast().last == "log"  // `cutover-log-2024-11-16.md`, not `log-retention.md`
        for index in result.document.sections.indices { recognize(section: index) }
        ganttItems()
        positionalItems()
        chainSequentialGroups()
        qualifyRestartingNumbers()
        setAsideItemsOfNotes()
        setAsideDeliverables()
        finishDocumentInfo()
    }

    /// Words of a heading that say its section is an aside, not part of the plan.
    static let asideWords: [String] = [
        "ideas", "idea", "notes", "meeting", "minutes", "parking lot", "out of scope", "wishlist",
        "open questions", "questions", "appendix", "glossary", "references", "lessons",
        "learnings", "retrospective", "retro", "faq", "leftovers", "not this cycle", "icebox", "someday",
        "not scheduled", "unscheduled",
        "idéer", "anteckningar", "mötes", "notatki", "pomysły", "spotkania", "notizen", "ideen",
        "besprechung", "idées", "réunion", "notas", "reunión", "メモ", "アイデア", "議事録",
    ]

    static func isAside(_ title: String) -> Bool {
        let name = title.lowercased()
        // Whole words: `Notes` and `Meeting notes`; phrases and words of scripts without spaces anywhere.
        let words = Set(name.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return asideWords.contains { word in
            words.contains(word) || (word.utf8.contains(0x20) || word.utf8.contains(where: { $0 >= 0x80 })) && name.containsBytes(word)
        }
    }

    static let horizons: Set<String> = ["now", "next", "later", "soon", "someday"]
    /// Words of a heading that lists the plan's items or reports on them, not a group of them.
    static let listingWords = taskSectionWords.union(["dos", "plan", "overview", "progress", "status", "log", "summary"])

    /// The first words of a list item, inside bold or not (`**1.4** Share sheet`), without
    /// building the item's text.
    static func leadingText(of item: MarkdownNode) -> String {
        var first = item.children.first(where: \.isParagraph)?.children.first
        if let node = first, case .strong = node.kind { first = node.children.first }
        guard let node = first, case .text = node.kind else { return "" }
        return node.literal
    }

    /// Whether the document's title says it reports on a plan (a status update, a loop, a review).
    /// `# Ingest rewrite — April log`, `# Cutover log — Sat 16 Nov`, `# Running log`: the title
    /// after its subject ends with the word log, or a log is dated (not `# Log retention`,
    /// `# Audit log`, `# Audit log — design`).
    static func titleIsALog(_ title: String) -> Bool {
        let written = title.components(separatedBy: " — ").flatMap { $0.components(separatedBy: " - ") }
        let parts = written.map { words(String($0.prefix { $0 != "(" && $0 != ":" })) }
        if parts.contains(where: { $0 == ["log"] || $0 == ["running", "log"] }) { return true }
        guard parts.count >= 2 else { return false }
        if parts.last?.last == "log" { return true }
        return parts.indices.dropLast().contains { parts[$0].last == "log" && written[$0 + 1].contains(where: \.isNumber) }
    }

    static func titleSaysReport(_ sections: [Section]) -> Bool {
        guard let title = sections.first(where: { $0.level == 1 })?.title else { return false }
        // `# Done`, `# Completed`, `# Archive`: the items that were done (a to-do list is a plan).
        if headingState(title) == .complete { return true }
        let words = Set(Self.words(title))
        return !words.isDisjoint(with: [
            "status", "update", "updates", "progress", "report", "review", "loop", "iteration",
            "retro", "retrospective", "summary", "standup", "standups", "week", "weekly", "changelog",
            "archive", "devlog", "worklog", "journal", "wrap", "wrapup",
        ]) || Self.titleIsALog(title)
    }

    // MARK: Items written without ids

    /// Words of a sub-section's title under a group that holds its tasks (`### Tasks`).
    static let taskSectionWords: Set<String> = [
        "tasks", "task", "work", "items", "steps", "todo", "checklist", "backlog",
        "deliverables", "scope", "plan",
    ]

    /// A group whose items are written without ids: a list under it whose every entry states
    /// an effort or is a checkbox (`- [ ] Limits page per tenant (2d)`, `1. Redis token bucket
    /// — 2 days`), or a table of tasks with an estimate or dependency column and no id column.
    /// Each becomes an item numbered by position in its group (`2.1`, `2.2`…); a reference to
    /// `step 1` means the group's first, and a dependency cell naming another row's title
    /// (`Shadow mode`) that row.
    private mutating func positionalItems() {
        let sections = result.document.sections
        var grouped = Set(result.blocks.compactMap(\.groupID))
        for block in result.blocks { grouped.insert(Reference.groupID(ofBlock: block.id)) }
        // `### Phase 2` over `5. **Replay** — 1.5d. Depends on 3, 4.`: a numbered list that
        // carries its numbers on from the group before names its items by them (`5`, not `2.1`).
        let numbersCarryOn = sections.contains { section in
            (section.kind == .group || section.kind == .revisedGroup)
                && section.content.contains {
                    if case .list(ordered: true, let start, _) = $0.kind { start > 1 } else { false }
                }
        }
        for (index, section) in sections.enumerated() where section.kind == .group || section.kind == .revisedGroup {
            guard !asides.contains(index), let group = section.subject?.id, !grouped.contains(group),
                !result.titledGroups.contains(group)
            else { continue }
            // The group's own content, then sub-sections that hold its tasks.
            var containers = [index]
            for (child, sub) in sections.enumerated() where sub.parent == index && sub.kind == .other && !asides.contains(child) {
                if !Set(Self.words(sub.title)).isDisjoint(with: Self.taskSectionWords) { containers.append(child) }
            }
            var declarations: [BlockDeclaration] = []
            var titles: [(String, String)] = []  // (lower-cased title, id)
            for container in containers {
                for node in result.document.sections[container].content {
                    if node.isList {
                        let items = node.children
                        var found: [BlockDeclaration] = []
                        var start: Int?
                        if numbersCarryOn, case .list(ordered: true, let first, _) = node.kind { start = first }
                        // Most items state an effort or have a checkbox (one struck out or not yet sized may not).
                        var evidenced = 0
                        for (n, item) in items.enumerated() {
                            let id = start.map { String($0 + n) } ?? "\(group).\(declarations.count + n + 1)"
                            guard let declaration = listItemDefinition(item, section: container, positionalID: id) else {
                                found = []; break
                            }
                            if item.taskState != nil
                                || declaration.fields.contains(where: { if case .estimate(_?) = $0.value { true } else { false } })
                            {
                                evidenced += 1
                            }
                            found.append(declaration)
                        }
                        if evidenced * 2 > items.count { declarations += found }
                    } else if case .table = node.kind {
                        declarations += positionalRows(
                            node, group: group, first: declarations.count + 1, section: container, titles: &titles)
                    }
                }
            }
            guard !declarations.isEmpty else { continue }
            for d in declarations.indices {
                declarations[d].groupID = group
                titles.append((declarations[d].title.lowercased(), declarations[d].id))
            }
            // `after step 1`: the group's first; a title named in a dependency cell: that item.
            for d in declarations.indices {
                if numbersCarryOn {
                    Self.readWholeNumberDependencies(in: &declarations[d].fields)
                } else {
                    Self.qualifyWholeNumbers(in: &declarations[d].fields, group: group, where: { _ in true })
                }
                for f in declarations[d].fields.indices {
                    guard case .dependencies(let references) = declarations[d].fields[f].value, references.isEmpty else { continue }
                    let named = declarations[d].fields[f].field.value.split(separator: ",").compactMap { part -> Reference? in
                        let name = part.trimmed.lowercased()
                        guard name.count >= 3, let match = titles.first(where: { $0.0.hasPrefix(name) && $0.1 != declarations[d].id })
                        else { return nil }
                        return Reference(kind: .block, id: match.1, range: declarations[d].fields[f].field.valueRange)
                    }
                    declarations[d].fields[f].value = .dependencies(named)
                }
            }
            result.blocks += declarations
        }
    }

    /// The rows of a table of tasks without an id column (`| Task | Owner | Estimate | Depends on |`).
    private mutating func positionalRows(
        _ node: MarkdownNode, group: String, first: Int, section: Int,
        titles: inout [(String, String)]
    ) -> [BlockDeclaration] {
        let rows = node.children.map { row in row.children.map { Cell(text: $0.plainText.trimmed, range: $0.range) } }
        guard rows.count >= 2, let header = rows.first,
            let title = header.firstIndex(where: {
                Self.itemTitleColumns.contains($0.text.normalizedName) || Self.itemIDColumns.contains($0.text.normalizedName)
            }),
            header.contains(where: { [.estimate, .dependencies].contains(vocabulary.fieldNames[Self.fieldHeader($0.text).name]) }),
            !rows.dropFirst().contains(where: { title < $0.count && Self.itemIDCell($0[title].text, vocabulary: vocabulary) != nil })
        else { return [] }
        let columns = fieldColumns(header, besides: [title])
        return rows.dropFirst().enumerated().compactMap { n, row in
            guard title < row.count, !row[title].text.isEmpty else { return nil }
            return BlockDeclaration(
                id: "\(group).\(first + n)", title: row[title].text, marker: nil,
                fields: readFields(Self.rowFields(row, columns)), range: row[title].range, path: path, groupID: group)
        }
    }

    /// Each item of a group stated to go in order, with no dependencies of its own, waits for
    /// the one before it in the group.
    private mutating func chainSequentialGroups() {
        for group in sequentialGroups {
            var previous: BlockDeclaration?
            for index in result.blocks.indices
            where (result.blocks[index].groupID ?? Reference.groupID(ofBlock: result.blocks[index].id)) == group {
                let states = result.blocks[index].fields.contains { if case .dependencies = $0.value { true } else { false } }
                if !states, let previous {
                    let field = Field(
                        key: "Dependencies", value: previous.id, items: [], range: result.blocks[index].range,
                        valueRange: result.blocks[index].range)
                    result.blocks[index].fields.append(
                        (field, .dependencies([Reference(kind: .block, id: previous.id, range: result.blocks[index].range)])))
                }
                previous = result.blocks[index]
            }
        }
    }

    // MARK: Numbers that restart in each group

    /// `Step 1` under Phase 1 and again under Phase 2: two items, `1.1` and `2.1`, as a letter
    /// id is qualified by its group. A whole-number reference (`Depends on: Step 1`) means
    /// the item of that number in the referring item's own group.
    private mutating func qualifyRestartingNumbers() {
        let numbered = result.blocks.indices.filter {
            result.blocks[$0].groupID != nil && result.blocks[$0].id.utf8.allSatisfy(ReferenceScanner.isDigit)
        }
        var groupsOfNumber: [String: Set<String>] = [:]
        for index in numbered { groupsOfNumber[result.blocks[index].id, default: []].insert(result.blocks[index].groupID!) }
        guard groupsOfNumber.values.contains(where: { $0.count > 1 }) else { return }
        var qualifiedAtLine: [Int: String] = [:]  // the new id of the heading on each line
        var renamed = Set<String>()
        for index in numbered {
            let id = "\(result.blocks[index].groupID!).\(result.blocks[index].id)"
            if let line = result.blocks[index].range?.start.line { qualifiedAtLine[line] = id }
            renamed.insert(id)
            result.blocks[index].id = id
        }
        for index in result.blocks.indices {
            let group = result.blocks[index].groupID ?? Reference.groupID(ofBlock: result.blocks[index].id)
            Self.qualifyWholeNumbers(in: &result.blocks[index].fields, group: group, where: renamed.contains)
        }
        for index in result.document.sections.indices where result.document.sections[index].kind == .block {
            if let line = result.document.sections[index].range?.start.line, let id = qualifiedAtLine[line] {
                result.document.sections[index].subject?.id = id
            }
        }
    }

    /// Whole-number references in dependency fields (`Depends on: Step 1`) as the item of that
    /// number in `group` (`2.1`), when `known` has it.
    static func qualifyWholeNumbers(in fields: inout [(field: Field, value: FieldValue)], group: String, where known: (String) -> Bool) {
        for f in fields.indices {
            guard case .dependencies(var references) = fields[f].value else { continue }
            for r in references.indices where references[r].kind == .block && references[r].id.utf8.allSatisfy(ReferenceScanner.isDigit) {
                let local = "\(group).\(references[r].id)"
                if known(local) { references[r].id = local }
            }
            fields[f].value = .dependencies(references)
        }
    }

    // MARK: Notes and design documents

    /// Words of a path or title that say a document holds no plan: design notes, decisions,
    /// research. Their numbered sections with an owner or a time are not work items.
    static let notesWords: Set<String> = [
        "notes", "note", "design", "architecture", "adr", "adrs", "decision", "decisions",
        "requirements", "research", "spike", "rfc", "rfcs", "meeting", "meetings", "minutes",
        "retro", "retrospective", "postmortem", "post", "mortem", "glossary", "changelog",
        "api", "sizing", "benchmark", "benchmarks", "incident", "proposal", "protocol", "specification",
    ]
    /// Words of a title that say notes: what the document is (`Architecture`, `RFC: …`,
    /// `Meeting notes`), not its subject (`Add search to the notes API` is a plan).
    static let notesTitleWords: Set<String> = [
        "design", "architecture", "adr", "adrs", "decision", "decisions", "requirements",
        "research", "spike", "rfc", "rfcs", "meeting", "meetings", "minutes", "retro",
        "retrospective", "postmortem", "glossary", "changelog", "proposal", "specification",
        "protocol", "reference",
    ]
    /// Words of a section's title in a notes or design document that say it is the plan part:
    /// `## Implementation plan`, `## Rollout`, `## Milestones`, `## Action items`.
    static let planSectionWords: Set<String> = planWords.union([
        "rollout", "action", "actions", "execution", "breakdown", "steps",
        "deliverables", "work",
    ])
    /// Words of a file name alone that say notes (`design-notes.md`, `adr-0003.md`, `decisions.md`).
    static let notesNameWords: Set<String> = [
        "notes", "note", "adr", "adrs", "decisions", "research", "spike", "rfc",
        "meeting", "meetings", "minutes", "retro", "retrospective", "postmortem",
        "changelog", "glossary", "architecture", "api", "reference", "protocol",
    ]

    /// Words of a file name that say a document is about the repository, not a plan: its
    /// steps (`### Step 1: Install`) are instructions; only items under a group heading count.
    static let guideWords: Set<String> = [
        "readme", "runbook", "claude", "agents", "contributing", "install", "setup",
        "guide", "howto", "tutorial", "playbook", "onboarding", "runbooks", "playbooks", "guides",
    ]
    /// Words of a title that say it is a plan after all ("Design and implementation plan").
    static let planWords: Set<String> = [
        "plan", "plans", "roadmap", "tasks", "backlog", "milestones", "schedule",
        "implementation", "phases", "sprint", "iteration", "iterations", "progress",
        "todo", "consolidation", "reassessment", "estimation", "board", "kanban",
    ]

    private static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// A notes or design document (by its folders, name or title, unless the title or name
    /// says plan) defines no work items; a guide (README, runbook) only those under a group
    /// heading. What is set aside is a near miss, so a project left empty says why.
    /// What the document's folders, name and title say it is besides a plan: notes (design,
    /// decisions, research…) or a guide to the repository (README, runbook); neither when its
    /// title or name says plan, or its title is a group's or an item's.
    private mutating func notesOrGuide() -> (notes: Bool, guide: Bool) {
        if let read = notesOrGuideRead { return read }
        let read = readNotesOrGuide()
        notesOrGuideRead = read
        return read
    }

    private func readNotesOrGuide() -> (notes: Bool, guide: Bool) {
        let components = path.split(separator: "/")
        let stem = components.last.map { String($0.split(separator: ".").first ?? $0) } ?? ""
        let heading = result.document.sections.first(where: { $0.level == 1 })
        // `# Phase 2: Design` is one file of a plan, whatever its name says (`02-design.md`).
        if let heading, heading.kind == .group || heading.kind == .revisedGroup || heading.kind == .block { return (false, false) }
        let title = heading?.title ?? ""
        let titleWords = Set(Self.words(title)), stemWords = Set(Self.words(stem))
        // `# Design System v2 — Status, 2025-09-19` reports on a plan, whatever it is about.
        if !titleWords.isDisjoint(with: Self.planWords) || !stemWords.isDisjoint(with: Self.planWords)
            || !titleWords.isDisjoint(with: ["status", "update", "updates", "report", "weekly", "standup"])
        {
            return (false, false)
        }
        // Folders and titles say what a document is; a file name only in the plainest words
        // (`design-notes.md`, `decisions.md`), since a plan's parts are named after their subject.
        let folderWords = Set(components.dropLast().flatMap { Self.words(String($0)) })
        let notes =
            result.document.kind == .notes && result.document.kindIsDeclared
            || !folderWords.isDisjoint(with: Self.notesWords) || !titleWords.isDisjoint(with: Self.notesTitleWords)
            || !stemWords.isDisjoint(with: Self.notesNameWords)
        let pathWords = folderWords.union(stemWords)
        let guide = !stemWords.isDisjoint(with: Self.guideWords) || !pathWords.isDisjoint(with: ["runbooks", "playbooks", "guides"])
        return (notes, guide)
    }

    private mutating func setAsideItemsOfNotes() {
        guard !result.document.kindIsDeclared || result.document.kind == .notes,
            !result.blocks.isEmpty || !result.groups.isEmpty
        else { return }
        let (notes, guide) = notesOrGuide()
        guard notes || guide else { return }
        let why = notes ? "a notes or design document" : "a guide to the repository"
        // An RFC's `## Implementation plan`, a postmortem's `## Action items`: the plan part of
        // a notes document, whose items count (the lines under such a heading, to the next of its level).
        // (A README's `## Roadmap` is its plan part too.)
        let planLines = linesOfSections { section in
            let words = Set(Self.words(section.title))
            return notes && !words.isDisjoint(with: Self.planSectionWords) || words.contains("roadmap")
        }
        func inPlanPart(_ range: SourceRange?) -> Bool {
            guard let line = range?.start.line else { return false }
            return planLines.contains { $0.contains(line) }
        }
        let setAside = Set(result.blocks.filter { (notes || $0.groupID == nil) && !inPlanPart($0.range) }.map(\.id))
        result.itemsAreANotesPlanPart = notes && !planLines.isEmpty
        for block in result.blocks where setAside.contains(block.id) && result.nearMisses.count < 12 {
            result.nearMisses.append(.init("'\(block.title)' reads like work item \(block.id), but '\(path)' is \(why)", at: block.range))
        }
        result.blocks.removeAll { setAside.contains($0.id) }
        if notes {
            // What a notes document writes in field form is not a plan's figure to check.
            result.diagnostics.removeAll { $0.code == .unparseableEffort || $0.code == .unparseablePercentage }
            for group in result.groups where result.nearMisses.count < 12 && !inPlanPart(group.range) {
                result.nearMisses.append(.init("'\(group.title)' reads like group \(group.id), but '\(path)' is \(why)", at: group.range))
            }
            result.groups.removeAll { !inPlanPart($0.range) }
        }
        result.removals.removeAll { setAside.contains($0.reference.id) }
        for index in result.document.sections.indices {
            let section = result.document.sections[index]
            let isGroup = section.kind == .group || section.kind == .revisedGroup
            guard section.kind == .block && setAside.contains(section.subject?.id ?? "") || notes && isGroup && !inPlanPart(section.range)
            else { continue }
            result.document.sections[index].kind = SectionKind.classify(
                section.title, parent: section.parent.map { result.document.sections[$0].kind })
        }
    }

    /// The lines of each section below the title that `matches`, from its heading to the next
    /// heading of its level or above.
    private func linesOfSections(where matches: (Section) -> Bool) -> [ClosedRange<Int>] {
        let sections = result.document.sections
        return sections.indices.compactMap { index in
            let section = sections[index]
            guard section.level > 1, matches(section), let start = section.range?.start.line else { return nil }
            let end = sections[(index + 1)...].first(where: { $0.level <= section.level })?.range?.start.line ?? Int.max
            return start...max(start, end - 1)
        }
    }

    /// A proposal's deliverables and milestones (`D1.2 Data management plan (M6)`, `MS3 — 2,000
    /// meters live (M20)`) under `### Deliverables` or `### Milestones`, beside the tasks that
    /// produce them, are outputs and checkpoints, not work: each is a near miss.
    private mutating func setAsideDeliverables() {
        let lines = linesOfSections { section in
            // (The bytes first: most titles are ruled out without splitting them into words.)
            guard ["eliverables", "ilestones", "ELIVERABLES", "ILESTONES"].contains(where: section.title.containsBytes) else {
                return false
            }
            let words = Set(Self.words(section.title))
            return words.contains("deliverables") || words.contains("milestones")
        }
        // One a task waits for (`after MS1`) is kept as an item, so the dependency holds.
        let awaited = Set(
            result.blocks.flatMap { block in
                block.fields.flatMap { field -> [String] in
                    if case .dependencies(let references) = field.value { references.map(\.id) } else { [] }
                }
            })
        func isOutput(_ block: BlockDeclaration) -> Bool {
            guard let line = block.range?.start.line, lines.contains(where: { $0.contains(line) }) else { return false }
            let prefix = block.id.prefix { $0.isLetter }
            return (prefix == "D" || prefix == "MS") && block.id.dropFirst(prefix.count).first?.isNumber == true
                && !awaited.contains(block.id)
        }
        guard !lines.isEmpty, result.blocks.contains(where: { !isOutput($0) }) else { return }
        for block in result.blocks where isOutput(block) && result.nearMisses.count < 12 {
            result.nearMisses.append(
                .init("'\(block.title)' is deliverable or milestone \(block.id), what the tasks produce, not a work item", at: block.range))
        }
        result.blocks.removeAll(where: isOutput)
    }

    // MARK: Front matter and document kind

    private mutating func readFrontMatter() {
        guard let yaml = markdown.frontMatter else { return }
        switch BoundedYAML.compose(yaml) {
        case .success(let node):
            guard case .mapping(let mapping)? = node else { break }
            for (key, value) in mapping {
                if let k = key.string, let v = value.string { result.document.frontMatter[k] = v }
            }
        case .failure(let error):
            // The YAML starts on line 2, after the opening `---`; an error placed past its end is
            // on the closing line.
            let last = markdown.frontMatterRange?.end.line ?? 1
            result.diagnostics.append(
                Diagnostic(
                    .invalidFrontMatter, at: SourceRange.line(min((error.line ?? 0) + 1, last), in: path),
                    "front matter is not valid YAML: \(error.description)"))
        }
        if let kind = result.document.frontMatter["kind"] {
            if let parsed = DocumentKind.parse(kind) {
                result.document.kind = parsed
                result.document.kindIsDeclared = true
            } else {
                let range = locator.range(of: kind, line: nil, fallback: markdown.frontMatterRange)
                result.diagnostics.append(
                    Diagnostic(
                        .unknownDocumentKind, at: range,
                        "unknown document kind '\(kind)'; expected one of \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
                )
            }
        }
    }

    private mutating func finishDocumentInfo() {
        let sections = result.document.sections
        let firstHeading = sections.first(where: { $0.level == 1 }) ?? sections.dropFirst().first
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        result.document.title =
            result.document.frontMatter["title"].map { Self.shortened($0) ?? $0 }
            ?? firstHeading?.title ?? fileName
        result.document.date =
            result.document.frontMatter["date"]
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

    /// Title cues first (`Progress Reassessment`, `Iteration 2`, `Consolidation`), then content
    /// signatures: the sections only one kind of document has.
    private func inferKind() -> DocumentKind {
        let kinds = Set(result.document.sections.map(\.kind))
        let sections = result.document.sections
        let heading = sections.first(where: { $0.level == 1 }) ?? sections.dropFirst().first
        var title = (result.document.frontMatter["title"] ?? heading?.title ?? "").normalizedName
        // `Loop 3`, `Loop Iteration 2`, `LOOP_3_REPORT` are iterations; `Loop runner — architecture` names a project.
        if title.contains("loop"), !title.contains(where: \.isNumber),
            !["loop iteration", "loop report", "loop summary", "loop reassessment"].contains(where: title.contains)
        {
            title = title.replacingOccurrences(of: "loop", with: "")
        }
        // `# Done`, `# Archive`: a record of the work done.
        if let heading, Self.titleSaysReport([heading]) && (Self.headingState(heading.title) != nil || title.contains("archive")) {
            return .progressReport
        }
        // Title cues decide first, in this order; then content signatures.
        let titleCues: [(String, DocumentKind)] = [
            ("dashboard", .dashboard), ("consolidation", .consolidation), ("final summary", .consolidation),
            ("final report", .consolidation), ("wrap up", .consolidation), ("wrapup", .consolidation), ("closeout", .consolidation),
            ("close out", .consolidation), ("completion report", .consolidation),
            ("loop", .iteration), ("iteration", .iteration), ("reassessment", .iteration), ("re estimation", .iteration),
            ("reestimation", .iteration), ("replan", .iteration), ("re plan", .iteration),
            ("progress", .progressReport), ("implementation block", .progressReport), ("status update", .progressReport),
            ("status report", .progressReport), ("weekly update", .progressReport), ("weekly report", .progressReport),
            ("standup", .progressReport), ("stand up", .progressReport), ("sprint review", .progressReport),
            ("plan", .plan), ("grouping guide", .plan), ("roadmap", .plan),
            // Last: `Status 2026-03-06`, `Update 2` (but `Plan status` is a plan).
            ("status", .progressReport), ("update", .progressReport),
        ]
        let loopSignatures: Set<SectionKind> = [
            .progressAssessment, .discoveries, .rootCauseAnalysis, .revisedGroup,
            .reassessmentCycle, .adaptivePlanning, .timelineAdjustments,
            .continuationStrategy, .revisedSpecifications, .implementationResults,
        ]
        // A document that defines work items and has nothing of an iteration is a plan,
        // whatever its title says ("Loop Tools", "Iteration Planning").
        // A line that only restates an item (`1.2 now depends on 1.1`, `Block 1.1: Complete`) names no new work.
        let definesItems = !result.groups.isEmpty || result.blocks.contains { $0.marker == nil && !$0.title.isEmpty }
        let revisesItems = result.blocks.contains { $0.marker != nil || $0.title.isEmpty } || !result.removals.isEmpty
        if definesItems, !revisesItems, kinds.isDisjoint(with: loopSignatures),
            !kinds.contains(.implementationSummary), !kinds.contains(.knowledgeCapture),
            titleCues.contains(where: { title.contains($0.0) && [.iteration, .dashboard].contains($0.1) })
        {
            return .plan
        }
        for (cue, kind) in titleCues where title.contains(cue) { return kind }
        // `# Ingest rewrite — April log`, `# devlog`: a running log of progress (not `Changelog`, `Log retention`).
        if Self.titleIsALog(heading?.title ?? "") || !Set(Self.words(title)).isDisjoint(with: ["devlog", "worklog", "journal", "standups"])
        {
            return .progressReport
        }
        if kinds.contains(.implementationSummary) || kinds.contains(.knowledgeCapture) { return .consolidation }
        if !kinds.isDisjoint(with: loopSignatures) || result.records.decisions.contains(where: { $0.id.hasPrefix("L") }) {
            return .iteration
        }
        let progressSignatures: Set<SectionKind> = [
            .implementationProgress, .preImplementationValidation,
            .postImplementationValidation, .progressMetrics, .implementationNotes,
        ]
        if !kinds.isDisjoint(with: progressSignatures) { return .progressReport }
        if kinds.contains(.dashboard) { return .dashboard }
        if !result.groups.isEmpty || !result.blocks.isEmpty { return .plan }
        return .notes
    }

    // MARK: Sections

    private mutating func buildSections() {
        var sections = [
            Section(
                title: "", level: 0, kind: .other, marker: nil, subject: nil, parent: nil,
                content: [], range: nil)
        ]
        var stack = [0]
        var definedGroups = Set<String>()
        // By index: `for node in` would copy each node before it is copied into its section.
        let nodes = Self.summariesAsHeadings(markdown.root.children)
        for n in nodes.indices {
            guard case .heading(let level) = nodes[n].kind else {
                sections[sections.count - 1].content.append(nodes[n])
                continue
            }
            let node = nodes[n]
            while let top = stack.last, top != 0, sections[top].level >= level { stack.removeLast() }
            let parent = stack.last!
            var heading = HeadingParser.read(node.plainText)
            // `### ~~Task 2.4: Blog~~`: struck through, so taken out of the plan.
            if heading.marker == nil, !node.children.isEmpty,
                node.children.allSatisfy({
                    if case .strikethrough = $0.kind { true } else { $0.plainText.trimmed.isEmpty }
                })
            {
                heading.marker = .removed
            }
            // Titles are repeated on every page (navigation, links, search): a heading of
            // megabytes would be copied thousands of times. Long ones are shortened.
            if let shortened = Self.shortened(heading.title) {
                heading.title = shortened
                result.diagnostics.append(
                    Diagnostic(
                        .overLimit, at: node.range,
                        "this heading is over \(Self.maximumTitleLength) characters; its title is shortened",
                        severity: .warning))
            }
            let title = heading.title
            var kind: SectionKind
            var subject: Reference?
            var groupDefinition = HeadingParser.groupDefinition(title, vocabulary: vocabulary, spacedTitle: level > 1)
            // `### Phase 1 verification` under `## Phase 1: Service skeleton`: a section about
            // Group 1 (its title after a bare space), not its second definition.
            if let group = groupDefinition, definedGroups.contains(group.id),
                HeadingParser.groupDefinition(title, vocabulary: vocabulary, spacedTitle: false) == nil
            {
                groupDefinition = nil
            }
            let blockDefinition =
                groupDefinition == nil
                ? HeadingParser.blockDefinition(title, vocabulary: vocabulary, headings: true, issueNumbers: true) : nil
            // `## Ideas for later` (not a definition, nor a section of the core dialect in docs/format.md) and what is under it.
            let aside =
                asides.contains(parent)
                || level > 1 && groupDefinition == nil && blockDefinition == nil && Self.isAside(title)
                    && SectionKind.classify(title, parent: sections[parent].kind) == .other
            if aside { asides.insert(sections.count) }
            if !aside, let group = groupDefinition {
                kind = group.revised ? .revisedGroup : .group
                subject = Reference(kind: .group, id: group.id, range: node.range)
                definedGroups.insert(group.id)
                definitionTitles[sections.count] = group.title
                headings[sections.count] = heading
            } else if !aside, let block = blockDefinition {
                kind = .block
                subject = Reference(kind: .block, id: block.id, range: node.range)
                definitionTitles[sections.count] = block.title
                headings[sections.count] = heading
                if block.wordless { numberedCandidates.append(sections.count) } else { wordedItems.append(sections.count) }
            } else {
                if let word = HeadingParser.unknownDefinitionWord(title) {
                    result.nearMisses.append(
                        .init(
                            "'\(title)' looks like a group or work item, but '\(word)' is not a word LoopReport knows for either",
                            at: node.range))
                }
                kind = SectionKind.classify(title, parent: sections[parent].kind)
                if let first = ReferenceScanner.scan(title).first {
                    subject = Reference(
                        kind: first.kind, id: first.id,
                        range: locator.range(of: first.text, line: node.range?.start.line, fallback: node.range))
                }
            }
            sections.append(
                Section(
                    title: title, level: level, kind: kind, marker: heading.marker, subject: subject,
                    parent: parent == 0 ? nil : parent, content: [], range: node.range))
            stack.append(sections.count - 1)
        }
        result.document.sections = sections
    }

    /// A README's `<details><summary><b>v0.4 — Themes</b> (in progress)</summary>` is a heading
    /// one level under the heading before it (`## Roadmap` › `### v0.4 — Themes`): what the
    /// folded section holds is its content.
    static func summariesAsHeadings(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        guard nodes.contains(where: { $0.kind == .htmlBlock && $0.literal.contains("<summary") }) else { return nodes }
        var result: [MarkdownNode] = []
        var level = 1
        for node in nodes {
            if case .heading(let l) = node.kind { level = l }
            guard node.kind == .htmlBlock, let open = node.literal.range(of: "<summary"),
                let close = node.literal.range(of: "</summary>", range: open.upperBound..<node.literal.endIndex)
            else {
                result.append(node)
                continue
            }
            // The summary's words without its tags (`<b>`, `<strong>`).
            var text = "", inTag = false
            for c in node.literal[open.lowerBound..<close.lowerBound] {
                if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c) }
            }
            let title = text.replacingOccurrences(of: "\n", with: " ").trimmed
            guard !title.isEmpty else { result.append(node); continue }
            result.append(
                MarkdownNode(
                    kind: .heading(level: min(6, level + 1)), range: node.range,
                    children: [MarkdownNode(kind: .text, literal: title, range: node.range)]))
        }
        return result
    }

    /// Ids that name more than one group (`T1.1` and `T2.3` under `## 2. Progress per task`):
    /// the heading over them is a section of a report, not their group.
    static func spanGroups(_ ids: [String]) -> Bool {
        Set(ids.filter { $0.utf8.contains(0x2E) }.map(Reference.groupID(ofBlock:))).count > 1
    }

    /// A numbered heading without an item word (`### 2.3 Title`) is a work item only with
    /// evidence: a status or effort in the heading, a group heading above it, or a plan field
    /// (estimate, dependencies, status, owner…) under it. Otherwise it is a numbered section
    /// of notes or a design document, and stays one.
    private mutating func confirmNumberedItems() {
        let candidates = Set(numberedCandidates)
        let sections = result.document.sections
        let definedWithWords = Set(
            sections.indices.filter { !candidates.contains($0) && sections[$0].kind == .block }
                .compactMap { sections[$0].subject?.id })
        // `### PG-1: Shared infrastructure` over `#### T-1.1.1: …`, `## 3.1 Tests` over `### 3.1.1 …`:
        // a numbered heading over work items is their group.
        var parentsOfItems = Set<Int>()
        for section in sections where section.kind == .block { if let parent = section.parent { parentsOfItems.insert(parent) } }
        // `## PG-2: Channels` over `- CH-1: Email digests — 2d`: over listed items too.
        // Not over its siblings: `### 1.3 Tests` over `- 1.4 Share sheet` is item 1.3 before item 1.4.
        // (`**T1.1 Requirements** (M1–M4; 6 person-months)` opening a paragraph is one too.)
        func listedIDs(_ node: MarkdownNode) -> [String] {
            if node.isParagraph {
                guard node.children.count > 1, let bold = Self.boldOpening(node) else { return [] }
                return HeadingParser.blockDefinition(HeadingParser.read(bold).title, vocabulary: vocabulary).map { [$0.id] } ?? []
            }
            guard node.isList else { return [] }
            return node.children.compactMap {
                HeadingParser.blockDefinition(
                    HeadingParser.read($0.itemText).title, vocabulary: vocabulary, issueNumbers: Self.statesItsItem($0))?.id
            }
        }
        for index in numberedCandidates {
            let content = sections[index].content
            // The ids listed under it, read once: a list or bold line naming one that is not its sibling.
            let listed = content.map(listedIDs)
            let overListed =
                listed.contains { $0.contains { !Self.areSiblings(sections[index].subject?.id, $0) } }
                && !Self.spanGroups(listed.flatMap { $0 })
            // `## Q2 2027` over a work-item table too, whose ids do not name another group (`1.2` is Group 1's).
            if overListed
                || content.contains(where: { node in
                    guard case .table = node.kind, let table = workItemTable(node, sectionTitle: sections[index].title),
                        let (idColumn, _) = Self.workItemColumns(table.header, vocabulary: vocabulary),
                        let candidate = sections[index].subject?.id
                    else { return false }
                    let ids = table.rows.compactMap {
                        table.cell($0, idColumn).flatMap({ Self.itemIDCell($0.text, vocabulary: vocabulary) })
                    }
                    return !Self.spanGroups(ids) && ids.contains { !Reference.namesItsGroup($0) || $0.hasPrefix(candidate + ".") }
                })
            {
                parentsOfItems.insert(index)
            }
        }
        parentsOfItems = parentsOfItems.filter { sections[$0].level > 1 }  // a document's title is neither
        // `## Milestone 1: Core` over `### 1.1 …` or `- [x] **1.2** …`, `## Task 3: Auth` over
        // `- 3.1 …`: the items under it are its parts, so it is their group (`1`, `3`; `M1` over `M1.1`).
        func underGroup(_ index: Int) -> Bool {
            var current = sections[index].parent
            while let i = current {
                if sections[i].kind == .group || sections[i].kind == .revisedGroup { return true }
                current = sections[i].parent
            }
            return false
        }
        var childItems: [Int: [String]] = [:]  // by parent section: the ids of the item headings under it
        if !wordedItems.isEmpty {
            for section in sections where section.kind == .block {
                if let parent = section.parent, let id = section.subject?.id { childItems[parent, default: []].append(id) }
            }
        }
        for index in wordedItems where sections[index].level > 1 {
            guard let id = sections[index].subject?.id else { continue }
            var children = childItems[index] ?? []
            let milestone = id.hasPrefix("M") && id.dropFirst().allSatisfy(\.isNumber)
            let number = milestone ? String(id.dropFirst()) : id
            // Its list entries are its parts when they open with its number (`- 3.1 …` under `## Task 3`)
            // or it is a milestone; a block's tasks and files are not read through for that.
            for node in sections[index].content where node.isList {
                for item in node.children where milestone || Self.leadingText(of: item).utf8.starts(with: (number + ".").utf8) {
                    if let child = HeadingParser.blockDefinition(HeadingParser.read(item.itemText).title, vocabulary: vocabulary)?.id {
                        children.append(child)
                    }
                }
            }
            // A milestone under no group, over any items (`## Milestone 1 — Tail` over `- [x] T1: …`), is their group, `1`.
            guard
                let groupID = [id, number].first(where: { prefix in children.contains { $0.hasPrefix(prefix + ".") } })
                    ?? (milestone && !children.isEmpty && !children.contains(id) && !underGroup(index) ? number : nil)
            else { continue }
            result.document.sections[index].kind = .group
            result.document.sections[index].subject = Reference(kind: .group, id: groupID, range: sections[index].range)
        }
        for index in numberedCandidates where parentsOfItems.contains(index) {
            result.document.sections[index].kind = .group
            result.document.sections[index].subject?.kind = .group
        }
        // `## 1. Design`, `## Epic: Observability` over work items: their group.
        for (index, section) in sections.enumerated() where section.kind == .other && section.level > 1 && !asides.contains(index) {
            guard
                let group = HeadingParser.numberedGroup(section.title) ?? HeadingParser.titledGroup(section.title, vocabulary: vocabulary),
                parentsOfItems.contains(index)
                    || sections[index].content.contains(where: { $0.isList && $0.children.contains(where: mayDefineItem) })
            else { continue }
            result.document.sections[index].kind = .group
            result.document.sections[index].subject = Reference(kind: .group, id: group.id, range: section.range)
            definitionTitles[index] = group.title
            headings[index] = HeadingParser.read(section.title)
        }
        for index in numberedCandidates where !parentsOfItems.contains(index) {
            let section = result.document.sections[index]
            let heading = headings[index]
            // `### Block 3.4 Analysis` beside `### Block 3.4: Flush` is a section about Block 3.4.
            if let id = section.subject?.id, definedWithWords.contains(id) {
                result.nearMisses.append(
                    .init(
                        "a section about Block \(id), whose definition is another heading of this document",
                        at: section.range))
                result.document.sections[index].kind = SectionKind.classify(
                    section.title, parent: section.parent.map { result.document.sections[$0].kind })
                definitionTitles[index] = nil
                headings[index] = nil
                continue
            }
            // `### 1. Add model`: a whole number, an item only when it states an estimate or a
            // status field (numbered sections of prose are common: `## 5. Non-Goals (Out of Scope)`).
            let wholeNumber = section.subject?.id.allSatisfy(\.isNumber) ?? false
            let underGroup =
                !wholeNumber && section.parent.map { [.group, .revisedGroup].contains(result.document.sections[$0].kind) } ?? false
            let hasPlanField = collectFields(section.content, allowPlainKeys: true).contains {
                guard let name = vocabulary.fieldNames[$0.name] else { return false }
                return wholeNumber ? [.estimate, .status].contains(name) : Vocabulary.planFields.contains(name)
            }
            // A document's title (`# Q2 Roadmap — Reporting`) is not a work item.
            if section.level > 1,
                underGroup || hasPlanField || heading?.effortText != nil
                    || !wholeNumber && (heading?.progress != nil || section.marker != nil)
            {
                continue
            }
            result.nearMisses.append(
                .init(
                    "'\(section.title)' is numbered like a work item but states no estimate, dependency or status",
                    at: section.range))
            let parentKind = section.parent.map { result.document.sections[$0].kind }
            result.document.sections[index].kind = SectionKind.classify(section.title, parent: parentKind)
            result.document.sections[index].subject = nil
            definitionTitles[index] = nil
            headings[index] = nil
        }
        // A plan without group headings whose sections hold its items (`## Now`, `## Q1 2027`,
        // `## v2.4`, `## 🚩 Private beta`): each such section is a group, its id the title's
        // words (`now`, `q1-2027`). Not in a report, where `## Done` holds items planned elsewhere.
        // (Groups made of numbered headings without a word, `## Q2 2027` over a table, do not count:
        // they are such sections too.)
        if !result.document.sections.indices.contains(where: { i in
            let kind = result.document.sections[i].kind
            return (kind == .group || kind == .revisedGroup) && !candidates.contains(i)
        }), !Self.titleSaysReport(sections),
            notesOrGuide() == (false, false)
        {
            for (index, section) in result.document.sections.enumerated()
            where section.kind == .other && section.level > 1 && !asides.contains(index) {
                guard section.parent.map({ result.document.sections[$0].kind != .group }) ?? true,
                    // `## Now`, `## Next`, `## Later`: horizons of a roadmap, groups though `next` and `later` say states.
                    Self.headingState(section.title) == nil || Self.horizons.contains(section.title.normalizedName),
                    let group = HeadingParser.slugGroup(section.title),
                    // `## Tasks`, `## To-dos`: the list of the plan's items, not a group of them.
                    Set(Self.words(section.title)).isDisjoint(with: Self.listingWords),
                    parentsOfItems.contains(index)
                        || section.content.contains(where: { node in
                            if case .table = node.kind { return workItemTable(node, sectionTitle: section.title) != nil }
                            return node.isList && node.children.contains(where: mayDefineItem)
                        })
                else { continue }
                result.document.sections[index].kind = .group
                result.document.sections[index].subject = Reference(kind: .group, id: group.id, range: section.range)
                definitionTitles[index] = group.title
                headings[index] = HeadingParser.read(section.title)
                result.titledGroups.insert(group.id)
            }
        }
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
            let title = definitionTitles[index]
        {
            result.groups.append(
                GroupDeclaration(
                    id: subject.id, title: title, marker: section.marker,
                    isRevisedHeading: section.kind == .revisedGroup,
                    fields: readFields(collectFields(section.content, allowPlainKeys: true)) + headingFields(index),
                    range: section.range))
        }
        if section.kind == .block, let subject = section.subject, let title = definitionTitles[index] {
            var marker = section.marker
            if marker == nil, within(index, .newBlocks) { marker = .new }
            var fields = readFields(collectFields(section.content, allowPlainKeys: true))
            fields = headingFields(index, besides: fields) + fields
            let group = enclosingGroup(index)
            // A block under a group heading marked complete, with no status of its own, is complete.
            if let group, headings[group.section]?.progress == .complete,
                !fields.contains(where: { if case .status = $0.value { true } else { false } })
            {
                let field = Field(
                    key: "Status", value: headings[group.section]?.statusText ?? "", items: [],
                    range: result.document.sections[group.section].range,
                    valueRange: result.document.sections[group.section].range)
                fields.append((field, .status(.complete, percent: nil)))
            }
            result.blocks.append(
                BlockDeclaration(
                    id: subject.id, title: title, marker: marker, fields: fields,
                    range: section.range, path: path, groupID: group?.id, isHeading: true))
            // `### Block 1.2: Y (REMOVED)`: defined or restated, then taken out.
            if marker == .removed {
                result.removals.append(Removal(reference: subject, title: title, reason: nil, range: section.range))
            }
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
                listState = nil
            case .paragraph:
                // `**Completed**` or `Blocked:` alone over a list: the state of its lines.
                if next?.isList == true, let state = Self.labelState(node) {
                    listState = state
                    i += 1
                    continue
                }
                if recognizeBoldBlockLine(node, next: next, section: index) { i += 2; continue }
                if recognizeBoldLeadItem(node, section: index) { i += 1; continue }
                recognizeParagraph(node, next: next, section: index)
            case .htmlBlock:
                result.diagnostics.append(
                    Diagnostic(
                        .rawHTML, at: node.range,
                        "raw HTML is shown as text, never rendered as HTML"))
            default:
                break
            }
            i += 1
        }
        recognizeSectionRecord(index)
    }

    /// Field names LoopReport has no meaning for are near misses (the first dozen of a document).
    mutating func noteUnknownFields(_ fields: [Field]) {
        // `plainFieldNames` holds every name of `fieldNames` too.
        for field in fields where result.nearMisses.count < 12 && !vocabulary.plainFieldNames.contains(field.name) {
            result.nearMisses.append(
                .init(
                    "'\(field.key):' is not a field name LoopReport knows (docs/format.md lists those it reads as dependencies, effort and status)",
                    at: field.range))
        }
    }

    /// The fields a definition's heading states: its status (`✅`, `[PLANNED]`) and effort
    /// (`(2-3 days)`), unless the fields under it state them.
    mutating func headingFields(_ index: Int, besides fields: [(field: Field, value: FieldValue)] = []) -> [(
        field: Field, value: FieldValue
    )] {
        guard let heading = headings[index] else { return [] }
        let range = result.document.sections[index].range
        var stated: [(field: Field, value: FieldValue)] = []
        if let progress = heading.progress, let text = heading.statusText,
            !fields.contains(where: { if case .status = $0.value { true } else { false } })
        {
            stated.append(
                (
                    Field(key: "Status", value: text, items: [], range: range, valueRange: range),
                    .status(progress, percent: progress == .complete ? 100 : nil)
                ))
        }
        if let text = heading.effortText,
            !fields.contains(where: { if case .estimate = $0.value { true } else { false } })
        {
            let field = Field(key: "Estimate", value: text, items: [], range: range, valueRange: range)
            stated.append((field, FieldValue.read(field, in: markdown.source, vocabulary: vocabulary, diagnostics: &result.diagnostics)))
        }
        return stated
    }

    /// The group heading a section is (or is under), if any: its section and the group's id.
    func enclosingGroup(_ index: Int) -> (section: Int, id: String)? {
        var current: Int? = index
        while let i = current {
            let section = result.document.sections[i]
            if section.kind == .group || section.kind == .revisedGroup, let subject = section.subject { return (i, subject.id) }
            current = section.parent
        }
        return nil
    }

    /// What each field of a definition sets.
    mutating func readFields(_ fields: [Field]) -> [(field: Field, value: FieldValue)] {
        noteUnknownFields(fields)
        return fields.map { ($0, FieldValue.read($0, in: markdown.source, vocabulary: vocabulary, diagnostics: &result.diagnostics)) }
    }

    /// Field lines of a definition: field paragraphs, and lists that follow a field whose
    /// value is empty (`**Tasks**:` then bullets). A bold field line right after a list
    /// item is, to CommonMark, a lazy continuation of that item; it is split off here so
    /// that `**Discrepancies Addressed**:` items followed by `**Implementation Order**:`
    /// read as two fields, as their authors meant.
    func collectFields(_ nodes: [MarkdownNode], allowPlainKeys: Bool, quoteDepth: Int = 0) -> [Field] {
        var fields: [Field] = []
        func appendContinuation(_ text: String) {
            guard !fields.isEmpty, fields[fields.count - 1].items.isEmpty else { return }
            fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? text : " " + text
        }
        // Nodes are read in place, by index: `for node in nodes` copies each one.
        for n in nodes.indices {
            if nodes[n].isParagraph {
                // A line continues the field above it in the same paragraph; a paragraph of
                // prose after the fields is the description, not part of the last value.
                var paragraphHasField = false
                for line in nodes[n].lines {
                    if let field = Field.parse(line, locator: locator, allowPlainKey: allowPlainKeys) {
                        fields += field.splitInline(vocabulary: vocabulary)
                        paragraphHasField = true
                    } else if paragraphHasField {
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
                            .flatMap { $0.splitInline(vocabulary: vocabulary) }
                        if found.count == 1, found[0].value.isEmpty { found[0].items = items[i].nestedItemTexts }
                        fields += found
                        continue
                    }
                    var itemWords: [String] = []
                    var split = false
                    for (k, line) in lines.enumerated() {
                        if !split, k > 0, case .strong? = line.nodes.first?.kind,
                            let field = Field.parse(line, locator: locator, allowPlainKey: false)
                        {
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
            } else if case .table = nodes[n].kind {
                fields += tableFields(nodes[n])
            } else if case .blockQuote = nodes[n].kind, quoteDepth < 2 {
                // `> **Depends on:** 1.3`: fields set off as a quote (a quote in a quote at most).
                fields += collectFields(nodes[n].children, allowPlainKeys: allowPlainKeys, quoteDepth: quoteDepth + 1)
            }
        }
        return fields
    }

    /// A two-column table of fields (`| Field | Value |` over `| Effort | 4-5 days |`, or a
    /// header that is itself a field: `| Dependencies | 5.1.*, 5.2.* |`): each known name's row.
    func tableFields(_ table: MarkdownNode) -> [Field] {
        guard table.children.first?.children.count == 2 else { return [] }
        return table.children.compactMap { row in
            guard row.children.count == 2 else { return nil }
            let key = row.children[0].plainText.trimmed.trimmingCharacters(in: [":", "："])
            guard vocabulary.fieldNames[key.normalizedName] != nil else { return nil }
            return Field(
                key: key, value: row.children[1].plainText.trimmed, items: [], range: row.children[0].range,
                valueRange: row.children[1].range)
        }
    }
}
