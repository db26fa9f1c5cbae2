import LoopReportSource
import Synchronization

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
        /// Bytes of the frame's own text, counted once (each page reserves them).
        var textBytes: Int
    }

    static let slots = ["title", "body", "subtitle", "canonical"]
    private let frames = Mutex<[String: Frame?]>([:])

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
        let textBytes = pieces.reduce(0) { total, piece in if case .text(let text) = piece { total + text.utf8.count } else { total } }
        return Frame(pieces: pieces, textBytes: textBytes)
    }

    /// The page: the frame with the values in; `body` is HTML already, inserted as it is
    /// (escaped only where the template escapes it).
    static func fill(_ frame: Frame, values: [String: String], body: borrowing ByteBuffer) -> [UInt8] {
        var out = HTML(capacity: body.count + frame.textBytes + 1024)
        for piece in frame.pieces {
            switch piece {
            case .text(let text): out.raw(text)
            case .slot("body", let escaped):
                if escaped { body.withUnsafeBytes { out.escape($0) } } else { out.raw(body) }
            case .slot(let name, let escaped):
                let value = values[name] ?? ""
                if escaped { out.text(value) } else { out.raw(value) }
            }
        }
        return out.bytes.array
    }
}
