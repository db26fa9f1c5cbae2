import ArgumentParser
import Foundation
import LoopReportExport
import LoopReportMarkdown
import LoopReportModel
import LoopReportPipeline
import LoopReportSite
import LoopReportSource
import LoopReportSupport

enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `loopreport check [DIR]`: read and model the content, print diagnostics.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the plan documents and report problems.",
        discussion: """
            Exit status: 0 without errors, 1 with errors (or warnings with --strict), 2 on usage errors. \
            --explain prints, for every heading, field line and table, what it became (group, work item, \
            field, section, ignored) and why; given a Markdown file instead of a directory, only that file \
            (its project is the nearest folder above it with a loopreport.yml, else its own folder).
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(help: "Output format for diagnostics: text or json.")
    var format: DiagnosticsFormat = .text

    @Flag(help: "Print how long each stage took (to standard error).")
    var timings = false

    @Flag(help: "Say what each heading, field line and table became, and why (DIR may be one Markdown file).")
    var explain = false

    func run() throws {
        if explain { return try runExplain() }
        let projects = project.loadAll()
        KeepUntilExit.hold(projects.map(\.project))
        if projects.count > 1 { return try checkEach(projects) }
        let loaded = projects[0].project
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

extension CheckCommand {
    /// A content tree of several projects: each checked on its own, under a heading (text), or
    /// every diagnostic with its path from the content directory (JSON).
    private func checkEach(_ projects: [(relative: String, project: LoadedProject)]) throws {
        var all: [Diagnostic] = []
        for (relative, loaded) in projects {
            switch format {
            case .text:
                Terminal.writeError(
                    "\(relative.isEmpty ? "." : relative): \(SiteBuilder.title(plan: loaded.plan, analysis: loaded.analysis))\n")
                DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
            case .json:
                break
            }
            all += loaded.diagnostics.map { $0.withPaths(under: relative) }
        }
        if format == .json {
            Terminal.write(bytes: try DiagnosticsJSON.encode(all, documentCount: projects.reduce(0) { $0 + $1.project.documentCount }))
        }
        try DiagnosticPrinter.exitIfFailed(all, strict: diagnosticOptions.strict)
    }

    /// `check --explain [DIR | FILE]`: the reading of each document, line by line.
    private func runExplain() throws {
        var loadedProject = project
        var only: String?
        if let path = project.directory, path.lowercased().hasSuffix(".md"), FileManager.default.fileExists(atPath: path) {
            let (root, relative) = Self.projectRoot(of: path)
            loadedProject.directory = root
            only = relative
        }
        let loaded = loadedProject.load()
        KeepUntilExit.hold(loaded)
        let vocabulary = Vocabulary.read(config: loaded.sources["loopreport.yml"]).0
        var lines: [ExplainedLine] = []
        for document in loaded.plan.documents where only == nil || document.path == only {
            guard let file = loaded.sources[document.path] else { continue }
            lines += PlanBuilder.explain(CmarkParser.parse(file), vocabulary: vocabulary)
        }
        if let only, !loaded.plan.documents.contains(where: { $0.path == only }) {
            throw CommandError("'\(only)' is not a document of the project in '\(loaded.origin)'")
        }
        switch format {
        case .text:
            var text = ""
            for line in lines {
                text +=
                    "\(line.path):\(line.line):\(line.column): \(line.kind) '\(line.text)' → \(line.became): \(line.why)"
                    .visibleControlCharacters + "\n"
            }
            Terminal.write(text)
        case .json:
            struct Payload: Encodable { var schemaVersion = 1; var lines: [ExplainedLine] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.write(bytes: Array(try encoder.encode(Payload(lines: lines))) + [0x0A])
        }
        DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }

    /// The project of a Markdown file: the nearest folder above it holding a loopreport.yml
    /// (else the file's own folder), and the file's path inside it.
    static func projectRoot(of file: String) -> (root: String, relative: String) {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        var folder = URL(fileURLWithPath: absolute).deletingLastPathComponent()
        let own = folder.path
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("loopreport.yml").path) {
                return (folder.path, String(absolute.dropFirst(folder.path.count + 1)))
            }
            folder.deleteLastPathComponent()
        }
        return (own, String(absolute.dropFirst(own.count + 1)))
    }
}

extension Diagnostic {
    /// The diagnostic with its paths (and its notes') taken from a project folder's parent:
    /// `plan.md` of the project in `payments` becomes `payments/plan.md`.
    func withPaths(under folder: String) -> Diagnostic {
        guard !folder.isEmpty else { return self }
        var copy = self
        copy.range?.path = folder + "/" + (range?.path ?? "")
        for n in copy.notes.indices where copy.notes[n].range != nil {
            copy.notes[n].range!.path = folder + "/" + copy.notes[n].range!.path
        }
        return copy
    }
}

/// Prints diagnostics with source excerpts and the one-line summary.
enum DiagnosticPrinter {
    static func print(_ loaded: LoadedProject, options: DiagnosticOptions, toStandardOutput: Bool) {
        let formatter = DiagnosticFormatter(
            useColor: Terminal.colorEnabled(options.color),
            pathPrefix: loaded.origin.directory.map { $0 + "/" } ?? "")
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
