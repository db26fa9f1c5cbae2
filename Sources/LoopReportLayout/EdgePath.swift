import LoopReportSource
import LoopReportSupport

/// The SVG path of an edge route.
package enum EdgePath {
    /// The `d` attribute for `points` (an `EdgeRoute`'s): straight vertical runs (`L`) where two
    /// consecutive points share their x (within layer bands, along dummy lanes), and between layers
    /// a cubic Bézier with vertical tangents at both ends, `C x1 ym x2 ym x2 y2` with ym halfway
    /// down, which stays inside the band between the two layers and so never cuts a box.
    /// Absolute commands only, numbers with at most two decimals and no trailing zeros; repeated
    /// points are skipped. Empty for fewer than one point.
    package static func svgPathData(_ points: [Point]) -> String {
        var bytes = ByteBuffer()
        appendPathData(points, to: &bytes)
        return bytes.string
    }

    /// `svgPathData`, appended to SVG markup being written.
    package static func appendPathData(_ points: [Point], to bytes: inout ByteBuffer) {
        guard let first = points.first else { return }
        bytes.append(0x4D)  // M
        appendNumber(first.x, to: &bytes)
        bytes.append(0x20)
        appendNumber(first.y, to: &bytes)
        var p = first
        for q in points.dropFirst() {
            if q == p { continue }
            if rounded(q.x) == rounded(p.x) || rounded(q.y) == rounded(p.y) {
                bytes.append(0x20); bytes.append(0x4C)  // " L"
                appendNumber(q.x, to: &bytes)
                bytes.append(0x20)
                appendNumber(q.y, to: &bytes)
            } else {
                let ym = (p.y + q.y) / 2
                bytes.append(0x20); bytes.append(0x43)  // " C"
                appendNumber(p.x, to: &bytes); bytes.append(0x20); appendNumber(ym, to: &bytes); bytes.append(0x20)
                appendNumber(q.x, to: &bytes); bytes.append(0x20); appendNumber(ym, to: &bytes); bytes.append(0x20)
                appendNumber(q.x, to: &bytes); bytes.append(0x20); appendNumber(q.y, to: &bytes)
            }
            p = q
        }
    }

    @inline(__always) static func rounded(_ v: Double) -> Int64 {
        v.isFinite ? Int64((v * 100).rounded()) : 0
    }

    /// `v` with at most two decimals, no trailing zeros, no "-0".
    package static func format(_ v: Double) -> String {
        var bytes = ByteBuffer()
        appendNumber(v, to: &bytes)
        return bytes.string
    }

    /// `format(v)`, appended to markup being written: the one number format of the drawings.
    package static func appendNumber(_ v: Double, to bytes: inout ByteBuffer) {
        var hundredths = rounded(v)
        if hundredths < 0 { bytes.append(0x2D); hundredths = -hundredths }
        bytes.appendDigits(UInt64(hundredths / 100))
        let fraction = UInt8(hundredths % 100)
        if fraction != 0 {
            bytes.append(0x2E)
            bytes.append(0x30 + fraction / 10)
            if fraction % 10 != 0 { bytes.append(0x30 + fraction % 10) }
        }
    }
}
