/// Splits heading text into title and revision marker, and recognises block and group
/// definitions (`#### Block 3.4: Title (NEW)`, `## Revised Group 3: BLS`).
enum HeadingParser {
    /// Strips a trailing colon, glyphs and one `(NEW)` / `[REVISED]`-style marker.
    static func split(_ text: String) -> (title: String, marker: RevisionMarker?) {
        var title = text.trimmed
        if title.utf8.contains(0xEF) { title = title.replacingOccurrences(of: "\u{FE0F}", with: "") }
        var marker: RevisionMarker?
        while true {
            title = title.trimmed
            if title.hasSuffix(":") { title.removeLast(); continue }
            if let last = title.unicodeScalars.last, isGlyph(last) {
                title.unicodeScalars.removeLast(); continue
            }
            if let close = title.utf8.last, close == 0x29 || close == 0x5D,
               let open = title.lastIndex(of: close == 0x29 ? "(" : "["),
               let found = RevisionMarker.parse(String(title[title.index(after: open)..<title.index(before: title.endIndex)])) {
                marker = marker ?? found
                title = String(title[..<open])
                continue
            }
            break
        }
        return (title, marker)
    }

    static func isGlyph(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2190...0x21FF, 0x2500...0x27BF, 0x2B00...0x2BFF, 0x1F300...0x1FAFF: true
        default: false
        }
    }

    /// `Block 3.4: Title`, `Block 3.4 - Title`, `Block 3.4` → id and title.
    static func blockDefinition(_ title: String) -> (id: String, title: String)? {
        definition(title, word: "block", id: ReferenceScanner.blockID)
    }

    /// `Group 3: Storage`, `Revised Group 3: Storage`, `Group 1a: Migration` → id and title.
    static func groupDefinition(_ title: String) -> (id: String, title: String, revised: Bool)? {
        var text = Substring(title)
        var revised = false
        if let first = text.utf8.first, (first | 0x20) == 0x72, text.lowercased().hasPrefix("revised ") {
            text = text.dropFirst(8); revised = true
        }
        guard let (id, name) = definition(String(text), word: "group", id: ReferenceScanner.groupID) else { return nil }
        return (id, name, revised)
    }

    private static func definition(_ title: String, word: String,
                                   id parseID: ([UInt8], Int) -> (String, Int)?) -> (id: String, title: String)? {
        let w = Array(word.utf8)
        guard let first = title.utf8.first, (first | 0x20) == w[0] else { return nil }
        let s = Array(title.utf8)
        guard s.count > w.count + 1, s[w.count] == 0x20,
              zip(s, w).allSatisfy({ TextScanner.lower($0) == $1 }),
              let (id, end) = parseID(s, w.count + 1) else { return nil }
        var rest = String(decoding: s[end...], as: UTF8.self).trimmed
        if rest.isEmpty { return (id, "") }
        if let first = rest.first, first == ":" || first == "-" || first == "–" || first == "—" {
            rest = String(rest.dropFirst()).trimmed
            return (id, rest)
        }
        return nil
    }
}
