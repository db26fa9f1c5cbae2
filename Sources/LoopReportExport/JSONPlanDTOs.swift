import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

// The export's plan: groups, blocks (with their history and schedule) and iterations.

struct GroupDTO: Encodable {
    var id: String, title: String, aliases: [String], implicit: Bool, priority: String?
    var dependencies: [String], softDependencies: [String], estimateDays: Double?, baselineEstimateDays: Double?
    var team: String?, files: [String], discrepanciesAddressed: [String], implementationOrder: [String]
    var tasks: [String], blocks: [String], fields: [FieldDTO], source: Location?
    init(_ g: Group) {
        id = g.id; title = g.title; aliases = g.aliases; implicit = g.isImplicit; priority = g.priority
        dependencies = g.dependencies.map(\.label); softDependencies = g.softDependencies.map(\.label)
        estimateDays = g.estimate?.days; baselineEstimateDays = g.baselineEstimateDays; team = g.team
        files = g.files; discrepanciesAddressed = g.discrepanciesAddressed; implementationOrder = g.implementationOrder
        tasks = g.tasks; blocks = g.blockIDs; fields = g.fields.map(FieldDTO.init); source = Location(g.range)
    }
}

struct BlockDTO: Encodable {
    struct EventDTO: Encodable {
        var change: String, path: String, fields: [String], estimateDays: Double?, line: Int?
    }
    var id: String, title: String, group: String, status: String, priority: String?
    /// The block's own declared dependencies: block ids, and `Group N` for group dependencies.
    var dependencies: [String], softDependencies: [String]
    var estimateDays: Double?, estimateText: String?, baselineEstimateDays: Double?, actualDays: Double?
    /// Only for an estimate written as a range (`3-4 days`): its ends; `estimateDays` is the midpoint.
    var estimateLowDays: Double?, estimateHighDays: Double?
    /// Only for a block that states no estimate: the assumed one it is scheduled with (`defaultEstimate`).
    var assumedEstimateDays: Double?
    var progress: String?, percentComplete: Double?, declaredCritical: Bool?
    var tasks: [String], files: [String], completionCriteria: [String], blockers: String?
    var fields: [FieldDTO], history: [EventDTO], source: Location?
    var schedule: TaskScheduleDTO?
    init(_ b: Block, schedule task: ScheduledTask?, calendar: WorkCalendar?) {
        schedule = task.map { TaskScheduleDTO($0, calendar: calendar) }
        id = b.id; title = b.title; group = b.groupID; status = b.status.rawValue; priority = b.priority
        dependencies = b.dependencies.map { $0.kind == .block ? $0.id : $0.label }
        softDependencies = b.softDependencies.map { $0.kind == .block ? $0.id : $0.label }
        estimateDays = b.estimate?.days; estimateText = b.estimate?.raw; baselineEstimateDays = b.baselineEstimateDays
        if let e = b.estimate, e.minimumDays != e.maximumDays { (estimateLowDays, estimateHighDays) = (e.minimumDays, e.maximumDays) }
        actualDays = b.actual?.days; progress = b.progress?.rawValue; percentComplete = b.percentComplete
        declaredCritical = b.declaredCritical; tasks = b.tasks; files = b.files
        completionCriteria = b.completionCriteria; blockers = b.blockers; fields = b.fields.map(FieldDTO.init)
        history = b.history.map {
            EventDTO(
                change: $0.change.rawValue, path: $0.path, fields: $0.fields,
                estimateDays: $0.estimateDays, line: $0.range?.start.line)
        }
        source = Location(b.range)
    }
}

struct IterationDTO: Encodable {
    var path: String, title: String, kind: String, date: String?, added: [String], revised: [String], removed: [String]
    var blockCount: Int, durationDays: Double?, criticalPath: [String]?
    init(_ i: Iteration, snapshot: SnapshotSummary?) {
        path = i.path; title = i.title; kind = i.kind.rawValue; date = i.date; added = i.added; revised = i.revised
        removed = i.removed; blockCount = i.blockCount
        durationDays = snapshot?.durationDays; criticalPath = snapshot?.criticalPath
    }
}
