import LoopReportSource
import LoopReportSupport

extension MarkdownHTML {
    /// An HTML output buffer of UTF-8 bytes: markup appended as is, text escaped.
    ///
    /// Escaping covers `& < > " '` and replaces the code points HTML forbids in a document
    /// (C0/C1 controls other than whitespace, noncharacters) with U+FFFD, so any string —
    /// text or attribute value — comes out as valid, inert HTML.
    struct Output: ~Copyable {
        private(set) var bytes: ByteBuffer

        init(capacity: Int = 0) { bytes = ByteBuffer(capacity: capacity) }

        var string: String { bytes.string }

        /// Markup written by the renderer itself, never from the document.
        mutating func raw(_ markup: StaticString) {
            bytes.append(markup)
        }

        /// Markup built by the renderer (tag names, numbers); must contain nothing from the document.
        /// Disfavoured: a literal is a `StaticString`, copied without looking at a `String`.
        @_disfavoredOverload
        mutating func raw(_ markup: String) {
            bytes.append(utf8: markup)
        }

        /// Markup rendered already (a page body, a figure).
        mutating func raw(_ markup: [UInt8]) {
            bytes.append(markup)
        }

        mutating func raw(_ markup: borrowing ByteBuffer) {
            bytes.append(markup)
        }

        /// An integer's decimal digits, written in place (no string made).
        mutating func number(_ n: Int) {
            if n < 0 { bytes.append(0x2D) }
            bytes.appendDigits(UInt64(n.magnitude))
        }

        /// Document or model text, escaped for element content and attribute values alike.
        mutating func text(_ string: String) {
            var string = string
            string.withUTF8 { escape($0) }
        }

        mutating func text(_ string: Substring) {
            var string = string
            string.withUTF8 { escape($0) }
        }

        /// Whether `escape` copies byte `c` whatever follows: all but `& < > " '`, controls
        /// other than tab, line feed and carriage return, and the lead bytes of the sequences
        /// it replaces. Letters are decided first; below them, one bit per byte value.
        @inline(__always)
        private static func isPlain(_ c: UInt8) -> Bool {
            if c >= 0x40, c < 0x7F { return true }
            if c < 0x40 { return 0xafff_ff3b_0000_2600 as UInt64 >> UInt64(c) & 1 == 1 }
            return c >= 0x80 && c != 0xC2 && c != 0xEF && !(c >= 0xF0 && c <= 0xF4)
        }

        mutating func escape(_ s: UnsafeBufferPointer<UInt8>) {
            Self.escape(s, into: &bytes)
        }

        /// Written as a static function over its buffer: captured by a closure, the buffer's
        /// every write was checked for exclusive access at run time.
        private static func escape(_ s: UnsafeBufferPointer<UInt8>, into bytes: inout ByteBuffer) {
            let n = s.count
            var runStart = 0
            var i = 0
            while i < n {
                // Most bytes are copied as they are: skip the run of them first.
                while i < n, isPlain(s[i]) { i += 1 }
                guard i < n else { break }
                let c = s[i]
                if c >= 0x80 {
                    // Multi-byte sequences are copied except C1 controls and noncharacters.
                    var bad = false
                    var length = 1
                    if c == 0xC2, i + 1 < n, s[i + 1] >= 0x80, s[i + 1] <= 0x9F {
                        bad = true; length = 2
                    } else if c == 0xEF, i + 2 < n {
                        let b1 = s[i + 1], b2 = s[i + 2]
                        if (b1 == 0xB7 && b2 >= 0x90 && b2 <= 0xAF) || (b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)) {
                            bad = true; length = 3
                        }
                    } else if c >= 0xF0, c <= 0xF4, i + 3 < n {
                        if s[i + 1] & 0x0F == 0x0F, s[i + 2] == 0xBF, s[i + 3] == 0xBE || s[i + 3] == 0xBF {
                            bad = true; length = 4
                        }
                    }
                    if bad {
                        if i > runStart { bytes.append(UnsafeBufferPointer(rebasing: s[runStart..<i])) }
                        bytes.append("\u{FFFD}" as StaticString)
                        i += length
                        runStart = i
                    } else {
                        i += 1
                    }
                    continue
                }
                let replacement: StaticString?
                switch c {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                case 0x09, 0x0A, 0x0D: replacement = nil
                case 0x0C: replacement = " "
                case 0x00...0x1F, 0x7F: replacement = "\u{FFFD}"
                default: replacement = nil
                }
                if let replacement {
                    if i > runStart { bytes.append(UnsafeBufferPointer(rebasing: s[runStart..<i])) }
                    bytes.append(replacement)
                    runStart = i + 1
                }
                i += 1
            }
            if n > runStart { bytes.append(UnsafeBufferPointer(rebasing: s[runStart..<n])) }
        }
    }
}
