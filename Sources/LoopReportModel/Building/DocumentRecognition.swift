import LoopReportSource

/// A block as one document declares it: only the fields this document gives.
struct BlockDeclaration: Sendable {
    var id: String
    var title: String
    var marker: RevisionMarker?
    /// Field lines with what each sets.
    var fields: [(field: Field, value: FieldValue)]
    var range: SourceRange?
    var path: String
    /// The group heading it is written under, when there is one; else its id says its group.
    var groupID: String? = nil
    /// Defined by a heading (`### 1.2 Import`), not a list line or a table row: a heading
    /// defined twice in a plan is a mistake; a line may restate it (a summary, a carry-over).
    var isHeading = false
    /// Declared inside a removal context or marked removed.
    var isRemoval: Bool { marker == .removed || marker == .deferred }
}

/// A group as one document declares it.
struct GroupDeclaration: Sendable {
    var id: String
    var title: String
    var marker: RevisionMarker?
    var isRevisedHeading: Bool
    var fields: [(field: Field, value: FieldValue)]
    var range: SourceRange?
}

/// A `Removed Blocks` entry.
struct Removal: Sendable {
    var reference: Reference
    var title: String
    var reason: String?
    var range: SourceRange?
}

/// Everything recognised in one document, before documents are combined into a plan.
struct DocumentRecognition: Sendable {
    var document: Document
    var groups: [GroupDeclaration] = []
    var blocks: [BlockDeclaration] = []
    var removals: [Removal] = []
    var progressSignals: [(reference: Reference, progress: Progress?, percent: Double?)] = []
    /// States said in a log's sentences (`finished 2.1, started 2.2, 2.3 blocked by flaky CI`):
    /// read only in reports and a plan's log sections (in a plan, `after 1.1 is done` is a condition).
    var loggedStates: [(reference: Reference, progress: Progress)] = []
    var records = PlanRecords()
    var diagnostics: [Diagnostic] = []
    /// Dependencies drawn as arrows (`1.1 → 1.2`, Mermaid `A --> B`): the later item waits
    /// for the earlier. They hold for items that state no dependencies of their own.
    var arrows: [(from: Reference, to: Reference)] = []
    /// A rule stated once for the whole plan: each block (or group) waits for the one before it.
    var sequentialRules: [Reference.Kind] = []
    /// What came closest to a work item without being one, said as the note of the
    /// `no-work-items` warning when the whole project has none.
    var nearMisses: [Diagnostic.Note] = []
    /// The items are those of the plan part of a notes document (an RFC's `## Implementation
    /// plan`, a retrospective's `## Action items`): they count only where no plan defines any.
    var itemsAreANotesPlanPart = false
    /// Groups named by a heading without a group word (`## Now`, `## Q1 2027`): they group the
    /// items first defined under them, and never move an item another document defined.
    var titledGroups: Set<String> = []
}

/// The typed records of every construct other than blocks and groups, across documents.
package struct PlanRecords: Sendable {
    package var decisions: [Decision] = []
    package var checklists: [Checklist] = []
    package var metrics: [Metric] = []
    package var measurementTables: [MeasurementTable] = []
    package var timelineAdjustments: [TimelineAdjustment] = []
    package var accuracy: [AccuracyRecord] = []
    package var progress: [ProgressEntry] = []
    package var ratios: [DeclaredRatio] = []
    package var buffers: [Buffer] = []
    package var totals: [DeclaredTotal] = []
    package var projections: [TimelineProjection] = []
    package var criticalPaths: [DeclaredCriticalPath] = []
    package var figures: [Figure] = []
    package var findings: [Finding] = []
    package var rootCauses: [RootCause] = []
    package var strategies: [ContinuationStrategy] = []
    package var specifications: [RevisedSpecification] = []
    package var scenarios: [IntegrationScenario] = []
    package var revisions: [MajorRevision] = []
    package var statuses: [StatusRecord] = []
    /// Every table, recognised or not, with its kind.
    package var tables: [Table] = []

    mutating func append(_ other: PlanRecords) {
        decisions += other.decisions; checklists += other.checklists; metrics += other.metrics
        measurementTables += other.measurementTables; timelineAdjustments += other.timelineAdjustments
        accuracy += other.accuracy; progress += other.progress; ratios += other.ratios
        buffers += other.buffers; totals += other.totals; projections += other.projections
        criticalPaths += other.criticalPaths; figures += other.figures; findings += other.findings
        rootCauses += other.rootCauses; strategies += other.strategies; specifications += other.specifications
        scenarios += other.scenarios; revisions += other.revisions; statuses += other.statuses
        tables += other.tables
    }
}
