import LoopReportSource

/// A duration in working days, parsed from `1 day`, `1.5 days`, `2 weeks`, `1-2 days`,
/// `2 to 3 days`, `4 hours`, `16h`, `90 minutes`, and `5 days (increased from 3 days)`.
public struct Effort: Sendable, Hashable {
    /// The value in working days: for a range (`1-2 days`), its midpoint, the estimate a
    /// three-point reading of it gives.
    public var days: Double
    /// The lower end when written as a range (`1-2 days`), else equal to `days`.
    public var minimumDays: Double
    /// The upper end when written as a range, else equal to `days`.
    public var maximumDays: Double
    /// The earlier estimate embedded in the text (`increased from 3 days`), in days.
    public var previousDays: Double?
    /// The text as written.
    public var raw: String
    /// Whether the value was written in weeks or months (so depends on the working week).
    public var inWeeks: Bool = false
    public var previousInWeeks: Bool = false

    /// The same effort for a working week of `daysPerWeek` days instead of 5.
    public func scaled(daysPerWeek: Double) -> Effort {
        guard daysPerWeek != Effort.daysPerWeek, inWeeks || previousInWeeks else { return self }
        var copy = self
        let ratio = daysPerWeek / Effort.daysPerWeek
        if inWeeks { copy.days *= ratio; copy.minimumDays *= ratio; copy.maximumDays *= ratio }
        if previousInWeeks { copy.previousDays = previousDays.map { $0 * ratio } }
        return copy
    }

    /// Working days in a week and hours in a day used for conversions.
    public static let daysPerWeek = 5.0
    public static let hoursPerDay = 8.0

    public static func parse(_ text: String) -> Effort? { parse(text, units: .standard) }

    /// The largest effort read: 10,000 working days (about forty years). Beyond it a number is
    /// a typo or an attack (`1e10 days`, a 401-digit number), and every schedule and chart
    /// would pay for it.
    package static let maximumDays = 10_000.0

    /// With the project's units: hours in a working day, and the days a story point and a
    /// sprint take (`hoursPerDay`, `pointDays`, `sprintDays` in loopreport.yml). Nil above
    /// `maximumDays` (`isTooLarge` says so).
    package static func parse(_ text: String, units: EffortUnits) -> Effort? {
        guard let effort = parseUnbounded(text, units: units), effort.maximumDays <= maximumDays,
              effort.previousDays.map({ $0 <= maximumDays }) ?? true else { return nil }
        return effort
    }

    /// Whether the text is an effort over `maximumDays` (or beyond any number).
    package static func isTooLarge(_ text: String, units: EffortUnits) -> Bool {
        parse(text, units: units) == nil && parseUnbounded(text, units: units) != nil
    }

    private static func parseUnbounded(_ text: String, units: EffortUnits) -> Effort? {
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        _ = scanner.take("~")
        _ = scanner.take("about ")
        // `3`, `1½`, `½`, `half a day`, `a day`, `an hour`.
        var first: Double
        if let number = scanner.number() {
            first = number + (scanner.take("½") ? 0.5 : 0)
        } else if scanner.take("½") || scanner.take(anyOf: ["half a ", "half an ", "half-", "half "]) {
            first = 0.5
        } else if scanner.take(anyOf: ["a ", "an ", "one "]) {
            first = 1
        } else {
            return nil
        }
        var low = first, high = first
        scanner.skipSpaces()
        let beforeDash = scanner.position
        if scanner.take(anyOf: ["-", "–", "—"]) || scanner.take("to ") {
            scanner.skipSpaces()
            guard let upper = scanner.number() else {
                // `2-day buffer`: a hyphenated unit, not a range.
                scanner.position = beforeDash
                _ = scanner.take("-")
                return finish(scanner: &scanner, low: low, high: high, text: text, units: units)
            }
            high = upper
            scanner.skipSpaces()
        }
        return finish(scanner: &scanner, low: low, high: high, text: text, units: units)
    }

    private static func finish(scanner: inout TextScanner, low: Double, high: Double, text: String, units: EffortUnits) -> Effort? {
        _ = scanner.take("-")
        let unitWord = scanner.letters().lowercased()
        let factor: Double
        switch unitWord {
        case "day", "days", "d", "working": factor = 1
        case "week", "weeks", "w", "wk", "wks": factor = daysPerWeek
        case "hour", "hours", "h", "hr", "hrs": factor = 1 / units.hoursPerDay
        case "minute", "minutes", "min", "mins": factor = 1 / (units.hoursPerDay * 60)
        case "month", "months", "mo": factor = daysPerWeek * 4
        case "sprint", "sprints": factor = units.sprintDays
        // Story points only with a rate: without one, no guess (`EffortUnits.isPoints` says why).
        case "point", "points", "pt", "pts", "sp", "story":
            guard let days = units.pointDays else { return nil }
            factor = days
        default: return nil
        }
        var effort = Effort(days: (low + high) / 2 * factor, minimumDays: min(low, high) * factor,
                            maximumDays: max(low, high) * factor, previousDays: nil, raw: text.trimmed)
        // Infinity (a 401-digit number) and NaN compare as no bound allows: kept out here.
        guard effort.days.isFinite, effort.maximumDays.isFinite else { return effort.maximumDays.isNaN ? nil : Effort(
            days: .infinity, minimumDays: .infinity, maximumDays: .infinity, previousDays: nil, raw: text.trimmed) }
        effort.inWeeks = factor >= daysPerWeek
        // "5 days (increased from 3 days)", "(was 3 days)", "(reduced from 4 days)".
        guard scanner.restHasLetter else { return effort }
        let lower = text.lowercased()
        for marker in ["increased from", "reduced from", "decreased from", "up from", "down from", "was", "from"] {
            if let r = lower.firstByteRange(of: marker + " ") {
                let tail = String(lower[r.upperBound...]).trimmingCharacters(in: [")"])
                if let previous = Effort.parseUnbounded(tail, units: units) {
                    effort.previousDays = previous.days
                    effort.previousInWeeks = previous.inWeeks
                    break
                }
            }
        }
        return effort
    }
}

/// How a project's efforts convert to working days, from loopreport.yml: `hoursPerDay` (8),
/// `sprintDays` (10: a two-week sprint), `pointDays` (none: story points are not guessed).
package struct EffortUnits: Sendable, Equatable {
    var hoursPerDay = Effort.hoursPerDay
    var sprintDays = 10.0
    var pointDays: Double?

    package static let standard = EffortUnits()

    /// `5 pts`, `3 story points`, `8 SP`: an effort in story points.
    static func isPoints(_ text: String) -> Bool {
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        guard scanner.number() != nil else { return false }
        scanner.skipSpaces()
        if scanner.take("-") || scanner.take("–") { scanner.skipSpaces(); _ = scanner.number(); scanner.skipSpaces() }
        return ["point", "points", "pt", "pts", "sp", "story"].contains(scanner.letters().lowercased())
    }
}

extension String {
    func trimmingCharacters(in characters: Set<Character>) -> String {
        var s = Substring(self)
        while let c = s.last, characters.contains(c) || c == " " { s = s.dropLast() }
        while let c = s.first, characters.contains(c) || c == " " { s = s.dropFirst() }
        return String(s)
    }
}
