import LoopReportAnalysis
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// `export --format csv`: the schedule or the variance as a table (RFC 4180, header row).
package enum CSVExport {
    package enum Table: String, CaseIterable, Sendable { case schedule, variance }

    package static func encode(_ table: Table, plan: Plan, analysis: Analysis) -> [UInt8] {
        var rows: [[String]]
        switch table {
        case .schedule:
            rows = [
                [
                    "id", "kind", "title", "group", "duration_days", "early_start", "early_finish", "late_start",
                    "late_finish", "total_float", "free_float", "critical", "near_critical", "driving_predecessor",
                    "start_date", "finish_date", "estimate_assumed",
                ]
            ]
            let calendar = analysis.calendar
            for task in analysis.schedule.tasks {
                rows.append([
                    task.id, task.kind.rawValue, task.title, task.groupID ?? "", number(task.durationDays),
                    number(task.earlyStart), number(task.earlyFinish), number(task.lateStart),
                    number(task.lateFinish), number(task.slack), number(task.freeFloat), String(task.critical),
                    String(task.nearCritical), task.drivingPredecessor ?? "",
                    calendar.map { $0.startDate(task.earlyStart).description } ?? "",
                    calendar.map { $0.finishDate(task.earlyFinish).description } ?? "",
                    String(task.kind == .block && analysis.schedule.assumedEstimates.contains(task.id)),
                ])
            }
        case .variance:
            rows = [["level", "subject", "estimate_days", "actual_days", "variance_days", "variance_percent", "factor"]]
            let v = analysis.variance
            for (level, entries) in [("block", v.blocks), ("group", v.groups), ("iteration", v.iterations), ("declared", v.declared)] {
                for e in entries {
                    rows.append([
                        level, e.subject, number(e.estimateDays), number(e.actualDays), number(e.varianceDays),
                        e.variancePercent.map(number) ?? "", e.factor.map(number) ?? "",
                    ])
                }
            }
        }
        return Array(rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n").utf8) + [13, 10]
    }

    /// One RFC 4180 field. Text that a spreadsheet would run as a formula (starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return, and not a number) gets a leading `'`, as
    /// OWASP advises against CSV injection. Bytes are checked, not Characters: `"\r\n"` is
    /// one Character and equals neither `"\r"` nor `"\n"`.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first), Double(text) == nil {
            text = "'" + text
        }
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    static func number(_ value: Double) -> String { numberText(value, decimals: 4) }
}

/// `export --format ics`: group finishes and dated milestones as all-day calendar events.
package enum ICSExport {
    package struct MissingStartDate: Error, CustomStringConvertible {
        package var description: String {
            "calendar export needs a start date: add `start: YYYY-MM-DD` to loopreport.yml"
        }
    }

    package static func encode(plan: Plan, analysis: Analysis) throws -> [UInt8] {
        guard let calendar = analysis.calendar else { throw MissingStartDate() }
        let name = analysis.settings.title ?? plan.documents.first?.title ?? "LoopReport plan"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//LoopReport//LoopReport//EN", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + escape(name),
        ]
        func event(uid: String, date: CalendarDate, summary: String, description: String) {
            let day = date.description.replacingOccurrencesOfDash
            let next = date.adding(days: 1).description.replacingOccurrencesOfDash
            lines += [
                "BEGIN:VEVENT", "UID:\(uid)@loopreport", "DTSTAMP:\(day)T000000Z", "DTSTART;VALUE=DATE:\(day)",
                "DTEND;VALUE=DATE:\(next)", "SUMMARY:" + escape(summary), "DESCRIPTION:" + escape(description),
                "END:VEVENT",
            ]
        }
        for span in analysis.schedule.groupSpans {
            let title = plan.group(span.groupID)?.title ?? ""
            event(
                uid: "group-\(span.groupID)-finish", date: calendar.finishDate(span.finish),
                summary: "Group \(span.groupID) finishes" + (title.isEmpty ? "" : ": \(title)"),
                description: "Scheduled finish of Group \(span.groupID) (working day \(CSVExport.number(span.finish)))")
        }
        event(
            uid: "project-finish", date: calendar.finishDate(analysis.schedule.durationDays), summary: "\(name) finishes",
            description: "Scheduled end of the current plan (\(CSVExport.number(analysis.schedule.durationDays)) working days)")
        // Milestone table rows with an ISO date.
        for (n, table) in plan.records.tables.enumerated() where table.kind == .milestones {
            let nameColumn = table.column("milestone") ?? 0
            let dateColumn = table.column("forecast date", "target date", "date")
            for (r, row) in table.rows.enumerated() {
                guard let cell = table.cell(row, dateColumn), let date = firstISODate(cell.text),
                    let label = table.cell(row, nameColumn)?.text
                else { continue }
                event(
                    uid: "milestone-\(n)-\(r)", date: date, summary: label,
                    description: "Milestone from \(table.range?.path ?? "the plan")")
            }
        }
        lines.append("END:VCALENDAR")
        return Array(lines.map(fold).joined(separator: "\r\n").utf8) + [13, 10]
    }

    static func firstISODate(_ text: String) -> CalendarDate? {
        text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" }).lazy.compactMap { CalendarDate(String($0)) }.first
    }

    /// An RFC 5545 TEXT value. Scalars, not Characters: `"\r\n"` is one Character, and a
    /// title holding it must not start a property line of its own. Line breaks become `\n`,
    /// other control characters go.
    static func escape(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r":
                out += "\\n"
                if pending == "\n" { pending = scalars.next() }
            case "\n": out += "\\n"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// RFC 5545 lines are at most 75 octets; longer ones continue after CRLF and a space.
    static func fold(_ line: String) -> String {
        var out = "", count = 0
        for c in line {
            let size = String(c).utf8.count
            if count + size > 75 { out += "\r\n "; count = 1 }
            out.append(c); count += size
        }
        return out
    }
}

extension String {
    fileprivate var replacingOccurrencesOfDash: String { String(filter { $0 != "-" }) }
}
