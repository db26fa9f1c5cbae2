import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

/// One project of a content tree with several (`Pipeline.loadProjects`), as its row on the
/// index page that links their sites.
package struct ProjectIndexEntry: Sendable {
    package var title: String
    /// The folder of its site under the output, e.g. `payments`.
    package var folder: String
    /// Where its documents are, for the reader: `plan/payments`.
    package var source: String
    package var plan: Plan
    package var analysis: Analysis
    package var errors: Int
    package var warnings: Int

    package init(title: String, folder: String, source: String, plan: Plan, analysis: Analysis, errors: Int, warnings: Int) {
        self.title = title
        self.folder = folder
        self.source = source
        self.plan = plan
        self.analysis = analysis
        self.errors = errors
        self.warnings = warnings
    }
}

extension SiteBuilder {
    /// A project's title: `title:` in loopreport.yml, else its plan document's title (not that
    /// of whichever document sorts first).
    package static func title(plan: Plan, analysis: Analysis) -> String {
        analysis.settings.title ?? (plan.documents.first { $0.kind == .plan } ?? plan.documents.first)?.title ?? "Plan"
    }

    /// The page at the top of an output holding several projects' sites: each project with
    /// its progress, duration, finish and problems, linking to its dashboard. Self-contained
    /// (the stylesheet inline), like the single-file report.
    package static func projectIndex(_ entries: [ProjectIndexEntry], templates: TemplateSet) -> SiteFile {
        var out = HTML(capacity: 16384 + templates.stylesheet.utf8.count)
        out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.raw("<meta name=\"generator\" content=\"LoopReport\">\n<title>Projects</title>\n<style>\n")
        out.raw(templates.stylesheet)
        out.raw("</style>\n</head>\n<body>\n<main id=\"main\">\n<h1>Projects</h1>\n")
        out.raw("<p>")
        out.text("\(entries.count) projects, each read from its own folder and built as a site of its own.")
        out.raw("</p>\n")
        out.table(headers: ["Project", "Folder", "Blocks done#", "Duration#", "Finish", "Problems"], rows: entries) { html, entry, column in
            let blocks = entry.plan.blocks.filter { $0.status != .removed }
            let schedule = entry.analysis.schedule
            let noneEstimated = !schedule.assumedEstimates.isEmpty && schedule.assumedEstimates.count == blocks.count
            switch column {
            case 0: html.link(entry.folder + "/index.html", entry.title)
            case 1: html.text(entry.source)
            case 2: html.text("\(blocks.filter { $0.progress == .complete }.count) of \(blocks.count)")
            case 3: html.text(noneEstimated ? "not estimated" : daysText(schedule.durationDays))
            case 4: html.text(noneEstimated ? "" : entry.analysis.calendar.map { "\($0.finishDate(max(1, schedule.durationDays)))" } ?? "")
            default:
                if entry.errors + entry.warnings == 0 {
                    html.badge("none", .ok)
                } else {
                    html.badge(
                        "\(entry.errors) error\(entry.errors == 1 ? "" : "s"), \(entry.warnings) warning\(entry.warnings == 1 ? "" : "s")",
                        entry.errors > 0 ? .bad : .warn)
                }
            }
        }
        out.raw("</main>\n</body>\n</html>\n")
        return SiteFile(path: "index.html", bytes: Array(out.string.utf8))
    }
}
