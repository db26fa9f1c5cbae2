import ArgumentParser
import LoopReportExport
import LoopReportPipeline

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case json }

/// `loopreport export --format json [DIR]`: the whole model as JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan model (documents, blocks, groups, iterations, …) in a machine-readable format.",
        discussion: "The JSON schema is documented in docs/export-json.md. Diagnostics go to standard error.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(help: "Export format.")
    var format: ExportFormat = .json

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let loaded = Pipeline.load(root: project.directory)
        KeepUntilExit.hold(loaded)
        let bytes = try JSONExport.encode(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics)
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
