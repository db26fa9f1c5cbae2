import LoopReportModel

/// What one legend entry explains: a kind of mark, shading or line the chart drew.
enum GanttLegendEntry: Hashable {
    case planned, critical, progress, assumed, baseline, milestone, buffer, groupSpan
    case nonWorkingDay
    case dependency, startToStartDependency, criticalDependency, cycleDependency
    case today(CalendarDate)

    /// The marks a row can have, in the order the legend lists them.
    static let marks: [GanttLegendEntry] = [.planned, .critical, .progress, .assumed, .baseline, .milestone, .buffer, .groupSpan]

    /// The legend of a chart: the marks drawn, then the non-working days, the kinds of
    /// dependency arrow, and today.
    static func entries(
        marks drawn: Set<GanttLegendEntry>, nonWorkingDays: Bool, arrows: [GanttDiagram.Arrow],
        today: CalendarDate?
    ) -> [GanttLegendEntry] {
        var entries = marks.filter(drawn.contains)
        if nonWorkingDays { entries.append(.nonWorkingDay) }
        if !arrows.isEmpty {
            entries.append(.dependency)
            if arrows.contains(where: \.startToStart) { entries.append(.startToStartDependency) }
            if arrows.contains(where: \.critical) { entries.append(.criticalDependency) }
            if arrows.contains(where: \.cut) { entries.append(.cycleDependency) }
        }
        if let today { entries.append(.today(today)) }
        return entries
    }

    var label: String {
        switch self {
        case .planned: "Planned (current estimate)"
        case .critical: "Critical (on the critical path)"
        case .progress: "Progress (share complete)"
        case .assumed: "Assumed estimate (none stated)"
        case .baseline: "Baseline (original plan)"
        case .milestone: "Milestone"
        case .buffer: "Buffer"
        case .groupSpan: "Group span"
        case .nonWorkingDay: "Non-working day"
        case .dependency: "Dependency (finish to start)"
        case .startToStartDependency: "Dependency (start to start)"
        case .criticalDependency: "Critical dependency"
        case .cycleDependency: "Dependency closing a cycle (ignored)"
        case .today(let date): "Today (\(date))"
        }
    }
}

/// The legend under the rows: a swatch and a label per entry, wrapped to the chart's width.
extension GanttChart.Chart {
    /// Returns the legend's bottom (the rows' bottom when there is no entry).
    func drawLegend(_ b: inout SVGBuilder, _ entries: [GanttLegendEntry]) -> Double {
        let margin = GanttChart.margin, width = width
        var x = margin, y = rowsBottom + 12
        for entry in entries {
            let label = entry.label
            let w = 22 + TextMetrics.width(label, fontSize: GanttChart.fontSize) + 18
            if x + w > width - margin, x > margin { x = margin; y += 20 }
            drawSwatch(&b, entry, x: x, y: y)
            b.text(label, x: x + 22, y: y + 11, class: "muted")
            x += w
        }
        return entries.isEmpty ? rowsBottom : y + 20
    }

    /// The entry's mark in small, in a 16 × 14 box at (x, y).
    func drawSwatch(_ b: inout SVGBuilder, _ entry: GanttLegendEntry, x: Double, y: Double) {
        switch entry {
        case .planned: b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
        case .critical: b.rect(x: x + 1, y: y + 3, width: 14, height: 8, class: "bar critical", rx: 2)
        case .progress:
            b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
            b.rect(x: x, y: y + 5, width: 10, height: 4, class: "progress")
        case .assumed:
            b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
            b.rect(x: x + 1, y: y + 3, width: 14, height: 8, class: "assumed", rx: 2)
        case .baseline: b.rect(x: x, y: y + 5, width: 16, height: 4, class: "baseline")
        case .milestone:
            b.raw("<path class=\"milestone\" d=\"M8 0 L15 7 L8 14 L1 7 Z\" transform=\"translate(")
            b.number(x); b.raw(" "); b.number(y); b.raw(")\"/>")
        case .buffer:
            b.rect(x: x, y: y + 2, width: 16, height: 10, class: "buffer-base")
            b.raw("<rect"); b.attribute("x", x); b.attribute("y", y + 2); b.raw(" width=\"16\" height=\"10\" fill=\"url(#")
            b.rawString(options.id); b.raw("-hatch)\" class=\"buffer\"/>")
        case .groupSpan: b.rect(x: x, y: y + 4, width: 16, height: 5, class: "summary")
        case .nonWorkingDay: b.rect(x: x, y: y, width: 16, height: 14, class: "nonworking")
        case .today: b.line(x1: x + 8, y1: y, x2: x + 8, y2: y + 14, class: "today")
        case .dependency: drawLinkSwatch(&b, class: "link", x: x, y: y)
        case .startToStartDependency: drawLinkSwatch(&b, class: "link ss", x: x, y: y)
        case .criticalDependency: drawLinkSwatch(&b, class: "link critical", x: x, y: y)
        case .cycleDependency: drawLinkSwatch(&b, class: "link cut", x: x, y: y)
        }
    }

    private func drawLinkSwatch(_ b: inout SVGBuilder, class kind: StaticString, x: Double, y: Double) {
        b.raw("<path class=\""); b.raw(kind); b.raw("\" d=\"M"); b.number(x); b.raw(" "); b.number(y + 7)
        b.raw(" H"); b.number(x + 14); b.raw("\"/>")
    }
}
