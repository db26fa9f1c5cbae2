/// A tiny hand-written scanner over UTF-8 bytes. Swift's `Regex` costs microseconds a
/// match and decoding to scalars allocates; recognisers run on every heading and field
/// line, so they scan bytes (all the syntax they look for is ASCII or a fixed sequence).
struct TextScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ text: some StringProtocol) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
    var rest: String { String(decoding: bytes[min(position, bytes.count)...], as: UTF8.self) }

    mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { position += 1 }
        while position + 1 < bytes.count, bytes[position] == 0xC2, bytes[position + 1] == 0xA0 { position += 2 }
    }

    /// Consumes `word` if it comes next (ASCII case-insensitive).
    mutating func take(_ word: String) -> Bool {
        var i = position
        for t in word.utf8 {
            guard i < bytes.count, Self.lower(bytes[i]) == Self.lower(t) else { return false }
            i += 1
        }
        position = i
        return true
    }

    /// Consumes the first of `options` that comes next.
    mutating func take(anyOf options: [String]) -> Bool {
        options.contains { take($0) }
    }

    /// Digits with optional `,` thousands separators and one decimal point.
    mutating func number() -> Double? {
        let start = position
        // Up to 15 digits the value is exact as an integer, and 10^15 is exact too: their
        // quotient, rounded once, is the correctly rounded value `Double(String)` gives.
        var mantissa: UInt64 = 0, digitCount = 0, fractionDigits = 0
        var sawPoint = false, sawThousands = false, decimalComma = false
        while let c = peek {
            if Self.isDigit(c) {
                if digitCount < 15 { mantissa = mantissa * 10 + UInt64(c - 48) }
                digitCount += 1
                if sawPoint { fractionDigits += 1 }
                position += 1
            } else if c == 0x2C, digitCount > 0, !sawPoint, position + 1 < bytes.count, Self.isDigit(bytes[position + 1]) {
                // Three digits after a comma group thousands (`1,234`); one or two are a
                // decimal comma (`1,5 dagar`, `12,5 %`), as most of Europe writes them.
                var end = position + 1
                while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
                if end - position - 1 != 3 && !sawThousands { sawPoint = true; decimalComma = true } else { sawThousands = true }
                position += 1
            } else if c == 0x2E, !sawPoint, position + 1 < bytes.count, Self.isDigit(bytes[position + 1]) {
                sawPoint = true; position += 1
            } else {
                break
            }
        }
        guard digitCount > 0 else { position = start; return nil }
        if digitCount <= 15 { return Double(mantissa) / Self.powersOfTen[fractionDigits] }
        let digits = bytes[start..<position].compactMap { $0 == 0x2C ? (decimalComma ? 0x2E : nil) : $0 }
        guard let value = Double(String(decoding: digits, as: UTF8.self)) else { position = start; return nil }
        return value
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Whether letters follow (ASCII ones read as bytes; others as characters).
    var restHasLetter: Bool {
        for index in min(position, bytes.count)..<bytes.count {
            if Self.isASCIILetter(bytes[index]) { return true }
            if bytes[index] >= 0x80 { return rest.contains(where: \.isLetter) }
        }
        return false
    }

    /// Consecutive letters (a unit or word), non-ASCII letters such as `µ` included.
    mutating func letters() -> String {
        let start = position
        while let c = peek {
            if c < 0x80 {
                guard Self.isASCIILetter(c) else { break }
                position += 1
            } else {
                let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                guard position + length <= bytes.count,
                    let scalar = String(decoding: bytes[position..<(position + length)], as: UTF8.self).unicodeScalars.first,
                    scalar.properties.isAlphabetic
                else { break }
                position += length
            }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A unit: letters, optionally `/letters` (`docs/min`, `blocks/week`).
    mutating func unit() -> String {
        var out = letters()
        if !out.isEmpty, peek == 0x2F, position + 1 < bytes.count, Self.isASCIILetter(bytes[position + 1]) {
            position += 1
            out += "/" + letters()
        }
        return out
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
}

extension StringProtocol {
    /// Lower-cased, glyph-free, colon-free text for matching section and field names:
    /// letters and digits kept, `&` as `and`, everything else one space.
    package var normalizedName: String {
        // ASCII fast path: one pass over the bytes.
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var pendingSpace = false
            for b in utf8 {
                if TextScanner.isASCIILetter(b) || TextScanner.isDigit(b) {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(TextScanner.lower(b))
                } else if b == 0x26 {
                    if !out.isEmpty { out.append(0x20) }
                    out.append(contentsOf: [0x61, 0x6E, 0x64])
                    pendingSpace = true
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        func emit(_ bytes: some Sequence<UInt8>) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        for c in unicodeScalars {
            if c.value < 0x80 {
                let b = UInt8(c.value)
                if TextScanner.isASCIILetter(b) || TextScanner.isDigit(b) {
                    emit(CollectionOfOne(TextScanner.lower(b)))
                } else if b == 0x26 {
                    emit("and".utf8); pendingSpace = true
                } else {
                    pendingSpace = true
                }
            } else if c.properties.isAlphabetic {
                emit(String(c).lowercased().utf8)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text with surrounding white space removed.
    package var trimmed: String {
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return "" }
        if !isSpace(firstByte), !isSpace(lastByte), firstByte < 0x80, lastByte < 0x80 {
            return self as? String ?? String(self)
        }
        // ASCII white space trimmed byte by byte; Unicode white space (U+00A0, U+3000, …)
        // only where the text left begins or ends with a non-ASCII character.
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return "" }
        if bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 { return String(self[start..<end]) }
        let scalars = unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 ? isSpace(UInt8(c.value)) : c.properties.isWhitespace
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }

}
