import LoopReportAnalysis
import LoopReportModel
import LoopReportSource
import LoopReportSupport

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
    /// The legend's labels, in order (`GanttLegendEntry.label`).
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
    package static func render(
        plan: Plan, analysis: Analysis, group: String? = nil, today: CalendarDate? = nil,
        groupsOnly: Bool = false, options: DiagramOptions
    ) -> GanttDiagram {
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

        // MARK: Drawing

        /// The top of the first row, under the axis.
        var rowsTop: Double { GanttChart.margin + GanttChart.axisHeight }
        /// The bottom of the last row.
        var rowsBottom: Double { rowsTop + Double(rows.count) * GanttChart.rowHeight }
        /// The top of row `r`.
        func rowY(_ r: Int) -> Double { rowsTop + Double(r) * GanttChart.rowHeight }
        /// The drawing's width, once `planAxis` has set the scale.
        var width: Double { (chartX + max(1, span * pxPerDay) + GanttChart.margin).rounded(.up) }

        /// The axis is planned first; the content is drawn back to front (bands, non-working
        /// days, axis, labels, arrows, bars, today line), each part saying what it drew, so
        /// the legend under it lists only that; then the document is assembled around both.
        mutating func draw() -> GanttDiagram {
            let unit = planAxis()
            var body = SVGBuilder(capacity: rows.count * 560)
            drawBands(&body)
            let shaded = drawNonWorkingDays(&body)
            let ticks = drawAxis(&body, unit: unit)
            var drawnRows = drawLabels(&body)
            let arrows = drawLinks(&body)
            let marks = drawBars(&body, rows: &drawnRows)
            let todayShown = drawTodayLine(&body)

            let legend = GanttLegendEntry.entries(marks: marks, nonWorkingDays: shaded, arrows: arrows, today: todayShown)
            var legendBody = SVGBuilder(capacity: 2048)
            let legendBottom = drawLegend(&legendBody, legend)
            let height = (legendBottom + GanttChart.margin).rounded(.up)
            let markup = document(body: body, legend: legendBody, height: height)
            return GanttDiagram(
                markup: markup, width: width, height: height, rows: drawnRows, arrows: arrows,
                tickLabels: ticks, legend: legend.map(\.label), axisUnit: unit)
        }

        /// The SVG root, its title and description, styles and shared definitions around the
        /// content and the legend.
        func document(body: borrowing SVGBuilder, legend: borrowing SVGBuilder, height: Double) -> [UInt8] {
            let width = width
            var svg = SVGBuilder(capacity: 512 + rows.count * 600)
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
            svg.raw(
                "-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern>"
            )
            svg.raw("</defs>")
            svg.rect(x: 0, y: 0, width: width, height: height, class: "bg")
            svg.append(body)
            svg.append(legend)
            svg.raw("</svg>\n")
            return svg.markup
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
    }
}
