import LoopReportModel
import LoopReportSource

/// The schedule and figures of one document's snapshot of the plan.
public struct SnapshotSummary: Sendable {
    public var path: String
    public var title: String
    public var durationDays: Double
    public var criticalPath: [String]
    public var blockCount: Int
}

/// Everything computed from the plan: schedules, variance, forecast, metric verdicts and
/// the checks of declared figures.
public struct Analysis: Sendable {
    public var settings: ProjectSettings
    public var calendar: WorkCalendar?
    /// The current plan's schedule.
    public var schedule: Schedule
    /// The first plan with its original estimates.
    public var baseline: Schedule
    /// One per iteration (document after the baseline), in order.
    public var snapshots: [SnapshotSummary]
    public var variance: Variance
    public var forecast: Forecast
    public var metrics: [MetricJudgement]
    /// Metrics that recur across documents, by name.
    public var metricSeries: [MetricSeries]
    public var checks: [FigureCheck]
    /// One per measurement table, in document order: series in readable units, axis
    /// scales, growth fits and the growth claims checked.
    public var measurements: [MeasurementAnalysis]

    /// Slip of the current plan against the baseline, in working days.
    public var slipDays: Double { schedule.durationDays - baseline.durationDays }
}

public enum Analyzer {
    public static func analyze(_ plan: Plan, settings: ProjectSettings) -> (analysis: Analysis, diagnostics: [Diagnostic]) {
        let week = settings.daysPerWeek
        let currentSnapshot = PlanSnapshot.current(plan, daysPerWeek: week)

        // Each document's snapshot, scheduled (the declared critical paths are checked
        // against the schedule of the document that declares them).
        let documentIndex = Dictionary(plan.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        var wanted = Set(plan.iterations.compactMap { documentIndex[$0.path] })
        for path in plan.records.criticalPaths.map(\.path) + plan.records.ratios.map(\.path) + plan.records.progress.map(\.path) {
            if let k = documentIndex[path] { wanted.insert(k) }
        }
        let scheduledPaths = Set(plan.records.criticalPaths.map(\.path) + plan.iterations.map(\.path))
        let last = plan.documents.count - 1
        // The current plan, the baseline and the snapshots are independent of each other:
        // built and scheduled on all cores. The baseline (the longest) first and the current
        // plan (the shortest: its snapshot is made already) last, so that the cores finish together.
        enum Job { case current, baseline, document(Int) }
        let indices = wanted.sorted()
        let jobs: [Job] = [.baseline] + indices.map { .document($0) } + [.current]
        let computed = parallelMap(jobs) { job -> (snapshot: PlanSnapshot?, schedule: Schedule?, diagnostics: [Diagnostic]) in
            switch job {
            case .current:
                let (schedule, diagnostics) = Scheduler.schedule(currentSnapshot, settings: settings, diagnose: true)
                return (nil, schedule, diagnostics)
            case .baseline:
                return (nil, Scheduler.schedule(.baseline(plan, daysPerWeek: week), settings: settings).0, [])
            case .document(let k):
                // The last document's schedule is the current one.
                if k == last { return (currentSnapshot, nil, []) }
                let snapshot = PlanSnapshot.after(document: k, of: plan, daysPerWeek: week)
                let schedule = scheduledPaths.contains(plan.documents[k].path)
                    ? Scheduler.schedule(snapshot, settings: settings).0 : nil
                return (snapshot, schedule, [])
            }
        }
        let current = computed[jobs.count - 1].schedule!, diagnostics = computed[jobs.count - 1].diagnostics
        let baseline = computed[0].schedule!
        var snapshots: [Int: PlanSnapshot] = [:]
        var schedules: [Int: Schedule] = [:]
        for (k, value) in zip(indices, computed.dropFirst()) {
            snapshots[k] = value.snapshot
            schedules[k] = k == last ? (scheduledPaths.contains(plan.documents[k].path) ? current : nil) : value.schedule
        }
        let summaries = plan.iterations.compactMap { iteration -> SnapshotSummary? in
            guard let k = documentIndex[iteration.path], let schedule = schedules[k] else { return nil }
            return SnapshotSummary(path: iteration.path, title: iteration.title, durationDays: schedule.durationDays,
                                   criticalPath: schedule.criticalPath, blockCount: snapshots[k]?.blocks.count ?? 0)
        }

        let variance = Variance.compute(plan, daysPerWeek: week)
        let forecast = forecastFor(plan, schedule: current, factors: variance.factors, settings: settings)
        let metrics = plan.records.metrics.map(MetricJudgement.judge)
        var byName: [String: [MetricJudgement]] = [:]
        var names: [String] = []
        for metric in metrics {
            let key = metric.name.normalizedName
            if byName[key] == nil { names.append(key) }
            byName[key, default: []].append(metric)
        }
        let series = names.compactMap { key -> MetricSeries? in
            let points = byName[key]!
            let documents = Set(points.map(\.path))
            return documents.count > 1 ? MetricSeries(name: points[0].name, points: points) : nil
        }
        let checks = FigureChecks.run(plan, snapshotSchedules: schedules, snapshots: snapshots)
        let measurements = plan.records.measurementTables.map(MeasurementAnalysis.analyze)
        let analysis = Analysis(settings: settings, calendar: WorkCalendar(settings), schedule: current, baseline: baseline,
                                snapshots: summaries, variance: variance, forecast: forecast, metrics: metrics,
                                metricSeries: series, checks: checks, measurements: measurements)
        return (analysis, diagnostics + FigureChecks.diagnostics(for: checks)
                    + MeasurementAnalysis.diagnostics(for: measurements))
    }

    /// Done work at its actual (or estimate), open work at its estimate scaled by the factors.
    private static func forecastFor(_ plan: Plan, schedule: Schedule, factors: [Double], settings: ProjectSettings) -> Forecast {
        var done = [Double](repeating: 0, count: schedule.network.count)
        var remaining = schedule.network.durations
        for (t, id) in schedule.networkIDs.enumerated() {
            if schedule.task(id)?.kind == .buffer { done[t] = remaining[t]; remaining[t] = 0; continue }
            guard let block = plan.blockIndex(of: id) else { continue }   // read in place, not copied
            let estimate = plan.blocks[block].estimate?.scaled(daysPerWeek: settings.daysPerWeek).days ?? 0
            switch plan.blocks[block].progress {
            case .complete?:
                done[t] = plan.blocks[block].actual?.days ?? estimate; remaining[t] = 0
            case .inProgress? where plan.blocks[block].percentComplete != nil:
                let share = min(1, max(0, plan.blocks[block].percentComplete! / 100))
                done[t] = estimate * share; remaining[t] = estimate * (1 - share)
            default:
                break
            }
        }
        return Forecast.compute(network: schedule.network, result: schedule.cpm, done: done, remaining: remaining,
                                factors: factors, settings: settings)
    }
}
