/// The input of the layered layout: a box size per node and directed edges between node indices.
/// Edges may contain cycles, self-loops, duplicates and out-of-range indices; none of them is an error.
package struct LayeredGraph: Sendable, Hashable {
    /// One per node; the index is the node id.
    package var nodeSizes: [Size]
    package var edges: [GraphEdge]
    package init(nodeSizes: [Size], edges: [GraphEdge]) {
        self.nodeSizes = nodeSizes
        self.edges = edges
    }
}

extension LayeredGraph {
    /// A graph shaped like a generated plan, for tests and benchmarks: `nodes` tasks in order, each
    /// depending on 0–3 random tasks among the 40 before it (edge from the earlier to the later task;
    /// the same predecessor may be drawn twice, giving a duplicate edge). Box widths 60–220 derived
    /// from the node index (independent of the seed), height 28.
    package static func generatedPlan(nodes n: Int, seed: UInt64 = 42) -> LayeredGraph {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var sizes: [Size] = []
        sizes.reserveCapacity(max(n, 0))
        var edges: [GraphEdge] = []
        for t in 0..<max(n, 0) {
            sizes.append(Size(width: generatedPlanBoxWidth(t), height: 28))
            if t > 0 {
                for _ in 0..<next(4) { edges.append(GraphEdge(from: t - 1 - next(min(40, t)), to: t)) }
            }
        }
        return LayeredGraph(nodeSizes: sizes, edges: edges)
    }

    /// Box width of node `index` in `generatedPlan`: 60–220, a hash of the index.
    package static func generatedPlanBoxWidth(_ index: Int) -> Double {
        let h = (UInt64(truncatingIfNeeded: index) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        return Double(60 + (h >> 44) % 161)
    }
}
