import LoopReportLayout

/// Reads the geometry of a rendered graph SVG, so our drawings and Graphviz's are measured alike.
///
/// Nodes: every `<g>` whose class list contains `node` gives the bounding box of its first `<rect>`
/// (x, y, width, height), `<polygon>`/`<polyline>` (points), `<path>` (a rounded box: the
/// bounding box of its outline), `<ellipse>` (cx, cy, rx, ry) or
/// `<circle>` (cx, cy, r). Edges: every `<g>` whose class list contains `edge` gives its first
/// `<path d=…>`, flattened (Béziers into 8 pieces each). Nested groups inside a node or edge group
/// (Graphviz's link wrappers) belong to it. The `scale(…)`/`translate(…)` transform of the
/// enclosing `class="graph"` group is applied (rotation is ignored); other transforms are not.
package enum SVGDrawingReader {
    package static func read(_ svg: String) -> (nodes: [Rect], edges: [[Point]]) {
        var bytes = Array(svg.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { read(bytes: $0, count: $0.count - 1) }
    }

    /// The polyline `d` draws: the flattening applied to edge paths (8 pieces per curve).
    package static func flattenPath(_ d: String, curveSegments: Int = 8) -> [Point] {
        PathFlattener.flatten(d, curveSegments: curveSegments)
    }

    enum GroupKind { case none, node, edge }

    static func read(bytes b: UnsafeBufferPointer<UInt8>, count: Int) -> (nodes: [Rect], edges: [[Point]]) {
        var nodes: [Rect] = []
        var edges: [[Point]] = []
        // affine without rotation: x' = a x + e, y' = d y + f
        var ta = 1.0, td = 1.0, te = 0.0, tf = 0.0
        var kind = GroupKind.none
        var depth = 0
        var found = false
        var i = 0
        while i < count {
            guard b[i] == 60 else {  // '<'
                i += 1
                continue
            }
            // comments, declarations
            if i + 3 < count, b[i + 1] == 33, b[i + 2] == 45, b[i + 3] == 45 {
                var j = i + 4
                while j + 2 < count, !(b[j] == 45 && b[j + 1] == 45 && b[j + 2] == 62) { j += 1 }
                i = j + 3
                continue
            }
            let closing = i + 1 < count && b[i + 1] == 47
            var j = closing ? i + 2 : i + 1
            let nameStart = j
            while j < count, b[j] != 32, b[j] != 62, b[j] != 47, b[j] != 9, b[j] != 10, b[j] != 13 { j += 1 }
            let nameEnd = j
            // end of tag, skipping quoted attribute values
            var quote: UInt8 = 0
            while j < count {
                let c = b[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 34 || c == 39 {
                    quote = c
                } else if c == 62 {
                    break
                }
                j += 1
            }
            let tagEnd = j
            let selfClosing = tagEnd > 0 && b[tagEnd - 1] == 47
            let name = Tag(b, nameStart, nameEnd)
            i = tagEnd + 1
            if closing {
                if name.is("g"), kind != .none {
                    depth -= 1
                    if depth == 0 { kind = .none }
                }
                continue
            }
            if name.is("g") {
                if kind != .none {
                    if !selfClosing { depth += 1 }
                    continue
                }
                let classes = attribute(b, nameEnd, tagEnd, "class")
                if let classes, hasToken(b, classes, "node") {
                    kind = .node
                } else if let classes, hasToken(b, classes, "edge") {
                    kind = .edge
                } else {
                    if let classes, hasToken(b, classes, "graph"), let t = attribute(b, nameEnd, tagEnd, "transform") {
                        (ta, td, te, tf) = parseTransform(b, t)
                    }
                    continue
                }
                if selfClosing {
                    kind = .none
                    continue
                }
                depth = 1
                found = false
                continue
            }
            guard kind != .none, !found else { continue }
            if kind == .node {
                var box: (Double, Double, Double, Double)?  // minX minY maxX maxY
                if name.is("rect") {
                    let x = number(b, attribute(b, nameEnd, tagEnd, "x")) ?? 0
                    let y = number(b, attribute(b, nameEnd, tagEnd, "y")) ?? 0
                    let w = number(b, attribute(b, nameEnd, tagEnd, "width")) ?? 0
                    let h = number(b, attribute(b, nameEnd, tagEnd, "height")) ?? 0
                    box = (x, y, x + w, y + h)
                } else if name.is("polygon") || name.is("polyline") {
                    if let p = attribute(b, nameEnd, tagEnd, "points") {
                        let values = numbers(b, p)
                        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
                        var k = 0
                        while k + 1 < values.count {
                            minX = min(minX, values[k])
                            maxX = max(maxX, values[k])
                            minY = min(minY, values[k + 1])
                            maxY = max(maxY, values[k + 1])
                            k += 2
                        }
                        if minX <= maxX { box = (minX, minY, maxX, maxY) }
                    }
                } else if name.is("ellipse") || name.is("circle") {
                    let cx = number(b, attribute(b, nameEnd, tagEnd, "cx")) ?? 0
                    let cy = number(b, attribute(b, nameEnd, tagEnd, "cy")) ?? 0
                    let r = number(b, attribute(b, nameEnd, tagEnd, "r"))
                    let rx = number(b, attribute(b, nameEnd, tagEnd, "rx")) ?? r ?? 0
                    let ry = number(b, attribute(b, nameEnd, tagEnd, "ry")) ?? r ?? 0
                    box = (cx - rx, cy - ry, cx + rx, cy + ry)
                } else if name.is("path"), let d = attribute(b, nameEnd, tagEnd, "d") {
                    // Rounded boxes (Graphviz `style=rounded`) are paths: their bounding box.
                    let base = UnsafeBufferPointer(rebasing: b[d.lowerBound..<d.upperBound])
                    let points = PathFlattener.flatten(bytes: base, count: base.count, curveSegments: 8)
                    if let first = points.first {
                        var (minX, minY, maxX, maxY) = (first.x, first.y, first.x, first.y)
                        for p in points { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
                        box = (minX, minY, maxX, maxY)
                    }
                }
                if let (x0, y0, x1, y1) = box {
                    let ax = ta * x0 + te, bx = ta * x1 + te, ay = td * y0 + tf, by = td * y1 + tf
                    nodes.append(Rect(x: min(ax, bx), y: min(ay, by), width: abs(bx - ax), height: abs(by - ay)))
                    found = true
                }
            } else if name.is("path"), let d = attribute(b, nameEnd, tagEnd, "d") {
                let base = UnsafeBufferPointer(rebasing: b[d.lowerBound..<d.upperBound])
                var points = PathFlattener.flatten(bytes: base, count: base.count, curveSegments: 8)
                for k in points.indices {
                    points[k] = Point(x: ta * points[k].x + te, y: td * points[k].y + tf)
                }
                edges.append(points)
                found = true
            }
        }
        return (nodes, edges)
    }

    struct Tag {
        let b: UnsafeBufferPointer<UInt8>
        let start: Int
        let end: Int
        init(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            self.b = b
            self.start = start
            self.end = end
        }
        func `is`(_ name: StaticString) -> Bool {
            let n = name.utf8CodeUnitCount
            guard end - start == n else { return false }
            let p = name.utf8Start
            for k in 0..<n {
                var c = b[start + k]
                if c >= 65 && c <= 90 { c += 32 }
                if c != p[k] { return false }
            }
            return true
        }
    }

    /// The value range of attribute `name` within the tag bytes `from..<to`.
    static func attribute(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ name: StaticString) -> Range<Int>? {
        let n = name.utf8CodeUnitCount
        let p = name.utf8Start
        var i = from
        while i < to {
            // attribute name
            while i < to, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 || b[i] == 47 { i += 1 }
            let s = i
            while i < to, b[i] != 61, b[i] != 32, b[i] != 9, b[i] != 10, b[i] != 13 { i += 1 }
            let e = i
            while i < to, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
            guard i < to, b[i] == 61 else {
                if i == s { i += 1 }
                continue
            }
            i += 1
            while i < to, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
            guard i < to else { break }
            let q = b[i]
            var vs: Int, ve: Int
            if q == 34 || q == 39 {
                vs = i + 1
                ve = vs
                while ve < to, b[ve] != q { ve += 1 }
                i = ve + 1
            } else {
                vs = i
                ve = i
                while ve < to, b[ve] != 32, b[ve] != 62 { ve += 1 }
                i = ve
            }
            if e - s == n {
                var same = true
                for k in 0..<n where b[s + k] != p[k] {
                    same = false
                    break
                }
                if same { return vs..<ve }
            }
        }
        return nil
    }

    static func hasToken(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ token: StaticString) -> Bool {
        let n = token.utf8CodeUnitCount
        let p = token.utf8Start
        var i = r.lowerBound
        while i < r.upperBound {
            while i < r.upperBound, b[i] == 32 || b[i] == 9 { i += 1 }
            let s = i
            while i < r.upperBound, b[i] != 32, b[i] != 9 { i += 1 }
            if i - s == n {
                var same = true
                for k in 0..<n where b[s + k] != p[k] {
                    same = false
                    break
                }
                if same { return true }
            }
        }
        return false
    }

    static func numbers(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [Double] {
        var values: [Double] = []
        var i = r.lowerBound
        while i < r.upperBound {
            let before = i
            if let v = PathFlattener.scanNumber(b, &i, r.upperBound) {
                values.append(v)
            } else if i == before {
                i += 1
            }
        }
        return values
    }

    static func number(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>?) -> Double? {
        guard let r else { return nil }
        var i = r.lowerBound
        while i < r.upperBound, b[i] == 32 { i += 1 }
        return PathFlattener.scanNumber(b, &i, r.upperBound)
    }

    static func parseTransform(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> (Double, Double, Double, Double) {
        var a = 1.0, d = 1.0, e = 0.0, f = 0.0
        var i = r.lowerBound
        while i < r.upperBound {
            var j = i
            while j < r.upperBound, b[j] != 40 { j += 1 }  // '('
            let nameBytes = Array(b[i..<j]).filter { $0 != 32 && $0 != 44 }
            var k = j
            while k < r.upperBound, b[k] != 41 { k += 1 }  // ')'
            guard j < r.upperBound else { break }
            let args = numbers(b, (j + 1)..<k)
            let name = String(decoding: nameBytes, as: UTF8.self)
            if name == "scale", let sx = args.first {
                let sy = args.count > 1 ? args[1] : sx
                a *= sx
                d *= sy
            } else if name == "translate", let tx = args.first {
                let ty = args.count > 1 ? args[1] : 0
                e += a * tx
                f += d * ty
            }
            i = k + 1
        }
        return (a, d, e, f)
    }
}
