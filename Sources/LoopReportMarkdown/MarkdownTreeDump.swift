import LoopReportSource

/// A readable dump of a tree, one node a line with its range, for tests and debugging:
/// `paragraph @2:1-2:12` then indented children.
extension MarkdownNode {
    package func dump() -> String {
        var out = ""
        var stack: [(MarkdownNode, Int)] = [(self, 0)]
        while let (node, depth) = stack.popLast() {
            out += String(repeating: "  ", count: depth) + node.kindName
            if let r = node.range { out += " @\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)" }
            if !node.literal.isEmpty { out += " " + String(reflecting: node.literal) }
            out += "\n"
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
        return out
    }

    var kindName: String {
        switch kind {
        case .list(let ordered, let start, let tight): "list(\(ordered ? "ordered \(start)" : "bullet")\(tight ? ", tight" : ""))"
        case .item(let task): task.map { $0 ? "item [x]" : "item [ ]" } ?? "item"
        case .codeBlock(let info): "codeBlock(\(info))"
        case .heading(let level): "heading(\(level))"
        case .table(let alignments): "table(\(alignments.map(\.rawValue).joined(separator: ",")))"
        case .tableRow(let isHeader): isHeader ? "tableHeader" : "tableRow"
        case .link(let destination, _): "link(\(destination))"
        case .image(let source, _): "image(\(source))"
        case .unknown(let name): "unknown(\(name))"
        default: "\(kind)"
        }
    }
}
