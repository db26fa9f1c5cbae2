import LoopReportAnalysis
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// The time axis: the scale (working days to x, in calendar days when the plan is dated),
/// its ticks and labels, the non-working days shaded behind the rows, and the today line.
extension GanttChart.Chart {
    static let maximumSpanDays = 36_500.0

    /// Sets the window (`firstDay`, `origin`, `span`), the label column and the scale, and
    /// chooses the tick unit: the shortest whose ticks are far enough apart for their labels.
    mutating func planAxis() -> GanttChart.AxisUnit {
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
        let widest =
            rows.map { TextMetrics.width($0.label, fontSize: GanttChart.fontSize, bold: true) + ($0.kind == .task ? 12 : 0) }.max() ?? 0
        labelColumn = min(GanttChart.maxLabelColumn, max(120, widest + 16))
        chartX = GanttChart.margin + labelColumn
        let available = GanttChart.maxWidth - chartX - GanttChart.margin
        pxPerDay = min(28, available / max(1, span))
        let unitDays: [(GanttChart.AxisUnit, Double)] =
            calendar != nil
            ? [(.day, 1), (.week, 7), (.month, 30.4), (.quarter, 91.3), (.year, 365.25)]
            : [
                (.day, 1), (.week, analysis.settings.daysPerWeek), (.month, analysis.settings.daysPerWeek * 4),
                (.quarter, analysis.settings.daysPerWeek * 13), (.year, analysis.settings.daysPerWeek * 52),
            ]
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

    /// Non-working days shaded behind the rows, when a day is wide enough to see; returns
    /// whether any was.
    func drawNonWorkingDays(_ body: inout SVGBuilder) -> Bool {
        guard let calendar = analysis.calendar, pxPerDay >= 3 else { return false }
        let rowsTop = rowsTop, rowsBottom = rowsBottom
        var shaded = false
        for offset in 0..<Int(span) {
            let date = calendar.start.adding(days: origin + offset)
            if !calendar.isWorkingDay(date) {
                body.rect(
                    x: chartX + Double(offset) * pxPerDay, y: rowsTop, width: pxPerDay,
                    height: rowsBottom - rowsTop, class: "nonworking")
                shaded = true
            }
        }
        return shaded
    }

    /// Tick marks and labels for the chosen unit; returns the labels drawn.
    func drawAxis(_ b: inout SVGBuilder, unit: GanttChart.AxisUnit) -> [(String, GanttDiagram.Box)] {
        let top = GanttChart.margin, axisHeight = GanttChart.axisHeight, margin = GanttChart.margin
        let rowsBottom = rowsBottom
        var labels: [(String, GanttDiagram.Box)] = []
        var lastLabelEnd = -Double.infinity
        func tick(at x: Double, label: String) {
            b.line(x1: x, y1: top + axisHeight - 14, x2: x, y2: rowsBottom, class: "grid")
            let w = TextMetrics.width(label, fontSize: GanttChart.fontSize)
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
                case .month:
                    if day == 1 || offset == 0 {
                        label = month == 1 || previousYear < 0 ? "\(months[month - 1]) \(year)" : months[month - 1]
                    }
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

    /// The today line, when the plan is dated and today falls in the window; returns the
    /// date it marks.
    func drawTodayLine(_ body: inout SVGBuilder) -> CalendarDate? {
        guard let today, let calendar = analysis.calendar else { return nil }
        let offset = Double(today.daysSinceEpoch - calendar.start.daysSinceEpoch - origin)
        guard offset >= 0, offset <= span else { return nil }
        let x = chartX + offset * pxPerDay
        body.line(x1: x, y1: rowsTop - 6, x2: x, y2: rowsBottom, class: "today")
        body.text("today", x: x + 3, y: rowsTop - 8, class: "today-label")
        return today
    }
}
