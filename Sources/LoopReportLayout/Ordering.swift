#if canImport(Glibc)
import Glibc
#endif
/// Crossing minimisation on the proper layered graph: layer sweeps ordering by (weighted) median
/// or barycenter with adjacent transpositions (dot's mincross), then sifting (Matuszewski,
/// Schönfeld, Molitor 1999) until no single node can move to a better place in its layer.
/// Crossings between two layers are counted with the accumulator tree of Barth, Jünger and Mutzel
/// (2004) in O(E log V). All crossing counts are weighted by edge multiplicity.
///
/// The hot loops work on raw buffers copied from the `LayerGraph` (no bounds checks or
/// copy-on-write checks), with the nodes renumbered layer by layer so that a layer's data is
/// contiguous in memory; `layers()` hands the final order back in the graph's node ids.
final class CrossingMinimizer {
    let n: Int
    let h: Int
    let m: Int
    let layerOf: UnsafeMutablePointer<Int>
    let layerStart: UnsafeMutablePointer<Int>
    let order: UnsafeMutablePointer<Int>
    let pos: UnsafeMutablePointer<Int>
    let upStart: UnsafeMutablePointer<Int>
    let upNbr: UnsafeMutablePointer<Int>
    let upW: UnsafeMutablePointer<Int>
    let downStart: UnsafeMutablePointer<Int>
    let downNbr: UnsafeMutablePointer<Int>
    let downW: UnsafeMutablePointer<Int>
    // scratch
    let bucket: UnsafeMutablePointer<Int>
    let seqPos: UnsafeMutablePointer<Int>
    let seqW: UnsafeMutablePointer<Int>
    let fenwick: UnsafeMutablePointer<Int>
    let keys: UnsafeMutablePointer<Double>
    let candidate: UnsafeMutablePointer<Bool>
    /// Transposition round from which a node's pairs must be looked at again.
    let dirty: UnsafeMutablePointer<Int>
    /// Per layer, the span of positions holding marked nodes (empty: lo > hi).
    let dirtyLo: UnsafeMutablePointer<Int>
    let dirtyHi: UnsafeMutablePointer<Int>
    var roundCounter = 0
    var partner: [Int]
    var partnerRound: [Int]
    var noFlipBack = getenv("NOFLIP") != nil
    var medianVariant = Int(String(cString: getenv("MVAR") ?? strdup("0"))) ?? 0
    var orderedCount = 0
    /// Internal id of each graph node, and back.
    let newOf: [Int]
    let oldOf: [Int]
    var nbrScratch: [Int] = []
    var sortScratch: [(key: Double, tie: Int, node: Int)] = []
    var stats = Stats()
    var maxTransposeRounds = Int(String(cString: getenv("TROUNDS") ?? strdup("64"))) ?? 64

    struct Stats {
        var transposeRounds = 0
        var transposePairs = 0
        var layerPasses = 0
        var swaps = 0
        var equalSwaps = 0
    }

    static func copy(_ a: [Int], extra: Int = 0) -> UnsafeMutablePointer<Int> {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: a.count + extra + 1)
        p.initialize(repeating: 0, count: a.count + extra + 1)
        a.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { p.update(from: base, count: a.count) }
        }
        return p
    }

    let realCount: Int

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
        partner = [Int](repeating: -1, count: n)
        partnerRound = [Int](repeating: -10, count: n)
        self.oldOf = oldOf
        var layer = [Int](repeating: 0, count: n)
        var us = [Int](repeating: 0, count: n + 1), un = [Int](), uw = [Int]()
        var ds = [Int](repeating: 0, count: n + 1), dn = [Int](), dw = [Int]()
        un.reserveCapacity(m)
        uw.reserveCapacity(m)
        dn.reserveCapacity(m)
        dw.reserveCapacity(m)
        for v in 0..<n {
            let old = oldOf[v]
            layer[v] = g.layer[old]
            for j in g.upStart[old]..<g.upStart[old + 1] {
                un.append(newOf[g.upNbr[j]])
                uw.append(g.upW[j])
            }
            us[v + 1] = un.count
            for j in g.downStart[old]..<g.downStart[old + 1] {
                dn.append(newOf[g.downNbr[j]])
                dw.append(g.downW[j])
            }
            ds[v + 1] = dn.count
        }
        layerOf = Self.copy(layer)
        layerStart = Self.copy([Int](repeating: 0, count: h + 1), extra: 1)
        order = Self.copy([], extra: n)
        pos = Self.copy([], extra: n)
        upStart = Self.copy(us)
        upNbr = Self.copy(un)
        upW = Self.copy(uw)
        downStart = Self.copy(ds)
        downNbr = Self.copy(dn)
        downW = Self.copy(dw)
        bucket = Self.copy([], extra: n + 2)
        seqPos = Self.copy([], extra: m)
        seqW = Self.copy([], extra: m)
        fenwick = Self.copy([], extra: n + 2)
        dirty = Self.copy([], extra: n)
        dirtyLo = Self.copy([], extra: h + 1)
        dirtyHi = Self.copy([], extra: h + 1)
        keys = UnsafeMutablePointer<Double>.allocate(capacity: n + 1)
        keys.initialize(repeating: 0, count: n + 1)
        candidate = UnsafeMutablePointer<Bool>.allocate(capacity: h + 1)
        candidate.initialize(repeating: true, count: h + 1)
    }

    deinit {
        for p in [layerOf, layerStart, order, pos, upStart, upNbr, upW, downStart, downNbr, downW, bucket, seqPos, seqW, fenwick, dirty, dirtyLo, dirtyHi] {
            p.deallocate()
        }
        keys.deallocate()
        candidate.deallocate()
    }

    @inline(__always) func degree(_ v: Int) -> Int {
        upStart[v + 1] - upStart[v] + downStart[v + 1] - downStart[v]
    }

    /// Installs node lists per layer, left to right.
    func install(_ layers: [[Int]]) {
        var k = 0
        for r in 0..<h {
            layerStart[r] = k
            for (i, v) in layers[r].enumerated() {
                order[k] = v
                pos[v] = i
                k += 1
            }
        }
        layerStart[h] = k
        orderedCount = k
    }

    /// The current order as a flat array (layer after layer).
    func snapshot() -> [Int] {
        Array(UnsafeBufferPointer(start: order, count: orderedCount))
    }

    func restore(_ flat: [Int]) {
        for (i, v) in flat.enumerated() { order[i] = v }
        for r in 0..<h {
            let s = layerStart[r]
            for i in s..<layerStart[r + 1] { pos[order[i]] = i - s }
        }
    }

    /// The current order per layer, in graph node ids.
    func layers() -> [[Int]] {
        (0..<h).map { r in (layerStart[r]..<layerStart[r + 1]).map { oldOf[order[$0]] } }
    }

    // MARK: Counting

    /// Weighted crossings between layer `r` and `r + 1`.
    func crossings(below r: Int) -> Int {
        let s0 = layerStart[r], n0 = layerStart[r + 1] - s0
        let s1 = layerStart[r + 1], n1 = layerStart[r + 2] - s1
        if n0 < 2 || n1 < 2 { return 0 }
        for i in 0...n0 { bucket[i] = 0 }
        for i in s1..<(s1 + n1) {
            let w = order[i]
            for j in upStart[w]..<upStart[w + 1] { bucket[pos[upNbr[j]] + 1] += 1 }
        }
        for i in 0..<n0 { bucket[i + 1] += bucket[i] }
        let count = bucket[n0]
        if count < 2 { return 0 }
        for i in s1..<(s1 + n1) {
            let w = order[i]
            let pw = pos[w]
            for j in upStart[w]..<upStart[w + 1] {
                let p = pos[upNbr[j]]
                let k = bucket[p]
                seqPos[k] = pw
                seqW[k] = upW[j]
                bucket[p] = k + 1
            }
        }
        for i in 0...n1 { fenwick[i] = 0 }
        var total = 0, cross = 0
        for k in 0..<count {
            let p = seqPos[k] + 1, w = seqW[k]
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

    enum InitialOrder: CaseIterable {
        /// Breadth-first from the sources in node order, downward edges first (dot's).
        case breadthFirstDown
        /// Breadth-first from the sinks, last node first, upward edges first; layers mirrored.
        case breadthFirstUp
        /// Depth-first from the sources in node order, downward edges first.
        case depthFirstDown
        /// Depth-first from the sinks, last node first, upward edges first.
        case depthFirstUp
        /// By node index; a dummy by the mean index of its edge's ends.
        case nodeIndex
    }

    /// Each node joins its layer when first reached by the traversal.
    func installInitialOrder(_ kind: InitialOrder, orderable orderableOld: [Bool]) {
        var orderable = [Bool](repeating: false, count: n)
        for v in 0..<n { orderable[newOf[v]] = orderableOld[v] }
        if kind == .nodeIndex {
            var key = [Double](repeating: 0, count: n)
            for v in 0..<n {
                let old = oldOf[v]
                if old < realCount { key[v] = Double(old); continue }
                var a = v
                while oldOf[a] >= realCount { a = upNbr[upStart[a]] }
                var b = v
                while oldOf[b] >= realCount { b = downNbr[downStart[b]] }
                key[v] = Double(oldOf[a] + oldOf[b]) / 2
            }
            var layers = [[Int]](repeating: [], count: h)
            for v in 0..<n where orderable[v] { layers[layerOf[v]].append(v) }
            for r in 0..<h { layers[r].sort { key[$0] < key[$1] || (key[$0] == key[$1] && $0 < $1) } }
            install(layers)
            return
        }
        var layers = [[Int]](repeating: [], count: h)
        var seen = [Bool](repeating: false, count: n)
        var list: [Int] = []
        list.reserveCapacity(n)
        let upward = kind == .breadthFirstUp || kind == .depthFirstUp
        let depthFirst = kind == .depthFirstDown || kind == .depthFirstUp
        func pushNeighbours(_ v: Int, down: Bool) {
            if depthFirst {
                // reverse, so the first neighbour is popped first
                if down {
                    var j = downStart[v + 1] - 1
                    while j >= downStart[v] { if !seen[downNbr[j]] { list.append(downNbr[j]) }; j -= 1 }
                } else {
                    var j = upStart[v + 1] - 1
                    while j >= upStart[v] { if !seen[upNbr[j]] { list.append(upNbr[j]) }; j -= 1 }
                }
            } else if down {
                for j in downStart[v]..<downStart[v + 1] where !seen[downNbr[j]] {
                    seen[downNbr[j]] = true
                    list.append(downNbr[j])
                }
            } else {
                for j in upStart[v]..<upStart[v + 1] where !seen[upNbr[j]] {
                    seen[upNbr[j]] = true
                    list.append(upNbr[j])
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
        // starts in graph node order
        if upward {
            var old = n - 1
            while old >= 0 {
                let v = newOf[old]
                if orderable[v] && !seen[v] && downStart[v] == downStart[v + 1] { visit(from: v) }
                old -= 1
            }
        } else {
            for old in 0..<n {
                let v = newOf[old]
                if orderable[v] && !seen[v] && upStart[v] == upStart[v + 1] { visit(from: v) }
            }
        }
        for old in 0..<n {
            let v = newOf[old]
            if orderable[v] && !seen[v] { visit(from: v) }
        }
        if upward { for r in 0..<h { layers[r].reverse() } }
        install(layers)
    }

    // MARK: Sweeps

    /// Reorders layer `r` by the median (or barycenter) of each node's neighbours in the layer above
    /// (`fromAbove`) or below. Nodes without such neighbours keep their slots.
    func reorder(layer r: Int, fromAbove: Bool, barycenter: Bool, reverseTies: Bool) {
        let s = layerStart[r], e = layerStart[r + 1]
        if e - s < 2 { return }
        let start = fromAbove ? upStart : downStart
        let nbr = fromAbove ? upNbr : downNbr
        let wts = fromAbove ? upW : downW
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = order[i]
            let a = start[v], b = start[v + 1]
            if a == b {
                keys[v] = -1
                continue
            }
            let key: Double
            if barycenter {
                var sum = 0, weight = 0
                for j in a..<b {
                    sum += pos[nbr[j]] * wts[j]
                    weight += wts[j]
                }
                key = Double(sum) / Double(weight)
            } else if b - a == 1 {
                key = Double(pos[nbr[a]])
            } else {
                nbrScratch.removeAll(keepingCapacity: true)
                for j in a..<b { nbrScratch.append(pos[nbr[j]]) }
                key = CrossingMinimizer.weightedMedian(&nbrScratch)
            }
            keys[v] = key
            sortScratch.append((key, reverseTies ? -(i - s) : i - s, v))
        }
        if sortScratch.count < 2 { return }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var k = 0
        for i in s..<e where keys[order[i]] >= 0 {
            order[i] = sortScratch[k].node
            k += 1
        }
        for i in s..<e { pos[order[i]] = i - s }
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

    func sweep(down: Bool, barycenter: Bool, reverseTies: Bool) {
        if h < 2 { return }
        if down {
            for r in 1..<h { reorder(layer: r, fromAbove: true, barycenter: barycenter, reverseTies: reverseTies) }
        } else {
            var r = h - 2
            while r >= 0 {
                reorder(layer: r, fromAbove: false, barycenter: barycenter, reverseTies: reverseTies)
                r -= 1
            }
        }
    }

    /// Crossings among the edges of `v` and `w` (same layer) with `v` left of `w` (`.0`) and with
    /// `w` left of `v` (`.1`), counting both neighbouring layers.
    @inline(__always)
    func pairCrossings(_ v: Int, _ w: Int) -> (Int, Int) {
        var c0 = 0, c1 = 0
        let va = upStart[v], vb = upStart[v + 1], wa = upStart[w], wb = upStart[w + 1]
        if va < vb && wa < wb {
            for i in va..<vb {
                let pa = pos[upNbr[i]], x = upW[i]
                for j in wa..<wb {
                    let pb = pos[upNbr[j]]
                    if pa > pb { c0 += x * upW[j] } else if pa < pb { c1 += x * upW[j] }
                }
            }
        }
        let vc = downStart[v], vd = downStart[v + 1], wc = downStart[w], wd = downStart[w + 1]
        if vc < vd && wc < wd {
            for i in vc..<vd {
                let pa = pos[downNbr[i]], x = downW[i]
                for j in wc..<wd {
                    let pb = pos[downNbr[j]]
                    if pa > pb { c0 += x * downW[j] } else if pa < pb { c1 += x * downW[j] }
                }
            }
        }
        return (c0, c1)
    }

    /// Adjacent exchanges in layer `r` that reduce crossings (or keep them, when `reverse`).
    /// Only pairs with a node marked for `round` are evaluated (a pair whose nodes and neighbours
    /// have not moved since it was last looked at would be left alone again), and only the span of
    /// the layer where marked nodes are.
    func transposeStep(_ r: Int, reverse: Bool, round: Int) -> Int {
        let s = layerStart[r], e = layerStart[r + 1]
        var delta = 0
        var i = max(s, s + dirtyLo[r] - 1)
        var last = min(e - 2, s + dirtyHi[r])
        dirtyLo[r] = Int.max
        dirtyHi[r] = -1
        if e - s < 2 { return 0 }
        stats.layerPasses += 1
        while i <= last {
            let v = order[i], w = order[i + 1]
            if dirty[v] < round && dirty[w] < round {
                i += 1
                continue
            }
            stats.transposePairs += 1
            let (c0, c1) = pairCrossings(v, w)
            if c1 < c0 || (c0 > 0 && reverse && c1 == c0 && !(noFlipBack && partner[w] == v && partnerRound[w] >= round - 1)) {
                order[i] = w
                order[i + 1] = v
                pos[w] = i - s
                pos[v] = i + 1 - s
                delta += c0 - c1
                if c0 == c1 {
                    partner[v] = w
                    partnerRound[v] = round
                    partner[w] = v
                    partnerRound[w] = round
                }
                stats.swaps += 1
                if c0 == c1 { stats.equalSwaps += 1 }
                let next = round + 1
                dirty[v] = next
                dirty[w] = next
                markRange(r, i - s)
                markRange(r, i + 1 - s)
                if i + 1 > last { last = min(e - 2, i + 1) }
                for k in 0..<2 {
                    let x = k == 0 ? v : w
                    for j in upStart[x]..<upStart[x + 1] {
                        let u = upNbr[j]
                        dirty[u] = next
                        markRange(r - 1, pos[u])
                    }
                    for j in downStart[x]..<downStart[x + 1] {
                        let u = downNbr[j]
                        dirty[u] = next
                        markRange(r + 1, pos[u])
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

    /// dot's transpose: repeated passes over the layers that may still improve, until a pass saves
    /// nothing.
    func transpose(reverse: Bool) {
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
            for r in 0..<h where dirtyHi[r] >= 0 {
                delta += transposeStep(r, reverse: reverse, round: round)
            }
            roundCounter += 1
            rounds += 1
            if delta < 1 || rounds >= maxTransposeRounds { break }
        }
        stats.transposeRounds += rounds
    }

    // MARK: Sifting

    /// Moves each node of layer `r` (most edges first) to the place in its layer where its edges
    /// cross fewest others, counting both neighbouring layers. Returns the crossings saved.
    func siftLayer(_ r: Int) -> Int {
        let s = layerStart[r], e = layerStart[r + 1]
        let count = e - s
        if count < 2 { return 0 }
        sortScratch.removeAll(keepingCapacity: true)
        for i in s..<e {
            let v = order[i]
            let d = degree(v)
            if d > 0 { sortScratch.append((Double(-d), i, v)) }
        }
        sortScratch.sort { $0.key < $1.key || ($0.key == $1.key && $0.tie < $1.tie) }
        var saved = 0
        let row = order + s
        for item in sortScratch {
            let v = item.node
            let p0 = pos[v]
            var bestDelta = 0, bestPos = p0
            var delta = 0
            // moving left past row[k] for k = p0-1 down to 0 (ties: the nearest)
            var k = p0 - 1
            while k >= 0 {
                let (cvw, cwv) = pairCrossings(v, row[k])
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
                let (cvw, cwv) = pairCrossings(v, row[k])
                delta += cwv - cvw
                if delta < bestDelta || (delta == bestDelta && delta < 0 && k - p0 < p0 - bestPos) {
                    bestDelta = delta
                    bestPos = k
                }
                k += 1
            }
            if bestPos == p0 { continue }
            saved -= bestDelta
            if bestPos < p0 {
                var i = p0
                while i > bestPos {
                    let u = row[i - 1]
                    row[i] = u
                    pos[u] = i
                    i -= 1
                }
            } else {
                var i = p0
                while i < bestPos {
                    let u = row[i + 1]
                    row[i] = u
                    pos[u] = i
                    i += 1
                }
            }
            row[bestPos] = v
            pos[v] = bestPos
        }
        return saved
    }

    // MARK: Drivers

    /// Plain barycenter sweeps, alternately down and up, keeping the best order seen.
    func barycenterSweeps(iterations: Int) -> Int {
        var best = totalCrossings()
        var bestOrder = snapshot()
        for iter in 0..<iterations {
            if best == 0 { break }
            sweep(down: iter % 2 == 0, barycenter: true, reverseTies: false)
            let c = totalCrossings()
            if c < best {
                best = c
                bestOrder = snapshot()
            }
        }
        restore(bestOrder)
        return best
    }

    /// dot's mincross iteration: median sweeps alternating down and up, each followed by
    /// transpositions; stops after `minQuit` iterations without real progress. Leaves the best
    /// order installed and returns its crossings.
    func medianSweeps(iterations: Int, minQuit: Int) -> Int {
        var current = totalCrossings()
        var best = current
        var bestOrder = snapshot()
        var trying = 0
        for iter in 0..<iterations {
            if trying >= minQuit || current == 0 { break }
            trying += 1
            let reverse = iter % 4 < 2
            switch medianVariant {
            case 1:
                sweep(down: iter % 2 == 0, barycenter: false, reverseTies: false)
                transpose(reverse: !reverse)
            case 2:
                sweep(down: iter % 2 == 0, barycenter: false, reverseTies: false)
                transpose(reverse: false)
            case 3:
                sweep(down: iter % 2 == 0, barycenter: false, reverseTies: false)
                transpose(reverse: true)
            default:
                sweep(down: iter % 2 == 0, barycenter: false, reverseTies: reverse)
                transpose(reverse: !reverse)
            }
            current = totalCrossings()
            dbg("    iter \(iter) \(current)")
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
            if saved == 0 || saved * 1000 < current { break }
        }
        return current
    }
}
