import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// The schedule and figures of one document's snapshot of the plan.
package struct SnapshotSummary: Sendable {
    package var path: String
    package var title: String
    package var durationDays: Double
    package var criticalPath: [String]
    package var blockCount: Int
}

/// Everything computed from the plan: schedules, variance, forecast, metric verdicts and
/// the checks of declared figures.
package struct Analysis: Sendable {
    package var settings: ProjectSettings
    package var calendar: WorkCalendar?
    /// The current plan's schedule.
    package var schedule: Schedule
    /// The first plan with its original estimates.
    package var baseline: Schedule
    /// One per iteration (document after the baseline), in order.
    package var snapshots: [SnapshotSummary]
    package var variance: Variance
    package var forecast: Forecast
    package var metrics: [MetricJudgement]
    /// Metrics that recur across documents, by name.
    package var metricSeries: [MetricSeries]
    package var checks: [FigureCheck]
    /// One per measurement table, in document order: series in readable units, axis
    /// scales, growth fits and the growth claims checked.
    package var measurements: [MeasurementAnalysis]

    /// Slip of the current plan against the baseline, in working days.
    package var slipDays: Double { schedule.durationDays - baseline.durationDays }
}

package enum Analyzer {
    package static func analyze(_ plan: Plan, settings: ProjectSettings) -> (analysis: Analysis, diagnostics: [Diagnostic]) {
        let week = settings.daysPerWeek

        // Each document's snapshot, scheduled (the declared critical paths are checked
        // against the schedule of the document that declares them).
        let documentIndex = Dictionary(plan.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        var wanted = Set(plan.iterations.compactMap { documentIndex[$0.path] })
        for path in plan.records.criticalPaths.map(\.path) + plan.records.ratios.map(\.path) + plan.records.progress.map(\.path) {
            if let k = documentIndex[path] { wanted.insert(k) }
        }
        let scheduledPaths = Set(plan.records.criticalPaths.map(\.path) + plan.iterations.map(\.path))
        let last = plan.documents.count - 1
        // The current plan (with its variance and forecast), the baseline and the snapshots
        // are independent of each other: built and scheduled on all cores, the longest first.
        // A job keeps only the figures read later of a snapshot and its schedule, so that both
        // are released in the job, on its core, not one after another at the end.
        enum Job {
            case current, baseline
            case document(Int)
        }
        let indices = wanted.sorted(), lastIsWanted = wanted.contains(last)
        let jobs: [Job] = [.current, .baseline] + indices.filter { $0 != last }.map { .document($0) }
        let computed = parallelMap(jobs) { job -> JobResult in
            switch job {
            case .current:
                let snapshot = PlanSnapshot.current(plan, daysPerWeek: week)
                let (schedule, diagnostics) = Scheduler.schedule(snapshot, settings: settings, diagnose: true)
                let variance = Variance.compute(plan, daysPerWeek: week)
                let forecast = forecastFor(plan, schedule: schedule, factors: variance.factors, settings: settings)
                let figures =
                    lastIsWanted
                    ? DocumentFigures(
                        plan, document: last, snapshot: snapshot,
                        schedule: scheduledPaths.contains(plan.documents[last].path) ? schedule : nil)
                    : nil
                return JobResult(schedule: schedule, figures: figures, diagnostics: diagnostics, variance: variance, forecast: forecast)
            case .baseline:
                return JobResult(schedule: Scheduler.schedule(.baseline(plan, daysPerWeek: week), settings: settings).0)
            case .document(let k):
                let snapshot = PlanSnapshot.after(document: k, of: plan, daysPerWeek: week)
                let schedule =
                    scheduledPaths.contains(plan.documents[k].path)
                    ? Scheduler.schedule(snapshot, settings: settings).0 : nil
                return JobResult(figures: DocumentFigures(plan, document: k, snapshot: snapshot, schedule: schedule))
            }
        }
        let current = computed[0], baseline = computed[1].schedule!
        var figures: [Int: DocumentFigures] = [:]
        for (job, result) in zip(jobs, computed) {
            switch job {
            case .current: if let value = result.figures { figures[last] = value }
            case .document(let k): figures[k] = result.figures
            case .baseline: break
            }
        }
        let summaries = plan.iterations.compactMap { iteration -> SnapshotSummary? in
            guard let k = documentIndex[iteration.path], let document = figures[k],
                let durationDays = document.durationDays, let criticalPath = document.criticalPath
            else { return nil }
            return SnapshotSummary(
                path: iteration.path, title: iteration.title, durationDays: durationDays,
                criticalPath: criticalPath, blockCount: document.blockCount)
        }

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
        let checks = FigureChecks.run(plan, documents: figures)
        let measurements = plan.records.measurementTables.map(MeasurementAnalysis.analyze)
        let analysis = Analysis(
            settings: settings, calendar: WorkCalendar(settings), schedule: current.schedule!, baseline: baseline,
            snapshots: summaries, variance: current.variance!, forecast: current.forecast!, metrics: metrics,
            metricSeries: series, checks: checks, measurements: measurements)
        return (
            analysis,
            current.diagnostics + FigureChecks.diagnostics(for: checks)
                + MeasurementAnalysis.diagnostics(for: measurements)
        )
    }

    /// What one job of `analyze` gives back.
    private struct JobResult: Sendable {
        var schedule: Schedule?
        var figures: DocumentFigures?
        var diagnostics: [Diagnostic] = []
        var variance: Variance?
        var forecast: Forecast?
    }

    /// Done work at its actual (or estimate), open work at its estimate scaled by the factors.
    private static func forecastFor(_ plan: Plan, schedule: Schedule, factors: [Double], settings: ProjectSettings) -> Forecast {
        var done = [Double](repeating: 0, count: schedule.network.count)
        var remaining = schedule.network.durations
        var ranges: [Forecast.Range] = []
        for (t, id) in schedule.networkIDs.enumerated() {
            if schedule.task(id)?.kind == .buffer { done[t] = remaining[t]; remaining[t] = 0; continue }
            guard let block = plan.blockIndex(of: id) else { continue }  // read in place, not copied
            let effort = plan.blocks[block].estimate?.scaled(daysPerWeek: settings.daysPerWeek)
            let estimate = effort?.days ?? settings.defaultEstimateDays
            if let effort, effort.minimumDays < effort.maximumDays, estimate > 0, plan.blocks[block].progress != .complete {
                ranges.append(Forecast.Range(task: t, low: effort.minimumDays / estimate, high: effort.maximumDays / estimate))
            }
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
        return Forecast.compute(
            network: schedule.network, result: schedule.cpm, done: done, remaining: remaining,
            factors: factors, ranges: ranges, settings: settings)
    }
}
