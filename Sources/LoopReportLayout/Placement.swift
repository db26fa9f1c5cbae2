/// Horizontal coordinate assignment by Brandes and Köpf ("Fast and Simple Horizontal Coordinate
/// Assignment", GD 2001), with the compaction done as longest paths over the block graph, which is
/// the correction described in the 2020 erratum by Brandes, Walter and Zink (the original
/// class-shift compaction can violate separation). Nodes have different widths: two neighbours in
/// a layer are kept `(width(a) + width(b)) / 2 + gap` apart, `gap` being `edgeGap` between two
/// dummies and `nodeGap` otherwise. Inner segments (dummy to dummy) win type-1 conflicts, so long
/// edges run straight. Linear time apart from sorting each node's neighbours.
///
/// With `alignBoxes` false only dummies are aligned (long edges as vertical blocks), boxes are not:
/// on plan-like graphs, whose layer orders drift sideways from layer to layer, blocks of aligned
/// boxes spanning many layers push each other into a staircase several times wider than any
/// layer (4–7× on generated plans). The layout engine starts from that placement and relaxes it
/// (`MedianRelaxation`, `SimplexPlacement`).
struct BrandesKoepf {
    let g: LayerGraph
    let nodeGap: Double
    let edgeGap: Double
    /// Align boxes with their median neighbours too, not only dummies with dummies.
    let alignBoxes: Bool
    /// Neighbours above / below sorted by position (CSR like `g.upStart` / `g.downStart`).
    var upSorted: [Int]
    var upSortedEdge: [Int]
    var downSorted: [Int]
    var downSortedEdge: [Int]
    var marked: [Bool]

    init(_ g: LayerGraph, nodeGap: Double, edgeGap: Double, alignBoxes: Bool) {
        self.g = g
        self.nodeGap = nodeGap
        self.edgeGap = edgeGap
        self.alignBoxes = alignBoxes
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
                        let allowed = alignBoxes || (isDummy(u) && isDummy(v))
                        if !marked[edge] && bound < pu && allowed {
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

/// dot's x coordinates (Gansner et al. 1993, section 4.2): network simplex on an auxiliary graph
/// whose ranks are the x coordinates. Every edge (u, v) of the layered graph becomes a new node n
/// with edges n→u and n→v (minimum length 0, weight ω × multiplicity: ω = 1 between boxes, 2 between
/// a box and a dummy, 8 between two dummies, so long edges are pulled straight), and neighbours a,
/// b in a layer get an edge a→b whose minimum length is their separation. Minimising the weighted
/// length minimises Σ ω |x(u) − x(v)|: compact and mostly straight. Starts from `start` (rounded,
/// made feasible), e.g. the Brandes–Köpf placement, so few pivots are needed; stops after
/// `maxIterations` pivots with the best placement reached so far (always a valid one).
enum SimplexPlacement {
    static func place(_ g: LayerGraph, nodeGap: Double, edgeGap: Double, start: [Double], maxIterations: Int) -> [Double] {
        let n = g.nodeCount
        let pm = g.edgeUpper.count
        var tails: [Int] = [], heads: [Int] = [], weights: [Int] = [], minlens: [Int] = []
        let capacity = 2 * pm + n
        tails.reserveCapacity(capacity)
        heads.reserveCapacity(capacity)
        weights.reserveCapacity(capacity)
        minlens.reserveCapacity(capacity)
        var x = [Int](repeating: 0, count: n + pm)
        // separation edges, and a feasible start
        for r in 0..<g.layerCount {
            let s = g.layerStart[r], e = g.layerStart[r + 1]
            for i in s..<e {
                let b = g.order[i]
                x[b] = Int(start[b].rounded())
                if i == s { continue }
                let a = g.order[i - 1]
                let gap = a >= g.realCount && b >= g.realCount ? edgeGap : nodeGap
                let sep = Int(((g.width[a] + g.width[b]) / 2 + gap).rounded(.up))
                if x[b] < x[a] + sep { x[b] = x[a] + sep }
                tails.append(a)
                heads.append(b)
                weights.append(0)
                minlens.append(sep)
            }
        }
        for e in 0..<pm {
            let u = g.edgeUpper[e], v = g.edgeLower[e]
            let dummies = (u >= g.realCount ? 1 : 0) + (v >= g.realCount ? 1 : 0)
            let omega = dummies == 2 ? 8 : dummies == 1 ? 2 : 1
            let t = n + e
            x[t] = min(x[u], x[v])
            for end in [u, v] {
                tails.append(t)
                heads.append(end)
                weights.append(omega * g.edgeWeight[e])
                minlens.append(0)
            }
        }
        var ns = NetworkSimplex(nodeCount: n + pm, tails: tails, heads: heads, weights: weights, minlens: minlens)
        let rank = ns.solve(maxIterations: maxIterations, balance: false, initial: x)
        return (0..<n).map { Double(rank[$0]) }
    }
}

/// Layer-by-layer relaxation of Σ ω |x(u) − x(v)| over the edges (ω as in `SimplexPlacement`):
/// each layer in turn is placed optimally for fixed neighbouring layers — an L1 isotonic regression
/// under the separation constraints, solved exactly by pool-adjacent-violators with weighted
/// medians (blocks keep their breakpoints sorted; merging two is a linear merge) — sweeping down and
/// up. A weak pull (weight `anchor`) to the current place keeps nodes without edges where they are
/// and breaks ties. Layers wider than `maxLayer` keep their places (the merging is quadratic there).
enum MedianRelaxation {
    static func relax(
        _ g: LayerGraph, x: inout [Double], nodeGap: Double, edgeGap: Double, sweeps: Int,
        anchor: Double = 0.01, maxLayer: Int = 2000
    ) {
        if g.layerCount == 0 { return }
        var value: [Double] = []  // breakpoints of the current layer, node after node
        var weight: [Double] = []
        var nodeStart: [Int] = []
        var offset: [Double] = []
        var blockFirst: [Int] = []  // first node of each block on the stack
        var blockMedian: [Double] = []
        var blockWeight: [Double] = []
        var tmpV: [Double] = [], tmpW: [Double] = []
        // A sweep is a function of the places alone: once a sweep down and one up leave them
        // as they found them, the remaining pairs would too.
        var pairStart = x
        for sweep in 0..<sweeps {
            if sweep % 2 == 0, sweep > 0 {
                // Bit for bit (`==` takes -0.0 for 0.0).
                if (sweeps - sweep) % 2 == 0, x.elementsEqual(pairStart, by: { $0.bitPattern == $1.bitPattern }) { break }
                pairStart = x
            }
            let down = sweep % 2 == 0
            for step in 0..<g.layerCount {
                let r = down ? step : g.layerCount - 1 - step
                let s = g.layerStart[r], e = g.layerStart[r + 1]
                let k = e - s
                if k == 0 || k > maxLayer { continue }
                value.removeAll(keepingCapacity: true)
                weight.removeAll(keepingCapacity: true)
                nodeStart.removeAll(keepingCapacity: true)
                offset.removeAll(keepingCapacity: true)
                var o = 0.0
                for i in s..<e {
                    let v = g.order[i]
                    if i > s {
                        let a = g.order[i - 1]
                        let gap = a >= g.realCount && v >= g.realCount ? edgeGap : nodeGap
                        o += (g.width[a] + g.width[v]) / 2 + gap
                    }
                    offset.append(o)
                    let first = value.count
                    nodeStart.append(first)
                    value.append(x[v] - o)
                    weight.append(anchor)
                    let dv = v >= g.realCount
                    for j in g.upStart[v]..<g.upStart[v + 1] {
                        let u = g.upNbr[j]
                        value.append(x[u] - o)
                        weight.append(Double(omega(dv, u >= g.realCount) * g.upW[j]))
                    }
                    for j in g.downStart[v]..<g.downStart[v + 1] {
                        let u = g.downNbr[j]
                        value.append(x[u] - o)
                        weight.append(Double(omega(dv, u >= g.realCount) * g.downW[j]))
                    }
                    sortRange(&value, &weight, first, value.count)
                }
                nodeStart.append(value.count)
                // pool adjacent violators
                blockFirst.removeAll(keepingCapacity: true)
                blockMedian.removeAll(keepingCapacity: true)
                blockWeight.removeAll(keepingCapacity: true)
                for i in 0..<k {
                    var total = 0.0
                    for j in nodeStart[i]..<nodeStart[i + 1] { total += weight[j] }
                    blockFirst.append(i)
                    blockWeight.append(total)
                    blockMedian.append(median(value, weight, nodeStart[i], nodeStart[i + 1], total))
                    while blockMedian.count >= 2 && blockMedian[blockMedian.count - 2] > blockMedian[blockMedian.count - 1] {
                        let right = blockFirst.removeLast()
                        blockMedian.removeLast()
                        let rightWeight = blockWeight.removeLast()
                        let left = blockFirst[blockFirst.count - 1]
                        let lo = nodeStart[left], mid = nodeStart[right], hi = nodeStart[i + 1]
                        mergeRanges(&value, &weight, lo, mid, hi, &tmpV, &tmpW)
                        let total = blockWeight[blockWeight.count - 1] + rightWeight
                        blockWeight[blockWeight.count - 1] = total
                        blockMedian[blockMedian.count - 1] = median(value, weight, lo, hi, total)
                    }
                }
                var b = 0
                for i in 0..<k {
                    while b + 1 < blockFirst.count && blockFirst[b + 1] <= i { b += 1 }
                    x[g.order[s + i]] = blockMedian[b] + offset[i]
                }
            }
        }
    }

    @inline(__always) static func omega(_ a: Bool, _ b: Bool) -> Int { a && b ? 8 : (a || b) ? 2 : 1 }

    /// Sorts `value[from..<to]` (carrying `weight`): insertion sort, the ranges are short.
    static func sortRange(_ value: inout [Double], _ weight: inout [Double], _ from: Int, _ to: Int) {
        if to - from < 2 { return }
        if to - from > 32 {
            var pairs = (from..<to).map { (value[$0], weight[$0]) }
            pairs.sort { $0.0 < $1.0 }
            for (k, p) in pairs.enumerated() {
                value[from + k] = p.0
                weight[from + k] = p.1
            }
            return
        }
        for i in (from + 1)..<to {
            let v = value[i], w = weight[i]
            var j = i - 1
            while j >= from && value[j] > v {
                value[j + 1] = value[j]
                weight[j + 1] = weight[j]
                j -= 1
            }
            value[j + 1] = v
            weight[j + 1] = w
        }
    }

    /// Merges the sorted ranges `lo..<mid` and `mid..<hi` into one sorted range.
    static func mergeRanges(
        _ value: inout [Double], _ weight: inout [Double], _ lo: Int, _ mid: Int, _ hi: Int,
        _ tmpV: inout [Double], _ tmpW: inout [Double]
    ) {
        if mid == lo || mid == hi || value[mid - 1] <= value[mid] { return }
        tmpV.removeAll(keepingCapacity: true)
        tmpW.removeAll(keepingCapacity: true)
        for j in lo..<mid {
            tmpV.append(value[j])
            tmpW.append(weight[j])
        }
        var a = 0, b = mid, out = lo
        let na = tmpV.count
        while a < na && b < hi {
            if value[b] < tmpV[a] {
                value[out] = value[b]
                weight[out] = weight[b]
                b += 1
            } else {
                value[out] = tmpV[a]
                weight[out] = tmpW[a]
                a += 1
            }
            out += 1
        }
        while a < na {
            value[out] = tmpV[a]
            weight[out] = tmpW[a]
            a += 1
            out += 1
        }
    }

    /// Weighted median of the sorted `value[from..<to]` (total weight `total`): the midpoint of the
    /// median interval.
    static func median(_ value: [Double], _ weight: [Double], _ from: Int, _ to: Int, _ total: Double) -> Double {
        let half = total / 2
        var cumulative = 0.0
        for i in from..<to {
            cumulative += weight[i]
            if cumulative > half + 1e-9 { return value[i] }
            if cumulative >= half - 1e-9 { return i + 1 < to ? (value[i] + value[i + 1]) / 2 : value[i] }
        }
        return to > from ? value[to - 1] : 0
    }
}
