import ArgumentParser
import LoopReportModel
import LoopReportPipeline
import LoopReportSite
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// `loopreport build [DIR]`: the report site, written atomically.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the report site: linked, searchable HTML pages with Gantt charts and dependency graphs.",
        discussion: """
            Templates: files in the project's templates/ directory (layout.mustache, dashboard.mustache, \
            page.mustache, site.css, search.js) replace the built-in ones of the same name. The site is \
            written to a new directory and swapped in, so an interrupted build leaves the previous site \
            intact; builds into one output take turns. The output must be a new or empty directory or a \
            site LoopReport wrote (it holds a .loopreport-site file), outside the content directory; an \
            existing --single-file report is replaced only if LoopReport wrote it. --force replaces \
            either anyway. Exit status: 0, or 1 when the documents have errors (the site is still written).
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(name: .shortAndLong, help: "The output directory (with --single-file: the file, default report.html).")
    var output: String?

    @Flag(help: "Write one self-contained HTML report (for email) instead of a site.")
    var singleFile = false

    @Option(help: "The address the site will be published at: adds canonical links and sitemap.xml.")
    var baseURL: String?

    @Option(help: "The report's date (YYYY-MM-DD): the Gantt charts' today line.")
    var date: String?

    @Flag(help: "Print how long each stage took (to standard error).")
    var timings = false

    @Flag(help: "Replace the output even if LoopReport did not write it (never the content directory).")
    var force = false

    func validate() throws {
        try validateDateOption(date)
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let today = try dateOption(date)
        let options = SiteOptions(baseURL: baseURL, date: today)
        let output = self.output ?? (singleFile ? "report.html" : "output")
        do {
            try SiteWriter.checkOutput(output, content: project.contentRoot)
            if singleFile { return try writeSingleFile(project.load(), options: options, output: output) }
            let projects = project.loadAll()
            KeepUntilExit.hold(projects.map(\.project))
            let several = projects.count > 1
            let written = try Pipeline.writeSite(
                projects, contentRoot: project.contentRoot, output: output, options: options,
                force: force,
                waiting: {
                    Terminal.writeError("Waiting for another build into '\(output)' to finish\n")
                },
                built: { relative, loaded, title in
                    guard !loaded.diagnostics.isEmpty else { return }
                    if several { Terminal.writeError("\(relative.isEmpty ? "." : relative): \(title)\n") }
                    DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
                })
            KeepUntilExit.hold(written.leftovers)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            let what =
                several
                ? "\(written.projects) project sites (\(written.pages) pages with \(written.diagrams) diagrams) and their index"
                : "\(written.pages) pages with \(written.diagrams) diagrams"
            Terminal.writeError("Built \(what) in \(numberText(seconds, decimals: 2)) s: \(output)/\n")
            if timings, !several { DiagnosticPrinter.printTimings(projects[0].project.timings + written.timings) }
            try DiagnosticPrinter.exitIfFailed(projects.flatMap(\.project.diagnostics), strict: diagnosticOptions.strict)
        } catch let error as SiteWriter.WriteError {
            throw CommandError(error.description)
        } catch let error as TemplateSet.TemplateError {
            throw CommandError(error.description)
        }
    }

    /// `--single-file`: one self-contained HTML report, written atomically.
    private func writeSingleFile(_ loaded: LoadedProject, options: SiteOptions, output: String) throws {
        KeepUntilExit.hold(loaded)
        let report = try Pipeline.renderSingleFile(loaded, options: options)
        try Terminal.writeFile(output, Array(report.utf8), force: force)
        if !loaded.diagnostics.isEmpty { DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false) }
        Terminal.writeError("Wrote the report to \(output) (\(numberText(Double(report.utf8.count) / 1024, decimals: 0)) KB)\n")
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }
}
