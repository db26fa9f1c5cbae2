/// Horizontal coordinate assignment by Brandes and Köpf ("Fast and Simple Horizontal Coordinate
/// Assignment", GD 2001), with the compaction done as longest paths over the block graph, which is
/// the correction described in the 2020 erratum by Brandes, Walter and Zink (the original
/// class-shift compaction can violate separation). Nodes have different widths: two neighbours in
/// a layer are kept `(width(a) + width(b)) / 2 + gap` apart, `gap` being `edgeGap` between two
/// dummies and `nodeGap` otherwise. Inner segments (dummy to dummy) win type-1 conflicts, so long
/// edges run straight. Linear time apart from sorting each node's neighbours.
struct BrandesKoepf {
    let g: LayerGraph
    let nodeGap: Double
    let edgeGap: Double
    /// Neighbours above / below sorted by position (CSR like `g.upStart` / `g.downStart`).
    var upSorted: [Int]
    var upSortedEdge: [Int]
    var downSorted: [Int]
    var downSortedEdge: [Int]
    var marked: [Bool]

    init(_ g: LayerGraph, nodeGap: Double, edgeGap: Double) {
        self.g = g
        self.nodeGap = nodeGap
        self.edgeGap = edgeGap
        upSorted = g.upNbr
        upSortedEdge = g.upEdge
        downSorted = g.downNbr
        downSortedEdge = g.downEdge
        marked = [Bool](repeating: false, count: g.edgeUpper.count)
        BrandesKoepf.sortByPosition(&upSorted, &upSortedEdge, start: g.upStart, pos: g.pos)
        BrandesKoepf.sortByPosition(&downSorted, &downSortedEdge, start: g.downStart, pos: g.pos)
    }

    static func sortByPosition(_ nbr: inout [Int], _ edge: inout [Int], start: [Int], pos: [Int]) {
        var pairs: [(Int, Int)] = []
        for v in 0..<(start.count - 1) {
            let a = start[v], b = start[v + 1]
            if b - a < 2 { continue }
            if b - a <= 8 {
                for i in (a + 1)..<b {
                    let x = nbr[i], ex = edge[i], px = pos[x]
                    var j = i - 1
                    while j >= a && pos[nbr[j]] > px {
                        nbr[j + 1] = nbr[j]
                        edge[j + 1] = edge[j]
                        j -= 1
                    }
                    nbr[j + 1] = x
                    edge[j + 1] = ex
                }
            } else {
                pairs.removeAll(keepingCapacity: true)
                for i in a..<b { pairs.append((nbr[i], edge[i])) }
                pairs.sort { pos[$0.0] < pos[$1.0] }
                for i in a..<b {
                    nbr[i] = pairs[i - a].0
                    edge[i] = pairs[i - a].1
                }
            }
        }
    }

    @inline(__always) func isDummy(_ v: Int) -> Bool { v >= g.realCount }

    /// Type-1 conflicts: a non-inner segment crossing an inner segment is marked and never aligned.
    mutating func markConflicts() {
        guard g.layerCount >= 2 else { return }
        for r in 0..<(g.layerCount - 1) {
            let s1 = g.layerStart[r + 1], n1 = g.layerStart[r + 2] - s1
            let n0 = g.layerStart[r + 1] - g.layerStart[r]
            var k0 = 0, l = 0
            for l1 in 0..<n1 {
                let v = g.order[s1 + l1]
                var innerUpper = -1
                if isDummy(v), g.upStart[v + 1] > g.upStart[v] {
                    let u = g.upNbr[g.upStart[v]]
                    if isDummy(u) { innerUpper = u }
                }
                if l1 == n1 - 1 || innerUpper >= 0 {
                    let k1 = innerUpper >= 0 ? g.pos[innerUpper] : n0 - 1
                    while l <= l1 {
                        let w = g.order[s1 + l]
                        for j in g.upStart[w]..<g.upStart[w + 1] {
                            let u = g.upNbr[j]
                            let k = g.pos[u]
                            if (k < k0 || k > k1) && !(isDummy(u) && isDummy(w)) { marked[g.upEdge[j]] = true }
                        }
                        l += 1
                    }
                    k0 = k1
                }
            }
        }
    }

    /// One of the four layouts: aligned with neighbours above (`down`) or below, leftmost (`left`)
    /// or rightmost. Returns the centre x of every node.
    func layout(down: Bool, left: Bool) -> [Double] {
        let n = g.nodeCount
        var root = Array(0..<n)
        var align = Array(0..<n)
        let h = g.layerCount
        @inline(__always) func hpos(_ v: Int) -> Int {
            left ? g.pos[v] : g.layerStart[g.layer[v] + 1] - g.layerStart[g.layer[v]] - 1 - g.pos[v]
        }
        if h >= 2 {
            for step in 1..<h {
                let r = down ? step : h - 1 - step
                let s = g.layerStart[r], e = g.layerStart[r + 1]
                let m = e - s
                var bound = -1
                for k in 0..<m {
                    let v = g.order[left ? s + k : e - 1 - k]
                    let a = down ? g.upStart[v] : g.downStart[v]
                    let b = down ? g.upStart[v + 1] : g.downStart[v + 1]
                    let d = b - a
                    if d == 0 { continue }
                    let lo = (d - 1) / 2, hi = d / 2
                    for mi in lo...hi {
                        if align[v] != v { break }
                        // the mi-th neighbour in horizontal order
                        let idx = left ? a + mi : b - 1 - mi
                        let u = down ? upSorted[idx] : downSorted[idx]
                        let edge = down ? upSortedEdge[idx] : downSortedEdge[idx]
                        let pu = hpos(u)
                        if !marked[edge] && bound < pu {
                            align[u] = v
                            root[v] = root[u]
                            align[v] = root[v]
                            bound = pu
                        }
                    }
                }
            }
        }
        // Block graph: for neighbours a, b (b after a in horizontal order) root(b) >= root(a) + sep.
        var outCount = [Int](repeating: 0, count: n + 1)
        var indeg = [Int](repeating: 0, count: n)
        for r in 0..<h {
            let s = g.layerStart[r], e = g.layerStart[r + 1]
            if e - s < 2 { continue }
            for i in s..<(e - 1) {
                let a = g.order[left ? i : i + 1]
                outCount[root[a] + 1] += 1
            }
        }
        for v in 0..<n { outCount[v + 1] += outCount[v] }
        var fill = outCount
        var succ = [Int](repeating: 0, count: outCount[n])
        var sep = [Double](repeating: 0, count: outCount[n])
        for r in 0..<h {
            let s = g.layerStart[r], e = g.layerStart[r + 1]
            if e - s < 2 { continue }
            for i in s..<(e - 1) {
                let a = g.order[left ? i : i + 1], b = g.order[left ? i + 1 : i]
                let ra = root[a], rb = root[b]
                let gap = isDummy(a) && isDummy(b) ? edgeGap : nodeGap
                succ[fill[ra]] = rb
                sep[fill[ra]] = (g.width[a] + g.width[b]) / 2 + gap
                fill[ra] += 1
                indeg[rb] += 1
            }
        }
        var topo: [Int] = []
        topo.reserveCapacity(n)
        for v in 0..<n where root[v] == v && indeg[v] == 0 { topo.append(v) }
        var qi = 0
        while qi < topo.count {
            let v = topo[qi]
            qi += 1
            for j in outCount[v]..<outCount[v + 1] {
                let w = succ[j]
                indeg[w] -= 1
                if indeg[w] == 0 { topo.append(w) }
            }
        }
        var x = [Double](repeating: 0, count: n)
        var blockCount = 0
        for v in 0..<n where root[v] == v { blockCount += 1 }
        if topo.count < blockCount {
            // Cannot happen for a valid alignment; fall back to packing every layer from the left.
            return BrandesKoepf.packed(g, nodeGap: nodeGap, edgeGap: edgeGap)
        }
        for v in topo {
            for j in outCount[v]..<outCount[v + 1] {
                let w = succ[j]
                let c = x[v] + sep[j]
                if c > x[w] { x[w] = c }
            }
        }
        for v in topo.reversed() {
            let a = outCount[v], b = outCount[v + 1]
            if a == b { continue }
            var lim = Double.infinity
            for j in a..<b { lim = min(lim, x[succ[j]] - sep[j]) }
            if lim > x[v] { x[v] = lim }
        }
        var result = [Double](repeating: 0, count: n)
        for v in 0..<n { result[v] = left ? x[root[v]] : -x[root[v]] }
        return result
    }

    /// Every layer packed from x = 0 (fallback only).
    static func packed(_ g: LayerGraph, nodeGap: Double, edgeGap: Double) -> [Double] {
        var x = [Double](repeating: 0, count: g.nodeCount)
        for r in 0..<g.layerCount {
            var cursor = 0.0
            var prev = -1
            for i in g.layerStart[r]..<g.layerStart[r + 1] {
                let v = g.order[i]
                if prev >= 0 {
                    let gap = prev >= g.realCount && v >= g.realCount ? edgeGap : nodeGap
                    cursor += gap
                }
                x[v] = cursor + g.width[v] / 2
                cursor += g.width[v]
                prev = v
            }
        }
        return x
    }

    /// The four layouts aligned to the narrowest, then per node the mean of the two median values.
    mutating func place() -> [Double] {
        let n = g.nodeCount
        if n == 0 { return [] }
        markConflicts()
        let variants = [(true, true), (true, false), (false, true), (false, false)]
        var xs = variants.map { layout(down: $0.0, left: $0.1) }
        var mins = [Double](repeating: .infinity, count: 4), maxs = [Double](repeating: -.infinity, count: 4)
        for k in 0..<4 {
            for v in 0..<n {
                let half = g.width[v] / 2
                mins[k] = min(mins[k], xs[k][v] - half)
                maxs[k] = max(maxs[k], xs[k][v] + half)
            }
        }
        var narrowest = 0
        for k in 1..<4 where maxs[k] - mins[k] < maxs[narrowest] - mins[narrowest] { narrowest = k }
        for k in 0..<4 {
            let shift = variants[k].1 ? mins[narrowest] - mins[k] : maxs[narrowest] - maxs[k]
            if shift != 0 { for v in 0..<n { xs[k][v] += shift } }
        }
        var result = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var a = xs[0][v], b = xs[1][v], c = xs[2][v], d = xs[3][v]
            if a > b { swap(&a, &b) }
            if c > d { swap(&c, &d) }
            // medians of four: max of the two minima and min of the two maxima
            result[v] = (max(a, c) + min(b, d)) / 2
        }
        // Guard the separation against rounding.
        for r in 0..<g.layerCount {
            let s = g.layerStart[r], e = g.layerStart[r + 1]
            if e - s < 2 { continue }
            for i in (s + 1)..<e {
                let a = g.order[i - 1], b = g.order[i]
                let gap = isDummy(a) && isDummy(b) ? edgeGap : nodeGap
                let need = result[a] + (g.width[a] + g.width[b]) / 2 + gap
                if result[b] < need { result[b] = need }
            }
        }
        return result
    }
}
