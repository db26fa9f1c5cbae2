import ArgumentParser
import LoopReportAnalysis
import LoopReportDiagrams
import LoopReportExport
import LoopReportModel
import LoopReportPipeline

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case json, csv, ics, svg, dot, mermaid }

enum DiagramKind: String, ExpressibleByArgument, CaseIterable { case dag, gantt }

extension CSVExport.Table: ExpressibleByArgument {}

/// `loopreport export --format json [DIR]`: the whole model as JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the plan model, its schedule and its figures in a machine-readable format.",
        discussion: """
            json: the whole model (docs/export-json.md); csv: the schedule or variance table; ics: group \
            finishes and milestones as calendar events (needs a start date); svg: the dependency graph or \
            the Gantt chart as one standalone SVG (never collapsed); dot: the dependency graph for Graphviz; \
            mermaid: the Gantt chart or the dependency graph (as a flowchart). Diagnostics go to standard error.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @Option(help: "Export format: json (the whole model), csv (a table), ics (calendar events).")
    var format: ExportFormat = .json

    @Option(help: "With --format csv: the table to write (schedule or variance).")
    var table: CSVExport.Table = .schedule

    @Option(help: "With --format svg or mermaid: the diagram (dag or gantt).")
    var diagram: DiagramKind = .dag

    @Option(help: "With --format svg, dot or mermaid: only this group's blocks (its id, e.g. 2).")
    var group: String?

    @Option(help: "With --diagram gantt: the date of the today line (YYYY-MM-DD).")
    var date: String?

    @Flag(help: "Print how long each stage took (to standard error).")
    var timings = false

    @Option(
        name: .shortAndLong,
        help: "Write to this file (atomically) instead of standard output; an existing file only if LoopReport wrote it.")
    var output: String?

    @Flag(help: "With --output: replace the file even if LoopReport did not write it (never one in the content directory).")
    var force = false

    func validate() throws {
        try validateDateOption(date)
    }

    func run() throws {
        let loaded = project.load()
        KeepUntilExit.hold(loaded)
        if let output {
            do { try SiteWriter.checkOutput(output, content: loaded.origin.directory) } catch let error as SiteWriter.WriteError {
                throw CommandError(error.description)
            }
        }
        let bytes: [UInt8]
        let clock = ContinuousClock()
        let renderStart = clock.now
        switch format {
        case .json: bytes = try JSONExport.encode(plan: loaded.plan, analysis: loaded.analysis, diagnostics: loaded.diagnostics)
        case .csv: bytes = CSVExport.encode(table, plan: loaded.plan, analysis: loaded.analysis)
        case .ics:
            do { bytes = try ICSExport.encode(plan: loaded.plan, analysis: loaded.analysis) } catch let error as ICSExport.MissingStartDate
            { throw CommandError(error.description) }
        case .svg, .dot, .mermaid:
            if let group, loaded.plan.group(group) == nil {
                throw CommandError("there is no Group \(group) in the plan")
            }
            let today = try dateOption(date)
            bytes = DiagramExport.encode(format: format, diagram: diagram, group: group, today: today, loaded: loaded)
        }
        let renderTime = clock.now - renderStart
        if !loaded.diagnostics.isEmpty {
            DiagnosticPrinter.print(loaded, options: diagnosticOptions, toStandardOutput: false)
        }
        if timings { DiagnosticPrinter.printTimings(loaded.timings + [("export \(format.rawValue)", renderTime)]) }
        if let output {
            try Terminal.writeFile(output, bytes, force: force)
        } else {
            Terminal.write(bytes: bytes)
        }
        try DiagnosticPrinter.exitIfFailed(loaded.diagnostics, strict: diagnosticOptions.strict)
    }
}

enum DiagramExport {
    static func encode(
        format: ExportFormat, diagram: DiagramKind, group: String?, today: CalendarDate?,
        loaded: LoadedProject
    ) -> [UInt8] {
        let plan = loaded.plan, analysis = loaded.analysis
        let graph = { DependencyGraph.tasks(of: analysis.schedule, plan: plan, group: group) }
        switch (format, diagram) {
        case (.dot, _): return DOTExport.encode(graph())
        case (.mermaid, .gantt): return MermaidExport.gantt(plan: plan, analysis: analysis, group: group)
        case (.mermaid, .dag): return MermaidExport.flowchart(graph())
        case (_, .gantt):
            let chart = GanttChart.render(
                plan: plan, analysis: analysis, group: group, today: today,
                options: DiagramOptions(id: "gantt", standalone: true))
            return chart.markup
        case (_, .dag):
            let drawing = DAGDiagram.render(graph(), options: DiagramOptions(id: "dag", standalone: true))
            return drawing.markup
        }
    }
}
