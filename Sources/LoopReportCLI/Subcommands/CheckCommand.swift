import ArgumentParser
import LoopReportExport
import LoopReportPipeline
import LoopReportSource

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `loopreport check [DIR]`: read and model the content, print diagnostics.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the plan documents and report problems.",
        discussion: "Exit status: 0 without errors, 1 with errors (or warnings with --strict), 2 on usage errors.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(help: "Output format for diagnostics: text or json.")
    var format: DiagnosticsFormat = .text

    @Flag(help: "Print how long each stage took (to standard error).")
    var timings = false

    func run() throws {
        let loaded = project.load()
        KeepUntilExit.hold(loaded)
        switch format {
        case .text:
            DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
        case .json:
            Terminal.write(bytes: try DiagnosticsJSON.encode(loaded.diagnostics, documentCount: loaded.documentCount))
        }
        if timings { DiagnosticPrinter.printTimings(loaded.timings) }
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }
}

/// Prints diagnostics with source excerpts and the one-line summary.
enum DiagnosticPrinter {
    static func print(_ loaded: LoadedProject, options: DiagnosticOptions, toStandardOutput: Bool) {
        let formatter = DiagnosticFormatter(useColor: Terminal.colorEnabled(options.color),
                                            pathPrefix: loaded.root.isEmpty || loaded.root.hasPrefix("(") ? "" : loaded.root + "/")
        var text = ""
        for diagnostic in loaded.diagnostics {
            text += formatter.format(diagnostic, sources: loaded.sources)
        }
        text += formatter.summary(loaded.diagnostics, documentCount: loaded.documentCount) + "\n"
        toStandardOutput ? Terminal.write(text) : Terminal.writeError(text)
    }

    /// `stage: 12.3 ms` lines on standard error (the benchmark reads them).
    static func printTimings(_ timings: [(stage: String, duration: Duration)]) {
        for (stage, duration) in timings {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            Terminal.writeError("\(stage): \((ms * 10).rounded() / 10) ms\n")
        }
    }

    static func exitIfFailed(_ diagnostics: [Diagnostic], strict: Bool) throws {
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode.failure }
    }
}
