import LoopReportAnalysis
import LoopReportModel
import LoopReportSite
import LoopReportSource
import LoopReportSupport

/// A project's site as rendered, with what the next build of the same project reuses.
package struct RenderedSite: Sendable {
    package var site: BuiltSite
    package var templates: TemplateSet
}

/// What `writeSite` wrote.
package struct WrittenSite: Sendable {
    package var projects = 0
    package var pages = 0
    package var diagrams = 0
    /// Rendering (with the pages written as they are done), then the rest written and swapped in.
    package var timings: [(stage: String, duration: Duration)] = []
    /// What the build used and a command about to exit keeps rather than frees (`BuiltSite.leftovers`).
    package var leftovers: [any Sendable] = []
}

extension Pipeline {
    /// The one way a project becomes a site, for `build` and `serve` alike: its templates (the
    /// project's `templates/` over the built-in ones), then its pages.
    /// - Parameters:
    ///   - previous: the last site of the same project (`serve`): its templates are kept when
    ///     the project's files are unchanged, and its pages whose inputs are unchanged.
    ///   - incremental: fingerprint every page, so that the next build can reuse them.
    ///   - writePage: called with each page as soon as it is rendered (`build` writes it).
    package static func renderSite(
        _ project: LoadedProject, options: SiteOptions, previous: RenderedSite? = nil,
        incremental: Bool = false,
        writePage: (@Sendable (SiteFile) -> Void)? = nil
    ) throws -> RenderedSite {
        let templates = try templates(root: project.origin.directory, reusing: previous?.templates)
        return render(project, templates: templates, options: options, previous: previous, incremental: incremental, writePage: writePage)
    }

    /// `renderSite` with the templates read.
    private static func render(
        _ project: LoadedProject, templates: TemplateSet, options: SiteOptions, previous: RenderedSite? = nil,
        incremental: Bool = false, writePage: (@Sendable (SiteFile) -> Void)? = nil
    ) -> RenderedSite {
        let site = SiteBuilder.build(
            plan: project.plan, analysis: project.analysis, diagnostics: project.diagnostics,
            templates: templates, options: options, reusing: previous?.site,
            incremental: incremental, writePage: writePage)
        return RenderedSite(site: site, templates: templates)
    }

    /// The one-file report (`build --single-file`): every page in one HTML document.
    package static func renderSingleFile(_ project: LoadedProject, options: SiteOptions) throws -> String {
        let templates = try templates(root: project.origin.directory)
        return SiteBuilder.singleFile(
            plan: project.plan, analysis: project.analysis, diagnostics: project.diagnostics,
            templates: templates, options: options)
    }

    /// Builds the site of a content tree into `output`: a single project's site at the top; with
    /// several, each project's site in a folder named after the project's own (`siteFolder`) and
    /// an index page linking them. Each page is written as soon as it is rendered, into a new
    /// directory that is swapped in once everything is there, so an interrupted build leaves the
    /// previous site whole; builds into one output take turns (`waiting` is called when this one
    /// has to wait). `built` is called after each project's site, in order. A template that
    /// cannot be read stops it before anything is written.
    package static func writeSite(
        _ projects: [(relative: String, project: LoadedProject)], contentRoot: String?,
        output: String, options: SiteOptions, force: Bool, waiting: () -> Void = {},
        built: (_ relative: String, _ project: LoadedProject, _ title: String) -> Void = { _, _, _ in }
    )
        throws -> WrittenSite
    {
        let several = projects.count > 1
        // Every template is read first: a broken one stops the build before it takes the
        // output's lock or writes a file.
        let templateSets = try projects.map { try templates(root: $0.project.origin.directory) }
        let indexTemplates = several ? try templates(root: contentRoot) : nil
        let clock = ContinuousClock()
        let start = clock.now
        let staging = try SiteStaging(output: output, force: force, waiting: waiting)
        var written = WrittenSite(projects: projects.count)
        var entries: [ProjectIndexEntry] = []
        var usedFolders = Set<String>()
        var rendering = Duration.zero
        for ((relative, project), templates) in zip(projects, templateSets) {
            let folder = several ? siteFolder(relative, root: project.origin.directory ?? "", used: &usedFolders) : ""
            let prefix = several ? folder + "/" : ""
            var siteOptions = options
            if several { siteOptions.baseURL = options.baseURL.map { $0 + prefix } }  // it ends in `/`
            let renderStart = clock.now
            let site = render(project, templates: templates, options: siteOptions) {
                staging.write(several ? SiteFile(path: prefix + $0.path, bytes: $0.bytes) : $0)
            }.site
            rendering += clock.now - renderStart
            staging.write(several ? site.files.map { SiteFile(path: prefix + $0.path, bytes: $0.bytes) } : site.files)
            written.pages += site.pageCount
            written.diagrams += site.diagramCount
            written.leftovers += site.leftovers
            let title = SiteBuilder.title(plan: project.plan, analysis: project.analysis)
            if several {
                entries.append(
                    ProjectIndexEntry(
                        title: title, folder: folder, source: relative.isEmpty ? "." : relative,
                        plan: project.plan, analysis: project.analysis,
                        errors: project.diagnostics.count(of: .error),
                        warnings: project.diagnostics.count(of: .warning)))
            }
            built(relative, project, title)
        }
        if let indexTemplates { staging.write(SiteBuilder.projectIndex(entries, templates: indexTemplates)) }
        try staging.commit()
        written.timings = [("render and write pages", rendering), ("write the rest and swap in", clock.now - start - rendering)]
        return written
    }

    /// A project's folder in a site of several: its folder's path with `-` for `/` (the content
    /// directory's own name for the root project), made unique, and never `assets` or a file's name.
    static func siteFolder(_ relative: String, root: String, used: inout Set<String>) -> String {
        let raw = relative.isEmpty ? String(root.split(separator: "/").last ?? "main") : relative.replacingOccurrences(of: "/", with: "-")
        var name = String(raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        if name.isEmpty || name == "." || name == "assets" || name == "index.html" { name = "project" }
        var candidate = name, n = 2
        while !used.insert(candidate).inserted { candidate = "\(name)-\(n)"; n += 1 }
        return candidate
    }
}
