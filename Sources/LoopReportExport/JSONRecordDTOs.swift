import LoopReportModel
import LoopReportSource

// The export's documents and the records read from them: decisions, checklists, metrics,
// measurements, adjustments, findings, specifications, status records, tables and others.

struct DocumentDTO: Encodable {
    struct SectionDTO: Encodable {
        var title: String, level: Int, kind: String, marker: String?, subject: String?, line: Int?
    }
    var path: String, kind: String, kindDeclared: Bool, title: String, date: String?, sections: [SectionDTO]
    init(_ d: Document) {
        path = d.path; kind = d.kind.rawValue; kindDeclared = d.kindIsDeclared; title = d.title; date = d.date
        sections = d.sections.dropFirst().map {
            SectionDTO(
                title: $0.title, level: $0.level, kind: $0.kind.rawValue, marker: $0.marker?.rawValue,
                subject: $0.subject?.label, line: $0.range?.start.line)
        }
    }
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
