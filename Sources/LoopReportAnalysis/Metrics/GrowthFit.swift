#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growth class, slowest first: the candidate shapes `y = a + b·f(n)` a measured series
/// is fitted with.
package enum GrowthModel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case constant, logarithmic, squareRoot, linear, linearithmic, quadratic, cubic

    /// Big-O notation: `O(n log n)`.
    package var notation: String {
        switch self {
        case .constant: "O(1)"
        case .logarithmic: "O(log n)"
        case .squareRoot: "O(√n)"
        case .linear: "O(n)"
        case .linearithmic: "O(n log n)"
        case .quadratic: "O(n²)"
        case .cubic: "O(n³)"
        }
    }

    /// The power-law exponents (`y ≈ c·nᵏ` on a log-log fit) this class typically shows
    /// over one to three decades of n, for saying "grows as n^1.9" only when it fits.
    var exponentBand: ClosedRange<Double> {
        switch self {
        case .constant: -0.15...0.15
        case .logarithmic: 0.02...0.45
        case .squareRoot: 0.35...0.7
        case .linear: 0.8...1.12
        case .linearithmic: 1.03...1.4
        case .quadratic: 1.7...2.3
        case .cubic: 2.6...3.4
        }
    }

    /// f(n); nil for the constant model, which has no slope term.
    func term(_ n: Double) -> Double? {
        switch self {
        case .constant: nil
        case .logarithmic: log(n)
        case .squareRoot: n.squareRoot()
        case .linear: n
        case .linearithmic: n * log(n)
        case .quadratic: n * n
        case .cubic: n * n * n
        }
    }

    package static func < (a: GrowthModel, b: GrowthModel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which growth class a series follows, fitted by weighted least squares.
///
/// Every class is fitted as `y = a + b·f(n)`: the intercept absorbs a fixed cost (a memory
/// baseline), so a 10 MB baseline plus 0.84 KB per document reads as linear, not as n^0.6.
/// Each point is weighted by its uncertainty: the precision it was written with (`4ms` is
/// ±0.5 ms, 12%) combined with 5% measurement noise, so small values count as much as large
/// ones. Models are compared by χ² plus two per parameter (the constant has one fewer), and
/// every model within 4 of the best (about two standard deviations; widened when even the
/// best fit is poor) is one the data cannot rule out. With exact data over two decades,
/// three points separate O(n) from O(n log n); over 1k–10k they do not.
package struct GrowthFit: Sendable, Hashable {
    /// One candidate model fitted to the points.
    package struct Candidate: Sendable, Hashable {
        package var model: GrowthModel
        /// `y ≈ intercept + slope·f(n)`, in the series' display unit.
        package var intercept: Double
        package var slope: Double
        /// Weighted squared residuals (χ²) and the ordinary R² of the fit.
        package var chiSquare: Double
        package var rSquared: Double
        /// χ² + 2 per parameter: lower is better.
        package var score: Double

        package func predict(_ n: Double) -> Double { intercept + slope * (model.term(n) ?? 0) }
    }

    /// The best-fitting class.
    package var bestModel: GrowthModel
    /// The slope of log y against log n (`y ≈ c·nᵏ`); nil when a value is not positive.
    package var exponent: Double?
    /// R² of the best model.
    package var rSquared: Double
    /// The classes the data cannot tell from the best one (the best included), slowest first.
    package var plausible: [GrowthModel]
    /// Every increasing fit (and the constant), slowest first.
    package var candidates: [Candidate]
    /// True when the values fall as n grows, more than noise explains.
    package var decreasing: Bool
    package var pointCount: Int
    /// The x range fitted.
    package var minX: Double
    package var maxX: Double

    package func candidate(_ model: GrowthModel) -> Candidate? { candidates.first { $0.model == model } }

    /// Relative measurement noise assumed on top of the written precision.
    static let relativeNoise = 0.05
    /// Score difference (≈ 2σ) within which two models are indistinguishable.
    static let indistinguishable = 4.0

    /// Fits points with x > 0; nil with fewer than 3 such points or a single x value.
    /// `resolution` is each point's written precision (half its last digit), in y's unit.
    static func fit(x xs: [Double], y ys: [Double], resolution: [Double]) -> GrowthFit? {
        var x: [Double] = [], y: [Double] = [], sigma: [Double] = []
        let magnitude = ys.map(abs).max() ?? 0
        for i in xs.indices where xs[i] > 0 && xs[i].isFinite && ys[i].isFinite {
            x.append(xs[i]); y.append(ys[i])
            let noise = relativeNoise * ys[i]
            let s = (resolution[i] * resolution[i] + noise * noise).squareRoot()
            sigma.append(max(s, 1e-9 * max(magnitude, 1e-300)))
        }
        guard x.count >= 3, let minX = x.min(), let maxX = x.max(), maxX > minX else { return nil }
        let weights = sigma.map { 1 / ($0 * $0) }
        let meanY = y.reduce(0, +) / Double(y.count)
        let totalSquares = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }

        // The slope's t statistic says whether a model really grows (t ≥ 2) or is the
        // constant in disguise (flat data fits `a + 0·log n` as well as `a`).
        func candidate(_ model: GrowthModel) -> (Candidate, increasing: Bool, t: Double)? {
            let f = x.map { model.term($0) ?? 0 }
            let weightSum = weights.reduce(0, +)
            let yBar = zip(weights, y).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
            var intercept = yBar, slope = 0.0, spread = 0.0, scaledSlope = 0.0
            if model != .constant {
                // Centred and scaled, so n³ over large n keeps its precision.
                let top = f.map(abs).max() ?? 1
                guard top > 0, top.isFinite else { return nil }
                let g = f.map { $0 / top }
                let gBar = zip(weights, g).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
                var sxy = 0.0, sxx = 0.0
                for i in g.indices {
                    sxy += weights[i] * (g[i] - gBar) * (y[i] - yBar)
                    sxx += weights[i] * (g[i] - gBar) * (g[i] - gBar)
                }
                guard sxx > 0 else { return nil }
                let b = sxy / sxx
                spread = sxx; scaledSlope = b
                intercept = yBar - b * gBar
                slope = b / top
            }
            var chi = 0.0, residualSquares = 0.0
            for i in x.indices {
                let r = y[i] - (intercept + slope * f[i])
                chi += weights[i] * r * r
                residualSquares += r * r
            }
            let r2 = totalSquares > 0 ? 1 - residualSquares / totalSquares : 1
            let parameters = model == .constant ? 1.0 : 2.0
            var t = 0.0
            if spread > 0 {
                let variance = max(1, chi / max(Double(x.count) - 2, 1)) / spread
                t = scaledSlope / variance.squareRoot()
            }
            return (
                Candidate(
                    model: model, intercept: intercept, slope: slope, chiSquare: chi, rSquared: r2,
                    score: chi + 2 * parameters), slope > 0, t
            )
        }

        let all = GrowthModel.allCases.compactMap(candidate)
        let increasing = all.filter { $0.0.model == .constant || $0.increasing }.map(\.0)
        guard let best = increasing.min(by: { $0.score < $1.score }) else { return nil }
        // When even the best fit is poor, the noise was underestimated: widen the margin.
        let freedom = Double(x.count) - (best.model == .constant ? 1 : 2)
        let inflation = max(1, best.chiSquare / max(freedom, 1))
        let margin = indistinguishable * inflation
        let growing = Set(all.filter { $0.0.model == .constant || $0.t >= 2 }.map(\.0.model))
        let plausible = increasing.filter { $0.score <= best.score + margin && growing.contains($0.model) }.map(\.model)
        // Falling: some model with a negative slope beats the constant clearly.
        var decreasing = false
        if best.model == .constant,
            let falling = all.filter({ $0.0.model != .constant && !$0.increasing }).map(\.0).min(by: { $0.score < $1.score })
        {
            let fallingMargin = indistinguishable * max(1, falling.chiSquare / max(Double(x.count) - 2, 1))
            decreasing = falling.score + fallingMargin < best.score
        }

        var exponent: Double?
        if y.allSatisfy({ $0 > 0 }) {
            let lx = x.map(log), ly = y.map(log)
            let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
            var sxy = 0.0, sxx = 0.0
            for i in lx.indices { sxy += (lx[i] - mx) * (ly[i] - my); sxx += (lx[i] - mx) * (lx[i] - mx) }
            if sxx > 0 { exponent = sxy / sxx }
        }
        return GrowthFit(
            bestModel: best.model, exponent: exponent, rSquared: best.rSquared, plausible: plausible,
            candidates: increasing, decreasing: decreasing, pointCount: x.count, minX: minX, maxX: maxX)
    }
}
