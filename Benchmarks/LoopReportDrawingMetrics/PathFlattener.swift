import LoopReportLayout

/// Flattens SVG path data into one polyline: M/m L/l H/h V/v C/c S/s Q/q T/t A/a Z/z, absolute and
/// relative, implicit repetition, numbers separated by commas and/or spaces (`-71.7`, `1e3`, `.5.5`).
/// Curves become `curveSegments` straight pieces each; arcs a straight line to their end point.
/// Later subpaths continue the same polyline.
enum PathFlattener {
    static func flatten(_ d: String, curveSegments: Int = 8) -> [Point] {
        var bytes = Array(d.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { flatten(bytes: $0, count: $0.count - 1, curveSegments: curveSegments) }
    }

    static func flatten(bytes b: UnsafeBufferPointer<UInt8>, count: Int, curveSegments: Int) -> [Point] {
        var out: [Point] = []
        var i = 0
        var command: UInt8 = 0
        var cx = 0.0, cy = 0.0, sx = 0.0, sy = 0.0
        var lastCtrlX = 0.0, lastCtrlY = 0.0, lastWasCubic = false, lastWasQuad = false
        let segs = max(1, curveSegments)

        func skipSeparators() {
            while i < count, b[i] == 32 || b[i] == 44 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
        }
        func isNumberStart(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || c == 45 || c == 43 || c == 46 }
        func number() -> Double? {
            skipSeparators()
            return scanNumber(b, &i, count)
        }
        func add(_ x: Double, _ y: Double) {
            out.append(Point(x: x, y: y))
        }
        func cubic(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x: Double, _ y: Double) {
            let x0 = cx, y0 = cy
            for k in 1...segs {
                let t = Double(k) / Double(segs), u = 1 - t
                let a = u * u * u, bb = 3 * u * u * t, c = 3 * u * t * t, dd = t * t * t
                if k == segs {
                    add(x, y)
                } else {
                    add(a * x0 + bb * x1 + c * x2 + dd * x, a * y0 + bb * y1 + c * y2 + dd * y)
                }
            }
        }
        func quad(_ x1: Double, _ y1: Double, _ x: Double, _ y: Double) {
            let x0 = cx, y0 = cy
            for k in 1...segs {
                let t = Double(k) / Double(segs), u = 1 - t
                if k == segs {
                    add(x, y)
                } else {
                    add(u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y)
                }
            }
        }

        while i < count {
            skipSeparators()
            guard i < count else { break }
            let c = b[i]
            if (c >= 65 && c <= 90) || (c >= 97 && c <= 122) {
                command = c
                i += 1
                if c == 90 || c == 122 {  // Z
                    if cx != sx || cy != sy { add(sx, sy) }
                    cx = sx
                    cy = sy
                    lastWasCubic = false
                    lastWasQuad = false
                    continue
                }
            } else if !isNumberStart(c) || command == 0 {
                i += 1  // stray character
                continue
            }
            let relative = command >= 97
            let dx = relative ? cx : 0, dy = relative ? cy : 0
            switch command | 0x20 {
            case 109:  // m
                guard let x = number(), let y = number() else { i += 1; continue }
                cx = x + dx
                cy = y + dy
                sx = cx
                sy = cy
                add(cx, cy)
                command = relative ? 108 : 76  // following pairs are lines
                lastWasCubic = false
                lastWasQuad = false
            case 108:  // l
                guard let x = number(), let y = number() else { i += 1; continue }
                cx = x + dx
                cy = y + dy
                add(cx, cy)
                lastWasCubic = false
                lastWasQuad = false
            case 104:  // h
                guard let x = number() else { i += 1; continue }
                cx = x + dx
                add(cx, cy)
                lastWasCubic = false
                lastWasQuad = false
            case 118:  // v
                guard let y = number() else { i += 1; continue }
                cy = y + dy
                add(cx, cy)
                lastWasCubic = false
                lastWasQuad = false
            case 99:  // c
                guard let x1 = number(), let y1 = number(), let x2 = number(), let y2 = number(),
                    let x = number(), let y = number()
                else { i += 1; continue }
                if out.isEmpty { add(cx, cy) }
                cubic(x1 + dx, y1 + dy, x2 + dx, y2 + dy, x + dx, y + dy)
                lastCtrlX = x2 + dx
                lastCtrlY = y2 + dy
                cx = x + dx
                cy = y + dy
                lastWasCubic = true
                lastWasQuad = false
            case 115:  // s
                guard let x2 = number(), let y2 = number(), let x = number(), let y = number() else { i += 1; continue }
                let x1 = lastWasCubic ? 2 * cx - lastCtrlX : cx
                let y1 = lastWasCubic ? 2 * cy - lastCtrlY : cy
                if out.isEmpty { add(cx, cy) }
                cubic(x1, y1, x2 + dx, y2 + dy, x + dx, y + dy)
                lastCtrlX = x2 + dx
                lastCtrlY = y2 + dy
                cx = x + dx
                cy = y + dy
                lastWasCubic = true
                lastWasQuad = false
            case 113:  // q
                guard let x1 = number(), let y1 = number(), let x = number(), let y = number() else { i += 1; continue }
                if out.isEmpty { add(cx, cy) }
                quad(x1 + dx, y1 + dy, x + dx, y + dy)
                lastCtrlX = x1 + dx
                lastCtrlY = y1 + dy
                cx = x + dx
                cy = y + dy
                lastWasQuad = true
                lastWasCubic = false
            case 116:  // t
                guard let x = number(), let y = number() else { i += 1; continue }
                let x1 = lastWasQuad ? 2 * cx - lastCtrlX : cx
                let y1 = lastWasQuad ? 2 * cy - lastCtrlY : cy
                if out.isEmpty { add(cx, cy) }
                quad(x1, y1, x + dx, y + dy)
                lastCtrlX = x1
                lastCtrlY = y1
                cx = x + dx
                cy = y + dy
                lastWasQuad = true
                lastWasCubic = false
            case 97:  // a: rx ry rotation large-arc sweep x y -> straight line
                guard number() != nil, number() != nil, number() != nil, number() != nil, number() != nil,
                    let x = number(), let y = number()
                else { i += 1; continue }
                cx = x + dx
                cy = y + dy
                add(cx, cy)
                lastWasCubic = false
                lastWasQuad = false
            default:
                i += 1
            }
        }
        return out
    }

    /// Scans a number (`-71.7`, `1e3`, `.5`) at `i`; stops at a second `.` (so `.5.5` is two numbers).
    static func scanNumber(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ count: Int) -> Double? {
        guard i < count else { return nil }
        let c0 = b[i]
        guard (c0 >= 48 && c0 <= 57) || c0 == 45 || c0 == 43 || c0 == 46 else { return nil }
        let start = i
        var negative = false
        if c0 == 45 || c0 == 43 {
            negative = c0 == 45
            i += 1
        }
        var mantissa = 0.0
        var digits = 0
        while i < count, b[i] >= 48, b[i] <= 57 {
            mantissa = mantissa * 10 + Double(b[i] - 48)
            i += 1
            digits += 1
        }
        var scale = 0
        if i < count, b[i] == 46 {
            i += 1
            while i < count, b[i] >= 48, b[i] <= 57 {
                mantissa = mantissa * 10 + Double(b[i] - 48)
                scale -= 1
                i += 1
                digits += 1
            }
        }
        if digits == 0 {
            i = start + 1
            return nil
        }
        if i < count, b[i] == 101 || b[i] == 69 {
            var j = i + 1
            var expNegative = false
            if j < count, b[j] == 45 || b[j] == 43 {
                expNegative = b[j] == 45
                j += 1
            }
            if j < count, b[j] >= 48, b[j] <= 57 {
                var e = 0
                while j < count, b[j] >= 48, b[j] <= 57 {
                    if e < 10000 { e = e * 10 + Int(b[j] - 48) }
                    j += 1
                }
                scale += expNegative ? -e : e
                i = j
            }
        }
        var value = mantissa
        if scale < 0 { value /= power10(-scale) } else if scale > 0 { value *= power10(scale) }
        return negative ? -value : value
    }

    static func power10(_ e: Int) -> Double {
        var result = 1.0
        var base = 10.0
        var k = abs(e)
        if k > 400 { return e < 0 ? 0 : .infinity }
        while k > 0 {
            if k & 1 == 1 { result *= base }
            base *= base
            k >>= 1
        }
        return e < 0 ? 1 / result : result
    }
}
