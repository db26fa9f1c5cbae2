/// Where each page lives in the site, and links between pages as relative paths, so the
/// site works from `file://` and under any subpath.
package enum SitePaths {
    package static let dashboard = "index.html"
    package static let decisions = "decisions.html"
    package static let metrics = "metrics.html"
    package static let changes = "changes.html"
    package static let summary = "summary.html"
    package static let diagnostics = "diagnostics.html"
    package static let search = "search.html"
    package static let searchIndex = "search-index.json"
    package static let stylesheet = "assets/site.css"
    package static let script = "assets/search.js"

    package static func block(_ id: String) -> String { "blocks/\(fileName(id)).html" }
    package static func group(_ id: String) -> String { "groups/\(fileName(id)).html" }
    /// A document's page: its file name without `.md`, folders flattened with `-`.
    package static func document(_ path: String) -> String {
        var name = path
        if name.hasSuffix(".md") { name.removeLast(3) } else if name.hasSuffix(".markdown") { name.removeLast(9) }
        return "documents/\(fileName(name.replacingSlashes)).html"
    }

    /// A file name safe in any file system and URL: letters, digits, `.`, `-`, `_`; others
    /// as `-`; never empty, never starting with a dot.
    static func fileName(_ text: String) -> String {
        // Most ids (`3.4`, `12`) are safe already: checked byte by byte, returned as they are.
        var text = text
        if text.withUTF8({ $0.first.map { $0 != UInt8(ascii: ".") } == true && $0.allSatisfy(isSafeByte) }) { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": result.unicodeScalars.append(scalar)
            case ".": result += result.isEmpty ? "-" : "."
            default: result += "-"
            }
        }
        return result.isEmpty ? "-" : result
    }

    private static func isSafeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// The relative path from one page to another (`blocks/1.2.html` → `../groups/1.html`).
    package static func relative(from page: String, to target: String) -> String {
        root(of: page) + target
    }

    /// `../../` for a page two folders deep, `` at the root.
    package static func root(of page: String) -> String {
        var page = page
        let depth = page.withUTF8 { $0.count(where: { $0 == UInt8(ascii: "/") }) }
        return switch depth {
        case 0: ""
        case 1: "../"
        default: String(repeating: "../", count: depth)
        }
    }
}

extension String {
    var replacingSlashes: String {
        guard utf8.contains(UInt8(ascii: "/")) else { return self }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }
}
