/// A metric target: `200,000+`, `<1s`, `>2/3 validators`, `20-50ms`, `<10% increase`,
/// `<100ms for 500 validators`, or qualitative (`All requirements`).
package struct Target: Sendable, Hashable {
    package enum Comparator: String, Sendable, Hashable, Codable {
        case atLeast, atMost, lessThan, greaterThan, range, equal, qualitative
    }

    package var comparator: Comparator
    package var lower: Double?
    package var upper: Double?
    package var unit: String
    /// Words after the bound (`for 500 validators`, `increase`).
    package var qualifier: String
    package var raw: String

    /// Whether a higher achieved value is better; nil for ranges and qualitative targets.
    package var higherIsBetter: Bool? {
        switch comparator {
        case .atLeast, .greaterThan: true
        case .atMost, .lessThan: false
        default: nil
        }
    }

    package static func parse(_ text: String) -> Target {
        let raw = text.trimmed
        var scanner = TextScanner(raw)
        var comparator: Comparator?
        if scanner.take("<=") || scanner.take("≤") {
            comparator = .atMost
        } else if scanner.take(">=") || scanner.take("≥") {
            comparator = .atLeast
        } else if scanner.take("<") {
            comparator = .lessThan
        } else if scanner.take(">") {
            comparator = .greaterThan
        } else if scanner.take("under ") || scanner.take("below ") || scanner.take("max ") {
            comparator = .atMost
        } else if scanner.take("over ") || scanner.take("above ") || scanner.take("min ") {
            comparator = .atLeast
        }
        scanner.skipSpaces()
        _ = scanner.take("+")
        guard let first = scanner.number() else {
            return Target(comparator: .qualitative, lower: nil, upper: nil, unit: "", qualifier: raw, raw: raw)
        }
        var second: Double?
        scanner.skipSpaces()
        if comparator == nil, scanner.take(anyOf: ["-", "–", "—"]) || scanner.take("to ") {
            scanner.skipSpaces()
            second = scanner.number()
        }
        if scanner.take("+") { comparator = comparator ?? .atLeast }
        scanner.skipSpaces()
        var unit = scanner.take("%") ? "%" : scanner.unit().lowercased()
        if scanner.take("+") { comparator = comparator ?? .atLeast }
        if unit == "" && scanner.take("/") {  // `>2/3 validators`
            if let d = scanner.number() {
                return Target(
                    comparator: comparator ?? .equal, lower: first / d, upper: nil,
                    unit: "ratio", qualifier: scanner.rest.trimmed, raw: raw)
            }
        }
        let qualifier = scanner.rest.trimmed
        if unit == "x" { unit = "x" }
        switch comparator {
        case .lessThan?, .atMost?:
            return Target(comparator: comparator!, lower: nil, upper: first, unit: unit, qualifier: qualifier, raw: raw)
        case .greaterThan?, .atLeast?:
            return Target(comparator: comparator!, lower: first, upper: nil, unit: unit, qualifier: qualifier, raw: raw)
        default:
            if let second {
                return Target(comparator: .range, lower: first, upper: second, unit: unit, qualifier: qualifier, raw: raw)
            }
            return Target(comparator: .equal, lower: first, upper: first, unit: unit, qualifier: qualifier, raw: raw)
        }
    }
}
