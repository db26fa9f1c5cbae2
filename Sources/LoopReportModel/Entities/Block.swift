import LoopReportSource
import LoopReportSupport

/// How an iteration marked a block or section: `(NEW)`, `(REVISED)`, `[ADDED]`, ….
package enum RevisionMarker: String, Sendable, Hashable, Codable, CaseIterable {
    case new, revised, removed, deferred, split, merged, moved, added, problematic, extended

    static func parse(_ word: String) -> RevisionMarker? {
        switch word.normalizedName {
        case "new": .new
        case "revised", "updated": .revised
        case "removed", "deleted": .removed
        case "deferred", "postponed": .deferred
        case "split": .split
        case "merged": .merged
        case "moved": .moved
        case "added", "added from validation": .added
        case "problematic": .problematic
        case "extended": .extended
        default: nil
        }
    }
}

/// Where a block stands in the plan's history.
package enum BlockStatus: String, Sendable, Hashable, Codable {
    case planned, new, revised, removed
}

/// How far the work on a block has come, from status fields, glyphs and status tables.
package enum Progress: String, Sendable, Hashable, Codable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case complete, blocked, deferred

    /// Reads `🟢 COMPLETE`, `✅`, `In Progress (80% complete)`, `⬜`, `🔴 BLOCKED`, `⚫ Deferred`.
    static func parse(_ text: String) -> Progress? {
        let t = text.replacingOccurrences(of: "\u{FE0F}", with: "")
        let name = t.normalizedName
        // A status said in one word or phrase of the vocabulary: `todo`, `WIP`, `Done`.
        if !name.isEmpty, let progress = Vocabulary.statusPhrases[name] { return progress }
        // `Dropped — not needed`, `bloqueado — aguardando o contador`, `on hold (legal)`: the state, then why.
        if let cut = [" — ", " – ", " - ", ": ", ", ", "; ", " ("].lazy.compactMap({ t.firstByteRange(of: $0) }).min(by: {
            $0.lowerBound < $1.lowerBound
        }),
            let progress = Vocabulary.statusPhrases[String(t[..<cut.lowerBound]).normalizedName]
        {
            return progress
        }
        // The state said first wins: `In progress — token bucket done, overrides pending`.
        let cues: [(String, Progress)] = [
            ("not started", .notStarted), ("not done", .notStarted), ("not complete", .notStarted), ("pending", .notStarted),
            ("planned", .notStarted), ("⬜", .notStarted), ("⚪", .notStarted),
            ("in progress", .inProgress), ("ongoing", .inProgress), ("partially", .inProgress), ("☑", .inProgress), ("🟡", .inProgress),
            ("blocked", .blocked), ("🔴", .blocked), ("deferred", .deferred), ("postponed", .deferred), ("⚫", .deferred),
            ("complete", .complete), ("done", .complete), ("finished", .complete), ("✅", .complete), ("🟢", .complete), ("✓", .complete),
        ]
        var first: (offset: Int, progress: Progress)?
        for (cue, progress) in cues {
            let haystack = cue.utf8.first! < 0x80 ? name : t
            guard let found = haystack.firstByteRange(of: cue) else { continue }
            let offset = haystack.utf8.distance(from: haystack.utf8.startIndex, to: found.lowerBound)
            // `not started` also holds `started`; `incomplete` holds `complete`.
            if cue == "complete", haystack.utf8.distance(from: haystack.utf8.startIndex, to: found.lowerBound) >= 2,
                haystack.utf8[haystack.utf8.index(found.lowerBound, offsetBy: -2)...].starts(with: "in".utf8)
            {
                continue
            }
            if first.map({ offset < $0.offset }) ?? true { first = (offset, progress) }
        }
        if let first { return first.progress }
        // `🔁 in code review, carries over`: a status glyph first says it.
        guard let glyph = t.unicodeScalars.first(where: { !$0.properties.isWhitespace }), glyph.value > 0x2000 else { return nil }
        return Vocabulary.glyphStatus(glyph)
    }
}

/// A field line: `**Key**: value`, `**Key:** value`, `Key: value` or `- Key: value`.
package struct Field: Sendable, Hashable {
    /// The key as written, without markup or colon.
    package var key: String {
        didSet { name = key.normalizedName }
    }
    /// The key normalised for matching (`estimated effort`).
    package private(set) var name: String
    /// The inline value (may be empty when a list or paragraph follows).
    package var value: String
    /// Items of a list that follows the field line.
    package var items: [String]
    /// `Optional<…>` rather than `SourceRange?`, as in `MarkdownNode`: no implicit nil first,
    /// so a field is built in place, not copied out of a temporary.
    package var range: Optional<SourceRange>
    /// Where the value starts, for diagnostics about it.
    package var valueRange: Optional<SourceRange>

    /// Keys as commonly written (`Estimated Effort`, `estimated effort`) and their names,
    /// so the usual case costs one look-up.
    static let commonNames: [String: String] = {
        var names: [String: String] = [:]
        let small: Set<Substring> = ["to", "vs", "of", "in", "on", "and", "or", "the", "for"]
        for name in knownFieldNames {
            let words = name.split(separator: " ")
            let title = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            // `Files to Modify`: title case with the small words left small.
            let headline = words.enumerated().map { $0 > 0 && small.contains($1) ? String($1) : $1.prefix(1).uppercased() + $1.dropFirst() }
                .joined(separator: " ")
            let sentence = name.prefix(1).uppercased() + name.dropFirst()
            for spelling in [name, title, headline, sentence] { names[spelling] = name }
        }
        return names
    }()

    package init(key: String, value: String, items: [String], range: SourceRange?, valueRange: SourceRange?) {
        self.key = key
        self.name = Field.commonNames[key] ?? key.normalizedName
        self.value = value
        self.items = items
        self.range = range
        self.valueRange = valueRange
    }
}

/// One change to a block made by one document.
package struct BlockEvent: Sendable, Hashable {
    package enum Change: String, Sendable, Hashable, Codable { case defined, added, revised, restated, removed }
    package var change: Change
    /// Index of the document in `Plan.documents`.
    package var document: Int
    package var path: String
    package var documentTitle: String
    package var range: SourceRange?
    /// Field names this document set.
    package var fields: [String]
    /// The block's estimate, dependencies and actual effort after this document.
    package var estimate: Effort?
    package var estimateDays: Double? { estimate?.days }

    /// Whether this document stated the block's dependencies (a dependencies field among
    /// `fields`; decided once, when the event is recorded).
    package var declaresDependencies: Bool
    package var dependencies: [Reference]
    package var softDependencies: [Reference]
    package var actualDays: Double?
}

/// An implementation block (`Block 3.4: Title`), as the documents leave it.
package struct Block: Sendable, Hashable {
    package var id: String
    package var title: String
    package var groupID: String
    package var status: BlockStatus
    package var priority: String?
    /// The block's own declared dependencies (blocks or whole groups).
    package var dependencies: [Reference]
    /// Dependencies the documents call soft (start-to-start).
    package var softDependencies: [Reference]
    package var estimate: Effort?
    /// The first plan's estimate: the "increased from" original, else the first estimate given.
    package var baselineEstimateDays: Double?
    package var actual: Effort?
    package var progress: Progress?
    package var percentComplete: Double?
    /// `Critical Path: Yes` as declared by the authors.
    package var declaredCritical: Bool?
    package var tasks: [String]
    package var files: [String]
    package var completionCriteria: [String]
    package var blockers: String?
    /// Every field as written, including ones LoopReport has no name for. Set through
    /// `apply`, which also keeps the two flags below.
    package internal(set) var fields: [Field]

    /// Whether the block states its own dependencies (even `None`). A block that does not
    /// inherits its group's; one that does is taken at its word.
    package internal(set) var declaresDependencies = false
    /// Whether the block has an effort field (an unreadable one is diagnosed already).
    package internal(set) var declaresEstimate = false

    /// Where the block is defined now (its latest definition).
    package var range: SourceRange?
    package var history: [BlockEvent]

    /// A block with no id, for a moment's stand-in while a block is moved: it owns no storage.
    static let empty = Block(id: "", title: "")

    package init(id: String, title: String) {
        self.id = id
        self.title = title
        self.groupID = Reference.groupID(ofBlock: id)
        self.status = .planned
        self.dependencies = []
        self.softDependencies = []
        self.tasks = []
        self.files = []
        self.completionCriteria = []
        self.fields = []
        self.history = []
    }
}

/// A group of blocks (`Group 3: Storage`).
package struct Group: Sendable, Hashable {
    package var id: String
    package var title: String
    /// Other names the documents use for the group, with where.
    package var aliases: [String]
    package var priority: String?
    package var dependencies: [Reference]
    package var softDependencies: [Reference]
    package var estimate: Effort?
    package var baselineEstimateDays: Double?
    package var team: String?
    package var files: [String]
    package var discrepanciesAddressed: [String]
    package var implementationOrder: [String]
    package var tasks: [String]
    package var fields: [Field]
    /// Block ids in the group, current ones first in id order.
    package var blockIDs: [String]
    package var range: SourceRange?
    /// True when no document defines the group and it exists only through its blocks' ids.
    package var isImplicit: Bool
    /// Whether the group states its own dependencies (even `None`): arrows and plan-wide
    /// rules then add none to it.
    package internal(set) var declaresDependencies = false

    package init(id: String, title: String) {
        self.id = id
        self.title = title
        self.aliases = []
        self.dependencies = []
        self.softDependencies = []
        self.files = []
        self.discrepanciesAddressed = []
        self.implementationOrder = []
        self.tasks = []
        self.fields = []
        self.blockIDs = []
        self.isImplicit = false
    }

    /// A group no document defines, known only through its blocks' ids.
    init(implicit id: String) {
        self.init(id: id, title: "")
        isImplicit = true
    }
}
