import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// The dependency graph for Graphviz: `dot -Tsvg plan.dot` lays it out. Boxes are sized
/// like LoopReport's own (so the two layouts compare), the critical path is bold, and
/// edges that close a cycle are dashed.
package enum DOTExport {
    package static func encode(_ graph: DependencyGraph) -> [UInt8] {
        // The comment tells a later `export --output` that it may replace the file.
        var out = "digraph plan {\n  // Written by LoopReport\n"
        out += "  graph [rankdir=TB, label=\(quoted(graph.title)), labelloc=t, fontname=\"Helvetica\"];\n"
        out += "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=12, height=0.39];\n"
        out += "  edge [arrowsize=0.7];\n"
        for node in graph.nodes {
            var attributes = ["label=\(quoted(node.label))", "tooltip=\(quoted(node.name))"]
            if node.critical { attributes.append("penwidth=3") }
            if node.kind == .buffer { attributes.append("style=\"rounded,dashed\"") }
            out += "  \(quoted(node.id)) [\(attributes.joined(separator: ", "))];\n"
        }
        for edge in graph.edges {
            var attributes: [String] = []
            if edge.cut {
                attributes += ["style=dashed", "color=\"#b3261e\"", "constraint=false"]
            } else if edge.critical {
                attributes += ["penwidth=2", "color=\"#c0390b\""]
            }
            if edge.startToStart { attributes.append("taillabel=\"SS\"") }
            if edge.count > 1 { attributes.append("label=\"\(edge.count)\"") }
            out += "  \(quoted(graph.nodes[edge.from].id)) -> \(quoted(graph.nodes[edge.to].id))"
            out += attributes.isEmpty ? ";\n" : " [\(attributes.joined(separator: ", "))];\n"
        }
        out += "}\n"
        return Array(out.utf8)
    }

    /// A DOT string literal: quotes and backslashes escaped, line breaks as `\n`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

/// Mermaid text: a `gantt` of the schedule or a `flowchart` of the dependency graph, for
/// tools that render Mermaid (it draws neither dependency arrows in Gantt charts nor a
/// computed critical path; `crit` marks the critical tasks).
package enum MermaidExport {
    package static func gantt(plan: Plan, analysis: Analysis, group: String? = nil) -> [UInt8] {
        let schedule = analysis.schedule
        // The comment tells a later `export --output` that it may replace the file.
        var out = "gantt\n    %% Written by LoopReport\n"
        out += "    title \(text(group.map { "Group \($0)" } ?? analysis.settings.title ?? "Plan"))\n"
        let calendar = analysis.calendar
        if calendar != nil {
            out += "    dateFormat YYYY-MM-DD\n"
            let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
            var excluded = (1...7).filter { !analysis.settings.workingWeekdays.contains($0) }.map { names[$0 - 1] }
            if excluded == ["saturday", "sunday"] { excluded = ["weekends"] }
            excluded += analysis.settings.holidays.sorted().map(\.description)
            if !excluded.isEmpty { out += "    excludes \(excluded.joined(separator: ", "))\n" }
        } else {
            // No start date: working days from day 0 (Unix seconds, one day each).
            out += "    %% The plan has no start date: the axis counts working days from day 0.\n"
            out += "    dateFormat X\n    axisFormat %j\n"
        }
        let ids = Dictionary(schedule.tasks.enumerated().map { ($1.id, "t\($0)") }, uniquingKeysWith: { a, _ in a })
        var byGroup: [String: [ScheduledTask]] = [:]
        var loose: [ScheduledTask] = []
        for task in schedule.tasks {
            if let g = task.groupID { byGroup[g, default: []].append(task) } else { loose.append(task) }
        }
        func line(_ task: ScheduledTask) -> String {
            var tags: [String] = []
            if task.critical { tags.append("crit") }
            if let block = task.kind == .block ? plan.block(task.id) : nil {
                if block.progress == .complete { tags.append("done") } else if block.progress == .inProgress { tags.append("active") }
            }
            if task.durationDays == 0 { tags.append("milestone") }
            tags.append(ids[task.id]!)
            let start: String
            let duration = numberText(task.durationDays)
            if let calendar {
                start = calendar.startDate(task.earlyStart).description
            } else {
                start = String(Int((task.earlyStart * 86_400).rounded()))
            }
            let name = task.kind == .block ? "\(task.id) \(task.title)" : task.id
            return "    \(text(name)) :\(tags.joined(separator: ", ")), \(start), \(duration)d\n"
        }
        for g in plan.groups where group == nil || g.id == group {
            guard let tasks = byGroup[g.id], !tasks.isEmpty else { continue }
            out += "    section \(text("Group \(g.id)" + (g.title.isEmpty ? "" : " - \(g.title)")))\n"
            for task in tasks { out += line(task) }
        }
        if group == nil, !loose.isEmpty {
            out += "    section Buffers\n"
            for task in loose { out += line(task) }
        }
        return Array(out.utf8)
    }

    package static func flowchart(_ graph: DependencyGraph) -> [UInt8] {
        var out = "flowchart TD\n    %% Written by LoopReport\n"
        for (n, node) in graph.nodes.enumerated() {
            out += "    n\(n)[\"\(label(node.label))\"]\n"
        }
        for edge in graph.edges {
            let arrow = edge.cut ? "-. cycle .->" : edge.count > 1 ? "-- \(edge.count) -->" : edge.critical ? "==>" : "-->"
            out += "    n\(edge.from) \(arrow) n\(edge.to)\n"
        }
        let critical = graph.nodes.indices.filter { graph.nodes[$0].critical }
        if !critical.isEmpty {
            out += "    classDef critical stroke:#c0390b,stroke-width:3px,font-weight:bold\n"
            out += "    class \(critical.map { "n\($0)" }.joined(separator: ",")) critical\n"
        }
        return Array(out.utf8)
    }

    /// A Gantt task or section name: no `:` (it ends the name), `#` or `;` (comments and
    /// statement ends), nor line breaks.
    static func text(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case ":": result += " -"
            case ";": result += ","
            case "#": result += "No."
            // `%%{init: …}%%` anywhere in the text is a directive to Mermaid: no `%` passes.
            case "%": result += " percent"
            case "<": result += "‹"
            case ">": result += "›"
            case "\n", "\r", "\r\n": result += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { result.append(character) }
            }
        }
        return result.trimmed
    }

    /// A quoted flowchart label: `"`, `#`, `<`, `>`, `&` and `%` as Mermaid entity codes (labels
    /// are HTML to Mermaid, and `%%{init}%%` anywhere is a directive), no line breaks or
    /// other control characters.
    static func label(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "&": result += "#amp;"
            case "%": result += "#37;"
            case "\n", "\r", "\r\n": result += " "
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { result.append(character) }
            }
        }
        return result
    }
}
