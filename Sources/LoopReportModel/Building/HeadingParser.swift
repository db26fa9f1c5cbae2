import Foundation
import LoopReportSupport

/// What a heading's text says besides its title: a revision marker (`(NEW)`), a status
/// (`✅`, `DONE`, `(in progress)`, `[PLANNED]`), an effort (`(2-3 days)`) and a calendar
/// window (`(Weeks 4-6)`), each taken off the end of the title.
struct HeadingText {
    var title: String
    var marker: RevisionMarker?
    var progress: Progress?
    /// The status as written (`✅`, `[PLANNED]`), for the field it becomes.
    var statusText: String?
    /// An effort in brackets or after a dash: `(2-3 days)`, `— 3h`.
    var effortText: String?
    /// A calendar window: `Weeks 4-6`.
    var window: String?
}

/// Splits heading text into title and trailing markers, and recognises work-item and group
/// definitions in any of the forms `Vocabulary` lists: `Block 3.4: Title (NEW)`,
/// `2.3 Title ✅`, `Task 1.2.1 - Title`, `## 🚀 PHASE 1: Setup (Weeks 1-2)`, `Revised Group 3: BLS`.
enum HeadingParser {
    /// Strips a trailing colon, glyphs and one `(NEW)` / `[REVISED]`-style marker.
    static func split(_ text: String) -> (title: String, marker: RevisionMarker?) {
        let heading = read(text)
        return (heading.title, heading.marker)
    }

    /// Takes markers off the end of the text until none is left.
    static func read(_ text: String) -> HeadingText {
        var title = text.trimmed
        if title.utf8.contains(0xEF) {
            // U+FE0F (variation selector) goes; U+FFFD (a glyph lost in an encoding) counts as a glyph.
            title = title.replacingOccurrences(of: "\u{FE0F}", with: "")
        }
        var heading = HeadingText(title: "")
        func status(_ progress: Progress, _ written: String) {
            if heading.progress == nil { heading.progress = progress; heading.statusText = written }
        }
        while true {
            title = title.trimmed
            if title.hasSuffix(":") || title.hasSuffix(" -") || title.hasSuffix(" –") || title.hasSuffix(" —") || title.hasSuffix(" |") {
                title.unicodeScalars.removeLast(); continue
            }
            if let last = title.unicodeScalars.last, isGlyph(last) || last == "\u{FFFD}" {
                if let progress = Vocabulary.glyphStatus(last) { status(progress, String(last)) }
                title.unicodeScalars.removeLast(); continue
            }
            if let close = title.last, let opener = Self.brackets[close], let open = title.lastIndex(of: opener) {
                let inner = String(title[title.index(after: open)..<title.index(before: title.endIndex)]).trimmed
                if let found = RevisionMarker.parse(inner) {
                    heading.marker = heading.marker ?? found
                } else if let progress = statusPhrase(inner) {
                    status(progress, String(title[open...]))
                } else if let share = Ratio.find(in: inner), share.denominator > 0, inner.count <= 16,
                    inner.utf8.first.map(ReferenceScanner.isDigit) == true, !Self.looksLikeDate(inner)
                {
                    // `(4/4 tasks)`, `(2/5)`: how many of its parts are done.
                    status(
                        share.numerator >= share.denominator ? .complete : share.numerator > 0 ? .inProgress : .notStarted,
                        String(title[open...]))
                } else if isWindow(inner) {
                    heading.window = heading.window ?? inner
                } else if heading.effortText == nil, Effort.parse(inner) != nil || EffortUnits.isPoints(inner), open != title.startIndex {
                    heading.effortText = inner
                } else {
                    break
                }
                title = String(title[..<open])
                continue
            }
            // An effort after a dash or a timer: `Feature flag — ~1h`, `SSE gateway ⏱️ 4d`.
            // (Each mark holds a hyphen or starts with the byte 0xE2.)
            if heading.effortText == nil, title.utf8.contains(where: { $0 == 0x2D || $0 == 0xE2 }),
                let mark = [" — ", " – ", " - ", "⏱"].lazy.compactMap({ title.lastByteRange(of: $0) }).first
            {
                let effort = String(title[mark.upperBound...]).trimmed
                if !effort.isEmpty, Effort.parse(effort) != nil || EffortUnits.isPoints(effort), mark.lowerBound != title.startIndex {
                    heading.effortText = effort
                    title = String(title[..<mark.lowerBound])
                    continue
                }
            }
            // A status word in capitals at the end: `DONE`, `✅ COMPLETE`, `— IN PROGRESS`.
            if let (progress, length) = trailingCapitalStatus(title) {
                status(progress, String(title.suffix(length)))
                title = String(title.dropLast(length))
                continue
            }
            break
        }
        // A status before the words: `[x] 1.1 Parser`, `✅ Task 1.3: Docs`, `🔄 1.4 Lint`.
        if title.hasPrefix("[") {
            for (box, progress) in [("[x] ", Progress.complete), ("[X] ", .complete), ("[ ] ", .notStarted)] where title.hasPrefix(box) {
                status(progress, String(box.dropLast()))
                title = String(title.dropFirst(box.count)).trimmed
            }
        } else if let first = title.unicodeScalars.first, Self.leadingStatusGlyphs.contains(first),
            let progress = Vocabulary.glyphStatus(first)
        {
            status(progress, String(first))
            title = String(String.UnicodeScalarView(title.unicodeScalars.dropFirst())).trimmed
        }
        heading.title = title
        return heading
    }

    /// Glyphs that state a status before a title (`✅ Task 1.3`); others there are decoration (`🏗️ Scaffold`).
    private static let leadingStatusGlyphs: Set<Unicode.Scalar> = [
        "✅", "✔", "✓", "☑", "🟢", "🔄", "🚧", "🟡", "⏳", "⬜", "☐",
        "🔴", "⛔", "❌", "⚫", "⏸",
    ]

    /// Closing brackets and their openers: `(…)`, `[…]`, and the full-width `（…）` and `【…】`.
    private static let brackets: [Character: Character] = [")": "(", "]": "[", "）": "（", "】": "【"]

    static func isGlyph(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2190...0x21FF, 0x2300...0x23FF, 0x2500...0x27BF, 0x2B00...0x2BFF, 0x1F300...0x1FAFF: true
        default: false
        }
    }

    /// `in progress`, `DONE`, `x` (of `[x]`), ` ` (of `[ ]`): the progress a phrase states.
    static func statusPhrase(_ text: String) -> Progress? {
        var phrase = text
        if let first = phrase.unicodeScalars.first, let progress = Vocabulary.glyphStatus(first) {
            phrase = String(phrase.unicodeScalars.dropFirst())
            let rest = phrase.normalizedName
            // `🔄 half done`: the glyph, unless the words say another state.
            if rest.isEmpty { return progress }
            if let said = Vocabulary.statusPhrases[rest] { return said }
            let parsed = Progress.parse(rest)
            return parsed == nil || parsed == progress ? progress : nil
        }
        return Vocabulary.statusPhrases[phrase.normalizedName]
    }

    /// The state a part of a line opens with: `in progress, token counting off`, `completed (M6)`,
    /// `completed in M3; D2.1 submitted`, `postponed to Year 2. The post is vacant`: a status
    /// phrase up to a comma, semicolon, bracket, colon or full stop, or before a word that says
    /// when or where to (`in`, `to`, `since`, `until`).
    static func leadingStatus(_ text: String) -> Progress? {
        if let said = statusPhrase(text) { return said }
        var clause = Substring(text.prefix { $0 != "," && $0 != ";" && $0 != "(" && $0 != ":" })
        if let stop = clause.range(of: ". ") { clause = clause[..<stop.lowerBound] }
        let trimmed = clause.trimmed.trimmingCharacters(in: ["."])
        if let said = statusPhrase(trimmed) { return said }
        let words = trimmed.split(separator: " ")
        for count in stride(from: min(3, words.count - 1), through: 1, by: -1) where statusQualifiers.contains(words[count].lowercased()) {
            let phrase = words[..<count].joined(separator: " ")
            // (`later in the week`, `next to the cache`: words of time and place, not states.)
            if !["later", "next", "open", "future", "active", "ready"].contains(phrase.lowercased()), let said = statusPhrase(phrase) {
                return said
            }
        }
        return nil
    }

    static let statusQualifiers: Set<String> = ["in", "to", "since", "until", "till"]

    /// `12/11`, `04/11 a 08/11`, `3/12/2026`: a day and month, not parts done (a count of parts
    /// done never exceeds its total nor starts with a zero, and has one slash).
    static func looksLikeDate(_ text: String) -> Bool {
        let numbers = text.split(whereSeparator: { !$0.isNumber && $0 != "/" }).filter { $0.contains("/") }
        return numbers.contains { pair in
            let parts = pair.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let done = Int(parts[0]), let total = Int(parts[1]) else { return parts.count > 2 }
            return done > total || parts[0].hasPrefix("0") && parts[0].count > 1 || parts[1].hasPrefix("0") && parts[1].count > 1
        }
    }

    /// `Weeks 4-6`, `Week 2`, `Q3 2026`, `Days 1-5`, `Sprint 3-4`: a window in the calendar.
    static func isWindow(_ text: String) -> Bool {
        let words = text.normalizedName.split(separator: " ")
        // `Mar 2 – Mar 13`, `March 3-14`: dates.
        if let first = words.first, Vocabulary.monthWords.contains(String(first.prefix(3))), first.allSatisfy(\.isLetter),
            text.contains(where: \.isNumber)
        {
            return true
        }
        guard let first = words.first, Vocabulary.windowWords.contains(String(first)), words.count >= 2 || first.hasPrefix("q") else {
            return false
        }
        // `2 weeks` is an effort; `Weeks 2-3` (the word first) is a window.
        return words.dropFirst().allSatisfy { $0.allSatisfy { $0.isNumber } }
    }

    /// A trailing status word or two in capitals (`DONE`, `IN PROGRESS`), and its length in characters.
    private static func trailingCapitalStatus(_ title: String) -> (Progress, Int)? {
        // Every capital status ends in an ASCII capital: most titles are ruled out by their last byte.
        guard let last = title.utf8.last, last >= 0x41, last <= 0x5A else { return nil }
        let words = title.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        for count in [2, 1] where words.count > count {
            let tail = words.suffix(count)
            guard tail.allSatisfy({ $0.allSatisfy { $0.isUppercase } && $0.count >= 2 }) else { continue }
            if let progress = Vocabulary.capitalStatuses[tail.joined(separator: " ")] {
                let length = title.distance(from: tail.first!.startIndex, to: title.endIndex)
                return (progress, length)
            }
        }
        return nil
    }

    /// A work item's id and title: `Block 3.4: Title`, `Task 1.2.1 - Title`, `2.3 Title`,
    /// `2.3. Title`, `T-1.1.1: Title`. `wordless` says no item word came before the id (such a
    /// heading is an item only with other evidence: see `DocumentRecognizer`).
    /// - Parameter headings: a whole number then a dot (`### 1. Add model`) may be an item's id
    ///   too (a heading needs an estimate, dependency or status to be one).
    /// - Parameter boldID: the id was written in bold on its own (`- **1a** Read the app`), so
    ///   a whole number with or without a letter is an id too.
    /// - Parameter issueNumbers: an issue's number at the end is the id (`trailingIssue`): for a
    ///   heading or a checklist line, not for a note's bullet (`- Related bug (#45)`).
    static func blockDefinition(
        _ title: String, vocabulary: Vocabulary = .standard, headings: Bool = false,
        boldID: String? = nil, issueNumbers: Bool = false
    ) -> (id: String, title: String, wordless: Bool)? {
        let text = dropLeadingGlyphs(title)
        if let (word, id, name) = definition(text, words: vocabulary.itemWords, id: itemID), let word {
            return (milestoneID(word, id), name, false)
        }
        // `Task 1.2 Title`, no separator: an item with evidence, like a numbered heading
        // (`Block 3.4 Analysis` may be a section about Block 3.4).
        if let (word, id, name) = definition(text, words: vocabulary.itemWords, id: itemID, spacedTitle: true), let word, !name.isEmpty {
            return (milestoneID(word, id), name, true)
        }
        // No word: an id with a dot (`2.3`, `2.1.4`), a prefix (`T-1.1`), or a number and a
        // letter then a dot (`6a. Backfill`), then the title.
        if let (_, id, name) = definition(text, words: [], id: itemID),
            id.utf8.contains(0x2E) || id.utf8.first.map({ !ReferenceScanner.isDigit($0) }) == true
                || text.dropFirst(id.count).hasPrefix(". ") && (id.last?.isLowercase == true || headings)
                || id == boldID && text.dropFirst(id.count).hasPrefix(" "), !isQuantity(id, name),
            !isWordInProse(id, text: text, title: name)
        {
            return (id, name, true)
        }
        // `- **A** — done.`: a letter in bold on its own is an item's id.
        if let boldID, boldID.utf8.count == 1, let letter = boldID.utf8.first, letter >= 65, letter <= 90,
            text == boldID || text.hasPrefix(boldID + " ")
        {
            return (boldID, String(text.dropFirst()).trimmed, true)
        }
        if issueNumbers, let (id, name) = trailingIssue(text), !isFieldLine(name, vocabulary: vocabulary) { return (id, name, true) }
        return nil
    }

    /// `Status: in review`, `- Owner: @kim`: a field's line, not a title.
    static func isFieldLine(_ text: String, vocabulary: Vocabulary) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return vocabulary.fieldNames[text[..<colon].normalizedName] != nil
    }

    /// `Track byte spans (#112)`, `Fuzz the parser (#140, PR #152)`, `SIMD decode paths — #301`:
    /// an issue's number at the end of a title is the item's id (a pull request's, `(PR #152)`,
    /// or one in a sentence, `(see #45)`, is not).
    /// - Parameter spaced: a number after a space is one too (a GitHub Projects title cell:
    ///   `Room DB for saved routes #221`).
    static func trailingIssue(_ text: String, spaced: Bool = false) -> (id: String, title: String)? {
        guard text.utf8.contains(0x23) else { return nil }
        // `Format-preserving edits (#90) — large, after the rewrite (#88)`: the first number
        // after the title, before a note.
        let segments = text.components(separatedBy: " — ")
        for count in 1...segments.count {
            if let found = issueAtEnd(segments[..<count].joined(separator: " — "), spaced: spaced) { return found }
        }
        return nil
    }

    private static func issueAtEnd(_ text: String, spaced: Bool) -> (id: String, title: String)? {
        var body = Substring(text.trimmed)
        let inner: Substring
        let bracketed: Bool
        if let close = body.last, close == ")" || close == "]", let open = body.lastIndex(of: close == ")" ? "(" : "[") {
            inner = body[body.index(after: open)..<body.index(before: body.endIndex)]
            body = body[..<open]
            bracketed = true
        } else if let hash = body.lastIndex(of: "#"), hash > body.startIndex, body[body.index(before: hash)] == " " {
            inner = body[hash...]
            body = body[..<hash]
            bracketed = false
        } else {
            return nil
        }
        let bytes = Array(inner.utf8)
        guard let (id, end) = itemID(bytes, at: 0), id.hasPrefix("#"),
            end == bytes.count || bracketed && (bytes[end] == 0x2C || bytes[end] == 0x3B || bytes[end] == 0x20)
        else { return nil }
        var title = body.trimmed
        // Without brackets, only after a dash or colon: `SIMD decode paths — #301`, not `landed in PR #318`.
        guard bracketed || spaced || title.last.map({ "—–-:|".contains($0) }) == true else { return nil }
        while let last = title.last, "—–-:|".contains(last) { title = String(title.dropLast()).trimmed }
        guard title.contains(where: \.isLetter),
            !["pr", "mr", "see", "in", "via", "by"].contains(title.split(separator: " ").last?.lowercased() ?? "")
        else { return nil }
        return (id, title)
    }

    /// `E2E encryption of notes`, `S3 bucket policy`: a word-like id (no dot, no hyphen) followed
    /// by a space and a lower-case word is a name in a sentence, not an id and a title.
    private static func isWordInProse(_ id: String, text: String, title: String) -> Bool {
        guard !id.utf8.contains(0x2E), !id.utf8.contains(0x2D), !id.hasPrefix("#"),
            text.dropFirst(id.count).first == " ", let first = title.first
        else { return false }
        return first.isLowercase
    }

    /// `Milestone 2` → `M2`; any other word's id as it is.
    private static func milestoneID(_ word: String, _ id: String) -> String {
        Vocabulary.milestoneWords.contains(word) && id.utf8.allSatisfy(ReferenceScanner.isDigit) ? "M" + id : id
    }

    /// `1.5 minutes saved`, `2.5x faster`, `99.9 % uptime`: a number with its unit, not an id and
    /// a title; `2.0: drop the v1 format`: a version.
    private static func isQuantity(_ id: String, _ title: String) -> Bool {
        guard let first = id.utf8.first, ReferenceScanner.isDigit(first) else { return false }
        if id.hasSuffix(".0"), title.first?.isLowercase == true { return true }
        // `1.5x slowdown`: a factor.
        if id.hasSuffix("x"), id.dropLast().last?.isNumber == true { return true }
        // A title starts with a capital (`1.4 D`); a unit in lower case (`1.5 minutes saved`).
        guard let first = title.first, first.isLowercase || first == "%" else { return false }
        let word = title.prefix { $0.isLetter || $0 == "%" }.lowercased()
        // `k6 load tests`: a name, not `k` and a number.
        if let next = title.dropFirst(word.count).first, next.isNumber { return false }
        return Effort.parse("\(id) \(word)") != nil
            || ["%", "x", "ms", "s", "sec", "seconds", "second", "percent", "mb", "gb", "kb", "k", "m", "times", "req", "rps", "qps"]
                .contains(word)
    }

    /// `Group 3: Storage`, `Phase 2 — Sync`, `🚀 PHASE 1: Setup`, `Revised Group 3: Storage`,
    /// `Part II: Rollout` → id and title.
    /// - Parameter spacedTitle: whether a title after a bare space counts (`Phase 3 Storage`;
    ///   not in a document's title, `# Sprint 1 Review — Checkout`).
    static func groupDefinition(_ title: String, vocabulary: Vocabulary = .standard, spacedTitle: Bool = true) -> (
        id: String, title: String, revised: Bool
    )? {
        var text = Substring(dropLeadingGlyphs(title))
        var revised = false
        if let first = text.utf8.first, (first | 0x20) == 0x72, text.lowercased().hasPrefix("revised ") {
            text = text.dropFirst(8); revised = true
        }
        if let reordered = numberFirstGroup(text) { text = Substring(reordered) }
        guard
            let (word, id, name) = definition(
                String(text), words: vocabulary.groupWords, id: { groupID($0, at: $1) ?? letterID($0, at: $1) },
                spacedTitle: spacedTitle),
            word != nil
        else { return nil }
        return (id, name, revised)
    }

    /// `Group A`, `Track B`: one capital as a group's id, after a group word only.
    private static func letterID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        guard i < s.count, s[i] >= 65, s[i] <= 90,
            i + 1 == s.count || !(TextScanner.isASCIILetter(s[i + 1]) || ReferenceScanner.isDigit(s[i + 1]))
        else { return nil }
        return (String(UnicodeScalar(s[i])), i + 1)
    }

    /// Words for a phase written after its number, or with a number in Chinese numerals:
    /// `1단계: 인증`, `第一阶段：准备`, `阶段二：开发`, `第2段階` → `단계 1: 인증`, `阶段 1：准备`.
    private static let numberFirstGroupWords = ["단계", "阶段", "段階"]
    private static let chineseNumerals: [Character: Int] = [
        "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
        "九": 9, "十": 10, "〇": 0, "零": 0,
    ]

    private static func numberFirstGroup(_ text: Substring) -> String? {
        guard text.utf8.contains(where: { $0 >= 0xE0 }), let word = numberFirstGroupWords.first(where: { text.contains($0) }) else {
            return nil
        }
        var rest = text.hasPrefix("第") ? text.dropFirst() : text
        func number(_ s: inout Substring) -> Int? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { s = s.dropFirst(digits.count); return Int(digits) }
            let numerals = s.prefix { chineseNumerals[$0] != nil }
            guard !numerals.isEmpty else { return nil }
            s = s.dropFirst(numerals.count)
            // `十二` is 12, `二十` is 20.
            return numerals.reduce(0) { total, c in c == "十" ? max(total, 1) * 10 : total - total % 10 + chineseNumerals[c]! }
        }
        if let n = number(&rest) {
            rest = rest.drop { $0 == " " }
            guard rest.hasPrefix(word) else { return nil }
            return "\(word) \(n)" + rest.dropFirst(word.count)
        }
        guard text.hasPrefix(word) else { return nil }
        var after = text.dropFirst(word.count)
        guard let n = number(&after) else { return nil }
        return "\(word) \(n)" + after
    }

    /// `Epic: Observability`, `Phase — Hardening`: a group word and a title without an id, a
    /// group when work items are under it; the id is the title's words in lower case
    /// (`observability`), as stable as the title.
    static func titledGroup(_ title: String, vocabulary: Vocabulary) -> (id: String, title: String)? {
        let text = Substring(dropLeadingGlyphs(title))
        let word = text.prefix { $0.isLetter }
        guard !word.isEmpty, vocabulary.groupWords.contains(word.lowercased()) else { return nil }
        let rest = text.dropFirst(word.count)
        guard rest.hasPrefix(": ") || rest.hasPrefix(" — ") || rest.hasPrefix(" – ") else { return nil }
        let title = read(String(rest.drop { $0 == ":" || $0 == " " || $0 == "—" || $0 == "–" })).title
        let slug = title.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).prefix(4).joined(
            separator: "-")
        guard !slug.isEmpty, let first = slug.first, !first.isNumber else { return nil }
        return (slug, title)
    }

    /// `Now`, `Q1 2027`, `v2.4`, `🚩 Private beta — target 2027-06-30`: a heading with no group
    /// word as a group, its id the first words of its title in lower case (`private-beta`).
    static func slugGroup(_ title: String) -> (id: String, title: String)? {
        var text = read(title).title
        for mark in [" — ", " – ", " - ", ": ", " ("] {
            if let cut = text.firstByteRange(of: mark) { text = String(text[..<cut.lowerBound]) }
        }
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") })
            .map { $0.trimmingCharacters(in: ["."]) }.filter { !$0.isEmpty }
        guard !words.isEmpty else { return nil }
        return (words.prefix(4).joined(separator: "-"), read(title).title)
    }

    /// The word of a heading shaped like a definition (`Etapp 2: Lagring`, `Fase 1 - Setup`)
    /// whose word is neither an item word nor a group word; nil for any other heading.
    static func unknownDefinitionWord(_ title: String) -> String? {
        let text = dropLeadingGlyphs(title)
        // A capital in any script (`Fáze`, `Úkol`, `Этап`), or a letter of a script without capitals (`阶段`).
        guard let first = text.unicodeScalars.first,
            first.properties.isUppercase
                || first.value >= 0x80 && first.properties.isAlphabetic
                    && !first.properties.isLowercase,
            let space = text.firstIndex(of: " ")
        else { return nil }
        let word = String(text[..<space])
        guard word.utf8.allSatisfy(TextScanner.isASCIILetter) || word.unicodeScalars.allSatisfy(\.properties.isAlphabetic),
            let (_, _, name) = definition(String(text[text.index(after: space)...]), words: [], id: itemID),
            !name.isEmpty, text[text.index(after: space)...].contains(where: { $0 == ":" || $0 == "—" || $0 == "–" })
        else { return nil }
        return word
    }

    /// `🚀 PHASE 1` → `PHASE 1`: emoji and other glyphs before the words.
    static func dropLeadingGlyphs(_ title: String) -> String {
        guard let first = title.utf8.first, first >= 0x80 else { return title }
        return String(
            String.UnicodeScalarView(
                title.unicodeScalars.drop {
                    isGlyph($0) || $0 == " " || $0 == "\u{FFFD}" || $0.properties.isEmojiPresentation
                }))
    }

    /// What parts an id from its title: `2.3: Title`, `Phase 1 — Setup`, `タスク1.1：設計`.
    private static let separators: Set<Character> = [":", "-", "–", "—", "|", "："]

    /// An optional word of `words`, an id, then a separator (`:`, `-`, `–`, `—`, `.`, or a
    /// space before the title) and the title. `spacedTitle` accepts a space alone after a word and its id.
    private static func definition(
        _ title: String, words: Set<String>, id parseID: ([UInt8], Int) -> (String, Int)?,
        spacedTitle: Bool = false
    ) -> (word: String?, id: String, title: String)? {
        var s = Array(title.utf8)
        // The ideographic space (U+3000) of Chinese and Japanese titles is a space: `任务 1.1　搭建`.
        if title.containsBytes("\u{3000}") { s = Array(title.replacingOccurrences(of: "\u{3000}", with: " ").utf8) }
        var i = 0
        var word: String?
        if !words.isEmpty {
            // A word of letters, in any script (`Phase`, `Etapp`, `Zadanie`, `タスク`).
            var end = 0
            while end < s.count, TextScanner.isASCIILetter(s[end]) || s[end] >= 0x80 { end += 1 }
            let ascii = s[0..<end].allSatisfy({ $0 < 0x80 })
            // `Phase 2`; a word in a script without spaces may touch its id: `タスク1.1`, `フェーズ2`;
            // `EPIC-3`, `Sprint-4`: a hyphen between.
            let hyphened = ascii && end + 1 < s.count && s[end] == 0x2D && ReferenceScanner.isDigit(s[end + 1])
            let spaced = end < s.count && s[end] == 0x20 || hyphened
            guard end > 0, end < s.count, spaced || (!ascii && ReferenceScanner.isDigit(s[end])) else { return nil }
            let candidate =
                ascii
                ? String(decoding: s[0..<end].map(TextScanner.lower), as: UTF8.self)
                : String(decoding: s[0..<end], as: UTF8.self).lowercased()
            guard words.contains(candidate) else { return nil }
            word = candidate
            i = spaced ? end + 1 : end
        }
        let touching = word != nil && i > 0 && s[i - 1] != 0x20
        guard let (id, end) = parseID(s, i) else { return nil }
        var j = end
        // `Phase 1 (Weeks 1-2): Backend`, `Sprint 3 (Mar 3-14) — Beta`: a window between the id and its title.
        if word != nil, j + 1 < s.count, s[j] == 0x20, s[j + 1] == 0x28, let close = s[(j + 1)...].firstIndex(of: 0x29) {
            let after = String(decoding: s[(close + 1)...], as: UTF8.self).trimmed
            if let first = after.first, separators.contains(first) {
                return (word, id, String(after.dropFirst()).trimmed)
            }
        }
        // `2.3.` and `2.3:`: the separator right after the id.
        if j < s.count, s[j] == 0x2E || s[j] == 0x3A || s[j] == 0x29 { j += 1 }
        let rest = String(decoding: s[j...], as: UTF8.self).trimmed
        if rest.isEmpty || j > end { return (word, id, rest) }
        if let first = rest.first, separators.contains(first) {
            return (word, id, String(rest.dropFirst()).trimmed)
        }
        // Without a separator, only a numbered heading (`2.3 Title`) has its title after a
        // space: `Block 3.4 Analysis` is a section about Block 3.4, not its definition. A word
        // touching its id (`タスク1.1 設計`) is a definition in a script without spaces.
        guard word == nil || touching || spacedTitle, s[j] == 0x20 else { return nil }
        return (word, id, rest)
    }

    /// Item ids: `3.4`, `3.4a`, `2.1.4`, `1.1A`, `7`, `T-1.1.1`, `PG-2`, `M1`, `S3-04`, and
    /// issue numbers (`#212`).
    static func itemID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        if i + 1 < s.count, s[i] == 0x23, ReferenceScanner.isDigit(s[i + 1]) {
            var j = i + 1
            while j < s.count, ReferenceScanner.isDigit(s[j]) { j += 1 }
            if j < s.count, TextScanner.isASCIILetter(s[j]) { return nil }
            return (String(decoding: s[i..<j], as: UTF8.self), j)
        }
        var j = i
        // A prefix of one to four capitals, with or without a hyphen, or of up to ten with one
        // (Jira's `INFRA-101`); one capital and a dot: `A.1`.
        while j < s.count, j - i < 10, s[j] >= 65, s[j] <= 90 { j += 1 }
        if j - i > 4, !(j < s.count && s[j] == 0x2D) { return nil }
        let prefixed = j > i
        if prefixed, j < s.count, s[j] == 0x2D {
            j += 1
        } else if j == i + 1, j + 1 < s.count, s[j] == 0x2E, ReferenceScanner.isDigit(s[j + 1]) {
            j += 1
        }
        let digitsStart = j
        while j < s.count, ReferenceScanner.isDigit(s[j]) { j += 1 }
        guard j > digitsStart else { return nil }
        // Further parts: `.4`, `.1.4`, and after a prefix `-04`.
        while j + 1 < s.count, s[j] == 0x2E || (prefixed && s[j] == 0x2D), ReferenceScanner.isDigit(s[j + 1]) {
            j += 1
            while j < s.count, ReferenceScanner.isDigit(s[j]) { j += 1 }
        }
        // One letter suffix: `3.4a`, `1.1A`; or a letter as the last part: `3.C`.
        if j < s.count, TextScanner.isASCIILetter(s[j]), !(j + 1 < s.count && TextScanner.isASCIILetter(s[j + 1])) {
            j += 1
        } else if j + 1 < s.count, s[j] == 0x2E, s[j + 1] >= 65, s[j + 1] <= 90, j > digitsStart,
            j + 2 == s.count || !(TextScanner.isASCIILetter(s[j + 2]) || ReferenceScanner.isDigit(s[j + 2]))
        {
            j += 2
        }
        if j < s.count, TextScanner.isASCIILetter(s[j]) || ReferenceScanner.isDigit(s[j]) { return nil }
        return (String(decoding: s[i..<j], as: UTF8.self), j)
    }

    /// Group ids: `2`, `1a`, `2.5`, `PG-1`, and Roman numerals (`II` → `2`).
    static func groupID(_ s: [UInt8], at i: Int) -> (String, Int)? {
        if let (id, end) = ReferenceScanner.groupID(s, at: i) ?? ReferenceScanner.blockID(s, at: i) { return (id, end) }
        var j = i
        while j < s.count, "IVXLC".utf8.contains(s[j]) { j += 1 }
        if j > i, j == s.count || !TextScanner.isASCIILetter(s[j]), let value = roman(s[i..<j]) { return (String(value), j) }
        // `Phase One`, `Phase Two`: a number in words.
        j = i
        while j < s.count, TextScanner.isASCIILetter(s[j]) { j += 1 }
        if j > i, let value = numberWords[String(decoding: s[i..<j].map(TextScanner.lower), as: UTF8.self)] { return (String(value), j) }
        if let (id, end) = itemID(s, at: i), id.utf8.first.map({ !ReferenceScanner.isDigit($0) }) == true { return (id, end) }
        return nil
    }

    private static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "zero": 0,
    ]

    /// `1. Design`, `2) Discovery`, `03 · Build`: a heading numbered alone, a group when work
    /// items are under it.
    static func numberedGroup(_ title: String) -> (id: String, title: String)? {
        let text = dropLeadingGlyphs(title)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let n = Int(digits) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" || mark == ":" || rest.hasPrefix(" · ") || rest.hasPrefix(" — ") else {
            return nil
        }
        let name = rest.drop { $0 == "." || $0 == ")" || $0 == ":" || $0 == " " || $0 == "·" || $0 == "—" }
        guard let first = name.first, !first.isNumber else { return nil }
        return (String(n), read(String(name)).title)
    }

    private static func roman(_ letters: ArraySlice<UInt8>) -> Int? {
        let values: [UInt8: Int] = [73: 1, 86: 5, 88: 10, 76: 50, 67: 100]
        var total = 0, previous = 0
        for letter in letters.reversed() {
            let value = values[letter]!
            total += value < previous ? -value : value
            previous = max(previous, value)
        }
        return total > 0 && total < 40 ? total : nil
    }
}
