import LoopReportSource
import Yams

/// A calendar date without time or zone (`2026-03-02`), as days since 1970-01-01.
package struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var daysSinceEpoch: Int

    package init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// From year, month and day (proleptic Gregorian; Howard Hinnant's days_from_civil).
    package init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    package init?(_ text: String) {
        let parts = text.trimmed.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard components == (y, m, d) else { return nil }
    }

    package var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    package var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 + 1 }

    package func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    package var description: String {
        let (y, m, d) = components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    package static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

/// Project settings from `loopreport.yml` at the content root, or the first document's
/// front matter: title, start date, working weekdays, holidays, scheduling options.
package struct ProjectSettings: Sendable {
    package var title: String?
    package var startDate: CalendarDate?
    /// ISO weekdays worked (1 = Monday); Monday to Friday unless configured.
    package var workingWeekdays: Set<Int> = [1, 2, 3, 4, 5]
    package var holidays: Set<CalendarDate> = []
    /// Working days in a week, for efforts written in weeks (`2 weeks`).
    package var daysPerWeek: Double = 5
    /// A block whose total float is at most this many days is near-critical.
    package var nearCriticalDays: Double = 1
    /// Monte Carlo forecast: number of runs and the seed (the same input gives the same result).
    /// The estimate a block that states none is scheduled with (`defaultEstimate: 1 day`),
    /// marked as assumed on every page, table and chart.
    package var defaultEstimateDays: Double = 1
    /// What a group's (phase's) dependencies mean. `unstated` (the default): they hold for
    /// its blocks that state no dependencies of their own. `inherit`: every block of the
    /// group waits for them, as in TaskJuggler and MS Project (a summary task's predecessors).
    package var groupDependenciesInherit = false
    package var forecastRuns: Int = 1000
    package var forecastSeed: UInt64 = 1

    package init() {}

    static let weekdayNames = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
        "sunday": 7, "sun": 7,
    ]

    /// The documents `order:` in loopreport.yml lists (paths relative to the content
    /// directory), applied first and in that order; empty when it lists none.
    package static func documentOrder(config: SourceFile?) -> [String] {
        guard let config, config.text.utf8.count < 1 << 20, config.text.contains("order"),
            case .success(let root?) = BoundedYAML.compose(config.text), case .mapping(let settings) = root,
            let list = settings.first(where: { $0.key.string == "order" })?.value.sequence
        else { return [] }
        return list.compactMap(\.string)
    }

    /// Reads settings from the config file (if any), then fills what it leaves open from the
    /// first document's front matter. Problems are diagnostics at the offending line.
    package static func read(config: SourceFile?, frontMatter: [String: String]) -> (ProjectSettings, [Diagnostic]) {
        var settings = ProjectSettings()
        var diagnostics: [Diagnostic] = []
        var values: [String: Node] = [:]
        if let config {
            switch BoundedYAML.compose(config.text) {
            case .success(let node):
                if case .mapping(let mapping)? = node {
                    for (key, value) in mapping { if let k = key.string { values[k] = value } }
                } else if !config.text.trimmed.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            .invalidSettings, at: .line(1, in: config.path),
                            "'\(config.path)' must be a mapping of settings (key: value)"))
                }
            case .failure(let error):
                // The parser may place an error at the end past the last line.
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: .line(min(error.line ?? 1, config.lineCount), in: config.path),
                        "'\(config.path)' is not valid YAML: \(error.description)"))
            }
        }
        func range(_ key: String) -> SourceRange? {
            guard let config else { return nil }
            for n in 1...max(1, config.lineCount) where config.line(n).hasPrefix(key) { return .line(n, in: config.path) }
            return .line(1, in: config.path)
        }
        func string(_ key: String) -> String? { values[key]?.string ?? frontMatter[key] }

        settings.title = string("title")
        if let text = string("start") ?? string("startDate") ?? string("start-date") {
            if let date = CalendarDate(text) {
                settings.startDate = date
            } else {
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: range("start"),
                        "start date '\(text)' is not a date (YYYY-MM-DD)"))
            }
        }
        if let node = values["workingDays"] ?? values["working-days"] {
            let names = node.sequence?.compactMap(\.string) ?? node.string?.split(separator: ",").map(String.init) ?? []
            var days = Set<Int>()
            for name in names {
                if let day = weekdayNames[name.trimmed.lowercased()] {
                    days.insert(day)
                } else {
                    diagnostics.append(Diagnostic(.invalidSettings, at: range("working"), "'\(name)' is not a weekday"))
                }
            }
            if !days.isEmpty { settings.workingWeekdays = days }
        }
        // Not `?? []`: an empty `Node.Sequence` literal sets up Yams's resolver (regular
        // expressions, about 3 ms) in every run, config file or not.
        for holiday in values["holidays"]?.sequence.map(Array.init) ?? [] {
            if let text = holiday.string, let date = CalendarDate(text) {
                settings.holidays.insert(date)
            } else {
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: range("holidays"),
                        "holiday '\(holiday.string ?? "?")' is not a date (YYYY-MM-DD)"))
            }
        }
        if let text = string("daysPerWeek") {
            if let value = Double(text), value > 0, value <= 7 {
                settings.daysPerWeek = value
            } else {
                diagnostics.append(Diagnostic(.invalidSettings, at: range("daysPerWeek"), "daysPerWeek must be between 1 and 7"))
            }
        }
        if let text = string("defaultEstimate") {
            if let days = Effort.parse(text)?.days ?? Double(text), days > 0, days <= 1000 {
                settings.defaultEstimateDays = days
            } else {
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: range("defaultEstimate"),
                        "defaultEstimate '\(text)' is not an effort between 0 and 1000 days (e.g. '1 day', '4 hours')"))
            }
        }
        if let text = string("groupDependencies") {
            switch text.normalizedName {
            case "inherit", "inherited", "all blocks", "every block": settings.groupDependenciesInherit = true
            case "unstated", "default", "blocks without dependencies": settings.groupDependenciesInherit = false
            default:
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: range("groupDependencies"),
                        "groupDependencies '\(text)' is not 'inherit' (every block of a group waits for the group's dependencies) or 'unstated' (only its blocks that state none)"
                    ))
            }
        }
        if let text = string("nearCriticalDays"), let value = Double(text), value >= 0 { settings.nearCriticalDays = value }
        if let text = string("forecastRuns"), let value = Int(text), value > 0, value <= 100_000 { settings.forecastRuns = value }
        if let text = string("forecastSeed"), let value = UInt64(text) { settings.forecastSeed = value }
        return (settings, diagnostics)
    }
}
