import LoopReportAnalysis
import LoopReportModel
import LoopReportSource
import LoopReportSupport

extension SiteModel {
    /// Every decision log, document by document; each decision has an anchor the prose links to.
    func decisionsPage() -> RenderedPage {
        let path = SitePaths.decisions
        var html = HTML(capacity: 16384)
        let decisions = plan.records.decisions
        if decisions.isEmpty { html.raw("<p>No document has a decision log.</p>") }
        for document in plan.documents {
            let rows = decisions.filter { $0.path == document.path }
            guard !rows.isEmpty else { continue }
            let resolver = resolver(for: path, document: document.path)
            html.raw("<h2>"); html.link(SitePaths.relative(from: path, to: SitePaths.document(document.path)), document.title);
            html.raw("</h2>")
            html.table(headers: ["ID", "Date", "Issue", "Decision", "Rationale", "Impact", "Mentioned in"], rows: rows) {
                html, decision, column in
                switch column {
                case 0:
                    html.raw("<span id=\""); html.text(decisionAnchor(decision.id, in: decision.path)); html.raw("\">")
                    html.text(decision.id); html.raw("</span>")
                case 1: html.text(decision.date ?? "")
                case 2: html.prose(decision.issue ?? "", resolver)
                case 3: html.prose(decision.decision, resolver)
                case 4: html.prose(decision.rationale ?? "", resolver)
                case 5: html.prose(decision.impact ?? "", resolver)
                default:
                    // Backlinks: where the id appears in the documents.
                    for (i, mention) in (decisionMentions[decision.id] ?? []).enumerated() {
                        if i > 0 { html.raw(", ") }
                        html.link(
                            SitePaths.relative(from: path, to: SitePaths.document(mention.path))
                                + "#line-\(sectionLine(path: mention.path, line: mention.line))",
                            "\(documentTitles[mention.path] ?? mention.path), line \(mention.line)")
                    }
                }
            }
        }
        let text = decisions.map { "\($0.id) \($0.decision)" }.joined(separator: " ")
        return page(
            path: path, title: "Decisions", kind: "Decisions", subtitle: "\(decisions.count) decisions across all documents",
            body: html, searchText: text)
    }

    /// Targets against what was achieved, met or missed, and metrics followed across documents.
    func metricsPage() -> RenderedPage {
        let path = SitePaths.metrics
        var html = HTML(capacity: 8192)
        let metrics = analysis.metrics
        let met = metrics.filter { $0.verdict == .met }.count, missed = metrics.filter { $0.verdict == .missed }.count
        html.raw("<p>"); html.text("\(met) met, \(missed) missed, \(metrics.count - met - missed) without a comparable figure.");
        html.raw("</p>")
        if !metrics.isEmpty {
            html.table(headers: ["Metric", "Target", "Achieved", "Verdict", "Variance#", "Document"], rows: metrics) {
                html, metric, column in
                switch column {
                case 0: html.text(metric.name)
                case 1: html.text(metric.target ?? "")
                case 2: html.text(metric.achieved ?? "")
                case 3:
                    switch metric.verdict {
                    case .met: html.badge("met", .ok)
                    case .missed: html.badge("missed", .bad)
                    case .unknown: html.badge("not comparable", .neutral)
                    }
                case 4: html.text(metric.variancePercent.map { numberText($0) + (metric.varianceInPoints ? " pts" : "%") } ?? "")
                default:
                    html.link(
                        SitePaths.relative(from: path, to: SitePaths.document(metric.path)), documentTitles[metric.path] ?? metric.path)
                }
            }
        }
        if !analysis.metricSeries.isEmpty {
            html.raw("<h2>Across documents</h2>")
            for series in analysis.metricSeries {
                html.raw("<h3>"); html.text(series.name); html.raw("</h3>")
                html.table(headers: ["Document", "Achieved", "Verdict"], rows: series.points) { html, point, column in
                    switch column {
                    case 0: html.text(documentTitles[point.path] ?? point.path)
                    case 1: html.text(point.achieved ?? "")
                    default: html.text(point.verdict.rawValue)
                    }
                }
            }
        }
        return page(
            path: path, title: "Metrics", kind: "Metrics", body: html,
            searchText: metrics.map(\.name).joined(separator: " "))
    }

    /// What changed from each snapshot of the plan to the next: blocks, estimates, the
    /// critical path and the duration.
    func changesPage() -> RenderedPage {
        let path = SitePaths.changes
        var html = HTML(capacity: 16384)
        if plan.iterations.isEmpty { html.raw("<p>The plan has no iterations yet: every document belongs to the baseline.</p>") }
        var previousDuration = analysis.baseline.durationDays
        var previousPath = analysis.baseline.criticalPath
        let summaries = Dictionary(analysis.snapshots.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let documentIndex = Dictionary(plan.documents.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        for iteration in plan.iterations {
            html.raw("<h2>"); html.link(SitePaths.relative(from: path, to: SitePaths.document(iteration.path)), iteration.title)
            if let date = iteration.date { html.text(" (\(date))") }
            html.raw("</h2><ul>")
            for (label, ids) in [("Added", iteration.added), ("Revised", iteration.revised), ("Removed", iteration.removed)] {
                html.raw("<li>"); html.text("\(label): ")
                if ids.isEmpty { html.text("none") }
                for (i, id) in ids.enumerated() {
                    if i > 0 { html.raw(", ") }
                    html.link(SitePaths.relative(from: path, to: SitePaths.block(id)), "Block \(id)")
                }
                html.raw("</li>")
            }
            if let summary = summaries[iteration.path] {
                let delta = summary.durationDays - previousDuration
                html.raw("<li>");
                html.text(
                    "Duration: \(daysText(summary.durationDays))"
                        + (abs(delta) < 1e-9 ? " (unchanged)" : " (\(delta > 0 ? "+" : "−")\(daysText(abs(delta))))"));
                html.raw("</li>")
                html.raw("<li>");
                html.text(
                    summary.criticalPath == previousPath
                        ? "Critical path unchanged"
                        : "Critical path: "
                            + summary.criticalPath.joined(separator: " → "));
                html.raw("</li>")
                previousDuration = summary.durationDays
                previousPath = summary.criticalPath
            }
            html.raw("</ul>")
            // Estimates this document changed.
            let k = documentIndex[iteration.path]
            var changed: [(id: String, from: Double?, to: Double?)] = []
            for block in plan.blocks {
                guard let e = block.history.firstIndex(where: { $0.document == k }), let estimate = block.history[e].estimate else {
                    continue
                }
                let before = block.history[..<e].last { $0.estimate != nil }?.estimate?.days
                if before.map({ abs($0 - estimate.days) > 1e-9 }) ?? false { changed.append((block.id, before, estimate.days)) }
            }
            if !changed.isEmpty {
                html.table(caption: "Estimates changed", headers: ["Block", "Before#", "After#", "Change#"], rows: changed) {
                    html, row, column in
                    switch column {
                    case 0: html.link(SitePaths.relative(from: path, to: SitePaths.block(row.id)), blockName(row.id))
                    case 1: html.raw(row.from.map { numberText($0) } ?? "")
                    case 2: html.raw(row.to.map { numberText($0) } ?? "")
                    default:
                        html.raw(
                            row.from.flatMap { from in row.to.map { ($0 - from >= 0 ? "+" : "−") + numberText(abs($0 - from)) } } ?? "")
                    }
                }
            }
        }
        return page(
            path: path, title: "Changes", kind: "Changes", subtitle: "What each iteration changed in the plan",
            body: html, searchText: "")
    }

    /// Across all iterations: estimate accuracy, scope change, slip, decisions and lessons;
    /// then the consolidation documents the authors wrote.
    func summaryPage() -> RenderedPage {
        let path = SitePaths.summary
        var html = HTML(capacity: 8192)
        let variance = analysis.variance
        html.raw("<h2>Estimate accuracy</h2>")
        if variance.iterations.isEmpty && variance.blocks.isEmpty {
            html.raw("<p>No block has an actual effort yet.</p>")
        } else {
            let entries = variance.iterations.isEmpty ? variance.blocks : variance.iterations
            html.table(headers: ["Subject", "Estimate#", "Actual#", "Variance#", "Factor#"], rows: entries) { html, entry, column in
                switch column {
                case 0: html.prose(entry.subject, resolver(for: path))
                case 1: html.raw(numberText(entry.estimateDays))
                case 2: html.raw(numberText(entry.actualDays))
                case 3: html.raw(entry.variancePercent.map { numberText($0, decimals: 0) + "%" } ?? "")
                default: html.raw(entry.factor.map { numberText($0) + "×" } ?? "")
                }
            }
        }
        html.raw("<h2>Scope and slip</h2>")
        let baselineCount = plan.iterations.first.map { $0.blockCount - $0.added.count + $0.removed.count } ?? plan.currentBlocks.count
        html.table(
            headers: ["Snapshot", "Blocks#", "Duration#"],
            rows: [("Baseline", baselineCount, analysis.baseline.durationDays)]
                + analysis.snapshots.map { ($0.title, $0.blockCount, $0.durationDays) }
        ) { html, row, column in
            switch column {
            case 0: html.text(row.0)
            case 1: html.number(row.1)
            default: html.raw(numberText(row.2))
            }
        }
        html.raw("<p>"); html.text("Slip against the baseline: \(analysis.slipDays >= 0 ? "+" : "−")\(daysText(abs(analysis.slipDays))).")
        html.raw("</p><h2>Decisions</h2><p>")
        html.text("\(plan.records.decisions.count) decisions recorded in \(Set(plan.records.decisions.map(\.path)).count) documents. ")
        html.link(SitePaths.decisions, "All decisions"); html.raw("</p>")
        let lessons = plan.documents.flatMap { document in
            document.sections.filter { $0.kind == .lessonsLearned || $0.kind == .knowledgeCapture }.map { (document, $0) }
        }
        if !lessons.isEmpty {
            html.raw("<h2>Lessons</h2>")
            for (document, section) in lessons {
                html.raw("<h3>"); html.text("\(section.title) — \(document.title)"); html.raw("</h3>")
                html.raw(MarkdownHTML.render(section.content, resolver: resolver(for: path, document: document.path)))
            }
        }
        let consolidations = plan.documents.filter { $0.kind == .consolidation }
        if !consolidations.isEmpty {
            html.raw("<h2>Consolidation documents</h2><ul>")
            for document in consolidations {
                html.raw("<li>"); html.link(SitePaths.document(document.path), document.title); html.raw("</li>")
            }
            html.raw("</ul>")
        }
        return page(path: path, title: "Consolidation summary", kind: "Summary", body: html, searchText: "lessons accuracy slip")
    }

    /// Every diagnostic with its location.
    func diagnosticsPage() -> RenderedPage {
        let path = SitePaths.diagnostics
        var html = HTML(capacity: 4096)
        if diagnostics.isEmpty {
            html.raw("<p>No problems found in the documents.</p>")
        } else {
            html.table(headers: ["Location", "Severity", "Message", "Code"], rows: diagnostics) { html, diagnostic, column in
                switch column {
                case 0:
                    if let range = diagnostic.range, plan.documents.contains(where: { $0.path == range.path }) {
                        html.link(
                            SitePaths.relative(from: path, to: SitePaths.document(range.path)) + "#line-\(sectionLine(range))",
                            "\(range.path):\(range.start.line):\(range.start.column)")
                    } else {
                        html.text(diagnostic.range.map { "\($0.path):\($0.start.line):\($0.start.column)" } ?? "")
                    }
                case 1:
                    switch diagnostic.severity {
                    case .error: html.badge("error", .bad)
                    case .warning: html.badge("warning", .warn)
                    default: html.badge(diagnostic.severity.rawValue, .neutral)
                    }
                case 2: html.text(diagnostic.message)
                default: html.raw("<code>"); html.text(diagnostic.code.rawValue); html.raw("</code>")
                }
            }
        }
        return page(
            path: path, title: "Diagnostics", kind: "Diagnostics",
            subtitle: "\(diagnostics.count(of: .error)) errors, \(diagnostics.count(of: .warning)) warnings",
            body: html, searchText: "")
    }

    /// Search results (with JavaScript), and an index of every page (without).
    func searchPage() -> RenderedPage {
        let path = SitePaths.search
        var html = HTML(capacity: 16384)
        html.raw("<h2 id=\"search-page-heading\">Type in the search box to search the report</h2><div id=\"search-page-results\"></div>")
        html.raw("<h2>All pages</h2><h3>Documents</h3><ul>")
        for document in plan.documents {
            html.raw("<li>"); html.link(SitePaths.document(document.path), document.title.isEmpty ? document.path : document.title);
            html.raw("</li>")
        }
        html.raw("</ul><h3>Groups</h3><ul>")
        for group in groups {
            html.raw("<li>"); html.link(SitePaths.group(group.id), groupName(group.id)); html.raw("</li>")
        }
        html.raw("</ul><h3>Blocks</h3><ul>")
        for block in plan.blocks {
            html.raw("<li>"); html.link(SitePaths.block(block.id), blockName(block.id)); html.raw("</li>")
        }
        html.raw("</ul>")
        return page(path: path, title: "Search", kind: "Search", body: html, searchText: "")
    }
}
