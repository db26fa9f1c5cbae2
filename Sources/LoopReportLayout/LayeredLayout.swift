/// Layered (Sugiyama) drawing of a directed graph, top to bottom:
///
/// 1. cycle removal: depth-first search in node order, back edges reversed (flagged `reversed`);
///    parallel edges (also those made parallel by a reversal) merged into one weighted edge;
/// 2. layering: network simplex (minimum total edge length, `NetworkSimplex`), each connected
///    component starting at layer 0; nodes with equal in- and out-weight moved to the least
///    populated feasible layer; nodes without edges spread over the least wide layers (with no edges
///    at all: rows of a roughly 3:1 grid);
/// 3. dummy nodes on every edge spanning more than one layer;
/// 4. ordering (`CrossingMinimizer`): the plain barycenter baseline, and from one or more initial
///    orders (all five for small graphs, two or one for large ones) dot's weighted-median sweeps,
///    each followed by transpositions (equal exchanges included), best order kept, then sifting;
///    the candidate with fewest crossings wins, so the result is never worse than the baseline;
/// 5. x: Brandes–Köpf with variable widths aligning long edges, relaxed layer by layer towards the
///    minimum of Σ ω |Δx| over the edges (`MedianRelaxation`; ω = 1, 2, 8 for box–box, box–dummy,
///    dummy–dummy edges, dot's weights), and for graphs up to ~2,500 proper nodes and edges taken to
///    that minimum exactly by network simplex (`SimplexPlacement`, dot's method). y: a band per layer
///    as tall as its tallest box, boxes vertically centred in it, `layerGap` between bands;
/// 6. edge routes through the dummy positions; ports spread along the box borders.
///
/// Everything is deterministic — the same graph and options give the identical layout — and the
/// work is bounded (sweeps and exchanges are budgeted by graph size, not by a clock).
package struct LayeredLayout: Sendable, Equatable {
    package enum OrderingStrategy: Sendable, Hashable {
        /// The barycenter baseline, then median sweeps with transpositions and sifting from one or
        /// more initial orders; the best wins (the default).
        case full
        /// Plain barycenter sweeps only (24 alternating sweeps, best kept): the baseline.
        case barycenterOnly
    }

    package struct Options: Sendable {
        /// Vertical space between layer bands.
        package var layerGap: Double = 48
        /// Horizontal space between neighbouring boxes, and between a box and a dummy (edge lane).
        package var nodeGap: Double = 16
        /// Horizontal space between neighbouring dummy (edge) lanes.
        package var edgeGap: Double = 8
        package var margin: Double = 8
        package var orderingStrategy: OrderingStrategy = .full
        /// Distance between the ports of the edges leaving (entering) a box along its bottom (top)
        /// border, ordered by the other end so they do not cross; 0 puts them all at the centre.
        /// Squeezed to fit the box.
        package var portSpacing: Double = 8
        package init() {}
    }

    package struct EdgeRoute: Sendable, Hashable {
        /// Polyline control points, top to bottom: the start on the upper box's bottom border; the
        /// band exit below it when the box is shorter than its layer band; for each layer crossed by
        /// a long edge the dummy's entry (band top) and exit (band bottom) at the dummy's x (the two
        /// coincide in a layer without boxes); the band entry above the lower box when it is shorter
        /// than its band; the end on the lower box's top border. `EdgePath.svgPathData` turns it
        /// into the drawn path. Empty for self-loops and for edges naming a node that does not exist.
        ///
        /// Normally the upper box is `from` and the lower `to` and the arrowhead goes at the last
        /// point, pointing down. When `reversed` is true the points still run from the upper box
        /// (which is `to`) to the lower one (`from`): draw the arrowhead at the *first* point,
        /// pointing up into `to`.
        ///
        /// Duplicate edges (same ends, either direction, e.g. the two edges of a 2-cycle) are laid
        /// out as one and get identical points; they count with their multiplicity in crossings.
        package var points: [Point]
        /// The edge was reversed to break a cycle (the drawing should mark it).
        package var reversed: Bool
        /// `from == to`: no points; the renderer draws a small loop at the box's right side (there is
        /// `nodeGap` of free space to the right of every box).
        package var isSelfLoop: Bool
        package init(points: [Point], reversed: Bool, isSelfLoop: Bool = false) {
            self.points = points
            self.reversed = reversed
            self.isSelfLoop = isSelfLoop
        }
    }

    /// Placed box per node.
    package var nodes: [Rect]
    /// Layer index per node (0 = top).
    package var layers: [Int]
    package var layerCount: Int
    /// One per input edge, same order as `graph.edges`.
    package var edges: [EdgeRoute]
    package var width: Double
    package var height: Double
    /// Weighted crossings of the final order, counted between consecutive layers (the drawn routes
    /// cross exactly this often).
    package var crossings: Int
    /// Dummy nodes created for long edges.
    package var dummyCount: Int

    package init(
        nodes: [Rect], layers: [Int], layerCount: Int, edges: [EdgeRoute], width: Double, height: Double,
        crossings: Int = 0, dummyCount: Int = 0
    ) {
        self.nodes = nodes
        self.layers = layers
        self.layerCount = layerCount
        self.edges = edges
        self.width = width
        self.height = height
        self.crossings = crossings
        self.dummyCount = dummyCount
    }

    package static func compute(_ graph: LayeredGraph, options: Options = .init()) -> LayeredLayout {
        var engine = LayoutEngine(graph: graph, options: options)
        return engine.run()
    }
}

/// The pipeline's working state.
struct LayoutEngine {
    let options: LayeredLayout.Options
    let n: Int
    var widths: [Double]
    var heights: [Double]
    let inputEdges: [GraphEdge]

    init(graph: LayeredGraph, options: LayeredLayout.Options) {
        self.options = options
        n = graph.nodeSizes.count
        widths = graph.nodeSizes.map { $0.width.isFinite ? max(0, $0.width) : 0 }
        heights = graph.nodeSizes.map { $0.height.isFinite ? max(0, $0.height) : 0 }
        inputEdges = graph.edges
    }

    mutating func run() -> LayeredLayout {
        let edgeCount = inputEdges.count
        var routes = [LayeredLayout.EdgeRoute](repeating: .init(points: [], reversed: false), count: edgeCount)
        if n == 0 {
            return LayeredLayout(nodes: [], layers: [], layerCount: 0, edges: routes, width: 0, height: 0)
        }
        // Valid, non-loop edges.
        var kept: [Int] = []
        kept.reserveCapacity(edgeCount)
        for (i, e) in inputEdges.enumerated() {
            guard e.from >= 0, e.from < n, e.to >= 0, e.to < n else { continue }
            if e.from == e.to {
                routes[i].isSelfLoop = true
                continue
            }
            kept.append(i)
        }
        let reversed = Self.reversedEdges(n: n, edges: inputEdges, kept: kept)

        // Merge parallel edges of the acyclic graph: layout edge per (tail, head) with a weight.
        var keyed: [(key: Int, index: Int)] = []
        keyed.reserveCapacity(kept.count)
        for i in kept {
            let e = inputEdges[i]
            let (t, h) = reversed[i] ? (e.to, e.from) : (e.from, e.to)
            keyed.append((t * n + h, i))
        }
        keyed.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
        var layoutEdgeOf = [Int](repeating: -1, count: edgeCount)
        var tails: [Int] = [], heads: [Int] = [], weights: [Int] = []
        var lastKey = -1
        for item in keyed {
            if item.key != lastKey {
                tails.append(item.key / n)
                heads.append(item.key % n)
                weights.append(0)
                lastKey = item.key
            }
            weights[weights.count - 1] += 1
            layoutEdgeOf[item.index] = tails.count - 1
        }
        let m = tails.count

        // Layering.
        var ns = NetworkSimplex(nodeCount: n, tails: tails, heads: heads, weights: weights)
        var rank = ns.solve(maxIterations: 50 * (n + m) + 1000, balance: true)
        var degree = [Int](repeating: 0, count: n)
        for e in 0..<m {
            degree[tails[e]] += 1
            degree[heads[e]] += 1
        }
        let layerCount = placeIsolated(rank: &rank, degree: degree)

        // Dummies and the proper layered graph.
        var nodeLayer = rank
        var nodeWidth = widths
        var chainStart = [Int](repeating: 0, count: m)
        var upper: [Int] = [], lower: [Int] = [], pweight: [Int] = []
        for e in 0..<m {
            let t = tails[e], h = heads[e]
            let span = rank[h] - rank[t]
            chainStart[e] = nodeLayer.count
            var prev = t
            if span > 1 {
                for k in 1..<span {
                    let d = nodeLayer.count
                    nodeLayer.append(rank[t] + k)
                    nodeWidth.append(0)
                    upper.append(prev)
                    lower.append(d)
                    pweight.append(weights[e])
                    prev = d
                }
            }
            upper.append(prev)
            lower.append(h)
            pweight.append(weights[e])
        }
        let dummyCount = nodeLayer.count - n
        let lg = LayerGraph(
            layer: nodeLayer, layerCount: layerCount, width: nodeWidth, realCount: n,
            upper: upper, lower: lower, weight: pweight)

        // Ordering.
        var orderable = [Bool](repeating: true, count: lg.nodeCount)
        for v in 0..<n where degree[v] == 0 { orderable[v] = false }
        var kinds: [CrossingMinimizer.InitialOrder] = []
        switch options.orderingStrategy {
        case .barycenterOnly:
            kinds = []
        case .full:
            // As many initial orders as the time budget allows: each costs about as much as the rest of
            // the layout. From each, the search ends in a different local optimum (±5 % crossings).
            let work = lg.nodeCount + upper.count
            let all = CrossingMinimizer.InitialOrder.allCases
            kinds = work <= 2000 ? all : work <= 3500 ? Array(all.prefix(2)) : Array(all.prefix(1))
        }
        let (crossings, layerLists) = Self.order(lg, orderable: orderable, starts: kinds)
        var g = lg
        // Isolated nodes at the right end of their layers.
        var withIsolated = layerLists
        for v in 0..<n where degree[v] == 0 { withIsolated[rank[v]].append(v) }
        g.setOrder(withIsolated)

        // Coordinates.
        var bk = BrandesKoepf(g, nodeGap: options.nodeGap, edgeGap: options.edgeGap, alignBoxes: false)
        var cx = bk.place()
        MedianRelaxation.relax(
            g, x: &cx, nodeGap: options.nodeGap, edgeGap: options.edgeGap,
            sweeps: max(2, Int(8 * Self.effort(g))))
        if g.nodeCount + upper.count <= 2500 {
            // small graphs: the optimum of dot's objective, from the relaxed placement
            cx = SimplexPlacement.place(
                g, nodeGap: options.nodeGap, edgeGap: options.edgeGap, start: cx,
                maxIterations: 4000)
        }
        var minX = Double.infinity, maxX = -Double.infinity
        for v in 0..<g.nodeCount {
            minX = min(minX, cx[v] - nodeWidth[v] / 2)
            maxX = max(maxX, cx[v] + nodeWidth[v] / 2)
        }
        let shift = options.margin - minX
        for v in 0..<g.nodeCount { cx[v] += shift }
        var bandHeight = [Double](repeating: 0, count: layerCount)
        for v in 0..<n { bandHeight[rank[v]] = max(bandHeight[rank[v]], heights[v]) }
        var bandTop = [Double](repeating: 0, count: layerCount)
        var y = options.margin
        for r in 0..<layerCount {
            bandTop[r] = y
            y += bandHeight[r] + (r + 1 < layerCount ? options.layerGap : 0)
        }
        let totalHeight = y + options.margin
        let totalWidth = maxX - minX + 2 * options.margin
        var rects = [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: n)
        for v in 0..<n {
            let r = rank[v]
            rects[v] = Rect(
                x: cx[v] - widths[v] / 2, y: bandTop[r] + (bandHeight[r] - heights[v]) / 2,
                width: widths[v], height: heights[v])
        }

        // Ports: per proper edge, x on the upper box's bottom and on the lower box's top.
        let pm = upper.count
        var outPort = [Double](repeating: 0, count: pm)
        var inPort = [Double](repeating: 0, count: pm)
        var scratch: [(Int, Int)] = []
        for v in 0..<g.nodeCount {
            for side in 0..<2 {
                let downward = side == 0
                let a = downward ? g.downStart[v] : g.upStart[v]
                let b = downward ? g.downStart[v + 1] : g.upStart[v + 1]
                let k = b - a
                if k == 0 { continue }
                if k == 1 || v >= n || options.portSpacing <= 0 {
                    for j in a..<b {
                        if downward { outPort[g.downEdge[j]] = cx[v] } else { inPort[g.upEdge[j]] = cx[v] }
                    }
                    continue
                }
                scratch.removeAll(keepingCapacity: true)
                for j in a..<b {
                    let other = downward ? g.downNbr[j] : g.upNbr[j]
                    scratch.append((g.pos[other], downward ? g.downEdge[j] : g.upEdge[j]))
                }
                scratch.sort { $0.0 < $1.0 }
                let w = widths[v]
                let usable = max(0, w - 2 * min(8, w / 4))
                let step = min(options.portSpacing, usable / Double(k - 1))
                for (i, item) in scratch.enumerated() {
                    let x = cx[v] + (Double(i) - Double(k - 1) / 2) * step
                    if downward { outPort[item.1] = x } else { inPort[item.1] = x }
                }
            }
        }

        // Routes.
        var layoutRoutes = [[Point]](repeating: [], count: m)
        for e in 0..<m {
            let t = tails[e], h = heads[e]
            let span = rank[h] - rank[t]
            var pts: [Point] = []
            pts.reserveCapacity(2 * span + 2)
            let rt = rank[t], rh = rank[h]
            let firstEdge = properEdgeStart(e, chainStart: chainStart, n: n)
            let lastEdge = firstEdge + span - 1
            let sx = outPort[firstEdge]
            pts.append(Point(x: sx, y: rects[t].maxY))
            let bottomT = bandTop[rt] + bandHeight[rt]
            if rects[t].maxY < bottomT { pts.append(Point(x: sx, y: bottomT)) }
            if span > 1 {
                for k in 0..<(span - 1) {
                    let d = chainStart[e] + k
                    let r = rt + 1 + k
                    pts.append(Point(x: cx[d], y: bandTop[r]))
                    pts.append(Point(x: cx[d], y: bandTop[r] + bandHeight[r]))
                }
            }
            let ex = inPort[lastEdge]
            if rects[h].minY > bandTop[rh] { pts.append(Point(x: ex, y: bandTop[rh])) }
            pts.append(Point(x: ex, y: rects[h].minY))
            layoutRoutes[e] = pts
        }
        for i in 0..<edgeCount where layoutEdgeOf[i] >= 0 {
            routes[i].points = layoutRoutes[layoutEdgeOf[i]]
            routes[i].reversed = reversed[i]
        }
        return LayeredLayout(
            nodes: rects, layers: rank, layerCount: layerCount, edges: routes,
            width: totalWidth, height: totalHeight, crossings: crossings, dummyCount: dummyCount)
    }

    /// Crossing minimisation: the plain barycenter baseline, and from each initial order in `starts`
    /// median sweeps with transpositions then sifting; the order with fewest crossings wins (ties: the
    /// earlier candidate, the baseline first), so the result is never worse than the baseline.
    /// Returns the crossings and the order per layer.
    static func order(_ lg: LayerGraph, orderable: [Bool], starts: [CrossingMinimizer.InitialOrder]) -> (Int, [[Int]]) {
        // Fewer sweeps on huge proper graphs (dense random graphs: millions of dummies).
        let iterations = max(4, Int(24 * effort(lg)))
        var cm = CrossingMinimizer(lg)
        cm.installInitialOrder(.breadthFirstDown, orderable: orderable)
        var best = (cm.barycenterSweeps(iterations: iterations), cm.layers())
        // Nothing beats no crossings, and ties keep the baseline (most small graphs end here).
        if best.0 == 0 { return best }
        for kind in starts {
            cm = CrossingMinimizer(lg)
            // about 160 evaluations per node and edge are used on generated plans
            cm.budget = min(400 * (lg.nodeCount + lg.edgeUpper.count), 25_000_000)
            cm.installInitialOrder(kind, orderable: orderable)
            let c = cm.sift(rounds: 12, crossings: cm.medianSweeps(iterations: iterations, minQuit: 8))
            if c < best.0 { best = (c, cm.layers()) }
        }
        return best
    }

    /// 1 up to 300,000 nodes and edges in the proper graph, then inversely proportional.
    static func effort(_ g: LayerGraph) -> Double {
        min(1, 300_000 / Double(max(1, g.nodeCount + g.edgeUpper.count)))
    }

    /// Proper edges were appended chain by chain: layout edge `e` owns `span` consecutive ones,
    /// starting after the previous chains; dummies were appended in the same order, so the count of
    /// proper edges before chain `e` is (dummies before it) + e.
    @inline(__always) func properEdgeStart(_ e: Int, chainStart: [Int], n: Int) -> Int {
        chainStart[e] - n + e
    }

    /// Depth-first search from every unvisited node in index order; an edge to a node on the stack
    /// closes a cycle and is reversed.
    static func reversedEdges(n: Int, edges: [GraphEdge], kept: [Int]) -> [Bool] {
        var reversed = [Bool](repeating: false, count: edges.count)
        var start = [Int](repeating: 0, count: n + 1)
        for i in kept { start[edges[i].from + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var adj = [Int](repeating: 0, count: kept.count)
        for i in kept {
            adj[fill[edges[i].from]] = i
            fill[edges[i].from] += 1
        }
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        var next: [Int] = []
        for s in 0..<n where state[s] == 0 {
            state[s] = 1
            stack.append(s)
            next.append(start[s])
            while let v = stack.last {
                let j = next[next.count - 1]
                if j < start[v + 1] {
                    next[next.count - 1] = j + 1
                    let i = adj[j]
                    let w = edges[i].to
                    if state[w] == 1 {
                        reversed[i] = true
                    } else if state[w] == 0 {
                        state[w] = 1
                        stack.append(w)
                        next.append(start[w])
                    }
                } else {
                    state[v] = 2
                    stack.removeLast()
                    next.removeLast()
                }
            }
        }
        return reversed
    }

    /// Nodes without edges: spread over the layers with the least box width; with no edges at all,
    /// rows of a roughly 3:1 grid. Returns the layer count.
    func placeIsolated(rank: inout [Int], degree: [Int]) -> Int {
        var maxRank = -1
        for v in 0..<n where degree[v] > 0 { maxRank = max(maxRank, rank[v]) }
        if maxRank < 0 {
            var area = 0.0
            for v in 0..<n { area += (widths[v] + options.nodeGap) * (heights[v] + options.layerGap) }
            let rowWidth = (3 * area).squareRoot()
            var r = 0, used = 0.0
            for v in 0..<n {
                let w = widths[v] + options.nodeGap
                if used > 0 && used + w > rowWidth {
                    r += 1
                    used = 0
                }
                rank[v] = r
                used += w
            }
            return r + 1
        }
        let layerCount = maxRank + 1
        var load = [Double](repeating: 0, count: layerCount)
        for v in 0..<n where degree[v] > 0 { load[rank[v]] += widths[v] + options.nodeGap }
        for v in 0..<n where degree[v] == 0 {
            var best = 0
            for r in 1..<layerCount where load[r] < load[best] { best = r }
            rank[v] = best
            load[best] += widths[v] + options.nodeGap
        }
        return layerCount
    }
}
