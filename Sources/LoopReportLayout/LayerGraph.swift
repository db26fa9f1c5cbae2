/// The proper layered graph: real nodes `0..<realCount` followed by dummy nodes, every edge joining
/// two consecutive layers (`upper` in layer r, `lower` in layer r + 1). Adjacency in CSR form;
/// `order` holds the nodes of each layer left to right (`layerStart[r]..<layerStart[r + 1]`) and
/// `pos` the index of each node within its layer.
struct LayerGraph: Sendable {
    var nodeCount: Int
    var realCount: Int
    var layerCount: Int
    var layer: [Int]
    var width: [Double]
    var edgeUpper: [Int]
    var edgeLower: [Int]
    var edgeWeight: [Int]
    /// Edges to the layer above, per node.
    var upStart: [Int]
    var upNbr: [Int]
    var upW: [Int]
    var upEdge: [Int]
    /// Edges to the layer below, per node.
    var downStart: [Int]
    var downNbr: [Int]
    var downW: [Int]
    var downEdge: [Int]
    var layerStart: [Int]
    var order: [Int]
    var pos: [Int]

    init(layer: [Int], layerCount: Int, width: [Double], realCount: Int, upper: [Int], lower: [Int], weight: [Int]) {
        let n = layer.count
        nodeCount = n
        self.realCount = realCount
        self.layerCount = layerCount
        self.layer = layer
        self.width = width
        edgeUpper = upper
        edgeLower = lower
        edgeWeight = weight
        let m = upper.count
        var us = [Int](repeating: 0, count: n + 1)
        var ds = [Int](repeating: 0, count: n + 1)
        for e in 0..<m {
            us[lower[e] + 1] += 1
            ds[upper[e] + 1] += 1
        }
        for v in 0..<n {
            us[v + 1] += us[v]
            ds[v + 1] += ds[v]
        }
        var uf = us, df = ds
        upNbr = [Int](repeating: 0, count: m)
        upW = [Int](repeating: 0, count: m)
        upEdge = [Int](repeating: 0, count: m)
        downNbr = [Int](repeating: 0, count: m)
        downW = [Int](repeating: 0, count: m)
        downEdge = [Int](repeating: 0, count: m)
        for e in 0..<m {
            let u = upper[e], l = lower[e]
            upNbr[uf[l]] = u
            upW[uf[l]] = weight[e]
            upEdge[uf[l]] = e
            uf[l] += 1
            downNbr[df[u]] = l
            downW[df[u]] = weight[e]
            downEdge[df[u]] = e
            df[u] += 1
        }
        upStart = us
        downStart = ds
        layerStart = [Int](repeating: 0, count: layerCount + 1)
        order = []
        pos = [Int](repeating: 0, count: n)
    }

    @inline(__always) func degree(_ v: Int) -> Int {
        upStart[v + 1] - upStart[v] + downStart[v + 1] - downStart[v]
    }

    /// Installs `layers` (node lists per layer, left to right) as the current order.
    mutating func setOrder(_ layers: [[Int]]) {
        order.removeAll(keepingCapacity: true)
        for r in 0..<layerCount {
            layerStart[r] = order.count
            for (i, v) in layers[r].enumerated() {
                order.append(v)
                pos[v] = i
            }
        }
        layerStart[layerCount] = order.count
    }

    mutating func setOrder(flat: [Int]) {
        order = flat
        for r in 0..<layerCount {
            let s = layerStart[r]
            for i in s..<layerStart[r + 1] { pos[order[i]] = i - s }
        }
    }
}
