import FoundationEssentials
import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

/// The model as versioned JSON (`loopreport export --format json`); documented in
/// `docs/export-json.md`. Keys are sorted so the same input gives the same bytes.
///
/// The document is `ExportDocument`, below, with the pieces shared by all its parts; the parts'
/// DTOs are in files by area: `JSONPlanDTOs.swift` (groups, blocks, iterations),
/// `JSONAnalysisDTOs.swift` (schedule, forecast, variance, verdicts, checks, growth fits),
/// `JSONRecordDTOs.swift` (documents and the records read from them) and `JSONDiagnostics.swift`.
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
