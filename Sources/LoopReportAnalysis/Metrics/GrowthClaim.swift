/// The growth rate an author claims for a measured series: `scales approximately as
/// O(n log n)`, `grows linearly`, `sub-linearly`, `constant time`.
package enum ClaimedGrowth: String, Sendable, Hashable, Codable, CaseIterable {
    case constant, logarithmic, squareRoot, sublinear, linear, linearithmic, superlinear, quadratic, cubic

    /// The fitted classes that bear the claim out.
    package var models: [GrowthModel] {
        switch self {
        case .constant: [.constant]
        case .logarithmic: [.logarithmic]
        case .squareRoot: [.squareRoot]
        case .sublinear: [.constant, .logarithmic, .squareRoot]
        case .linear: [.linear]
        case .linearithmic: [.linearithmic]
        case .superlinear: [.linearithmic, .quadratic, .cubic]
        case .quadratic: [.quadratic]
        case .cubic: [.cubic]
        }
    }

    /// `O(n log n)`, or `sub-linear` for the open classes.
    package var notation: String {
        switch self {
        case .sublinear: "sub-linear"
        case .superlinear: "super-linear"
        default: models[0].notation
        }
    }

    /// The class a sentence claims, or nil when it claims none this check can test (no
    /// growth wording, a negation, several variables, an exponent it does not know).
    package static func parse(_ sentence: String) -> ClaimedGrowth? {
        let text = normalized(sentence)
        if let notation = bigO(in: text) { return notation }
        return wording(in: text)
    }

    // MARK: - Big-O notation

    /// `O(n log n)`; with several, the target of `from O(n²) to O(n log n)`, else the
    /// first not introduced by `rather than` / `instead of` / `not`.
    private static func bigO(in text: String) -> ClaimedGrowth? {
        let bytes = Array(text.utf8)
        var found: [(claim: ClaimedGrowth?, before: String)] = []
        var i = 0
        while i + 1 < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "o"), bytes[i + 1] == UInt8(ascii: "("),
                i == 0 || !isLetter(bytes[i - 1])
            else { continue }
            var depth = 0, end = i + 1
            while end < bytes.count {
                if bytes[end] == UInt8(ascii: "(") { depth += 1 }
                if bytes[end] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                end += 1
            }
            guard end < bytes.count else { break }
            let inner = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
            let before = String(decoding: bytes[max(0, i - 14)..<i], as: UTF8.self)
            found.append((complexity(inner), before))
            i = end
        }
        if let target = found.first(where: { $0.before.hasSuffix("to ") && $0.claim != nil }) { return target.claim }
        let negated = ["than ", "instead of ", "not ", "n't "]
        return found.first { entry in entry.claim != nil && !negated.contains { entry.before.hasSuffix($0) } }?.claim
    }

    /// The class inside `O(…)`, whatever the variable: `v log v`, `log(n)`, `n^2`, `√n`.
    static func complexity(_ inner: String) -> ClaimedGrowth? {
        var s = ""
        var variables = Set<Character>()
        let chars = Array(inner.lowercased())
        var i = 0
        func next(_ word: String) -> Bool {
            let w = Array(word)
            guard i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "*" || c == "·" || c == "⋅" || c == "×" || c == "{" || c == "}" || c == "_" { i += 1; continue }
            if next("log2") || next("log₂") || next("log") || next("lg") || next("ln") { s += "L"; continue }
            if next("sqrt") || next("√") { s += "R"; continue }
            if next("²") { s += "^2"; continue }
            if next("³") { s += "^3"; continue }
            if next("½") { s += "0.5"; continue }
            if c.isLetter { variables.insert(c); s += "n"; i += 1; continue }
            s.append(c); i += 1
        }
        guard variables.count <= 1 else { return nil }
        // Parentheses around a lone variable or exponent: log(n), √(n), n^(1/2).
        s = s.replacing("(n)", with: "n").replacing("(1/2)", with: "0.5").replacing("1/2", with: "0.5")
        switch s {
        case "1": return .constant
        case "Ln": return .logarithmic
        case "Rn", "n^0.5", "n^.5": return .squareRoot
        case "n", "n^1": return .linear
        case "nLn", "Lnn", "n(Ln)": return .linearithmic
        case "n^2", "nn", "n2": return .quadratic
        case "n^3", "nnn", "n3": return .cubic
        default: return nil
        }
    }

    // MARK: - Words

    private enum Form { case phrase, adjective, adjectiveOnly }

    /// `scales linearly`, `is linear too`, `grows as n log n`, `sub-linearly`,
    /// `quadratic growth`, `constant time`: the earliest such wording. A bare adjective
    /// counts only with a verb of growth or state in the sentence and where it describes
    /// growth (`linear too`, `linear in n`, `linear growth`, at the end of a clause), so
    /// `transactions with linear dependencies` claims nothing.
    private static func wording(in text: String) -> ClaimedGrowth? {
        if text.contains("does not grow") || text.contains("doesn't grow") || text.contains("no growth") { return .constant }
        let words: [(String, ClaimedGrowth?, Form)] = [
            ("sub-linear", .sublinear, .adjective), ("sublinear", .sublinear, .adjective),
            ("sub linear", .sublinear, .adjective),
            ("super-linear", .superlinear, .adjective), ("superlinear", .superlinear, .adjective),
            ("super linear", .superlinear, .adjective),
            ("n log n", .linearithmic, .phrase), ("nlogn", .linearithmic, .phrase),
            ("linearithmic", .linearithmic, .adjective), ("log-linear", .linearithmic, .adjective),
            ("loglinear", .linearithmic, .adjective), ("quasi-linear", .linearithmic, .adjective),
            ("quasilinear", .linearithmic, .adjective),
            ("non-linear", nil, .adjective), ("nonlinear", nil, .adjective),
            ("quadratic", .quadratic, .adjective), ("n²", .quadratic, .phrase), ("n^2", .quadratic, .phrase),
            ("n squared", .quadratic, .phrase),
            ("cubic", .cubic, .adjective), ("n³", .cubic, .phrase), ("n^3", .cubic, .phrase),
            ("logarithmic", .logarithmic, .adjective), ("log n", .logarithmic, .phrase),
            ("square root", .squareRoot, .phrase), ("square-root", .squareRoot, .phrase),
            ("sqrt", .squareRoot, .phrase), ("√n", .squareRoot, .phrase),
            ("linear", .linear, .adjective), ("proportional", .linear, .adjective),
            ("constant time", .constant, .phrase), ("constant", .constant, .adjectiveOnly),
            ("flat", .constant, .adjectiveOnly),
        ]
        let verbs = [
            "scal", "grow", "increas", "rise", "rising", "climb", "complexity", "remain", "stay",
            "behav", " is ", " are ", " was ", " were ", " be ", " run", "take",
        ]
        let hasVerb = verbs.contains { text.contains($0) }
        var best: (position: String.Index, claim: ClaimedGrowth?)?
        for (word, claim, form) in words {
            guard let range = occurrence(of: word, form: form, in: text, hasVerb: hasVerb) else { continue }
            if best == nil || range.lowerBound < best!.position { best = (range.lowerBound, claim) }
        }
        guard let best, let claim = best.claim else { return nil }
        return isNegated(text[..<best.position]) ? nil : claim
    }

    /// Words after a bare adjective that keep it about growth: `linear too`, `linear in n`,
    /// `linear growth`.
    private static let growthFollowers: Set<Substring> = [
        "too", "in", "with", "up", "to", "until", "and", "or", "as", "at", "for", "but", "beyond", "below", "above",
        "overall", "again", "growth", "scaling", "time", "complexity", "behaviour", "behavior", "cost", "increase",
        "trend", "relationship", "fashion", "manner", "memory", "space", "throughout", "across", "over",
    ]

    /// The first occurrence of `word` that starts a word and, for an adjective, either
    /// takes an adverb ending (`linearly`, `quadratically`) or describes growth.
    private static func occurrence(of word: String, form: Form, in text: String, hasVerb: Bool) -> Range<String.Index>? {
        for range in text.ranges(of: word) {
            if range.lowerBound != text.startIndex, text[text.index(before: range.lowerBound)].isLetter { continue }
            if form == .phrase { return range }
            let rest = text[range.upperBound...]
            let suffix = rest.prefix { $0.isLetter }
            if !suffix.isEmpty {
                if form == .adjective, suffix == "ly" || suffix == "ally" { return range }
                continue
            }
            // A bare adjective: with a verb, at the end of a clause or followed by a word
            // about growth.
            guard hasVerb else { continue }
            let after = rest.drop { $0 == " " }
            guard let first = after.first else { return range }
            if !first.isLetter { return range }
            if growthFollowers.contains(after.prefix { $0.isLetter }) { return range }
        }
        return nil
    }

    /// `not`, `never`, `no longer`, `n't` among the three words before the keyword.
    private static func isNegated(_ prefix: Substring) -> Bool {
        let words = prefix.split(whereSeparator: { !$0.isLetter && $0 != "'" }).suffix(3)
        return words.contains { $0 == "not" || $0 == "never" || $0 == "no" || $0.hasSuffix("n't") }
    }

    static func normalized(_ sentence: String) -> String {
        var text = sentence.lowercased()
        for (from, to) in [("\u{2011}", "-"), ("\u{2010}", "-"), ("\u{2013}", "-"), ("\u{2019}", "'"), ("\u{00A0}", " ")] {
            text = text.replacing(from, with: to)
        }
        return text
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
}
