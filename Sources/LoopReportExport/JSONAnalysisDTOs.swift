import LoopReportAnalysis
import LoopReportModel

// The export's analysis: the schedule, forecast and variance, metric verdicts, figure
// checks and the growth fits of measurement tables.

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
            TaskDTO(
                id: $0.id, kind: $0.kind.rawValue, title: $0.title, group: $0.groupID, durationDays: $0.durationDays,
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
                CandidateDTO(
                    model: $0.model.rawValue, intercept: significant($0.intercept), slope: significant($0.slope),
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
