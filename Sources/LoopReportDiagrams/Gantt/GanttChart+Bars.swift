import LoopReportAnalysis
import LoopReportModel

/// The bars: per row its baseline, then a group's summary bar, or a task's milestone,
/// buffer or bar (with its progress and an assumed estimate's outline), linked to its page.
extension GanttChart.Chart {
    /// Draws every row's marks, fills in the bars of `drawn`, and returns the kinds of mark
    /// drawn, for the legend.
    func drawBars(_ body: inout SVGBuilder, rows drawn: inout [GanttDiagram.Row]) -> Set<GanttLegendEntry> {
        var used: Set<GanttLegendEntry> = []
        for (r, row) in rows.enumerated() {
            let y = rowY(r)
            if let baseline = row.baseline {
                drawBaseline(&body, baseline, y: y)
                used.insert(.baseline)
            }
            guard let start = row.start, let finish = row.finish else { continue }
            let x0 = startX(start), x1 = finishX(finish)
            if row.kind == .group && row.task == nil {
                drawn[r].bar = drawSummaryBar(&body, x0: x0, x1: x1, y: y)
                used.insert(.groupSpan)
                continue
            }
            guard let task = row.task else { continue }
            drawn[r].bar = drawTaskBar(
                &body, task, milestone: finish - start < 1e-9, progress: row.progress,
                x0: x0, x1: x1, y: y, used: &used)
        }
        return used
    }

    /// The baseline (the original plan's dates) as a thin ghost bar under the row's bar.
    func drawBaseline(_ body: inout SVGBuilder, _ baseline: (start: Double, finish: Double), y: Double) {
        let x0 = startX(baseline.start), x1 = max(x0 + 1, finishX(baseline.finish))
        body.rect(x: x0, y: y + GanttChart.barInset + GanttChart.barHeight + 1, width: x1 - x0, height: 4, class: "baseline")
    }

    /// A group's span: a summary bar with end caps.
    func drawSummaryBar(_ body: inout SVGBuilder, x0: Double, x1: Double, y: Double) -> GanttDiagram.Box {
        body.raw("<path class=\"summary\" d=\"M"); body.number(x0); body.raw(" "); body.number(y + 8)
        body.raw(" H"); body.number(max(x1, x0 + 2)); body.raw(" V"); body.number(y + 17)
        body.raw(" L"); body.number(max(x1 - 4, x0)); body.raw(" "); body.number(y + 13)
        body.raw(" H"); body.number(min(x0 + 4, x1)); body.raw(" L"); body.number(x0); body.raw(" ")
        body.number(y + 17); body.raw(" Z\"/>")
        return GanttDiagram.Box(x: x0, y: y + 8, width: max(2, x1 - x0), height: 9)
    }

    /// A task's mark, in a link to its page (or a group) titled with its accessible name.
    func drawTaskBar(
        _ body: inout SVGBuilder, _ task: ScheduledTask, milestone: Bool, progress: Double?,
        x0: Double, x1: Double, y: Double, used: inout Set<GanttLegendEntry>
    ) -> GanttDiagram.Box {
        let href = options.standalone ? nil : options.link?(task)
        // The accessible name is written once and copied: for the link and its tooltip.
        if let href {
            body.raw("<a"); body.attribute("href", href); body.raw(" aria-label=\"")
            let name = body.write { accessibleName(task, into: &$0) }
            body.raw("\"><title>"); body.appendCopy(of: name); body.raw("</title>")
        } else {
            body.raw("<g><title>"); body.write { accessibleName(task, into: &$0) }; body.raw("</title>")
        }
        let barY = y + GanttChart.barInset
        let box: GanttDiagram.Box
        if milestone {
            box = drawMilestone(&body, task, x: x0, barY: barY)
            used.insert(.milestone)
        } else if task.kind == .buffer {
            box = drawBuffer(&body, x0: x0, x1: x1, barY: barY)
            used.insert(.buffer)
        } else {
            box = drawBar(&body, task, progress: progress, x0: x0, x1: x1, barY: barY, used: &used)
        }
        body.raw(href != nil ? "</a>" : "</g>")
        return box
    }

    /// A milestone: a diamond on its date.
    func drawMilestone(_ body: inout SVGBuilder, _ task: ScheduledTask, x: Double, barY: Double) -> GanttDiagram.Box {
        let cx = x, cy = barY + GanttChart.barHeight / 2, h = GanttChart.barHeight / 2 + 1
        body.raw("<path class=\"milestone"); if task.critical { body.raw(" critical") }
        body.raw("\" d=\"M"); body.number(cx); body.raw(" "); body.number(cy - h)
        body.raw(" L"); body.number(cx + h); body.raw(" "); body.number(cy)
        body.raw(" L"); body.number(cx); body.raw(" "); body.number(cy + h)
        body.raw(" L"); body.number(cx - h); body.raw(" "); body.number(cy); body.raw(" Z\"/>")
        return GanttDiagram.Box(x: cx - h, y: cy - h, width: 2 * h, height: 2 * h)
    }

    /// A buffer: a hatched bar.
    func drawBuffer(_ body: inout SVGBuilder, x0: Double, x1: Double, barY: Double) -> GanttDiagram.Box {
        let barHeight = GanttChart.barHeight
        body.rect(x: x0, y: barY, width: x1 - x0, height: barHeight, class: "buffer-base")
        body.raw("<rect"); body.attribute("x", x0); body.attribute("y", barY); body.attribute("width", x1 - x0)
        body.attribute("height", barHeight); body.raw(" fill=\"url(#"); body.rawString(options.id)
        body.raw("-hatch)\" class=\"buffer\"/>")
        return GanttDiagram.Box(x: x0, y: barY, width: x1 - x0, height: barHeight)
    }

    /// A block's bar (critical or not), its progress as a fill, and a dashed outline when its
    /// estimate is assumed.
    func drawBar(
        _ body: inout SVGBuilder, _ task: ScheduledTask, progress: Double?, x0: Double, x1: Double, barY: Double,
        used: inout Set<GanttLegendEntry>
    ) -> GanttDiagram.Box {
        let barHeight = GanttChart.barHeight
        body.rect(x: x0, y: barY, width: x1 - x0, height: barHeight, class: task.critical ? "bar critical" : "bar", rx: 2)
        if let progress, progress > 0 {
            body.rect(x: x0, y: barY + 3, width: (x1 - x0) * progress, height: barHeight - 6, class: "progress")
            used.insert(.progress)
        }
        // No estimate stated: the bar's length is the assumed one, outlined dashed.
        if task.kind == .block, schedule.assumedEstimates.contains(task.id) {
            body.rect(x: x0 + 1, y: barY + 1, width: max(0, x1 - x0 - 2), height: barHeight - 2, class: "assumed", rx: 2)
            used.insert(.assumed)
        }
        used.insert(task.critical ? .critical : .planned)
        return GanttDiagram.Box(x: x0, y: barY, width: x1 - x0, height: barHeight)
    }

    /// "Block 1.2: Parser (2026-01-05 to 2026-01-09, 5 days; slack 2 days)", escaped into `b`.
    func accessibleName(_ task: ScheduledTask, into b: inout SVGBuilder) {
        switch task.kind {
        case .block: b.raw("Block "); b.escaped(task.id)
        case .group, .buffer: b.escaped(task.id)
        }
        if task.kind != .buffer, !task.title.isEmpty { b.raw(": "); b.escaped(task.title) }
        b.raw(" (")
        if let calendar = analysis.calendar {
            if task.durationDays == 0 {
                b.raw("on "); b.date(calendar.startDate(task.earlyStart))
            } else {
                b.date(calendar.startDate(task.earlyStart)); b.raw(" to "); b.date(calendar.finishDate(task.earlyFinish))
            }
        } else {
            b.raw("days "); b.number(task.earlyStart); b.raw("–"); b.number(task.earlyFinish)
        }
        b.raw(", "); b.number(task.durationDays); b.raw(task.durationDays == 1 ? " day; " : " days; ")
        if task.kind == .block, schedule.assumedEstimates.contains(task.id) { b.raw("assumed estimate, none stated; ") }
        if task.critical {
            b.raw("critical)")
        } else {
            b.raw("slack "); b.number(task.slack); b.raw(task.slack == 1 ? " day)" : " days)")
        }
    }
}
