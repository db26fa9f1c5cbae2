/// A tiny hand-written scanner over Unicode scalars. Swift's `Regex` costs microseconds a
/// match; recognisers run on every heading and field line, so they scan by hand.
struct TextScanner {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ text: some StringProtocol) { scalars = Array(text.unicodeScalars) }

    var isAtEnd: Bool { position >= scalars.count }
    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
    var rest: String { String(String.UnicodeScalarView(scalars[min(position, scalars.count)...])) }

    mutating func skipSpaces() {
        while let c = peek, c == " " || c == "\t" || c == "\u{A0}" { position += 1 }
    }

    /// Consumes `word` if it comes next (ASCII case-insensitive).
    mutating func take(_ word: String) -> Bool {
        let target = Array(word.unicodeScalars)
        guard position + target.count <= scalars.count else { return false }
        for (i, t) in target.enumerated() where Self.lower(scalars[position + i]) != Self.lower(t) { return false }
        position += target.count
        return true
    }

    mutating func take(anyOf options: Set<Unicode.Scalar>) -> Unicode.Scalar? {
        guard let c = peek, options.contains(c) else { return nil }
        position += 1
        return c
    }

    /// Digits with optional `,` thousands separators and one decimal point.
    mutating func number() -> Double? {
        let start = position
        var digits = ""
        var sawDigit = false, sawPoint = false
        while let c = peek {
            if Self.isASCIIDigit(c) {
                digits.unicodeScalars.append(c); sawDigit = true; position += 1
            } else if c == ",", sawDigit, !sawPoint, position + 1 < scalars.count, Self.isASCIIDigit(scalars[position + 1]) {
                position += 1
            } else if c == ".", !sawPoint, position + 1 < scalars.count, Self.isASCIIDigit(scalars[position + 1]) {
                digits.unicodeScalars.append(c); sawPoint = true; position += 1
            } else { break }
        }
        guard sawDigit, let value = Double(digits) else { position = start; return nil }
        return value
    }

    /// Consecutive letters (a unit or word).
    mutating func letters() -> String {
        var out = ""
        while let c = peek, Self.isLetter(c) { out.unicodeScalars.append(c); position += 1 }
        return out
    }

    /// A letter, with an ASCII fast path (Unicode property look-ups are slow).
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value | 0x20) >= 97 && (c.value | 0x20) <= 122 }
        return c.properties.isAlphabetic
    }

    static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// A unit: letters, optionally `/letters` (`docs/min`, `blocks/week`).
    mutating func unit() -> String {
        var out = letters()
        if !out.isEmpty, peek == "/", position + 1 < scalars.count, scalars[position + 1].properties.isAlphabetic {
            position += 1
            out += "/" + letters()
        }
        return out
    }

    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.isASCII && c.value >= 65 && c.value <= 90 ? Unicode.Scalar(c.value + 32)! : c
    }
}

extension StringProtocol {
    /// The text with surrounding white space removed.
    var trimmed: String {
        let scalars = unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 ? c == " " || c == "\t" || c == "\n" || c == "\r" : c.properties.isWhitespace
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex, let s = self as? String { return s }
        return String(self[first...last])
    }

    /// Lower-cased, glyph-free, colon-free text for matching section and field names.
    var normalizedName: String {
        var out = ""
        var lastWasSpace = true
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            if TextScanner.isLetter(c) || TextScanner.isASCIIDigit(c) {
                out.unicodeScalars.append(TextScanner.lower(c)); lastWasSpace = false
            } else if c == "." || c == "&" || c == "-" || c == "/" {
                if !lastWasSpace { out += " "; lastWasSpace = true }
                if c == "&" { out += "and "; }
            } else if !lastWasSpace {
                out += " "; lastWasSpace = true
            }
        }
        return out.trimmed
    }
}
