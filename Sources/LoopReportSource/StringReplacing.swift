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
