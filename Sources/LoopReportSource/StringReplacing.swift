extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
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
