import LoopReportDrawingMetrics
import LoopReportLayout

#if canImport(Glibc)
import Glibc
#endif

/// `layout N RUNS [SEED]`: the generated plan graph (seed 42 unless given), `LayeredLayout.compute` timed over RUNS
/// runs; crossings and edges through nodes measured on the drawn (flattened) paths.
func benchLayout(nodes n: Int, runs: Int, seed: UInt64) {
    let graph = LayeredGraph.generatedPlan(nodes: n, seed: seed)
    var times: [Double] = []
    var layout = LayeredLayout.compute(graph)
    for _ in 0..<runs {
        let start = now()
        layout = LayeredLayout.compute(graph)
        times.append(now() - start)
    }
    times.sort()
    // Every input edge is drawn, duplicates too (they share a route), as Graphviz draws each.
    let lines = layout.edges.filter { !$0.points.isEmpty }.map { EdgePath.polyline($0.points) }
    let crossings = DrawingMetrics.crossings(edges: lines, nodes: layout.nodes)
    let through = DrawingMetrics.edgesThroughNodes(edges: lines, nodes: layout.nodes)
    func ms(_ t: Double) -> String { String(Double(Int(t * 100_000)) / 100) }
    print(
        "{\"nodes\":\(n),\"edges\":\(graph.edges.count),\"median_ms\":\(ms(times[times.count / 2])),\"min_ms\":\(ms(times[0])),"
            + "\"crossings\":\(crossings),\"edges_through_nodes\":\(through),\"layer_crossings\":\(layout.crossings),"
            + "\"layers\":\(layout.layerCount),\"dummies\":\(layout.dummyCount),\"width\":\(Int(layout.width)),\"height\":\(Int(layout.height))}"
    )
}

/// `svg-metrics FILE.svg`: nodes, edges, crossings and edges through nodes of a rendered drawing.
func svgMetrics(path: String) {
    guard let file = fopen(path, "rb") else {
        print("{\"error\":\"cannot open \(path)\"}")
        exit(1)
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let k = fread(&buffer, 1, buffer.count, file)
        if k <= 0 { break }
        bytes.append(contentsOf: buffer[0..<k])
    }
    fclose(file)
    let svg = String(decoding: bytes, as: UTF8.self)
    let start = now()
    let (nodes, edges) = SVGDrawingReader.read(svg)
    let crossings = DrawingMetrics.crossings(edges: edges, nodes: nodes)
    let through = DrawingMetrics.edgesThroughNodes(edges: edges, nodes: nodes)
    let elapsed = now() - start
    print(
        "{\"nodes\":\(nodes.count),\"edges\":\(edges.count),\"crossings\":\(crossings),\"edges_through_nodes\":\(through),\"measure_ms\":\(Int(elapsed * 1000))}"
    )
}
