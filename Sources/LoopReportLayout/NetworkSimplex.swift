/// Layer assignment by network simplex (Gansner, Koutsofios, North, Vo 1993, "A technique for
/// drawing directed graphs", section 2): minimises the weighted sum of edge lengths subject to
/// `rank[head] - rank[tail] >= 1`. The input must be acyclic. Disconnected graphs are handled as a
/// spanning forest; every component is normalised to start at rank 0.
///
/// Differences from the paper, for speed on large graphs:
/// - the initial longest-path ranking is first improved by single-node moves;
/// - the initial feasible tree is grown by repeatedly hanging the smallest tight subtree onto a
///   neighbour through its least-slack incident edge (each node is rescanned O(log n) times),
///   rather than the quadratic search;
/// - the tree keeps parent pointers instead of postorder ranges (`low`/`lim`, only used to compute
///   the initial cut values): a pivot enumerates the smaller side of the leaving edge (both sides
///   explored alternately), searches it for the entering edge and shifts it, updates cut values
///   along the cycle (common ancestor found by climbing from both ends) and reverses the parent
///   pointers on one path: O(smaller side + cycle), no renumbering of the rest of the tree.
struct NetworkSimplex {
    let n: Int
    let m: Int
    let tail: [Int]
    let head: [Int]
    let weight: [Int]
    /// Minimum length per edge (`rank[head] - rank[tail] >= minlen`).
    let minlen: [Int]
    /// All incident edges per node (out and in), CSR.
    var incStart: [Int]
    var inc: [Int]
    var rank: [Int]
    /// Position in `treeEdges`, -1 for a non-tree edge.
    var treeIndex: [Int]
    var treeEdges: [Int] = []
    /// Tree edges per node, in the node's slice of `inc`-sized storage (`treeDeg` of them).
    var treeAdj: [Int]
    var treeDeg: [Int]
    var cut: [Int]
    /// Postorder ranges, valid only while computing the initial cut values.
    var low: [Int]
    var lim: [Int]
    /// Tree edge to the parent (-1 at a root).
    var par: [Int]
    /// Stamps marking one side of the leaving edge, or the climbs of a common-ancestor search.
    var mark: [Int]
    var smallIsTail = false
    var other2: [Int] = []
    var pivot = 0
    var searchIndex = 0
    var component: [Int]
    var stack: [Int] = []
    var stackIndex: [Int] = []
    var subtree: [Int] = []

    init(nodeCount n: Int, tails: [Int], heads: [Int], weights: [Int], minlens: [Int]? = nil) {
        self.n = n
        self.m = tails.count
        tail = tails
        head = heads
        weight = weights
        minlen = minlens ?? [Int](repeating: 1, count: tails.count)
        var start = [Int](repeating: 0, count: n + 1)
        for e in 0..<m {
            start[tails[e] + 1] += 1
            start[heads[e] + 1] += 1
        }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var inc = [Int](repeating: 0, count: 2 * m)
        for e in 0..<m {
            inc[fill[tails[e]]] = e
            fill[tails[e]] += 1
            inc[fill[heads[e]]] = e
            fill[heads[e]] += 1
        }
        incStart = start
        self.inc = inc
        rank = [Int](repeating: 0, count: n)
        treeIndex = [Int](repeating: -1, count: m)
        treeAdj = [Int](repeating: -1, count: 2 * m)
        treeDeg = [Int](repeating: 0, count: n)
        cut = [Int](repeating: 0, count: m)
        low = [Int](repeating: 0, count: n)
        lim = [Int](repeating: 0, count: n)
        par = [Int](repeating: -1, count: n)
        mark = [Int](repeating: 0, count: n)
        component = [Int](repeating: 0, count: n)
    }

    @inline(__always) func slack(_ e: Int) -> Int { rank[head[e]] - rank[tail[e]] - minlen[e] }
    @inline(__always) func other(_ e: Int, _ v: Int) -> Int { tail[e] == v ? head[e] : tail[e] }

    /// Runs the whole method; returns ranks (each component starting at 0).
    /// `maxIterations` bounds the pivots (the ranking stays feasible if it is reached).
    /// `initial`, if given, must be a feasible ranking to start from.
    mutating func solve(maxIterations: Int, balance: Bool, initial: [Int]? = nil) -> [Int] {
        if let initial { rank = initial } else { initRank() }
        improveGreedily(passes: 8)
        feasibleTree()
        initCutValues()
        var iterations = 0
        while iterations < maxIterations, let e = leaveEdge() {
            guard let f = enterEdge(e) else { break }
            update(leaving: e, entering: f)
            iterations += 1
        }
        normalize()
        if balance { balanceTopBottom() }
        return rank
    }

    /// Longest path from the sources (Kahn's order).
    mutating func initRank() {
        var indeg = [Int](repeating: 0, count: n)
        for e in 0..<m { indeg[head[e]] += 1 }
        var queue: [Int] = []
        queue.reserveCapacity(n)
        for v in 0..<n where indeg[v] == 0 { queue.append(v) }
        var qi = 0
        while qi < queue.count {
            let v = queue[qi]
            qi += 1
            for i in incStart[v]..<incStart[v + 1] {
                let e = inc[i]
                guard tail[e] == v else { continue }
                let w = head[e]
                if rank[w] < rank[v] + minlen[e] { rank[w] = rank[v] + minlen[e] }
                indeg[w] -= 1
                if indeg[w] == 0 { queue.append(w) }
            }
        }
    }

    /// Moves single nodes to the end of their feasible range that their heavier side pulls them to,
    /// sweeping up and down: most of the way to the optimum, so the simplex needs fewer pivots.
    mutating func improveGreedily(passes: Int) {
        for pass in 0..<passes {
            var moved = 0
            for k in 0..<n {
                let v = pass % 2 == 0 ? n - 1 - k : k
                var inW = 0, outW = 0, lowR = Int.min, highR = Int.max
                for i in incStart[v]..<incStart[v + 1] {
                    let e = inc[i]
                    if tail[e] == v {
                        outW += weight[e]
                        highR = min(highR, rank[head[e]] - minlen[e])
                    } else {
                        inW += weight[e]
                        lowR = max(lowR, rank[tail[e]] + minlen[e])
                    }
                }
                if inW > outW, lowR != Int.min, rank[v] != lowR {
                    rank[v] = lowR
                    moved += 1
                } else if outW > inW, highR != Int.max, rank[v] != highR {
                    rank[v] = highR
                    moved += 1
                }
            }
            if moved == 0 { break }
        }
    }

    mutating func addTreeEdge(_ e: Int) {
        treeIndex[e] = treeEdges.count
        treeEdges.append(e)
        let t = tail[e], h = head[e]
        treeAdj[incStart[t] + treeDeg[t]] = e
        treeDeg[t] += 1
        treeAdj[incStart[h] + treeDeg[h]] = e
        treeDeg[h] += 1
    }

    mutating func removeTreeAdj(_ v: Int, _ e: Int) {
        let s = incStart[v]
        let last = s + treeDeg[v] - 1
        var i = s
        while treeAdj[i] != e { i += 1 }
        treeAdj[i] = treeAdj[last]
        treeAdj[last] = -1
        treeDeg[v] -= 1
    }

    /// A spanning forest of tight edges: start from the tight components and repeatedly hang the
    /// smallest subtree onto a neighbour through its least-slack incident edge, shifting its ranks.
    mutating func feasibleTree() {
        var parent = Array(0..<n)
        var size = [Int](repeating: 1, count: n)
        var listNext = [Int](repeating: -1, count: n)
        var listLast = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ a: Int, _ b: Int) -> Int {
            var (r, s) = (a, b)
            if size[r] < size[s] || (size[r] == size[s] && s < r) { swap(&r, &s) }
            parent[s] = r
            size[r] += size[s]
            listNext[listLast[r]] = s
            listLast[r] = listLast[s]
            return r
        }
        for e in 0..<m where slack(e) == 0 {
            let a = find(tail[e]), b = find(head[e])
            if a != b {
                _ = union(a, b)
                addTreeEdge(e)
            }
        }
        var heap = MinHeap()
        for v in 0..<n where find(v) == v { heap.push(size[v] << 32 | v) }
        while let key = heap.pop() {
            let r = key & 0xFFFF_FFFF, s = key >> 32
            guard parent[r] == r, size[r] == s else { continue }
            var best = -1, bestSlack = Int.max, bestFromTail = false
            var v = r
            scan: while v >= 0 {
                for i in incStart[v]..<incStart[v + 1] {
                    let e = inc[i]
                    let isTail = tail[e] == v
                    let other = isTail ? head[e] : tail[e]
                    if find(other) == r { continue }
                    let sl = slack(e)
                    if sl < bestSlack {
                        best = e
                        bestSlack = sl
                        bestFromTail = isTail
                        if sl == 0 { break scan }
                    }
                }
                v = listNext[v]
            }
            if best < 0 { continue }  // the tree spans its component
            if bestSlack > 0 {
                let delta = bestFromTail ? bestSlack : -bestSlack
                var w = r
                while w >= 0 {
                    rank[w] += delta
                    w = listNext[w]
                }
            }
            addTreeEdge(best)
            let other = bestFromTail ? head[best] : tail[best]
            let root = union(r, find(other))
            heap.push(size[root] << 32 | root)
        }
        for v in 0..<n { component[v] = find(v) }
    }

    /// Numbers the subtree of `root` in postorder from `lowStart` (`lim` is the postorder number,
    /// `low` the smallest one in the subtree) and sets parent edges; appends the nodes to
    /// `postorder`. Returns the next free number.
    mutating func dfsRange(_ root: Int, lowStart: Int, postorder: inout [Int]) -> Int {
        var counter = lowStart
        par[root] = -1
        low[root] = lowStart
        stack.removeAll(keepingCapacity: true)
        stackIndex.removeAll(keepingCapacity: true)
        stack.append(root)
        stackIndex.append(0)
        while let v = stack.last {
            let i = stackIndex[stackIndex.count - 1]
            if i < treeDeg[v] {
                stackIndex[stackIndex.count - 1] = i + 1
                let e = treeAdj[incStart[v] + i]
                if e == par[v] { continue }
                let w = other(e, v)
                par[w] = e
                low[w] = counter
                stack.append(w)
                stackIndex.append(0)
            } else {
                lim[v] = counter
                counter += 1
                postorder.append(v)
                stack.removeLast()
                stackIndex.removeLast()
            }
        }
        return counter
    }

    mutating func initCutValues() {
        var visited = [Bool](repeating: false, count: n)
        var post: [Int] = []
        post.reserveCapacity(n)
        var next = 1
        for v in 0..<n where !visited[v] {
            let before = post.count
            next = dfsRange(v, lowStart: next, postorder: &post)
            for i in before..<post.count { visited[post[i]] = true }
        }
        for v in post where par[v] >= 0 { setCutValue(par[v]) }
    }

    /// Cut value of tree edge `f` from the cut values of the tree edges below it (postorder ranges).
    mutating func setCutValue(_ f: Int) {
        let v: Int, dir: Bool
        if par[tail[f]] == f { v = tail[f]; dir = true } else { v = head[f]; dir = false }
        var sum = 0
        let lo = low[v], li = lim[v]
        for i in incStart[v]..<incStart[v + 1] {
            let e = inc[i]
            let vIsTail = tail[e] == v
            let o = vIsTail ? head[e] : tail[e]
            let outside = !(lo <= lim[o] && lim[o] <= li)
            var rv: Int
            if outside {
                rv = weight[e]
            } else {
                rv = (treeIndex[e] >= 0 ? cut[e] : 0) - weight[e]
            }
            var positive = dir ? !vIsTail : vIsTail
            if outside { positive.toggle() }
            sum += positive ? rv : -rv
        }
        cut[f] = sum
    }

    /// A tree edge with negative cut value: the most negative among the next 30 found, searching on
    /// cyclically from the last position.
    mutating func leaveEdge() -> Int? {
        let count = treeEdges.count
        guard count > 0 else { return nil }
        var best = -1, found = 0
        var i = searchIndex
        var scanned = 0
        while scanned < count {
            if i >= count { i = 0 }
            let f = treeEdges[i]
            if cut[f] < 0 {
                if best < 0 || cut[f] < cut[best] { best = f }
                found += 1
                if found >= 30 {
                    searchIndex = i
                    return best
                }
            }
            i += 1
            scanned += 1
        }
        searchIndex = i >= count ? 0 : i
        return best >= 0 ? best : nil
    }

    /// Splits the tree at `e`: enumerates its two sides alternately, one node at a time, until one
    /// is exhausted, so the cost is O(smaller side). That side is left in `subtree`, stamped with
    /// `pivot` in `mark`; returns whether it is the tail side of `e`.
    mutating func splitAt(_ e: Int) -> Bool {
        pivot += 3  // pivot: the side found; pivot + 1, pivot + 2: the two searches
        let stampA = pivot + 1, stampB = pivot + 2
        let a0 = tail[e], b0 = head[e]
        subtree.removeAll(keepingCapacity: true)
        other2.removeAll(keepingCapacity: true)
        subtree.append(a0)
        other2.append(b0)
        mark[a0] = stampA
        mark[b0] = stampB
        var ia = 0, ib = 0
        // cursor within the current node's tree edges, per side
        var ka = 0, kb = 0
        while true {
            // advance side A by one node
            var progressed = false
            while ia < subtree.count {
                let x = subtree[ia]
                if ka < treeDeg[x] {
                    let t = treeAdj[incStart[x] + ka]
                    ka += 1
                    if t == e { continue }
                    let w = other(t, x)
                    if mark[w] == stampA { continue }
                    mark[w] = stampA
                    subtree.append(w)
                    progressed = true
                    break
                }
                ia += 1
                ka = 0
            }
            if !progressed && ia >= subtree.count {
                for x in subtree { mark[x] = pivot }
                return true
            }
            progressed = false
            while ib < other2.count {
                let x = other2[ib]
                if kb < treeDeg[x] {
                    let t = treeAdj[incStart[x] + kb]
                    kb += 1
                    if t == e { continue }
                    let w = other(t, x)
                    if mark[w] == stampB { continue }
                    mark[w] = stampB
                    other2.append(w)
                    progressed = true
                    break
                }
                ib += 1
                kb = 0
            }
            if !progressed && ib >= other2.count {
                swap(&subtree, &other2)
                for x in subtree { mark[x] = pivot }
                return false
            }
        }
    }

    /// The least-slack non-tree edge from the head component of `e` to its tail component. The
    /// smaller side of `e` is left marked in `subtree` (`smallIsTail` tells which).
    mutating func enterEdge(_ e: Int) -> Int? {
        smallIsTail = splitAt(e)
        // Edges run from the head side into the tail side.
        let intoSmall = smallIsTail
        var best = -1, bestSlack = Int.max
        search: for x in subtree {
            for i in incStart[x]..<incStart[x + 1] {
                let f = inc[i]
                if treeIndex[f] >= 0 { continue }
                let o: Int
                if intoSmall {
                    guard head[f] == x else { continue }
                    o = tail[f]
                } else {
                    guard tail[f] == x else { continue }
                    o = head[f]
                }
                if mark[o] == pivot { continue }
                let sl = slack(f)
                if sl < bestSlack {
                    best = f
                    bestSlack = sl
                    if sl == 0 { break search }
                }
            }
        }
        return best >= 0 ? best : nil
    }

    /// Walks from `start` up to `lca`, adding the cut value to the tree edges on the way.
    mutating func treeUpdate(from start: Int, to lca: Int, cutValue: Int, dir: Bool) {
        var v = start
        while v != lca {
            let e = par[v]
            let d = v == tail[e] ? dir : !dir
            if d { cut[e] += cutValue } else { cut[e] -= cutValue }
            v = other(e, v)
        }
    }

    /// Lowest common ancestor, climbing from both nodes alternately.
    mutating func lowestCommonAncestor(_ a: Int, _ b: Int) -> Int {
        pivot += 3
        let stampA = pivot + 1, stampB = pivot + 2
        var x = a, y = b
        mark[x] = stampA
        mark[y] = stampB
        while true {
            if mark[x] == stampB { return x }
            if mark[y] == stampA { return y }
            let px = par[x], py = par[y]
            if px >= 0 {
                x = other(px, x)
                if mark[x] == stampB { return x }
                mark[x] = stampA
            }
            if py >= 0 {
                y = other(py, y)
                if mark[y] == stampA { return y }
                mark[y] = stampB
            }
            if px < 0 && py < 0 { return x }  // different trees: cannot happen for a cycle
        }
    }

    /// Replaces tree edge `e` by `f` (found by `enterEdge(e)`, whose marks are still valid).
    mutating func update(leaving e: Int, entering f: Int) {
        let delta = slack(f)
        if delta > 0 {
            // lower the tail side (ranks decrease) or raise the head side
            let d = smallIsTail ? -delta : delta
            for x in subtree { rank[x] += d }
        }
        // f's end on the side of e away from the root (before the marks are reused)
        let child = par[tail[e]] == e ? tail[e] : head[e]
        let sideMark = pivot
        let endInSmall = mark[tail[f]] == sideMark ? tail[f] : head[f]
        let inner = mark[child] == sideMark ? endInSmall : other(f, endInSmall)
        let lca = lowestCommonAncestor(tail[f], head[f])
        let cv = cut[e]
        treeUpdate(from: tail[f], to: lca, cutValue: cv, dir: true)
        treeUpdate(from: head[f], to: lca, cutValue: cv, dir: false)
        cut[f] = -cv
        cut[e] = 0
        // The side of e away from the root is re-rooted at its end of f: reverse the parent edges on
        // the path from that end up to e.
        var prevEdge = f
        var v = inner
        while true {
            let up = par[v]
            par[v] = prevEdge
            if v == child { break }
            prevEdge = up
            v = other(up, v)
        }
        // exchange
        let index = treeIndex[e]
        treeIndex[f] = index
        treeEdges[index] = f
        treeIndex[e] = -1
        removeTreeAdj(tail[e], e)
        removeTreeAdj(head[e], e)
        let t = tail[f], h = head[f]
        treeAdj[incStart[t] + treeDeg[t]] = f
        treeDeg[t] += 1
        treeAdj[incStart[h] + treeDeg[h]] = f
        treeDeg[h] += 1
    }

    /// Every component starts at rank 0.
    mutating func normalize() {
        var minRank = [Int](repeating: Int.max, count: n)
        for v in 0..<n { minRank[component[v]] = min(minRank[component[v]], rank[v]) }
        for v in 0..<n { rank[v] -= minRank[component[v]] }
    }

    /// Nodes whose in- and out-weights are equal may take any rank between their neighbours at the
    /// same cost: move each to the least populated such rank (dot's TB balance).
    mutating func balanceTopBottom() {
        var maxRank = 0
        for v in 0..<n { maxRank = max(maxRank, rank[v]) }
        var population = [Int](repeating: 0, count: maxRank + 1)
        for v in 0..<n { population[rank[v]] += 1 }
        for v in 0..<n {
            var inW = 0, outW = 0, lowR = 0, highR = maxRank
            for i in incStart[v]..<incStart[v + 1] {
                let e = inc[i]
                if tail[e] == v {
                    outW += weight[e]
                    highR = min(highR, rank[head[e]] - minlen[e])
                } else {
                    inW += weight[e]
                    lowR = max(lowR, rank[tail[e]] + minlen[e])
                }
            }
            guard inW == outW, inW > 0, lowR < highR else { continue }
            var choice = lowR
            for r in (lowR + 1)...highR where population[r] < population[choice] { choice = r }
            population[rank[v]] -= 1
            population[choice] += 1
            rank[v] = choice
        }
    }
}

/// A binary min-heap of Int keys.
struct MinHeap {
    var items: [Int] = []
    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i)
            i = p
        }
    }
    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let c = items.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var s = i
                if l < c && items[l] < items[s] { s = l }
                if r < c && items[r] < items[s] { s = r }
                if s == i { break }
                items.swapAt(s, i)
                i = s
            }
        }
        return top
    }
}
