import LoopReportAnalysis
import LoopReportModel

/// The rows: which there are (a header per group, then its blocks and buffers), the
/// swimlane bands behind them and their labels.
extension GanttChart.Chart {
    mutating func buildRows() {
        let baseline = analysis.baseline
        var byGroup: [String: [Int]] = [:]
        var ungrouped: [Int] = []
        var groupTask: [String: Int] = [:]
        for i in schedule.taskIndices(inGroup: group) {
            let task = schedule.tasks[i]
            switch task.kind {
            case .group: groupTask[task.groupID ?? ""] = i
            case .block, .buffer:
                if let g = task.groupID { byGroup[g, default: []].append(i) } else { ungrouped.append(i) }
            }
        }
        let groups = group.map { id in plan.group(id).map { [$0] } ?? [] } ?? plan.groups
        for g in groups {
            let members = byGroup[g.id] ?? []
            guard !members.isEmpty || groupTask[g.id] != nil else { continue }
            let span = schedule.span(ofGroup: g.id)
            var header = GanttChart.RowSpec(
                kind: .group, groupID: g.id,
                label: g.title.isEmpty ? "Group \(g.id)" : "Group \(g.id): \(g.title)",
                start: span?.start, finish: span?.finish)
            if let t = groupTask[g.id] {
                // A group planned without blocks is one task: its row is the header.
                header.task = schedule.tasks[t]
                header.taskIndex = t
                header.baseline = baseline.task("Group \(g.id)").map { ($0.earlyStart, $0.earlyFinish) }
                rowOfTask[t] = rows.count
            }
            rows.append(header)
            if groupsOnly { continue }
            // Blocks in plan order, then the group's buffers.
            for t in members.sorted(by: {
                (schedule.tasks[$0].kind == .buffer ? 1 : 0, $0) < (schedule.tasks[$1].kind == .buffer ? 1 : 0, $1)
            }) {
                appendTaskRow(t, baseline: baseline)
            }
        }
        if group == nil, !groupsOnly { for t in ungrouped { appendTaskRow(t, baseline: baseline) } }
    }

    mutating func appendTaskRow(_ t: Int, baseline: Schedule) {
        let task = schedule.tasks[t]
        let block = task.kind == .block ? plan.blockIndex(of: task.id) : nil  // read in place, not copied
        var progress: Double?
        switch block.flatMap({ plan.blocks[$0].progress }) {
        case .complete?: progress = 1
        case .inProgress?: progress = block.flatMap { plan.blocks[$0].percentComplete }.map { min(1, max(0, $0 / 100)) }
        default: progress = nil
        }
        let label: String
        switch task.kind {
        case .block: label = task.title.isEmpty ? task.id : "\(task.id) \(task.title)"
        default: label = task.id
        }
        rowOfTask[t] = rows.count
        rows.append(
            GanttChart.RowSpec(
                kind: .task, task: task, taskIndex: t, groupID: task.groupID, label: label,
                start: task.earlyStart, finish: task.earlyFinish,
                baseline: baseline.task(task.id).map { ($0.earlyStart, $0.earlyFinish) }, progress: progress))
    }

    /// Swimlane bands: every other group's rows shaded.
    func drawBands(_ body: inout SVGBuilder) {
        let margin = GanttChart.margin, rowHeight = GanttChart.rowHeight
        var groupNumber = 0
        for (r, row) in rows.enumerated() where row.kind == .group {
            let end = rows[(r + 1)...].firstIndex { $0.kind == .group } ?? rows.count
            if groupNumber % 2 == 1 {
                body.rect(
                    x: margin, y: rowY(r), width: width - 2 * margin,
                    height: Double(end - r) * rowHeight, class: "band")
            }
            groupNumber += 1
        }
    }

    /// Each row's label in the label column, truncated to it (the whole label as a tooltip);
    /// returns the rows as drawn, their bars still to come.
    func drawLabels(_ body: inout SVGBuilder) -> [GanttDiagram.Row] {
        let margin = GanttChart.margin, fontSize = GanttChart.fontSize
        var drawn: [GanttDiagram.Row] = []
        for (r, row) in rows.enumerated() {
            let indent = row.kind == .task ? 12.0 : 0
            let maxText = labelColumn - indent - 8
            let bold = row.kind == .group || row.task?.critical == true
            let shown = TextMetrics.truncate(row.label, toWidth: maxText, fontSize: fontSize, bold: bold)
            let y = rowY(r)
            let critical = row.task?.critical == true
            body.raw("<text")
            body.attribute("x", margin + indent); body.attribute("y", y + 16)
            body.raw(row.kind == .group ? " class=\"group-label\">" : critical ? " class=\"critical-label\">" : ">")
            if shown != row.label { body.title(row.label) }
            body.escaped(shown)
            body.raw("</text>")
            let labelBox = GanttDiagram.Box(
                x: margin + indent, y: y + 4, width: TextMetrics.width(shown, fontSize: fontSize, bold: bold), height: 16)
            drawn.append(
                GanttDiagram.Row(
                    kind: row.kind, taskID: row.task?.id, label: shown, fullLabel: row.label,
                    labelBox: labelBox, bar: nil, critical: critical))
        }
        return drawn
    }
}
