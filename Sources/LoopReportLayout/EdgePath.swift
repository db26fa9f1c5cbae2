/// The SVG path of an edge route.
public enum EdgePath {
    /// The `d` attribute for `points` (an `EdgeRoute`'s): straight vertical runs (`L`) where two
    /// consecutive points share their x (within layer bands, along dummy lanes), and between layers
    /// a cubic Bézier with vertical tangents at both ends, `C x1 ym x2 ym x2 y2` with ym halfway
    /// down, which stays inside the band between the two layers and so never cuts a box.
    /// Absolute commands only, numbers with at most two decimals and no trailing zeros; repeated
    /// points are skipped. Empty for fewer than one point.
    public static func svgPathData(_ points: [Point]) -> String {
        guard let first = points.first else { return "" }
        var s = ""
        s.reserveCapacity(16 + points.count * 28)
        s += "M"
        appendNumber(first.x, to: &s)
        s += " "
        appendNumber(first.y, to: &s)
        var p = first
        for q in points.dropFirst() {
            if q == p { continue }
            if rounded(q.x) == rounded(p.x) || rounded(q.y) == rounded(p.y) {
                s += " L"
                appendNumber(q.x, to: &s)
                s += " "
                appendNumber(q.y, to: &s)
            } else {
                let ym = (p.y + q.y) / 2
                s += " C"
                appendNumber(p.x, to: &s)
                s += " "
                appendNumber(ym, to: &s)
                s += " "
                appendNumber(q.x, to: &s)
                s += " "
                appendNumber(ym, to: &s)
                s += " "
                appendNumber(q.x, to: &s)
                s += " "
                appendNumber(q.y, to: &s)
            }
            p = q
        }
        return s
    }

    /// The drawn path as a polyline: what `svgPathData` draws, each Bézier cut into
    /// `curveSegments` straight pieces (the same flattening `SVGDrawingReader` applies).
    public static func polyline(_ points: [Point], curveSegments: Int = 8) -> [Point] {
        PathFlattener.flatten(svgPathData(points), curveSegments: curveSegments)
    }

    @inline(__always) static func rounded(_ v: Double) -> Int64 {
        v.isFinite ? Int64((v * 100).rounded()) : 0
    }

    /// `v` with at most two decimals, no trailing zeros, no "-0".
    public static func format(_ v: Double) -> String {
        var s = ""
        appendNumber(v, to: &s)
        return s
    }

    static func appendNumber(_ v: Double, to s: inout String) {
        var c = rounded(v)
        if c == 0 {
            s += "0"
            return
        }
        if c < 0 {
            s += "-"
            c = -c
        }
        s += String(c / 100)
        let frac = Int(c % 100)
        if frac != 0 {
            s += "."
            if frac % 10 == 0 {
                s += String(frac / 10)
            } else {
                if frac < 10 { s += "0" }
                s += String(frac)
            }
        }
    }
}
