import LoopReportLayout

/// Measures of a drawing given as flattened edge polylines and node boxes (absolute coordinates),
/// the same for any drawing: ours (`EdgePath.polyline`) and Graphviz's (`SVGDrawingReader`).
package enum DrawingMetrics {
    /// How far the end of a polyline may stop short of its node (an arrowhead is drawn there).
    package static let endGap = 12.0

    /// Pairs of segments from different edges that cross. Degenerate contacts are resolved by
    /// shifting the later edge by an infinitesimal vector (simulation of simplicity), so two
    /// polylines that cross exactly at a vertex count once and ones that only touch, or run on top of
    /// each other, not at all. Crossings inside or within `tolerance` of a node box that both edges
    /// end at (edges meeting at a shared node) are ignored. Uniform grid: about linear time.
    package static func crossings(edges: [[Point]], nodes: [Rect], tolerance: Double = 1) -> Int {
        let segments = SegmentSet(edges)
        let s = segments.count
        if s < 2 { return 0 }
        let nodeGrid = NodeGrid(nodes)
        let ends = edges.map { nodeGrid.endNodes(of: $0, nodes: nodes) }
        let grid = SegmentGrid(segments)
        var count = 0
        let items = grid.items
        grid.forEachCell { cell, lo, hi in
            for a in lo..<(hi - 1) {
                let i = items[a]
                let ei = segments.edge[i]
                for b in (a + 1)..<hi {
                    let j = items[b]
                    let ej = segments.edge[j]
                    if ei == ej { continue }
                    // the later edge is the one shifted
                    let (p, q) = ei < ej ? (i, j) : (j, i)
                    guard let point = segments.crossing(p, q) else { continue }
                    if grid.cell(of: point) != cell { continue }
                    let endsA = ends[segments.edge[p]], endsB = ends[segments.edge[q]]
                    @inline(__always) func near(_ na: Int) -> Bool {
                        na >= 0 && (na == endsB.0 || na == endsB.1) && nodes[na].distance(to: point) <= tolerance
                    }
                    if !near(endsA.0) && !near(endsA.1) { count += 1 }
                }
            }
        }
        return count
    }

    /// Edges with a segment through the interior of a node box (shrunk by `tolerance`) other than
    /// the edge's own end nodes: the boxes nearest to the first and last point, within `endGap`.
    package static func edgesThroughNodes(edges: [[Point]], nodes: [Rect], tolerance: Double = 1) -> Int {
        let grid = NodeGrid(nodes)
        var stamp = [Int](repeating: -1, count: nodes.count)
        var count = 0
        for (e, polyline) in edges.enumerated() where polyline.count >= 2 {
            let (s, t) = grid.endNodes(of: polyline, nodes: nodes)
            var hit = false
            for k in 1..<polyline.count where !hit {
                let a = polyline[k - 1], b = polyline[k]
                grid.forEachCandidate(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y)) { c in
                    if hit || c == s || c == t || stamp[c] == e * 1_000_003 + k { return }
                    stamp[c] = e * 1_000_003 + k
                    let r = nodes[c]
                    if segmentCrossesInterior(
                        a, b, minX: r.minX + tolerance, minY: r.minY + tolerance,
                        maxX: r.maxX - tolerance, maxY: r.maxY - tolerance)
                    {
                        hit = true
                    }
                }
            }
            if hit { count += 1 }
        }
        return count
    }

    /// Liang–Barsky against the open box.
    static func segmentCrossesInterior(_ a: Point, _ b: Point, minX: Double, minY: Double, maxX: Double, maxY: Double) -> Bool {
        if minX >= maxX || minY >= maxY { return false }
        var t0 = 0.0, t1 = 1.0
        @inline(__always) func clip(_ p: Double, _ d: Double, _ lo: Double, _ hi: Double) -> Bool {
            if d == 0 { return p > lo && p < hi }
            var ta = (lo - p) / d, tb = (hi - p) / d
            if ta > tb { swap(&ta, &tb) }
            t0 = max(t0, ta)
            t1 = min(t1, tb)
            return t0 < t1
        }
        return clip(a.x, b.x - a.x, minX, maxX) && clip(a.y, b.y - a.y, minY, maxY)
    }
}

/// All non-degenerate segments of a set of polylines, flat.
struct SegmentSet {
    var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
    var edge: [Int] = []
    var count: Int { edge.count }

    init(_ edges: [[Point]]) {
        for (e, line) in edges.enumerated() where line.count >= 2 {
            for k in 1..<line.count {
                let a = line[k - 1], b = line[k]
                guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite, a != b else { continue }
                ax.append(a.x)
                ay.append(a.y)
                bx.append(b.x)
                by.append(b.y)
                edge.append(e)
            }
        }
    }

    /// Sign of a point's side of the directed line (dx, dy) when it lies on it: the point shifted by
    /// δ = (ε, ε²) — which side that is depends only on the line's direction.
    @inline(__always) static func tieSign(_ dx: Double, _ dy: Double) -> Bool {
        dy != 0 ? dy < 0 : dx > 0
    }

    /// Where segment `p` crosses segment `q` shifted by an infinitesimal δ, if it does.
    func crossing(_ p: Int, _ q: Int) -> Point? {
        let a0x = ax[p], a0y = ay[p], a1x = bx[p], a1y = by[p]
        let b0x = ax[q], b0y = ay[q], b1x = bx[q], b1y = by[q]
        // bounding boxes
        if max(a0x, a1x) < min(b0x, b1x) || max(b0x, b1x) < min(a0x, a1x)
            || max(a0y, a1y) < min(b0y, b1y) || max(b0y, b1y) < min(a0y, a1y)
        {
            return nil
        }
        let dxA = a1x - a0x, dyA = a1y - a0y, dxB = b1x - b0x, dyB = b1y - b0y
        let lenA = abs(dxA) + abs(dyA), lenB = abs(dxB) + abs(dyB)
        let zero = 1e-9 * lenA * (lenA + lenB)
        // B's points against line A: B shifted by +δ
        let o1 = dxA * (b0y - a0y) - dyA * (b0x - a0x)
        let o2 = dxA * (b1y - a0y) - dyA * (b1x - a0x)
        let tieA = SegmentSet.tieSign(dxA, dyA)
        let s1 = abs(o1) <= zero ? tieA : o1 > 0
        let s2 = abs(o2) <= zero ? tieA : o2 > 0
        if s1 == s2 { return nil }
        // A's points against line B shifted by +δ: the point moves by -δ
        let zeroB = 1e-9 * lenB * (lenA + lenB)
        let o3 = dxB * (a0y - b0y) - dyB * (a0x - b0x)
        let o4 = dxB * (a1y - b0y) - dyB * (a1x - b0x)
        let tieB = !SegmentSet.tieSign(dxB, dyB)
        let s3 = abs(o3) <= zeroB ? tieB : o3 > 0
        let s4 = abs(o4) <= zeroB ? tieB : o4 > 0
        if s3 == s4 { return nil }
        let denom = o3 - o4
        var t = denom != 0 ? o3 / denom : 0.5
        if abs(o3) <= zeroB { t = 0 } else if abs(o4) <= zeroB { t = 1 }
        t = min(1, max(0, t))
        return Point(x: a0x + t * dxA, y: a0y + t * dyA)
    }
}

/// Uniform grid over segments; each segment is listed in every cell it passes through (with a
/// small margin), so a crossing point's cell always lists both segments.
struct SegmentGrid {
    var minX = 0.0, minY = 0.0, cell = 1.0
    var cols = 1, rows = 1
    var start: [Int] = []
    var items: [Int] = []

    init(_ s: SegmentSet) {
        let count = s.count
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        var total = 0.0
        for i in 0..<count {
            x0 = min(x0, s.ax[i], s.bx[i])
            x1 = max(x1, s.ax[i], s.bx[i])
            y0 = min(y0, s.ay[i], s.by[i])
            y1 = max(y1, s.ay[i], s.by[i])
            total += abs(s.bx[i] - s.ax[i]) + abs(s.by[i] - s.ay[i])
        }
        let w = max(x1 - x0, 1), h = max(y1 - y0, 1)
        var size = max((w * h / Double(max(count, 1))).squareRoot(), total / Double(max(count, 1)), 1e-3)
        let maxCells = Double(max(4 * count, 1024))
        if (w / size + 1) * (h / size + 1) > maxCells { size = max(size, (w * h / maxCells).squareRoot() * 1.01) }
        minX = x0
        minY = y0
        cell = size
        cols = min(Int(w / size) + 1, 1 << 20)
        rows = min(Int(h / size) + 1, 1 << 20)
        var counts = [Int](repeating: 0, count: cols * rows + 1)
        forEachSegmentCell(s) { c, _ in counts[c + 1] += 1 }
        for c in 0..<(cols * rows) { counts[c + 1] += counts[c] }
        var fill = counts
        items = [Int](repeating: 0, count: counts[cols * rows])
        forEachSegmentCell(s) { c, i in
            items[fill[c]] = i
            fill[c] += 1
        }
        start = counts
    }

    @inline(__always) func column(_ x: Double) -> Int { min(cols - 1, max(0, Int(((x - minX) / cell).rounded(.down)))) }
    @inline(__always) func row(_ y: Double) -> Int { min(rows - 1, max(0, Int(((y - minY) / cell).rounded(.down)))) }
    func cell(of p: Point) -> Int { row(p.y) * cols + column(p.x) }

    func forEachSegmentCell(_ s: SegmentSet, _ body: (Int, Int) -> Void) {
        let eps = cell * 1e-6 + 1e-9
        for i in 0..<s.count {
            let ax = s.ax[i], ay = s.ay[i], bx = s.bx[i], by = s.by[i]
            let r0 = row(min(ay, by) - eps), r1 = row(max(ay, by) + eps)
            let dy = by - ay
            for r in r0...r1 {
                var lo = min(ax, bx), hi = max(ax, bx)
                if r0 != r1 && abs(dy) > 0 {
                    let yTop = minY + Double(r) * cell - eps, yBottom = minY + Double(r + 1) * cell + eps
                    var t0 = (yTop - ay) / dy, t1 = (yBottom - ay) / dy
                    if t0 > t1 { swap(&t0, &t1) }
                    t0 = max(0, t0)
                    t1 = min(1, t1)
                    if t0 > t1 { continue }
                    let xa = ax + (bx - ax) * t0, xb = ax + (bx - ax) * t1
                    lo = min(xa, xb)
                    hi = max(xa, xb)
                }
                let c0 = column(lo - eps), c1 = column(hi + eps)
                for c in c0...c1 { body(r * cols + c, i) }
            }
        }
    }

    /// Cells listing two or more segments: `body(cell, first, end)` over `items[first..<end]`.
    func forEachCell(_ body: (Int, Int, Int) -> Void) {
        for c in 0..<(cols * rows) where start[c + 1] - start[c] >= 2 {
            body(c, start[c], start[c + 1])
        }
    }
}

/// Uniform grid over node boxes.
struct NodeGrid {
    var minX = 0.0, minY = 0.0, cell = 1.0
    var cols = 1, rows = 1
    var start: [Int] = [0, 0]
    var items: [Int] = []
    let empty: Bool

    init(_ nodes: [Rect]) {
        empty = nodes.isEmpty
        if empty { return }
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        var sum = 0.0
        for r in nodes {
            x0 = min(x0, r.minX)
            y0 = min(y0, r.minY)
            x1 = max(x1, r.maxX)
            y1 = max(y1, r.maxY)
            sum += max(r.width, r.height)
        }
        let w = max(x1 - x0, 1), h = max(y1 - y0, 1)
        var size = max(sum / Double(nodes.count), (w * h / Double(nodes.count)).squareRoot() / 2, 1)
        let maxCells = Double(max(4 * nodes.count, 256))
        if (w / size + 1) * (h / size + 1) > maxCells { size = (w * h / maxCells).squareRoot() * 1.01 }
        minX = x0
        minY = y0
        cell = size
        cols = Int(w / size) + 1
        rows = Int(h / size) + 1
        var counts = [Int](repeating: 0, count: cols * rows + 1)
        for r in nodes {
            for y in row(r.minY)...row(r.maxY) { for x in column(r.minX)...column(r.maxX) { counts[y * cols + x + 1] += 1 } }
        }
        for c in 0..<(cols * rows) { counts[c + 1] += counts[c] }
        var fill = counts
        items = [Int](repeating: 0, count: counts[cols * rows])
        for (i, r) in nodes.enumerated() {
            for y in row(r.minY)...row(r.maxY) {
                for x in column(r.minX)...column(r.maxX) {
                    items[fill[y * cols + x]] = i
                    fill[y * cols + x] += 1
                }
            }
        }
        start = counts
    }

    @inline(__always) func column(_ x: Double) -> Int { min(cols - 1, max(0, Int(((x - minX) / cell).rounded(.down)))) }
    @inline(__always) func row(_ y: Double) -> Int { min(rows - 1, max(0, Int(((y - minY) / cell).rounded(.down)))) }

    /// Every node whose cell range meets the box (a node may be reported more than once).
    func forEachCandidate(minX x0: Double, minY y0: Double, maxX x1: Double, maxY y1: Double, _ body: (Int) -> Void) {
        if empty || !x0.isFinite || !x1.isFinite || !y0.isFinite || !y1.isFinite { return }
        if x1 < minX || y1 < minY || x0 > minX + Double(cols) * cell || y0 > minY + Double(rows) * cell { return }
        for y in row(y0)...row(y1) {
            for x in column(x0)...column(x1) {
                let c = y * cols + x
                for k in start[c]..<start[c + 1] { body(items[k]) }
            }
        }
    }

    /// The box nearest to `p` within `DrawingMetrics.endGap`, or -1.
    func nearest(_ p: Point, nodes: [Rect]) -> Int {
        let g = DrawingMetrics.endGap
        var best = -1, bestDistance = Double.infinity
        forEachCandidate(minX: p.x - g, minY: p.y - g, maxX: p.x + g, maxY: p.y + g) { c in
            let d = nodes[c].distance(to: p)
            if d <= g && (d < bestDistance || (d == bestDistance && c < best)) {
                best = c
                bestDistance = d
            }
        }
        return best
    }

    func endNodes(of line: [Point], nodes: [Rect]) -> (Int, Int) {
        guard let first = line.first, let last = line.last else { return (-1, -1) }
        return (nearest(first, nodes: nodes), nearest(last, nodes: nodes))
    }
}
