import LoopReportLayout
import Testing

@testable import LoopReportDrawingMetrics

/// Crossing and edge-through-node counts, edge path text and the SVG reader.
@Suite struct DrawingMetricsTests {
    static func p(_ x: Double, _ y: Double) -> Point { Point(x: x, y: y) }

    @Test func properCrossingsCount() {
        let edges = [[Self.p(0, 0), Self.p(10, 10)], [Self.p(0, 10), Self.p(10, 0)], [Self.p(20, 0), Self.p(20, 10)]]
        #expect(DrawingMetrics.crossings(edges: edges, nodes: []) == 1)
        // segments of the same edge never count
        #expect(DrawingMetrics.crossings(edges: [[Self.p(0, 0), Self.p(10, 10), Self.p(10, 0), Self.p(0, 10)]], nodes: []) == 0)
    }

    @Test func touchingAndOverlappingDoNotCount() {
        // T-junction, shared end point, collinear overlap
        let t = [[Self.p(0, 0), Self.p(10, 0)], [Self.p(5, 0), Self.p(5, 10)]]
        #expect(DrawingMetrics.crossings(edges: t, nodes: []) == 0)
        let v = [[Self.p(0, 0), Self.p(5, 5)], [Self.p(10, 0), Self.p(5, 5)]]
        #expect(DrawingMetrics.crossings(edges: v, nodes: []) == 0)
        let overlap = [[Self.p(0, 0), Self.p(10, 0)], [Self.p(5, 0), Self.p(15, 0)]]
        #expect(DrawingMetrics.crossings(edges: overlap, nodes: []) == 0)
    }

    @Test func crossingAtSharedVertexCountsOnce() {
        // Two polylines crossing exactly at a vertex of both (a flattened curve's midpoint).
        let a = [Self.p(0, 0), Self.p(5, 5), Self.p(10, 10)]
        let b = [Self.p(10, 0), Self.p(5, 5), Self.p(0, 10)]
        #expect(DrawingMetrics.crossings(edges: [a, b], nodes: []) == 1)
        // ...and two that only touch there do not cross
        let c = [Self.p(0, 0), Self.p(5, 5), Self.p(0, 10)]
        let d = [Self.p(10, 0), Self.p(5, 5), Self.p(10, 10)]
        #expect(DrawingMetrics.crossings(edges: [c, d], nodes: []) == 0)
    }

    @Test func crossingsAtASharedNodeAreIgnored() {
        let node = Rect(x: 0, y: 0, width: 20, height: 10)
        // both edges start on the node's bottom border and cross right below it
        let a = [Self.p(8, 10), Self.p(12, 10.8), Self.p(12, 40)]
        let b = [Self.p(12, 10), Self.p(8, 10.8), Self.p(8, 40)]
        #expect(DrawingMetrics.crossings(edges: [a, b], nodes: [node]) == 0)
        #expect(DrawingMetrics.crossings(edges: [a, b], nodes: []) == 1)
        // a crossing far from the shared node counts
        let c = [Self.p(5, 10), Self.p(5, 20), Self.p(15, 30)]
        let d = [Self.p(15, 10), Self.p(15, 20), Self.p(5, 30)]
        #expect(DrawingMetrics.crossings(edges: [c, d], nodes: [node]) == 1)
    }

    @Test func manyEdgesOnTheGrid() {
        // n horizontal and n vertical lines: n² crossings, found through the grid.
        let n = 60
        var edges: [[Point]] = []
        for i in 0..<n {
            edges.append([Self.p(0, Double(i) * 7 + 1), Self.p(500, Double(i) * 7 + 1)])
            edges.append([Self.p(Double(i) * 8 + 2, 0), Self.p(Double(i) * 8 + 2, 500)])
        }
        #expect(DrawingMetrics.crossings(edges: edges, nodes: []) == n * n)
    }

    @Test func edgesThroughNodes() {
        let nodes = [
            Rect(x: 0, y: 0, width: 40, height: 20), Rect(x: 0, y: 100, width: 40, height: 20),
            Rect(x: 100, y: 50, width: 40, height: 20), Rect(x: 0, y: 50, width: 40, height: 20),
        ]
        // 0 → 1 straight down passes through node 3; 0 → 2 avoids it; an arrow stopping short still
        // finds its end node.
        let through = [Self.p(20, 20), Self.p(20, 100)]
        let around = [Self.p(40, 20), Self.p(100, 50)]
        let short = [Self.p(20, 120), Self.p(110, 40)]
        #expect(DrawingMetrics.edgesThroughNodes(edges: [through, around, short], nodes: nodes) == 1)
        // grazing a box's border is not passing through it
        let graze = [Self.p(40, 20), Self.p(40, 100)]
        #expect(DrawingMetrics.edgesThroughNodes(edges: [graze], nodes: nodes) == 0)
    }

    @Test func pathData() {
        #expect(EdgePath.svgPathData([]) == "")
        let points = [Self.p(10, 20), Self.p(10, 30), Self.p(40.5, 80), Self.p(40.5, 80), Self.p(40.5, 108)]
        #expect(EdgePath.svgPathData(points) == "M10 20 L10 30 C10 55 40.5 55 40.5 80 L40.5 108")
        #expect(EdgePath.format(3.10) == "3.1")
        #expect(EdgePath.format(-0.001) == "0")
        #expect(EdgePath.format(-2.456) == "-2.46")
        #expect(EdgePath.format(1234.05) == "1234.05")
        #expect(EdgePath.format(7) == "7")
        // the curve between layers keeps to the band between its ends
        let line = EdgePath.polyline([Self.p(0, 0), Self.p(100, 50)])
        #expect(line.count == 9)
        #expect(line.allSatisfy { $0.y >= 0 && $0.y <= 50 && $0.x >= 0 && $0.x <= 100 })
    }

    @Test func pathParser() {
        let d = "M1e1,2L.5.5 l10-10H30V-1.5e1c0,10 10,10 10,0 z"
        let points = SVGDrawingReader.flattenPath(d, curveSegments: 2)
        #expect(points.first == Self.p(10, 2))
        #expect(points[1] == Self.p(0.5, 0.5))
        #expect(points[2] == Self.p(10.5, -9.5))
        #expect(points[3] == Self.p(30, -9.5))
        #expect(points[4] == Self.p(30, -15))
        #expect(points[6] == Self.p(40, -15))
        #expect(points.last == Self.p(10, 2))
    }

    /// `dot -Tsvg` (Graphviz 2.43) of `digraph G { node [shape=box]; a -> b; a -> c; b -> d; c -> d; }`.
    static let dotSVG = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
         "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <!-- Generated by graphviz version 2.43.0 (0)
         -->
        <!-- Title: G Pages: 1 -->
        <svg width="134pt" height="188pt"
         viewBox="0.00 0.00 134.00 188.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
        <g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 184)">
        <title>G</title>
        <polygon fill="white" stroke="transparent" points="-4,4 -4,-184 130,-184 130,4 -4,4"/>
        <!-- a -->
        <g id="node1" class="node">
        <title>a</title>
        <polygon fill="none" stroke="black" points="90,-180 36,-180 36,-144 90,-144 90,-180"/>
        <text text-anchor="middle" x="63" y="-158.3" font-family="Times,serif" font-size="14.00">a</text>
        </g>
        <!-- b -->
        <g id="node2" class="node">
        <title>b</title>
        <polygon fill="none" stroke="black" points="54,-108 0,-108 0,-72 54,-72 54,-108"/>
        <text text-anchor="middle" x="27" y="-86.3" font-family="Times,serif" font-size="14.00">b</text>
        </g>
        <!-- a&#45;&gt;b -->
        <g id="edge1" class="edge">
        <title>a&#45;&gt;b</title>
        <path fill="none" stroke="black" d="M54.1,-143.7C50,-135.73 45.05,-126.1 40.51,-117.26"/>
        <polygon fill="black" stroke="black" points="43.48,-115.4 35.8,-108.1 37.26,-118.6 43.48,-115.4"/>
        </g>
        <!-- c -->
        <g id="node3" class="node">
        <title>c</title>
        <polygon fill="none" stroke="black" points="126,-108 72,-108 72,-72 126,-72 126,-108"/>
        <text text-anchor="middle" x="99" y="-86.3" font-family="Times,serif" font-size="14.00">c</text>
        </g>
        <!-- a&#45;&gt;c -->
        <g id="edge2" class="edge">
        <title>a&#45;&gt;c</title>
        <path fill="none" stroke="black" d="M71.9,-143.7C76,-135.73 80.95,-126.1 85.49,-117.26"/>
        <polygon fill="black" stroke="black" points="88.74,-118.6 90.2,-108.1 82.52,-115.4 88.74,-118.6"/>
        </g>
        <!-- d -->
        <g id="node4" class="node">
        <title>d</title>
        <polygon fill="none" stroke="black" points="90,-36 36,-36 36,0 90,0 90,-36"/>
        <text text-anchor="middle" x="63" y="-14.3" font-family="Times,serif" font-size="14.00">d</text>
        </g>
        <!-- b&#45;&gt;d -->
        <g id="edge3" class="edge">
        <title>b&#45;&gt;d</title>
        <path fill="none" stroke="black" d="M35.9,-71.7C40,-63.73 44.95,-54.1 49.49,-45.26"/>
        <polygon fill="black" stroke="black" points="52.74,-46.6 54.2,-36.1 46.52,-43.4 52.74,-46.6"/>
        </g>
        <!-- c&#45;&gt;d -->
        <g id="edge4" class="edge">
        <title>c&#45;&gt;d</title>
        <path fill="none" stroke="black" d="M90.1,-71.7C86,-63.73 81.05,-54.1 76.51,-45.26"/>
        <polygon fill="black" stroke="black" points="79.48,-43.4 71.8,-36.1 73.26,-46.6 79.48,-43.4"/>
        </g>
        </g>
        </svg>
        """

    @Test func readsGraphvizSVG() {
        let (nodes, edges) = SVGDrawingReader.read(Self.dotSVG)
        #expect(
            nodes == [
                Rect(x: 40, y: 4, width: 54, height: 36), Rect(x: 4, y: 76, width: 54, height: 36),
                Rect(x: 76, y: 76, width: 54, height: 36), Rect(x: 40, y: 148, width: 54, height: 36),
            ])
        #expect(edges.count == 4)
        #expect(edges.allSatisfy { $0.count == 9 })
        let first = edges[0]
        #expect(abs(first[0].x - 58.1) < 1e-9 && abs(first[0].y - 40.3) < 1e-9)
        #expect(abs(first[8].x - 44.51) < 1e-9 && abs(first[8].y - 66.74) < 1e-9)
        #expect(DrawingMetrics.crossings(edges: edges, nodes: nodes) == 0)
        #expect(DrawingMetrics.edgesThroughNodes(edges: edges, nodes: nodes) == 0)
    }

    @Test func readsOurOwnMarkup() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg"><g class="graph">
            <g class='node task' data-id="1"><rect x="10" y="5" width="80" height="28" rx="4"/><text>a</text></g>
            <g class="node"><ellipse cx="50" cy="100" rx="20" ry="10"/></g>
            <g class="edge critical"><path d="M50 33 C50 61.5 50 61.5 50 90"/><path d="M0 0 L1 1"/></g>
            <g class="nodes"><rect x="0" y="0" width="1" height="1"/></g>
            </g></svg>
            """
        let (nodes, edges) = SVGDrawingReader.read(svg)
        #expect(nodes == [Rect(x: 10, y: 5, width: 80, height: 28), Rect(x: 30, y: 90, width: 40, height: 20)])
        #expect(edges.count == 1 && edges[0].count == 9 && edges[0].last == Point(x: 50, y: 90))
    }
}
