import LoopReportLayout
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// Writes SVG markup into one growing byte buffer: no intermediate strings per element,
/// numbers with at most two decimals, text and attributes always escaped (titles and
/// labels come from the documents, so nothing in them can become markup).
package struct SVGBuilder: ~Copyable {
    private(set) var bytes: ByteBuffer

    package init(capacity: Int = 1 << 14) { bytes = ByteBuffer(capacity: capacity) }

    package var text: String { bytes.string }

    /// The markup as an array (a copy), as diagrams hand it to pages.
    var markup: [UInt8] { bytes.array }

    /// Markup written as is (element names, fixed attributes).
    package mutating func raw(_ s: StaticString) {
        bytes.append(s)
    }

    /// Markup assembled by the caller from already-safe pieces (ids, numbers).
    package mutating func rawString(_ s: String) {
        bytes.append(utf8: s)
    }

    /// Markup another builder wrote (a part drawn before its place in the drawing was known).
    package mutating func append(_ other: borrowing SVGBuilder) {
        bytes.append(other.bytes)
    }

    /// Runs `body` on this builder and returns the range of bytes it wrote, for `appendCopy`.
    @discardableResult
    package mutating func write(_ body: (inout SVGBuilder) -> Void) -> Range<Int> {
        let start = bytes.count
        body(&self)
        return start..<bytes.count
    }

    /// Writes again bytes written before (`write`'s range).
    package mutating func appendCopy(of range: Range<Int>) {
        bytes.appendCopy(of: range)
    }

    /// Text content or an attribute value, escaped for both (`&`, `<`, `>`, `"`, `'`);
    /// control characters other than tab and newline are dropped (not allowed in XML).
    /// Runs of bytes that need nothing are appended whole.
    package mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { Self.escape($0, into: &bytes) }
    }

    private static func escape(_ text: UnsafeBufferPointer<UInt8>, into bytes: inout ByteBuffer) {
        var runStart = 0
        for i in text.indices {
            let replacement: StaticString
            switch text[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0x09, 0x0A: continue
            case 0..<0x20, 0x7F: replacement = ""
            default: continue
            }
            bytes.append(UnsafeBufferPointer(rebasing: text[runStart..<i]))
            bytes.append(replacement)
            runStart = i + 1
        }
        bytes.append(UnsafeBufferPointer(rebasing: text[runStart...]))
    }

    /// A coordinate or length: rounded to two decimals, no trailing zeros, no `-0`.
    package mutating func number(_ value: Double) {
        EdgePath.appendNumber(value, to: &bytes)
    }

    /// An edge route as path data (`EdgePath.svgPathData`).
    package mutating func pathData(_ points: [Point]) {
        EdgePath.appendPathData(points, to: &bytes)
    }

    /// A date as `2026-01-05`.
    package mutating func date(_ date: CalendarDate) {
        let (year, month, day) = date.components
        integer(year)
        twoDigits(month)
        twoDigits(day)
        func twoDigits(_ part: Int) {
            bytes.append(0x2D); bytes.append(0x30 + UInt8(part / 10)); bytes.append(0x30 + UInt8(part % 10))
        }
    }

    package mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        bytes.appendDigits(UInt64(value.magnitude))
    }

    /// ` name="value"` with a numeric value.
    package mutating func attribute(_ name: StaticString, _ value: Double) {
        bytes.append(0x20); raw(name); raw("=\""); number(value); bytes.append(0x22)
    }

    /// ` name="value"` with an escaped text value.
    package mutating func attribute(_ name: StaticString, _ value: String) {
        bytes.append(0x20); raw(name); raw("=\""); escaped(value); bytes.append(0x22)
    }

    /// `<rect x y width height class/>`.
    package mutating func rect(x: Double, y: Double, width: Double, height: Double, class className: StaticString, rx: Double = 0) {
        // Fixed pieces are written one append each: this runs for every bar and grid line.
        raw("<rect x=\""); number(x); raw("\" y=\""); number(y)
        raw("\" width=\""); number(max(0, width)); raw("\" height=\""); number(max(0, height)); bytes.append(0x22)
        if rx > 0 { attribute("rx", rx) }
        classAttribute(className); raw("/>")
    }

    package mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class className: StaticString) {
        raw("<line x1=\""); number(x1); raw("\" y1=\""); number(y1)
        raw("\" x2=\""); number(x2); raw("\" y2=\""); number(y2); raw("\" class=\""); raw(className); raw("\"/>")
    }

    /// `<text x y class>text</text>`.
    package mutating func text(_ content: String, x: Double, y: Double, class className: StaticString, anchor: TextAnchor = .start) {
        raw("<text x=\""); number(x); raw("\" y=\""); number(y); bytes.append(0x22); classAttribute(className)
        switch anchor {
        case .start: break
        case .middle: raw(" text-anchor=\"middle\"")
        case .end: raw(" text-anchor=\"end\"")
        }
        raw(">"); escaped(content); raw("</text>")
    }

    /// ` class="…"`, or nothing for an empty class.
    mutating func classAttribute(_ className: StaticString) {
        guard className.utf8CodeUnitCount > 0 else { return }
        raw(" class=\""); raw(className); raw("\"")
    }

    /// `<title>text</title>`: the tooltip and accessible name of the enclosing element.
    package mutating func title(_ content: String) {
        raw("<title>"); escaped(content); raw("</title>")
    }

    /// A polyline as path data: `M x y L x y …`.
    package mutating func polylinePath(_ points: [(x: Double, y: Double)]) {
        for (i, p) in points.enumerated() {
            raw(i == 0 ? "M" : " L"); number(p.x); bytes.append(0x20); number(p.y)
        }
    }

    package enum TextAnchor: Sendable { case start, middle, end }
}

/// Text width estimates for the diagrams' sans-serif labels, so labels can be sized and
/// truncated without a font engine (averages of common sans faces at the given size).
package enum TextMetrics {
    /// Width of `text` at `fontSize` px, counting wide and narrow characters apart.
    package static func width(_ text: String, fontSize: Double = 12, bold: Bool = false) -> Double {
        // ASCII (every label of most plans) byte by byte in place; the same sum otherwise.
        var text = text
        let ascii: Double? = text.withUTF8 { bytes in
            var units = 0.0
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                units += asciiAdvance(byte)
            }
            return units
        }
        let units = ascii ?? text.unicodeScalars.reduce(0.0) { $0 + advance($1) }
        return units * fontSize * (bold ? boldFactor : 1)
    }

    /// How much wider bold text runs.
    static let boldFactor = 1.1

    /// The text cut to fit `maxWidth`, with an ellipsis when cut.
    package static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double = 12, bold: Bool = false) -> String {
        if width(text, fontSize: fontSize, bold: bold) <= maxWidth { return text }
        let budget = maxWidth / (fontSize * (bold ? boldFactor : 1)) - advance("…")
        var used = 0.0
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let w = advance(scalar)
            if used + w > budget { break }
            used += w
            result.append(scalar)
        }
        return String(String(result).trimmingTrailingSpaces) + "…"
    }

    /// Advances in ems, on the wide side (DejaVu Sans, the usual fallback on Linux, is
    /// wider than most faces): a label that fits here fits in the faces people have.
    static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0..<0x80: asciiAdvance(UInt8(scalar.value))
        case 0x1100...0x11FF, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF: 1.0
        default: 0.64
        }
    }

    @inline(__always) static func asciiAdvance(_ byte: UInt8) -> Double {
        switch byte {
        case 0x20, 0x2E, 0x2C, 0x3A, 0x3B, 0x27, 0x7C, 0x21, 0x69, 0x6A, 0x6C, 0x49: 0.33  // space . , : ; ' | ! i j l I
        case 0x66, 0x72, 0x74, 0x28, 0x29, 0x5B, 0x5D, 0x2D, 0x2F: 0.42  // f r t ( ) [ ] - /
        case 0x6D, 0x77, 0x4D, 0x57, 0x40, 0x25: 0.92  // m w M W @ %
        case 0x41...0x5A: 0.72  // other capitals
        case 0x30...0x39: 0.64
        default: 0.62
        }
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension String {
    var trimmingTrailingSpaces: Substring { Substring(self).trimmingTrailingSpaces }
}
