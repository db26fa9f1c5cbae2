import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// One measured point of a series, in the series' display unit.
package struct MeasuredPoint: Sendable, Hashable {
    package var x: Double
    package var y: Double
    /// The table row it came from (0 is the first row under the header).
    package var row: Int
}

/// One column of a measurement table, ready to plot and fitted.
package struct MeasuredSeries: Sendable, Hashable {
    /// The column header (`Index Time`).
    package var name: String
    /// The unit family of its cells (`time`, `bytes`, `percent`, `factor`, or the unit as
    /// written); `""` for plain numbers.
    package var dimension: String
    /// The unit every point is expressed in, chosen so the numbers read well: `ms` for
    /// 3 ms…800 ms, `s` when most values are a second or more, `KB`/`MB`/`GB` alike.
    package var unit: String
    /// Numeric cells of the series' dimension, in row order; `1.2MB` and `950KB` in one
    /// column both land in the display unit.
    package var points: [MeasuredPoint]
    /// Rows with no point: a cell that is not a number, or one of another dimension.
    package var skippedRows: [Int]
    /// True when some cells are of another dimension than the rest (`12ms` among `MB`s):
    /// those cells are not plotted.
    package var mixedDimensions: Bool
    /// The values span more than two orders of magnitude (max/min > 100, all positive).
    package var logScaleY: Bool
    /// The growth fit; nil with fewer than three points at positive x.
    package var fit: GrowthFit?
}

/// A growth claim checked against the series it talks about.
package struct GrowthClaimCheck: Sendable, Hashable {
    package enum Verdict: String, Sendable, Hashable, Codable {
        /// The claimed class fits and no other class fits as well.
        case agrees
        /// The claimed class does not fit; `deviation` says which way the data departs.
        case disagrees
        /// Too few points, or the data fits the claimed class and another one equally well.
        case inconclusive
    }
    /// Which way disputed data departs from the claim.
    package enum Deviation: String, Sendable, Hashable, Codable {
        /// Grows faster than claimed: the claim understates growth (a warning).
        case faster
        /// Grows more slowly than claimed (or falls): the claim still holds as a big-O
        /// upper bound, so it is not warned about.
        case slower
    }
    /// The sentence as written.
    package var text: String
    package var claimed: ClaimedGrowth
    /// The series it is checked against (index into `MeasurementAnalysis.series`).
    package var seriesIndex: Int
    package var seriesName: String
    /// True when the series was named in the claim; false when it fell back to the only
    /// series or the first time-like one.
    package var seriesMatched: Bool
    package var verdict: Verdict
    package var deviation: Deviation?
    /// The class the data fits best, when it was fitted.
    package var dataModel: GrowthModel?
    /// One or two sentences for the report page.
    package var explanation: String
}

/// A measurement table analysed: its series in readable units, the axis scales a chart
/// should use, a growth fit per series and the authors' growth claims checked.
package struct MeasurementAnalysis: Sendable, Hashable {
    package var title: String
    /// The first column's header (`Document Count`).
    package var scaleName: String
    package var series: [MeasuredSeries]
    /// x spans more than two orders of magnitude (max/min > 100, all positive).
    package var logScaleX: Bool
    /// Some series spans more than two orders of magnitude: a shared chart style should
    /// use a log y axis (each series also says so for itself).
    package var logScaleY: Bool
    /// Recognised growth claims near the table, checked.
    package var claims: [GrowthClaimCheck]
    /// Sentences collected as claims in which no testable growth class was recognised.
    package var unrecognizedClaims: [String]
    package var path: String
    package var range: SourceRange?

    package static func analyze(_ table: MeasurementTable) -> MeasurementAnalysis {
        let x = table.scale
        let series = table.seriesNames.indices.map { k in
            measuredSeries(name: table.seriesNames[k], cells: k < table.series.count ? table.series[k] : [], x: x)
        }
        var claims: [GrowthClaimCheck] = []
        var unrecognized: [String] = []
        for text in table.claims {
            guard let claimed = ClaimedGrowth.parse(text), !series.isEmpty else { unrecognized.append(text); continue }
            let (index, matched) = subject(of: text, in: series)
            claims.append(
                check(
                    text, claimed: claimed, series: series[index], index: index, matched: matched,
                    scaleName: table.scaleName))
        }
        return MeasurementAnalysis(
            title: table.title, scaleName: table.scaleName, series: series,
            logScaleX: spansDecades(x), logScaleY: series.contains { $0.logScaleY },
            claims: claims, unrecognizedClaims: unrecognized, path: table.path, range: table.range)
    }

    /// A warning for each claim the data shows to understate growth.
    static func diagnostics(for analyses: [MeasurementAnalysis]) -> [Diagnostic] {
        analyses.flatMap { analysis in
            analysis.claims.compactMap { claim in
                guard claim.verdict == .disagrees, claim.deviation == .faster,
                    let fit = analysis.series[claim.seriesIndex].fit
                else { return nil }
                return Diagnostic(
                    .growthClaimDisputed, at: analysis.range,
                    "claimed \(claim.claimed.notation) for \(claim.seriesName), but the data \(growthPhrase(fit))")
            }
        }
    }

    // MARK: - Series

    static func measuredSeries(name: String, cells: [Quantity?], x: [Double]) -> MeasuredSeries {
        let hint = headerUnit(name)
        // Unit-less cells under `Latency (ms)` are in ms.
        let quantities = cells.map { cell -> Quantity? in
            guard var q = cell else { return nil }
            if q.unit.isEmpty, let hint { q.unit = hint }
            return q
        }
        let dimensions = quantities.map { $0.map(dimension) }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for case let d? in dimensions {
            if counts[d] == nil { order.append(d) }
            counts[d, default: 0] += 1
        }
        // The most common dimension; the first written on a tie.
        var chosen = order.first ?? ""
        for d in order where counts[d]! > counts[chosen]! { chosen = d }
        let members = quantities.compactMap { q in q.flatMap { dimension($0) == chosen ? $0 : nil } }
        let (unit, factor) = displayUnit(chosen, members)

        var points: [MeasuredPoint] = [], skipped: [Int] = [], resolution: [Double] = []
        for (row, q) in quantities.enumerated() {
            guard let q, dimension(q) == chosen, row < x.count else { skipped.append(row); continue }
            // value × (scale ÷ factor): a cell already in the display unit stays exact.
            points.append(MeasuredPoint(x: x[row], y: q.value * (unitScale(q.unit) / factor), row: row))
            resolution.append(halfLastDigit(q.raw) * unitScale(q.unit) / factor)
        }
        let fit = GrowthFit.fit(x: points.map(\.x), y: points.map(\.y), resolution: resolution)
        return MeasuredSeries(
            name: name, dimension: chosen, unit: unit, points: points, skippedRows: skipped,
            mixedDimensions: order.count > 1, logScaleY: spansDecades(points.map(\.y)), fit: fit)
    }

    /// `1.2k` is a plain number: its dimension is that of `1200`.
    static func dimension(_ q: Quantity) -> String { q.unit == "k" ? "" : q.dimension }
    static func unitScale(_ unit: String) -> Double { Quantity.scale(of: unit) }

    /// The unit in a header's trailing `(ms)` or `[MB]`, when it is one LoopReport knows.
    static func headerUnit(_ header: String) -> String? {
        let trimmed = header.trimmingTrailingSpaces
        guard let close = trimmed.last, close == ")" || close == "]" else { return nil }
        let open: Character = close == ")" ? "(" : "["
        guard let start = trimmed.lastIndex(of: open) else { return nil }
        let unit = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)].lowercased()
        let known = ["time", "bytes", "percent", "factor"]
        return known.contains(Quantity.dimension(of: unit)) ? unit : nil
    }

    /// Units by size in their family's base unit (seconds, bytes).
    static let ladders: [String: [(label: String, factor: Double)]] = [
        "time": [("ns", 1e-9), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("min", 60), ("h", 3600)],
        "bytes": [
            ("B", 1), ("KB", 1024), ("MB", 1024 * 1024), ("GB", 1024 * 1024 * 1024),
            ("TB", 1024.0 * 1024 * 1024 * 1024),
        ],
    ]

    /// The largest unit of the family in which the median value is still 1 or more; for
    /// other families the unit most cells are written in.
    static func displayUnit(_ dimension: String, _ members: [Quantity]) -> (String, Double) {
        if let ladder = ladders[dimension] {
            let magnitudes = members.map { abs($0.normalizedValue) }.sorted()
            guard !magnitudes.isEmpty else {
                return (ladder[dimension == "time" ? 3 : 0].label, ladder[dimension == "time" ? 3 : 0].factor)
            }
            let median =
                magnitudes.count % 2 == 1
                ? magnitudes[magnitudes.count / 2]
                : (magnitudes[magnitudes.count / 2 - 1] + magnitudes[magnitudes.count / 2]) / 2
            let step = ladder.last { median >= $0.factor * (1 - 1e-12) } ?? ladder[0]
            return (step.label, step.factor)
        }
        if dimension.isEmpty { return ("", 1) }
        var counts: [String: Int] = [:]
        for q in members { counts[q.unit, default: 0] += 1 }
        let unit = members.map(\.unit).first { counts[$0] == counts.values.max() } ?? dimension
        return (unit, Quantity.scale(of: unit))
    }

    /// Half the last written digit: `4ms` ±0.5, `4.1MB` ±0.05, `3,820ms` ±0.5.
    static func halfLastDigit(_ raw: String) -> Double {
        var decimals = 0, sawDigit = false, afterPoint = false
        for c in raw {
            if c.isASCII, c.isNumber { sawDigit = true; if afterPoint { decimals += 1 }; continue }
            if c == ",", sawDigit, !afterPoint { continue }
            if c == ".", !afterPoint { afterPoint = true; continue }
            if sawDigit { break }
        }
        var half = 0.5
        for _ in 0..<decimals { half /= 10 }
        return half
    }

    static func spansDecades(_ values: [Double]) -> Bool {
        guard values.count >= 2, values.allSatisfy({ $0 > 0 && $0.isFinite }),
            let low = values.min(), let high = values.max()
        else { return false }
        return high / low > 100
    }

    // MARK: - Claims

    /// The series a claim talks about: the header whose words appear in it (words before
    /// the verb count double: `Index time scales…` is about `Index Time`, not `Index
    /// Size`); else the only series, else the first time-like one, else the first.
    static func subject(of claim: String, in series: [MeasuredSeries]) -> (index: Int, matched: Bool) {
        let words = tokens(claim)
        let verbs: Set<String> = [
            "scale", "scaling", "grow", "grows", "growing", "is", "are", "was", "were", "remain",
            "remains", "stay", "stays", "increase", "increases", "rise", "rises", "climb", "climbs",
        ]
        let subjectEnd = words.firstIndex(where: verbs.contains) ?? words.count
        let subjectWords = Set(words[..<subjectEnd]), allWords = Set(words)
        var best: (index: Int, score: Int)?
        for (k, s) in series.enumerated() {
            let score = Set(tokens(s.name)).reduce(0) { $0 + (subjectWords.contains($1) ? 2 : allWords.contains($1) ? 1 : 0) }
            if score > 0, score > (best?.score ?? 0) { best = (k, score) }
        }
        if let best { return (best.index, true) }
        if series.count == 1 { return (0, false) }
        return (series.firstIndex { $0.dimension == "time" } ?? 0, false)
    }

    static let ignoredWords: Set<String> = [
        "the", "of", "per", "a", "an", "and", "to", "with", "for", "at", "on", "by",
        "in", "ms", "s", "mb", "kb", "gb", "b", "us", "ns", "µs",
    ]

    /// Lower-cased words, plurals folded (`documents` → `document`).
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map { word in
            word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : String(word)
        }.filter { !ignoredWords.contains($0) }
    }

    static func check(
        _ text: String, claimed: ClaimedGrowth, series: MeasuredSeries, index: Int, matched: Bool,
        scaleName: String
    ) -> GrowthClaimCheck {
        var check = GrowthClaimCheck(
            text: text, claimed: claimed, seriesIndex: index, seriesName: series.name,
            seriesMatched: matched, verdict: .inconclusive, deviation: nil,
            dataModel: series.fit?.bestModel, explanation: "")
        guard let fit = series.fit else {
            let n = series.points.filter { $0.x > 0 }.count
            check.explanation =
                "Only \(n) measurement\(n == 1 ? "" : "s") of \(series.name): at least 3 are needed "
                + "to tell growth classes apart."
            return check
        }
        let span = "Over \(scaleName.isEmpty ? "n" : scaleName) \(grouped(fit.minX))–\(grouped(fit.maxX))"
        let claimedModels = Set(claimed.models)
        let plausible = fit.plausible
        if fit.decreasing {
            check.verdict = .disagrees
            check.deviation = .slower
            check.explanation =
                "\(span), \(series.name) falls as \(scaleName.isEmpty ? "n" : scaleName) grows: "
                + "the claimed \(claimed.notation) overstates its growth."
            return check
        }
        if plausible.contains(where: claimedModels.contains) {
            let others = plausible.filter { !claimedModels.contains($0) }
            if others.isEmpty {
                check.verdict = .agrees
                let best = claimedModels.contains(fit.bestModel) ? fit.bestModel : plausible.first(where: claimedModels.contains)!
                check.explanation =
                    "\(span), \(best.notation) fits \(series.name) \(fitDetails(fit, unit: series.unit)) "
                    + "and no other growth class fits as well."
            } else {
                check.explanation =
                    "\(span), \(series.name) fits \(list(plausible)) about equally well: more points "
                    + "or a wider range would tell them apart."
            }
            return check
        }
        if let slowest = plausible.first, let fastest = plausible.last {
            if slowest > claimedModels.max()! {
                check.verdict = .disagrees
                check.deviation = .faster
            } else if fastest < claimedModels.min()! {
                check.verdict = .disagrees
                check.deviation = .slower
            }
        }
        guard let deviation = check.deviation else {
            check.explanation = "\(span), \(series.name) fits \(list(plausible)) but not the claimed \(claimed.notation)."
            return check
        }
        let shape =
            if let k = fit.exponent, fit.bestModel.exponentBand.contains(k) {
                "grows as n^\(fixed(k)), closer to \(fit.bestModel.notation) than to the claimed \(claimed.notation)"
            } else {
                "fits \(fit.bestModel.notation) best \(fitDetails(fit, unit: series.unit)) and not the claimed \(claimed.notation)"
            }
        switch deviation {
        case .faster:
            check.explanation = "\(span), \(series.name) \(shape): it grows faster than claimed."
        case .slower:
            check.explanation =
                "\(span), \(series.name) \(shape): it grows more slowly than claimed, so the claim "
                + "holds only as an upper bound."
        }
        return check
    }

    /// `grows as n^1.91, closer to O(n²)` when the log-log slope agrees with the best
    /// class; `fits O(n²) best (R² 0.998)` when a fixed cost hides it.
    static func growthPhrase(_ fit: GrowthFit) -> String {
        if let k = fit.exponent, fit.bestModel.exponentBand.contains(k) {
            return "grows as n^\(fixed(k)), closer to \(fit.bestModel.notation)"
        }
        return "fits \(fit.bestModel.notation) best (R² \(r2(fit.rSquared)))"
    }

    /// `(R² 0.999; log-log slope 1.10)`, or with a fixed cost that flattens the log-log
    /// slope, `(R² 1.000; 9.99 MB fixed plus growth)`.
    private static func fitDetails(_ fit: GrowthFit, unit: String) -> String {
        var details = "R² \(r2(fit.rSquared))"
        if let k = fit.exponent, fit.bestModel.exponentBand.contains(k) {
            details += "; log-log slope \(fixed(k))"
        } else if let best = fit.candidate(fit.bestModel), best.model != .constant, best.intercept > 0 {
            details += "; \(numberText(best.intercept))\(unit.isEmpty ? "" : " " + unit) fixed plus growth"
        }
        return "(\(details))"
    }

    /// Two decimals, kept: `1.10`.
    private static func fixed(_ value: Double) -> String {
        let text = numberText(value, decimals: 2)
        guard let point = text.firstIndex(of: ".") else { return text + ".00" }
        return text.count - text.distance(from: text.startIndex, to: point) == 2 ? text + "0" : text
    }

    private static func r2(_ value: Double) -> String {
        let text = numberText(value, decimals: 3)
        return text.contains(".") || value < 0 ? text : text + ".000"
    }

    private static func list(_ models: [GrowthModel]) -> String {
        let names = models.map(\.notation)
        return names.count <= 2
            ? names.joined(separator: " and ")
            : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// `500000` as `500,000`; fractions as they are.
    static func grouped(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return numberText(value, decimals: 3) }
        let digits = String(Int(abs(value)))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: Substring {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
