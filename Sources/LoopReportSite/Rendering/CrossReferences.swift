/// What a mention in prose links to. The page builder supplies it: it knows the site's URLs.
/// Class-bound: renderers hold one and pass it to every piece of prose, and an existential
/// of a reference is copied by a retain (a struct's was copied field by field, 140
/// instructions, for each of the 200,000 pieces of a large site).
package protocol CrossReferenceResolver: AnyObject, Sendable {
    /// URL (relative to the page being rendered) of `Block 3.4`, or nil if no such block.
    func blockURL(_ id: String) -> String?
    /// URL of `Group 2` (ids like `2`, `1a`), or nil.
    func groupURL(_ id: String) -> String?
    /// URL of a decision with this id (`D1`, `L3`, `R2` … as defined in decision-log tables),
    /// or nil when not a known decision.
    func decisionURL(_ id: String) -> String?
}

extension MarkdownHTML {
    /// Finds mentions in prose: `Block 3.4`, `Blocks 1.1 and 1.2`, `Group 2`, `Groups 2 & 3`,
    /// `Groups 1-4` (the ends are linked), and decision-like ids (`D1`, `L3`, `ADR12`) as whole
    /// words. It follows the rules of the model's `ReferenceScanner` (which is internal to
    /// LoopReportModel), and reports byte ranges so the text between can be escaped as is.
    enum MentionScanner {
        enum Kind: Equatable { case block, group, decision }

        struct Mention: Equatable {
            var kind: Kind
            var id: String
            /// Byte range of the linked text in the scanned string.
            var range: Range<Int>
        }

        static func scan(_ s: UnsafeBufferPointer<UInt8>) -> [Mention] {
            var mentions: [Mention] = []
            let n = s.count
            var i = 0
            while i < n {
                let c = s[i]
                // Only an ASCII letter can start a mention; it must start a word.
                guard isLetter(c) else { i += 1; continue }
                if i > 0 {
                    let p = s[i - 1]
                    if isLetter(p) || isDigit(p) || p == 0x2E || p == 0x5F || p >= 0x80 {
                        // Inside a word: skip to its end.
                        i += 1
                        while i < n, isLetter(s[i]) || isDigit(s[i]) { i += 1 }
                        continue
                    }
                }
                // `Block`/`Group` start with b or g (any case), decision ids with a capital.
                let lower = c | 0x20
                if lower == 0x62 || lower == 0x67, let end = blockOrGroup(s, at: i, into: &mentions) { i = end; continue }
                if c <= 0x5A, let (id, end) = decisionID(s, at: i) {
                    mentions.append(Mention(kind: .decision, id: id, range: i..<end))
                    i = end
                    continue
                }
                i += 1
                while i < n, isLetter(s[i]) || isDigit(s[i]) { i += 1 }
            }
            return mentions
        }

        /// `Block(s) id (sep id)*` or `Group(s) …` at `i`; the end of what was consumed, or nil.
        private static func blockOrGroup(_ s: UnsafeBufferPointer<UInt8>, at i: Int, into mentions: inout [Mention]) -> Int? {
            let kind: Kind
            if word(s, at: i, "block") { kind = .block } else if word(s, at: i, "group") { kind = .group } else { return nil }
            let n = s.count
            var j = i + 5
            let plural = j < n && (s[j] | 0x20) == 0x73
            if plural { j += 1 }
            guard j < n, s[j] == 0x20 else { return nil }
            var k = j + 1
            var found = false
            while true {
                guard let (id, end) = kind == .block ? blockID(s, at: k) : groupID(s, at: k) else { break }
                mentions.append(Mention(kind: kind, id: id, range: (found ? k : i)..<end))
                found = true
                k = end
                guard plural else { break }
                // `Groups 1-4`: link both ends.
                if kind == .group, k < n, s[k] == 0x2D, let (last, rangeEnd) = groupID(s, at: k + 1) {
                    mentions.append(Mention(kind: .group, id: last, range: (k + 1)..<rangeEnd))
                    k = rangeEnd
                }
                var m = k
                for separator in separators where prefix(s, at: k, separator) {
                    m = k + separator.count
                    break
                }
                guard m > k else { break }
                if word(s, at: m, kind == .block ? "block" : "group") {
                    m += 5
                    if m < n, (s[m] | 0x20) == 0x73 { m += 1 }
                    if m < n, s[m] == 0x20 { m += 1 }
                }
                k = m
            }
            return found ? k : nil
        }

        private static let separators: [[UInt8]] =
            [", and ", " and ", ", ", " & ", " / ", "/", " or "].map { Array($0.utf8) }

        /// Decision-like id: 1–4 uppercase ASCII letters then 1–4 digits, a whole word (not
        /// followed by a letter, digit, `_`, or `.digit`).
        private static func decisionID(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
            let n = s.count
            var j = i
            while j < n, j - i < 5, s[j] >= 0x41, s[j] <= 0x5A { j += 1 }
            let letters = j - i
            guard letters >= 1, letters <= 4 else { return nil }
            let digitStart = j
            while j < n, isDigit(s[j]) { j += 1 }
            let digitCount = j - digitStart
            guard digitCount >= 1, digitCount <= 4 else { return nil }
            if j < n, isLetter(s[j]) || isDigit(s[j]) || s[j] == 0x5F || s[j] >= 0x80 { return nil }
            if j + 1 < n, s[j] == 0x2E, isDigit(s[j + 1]) { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: s[i..<j]), as: UTF8.self), j)
        }

        private static func word(_ s: UnsafeBufferPointer<UInt8>, at i: Int, _ w: StaticString) -> Bool {
            let count = w.utf8CodeUnitCount
            guard i + count <= s.count else { return false }
            return w.withUTF8Buffer { w in
                for k in 0..<count where (s[i + k] | 0x20) != w[k] { return false }
                return true
            }
        }

        private static func prefix(_ s: UnsafeBufferPointer<UInt8>, at i: Int, _ p: [UInt8]) -> Bool {
            guard i + p.count <= s.count else { return false }
            for k in 0..<p.count where s[i + k] != p[k] { return false }
            return true
        }

        private static func digits(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
            var j = i
            while j < s.count, isDigit(s[j]) { j += 1 }
            return j
        }

        /// `3.4` or `3.4a`, not followed by another digit group (`1.2.3` is a version).
        private static func blockID(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
            let n = s.count
            let a = digits(s, from: i)
            guard a > i, a < n, s[a] == 0x2E else { return nil }
            let b = digits(s, from: a + 1)
            guard b > a + 1 else { return nil }
            var end = b
            if end < n, isLower(s[end]), !(end + 1 < n && isLetter(s[end + 1])) { end += 1 }
            if end < n, s[end] == 0x2E, end + 1 < n, isDigit(s[end + 1]) { return nil }
            if end < n, isLetter(s[end]) || isDigit(s[end]) { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: s[i..<end]), as: UTF8.self), end)
        }

        /// `2` or `1a`, not followed by `.digit` (that would be a block id).
        private static func groupID(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
            let n = s.count
            let a = digits(s, from: i)
            guard a > i else { return nil }
            var end = a
            if end < n, isLower(s[end]), !(end + 1 < n && isLetter(s[end + 1])) { end += 1 }
            if end < n, s[end] == 0x2E, end + 1 < n, isDigit(s[end + 1]) { return nil }
            if end < n, isLetter(s[end]) || isDigit(s[end]) { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: s[i..<end]), as: UTF8.self), end)
        }

        @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    }
}
