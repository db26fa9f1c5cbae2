import ArgumentParser
import LoopReportExport
import LoopReportPipeline

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case json, csv, ics }

extension CSVExport.Table: ExpressibleByArgument {}

/// `loopreport export --format json [DIR]`: the whole model as JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan model, its schedule and its figures in a machine-readable format.",
        discussion: "json: the whole model (docs/export-json.md); csv: the schedule or variance table; ics: group finishes and milestones as calendar events (needs a start date). Diagnostics go to standard error.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(help: "Export format: json (the whole model), csv (a table), ics (calendar events).")
    var format: ExportFormat = .json

    @Option(help: "With --format csv: the table to write (schedule or variance).")
    var table: CSVExport.Table = .schedule

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let loaded = project.load()
        KeepUntilExit.hold(loaded)
        let bytes: [UInt8]
        switch format {
        case .json: bytes = try JSONExport.encode(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics)
        case .csv: bytes = CSVExport.encode(table, plan: loaded.plan, analysis: loaded.analysis)
        case .ics:
            do { bytes = try ICSExport.encode(plan: loaded.plan, analysis: loaded.analysis) }
            catch let error as ICSExport.MissingStartDate { throw CommandError(error.description) }
        }
        if !loaded.diagnostics.isEmpty {
            DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
        }
        if let output {
            try Terminal.writeFile(output, bytes)
        } else {
            Terminal.write(bytes: bytes)
        }
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }
}
