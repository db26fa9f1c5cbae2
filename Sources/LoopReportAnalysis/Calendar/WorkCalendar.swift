import LoopReportModel

/// Maps working-day offsets to dates: day 0 is the first working day on or after the start
/// date; weekends (per the settings) and holidays are skipped.
package struct WorkCalendar: Sendable {
    package let start: CalendarDate
    let weekdays: Set<Int>
    let holidays: Set<CalendarDate>

    package init?(_ settings: ProjectSettings) {
        guard let start = settings.startDate, !settings.workingWeekdays.isEmpty else { return nil }
        self.start = start
        self.weekdays = settings.workingWeekdays
        self.holidays = settings.holidays
    }

    package func isWorkingDay(_ date: CalendarDate) -> Bool {
        weekdays.contains(date.weekday) && !holidays.contains(date)
    }

    /// The date of working day `n` (0-based).
    package func date(ofWorkingDay n: Int) -> CalendarDate {
        var date = start
        while !isWorkingDay(date) { date = date.adding(days: 1) }
        var remaining = max(0, n)
        // Whole weeks first when there are no holidays to step over.
        if holidays.isEmpty, weekdays.count < 7, remaining > 14 {
            let weeks = remaining / weekdays.count - 1
            date = date.adding(days: weeks * 7)
            remaining -= weeks * weekdays.count
        }
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// The date a task starting at offset `day` starts on.
    package func startDate(_ day: Double) -> CalendarDate { date(ofWorkingDay: Int((day + 1e-9).rounded(.down))) }

    /// The last working day of a task finishing at offset `day` (a task of 2 days from day 0
    /// finishes on working day 1).
    package func finishDate(_ day: Double) -> CalendarDate {
        date(ofWorkingDay: max(0, Int((day - 1e-9).rounded(.up)) - 1))
    }

    /// Every non-working date between two dates, for shading charts.
    package func nonWorkingDays(from: CalendarDate, to: CalendarDate) -> [CalendarDate] {
        guard from <= to else { return [] }
        return (from.daysSinceEpoch...to.daysSinceEpoch).map(CalendarDate.init(daysSinceEpoch:)).filter { !isWorkingDay($0) }
    }
}
