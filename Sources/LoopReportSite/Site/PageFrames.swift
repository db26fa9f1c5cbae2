import LoopReportSource
import LoopReportSupport

/// The template around page bodies, rendered once per kind of page (depth, navigation
/// entry, with or without a subtitle) with markers in place of the per-page values, then
/// filled in for each page. Rendering the same frame thousands of times through Mustache
/// was a third of a large build.
final class PageFrames: Sendable {
    enum Piece {
        case text(String)
        /// A per-page value; `escaped` when the template wrote it with `{{…}}`.
        case slot(String, escaped: Bool)
    }

    /// A template split at its slots.
    struct Frame {
        var pieces: [Piece]
    }

    static let slots = ["title", "body", "subtitle", "canonical"]
    private let frames = Locked<[String: Frame?]>([:])

    /// A marker that shows whether the template escaped it: its `&` comes out as `&amp;`.
    static func marker(_ slot: String) -> String { "\u{E000}\(slot)&\u{E001}" }

    /// The frame for `key`, rendered by `render` (with markers as the slot values) the
    /// first time; nil when the template does something with the values other than
    /// inserting them (the page is then rendered directly).
    func frame(_ key: String, render: () -> String) -> Frame? {
        frames.withLock { frames in
            if let known = frames[key] { return known }
            let frame = Self.split(render())
            frames[key] = frame
            return frame
        }
    }

    static func split(_ rendered: String) -> Frame? {
        var pieces: [Piece] = []
        var rest = rendered[...]
        while let open = rest.firstIndex(of: "\u{E000}") {
            pieces.append(.text(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: "\u{E001}") else { return nil }
            let inner = rest[rest.index(after: open)..<close]
            let escaped = inner.hasSuffix("&amp;")
            let name = String(inner.dropLast(escaped ? 5 : 1))
            guard slots.contains(name), escaped || inner.hasSuffix("&") else { return nil }
            pieces.append(.slot(name, escaped: escaped))
            rest = rest[rest.index(after: close)...]
        }
        pieces.append(.text(String(rest)))
        return Frame(pieces: pieces)
    }

    /// The page: the frame with the values in; `body` is HTML already, inserted as it is
    /// (escaped only where the template escapes it). The short slot values are written
    /// first, so the page's size is known and the page is written once, into an array of
    /// that size (writing it into a buffer and copying that out cost a copy of every page).
    static func fill(_ frame: Frame, values: [String: String], body: borrowing ByteBuffer) -> [UInt8] {
        enum Part {
            case text(String)
            case value(Range<Int>)
            case body
        }
        var written = HTML(capacity: 512)
        var parts: [Part] = []
        parts.reserveCapacity(frame.pieces.count)
        var size = 0
        for piece in frame.pieces {
            switch piece {
            case .text(let text):
                parts.append(.text(text))
                size += text.utf8.count
            case .slot("body", false):
                parts.append(.body)
                size += body.count
            case .slot(let name, let escaped):
                let start = written.bytes.count
                if name == "body" {  // a template that escapes the body: rare, written out too
                    body.withUnsafeBytes { written.escape($0) }
                } else if escaped {
                    written.text(values[name] ?? "")
                } else {
                    written.raw(values[name] ?? "")
                }
                parts.append(.value(start..<written.bytes.count))
                size += written.bytes.count - start
            }
        }
        guard size > 0 else { return [] }
        return written.bytes.withUnsafeBytes { values in
            body.withUnsafeBytes { body in
                [UInt8](unsafeUninitializedCapacity: size) { page, count in
                    var at = page.baseAddress!
                    func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
                        at.initialize(from: from, count: bytes.count)
                        at += bytes.count
                    }
                    for part in parts {
                        switch part {
                        case .text(var text): text.withUTF8(copy)
                        case .value(let range): copy(UnsafeBufferPointer(rebasing: values[range]))
                        case .body: copy(body)
                        }
                    }
                    count = size
                }
            }
        }
    }
}
