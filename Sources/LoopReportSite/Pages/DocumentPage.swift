import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportSource

extension SiteModel {
    /// A document, every section rendered, with what LoopReport computed beside what the
    /// authors wrote: progress as meters, checklists with their completion, result tables
    /// with their charts and growth claims checked, declared figures marked as checked or
    /// flagged; root causes, discoveries, strategies and scenarios as cards; current and
    /// revised specifications side by side.
    func documentPage(_ k: Int) -> RenderedPage {
        let document = plan.documents[k]
        let path = SitePaths.document(document.path)
        let resolver = resolver(for: path, document: document.path)
        var html = HTML(capacity: document.source.text.utf8.count * 2)

        if let iteration = plan.iterations.first(where: { $0.path == document.path }),
            !(iteration.added.isEmpty && iteration.revised.isEmpty && iteration.removed.isEmpty)
        {
            html.raw("<section class=\"card\"><h2>What this document changed</h2><ul>")
            for (label, ids) in [("Added", iteration.added), ("Revised", iteration.revised), ("Removed", iteration.removed)]
            where !ids.isEmpty {
                html.raw("<li>"); html.text(label + ": ")
                for (i, id) in ids.enumerated() {
                    if i > 0 { html.raw(", ") }
                    html.link(SitePaths.relative(from: path, to: SitePaths.block(id)), "Block \(id)")
                }
                html.raw("</li>")
            }
            html.raw("</ul></section>")
        }

        let extras = DocumentExtras(site: self, document: document)
        // Section depth (the title heading is the page's h1), so heading levels never skip.
        var depth = [Int](repeating: 0, count: document.sections.count)
        var openCards = 0
        for (s, section) in document.sections.enumerated() {
            let isTitle = section.level == 1 && s == document.sections.firstIndex { $0.level == 1 }
            if let parent = section.parent { depth[s] = depth[parent] + (isTitle ? 0 : 1) }
            if section.parent == nil { depth[s] = isTitle ? 0 : 1 }
            if openCards > 0, section.parent.map({ !isCard(document.sections[$0].kind) }) ?? true {
                // A card holds its section and those nested in it.
                html.raw(String(repeating: "</section>", count: openCards)); openCards = 0
            }
            if isCard(section.kind), section.parent.map({ !isCard(document.sections[$0].kind) }) ?? true {
                html.raw("<section class=\"card\">"); openCards = 1
            }
            if !section.title.isEmpty, !isTitle {
                let level = min(6, max(2, depth[s] + 1))
                html.raw("<h\(level) id=\"line-\(section.range?.start.line ?? 0)\">")
                html.prose(section.title, resolver)
                if let marker = section.marker {
                    html.raw(" <span class=\"marker marker-\(marker.rawValue.lowercased())\">"); html.text(marker.rawValue.uppercased());
                    html.raw("</span>")
                }
                html.raw("</h\(level)>")
            } else if let line = section.range?.start.line {
                html.raw("<span id=\"line-\(line)\"></span>")
            }
            if section.kind == .specification, let spec = extras.specification(at: s) {
                html.raw("<div class=\"side-by-side\">")
                for (label, figure) in [("Current approach", spec.currentApproach), ("Revised approach", spec.revisedApproach)] {
                    html.raw("<div><h4>"); html.text(label); html.raw("</h4>")
                    if let figure { html.raw("<pre tabindex=\"0\"><code>"); html.text(figure.text); html.raw("</code></pre>") }
                    html.raw("</div>")
                }
                html.raw("</div>")
            }
            MarkdownHTML.render(
                section.content, into: &html, resolver: resolver,
                options: MarkdownHTML.Options(headingOffset: 1, anchorPrefix: "s\(s)-"))
            extras.write(section: s, into: &html, page: path, resolver: resolver)
        }
        if openCards > 0 { html.raw(String(repeating: "</section>", count: openCards)) }

        var subtitle = document.kind.rawValue.prefix(1).uppercased() + document.kind.rawValue.dropFirst()
        if let date = document.date { subtitle += " · \(date)" }
        subtitle += " · \(document.path)"
        return page(
            path: path, title: document.title.isEmpty ? document.path : document.title, kind: "Document",
            subtitle: subtitle, body: html, searchText: String(document.source.text.prefix(4000)),
            diagrams: extras.chartCount)
    }

    private func isCard(_ kind: SectionKind) -> Bool {
        [.rootCause, .discoveryCategory, .strategy, .scenario].contains(kind)
    }

    /// The line of the section heading at or above `range` (for `#line-N` anchors).
    func sectionLine(_ range: SourceRange) -> Int { sectionLine(path: range.path, line: range.start.line) }

    func sectionLine(path: String, line: Int) -> Int { Self.sectionLine(line, starts: documentLinks[path]?.sectionStarts ?? []) }

    /// The first line of the last section starting at or before `line` (`starts` ascending),
    /// or 1 before the first section.
    static func sectionLine(_ line: Int, starts: [Int]) -> Int {
        guard !starts.isEmpty else { return 1 }
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= line { low = mid + 1 } else { high = mid }
        }
        return starts[max(0, low - 1)]
    }
}

/// The computed additions to a document's sections, found by source line: each record
/// belongs to the last section starting at or before it.
struct DocumentExtras {
    let site: SiteModel
    let document: Document
    var progress: [Int: [ProgressEntry]] = [:]
    var checklists: [Int: [Checklist]] = [:]
    var measurements: [Int: [(index: Int, table: MeasurementAnalysis)]] = [:]
    var checks: [Int: [FigureCheck]] = [:]
    var specifications: [Int: RevisedSpecification] = [:]
    private(set) var chartCount = 0

    init(site: SiteModel, document: Document) {
        self.site = site
        self.document = document
        let starts = document.sections.map { $0.range?.start.line ?? 0 }
        let path = document.path
        /// Binary search over the (ascending) section starts.
        func section(of range: SourceRange?) -> Int? {
            guard let range, range.path == path else { return nil }
            var low = 0, high = starts.count
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] <= range.start.line { low = mid + 1 } else { high = mid }
            }
            return low > 0 ? low - 1 : nil
        }
        let records = site.plan.records
        for entry in records.progress where entry.path == path && entry.percent != nil {
            if let s = section(of: entry.range) { progress[s, default: []].append(entry) }
        }
        for checklist in records.checklists where checklist.path == path && !checklist.items.isEmpty {
            if let s = section(of: checklist.range) { checklists[s, default: []].append(checklist) }
        }
        for (t, table) in site.analysis.measurements.enumerated() where table.path == path {
            if let s = section(of: table.range) { measurements[s, default: []].append((t, table)); chartCount += 1 }
        }
        for check in site.analysis.checks where check.range?.path == path {
            if let s = section(of: check.range) { checks[s, default: []].append(check) }
        }
        for spec in records.specifications where spec.path == path && (spec.currentApproach != nil || spec.revisedApproach != nil) {
            if let s = section(of: spec.range), specifications[s] == nil { specifications[s] = spec }
        }
    }

    func specification(at s: Int) -> RevisedSpecification? { specifications[s] }

    func write(section s: Int, into html: inout HTML, page: String, resolver: SiteResolver) {
        if let progress = progress[s] {
            html.raw("<div class=\"computed\" role=\"group\" aria-label=\"Progress\">")
            for entry in progress {
                var href: String?
                if let reference = entry.reference {
                    let target = reference.kind == .block ? site.blockPages[reference.id] : site.groupPages[reference.id]
                    href = target.map { SitePaths.relative(from: page, to: $0) }
                }
                html.meter(label: entry.subject, href: href, percent: entry.percent ?? 0)
            }
            html.raw("</div>")
        }
        for checklist in checklists[s] ?? [] {
            html.meter(
                label: "\(checklist.title): \(checklist.checkedCount) of \(checklist.items.count) done",
                percent: Double(checklist.checkedCount) / Double(checklist.items.count) * 100)
        }
        for (t, table) in measurements[s] ?? [] {
            let chart = ResultChart.render(table, options: DiagramOptions(id: "chart-\(t)", standalone: false))
            html.raw("<figure class=\"diagram\" tabindex=\"0\">"); html.raw(chart.markup); html.raw("</figure>")
            if !table.claims.isEmpty {
                html.raw("<ul class=\"claims\">")
                for claim in table.claims {
                    html.raw(claim.verdict == .disagrees ? "<li class=\"check-bad\">" : "<li class=\"check-ok\">")
                    html.text(claim.explanation)
                    html.raw("</li>")
                }
                html.raw("</ul>")
            }
        }
        if let checks = checks[s] {
            html.raw("<ul class=\"checks\">")
            for check in checks {
                html.raw(check.agrees ? "<li class=\"check-ok\">" : "<li class=\"check-bad\">")
                html.text(check.agrees ? "Checked: \(check.declared)" : "Flagged: \(check.declared) (computed: \(check.expected))")
                html.raw("</li>")
            }
            html.raw("</ul>")
        }
    }
}
