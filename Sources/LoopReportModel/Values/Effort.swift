import LoopReportSource
import LoopReportSupport

/// A duration in working days, parsed from `1 day`, `1.5 days`, `2 weeks`, `1-2 days`,
/// `2 to 3 days`, `4 hours`, `16h`, `90 minutes`, and `5 days (increased from 3 days)`.
package struct Effort: Sendable, Hashable {
    /// The value in working days: for a range (`1-2 days`), its midpoint, the estimate a
    /// three-point reading of it gives.
    package var days: Double
    /// The lower end when written as a range (`1-2 days`), else equal to `days`.
    package var minimumDays: Double
    /// The upper end when written as a range, else equal to `days`.
    package var maximumDays: Double
    /// The earlier estimate embedded in the text (`increased from 3 days`), in days.
    package var previousDays: Double?
    /// The text as written.
    package var raw: String
    /// Whether the value was written in weeks or months (so depends on the working week).
    package var inWeeks: Bool = false
    package var previousInWeeks: Bool = false

    /// The same effort for a working week of `daysPerWeek` days instead of 5.
    package func scaled(daysPerWeek: Double) -> Effort {
        guard daysPerWeek != Effort.daysPerWeek, inWeeks || previousInWeeks else { return self }
        var copy = self
        let ratio = daysPerWeek / Effort.daysPerWeek
        if inWeeks { copy.days *= ratio; copy.minimumDays *= ratio; copy.maximumDays *= ratio }
        if previousInWeeks { copy.previousDays = previousDays.map { $0 * ratio } }
        return copy
    }

    /// Working days in a week and hours in a day used for conversions.
    package static let daysPerWeek = 5.0
    package static let hoursPerDay = 8.0

    package static func parse(_ text: String) -> Effort? { parse(text, units: .standard) }

    /// The largest effort read: 10,000 working days (about forty years). Beyond it a number is
    /// a typo or an attack (`1e10 days`, a 401-digit number), and every schedule and chart
    /// would pay for it.
    package static let maximumDays = 10_000.0

    /// With the project's units: hours in a working day, and the days a story point and a
    /// sprint take (`hoursPerDay`, `pointDays`, `sprintDays` in loopreport.yml). Nil above
    /// `maximumDays` (`isTooLarge` says so).
    package static func parse(_ text: String, units: EffortUnits) -> Effort? {
        guard let effort = parseUnbounded(text, units: units), effort.maximumDays <= maximumDays,
            effort.previousDays.map({ $0 <= maximumDays }) ?? true
        else { return nil }
        return effort
    }

    /// Whether the text is an effort over `maximumDays` (or beyond any number).
    package static func isTooLarge(_ text: String, units: EffortUnits) -> Bool {
        parse(text, units: units) == nil && parseUnbounded(text, units: units) != nil
    }

    private static func parseUnbounded(_ text: String, units: EffortUnits) -> Effort? {
        // `M`, `XL`: a T-shirt size, in the days the project gives it (`sizes:` in loopreport.yml).
        if !units.sizes.isEmpty, text.utf8.count <= 5, let days = units.sizes[text.trimmingCharacters(in: ["`", "*"]).uppercased()] {
            return Effort(days: days, minimumDays: days, maximumDays: days, previousDays: nil, raw: text.trimmed)
        }
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        // `Est. 3d`, `Est: 1.5h`, `⏱️ 4d`: a label or a timer before the effort.
        _ = scanner.take(anyOf: ["est. ", "est: ", "est ", "estimate: ", "effort: ", "⏱\u{FE0F}", "⏱", "⌛"])
        scanner.skipSpaces()
        _ = scanner.take(anyOf: ["~", "≈", "約"])
        scanner.skipSpaces()
        // `about 3 days`, `ca. 3 Tage`, `de 2 à 3 jours`, `od 3 do 5 dni`.
        _ = scanner.take(anyOf: Self.approximately)
        // `3`, `1½`, `½`, `half a day`, `a day`, `an hour`.
        var first: Double
        if let number = scanner.number() {
            first = number + (scanner.take("½") ? 0.5 : 0)
        } else if scanner.take("½") || scanner.take(anyOf: Self.half) {
            first = 0.5
        } else if scanner.take(anyOf: ["a ", "an ", "one "]) {
            first = 1
        } else if let inner = sizeWithEffort(text), var effort = parseUnbounded(inner, units: units) {
            effort.raw = text.trimmed
            return effort
        } else {
            return nil
        }
        var low = first, high = first
        scanner.skipSpaces()
        let beforeDash = scanner.position
        if scanner.take(anyOf: ["-", "–", "—", "〜", "～", "~"]) || scanner.take(anyOf: Self.rangeWords) {
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

    /// Words before a number that say it is approximate, or open a range (`de 2 à 3`).
    private static let approximately = [
        "about ", "around ", "approx. ", "approx ", "approximately ", "roughly ", "ca. ", "ca ",
        "cirka ", "ungefär ", "etwa ", "circa ", "około ", "ok. ", "environ ", "aprox. ",
        "unos ", "de ", "od ", "von ",
    ]
    /// Words between a range's ends: `2 to 3`, `2 till 3`, `2 bis 3`, `2 à 3`, `2 a 3`, `3 do 5`.
    private static let rangeWords = ["to ", "till ", "bis ", "à ", "a ", "do ", "al "]
    /// Half a unit: `half a day`, `halber Tag`, `demi-journée`, `medio día`, `pół dnia`, `半日`.
    private static let half = [
        "half a ", "half an ", "half-", "half ", "halber ", "halbe ", "halben ", "demi-", "demi ",
        "medio ", "media ", "pół ", "半",
    ]

    /// `M (2-3 days)`, `L – 1 week`: a t-shirt size before the effort.
    private static func sizeWithEffort(_ text: String) -> String? {
        guard let first = text.utf8.first(where: { $0 != 0x20 }), first == 0x53 || first == 0x4D || first == 0x4C || first == 0x58 else {
            return nil
        }
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        guard scanner.take(anyOf: EffortUnits.tShirtSizes), let next = scanner.peek, next == 0x20 || next == 0x28 else { return nil }
        let rest = scanner.rest.trimmingCharacters(in: [" ", "(", ")", "-", "–", "—", ":", "~", "≈"])
        return rest.isEmpty || rest.utf8.first.map({ !TextScanner.isDigit($0) }) == true ? nil : rest
    }

    /// Qualifiers of a day or week: `dev-days`, `person-weeks`, `man-days`, `ideal days`.
    private static let unitQualifiers: Set<String> = [
        "dev", "developer", "person", "man", "engineer", "eng", "ideal", "work",
        "working", "team", "calendar", "business",
    ]

    private static func finish(scanner: inout TextScanner, low: Double, high: Double, text: String, units: EffortUnits) -> Effort? {
        _ = scanner.take("-")
        let written = scanner.letters()
        var word = EffortUnits.personDays.contains(written) ? "d" : written.lowercased()
        if units.words[word] == nil, Self.unitQualifiers.contains(word) {
            // `dev-days`, `person days`: the unit after its qualifier (a team's `dev-days` is in the vocabulary whole).
            let afterQualifier = scanner.position
            if scanner.take("-") || scanner.take(" ") { word = scanner.letters().lowercased() } else { scanner.position = afterQualifier }
        } else if units.words[word] == nil, scanner.peek == 0x2D {
            let afterWord = scanner.position
            scanner.position += 1
            let compound = word + "-" + scanner.letters().lowercased()
            if units.words[compound] != nil { word = compound } else { scanner.position = afterWord }
        }
        guard let unit = units.words[word] else { return nil }
        let factor: Double
        switch unit {
        case .day: factor = 1
        case .week: factor = daysPerWeek
        case .hour: factor = 1 / units.hoursPerDay
        case .minute: factor = 1 / (units.hoursPerDay * 60)
        case .month: factor = daysPerWeek * 4
        case .sprint: factor = units.sprintDays
        // Story points only with a rate: without one, no guess (`EffortUnits.isPoints` says why).
        case .point:
            guard let days = units.pointDays else { return nil }
            factor = days
        }
        var effort = Effort(
            days: (low + high) / 2 * factor, minimumDays: min(low, high) * factor,
            maximumDays: max(low, high) * factor, previousDays: nil, raw: text.trimmed)
        // Infinity (a 401-digit number) and NaN compare as no bound allows: kept out here.
        guard effort.days.isFinite, effort.maximumDays.isFinite else {
            return effort.maximumDays.isNaN
                ? nil
                : Effort(
                    days: .infinity, minimumDays: .infinity, maximumDays: .infinity, previousDays: nil, raw: text.trimmed)
        }
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
    /// T-shirt sizes in working days (`sizes: {S: 1d, M: 3d, L: 1w}`): none unless set.
    var sizes: [String: Double] = [:]
    /// The words after a number and the unit each names, lower case: English and, built in,
    /// the commonest in Swedish, Polish, German, French, Spanish, Japanese, Chinese, Korean,
    /// Portuguese, Italian, Dutch, Russian, Czech and Finnish (`3 dagar`,
    /// `2 dni`, `3日`, `2時間`); `vocabulary:` in loopreport.yml adds a team's own.
    var words: [String: Unit] = Self.standardWords

    package enum Unit: Sendable { case minute, hour, day, week, month, sprint, point }

    static let standardWords: [String: Unit] = {
        let table: [(Unit, [String])] = [
            (
                .day,
                [
                    "day", "days", "d", "working", "dag", "dagar", "dzień", "dni", "dnia", "tag", "tage", "tagen", "jour",
                    "jours", "j", "día", "días", "dia", "dias", "日", "人日", "営業日", "journée", "journées", "jornada",
                    "jornadas", "personentage", "personentag", "arbeitstage", "arbeitstag", "arbetsdagar", "arbetsdag",
                    "osobodni", "osobodzień", "manday", "mandays", "pd", "md", "天", "工作日", "人天", "人日", "일", "giorni",
                    "giorno", "gg", "dagen", "день", "дня", "дней", "дн", "den", "dny", "dní", "dne", "dnů", "pv", "päivä",
                    "päivää", "päivän", "pvä",
                ]
            ),
            (
                .week,
                [
                    "week", "weeks", "w", "wk", "wks", "pw", "pws", "vecka", "veckor", "v", "tydzień", "tygodnie", "tygodni", "tyg",
                    "woche", "wochen", "semaine", "semaines", "semana", "semanas", "週", "週間", "周", "星期", "주", "settimana",
                    "settimane", "weken", "неделя", "недели", "недель", "нед", "týden", "týdny", "týdnů", "viikko", "viikkoa", "vk",
                ]
            ),
            (
                .hour,
                [
                    "hour", "hours", "h", "hr", "hrs", "timme", "timmar", "tim", "godzina", "godziny", "godzin", "godz",
                    "stunde", "stunden", "std", "heure", "heures", "hora", "horas", "時間", "小时", "小時", "시간", "ore",
                    "ora", "uur", "uren", "u", "час", "часа", "часов", "ч", "hodin", "hodina", "hodiny", "tunti", "tuntia", "t",
                ]
            ),
            (
                .minute,
                [
                    "minute", "minutes", "min", "mins", "m", "minuter", "minut", "minuty", "minuten", "minutos", "分", "分钟",
                    "분", "minuti", "минут", "минуты", "мин", "minuuttia",
                ]
            ),
            (
                .month,
                [
                    "month", "months", "mo", "personenmonate", "personenmonat", "månad", "månader", "miesiąc", "miesiące", "miesięcy",
                    "monat", "monate",
                    "mois", "mes", "meses", "ヶ月", "か月", "カ月", "个月", "개월", "mês", "mese", "mesi", "maand", "maanden",
                    "месяц", "месяца", "месяцев", "měsíc", "měsíce", "kuukausi", "kuukautta",
                ]
            ),
            (.sprint, ["sprint", "sprints", "sprinty", "sprintar", "スプリント"]),
            (.point, ["point", "points", "pt", "pts", "sp", "story", "punkty", "punkte", "ポイント"]),
        ]
        var words: [String: Unit] = [:]
        for (unit, list) in table { for word in list { words[word] = unit } }
        return words
    }()

    package static let standard = EffortUnits()

    /// `S`, `M`, `XL`: a T-shirt size alone (read with `sizes:`, else a note, not a guess).
    static func isSize(_ text: String) -> Bool {
        tShirtSizes.contains(text.trimmed.trimmingCharacters(in: ["`", "*"]).uppercased())
    }

    /// T-shirt sizes, longest first (`XL` before `L`).
    static let tShirtSizes = ["XXL", "XXS", "XL", "XS", "S", "M", "L"]

    /// Upper case, German and Polish person-days (`5 PT`, Personentage; `3 MT`, Manntage),
    /// where lower case `5 pt` is story points.
    static let personDays: Set<String> = ["PT", "MT"]

    /// `5 pts`, `3 story points`, `8 SP`: an effort in story points.
    static func isPoints(_ text: String) -> Bool {
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        guard scanner.number() != nil else { return false }
        scanner.skipSpaces()
        if scanner.take("-") || scanner.take("–") { scanner.skipSpaces(); _ = scanner.number(); scanner.skipSpaces() }
        let written = scanner.letters()
        return !personDays.contains(written) && standardWords[written.lowercased()] == .point
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
