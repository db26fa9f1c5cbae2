import ArgumentParser
import LoopReportModel
import LoopReportPipeline
import LoopReportSite
import LoopReportSource
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
        let output = self.output ?? (singleFile ? "report.html" : "output")
        do { try SiteWriter.checkOutput(output, content: project.contentRoot) } catch let error as SiteWriter.WriteError { throw CommandError(error.description) }
        let projects = singleFile ? [("", project.load())] : project.loadAll()
        KeepUntilExit.hold(projects.map(\.project))
        if projects.count > 1 { return try buildEach(projects, output: output, today: today, start: start) }
        let loaded = projects[0].project
        let root = loaded.root.hasPrefix("(") ? nil : loaded.root
        let templates: TemplateSet
        do { templates = try Pipeline.templates(root: root) } catch let error as TemplateSet.TemplateError { throw CommandError(error.description) }
        let renderStart = clock.now
        if singleFile {
            let report = SiteBuilder.singleFile(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics,
                                                templates: templates, options: SiteOptions(baseURL: baseURL, date: today))
            try Terminal.writeFile(output, Array(report.utf8), force: force)
            if !loaded.diagnostics.isEmpty { DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false) }
            Terminal.writeError("Wrote the report to \(output) (\(numberText(Double(report.utf8.count) / 1024, decimals: 0)) KB)\n")
            try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
            return
        }
        // Each page is written as soon as it is rendered, into a new directory that is
        // swapped in once the whole site is there.
        let staging: SiteStaging
        do {
            staging = try SiteStaging(output: output, force: force) {
                Terminal.writeError("Waiting for another build into '\(output)' to finish\n")
            }
        } catch let error as SiteWriter.WriteError { throw CommandError(error.description) }
        let site = SiteBuilder.build(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics,
                                     templates: templates, options: SiteOptions(baseURL: baseURL, date: today),
                                     writePage: { staging.write($0) })
        KeepUntilExit.hold(site.leftovers)
        let writeStart = clock.now
        staging.write(site.files)
        do { try staging.commit() } catch let error as SiteWriter.WriteError { throw CommandError(error.description) }
        let end = clock.now
        if !loaded.diagnostics.isEmpty {
            DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
        }
        let seconds = Double((end - start).components.attoseconds) / 1e18 + Double((end - start).components.seconds)
        Terminal.writeError("Built \(site.pageCount) pages with \(site.diagramCount) diagrams in \(numberText(seconds, decimals: 2)) s: \(output)/\n")
        if timings { DiagnosticPrinter.printTimings(loaded.timings + [("render and write pages", writeStart - renderStart),
                                                                         ("write the rest and swap in", end - writeStart)]) }
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }
}

extension BuildCommand {
    /// A content tree of several projects: one site each, in a folder of the output named
    /// after the project's folder, and an index page at the top linking them, all swapped in
    /// at once.
    private func buildEach(_ projects: [(relative: String, project: LoadedProject)], output: String, today: CalendarDate?,
                           start: ContinuousClock.Instant) throws {
        let staging: SiteStaging
        do {
            staging = try SiteStaging(output: output, force: force) {
                Terminal.writeError("Waiting for another build into '\(output)' to finish\n")
            }
        } catch let error as SiteWriter.WriteError { throw CommandError(error.description) }
        var entries: [ProjectIndexEntry] = []
        var used = Set<String>()
        var pages = 0, diagrams = 0
        for (relative, loaded) in projects {
            let templates: TemplateSet
            do { templates = try Pipeline.templates(root: loaded.root) } catch let error as TemplateSet.TemplateError { throw CommandError(error.description) }
            let folder = Self.folderName(relative, root: loaded.root, used: &used)
            let base = baseURL.map { $0.hasSuffix("/") ? $0 + folder + "/" : $0 + "/" + folder + "/" }
            let site = SiteBuilder.build(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics,
                                         templates: templates, options: SiteOptions(baseURL: base, date: today),
                                         writePage: { staging.write(SiteFile(path: folder + "/" + $0.path, bytes: $0.bytes)) })
            KeepUntilExit.hold(site.leftovers)
            staging.write(site.files.map { SiteFile(path: folder + "/" + $0.path, bytes: $0.bytes) })
            pages += site.pageCount
            diagrams += site.diagramCount
            entries.append(ProjectIndexEntry(title: SiteBuilder.title(plan: loaded.plan, analysis: loaded.analysis), folder: folder,
                                             source: relative.isEmpty ? "." : relative, plan: loaded.plan, analysis: loaded.analysis,
                                             errors: loaded.diagnostics.count(of: .error), warnings: loaded.diagnostics.count(of: .warning)))
            if !loaded.diagnostics.isEmpty {
                Terminal.writeError("\(relative.isEmpty ? "." : relative): \(entries.last!.title)\n")
                DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
            }
        }
        let indexTemplates: TemplateSet
        do { indexTemplates = try Pipeline.templates(root: project.contentRoot) } catch let error as TemplateSet.TemplateError { throw CommandError(error.description) }
        staging.write(SiteBuilder.projectIndex(entries, templates: indexTemplates))
        do { try staging.commit() } catch let error as SiteWriter.WriteError { throw CommandError(error.description) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        Terminal.writeError("Built \(projects.count) project sites (\(pages) pages with \(diagrams) diagrams) and their index in \(numberText(seconds, decimals: 2)) s: \(output)/\n")
        try DiagnosticPrinter.exitIfFailed(projects.flatMap(\.project.diagnostics), strict: diagnosticOptions.strict)
    }

    /// A project's site folder: its folder's path with `-` for `/` (the content directory's
    /// own name for the root project), made unique, and never `assets` or a file's name.
    static func folderName(_ relative: String, root: String, used: inout Set<String>) -> String {
        let raw = relative.isEmpty ? String(root.split(separator: "/").last ?? "main") : relative.replacingOccurrences(of: "/", with: "-")
        var name = String(raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        if name.isEmpty || name == "." || name == "assets" || name == "index.html" { name = "project" }
        var candidate = name, n = 2
        while !used.insert(candidate).inserted { candidate = "\(name)-\(n)"; n += 1 }
        return candidate
    }
}
