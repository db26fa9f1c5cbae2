import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// When the work will end if the rest goes as the finished work did: remaining estimates
/// scaled by the observed factors, and a Monte Carlo forecast in the manner of
/// evidence-based scheduling (each run samples a historical factor per remaining block).
package struct Forecast: Sendable {
    package var durationDays: Double
    /// Mean of the observed factors (1 when nothing has been measured).
    package var meanFactor: Double
    package var p50Days: Double
    package var p80Days: Double
    package var p95Days: Double
    package var runs: Int
    package var seed: UInt64
    /// How many factors the forecast draws from.
    package var observations: Int
    package var remainingBlocks: Int

    /// An estimate written as a range (`3-4 days`), as multiples of its midpoint: each run
    /// draws the task's remaining work from the triangular distribution over low, midpoint and
    /// high (a three-point estimate).
    package struct Range: Sendable {
        var task: Int
        var low: Double
        var high: Double
    }

    /// - Parameters:
    ///   - done, remaining: per network task, the done and the remaining part, in days.
    ///   - ranges: the tasks whose estimates are ranges.
    package static func compute(
        network: PrecedenceNetwork, result: CPMResult, done: [Double], remaining: [Double],
        factors: [Double], ranges: [Range] = [], settings: ProjectSettings
    ) -> Forecast {
        let sample = factors.filter { $0.isFinite && $0 > 0 }
        let mean = sample.isEmpty ? 1 : sample.reduce(0, +) / Double(sample.count)
        var finish = [Double](repeating: 0, count: network.count)
        var durations = zip(done, remaining).map { $0 + $1 * mean }
        let expected = CriticalPathMethod.duration(
            network, order: result.order, ignored: result.ignoredEdges,
            durations: durations, earlyFinish: &finish)
        // Fewer runs for very large plans, so a check stays fast: at least 100.
        let varies = sample.count >= 2 || !ranges.isEmpty
        let runs = !varies ? 1 : min(settings.forecastRuns, max(100, 4_000_000 / max(1, network.predecessors.count + network.count)))
        var outcomes: [Double] = []
        outcomes.reserveCapacity(runs)
        var random = SplitMix64(seed: settings.forecastSeed)
        let open = remaining.indices.filter { remaining[$0] > 0 }
        for _ in 0..<runs {
            if sample.count >= 2 {
                for t in open { durations[t] = done[t] + remaining[t] * sample[random.next(sample.count)] }
            }
            for range in ranges where remaining[range.task] > 0 {
                let factor = sample.count >= 2 ? (durations[range.task] - done[range.task]) / remaining[range.task] : mean
                durations[range.task] =
                    done[range.task]
                    + remaining[range.task] * factor * triangular(low: range.low, mode: 1, high: range.high, &random)
            }
            outcomes.append(
                CriticalPathMethod.duration(
                    network, order: result.order, ignored: result.ignoredEdges,
                    durations: durations, earlyFinish: &finish))
        }
        outcomes.sort()
        func percentile(_ p: Double) -> Double {
            outcomes.isEmpty ? expected : outcomes[min(outcomes.count - 1, Int((p * Double(outcomes.count)).rounded(.up)) - 1)]
        }
        return Forecast(
            durationDays: expected, meanFactor: mean, p50Days: percentile(0.5), p80Days: percentile(0.8),
            p95Days: percentile(0.95), runs: runs, seed: settings.forecastSeed, observations: sample.count,
            remainingBlocks: open.count)
    }

    /// A draw from the triangular distribution over low, mode and high (inverse transform).
    static func triangular(low: Double, mode: Double, high: Double, _ random: inout SplitMix64) -> Double {
        guard high > low else { return mode }
        let u = random.nextUnit()
        let split = (mode - low) / (high - low)
        return u < split
            ? low + ((high - low) * (mode - low) * u).squareRoot()
            : high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
    }
}
