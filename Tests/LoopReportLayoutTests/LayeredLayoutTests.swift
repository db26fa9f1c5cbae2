import LoopReportDrawingMetrics
import Testing

@testable import LoopReportLayout

/// The layered layout's guarantees, on generated plans and on awkward inputs.
@Suite struct LayeredLayoutTests {
    /// Every drawn edge as the renderer draws it: the path data, flattened like any SVG path.
    static func drawn(_ layout: LayeredLayout) -> [[Point]] {
        layout.edges.filter { !$0.points.isEmpty }.map { SVGDrawingReader.flattenPath(EdgePath.svgPathData($0.points)) }
    }

    /// Checks the geometric guarantees of `layout` for `graph`.
    static func validate(
        _ graph: LayeredGraph, _ layout: LayeredLayout, options: LayeredLayout.Options = .init(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let n = graph.nodeSizes.count
        #expect(layout.nodes.count == n, sourceLocation: sourceLocation)
        #expect(layout.layers.count == n, sourceLocation: sourceLocation)
        #expect(layout.edges.count == graph.edges.count, sourceLocation: sourceLocation)
        for (v, r) in layout.nodes.enumerated() {
            #expect(r.x.isFinite && r.y.isFinite, sourceLocation: sourceLocation)
            #expect(r.minX >= -0.001 && r.maxX <= layout.width + 0.001, sourceLocation: sourceLocation)
            #expect(r.minY >= -0.001 && r.maxY <= layout.height + 0.001, sourceLocation: sourceLocation)
            #expect(layout.layers[v] >= 0 && layout.layers[v] < layout.layerCount, sourceLocation: sourceLocation)
        }
        // No overlaps: within a layer nodeGap apart, layers in disjoint bands, top to bottom.
        var byLayer = [[Int]](repeating: [], count: layout.layerCount)
        for v in 0..<n { byLayer[layout.layers[v]].append(v) }
        var previousBottom = -Double.infinity
        for members in byLayer {
            let sorted = members.sorted { layout.nodes[$0].minX < layout.nodes[$1].minX }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let gap = layout.nodes[b].minX - layout.nodes[a].maxX
                #expect(gap >= options.nodeGap - 0.001, "boxes \(a) and \(b) \(gap) apart", sourceLocation: sourceLocation)
            }
            guard !members.isEmpty else { continue }
            let top = members.map { layout.nodes[$0].minY }.min()!
            #expect(top > previousBottom, sourceLocation: sourceLocation)
            previousBottom = members.map { layout.nodes[$0].maxY }.max()!
        }
        // Routes: down the layers, from the upper box's bottom to the lower box's top.
        for (i, edge) in graph.edges.enumerated() {
            let route = layout.edges[i]
            let valid = edge.from >= 0 && edge.from < n && edge.to >= 0 && edge.to < n
            if !valid || edge.from == edge.to {
                #expect(route.points.isEmpty, sourceLocation: sourceLocation)
                #expect(route.isSelfLoop == (valid && edge.from == edge.to), sourceLocation: sourceLocation)
                continue
            }
            let (upper, lower) = route.reversed ? (edge.to, edge.from) : (edge.from, edge.to)
            #expect(layout.layers[lower] > layout.layers[upper], "edge \(i)", sourceLocation: sourceLocation)
            guard let first = route.points.first, let last = route.points.last, route.points.count >= 2 else {
                Issue.record("edge \(i) has no route", sourceLocation: sourceLocation)
                continue
            }
            let a = layout.nodes[upper], b = layout.nodes[lower]
            #expect(
                abs(first.y - a.maxY) <= 0.5 && first.x >= a.minX - 0.5 && first.x <= a.maxX + 0.5,
                "edge \(i) starts off its box", sourceLocation: sourceLocation)
            #expect(
                abs(last.y - b.minY) <= 0.5 && last.x >= b.minX - 0.5 && last.x <= b.maxX + 0.5,
                "edge \(i) ends off its box", sourceLocation: sourceLocation)
            for (p, q) in zip(route.points, route.points.dropFirst()) {
                #expect(q.y >= p.y, "edge \(i) goes up", sourceLocation: sourceLocation)
            }
        }
        let lines = drawn(layout)
        #expect(DrawingMetrics.edgesThroughNodes(edges: lines, nodes: layout.nodes) == 0, sourceLocation: sourceLocation)
    }

    static func baseline(_ graph: LayeredGraph) -> LayeredLayout {
        var options = LayeredLayout.Options()
        options.orderingStrategy = .barycenterOnly
        return LayeredLayout.compute(graph, options: options)
    }

    @Test(arguments: [(50, 1), (50, 2), (50, 3), (300, 1), (300, 2), (300, 42)])
    func generatedPlans(nodes: Int, seed: UInt64) {
        let graph = LayeredGraph.generatedPlan(nodes: nodes, seed: seed)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        // The drawn curves cross exactly as often as the order says, and no more than the baseline.
        #expect(DrawingMetrics.crossings(edges: Self.drawn(layout), nodes: layout.nodes) == layout.crossings)
        #expect(layout.crossings <= Self.baseline(graph).crossings)
        #expect(LayeredLayout.compute(graph) == layout)
    }

    @Test func largePlan() {
        let graph = LayeredGraph.generatedPlan(nodes: 2000, seed: 7)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        #expect(layout.crossings <= Self.baseline(graph).crossings)
        #expect(DrawingMetrics.crossings(edges: Self.drawn(layout), nodes: layout.nodes) == layout.crossings)
        // Compact: far narrower than a single row of all boxes.
        let row = graph.nodeSizes.reduce(0) { $0 + $1.width + 16 }
        #expect(layout.width < row / 10)
    }

    @Test func emptyAndSingle() {
        let empty = LayeredLayout.compute(LayeredGraph(nodeSizes: [], edges: [GraphEdge(from: 0, to: 1)]))
        #expect(empty.nodes.isEmpty && empty.layerCount == 0 && empty.edges.count == 1 && empty.edges[0].points.isEmpty)
        let one = LayeredGraph(nodeSizes: [Size(width: 80, height: 28)], edges: [])
        let layout = LayeredLayout.compute(one)
        Self.validate(one, layout)
        #expect(layout.layerCount == 1)
        #expect(layout.nodes[0] == Rect(x: 8, y: 8, width: 80, height: 28))
        #expect(layout.width == 96 && layout.height == 44)
    }

    @Test func cyclesAreBrokenAndFlagged() {
        let sizes = [Size](repeating: Size(width: 60, height: 28), count: 6)
        let edges = [
            GraphEdge(from: 0, to: 1), GraphEdge(from: 1, to: 0),  // 2-cycle
            GraphEdge(from: 2, to: 3), GraphEdge(from: 3, to: 4), GraphEdge(from: 4, to: 5),
            GraphEdge(from: 5, to: 2), GraphEdge(from: 4, to: 2),
        ]  // longer cycles
        let graph = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        #expect(layout.edges.contains { $0.reversed })
        #expect(layout.edges[0].reversed != layout.edges[1].reversed)
        // Both edges of the 2-cycle are laid out as one.
        #expect(layout.edges[0].points == layout.edges[1].points)
    }

    @Test func selfLoopsDuplicatesAndBadIndices() {
        let sizes = [Size](repeating: Size(width: 100, height: 28), count: 4)
        let edges = [
            GraphEdge(from: 0, to: 0), GraphEdge(from: 0, to: 1), GraphEdge(from: 0, to: 1),
            GraphEdge(from: 1, to: 2), GraphEdge(from: 2, to: 9), GraphEdge(from: -1, to: 2),
            GraphEdge(from: 0, to: 3),
        ]
        let graph = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        #expect(layout.edges[0].isSelfLoop && layout.edges[0].points.isEmpty)
        #expect(layout.edges[1].points == layout.edges[2].points)
        #expect(layout.edges[4].points.isEmpty && layout.edges[5].points.isEmpty)
    }

    @Test func fanOut() {
        var sizes = [Size(width: 200, height: 28)]
        var edges: [GraphEdge] = []
        for i in 1...500 {
            sizes.append(Size(width: Double(60 + i % 7 * 20), height: 28))
            edges.append(GraphEdge(from: 0, to: i))
        }
        // a second layer of dependents under some of them
        for i in stride(from: 1, through: 500, by: 25) {
            sizes.append(Size(width: 90, height: 40))
            edges.append(GraphEdge(from: i, to: sizes.count - 1))
            edges.append(GraphEdge(from: 0, to: sizes.count - 1))
        }
        let graph = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        // Ports spread along the hub's bottom border, inside it.
        let starts = Set(layout.edges.prefix(500).map { $0.points[0].x })
        #expect(starts.count > 1)
    }

    @Test func isolatedNodes() {
        // Without edges: rows of a grid, not one row.
        let sizes = (0..<400).map { Size(width: Double(60 + $0 % 9 * 20), height: 28) }
        let alone = LayeredGraph(nodeSizes: sizes, edges: [])
        let grid = LayeredLayout.compute(alone)
        Self.validate(alone, grid)
        #expect(grid.layerCount > 5)
        #expect(grid.width < 3 * grid.height + 400)
        // With some edges: spread over the existing layers.
        var edges: [GraphEdge] = []
        for i in 0..<9 { edges.append(GraphEdge(from: i, to: i + 1)) }
        let mixed = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(mixed)
        Self.validate(mixed, layout)
        #expect(layout.layerCount == 10)
        #expect(Set(layout.layers[10...]).count == 10)
    }

    @Test func oddSizes() {
        let sizes = [
            Size(width: 0, height: 0), Size(width: .nan, height: 28), Size(width: -5, height: .infinity),
            Size(width: 50, height: 60), Size(width: 50, height: 10),
        ]
        let edges = [
            GraphEdge(from: 0, to: 1), GraphEdge(from: 1, to: 2), GraphEdge(from: 0, to: 3),
            GraphEdge(from: 3, to: 4), GraphEdge(from: 0, to: 4),
        ]
        let graph = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        // Boxes shorter than their band: centred, with vertical stubs to the band edges.
        let band = layout.nodes[3]
        #expect(layout.nodes[1].midY == band.midY || layout.layers[1] != layout.layers[3])
    }

    @Test func longEdgesRunThroughDummyLanes() {
        // 0→1→2→3→4 and a long edge 0→4: routed through three dummies, each with entry and exit.
        let sizes = [Size](repeating: Size(width: 80, height: 28), count: 5)
        let edges = (0..<4).map { GraphEdge(from: $0, to: $0 + 1) } + [GraphEdge(from: 0, to: 4)]
        let graph = LayeredGraph(nodeSizes: sizes, edges: edges)
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        let long = layout.edges[4].points
        #expect(long.count == 2 + 2 * 3)
        for k in 0..<3 { #expect(long[1 + 2 * k].x == long[2 + 2 * k].x) }
        #expect(layout.dummyCount == 3)
        let d = EdgePath.svgPathData(long)
        #expect(d.hasPrefix("M") && d.contains(" L") && d.contains(" C"))
    }

    /// Network simplex against enumeration of all rankings on tiny random DAGs.
    @Test(arguments: 1...25)
    func networkSimplexIsOptimal(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let n = 3 + next(3)
        var tails: [Int] = [], heads: [Int] = [], weights: [Int] = []
        var seen = Set<Int>()
        for _ in 0..<(n + next(n)) {
            let a = next(n), b = next(n)
            guard a < b, seen.insert(a * n + b).inserted else { continue }
            tails.append(a)
            heads.append(b)
            weights.append(1 + next(3))
        }
        var ns = NetworkSimplex(nodeCount: n, tails: tails, heads: heads, weights: weights)
        let rank = ns.solve(maxIterations: 1000, balance: false)
        func cost(_ r: [Int]) -> Int? {
            var c = 0
            for e in tails.indices {
                let len = r[heads[e]] - r[tails[e]]
                if len < 1 { return nil }
                c += weights[e] * len
            }
            return c
        }
        guard let found = cost(rank) else {
            Issue.record("infeasible ranking \(rank)")
            return
        }
        var best = Int.max
        var r = [Int](repeating: 0, count: n)
        func enumerate(_ i: Int) {
            if i == n {
                if let c = cost(r) { best = min(best, c) }
                return
            }
            for value in 0..<n {
                r[i] = value
                enumerate(i + 1)
            }
        }
        enumerate(0)
        #expect(found == best)
    }

    @Test func simplexPlacementMinimisesWeightedLength() {
        // Two parents over one child: the child sits between them, the boxes keep their gaps.
        let sizes = [Size(width: 60, height: 28), Size(width: 60, height: 28), Size(width: 60, height: 28)]
        let graph = LayeredGraph(nodeSizes: sizes, edges: [GraphEdge(from: 0, to: 2), GraphEdge(from: 1, to: 2)])
        let layout = LayeredLayout.compute(graph)
        Self.validate(graph, layout)
        let (a, b, c) = (layout.nodes[0], layout.nodes[1], layout.nodes[2])
        #expect(c.midX >= min(a.midX, b.midX) && c.midX <= max(a.midX, b.midX))
        #expect(abs(b.midX - a.midX) == 76)
    }
}
