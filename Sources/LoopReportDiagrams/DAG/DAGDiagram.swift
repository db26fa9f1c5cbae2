import LoopReportAnalysis
import LoopReportLayout

/// A dependency graph drawn with the layered layout: boxes `<g class="node">`, edges
/// `<g class="edge">` routed between layers, the critical path highlighted (colour, a
/// heavier outline and bold text), edges that close a cycle dashed.
package struct DAGDiagram: Sendable {
    /// The drawing as SVG markup (UTF-8), as pages embed it.
    package var markup: [UInt8]
    package var svg: String { String(decoding: markup, as: UTF8.self) }
    package var width: Double
    package var height: Double
    package var layout: LayeredLayout
    /// What was laid out: the boxes' sizes and the edges.
    package var input: LayeredGraph

    static let nodeHeight = 28.0
    static let maxNodeWidth = 220.0
    static let padding = 8.0
    static let fontSize = 12.0

    /// - Parameter earlier: a drawing of an earlier version of the graph (`serve`): its
    ///   layout is reused when the boxes and edges are the same (the layout is most of the
    ///   work; labels, colours and links are drawn again).
    package static func render(
        _ full: DependencyGraph, options: DiagramOptions,
        reusing earlier: DAGDiagram? = nil
    ) -> DAGDiagram {
        let graph = full.reducedForDrawing()
        let maxWidth = graph.collapsed ? 280.0 : maxNodeWidth
        var labels: [String] = []
        labels.reserveCapacity(graph.nodes.count)
        var sizes: [Size] = []
        sizes.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            let label = TextMetrics.truncate(node.label, toWidth: maxWidth - 2 * padding, fontSize: fontSize, bold: node.critical)
            labels.append(label)
            let textWidth = TextMetrics.width(label, fontSize: fontSize, bold: node.critical)
            sizes.append(Size(width: max(40, (textWidth + 2 * padding).rounded(.up)), height: nodeHeight))
        }
        let input = LayeredGraph(nodeSizes: sizes, edges: graph.edges.map { GraphEdge(from: $0.from, to: $0.to) })
        let layout = earlier.flatMap { $0.input == input ? $0.layout : nil } ?? LayeredLayout.compute(input)
        let width = max(layout.width, 160).rounded(.up)
        let height = max(layout.height, nodeHeight + 16).rounded(.up)

        var svg = SVGBuilder(capacity: 1024 + graph.nodes.count * 420 + graph.edges.count * 200)
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lr-diagram lr-dag\"")
        svg.attribute("width", width); svg.attribute("height", height)
        svg.raw(" viewBox=\"0 0 "); svg.number(width); svg.raw(" "); svg.number(height); svg.raw("\"")
        // In pages the SVG keeps its implicit role, graphics-document (the links stay
        // reachable); the Nu checker rejects the explicit `role="graphics-document"`.
        if options.standalone { svg.raw(" role=\"img\">") } else { svg.attribute("aria-label", graph.title); svg.raw(">") }
        svg.title(graph.title)
        svg.raw("<desc>"); svg.escaped(graph.description); svg.raw("</desc>")
        if options.standalone { svg.raw("<style>"); svg.rawString(DiagramStyle.standaloneStyle); svg.raw("</style>") }
        svg.raw("<defs>")
        for (suffix, cls) in [("-arrow", "arrowhead"), ("-arrow-critical", "arrowhead critical"), ("-arrow-cut", "arrowhead cut")] {
            svg.raw("<marker id=\""); svg.rawString(options.id + suffix)
            svg.raw(
                "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0 L10 5 L0 10 Z\" class=\""
            )
            svg.rawString(cls); svg.raw("\"/></marker>")
        }
        svg.raw("</defs>")
        svg.rect(x: 0, y: 0, width: width, height: height, class: "bg")

        for (e, edge) in graph.edges.enumerated() {
            let route = layout.edges[e]
            guard route.points.count >= 2 else { continue }
            // Routes run downwards; an edge reversed to break a cycle is drawn pointing at its target.
            let points = route.reversed ? Array(route.points.reversed()) : route.points
            svg.raw("<g class=\"edge")
            if edge.cut { svg.raw(" cut") } else if edge.critical { svg.raw(" critical") }
            svg.raw("\">")
            let from = graph.nodes[edge.from], to = graph.nodes[edge.to]
            svg.raw("<title>"); svg.escaped(from.name); svg.raw(" → "); svg.escaped(to.name)
            if edge.count > 1 { svg.raw(" ("); svg.integer(edge.count); svg.raw(" links)") }
            if edge.startToStart { svg.raw(" (may start together)") }
            if edge.cut { svg.raw(" (closes a cycle; ignored by the schedule)") }
            svg.raw("</title>")
            svg.raw("<path class=\"link")
            if edge.cut { svg.raw(" cut") } else if edge.critical { svg.raw(" critical") }
            if edge.startToStart { svg.raw(" ss") }
            svg.raw("\" d=\""); svg.pathData(points)
            svg.raw("\" marker-end=\"url(#"); svg.rawString(options.id)
            svg.raw(edge.cut ? "-arrow-cut" : edge.critical ? "-arrow-critical" : "-arrow")
            svg.raw(")\"/></g>")
        }
        for (n, node) in graph.nodes.enumerated() {
            let box = layout.nodes[n]
            svg.raw("<g class=\"node")
            switch node.kind {
            case .block: break
            case .group: svg.raw(" group")
            case .buffer: svg.raw(" buffer")
            }
            if node.critical { svg.raw(" critical") }
            svg.raw("\">")
            let href = options.standalone ? nil : node.task.flatMap { options.link?($0) }
            if let href {
                svg.raw("<a"); svg.attribute("href", href); svg.raw(" aria-label=\""); svg.escaped(node.name)
                if node.critical { svg.raw(" (critical)") }
                svg.raw("\">")
            }
            // The tooltip shows the whole label when the box shows it cut.
            svg.raw("<title>"); svg.escaped(node.label == labels[n] ? node.name : node.label)
            if node.critical { svg.raw(" (critical)") }
            svg.raw("</title>")
            svg.rect(x: box.x, y: box.y, width: box.width, height: box.height, class: "", rx: 4)
            svg.text(labels[n], x: box.x + box.width / 2, y: box.y + box.height / 2 + 4, class: "", anchor: .middle)
            if href != nil { svg.raw("</a>") }
            svg.raw("</g>")
        }
        svg.raw("</svg>\n")
        return DAGDiagram(markup: svg.markup, width: width, height: height, layout: layout, input: input)
    }
}
