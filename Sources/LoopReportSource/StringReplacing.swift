extension String {
    /// Every occurrence of `target` replaced (without Foundation), matched as UTF-8 bytes, as
    /// Foundation matches: a variation selector (U+FE0F) is found after the emoji it belongs
    /// to, where a search by Character sees one Character for both and finds nothing.
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        var text = self
        return text.withUTF8 { bytes -> String in
            let needle = Array(target.utf8)
            guard let first = needle.first, bytes.count >= needle.count else { return self }
            var result: [UInt8] = []
            var copied = 0, i = 0
            while i <= bytes.count - needle.count {
                if bytes[i] == first, needle.indices.allSatisfy({ bytes[i + $0] == needle[$0] }) {
                    if result.isEmpty { result.reserveCapacity(bytes.count) }
                    result.append(contentsOf: bytes[copied..<i])
                    result.append(contentsOf: replacement.utf8)
                    i += needle.count
                    copied = i
                } else {
                    i += 1
                }
            }
            guard copied > 0 else { return self }
            result.append(contentsOf: bytes[copied...])
            return String(decoding: result, as: UTF8.self)
        }
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
