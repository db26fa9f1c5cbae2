import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportSource
import LoopReportSupport

extension SiteModel {
    /// Block fields the page shows in its own sections, not under "Other fields".
    static let fieldsShownAbove: Set<String> = [
        "dependencies", "dependency", "depends on", "hard dependencies", "soft dependencies", "estimated effort", "effort",
        "estimate", "status", "priority", "tasks", "files", "files to modify", "completion criteria", "acceptance criteria",
        "blockers", "blocker", "actual effort", "actual",
    ]

    /// A block: its fields, schedule numbers and why it is (not) critical, dependencies both
    /// ways, its history across documents, and every place it is mentioned.
    func blockPage(_ id: String) -> RenderedPage {
        let path = SitePaths.block(id)
        let root = SitePaths.root(of: path)  // links are made relative to it
        let block = plan.block(id)!
        let resolver = resolver(for: path)
        let schedule = analysis.schedule
        let task = schedule.task(id)
        var html = HTML(capacity: 8192)

        html.raw("<dl class=\"facts\">")
        func fact(_ name: String, _ write: (inout HTML) -> Void) {
            html.raw("<dt>"); html.text(name); html.raw("</dt><dd>"); write(&html); html.raw("</dd>")
        }
        fact("Group") { $0.link(root + groupPath(block.groupID), groupName(block.groupID)) }
        fact("Status") { html in
            switch (block.status, block.progress) {
            case (.removed, _): html.badge("Removed", .bad)
            case (_, .complete?): html.badge("Complete", .ok)
            case (_, .inProgress?): html.badge("In progress" + (block.percentComplete.map { " (\(numberText($0))%)" } ?? ""), .warn)
            case (_, .blocked?): html.badge("Blocked", .bad)
            default: html.badge("Not started", .neutral)
            }
        }
        if let estimate = block.estimate {
            fact("Estimate") { html in
                html.text(daysText(estimate.days))
                if let baseline = block.baselineEstimateDays, abs(baseline - estimate.days) > 1e-9 {
                    html.text(" (baseline \(daysText(baseline)))")
                }
                if estimate.minimumDays < estimate.maximumDays {
                    html.text(" (range \(numberText(estimate.minimumDays)) to \(daysText(estimate.maximumDays)))")
                }
            }
        } else if let task, schedule.assumedEstimates.contains(id) {
            fact("Estimate") { html in
                html.text(daysText(task.durationDays) + ", ")
                html.badge("assumed", .warn)
                html.text(" the documents state none (defaultEstimate in loopreport.yml)")
            }
        }
        if let actual = block.actual { fact("Actual") { $0.text(daysText(actual.days)) } }
        if let priority = block.priority { fact("Priority") { $0.text(priority) } }
        if let task {
            fact("Scheduled") {
                $0.text(
                    task.durationDays == 0 ? when(task.earlyStart) : "\(when(task.earlyStart)) to \(when(task.earlyFinish, finish: true))")
            }
            fact("Slack") {
                $0.text(daysText(task.slack) + (task.freeFloat < task.slack ? " (free float \(daysText(task.freeFloat)))" : ""))
            }
            fact("Critical") { html in
                task.critical
                    ? html.badge("Critical", .bad)
                    : task.nearCritical ? html.badge("Near critical", .warn) : html.badge("Not critical", .neutral)
            }
        }
        if let blockers = block.blockers { fact("Blockers") { $0.prose(blockers, resolver) } }
        html.raw("</dl>")
        if let explanation = task.flatMap({ schedule.explanation(for: $0.id) }) {
            html.raw("<p>"); html.prose(explanation, resolver); html.raw("</p>")
        }

        func list(_ heading: String, _ items: [String], linkBlocks: Bool = false) {
            guard !items.isEmpty else { return }
            html.raw("<h2>"); html.text(heading); html.raw("</h2><ul>")
            for item in items {
                html.raw("<li>")
                if linkBlocks { html.link(root + blockPath(item), blockName(item)) } else { html.prose(item, resolver) }
                html.raw("</li>")
            }
            html.raw("</ul>")
        }
        let dependencies = block.dependencies.map { $0.kind == .block ? "Block \($0.id)" : "Group \($0.id)" }
        list("Depends on", dependencies)
        list("May start with", block.softDependencies.map { $0.kind == .block ? "Block \($0.id)" : "Group \($0.id)" })
        list("Needed by", dependents[id] ?? [], linkBlocks: true)
        list("Tasks", block.tasks)
        list("Files", block.files)
        list("Completion criteria", block.completionCriteria)
        let other = block.fields.filter { !Self.fieldsShownAbove.contains($0.name) && !$0.value.isEmpty }
        if !other.isEmpty {
            html.raw("<h2>Other fields</h2><dl class=\"facts\">")
            for field in other {
                html.raw("<dt>"); html.text(field.key); html.raw("</dt><dd>"); html.prose(field.value, resolver); html.raw("</dd>")
            }
            html.raw("</dl>")
        }

        html.raw("<h2>History</h2>")
        html.table(headers: ["Document", "Change", "Estimate"], rows: block.history) { html, event, column in
            switch column {
            case 0: html.link(root + documentPath(event.path), event.documentTitle)
            case 1: html.text(event.change.rawValue)
            default: html.text(event.estimate.map { daysText($0.days) } ?? "")
            }
        }
        mentionList(&html, blockMentions[id], page: path)
        let text = ([block.title] + block.tasks + block.completionCriteria).joined(separator: " ")
        return page(
            path: path, title: blockName(id), kind: "Block", subtitle: block.status == .removed ? "Removed from the plan" : nil,
            body: html, searchText: text)
    }

    /// A group: its facts, its blocks, its Gantt chart and dependency graph.
    func groupPage(_ id: String) -> RenderedPage {
        let path = SitePaths.group(id)
        let root = SitePaths.root(of: path)  // links are made relative to it
        let group = plan.group(id)!
        let resolver = resolver(for: path)
        let schedule = analysis.schedule
        var html = HTML(capacity: 16384)
        let span = schedule.span(ofGroup: id)
        html.raw("<dl class=\"facts\">")
        if let estimate = group.estimate { html.raw("<dt>Estimate</dt><dd>"); html.text(daysText(estimate.days)); html.raw("</dd>") }
        if let span {
            html.raw("<dt>Scheduled</dt><dd>"); html.text("\(when(span.start)) to \(when(span.finish, finish: true))"); html.raw("</dd>")
        }
        if let team = group.team { html.raw("<dt>Team</dt><dd>"); html.text(team); html.raw("</dd>") }
        if !group.dependencies.isEmpty {
            html.raw("<dt>Depends on</dt><dd>")
            html.prose(group.dependencies.map { $0.kind == .block ? "Block \($0.id)" : "Group \($0.id)" }.joined(separator: ", "), resolver)
            html.raw("</dd>")
        }
        html.raw("</dl>")
        let members = currentBlocksByGroup[id] ?? []
        html.raw("<h2>Blocks</h2>")
        // Each block's scheduled task looked up once, not once per cell; blocks read in place.
        let tasks = members.map { schedule.task(plan.blocks[$0].id) }
        html.table(headers: ["Block", "Estimate#", "Status", "Start", "Slack#", "Critical"], rows: Array(members.indices)) {
            html, m, column in
            let task = tasks[m], b = members[m]
            switch column {
            case 0: html.link(root + blockPath(plan.blocks[b].id), blockName(plan.blocks[b].id))
            case 1:
                if let estimate = plan.blocks[b].estimate {
                    html.text(numberText(estimate.days))
                } else if let task, schedule.assumedEstimates.contains(task.id) {
                    html.text(numberText(task.durationDays) + " (assumed)")
                }
            case 2: html.text(plan.blocks[b].progress?.rawValue ?? "not started")
            case 3: html.text(task.map { when($0.earlyStart) } ?? "")
            case 4: html.text(task.map { numberText($0.slack) } ?? "")
            default: html.text(task?.critical == true ? "critical" : "")
            }
        }
        var diagrams = 0
        var dag: DAGDiagram?
        if !members.isEmpty || schedule.task("Group \(id)") != nil {
            let slug = "g" + SitePaths.fileName(id)
            let gantt = GanttChart.render(
                plan: plan, analysis: analysis, group: id, today: options.date,
                options: DiagramOptions(id: "gantt-" + slug, standalone: false, link: taskLink(from: path)))
            html.raw("<h2>Schedule</h2>")
            ganttFigure(gantt, schedule: schedule, group: id, page: path, into: &html)
            let graph = DependencyGraph.tasks(of: schedule, plan: plan, group: id)
            let drawing = DAGDiagram.render(
                graph, options: DiagramOptions(id: "dag-" + slug, standalone: false, link: taskLink(from: path)),
                reusing: earlierDAGs[path])
            dag = drawing
            html.raw("<h2>Dependencies</h2>")
            dagFigure(drawing, graph: graph, page: path, into: &html)
            diagrams = 2
        }
        let removed = removedBlocksByGroup[id] ?? []
        if !removed.isEmpty {
            html.raw("<h2>Removed blocks</h2><ul>")
            for b in removed {
                html.raw("<li>"); html.link(root + blockPath(plan.blocks[b].id), blockName(plan.blocks[b].id)); html.raw("</li>")
            }
            html.raw("</ul>")
        }
        mentionList(&html, groupMentions[id], page: path)
        return page(
            path: path, title: groupName(id), kind: "Group", body: html,
            searchText: ([group.title] + members.map { plan.blocks[$0].title }).joined(separator: " "), diagrams: diagrams, dag: dag)
    }

    /// "Mentioned in": every document section that names the block or group, each line once.
    func mentionList(_ html: inout HTML, _ references: [Reference]?, page: String) {
        guard let references, !references.isEmpty else { return }
        html.raw("<h2>Mentioned in</h2><ul>")
        // References come document by document: a line repeats only within its document.
        var currentPath = "", linesSeen = Set<Int>()
        var document = DocumentLink(page: [], title: [], sectionStarts: [])
        let root = SitePaths.root(of: page)
        for r in references.indices {  // in place: a copy of a reference retains its strings
            guard let range = references[r].range else { continue }
            if range.path != currentPath {
                currentPath = range.path
                linesSeen.removeAll(keepingCapacity: true)
                document = documentLinks[range.path] ?? DocumentLink(path: range.path, title: range.path, sectionStarts: [])
            }
            guard linesSeen.insert(range.start.line).inserted else { continue }
            html.raw("<li><a href=\""); html.text(root); html.raw(document.page); html.raw("#line-")
            html.number(Self.sectionLine(range.start.line, starts: document.sectionStarts)); html.raw("\">")
            html.raw(document.title); html.raw(", line "); html.number(range.start.line); html.raw("</a></li>")
        }
        html.raw("</ul>")
    }
}
