import LoopReportModel
import LoopReportSource

/// A metric's achieved value judged against its target, with the variance recomputed in an
/// explicit direction: positive is better, whatever sign the authors used.
package struct MetricJudgement: Sendable, Hashable {
    package enum Verdict: String, Sendable, Hashable, Codable { case met, missed, unknown }
    package var name: String
    package var verdict: Verdict
    package var higherIsBetter: Bool?
    /// How far past (+) or short of (−) the target, in percent of the bound; 0 inside a range.
    /// For targets that are themselves percentages (`<10% increase`), in percentage points.
    package var variancePercent: Double?
    package var varianceInPoints: Bool = false
    package var target: String?
    package var achieved: String?
    package var declared: String?
    package var path: String
    package var range: SourceRange?

    package static func judge(_ metric: Metric) -> MetricJudgement {
        var judgement = MetricJudgement(
            name: metric.name, verdict: .unknown, higherIsBetter: metric.target?.higherIsBetter,
            target: metric.target?.raw, achieved: metric.achievedText,
            declared: metric.declaredVariance, path: metric.path, range: metric.range)
        guard let target = metric.target, target.comparator != .qualitative, let achieved = metric.achieved else {
            if let target = metric.target, let text = metric.achievedText, target.comparator == .qualitative,
                text.normalizedName == target.raw.normalizedName
            {
                judgement.verdict = .met
            }
            return judgement
        }
        // Compare in the target's unit: same unit as written, or scaled within one dimension.
        var value = achieved.value
        let targetUnit = target.unit.isEmpty ? achieved.unit : target.unit
        if !targetUnit.isEmpty, targetUnit != achieved.unit, !achieved.unit.isEmpty {
            guard Quantity.dimension(of: achieved.unit) == Quantity.dimension(of: targetUnit) else { return judgement }
            value = achieved.value * Quantity.scale(of: achieved.unit) / Quantity.scale(of: targetUnit)
        }
        let points = targetUnit == "%"
        judgement.varianceInPoints = points
        func percent(_ delta: Double, of bound: Double) -> Double? {
            points ? delta : bound == 0 ? nil : delta / abs(bound) * 100
        }
        switch target.comparator {
        case .atLeast, .greaterThan:
            let bound = target.lower ?? 0
            judgement.verdict = target.comparator == .atLeast ? (value >= bound ? .met : .missed) : (value > bound ? .met : .missed)
            judgement.variancePercent = percent(value - bound, of: bound)
        case .atMost, .lessThan:
            let bound = target.upper ?? 0
            judgement.verdict = target.comparator == .atMost ? (value <= bound ? .met : .missed) : (value < bound ? .met : .missed)
            judgement.variancePercent = percent(bound - value, of: bound)
        case .range:
            let low = target.lower ?? 0, high = target.upper ?? 0
            judgement.verdict = value >= low && value <= high ? .met : .missed
            judgement.variancePercent = value < low ? percent(value - low, of: low) : value > high ? percent(high - value, of: high) : 0
        case .equal:
            let bound = target.lower ?? 0
            judgement.verdict = abs(value - bound) < 1e-9 ? .met : .missed
            judgement.variancePercent = percent(-abs(value - bound), of: bound)
        case .qualitative:
            break
        }
        return judgement
    }
}

/// The values of one metric across documents, in document order.
package struct MetricSeries: Sendable, Hashable {
    package var name: String
    package var points: [MetricJudgement]
}
