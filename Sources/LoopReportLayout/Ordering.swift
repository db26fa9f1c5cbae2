/// Crossing minimisation on the proper layered graph: layer sweeps ordering by dot's weighted
/// median, each followed by adjacent transpositions (dot's mincross, equal exchanges included), then
/// sifting (Matuszewski, Schönfeld, Molitor 1999) until no single node can move to a better place in
/// its layer. Crossings between two layers are counted with the accumulator tree of Barth, Jünger
/// and Mutzel (2004) in O(E log V). All crossing counts are weighted by edge multiplicity.
///
/// The hot loops work on fixed buffers of 32-bit values (`FixedBuffer`) with the nodes renumbered
/// layer by layer, so that a layer's data is contiguous in memory; `layers()` hands the order back
/// in the graph's node ids.
final class CrossingMinimizer {
    let n: Int
    let h: Int
    let m: Int
    let realCount: Int
    /// Internal id of each graph node, and back.
    let newOf: [Int]
    let oldOf: [Int]
    let layerOf: [Int]
    /// Per layer, the first index in `order` (`h + 2` entries).
    let layerStart: FixedBuffer<Int>
    /// Per node: first and end index of its neighbours above (in `upNbr`), then below (`downNbr`).
    let adj: FixedBuffer<Int32>
    let upNbr: FixedBuffer<Int32>
    let upW: FixedBuffer<Int32>
    let downNbr: FixedBuffer<Int32>
    let downW: FixedBuffer<Int32>
    /// All edge weights are 1.
    let unitWeights: Bool
    let order: FixedBuffer<Int32>
    let pos: FixedBuffer<Int32>
    /// Transposition round from which a node's pairs must be looked at again.
    let dirty: FixedBuffer<Int32>
    /// Per layer, the span of positions holding marked nodes (empty: lo > hi).
    let dirtyLo: FixedBuffer<Int>
    let dirtyHi: FixedBuffer<Int>
    var roundCounter: Int32 = 0
    // scratch (fixed buffers: no exclusivity checks in the loops)
    let bucket: FixedBuffer<Int>
    let seqPos: FixedBuffer<Int32>
    let seqW: FixedBuffer<Int32>
    let fenwick: FixedBuffer<Int>
    let keys: FixedBuffer<Double>
    var nbrScratch: [Int] = []
    var sortScratch: [(key: Double, tie: Int, node: Int32)] = []
    var orderedCount = 0
    var maxSiftLayer = 300
    /// Pair evaluations (transpositions, sifting) left before the search stops where it is: keeps
    /// the time bounded on dense or huge graphs, and the result deterministic (unlike a clock).
    var budget = Int.max

    init(_ g: LayerGraph) {
        realCount = g.realCount
        n = g.nodeCount
        h = g.layerCount
        m = g.edgeUpper.count
        // renumber by layer (stable)
        var count = [Int](repeating: 0, count: h + 1)
        for v in 0..<n { count[g.layer[v] + 1] += 1 }
        for r in 0..<h { count[r + 1] += count[r] }
        var newOf = [Int](repeating: 0, count: n)
        var oldOf = [Int](repeating: 0, count: n)
        for v in 0..<n {
            let k = count[g.layer[v]]
            count[g.layer[v]] = k + 1
            newOf[v] = k
            oldOf[k] = v
        }
        self.newOf = newOf
        self.oldOf = oldOf
        layerOf = oldOf.map { g.layer[$0] }
        adj = FixedBuffer(count: 4 * n, repeating: 0)
        upNbr = FixedBuffer(count: m, repeating: 0)
        upW = FixedBuffer(count: m, repeating: 0)
        downNbr = FixedBuffer(count: m, repeating: 0)
        downW = FixedBuffer(count: m, repeating: 0)
        var ku = 0, kd = 0, unit = true
        for v in 0..<n {
            let old = oldOf[v]
            adj[4 * v] = Int32(ku)
            for j in g.upStart[old]..<g.upStart[old + 1] {
                upNbr[ku] = Int32(newOf[g.upNbr[j]])
                upW[ku] = Int32(clamping: g.upW[j])
                if g.upW[j] != 1 { unit = false }
                ku += 1
            }
            adj[4 * v + 1] = Int32(ku)
            adj[4 * v + 2] = Int32(kd)
            for j in g.downStart[old]..<g.downStart[old + 1] {
                downNbr[kd] = Int32(newOf[g.downNbr[j]])
                downW[kd] = Int32(clamping: g.downW[j])
                kd += 1
            }
            adj[4 * v + 3] = Int32(kd)
        }
        unitWeights = unit
        layerStart = FixedBuffer(count: h + 2, repeating: 0)
        order = FixedBuffer(count: n, repeating: 0)
        pos = FixedBuffer(count: n, repeating: 0)
        dirty = FixedBuffer(count: n, repeating: 0)
        dirtyLo = FixedBuffer(count: h, repeating: 0)
        dirtyHi = FixedBuffer(count: h, repeating: -1)
        bucket = FixedBuffer(count: n + 2, repeating: 0)
        seqPos = FixedBuffer(count: m, repeating: 0)
        seqW = FixedBuffer(count: m, repeating: 0)
        fenwick = FixedBuffer(count: n + 2, repeating: 0)
        keys = FixedBuffer(count: n, repeating: 0)
    }

    deinit {
        for buffer in [adj, upNbr, upW, downNbr, downW, order, pos, dirty, seqPos, seqW] { buffer.deallocate() }
        for buffer in [layerStart, dirtyLo, dirtyHi, bucket, fenwick] { buffer.deallocate() }
        keys.deallocate()
    }

    @inline(__always) func upLo(_ v: Int) -> Int { Int(adj[4 &* v]) }
    @inline(__always) func upHi(_ v: Int) -> Int { Int(adj[4 &* v &+ 1]) }
    @inline(__always) func downLo(_ v: Int) -> Int { Int(adj[4 &* v &+ 2]) }
    @inline(__always) func downHi(_ v: Int) -> Int { Int(adj[4 &* v &+ 3]) }
    @inline(__always) func degree(_ v: Int) -> Int { upHi(v) - upLo(v) + downHi(v) - downLo(v) }

    /// Installs node lists (internal ids) per layer, left to right.
    func install(_ layers: [[Int]]) {
        var k = 0
        for r in 0..<h {
            layerStart[r] = k
            for (i, v) in layers[r].enumerated() {
                order[k] = Int32(v)
                pos[v] = Int32(i)
                k += 1
            }
        }
        layerStart[h] = k
        layerStart[h + 1] = k
        orderedCount = k
    }

    /// The current order as a flat array (layer after layer).
    func snapshot() -> [Int32] {
        order.array(prefix: orderedCount)
    }

    func restore(_ flat: [Int32]) {
        for (i, v) in flat.enumerated() { order[i] = v }
        for r in 0..<h {
            let s = layerStart[r]
            for i in s..<layerStart[r + 1] { pos[Int(order[i])] = Int32(i - s) }
        }
    }

    /// The current order per layer, in graph node ids.
    func layers() -> [[Int]] {
        (0..<h).map { r in (layerStart[r]..<layerStart[r + 1]).map { oldOf[Int(order[$0])] } }
    }

    // MARK: Counting

    /// Weighted crossings between layer `r` and `r + 1`.
    func crossings(below r: Int) -> Int {
        let s0 = layerStart[r], n0 = layerStart[r + 1] - s0
        let s1 = layerStart[r + 1], n1 = layerStart[r + 2] - s1
        if n0 < 2 || n1 < 2 { return 0 }
        for i in 0...n0 { bucket[i] = 0 }
        for i in s1..<(s1 + n1) {
            let w = Int(order[i])
            for j in upLo(w)..<upHi(w) { bucket[Int(pos[Int(upNbr[j])]) + 1] += 1 }
        }
        for i in 0..<n0 { bucket[i + 1] += bucket[i] }
        let count = bucket[n0]
        if count < 2 { return 0 }
        for i in s1..<(s1 + n1) {
            let w = Int(order[i])
            let pw = pos[w]
            for j in upLo(w)..<upHi(w) {
                let p = Int(pos[Int(upNbr[j])])
                let k = bucket[p]
                seqPos[k] = pw
                seqW[k] = upW[j]
                bucket[p] = k + 1
            }
        }
        for i in 0...n1 { fenwick[i] = 0 }
        var total = 0, cross = 0
        for k in 0..<count {
            let p = Int(seqPos[k]) + 1, w = Int(seqW[k])
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

    func totalCrossings() -> Int {
        if h < 2 { return 0 }
        var sum = 0
        for r in 0..<(h - 1) { sum += crossings(below: r) }
        return sum
    }

    // MARK: Initial orders

    /// Initial orders, in the order they are tried. Total crossings over 12 generated plans of 1,000
    /// nodes, from each alone: 31,556, 31,922, 31,793, 32,081, 32,326; the best of the first two
    /// (the best pair): 31,173.
    enum InitialOrder: CaseIterable, Sendable {
        /// Breadth-first from the sinks, last node first, upward edges first; layers mirrored.
        case breadthFirstUp
        /// Breadth-first from the sources in node order, downward edges first (dot's).
        case breadthFirstDown
        /// Depth-first from the sinks, last node first, upward edges first; layers mirrored.
        case depthFirstUp
        /// By node index (the input order); a dummy by the mean index of its edge's ends.
        case nodeIndex
        /// Depth-first from the sources in node order, downward edges first.
        case depthFirstDown
    }

    /// Installs an initial order of the `orderable` nodes (graph node ids).
    func installInitialOrder(_ kind: InitialOrder, orderable orderableOld: [Bool]) {
        var orderable = [Bool](repeating: false, count: n)
        for v in 0..<n { orderable[newOf[v]] = orderableOld[v] }
        var layers = [[Int]](repeating: [], count: h)
        if kind == .nodeIndex {
            var key = [Double](repeating: 0, count: n)
            for v in 0..<n {
                let old = oldOf[v]
                if old < realCount {
                    key[v] = Double(old)
                    continue
                }
                var a = v
                while oldOf[a] >= realCount { a = Int(upNbr[upLo(a)]) }
                var b = v
                while oldOf[b] >= realCount { b = Int(downNbr[downLo(b)]) }
                key[v] = Double(oldOf[a] + oldOf[b]) / 2
            }
            for v in 0..<n where orderable[v] { layers[layerOf[v]].append(v) }
            for r in 0..<h { layers[r].sort { key[$0] < key[$1] || (key[$0] == key[$1] && $0 < $1) } }
            install(layers)
            return
        }
        // Traversals: each node joins its layer when first reached.
        var seen = [Bool](repeating: false, count: n)
        var list: [Int] = []
        list.reserveCapacity(n)
        let upward = kind == .breadthFirstUp || kind == .depthFirstUp
        let depthFirst = kind == .depthFirstDown || kind == .depthFirstUp
        func pushNeighbours(_ v: Int, down: Bool) {
            let lo = down ? downLo(v) : upLo(v), hi = down ? downHi(v) : upHi(v)
            let nbr = down ? downNbr : upNbr
            if depthFirst {
                // reversed, so that the first neighbour is popped first
                var j = hi - 1
                while j >= lo {
                    let u = Int(nbr[j])
                    if !seen[u] { list.append(u) }
                    j -= 1
                }
            } else {
                for j in lo..<hi {
                    let u = Int(nbr[j])
                    if !seen[u] {
                        seen[u] = true
                        list.append(u)
                    }
                }
            }
        }
        func visit(from start: Int) {
            list.removeAll(keepingCapacity: true)
            list.append(start)
            if depthFirst {
                while let v = list.popLast() {
                    if seen[v] { continue }
                    seen[v] = true
                    layers[layerOf[v]].append(v)
                    // the preferred direction is pushed last, so explored first
                    pushNeighbours(v, down: upward)
                    pushNeighbours(v, down: !upward)
                }
            } else {
                seen[start] = true
                var qi = 0
                while qi < list.count {
                    let v = list[qi]
                    qi += 1
                    layers[layerOf[v]].append(v)
                    pushNeighbours(v, down: !upward)
                    pushNeighbours(v, down: upward)
                }
            }
        }
        // starting points in graph node order (backwards for the upward traversals)
        for k in 0..<n {
            let v = newOf[upward ? n - 1 - k : k]
            let isStart = upward ? downLo(v) == downHi(v) : upLo(v) == upHi(v)
            if orderable[v] && !seen[v] && isStart { visit(from: v) }
        }
        for k in 0..<n {
            let v = newOf[k]
            if orderable[v] && !seen[v] { visit(from: v) }
        }
        if upward { for r in 0..<h { layers[r].reverse() } }
        install(layers)
    }

    // MARK: Sweeps

    /// Reorders layer `r` by the median (or barycenter) of each node's neighbours in the layer above
    /// (`fromAbove`) or below; stable. Nodes without such neighbours keep their slots.
    func reorder(layer r: Int, fromAbove: Bool, barycenter: Bool) {
        let s = layerStart[r], e = layerStart[r + 1]
        if e - s < 2 { return }
        let nbr = fromAbove ? upNbr : downNbr
        let wts = fromAbove ? upW : downW
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = Int(order[i])
            let a = fromAbove ? upLo(v) : downLo(v), b = fromAbove ? upHi(v) : downHi(v)
            if a == b {
                keys[v] = -1
                continue
            }
            let key: Double
            if barycenter {
                var sum = 0, weight = 0
                for j in a..<b {
                    sum += Int(pos[Int(nbr[j])]) * Int(wts[j])
                    weight += Int(wts[j])
                }
                key = Double(sum) / Double(weight)
            } else if b - a == 1 {
                key = Double(pos[Int(nbr[a])])
            } else {
                nbrScratch.removeAll(keepingCapacity: true)
                for j in a..<b { nbrScratch.append(Int(pos[Int(nbr[j])])) }
                key = CrossingMinimizer.weightedMedian(&nbrScratch)
            }
            keys[v] = key
            sortScratch.append((key, i, Int32(v)))
        }
        if sortScratch.count < 2 { return }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var k = 0
        for i in s..<e where keys[Int(order[i])] >= 0 {
            order[i] = sortScratch[k].node
            k += 1
        }
        for i in s..<e { pos[Int(order[i])] = Int32(i - s) }
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

    func sweep(down: Bool, barycenter: Bool) {
        if h < 2 { return }
        if down {
            for r in 1..<h { reorder(layer: r, fromAbove: true, barycenter: barycenter) }
        } else {
            var r = h - 2
            while r >= 0 {
                reorder(layer: r, fromAbove: false, barycenter: barycenter)
                r -= 1
            }
        }
    }

    /// Crossings among the edges of `v` and `w` (same layer) with `v` left of `w` (`.0`) and with
    /// `w` left of `v` (`.1`), counting both neighbouring layers.
    @inline(__always)
    func pairCrossings(_ v: Int, _ w: Int) -> (Int, Int) {
        let av = adj.view(from: 4 &* v), aw = adj.view(from: 4 &* w)
        var c0 = 0, c1 = 0
        if unitWeights {
            side(Int(av[0]), Int(av[1]), Int(aw[0]), Int(aw[1]), upNbr, &c0, &c1)
            side(Int(av[2]), Int(av[3]), Int(aw[2]), Int(aw[3]), downNbr, &c0, &c1)
        } else {
            weightedSide(Int(av[0]), Int(av[1]), Int(aw[0]), Int(aw[1]), upNbr, upW, &c0, &c1)
            weightedSide(Int(av[2]), Int(av[3]), Int(aw[2]), Int(aw[3]), downNbr, downW, &c0, &c1)
        }
        return (c0, c1)
    }

    @inline(__always)
    func side(
        _ va: Int, _ vb: Int, _ wa: Int, _ wb: Int, _ nbr: FixedBuffer<Int32>,
        _ c0: inout Int, _ c1: inout Int
    ) {
        if va == vb || wa == wb { return }
        if vb &- va == 1 && wb &- wa == 1 {
            let pa = pos[Int(nbr[va])], pb = pos[Int(nbr[wa])]
            c0 &+= pa > pb ? 1 : 0
            c1 &+= pa < pb ? 1 : 0
            return
        }
        for i in va..<vb {
            let pa = pos[Int(nbr[i])]
            for j in wa..<wb {
                let pb = pos[Int(nbr[j])]
                c0 &+= pa > pb ? 1 : 0
                c1 &+= pa < pb ? 1 : 0
            }
        }
    }

    @inline(__always)
    func weightedSide(
        _ va: Int, _ vb: Int, _ wa: Int, _ wb: Int, _ nbr: FixedBuffer<Int32>,
        _ wts: FixedBuffer<Int32>, _ c0: inout Int, _ c1: inout Int
    ) {
        if va == vb || wa == wb { return }
        for i in va..<vb {
            let pa = pos[Int(nbr[i])], x = Int(wts[i])
            for j in wa..<wb {
                let pb = pos[Int(nbr[j])], y = x &* Int(wts[j])
                c0 &+= pa > pb ? y : 0
                c1 &+= pa < pb ? y : 0
            }
        }
    }

    /// Adjacent exchanges in layer `r` that reduce crossings, or keep them equal (which lets nodes
    /// drift across plateaus, as dot's transpose does in its `reverse` passes). Only pairs with a
    /// node marked for `round` are evaluated — a pair whose nodes and neighbours have not moved since
    /// it was last looked at would be left alone again — and only across the span of marked nodes.
    func transposeStep(_ r: Int, round: Int32, equalSwaps: Bool) -> Int {
        let s = layerStart[r], e = layerStart[r + 1]
        var delta = 0
        var i = max(s, s + dirtyLo[r] - 1)
        var last = min(e - 2, s + dirtyHi[r])
        dirtyLo[r] = Int.max
        dirtyHi[r] = -1
        let next = round + 1
        while i <= last {
            let v = Int(order[i]), w = Int(order[i + 1])
            if dirty[v] < round && dirty[w] < round {
                i += 1
                continue
            }
            budget &-= 1
            let (c0, c1) = pairCrossings(v, w)
            if c1 < c0 || (equalSwaps && c0 > 0 && c1 == c0) {
                order[i] = Int32(w)
                order[i + 1] = Int32(v)
                pos[w] = Int32(i - s)
                pos[v] = Int32(i + 1 - s)
                delta += c0 - c1
                dirty[v] = next
                dirty[w] = next
                markRange(r, i - s)
                markRange(r, i + 1 - s)
                if i + 1 > last { last = min(e - 2, i + 1) }
                for k in 0..<2 {
                    let x = k == 0 ? v : w
                    for j in upLo(x)..<upHi(x) {
                        let u = Int(upNbr[j])
                        dirty[u] = next
                        markRange(r - 1, Int(pos[u]))
                    }
                    for j in downLo(x)..<downHi(x) {
                        let u = Int(downNbr[j])
                        dirty[u] = next
                        markRange(r + 1, Int(pos[u]))
                    }
                }
            }
            i += 1
        }
        return delta
    }

    @inline(__always) func markRange(_ r: Int, _ p: Int) {
        if p < dirtyLo[r] { dirtyLo[r] = p }
        if p > dirtyHi[r] { dirtyHi[r] = p }
    }

    /// Transposition passes over the layers that may still improve until a pass saves nothing
    /// (at most `maxRounds`).
    func transpose(equalSwaps: Bool = true, maxRounds: Int = 64) {
        roundCounter += 1
        for v in 0..<n { dirty[v] = roundCounter }
        for r in 0..<h {
            dirtyLo[r] = 0
            dirtyHi[r] = layerStart[r + 1] - layerStart[r] - 1
        }
        var rounds = 0
        while true {
            let round = roundCounter
            var delta = 0
            for r in 0..<h where dirtyHi[r] >= 0 { delta += transposeStep(r, round: round, equalSwaps: equalSwaps) }
            roundCounter += 1
            rounds += 1
            if delta < 1 || rounds >= maxRounds || budget <= 0 { break }
        }
    }

    // MARK: Sifting

    /// Moves each node of layer `r` (most edges first) to the place in its layer where its edges
    /// cross fewest others, counting both neighbouring layers. Returns the crossings saved. Layers
    /// wider than `maxSiftLayer` are left to the transpositions (sifting one is quadratic).
    func siftLayer(_ r: Int) -> Int {
        let s = layerStart[r], e = layerStart[r + 1]
        let count = e - s
        if count < 2 || count > maxSiftLayer { return 0 }
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = Int(order[i])
            let d = degree(v)
            if d > 0 { sortScratch.append((Double(-d), i, Int32(v))) }
        }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var saved = 0
        let row = order.view(from: s)
        for item in sortScratch {
            let v = Int(item.node)
            let p0 = Int(pos[v])
            var bestDelta = 0, bestPos = p0
            var delta = 0
            // moving left past row[k] for k = p0-1 down to 0 (ties: the nearest)
            var k = p0 - 1
            while k >= 0 {
                let (cvw, cwv) = pairCrossings(v, Int(row[k]))
                delta += cvw - cwv
                if delta < bestDelta {
                    bestDelta = delta
                    bestPos = k
                }
                k -= 1
            }
            delta = 0
            k = p0 + 1
            while k < count {
                let (cvw, cwv) = pairCrossings(v, Int(row[k]))
                delta += cwv - cvw
                if delta < bestDelta || (delta == bestDelta && delta < 0 && k - p0 < p0 - bestPos) {
                    bestDelta = delta
                    bestPos = k
                }
                k += 1
            }
            budget &-= count
            if bestPos == p0 { continue }
            saved -= bestDelta
            if bestPos < p0 {
                var i = p0
                while i > bestPos {
                    let u = row[i - 1]
                    row[i] = u
                    pos[Int(u)] = Int32(i)
                    i -= 1
                }
            } else {
                var i = p0
                while i < bestPos {
                    let u = row[i + 1]
                    row[i] = u
                    pos[Int(u)] = Int32(i)
                    i += 1
                }
            }
            row[bestPos] = Int32(v)
            pos[v] = Int32(bestPos)
        }
        return saved
    }

    // MARK: Drivers

    /// Plain barycenter sweeps, alternately down and up, keeping the best order seen.
    func barycenterSweeps(iterations: Int) -> Int {
        var best = totalCrossings()
        var bestOrder = snapshot()
        // A sweep is a function of the order alone: once a sweep down and one up bring the order
        // back to where they found it, every later pair repeats them and nothing better comes.
        var pairStart = bestOrder
        for iter in 0..<iterations {
            if best == 0 { break }
            sweep(down: iter % 2 == 0, barycenter: true)
            let c = totalCrossings()
            if c < best {
                best = c
                bestOrder = snapshot()
            }
            if iter % 2 == 1 {
                let order = snapshot()
                if order == pairStart { break }
                pairStart = order
            }
        }
        restore(bestOrder)
        return best
    }

    /// dot's mincross iteration: median sweeps alternating down and up, each followed by
    /// transpositions; stops after `minQuit` iterations without 0.5 % progress. Leaves the best
    /// order installed and returns its crossings.
    func medianSweeps(iterations: Int, minQuit: Int) -> Int {
        var current = totalCrossings()
        var best = current
        var bestOrder = snapshot()
        var trying = 0
        for iter in 0..<iterations {
            if trying >= minQuit || current == 0 || budget <= 0 { break }
            trying += 1
            sweep(down: iter % 2 == 0, barycenter: false)
            transpose()
            current = totalCrossings()
            if current <= best {
                if Double(current) < 0.995 * Double(best) { trying = 0 }
                best = current
                bestOrder = snapshot()
            }
        }
        restore(bestOrder)
        return best
    }

    /// Sifting rounds over all layers (down, then up, …) until a round saves less than 0.1 %.
    func sift(rounds: Int, crossings: Int) -> Int {
        var current = crossings
        for round in 0..<rounds {
            if current == 0 { break }
            var saved = 0
            if round % 2 == 0 {
                for r in 0..<h { saved += siftLayer(r) }
            } else {
                var r = h - 1
                while r >= 0 {
                    saved += siftLayer(r)
                    r -= 1
                }
            }
            current -= saved
            if saved == 0 || saved * 1000 < current || budget <= 0 { break }
        }
        return current
    }
}
