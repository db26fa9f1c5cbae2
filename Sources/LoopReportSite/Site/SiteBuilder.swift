import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportSource
import LoopReportSupport

/// How to build the site.
package struct SiteOptions: Sendable {
    /// The address the site is published at (`https://host/reports/project/`): adds
    /// canonical links and `sitemap.xml`. Links stay relative either way.
    package var baseURL: String?
    /// The report's "as of" date: the Gantt chart's today line. Nothing depends on the clock.
    package var date: CalendarDate?
    package init(baseURL: String? = nil, date: CalendarDate? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.date = date
    }
}

/// One file of the site.
package struct SiteFile: Sendable {
    package var path: String
    package var bytes: [UInt8]

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The whole site in memory, ready to be written.
package struct BuiltSite: Sendable {
    package var files: [SiteFile]
    package var pageCount: Int
    package var diagramCount: Int
    /// Pages rendered by this build; the others were the previous build's, unchanged inputs.
    package var renderedCount: Int
    /// Each page with the fingerprint of its inputs, for the next incremental build.
    var pages: [String: (fingerprint: Int, page: RenderedPage)] = [:]
    /// Each page's dependency graph drawing, whose layout the next build may reuse.
    var dags: [String: DAGDiagram] = [:]
    /// What a one-off build used (the site model, the pages' search entries): a command that
    /// exits next keeps it rather than free it, which took 1.5 % of a large build.
    package var leftovers: [any Sendable] = []
}

/// Renders the report site: a pure function of the plan, its analysis and the templates.
package enum SiteBuilder {
    /// - Parameters:
    ///   - previous: the last build of the same project (`serve`): pages whose inputs have
    ///     the same fingerprint are taken from it instead of rendered again.
    ///   - incremental: keep what the next build needs to reuse pages (each page's inputs
    ///     fingerprinted, its diagrams kept); a one-off build skips that work.
    ///   - writePage: called with each page as soon as it is rendered, on the rendering
    ///     thread; the page is then not kept in `files` (only in `pages`, when incremental).
    package static func build(
        plan: Plan, analysis: Analysis, diagnostics: [Diagnostic], templates: TemplateSet,
        options: SiteOptions, reusing previous: BuiltSite? = nil,
        incremental: Bool = false,
        writePage: (@Sendable (SiteFile) -> Void)? = nil
    ) -> BuiltSite {
        let incremental = incremental || previous != nil
        let site = SiteModel(
            plan: plan, analysis: analysis, diagnostics: diagnostics, templates: templates, options: options,
            fingerprinting: incremental, earlierDAGs: previous?.dags ?? [:])
        let jobs = Self.jobs(plan: plan, site: site)
        // Pages are independent: rendered on all cores, listed in a fixed order.
        let previousPages = previous?.pages ?? [:]
        let rendered = parallelMap(jobs) { job -> BuiltPage in
            let fingerprint = incremental ? site.fingerprint(job) : nil
            var result: BuiltPage
            if let fingerprint, let old = previousPages[site.path(of: job)], old.fingerprint == fingerprint {
                result = (fingerprint, old.page, false)
            } else {
                result = (fingerprint, site.render(job), true)
            }
            if let writePage {
                writePage(SiteFile(path: result.page.path, bytes: result.page.html))
                // Written: its memory is free for the next page, and a one-off build keeps no drawing.
                if !incremental { result.page.html = []; result.page.dag = nil }
            }
            return result
        }
        // Pages read in place from here on: a copy of each retained its every field.
        var kept: [String: (fingerprint: Int, page: RenderedPage)] = [:]
        for entry in rendered { if let fingerprint = entry.fingerprint { kept[entry.page.path] = (fingerprint, entry.page) } }
        var files: [SiteFile] = writePage != nil ? [] : rendered.map { SiteFile(path: $0.page.path, bytes: $0.page.html) }
        files.append(SiteFile(path: SitePaths.stylesheet, bytes: Array(templates.stylesheet.utf8)))
        files.append(SiteFile(path: SitePaths.script, bytes: Array(templates.script.utf8)))
        let index = SiteModel.searchIndex(rendered)
        files.append(SiteFile(path: SitePaths.searchIndex, bytes: Array(index.utf8)))
        files.append(SiteFile(path: "search-index.js", bytes: Array(("window.LOOPREPORT_SEARCH = " + index + ";\n").utf8)))
        if let base = options.baseURL {
            var sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for entry in rendered {
                var url = HTML(capacity: 128)
                url.text(base + entry.page.path)
                sitemap += "<url><loc>\(url.string)</loc></url>\n"
            }
            files.append(SiteFile(path: "sitemap.xml", bytes: Array((sitemap + "</urlset>\n").utf8)))
        }
        var dags: [String: DAGDiagram] = [:]
        if incremental { for entry in rendered { if let dag = entry.page.dag { dags[entry.page.path] = dag } } }
        return BuiltSite(
            files: files, pageCount: rendered.count, diagramCount: rendered.reduce(0) { $0 + $1.page.diagrams },
            renderedCount: rendered.count { $0.fresh }, pages: kept, dags: dags,
            leftovers: incremental ? [] : [site, rendered])
    }
}

extension SiteBuilder {
    /// Every page of the site, in the order they are listed.
    static func jobs(plan: Plan, site: SiteModel) -> [PageJob] {
        var jobs: [PageJob] = [.dashboard, .decisions, .metrics, .changes, .summary, .diagnostics, .search]
        jobs += plan.documents.indices.map { .document($0) }
        jobs += site.groups.map { .group($0.id) }
        // Current blocks, then removed ones; read in place (a copy of a block retains every field).
        jobs += plan.blocks.indices.filter { plan.blocks[$0].status != .removed }.map { .block(plan.blocks[$0].id) }
        jobs += plan.blocks.indices.filter { plan.blocks[$0].status == .removed }.map { .block(plan.blocks[$0].id) }
        return jobs
    }

    /// Some pages of the site, as `build` writes them: `choosing` is given the path of every
    /// page (`index.html`, `groups/2.html`, `blocks/2.3.html`, … in `build`'s order) and returns
    /// those to render.
    package static func pages(
        plan: Plan, analysis: Analysis, diagnostics: [Diagnostic], templates: TemplateSet,
        options: SiteOptions, choosing: ([String]) -> [String]
    ) -> [SiteFile] {
        let site = SiteModel(
            plan: plan, analysis: analysis, diagnostics: diagnostics, templates: templates, options: options,
            fingerprinting: false)
        let jobs = Self.jobs(plan: plan, site: site)
        let paths = jobs.map { site.path(of: $0) }
        return choosing(paths).compactMap { path in
            paths.firstIndex(of: path).map { SiteFile(path: path, bytes: site.render(jobs[$0]).html) }
        }
    }
}

/// A page of this build: its inputs' fingerprint (incremental builds), and whether it was
/// rendered (or reused from the previous build).
typealias BuiltPage = (fingerprint: Int?, page: RenderedPage, fresh: Bool)

enum PageJob: Sendable {
    case dashboard, decisions, metrics, changes, summary, diagnostics, search
    case document(Int)
    case group(String)
    case block(String)
}

/// A rendered page, with what the search index needs.
struct RenderedPage: Sendable {
    var path: String
    var title: String
    var kind: String
    /// The page as written (UTF-8), shared with the site's files and with the next
    /// build when the page is reused.
    var html: [UInt8]
    /// The page's entry in the search index (JSON).
    var searchEntry: String
    var diagrams: Int
    /// The page's dependency graph, if it shows one.
    var dag: DAGDiagram?

    init(path: String, title: String, kind: String, html: [UInt8], searchText: String, diagrams: Int, dag: DAGDiagram?) {
        self.path = path
        self.title = title
        self.kind = kind
        self.html = html
        self.diagrams = diagrams
        self.dag = dag
        let excerpt = Self.searchExcerpt(searchText)
        var entry = ByteBuffer(capacity: title.utf8.count + path.utf8.count + excerpt.utf8.count + 48)
        for (key, value): (StaticString, String) in [("{\"t\":", title), (",\"u\":", path), (",\"k\":", kind), (",\"x\":", excerpt)] {
            entry.append(key)
            appendJSONString(value, to: &entry)
        }
        entry.append(0x7D)
        searchEntry = entry.string
    }

    /// The first 600 characters, lower-cased. Text that is plain ASCII that far (no carriage
    /// return, which pairs with a line feed into one character) is cut and lower-cased byte
    /// by byte: counting characters in general means finding grapheme boundaries.
    static func searchExcerpt(_ text: String) -> String {
        let limit = 600
        var text = text
        let excerpt: String? = text.withUTF8 { utf8 in
            // The byte after the cut must be ASCII too: a combining mark would join the last character.
            let checked = UnsafeBufferPointer(rebasing: utf8.prefix(limit + 1))
            guard checked.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            let kept = UnsafeBufferPointer(rebasing: checked.prefix(limit))
            return String(unsafeUninitializedCapacity: kept.count) { buffer in
                for i in kept.indices { buffer[i] = kept[i] >= 0x41 && kept[i] <= 0x5A ? kept[i] | 0x20 : kept[i] }
                return kept.count
            }
        }
        return excerpt ?? slowSearchExcerpt(text, limit: limit)
    }

    private static func slowSearchExcerpt(_ text: String, limit: Int) -> String {
        // A prefix taken first: the text may be a whole document.
        let excerpt = String(text.prefix(limit)).lowercased()
        return excerpt.count > limit ? String(excerpt.prefix(limit)) : excerpt
    }
}

/// What every page reads: the plan, its analysis and lookups built once. A class: pages
/// capture it in closures, and a copy of the struct retained each of its tables.
final class SiteModel: Sendable {
    let plan: Plan
    let analysis: Analysis
    let diagnostics: [Diagnostic]
    let templates: TemplateSet
    let options: SiteOptions
    let groups: [Group]
    /// Each block's and group's page, from the site root (what links to them are made of).
    let blockPages: [String: String]
    let groupPages: [String: String]
    /// Each block's and group's name as pages show it (`Block 1.2: Parser`), made once.
    let blockNames: [String: String]
    let groupNames: [String: String]
    /// Decision id → the documents defining it, in order.
    let decisionDocuments: [String: [String]]
    /// Decision id → where it is mentioned (document path, line), its own log row excluded.
    let decisionMentions: [String: [(path: String, line: Int)]]
    /// Block id → its dependents in the current plan.
    let dependents: [String: [String]]
    /// Block id → where the documents mention it; group id → the same for groups.
    let blockMentions: [String: [Reference]]
    let groupMentions: [String: [Reference]]
    let documentTitles: [String: String]
    /// Each document's page, relative to the site root.
    let documentPages: [String: String]
    /// Each document's page and title as escaped markup, and its section heading lines,
    /// ascending: what links to its sections (`#line-N` anchors) are written from.
    let documentLinks: [String: DocumentLink]
    /// Blocks of each group, current and removed, in plan order: indices into `plan.blocks`
    /// (a copy of a block retains every field).
    let currentBlocksByGroup: [String: [Int]]
    let removedBlocksByGroup: [String: [Int]]
    /// The links touching each group's tasks.
    let groupLinks: [String: [ScheduleLink]]
    /// The previous build's dependency graph drawings, by page (`serve`).
    let earlierDAGs: [String: DAGDiagram]
    let title: String
    let frames = PageFrames()
    /// See `PageFingerprints`.
    let globalFingerprint: Int
    /// Each block's hash (a block shows on its own page and its group's), and the critical
    /// path's, computed once.
    let blockHashes: [Int]
    let criticalPathHash: Int

    init(
        plan: Plan, analysis: Analysis, diagnostics: [Diagnostic], templates: TemplateSet, options: SiteOptions,
        fingerprinting: Bool, earlierDAGs: [String: DAGDiagram] = [:]
    ) {
        self.earlierDAGs = earlierDAGs
        self.plan = plan
        self.analysis = analysis
        self.diagnostics = diagnostics
        self.templates = templates
        self.options = options
        let scheduled = Set(analysis.schedule.tasks.compactMap(\.groupID))
        groups = plan.groups.filter { !$0.isImplicit || scheduled.contains($0.id) || !$0.blockIDs.isEmpty }
        groupPages = Dictionary(groups.map { ($0.id, SitePaths.group($0.id)) }, uniquingKeysWith: { first, _ in first })
        groupNames = Dictionary(
            plan.groups.map { ($0.id, $0.title.isEmpty ? "Group \($0.id)" : "Group \($0.id): \($0.title)") },
            uniquingKeysWith: { first, _ in first })
        var decisions: [String: [String]] = [:]
        for decision in plan.records.decisions where decisions[decision.id]?.last != decision.path {
            decisions[decision.id, default: []].append(decision.path)
        }
        decisionDocuments = decisions
        // Decision ids in any text of any document (the rows defining them left out).
        var definedAt = Set<String>()
        for decision in plan.records.decisions {
            if let range = decision.range { definedAt.insert("\(decision.path):\(range.start.line):\(decision.id)") }
        }
        // Each document's decision mentions and block and group references, and the tables of
        // blocks and schedule links, on all cores.
        let decisionIDs = Set(decisions.keys)
        typealias Scan = (decisions: [(id: String, line: Int)], references: [Reference])
        let scan: @Sendable (Int) -> Scan = { [plan, definedAt] d in
            let document = plan.documents[d]
            var found: [(id: String, line: Int)] = []
            var text = document.source.text
            text.withUTF8 { bytes in
                var line = 1, counted = 0
                for mention in MarkdownHTML.MentionScanner.scan(bytes) where mention.kind == .decision && decisionIDs.contains(mention.id) {
                    while counted < mention.range.lowerBound { if bytes[counted] == 0x0A { line += 1 }; counted += 1 }
                    guard !definedAt.contains("\(document.path):\(line):\(mention.id)") else { continue }
                    found.append((mention.id, line))
                }
            }
            return (found, document.mentions())
        }
        // One job list, the tables first (the longest job), so that every core takes documents
        // once it is done with what it had.
        let jobs = parallelMap(Array(-1..<plan.documents.count)) { [plan, analysis] d -> (BlockTables?, Scan?) in
            d < 0 ? (BlockTables(plan: plan, schedule: analysis.schedule), nil) : (nil, scan(d))
        }
        let tables = jobs[0].0!, scanned = jobs.dropFirst().map { $0.1! }
        blockPages = tables.blockPages
        blockNames = tables.blockNames
        dependents = tables.dependents
        currentBlocksByGroup = tables.currentBlocksByGroup
        removedBlocksByGroup = tables.removedBlocksByGroup
        groupLinks = tables.groupLinks
        var decisionMentions: [String: [(path: String, line: Int)]] = [:]
        var blockMentions: [String: [Reference]] = [:], groupMentions: [String: [Reference]] = [:]
        for (d, document) in zip(scanned, plan.documents) {
            let path = document.path
            for (id, line) in d.decisions where decisionMentions[id]?.last.map({ $0.path == path && $0.line == line }) != true {
                decisionMentions[id, default: []].append((path, line))
            }
            for reference in d.references {
                if reference.kind == .block {
                    blockMentions[reference.id, default: []].append(reference)
                } else {
                    groupMentions[reference.id, default: []].append(reference)
                }
            }
        }
        self.decisionMentions = decisionMentions
        self.blockMentions = blockMentions
        self.groupMentions = groupMentions
        documentTitles = Dictionary(plan.documents.map { ($0.path, $0.title) }, uniquingKeysWith: { a, _ in a })
        documentPages = Dictionary(plan.documents.map { ($0.path, SitePaths.document($0.path)) }, uniquingKeysWith: { a, _ in a })
        documentLinks = Dictionary(
            plan.documents.map { document in
                (
                    document.path,
                    DocumentLink(
                        path: document.path, title: document.title,
                        sectionStarts: document.sections.compactMap { $0.range?.start.line })
                )
            }, uniquingKeysWith: { a, _ in a })
        title = SiteBuilder.title(plan: plan, analysis: analysis)
        blockHashes = fingerprinting ? parallelMap(Array(plan.blocks.indices)) { [plan] b in plan.blocks[b].hashValue } : []
        criticalPathHash = analysis.schedule.criticalPath.hashValue
        globalFingerprint =
            fingerprinting
            ? Self.globalFingerprint(
                plan: plan, analysis: analysis, templates: templates, options: options,
                blockPages: blockPages, groupPages: groupPages, decisions: decisions)
            : 0
    }

    /// The site model's tables of blocks and schedule links: built while documents are scanned.
    private struct BlockTables: Sendable {
        var blockPages: [String: String] = [:], blockNames: [String: String] = [:]
        var dependents: [String: [String]] = [:]
        var currentBlocksByGroup: [String: [Int]] = [:], removedBlocksByGroup: [String: [Int]] = [:]
        var groupLinks: [String: [ScheduleLink]] = [:]

        init(plan: Plan, schedule: Schedule) {
            blockPages.reserveCapacity(plan.blocks.count)
            blockNames.reserveCapacity(plan.blocks.count)
            for b in plan.blocks.indices {  // in place: a copy of a block retains every field
                let (id, title) = (plan.blocks[b].id, plan.blocks[b].title)
                blockPages[id] = SitePaths.block(id)
                blockNames[id] = title.isEmpty ? "Block \(id)" : "Block \(id): \(title)"
                if plan.blocks[b].status == .removed {
                    removedBlocksByGroup[plan.blocks[b].groupID, default: []].append(b)
                    continue
                }
                currentBlocksByGroup[plan.blocks[b].groupID, default: []].append(b)
                for reference in plan.blocks[b].dependencies + plan.blocks[b].softDependencies where reference.kind == .block {
                    dependents[reference.id, default: []].append(id)
                }
            }
            let tasks = schedule.tasks
            for link in schedule.links {
                let a = tasks[link.from].groupID, b = tasks[link.to].groupID
                if let a { groupLinks[a, default: []].append(link) }
                if let b, b != a { groupLinks[b, default: []].append(link) }
            }
        }
    }

    func render(_ job: PageJob) -> RenderedPage {
        switch job {
        case .dashboard: dashboardPage()
        case .decisions: decisionsPage()
        case .metrics: metricsPage()
        case .changes: changesPage()
        case .summary: summaryPage()
        case .diagnostics: diagnosticsPage()
        case .search: searchPage()
        case .document(let k): documentPage(k)
        case .group(let id): groupPage(id)
        case .block(let id): blockPage(id)
        }
    }

    /// Fills the layout around a page's body.
    func page(
        path: String, title: String, kind: String, subtitle: String? = nil, body: borrowing HTML, searchText: String,
        diagrams: Int = 0, dag: DAGDiagram? = nil, template: String = "page", extra: [String: Any] = [:]
    ) -> RenderedPage {
        let root = SitePaths.root(of: path)
        let navItems: [(String, String)] = [
            ("Dashboard", SitePaths.dashboard), ("Changes", SitePaths.changes), ("Decisions", SitePaths.decisions),
            ("Metrics", SitePaths.metrics), ("Summary", SitePaths.summary), ("Diagnostics", SitePaths.diagnostics),
        ]
        var values = ["title": title]
        if let subtitle { values["subtitle"] = subtitle }
        if let base = options.baseURL { values["canonical"] = base + path }
        /// What the templates read, besides `values` and the body.
        func context() -> [String: Any] {
            var context: [String: Any] = [
                "project": self.title, "root": root,
                "documentCount": plan.documents.count,
                "nav": navItems.map { ["label": $0.0, "href": root + $0.1, "current": $0.1 == path] as [String: Any] },
            ]
            if let date = options.date { context["asOf"] = date.description }
            for (key, value) in extra { context[key] = value }
            return context
        }
        // Pages of the same kind share their frame: rendered once, filled in per page.
        if template == "page", extra.isEmpty {
            let current = navItems.first { $0.1 == path }?.0 ?? ""
            let key = "\(root)|\(current)|\(subtitle != nil)"
            let frame = frames.frame(key) {
                var markers = context()
                for name in values.keys + ["body"] { markers[name] = PageFrames.marker(name) }
                return templates.render(markers, template: template)
            }
            if let frame {
                return RenderedPage(
                    path: path, title: title, kind: kind,
                    html: PageFrames.fill(frame, values: values, body: body.bytes),
                    searchText: searchText, diagrams: diagrams, dag: dag)
            }
        }
        var context = context()
        for (name, value) in values { context[name] = value }
        context["body"] = body.string
        return RenderedPage(
            path: path, title: title, kind: kind, html: Array(templates.render(context, template: template).utf8),
            searchText: searchText, diagrams: diagrams, dag: dag)
    }

    /// Cross-references resolved relative to one page.
    func resolver(for page: String, document: String? = nil) -> SiteResolver {
        SiteResolver(
            root: SitePaths.root(of: page), blocks: blockPages, groups: groupPages,
            decisions: decisionDocuments, document: document)
    }

    /// A block's page from the site root: made once for the plan's blocks (a look-up costs a
    /// fifth of making the path again), by `SitePaths` for any other id.
    func blockPath(_ id: String) -> String { blockPages[id] ?? SitePaths.block(id) }

    /// A group's page from the site root, like `blockPath`.
    func groupPath(_ id: String) -> String { groupPages[id] ?? SitePaths.group(id) }

    /// A document's page from the site root, like `blockPath`.
    func documentPath(_ path: String) -> String { documentPages[path] ?? SitePaths.document(path) }

    /// `Block 1.2: Parser`, or `Block 1.2` for an unknown or untitled block.
    func blockName(_ id: String) -> String { blockNames[id] ?? "Block \(id)" }

    /// `Group 1: Core`, or `Group 1` for an unknown or untitled group.
    func groupName(_ id: String) -> String { groupNames[id] ?? "Group \(id)" }

    /// Link target of a scheduled task, relative to `page`.
    func taskLink(from page: String) -> @Sendable (ScheduledTask) -> String? {
        let root = SitePaths.root(of: page)
        return { [self] task in
            switch task.kind {
            case .block: root + blockPath(task.id)
            case .group, .buffer: task.groupID.map { root + groupPath($0) }
            }
        }
    }

    /// A working-day offset as a date when the plan has a start date, else `day N`.
    func when(_ day: Double, finish: Bool = false) -> String {
        if let calendar = analysis.calendar {
            return (finish ? calendar.finishDate(day) : calendar.startDate(day)).description
        }
        return "day " + numberText(day)
    }

    /// The search index: one entry per page (title, address from the site root, kind,
    /// words), in page order.
    static func searchIndex(_ pages: [BuiltPage]) -> String {
        var out = HTML(capacity: pages.reduce(2) { $0 + $1.page.searchEntry.utf8.count + 2 })
        out.raw("[")
        for i in pages.indices {  // in place: iterating would copy each page
            if i > 0 { out.raw(",\n") }
            out.raw(pages[i].page.searchEntry)
        }
        out.raw("]")
        return out.string
    }
}

/// Appends `text` as a JSON string literal; `<` escaped too, so the index can sit in a
/// script file.
func appendJSONString(_ text: String, to out: inout ByteBuffer) {
    let hexDigits: StaticString = "0123456789abcdef"
    var text = text
    out.append(0x22)
    text.withUTF8 { utf8 in
        var i = 0
        while i < utf8.count {
            // A run of bytes that need nothing is appended whole.
            var end = i
            while end < utf8.count, utf8[end] >= 0x20, utf8[end] != 0x22, utf8[end] != 0x5C, utf8[end] != 0x3C, utf8[end] != 0xE2 {
                end += 1
            }
            if end > i { out.append(UnsafeBufferPointer(rebasing: utf8[i..<end])); i = end }
            guard i < utf8.count else { break }
            let byte = utf8[i]
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)  // "
            case 0x5C: out.append(0x5C); out.append(0x5C)  // \
            case 0x0A: out.append(0x5C); out.append(0x6E)  // \n
            case 0x0D: out.append(0x5C); out.append(0x72)  // \r
            case 0x09: out.append(0x5C); out.append(0x74)  // \t
            case 0x3C, 0..<0x20:  // <, other controls: \u00XX
                out.append(0x5C); out.append(0x75); out.append(0x30); out.append(0x30)
                out.append(hexDigits.utf8Start[Int(byte >> 4)]); out.append(hexDigits.utf8Start[Int(byte & 15)])
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                // U+2028 and U+2029 end lines in older JavaScript.
                out.append(0x5C); out.append(0x75); out.append(0x32); out.append(0x30); out.append(0x32)
                out.append(utf8[i + 2] == 0xA8 ? 0x38 : 0x39)
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
    }
    out.append(0x22)
}

/// Resolves mentions to pages, relative to the page being rendered.
final class SiteResolver: CrossReferenceResolver {
    let root: String
    /// Each block's and group's page, from the site root.
    let blocks: [String: String]
    let groups: [String: String]
    let decisions: [String: [String]]
    /// The document being rendered: its own decisions win over other documents'.
    let document: String?

    init(root: String, blocks: [String: String], groups: [String: String], decisions: [String: [String]], document: String?) {
        self.root = root
        self.blocks = blocks
        self.groups = groups
        self.decisions = decisions
        self.document = document
    }

    func blockURL(_ id: String) -> String? { blocks[id].map { root.isEmpty ? $0 : root + $0 } }
    func groupURL(_ id: String) -> String? { groups[id].map { root.isEmpty ? $0 : root + $0 } }
    func decisionURL(_ id: String) -> String? {
        guard let paths = decisions[id] else { return nil }
        let path = document.flatMap { d in paths.contains(d) ? d : nil } ?? paths.last!
        return root + SitePaths.decisions + "#" + decisionAnchor(id, in: path)
    }
}

/// The anchor of a decision on the decisions page: ids repeat across documents.
func decisionAnchor(_ id: String, in path: String) -> String {
    "decision-" + MarkdownHTML.slug(path) + "-" + MarkdownHTML.slug(id)
}

/// A document as links to its sections are written: page (from the site root) and title
/// escaped once, and the first line of each section.
struct DocumentLink: Sendable {
    var page: [UInt8]
    var title: [UInt8]
    var sectionStarts: [Int]
}

extension DocumentLink {
    init(path: String, title: String, sectionStarts: [Int]) {
        var page = HTML(), escapedTitle = HTML()
        page.text(SitePaths.document(path))
        escapedTitle.text(title)
        self.init(page: page.bytes.array, title: escapedTitle.bytes.array, sectionStarts: sectionStarts)
    }
}
