import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportModel
import LoopReportSource
import LoopReportSupport

extension SiteModel {
    /// Health, progress, baseline vs current vs forecast, the critical path, the latest
    /// iteration, the Gantt chart and the dependency graph.
    func dashboardPage() -> RenderedPage {
        let path = SitePaths.dashboard
        let schedule = analysis.schedule
        // Counted in place: `plan.currentBlocks` would copy every block.
        var blockCount = 0, done = 0
        for b in plan.blocks.indices where plan.blocks[b].status != .removed {
            blockCount += 1
            if plan.blocks[b].progress == .complete { done += 1 }
        }
        let errors = diagnostics.count(of: .error), warnings = diagnostics.count(of: .warning)
        let flagged = analysis.checks.filter { !$0.agrees }.count
        let slip = analysis.slipDays
        let baseline = analysis.baseline.durationDays
        let slipShare = baseline > 0 ? slip / baseline : 0

        let level: String, label: String
        if errors > 0 || slipShare > 0.2 {
            (level, label) = ("bad", "At risk")
        } else if warnings > 0 || flagged > 0 || slip > 0 {
            (level, label) = ("warn", "Needs attention")
        } else {
            (level, label) = ("ok", "On track")
        }
        var reasons: [String] = []
        reasons.append(
            slip > 0
                ? "The plan has slipped \(daysText(slip)) against the baseline (\(numberText(slipShare * 100, decimals: 0))%)."
                : slip < 0 ? "The plan is \(daysText(-slip)) shorter than the baseline." : "The plan holds its baseline duration.")
        if flagged > 0 { reasons.append("\(flagged) declared figure\(flagged == 1 ? " does" : "s do") not match the computed value.") }
        if errors + warnings > 0 {
            reasons.append("\(errors) error\(errors == 1 ? "" : "s") and \(warnings) warning\(warnings == 1 ? "" : "s") in the documents.")
        }

        let forecast = analysis.forecast
        // Blocks without estimates are scheduled with an assumed one; with none stated at all,
        // durations and forecasts would be invented, so the dashboard shows order and progress.
        let assumed = schedule.assumedEstimates.count
        let noneEstimated = assumed > 0 && assumed == schedule.tasks.filter { $0.kind == .block }.count
        var figures: [[String: Any]] = [
            [
                "label": "Blocks complete", "value": "\(done) of \(blockCount)",
                "note": blockCount == 0 ? "" : "\(numberText(Double(done) / Double(blockCount) * 100, decimals: 0))%",
            ]
        ]
        if noneEstimated {
            figures.append([
                "label": "Estimates", "value": "none stated",
                "note":
                    "no block states an estimate: the charts show order and progress, each block drawn as an assumed \(daysText(analysis.settings.defaultEstimateDays))",
            ])
        } else {
            figures += [
                [
                    "label": "Duration (current plan)", "value": daysText(schedule.durationDays),
                    "note": analysis.calendar.map { "finishes \($0.finishDate(max(1, schedule.durationDays)))" } ?? "working days",
                ],
                [
                    "label": "Duration (baseline)", "value": daysText(baseline),
                    "note": slip == 0 ? "no slip" : (slip > 0 ? "+" : "−") + daysText(abs(slip)) + " since",
                ],
                [
                    "label": "Forecast (P50 / P80)", "value": "\(numberText(forecast.p50Days)) / \(numberText(forecast.p80Days)) days",
                    "note": "\(forecast.runs) simulated runs, estimates scaled by \(forecast.observations) observed factors",
                ],
            ]
            if assumed > 0 {
                figures.append([
                    "label": "Blocks without an estimate", "value": "\(assumed) of \(blockCount)",
                    "note": "each assumed to take \(daysText(analysis.settings.defaultEstimateDays)), marked on every page and chart",
                ])
            }
        }
        figures += [
            [
                "label": "Declared figures checked", "value": "\(analysis.checks.count - flagged) of \(analysis.checks.count) agree",
                "note": flagged == 0 ? "" : "\(flagged) flagged",
            ]
        ]
        figures = figures.map {
            var f = $0; if (f["note"] as? String)?.isEmpty == true { f["note"] = nil }; return f
        }

        // Progress per group, weighted by estimate.
        var progress = HTML(capacity: 2048)
        progress.raw("<h3>Progress by group</h3>")
        for group in groups {
            let members = currentBlocksByGroup[group.id] ?? []
            guard !members.isEmpty else { continue }
            var total = 0.0, complete = 0.0
            for b in members {
                let weight = max(plan.blocks[b].estimate?.days ?? 1, 0.1)
                total += weight
                switch plan.blocks[b].progress {
                case .complete?: complete += weight
                case .inProgress?: complete += weight * min(1, max(0, (plan.blocks[b].percentComplete ?? 0) / 100))
                default: break
                }
            }
            progress.meter(label: groupName(group.id), href: SitePaths.group(group.id), percent: total > 0 ? complete / total * 100 : 0)
        }

        let critical = schedule.criticalPath.map { id -> [String: Any] in
            if let task = schedule.task(id), task.kind != .block {
                return ["label": id, "href": task.groupID.map { SitePaths.group($0) } ?? SitePaths.dashboard]
            }
            return ["label": blockName(id), "href": SitePaths.block(id)]
        }
        let criticalSummary =
            schedule.criticalPath.isEmpty
            ? "No critical path: the plan has no scheduled work."
            : noneEstimated
                ? "No block states an estimate, so the critical path below is only the longest chain of dependencies."
                : "\(schedule.criticalPath.count) task\(schedule.criticalPath.count == 1 ? " fixes" : "s fix") the project's \(daysText(schedule.durationDays)); a delay to any of them moves the end."

        var extra: [String: Any] = [
            "health": ["level": level, "label": label, "summary": reasons.joined(separator: " ")],
            "figures": figures, "progress": progress.string, "criticalPath": critical, "criticalSummary": criticalSummary,
        ]
        if let latest = plan.iterations.last {
            var parts: [String] = []
            if !latest.added.isEmpty { parts.append("\(latest.added.count) block\(latest.added.count == 1 ? "" : "s") added") }
            if !latest.revised.isEmpty { parts.append("\(latest.revised.count) revised") }
            if !latest.removed.isEmpty { parts.append("\(latest.removed.count) removed") }
            var latestContext: [String: Any] = [
                "title": latest.title, "href": SitePaths.document(latest.path),
                "summary": parts.isEmpty ? "no change to the blocks" : parts.joined(separator: ", "),
            ]
            if let date = latest.date { latestContext["date"] = date }
            extra["latest"] = latestContext
        }
        // Too many rows to read: one row per group, each linking to its group's chart.
        let groupsOnly = GanttChart.rowCount(of: analysis) > GanttChart.readableRowCount
        let gantt = GanttChart.render(
            plan: plan, analysis: analysis, today: options.date, groupsOnly: groupsOnly,
            options: DiagramOptions(id: "gantt", standalone: false, link: taskLink(from: path)))
        var ganttHTML = HTML(capacity: gantt.markup.count + 4096)
        ganttFigure(gantt, schedule: schedule, group: nil, page: path, groupsOnly: groupsOnly, into: &ganttHTML)
        extra["gantt"] = ganttHTML.string
        let overview = DependencyGraph.overview(of: schedule, plan: plan)
        let dag = DAGDiagram.render(
            overview, options: DiagramOptions(id: "dag", standalone: false, link: taskLink(from: path)),
            reusing: earlierDAGs[path])
        var dagHTML = HTML(capacity: dag.markup.count + 4096)
        dagFigure(dag, graph: overview, page: path, into: &dagHTML)
        extra["dag"] = dagHTML.string
        extra["documents"] = documentsTable(page: path)
        return page(
            path: path, title: title, kind: "Dashboard", body: HTML(), searchText: reasons.joined(separator: " "),
            diagrams: 2, dag: dag, template: "dashboard", extra: extra)
    }

    /// The documents in order, with what each changed.
    func documentsTable(page: String) -> String {
        var html = HTML(capacity: 1024)
        let iterations = Dictionary(plan.iterations.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        html.table(headers: ["Document", "Kind", "Date", "Added#", "Revised#", "Removed#"], rows: plan.documents) {
            html, document, column in
            let iteration = iterations[document.path]
            switch column {
            case 0:
                html.link(
                    SitePaths.relative(from: page, to: SitePaths.document(document.path)),
                    document.title.isEmpty ? document.path : document.title)
            case 1: html.text(document.kind.rawValue)
            case 2: html.text(document.date ?? "")
            case 3: html.number(iteration?.added.count ?? 0)
            case 4: html.number(iteration?.revised.count ?? 0)
            default: html.number(iteration?.removed.count ?? 0)
            }
        }
        return html.string
    }

    /// The Gantt chart with its data as a table.
    func ganttFigure(
        _ chart: GanttDiagram, schedule: Schedule, group: String?, page: String, groupsOnly: Bool = false,
        into html: inout HTML
    ) {
        if groupsOnly {
            html.raw("<p>");
            html.text(
                "The plan has \(schedule.tasks.count) tasks: the chart shows one row per group; each group's page has its full chart.");
            html.raw("</p>")
        }
        let tasks = schedule.taskIndices(inGroup: group).map { schedule.tasks[$0] }
        html.diagram(chart.markup, tableSummary: "The schedule as a table") { html in
            if groupsOnly {
                html.table(headers: ["Group", "Start", "Finish"], rows: schedule.groupSpans) { html, span, column in
                    switch column {
                    case 0: html.link(SitePaths.relative(from: page, to: SitePaths.group(span.groupID)), groupName(span.groupID))
                    case 1: html.text(when(span.start))
                    default: html.text(when(span.finish, finish: true))
                    }
                }
                return
            }
            html.table(headers: ["Task", "Start", "Finish", "Days#", "Slack#", "Critical"], rows: tasks) { html, task, column in
                switch column {
                case 0:
                    if task.kind == .block {
                        html.link(SitePaths.relative(from: page, to: SitePaths.block(task.id)), blockName(task.id))
                    } else {
                        html.text(task.id)
                    }
                case 1: html.text(when(task.earlyStart))
                case 2: html.text(task.durationDays == 0 ? when(task.earlyStart) : when(task.earlyFinish, finish: true))
                case 3:
                    html.raw(numberText(task.durationDays))
                    if task.kind == .block, schedule.assumedEstimates.contains(task.id) { html.text(" (assumed)") }
                case 4: html.raw(numberText(task.slack))
                default: html.text(task.critical ? "critical" : task.nearCritical ? "near critical" : "")
                }
            }
        }
    }

    /// The dependency graph with its edges as a table.
    func dagFigure(_ drawing: DAGDiagram, graph: DependencyGraph, page: String, into html: inout HTML) {
        let root = SitePaths.root(of: page)
        html.diagram(drawing.markup, tableSummary: "The dependencies as a table") { html in
            html.table(headers: ["From", "To", "Kind"], rows: graph.edges) { html, edge, column in
                switch column {
                case 0, 1:
                    let n = column == 0 ? edge.from : edge.to  // read in place: a node copy retains its task
                    if graph.nodes[n].task?.kind == .block, let id = graph.nodes[n].task?.id {
                        html.link(root + SitePaths.block(id), graph.nodes[n].name)
                    } else if graph.nodes[n].kind == .group, graph.nodes[n].task == nil,
                        let id = graph.nodes[n].id.split(separator: " ").last
                    {
                        html.link(root + SitePaths.group(String(id)), graph.nodes[n].name)
                    } else {
                        html.text(graph.nodes[n].name)
                    }
                default:
                    var kind = edge.startToStart ? "may start together" : "finish to start"
                    if edge.count > 1 { kind += " (\(edge.count) links)" }
                    if edge.critical { kind += ", critical" }
                    if edge.cut { kind += ", closes a cycle (ignored)" }
                    html.text(kind)
                }
            }
        }
    }
}
