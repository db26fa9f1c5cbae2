import LoopReportSource

/// A reference to a block (`Block 3.4`) or group (`Group 2`) written in a document.
package struct Reference: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, Codable { case block, group }

    package var kind: Kind
    /// `3.4` for blocks, `2` or `1a` for groups.
    package var id: String
    /// Words in parentheses right after it, e.g. `completed` in `Block 1.2 (completed)`.
    package var annotation: String?
    package var range: SourceRange?
    /// Written as a word-like id alone (`M1`, `HTTP2`, `S3`, no item word, no hyphen): a
    /// dependency only when the plan defines that id, else a name in prose.
    package var isBareName: Bool

    package init(kind: Kind, id: String, annotation: String? = nil, range: SourceRange? = nil, isBareName: Bool = false) {
        self.kind = kind
        self.id = id
        self.annotation = annotation
        self.range = range
        self.isBareName = isBareName
    }

    /// `Block 3.4` / `Group 2`.
    package var label: String { (kind == .block ? "Block " : "Group ") + id }

    /// Whether a block id says its group: a number, a dot, then more (`3.4`, `1a.2`, `2.1.4`).
    static func namesItsGroup(_ id: String) -> Bool {
        guard let first = id.utf8.first, ReferenceScanner.isDigit(first) else { return false }
        return id.utf8.contains(0x2E)
    }

    /// The group a block id belongs to: `3` for `3.4`, `1a` for `1a.2`; for an id of one
    /// part, its prefix (`DW` for `DW-1`, `S5` for `S5-01`, `M` for `M1`), so the items of a
    /// plan without group headings share a group; a whole number is its own.
    package static func groupID(ofBlock id: String) -> String {
        if let dot = id.utf8.firstIndex(of: 0x2E) { return String(id[..<dot]) }
        if id.hasPrefix("#") { return "issues" }
        // `Task 7` with no group heading: the plan's one list of items.
        if id.utf8.allSatisfy(ReferenceScanner.isDigit) || id.utf8.dropLast().allSatisfy(ReferenceScanner.isDigit) && id.last!.isLowercase {
            return "items"  // and its parts, `6a`, `6b`
        }
        var prefix = Substring(id)
        while let last = prefix.last, last.isASCII && last.isNumber { prefix = prefix.dropLast() }
        if prefix.last == "-" || prefix.last == "_" { prefix = prefix.dropLast() }
        return prefix.isEmpty ? id : String(prefix)
    }
}

/// Finds `Block 3.4`, `Blocks 1.1 and 1.2`, `Group 2`, `Groups 2 & 3`, `Groups 1-4` in text.
/// "Block" and "Group" followed by anything but an id are ordinary words.
enum ReferenceScanner {
    struct Match: Equatable {
        var kind: Reference.Kind
        var id: String
        /// The text matched, e.g. `Block 3.4` or `1.2` after `Blocks 1.1 and`.
        var text: String
        var annotation: String?
        /// A word-like id alone (`Reference.isBareName`).
        var isBareName = false
    }

    /// - Parameter bareBlockIDs: also accept `3.4` without the word (dependency fields, tables).
    /// - Parameter vocabulary: with `bareBlockIDs`, the item and group words read besides `Block` and `Group`.
    static func scan(_ text: String, bareBlockIDs: Bool = false, vocabulary: Vocabulary = .standard) -> [Match] {
        guard bareBlockIDs || mightContainReference(text) else { return [] }
        let s = Array(text.utf8)
        func string(_ range: Range<Int>) -> String { String(decoding: s[range], as: UTF8.self) }
        var matches: [Match] = []
        var i = 0
        while i < s.count {
            let atWordStart = i == 0 || !(TextScanner.isASCIILetter(s[i - 1]) || isDigit(s[i - 1]) || s[i - 1] == 0x2E)
            guard atWordStart else { i += 1; continue }
            var kind: Reference.Kind?
            var j = i
            if word(s, at: i, "block") {
                kind = .block; j = i + 5
            } else if word(s, at: i, "group") {
                kind = .group; j = i + 5
            } else if bareBlockIDs, let (found, length) = vocabularyWord(s, at: i, vocabulary) {
                kind = found; j = i + length
            }
            if let kind {
                // `Milestone 2` is M2: milestones have their own numbers.
                let milestone = kind == .block && Vocabulary.milestoneWords.contains(String(decoding: s[i..<j], as: UTF8.self).lowercased())
                let plural = j < s.count && (s[j] | 0x20) == 0x73
                if plural { j += 1 }
                // `Block 3.4`; a word in a script without spaces may touch its id: `タスク1.1`.
                let touching = j < s.count && isDigit(s[j]) && s[j - 1] >= 0x80
                guard j < s.count, s[j] == 0x20 || touching else { i = j; continue }
                var k = touching ? j : j + 1
                var found = false
                while true {
                    guard
                        var (id, end) = kind == .block
                            ? blockID(s, at: k) ?? (bareBlockIDs ? otherItemID(s, at: k) : nil)
                            : groupID(s, at: k) ?? (bareBlockIDs ? HeadingParser.groupID(s, at: k) : nil)
                    else { break }
                    if milestone, id.utf8.allSatisfy(isDigit) { id = "M" + id }
                    let isFirst = !found
                    found = true
                    matches.append(
                        Match(
                            kind: kind, id: id, text: string((isFirst ? i : k)..<end),
                            annotation: annotation(s, after: end)))
                    k = end
                    guard plural else { break }
                    // `Groups 1-4`, `Blocks 1 through 5`, `Tasks 1.1–1.3`: expand a range.
                    if let (ids, rangeEnd) = range(s, from: id, at: k, kind: kind) {
                        for n in ids { matches.append(Match(kind: kind, id: n, text: n, annotation: nil)) }
                        k = rangeEnd
                    }
                    // Separators between listed ids: `, `, ` and `, ` & `, `/`.
                    var m = k
                    for separator in [", and ", " and ", ", ", " & ", " / ", "/", " or "] where prefix(s, at: k, separator) {
                        m = k + separator.utf8.count
                        break
                    }
                    guard m > k else { break }
                    if word(s, at: m, kind == .block ? "block" : "group") {
                        m += 5
                        if m < s.count, (s[m] | 0x20) == 0x73 { m += 1 }
                        if m < s.count, s[m] == 0x20 { m += 1 }
                    }
                    k = m
                }
                i = found ? k : j
                continue
            }
            // `5.*`: every item of Group 5; `5.1.*`: every item numbered under 5.1.
            if bareBlockIDs, isDigit(s[i]), let (id, end) = blockID(s, at: i) ?? groupID(s, at: i),
                end + 1 < s.count, s[end] == 0x2E, s[end + 1] == 0x2A
            {
                let isGroup = !id.utf8.contains(0x2E)
                matches.append(Match(kind: isGroup ? .group : .block, id: isGroup ? id : id + ".*", text: string(i..<(end + 2))))
                i = end + 2
                continue
            }
            // `needs 6a, 6b`: a number and a lower-case letter, but for an effort's (`3d`, `2h`, `1w`, `30m`).
            if bareBlockIDs, isDigit(s[i]), let (id, end) = groupID(s, at: i), let last = id.utf8.last, isLowercaseASCII(last),
                ![0x64, 0x68, 0x6D, 0x77].contains(last)
            {
                matches.append(Match(kind: .block, id: id, text: string(i..<end), annotation: annotation(s, after: end)))
                i = end
                continue
            }
            if bareBlockIDs, let (id, end) = blockID(s, at: i) ?? prefixedItemID(s, at: i) {
                if isDigit(s[i]), isAfterAName(s, at: i) { i = end; continue }
                let wordLike = !isDigit(s[i]) && !id.utf8.contains(0x2D)
                matches.append(
                    Match(
                        kind: .block, id: id, text: string(i..<end), annotation: annotation(s, after: end),
                        isBareName: wordLike))
                i = end
                if let (ids, rangeEnd) = range(s, from: id, at: end, kind: .block) {
                    for n in ids { matches.append(Match(kind: .block, id: n, text: n, annotation: nil)) }
                    i = rangeEnd
                }
                continue
            }
            i += 1
        }
        return matches
    }

    /// The ids after `first` in a range written at `i`: `-4`, `–1.3`, ` through 5`,
    /// ` to Task 1.3` (whole numbers, or the last parts of one group's ids), at most 100.
    private static func range(_ s: [UInt8], from first: String, at i: Int, kind: Reference.Kind) -> ([String], Int)? {
        for dash in ["-", "–", "—", " through ", " to ", " thru ", " – ", " - "] where prefix(s, at: i, dash) {
            var next = i + dash.utf8.count
            // `Task 1.1 through Task 1.3`: the word again.
            if word(s, at: next, "block"), next + 5 < s.count, s[next + 5] == 0x20 {
                next += 6
            } else if let (_, length) = vocabularyWord(s, at: next, .standard), next + length < s.count, s[next + length] == 0x20 {
                next += length + 1
            }
            // `T004-T007`: one prefix, numbers written to one width.
            if let lead = first.first, !lead.isNumber, let (last, end) = prefixedItemID(s, at: next) {
                let stem = first.prefix { !$0.isNumber }, digits = first.dropFirst(stem.count)
                guard last.hasPrefix(stem), let a = Int(digits), let b = Int(last.dropFirst(stem.count)), a < b, b - a < 100 else {
                    return nil
                }
                return (
                    ((a + 1)...b).map { n in
                        let number = String(n)
                        return stem + String(repeating: "0", count: max(0, digits.count - number.count)) + number
                    }, end
                )
            }
            guard let (last, end) = blockID(s, at: next) ?? groupID(s, at: next) else { return nil }
            let (firstGroup, firstNumber) = split(first), (lastGroup, lastNumber) = split(last)
            guard firstGroup == lastGroup, let a = Int(firstNumber), let b = Int(lastNumber), a < b, b - a < 100 else { return nil }
            return (((a + 1)...b).map { n in firstGroup.map { "\($0).\(n)" } ?? String(n) }, end)
        }
        return nil
    }

    /// `1.3` → (`1`, `3`); `4` → (nil, `4`).
    private static func split(_ id: String) -> (String?, String) {
        guard let dot = id.lastIndex(of: ".") else { return (nil, id) }
        return (String(id[..<dot]), String(id[id.index(after: dot)...]))
    }

    /// The references in one line of text, each located in the source line itself.
    static func located(in text: String, line: Int?, of file: SourceFile, fallback: SourceRange?) -> [Reference] {
        var column = 1
        return scan(text).map { match in
            var range = fallback
            if let line, let found = file.column(of: match.text, onLine: line, from: column) {
                range = SourceRange(
                    path: file.path, start: SourceLocation(line: line, column: found),
                    end: SourceLocation(line: line, column: found + match.text.utf8.count))
                column = found + match.text.utf8.count
            }
            return Reference(kind: match.kind, id: match.id, annotation: match.annotation, range: range)
        }
    }

    /// `Kafka 3.6`, `iOS 17.2`: a number right after a name with a capital is its version,
    /// not an item (`After 1.1` and `and 2.1` are connectives).
    private static func isAfterAName(_ s: [UInt8], at i: Int) -> Bool {
        guard i >= 2, s[i - 1] == 0x20 else { return false }
        var start = i - 1
        while start > 0, TextScanner.isASCIILetter(s[start - 1]) { start -= 1 }
        let word = s[start..<(i - 1)]
        guard !word.isEmpty, word.contains(where: { $0 >= 65 && $0 <= 90 }) else { return false }
        return !connectives.contains(String(decoding: word.map(TextScanner.lower), as: UTF8.self))
    }

    private static let connectives: Set<String> = [
        "after", "and", "or", "on", "of", "see", "then", "from", "with", "following",
        "requires", "needs", "until", "once", "when", "plus", "both", "also",
        "und", "och", "et", "y", "i", "oraz", "nach", "efter", "po", "apr", "tasks",
        "blocks", "items", "steps", "deps", "depends", "only", "all", "but",
    ]

    /// Item and group words other than `Block` and `Group` (`Task 1.2`, `Steps 3 and 4`,
    /// `Phase 0`), read in dependency fields and tables: the kind and the word's length.
    private static func vocabularyWord(_ s: [UInt8], at i: Int, _ vocabulary: Vocabulary) -> (Reference.Kind, Int)? {
        guard i < s.count, TextScanner.isASCIILetter(s[i]) || s[i] >= 0x80 else { return nil }
        var end = i
        while end < s.count, TextScanner.isASCIILetter(s[end]) || s[end] >= 0x80 { end += 1 }
        guard end < s.count, s[end] == 0x20 || (isDigit(s[end]) && s[end - 1] >= 0x80) else { return nil }
        var word = String(decoding: s[i..<end], as: UTF8.self).lowercased()
        if vocabulary.itemWords.contains(word) { return (.block, end - i) }
        if vocabulary.groupWords.contains(word) { return (.group, end - i) }
        // The plural: its `s` is read by the caller.
        guard word.hasSuffix("s") else { return nil }
        word.removeLast()
        if vocabulary.itemWords.contains(word) { return (.block, end - i - 1) }
        if vocabulary.groupWords.contains(word) { return (.group, end - i - 1) }
        return nil
    }

    /// Item ids that are not `group.block` numbers: `7` (after an item word), `T-1.1`, `PG-2`.
    private static func otherItemID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        HeadingParser.itemID(s, at: i)
    }

    /// An item id standing alone that is not a `group.block` number: prefixed (`T-2.1.1`,
    /// `PG-2`, `M1`), in three parts (`2.1.4`), or an issue number (`#212`).
    private static func prefixedItemID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        guard i < s.count, let (id, end) = HeadingParser.itemID(s, at: i) else { return nil }
        if s[i] == 0x23 { return (id, end) }
        let prefixed = s[i] >= 65 && s[i] <= 90 && id.utf8.contains(where: isDigit)
        let threeParts = isDigit(s[i]) && id.utf8.count(where: { $0 == 0x2E }) >= 2
        return prefixed || threeParts ? (id, end) : nil
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    /// A byte scan for `lock` / `roup` after a B or G, so most text is rejected without
    /// decoding it.
    static func mightContainReference(_ text: some StringProtocol) -> Bool {
        mightContainReference(text.utf8)
    }

    static func mightContainReference(_ bytes: some Sequence<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous | 0x20) == 0x62 && (byte | 0x20) == 0x6C { return true }  // b, l
            if (previous | 0x20) == 0x67 && (byte | 0x20) == 0x72 { return true }  // g, r
            previous = byte
        }
        return false
    }

    /// The same scan of a source line's bytes, as `SourceFile.forEachLine` lends them.
    static func mightContainReference(_ bytes: Span<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for i in bytes.indices {
            let byte = bytes[i]
            if (previous | 0x20) == 0x62 && (byte | 0x20) == 0x6C { return true }  // b, l
            if (previous | 0x20) == 0x67 && (byte | 0x20) == 0x72 { return true }  // g, r
            previous = byte
        }
        return false
    }

    private static func word(_ s: [UInt8], at i: Int, _ w: StaticString) -> Bool {
        let count = w.utf8CodeUnitCount
        guard i + count <= s.count else { return false }
        return w.withUTF8Buffer { w in
            for n in 0..<count where TextScanner.lower(s[i + n]) != w[n] { return false }
            return true
        }
    }

    private static func prefix(_ s: [UInt8], at i: Int, _ p: String) -> Bool {
        var j = i
        for c in p.utf8 {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private static func digits(_ s: [UInt8], from i: Int) -> Int {
        var j = i
        while j < s.count, isDigit(s[j]) { j += 1 }
        return j
    }

    private static func isLowercaseASCII(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }

    /// `3.4`, `3.4a` or `3.C`, not followed by another digit group (`1.2.3` is a version).
    static func blockID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        let a = digits(s, from: i)
        guard a > i, a < s.count, s[a] == 0x2E else { return nil }
        let b = digits(s, from: a + 1)
        if b == a + 1, b < s.count, s[b] >= 65, s[b] <= 90,
            b + 1 == s.count
                || !(TextScanner.isASCIILetter(s[b + 1]) || isDigit(s[b + 1]) || s[b + 1] == 0x2E && b + 2 < s.count && isDigit(s[b + 2]))
        {
            return (String(decoding: s[i...b], as: UTF8.self), b + 1)
        }
        guard b > a + 1 else { return nil }
        var end = b
        if end < s.count, TextScanner.isASCIILetter(s[end]), !(end + 1 < s.count && TextScanner.isASCIILetter(s[end + 1])) { end += 1 }
        if end < s.count, s[end] == 0x2E, end + 1 < s.count, isDigit(s[end + 1]) { return nil }
        if end < s.count, TextScanner.isASCIILetter(s[end]) || isDigit(s[end]) { return nil }
        return (String(decoding: s[i..<end], as: UTF8.self), end)
    }

    /// `2` or `1a`, not followed by `.digit` (that would be a block id).
    static func groupID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        let a = digits(s, from: i)
        guard a > i else { return nil }
        var end = a
        if end < s.count, isLowercaseASCII(s[end]), !(end + 1 < s.count && TextScanner.isASCIILetter(s[end + 1])) { end += 1 }
        if end < s.count, s[end] == 0x2E, end + 1 < s.count, isDigit(s[end + 1]) { return nil }
        if end < s.count, TextScanner.isASCIILetter(s[end]) || isDigit(s[end]) { return nil }
        return (String(decoding: s[i..<end], as: UTF8.self), end)
    }

    private static func annotation(_ s: [UInt8], after end: Int) -> String? {
        var i = end
        while i < s.count, s[i] == 0x20 { i += 1 }
        guard i < s.count, s[i] == 0x28, let close = s[i...].firstIndex(of: 0x29) else { return nil }
        return String(decoding: s[(i + 1)..<close], as: UTF8.self).trimmed
    }
}
