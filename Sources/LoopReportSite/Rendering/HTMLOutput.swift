extension MarkdownHTML {
    /// An HTML output buffer of UTF-8 bytes: markup appended as is, text escaped.
    ///
    /// Escaping covers `& < > " '` and replaces the code points HTML forbids in a document
    /// (C0/C1 controls other than whitespace, noncharacters) with U+FFFD, so any string —
    /// text or attribute value — comes out as valid, inert HTML.
    struct Output {
        private(set) var bytes: [UInt8] = []

        init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

        var string: String { String(decoding: bytes, as: UTF8.self) }

        /// Markup written by the renderer itself, never from the document.
        mutating func raw(_ markup: StaticString) {
            markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// Markup built by the renderer (tag names, numbers); must contain nothing from the document.
        /// Disfavoured: a literal is a `StaticString`, copied without looking at a `String`.
        @_disfavoredOverload
        mutating func raw(_ markup: String) {
            var markup = markup
            markup.withUTF8 { bytes.append(contentsOf: $0) }
        }

        /// Markup rendered already (a page body, a figure).
        mutating func raw(_ markup: [UInt8]) {
            bytes.append(contentsOf: markup)
        }

        /// An integer's decimal digits, written in place (no string made).
        mutating func number(_ n: Int) {
            if n < 0 { bytes.append(0x2D) }
            digits(n.magnitude)
        }

        private mutating func digits(_ value: UInt) {
            if value >= 10 { digits(value / 10) }
            bytes.append(0x30 + UInt8(value % 10))
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

        private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

        /// Bytes `escape` copies whatever follows: all but `& < > " '`, controls other than
        /// tab, line feed and carriage return, and the lead bytes of the sequences it replaces.
        private static let plainBytes: [Bool] = (0...255).map { byte in
            switch byte {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2, 0xEF, 0xF0...0xF4: false
            case 0x09, 0x0A, 0x0D: true
            case 0x00...0x1F: false
            default: true
            }
        }

        mutating func escape(_ s: UnsafeBufferPointer<UInt8>) {
            let n = s.count
            var runStart = 0
            var i = 0
            @inline(__always) func flush(_ end: Int) {
                if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<end])) }
            }
            Self.plainBytes.withUnsafeBufferPointer { plain in
                while i < n {
                    // Most bytes are copied as they are: skip the run of them first.
                    while i < n, plain[Int(s[i])] { i += 1 }
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
                            flush(i)
                            bytes.append(contentsOf: Self.replacement)
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
                        flush(i)
                        raw(replacement)
                        runStart = i + 1
                    }
                    i += 1
                }
            }
            flush(n)
        }
    }
}
