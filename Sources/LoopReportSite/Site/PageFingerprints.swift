import LoopReportAnalysis
import LoopReportModel
import LoopReportSource

/// What each page is made of, hashed: an unchanged fingerprint means an unchanged page, so
/// `serve` re-renders only the pages an edit affects. The hashes live only within one
/// process (Swift seeds its hasher per process), which is all `serve` needs.
extension SiteModel {
    /// The page's path.
    func path(of job: PageJob) -> String {
        switch job {
        case .dashboard: SitePaths.dashboard
        case .decisions: SitePaths.decisions
        case .metrics: SitePaths.metrics
        case .changes: SitePaths.changes
        case .summary: SitePaths.summary
        case .diagnostics: SitePaths.diagnostics
        case .search: SitePaths.search
        case .document(let k): SitePaths.document(plan.documents[k].path)
        case .group(let id): SitePaths.group(id)
        case .block(let id): SitePaths.block(id)
        }
    }

    /// The fingerprint of a page's inputs; nil for pages built from the whole project
    /// (the dashboard and the project-wide pages), which are always rendered.
    func fingerprint(_ job: PageJob) -> Int? {
        var hasher = Hasher()
        hasher.combine(globalFingerprint)
        let schedule = analysis.schedule
        switch job {
        case .dashboard, .decisions, .metrics, .changes, .summary, .diagnostics, .search:
            return nil
        case .block(let id):
            guard let b = plan.blockIndex(of: id) else { return nil }
            let block = plan.blocks[b]
            hasher.combine(blockHashes[b])
            hasher.combine(schedule.task(id))
            hasher.combine(schedule.durationDays)
            hasher.combine(groupName(block.groupID))
            for other in dependents[id] ?? [] { hasher.combine(blockName(other)) }
            for reference in blockMentions[id] ?? [] { hasher.combine(reference.range) }
            for event in block.history { hasher.combine(documentTitles[event.path]) }
            if let range = blockMentions[id]?.first?.range { hasher.combine(documentLinks[range.path]?.sectionStarts) }
        case .group(let id):
            guard let group = plan.group(id) else { return nil }
            hasher.combine(group)
            for b in currentBlocksByGroup[id] ?? [] { hasher.combine(blockHashes[b]) }
            for b in removedBlocksByGroup[id] ?? [] { hasher.combine(plan.blocks[b].id); hasher.combine(plan.blocks[b].title) }
            for t in schedule.taskIndices(inGroup: id) {
                let task = schedule.tasks[t]
                hasher.combine(task)
                hasher.combine(analysis.baseline.task(task.id))
            }
            for link in groupLinks[id] ?? [] {
                hasher.combine(schedule.tasks[link.from].id)
                hasher.combine(schedule.tasks[link.to].id)
                hasher.combine(link)
            }
            hasher.combine(schedule.span(ofGroup: id))
            hasher.combine(criticalPathHash)
            for reference in groupMentions[id] ?? [] { hasher.combine(reference.range) }
        case .document(let k):
            let document = plan.documents[k]
            hasher.combine(document.source.text)
            hasher.combine(plan.iterations.first { $0.path == document.path })
            for check in analysis.checks where check.range?.path == document.path { hasher.combine(check) }
            for table in analysis.measurements where table.path == document.path { hasher.combine(table) }
        }
        return hasher.finalize()
    }

    /// What every page depends on: settings, options, templates, and which blocks, groups
    /// and decisions exist (prose links to them; `blockPages` and `groupPages` list them).
    static func globalFingerprint(
        plan: Plan, analysis: Analysis, templates: TemplateSet, options: SiteOptions,
        blockPages: [String: String], groupPages: [String: String], decisions: [String: [String]]
    ) -> Int {
        var hasher = Hasher()
        hasher.combine(analysis.settings.title)
        hasher.combine(analysis.settings.startDate)
        hasher.combine(analysis.settings.workingWeekdays)
        hasher.combine(analysis.settings.holidays)
        hasher.combine(options.baseURL)
        hasher.combine(options.date)
        hasher.combine(templates.fingerprint)
        hasher.combine(plan.documents.count)
        hasher.combine(blockPages)
        hasher.combine(groupPages)
        hasher.combine(decisions)
        for group in plan.groups { hasher.combine(group.id); hasher.combine(group.title) }
        for document in plan.documents { hasher.combine(document.path); hasher.combine(document.title) }
        return hasher.finalize()
    }
}
