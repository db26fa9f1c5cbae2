import FoundationEssentials
import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

/// The model as versioned JSON (`loopreport export --format json`); documented in
/// `docs/export-json.md`. Keys are sorted so the same input gives the same bytes.
package enum JSONExport {
    /// Bumped whenever a field changes meaning or disappears; additions keep the version.
    package static let schemaVersion = 1

    package static func encode(plan: Plan, analysis: Analysis, diagnostics: [Diagnostic]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(ExportDocument(plan: plan, analysis: analysis, diagnostics: diagnostics))
        data.append(0x0A)
        return Array(data)
    }
}

struct Location: Encodable {
    var path: String
    var line: Int
    var column: Int
    init?(_ range: SourceRange?) {
        guard let range else { return nil }
        path = range.path; line = range.start.line; column = range.start.column
    }
}

struct ExportDocument: Encodable {
    var schemaVersion = JSONExport.schemaVersion
    var documents: [DocumentDTO]
    var groups: [GroupDTO]
    var blocks: [BlockDTO]
    var iterations: [IterationDTO]
    var decisions: [DecisionDTO]
    var checklists: [ChecklistDTO]
    var metrics: [MetricDTO]
    var measurementTables: [MeasurementDTO]
    var timelineAdjustments: [AdjustmentDTO]
    var predictiveAccuracy: [AccuracyDTO]
    var progress: [ProgressDTO]
    var declaredRatios: [RatioDTO]
    var buffers: [BufferDTO]
    var declaredTotals: [TotalDTO]
    var timelineProjections: [ProjectionDTO]
    var declaredCriticalPaths: [CriticalPathDTO]
    var figures: [FigureDTO]
    var findings: [FindingDTO]
    var rootCauses: [RootCauseDTO]
    var continuationStrategies: [StrategyDTO]
    var revisedSpecifications: [SpecificationDTO]
    var integrationScenarios: [ScenarioDTO]
    var majorRevisions: [RevisionDTO]
    var statusRecords: [StatusDTO]
    var tables: [TableDTO]
    var diagnostics: [DiagnosticDTO]
    var schedule: ScheduleDTO
    var forecast: ForecastDTO
    var variance: VarianceDTO
    var metricVerdicts: [MetricVerdictDTO]
    var figureChecks: [FigureCheckDTO]
    var measurementAnalyses: [MeasurementAnalysisDTO]

    init(plan: Plan, analysis: Analysis, diagnostics: [Diagnostic]) {
        let r = plan.records
        let calendar = analysis.calendar
        documents = plan.documents.map(DocumentDTO.init)
        groups = plan.groups.map(GroupDTO.init)
        blocks = plan.blocks.map { block in
            var dto = BlockDTO(block, schedule: analysis.schedule.task(block.id), calendar: calendar)
            if analysis.schedule.assumedEstimates.contains(block.id) {
                dto.assumedEstimateDays = analysis.schedule.task(block.id)?.durationDays
            }
            return dto
        }
        let snapshots = Dictionary(analysis.snapshots.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        iterations = plan.iterations.map { IterationDTO($0, snapshot: snapshots[$0.path]) }
        schedule = ScheduleDTO(analysis)
        forecast = ForecastDTO(analysis.forecast, calendar: calendar)
        variance = VarianceDTO(analysis.variance)
        metricVerdicts = analysis.metrics.map(MetricVerdictDTO.init)
        figureChecks = analysis.checks.map(FigureCheckDTO.init)
        measurementAnalyses = analysis.measurements.map(MeasurementAnalysisDTO.init)
        decisions = r.decisions.map(DecisionDTO.init)
        checklists = r.checklists.map(ChecklistDTO.init)
        metrics = r.metrics.map(MetricDTO.init)
        measurementTables = r.measurementTables.map(MeasurementDTO.init)
        timelineAdjustments = r.timelineAdjustments.map(AdjustmentDTO.init)
        predictiveAccuracy = r.accuracy.map(AccuracyDTO.init)
        progress = r.progress.map(ProgressDTO.init)
        declaredRatios = r.ratios.map(RatioDTO.init)
        buffers = r.buffers.map(BufferDTO.init)
        declaredTotals = r.totals.map(TotalDTO.init)
        timelineProjections = r.projections.map(ProjectionDTO.init)
        declaredCriticalPaths = r.criticalPaths.map(CriticalPathDTO.init)
        figures = r.figures.map(FigureDTO.init)
        findings = r.findings.map(FindingDTO.init)
        rootCauses = r.rootCauses.map(RootCauseDTO.init)
        continuationStrategies = r.strategies.map(StrategyDTO.init)
        revisedSpecifications = r.specifications.map(SpecificationDTO.init)
        integrationScenarios = r.scenarios.map(ScenarioDTO.init)
        majorRevisions = r.revisions.map(RevisionDTO.init)
        statusRecords = r.statuses.map(StatusDTO.init)
        tables = r.tables.map(TableDTO.init)
        self.diagnostics = diagnostics.map(DiagnosticDTO.init)
    }
}

struct ReferenceDTO: Encodable {
    var kind: String, id: String, annotation: String?, source: Location?
    init(_ r: Reference) { kind = r.kind.rawValue; id = r.id; annotation = r.annotation; source = Location(r.range) }
}

struct FieldDTO: Encodable {
    var key: String, value: String, items: [String]?, source: Location?
    init(_ f: Field) { key = f.key; value = f.value; items = f.items.isEmpty ? nil : f.items; source = Location(f.range) }
}

struct DocumentDTO: Encodable {
    struct SectionDTO: Encodable {
        var title: String, level: Int, kind: String, marker: String?, subject: String?, line: Int?
    }
    var path: String, kind: String, kindDeclared: Bool, title: String, date: String?, sections: [SectionDTO]
    init(_ d: Document) {
        path = d.path; kind = d.kind.rawValue; kindDeclared = d.kindIsDeclared; title = d.title; date = d.date
        sections = d.sections.dropFirst().map {
            SectionDTO(title: $0.title, level: $0.level, kind: $0.kind.rawValue, marker: $0.marker?.rawValue,
                       subject: $0.subject?.label, line: $0.range?.start.line)
        }
    }
}

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
        history = b.history.map { EventDTO(change: $0.change.rawValue, path: $0.path, fields: $0.fields,
                                           estimateDays: $0.estimateDays, line: $0.range?.start.line) }
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

struct TaskScheduleDTO: Encodable {
    var earlyStart: Double, earlyFinish: Double, lateStart: Double, lateFinish: Double
    var slack: Double, freeFloat: Double, critical: Bool, nearCritical: Bool, drivingPredecessor: String?
    var startDate: String?, finishDate: String?
    init(_ t: ScheduledTask, calendar: WorkCalendar?) {
        earlyStart = t.earlyStart; earlyFinish = t.earlyFinish; lateStart = t.lateStart; lateFinish = t.lateFinish
        slack = t.slack; freeFloat = t.freeFloat; critical = t.critical; nearCritical = t.nearCritical
        drivingPredecessor = t.drivingPredecessor
        startDate = calendar.map { $0.startDate(t.earlyStart).description }
        finishDate = calendar.map { $0.finishDate(t.earlyFinish).description }
    }
}

struct ScheduleDTO: Encodable {
    struct TaskDTO: Encodable {
        var id: String, kind: String, title: String, group: String?, durationDays: Double, schedule: TaskScheduleDTO
    }
    struct SpanDTO: Encodable { var group: String, start: Double, finish: Double }
    var durationDays: Double, criticalPath: [String], criticalSet: [String], baselineDurationDays: Double
    var baselineCriticalPath: [String], slipDays: Double, startDate: String?, finishDate: String?
    var workingWeekdays: [Int], holidays: [String], otherTasks: [TaskDTO], groupSpans: [SpanDTO]
    init(_ a: Analysis) {
        let s = a.schedule
        durationDays = s.durationDays; criticalPath = s.criticalPath; criticalSet = s.criticalSet
        baselineDurationDays = a.baseline.durationDays; baselineCriticalPath = a.baseline.criticalPath; slipDays = a.slipDays
        startDate = a.calendar?.startDate(0).description
        finishDate = a.calendar.map { $0.finishDate(s.durationDays).description }
        workingWeekdays = a.settings.workingWeekdays.sorted(); holidays = a.settings.holidays.sorted().map(\.description)
        otherTasks = s.tasks.filter { $0.kind != .block }.map {
            TaskDTO(id: $0.id, kind: $0.kind.rawValue, title: $0.title, group: $0.groupID, durationDays: $0.durationDays,
                    schedule: TaskScheduleDTO($0, calendar: a.calendar))
        }
        groupSpans = s.groupSpans.map { SpanDTO(group: $0.groupID, start: $0.start, finish: $0.finish) }
    }
}

struct ForecastDTO: Encodable {
    var durationDays: Double, meanFactor: Double, p50Days: Double, p80Days: Double, p95Days: Double
    var runs: Int, seed: UInt64, observations: Int, remainingBlocks: Int
    var finishDate: String?, p50Date: String?, p80Date: String?, p95Date: String?
    init(_ f: Forecast, calendar: WorkCalendar?) {
        durationDays = f.durationDays; meanFactor = f.meanFactor; p50Days = f.p50Days; p80Days = f.p80Days
        p95Days = f.p95Days; runs = f.runs; seed = f.seed; observations = f.observations; remainingBlocks = f.remainingBlocks
        finishDate = calendar.map { $0.finishDate(f.durationDays).description }
        p50Date = calendar.map { $0.finishDate(f.p50Days).description }
        p80Date = calendar.map { $0.finishDate(f.p80Days).description }
        p95Date = calendar.map { $0.finishDate(f.p95Days).description }
    }
}

struct VarianceDTO: Encodable {
    struct EntryDTO: Encodable {
        var subject: String, estimateDays: Double, actualDays: Double, varianceDays: Double
        var variancePercent: Double?, factor: Double?
        init(_ e: Variance.Entry) {
            subject = e.subject; estimateDays = e.estimateDays; actualDays = e.actualDays; varianceDays = e.varianceDays
            variancePercent = e.variancePercent; factor = e.factor
        }
    }
    var blocks: [EntryDTO], groups: [EntryDTO], iterations: [EntryDTO], declared: [EntryDTO], factors: [Double]
    init(_ v: Variance) {
        blocks = v.blocks.map(EntryDTO.init); groups = v.groups.map(EntryDTO.init)
        iterations = v.iterations.map(EntryDTO.init); declared = v.declared.map(EntryDTO.init); factors = v.factors
    }
}

struct MetricVerdictDTO: Encodable {
    var name: String, verdict: String, higherIsBetter: Bool?, variancePercent: Double?, varianceInPoints: Bool
    var target: String?, achieved: String?, declared: String?, source: Location?
    init(_ m: MetricJudgement) {
        name = m.name; verdict = m.verdict.rawValue; higherIsBetter = m.higherIsBetter; variancePercent = m.variancePercent
        varianceInPoints = m.varianceInPoints
        target = m.target; achieved = m.achieved; declared = m.declared; source = Location(m.range)
    }
}

struct FigureCheckDTO: Encodable {
    var kind: String, declared: String, expected: String, agrees: Bool, source: Location?
    init(_ c: FigureCheck) {
        kind = c.kind.rawValue; declared = c.declared; expected = c.expected; agrees = c.agrees; source = Location(c.range)
    }
}

struct MeasurementAnalysisDTO: Encodable {
    struct PointDTO: Encodable { var x: Double, y: Double, row: Int }
    struct CandidateDTO: Encodable {
        var model: String, intercept: Double, slope: Double, chiSquare: Double, rSquared: Double
    }
    struct FitDTO: Encodable {
        var bestModel: String, notation: String, exponent: Double?, rSquared: Double, plausible: [String]
        var decreasing: Bool, pointCount: Int, candidates: [CandidateDTO]
        init(_ f: GrowthFit) {
            bestModel = f.bestModel.rawValue; notation = f.bestModel.notation; exponent = f.exponent.map { significant($0) }
            rSquared = significant(f.rSquared); plausible = f.plausible.map(\.rawValue); decreasing = f.decreasing
            pointCount = f.pointCount
            candidates = f.candidates.map {
                CandidateDTO(model: $0.model.rawValue, intercept: significant($0.intercept), slope: significant($0.slope),
                             chiSquare: significant($0.chiSquare), rSquared: significant($0.rSquared))
            }
        }
    }
    struct SeriesDTO: Encodable {
        var name: String, dimension: String, unit: String, points: [PointDTO], skippedRows: [Int]
        var mixedDimensions: Bool, logScaleY: Bool, fit: FitDTO?
        init(_ s: MeasuredSeries) {
            name = s.name; dimension = s.dimension; unit = s.unit
            points = s.points.map { PointDTO(x: $0.x, y: $0.y, row: $0.row) }; skippedRows = s.skippedRows
            mixedDimensions = s.mixedDimensions; logScaleY = s.logScaleY; fit = s.fit.map(FitDTO.init)
        }
    }
    struct ClaimDTO: Encodable {
        var text: String, claimed: String, notation: String, series: String, seriesMatched: Bool, verdict: String
        var deviation: String?, dataModel: String?, explanation: String
        init(_ c: GrowthClaimCheck) {
            text = c.text; claimed = c.claimed.rawValue; notation = c.claimed.notation; series = c.seriesName
            seriesMatched = c.seriesMatched; verdict = c.verdict.rawValue; deviation = c.deviation?.rawValue
            dataModel = c.dataModel?.rawValue; explanation = c.explanation
        }
    }
    var title: String, scaleName: String, series: [SeriesDTO], logScaleX: Bool, logScaleY: Bool
    var claims: [ClaimDTO], unrecognizedClaims: [String], source: Location?
    init(_ m: MeasurementAnalysis) {
        title = m.title; scaleName = m.scaleName; series = m.series.map(SeriesDTO.init); logScaleX = m.logScaleX
        logScaleY = m.logScaleY; claims = m.claims.map(ClaimDTO.init); unrecognizedClaims = m.unrecognizedClaims
        source = Location(m.range)
    }
}

/// Fit statistics to 6 significant digits, so the last bits of `log` on one platform or
/// another do not change the output.
private func significant(_ value: Double, digits: Int = 6) -> Double {
    guard value != 0, value.isFinite else { return value }
    var magnitude = abs(value), exponent = 0
    while magnitude >= 10 { magnitude /= 10; exponent += 1 }
    while magnitude < 1 { magnitude *= 10; exponent -= 1 }
    let shift = digits - 1 - exponent
    var scale = 1.0
    for _ in 0..<abs(shift) { scale *= 10 }
    return shift >= 0 ? (value * scale).rounded() / scale : (value / scale).rounded() * scale
}

struct DecisionDTO: Encodable {
    var id: String, date: String?, issue: String?, decision: String, rationale: String?, impact: String?
    var impactDays: Double?, owner: String?, source: Location?
    init(_ d: Decision) {
        id = d.id; date = d.date; issue = d.issue; decision = d.decision; rationale = d.rationale; impact = d.impact
        impactDays = d.impactDays; owner = d.owner; source = Location(d.range)
    }
}

struct ChecklistDTO: Encodable {
    struct ItemDTO: Encodable { var text: String, checked: Bool, state: String, line: Int? }
    var title: String, context: [String], items: [ItemDTO], checkedCount: Int, source: Location?
    init(_ c: Checklist) {
        title = c.title; context = c.context; checkedCount = c.checkedCount; source = Location(c.range)
        items = c.items.map { ItemDTO(text: $0.text, checked: $0.checked, state: $0.state.rawValue, line: $0.range?.start.line) }
    }
}

struct TargetDTO: Encodable {
    var comparator: String, lower: Double?, upper: Double?, unit: String, qualifier: String, raw: String
    var higherIsBetter: Bool?
    init(_ t: Target) {
        comparator = t.comparator.rawValue; lower = t.lower; upper = t.upper; unit = t.unit; qualifier = t.qualifier
        raw = t.raw; higherIsBetter = t.higherIsBetter
    }
}

struct QuantityDTO: Encodable {
    var value: Double, unit: String, raw: String
    init(_ q: Quantity) { value = q.value; unit = q.unit; raw = q.raw }
}

struct MetricDTO: Encodable {
    var name: String, target: TargetDTO?, achieved: QuantityDTO?, achievedText: String?, declaredVariance: String?
    var source: Location?
    init(_ m: Metric) {
        name = m.name; target = m.target.map(TargetDTO.init); achieved = m.achieved.map(QuantityDTO.init)
        achievedText = m.achievedText; declaredVariance = m.declaredVariance; source = Location(m.range)
    }
}

struct MeasurementDTO: Encodable {
    var title: String, scaleName: String, seriesNames: [String], scale: [Double], series: [[QuantityDTO?]]
    var claims: [String], source: Location?
    init(_ m: MeasurementTable) {
        title = m.title; scaleName = m.scaleName; seriesNames = m.seriesNames; scale = m.scale
        series = m.series.map { $0.map { $0.map(QuantityDTO.init) } }; claims = m.claims; source = Location(m.range)
    }
}

struct AdjustmentDTO: Encodable {
    var subject: String, reference: ReferenceDTO?, originalDays: Double?, revisedDays: Double?
    var delta: String, deltaDays: Double?, reason: String?, source: Location?
    init(_ a: TimelineAdjustment) {
        subject = a.subject; reference = a.reference.map(ReferenceDTO.init); originalDays = a.original?.days
        revisedDays = a.revised?.days; delta = a.deltaText; deltaDays = a.deltaDays; reason = a.reason
        source = Location(a.range)
    }
}

struct AccuracyDTO: Encodable {
    var subject: String, reference: ReferenceDTO?, estimatedDays: Double?, actualDays: Double?
    var variance: String?, variancePercent: Double?, adjustmentFactor: String?, factor: Double?, source: Location?
    init(_ a: AccuracyRecord) {
        subject = a.subject; reference = a.reference.map(ReferenceDTO.init); estimatedDays = a.estimated?.days
        actualDays = a.actual?.days; variance = a.varianceText; variancePercent = a.variancePercent
        adjustmentFactor = a.factorText; factor = a.factor; source = Location(a.range)
    }
}

struct ProgressDTO: Encodable {
    var subject: String, reference: ReferenceDTO?, percent: Double?, progress: String?, source: Location?
    init(_ p: ProgressEntry) {
        subject = p.subject; reference = p.reference.map(ReferenceDTO.init); percent = p.percent
        progress = p.progress?.rawValue; source = Location(p.range)
    }
}

struct RatioDTO: Encodable {
    var label: String, numerator: Double, denominator: Double, declaredPercent: Double?, raw: String, source: Location?
    init(_ r: DeclaredRatio) {
        label = r.label; numerator = r.ratio.numerator; denominator = r.ratio.denominator
        declaredPercent = r.ratio.declaredPercent; raw = r.ratio.raw; source = Location(r.range)
    }
}

struct BufferDTO: Encodable {
    var days: Double, after: ReferenceDTO?, placement: String, reason: String?, source: Location?
    init(_ b: Buffer) {
        days = b.days; after = b.after.map(ReferenceDTO.init); placement = b.placement; reason = b.reason
        source = Location(b.range)
    }
}

struct TotalDTO: Encodable {
    var kind: String, days: Double?, text: String, source: Location?
    init(_ t: DeclaredTotal) { kind = t.kind.rawValue; days = t.days; text = t.text; source = Location(t.range) }
}

struct ProjectionDTO: Encodable {
    var originalDays: Double?, projectedDays: Double?, deltaDays: Double?, deltaPercent: Double?, confidence: String?
    var source: Location?
    init(_ p: TimelineProjection) {
        originalDays = p.originalDays; projectedDays = p.projectedDays; deltaDays = p.deltaDays
        deltaPercent = p.deltaPercent; confidence = p.confidence; source = Location(p.range)
    }
}

struct CriticalPathDTO: Encodable {
    var chains: [[String]], source: Location?
    init(_ c: DeclaredCriticalPath) { chains = c.chains.map { $0.map(\.label) }; source = Location(c.range) }
}

struct FigureDTO: Encodable {
    var kind: String, language: String, section: String, references: [String], source: Location?
    init(_ f: Figure) {
        kind = f.kind.rawValue; language = f.language; section = f.sectionTitle
        var seen = Set<String>()
        references = f.references.map(\.label).filter { seen.insert($0).inserted }
        source = Location(f.range)
    }
}

struct FindingDTO: Encodable {
    var kind: String, category: String, text: String, details: [String], source: Location?
    init(_ f: Finding) { kind = f.kind.rawValue; category = f.category; text = f.text; details = f.details; source = Location(f.range) }
}

struct RootCauseDTO: Encodable {
    var title: String, symptoms: [String], primaryCauses: [String], contributingFactors: [String]
    var impact: [String], verification: [String], source: Location?
    init(_ r: RootCause) {
        title = r.title; symptoms = r.symptoms; primaryCauses = r.primaryCauses; contributingFactors = r.contributingFactors
        impact = r.impact; verification = r.verification; source = Location(r.range)
    }
}

struct StrategyDTO: Encodable {
    var title: String, summary: String, example: String?, process: [String], source: Location?
    init(_ s: ContinuationStrategy) {
        title = s.title; summary = s.summary; example = s.example; process = s.process; source = Location(s.range)
    }
}

struct SpecificationDTO: Encodable {
    var title: String, currentApproach: String?, revisedApproach: String?, language: String?
    var optimizationDetails: [String], performanceExpectations: [String], source: Location?
    init(_ s: RevisedSpecification) {
        title = s.title; currentApproach = s.currentApproach?.text; revisedApproach = s.revisedApproach?.text
        language = s.revisedApproach?.language ?? s.currentApproach?.language
        optimizationDetails = s.optimizationDetails; performanceExpectations = s.performanceExpectations
        source = Location(s.range)
    }
}

struct ScenarioDTO: Encodable {
    var title: String, scenario: String?, components: [String], steps: [String], expectedMetrics: [String]
    var source: Location?
    init(_ s: IntegrationScenario) {
        title = s.title; scenario = s.scenario; components = s.components; steps = s.steps
        expectedMetrics = s.expectedMetrics; source = Location(s.range)
    }
}

struct RevisionDTO: Encodable {
    var title: String, originalApproach: String?, finalApproach: String?, reason: String?, source: Location?
    init(_ r: MajorRevision) {
        title = r.title; originalApproach = r.originalApproach; finalApproach = r.finalApproach; reason = r.reason
        source = Location(r.range)
    }
}

struct StatusDTO: Encodable {
    var kind: String, subject: String, block: String?, status: String, details: [FieldDTO], source: Location?
    init(_ s: StatusRecord) {
        kind = s.kind.rawValue; subject = s.subject; block = s.block?.label; status = s.status
        details = s.details.map(FieldDTO.init); source = Location(s.range)
    }
}

struct TableDTO: Encodable {
    var kind: String, section: String, header: [String], rows: [[String]], source: Location?
    init(_ t: Table) {
        kind = t.kind.rawValue; section = t.sectionTitle; header = t.header.map(\.text)
        rows = t.rows.map { $0.map(\.text) }; source = Location(t.range)
    }
}

struct DiagnosticDTO: Encodable {
    struct NoteDTO: Encodable { var message: String, path: String?, line: Int?, column: Int? }
    var severity: String, code: String, message: String, path: String?, line: Int?, column: Int?, notes: [NoteDTO]
    init(_ d: Diagnostic) {
        severity = d.severity.rawValue; code = d.code.rawValue; message = d.message; path = d.range?.path
        line = d.range?.start.line; column = d.range?.start.column
        notes = d.notes.map { NoteDTO(message: $0.message, path: $0.range?.path, line: $0.range?.start.line,
                                      column: $0.range?.start.column) }
    }
}

/// `check --format json`: the diagnostics alone, versioned like the export.
package enum DiagnosticsJSON {
    struct Payload: Encodable {
        var schemaVersion = JSONExport.schemaVersion
        var documentCount: Int
        var errorCount: Int, warningCount: Int, noteCount: Int
        var diagnostics: [DiagnosticDTO]
    }

    package static func encode(_ diagnostics: [Diagnostic], documentCount: Int) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Payload(
            documentCount: documentCount, errorCount: diagnostics.count(of: .error),
            warningCount: diagnostics.count(of: .warning), noteCount: diagnostics.count(of: .note),
            diagnostics: diagnostics.map(DiagnosticDTO.init)))
        data.append(0x0A)
        return Array(data)
    }
}
