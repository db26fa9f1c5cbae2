/// A measured value with its unit: `215,000`, `37ms`, `3.7GB`, `12% increase`, `1.1x`.
package struct Quantity: Sendable, Hashable {
    package var value: Double
    /// The unit as written, lower-cased (`ms`, `gb`, `%`, `x`, `tps`), empty when none.
    package var unit: String
    package var raw: String

    /// The value in the unit family's base unit (seconds, bytes), for comparing across units.
    package var normalizedValue: Double { value * Quantity.scale(of: unit) }

    /// The unit family (`time`, `bytes`, `percent`, …) so values of one family compare.
    package var dimension: String { Quantity.dimension(of: unit) }

    package static func parse(_ text: String) -> Quantity? {
        var scanner = TextScanner(text)
        scanner.skipSpaces()
        _ = scanner.take("~")
        var sign = 1.0
        if scanner.take(anyOf: ["-", "−"]) { sign = -1 } else { _ = scanner.take("+") }
        // A number past any double (a 401-digit figure) is no quantity: JSON, charts and
        // checks could do nothing with infinity.
        guard let value = scanner.number(), value.isFinite, value < 1e300 else { return nil }
        scanner.skipSpaces()
        var unit = ""
        if scanner.take("%") { unit = "%" } else { unit = scanner.unit().lowercased() }
        return Quantity(value: sign * value, unit: unit, raw: text.trimmed)
    }

    package static func scale(of unit: String) -> Double {
        switch unit {
        case "ns": 1e-9
        case "us", "µs", "μs": 1e-6
        case "ms": 1e-3
        case "s", "sec", "secs", "second", "seconds": 1
        case "m", "min", "mins", "minute", "minutes": 60
        case "h", "hr", "hrs", "hour", "hours": 3600
        case "kb", "kib": 1024
        case "mb", "mib": 1024 * 1024
        case "gb", "gib": 1024 * 1024 * 1024
        case "tb", "tib": 1024 * 1024 * 1024 * 1024
        case "k": 1_000
        default: 1
        }
    }

    package static func dimension(of unit: String) -> String {
        switch unit {
        case "ns", "us", "µs", "μs", "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins",
            "minute", "minutes", "h", "hr", "hrs", "hour", "hours":
            "time"
        case "b", "bytes", "kb", "kib", "mb", "mib", "gb", "gib", "tb", "tib": "bytes"
        case "%": "percent"
        case "x": "factor"
        case "day", "days": "days"
        default: unit
        }
    }
}

/// A signed percentage: `100% complete`, `+15%`, `(25% delay)`, `-12%`.
package struct Percent: Sendable, Hashable {
    package var value: Double
    package var raw: String

    /// The first percentage in the text.
    package static func find(in text: String) -> Percent? {
        let s = Array(text.utf8)
        for i in s.indices where s[i] == 0x25 {  // %
            var j = i
            while j > 0, TextScanner.isDigit(s[j - 1]) || s[j - 1] == 0x2E || s[j - 1] == 0x2C { j -= 1 }
            guard j < i else { continue }
            var sign = 1.0
            // A minus, U+2212, or an en dash written for one (`–50%`) — not the dash of a range (`40–50%`).
            let afterDigit = { (k: Int) in k > 0 && TextScanner.isDigit(s[k - 1]) }
            if j > 0, s[j - 1] == 0x2D, !afterDigit(j - 1) { sign = -1 }
            if j >= 3,
                s[(j - 3)..<j].elementsEqual([0xE2, 0x88, 0x92]) || s[(j - 3)..<j].elementsEqual([0xE2, 0x80, 0x93]) && !afterDigit(j - 3)
            {
                sign = -1
            }
            // `25% under`, `10% below`: the sign in words.
            if sign > 0, !(j > 0 && s[j - 1] == 0x2B) {
                let after = String(decoding: s[(i + 1)...].prefix(12), as: UTF8.self).lowercased().trimmingCharacters(in: [" ", ")"])
                if ["under", "below", "less", "faster", "early", "ahead"].contains(where: after.hasPrefix) { sign = -1 }
            }
            let digits = s[j..<i].filter { $0 != 0x2C }
            if let value = Double(String(decoding: digits, as: UTF8.self)) {
                return Percent(value: sign * value, raw: text.trimmed)
            }
        }
        return nil
    }
}

/// A declared fraction: `1/14 (7%)`, `15/36 (42%)`, `98% (452/460)`.
package struct Ratio: Sendable, Hashable {
    package var numerator: Double
    package var denominator: Double
    /// The percentage the author wrote beside it, if any.
    package var declaredPercent: Double?
    package var raw: String

    package static func find(in text: String) -> Ratio? {
        let s = Array(text.utf8)
        for i in s.indices where s[i] == 0x2F && i > 0 && i + 1 < s.count {  // /
            var a = i
            while a > 0, TextScanner.isDigit(s[a - 1]) { a -= 1 }
            var b = i + 1
            while b < s.count, TextScanner.isDigit(s[b]) { b += 1 }
            guard a < i, b > i + 1,
                let n = Double(String(decoding: s[a..<i], as: UTF8.self)),
                let d = Double(String(decoding: s[(i + 1)..<b], as: UTF8.self))
            else { continue }
            return Ratio(numerator: n, denominator: d, declaredPercent: percentRightAfter(s, from: b), raw: text.trimmed)
        }
        return nil
    }

    /// The percentage that states the ratio ending at `start`: right after it (`15/36 (42%)`,
    /// `15/36 = 42%`, `15/36 — 42%`), or after at most two words naming what is counted
    /// (`15/36 blocks (42%)`). A percentage after other words is about something else
    /// (`20/21 criteria automated, 70% min coverage`), and is not read as the ratio's.
    static func percentRightAfter(_ s: [UInt8], from start: Int) -> Double? {
        var i = start
        func skipSpaces() { while i < s.count, s[i] == 0x20 { i += 1 } }
        skipSpaces()
        var words = 0
        while i < s.count, TextScanner.isASCIILetter(s[i]), words < 2 {
            while i < s.count, TextScanner.isASCIILetter(s[i]) { i += 1 }
            words += 1
            skipSpaces()
        }
        let opened = i < s.count && s[i] == 0x28  // (
        if opened {
            i += 1
        } else if words > 0 {
            return nil
        } else if i < s.count, s[i] == 0x3D || s[i] == 0x2C || s[i] == 0x3A || s[i] == 0x2D {
            i += 1
        }  // = , : -
        else if i + 2 < s.count, s[i] == 0xE2, s[i + 1] == 0x80, s[i + 2] == 0x94 || s[i + 2] == 0x93 {
            i += 3
        }  // — –
        skipSpaces()
        var scanner = TextScanner(String(decoding: s[i...], as: UTF8.self))
        guard let value = scanner.number() else { return nil }
        scanner.skipSpaces()
        return scanner.take("%") ? value : nil
    }
}
