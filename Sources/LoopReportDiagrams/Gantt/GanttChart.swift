import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

/// Options shared by every diagram.
package struct DiagramOptions: Sendable {
    /// Prefix for element ids (patterns, markers), unique per page.
    package var id: String
    /// A standalone SVG document (exports): `role="img"`, its own stylesheet, no links.
    /// Otherwise an SVG for a page: its implicit role (graphics-document), styled by the page, and
    /// tasks linked through `link`.
    package var standalone: Bool
    /// The page address of a task (by id), relative to the page showing the diagram.
    package var link: (@Sendable (ScheduledTask) -> String?)?

    package init(id: String, standalone: Bool, link: (@Sendable (ScheduledTask) -> String?)? = nil) {
        self.id = id
        self.standalone = standalone
        self.link = link
    }
}

/// A rendered diagram: the SVG text and, for tests and pages, the geometry it drew.
package struct GanttDiagram: Sendable {
    package struct Row: Sendable {
        package enum Kind: Sendable, Equatable { case group, task }
        package var kind: Kind
        package var taskID: String?
        package var label: String
        package var fullLabel: String
        /// Where the label's text sits (estimated extent) and the row's bar, if any.
        package var labelBox: Box
        package var bar: Box?
        package var critical: Bool
    }
    package struct Arrow: Sendable {
        package var from: String
        package var to: String
        package var startToStart: Bool
        package var critical: Bool
        package var cut: Bool
        package var points: [(x: Double, y: Double)]
    }
    package struct Box: Sendable, Equatable {
        package var x: Double, y: Double, width: Double, height: Double
        package var maxX: Double { x + width }
        package var maxY: Double { y + height }
    }
    /// The drawing as SVG markup (UTF-8), as pages embed it.
    package var markup: [UInt8]
    package var svg: String { String(decoding: markup, as: UTF8.self) }
    package var width: Double
    package var height: Double
    package var rows: [Row]
    package var arrows: [Arrow]
    /// Axis tick labels drawn, with their estimated boxes.
    package var tickLabels: [(text: String, box: Box)]
    /// The encodings listed in the legend.
    package var legend: [String]
    /// The tick unit chosen for the time axis.
    package var axisUnit: GanttChart.AxisUnit
}

/// The Gantt chart of a schedule: one swimlane per group (a summary bar over its blocks),
/// a bar per block at its early dates, the baseline as a thin ghost bar, progress as a fill,
/// milestones, hatched buffers, finish-to-start arrows routed around other bars, the
/// critical path, a today line, non-working days, and a legend of what was used.
package enum GanttChart {
    package enum AxisUnit: String, Sendable { case day, week, month, quarter, year }

    static let rowHeight = 24.0
    static let barInset = 5.0
    static let barHeight = 12.0
    static let axisHeight = 40.0
    static let margin = 8.0
    static let maxWidth = 2400.0
    static let maxLabelColumn = 320.0
    static let fontSize = 12.0

    /// Above this many rows a page shows one row per group (`groupsOnly`) instead.
    package static let readableRowCount = 300

    /// - Parameters:
    ///   - group: draw only this group's blocks (and the links between them).
    ///   - today: the date of the today line (drawn when the plan has a start date).
    ///   - groupsOnly: one summary row per group, no blocks and no arrows: the overview of a
    ///     plan too large to read block by block.
    package static func render(plan: Plan, analysis: Analysis, group: String? = nil, today: CalendarDate? = nil,
                              groupsOnly: Bool = false, options: DiagramOptions) -> GanttDiagram {
        var chart = Chart(plan: plan, analysis: analysis, group: group, today: today, groupsOnly: groupsOnly, options: options)
        return chart.draw()
    }

    /// The rows a full chart of the plan would have (groups, blocks and buffers).
    package static func rowCount(of analysis: Analysis) -> Int {
        analysis.schedule.tasks.count + Set(analysis.schedule.tasks.compactMap(\.groupID)).count
    }

    /// One row before drawing.
    struct RowSpec {
        var kind: GanttDiagram.Row.Kind
        var task: ScheduledTask?
        var taskIndex: Int?
        var groupID: String?
        var label: String
        var start: Double?
        var finish: Double?
        var baseline: (start: Double, finish: Double)?
        var progress: Double?
    }

    struct Chart {
        let plan: Plan
        let analysis: Analysis
        let schedule: Schedule
        let group: String?
        let today: CalendarDate?
        let groupsOnly: Bool
        let options: DiagramOptions
        var rows: [RowSpec] = []
        var rowOfTask: [Int: Int] = [:]
        /// Working day → calendar day offset from the calendar's start (when dated).
        var calendarOffset: [Int] = []
        /// The first working day shown: 0 for the plan; a group's chart starts at its first
        /// bar (from the plan's start, a late group's bars were a few pixels at the right edge).
        var firstDay = 0
        /// `firstDay` in calendar days from the calendar's start (when dated), else `firstDay`.
        var origin = 0
        var pxPerDay = 24.0
        var chartX = 0.0
        var labelColumn = 0.0
        var span = 1.0

        init(plan: Plan, analysis: Analysis, group: String?, today: CalendarDate?, groupsOnly: Bool, options: DiagramOptions) {
            self.plan = plan
            self.analysis = analysis
            self.schedule = analysis.schedule
            self.group = group
            self.today = today
            self.groupsOnly = groupsOnly
            self.options = options
            buildRows()
        }

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
                var header = RowSpec(kind: .group, groupID: g.id,
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
                for t in members.sorted(by: { (schedule.tasks[$0].kind == .buffer ? 1 : 0, $0) < (schedule.tasks[$1].kind == .buffer ? 1 : 0, $1) }) {
                    appendTaskRow(t, baseline: baseline)
                }
            }
            if group == nil, !groupsOnly { for t in ungrouped { appendTaskRow(t, baseline: baseline) } }
        }

        mutating func appendTaskRow(_ t: Int, baseline: Schedule) {
            let task = schedule.tasks[t]
            let block = task.kind == .block ? plan.blockIndex(of: task.id) : nil   // read in place, not copied
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
            rows.append(RowSpec(kind: .task, task: task, taskIndex: t, groupID: task.groupID, label: label,
                                start: task.earlyStart, finish: task.earlyFinish,
                                baseline: baseline.task(task.id).map { ($0.earlyStart, $0.earlyFinish) }, progress: progress))
        }

        // MARK: Time axis

        static let maximumSpanDays = 36_500.0

        mutating func planAxis() -> AxisUnit {
            var end = 1.0
            var start = Double.infinity
            for row in rows {
                end = max(end, row.finish ?? 0, row.baseline?.finish ?? 0)
                start = min(start, row.start ?? .infinity, row.baseline?.start ?? .infinity)
            }
            // The axis, its day grid and its ticks cost one step per day: a plan over a
            // century long is drawn to its first century (bars beyond run off the chart).
            end = min(end, Self.maximumSpanDays)
            if start.isFinite { start = min(start, end) }
            if group != nil, start.isFinite { firstDay = max(0, min(Int((start + 1e-9).rounded(.down)), Int(end.rounded(.up)) - 1)) }
            let calendar = analysis.calendar
            let workingDays = Int(end.rounded(.up)) + 1
            if let calendar {
                calendarOffset.reserveCapacity(workingDays + 1)
                var date = calendar.date(ofWorkingDay: 0)
                for _ in 0...workingDays {
                    calendarOffset.append(date.daysSinceEpoch - calendar.start.daysSinceEpoch)
                    date = date.adding(days: 1)
                    var guardCount = 0
                    while !calendar.isWorkingDay(date), guardCount < 3660 { date = date.adding(days: 1); guardCount += 1 }
                }
                origin = calendarOffset[firstDay]
                span = Double(calendarOffset[Int(end.rounded(.up))] + 1 - origin)
                // The plan's chart reaches today; a group's shows today only within its window.
                if let today, group == nil { span = max(span, Double(today.daysSinceEpoch - calendar.start.daysSinceEpoch + 1)) }
            } else {
                origin = firstDay
                span = end - Double(firstDay)
            }
            let widest = rows.map { TextMetrics.width($0.label, fontSize: fontSize, bold: true) + ($0.kind == .task ? 12 : 0) }.max() ?? 0
            labelColumn = min(maxLabelColumn, max(120, widest + 16))
            chartX = margin + labelColumn
            let available = maxWidth - chartX - margin
            pxPerDay = min(28, available / max(1, span))
            let unitDays: [(AxisUnit, Double)] = calendar != nil
                ? [(.day, 1), (.week, 7), (.month, 30.4), (.quarter, 91.3), (.year, 365.25)]
                : [(.day, 1), (.week, analysis.settings.daysPerWeek), (.month, analysis.settings.daysPerWeek * 4),
                   (.quarter, analysis.settings.daysPerWeek * 13), (.year, analysis.settings.daysPerWeek * 52)]
            // Day ticks carry a day number; longer units a month name or a larger number.
            return unitDays.first { $0.1 * pxPerDay >= ($0.0 == .day ? 24 : calendar != nil ? 56 : 44) }?.0 ?? .year
        }

        /// x of the start of working day `day` (fractions within the day).
        func startX(_ day: Double) -> Double {
            guard !calendarOffset.isEmpty else { return chartX + (day - Double(origin)) * pxPerDay }
            let whole = max(0, min(calendarOffset.count - 1, Int((day + 1e-9).rounded(.down))))
            return chartX + (Double(calendarOffset[whole] - origin) + (day - Double(whole))) * pxPerDay
        }

        /// x of the end of a task finishing at offset `day`: the end of its last working day.
        func finishX(_ day: Double) -> Double {
            guard !calendarOffset.isEmpty else { return chartX + (day - Double(origin)) * pxPerDay }
            let rounded = day.rounded()
            if abs(day - rounded) < 1e-9, rounded >= 1 {
                let last = min(calendarOffset.count - 1, Int(rounded) - 1)
                return chartX + Double(calendarOffset[last] + 1 - origin) * pxPerDay
            }
            return startX(day)
        }

        // MARK: Drawing

        mutating func draw() -> GanttDiagram {
            let unit = planAxis()
            let rowsTop = margin + axisHeight
            let chartWidth = max(1, span * pxPerDay)
            let width = (chartX + chartWidth + margin).rounded(.up)
            let rowsBottom = rowsTop + Double(rows.count) * rowHeight
            var legend: [String] = []
            var svg = SVGBuilder(capacity: 512 + rows.count * 600)

            // Content first (its legend entries are known once drawn), then assembled.
            var body = SVGBuilder(capacity: rows.count * 560)
            var resultRows: [GanttDiagram.Row] = []
            var arrows: [GanttDiagram.Arrow] = []
            var ticks: [(String, GanttDiagram.Box)] = []

            // Swimlane bands: alternate groups shaded.
            var groupNumber = 0
            for (r, row) in rows.enumerated() where row.kind == .group {
                let end = rows[(r + 1)...].firstIndex { $0.kind == .group } ?? rows.count
                if groupNumber % 2 == 1 {
                    body.rect(x: margin, y: rowsTop + Double(r) * rowHeight, width: width - 2 * margin,
                              height: Double(end - r) * rowHeight, class: "band")
                }
                groupNumber += 1
            }
            // Non-working days, when a day is wide enough to see.
            if let calendar = analysis.calendar, pxPerDay >= 3 {
                var shaded = false
                for offset in 0..<Int(span) {
                    let date = calendar.start.adding(days: origin + offset)
                    if !calendar.isWorkingDay(date) {
                        body.rect(x: chartX + Double(offset) * pxPerDay, y: rowsTop, width: pxPerDay,
                                  height: rowsBottom - rowsTop, class: "nonworking")
                        shaded = true
                    }
                }
                if shaded { legend.append("Non-working day") }
            }
            ticks = drawAxis(&body, unit: unit, top: margin, rowsBottom: rowsBottom)

            // Labels.
            for (r, row) in rows.enumerated() {
                let indent = row.kind == .task ? 12.0 : 0
                let maxText = labelColumn - indent - 8
                let bold = row.kind == .group || row.task?.critical == true
                let shown = TextMetrics.truncate(row.label, toWidth: maxText, fontSize: fontSize, bold: bold)
                let y = rowsTop + Double(r) * rowHeight
                let critical = row.task?.critical == true
                body.raw("<text")
                body.attribute("x", margin + indent); body.attribute("y", y + 16)
                body.raw(row.kind == .group ? " class=\"group-label\">" : critical ? " class=\"critical-label\">" : ">")
                if shown != row.label { body.title(row.label) }
                body.escaped(shown)
                body.raw("</text>")
                let labelBox = GanttDiagram.Box(x: margin + indent, y: y + 4, width: TextMetrics.width(shown, fontSize: fontSize, bold: bold), height: 16)
                resultRows.append(GanttDiagram.Row(kind: row.kind, taskID: row.task?.id, label: shown, fullLabel: row.label,
                                                   labelBox: labelBox, bar: nil, critical: critical))
            }

            // Arrows under the bars.
            let links = schedule.links(among: Array(rowOfTask.keys))
            if !links.isEmpty {
                let occupied = rows.map { occupiedInterval($0) }
                for link in links {
                    let from = rowOfTask[link.from]!, to = rowOfTask[link.to]!
                    let source = schedule.tasks[link.from], target = schedule.tasks[link.to]
                    let critical = source.critical && target.critical && !link.startToStart
                        && abs(target.earlyStart - source.earlyFinish) < 1e-9
                    let points = route(from: from, to: to, startToStart: link.startToStart, occupied: occupied, rowsTop: rowsTop)
                    body.raw("<path class=\"link")
                    if link.cut { body.raw(" cut") } else if critical { body.raw(" critical") }
                    if link.startToStart { body.raw(" ss") }
                    body.raw("\" d=\"")
                    body.polylinePath(points)
                    body.raw("\" marker-end=\"url(#"); body.rawString(options.id)
                    body.raw(link.cut ? "-arrow-cut" : critical ? "-arrow-critical" : "-arrow")
                    body.raw(")\"/>")
                    arrows.append(GanttDiagram.Arrow(from: source.id, to: target.id, startToStart: link.startToStart,
                                                     critical: critical, cut: link.cut, points: points))
                }
                legend.append("Dependency (finish to start)")
                if arrows.contains(where: \.startToStart) { legend.append("Dependency (start to start)") }
                if arrows.contains(where: \.critical) { legend.append("Critical dependency") }
                if arrows.contains(where: \.cut) { legend.append("Dependency closing a cycle (ignored)") }
            }

            // Bars.
            var used: Set<String> = []
            for (r, row) in rows.enumerated() {
                let y = rowsTop + Double(r) * rowHeight
                if let baseline = row.baseline {
                    let x0 = startX(baseline.start), x1 = max(x0 + 1, finishX(baseline.finish))
                    body.rect(x: x0, y: y + barInset + barHeight + 1, width: x1 - x0, height: 4, class: "baseline")
                    used.insert("Baseline")
                }
                guard let start = row.start, let finish = row.finish else { continue }
                let x0 = startX(start), x1 = finishX(finish)
                if row.kind == .group && row.task == nil {
                    // Summary bar with end caps.
                    body.raw("<path class=\"summary\" d=\"M"); body.number(x0); body.raw(" "); body.number(y + 8)
                    body.raw(" H"); body.number(max(x1, x0 + 2)); body.raw(" V"); body.number(y + 17)
                    body.raw(" L"); body.number(max(x1 - 4, x0)); body.raw(" "); body.number(y + 13)
                    body.raw(" H"); body.number(min(x0 + 4, x1)); body.raw(" L"); body.number(x0); body.raw(" ")
                    body.number(y + 17); body.raw(" Z\"/>")
                    resultRows[r].bar = GanttDiagram.Box(x: x0, y: y + 8, width: max(2, x1 - x0), height: 9)
                    used.insert("Group span")
                    continue
                }
                guard let task = row.task else { continue }
                let href = options.standalone ? nil : options.link?(task)
                // The accessible name is written once and copied: for the link and its tooltip.
                if let href {
                    body.raw("<a"); body.attribute("href", href); body.raw(" aria-label=\"")
                    let name = body.write { accessibleName(task, into: &$0) }
                    body.raw("\"><title>"); body.appendCopy(of: name); body.raw("</title>")
                } else {
                    body.raw("<g><title>"); body.write { accessibleName(task, into: &$0) }; body.raw("</title>")
                }
                let barY = y + barInset
                if finish - start < 1e-9 {
                    // Milestone: a diamond on its date.
                    let cx = x0, cy = barY + barHeight / 2, h = barHeight / 2 + 1
                    body.raw("<path class=\"milestone"); if task.critical { body.raw(" critical") }
                    body.raw("\" d=\"M"); body.number(cx); body.raw(" "); body.number(cy - h)
                    body.raw(" L"); body.number(cx + h); body.raw(" "); body.number(cy)
                    body.raw(" L"); body.number(cx); body.raw(" "); body.number(cy + h)
                    body.raw(" L"); body.number(cx - h); body.raw(" "); body.number(cy); body.raw(" Z\"/>")
                    resultRows[r].bar = GanttDiagram.Box(x: cx - h, y: cy - h, width: 2 * h, height: 2 * h)
                    used.insert("Milestone")
                } else if task.kind == .buffer {
                    body.rect(x: x0, y: barY, width: x1 - x0, height: barHeight, class: "buffer-base")
                    body.raw("<rect"); body.attribute("x", x0); body.attribute("y", barY); body.attribute("width", x1 - x0)
                    body.attribute("height", barHeight); body.raw(" fill=\"url(#"); body.rawString(options.id)
                    body.raw("-hatch)\" class=\"buffer\"/>")
                    resultRows[r].bar = GanttDiagram.Box(x: x0, y: barY, width: x1 - x0, height: barHeight)
                    used.insert("Buffer")
                } else {
                    body.rect(x: x0, y: barY, width: x1 - x0, height: barHeight, class: task.critical ? "bar critical" : "bar", rx: 2)
                    if let progress = row.progress, progress > 0 {
                        body.rect(x: x0, y: barY + 3, width: (x1 - x0) * progress, height: barHeight - 6, class: "progress")
                        used.insert("Progress")
                    }
                    // No estimate stated: the bar's length is the assumed one, outlined dashed.
                    if task.kind == .block, schedule.assumedEstimates.contains(task.id) {
                        body.rect(x: x0 + 1, y: barY + 1, width: max(0, x1 - x0 - 2), height: barHeight - 2, class: "assumed", rx: 2)
                        used.insert("Assumed")
                    }
                    resultRows[r].bar = GanttDiagram.Box(x: x0, y: barY, width: x1 - x0, height: barHeight)
                    used.insert(task.critical ? "Critical" : "Planned")
                }
                body.raw(href != nil ? "</a>" : "</g>")
            }
            for name in ["Planned", "Critical", "Progress", "Assumed", "Baseline", "Milestone", "Buffer", "Group span"] where used.contains(name) {
                legend.insert(legendName(name), at: min(legend.count, legendOrder(name, in: legend)))
            }

            // Today line.
            if let today, let calendar = analysis.calendar {
                let offset = Double(today.daysSinceEpoch - calendar.start.daysSinceEpoch - origin)
                if offset >= 0, offset <= span {
                    let x = chartX + offset * pxPerDay
                    body.line(x1: x, y1: rowsTop - 6, x2: x, y2: rowsBottom, class: "today")
                    body.text("today", x: x + 3, y: rowsTop - 8, class: "today-label")
                    legend.append("Today (\(today))")
                }
            }

            // Legend, wrapped to the chart's width.
            let legendTop = rowsBottom + 12
            var legendBody = SVGBuilder(capacity: 2048)
            var lx = margin, ly = legendTop
            for entry in legend {
                let w = 22 + TextMetrics.width(entry, fontSize: fontSize) + 18
                if lx + w > width - margin, lx > margin { lx = margin; ly += 20 }
                drawLegendSwatch(&legendBody, entry, x: lx, y: ly)
                legendBody.text(entry, x: lx + 22, y: ly + 11, class: "muted")
                lx += w
            }
            let height = (legend.isEmpty ? rowsBottom + margin : ly + 20 + margin).rounded(.up)

            // Assemble: root, title and description first.
            let blockCount = rows.filter { $0.task?.kind == .block }.count
            let groupCount = rows.filter { $0.kind == .group }.count
            let name = group.map { "Gantt chart of Group \($0)" } ?? "Gantt chart of the plan"
            svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lr-diagram lr-gantt\"")
            svg.attribute("width", width); svg.attribute("height", height)
            svg.raw(" viewBox=\"0 0 "); svg.number(width); svg.raw(" "); svg.number(height); svg.raw("\"")
            // In pages the SVG keeps its implicit role, graphics-document (the links stay
            // reachable); the Nu checker rejects the explicit `role="graphics-document"`.
            if options.standalone { svg.raw(" role=\"img\">") } else { svg.attribute("aria-label", name); svg.raw(">") }
            svg.title(name)
            svg.raw("<desc>"); svg.escaped(description(blocks: blockCount, groups: groupCount)); svg.raw("</desc>")
            if options.standalone {
                svg.raw("<style>"); svg.rawString(DiagramStyle.standaloneStyle); svg.raw("</style>")
            }
            svg.raw("<defs>")
            arrowMarkers(&svg, id: options.id)
            svg.raw("<pattern id=\""); svg.rawString(options.id)
            svg.raw("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern>")
            svg.raw("</defs>")
            svg.rect(x: 0, y: 0, width: width, height: height, class: "bg")
            svg.append(body)
            svg.append(legendBody)
            svg.raw("</svg>\n")
            return GanttDiagram(markup: svg.markup, width: width, height: height, rows: resultRows, arrows: arrows,
                                tickLabels: ticks, legend: legend, axisUnit: unit)
        }

        func legendName(_ key: String) -> String {
            switch key {
            case "Planned": "Planned (current estimate)"
            case "Critical": "Critical (on the critical path)"
            case "Progress": "Progress (share complete)"
            case "Assumed": "Assumed estimate (none stated)"
            case "Baseline": "Baseline (original plan)"
            default: key
            }
        }

        func legendOrder(_ key: String, in legend: [String]) -> Int {
            let order = ["Planned", "Critical", "Progress", "Assumed", "Baseline", "Milestone", "Buffer", "Group span"]
            let index = order.firstIndex(of: key)!
            return legend.prefix { entry in order.prefix(index).contains { legendName($0) == entry } }.count
        }

        func drawLegendSwatch(_ b: inout SVGBuilder, _ entry: String, x: Double, y: Double) {
            switch entry {
            case legendName("Planned"): b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
            case legendName("Critical"): b.rect(x: x + 1, y: y + 3, width: 14, height: 8, class: "bar critical", rx: 2)
            case legendName("Progress"):
                b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
                b.rect(x: x, y: y + 5, width: 10, height: 4, class: "progress")
            case legendName("Assumed"):
                b.rect(x: x, y: y + 2, width: 16, height: 10, class: "bar", rx: 2)
                b.rect(x: x + 1, y: y + 3, width: 14, height: 8, class: "assumed", rx: 2)
            case legendName("Baseline"): b.rect(x: x, y: y + 5, width: 16, height: 4, class: "baseline")
            case "Milestone":
                b.raw("<path class=\"milestone\" d=\"M8 0 L15 7 L8 14 L1 7 Z\" transform=\"translate(")
                b.number(x); b.raw(" "); b.number(y); b.raw(")\"/>")
            case "Buffer":
                b.rect(x: x, y: y + 2, width: 16, height: 10, class: "buffer-base")
                b.raw("<rect"); b.attribute("x", x); b.attribute("y", y + 2); b.raw(" width=\"16\" height=\"10\" fill=\"url(#")
                b.rawString(options.id); b.raw("-hatch)\" class=\"buffer\"/>")
            case "Group span": b.rect(x: x, y: y + 4, width: 16, height: 5, class: "summary")
            case "Non-working day": b.rect(x: x, y: y, width: 16, height: 14, class: "nonworking")
            default:
                if entry.hasPrefix("Today") {
                    b.line(x1: x + 8, y1: y, x2: x + 8, y2: y + 14, class: "today")
                } else {
                    // The dependency entries as `draw` names them, matched whole (Foundation's substring search cost 8,000 instructions an entry).
                    let kind: StaticString = switch entry {
                    case "Critical dependency": "link critical"
                    case "Dependency closing a cycle (ignored)": "link cut"
                    case "Dependency (start to start)": "link ss"
                    default: "link"
                    }
                    b.raw("<path class=\""); b.raw(kind); b.raw("\" d=\"M"); b.number(x); b.raw(" "); b.number(y + 7)
                    b.raw(" H"); b.number(x + 14); b.raw("\"/>")
                }
            }
        }

        func description(blocks: Int, groups: Int) -> String {
            var text = "\(blocks) block\(blocks == 1 ? "" : "s") in \(groups) group\(groups == 1 ? "" : "s")"
            let duration = schedule.durationDays
            text += ", \(numberText(duration)) working day\(duration == 1 ? "" : "s")"
            if let calendar = analysis.calendar {
                text += ", \(calendar.startDate(0)) to \(calendar.finishDate(max(duration, 1)))"
            }
            text += "."
            // A group's chart names the part of the critical path it shows.
            let path = group == nil ? schedule.criticalPath : schedule.criticalPath(among: rows.indices.compactMap { rows[$0].task?.id })
            if !path.isEmpty { text += " Critical path: " + path.joined(separator: " → ") + "." }
            return text
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

        /// The x-interval a row's marks occupy (bar, baseline, milestone), padded.
        func occupiedInterval(_ row: RowSpec) -> (Double, Double)? {
            var low = Double.infinity, high = -Double.infinity
            if let s = row.start, let f = row.finish {
                low = min(low, startX(s)); high = max(high, finishX(f))
                if f - s < 1e-9 { low -= barHeight / 2 + 1; high += barHeight / 2 + 1 }
            }
            if let b = row.baseline { low = min(low, startX(b.start)); high = max(high, max(startX(b.start) + 1, finishX(b.finish))) }
            return low <= high ? (low - 3, high + 3) : nil
        }

        /// An arrow from the source bar's end (its start, for start-to-start) to the target
        /// bar's start: out horizontally, down (or up) between rows at an x no bar of a row in
        /// between covers (jogging along the gaps between rows where needed), and into the
        /// target from the left.
        func route(from: Int, to: Int, startToStart: Bool, occupied: [(Double, Double)?], rowsTop: Double) -> [(x: Double, y: Double)] {
            let stub = 8.0
            let source = rows[from], target = rows[to]
            let y1 = rowsTop + Double(from) * rowHeight + barInset + barHeight / 2
            let y2 = rowsTop + Double(to) * rowHeight + barInset + barHeight / 2
            // A milestone's diamond reaches half its height either side of its date.
            let sourceHalf = source.finish == source.start ? barHeight / 2 + 1 : 0
            let sourceStart = startX(source.start ?? 0) - sourceHalf, sourceEnd = finishX(source.finish ?? 0) + sourceHalf
            let targetX = startX(target.start ?? 0) - (target.finish == target.start ? barHeight / 2 + 1 : 0)
            let x1 = startToStart ? sourceStart : sourceEnd
            var points: [(x: Double, y: Double)] = [(x1, y1)]
            let entry = targetX - stub
            var x: Double
            if startToStart {
                x = min(x1 - stub, entry)
            } else {
                x = entry >= x1 + stub ? entry : x1 + stub
            }
            points.append((x, y1))
            let step = to > from ? 1 : -1
            // The gap line between row r and its neighbour in the direction of travel.
            func gap(after r: Int) -> Double { rowsTop + Double(step > 0 ? r + 1 : r) * rowHeight }
            var r = from
            var y = gap(after: r)
            points.append((x, y))
            r += step
            while r != to {
                if let (low, high) = occupied[r], x > low, x < high {
                    // Step aside along the gap: to the side nearer the entry point.
                    let left = low, right = high
                    let newX = abs(left - entry) <= abs(right - entry) ? left : right
                    x = newX
                    points.append((x, y))
                }
                y = gap(after: r)
                points.append((x, y))
                r += step
            }
            // In the target's row: come in from the left.
            if x > entry || x < entry {
                points.append((entry, y))
                x = entry
            }
            points.append((x, y2))
            points.append((targetX, y2))
            return simplify(points)
        }

        /// Drops repeated and collinear middle points.
        func simplify(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
            var result: [(x: Double, y: Double)] = []
            for p in points {
                if let last = result.last, abs(last.x - p.x) < 1e-9, abs(last.y - p.y) < 1e-9 { continue }
                if result.count >= 2 {
                    let a = result[result.count - 2], b = result[result.count - 1]
                    if (abs(a.x - b.x) < 1e-9 && abs(b.x - p.x) < 1e-9) || (abs(a.y - b.y) < 1e-9 && abs(b.y - p.y) < 1e-9) {
                        result[result.count - 1] = p
                        continue
                    }
                }
                result.append(p)
            }
            return result
        }

        func arrowMarkers(_ b: inout SVGBuilder, id: String) {
            for (suffix, cls) in [("-arrow", "arrowhead"), ("-arrow-critical", "arrowhead critical"), ("-arrow-cut", "arrowhead cut")] {
                b.raw("<marker id=\""); b.rawString(id + suffix)
                b.raw("\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 0 L8 4 L0 8 Z\" class=\"")
                b.rawString(cls); b.raw("\"/></marker>")
            }
        }

        /// Tick marks and labels for the chosen unit; returns the labels drawn.
        func drawAxis(_ b: inout SVGBuilder, unit: AxisUnit, top: Double, rowsBottom: Double) -> [(String, GanttDiagram.Box)] {
            var labels: [(String, GanttDiagram.Box)] = []
            var lastLabelEnd = -Double.infinity
            func tick(at x: Double, label: String) {
                b.line(x1: x, y1: top + axisHeight - 14, x2: x, y2: rowsBottom, class: "grid")
                let w = TextMetrics.width(label, fontSize: fontSize)
                guard x + 3 > lastLabelEnd + 6, x + 3 + w <= chartX + span * pxPerDay + margin else { return }
                b.text(label, x: x + 3, y: top + axisHeight - 18, class: "muted")
                labels.append((label, GanttDiagram.Box(x: x + 3, y: top + axisHeight - 30, width: w, height: 14)))
                lastLabelEnd = x + 3 + w
            }
            b.line(x1: chartX, y1: top + axisHeight - 1, x2: chartX + span * pxPerDay, y2: top + axisHeight - 1, class: "axis")
            if let calendar = analysis.calendar {
                let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                let first = calendar.start.adding(days: origin)
                var previousYear = -1
                for offset in 0..<max(1, Int(span.rounded(.up))) {
                    let date = first.adding(days: offset)
                    let (year, month, day) = date.components
                    let x = chartX + Double(offset) * pxPerDay
                    var label: String?
                    switch unit {
                    case .day: label = day == 1 || offset == 0 ? "\(months[month - 1]) \(day)" : "\(day)"
                    case .week: if date.weekday == 1 || offset == 0 { label = "\(months[month - 1]) \(day)" }
                    case .month: if day == 1 || offset == 0 { label = month == 1 || previousYear < 0 ? "\(months[month - 1]) \(year)" : months[month - 1] }
                    case .quarter: if (day == 1 && (month - 1) % 3 == 0) || offset == 0 { label = "Q\((month - 1) / 3 + 1) \(year)" }
                    case .year: if (day == 1 && month == 1) || offset == 0 { label = "\(year)" }
                    }
                    if let label { tick(at: x, label: label); previousYear = year }
                }
                b.text("Date", x: margin, y: top + axisHeight - 18, class: "muted")
            } else {
                let stepDays: Double
                switch unit {
                case .day: stepDays = 1
                case .week: stepDays = analysis.settings.daysPerWeek
                case .month: stepDays = analysis.settings.daysPerWeek * 4
                case .quarter: stepDays = analysis.settings.daysPerWeek * 13
                case .year: stepDays = analysis.settings.daysPerWeek * 52
                }
                // Ticks on multiples of the step from day 0, the first at the window's start.
                var day = origin == 0 ? 0 : (Double(origin) / stepDays).rounded(.up) * stepDays
                if day > Double(origin) + 1e-9 { tick(at: chartX, label: numberText(Double(origin))) }
                while day <= Double(origin) + span + 1e-9 {
                    tick(at: chartX + (day - Double(origin)) * pxPerDay, label: numberText(day))
                    day += stepDays
                }
                b.text("Working day", x: margin, y: top + axisHeight - 18, class: "muted")
            }
            return labels
        }
    }
}
