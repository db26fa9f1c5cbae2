/// Crossing minimisation on the proper layered graph: layer sweeps ordering by (weighted) median
/// or barycenter with adjacent transpositions (dot's mincross), then sifting (Matuszewski,
/// Schönfeld, Molitor 1999) until no single node can move to a better place in its layer.
/// Crossings between two layers are counted with the accumulator tree of Barth, Jünger and Mutzel
/// (2004) in O(E log V). All crossing counts are weighted by edge multiplicity.
struct CrossingMinimizer {
    var g: LayerGraph
    // scratch
    var bucket: [Int] = []
    var seqPos: [Int] = []
    var seqW: [Int] = []
    var fenwick: [Int] = []
    var keys: [Double] = []
    var nbrScratch: [Int] = []
    var sortScratch: [(key: Double, tie: Int, node: Int)] = []
    var candidate: [Bool] = []
    var layerCross: [Int] = []

    init(_ g: LayerGraph) {
        self.g = g
        let n = g.nodeCount
        bucket = [Int](repeating: 0, count: n + 2)
        seqPos = [Int](repeating: 0, count: g.edgeUpper.count)
        seqW = [Int](repeating: 0, count: g.edgeUpper.count)
        fenwick = [Int](repeating: 0, count: n + 2)
        keys = [Double](repeating: 0, count: n)
        candidate = [Bool](repeating: true, count: g.layerCount)
        layerCross = [Int](repeating: 0, count: max(g.layerCount, 1))
    }

    // MARK: Counting

    /// Weighted crossings between layer `r` and `r + 1`.
    mutating func crossings(below r: Int) -> Int {
        let s0 = g.layerStart[r], n0 = g.layerStart[r + 1] - s0
        let s1 = g.layerStart[r + 1], n1 = g.layerStart[r + 2] - s1
        if n0 < 2 || n1 < 2 { return 0 }
        for i in 0...n0 { bucket[i] = 0 }
        for i in s1..<(s1 + n1) {
            let w = g.order[i]
            for j in g.upStart[w]..<g.upStart[w + 1] { bucket[g.pos[g.upNbr[j]] + 1] += 1 }
        }
        for i in 0..<n0 { bucket[i + 1] += bucket[i] }
        let count = bucket[n0]
        if count < 2 { return 0 }
        for i in s1..<(s1 + n1) {
            let w = g.order[i]
            let pw = g.pos[w]
            for j in g.upStart[w]..<g.upStart[w + 1] {
                let p = g.pos[g.upNbr[j]]
                let k = bucket[p]
                seqPos[k] = pw
                seqW[k] = g.upW[j]
                bucket[p] = k + 1
            }
        }
        for i in 0...n1 { fenwick[i] = 0 }
        var total = 0, cross = 0
        for k in 0..<count {
            let p = seqPos[k] + 1, w = seqW[k]
            // weight at positions <= p
            var i = p, prefix = 0
            while i > 0 {
                prefix += fenwick[i]
                i &= i - 1
            }
            cross += w * (total - prefix)
            i = p
            while i <= n1 {
                fenwick[i] += w
                i += i & -i
            }
            total += w
        }
        return cross
    }

    mutating func totalCrossings() -> Int {
        var sum = 0
        if g.layerCount < 2 { return 0 }
        for r in 0..<(g.layerCount - 1) {
            let c = crossings(below: r)
            layerCross[r] = c
            sum += c
        }
        return sum
    }

    // MARK: Initial order

    /// Breadth-first from the sources in node order (dot's initial order): each node is appended to
    /// its layer when first reached, following edges downwards first.
    mutating func installBreadthFirstOrder(orderable: [Bool]) {
        var layers = [[Int]](repeating: [], count: g.layerCount)
        var seen = [Bool](repeating: false, count: g.nodeCount)
        var queue: [Int] = []
        queue.reserveCapacity(g.nodeCount)
        func visit(from start: Int) {
            seen[start] = true
            queue.removeAll(keepingCapacity: true)
            queue.append(start)
            var qi = 0
            while qi < queue.count {
                let v = queue[qi]
                qi += 1
                layers[g.layer[v]].append(v)
                for j in g.downStart[v]..<g.downStart[v + 1] where !seen[g.downNbr[j]] {
                    seen[g.downNbr[j]] = true
                    queue.append(g.downNbr[j])
                }
                for j in g.upStart[v]..<g.upStart[v + 1] where !seen[g.upNbr[j]] {
                    seen[g.upNbr[j]] = true
                    queue.append(g.upNbr[j])
                }
            }
        }
        for v in 0..<g.nodeCount where orderable[v] && !seen[v] && g.upStart[v] == g.upStart[v + 1] { visit(from: v) }
        for v in 0..<g.nodeCount where orderable[v] && !seen[v] { visit(from: v) }
        g.setOrder(layers)
    }

    // MARK: Sweeps

    /// Reorders layer `r` by the median (or barycenter) of each node's neighbours in the layer above
    /// (`fromAbove`) or below. Nodes without such neighbours keep their slots.
    mutating func reorder(layer r: Int, fromAbove: Bool, barycenter: Bool, reverseTies: Bool) {
        let s = g.layerStart[r], e = g.layerStart[r + 1]
        if e - s < 2 { return }
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = g.order[i]
            let a = fromAbove ? g.upStart[v] : g.downStart[v]
            let b = fromAbove ? g.upStart[v + 1] : g.downStart[v + 1]
            if a == b {
                keys[v] = -1
                continue
            }
            var key: Double
            if barycenter {
                var sum = 0, weight = 0
                for j in a..<b {
                    let u = fromAbove ? g.upNbr[j] : g.downNbr[j]
                    let w = fromAbove ? g.upW[j] : g.downW[j]
                    sum += g.pos[u] * w
                    weight += w
                }
                key = Double(sum) / Double(weight)
            } else {
                nbrScratch.removeAll(keepingCapacity: true)
                for j in a..<b { nbrScratch.append(g.pos[fromAbove ? g.upNbr[j] : g.downNbr[j]]) }
                key = CrossingMinimizer.weightedMedian(&nbrScratch)
            }
            keys[v] = key
            sortScratch.append((key, reverseTies ? -(i - s) : i - s, v))
        }
        if sortScratch.count < 2 { return }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var k = 0
        for i in s..<e where keys[g.order[i]] >= 0 {
            g.order[i] = sortScratch[k].node
            k += 1
        }
        for i in s..<e { g.pos[g.order[i]] = i - s }
    }

    /// dot's weighted median of sorted positions: the middle one, or between the two middle ones
    /// weighted towards the side where the neighbours are packed more tightly.
    static func weightedMedian(_ p: inout [Int]) -> Double {
        let m = p.count
        if m > 1 {
            if m <= 16 {
                for i in 1..<m {
                    let x = p[i]
                    var j = i - 1
                    while j >= 0 && p[j] > x {
                        p[j + 1] = p[j]
                        j -= 1
                    }
                    p[j + 1] = x
                }
            } else {
                p.sort()
            }
        }
        if m % 2 == 1 { return Double(p[m / 2]) }
        if m == 2 { return Double(p[0] + p[1]) / 2 }
        let lm = p[m / 2 - 1], rm = p[m / 2]
        let left = Double(lm - p[0]), right = Double(p[m - 1] - rm)
        if left + right == 0 { return Double(lm + rm) / 2 }
        return (Double(lm) * right + Double(rm) * left) / (left + right)
    }

    mutating func sweep(down: Bool, barycenter: Bool, reverseTies: Bool) {
        let h = g.layerCount
        if h < 2 { return }
        if down {
            for r in 1..<h { reorder(layer: r, fromAbove: true, barycenter: barycenter, reverseTies: reverseTies) }
        } else {
            for r in stride(from: h - 2, through: 0, by: -1) {
                reorder(layer: r, fromAbove: false, barycenter: barycenter, reverseTies: reverseTies)
            }
        }
    }

    /// Crossings among the edges of `v` and `w` (same layer) with `v` left of `w` (`.0`) and with
    /// `w` left of `v` (`.1`).
    @inline(__always)
    func pairCrossings(_ v: Int, _ w: Int) -> (Int, Int) {
        var c0 = 0, c1 = 0
        let va = g.upStart[v], vb = g.upStart[v + 1], wa = g.upStart[w], wb = g.upStart[w + 1]
        if va < vb && wa < wb {
            for i in va..<vb {
                let pa = g.pos[g.upNbr[i]], wa1 = g.upW[i]
                for j in wa..<wb {
                    let pb = g.pos[g.upNbr[j]]
                    if pa > pb { c0 += wa1 * g.upW[j] } else if pa < pb { c1 += wa1 * g.upW[j] }
                }
            }
        }
        let vc = g.downStart[v], vd = g.downStart[v + 1], wc = g.downStart[w], wd = g.downStart[w + 1]
        if vc < vd && wc < wd {
            for i in vc..<vd {
                let pa = g.pos[g.downNbr[i]], wa1 = g.downW[i]
                for j in wc..<wd {
                    let pb = g.pos[g.downNbr[j]]
                    if pa > pb { c0 += wa1 * g.downW[j] } else if pa < pb { c1 += wa1 * g.downW[j] }
                }
            }
        }
        return (c0, c1)
    }

    /// Adjacent exchanges in layer `r` that reduce crossings (or keep them, when `reverse`).
    mutating func transposeStep(_ r: Int, reverse: Bool) -> Int {
        let s = g.layerStart[r], e = g.layerStart[r + 1]
        var delta = 0
        if e - s < 2 { return 0 }
        for i in s..<(e - 1) {
            let v = g.order[i], w = g.order[i + 1]
            let (c0, c1) = pairCrossings(v, w)
            if c1 < c0 || (c0 > 0 && reverse && c1 == c0) {
                g.order[i] = w
                g.order[i + 1] = v
                g.pos[w] = i - s
                g.pos[v] = i + 1 - s
                delta += c0 - c1
                if r > 0 { candidate[r - 1] = true }
                if r + 1 < g.layerCount { candidate[r + 1] = true }
            }
        }
        return delta
    }

    mutating func transpose(reverse: Bool) {
        for r in 0..<g.layerCount { candidate[r] = true }
        var rounds = 0
        while true {
            var delta = 0
            for r in 0..<g.layerCount where candidate[r] {
                candidate[r] = false
                delta += transposeStep(r, reverse: reverse)
            }
            rounds += 1
            if delta < 1 || rounds > 64 { break }
        }
    }

    // MARK: Sifting

    /// Moves each node of layer `r` (most edges first) to the place in its layer where its edges
    /// cross fewest others, counting both neighbouring layers. Returns the crossings saved.
    mutating func siftLayer(_ r: Int) -> Int {
        let s = g.layerStart[r], e = g.layerStart[r + 1]
        let m = e - s
        if m < 2 { return 0 }
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = g.order[i]
            let d = g.degree(v)
            if d > 0 { sortScratch.append((Double(-d), i, v)) }
        }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var saved = 0
        for item in sortScratch {
            let v = item.node
            let p0 = g.pos[v]
            var bestDelta = 0, bestPos = p0
            var delta = 0
            // moving left past order[s + k] for k = p0-1 down to 0
            var k = p0 - 1
            while k >= 0 {
                let w = g.order[s + k]
                let (cvw, cwv) = pairCrossings(v, w)
                delta += cvw - cwv
                if delta < bestDelta { bestDelta = delta; bestPos = k }
                k -= 1
            }
            delta = 0
            k = p0 + 1
            while k < m {
                let w = g.order[s + k]
                let (cvw, cwv) = pairCrossings(v, w)
                delta += cwv - cvw
                if delta < bestDelta || (delta == bestDelta && bestPos < p0 && delta < 0 && k - p0 < p0 - bestPos) {
                    bestDelta = delta
                    bestPos = k
                }
                k += 1
            }
            if bestPos == p0 { continue }
            saved -= bestDelta
            if bestPos < p0 {
                var i = s + p0
                while i > s + bestPos {
                    let u = g.order[i - 1]
                    g.order[i] = u
                    g.pos[u] = i - s
                    i -= 1
                }
            } else {
                var i = s + p0
                while i < s + bestPos {
                    let u = g.order[i + 1]
                    g.order[i] = u
                    g.pos[u] = i - s
                    i += 1
                }
            }
            g.order[s + bestPos] = v
            g.pos[v] = bestPos
        }
        return saved
    }

    // MARK: Drivers

    /// Plain barycenter sweeps, alternately down and up, keeping the best order seen.
    mutating func barycenterSweeps(iterations: Int) -> Int {
        var best = totalCrossings()
        var bestOrder = g.order
        for iter in 0..<iterations {
            if best == 0 { break }
            sweep(down: iter % 2 == 0, barycenter: true, reverseTies: false)
            let c = totalCrossings()
            if c < best {
                best = c
                bestOrder = g.order
            }
        }
        g.setOrder(flat: bestOrder)
        return best
    }

    /// dot's mincross iteration: median sweeps alternating down and up, each followed by
    /// transpositions; stops after `minQuit` iterations without real progress.
    mutating func medianSweeps(iterations: Int, minQuit: Int, best bestIn: Int, bestOrder bestOrderIn: [Int]) -> (Int, [Int]) {
        var best = bestIn
        var bestOrder = bestOrderIn
        var current = totalCrossings()
        if current < best {
            best = current
            bestOrder = g.order
        }
        var trying = 0
        for iter in 0..<iterations {
            if trying >= minQuit || current == 0 { break }
            trying += 1
            let reverse = iter % 4 < 2
            sweep(down: iter % 2 == 0, barycenter: false, reverseTies: reverse)
            transpose(reverse: !reverse)
            current = totalCrossings()
            if current <= best {
                if Double(current) < 0.995 * Double(best) { trying = 0 }
                best = current
                bestOrder = g.order
            }
        }
        return (best, bestOrder)
    }

    /// Sifting rounds over all layers (down then up) until a round saves less than 0.1 %.
    mutating func sift(rounds: Int, crossings: Int) -> Int {
        var current = crossings
        let h = g.layerCount
        for round in 0..<rounds {
            if current == 0 { break }
            var saved = 0
            if round % 2 == 0 {
                for r in 0..<h { saved += siftLayer(r) }
            } else {
                for r in stride(from: h - 1, through: 0, by: -1) { saved += siftLayer(r) }
            }
            current -= saved
            if saved == 0 || saved * 1000 < current { break }
        }
        return current
    }
}
