import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Where the golden files are: `Tests/Golden/`.
package let goldenDirectory = packageRoot + "/Tests/Golden"

/// Whether this run records golden files (`LOOPREPORT_RECORD=1`) instead of checking them.
package let recordsGoldens: Bool = getenv("LOOPREPORT_RECORD").map { String(cString: $0) == "1" } ?? false

/// Checks `text` against the golden file `Tests/Golden/<name>`, byte for byte. A difference
/// fails the test with a unified diff of the lines that differ. With `LOOPREPORT_RECORD=1` the
/// file is rewritten and the test still fails, saying so: a recording run never passes, so a
/// recorded change is always looked at (`git diff Tests/Golden`) and checked by a run without it.
package func expectMatchesGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = goldenDirectory + "/" + name
    if recordsGoldens { writeFile(path, text) }
    if let problem = goldenVerdict(text, golden: readBytes(path), name: name, recorded: recordsGoldens) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// What is wrong with `text` against a golden file's bytes (nil: it matches and nothing was
/// recorded). Separate from `expectMatchesGolden` so that the harness itself can be tested.
package func goldenVerdict(_ text: String, golden: [UInt8]?, name: String, recorded: Bool) -> String? {
    let file = "Tests/Golden/\(name)"
    if recorded {
        return "recorded \(file) (LOOPREPORT_RECORD=1); review it with `git diff \(file)`, then run the tests "
            + "again without LOOPREPORT_RECORD: a recording run always fails"
    }
    guard let golden else {
        return "\(file) does not exist: write it with LOOPREPORT_RECORD=1, review it, and run again without the variable"
    }
    if Array(text.utf8) == golden { return nil }
    return "output differs from \(file):\n"
        + unifiedDiff(String(decoding: golden, as: UTF8.self), text, oldName: file, newName: "actual output")
        + "\nIf the change is intended: run the test with LOOPREPORT_RECORD=1, review `git diff Tests/Golden`, "
        + "and run again without the variable."
}

/// A unified diff of `old` and `new` as one hunk: the lines from the first that differs to
/// the last, with `context` lines around them. At most `maxLines` removed and `maxLines`
/// added lines are shown, each cut to `maxWidth` characters around the first differing
/// column, so a difference in a one-line SVG or a 10,000-line page stays readable.
package func unifiedDiff(
    _ old: String, _ new: String, oldName: String = "expected", newName: String = "actual",
    context: Int = 3, maxLines: Int = 20, maxWidth: Int = 160
) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    if prefix == a.count && prefix == b.count {
        return "(the texts differ only in bytes that decode alike: \(old.utf8.count) bytes against \(new.utf8.count))\n"
    }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
    let removed = a[prefix..<(a.count - suffix)], added = b[prefix..<(b.count - suffix)]

    // The first differing column of the first differing line: every shown line is cut around it.
    let first = Array((removed.first ?? "").unicodeScalars), second = Array((added.first ?? "").unicodeScalars)
    var column = 0
    while column < first.count, column < second.count, first[column] == second[column] { column += 1 }
    func clip(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > maxWidth else { return line }
        let start = max(0, min(column - maxWidth / 3, scalars.count - maxWidth))
        let end = min(scalars.count, start + maxWidth)
        var view = String(String.UnicodeScalarView(scalars[start..<end]))
        if start > 0 { view = "…" + view }
        if end < scalars.count { view += "…" }
        return view
    }

    let before = max(0, prefix - context)
    let afterOld = min(a.count, a.count - suffix + context), afterNew = min(b.count, b.count - suffix + context)
    let trailing = a[(a.count - suffix)..<afterOld]
    func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start + 1)" : "\(count == 0 ? start : start + 1),\(count)" }
    var lines = [
        "--- \(oldName)", "+++ \(newName)",
        "@@ -\(range(before, afterOld - before)) +\(range(before, afterNew - before)) @@"
            + " first difference at line \(prefix + 1), column \(column + 1)",
    ]
    lines += a[before..<prefix].map { " " + clip($0) }
    lines += removed.prefix(maxLines).map { "-" + clip($0) }
    if removed.count > maxLines { lines.append("-… \(removed.count - maxLines) more lines") }
    lines += added.prefix(maxLines).map { "+" + clip($0) }
    if added.count > maxLines { lines.append("+… \(added.count - maxLines) more lines") }
    lines += trailing.map { " " + clip($0) }
    return lines.joined(separator: "\n") + "\n"
}
