extension String {
    /// Every occurrence of `target` replaced (without Foundation), matched as UTF-8 bytes, as
    /// Foundation matches: a variation selector (U+FE0F) is found after the emoji it belongs
    /// to, where a search by Character sees one Character for both and finds nothing.
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = "", copied = startIndex
        while let found = firstByteRange(of: target, from: copied) {
            result += self[copied..<found.lowerBound]
            result += replacement
            copied = found.upperBound
        }
        return copied == startIndex ? self : result + self[copied...]
    }

    /// The first occurrence of `needle` at or after `start`, matched byte for byte (the
    /// generic search of the standard library compares Characters, at tens of thousands of
    /// instructions a search).
    package func firstByteRange(of needle: String, from start: Index? = nil) -> Range<Index>? {
        guard let first = needle.utf8.first else { return nil }
        var start = start ?? utf8.startIndex
        while let found = utf8[start...].firstIndex(of: first) {
            var end = found
            var matched = true
            for byte in needle.utf8 {
                guard end != utf8.endIndex, utf8[end] == byte else { matched = false; break }
                end = utf8.index(after: end)
            }
            if matched { return found..<end }
            start = utf8.index(after: found)
        }
        return nil
    }
}

extension String {
    /// Whether `needle` occurs, matched byte for byte.
    package func containsBytes(_ needle: String) -> Bool { firstByteRange(of: needle) != nil }

    /// The last occurrence of `needle`, matched byte for byte.
    package func lastByteRange(of needle: String) -> Range<Index>? {
        var last: Range<Index>?
        var start = utf8.startIndex
        while let found = firstByteRange(of: needle, from: start) {
            last = found
            start = utf8.index(after: found.lowerBound)
        }
        return last
    }
}

extension Substring {
    /// The first occurrence of `target`.
    package func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var index = startIndex
        while let start = self[index...].firstIndex(of: first) {
            if self[start...].hasPrefix(target) {
                return start..<self.index(start, offsetBy: target.count)
            }
            index = self.index(after: start)
        }
        return nil
    }
}

extension StringProtocol {
    /// The text with control characters shown, not obeyed: `ESC` as `\x1B`, `BEL` as `\x07`, C1
    /// controls as `\u{9B}`. What a document says reaches a terminal through diagnostics, and an
    /// escape sequence in a title must not recolour, retitle or clear it. Tabs stay.
    package var visibleControlCharacters: String {
        let needsWork = utf8.contains { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }
        guard needsWork else { return String(self) }
        var out = ""
        out.unicodeScalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x09: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0x7F:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(2)
            case 0x80..<0xA0:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
